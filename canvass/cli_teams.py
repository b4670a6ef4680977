"""Commands for teams, assignment, visit outcomes, history, the campaign and its figures.

  canvass teams add NAME [--kind K] [--lead NAME] [--phone P] [--hamlet H ...] [--member NAME ...]
  canvass teams list [--json] [--active]
  canvass teams rename TEAM NEW_NAME | merge SOURCE TARGET | retire TEAM | reactivate TEAM
  canvass teams update TEAM [--kind K] [--lead NAME] [--phone P] [--hamlet H ...] [--member NAME ...]
  canvass assign --by-hamlet [--hamlet H ...] [--only-unassigned]
  canvass assign --balance --hamlet H --teams T1,T2 [--only-unassigned]
  canvass assign --team T (--resident CCCD ... | --household ID ...)   (--unassign instead of --team)
  canvass mark CCCD OUTCOME [--reason CODE] [--note TEXT] [--phone NEW] [--by NAME] [--at ISO-DATETIME]
                            [--revisit-on DATE]
  canvass history CCCD [--json]
  canvass campaign set [--name N] [--start D] [--end D] [--quota-per-team-day N] [--deadline HH:MM]
                       [--phase NAME:START:END ...] [--new]
  canvass campaign show [--json] | campaign target HAMLET (N | default)
  canvass stats [--as-of DATE] [--json]

Teams and hamlets are named by name (case and diacritics ignored, "Thôn" optional) or id; residents by CCCD
(or "#id"). Mistakes exit 1 with one line on stderr and change nothing (one transaction per command).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from canvass.dates import DATE_ONLY_HOUR, typed_date as parse_date
from canvass.errors import InvalidInput, NotFound

_DMY_RE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_datetime(value: str) -> dt.datetime:
    """A date and time written ISO (YYYY-MM-DD[THH:MM[:SS]]) or DD/MM/YYYY [HH:MM]; a date alone is midday."""
    text = (value or "").strip()
    parts = text.split(" ", 1)
    if _DMY_RE.match(parts[0]):
        day = parse_date(parts[0], "visit date")
        try:
            t = dt.time.fromisoformat(parts[1]) if len(parts) > 1 else dt.time(DATE_ONLY_HOUR)
        except ValueError:
            raise InvalidInput("time_invalid", value=parts[1]) from None
        return dt.datetime.combine(day, t)
    if "T" not in text and " " not in text:     # a date alone: midday, as a form or a pack takes it
        return dt.datetime.combine(parse_date(text, "visit date"), dt.time(DATE_ONLY_HOUR))
    try:
        return dt.datetime.fromisoformat(text).replace(tzinfo=None, microsecond=0)
    except ValueError:
        raise InvalidInput("datetime_invalid", value=value) from None


def _print_json(obj) -> None:
    from canvass.cli import print_json
    print_json(obj)


def _resident(session, key: str):
    from canvass.residents import find_resident
    r = find_resident(session, key)
    if r is None:
        raise NotFound("resident_cccd_unknown", key=key)
    return r


def _hamlet_ids(session, names, commune_id=None) -> list[int]:
    from canvass.teams import find_hamlet
    return [find_hamlet(session, n, commune_id).id for n in (names or [])]


def _cid(session, args):
    """The id of the commune named by --commune (None: not given, names are looked up in every commune)."""
    from canvass.communes import find_commune
    return find_commune(session, args.commune).id if getattr(args, "commune", None) else None


def _team_of(session, args, key):
    from canvass.teams import find_team
    return find_team(session, key, _cid(session, args))


# teams -----------------------------------------------------------------------------------------------------

def cmd_teams_add(args, db) -> int:
    from canvass.teams import add_team
    with db.session() as s:
        cid = _cid(s, args)
        t = add_team(s, args.name, kind=args.kind, lead_name=args.lead, lead_phone=args.phone, members=args.member,
                     hamlet_ids=_hamlet_ids(s, args.hamlet, cid), actor=args.by, commune=cid)
        print(f"team {t.id}: {t.name}")
    return 0


def cmd_teams_update(args, db) -> int:
    from canvass.teams import find_team, update_team
    kw = {}
    with db.session() as s:
        if args.kind is not None:
            kw["kind"] = args.kind
        if args.lead is not None:
            kw["lead_name"] = args.lead
        if args.phone is not None:
            kw["lead_phone"] = args.phone
        if args.member is not None:
            kw["members"] = args.member
        if args.hamlet is not None:
            kw["hamlet_ids"] = _hamlet_ids(s, args.hamlet, _cid(s, args))
        t = update_team(s, _team_of(s, args, args.team), actor=args.by, **kw)
        print(f"team {t.id}: {t.name} updated")
    return 0


def cmd_teams_list(args, db) -> int:
    from dataclasses import asdict

    from canvass.teams import list_teams
    with db.session() as s:
        teams = list_teams(s, include_inactive=not args.active, commune_id=_cid(s, args))
    if args.json:
        _print_json([asdict(t) for t in teams])
        return 0
    if not teams:
        print("no teams")
        return 0
    for t in teams:
        state = "" if t.active else (f" [merged into {t.merged_into_id}]" if t.merged_into_id else " [retired]")
        lead = f"; lead {t.lead_name}" + (f" {t.lead_phone}" if t.lead_phone else "") if t.lead_name else ""
        print(f"{t.id:>4}  {t.name}{state}  ({t.kind_label or t.kind or '-'}{lead})")
        print(f"      hamlets: {', '.join(t.hamlets) or '-'}; assigned {t.assigned}, remaining {t.remaining}, "
              f"activated {t.activated_system} (+{t.activated_reported} reported)")
    return 0


def cmd_teams_rename(args, db) -> int:
    from canvass.teams import rename_team
    with db.session() as s:
        t = rename_team(s, _team_of(s, args, args.team), args.new_name, actor=args.by)
        print(f"team {t.id}: {t.name}")
    return 0


def cmd_teams_merge(args, db) -> int:
    from canvass.teams import merge_teams
    with db.session() as s:
        r = merge_teams(s, _team_of(s, args, args.source), _team_of(s, args, args.target), actor=args.by)
        print(f"merged team {r.source_id} into {r.target_id}: {r.residents_moved} residents, "
              f"{r.hamlets_moved} hamlets moved")
    return 0


def cmd_teams_retire(args, db) -> int:
    from canvass.teams import retire_team
    with db.session() as s:
        t = retire_team(s, _team_of(s, args, args.team), actor=args.by)
        print(f"team {t.id}: {t.name} retired")
    return 0


def cmd_teams_reactivate(args, db) -> int:
    from canvass.teams import reactivate_team
    with db.session() as s:
        t = reactivate_team(s, _team_of(s, args, args.team), actor=args.by)
        print(f"team {t.id}: {t.name} working again")
    return 0


# assign ----------------------------------------------------------------------------------------------------

def cmd_assign(args, db) -> int:
    from canvass.assignment import assign_by_hamlet, assign_households, assign_residents, balance_hamlet
    from canvass.teams import find_team
    modes = sum(bool(x) for x in (args.by_hamlet, args.balance, args.team is not None or args.unassign))
    if modes != 1:
        raise InvalidInput("assign_mode_missing")
    with db.session() as s:
        cid = _cid(s, args)
        if args.by_hamlet:
            hids = _hamlet_ids(s, args.hamlet, cid) if args.hamlet else None
            res = assign_by_hamlet(s, hamlet_ids=hids, only_unassigned=args.only_unassigned, actor=args.by)
        elif args.balance:
            if not args.hamlet or len(args.hamlet) != 1:
                raise InvalidInput("balance_needs_hamlet")
            if not args.teams:
                raise InvalidInput("balance_needs_teams")
            hid = _hamlet_ids(s, args.hamlet, cid)[0]
            tids = [find_team(s, name.strip(), cid).id for name in args.teams.split(",") if name.strip()]
            res = balance_hamlet(s, hid, tids, only_unassigned=args.only_unassigned, actor=args.by)
        else:
            if bool(args.resident) == bool(args.household):
                raise InvalidInput("assign_whom_missing")
            tid = None if args.unassign else find_team(s, args.team, cid).id
            if args.resident:
                ids = [_resident(s, key).id for key in args.resident]
                res = assign_residents(s, ids, tid, actor=args.by)
            else:
                try:
                    hh = [int(h) for h in args.household]
                except ValueError:
                    raise InvalidInput("household_id_not_number") from None
                res = assign_households(s, hh, tid, actor=args.by)
        summary = {"assigned": res.assigned, "moved": res.moved, "unassigned": res.unassigned,
                   "unchanged": res.unchanged, "per_team": {str(k): v for k, v in res.per_team.items()}}
    if args.json:
        _print_json(summary)
    else:
        print(f"assigned {res.assigned}, moved {res.moved}, unassigned {res.unassigned}, unchanged {res.unchanged}")
    return 0


# mark / history ----------------------------------------------------------------------------------------------

def cmd_mark(args, db) -> int:
    from canvass.events import STATUS_LABELS_VI, record_visit
    from canvass.teams import normalize_lead_phone
    at = parse_datetime(args.at) if args.at else None
    revisit_on = parse_date(args.revisit_on, "revisit date") if args.revisit_on else None
    phone = normalize_lead_phone(args.phone) if args.phone else None
    with db.session() as s:
        r = _resident(s, args.cccd)
        e = record_visit(s, r, args.outcome, at=at, actor=args.by, reason=args.reason, note=args.note,
                         new_phone=phone, revisit_on=revisit_on, source={"via": "cli"})
        print(f"visit {e.id}: {r.status} ({STATUS_LABELS_VI.get(r.status, r.status)}), attempts {r.attempts}")
    return 0


def cmd_history(args, db) -> int:
    from canvass.history import resident_history
    from canvass.events import REASON_LABELS_VI, STATUS_LABELS_VI
    with db.session() as s:
        r = _resident(s, args.cccd)
        rows = [{k: v for k, v in e.items() if k != "new_phone"} for e in resident_history(s, r.id)]
        head = {"resident_id": r.id, "cccd": r.cccd, "name": r.name, "status": r.status,
                "status_reason": r.status_reason, "attempts": r.attempts, "team_id": r.team_id}
    if args.json:
        _print_json({**head, "events": rows})
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


# campaign / stats ------------------------------------------------------------------------------------------

def cmd_campaign_set(args, db) -> int:
    from canvass.campaign import set_campaign, set_phases
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
                         deadline=args.deadline, new=args.new, commune_id=_cid(s, args))
        if phases:
            set_phases(s, phases)
        print(f"campaign {c.id}: {c.name}, {c.start_date.isoformat()} .. {c.end_date.isoformat()}, "
              f"deadline {c.report_deadline}, quota {c.quota_per_team_day} per team per day")
    return 0


def _as_of(args) -> Optional[dt.date]:
    """The --as-of day of a command (None: today); a day after today is refused."""
    as_of = parse_date(args.as_of, "as-of date") if getattr(args, "as_of", None) else None
    if as_of is not None and as_of > dt.date.today():
        raise InvalidInput("as_of_future", day=as_of.isoformat())
    return as_of


def cmd_campaign_show(args, db) -> int:
    from dataclasses import asdict

    from canvass.campaign import campaign_info
    as_of = _as_of(args)
    with db.session() as s:
        info = campaign_info(s, as_of, _cid(s, args))
    if info is None:
        raise NotFound("campaign_missing")
    if args.json:
        _print_json(asdict(info))
        return 0
    print(f"{info.name}: {info.start.isoformat()} .. {info.end.isoformat()}, deadline {info.report_deadline}, "
          f"quota {info.quota_per_team_day} per team per day")
    for name, start, end in info.phases:
        print(f"  phase {name}: {start.isoformat()} .. {end.isoformat()}")
    return 0


def cmd_campaign_target(args, db) -> int:
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
        h = find_hamlet(s, args.hamlet, _cid(s, args))
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
    from canvass.events import STATUS_LABELS_VI
    from canvass.quotas import compute_stats
    as_of = _as_of(args)
    with db.session() as s:
        st = compute_stats(s, as_of, commune_id=_cid(s, args))
    if getattr(args, "json", False):
        _print_json(st.to_json())
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


# registration ----------------------------------------------------------------------------------------------

def _add_by(p) -> None:
    p.add_argument("--by", help="who makes the change (recorded in the log)")
    _add_commune(p)


def _add_commune(p) -> None:
    p.add_argument("--commune", help="the commune (name or id) whose teams and hamlets are meant; needed only "
                                     "where a name is used in several communes of the database")


def register(sub) -> None:
    """Add teams, assign, mark, history, campaign and stats to the top-level subparsers."""
    teams = sub.add_parser("teams", help="field teams")
    tsub = teams.add_subparsers(dest="teams_command", metavar="ACTION", required=True)
    p = tsub.add_parser("add", help="add a team")
    p.add_argument("name")
    p.add_argument("--kind", help="to_cong_tac_06 | cong_nghe_so | doan_thanh_nien | hoi_phu_nu | cong_an_khu_vuc | other")
    p.add_argument("--lead", help="the lead's name")
    p.add_argument("--phone", help="the lead's phone")
    p.add_argument("--hamlet", action="append", help="a hamlet the team covers (repeat)")
    p.add_argument("--member", action="append", help="a member's name (repeat)")
    _add_by(p)
    p.set_defaults(func=cmd_teams_add)
    p = tsub.add_parser("update", help="change a team's kind, lead, members or hamlets")
    p.add_argument("team")
    p.add_argument("--kind")
    p.add_argument("--lead")
    p.add_argument("--phone")
    p.add_argument("--hamlet", action="append", help="the hamlets it covers (replaces the list; repeat)")
    p.add_argument("--member", action="append", help="the members (replaces the list; repeat)")
    _add_by(p)
    p.set_defaults(func=cmd_teams_update)
    p = tsub.add_parser("list", help="list teams with their load")
    p.add_argument("--json", action="store_true")
    p.add_argument("--active", action="store_true", help="only working teams")
    _add_commune(p)
    p.set_defaults(func=cmd_teams_list)
    p = tsub.add_parser("rename", help="rename a team")
    p.add_argument("team")
    p.add_argument("new_name")
    _add_by(p)
    p.set_defaults(func=cmd_teams_rename)
    p = tsub.add_parser("merge", help="merge SOURCE into TARGET (residents and hamlets move)")
    p.add_argument("source")
    p.add_argument("target")
    _add_by(p)
    p.set_defaults(func=cmd_teams_merge)
    p = tsub.add_parser("retire", help="retire a team (no new assignments)")
    p.add_argument("team")
    _add_by(p)
    p.set_defaults(func=cmd_teams_retire)
    p = tsub.add_parser("reactivate", help="bring a retired team back")
    p.add_argument("team")
    _add_by(p)
    p.set_defaults(func=cmd_teams_reactivate)

    p = sub.add_parser("assign", help="assign residents to teams")
    p.add_argument("--by-hamlet", action="store_true", help="each team gets the residents of its hamlets")
    p.add_argument("--balance", action="store_true", help="split one hamlet among teams by household")
    p.add_argument("--hamlet", action="append", help="hamlet name or id (repeat with --by-hamlet)")
    p.add_argument("--teams", help="T1,T2,... for --balance")
    p.add_argument("--team", help="the team to put residents or households on")
    p.add_argument("--unassign", action="store_true", help="take residents or households off their team")
    p.add_argument("--resident", nargs="+", help="CCCD ...")
    p.add_argument("--household", nargs="+", help="household id ...")
    p.add_argument("--only-unassigned", action="store_true", help="leave residents already on a working team")
    p.add_argument("--json", action="store_true")
    _add_by(p)
    p.set_defaults(func=cmd_assign)

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
    _add_commune(p)
    p.set_defaults(func=cmd_campaign_set)
    p = csub.add_parser("show", help="show the active campaign")
    p.add_argument("--as-of", help="the campaign and its settings as they were at the end of this day")
    _add_commune(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_campaign_show)
    p = csub.add_parser("target", help="set a hamlet's target (or 'default': all its eligible residents)")
    p.add_argument("hamlet")
    p.add_argument("target")
    _add_commune(p)
    p.set_defaults(func=cmd_campaign_target)

    p = sub.add_parser("stats", help="campaign figures per hamlet and team")
    p.add_argument("--as-of", help="figures as of the end of this day (default today)")
    p.add_argument("--commune", help="only this commune (name or id; default: the whole database)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_stats)
