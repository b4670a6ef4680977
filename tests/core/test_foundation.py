"""The database opens, migrates, derives state from the log, and the core stays free of Qt."""
import datetime as dt
import subprocess
import sys

import pytest

from canvass.db import SCHEMA_VERSION, open_database, schema_version
from canvass.errors import InvalidInput
from canvass.events import derive_state, record_visit, resident_events, void_visit
from canvass.models import Resident
from tests.factories import make_commune


def test_core_does_not_import_qt():
    """Every module of canvass/ (found on disk, so a new one is covered the day it is added) imports without Qt,
    each in a fresh interpreter, so that no module passes only because another one was imported before it."""
    import pkgutil

    import canvass

    names = [m.name for m in pkgutil.walk_packages(canvass.__path__, "canvass.")]
    assert len(names) >= 30 and "canvass.cli.imports" in names and "canvass.scan.reader" in names
    code = ("import importlib, sys\n"
            "importlib.import_module(sys.argv[1])\n"
            "print(' '.join(sorted(n for n in sys.modules if n.split('.')[0] in ('PySide6', 'shiboken6'))))")
    qt, pending = {}, list(names)
    while pending:      # two at a time: the machines have two cores
        batch = [(name, subprocess.Popen([sys.executable, "-c", code, name], stdout=subprocess.PIPE,
                                         stderr=subprocess.PIPE, text=True)) for name in pending[:2]]
        del pending[:2]
        for name, proc in batch:
            out, err = proc.communicate()
            assert proc.returncode == 0, f"{name} does not import on its own: {err}"
            if out.strip():
                qt[name] = out.split()
    assert qt == {}


def test_new_database_is_at_current_schema_and_reopens(tmp_path):
    db = open_database(tmp_path / "a.db")
    with db.engine.connect() as conn:
        assert schema_version(conn) == SCHEMA_VERSION
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    db.dispose()
    db = open_database(tmp_path / "a.db")  # second open runs no migration twice
    with db.engine.connect() as conn:
        assert schema_version(conn) == SCHEMA_VERSION
    db.dispose()


def test_state_follows_the_latest_visit_and_system_activation_wins(db):
    rid = make_commune(db)[0]
    day = dt.datetime(2025, 3, 10, 9, 0)
    with db.session() as s:
        r = s.get(Resident, rid)
        record_visit(s, r, "absent", at=day, reason="work_away")
        record_visit(s, r, "ineligible", at=day + dt.timedelta(hours=1), reason="elderly")
        assert (r.status, r.status_reason, r.attempts) == ("ineligible", "elderly", 2)
        earlier = record_visit(s, r, "refused", at=day - dt.timedelta(days=1))  # late-keyed older visit
        assert r.status == "ineligible" and r.attempts == 3
        void_visit(s, earlier.id)
        assert r.attempts == 2
        record_visit(s, r, "pending", at=day + dt.timedelta(hours=2))
        assert r.status == "pending" and r.attempts == 2
        from canvass.events import append_event, refresh_state
        append_event(s, r, "activated_system", at=day + dt.timedelta(hours=3))
        refresh_state(s, r)
        record_visit(s, r, "absent", at=day + dt.timedelta(hours=4))
        assert r.status == "activated_system"
        assert derive_state(resident_events(s, rid)).status == "activated_system"
        assert r.version >= 7


@pytest.mark.parametrize("outcome,reason,note", [("ineligible", None, None), ("bogus", None, None),
                                                 ("ineligible", "other", None), ("absent", "elderly", None)])
def test_bad_visits_are_refused(db, outcome, reason, note):
    rid = make_commune(db)[0]
    with db.session() as s, pytest.raises(InvalidInput):
        record_visit(s, rid, outcome, reason=reason, note=note, at=dt.datetime(2025, 3, 10, 9))


def test_future_visit_is_refused(db):
    rid = make_commune(db)[0]
    with db.session() as s, pytest.raises(InvalidInput):
        record_visit(s, rid, "activated", at=dt.datetime.now() + dt.timedelta(days=2))


