"""Balancing only the unassigned residents never splits a household: members not yet on a team join the team
that already has their household (balance_hamlet and assign_by_hamlet alike)."""
from sqlalchemy import select

from canvass.assignment import assign_by_hamlet, assign_residents, balance_hamlet
from canvass.models import Hamlet, Resident
from canvass.teams import add_team, retire_team
from tests.factories import make_commune


def _household_teams(s, hamlet_id):
    out = {}
    for hh, tid in s.execute(select(Resident.household_id, Resident.team_id).where(Resident.hamlet_id == hamlet_id)):
        out.setdefault(hh, set()).add(tid)
    return out


def _members(s, hamlet_id):
    rows = s.execute(select(Resident.household_id, Resident.id).where(Resident.hamlet_id == hamlet_id)
                     .order_by(Resident.household_id, Resident.id)).all()
    out = {}
    for hh, rid in rows:
        out.setdefault(hh, []).append(rid)
    return out


def test_balance_only_unassigned_keeps_a_partly_assigned_household_together(db):
    # 6 households of 3; the last household's head is already on team C (by hand)
    make_commune(db, hamlets=("Thôn Nà Hu",), households_per_hamlet=6, people_per_household=3)
    with db.session() as s:
        hid = s.scalar(select(Hamlet.id))
        members = _members(s, hid)
        households = sorted(members)
        last = households[-1]
        a, b, c = (add_team(s, n).id for n in ("Tổ A", "Tổ B", "Tổ C"))
        assign_residents(s, members[last][:1], c)
        res = balance_hamlet(s, hid, [a, b], only_unassigned=True)
        teams = _household_teams(s, hid)
        assert teams[last] == {c}, "the household's other members join the team that has its head"
        assert all(len(t) == 1 and None not in t for t in teams.values()), teams
        # the five unassigned households are split between A and B by whole households
        assert {next(iter(teams[h])) for h in households[:-1]} == {a, b}
        assert res.per_team[c] == 2 and res.assigned == 17


def test_by_hamlet_only_unassigned_keeps_a_partly_assigned_household_together(db):
    make_commune(db, hamlets=("Thôn Nà Hu",), households_per_hamlet=4, people_per_household=2)
    with db.session() as s:
        hid = s.scalar(select(Hamlet.id))
        members = _members(s, hid)
        first = sorted(members)[0]
        add_team(s, "Tổ phủ 1", hamlet_ids=[hid])
        add_team(s, "Tổ phủ 2", hamlet_ids=[hid])
        hand = add_team(s, "Tổ tay").id
        assign_residents(s, members[first][1:], hand)
        assign_by_hamlet(s, only_unassigned=True)
        teams = _household_teams(s, hid)
        assert teams[first] == {hand}
        assert all(len(t) == 1 and None not in t for t in teams.values()), teams


def test_a_household_split_among_two_teams_joins_the_one_with_most_members(db):
    make_commune(db, hamlets=("Thôn Nà Hu",), households_per_hamlet=2, people_per_household=4)
    with db.session() as s:
        hid = s.scalar(select(Hamlet.id))
        members = _members(s, hid)
        first = sorted(members)[0]
        a, b, c = (add_team(s, n).id for n in ("Tổ A", "Tổ B", "Tổ C"))
        assign_residents(s, members[first][:1], b)
        assign_residents(s, members[first][1:3], c)
        balance_hamlet(s, hid, [a], only_unassigned=True)
        assert s.get(Resident, members[first][3]).team_id == c
        assert s.get(Resident, members[first][0]).team_id == b   # already assigned: left where it is


def test_members_on_a_retired_team_count_as_unassigned(db):
    make_commune(db, hamlets=("Thôn Nà Hu",), households_per_hamlet=2, people_per_household=3)
    with db.session() as s:
        hid = s.scalar(select(Hamlet.id))
        members = _members(s, hid)
        first = sorted(members)[0]
        a, old = add_team(s, "Tổ A").id, add_team(s, "Tổ cũ")
        assign_residents(s, members[first][:1], old.id)
        retire_team(s, old)
        balance_hamlet(s, hid, [a], only_unassigned=True)
        assert _household_teams(s, hid) == {h: {a} for h in members}
