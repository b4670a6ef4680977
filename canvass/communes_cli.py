"""`canvass commune add NAME [--province P] [--district D]`, `canvass commune list [--province P] [--district D]`,
`canvass commune allocate TOTAL [--province P] [--district D] [--dry-run]` (see canvass/communes.py).

The province report is a kind of `canvass export` (`export province-report OUT [--as-of D]`)."""
from __future__ import annotations

import sys
from dataclasses import asdict

from canvass.errors import InvalidInput


def _print_json(obj) -> None:
    from canvass.cli import print_json
    print_json(obj)


def cmd_add(args, db) -> int:
    """Add a commune."""
    from canvass.communes import add_commune
    with db.session() as s:
        c = add_commune(s, args.name, province=args.province, district=args.district, actor=args.by)
        out = {"id": c.id, "name": c.name, "province": c.province, "district": c.district}
    if args.json:
        _print_json(out)
    else:
        where = ", ".join(x for x in (out["district"], out["province"]) if x)
        sys.stdout.write(f"xã/phường {out['id']}: {out['name']}" + (f" ({where})" if where else "") + "\n")
    return 0


def cmd_list(args, db) -> int:
    """List the communes with their counts."""
    from canvass.communes import list_communes
    with db.read() as s:
        rows = list_communes(s, province=args.province, district=args.district)
    if args.json:
        _print_json([asdict(r) for r in rows])
        return 0
    sys.stdout.write(f"{'id':>4}  {'xã/phường':<28} {'huyện':<20} {'tỉnh':<16} {'thôn':>5} {'tổ':>4} "
                     f"{'công dân':>9} {'đã k.hoạt':>9} {'còn lại':>8} {'chỉ tiêu':>8}\n")
    for r in rows:
        sys.stdout.write(f"{r.id:>4}  {r.name[:28]:<28} {(r.district or '')[:20]:<20} {(r.province or '')[:16]:<16} "
                         f"{r.hamlets:>5} {r.teams:>4} {r.residents:>9} {r.activated_system:>9} {r.remaining:>8} "
                         f"{'' if r.target is None else r.target:>8}\n")
    sys.stdout.write(f"{len(rows)} xã/phường\n")
    return 0


def cmd_allocate(args, db) -> int:
    """Split a province (or district) target across its communes."""
    from canvass.communes import allocate_targets
    try:
        total = int(args.total)
    except ValueError:
        raise InvalidInput("target_not_number", value=args.total) from None
    with db.session() as s:
        parts = allocate_targets(s, total, province=args.province, district=args.district, dry_run=args.dry_run,
                                 actor=args.by)
    if args.json:
        _print_json({"total": total, "dry_run": args.dry_run, "communes": [asdict(a) for a in parts]})
        return 0
    for a in parts:
        was = "" if a.before is None or a.before == a.target else f" (trước: {a.before})"
        sys.stdout.write(f"{a.name[:32]:<32} còn {a.remaining:>8} chưa kích hoạt  ->  chỉ tiêu {a.target:>8}{was}\n")
    sys.stdout.write(("Thử (không ghi gì): " if args.dry_run else "") + f"phân bổ {total} cho {len(parts)} xã/phường\n")
    return 0


def _area(p) -> None:
    p.add_argument("--province", help="only the communes of this province")
    p.add_argument("--district", help="only the communes of this district")


def register(sub) -> None:
    """Add the `commune` command."""
    com = sub.add_parser("commune", help="the communes (xã/phường) of the database")
    csub = com.add_subparsers(dest="commune_command", metavar="ACTION", required=True)
    p = csub.add_parser("add", help="add a commune")
    p.add_argument("name", help='its name, e.g. "Xã Tân Văn" or "Phường Đông Kinh"')
    p.add_argument("--province", help="its province")
    p.add_argument("--district", help="its district")
    p.add_argument("--by", help="who adds it (recorded in the log)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_add)
    p = csub.add_parser("list", help="the communes with their hamlets, teams, residents and targets")
    _area(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)
    p = csub.add_parser("allocate", help="split a province (or district) target across its communes in "
                                         "proportion to their residents not yet activated")
    p.add_argument("total", help="the target to split")
    _area(p)
    p.add_argument("--dry-run", action="store_true", help="show the parts; record nothing")
    p.add_argument("--by", help="who allocates (recorded in the log)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_allocate)
