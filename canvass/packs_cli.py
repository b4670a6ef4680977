"""`canvass pack export --team T OUT.xlsx [--mask]` and `canvass pack import FILE.xlsx [--json] [--dry-run]`."""
from __future__ import annotations

import getpass
import sys

from canvass.cli import print_json
from canvass.packs import export_pack, import_pack


def _actor() -> str | None:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name is fine
        return None


def _export(args, db) -> int:
    team = args.team
    if args.commune:    # a team name several communes use: the one of this commune
        from canvass.communes import find_commune
        from canvass.teams import find_team
        with db.read() as s:
            team = find_team(s, args.team, find_commune(s, args.commune).id).id
    res = export_pack(db, team, args.out, mask=args.mask, actor=_actor())
    print(f"pack {res.pack_id} for team {res.team_name}: {res.rows} residents in {res.households} households"
          f" -> {res.path}" + (" (masked)" if res.masked else ""))
    if res.superseded:
        print(f"supersedes {len(res.superseded)} earlier pack(s): {', '.join(p[:8] for p in res.superseded)}")
    return 0


def _import(args, db) -> int:
    res = import_pack(db, args.file, dry_run=args.dry_run, actor=_actor())
    if args.json:
        print_json(res.to_json())
        return 0
    head = "dry run, nothing written: " if res.dry_run else ""
    print(f"{head}pack {res.pack_id[:8]} of team {res.team_name}"
          + (" (superseded by a newer pack)" if res.superseded else "")
          + f": {res.applied} applied ({res.corrected} corrections), {res.unchanged} unchanged, {res.blank} blank,"
          f" {len(res.conflicts)} conflicts ({sum(not c['recorded'] for c in res.conflicts)} held),"
          f" {len(res.rejected)} rejected, {len(res.outside_team)} outside the team")
    for c in res.conflicts:
        if not c["recorded"]:    # who the row means is not sure: nothing recorded (no names printed)
            print(f"  held {c['sheet']}!{c['row']}: {c['resolution']}"
                  + (f" (hidden id #{c['hidden_id']})" if c.get("hidden_id") is not None else "")
                  + ", nothing recorded")
            continue
        cur = c["current"]
        print(f"  conflict {c['sheet']}!{c['row']} resident #{c['resident_id']}: pack says {c['pack']['outcome']}"
              f" on {c['pack']['visit_at']:%d/%m/%Y}; commune had {cur['status']} (team {cur['team'] or '-'},"
              f" changes: {', '.join(cur['changes']) or '-'}) -> {c['resolution']}")
    for r in res.rejected:
        print(f"  rejected {r['sheet']}!{r['row']}: {r['reason']}" + (f" ({r['detail']})" if r["detail"] else ""))
    for o in res.outside_team:
        print(f"  outside the team {o['sheet']}!{o['row']}: resident #{o['resident_id']}")
    for w in res.warnings:
        print(f"  warning {w['sheet']}!{w['row']}: {w['warning']} ({w['detail']})", file=sys.stderr)
    return 0


def register(sub) -> None:
    """Add the `pack` command."""
    p = sub.add_parser("pack", help="team packs: export a workbook per team, merge the returned workbook")
    psub = p.add_subparsers(dest="pack_command", metavar="ACTION", required=True)
    e = psub.add_parser("export", help="write a team's pack")
    e.add_argument("--team", required=True, help="team name or id")
    e.add_argument("out", help="the .xlsx file to write")
    e.add_argument("--mask", action="store_true", help="show only the last 3 digits of CCCD and phone")
    e.add_argument("--commune", help="the team's commune (when several communes have a team of that name)")
    e.set_defaults(func=_export)
    i = psub.add_parser("import", help="merge a returned pack")
    i.add_argument("file", help="the returned .xlsx file")
    i.add_argument("--json", action="store_true", help="print the result as JSON")
    i.add_argument("--dry-run", action="store_true", help="show what would happen without writing")
    i.set_defaults(func=_import)
