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
    """The re-import re-opens residents through events.refresh_states (it had a copy of its own)."""
    from canvass.events import refresh_states

    ids = make_commune(db, households_per_hamlet=1, people_per_household=2)
    with db.session() as s:
        record_visit(s, ids[0], "wrong_phone", new_phone="+84912345678")
    with db.session() as s:       # every cached column made wrong behind the log's back
        s.execute(update(Resident).where(Resident.id == ids[0]).values(
            status="refused", status_reason="x", attempts=9, team_id=None, phone_new="+84900000000",
            revisit_on=None, last_visit_at=None, status_at=None))
    with db.connect() as conn:
        refresh_states(conn, [ids[0]])
    with db.read() as s:
        assert _cached(s, ids[0]) == state_columns(derive_state(resident_events(s, ids[0])))
        assert s.get(Resident, ids[0]).phone_new == "+84912345678"


# ---------------------------------------------------------------- one writer: every bulk form equals the fold

def _spoil(db, rid) -> None:
    with db.session() as s:       # every cached column made wrong behind the log's back
        s.execute(update(Resident).where(Resident.id == rid).values(
            status="refused", status_reason="x", attempts=9, team_id=None, phone_new="+84900000000",
            revisit_on=None, last_visit_at=None, status_at=None))


def test_refresh_states_writes_every_cached_column_and_bumps_the_version(db):
    from canvass.events import refresh_states

    ids = make_commune(db, households_per_hamlet=1, people_per_household=2)
    with db.session() as s:
        record_visit(s, ids[0], "wrong_phone", new_phone="+84912345678")
        version = s.get(Resident, ids[0]).version
    _spoil(db, ids[0])
    with db.connect() as conn:
        refresh_states(conn, [ids[0], ids[1]])
    with db.read() as s:
        for rid in ids[:2]:
            assert _cached(s, rid) == state_columns(derive_state(resident_events(s, rid)))
        assert s.get(Resident, ids[0]).version == version + 1


def test_assignment_writes_the_team_as_the_fold_does(db):
    from canvass.assignment import assign_residents
    from canvass.db import now
    from canvass.models import Team

    ids = make_commune(db, households_per_hamlet=2, people_per_household=2)
    with db.session() as s:
        record_visit(s, ids[0], "absent")
        team = Team(name="Tổ 1", created_at=now())
        s.add(team)
        s.flush()
        assign_residents(s, ids, team.id)
        assign_residents(s, ids[:2], None)
    with db.read() as s:
        for rid in ids:
            assert _cached(s, rid) == state_columns(derive_state(resident_events(s, rid)))
        assert s.get(Resident, ids[3]).team_id is not None and s.get(Resident, ids[0]).team_id is None


def test_system_activation_writes_the_state_the_fold_derives(db):
    import datetime as dt

    from canvass.events import append_event, write_system_activation

    ids = make_commune(db, households_per_hamlet=1, people_per_household=2)
    at = dt.datetime(2026, 3, 10, 8, 0)
    with db.session() as s:
        record_visit(s, ids[0], "absent", at=at - dt.timedelta(days=1), note="đi vắng")
        for rid in ids[:2]:
            append_event(s, s.get(Resident, rid), "activated_system", at=at)
    with db.connect() as conn:
        write_system_activation(conn, ids[:2], at)
    with db.read() as s:
        for rid in ids[:2]:
            assert _cached(s, rid) == state_columns(derive_state(resident_events(s, rid)))
            assert s.get(Resident, rid).status == "activated_system"


# ---------------------------------------------------------------- one writer: nobody else writes the columns

# Known writers outside events.py, each with why it is let be; a new one fails the test below.
ALLOWED: set[tuple[str, str, str]] = set()   # none left: the figures as of a day call events.derive_state too


def writers(path, tree) -> list[tuple]:
    """(kind, what, line) of every write of a cached column in a module's syntax tree: an assignment to an
    attribute named after one, a `.values(<column>=...)` (SQL UPDATE/INSERT), a `setattr(x, "<column>", ...)`."""
    import ast

    cached = set(CACHED_COLUMNS)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in targets:
                for one in (t.elts if isinstance(t, ast.Tuple) else [t]):
                    if isinstance(one, ast.Attribute) and one.attr in cached:
                        found.append(("attr", ast.unparse(one.value), node.lineno))
        elif isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name == "values":
                for kw in node.keywords:
                    if kw.arg in cached:
                        found.append(("values", kw.arg, node.lineno))
            elif name == "setattr" and len(node.args) > 1 and isinstance(node.args[1], ast.Constant) \
                    and node.args[1].value in cached:
                found.append(("setattr", node.args[1].value, node.lineno))
    return found


def test_no_module_but_events_writes_the_cached_columns():
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    stray = []
    for path in sorted((root / "canvass").rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if rel == "canvass/events.py":
            continue
        for kind, what, line in writers(rel, ast.parse(path.read_text(encoding="utf-8"))):
            if (rel, kind, what) not in ALLOWED:
                stray.append(f"{rel}:{line} {kind} {what}")
    assert stray == [], "write the cached state through canvass/events.py (apply_state or its bulk forms)"


def test_the_writer_scan_sees_each_kind_of_hand_written_writer():
    import ast

    source = ("r.status = 'absent'\n"
              "resident.attempts += 1\n"
              "conn.execute(update(t).values(team_id=3))\n"
              "setattr(r, 'phone_new', p)\n"
              "r.name = 'x'\n")
    found = sorted((line, kind, what) for kind, what, line in writers("x.py", ast.parse(source)))
    assert found == [(1, "attr", "r"), (2, "attr", "resident"), (3, "values", "team_id"), (4, "setattr", "phone_new")]
