"""Helpers of the kill tests: a child process killed with SIGKILL at a random moment, and a digest of a
database's rows to tell "exactly before" from "exactly after".

The count of kills per test comes from $CANVASS_KILLS (a few in `make test`, hundreds in `make soak`); every
kill test prints one line of outcomes (`pytest -s` shows them).
"""
from __future__ import annotations

import hashlib
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from sqlalchemy import DateTime

ROOT = Path(__file__).resolve().parents[2]
KILLS_ENV = "CANVASS_KILLS"


def kills(default: int) -> int:
    """How many kills a test makes: $CANVASS_KILLS when set, else `default`."""
    return int(os.environ.get(KILLS_ENV) or default)


def start(*args: str, env: Optional[dict] = None) -> subprocess.Popen:
    """Start `python -m tests.core.killchild ARGS` and wait for its `go`."""
    environ = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    environ.update(env or {})
    p = subprocess.Popen([sys.executable, "-m", "tests.core.killchild", *map(str, args)], cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environ)
    line = p.stdout.readline()
    if line != "go\n":
        out, err = p.communicate()
        raise AssertionError(f"child did not start: {line}{out}{err}")
    return p


def finish(p: subprocess.Popen) -> bool:
    """Wait for a child; True when it completed its operation (said `done` and exited 0)."""
    out, err = p.communicate(timeout=300)
    if p.returncode == -9:
        return False
    assert p.returncode == 0, err
    assert "done" in out
    return True


def run_killed(args: list, delay: float, *, env: Optional[dict] = None,
               wait_for: Optional[Path] = None) -> bool:
    """Run the child and SIGKILL it `delay` seconds after `go` (or after `wait_for` appears); True when it
    finished before the kill."""
    p = start(*args, env=env)
    if wait_for is not None:
        while not wait_for.exists() and p.poll() is None:
            time.sleep(0.0005)
    time.sleep(delay)
    p.kill()
    return finish(p)


def timed(args: list, *, env: Optional[dict] = None) -> float:
    """Run the child to the end; the seconds from `go` to its `done` (the span to spread the kills over)."""
    p = start(*args, env=env)
    t0 = time.monotonic()
    line = p.stdout.readline()
    span = time.monotonic() - t0
    out, err = p.communicate(timeout=300)
    assert line == "done\n" and p.returncode == 0, err
    return span


def integrity(path: Path) -> None:
    """SQLite's own check of the file (after the program has opened it, so a leftover WAL is recovered)."""
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        con.close()


def digest(path: Path) -> tuple[dict[str, int], str]:
    """(rows per table, a hash of every row) of a database, leaving out the clock: DateTime columns and the
    creation time in `meta` (a run repeated later differs only there)."""
    from canvass.models import Base

    con = sqlite3.connect(path)
    counts: dict[str, int] = {}
    h = hashlib.sha256()
    try:
        for table in Base.metadata.sorted_tables:
            cols = [c.name for c in table.columns if not isinstance(c.type, DateTime)]
            order = ", ".join(c.name for c in table.primary_key.columns) or "rowid"
            rows = con.execute(f"SELECT {', '.join(cols)} FROM {table.name} ORDER BY {order}").fetchall()
            if table.name == "meta":
                rows = [r for r in rows if r[0] != "created_at"]
            counts[table.name] = len(rows)
            h.update(table.name.encode())
            for r in rows:
                h.update(repr(r).encode())
    finally:
        con.close()
    return counts, h.hexdigest()


def copy_db(src: Path, dst: Path) -> Path:
    """A closed, checkpointed database file copied (and any older copy's WAL removed)."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(dst) + suffix).unlink(missing_ok=True)
    shutil.copyfile(src, dst)
    return dst


@dataclass
class Tally:
    """What the kills of one test ended in."""
    name: str
    outcomes: dict[str, int] = field(default_factory=dict)
    notes: dict[str, int] = field(default_factory=dict)

    def add(self, outcome: str) -> None:
        """Count one kill's outcome."""
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1

    def note(self, what: str) -> None:
        """Count something a kill left (besides its outcome)."""
        self.notes[what] = self.notes.get(what, 0) + 1

    def report(self) -> None:
        """One line for `make soak`."""
        total = sum(self.outcomes.values())
        parts = ", ".join(f"{k} {v}" for k, v in sorted(self.outcomes.items()))
        notes = "".join(f"; {k} {v}" for k, v in sorted(self.notes.items()))
        print(f"\nkills {self.name}: {total} ({parts}{notes})")


def spread(n: int, span: float, seed: int) -> list[float]:
    """n kill delays spread over [0, span) at random (each in its own slice, so short and long both occur)."""
    rnd = random.Random(seed)
    return [span * (i + rnd.random()) / n for i in range(n)]


def check_before_or_after(path: Path, before, after, tally: Tally,
                          reopen: Callable[[Path], None]) -> None:
    """The file opens, is intact, and its rows are exactly `before` or exactly `after`."""
    reopen(path)
    integrity(path)
    got = digest(path)
    assert got in (before, after), (got[0], before[0], after[0])
    tally.add("before" if got == before else "after")
