"""Search latency over the imported province list: `resident_ids` (what the window runs per keystroke) alone
and with `count_residents`, for typical searches, p50 and max over repeated runs, and apart for the ends of
numbers (what a masked list shows: the last 3 digits). Reuses bench_import's database (imports the list first
when it is missing)."""
from __future__ import annotations

import statistics
import sys
import time

from bench.bench_import import _spawn, db_path
from bench.listgen import cached_list

QUERIES = ["zzz", "nguyen van an", "nguyen van", "nguyen van hung", "tran thi thu", "duc", "đức", "hoang minh t",
           "le", "ng", "phuong", "bui thi ngoc anh",
           "0", "09", "079", "nguyen 0"]   # 1-2 digits search no number (a user still typing): was up to 2 s
RUNS = 5


def run(report, rows: int = 300_000) -> None:
    """Print the figures (see the module docstring)."""
    from canvass.db import open_database
    from canvass.residents import ResidentQuery, count_residents, resident_ids, resident_rows

    db = db_path(rows)
    if not db.exists():
        _spawn(cached_list(rows), db)
    database = open_database(db)
    with database.session() as s:
        total = count_residents(s, ResidentQuery())
        sample = resident_rows(s, resident_ids(s, ResidentQuery(search="vu"))[:1])[0]
        cccd, phone = sample.cccd, sample.phone
        queries = QUERIES + [cccd, cccd[:6], "0" + (phone or "+84912")[3:], "0" + (phone or "+84912")[3:7]]
        local = "0" + (phone or "+84912345678")[3:]
        endings = [cccd[-3:], cccd[-4:], cccd[-6:], local[-3:], local[-4:], local[-6:], local[-4:-1] + " " + local[-1:]]
        queries += endings
        filtered = [ResidentQuery(search="nguyen thi", statuses=("pending",), hamlet_ids=(1, 2, 3)),
                    ResidentQuery(statuses=("pending",), hamlet_ids=(5,))]
        times: list[float] = []     # resident_ids alone: what the window runs per keystroke
        both: list[float] = []      # resident_ids + count_residents
        per: list[tuple[str, float, float, int]] = []
        ends: list[float] = []      # resident_ids for the ends of numbers
        for q in [ResidentQuery(search=x) for x in queries] + filtered:
            mine, pair = [], []
            for _ in range(RUNS):
                t = time.perf_counter()
                ids = resident_ids(s, q)
                mid = time.perf_counter()
                n = count_residents(s, q)
                mine.append(mid - t)
                pair.append(time.perf_counter() - t)
            assert n == len(ids)
            times += mine
            if q.search in endings:
                ends += mine
            both += pair
            label = q.search or "(filters only)"
            if q.hamlet_ids:
                label += " + filters"
            per.append((label, statistics.median(mine), statistics.median(pair), n))
        t = time.perf_counter()
        every = resident_ids(s, ResidentQuery())
        all_ids = time.perf_counter() - t
    database.dispose()
    report("residents", total)
    for label, med, pair, n in per:
        report(f"search {label!r}", med * 1000, f"ms p50 (with the count {pair * 1000:.0f} ms; {n:,} found)")
    report("search p50, resident_ids (all queries)", statistics.median(times) * 1000,
           f"ms (with the count {statistics.median(both) * 1000:.0f} ms)")
    report("search max, resident_ids (all queries)", max(times) * 1000,
           f"ms (with the count {max(both) * 1000:.0f} ms)")
    report("every id in name order (no search)", all_ids * 1000, f"ms ({len(every):,} ids)")
    report("ends of numbers, resident_ids p50", statistics.median(ends) * 1000,
           f"ms (max {max(ends) * 1000:.0f} ms; {len(endings)} queries: last 3, 4, 6 digits of a CCCD and a phone)")


if __name__ == "__main__":
    from bench.__main__ import main

    sys.exit(main(["search", *sys.argv[1:]]))
