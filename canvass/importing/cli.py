"""Commands `import` and `residents` (a stable contract; see /work/notes/importer.md and the README).

canvass [--db PATH] import FILE [--sheet NAME ...] [--hamlet NAME] [--dry-run] [--json]
canvass [--db PATH] residents [--hamlet H] [--status S] [--team T] [--search TEXT] [--limit N] [--json]
"""
from __future__ import annotations

import argparse
import sys

from sqlalchemy import select

from canvass.address import hamlet_match_key
from canvass.errors import InvalidInput, NotFound
from canvass.events import STATUSES
from canvass.models import Hamlet, Team
from canvass.residents import ResidentQuery, resident_ids, resident_rows
from canvass.text import fold


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `import` and `residents` commands."""
    p = sub.add_parser("import", help="import a police list (.xlsx, .xls, .csv)")
    p.add_argument("file", help="the list to import")
    p.add_argument("--sheet", action="append", metavar="NAME", help="import only this sheet (repeatable)")
    p.add_argument("--hamlet", metavar="NAME", help="the hamlet of rows whose hamlet the file does not give")
    p.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("residents", help="list residents")
    p.add_argument("--hamlet", metavar="H", help="only this hamlet (name, with or without diacritics)")
    p.add_argument("--status", metavar="S", choices=STATUSES, help="only this status")
    p.add_argument("--team", metavar="T", help="only this team (name or id; 'none' for unassigned)")
    p.add_argument("--search", metavar="TEXT", help="name, CCCD or phone (case and diacritics ignored)")
    p.add_argument("--limit", type=int, metavar="N", help="at most N residents")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.set_defaults(func=cmd_residents)


def cmd_import(args, db) -> int:
    """Run the import and print its log."""
    from canvass.cli import print_json
    from canvass.importing import ImportPlan, run_import

    plan = ImportPlan(sheets=args.sheet or None, hamlet=args.hamlet)
    result = run_import(db, args.file, plan, dry_run=args.dry_run)
    if args.json:
        print_json(result.to_json())
        return 0
    out = sys.stdout
    head = "Thử (không ghi gì)" if result.dry_run else f"Lần nhập #{result.batch}"
    out.write(f"{head}: đọc {result.rows_read} dòng — {result.imported} mới, {result.updated} cập nhật, "
              f"{result.unchanged} không đổi, {result.duplicates} trùng, {len(result.rejected)} bị loại; "
              f"{result.activated_per_system} kích hoạt theo hệ thống. {result.hamlets} thôn, "
              f"{result.households} hộ.\n")
    for name in result.sheets_skipped:
        out.write(f"  bỏ qua trang tính {name!r}: không tìm thấy dòng tiêu đề có cột họ tên\n")
    for issue in result.rejected[:20]:
        out.write(f"  loại: {issue.sheet} dòng {issue.row}: {issue.reason}\n")
    if len(result.rejected) > 20:
        out.write(f"  … và {len(result.rejected) - 20} dòng bị loại khác (xem --json)\n")
    if result.warnings:
        out.write(f"  {len(result.warnings)} cảnh báo (xem --json)\n")
    return 0


def _hamlet_ids(session, name: str) -> tuple[int, ...]:
    key = hamlet_match_key(name)
    ids = tuple(hid for hid, hname in session.execute(select(Hamlet.id, Hamlet.name))
                if hamlet_match_key(hname) == key or fold(hname) == fold(name))
    if not ids:
        raise NotFound(f"no hamlet named {name!r}")
    return ids


def _team_ids(session, team: str) -> tuple:
    if fold(team) in ("none", "-", "chua phan cong", "unassigned"):
        return (None,)
    if team.isdigit():
        if session.get(Team, int(team)) is None:
            raise NotFound(f"no team with id {team}")
        return (int(team),)
    ids = tuple(tid for tid, tname in session.execute(select(Team.id, Team.name)) if fold(tname) == fold(team))
    if not ids:
        raise NotFound(f"no team named {team!r}")
    return ids


def cmd_residents(args, db) -> int:
    """Print the residents matching the filters, in Vietnamese name order."""
    from canvass.cli import print_json

    if args.limit is not None and args.limit < 0:
        raise InvalidInput("--limit must be 0 or more")
    with db.session() as s:
        q = ResidentQuery(search=args.search or "",
                          hamlet_ids=_hamlet_ids(s, args.hamlet) if args.hamlet else (),
                          team_ids=_team_ids(s, args.team) if args.team else (),
                          statuses=(args.status,) if args.status else ())
        ids = resident_ids(s, q)
        if args.limit is not None:
            ids = ids[:args.limit]
        rows = resident_rows(s, ids)
    items = [{"id": r.id, "name": r.name, "cccd": r.cccd, "phone": r.phone, "phone_raw": r.phone_raw,
              "dob": r.dob.isoformat() if r.dob else None, "hamlet": r.hamlet, "household": r.household,
              "status": r.status, "team": r.team} for r in rows]
    if args.json:
        print_json(items)
        return 0
    for it in items:
        sys.stdout.write(f"{it['id']:>7}  {it['name']:<28} {it['cccd'] or '':<12}  {it['phone'] or '':<13} "
                         f"{it['dob'] or '':<10}  {it['hamlet']:<20} {it['status']}\n")
    sys.stdout.write(f"{len(items)} cư dân\n")
    return 0
