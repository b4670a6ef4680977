"""The command line: `canvass [--db PATH|URL] <command> ...` (also `python main.py <command>`).

Each area of the core adds its commands from its own module (see COMMAND_MODULES): a module defines
`register(subparsers)` and gives every parser a `func(args, db) -> int` with `set_defaults(func=...)`.
User errors (`CanvassError`) print one line on stderr and exit 1; the database is left unchanged.
"""
from __future__ import annotations

import argparse
import importlib
import json
import sys
from functools import lru_cache
from typing import Any, Sequence

from canvass.db import DatabaseError, open_database
from canvass.errors import CanvassError
from canvass.messages import cli_language, text

COMMAND_MODULES = (
    "canvass.importing.cli",   # import, residents, stats (foundation)
    "canvass.cli_teams",       # teams, assign, mark, history, campaign, stats with quotas
    "canvass.exporting.cli",   # export
    "canvass.packs_cli",       # pack export / pack import
    "canvass.cli_backup",      # backup, restore
    "canvass.scan.cli",        # walklist read (ticked pages from photos)
    "canvass.server_cli",      # server init, users add/list/disable (a shared PostgreSQL server)
    "canvass.communes_cli",    # commune add / list / allocate
)


def _modules() -> list:
    """Every area's command module (one that fails to import is a bug and shows as one)."""
    return [importlib.import_module(name) for name in COMMAND_MODULES]


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, with every area's commands."""
    p = argparse.ArgumentParser(prog="canvass", description="Gõ Cửa: e-ID activation campaign lists")
    p.add_argument("--db", help="database file or SQLAlchemy URL (default: $CANVASS_DB or the user data folder)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for mod in _modules():
        mod.register(sub)
    return p


@lru_cache(maxsize=1)
def COMMANDS() -> frozenset[str]:  # noqa: N802 - a constant computed once
    """The names of the top-level commands."""
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return frozenset(action.choices)
    return frozenset()


def print_json(obj: Any) -> None:
    """Print one JSON document (UTF-8, dates as ISO strings)."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        db = open_database(args.db)
    except DatabaseError as exc:
        print(f"canvass: {exc}", file=sys.stderr)
        return 1
    try:
        return int(args.func(args, db) or 0)
    except CanvassError as exc:
        print(f"canvass: {text(exc, cli_language())}", file=sys.stderr)
        return 1
    finally:
        db.dispose()


if __name__ == "__main__":
    sys.exit(main())
