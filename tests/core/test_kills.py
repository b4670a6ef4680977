"""Real SIGKILLs at random moments: creating a database, importing (new and existing database), re-importing,
merging a team pack, exporting, restoring a backup. After each kill the file must open in the program, pass
SQLite's integrity check and hold exactly the rows of before or exactly those of after; an export leaves its
target complete or absent, and what it left under a temporary name is removed by the next export there.

A child process (tests/core/killchild.py) runs the operation; the kill delays are spread over 1.3 times the
operation's uninterrupted run (so some land after it ended). $CANVASS_KILLS sets the kills per test
(`make soak` runs hundreds).
"""
from __future__ import annotations

import datetime as dt
import os
import random
import zipfile
from pathlib import Path

import pytest

from canvass.db import SCHEMA_VERSION, open_database, schema_version
from tests.core.importfiles import people, standard_rows, write_xlsx
from tests.core.kills import (Tally, check_before_or_after, copy_db, digest, integrity, kills, run_killed, spread,
                              start, timed)

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL of a child process")


def reopen(path: Path) -> None:
    """Open the file the way the program does (raises ForeignDatabase for a half-made file of another kind)."""
    db = open_database(path)
    try:
        with db.engine.connect() as conn:
            assert schema_version(conn) == SCHEMA_VERSION
    finally:
        db.dispose()


# ---------------------------------------------------------------- creating a database

def test_a_kill_inside_the_schema_ddl_leaves_a_file_that_opens(tmp_path):
    path = tmp_path / "new.db"
    p = start("create", path, "kill-in-ddl")
    out, err = p.communicate(timeout=120)
    assert p.returncode == -9, err       # it did kill itself after the first CREATE TABLE
    reopen(path)
    integrity(path)


def test_kills_within_80_ms_of_a_new_database_file_appearing(tmp_path):
    tally = Tally("create")
    rnd = random.Random(12)
    for i in range(kills(6)):
        path = tmp_path / f"new{i}.db"
        finished = run_killed(["create", path], rnd.uniform(0, 0.08), wait_for=path)
        if path.exists():
            reopen(path)
            integrity(path)
        tally.add("finished" if finished else "killed")
    tally.report()


# ---------------------------------------------------------------- import, re-import

def _list(path: Path, n: int, start: int = 1, **over) -> Path:
    return write_xlsx(path, standard_rows(people(n, start=start, **over)))


def _kill_loop(tmp_path, name: str, base: Path | None, args_of, n: int, seed: int) -> None:
    """Kill `n` runs of the operation on copies of `base` (None: no database yet); check before-or-after."""
    work = tmp_path / "work.db"
    ref = tmp_path / "ref.db"
    if base is None:
        empty = tmp_path / "empty.db"
        open_database(empty).dispose()
        before = digest(empty)
    else:
        before = digest(base)
        copy_db(base, ref)
    span = timed(args_of(ref))
    after = digest(ref)
    assert after != before
    tally = Tally(name)
    for delay in spread(n, span * 1.3, seed):
        if base is None:
            for suffix in ("", "-wal", "-shm"):
                Path(str(work) + suffix).unlink(missing_ok=True)
        else:
            copy_db(base, work)
        run_killed(args_of(work), delay)
        if base is None and not work.exists():
            tally.add("no file")
            continue
        check_before_or_after(work, before, after, tally, reopen)
    tally.report()


def test_kills_while_importing_into_a_new_database(tmp_path):
    src = _list(tmp_path / "list.xlsx", 300)
    _kill_loop(tmp_path, "import into a new database", None, lambda db: ["import", db, src], kills(4), 1)


def test_kills_while_re_importing_a_changed_list(tmp_path):
    base = tmp_path / "base.db"
    db = open_database(base)
    from canvass.importing import run_import
    run_import(db, _list(tmp_path / "day1.xlsx", 500))
    db.dispose()
    day2 = people(450, start=51) + people(100, start=501, hamlet="Thôn Pò Đứa")
    src = write_xlsx(tmp_path / "day2.xlsx", standard_rows(day2))
    _kill_loop(tmp_path, "re-import", base, lambda db: ["import", db, src], kills(4), 2)


