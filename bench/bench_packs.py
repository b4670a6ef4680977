"""Team packs: export a 5,000-resident pack, fill every row, merge the return (and merge it again).

`rows` (the runner's list size) only caps the pack: the case always uses min(rows, 5000) residents,
because a pack is one team's share of a commune.
"""
from __future__ import annotations

import datetime as dt
import random
import tempfile
import time
from pathlib import Path

from openpyxl import load_workbook

from canvass.db import bulk_insert, now, open_database
from canvass.events import REASON_LABELS_VI, STATUS_LABELS_VI
from canvass.models import Commune, Event, Hamlet, Household, Resident, Team
from canvass.packs import export_pack, import_pack
from canvass.packs import layout as L
from canvass.text import fold, name_sort_key

PACK_ROWS = 5000


def _populate(db, n: int) -> None:
    """n residents in households of 3, all assigned to one team (Core bulk inserts)."""
    rnd = random.Random(5)
    stamp = now()
    with db.session() as s:
        s.add(Commune(id=1, name="Xã Đo Tốc Độ", name_fold=fold("Xã Đo Tốc Độ")))
        s.add(Hamlet(id=1, commune_id=1, name="Thôn Một", name_fold="thon mot", kind="thôn"))
        s.add(Team(id=1, name="Tổ 1", created_at=stamp))
    households = (n + 2) // 3
    with db.connect() as conn:
        bulk_insert(conn, Household.__table__, ("id", "hamlet_id", "key", "number", "address", "sort_key"),
                    [(h, 1, str(h), str(h), f"Số {h}, Thôn Một", f"{h:06d}") for h in range(1, households + 1)])
        people, events = [], []
        for i in range(1, n + 1):
            name = f"{rnd.choice(['Nguyễn', 'Hoàng', 'Nông'])} {rnd.choice(['Văn', 'Thị'])} {rnd.choice(['An', 'Bình', 'Lan'])}"
            people.append((i, f"020{i:09d}", "cccd", name, fold(name), name_sort_key(name), f"+8491{i:07d}",
                           1, (i - 1) // 3 + 1, (i - 1) % 3 == 0, "pending", 0, 1, 2))
            events.append((i, "imported", stamp, stamp))
            events.append((i, "assigned", stamp, stamp))
        bulk_insert(conn, Resident.__table__, ("id", "cccd", "id_kind", "name", "name_fold", "name_sort", "phone",
                                               "hamlet_id", "household_id", "is_head", "status", "attempts",
                                               "team_id", "version"), people)
        bulk_insert(conn, Event.__table__, ("resident_id", "kind", "at", "recorded_at"), events)
        conn.exec_driver_sql("UPDATE event SET team_id = 1 WHERE kind = 'assigned'")


def _fill_all(src: Path, dst: Path) -> int:
    """Every row filled with a mix of outcomes, as a team lead would return it."""
    wb = load_workbook(src)
    ws = wb[L.MAIN_SHEET]
    day = dt.date.today() - dt.timedelta(days=1)
    choices = [(STATUS_LABELS_VI["activated"], None), (STATUS_LABELS_VI["absent"], REASON_LABELS_VI["work_away"]),
               (STATUS_LABELS_VI["ineligible"], REASON_LABELS_VI["elderly"]), (STATUS_LABELS_VI["refused"], None)]
    col = {k: i + 1 for i, k in enumerate(L.COLUMN_KEYS)}
    n = 0
    for r in range(L.HEADER_ROW + 1, ws.max_row + 1):
        outcome, reason = choices[r % len(choices)]
        ws.cell(row=r, column=col["outcome"], value=outcome)
        ws.cell(row=r, column=col["reason"], value=reason)
        ws.cell(row=r, column=col["visit_date"], value=day)
        ws.cell(row=r, column=col["note"], value="ghi chú" if r % 5 == 0 else None)
        n += 1
    wb.save(dst)
    return n


def run(report, rows: int) -> None:
    """Export, fill, merge and re-merge one pack; print rows/s."""
    n = min(rows, PACK_ROWS)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        db = open_database(tmp / "bench.db")
        _populate(db, n)
        t = time.perf_counter()
        exp = export_pack(db, "Tổ 1", tmp / "pack.xlsx")
        report(f"pack export ({exp.rows} rows)", time.perf_counter() - t, "s")
        filled = _fill_all(tmp / "pack.xlsx", tmp / "return.xlsx")
        t = time.perf_counter()
        dry = import_pack(db, tmp / "return.xlsx", dry_run=True)
        report(f"pack merge dry run ({filled} rows)", filled / (time.perf_counter() - t), "rows/s")
        t = time.perf_counter()
        res = import_pack(db, tmp / "return.xlsx")
        elapsed = time.perf_counter() - t
        assert res.applied == dry.applied == filled, (res.applied, filled)
        report(f"pack merge ({res.applied} visits applied)", filled / elapsed, "rows/s")
        report("pack merge time", elapsed, "s")
        t = time.perf_counter()
        again = import_pack(db, tmp / "return.xlsx")
        assert again.applied == 0 and again.unchanged == filled
        report("pack re-merge, nothing to apply", filled / (time.perf_counter() - t), "rows/s")
        db.dispose()
