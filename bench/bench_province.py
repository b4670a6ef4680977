"""A province in one database: `rows` residents in 100 communes (5 hamlets, 2 teams and a campaign each, 10 %
activated per system), then the province report's figures today (from the cached state) and as of yesterday
(one pass over the log), the .xlsx export, and a province target allocated across the communes.
`CANVASS_BENCH_PG=URL` runs it on a PostgreSQL server instead of a SQLite file."""
from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from pathlib import Path

from canvass.db import bulk_insert, open_database
from canvass.models import Campaign, Commune, Event, Hamlet, Resident, Team, TeamHamlet

COMMUNES, HAMLETS = 100, 5


def build(db, rows: int) -> None:
    """Generated communes, hamlets, residents (one in ten activated per system 3 days ago), teams, campaigns."""
    stamp = dt.datetime.now().replace(microsecond=0) - dt.timedelta(days=10)
    done_at = stamp + dt.timedelta(days=7)
    today = dt.date.today()
    with db.connect() as conn:
        bulk_insert(conn, Commune.__table__, ("id", "name", "name_fold", "district", "province"),
                    [(c, f"Xã Số {c}", f"xa so {c}", f"Huyện {1 + c // 15}", "Tỉnh Thử") for c in range(1, COMMUNES + 1)])
        hamlets = [(h, 1 + (h - 1) // HAMLETS, f"Thôn {h}", f"thon {h}", "thôn")
                   for h in range(1, COMMUNES * HAMLETS + 1)]
        bulk_insert(conn, Hamlet.__table__, ("id", "commune_id", "name", "name_fold", "kind"), hamlets)
        residents, events = [], []
        for rid in range(1, rows + 1):
            h = 1 + rid % len(hamlets)
            done = rid % 10 == 0
            residents.append((rid, f"{rid:012d}", "cccd", f"Nguyễn Văn {rid}", f"nguyen van {rid}", f"{rid:012d}", h,
                              False, "activated_system" if done else "pending", done_at if done else None, 0, 1))
            events.append((rid, "imported", stamp, stamp))
            if done:
                events.append((rid, "activated_system", done_at, done_at))
        bulk_insert(conn, Resident.__table__, ("id", "cccd", "id_kind", "name", "name_fold", "name_sort", "hamlet_id",
                                               "is_head", "status", "status_at", "attempts", "version"), residents)
        bulk_insert(conn, Event.__table__, ("resident_id", "kind", "at", "recorded_at"), events)
        bulk_insert(conn, Team.__table__, ("id", "commune_id", "name", "kind", "created_at"),
                    [(t, 1 + (t - 1) // 2, f"Tổ {1 + (t - 1) % 2}", "to_cong_tac_06", stamp)
                     for t in range(1, 2 * COMMUNES + 1)])
        bulk_insert(conn, TeamHamlet.__table__, ("team_id", "hamlet_id"),
                    [(t, (t - 1) // 2 * HAMLETS + 1 + (t - 1) % 2) for t in range(1, 2 * COMMUNES + 1)])
        bulk_insert(conn, Campaign.__table__, ("id", "name", "start_date", "end_date", "report_deadline",
                                               "quota_per_team_day", "commune_id", "created_at"),
                    [(c, "Chiến dịch", today - dt.timedelta(days=10), today + dt.timedelta(days=20), "15:30", 5, c,
                      stamp) for c in range(1, COMMUNES + 1)])


def run(report, rows: int = 300_000) -> None:
    """Build the province, then time the report's figures, its export and an allocation."""
    from canvass.communes import allocate_targets, province_figures
    from canvass.exporting import export

    folder = Path(tempfile.mkdtemp(prefix="bench-province-"))
    db = open_database(os.environ.get("CANVASS_BENCH_PG") or folder / "province.db")
    t = time.perf_counter()
    build(db, rows)
    report(f"province: {rows:,} residents in {COMMUNES} communes built", time.perf_counter() - t, "s")
    for label, day in (("today, from the cached state", dt.date.today()),
                       ("as of yesterday, from the log", dt.date.today() - dt.timedelta(days=1))):
        t = time.perf_counter()
        with db.read() as s:
            fig = province_figures(s, day)
        report(f"province figures {label}", time.perf_counter() - t, "s")
    assert fig.total.eligible == rows and len(fig.rows) == COMMUNES
    t = time.perf_counter()
    export(db, "province-report", folder / "province.xlsx")
    report("province report .xlsx", time.perf_counter() - t, "s")
    t = time.perf_counter()
    with db.session() as s:
        parts = allocate_targets(s, rows // 2)
    assert sum(p.target for p in parts) == rows // 2
    report("allocate a province target across the communes", time.perf_counter() - t, "s")
    db.dispose()
