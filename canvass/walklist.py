"""Walk-list order: the one order of a team's doors, shared by the printed walk list, the team pack and the
keying view, so a team lead typing a paper list back finds the residents in the order on the paper.

Hamlets in Vietnamese name order; in each, the households in address order (`Household.sort_key`), then the
residents who have no household; in a household the head first, then by Vietnamese name.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from canvass.display import birth_year, household_label, phone_grouped
from canvass.models import Hamlet, Household, Resident
from canvass.text import sort_key


def walk_key(hamlet_name: str, hamlet_id: int, household_id: Optional[int], household_sort_key: Optional[str],
             is_head: bool, name_sort: Optional[str], resident_id: int) -> tuple:
    """The sort key of one resident in walk-list order."""
    return (sort_key(hamlet_name or ""), hamlet_id, household_id is None, household_sort_key or "",
            household_id or 0, not is_head, name_sort or "", resident_id)


def household_order_sql() -> tuple:
    """The same order within a hamlet, as SQL ORDER BY terms (Household joined outer)."""
    return (Resident.household_id.is_(None), Household.sort_key, Resident.household_id, Resident.is_head.desc(),
            Resident.name_sort, Resident.id)


# The walk list as the keying view shows it: the one query, rows in walk-list order.
@dataclass
class KeyingRow:
    """What one row of the keying table shows."""
    id: int
    hamlet: str
    household: Optional[str]
    address: Optional[str]
    name: str
    born: Optional[int]
    phone: Optional[str]
    status: str
    reason: Optional[str]
    attempts: int
    last_visit_at: Optional[dt.datetime]


def _select():
    r, h, hh = Resident.__table__, Hamlet.__table__, Household.__table__
    return (select(r.c.id, h.c.name.label("hamlet"), hh.c.number, hh.c.key, r.c.address, hh.c.address.label("hh_address"),
                   r.c.name, r.c.dob, r.c.dob_raw, r.c.phone, r.c.phone_raw, r.c.status, r.c.status_reason,
                   r.c.attempts, r.c.last_visit_at)
            .select_from(r.join(h, h.c.id == r.c.hamlet_id).outerjoin(hh, hh.c.id == r.c.household_id)))


def _row(m) -> KeyingRow:
    return KeyingRow(id=m["id"], hamlet=m["hamlet"], household=household_label(m["number"], m["key"]),
                     address=m["address"] or m["hh_address"], name=m["name"], born=birth_year(m["dob"], m["dob_raw"]),
                     phone=phone_grouped(m["phone"], m["phone_raw"]), status=m["status"], reason=m["status_reason"],
                     attempts=m["attempts"] or 0, last_visit_at=m["last_visit_at"])


def walk_rows(session: Session, team_id: Optional[int], hamlet_id: Optional[int] = None) -> list[KeyingRow]:
    """A team's residents (or a hamlet's, without a team) in walk-list order (`canvass.walklist`)."""
    r, hh = Resident.__table__, Household.__table__
    stmt = _select()
    if team_id is not None:
        stmt = stmt.where(r.c.team_id == team_id)
    if hamlet_id is not None:
        stmt = stmt.where(r.c.hamlet_id == hamlet_id)
    if team_id is None and hamlet_id is None:
        return []
    stmt = stmt.add_columns(r.c.hamlet_id, r.c.household_id, hh.c.sort_key, r.c.is_head, r.c.name_sort)
    found = list(session.execute(stmt).mappings())
    found.sort(key=lambda m: walk_key(m["hamlet"], m["hamlet_id"], m["household_id"], m["sort_key"], m["is_head"],
                                      m["name_sort"], m["id"]))
    return [_row(m) for m in found]


def rows_by_id(session: Session, ids: Sequence[int]) -> dict[int, KeyingRow]:
    """Fresh rows for some residents."""
    stmt = _select().where(Resident.__table__.c.id.in_(list(ids)))
    return {m["id"]: _row(m) for m in session.execute(stmt).mappings()}
