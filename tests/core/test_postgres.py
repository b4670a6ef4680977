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


def test_bulk_insert_by_copy_keeps_every_value_as_given(pg_db, monkeypatch):
    """COPY's text format has its own escapes (tab, newline, backslash, \\N for NULL): values that contain them,
    and bytes come back as an INSERT writes them (dates, booleans and NULLs: the golden import test writes them
    both ways), and a constraint COPY breaks is raised as SQLAlchemy's error, as an INSERT's is."""
    import canvass.db
    from sqlalchemy.exc import IntegrityError

    from canvass.db import copy_allowed
    from canvass.models import SourceText

    texts = ["a\tb", "dòng 1\ndòng 2\r", "C:\\Users\\x", "\\N", "", "Nguyễn Thị Ánh", '["x", null, "\\t"]']
    st = SourceText.__table__
    got = {}
    for copy, offset in ((True, 0), (False, 100)):
        monkeypatch.setattr(canvass.db, "POSTGRES_COPY", copy)
        with pg_db.connect() as conn:
            assert copy_allowed(conn, st)           # the test server's owner: the COPY path is the one taken
            bulk_insert(conn, st, ("id", "hash", "raw"),
                        [(offset + i, bytes([offset, i]) * 8, t) for i, t in enumerate(texts)])
            got[copy] = [(bytes(h)[1:2], r) for h, r in conn.execute(
                select(st.c.hash, st.c.raw).where(st.c.id.between(offset, offset + 99)).order_by(st.c.id))]
    assert got[True] == got[False] == [(bytes([i]), t) for i, t in enumerate(texts)]
    monkeypatch.setattr(canvass.db, "POSTGRES_COPY", True)
    with pytest.raises(IntegrityError):
        with pg_db.connect() as conn:        # the same hash again: the unique index refuses it
            bulk_insert(conn, st, ("id", "hash", "raw"), [(500, bytes([0, 0]) * 8, "again")])
    with pg_db.connect() as conn:
        assert conn.execute(select(st.c.id).where(st.c.id == 500)).first() is None


def test_search_by_the_end_of_a_number_on_postgres_and_its_migration(pg_db, pg_url):
    """The reversed numbers are computed by PostgreSQL too, and a version-2 database gets them on opening."""
    from sqlalchemy import text

    from canvass.db import open_database
    from canvass.residents import ResidentQuery, resident_ids

    ids = make_commune(pg_db)
    with pg_db.session() as s:
        record_visit(s, ids[3], "wrong_phone", new_phone="+84355123789", at=dt.datetime(2025, 3, 10, 9))
    with pg_db.connect() as conn:
        for column in ("cccd_rev", "phone_rev", "phone_new_rev"):
            conn.execute(text(f"ALTER TABLE resident DROP COLUMN {column}"))
        conn.execute(text("DROP INDEX ix_resident_phone_new"))
        conn.execute(text("UPDATE meta SET value = '2' WHERE key = 'schema_version'"))
    db = open_database(pg_url)
    try:
        with db.session() as s:
            assert resident_ids(s, ResidentQuery(search="0005")) == [ids[4]]     # CCCD …0005, phone …0005
            assert resident_ids(s, ResidentQuery(search="3789")) == [ids[3]]     # a visit's new phone
            assert resident_ids(s, ResidentQuery(search="0355 123")) == [ids[3]]
    finally:
        db.dispose()
