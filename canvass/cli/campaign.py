"""Commands `campaign` and `stats`: the campaign's dates, deadline, quota and targets, and its figures.

  canvass campaign set [--name N] [--start D] [--end D] [--quota-per-team-day N] [--deadline HH:MM]
                       [--phase NAME:START:END ...] [--new]
  canvass campaign show [--json] | campaign target HAMLET (N | default)
  canvass stats [--as-of DATE] [--json]

Teams and hamlets are named by name (case and diacritics ignored, "Thôn" optional) or id; residents by CCCD
(or "#id"). Mistakes exit 1 with one line on stderr and change nothing (one transaction per command).
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from canvass.cli import add_commune, commune_id, print_json
from canvass.errors import InvalidInput, NotFound


def cmd_campaign_set(args, db) -> int:
    """Create or change the active campaign."""
    from canvass.campaign import set_campaign, set_phases
    from canvass.dates import typed_date as parse_date

    start = parse_date(args.start, "start date") if args.start else None
    end = parse_date(args.end, "end date") if args.end else None
    phases = []
    for spec in args.phase or []:
        parts = spec.rsplit(":", 2)
        if len(parts) != 3:
            raise InvalidInput("phase_spec_invalid", spec=spec)
        phases.append((parts[0].strip(), parse_date(parts[1], "phase start"), parse_date(parts[2], "phase end")))
    with db.session() as s:
        c = set_campaign(s, name=args.name, start=start, end=end, quota_per_team_day=args.quota_per_team_day,
                         deadline=args.deadline, new=args.new, commune_id=commune_id(s, args))
        if phases:
            set_phases(s, phases)
        print(f"campaign {c.id}: {c.name}, {c.start_date.isoformat()} .. {c.end_date.isoformat()}, "
              f"deadline {c.report_deadline}, quota {c.quota_per_team_day} per team per day")
    return 0


def _as_of(args) -> Optional[dt.date]:
    """The --as-of day of a command (None: today); a day after today is refused."""
    from canvass.dates import typed_date as parse_date

    as_of = parse_date(args.as_of, "as-of date") if getattr(args, "as_of", None) else None
    if as_of is not None and as_of > dt.date.today():
        raise InvalidInput("as_of_future", day=as_of.isoformat())
    return as_of


def cmd_campaign_show(args, db) -> int:
    """Show the active campaign."""
    from dataclasses import asdict

    from canvass.campaign import campaign_info
    as_of = _as_of(args)
    with db.session() as s:
        info = campaign_info(s, as_of, commune_id(s, args))
    if info is None:
        raise NotFound("campaign_missing")
    if args.json:
        print_json(asdict(info))
        return 0
    print(f"{info.name}: {info.start.isoformat()} .. {info.end.isoformat()}, deadline {info.report_deadline}, "
          f"quota {info.quota_per_team_day} per team per day")
    for name, start, end in info.phases:
        print(f"  phase {name}: {start.isoformat()} .. {end.isoformat()}")
    return 0


def cmd_campaign_target(args, db) -> int:
    """Set a hamlet's target."""
    from canvass.campaign import set_hamlet_target
    from canvass.teams import find_hamlet
    value = args.target.strip().lower()
    if value in ("default", "-", "none"):
        target = None
    else:
        try:
            target = int(value)
        except ValueError:
            raise InvalidInput("target_not_number", value=args.target) from None
    with db.session() as s:
        h = find_hamlet(s, args.hamlet, commune_id(s, args))
        set_hamlet_target(s, h.id, target)
        print(f"{h.name}: target {target if target is not None else 'default (all eligible)'}")
    return 0


