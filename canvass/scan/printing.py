"""The record of printed walk-list pages: what a photo's QR code resolves to.

A printed page's rows map to residents only through this record (never through the names or numbers
printed on the page), so a photo can never hand one resident's tick to another.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from canvass.db import now
from canvass.models import WalklistPage


@dataclass(frozen=True)
class PrintedRow:
    """One resident's row on a printed page: its top and height in mm."""
    resident_id: int
    top: float
    height: float


@dataclass(frozen=True)
class PrintedPage:
    """A printed walk-list page as recorded: key, page number, team, day, rows and box columns (x, width)."""
    key: str
    page: int
    team_id: Optional[int]
    day: dt.date
    rows: tuple[PrintedRow, ...]
    boxes: tuple[tuple[float, float], ...]


def record_print(session: Session, printed: dict, day: dt.date) -> int:
    """Store every page of a walk list the PDF writer laid out (`Document.printed`); returns the pages."""
    stamp = now()
    boxes = printed.get("boxes", [])
    for page, content in sorted(printed["pages"].items()):
        session.add(WalklistPage(print_key=printed["key"], page=page, team_id=content["team"], day=day,
                                 printed_at=stamp, layout=json.dumps({"boxes": boxes, "rows": content["rows"]})))
    return len(printed["pages"])


def find_page(session: Session, key: str, page: int) -> Optional[PrintedPage]:
    """The printed page a QR code names, None when this database never printed it."""
    row = session.scalars(select(WalklistPage).where(WalklistPage.print_key == key,
                                                     WalklistPage.page == page)).first()
    if row is None:
        return None
    layout = json.loads(row.layout)
    return PrintedPage(key=row.print_key, page=row.page, team_id=row.team_id, day=row.day,
                       rows=tuple(PrintedRow(int(r), float(t), float(h)) for r, t, h in layout["rows"]),
                       boxes=tuple((float(x), float(w)) for x, w in layout.get("boxes", [])))
