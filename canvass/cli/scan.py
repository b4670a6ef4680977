"""`canvass walklist read PHOTO_OR_PDF ... [--json] [--apply] [--by NAME]`: read ticked walk lists back.

Prints, per page, the rows read with certainty, those left for review and the images in which no page
could be located with certainty. `--json` prints {"pages": N, "rows": [{"cccd", "outcome", "confidence",
"page", "row"}], "unsure": [...], "unreadable_pages": [...]}; `--apply` records the sure rows as visits
(one each, by the page's team on the page's day; the same photo twice records nothing new).
"""
from __future__ import annotations

from canvass.cli import end_progress, print_json, progress


def _cccds(db, result) -> dict[int, str]:
    from sqlalchemy import select

    from canvass.models import Resident

    ids = {r.resident_id for p in result.pages for r in p.rows}
    with db.read() as s:
        return dict(s.execute(select(Resident.id, Resident.cccd).where(Resident.id.in_(ids))).all()) if ids else {}


def report(db, result) -> dict:
    """The JSON document of a reading (sure rows, unsure rows, unreadable pages)."""
    cccd = _cccds(db, result)
    rows, unsure = [], []
    for p in result.pages:
        for r in p.rows:
            item = {"cccd": cccd.get(r.resident_id), "outcome": r.outcome, "confidence": r.confidence,
                    "page": p.printed.page, "row": r.row, "file": p.source, "image": p.index}
            if r.state == "sure":
                rows.append(item)
            elif r.state == "unsure":
                unsure.append({**item, "why": r.why})
    return {"pages": len(result.pages), "rows": rows, "unsure": unsure,
            "unreadable_pages": [{"file": u.source, "image": u.index, "code": u.code} for u in result.unreadable]}


def cmd_read(args, db) -> int:
    """Read photos or scans of printed walk lists; optionally record the sure rows."""
    from canvass.scan.apply import apply_decisions, sure_decisions
    from canvass.scan.reader import read_files

    result = read_files(db, args.files, progress=progress)
    end_progress()
    doc = report(db, result)
    if args.apply:
        applied = apply_decisions(db, sure_decisions(result), actor=args.by)
        doc["applied"] = len(applied.recorded)
        doc["already_recorded"] = applied.already
    if args.json:
        print_json(doc)
        return 0
    print(f"{doc['pages']} page(s) read: {len(doc['rows'])} sure row(s), {len(doc['unsure'])} for review, "
          f"{len(doc['unreadable_pages'])} unreadable image(s)")
    for u in doc["unreadable_pages"]:
        print(f"  unreadable {u['file']} (image {u['image']}): {u['code']}")
    for u in doc["unsure"]:
        print(f"  review page {u['page']} row {u['row']}: {u['why']}")
    if args.apply:
        print(f"recorded {doc['applied']} visit(s); {doc['already_recorded']} already recorded")
    return 0


def register(sub) -> None:
    """Add the `walklist` command (`walklist read`)."""
    p = sub.add_parser("walklist", help="printed walk lists: read ticked pages back from photos or scans")
    inner = p.add_subparsers(dest="walklist_command", metavar="ACTION")
    r = inner.add_parser("read", help="read photos (JPEG, PNG) or scanned PDFs of ticked walk-list pages")
    r.add_argument("files", nargs="+", metavar="PHOTO_OR_PDF")
    r.add_argument("--json", action="store_true", help="print the reading as JSON")
    r.add_argument("--apply", action="store_true", help="record the rows read with certainty as visits")
    r.add_argument("--by", help="who records (written in the log)")
    r.set_defaults(func=cmd_read)
