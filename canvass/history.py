"""A resident's history: every event of their log, oldest first, as plain data (which team, who recorded it,
whether a later event undid it, the new phone a visit reported). The command line's `history` and the window's
details dialog both read it here."""
from __future__ import annotations

import json
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from canvass.events import resident_events, voided_visits
from canvass.models import Resident, Team


def _data(raw: Optional[str]) -> Optional[dict]:
    try:
        value = json.loads(raw) if raw else None
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def resident_history(session: Session, resident_id: int) -> list[dict]:
    """Every event of one resident (oldest first) with its team's name and whether it was undone."""
    names = dict(session.execute(select(Team.id, Team.name)).all())
    events = resident_events(session, resident_id)
    datas = {e.id: _data(e.data) for e in events}
    voided = voided_visits((e.kind, datas[e.id]) for e in events)
    return [{"id": e.id, "kind": e.kind, "at": e.at, "recorded_at": e.recorded_at, "actor": e.actor,
             "team_id": e.team_id, "team": names.get(e.team_id) if e.team_id else None,
             "outcome": e.outcome, "reason": e.reason, "note": e.note, "data": datas[e.id],
             "new_phone": (datas[e.id] or {}).get("new_phone"), "voided": e.id in voided} for e in events]


def resident_by_id(session: Session, resident_id: int) -> Optional[Resident]:
    """One resident (with their household, hamlet and team loaded on access), or None."""
    return session.get(Resident, resident_id)


__all__ = ["resident_history", "resident_by_id"]
