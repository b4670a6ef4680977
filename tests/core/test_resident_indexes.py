"""The resident table's indexes (issue 14): the single-column indexes that a composite starting with the same
column made redundant are gone from new databases and dropped from older ones (one migration step, both backends),
and the queries that used them still find their rows through an index, not by reading every resident."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from canvass.db import EXTRA_INDEXES, SCHEMA_VERSION, open_database, schema_version

SCHEMA_V6 = Path(__file__).with_name("schema_v6.sql")
NOW = "2026-11-02 08:00:00"

# each dropped index, and the composite that serves its lookups now (named here, not imported: a model that
# declared `index=True` again, or a composite that went missing, fails these tests)
REDUNDANT = {"ix_resident_name_sort": ("ix_resident_name_sort_fold", ["name_sort", "id", "name_fold", "id_raw"]),
             "ix_resident_phone": ("ix_resident_phone_name", ["phone", "name_sort"]),
             "ix_resident_hamlet_id": ("ix_resident_hamlet_name", ["hamlet_id", "name_sort"]),
             "ix_resident_household_id": ("ix_resident_household_name", ["household_id", "name_sort"]),
             "ix_resident_team_id": ("ix_resident_team_name", ["team_id", "name_sort"]),
             "ix_resident_status": ("ix_resident_status_name", ["status", "name_sort"])}


def sqlite_indexes(path: Path) -> dict[str, list[str]]:
    """Every index of the resident table with its columns, as the file holds them."""
    con = sqlite3.connect(path)
    try:
        names = [r[1] for r in con.execute("PRAGMA index_list(resident)")]
        return {n: [r[2] for r in con.execute(f'PRAGMA index_info("{n}")')] for n in names}
    finally:
        con.close()


def check_indexes(indexes: dict[str, list[str]]) -> None:
    assert not set(REDUNDANT) & set(indexes)
    for composite, columns in REDUNDANT.values():
        assert indexes[composite] == columns
    for ix in EXTRA_INDEXES:
        assert indexes[ix.name] == [c.name for c in ix.columns]


def test_a_new_database_has_every_composite_and_none_of_the_redundant_indexes(tmp_path):
    db = open_database(tmp_path / "new.db")
    db.dispose()
    indexes = sqlite_indexes(tmp_path / "new.db")
    check_indexes(indexes)
    # the single-column indexes no composite starts with are still there
    for column in ("name_fold", "id_raw", "phone_new", "cccd_rev", "phone_rev", "phone_new_rev"):
        assert indexes[f"ix_resident_{column}"] == [column]


def fill_v6(execute) -> None:
    """Generated rows of a version 6 database: a commune, hamlets, households, teams, residents on teams or
    on none, with and without phones and households, their events and a pack."""
    execute("INSERT INTO commune (id, name, name_fold) VALUES (1, 'Xã Thử', 'xa thu')")
    for h in (1, 2):
        execute(f"INSERT INTO hamlet (id, commune_id, name, name_fold) VALUES ({h}, 1, 'Thôn {h}', 'thon {h}')")
        for n in range(1, 4):
            hid = 10 * h + n
            execute(f"INSERT INTO household (id, hamlet_id, key, number, sort_key) "
                    f"VALUES ({hid}, {h}, '{n}', '{n}', '{n:06d}')")
    for t in (1, 2):
        execute(f"INSERT INTO team (id, name, commune_id, created_at) VALUES ({t}, 'Tổ {t}', 1, '{NOW}')")
    statuses = ("pending", "absent", "activated", "refused")
    for rid in range(1, 25):
        hamlet, team = 1 + rid % 2, ("NULL", "1", "2")[rid % 3]
        household = "NULL" if rid % 5 == 0 else str(10 * hamlet + 1 + rid % 3)
        phone = "NULL" if rid % 4 == 0 else f"'+8491234{rid:04d}'"
        execute("INSERT INTO resident (id, cccd, id_kind, name, name_fold, name_sort, phone, hamlet_id, household_id, "
                "is_head, status, attempts, version, team_id) VALUES "
                f"({rid}, '0010990{rid:05d}', 'cccd', 'Người {rid}', 'nguoi {rid}', 'nguoi {rid:02d}', {phone}, "
                f"{hamlet}, {household}, false, '{statuses[rid % 4]}', {rid % 3}, 1, {team})")
        execute(f"INSERT INTO event (resident_id, kind, at, recorded_at, team_id) "
                f"VALUES ({rid}, 'assigned', '{NOW}', '{NOW}', {team})")
    execute("INSERT INTO pack (id, team_id, created_at, rows, checksum, mask) "
            f"VALUES ('p1', 2, '{NOW}', 1, 'x', false)")


TABLES = ("commune", "hamlet", "household", "team", "resident", "event", "pack")


def rows_of(conn) -> dict[str, list[tuple]]:
    return {t: [tuple(r) for r in conn.execute(text(f"SELECT * FROM {t} ORDER BY 1"))] for t in TABLES}


def test_a_version_6_file_loses_the_redundant_indexes_and_keeps_its_rows(tmp_path):
    path = tmp_path / "v6.db"
    con = sqlite3.connect(path)
    con.executescript(SCHEMA_V6.read_text(encoding="utf-8"))
    con.execute("INSERT INTO meta (key, value) VALUES ('schema_version', '6'), ('created_at', '2026-11-01T07:00:00')")
    fill_v6(con.execute)
    con.commit()
    con.close()
    assert set(REDUNDANT) <= set(sqlite_indexes(path))      # the old program made them
    before = open_database(path, migrate_schema=False)
    with before.read_connect() as conn:
        rows = rows_of(conn)
    before.dispose()
    assert len(rows["resident"]) == 24

    db = open_database(path)
    try:
        with db.read_connect() as conn:
            assert schema_version(conn) == SCHEMA_VERSION
            assert rows_of(conn) == rows
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
        # foreign keys are still enforced: a team residents point to cannot go (its check reads the composite)
        with pytest.raises(IntegrityError, match="FOREIGN KEY"):
            with db.session() as s:
                s.execute(text("DELETE FROM team WHERE id = 1"))
    finally:
        db.dispose()
    check_indexes(sqlite_indexes(path))


@pytest.mark.postgres
def test_postgres_database_at_version_6_loses_the_redundant_indexes_and_keeps_its_rows(pg_url):
    db = open_database(pg_url)
    with db.engine.begin() as conn:   # put the single-column indexes back as version 6 made them
        for name in REDUNDANT:
            column = name.removeprefix("ix_resident_")
            conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON resident ({column})"))
        conn.execute(text("UPDATE meta SET value = '6' WHERE key = 'schema_version'"))
        fill_v6(lambda sql: conn.execute(text(sql)))
        rows = rows_of(conn)
    db.dispose()
    try:
        db = open_database(pg_url)
        with db.read_connect() as conn:
            assert schema_version(conn) == SCHEMA_VERSION
            assert rows_of(conn) == rows
            found = conn.execute(text("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'resident'")).all()
        indexes = {name: definition for name, definition in found}
        assert not set(REDUNDANT) & set(indexes)
        for composite, columns in REDUNDANT.values():
            assert indexes[composite].endswith(f"({', '.join(columns)})"), indexes[composite]
    finally:
        with db.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        db.dispose()


# ---------------------------------------------------------------------------------------------------------
# The queries that used the dropped indexes still find their rows through an index. A few thousand generated
# residents (the planner's choices depend on the table's size and statistics), each key query run through the
# program's own functions while the SQLite connection traces every statement it runs, then planned
# (EXPLAIN QUERY PLAN) with and without the statistics an import leaves.

def _scenarios(teams: list[int], hamlet: int, household: int, phone: str):
    """name -> a function of a read session running one of the key queries: the residents table (its count,
    every id, the first page) by each filter, the team's and hamlet's walk lists, a household's residents,
    a hamlet's residents for balancing, the teams view's load, and the child lookups SQLite's foreign-key
    checks make when a team, household or hamlet is deleted or renumbered."""
    from sqlalchemy import select

    from canvass.assignment import household_residents
    from canvass.models import Resident
    from canvass.residents import ResidentQuery, count_residents, resident_ids
    from canvass.teams import list_teams, visited_counts
    from canvass.walklist import walk_rows

    def table(**filters):
        def run(s):
            q = ResidentQuery(**filters)
            count_residents(s, q)
            resident_ids(s, q)
            resident_ids(s, q, limit=200)
        return run

    def child_rows(column):
        # what SQLite runs for ON DELETE / UPDATE of a parent row: the children by the foreign-key column
        return lambda s: s.execute(select(Resident.id).where(column == 1)).all()

    return {
        "table: name order, first page": lambda s: resident_ids(s, ResidentQuery(), limit=200),
        "table: one hamlet": table(hamlet_ids=(hamlet,)),
        "table: one team": table(team_ids=(teams[0],)),
        "table: two teams": table(team_ids=tuple(teams[:2])),
        "table: no team": table(team_ids=(None,)),
        "table: a rare status": table(statuses=("refused",)),
        "table: one household": table(household_id=household),
        "table: a phone": table(search=phone),
        "table: one team sorted by status": table(team_ids=(teams[0],), sort="status"),
        "walk list of a team": lambda s: walk_rows(s, teams[0]),
        "walk list of a hamlet": lambda s: walk_rows(s, None, hamlet),
        "a household's residents": lambda s: household_residents(s, [household]),
        "teams view": lambda s: (list_teams(s), visited_counts(s)),
        "foreign key: team": child_rows(Resident.team_id),
        "foreign key: household": child_rows(Resident.household_id),
        "foreign key: hamlet": child_rows(Resident.hamlet_id),
    }


@pytest.fixture(scope="module", params=["analyzed", "no statistics"])
def traced(request, tmp_path_factory):
    """(path, {scenario: [statement, ...]}) on 4,000 generated residents, one in seven on no team."""
    from bench.bench_ui import build

    path = tmp_path_factory.mktemp("plans") / "plans.db"
    db = open_database(path)
    build(db, 4000, seed=14)
    with db.session() as s:
        s.execute(text("UPDATE resident SET team_id = NULL WHERE id % 7 = 0"))
        s.execute(text("UPDATE resident SET household_id = NULL WHERE id % 50 = 0"))
        if request.param == "analyzed":   # as an import leaves them (canvass.importing.reconcile)
            s.execute(text("PRAGMA analysis_limit=1000"))
            s.execute(text("ANALYZE"))
        teams = s.execute(text("SELECT team_id FROM resident WHERE team_id IS NOT NULL GROUP BY team_id "
                               "ORDER BY COUNT(*) DESC LIMIT 2")).scalars().all()
        hamlet, household, phone = s.execute(text("SELECT hamlet_id, household_id, phone FROM resident "
                                                  "WHERE household_id IS NOT NULL ORDER BY id LIMIT 1")).one()
    traced: dict[str, list[str]] = {}
    for name, run in _scenarios(teams, hamlet, household, "0" + phone[3:]).items():
        with db.read() as s:
            raw = s.connection().connection.driver_connection
            seen: list[str] = []
            raw.set_trace_callback(seen.append)
            try:
                run(s)
            finally:
                raw.set_trace_callback(None)
        traced[name] = [q for q in seen
                        if "resident" in q.lower() and q.lstrip().upper().startswith(("SELECT", "WITH"))]
        assert traced[name], name
    db.dispose()
    return path, traced


def _resident_names(sql: str) -> set[str]:
    """The names the resident table goes by in a statement (itself and its aliases)."""
    import re

    aliases = re.findall(r"\bresident\s+(?:AS\s+)?([a-z_]\w*)", sql, flags=re.I)
    return {"resident"} | {a for a in aliases if a.upper() not in {"WHERE", "JOIN", "LEFT", "ON", "ORDER", "GROUP",
                                                                     "INNER", "OUTER", "LIMIT", "UNION", "SET"}}


def scans(con: sqlite3.Connection, traced: dict[str, list[str]]) -> dict[str, list[str]]:
    """scenario -> its plan lines that read every resident row, or sort in name order what an index gives."""
    bad: dict[str, list[str]] = {}
    for name, statements in traced.items():
        for sql in statements:
            plan = [r[-1] for r in con.execute("EXPLAIN QUERY PLAN " + sql)]
            for line in plan:
                words = line.split()
                if words[:1] == ["SCAN"] and words[1] in _resident_names(sql) and "INDEX" not in line:
                    bad.setdefault(name, []).append(line)
            if name.endswith("first page") and any("TEMP B-TREE" in line for line in plan):
                bad.setdefault(name, []).append("sorted in a temporary b-tree: " + "; ".join(plan))
    return bad


def test_the_key_queries_still_find_residents_through_an_index(traced):
    path, statements = traced
    con = sqlite3.connect(path)
    try:
        assert scans(con, statements) == {}
    finally:
        con.close()


@pytest.mark.parametrize("composite", sorted({c for c, _ in REDUNDANT.values()}))
def test_without_its_composite_some_key_query_reads_every_resident(traced, composite):
    """The check above can fail: without each composite that replaced a single-column index (dropped in a
    transaction, rolled back), at least one of those queries scans the table."""
    path, statements = traced
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("BEGIN")
        con.execute(f"DROP INDEX {composite}")
        assert scans(con, statements) != {}
    finally:
        con.execute("ROLLBACK")
        con.close()
