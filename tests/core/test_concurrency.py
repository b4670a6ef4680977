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
from canvass.models import Event, Resident
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


def _run(target, jobs) -> None:
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=target, args=a) for a in jobs]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0


def check_log_and_cache(db) -> None:
    """Every resident's cached state and version equal what their log says."""
    with db.read() as s:
        counts = dict(s.execute(select(Event.resident_id, func.count()).where(Event.resident_id.is_not(None))
                                .group_by(Event.resident_id)).all())
        for r in s.scalars(select(Resident)):
            st = derive_state(resident_events(s, r.id))
            assert (r.status, r.status_reason, r.attempts, r.last_visit_at) == \
                   (st.status, st.reason, st.attempts, st.last_visit_at), r.id
            # a resident starts at version 1 and every event adds one
            assert r.version == 1 + counts.get(r.id, 0), r.id


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
