"""The importer's results, to the byte, against a digest made by the code before the speed work (issue 14).

A generated messy list (a few thousand rows: duplicates, section rows naming the hamlet of the rows under
them, missing and mistyped IDs, phones and dates in many shapes, blank hamlet cells) is imported into a fresh
database, imported again unchanged, then a changed list (people gone, phones and names changed, new people,
rows moved) and the first list once more (re-opening). After each import a canonical digest of the database
(every column of every table the importer fills except wall-clock timestamps and the file's SHA-256, which
the writer's timestamp changes; source rows with their raw text)
and of the import log is compared with tests/core/data/import_digest.json, written by `python -m
tests.core.test_import_identical` on the main branch before any change.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
from pathlib import Path

from sqlalchemy import DateTime, select

GOLDEN = Path(__file__).parent / "data" / "import_digest.json"
TABLES = ("commune", "hamlet", "household", "resident", "resident_word", "event", "import_batch", "batch_hamlet",
          "source_row")
ROWS = 3000

PHONE_SHAPES = ["84912345{:03d}", "(091) 234 5{:03d}", "091 234 5{:03d} ", "0912.345.{:03d} - 0987654321",
                "không có", "0912345{:03d}/0912345{:03d}", "+84 (0) 912 345 {:03d}", "912345{:03d}",
                "0912 345 {:03d} (con trai)", "01689345{:03d}", "024 3823 {:03d}4", "1234"]
DATE_SHAPES = ["{d}/{m}/{y}", "{y}-{m:02d}-{d:02d}", "{d:02d}.{m:02d}.{y}", "{m}/{y}", "{d}/{m}/{yy:02d}",
               "ngày {d} tháng {m} năm {y}", "{y}", "00/00/{y}", "{d:02d}{m:02d}{y}", "31/13/{y}"]


def _cells(path: Path) -> list[list]:
    from python_calamine import CalamineWorkbook

    rows = []
    for r in CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).iter_rows():
        rows.append([int(v) if type(v) is float and v.is_integer() else v for v in r])
    return rows


def _write(path: Path, rows: list[list]) -> Path:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("DS chua kich hoat")
    fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v is None or v == "":
                continue
            if isinstance(v, dt.datetime) or isinstance(v, dt.date):
                ws.write_datetime(r, c, dt.datetime(v.year, v.month, v.day), fmt)
            elif isinstance(v, (int, float)):
                ws.write_number(r, c, v)
            else:
                ws.write_string(r, c, str(v))
    wb.close()
    return path


def make_lists(tmp: Path) -> tuple[Path, Path]:
    """(the first list, the changed list): bench.listgen's messy list made messier."""
    from bench.listgen import make_list

    base = _cells(make_list(tmp / "base.xlsx", ROWS, seed=14))
    rnd = random.Random(14)
    head, data = base[:7], base[7:]
    end = max(i for i, r in enumerate(data) if r and isinstance(r[0], int)) + 1
    data, foot = data[:end], data[end:]
    out: list[list] = []
    for i, row in enumerate(data):
        row = list(row) + [""] * (14 - len(row))
        if i % 400 == 0 and i:   # a section row, then a block whose hamlet cells are blank
            out.append(["", f"THÔN KHUỔI {i // 400} ({rnd.randint(5, 60)} công dân)"])
        if (i // 40) % 10 == 3:
            row[9] = ""
        x = rnd.random()
        if x < 0.03:
            row[4] = ""                                   # no ID
        elif x < 0.05:
            row[4] = str(row[4])[:-3] if row[4] else "0201"   # a mistyped ID
        elif x < 0.06:
            row[4] = f"CCCD: {row[4]}"
        y = rnd.random()
        if y < 0.08:
            row[5] = rnd.choice(PHONE_SHAPES).format(i % 1000, (i + 1) % 1000)
        y = rnd.random()
        if y < 0.10:
            d = dt.date(1940, 1, 1) + dt.timedelta(days=(i * 37) % 25000)
            row[2] = rnd.choice(DATE_SHAPES).format(d=d.day, m=d.month, y=d.year, yy=d.year % 100)
        if rnd.random() < 0.01:
            out.append(list(row))                         # the same row twice
        out.append(row)
    first = _write(tmp / "first.xlsx", head + out + foot)
    changed: list[list] = []
    for row in out:
        if len(row) < 5:
            changed.append(row)
            continue
        x = rnd.random()
        if x < 0.05:
            continue                                      # activated their account: not listed any more
        row = list(row)
        if x < 0.08:
            row[5] = f"09{rnd.randrange(10 ** 8):08d}"
        elif x < 0.09:
            row[1] = str(row[1]).upper() + " A"
        elif x < 0.10:
            row[9] = "Thôn Mới"
        elif x < 0.11:
            row[6] = int(row[6] or 0) + 1000 if str(row[6]).isdigit() else row[6]
        changed.append(row)
        if rnd.random() < 0.01:
            new = list(row)
            new[1] = f"Người Mới {len(changed)}"
            new[4] = f"0201990{len(changed):05d}"
            changed.append(new)
    second = _write(tmp / "second.xlsx", head + changed + foot)
    return first, second


def _canon(v):
    if isinstance(v, (bytes, memoryview)):
        return bytes(v).hex()
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    return v


def db_digest(db, columns: dict[str, list[str]] | None = None) -> dict[str, dict]:
    """{table: {"columns": [...], "rows": n, "sha256": ...}} over every row in id order (timestamps left out;
    a source row's text id replaced by its text; the batch summary without the result it repeats)."""
    from canvass.models import Base

    out = {}
    with db.engine.connect() as conn:
        for name in TABLES:
            t = Base.metadata.tables[name]
            cols = (columns or {}).get(name) or [c.name for c in t.columns
                                                 if not isinstance(c.type, DateTime) and c.name not in ("text_id", "file_sha256")
                                                 and not c.computed]
            order = [t.c.id] if "id" in t.c else list(t.primary_key.columns)
            stmt = select(*[t.c[c] for c in cols]).order_by(*order)
            if name == "source_row":
                st = Base.metadata.tables["source_text"]
                stmt = stmt.add_columns(st.c.raw).outerjoin(st, st.c.id == t.c.text_id)
            h = hashlib.sha256()
            n = 0
            for row in conn.execute(stmt):
                vals = [_canon(v) for v in row]
                if name == "import_batch" and "summary" in cols:
                    i = cols.index("summary")
                    s = json.loads(vals[i])
                    s.pop("result", None)
                    vals[i] = s
                h.update(json.dumps(vals, ensure_ascii=False, sort_keys=True).encode())
                n += 1
            out[name] = {"columns": cols, "rows": n, "sha256": h.hexdigest()}
    return out


def result_digest(res) -> dict:
    """The import log as the CLI's --json prints it (the batch number included)."""
    data = res.to_json()
    return {"counts": {k: v for k, v in data.items() if k not in ("rejected", "warnings")},
            "rejected": len(data["rejected"]), "warnings": len(data["warnings"]),
            "sha256": hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode()).hexdigest()}


