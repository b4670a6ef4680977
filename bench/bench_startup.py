"""Start-up of the command line, measured as whole processes (start to exit, as a person waits for them):
`canvass --help`, `canvass stats` on a small database (the 300-resident sample list) and `canvass import` of that
list into a new database, next to a bare `python -c pass` (the interpreter's own floor). Each is run RUNS times;
the median and the fastest are reported, after one run that is not counted, with the median CPU time (user +
system), which a busy machine disturbs less than the wall clock. The time Python spends importing
modules (from `-X importtime`) is reported too, so the share of start-up that is imports is visible.

Compiled bytecode is kept (in a temporary folder, `PYTHONPYCACHEPREFIX`, even where `PYTHONDONTWRITEBYTECODE`
is set), as an installed package has it: without it every start also compiles the project's sources.

The list size (`--rows`) does not apply: start-up is what a small command pays before any work.
`python -m bench startup`.
"""
from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 5


def _canvass() -> list[str]:
    """The installed `canvass` command beside this interpreter, else `python -m canvass.cli`."""
    script = Path(sys.executable).with_name("canvass")
    return [str(script)] if script.exists() else [sys.executable, "-m", "canvass.cli"]


def _wall(argv: list[str], env: dict) -> tuple[float, float]:
    """Seconds from starting the process to its exit (it must succeed), and the CPU seconds it used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def _import_seconds(argv: list[str], env: dict) -> float:
    """Seconds spent importing modules (the top-level cumulative figures of `python -X importtime`)."""
    proc = subprocess.run([sys.executable, "-X", "importtime", *argv], check=True, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, env=env)
    total = 0
    for line in proc.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[2].startswith(" ") and not parts[2].startswith("  ") \
                and parts[1].strip().isdigit():
            total += int(parts[1])
    return total / 1e6


def run(report, rows: int) -> None:
    """Report the start-up figures (rows is not used)."""
    import resources

    sample = resources.path("sample", "sample_commune.xlsx")
    tmp = Path(tempfile.mkdtemp(prefix="bench_startup_"))
    env = {**os.environ, "CANVASS_LANG": "en", "PYTHONPYCACHEPREFIX": str(tmp / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    canvass = _canvass()
    try:
        small = tmp / "small.db"
        subprocess.run([*canvass, "--db", str(small), "import", str(sample)], check=True,
                       stdout=subprocess.DEVNULL, env=env)

        def fresh_import() -> list[str]:
            target = tmp / "new.db"
            for p in tmp.glob("new.db*"):
                p.unlink()
            return [*canvass, "--db", str(target), "import", str(sample)]

        cases = [("python -c pass", lambda: [sys.executable, "-c", "pass"]),
                 ("canvass --help", lambda: [*canvass, "--help"]),
                 ("canvass stats (300 residents)", lambda: [*canvass, "--db", str(small), "stats"]),
                 ("canvass import (300-row sample, new database)", fresh_import)]
        for label, argv in cases:
            _wall(argv(), env)      # not counted: writes the bytecode cache
            runs = [_wall(argv(), env) for _ in range(RUNS)]
            report(f"{label}: median of {RUNS}", statistics.median(w for w, _ in runs), "s")
            report(f"{label}: fastest", min(w for w, _ in runs), "s")
            report(f"{label}: CPU, median", statistics.median(c for _, c in runs), "s")
        for label, argv in (("canvass stats", ["--db", str(small), "stats"]), ("canvass --help", ["--help"])):
            report(f"{label}: time spent importing modules (one run under -X importtime)",
                   _import_seconds(["-m", "canvass.cli", *argv], env), "s")
        report("cores", os.cpu_count() or 0)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
