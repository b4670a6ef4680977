"""Import speed (issue 14), from one run on the same generated province list: python-calamine's own read of
the file, then the command `canvass import FILE --json` as a whole process (start-up included) on a fresh
SQLite database, its ratio to the read and its peak memory, the re-import of the unchanged file and its ratio,
and a commune of 5,000 residents imported by the command on a fresh database (wall time from start-up).
Then the preview (dry run) and the wizard's flow (a preview, then the import, in one process: the rows are
read once), and the database size after one, two and three imports of the same list.

Each import runs in its own child process; its peak memory is that process's maxrss (os.wait4 in a small
launcher, so that the bench's own memory is not inherited).
`python -m bench import --rows N` (default 300,000).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.listgen import OUT, cached_list

ROOT = Path(__file__).resolve().parents[1]


def db_path(rows: int) -> Path:
    """The database bench_search reuses (the list imported once)."""
    return OUT / f"bench_{rows}.db"


def read_calamine(path: Path) -> tuple[int, float, float]:
    """(rows, wall s, cpu s) of python-calamine reading every row of the first sheet."""
    from python_calamine import CalamineWorkbook

    t, c = time.perf_counter(), time.process_time()
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    n = sum(1 for _ in sheet.iter_rows())
    return n, time.perf_counter() - t, time.process_time() - c


def read_openpyxl(path: Path) -> tuple[int, float]:
    """(rows, wall s) of openpyxl read-only mode reading every row."""
    from openpyxl import load_workbook

    t = time.perf_counter()
    wb = load_workbook(path, read_only=True, data_only=True)
    n = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    return n, time.perf_counter() - t


def child(list_path: str, db: str, dry_run: bool = False, preview: bool = False) -> None:
    """In a child process: import once (after a preview when `preview`), print timing, memory and counts
    as JSON."""
    import resource

    from canvass.db import open_database
    from canvass.importing import run_import

    database = open_database(db)
    t, c = time.perf_counter(), time.process_time()
    preview_wall = None
    if preview:
        run_import(database, list_path, dry_run=True)
        preview_wall = time.perf_counter() - t
    res = run_import(database, list_path, dry_run=dry_run)
    wall, cpu = time.perf_counter() - t, time.process_time() - c
    database.dispose()
    out = {k: v for k, v in res.to_json().items() if k not in ("rejected", "warnings")}
    out.update(rejected=len(res.rejected), warnings=len(res.warnings), wall=wall, cpu=cpu, preview_wall=preview_wall,
               maxrss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(out))


# A small launcher forks the command and reports its rusage: a child forked straight from the bench (which has
# just read 300k rows with calamine) would inherit the bench's memory high-water mark in its maxrss on Linux.
_LAUNCH = ("import json, os, sys\n"
           "pid = os.fork()\n"
           "if pid == 0:\n"
           "    os.execv(sys.argv[1], sys.argv[1:])\n"
           "_, status, ru = os.wait4(pid, 0)\n"
           "sys.stderr.write('\\nRUSAGE ' + json.dumps([os.waitstatus_to_exitcode(status), ru.ru_utime + ru.ru_stime, "
           "ru.ru_maxrss]) + '\\n')\n")


def _command(args: list[str]) -> tuple[float, float, float, dict]:
    """Run `canvass ARGS --json` as a whole process (the installed console script): (wall s, cpu s, peak MB
    of that process, its JSON)."""
    script = Path(sys.executable).parent / "canvass"
    cmd = [str(script)] if script.exists() else [sys.executable, "-c", "import sys; from canvass.cli import main; "
                                                                    "sys.exit(main())"]
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _LAUNCH, *cmd, *args, "--json"], cwd=ROOT, capture_output=True,
                          text=True, check=False)
    wall = time.perf_counter() - t
    tail = proc.stderr.rstrip().rsplit("\n", 1)[-1]
    if not tail.startswith("RUSAGE "):
        raise RuntimeError(f"{cmd + args}: {proc.stderr[-2000:]}")
    code, cpu, maxrss_kb = json.loads(tail[len("RUSAGE "):])
    if code != 0:
        raise RuntimeError(f"{cmd + args}: exit {code}: {proc.stderr[-2000:]}")
    return wall, cpu, maxrss_kb / 1024, json.loads(proc.stdout)


def load() -> str:
    """The machine's load (1-minute average) and core count: the wall-clock figures mean little when busy."""
    return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


