"""`canvass export KIND OUT [--hamlet H] [--team T] [--commune C] [--as-of DATE] [--mask] [--by-hamlet] [--json]`.

KIND is one of absent, ineligible, wrong-phone, activated, walklist, daily-report, province-report (with
[--province P] [--district D]); the format follows OUT's suffix (.xlsx, .pdf, .csv). `--json` prints {"rows": N, "path": P}.
"""
from __future__ import annotations

import sys

from canvass.dates import typed_date


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty() and total:
        sys.stderr.write(f"\r{done}/{total}")
        sys.stderr.flush()


def cmd_export(args, db) -> int:
    """Run one export."""
    from canvass.cli import print_json
    from canvass.exporting import export

    as_of = typed_date(args.as_of, "--as-of") if args.as_of else None
    result = export(db, args.kind, args.out, hamlet=args.hamlet, team=args.team, as_of=as_of, mask=args.mask,
                    by_hamlet=args.by_hamlet, actor=args.actor, progress=_progress, commune=args.commune,
                    province=args.province, district=args.district)
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    if args.json:
        print_json({"rows": result.rows, "path": result.path})
    else:
        print(f"{result.kind}: {result.rows} rows -> {result.path}")
    return 0


def register(sub) -> None:
    """Add the `export` command."""
    p = sub.add_parser("export", help="write a return list, walk list or the daily report (.xlsx, .pdf, .csv)")
    p.add_argument("kind", metavar="KIND",
                   help="absent | ineligible | wrong-phone | activated | walklist | daily-report | province-report")
    p.add_argument("out", metavar="OUT", help="output file; the suffix (.xlsx, .pdf, .csv) sets the format")
    p.add_argument("--hamlet", help="only this hamlet (name or id)")
    p.add_argument("--team", help="only this team (name or id)")
    p.add_argument("--commune", help="the commune whose hamlet or team is meant (when several use the name)")
    p.add_argument("--province", help="province-report: only the communes of this province")
    p.add_argument("--district", help="province-report: only the communes of this district")
    p.add_argument("--as-of", help="date of the document and cut-off of the daily report (YYYY-MM-DD)")
    p.add_argument("--mask", action="store_true", help="show only the last 3 digits of CCCD and phone numbers")
    p.add_argument("--by-hamlet", action="store_true", help="one sheet (or set of pages) per hamlet")
    p.add_argument("--actor", help="who exports (recorded in the log)")
    p.add_argument("--json", action="store_true", help='print {"rows": N, "path": P}')
    p.set_defaults(func=cmd_export)
