"""Run every bench/bench_*.py case: `python -m bench [NAME ...] [--rows N]`.

Each case module has `run(report, rows)`; `report(label, value, unit)` prints one figure. All figures
are also written to bench/out/results.md so the README can quote them.
"""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import platform
import sys
import time
from pathlib import Path

OUT = Path(__file__).parent / "out"


def main(argv=None) -> int:
    """Run the selected cases (all by default)."""
    p = argparse.ArgumentParser(prog="bench")
    p.add_argument("names", nargs="*", help="case names (bench_<name>.py); default all")
    p.add_argument("--rows", type=int, default=300_000, help="residents in the generated list")
    args = p.parse_args(argv)
    OUT.mkdir(exist_ok=True)
    cases = sorted(m.name[len("bench_"):] for m in pkgutil.iter_modules([str(Path(__file__).parent)])
                   if m.name.startswith("bench_"))
    chosen = args.names or cases
    lines = [f"# bench ({time.strftime('%Y-%m-%d %H:%M')}, {platform.python_version()}, rows={args.rows})", ""]

    def report(label: str, value: float, unit: str = "") -> None:
        text = f"{label}: {value:,.2f} {unit}".rstrip() if isinstance(value, float) else f"{label}: {value} {unit}"
        print(text, flush=True)
        lines.append(f"- {text}")

    for name in chosen:
        print(f"== {name}", flush=True)
        lines.append(f"## {name}")
        importlib.import_module(f"bench.bench_{name}").run(report, args.rows)
        lines.append("")
    (OUT / "results.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
