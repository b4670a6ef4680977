"""Outcomes, assignment and quota figures on a large generated list.

Builds a database of `rows` residents with bulk inserts (30 hamlets, households of 1-6, two teams per
hamlet), assigns everyone by hamlet, records 10,000 outcomes through `record_visit` one transaction each
(as the window does) and then 10,000 more in one transaction, and times `compute_stats` today and as of
yesterday.
"""
from __future__ import annotations

import datetime as dt
import random
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from canvass.db import bulk_insert, open_database
from canvass.models import Commune, Event, Hamlet, Household, Resident, Team, TeamHamlet

OUTCOMES = 10_000
HAMLETS = 30


def build(db, rows: int, seed: int = 1) -> list[int]:
    """A commune of `rows` generated residents (status pending, one `imported` event each); returns their ids."""
    rnd = random.Random(seed)
    stamp = dt.datetime.now().replace(microsecond=0) - dt.timedelta(days=2)
    with db.connect() as conn:
        bulk_insert(conn, Commune.__table__, ("id", "name", "name_fold"), [(1, "Xã Bench", "xa bench")])
        bulk_insert(conn, Hamlet.__table__, ("id", "commune_id", "name", "name_fold", "kind"),
                    [(h, 1, f"Thôn Số {h}", f"thon so {h}", "thôn") for h in range(1, HAMLETS + 1)])
        households, residents, events = [], [], []
        rid = hid = 0
        per_hamlet = -(-rows // HAMLETS)
        for h in range(1, HAMLETS + 1):
            left = min(per_hamlet, rows - rid)
            n = 0
            while left > 0:
                size = min(rnd.randint(1, 6), left)
                hid += 1
                n += 1
                households.append((hid, h, f"k{n}", str(n), f"{n:06d}"))
                for p in range(size):
                    rid += 1
                    name = f"Nguyễn Văn {rid}"
                    residents.append((rid, f"{rid:012d}", "cccd", name, f"nguyen van {rid}", f"{rid:012d}", h, hid,
                                      p == 0, "pending", 0, 1, f"+849{rid % 100_000_000:08d}"))
                    events.append((rid, "imported", stamp, stamp))
                left -= size
        bulk_insert(conn, Household.__table__, ("id", "hamlet_id", "key", "number", "sort_key"), households)
        bulk_insert(conn, Resident.__table__, ("id", "cccd", "id_kind", "name", "name_fold", "name_sort", "hamlet_id",
                                               "household_id", "is_head", "status", "attempts", "version", "phone"),
                    residents)
        bulk_insert(conn, Event.__table__, ("resident_id", "kind", "at", "recorded_at"), events)
        teams = [(t, f"Tổ {t}", "to_cong_tac_06", stamp) for t in range(1, 2 * HAMLETS + 1)]
        bulk_insert(conn, Team.__table__, ("id", "name", "kind", "created_at"), teams)
        bulk_insert(conn, TeamHamlet.__table__, ("team_id", "hamlet_id"),
                    [(t, (t + 1) // 2) for t in range(1, 2 * HAMLETS + 1)])
    return list(range(1, rows + 1))


def _outcome(rnd: random.Random) -> dict:
    o = rnd.choice(["activated", "activated", "absent", "ineligible", "wrong_phone", "refused", "revisit"])
    kw: dict = {"outcome": o}
    if o == "ineligible":
        kw["reason"] = rnd.choice(["elderly", "ill", "no_phone", "moved", "deceased", "institution"])
    elif o == "absent":
        kw["reason"] = rnd.choice([None, "work_away", "study_away"])
    elif o == "revisit":
        kw["revisit_on"] = dt.date.today() + dt.timedelta(days=3)
    return kw


def run(report, rows: int = 300_000) -> None:
    """Time building, assigning, 10,000 outcomes (one transaction each, then one batch) and compute_stats."""
    from canvass.assignment import assign_by_hamlet
    from canvass.events import record_visit
    from canvass.quotas import compute_stats

    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "bench.db")
        try:
            t0 = time.perf_counter()
            ids = build(db, rows)
            report(f"build {rows:,} residents (bulk insert)", time.perf_counter() - t0, "s")

            t0 = time.perf_counter()
            with db.session() as s:
                res = assign_by_hamlet(s)
            report(f"assign by hamlet ({res.assigned:,} residents, 2 teams per hamlet balanced)",
                   time.perf_counter() - t0, "s")

            rnd = random.Random(2)
            today = dt.datetime.now().replace(microsecond=0)
            picks = rnd.sample(ids, min(2 * OUTCOMES, len(ids)))
            first, second = picks[:OUTCOMES], picks[OUTCOMES:2 * OUTCOMES]
            # wall-clock rate, and the rate per CPU second of this process (the machine may be shared)
            t0, c0 = time.perf_counter(), time.process_time()
            for rid in first:
                with db.session() as s:
                    record_visit(s, rid, at=today, actor="bench", **_outcome(rnd))
            dt1, dc1 = time.perf_counter() - t0, time.process_time() - c0
            report(f"{len(first):,} outcomes, one transaction each", len(first) / dt1, "outcomes/s")
            report(f"{len(first):,} outcomes, one transaction each, per CPU second", len(first) / dc1, "outcomes/s")

            t0, c0 = time.perf_counter(), time.process_time()
            with db.session() as s:
                for rid in second:
                    record_visit(s, rid, at=today, actor="bench", **_outcome(rnd))
            dt2, dc2 = time.perf_counter() - t0, time.process_time() - c0
            if second:
                report(f"{len(second):,} outcomes in one transaction", len(second) / dt2, "outcomes/s")
                report(f"{len(second):,} outcomes in one transaction, per CPU second", len(second) / dc2,
                       "outcomes/s")

            for label, day in (("today", dt.date.today()), ("as of yesterday", dt.date.today() - dt.timedelta(days=1))):
                t0 = time.perf_counter()
                with db.session() as s:
                    st = compute_stats(s, day)
                report(f"compute_stats {label} ({st.total.eligible:,} residents, {len(st.hamlets)} hamlets, "
                       f"{len(st.teams)} teams)", time.perf_counter() - t0, "s")
            with db.session() as s:
                n = s.scalar(select(Event.id).order_by(Event.id.desc()).limit(1))
            report("events in the log", float(n or 0), "")
        finally:
            db.dispose()
