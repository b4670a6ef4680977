"""The rows every list document reads: residents with their hamlet, household and team, in chunks, with the
visits that count of each chunk fetched alongside (a list of 300,000 residents never sits in memory).

Row values are plain Python: str, int, float, datetime.date or None.
"""
from __future__ import annotations

import datetime as dt
from typing import Iterator, NamedTuple, Optional, Sequence

from sqlalchemy import String, case, func, select, type_coerce
from sqlalchemy.orm import Session

from canvass.display import birth_year, phone_text, shown_number, shown_text
from canvass.events import INELIGIBLE_REASONS, voided_visits
from canvass.exporting.documents.model import Scope
from canvass.models import Hamlet, Household, Resident, Team
from canvass.text import sort_key
from canvass.walklist import household_order_sql

CHUNK = 1000

_DAYS: dict[str, dt.date] = {}   # ISO day text -> date (bounded by the number of distinct days)


def day_of(v) -> Optional[dt.date]:
    """A date from a driver value: SQLite gives ISO text (read uncoerced, fast), PostgreSQL date/datetime."""
    if v is None or type(v) is dt.date:
        return v
    if isinstance(v, str):
        key = v[:10]
        day = _DAYS.get(key)
        if day is None:
            day = _DAYS[key] = dt.date.fromisoformat(key)
        return day
    return v.date() if isinstance(v, dt.datetime) else v


def dob_of(dob, raw) -> object:
    """The date of birth cell: the date, else the text as written."""
    return day_of(dob) if dob is not None else (raw or None)


def year_of(dob, raw) -> Optional[int]:
    """The year of birth cell (see canvass.display.birth_year)."""
    return birth_year(day_of(dob), raw)


class Visit(NamedTuple):
    """One visit that counts (not voided, not a re-opening)."""
    day: dt.date
    outcome: str
    reason: Optional[str]
    note: Optional[str]


def _events_of(session: Session, ids: Sequence[int]) -> list[tuple]:
    """(id, resident_id, kind, at, outcome, reason, note, data) of every event of these residents.

    Straight through the driver's cursor (one statement per chunk of a big export: SQLAlchemy's compiling of
    a 1,000-value IN list and its row processing cost more than the query itself); `at` comes back as the
    driver gives it (ISO text on SQLite, datetime on PostgreSQL), which `day_of` reads.
    """
    conn = session.connection()
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = ("SELECT id, resident_id, kind, at, outcome, reason, note, data FROM event WHERE resident_id IN ("
           + ",".join([mark] * len(ids)) + ")")
    cur = conn.connection.driver_connection.cursor()
    try:
        cur.execute(sql, list(ids))
        return cur.fetchall()
    finally:
        cur.close()


def visits_of(session: Session, ids: Sequence[int]) -> dict[int, list[Visit]]:
    """The visits that count of these residents, oldest first.

    The kinds are filtered here, not in SQL: given `kind IN (...)` SQLite would walk the (kind, at) index
    over every visit of the commune instead of the resident index.
    """
    rows = [r for r in _events_of(session, ids) if r[2] == "visit" or r[2] == "visit_void"]
    voided = voided_visits((r[2], r[7]) for r in rows)
    out: dict[int, list[Visit]] = {}
    rows.sort(key=lambda r: (r[1], r[3], r[0]))
    for eid, rid, kind, at, outcome, reason, note, _data in rows:
        if kind == "visit" and outcome != "pending" and eid not in voided:
            out.setdefault(rid, []).append(Visit(day_of(at), outcome, reason, note))
    return out


def hamlet_rank(session: Session):
    """A SQL expression ordering hamlets in Vietnamese name order (as the daily report lists them)."""
    names = session.execute(select(Hamlet.id, Hamlet.name)).all()
    ranked = sorted(names, key=lambda r: (sort_key(r.name), r.id))
    if not ranked:
        return Hamlet.id
    return case({hid: i for i, (hid, _n) in enumerate(ranked)}, value=Resident.hamlet_id, else_=len(ranked))


