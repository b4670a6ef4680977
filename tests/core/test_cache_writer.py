"""The resident's cached state has one writer: every path that refreshes it writes every cached column, so a
column added to the state cannot be forgotten by one of them (the re-import's bulk refresh once forgot the
visit's new phone)."""
from __future__ import annotations

from sqlalchemy import update

from canvass.events import CACHED_COLUMNS, derive_state, record_visit, resident_events, state_columns
from canvass.models import Resident
from tests.factories import make_commune


def _cached(s, rid) -> dict:
    r = s.get(Resident, rid)
    return {c: getattr(r, c) for c in CACHED_COLUMNS}


def test_state_columns_name_every_cached_column():
    from canvass.events import ResidentState

    assert set(state_columns(ResidentState())) == set(CACHED_COLUMNS)


def test_the_reimports_bulk_refresh_writes_every_cached_column(db):
    from canvass.importing.reconcile import _refresh

    ids = make_commune(db, households_per_hamlet=1, people_per_household=2)
    with db.session() as s:
        record_visit(s, ids[0], "wrong_phone", new_phone="+84912345678")
    with db.session() as s:       # every cached column made wrong behind the log's back
        s.execute(update(Resident).where(Resident.id == ids[0]).values(
            status="refused", status_reason="x", attempts=9, team_id=None, phone_new="+84900000000",
            revisit_on=None, last_visit_at=None, status_at=None))
    with db.connect() as conn:
        _refresh(conn, [ids[0]])
    with db.read() as s:
        assert _cached(s, ids[0]) == state_columns(derive_state(resident_events(s, ids[0])))
        assert s.get(Resident, ids[0]).phone_new == "+84912345678"
