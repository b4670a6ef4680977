"""Commands `import` and `resident set-id` (a stable contract; see /work/notes/importer.md and the README).

canvass [--db PATH] import FILE [--complete | --supplement] [--extracted DATE] [--sheet NAME ...] [--hamlet NAME]
                                [--commune NAME] [--dry-run] [--json]
canvass [--db PATH] resident set-id RESIDENT CCCD
"""
from __future__ import annotations

import argparse
import sys

from canvass.errors import NotFound


def _import_epilog() -> str:
    """The import command's help on modes, dates and rows (built only when help is shown)."""
    from canvass.address import UNKNOWN_HAMLET
    from canvass.importing.reconcile import PARTIAL_LIST_SHARE

    return f"""modes:
  --complete     the whole current extraction for the hamlets it covers: residents of those hamlets missing
                 from it become "activated per system"
  --supplement   a supplementary list (danh sách bổ sung), one team's list: adds and updates, activates nobody
  neither        like --complete, unless it would mark more than {PARTIAL_LIST_SHARE:.0%} of the open residents of
                 its hamlets as activated per system (a daily re-import marks 1-10 %): then nothing is
                 written, the command says how many and exits 1, and --complete or --supplement decides
extraction date: --extracted, else the date in the list's heading ("ngày 28 tháng 3 năm 2025",
  "tính đến ngày 28/03/2025"), else today. A list extracted before one already imported for its hamlets
  activates nobody, re-opens nobody and leaves residents as the newer list set them (it still adds new ones).
rows: only a row without a name is rejected. A missing or mistyped ID is kept as written, with a warning
  (matched on later imports by name, birth and hamlet; corrected with `canvass resident set-id`). A row
  without a hamlet takes the one its address names, else joins the hamlet "{UNKNOWN_HAMLET}"."""


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `import` and `resident` commands."""
    p = sub.add_parser(
        "import", help="import a police list (.xlsx, .xls, .csv)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Import a police list of residents whose account is approved but not activated.",
        epilog=_import_epilog)
    p.add_argument("file", help="the list to import")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--complete", dest="mode", action="store_const", const="complete",
                       help="the complete list: residents missing from it are activated per system")
    which.add_argument("--supplement", dest="mode", action="store_const", const="supplement",
                       help="a supplementary list: adds and updates, activates nobody")
    p.add_argument("--extracted", metavar="DATE", help="the day the police extracted the list (28/03/2025)")
    p.add_argument("--sheet", action="append", metavar="NAME", help="import only this sheet (repeatable)")
    p.add_argument("--hamlet", metavar="NAME", help="the hamlet of rows whose hamlet the file does not give")
    p.add_argument("--commune", metavar="NAME", help="the whole list is this commune's (one of the database; "
                   "else a commune column splits the list, or its heading names the commune)")
    p.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")
    p.set_defaults(func=cmd_import, mode="auto")

    p = sub.add_parser("resident", help="correct a resident")
    rsub = p.add_subparsers(dest="resident_command", metavar="ACTION", required=True)
    q = rsub.add_parser("set-id", help="set the CCCD of a resident imported without a valid one")
    q.add_argument("resident", help="the resident: #id (as in `residents`) or the ID as written on the list")
    q.add_argument("cccd", help="the correct CCCD (12 digits) or CMND (9 digits)")
    q.set_defaults(func=cmd_set_id)


def cmd_import(args, db) -> int:
    """Run the import and print its log."""
    from canvass.cli import print_json
    from canvass.dates import typed_date
    from canvass.importing import ImportPlan, PartialList, run_import
    from canvass.messages import cli_language, row_note

    extracted = typed_date(args.extracted, "--extracted") if args.extracted else None
    plan = ImportPlan(sheets=args.sheet or None, hamlet=args.hamlet)
    try:
        result = run_import(db, args.file, plan, dry_run=args.dry_run, mode=args.mode, extracted=extracted,
                            commune=args.commune)
    except PartialList as exc:
        if args.json:
            print_json({"error": exc.code, **exc.params})
        sys.stderr.write(_partial_line(exc.params["would_activate"], exc.params["open_residents"]) + "\n")
        return 1
    if args.json:
        print_json(result.to_json())
        return 1 if result.partial_list else 0
    out = sys.stdout
    head = "Thử (không ghi gì)" if result.dry_run else f"Lần nhập #{result.batch}"
    out.write(f"{head}: đọc {result.rows_read} dòng — {result.imported} mới, {result.updated} cập nhật, "
              f"{result.unchanged} không đổi, {result.duplicates} trùng, {len(result.rejected)} bị loại; "
              f"{result.activated_per_system} kích hoạt theo hệ thống. {result.hamlets} thôn, "
              f"{result.households} hộ.\n")
    for r in result.by_commune:   # a list of several communes: each one's own batch
        out.write(f"  {r.commune}: " + ("" if r.dry_run else f"lần nhập #{r.batch}, ") + f"{r.rows_read} dòng — "
                  f"{r.imported} mới, {r.updated} cập nhật, {r.unchanged} không đổi, {len(r.rejected)} bị loại; "
                  f"{r.activated_per_system} kích hoạt theo hệ thống.\n")
    for name in result.sheets_skipped:
        out.write(f"  bỏ qua trang tính {name!r}: không tìm thấy dòng tiêu đề có cột họ tên\n")
    lang = cli_language()
    for issue in result.rejected[:20]:
        out.write(f"  loại: {issue.sheet} dòng {issue.row}: {row_note(issue.reason, lang)}\n")
    if len(result.rejected) > 20:
        out.write(f"  … và {len(result.rejected) - 20} dòng bị loại khác (xem --json)\n")
    if result.warnings:
        out.write(f"  {len(result.warnings)} cảnh báo (xem --json)\n")
    source = {"given": "--extracted", "heading": "theo tiêu đề danh sách", "import_day": "ngày nhập"}
    day = result.extracted_on.strftime("%d/%m/%Y") if result.extracted_on else "?"
    out.write(f"  Danh sách {'đầy đủ' if result.mode == 'complete' else 'bổ sung'}, trích xuất ngày {day} "
              f"({source.get(result.extracted_from, result.extracted_from)}).\n")
    if result.newer_list:
        out.write(f"  Danh sách cũ hơn danh sách ngày {result.newer_list.strftime('%d/%m/%Y')} đã nhập: không kích "
                  f"hoạt, không mở lại ai; {result.kept_newer} cư dân giữ thông tin của danh sách mới hơn.\n")
    if result.partial_list:
        sys.stderr.write(_partial_line(result.would_activate, result.open_residents) + "\n")
        return 1
    return 0


def _partial_line(would: int, open_: int) -> str:
    """The one line that says a list without --complete/--supplement would activate too many."""
    from canvass.importing.reconcile import PARTIAL_LIST_SHARE
    from canvass.messages import cli_language, render

    params = {"would_activate": would, "open_residents": open_, "share": PARTIAL_LIST_SHARE}
    return "canvass: " + render("partial_list", params, cli_language())


def cmd_set_id(args, db) -> int:
    """Set the CCCD of a resident imported without a valid one (an `id_corrected` event)."""
    from canvass.events import set_resident_id

    with db.session() as s:
        r = _resident_for(s, args.resident)
        set_resident_id(s, r, args.cccd)
        sys.stdout.write(f"#{r.id}: {r.cccd}\n")
    return 0


def _resident_for(session, key: str):
    """A resident by #id or CCCD, else by the ID as written on the list."""
    from sqlalchemy import select

    from canvass.models import Resident
    from canvass.residents import find_resident

    r = find_resident(session, key)
    if r is None:
        r = session.execute(select(Resident).where(Resident.id_raw == key.strip())).scalars().first()
    if r is None:
        raise NotFound("resident_unknown", key=key)
    return r
