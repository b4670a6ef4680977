"""Several processes writing one SQLite file at once: every event exactly once, cache equal to derivation.

Real processes (multiprocessing, spawn), a real file in WAL mode; no locks of our own beyond what the core
takes. Before writers took the write lock at the start of their transaction, a visit that read a resident
while another process committed a change to it wrote back a stale version (issue: lost cache updates)."""
from __future__ import annotations

import multiprocessing as mp
import random

from sqlalchemy import func, select

from canvass.db import open_database
from canvass.events import derive_state, record_visit, resident_events
from canvass.importing import run_import
from canvass.models import Event, Resident
from tests.core.importfiles import people, standard_rows, write_xlsx
from tests.factories import make_commune

OUTCOMES = [("absent", "short"), ("revisit", None), ("refused", None), ("wrong_phone", None), ("activated", None)]


def _visits(path: str, ids: list[int], n: int, seed: int) -> None:
    db = open_database(path)
    rnd = random.Random(seed)
    try:
        for _ in range(n):
            outcome, reason = rnd.choice(OUTCOMES)
            with db.session() as s:
                record_visit(s, rnd.choice(ids), outcome, reason=reason, actor=f"p{seed}")
    finally:
        db.dispose()


def _reimports(url: str, files: list[str]) -> None:
    db = open_database(url)
    try:
        for f in files:
            run_import(db, f, actor="re-import")
    finally:
        db.dispose()


def _run(target, jobs) -> None:
    _run_all([(target, a) for a in jobs])


def _run_all(jobs) -> None:
    """Run (function, args) pairs each in its own process at once; all must succeed."""
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=t, args=a) for t, a in jobs]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0


def check_log_and_cache(db, version_base: int = 1) -> None:
    """Every resident's cached state and version equal what their log says. `version_base`: the version
    before the first event (1 for residents made by tests/factories.py, 0 for the importer's, whose
    `imported` event is version 1)."""
    with db.read() as s:
        counts = dict(s.execute(select(Event.resident_id, func.count()).where(Event.resident_id.is_not(None))
                                .group_by(Event.resident_id)).all())
        for r in s.scalars(select(Resident)):
            st = derive_state(resident_events(s, r.id))
            assert (r.status, r.status_reason, r.attempts, r.last_visit_at) == \
                   (st.status, st.reason, st.attempts, st.last_visit_at), r.id
            # every event adds one to the version
            assert r.version == version_base + counts.get(r.id, 0), r.id


def test_visits_from_three_processes_on_few_residents_lose_nothing(tmp_path):
    path = str(tmp_path / "c.db")
    db = open_database(path)
    ids = make_commune(db, households_per_hamlet=1, people_per_household=2)[:4]
    with db.read() as s:
        before = s.scalar(select(func.count()).select_from(Event))
    _run(_visits, [(path, ids, 60, seed) for seed in (1, 2, 3)])
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Event)) == before + 180
    check_log_and_cache(db)
    db.dispose()


def _visits_during_re_imports(db, url: str, tmp_path) -> None:
    """Re-imports of two alternating lists in one process while another records 200 visits on the residents
    both lists hold: every visit exactly once, every import batch complete, cache equal to derivation."""
    first = write_xlsx(tmp_path / "a.xlsx", standard_rows(people(120)))
    # the second list drops some, changes phones and adds others: updates and departures on every run
    second = write_xlsx(tmp_path / "b.xlsx", standard_rows(
        [dict(p, phone=f"098{i:07d}") for i, p in enumerate(people(100, start=11))] + people(30, start=500)))
    run_import(db, first)
    with db.read() as s:
        ids = list(s.scalars(select(Resident.id).order_by(Resident.id).limit(150)))[10:40]
        before = s.scalar(select(func.count()).select_from(Event).where(Event.kind == "visit"))
    _run_all([(_visits, (url, ids, 200, 7)), (_reimports, (url, [str(second), str(first)] * 2))])
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Event).where(Event.kind == "visit")) == before + 200
        assert s.scalar(select(func.count()).select_from(Event).where(Event.actor == "p7")) == 200
    check_log_and_cache(db, version_base=0)


def test_visits_during_re_imports_lose_nothing(tmp_path):
    path = str(tmp_path / "c.db")
    db = open_database(path)
    try:
        _visits_during_re_imports(db, path, tmp_path)
    finally:
        db.dispose()


def test_visits_during_re_imports_lose_nothing_on_postgres(pg_db, pg_url, tmp_path):
    _visits_during_re_imports(pg_db, pg_url, tmp_path)
