"""Recording what was read from photos: one visit per sure row, exactly as keying records one.

Each visit is by the page's team, at midday of the page's day (the rule for a date written without a
time), with `source = {"via": "scan", "print", "page", "row", "photo_sha256"}`. A printed row already
recorded from a photo (any photo of that page: the same tick) is skipped, so reading the same photo twice
changes nothing. All in one write transaction.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Iterable, Optional

from sqlalchemy import select

from canvass.events import record_visit
from canvass.models import Event, Resident
from canvass.scan.reader import PageReading, ScanResult, visit_time


@dataclass(frozen=True)
class Decision:
    """One row to record: from a page, the outcome (and reason/note when a person gave them in review)."""
    page: PageReading
    row: int
    outcome: str
    reason: Optional[str] = None
    note: Optional[str] = None


@dataclass
class ApplyResult:
    """What applying recorded: visit event ids, and rows skipped because they were already recorded."""
    recorded: list[int] = field(default_factory=list)
    already: int = 0
    residents: set[int] = field(default_factory=set)


def sure_decisions(result: ScanResult) -> list[Decision]:
    """The rows read with certainty (one clear tick, an outcome needing no reason)."""
    return [Decision(p, r.row, r.outcome) for p in result.pages for r in p.rows if r.state == "sure"]


def source_of(page: PageReading, row: int) -> dict:
    """The provenance a scanned visit carries."""
    return {"via": "scan", "print": page.printed.key, "page": page.printed.page, "row": row,
            "photo_sha256": page.photo_sha256}


def _already(session, resident_id: int, key: str, page: int, row: int) -> bool:
    for (data,) in session.execute(select(Event.data).where(Event.resident_id == resident_id,
                                                            Event.kind == "visit", Event.data.is_not(None))):
        d = json.loads(data)
        if d.get("via") == "scan" and d.get("print") == key and d.get("page") == page and d.get("row") == row:
            return True
    return False


def apply_decisions(db, decisions: Iterable[Decision], *, actor: Optional[str] = None,
                    today: Optional[dt.date] = None) -> ApplyResult:
    """Record a visit for each decision not recorded before, in one write transaction."""
    out = ApplyResult()
    with db.session() as s:
        for d in decisions:
            printed = d.page.printed
            resident_id = printed.rows[d.row - 1].resident_id
            if _already(s, resident_id, printed.key, printed.page, d.row):
                out.already += 1
                continue
            resident = s.get(Resident, resident_id)
            e = record_visit(s, resident, d.outcome, team_id=printed.team_id, at=visit_time(printed.day),
                             actor=actor, reason=d.reason, note=d.note, source=source_of(d.page, d.row),
                             today=today)
            out.recorded.append(e.id)
            out.residents.add(resident_id)
    return out
