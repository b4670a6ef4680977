"""Export speed: the absent list of a large commune to .xlsx and .csv through `canvass.exporting.export`,
next to the raw writer (XlsxWriter constant_memory / csv) writing the very same rows with the same formats.

The database is generated and bulk-inserted here: `rows` residents in 20 hamlets, households of 3, 90%
of them absent after two visits (so the list is about 0.9 x rows long).
"""
from __future__ import annotations

import csv
import datetime as dt
import gc
import random
import tempfile
import time
from pathlib import Path

import xlsxwriter

from canvass.db import bulk_insert, open_database
from canvass.exporting import export
from canvass.exporting.documents import Scope, absent
from canvass.exporting.sheets import EXCEL_EPOCH, _Formats
from canvass.models import Commune, Event, Hamlet, Household, Resident, Team
from canvass.text import fold, name_sort_key

SURNAMES = ["Nguyễn", "Trần", "Lê", "Hoàng", "Nông", "Vi", "Lý", "Đinh", "Lương", "Hà"]
MIDDLE = ["Văn", "Thị", "Đức", "Ngọc", "Minh", "Thu"]
GIVEN = ["An", "Ánh", "Bình", "Dũng", "Đức", "Hà", "Lan", "Nam", "Sơn", "Yến", "Hải", "Hương"]
HAMLETS = 20


def build(path: Path, rows: int, seed: int = 1) -> None:
    """A database of `rows` generated residents, most of them absent after two visits."""
    rnd = random.Random(seed)
    db = open_database(path)
    when = dt.datetime(2025, 3, 10, 8, 0)
    with db.connect() as conn:
        bulk_insert(conn, Commune.__table__, ("id", "name", "name_fold", "district", "province"),
                    [(1, "Xã Tân Văn", fold("Xã Tân Văn"), "Huyện Bình Gia", "Tỉnh Lạng Sơn")])
        bulk_insert(conn, Hamlet.__table__, ("id", "commune_id", "name", "name_fold", "kind"),
                    [(h, 1, f"Thôn Số {h}", fold(f"Thôn Số {h}"), "thôn") for h in range(1, HAMLETS + 1)])
        bulk_insert(conn, Team.__table__, ("id", "name", "created_at"),
                    [(t, f"Tổ {t}", when) for t in range(1, 11)])
        n_hh = (rows + 2) // 3
        households = []
        for i in range(1, n_hh + 1):
            h = 1 + (i - 1) * HAMLETS // n_hh
            households.append((i, h, str(i), str(i), f"Số {i}, Thôn Số {h}", f"{i:08d}"))
        bulk_insert(conn, Household.__table__, ("id", "hamlet_id", "key", "number", "address", "sort_key"),
                    households)
        residents, events = [], []
        eid = 0
        for i in range(1, rows + 1):
            hh = households[(i - 1) // 3]
            name = f"{rnd.choice(SURNAMES)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}"
            status = "absent" if rnd.random() < 0.9 else "pending"
            dob = dt.date(1940 + rnd.randrange(65), 1 + rnd.randrange(12), 1 + rnd.randrange(28))
            residents.append((i, f"0{20 + i % 5:02d}{i:09d}", name, fold(name), name_sort_key(name), dob,
                              f"+8491{i:07d}", f"091{i:07d}", hh[4], hh[1], hh[0], status,
                              "work_away" if status == "absent" and i % 3 == 0 else None,
                              2 if status == "absent" else 0, 1 + i % 10, 1, "cccd", (i - 1) % 3 == 0))
            if status == "absent":
                for k in (0, 1):
                    eid += 1
                    events.append((eid, i, "visit", when + dt.timedelta(days=k), when, 1 + i % 10, "absent",
                                   "work_away" if i % 3 == 0 else None, "vắng nhà" if k else None))
        bulk_insert(conn, Resident.__table__,
                    ("id", "cccd", "name", "name_fold", "name_sort", "dob", "phone", "phone_raw", "address",
                     "hamlet_id", "household_id", "status", "status_reason", "attempts", "team_id", "version",
                     "id_kind", "is_head"),
                    residents)
        bulk_insert(conn, Event.__table__, ("id", "resident_id", "kind", "at", "recorded_at", "team_id", "outcome",
                                            "reason", "note"), events)
    db.dispose()


def raw_xlsx(doc_rows: list, kinds: list[str], path: Path) -> None:
    """XlsxWriter constant_memory writing the same values with the same per-column formats (no heading)."""
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False,
                                         "strings_to_numbers": False, "strings_to_urls": False})
    fmts = _Formats(wb)
    cell = [fmts.cell(k) for k in kinds]
    ws = wb.add_worksheet()
    for r, values in enumerate(doc_rows):
        for c, v in enumerate(values):
            if v is None:
                ws.write_blank(r, c, None, cell[c])
            elif isinstance(v, str):
                ws.write_string(r, c, v, cell[c])
            elif isinstance(v, dt.date):
                ws.write_number(r, c, (v - EXCEL_EPOCH).days, cell[c])
            else:
                ws.write_number(r, c, v, cell[c])
    wb.close()


