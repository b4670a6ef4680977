"""The residents query: filter, search and sort residents in SQL, and fetch table rows for a page of ids.

The window's table model and the `canvass residents` command both use it. Search ignores case and
Vietnamese diacritics ("d" finds "đ") by comparing against the stored folded name (`name_fold`):
every word of the query must be the start of a word of the name (so "ng v an" finds "Nguyễn Văn An"),
and a word made of digits may instead be part of the CCCD, or of the phone (a leading 0 stands for +84).
Plain SQLAlchemy Core: the same SQL runs on SQLite and PostgreSQL.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Optional, Sequence

from sqlalchemy import and_, false, func, or_, select
from sqlalchemy.orm import Session

from canvass.models import SORTABLE_RESIDENT_COLUMNS, Hamlet, Household, Resident, Team
from canvass.text import fold

_TOKEN_RE = re.compile(r"[0-9a-z]+")
_DIGIT_GROUP_RE = re.compile(r"(?<=\d)[\s.\-](?=\d)")


@dataclass(frozen=True)
class ResidentQuery:
    """What the residents table shows: a search text, filters and a sort order."""
    search: str = ""                        # name, CCCD or phone; ignores case and diacritics
    hamlet_ids: tuple[int, ...] = ()
    team_ids: tuple[Optional[int], ...] = ()  # None in the tuple = unassigned
    statuses: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    household_id: Optional[int] = None
    sort: str = "name_sort"                 # one of canvass.models.SORTABLE_RESIDENT_COLUMNS
    descending: bool = False


@dataclass(frozen=True)
class ResidentRow:
    """What one row of the residents table shows."""
    id: int
    name: str
    cccd: Optional[str]
    dob: Optional[dt.date]
    dob_raw: Optional[str]
    gender: Optional[str]
    phone: Optional[str]
    phone_raw: Optional[str]
    hamlet: str
    household: Optional[str]
    household_id: Optional[int]
    address: Optional[str]
    team: Optional[str]
    team_id: Optional[int]
    status: str
    status_reason: Optional[str]
    attempts: int
    last_visit_at: Optional[dt.datetime]


def search_tokens(text: str) -> list[str]:
    """The folded words of a search text (digit groups written "0912 345 678" are joined)."""
    text = _DIGIT_GROUP_RE.sub("", fold(text or ""))
    return _TOKEN_RE.findall(text)


def _token_clause(token: str):
    """One search word: a name-word prefix, or (digits) part of the CCCD or the phone."""
    t = Resident.__table__.c
    clauses = [t.name_fold.startswith(token, autoescape=True),
               t.name_fold.contains(" " + token, autoescape=True)]
    if token.isdigit():
        clauses.append(t.cccd.contains(token, autoescape=True))
        if token.startswith("0") and len(token) > 1:
            clauses.append(t.phone.startswith("+84" + token[1:], autoescape=True))
        else:
            clauses.append(t.phone.contains(token, autoescape=True))
        clauses.append(t.phone_raw.contains(token, autoescape=True))
    return or_(*clauses)


def _where(q: ResidentQuery) -> list:
    t = Resident.__table__.c
    conds = []
    for token in search_tokens(q.search):
        conds.append(_token_clause(token))
    if q.search.strip() and not search_tokens(q.search):
        conds.append(false())  # only punctuation: nothing can match
    if q.hamlet_ids:
        conds.append(t.hamlet_id.in_(q.hamlet_ids))
    if q.team_ids:
        named = [x for x in q.team_ids if x is not None]
        parts = []
        if named:
            parts.append(t.team_id.in_(named))
        if any(x is None for x in q.team_ids):
            parts.append(t.team_id.is_(None))
        conds.append(or_(*parts))
    if q.statuses:
        conds.append(t.status.in_(q.statuses))
    if q.reasons:
        conds.append(t.status_reason.in_(q.reasons))
    if q.household_id is not None:
        conds.append(t.household_id == q.household_id)
    return conds


def _order(q: ResidentQuery) -> list:
    if q.sort not in SORTABLE_RESIDENT_COLUMNS:
        raise ValueError(f"cannot sort residents by {q.sort!r}")
    t = Resident.__table__.c
    cols = [t[q.sort]] + ([t.name_sort] if q.sort != "name_sort" else []) + [t.id]
    return [c.desc() for c in cols] if q.descending else [c.asc() for c in cols]


def resident_ids(session: Session, q: ResidentQuery) -> list[int]:
    """Every matching resident id, in the query's order."""
    t = Resident.__table__
    stmt = select(t.c.id).where(and_(*_where(q))).order_by(*_order(q))
    return list(session.execute(stmt).scalars())


