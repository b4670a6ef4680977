"""The same core on a real PostgreSQL server (the multi-user set-up)."""
import datetime as dt

import pytest
from sqlalchemy import select

from canvass.db import SCHEMA_VERSION, bulk_insert, next_id, schema_version, sync_sequence
from canvass.events import record_visit
from canvass.models import Hamlet, Resident
from canvass.text import name_sort_key
from tests.factories import make_commune

pytestmark = pytest.mark.postgres


def test_schema_and_visits_on_postgres(pg_db):
    with pg_db.engine.connect() as conn:
        assert schema_version(conn) == SCHEMA_VERSION
    ids = make_commune(pg_db)
    with pg_db.session() as s:
        record_visit(s, ids[0], "ineligible", reason="elderly", at=dt.datetime(2025, 3, 10, 9))
    with pg_db.session() as s:
        r = s.get(Resident, ids[0])
        assert (r.status, r.status_reason, r.attempts) == ("ineligible", "elderly", 1)


def test_name_sort_is_byte_order_on_postgres(pg_db):
    """The sort key column uses the C collation, so PostgreSQL orders names as Vietnamese expects."""
    make_commune(pg_db)
    with pg_db.session() as s:
        names = list(s.scalars(select(Resident.name).order_by(Resident.name_sort)))
    assert names == sorted(names, key=name_sort_key)


def test_bulk_insert_then_orm_insert_on_postgres(pg_db):
    """Ids given by a bulk insert move the sequence on, so the next ORM insert does not collide."""
    with pg_db.connect() as conn:
        start = next_id(conn, Hamlet.__table__)
        bulk_insert(conn, Hamlet.__table__, ("id", "name", "name_fold"),
                    [(start + i, f"Thôn {i}", f"thon {i}") for i in range(3)])
        sync_sequence(conn, Hamlet.__table__)
    with pg_db.session() as s:
        h = Hamlet(name="Thôn mới", name_fold="thon moi")
        s.add(h)
        s.flush()
        assert h.id == start + 3