def test_cached_state_always_equals_the_derived_state(db):
    """Whatever order visits arrive in (back-dated, re-opened, voided, after a system activation), the
    cached columns equal what the whole log derives."""
    import random

    from canvass.events import append_event

    rnd = random.Random(6)
    ids = make_commune(db, households_per_hamlet=2, people_per_household=2)
    base = dt.datetime(2025, 3, 1, 8)
    visits: list[int] = []
    for step in range(300):
        with db.session() as s:
            r = s.get(Resident, rnd.choice(ids))
            roll = rnd.random()
            at = base + dt.timedelta(hours=rnd.randrange(0, 200))
            if roll < 0.05:
                append_event(s, r, "activated_system", at=at)
            elif roll < 0.08:
                append_event(s, r, "system_reopened", at=at)
            elif roll < 0.14 and visits:
                void_visit(s, visits.pop(rnd.randrange(len(visits))))
            else:
                outcome = rnd.choice(["activated", "absent", "refused", "pending", "ineligible", "revisit"])
                reason = "elderly" if outcome == "ineligible" else None
                e = record_visit(s, r, outcome, reason=reason, at=at, new_phone=rnd.choice([None, "+84912000111"]),
                                 revisit_on=dt.date(2025, 4, 1) if outcome == "revisit" else None)
                s.flush()
                visits.append(e.id)
            from canvass.events import refresh_state  # only state-changing kinds above need it
            if roll < 0.14:
                refresh_state(s, r)
        with db.session() as s:
            r = s.get(Resident, r.id)
            st = derive_state(resident_events(s, r.id))
            assert (r.status, r.status_reason, r.attempts, r.last_visit_at, r.revisit_on) == \
                (st.status, st.reason, st.attempts, st.last_visit_at, st.revisit_on), step


def test_a_version_1_database_is_upgraded_in_place(tmp_path):
    """A database from before source texts were stored once gets the new column and keeps its rows."""
    import sqlite3

    path = tmp_path / "old.db"
    db = open_database(path)
    db.dispose()
    con = sqlite3.connect(path)  # rebuild source_row as version 1 had it (no text_id), with one row in it
    con.executescript("""
        DROP TABLE source_row;
        CREATE TABLE source_row (id INTEGER PRIMARY KEY, batch_id INTEGER, sheet VARCHAR(200), row_number INTEGER,
                                 raw TEXT, resident_id INTEGER, disposition VARCHAR(20), reason TEXT);
        INSERT INTO import_batch (id, file_name, file_sha256, imported_at, rows_read, imported, updated, unchanged,
                                  duplicates, rejected, activated_per_system)
            VALUES (1, 'a.xlsx', 'x', '2025-03-10', 1, 0, 0, 0, 0, 1, 0);
        INSERT INTO source_row VALUES (1, 1, 'DS', 8, '["Nguyễn Văn Thử"]', NULL, 'rejected', 'no CCCD');
        UPDATE meta SET value = '1' WHERE key = 'schema_version';
    """)
    con.commit()
    con.close()
    db = open_database(path)
    with db.engine.connect() as conn:
        assert schema_version(conn) == SCHEMA_VERSION
        cols = [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(source_row)")]
        assert "text_id" in cols
    from canvass.models import SourceRow
    with db.session() as s:
        assert s.get(SourceRow, 1).raw == '["Nguyễn Văn Thử"]'  # old rows keep their text inline
    db.dispose()


@pytest.mark.parametrize("args,cli", [([], False), (["--db", "x.db"], False), (["--db", "x.db", "import", "f"], True),
                                      (["--db=x.db", "stats"], True), (["stats", "--json"], True),
                                      (["--screenshot", "o.png", "--db", "x.db"], False), (["--help"], True)])
def test_main_routes_commands_to_the_command_line(args, cli):
    import main

    assert main.is_command_line(args) is cli


def test_main_runs_a_command(tmp_path):
    out = subprocess.run([sys.executable, "main.py", "--db", str(tmp_path / "m.db"), "stats", "--json"],
                         capture_output=True, text=True, cwd=__import__("pathlib").Path(__file__).parents[2])
    assert out.returncode == 0, out.stderr
    assert '"by_status"' in out.stdout


def test_another_programs_database_is_refused_and_left_unchanged(tmp_path):
    import sqlite3

    from canvass.db import ForeignDatabase

    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE contacts (name TEXT)")
    con.commit()
    con.close()
    with pytest.raises(ForeignDatabase):
        open_database(path)
    con = sqlite3.connect(path)
    assert [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")] == ["contacts"]
    con.close()
