"""The command line: `canvass [--db PATH|URL] <command> ...` (also `python main.py <command>`, `python -m canvass.cli`).

One module per area in this package; COMMANDS, a static table, says which module defines each command. A module
defines `register(subparsers)` and gives every parser a `func(args, db) -> int` with `set_defaults(func=...)`.

Start-up: running one command imports only the module that defines it, and an area module imports at its top only
the standard library and the light core modules (errors, messages); a command imports what it needs inside its
function, so `canvass stats` loads neither the importer nor openpyxl nor OpenCV. Help texts that need a core
constant are callables (see `Parser`). `--help`, no command or an unknown command build the full parser (every
module), which stays cheap for the same reason.

User errors (`CanvassError`) print one line on stderr and exit 1; the database is left unchanged.
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from typing import Any, Iterable, Sequence

from canvass.errors import CanvassError, NotFound
from canvass.messages import cli_language, text

# command -> module of canvass.cli that defines it; the full help lists the modules in this order
COMMANDS: dict[str, str] = {
    "import": "imports", "resident": "imports",     # import a police list; correct a resident's ID
    "residents": "residents",                        # list residents
    "teams": "teams", "assign": "teams",             # field teams and assignment
    "mark": "visits", "history": "visits",           # visit outcomes and a resident's history
    "campaign": "campaign", "stats": "campaign",     # the campaign and its figures
    "export": "exports",                             # return lists, walk lists, the daily report
    "pack": "packs",                                 # team packs out and back
    "backup": "backup", "restore": "backup",         # the embedded SQLite database
    "walklist": "scan",                              # ticked walk-list pages read back from photos
    "commune": "communes",                           # communes of a shared database, targets from the top
    "server": "server", "users": "server",           # a shared PostgreSQL server: set-up and logins
}


class Parser(argparse.ArgumentParser):
    """argparse's parser whose description and epilog may be callables, called only when help is shown, so that
    building a parser never imports what only its help text needs. Subparsers are of this class too."""

    def format_help(self) -> str:
        for attr in ("description", "epilog"):
            value = getattr(self, attr)
            if callable(value):
                setattr(self, attr, value())
        return super().format_help()


def command_of(argv: Sequence[str]) -> str | None:
    """The command the arguments name (after an optional --db), or None (no command, or an option comes first)."""
    i = 0
    while i < len(argv):
        if argv[i] == "--db":
            i += 2
        elif argv[i].startswith("--db="):
            i += 1
        else:
            return None if argv[i].startswith("-") else argv[i]
    return None


def build_parser(modules: Iterable[str] | None = None) -> Parser:
    """The argument parser with the commands of these modules of canvass.cli (default: all of them)."""
    p = Parser(prog="canvass", description="Gõ Cửa: e-ID activation campaign lists")
    p.add_argument("--db", help="database file or SQLAlchemy URL (default: $CANVASS_DB or the user data folder)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for name in dict.fromkeys(COMMANDS.values()) if modules is None else modules:
        importlib.import_module(f"{__name__}.{name}").register(sub)
    return p


def print_json(obj: Any) -> None:
    """Print one JSON document (UTF-8, dates as ISO strings)."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


def resident(session, key: str):
    """The resident a command names by CCCD (or "#id"); NotFound otherwise."""
    from canvass.residents import find_resident

    found = find_resident(session, key)
    if found is None:
        raise NotFound("resident_cccd_unknown", key=key)
    return found


def add_commune(p, help: str = "the commune (name or id) whose teams and hamlets are meant; needed only where a "
                                 "name is used in several communes of the database") -> None:
    """The --commune option of a command."""
    p.add_argument("--commune", help=help)


def commune_id(session, args) -> int | None:
    """The id of the commune named by --commune (None: not given; names are then looked up in every commune)."""
    from canvass.communes import find_commune

    return find_commune(session, args.commune).id if getattr(args, "commune", None) else None


def progress(done: int, total: int) -> None:
    """A long command's progress on a terminal's stderr (`done/total`, rewritten in place); nothing otherwise."""
    if sys.stderr.isatty() and total:
        sys.stderr.write(f"\r{done}/{total}")
        sys.stderr.flush()


def end_progress() -> None:
    """End the progress line, if one was written."""
    if sys.stderr.isatty():
        sys.stderr.write("\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    name = command_of(argv)
    parser = build_parser([COMMANDS[name]] if name in COMMANDS else None)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        (build_parser() if name in COMMANDS else parser).print_help()   # the whole command line's help
        return 2
    from canvass.db import DatabaseError, open_database

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
    except BrokenPipeError:   # `canvass residents | head`: the reader has what it wanted; no traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())   # so the exit's flush writes nowhere
        return 141
    finally:
        db.dispose()