def run_sequence(db, tmp: Path, golden: dict | None = None) -> list[dict]:
    """Import first, first again, the changed list, first once more; the digests after each step."""
    from canvass.importing import run_import

    first, second = make_lists(tmp)
    steps = []
    for i, (path, mode) in enumerate(((first, "complete"), (first, "auto"), (second, "complete"),
                                      (first, "complete"))):
        res = run_import(db, path, mode=mode, extracted=dt.date(2025, 3, 10 + i))
        cols = {t: d["columns"] for t, d in golden["steps"][i]["db"].items()} if golden else None
        steps.append({"result": result_digest(res), "db": db_digest(db, cols)})
    return steps


def test_import_results_identical_to_golden(tmp_path):
    from canvass.db import open_database

    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    db = open_database(tmp_path / "t.db")
    try:
        steps = run_sequence(db, tmp_path, golden)
    finally:
        db.dispose()
    for i, (got, want) in enumerate(zip(steps, golden["steps"])):
        assert got["result"] == want["result"], f"import {i + 1}: the log differs"
        for table, d in want["db"].items():
            assert got["db"][table] == d, f"import {i + 1}: table {table} differs"
    assert len(steps) == len(golden["steps"])


def test_the_generated_lists_are_messy(tmp_path):
    """The golden covers what it claims: duplicates, rows without an ID, rejected rows, updates, activations,
    re-opened residents, warnings."""
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    c = [s["result"]["counts"] for s in golden["steps"]]
    assert c[0]["imported"] > 2500 and c[0]["duplicates"] > 10
    assert golden["steps"][0]["result"]["rejected"] > 0 and golden["steps"][0]["result"]["warnings"] > 300
    assert c[1]["imported"] == 0 and c[1]["updated"] == 0 and c[1]["unchanged"] > 2500
    assert c[2]["updated"] > 50 and c[2]["activated_per_system"] > 50 and c[2]["imported"] > 10
    assert c[3]["updated"] > 50


if __name__ == "__main__":   # write the golden digest (on the reference code only)
    import tempfile

    from canvass.db import open_database

    with tempfile.TemporaryDirectory() as d:
        database = open_database(Path(d) / "g.db")
        data = {"rows": ROWS, "steps": run_sequence(database, Path(d))}
        database.dispose()
    GOLDEN.parent.mkdir(exist_ok=True)
    GOLDEN.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps([s["result"]["counts"] for s in data["steps"]], indent=1))