def count_residents(session: Session, q: ResidentQuery) -> int:
    """How many residents match (the order does not matter)."""
    t = Resident.__table__
    stmt = select(func.count()).select_from(t).where(and_(*_where(q)))
    return int(session.execute(stmt).scalar() or 0)


def household_label(number: Optional[str], key: Optional[str]) -> Optional[str]:
    """How a household is named in a table: the list's number, else its address key; None for a
    household of one generated by the importer (keys starting with "~")."""
    if number:
        return number
    if key and not key.startswith("~"):
        return key
    return None


def resident_rows(session: Session, ids: Sequence[int]) -> list[ResidentRow]:
    """The table rows of the given residents, in the given order (unknown ids are left out)."""
    r, h, hh, tm = Resident.__table__, Hamlet.__table__, Household.__table__, Team.__table__
    stmt_base = (select(r.c.id, r.c.name, r.c.cccd, r.c.dob, r.c.dob_raw, r.c.gender, r.c.phone, r.c.phone_raw,
                        h.c.name.label("hamlet"), hh.c.number, hh.c.key, r.c.household_id, r.c.address,
                        tm.c.name.label("team"), r.c.team_id, r.c.status, r.c.status_reason, r.c.attempts,
                        r.c.last_visit_at)
                 .select_from(r.join(h, h.c.id == r.c.hamlet_id)
                              .outerjoin(hh, hh.c.id == r.c.household_id)
                              .outerjoin(tm, tm.c.id == r.c.team_id)))
    found: dict[int, ResidentRow] = {}
    ids = list(ids)
    for start in range(0, len(ids), 5000):
        chunk = ids[start:start + 5000]
        for m in session.execute(stmt_base.where(r.c.id.in_(chunk))).mappings():
            found[m["id"]] = ResidentRow(
                id=m["id"], name=m["name"], cccd=m["cccd"], dob=m["dob"], dob_raw=m["dob_raw"],
                gender=m["gender"], phone=m["phone"], phone_raw=m["phone_raw"], hamlet=m["hamlet"],
                household=household_label(m["number"], m["key"]), household_id=m["household_id"],
                address=m["address"], team=m["team"], team_id=m["team_id"], status=m["status"],
                status_reason=m["status_reason"], attempts=m["attempts"] or 0, last_visit_at=m["last_visit_at"])
    return [found[i] for i in ids if i in found]


def _normalize_key(key: str) -> Optional[str]:
    try:
        from canvass.ids import normalize_id
    except ImportError:  # pragma: no cover - the normaliser lands with the importer
        digits = re.sub(r"\D", "", key)
        return digits.zfill(12) if 10 <= len(digits) <= 12 else digits or None
    res = normalize_id(key)
    return res.value


def find_resident(session: Session, key: str) -> Optional[Resident]:
    """A resident by CCCD/CMND (normalised: spaces and lost leading zeros do not matter) or by id ("#123")."""
    key = (key or "").strip()
    if not key:
        return None
    if key.startswith("#"):
        try:
            return session.get(Resident, int(key[1:]))
        except ValueError:
            return None
    value = _normalize_key(key)
    if not value:
        return None
    return session.execute(select(Resident).where(Resident.cccd == value)).scalar_one_or_none()


__all__ = ["ResidentQuery", "ResidentRow", "resident_ids", "count_residents", "resident_rows", "find_resident",
           "search_tokens", "household_label"]