def _fresh(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def _spawn(list_path: Path, db: Path, dry_run: bool = False, preview: bool = False) -> dict:
    code = f"from bench.bench_import import child; child({str(list_path)!r}, {str(db)!r}, {dry_run!r}, {preview!r})"
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run(report, rows: int = 300_000) -> None:
    """Print the figures (see the module docstring)."""
    t = time.perf_counter()
    path = cached_list(rows)
    report("list", f"{path.name} ({path.stat().st_size / 1e6:.1f} MB, ready in {time.perf_counter() - t:.1f} s)")
    n, wall, cpu = read_calamine(path)
    report("machine", load())
    report("reader python-calamine", wall, f"s ({n:,} rows, {n / wall:,.0f} rows/s, cpu {cpu:.1f} s)")
    small = cached_list(min(rows, 20_000))
    n2, wall2, _ = read_calamine(small)
    n3, wall3 = read_openpyxl(small)
    report("reader openpyxl read-only vs calamine (20k rows)", wall3 / wall2,
           f"x slower ({n3 / wall3:,.0f} vs {n2 / wall2:,.0f} rows/s)")
    db = db_path(rows)
    _fresh(db)
    wall1, cpu1, mb1, first = _command(["--db", str(db), "import", str(path)])
    report("canvass import (whole process, new database)", wall1,
           f"s ({first['rows_read'] / wall1:,.0f} rows/s, cpu {cpu1:.1f} s, {first['imported']:,} residents, "
           f"{first['households']:,} households, {len(first['rejected'])} rejected, {first['duplicates']} duplicates, "
           f"{len(first['warnings']):,} warnings)")
    report("import / reader ratio", wall1 / wall, f"x (cpu time ratio {cpu1 / cpu:.2f} x)")
    report("import peak memory (maxrss)", mb1, "MB")
    report("database size after 1 import", os.path.getsize(db) / 1e6, "MB")
    wall2, cpu2, mb2, again = _command(["--db", str(db), "import", str(path)])
    report("re-import of the unchanged file (whole process)", wall2,
           f"s (cpu {cpu2:.1f} s, {again['unchanged']:,} unchanged, {again['updated']} updated, "
           f"{again['activated_per_system']} activated; peak {mb2:.0f} MB)")
    report("re-import / reader ratio", wall2 / wall, f"x (cpu time ratio {cpu2 / cpu:.2f} x)")
    report("database size after 2 imports", os.path.getsize(db) / 1e6, "MB")
    commune = cached_list(min(rows, 5000))
    small_db = OUT / "bench_commune.db"
    _fresh(small_db)
    wall5, cpu5, mb5, res5 = _command(["--db", str(small_db), "import", str(commune)])
    report(f"commune of {res5['rows_read']:,} rows: canvass import from start-up (new database)", wall5,
           f"s (cpu {cpu5:.1f} s, peak {mb5:.0f} MB)")
    _fresh(small_db)
    started = [_spawn(commune, small_db) for _ in range(3) if _fresh(small_db) is None]
    walls = sorted(r["wall"] for r in started)
    report(f"commune of {res5['rows_read']:,} rows: run_import in a started program (new database, median of 3)",
           walls[1], f"s (cpu {sorted(r['cpu'] for r in started)[1]:.2f} s; the goal is under 1 s)")
    _fresh(small_db)
    dry = _spawn(path, db, dry_run=True)
    report("dry run (preview) of the same file", dry["wall"], f"s (peak {dry['maxrss_mb']:.0f} MB)")
    flow = _spawn(path, db, preview=True)
    report("preview then import of the same file, one process (the wizard)", flow["wall"],
           f"s (preview {flow['preview_wall']:.1f} s, import {flow['wall'] - flow['preview_wall']:.1f} s; "
           f"peak {flow['maxrss_mb']:.0f} MB)")
    report("database size after 3 imports (the third: preview then import)", os.path.getsize(db) / 1e6, "MB")


if __name__ == "__main__":
    from bench.__main__ import main

    sys.exit(main(["import", *sys.argv[1:]]))