def reason_rank():
    """A SQL expression ordering the cannot-activate reasons as INELIGIBLE_REASONS lists them."""
    return case({r: i for i, r in enumerate(INELIGIBLE_REASONS)}, value=Resident.status_reason,
                else_=len(INELIGIBLE_REASONS))


def household_order():
    """The one walk order (canvass.walklist), households in address order."""
    return household_order_sql()


# dates are read as the driver gives them and converted by day_of (SQLAlchemy's SQLite date parsing is slow)
_BASE_COLUMNS = (Resident.id, Resident.name, type_coerce(Resident.dob, String).label("dob"), Resident.dob_raw,
                 Resident.cccd, Resident.phone, Resident.phone_raw, Resident.phone_new, Resident.address,
                 Resident.status, Resident.status_reason, type_coerce(Resident.status_at, String).label("status_at"),
                 Resident.attempts, Resident.team_id, Resident.hamlet_id, Resident.is_head,
                 Resident.household_id, Hamlet.name.label("hamlet"), Household.number.label("hh_number"),
                 Household.key.label("hh_key"), Household.head_name.label("hh_head"),
                 Household.address.label("hh_address"), Team.name.label("team"))


def _where(stmt, scope: Scope, condition):
    stmt = stmt.where(condition)
    if scope.hamlet_id is not None:
        stmt = stmt.where(Resident.hamlet_id == scope.hamlet_id)
    if scope.team_id is not None:
        stmt = stmt.where(Resident.team_id == scope.team_id)
    return stmt


def select_rows(condition, scope: Scope, order: Sequence):
    """The residents meeting `condition` within the scope, with hamlet, household and team, in `order`."""
    stmt = (select(*_BASE_COLUMNS).select_from(Resident).join(Hamlet, Resident.hamlet_id == Hamlet.id)
            .outerjoin(Household, Resident.household_id == Household.id)
            .outerjoin(Team, Resident.team_id == Team.id))
    return _where(stmt, scope, condition).order_by(*order)


def counts(session: Session, condition, scope: Scope, *keys) -> dict[tuple, int]:
    """Number of rows per group key (e.g. per hamlet name), with the document's filters."""
    stmt = (select(*keys, func.count()).select_from(Resident).join(Hamlet, Resident.hamlet_id == Hamlet.id)
            .outerjoin(Team, Resident.team_id == Team.id))
    stmt = _where(stmt, scope, condition).group_by(*keys)
    return {tuple(r[:-1]): r[-1] for r in session.execute(stmt)}


def stream(session: Session, stmt, scope: Scope, need_visits: bool) -> Iterator[tuple]:
    """(row, visits) for every row of the query, fetched in chunks; reports progress per chunk."""
    done = 0
    result = session.connection().execution_options(yield_per=CHUNK).execute(stmt)
    for chunk in result.partitions():
        visits = visits_of(session, [r.id for r in chunk]) if need_visits else {}
        for r in chunk:
            yield r, visits.get(r.id, ())
        done += len(chunk)
        scope.tick(done)


def id_cells(r, scope: Scope) -> tuple[Optional[str], Optional[str]]:
    """The CCCD and phone cells of a row (masked when the document is: see canvass.display)."""
    return shown_number(r.cccd, scope.mask), shown_number(phone_text(r.phone, r.phone_raw), scope.mask)


def address_cell(r, scope: Scope) -> Optional[str]:
    """The resident's address (else the household's), scrubbed when masked."""
    return shown_text(r.address or r.hh_address, scope.mask)


def joined(scope: Scope, *parts) -> Optional[str]:
    """Free-text parts (a reason, a team's note) in one cell; masked documents hide long digit runs."""
    text = "; ".join(p for p in parts if p)
    return shown_text(text, scope.mask) or None
