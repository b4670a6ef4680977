"""The reversed CCCD / phone columns (search by the end of a number): the expression a new database computes
(`models.reversed_of`, which skips the work a short or NULL value does not need) gives exactly what the plain
chain of REVERSED_WIDTH substr() gave — databases made before keep that chain — and what Python's reversal of
the first REVERSED_WIDTH characters gives, on SQLite and on PostgreSQL."""
from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.dialects import postgresql, sqlite

from canvass.db import open_database
from canvass.models import REVERSED_WIDTH, Resident, _reversed_chain, reversed_of

# what lists and visits put there (digits, +84 numbers, CMNDs), and anything else a text can hold
numbers = st.one_of(st.none(), st.text(alphabet="0123456789+ ", max_size=25), st.text(max_size=25))


def _plain(column: str) -> str:
    return _reversed_chain(column, REVERSED_WIDTH)


def _expected(v):
    return None if v is None else v[:REVERSED_WIDTH][::-1]


def _new_expression(dialect) -> str:
    return str(reversed_of("x").sqltext.compile(dialect=dialect))


@pytest.fixture(scope="module")
def lite():
    con = sqlite3.connect(":memory:")
    con.execute(f"CREATE TABLE t (x TEXT, new TEXT GENERATED ALWAYS AS ({_new_expression(sqlite.dialect())}) STORED,"
                f" old TEXT GENERATED ALWAYS AS ({_plain('x')}) STORED)")
    yield con
    con.close()


@settings(max_examples=400, deadline=None)
@given(st.lists(numbers, min_size=1, max_size=20))
def test_new_expression_equals_the_plain_chain_on_sqlite(lite, values):
    lite.execute("DELETE FROM t")
    lite.executemany("INSERT INTO t (x) VALUES (?)", [(v,) for v in values])
    for x, new, old in lite.execute("SELECT x, new, old FROM t ORDER BY rowid"):
        _check(x, new, old)
    lite.execute("UPDATE t SET x = x || '7'")        # recomputed on UPDATE too
    for x, new, old in lite.execute("SELECT x, new, old FROM t"):
        _check(x, new, old)


def _check(x, new, old):
    assert new == old                 # what a database made before computes, for every text
    if x is None or "\x00" not in x:   # SQLite's text functions stop at a NUL character (never in a number)
        assert new == _expected(x)


def test_a_new_database_uses_the_new_expression_and_finds_by_ending(tmp_path):
    db = open_database(tmp_path / "c.db")
    with db.engine.connect() as conn:
        ddl = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = 'resident'").scalar()
    db.dispose()
    assert ddl.count("CASE WHEN") == 3 and "length(cccd) <= 12" in ddl


def test_new_expression_equals_the_plain_chain_on_postgresql(pg_db):
    values = [None, "", "1", "0123456789", "001234567890", "+84912345678", "+842438253456", "123456789012345678901234",
              "Đặng 12", "  +84 91"]
    with pg_db.engine.begin() as conn:
        conn.execute(text(f"CREATE TEMP TABLE t (x TEXT, new TEXT GENERATED ALWAYS AS "
                          f"({_new_expression(postgresql.dialect())}) STORED, old TEXT GENERATED ALWAYS AS "
                          f"({_plain('x')}) STORED)"))
        conn.execute(text("INSERT INTO t (x) VALUES (:x)"), [{"x": v} for v in values])
        rows = conn.execute(text("SELECT x, new, old FROM t")).all()
        ddl = conn.execute(text("SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a "
                                "ON a.attrelid = d.adrelid AND a.attnum = d.adnum "
                                "WHERE d.adrelid = 'resident'::regclass AND a.attname = 'cccd_rev'")).scalar()
    assert [(x, new) for x, new, _ in rows] == [(x, _expected(x)) for x, _, _ in rows]
    assert all(new == old for _, new, old in rows)
    assert "CASE" in ddl.upper()
    assert Resident.__table__.c.cccd_rev.computed is not None
