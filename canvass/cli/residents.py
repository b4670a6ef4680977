"""Command `residents`: list residents, filtered and searched as in the window's table.

canvass [--db PATH] residents [--hamlet H] [--status S] [--team T] [--search TEXT] [--limit N] [--commune C]
                              [--json]

Hamlets and teams are found as every command finds them (canvass.teams.find_hamlet / find_team).
"""
from __future__ import annotations

import argparse
import sys

from canvass.errors import InvalidInput


def _status(value: str) -> str:
    """A status given to --status, checked against the one list of statuses (imported only when used)."""
    from canvass.events import STATUSES

    if value not in STATUSES:
        raise argparse.ArgumentTypeError(f"invalid choice: {value!r} (choose from {', '.join(map(repr, STATUSES))})")
    return value


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `residents` command."""
    p = sub.add_parser("residents", help="list residents")
    p.add_argument("--hamlet", metavar="H", help="only this hamlet (name, with or without diacritics)")
    p.add_argument("--status", metavar="S", type=_status, help="only this status")
    p.add_argument("--team", metavar="T", help="only this team (name or id; 'none' for unassigned)")
    p.add_argument("--search", metavar="TEXT", help="name (case and diacritics ignored), or the start or end "
                   "of a CCCD or phone (3 digits or more)")
    p.add_argument("--limit", type=int, metavar="N", help="at most N residents")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.add_argument("--commune", help="the commune whose hamlet or team is meant (when several use the name)")
    p.set_defaults(func=cmd_residents)


def _team_ids(session, team: str, commune_id) -> tuple:
    """The team a --team filter names (None: residents on no team), by the one rule of every command."""
    from canvass.teams import find_team
    from canvass.text import fold

    if fold(team) in ("none", "-", "chua phan cong", "unassigned"):
        return (None,)
    return (find_team(session, team, commune_id).id,)


def cmd_residents(args, db) -> int:
    """Print the residents matching the filters, in Vietnamese name order."""
    from canvass.cli import commune_id, print_json
    from canvass.residents import ResidentQuery, resident_ids, resident_rows
    from canvass.teams import find_hamlet

    if args.limit is not None and args.limit < 0:
        raise InvalidInput("limit_negative")
    with db.read() as s:
        cid = commune_id(s, args)
        q = ResidentQuery(search=args.search or "",
                          hamlet_ids=(find_hamlet(s, args.hamlet, cid).id,) if args.hamlet else (),
                          team_ids=_team_ids(s, args.team, cid) if args.team else (),
                          statuses=(args.status,) if args.status else ())
        ids = resident_ids(s, q)
        if args.limit is not None:
            ids = ids[:args.limit]
        rows = resident_rows(s, ids)
    items = [{"id": r.id, "name": r.name, "cccd": r.cccd, "id_raw": r.id_raw, "phone": r.phone,
              "phone_raw": r.phone_raw, "dob": r.dob.isoformat() if r.dob else None, "hamlet": r.hamlet,
              "household": r.household, "status": r.status, "team": r.team} for r in rows]
    if args.json:
        print_json(items)
        return 0
    for it in items:
        shown_id = it["cccd"] or it["id_raw"] or ""     # an ID kept as written when the list gave no valid one
        sys.stdout.write(f"{it['id']:>7}  {it['name']:<28} {shown_id:<12}  {it['phone'] or '':<13} "
                         f"{it['dob'] or '':<10}  {it['hamlet']:<20} {it['status']}\n")
    sys.stdout.write(f"{len(items)} cư dân\n")
    return 0