def _fmt_group(g) -> str:
    req = "-" if g.required_per_team_per_day is None else f"{g.required_per_team_per_day:.2f}"
    return (f"{g.name[:28]:<28} {g.eligible:>7} {g.target:>7} {g.assigned:>7} {g.visited:>7} "
            f"{g.activated_system:>7} {g.activated_reported:>7} {g.absent:>6} {g.ineligible:>6} {g.wrong_phone:>6} "
            f"{g.refused:>6} {g.remaining:>7} {g.teams:>5} {g.done_today:>4}/{g.quota_today:<4} {req:>7} "
            f"{g.percent:>5.1f}%")


def cmd_stats(args, db) -> int:
    """Print the campaign's figures per hamlet and team."""
    from canvass.events import STATUS_LABELS_VI
    from canvass.quotas import compute_stats
    as_of = _as_of(args)
    with db.session() as s:
        st = compute_stats(s, as_of, commune_id=commune_id(s, args))
    if getattr(args, "json", False):
        print_json(st.to_json())
        return 0
    head = st.campaign_name or "(no campaign set)"
    print(f"{head} - as of {st.as_of.isoformat()}"
          + (f"; {st.start.isoformat()} .. {st.end.isoformat()}, {st.days_left} day(s) left" if st.start else "")
          + f"; quota {st.quota_per_team_day} per team per day; report by {st.report_deadline}")
    print("By status:")
    for code, n in st.by_status.items():
        print(f"  {STATUS_LABELS_VI.get(code, code):<36} {n:>8}")
    cols = (f"{'':<28} {'listed':>7} {'target':>7} {'assign':>7} {'visited':>7} {'act.sys':>7} {'act.rep':>7} "
            f"{'absent':>6} {'inelig':>6} {'phone':>6} {'refuse':>6} {'remain':>7} {'teams':>5} {'today':>9} "
            f"{'req/t/d':>7} {'done':>6}")
    for title, groups in (("Hamlets", st.hamlets), ("Teams", st.teams)):
        print(f"{title}:")
        print(cols)
        for g in groups:
            print(_fmt_group(g))
    print(_fmt_group(st.total))
    if st.total.eligible and st.total.remaining == 0:
        print("Target reached.")
    elif st.projected_finish is not None:
        print(f"Projected finish: {st.projected_finish.isoformat()} (pace {st.pace_per_day}/day, {st.pace_basis})")
    else:
        print("Projected finish: unknown (no activations in the last 7 days)" if st.total.eligible
              else "Nobody on the list yet.")
    return 0


def register(sub) -> None:
    """Add the `campaign` and `stats` commands."""
    camp = sub.add_parser("campaign", help="the campaign: dates, deadline, quota, targets")
    csub = camp.add_subparsers(dest="campaign_command", metavar="ACTION", required=True)
    p = csub.add_parser("set", help="create or change the active campaign")
    p.add_argument("--name")
    p.add_argument("--start")
    p.add_argument("--end")
    p.add_argument("--quota-per-team-day", type=int)
    p.add_argument("--deadline", help="daily report deadline HH:MM (default 15:30)")
    p.add_argument("--phase", action="append", help="NAME:START:END (repeat; replaces the phases)")
    p.add_argument("--new", action="store_true", help="start a new campaign instead of changing the active one")
    add_commune(p)
    p.set_defaults(func=cmd_campaign_set)
    p = csub.add_parser("show", help="show the active campaign")
    p.add_argument("--as-of", help="the campaign and its settings as they were at the end of this day")
    p.add_argument("--json", action="store_true")
    add_commune(p)
    p.set_defaults(func=cmd_campaign_show)
    p = csub.add_parser("target", help="set a hamlet's target (or 'default': all its eligible residents)")
    p.add_argument("hamlet")
    p.add_argument("target")
    add_commune(p)
    p.set_defaults(func=cmd_campaign_target)

    p = sub.add_parser("stats", help="campaign figures per hamlet and team")
    p.add_argument("--as-of", help="figures as of the end of this day (default today)")
    p.add_argument("--json", action="store_true")
    add_commune(p, "only this commune (name or id; default: the whole database)")
    p.set_defaults(func=cmd_stats)