def raw_csv(doc_rows: list, path: Path) -> None:
    """The csv module writing the same values (dates as dd/mm/yyyy)."""
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        for values in doc_rows:
            w.writerow(["" if v is None else v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else v
                        for v in values])


def run(report, rows: int) -> None:
    """Build the database, export, and compare with the raw writers."""
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        build(folder / "bench.db", rows)
        report("export: build database (bulk insert)", time.perf_counter() - t0, "s")
        db = open_database(folder / "bench.db")
        export(db, "daily-report", folder / "warm-up.xlsx")  # imports and first-query costs, paid once
        timings, cpu = {}, {}
        for ext in ("xlsx", "csv"):
            t0, c0 = time.perf_counter(), time.process_time()
            res = export(db, "absent", folder / f"absent.{ext}")
            timings[ext], cpu[ext] = time.perf_counter() - t0, time.process_time() - c0
            report(f"export absent .{ext}: {res.rows:,} rows", timings[ext], "s")
            report(f"export absent .{ext} CPU time", cpu[ext], "s")
            report(f"export absent .{ext} speed", res.rows / timings[ext], "rows/s")
        with db.session() as s:
            gc.disable()
            t0, c0 = time.perf_counter(), time.process_time()
            doc = absent(s, Scope())
            values = [v for section in doc.sections for _g, v, _b in section.rows]
            report("export: query + rows alone (no writer)", time.perf_counter() - t0, "s")
            report("export: query + rows alone, CPU time", time.process_time() - c0, "s")
            gc.enable()
        kinds = [c.kind for c in doc.columns]
        for ext, fn in (("xlsx", lambda: raw_xlsx(values, kinds, folder / "raw.xlsx")),
                        ("csv", lambda: raw_csv(values, folder / "raw.csv"))):
            gc.disable()  # as export() does
            t0, c0 = time.perf_counter(), time.process_time()
            fn()
            raw, raw_cpu = time.perf_counter() - t0, time.process_time() - c0
            gc.enable()
            report(f"raw writer .{ext}, same {len(values):,} rows x {len(kinds)} columns", raw, "s")
            report(f"raw writer .{ext} CPU time", raw_cpu, "s")
            report(f"raw writer .{ext} speed", len(values) / raw, "rows/s")
            report(f"export .{ext} / raw writer (wall)", timings[ext] / raw, "x (target <= 1.5)")
            # CPU time is steadier than wall time on a machine shared with other work
            report(f"export .{ext} / raw writer (CPU)", cpu[ext] / raw_cpu, "x (target <= 1.5)")
        with db.session() as s:
            logged = s.query(Event).filter(Event.kind == "export").count()
        report("export events logged (with the warm-up)", logged, "")
        db.dispose()


if __name__ == "__main__":
    import sys

    run(lambda label, value, unit="": print(f"{label}: {value:,.2f} {unit}" if isinstance(value, float)
                                             else f"{label}: {value} {unit}"),
        int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
