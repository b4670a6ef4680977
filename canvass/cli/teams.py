"""Commands `teams` and `assign`: field teams and who visits whom.

  canvass teams add NAME [--kind K] [--lead NAME] [--phone P] [--hamlet H ...] [--member NAME ...]
  canvass teams list [--json] [--active]
  canvass teams rename TEAM NEW_NAME | merge SOURCE TARGET | retire TEAM | reactivate TEAM
  canvass teams update TEAM [--kind K] [--lead NAME] [--phone P] [--hamlet H ...] [--member NAME ...]
  canvass assign --by-hamlet [--hamlet H ...] [--only-unassigned]
  canvass assign --balance --hamlet H --teams T1,T2 [--only-unassigned]
  canvass assign --team T (--resident CCCD ... | --household ID ...)   (--unassign instead of --team)

Teams and hamlets are named by name (case and diacritics ignored, "Thôn" optional) or id; residents by CCCD
(or "#id"). Mistakes exit 1 with one line on stderr and change nothing (one transaction per command).
"""
from __future__ import annotations

from canvass.cli import add_commune, commune_id, print_json, resident
from canvass.errors import InvalidInput


def _hamlet_ids(session, names, commune_id=None) -> list[int]:
    """The ids of the hamlets named (name or id each), in the commune given (None: any commune)."""
    from canvass.teams import find_hamlet
    return [find_hamlet(session, n, commune_id).id for n in (names or [])]


def _team_of(session, args, key):
    """The team named, in the commune of --commune if given."""
    from canvass.teams import find_team
    return find_team(session, key, commune_id(session, args))


def cmd_teams_add(args, db) -> int:
    """Add a team."""
    from canvass.teams import add_team
    with db.session() as s:
        cid = commune_id(s, args)
        t = add_team(s, args.name, kind=args.kind, lead_name=args.lead, lead_phone=args.phone, members=args.member,
                     hamlet_ids=_hamlet_ids(s, args.hamlet, cid), actor=args.by, commune=cid)
        print(f"team {t.id}: {t.name}")
    return 0


def cmd_teams_update(args, db) -> int:
    """Change a team's kind, lead, members or hamlets."""
    from canvass.teams import update_team
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
            kw["hamlet_ids"] = _hamlet_ids(s, args.hamlet, commune_id(s, args))
        t = update_team(s, _team_of(s, args, args.team), actor=args.by, **kw)
        print(f"team {t.id}: {t.name} updated")
    return 0


def cmd_teams_list(args, db) -> int:
    """List the teams with their load."""
    from dataclasses import asdict

    from canvass.teams import list_teams
    with db.session() as s:
        teams = list_teams(s, include_inactive=not args.active, commune_id=commune_id(s, args))
    if args.json:
        print_json([asdict(t) for t in teams])
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
    """Rename a team."""
    from canvass.teams import rename_team
    with db.session() as s:
        t = rename_team(s, _team_of(s, args, args.team), args.new_name, actor=args.by)
        print(f"team {t.id}: {t.name}")
    return 0


def cmd_teams_merge(args, db) -> int:
    """Merge one team into another."""
    from canvass.teams import merge_teams
    with db.session() as s:
        r = merge_teams(s, _team_of(s, args, args.source), _team_of(s, args, args.target), actor=args.by)
        print(f"merged team {r.source_id} into {r.target_id}: {r.residents_moved} residents, "
              f"{r.hamlets_moved} hamlets moved")
    return 0


def cmd_teams_retire(args, db) -> int:
    """Retire a team."""
    from canvass.teams import retire_team
    with db.session() as s:
        t = retire_team(s, _team_of(s, args, args.team), actor=args.by)
        print(f"team {t.id}: {t.name} retired")
    return 0


def cmd_teams_reactivate(args, db) -> int:
    """Bring a retired team back."""
    from canvass.teams import reactivate_team
    with db.session() as s:
        t = reactivate_team(s, _team_of(s, args, args.team), actor=args.by)
        print(f"team {t.id}: {t.name} working again")
    return 0


def cmd_assign(args, db) -> int:
    """Assign residents to teams (by hamlet, balanced, or by name)."""
    from canvass.assignment import assign_by_hamlet, assign_households, assign_residents, balance_hamlet
    from canvass.teams import find_team
    modes = sum(bool(x) for x in (args.by_hamlet, args.balance, args.team is not None or args.unassign))
    if modes != 1:
        raise InvalidInput("assign_mode_missing")
    with db.session() as s:
        cid = commune_id(s, args)
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
                ids = [resident(s, key).id for key in args.resident]
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
        print_json(summary)
    else:
        print(f"assigned {res.assigned}, moved {res.moved}, unassigned {res.unassigned}, unchanged {res.unchanged}")
    return 0


def _add_by(p) -> None:
    p.add_argument("--by", help="who makes the change (recorded in the log)")
    add_commune(p)


def register(sub) -> None:
    """Add the `teams` and `assign` commands."""
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
    add_commune(p)
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