def test_kills_while_restoring_a_backup(tmp_path):
    from canvass.importing import run_import

    base, other = tmp_path / "base.db", tmp_path / "other.db"
    for path, n, first in ((base, 150, 1), (other, 250, 1000)):
        db = open_database(path)
        run_import(db, _list(tmp_path / f"{path.stem}.xlsx", n, start=first))
        db.dispose()
    _kill_loop(tmp_path, "restore", base, lambda db: ["restore", db, other], kills(3), 6)


# ---------------------------------------------------------------- pack merge

def test_kills_while_merging_a_team_pack(tmp_path):
    from canvass.events import STATUS_LABELS_VI
    from canvass.packs import export_pack
    from tests.core.test_packs import commune_with_teams, fill

    base = tmp_path / "base.db"
    db = open_database(base)
    ids, _teams = commune_with_teams(db, households_per_hamlet=30, people_per_household=3)
    export_pack(db, "Tổ 1", tmp_path / "p.xlsx")
    db.dispose()
    day = dt.date.today() - dt.timedelta(days=1)
    labels = [STATUS_LABELS_VI["activated"], "Vắng mặt", "Từ chối"]
    fill(tmp_path / "p.xlsx", tmp_path / "ret.xlsx",
         {rid: {"outcome": labels[i % 3], "visit_date": day} for i, rid in enumerate(ids)})
    _kill_loop(tmp_path, "pack merge", base, lambda db: ["merge", db, tmp_path / "ret.xlsx"], kills(4), 3)


# ---------------------------------------------------------------- export

@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_kills_while_exporting_leave_no_personal_data_behind(tmp_path, suffix):
    from canvass.exporting import export
    from canvass.exporting.atomic import TEMP_PREFIX
    from tests.factories import make_commune

    base = tmp_path / "base.db"
    db = open_database(base)
    make_commune(db, households_per_hamlet=150 if suffix == ".csv" else 60, people_per_household=3)
    db.dispose()
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / f"list{suffix}"
    ref = copy_db(base, tmp_path / "ref.db")
    span = timed(["export", ref, "walklist", target])     # the event names the target: the same one
    size = target.stat().st_size

    def complete(path: Path) -> bool:     # an .xlsx differs in its zip's clock only
        if suffix == ".xlsx":
            with zipfile.ZipFile(path) as z:
                return z.testzip() is None
        return path.stat().st_size == size
    before, after = digest(base), digest(ref)
    tally = Tally(f"export {suffix}")
    work = tmp_path / "work.db"
    for delay in spread(kills(4 if suffix == ".csv" else 3), span * 1.3, len(suffix)):
        copy_db(base, work)
        target.unlink(missing_ok=True)
        run_killed(["export", work, "walklist", target], delay)
        left = os.listdir(out_dir)
        temps = [n for n in left if n.startswith(TEMP_PREFIX)]
        assert set(left) - set(temps) <= {target.name} and len(temps) <= 1, left   # nothing half-written
        if target.exists():
            assert complete(target)
        # the export event is written after the file is in place: no file, no event
        check_before_or_after(work, before, after if target.exists() else before, tally, reopen)
        if temps:
            tally.note("temporary file left")
            # the next export into the folder removes what a killed one left
            db = open_database(work)
            export(db, "walklist", out_dir / f"next{suffix}")
            db.dispose()
            assert sorted(os.listdir(out_dir)) == sorted({target.name, f"next{suffix}"} & set(os.listdir(out_dir)))
            assert not [n for n in os.listdir(out_dir) if n.startswith(TEMP_PREFIX)]
            (out_dir / f"next{suffix}").unlink()
    tally.report()
