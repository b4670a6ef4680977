"""Commands `mark` and `history`: visit outcomes and every event of one resident.

  canvass mark CCCD OUTCOME [--reason CODE] [--note TEXT] [--phone NEW] [--by NAME] [--at ISO-DATETIME]
                            [--revisit-on DATE]
  canvass history CCCD [--json]

Teams and hamlets are named by name (case and diacritics ignored, "Thôn" optional) or id; residents by CCCD
(or "#id"). Mistakes exit 1 with one line on stderr and change nothing (one transaction per command).
"""
from __future__ import annotations

from canvass.cli import print_json, resident


def cmd_mark(args, db) -> int:
    """Record a visit outcome."""
    from canvass.dates import typed_date as parse_date, typed_datetime
    from canvass.events import STATUS_LABELS_VI, record_visit
    from canvass.teams import normalize_lead_phone
    at = typed_datetime(args.at) if args.at else None
    revisit_on = parse_date(args.revisit_on, "revisit date") if args.revisit_on else None
    phone = normalize_lead_phone(args.phone) if args.phone else None
    with db.session() as s:
        r = resident(s, args.cccd)
        e = record_visit(s, r, args.outcome, at=at, actor=args.by, reason=args.reason, note=args.note,
                         new_phone=phone, revisit_on=revisit_on, source={"via": "cli"})
        print(f"visit {e.id}: {r.status} ({STATUS_LABELS_VI.get(r.status, r.status)}), attempts {r.attempts}")
    return 0


def cmd_history(args, db) -> int:
    """Print every event of one resident."""
    from canvass.history import resident_history
    from canvass.events import REASON_LABELS_VI, STATUS_LABELS_VI
    with db.session() as s:
        r = resident(s, args.cccd)
        rows = [{k: v for k, v in e.items() if k != "new_phone"} for e in resident_history(s, r.id)]
        head = {"resident_id": r.id, "cccd": r.cccd, "name": r.name, "status": r.status,
                "status_reason": r.status_reason, "attempts": r.attempts, "team_id": r.team_id}
    if args.json:
        print_json({**head, "events": rows})
        return 0
    print(f"{r.name} ({r.cccd}): {STATUS_LABELS_VI.get(r.status, r.status)}"
          + (f" - {REASON_LABELS_VI.get(r.status_reason, r.status_reason)}" if r.status_reason else "")
          + f", attempts {r.attempts}")
    for row in rows:
        what = row["kind"]
        if row["kind"] == "visit":
            what += f" {row['outcome']}" + (f" ({row['reason']})" if row["reason"] else "")
        elif row["kind"] == "assigned":
            what += f" -> {row['team'] or 'none'}"
        elif row["kind"] == "visit_void":
            what += f" of #{(row['data'] or {}).get('voids')}"
        extra = []
        if row["team"] and row["kind"] != "assigned":
            extra.append(f"team {row['team']}")
        if row["actor"]:
            extra.append(f"by {row['actor']}")
        if row["note"]:
            extra.append(f"note: {row['note']}")
        if row["voided"]:
            extra.append("VOIDED")
        print(f"#{row['id']:<6} {row['at']:%Y-%m-%d %H:%M}  {what}" + (f"  [{'; '.join(extra)}]" if extra else ""))
    return 0


def register(sub) -> None:
    """Add the `mark` and `history` commands."""
    p = sub.add_parser("mark", help="record a visit outcome")
    p.add_argument("cccd")
    p.add_argument("outcome", help="activated | absent | ineligible | wrong_phone | refused | revisit | pending")
    p.add_argument("--reason", help="reason code (ineligible: elderly, ill, no_phone, moved, deceased, "
                                    "institution, other; absent: short, work_away, study_away, military)")
    p.add_argument("--note")
    p.add_argument("--phone", help="a new phone number the resident gave")
    p.add_argument("--by", help="who recorded the visit")
    p.add_argument("--at", help="when the visit happened (ISO date-time; default now)")
    p.add_argument("--revisit-on", help="date to come back (outcome revisit)")
    p.set_defaults(func=cmd_mark)

    p = sub.add_parser("history", help="every event of one resident")
    p.add_argument("cccd")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_history)
