"""Assignment: by hamlet, balanced by whole households in address order, by hand, and re-assignment keeping
the history."""
import datetime as dt
import random

import pytest
from sqlalchemy import func, select

from canvass.assignment import (apply_assignment, assign_by_hamlet, assign_households, assign_residents,
                                balance_hamlet, plan_balance)
from canvass.errors import Cancelled, InvalidInput, NotFound
from canvass.events import derive_state, record_visit, resident_events
from canvass.models import Commune, Event, Hamlet, Household, Resident
from canvass.teams import add_team, retire_team
from canvass.text import fold, name_sort_key
from tests.factories import make_commune


def make_hamlet(db, name="Thôn Khuổi Tát", sizes=(1, 4, 2, 6, 3, 1, 5, 2, 2, 3, 1, 7, 2, 4), loners=2, seed=3):
    """One hamlet whose households have the given sizes, created in a shuffled order (so ids do not follow the
    address order), plus `loners` residents without a household. Returns the hamlet id."""
    rnd = random.Random(seed)
    order = list(range(len(sizes)))
    rnd.shuffle(order)
    with db.session() as s:
        commune = s.scalars(select(Commune)).first()
        if commune is None:
            commune = Commune(name="Xã Thử", name_fold="xa thu")
            s.add(commune)
            s.flush()
        h = Hamlet(commune_id=commune.id, name=name, name_fold=fold(name), kind="thôn")
        s.add(h)
        s.flush()
        serial = s.scalar(select(func.count()).select_from(Resident))
        for n in order:
            hh = Household(hamlet_id=h.id, key=f"k{n}", number=str(n + 1), address=f"Số {n + 1}",
                           sort_key=f"{n + 1:05d}")
            s.add(hh)
            s.flush()
            for p in range(sizes[n]):
                serial += 1
                nm = f"Hoàng Văn {chr(65 + p)}"
                s.add(Resident(cccd=f"0011{serial:08d}", name=nm, name_fold=fold(nm), name_sort=name_sort_key(nm),
                               hamlet_id=h.id, household_id=hh.id, address=hh.address, address_fold=fold(hh.address)))
        for p in range(loners):
            serial += 1
            nm = f"Lục Thị {chr(70 + p)}"
            s.add(Resident(cccd=f"0011{serial:08d}", name=nm, name_fold=fold(nm), name_sort=name_sort_key(nm),
                           hamlet_id=h.id, address=f"Xóm trên {p}", address_fold=fold(f"xom tren {p}")))
        return h.id


def _teams_by_household(s, hamlet_id):
    out = {}
    for hid, tid in s.execute(select(Resident.household_id, Resident.team_id).where(Resident.hamlet_id == hamlet_id)):
        if hid is not None:
            out.setdefault(hid, set()).add(tid)
    return out


def test_plan_balance_cuts_at_household_boundaries_near_the_even_share():
    units = [(i, s) for i, s in enumerate([3, 3, 1, 5, 2, 2, 4, 1, 3, 2])]  # 26 residents
    runs = plan_balance(units, 3)
    assert [k for run in runs for k in run] == list(range(10))  # contiguous, in order, nothing lost
    sizes = [sum(dict(units)[k] for k in run) for run in runs]
    assert sizes == [7, 9, 10]  # cuts at running totals 7 and 16, nearest 8.67 and 17.33
    assert plan_balance([], 2) == [[], []]
    assert plan_balance([("a", 4)], 3) == [[], ["a"], []]  # more teams than doors: some get none
    with pytest.raises(InvalidInput):
        plan_balance(units, 0)


def test_plan_balance_random_sizes_stay_within_one_household_of_even():
    rnd = random.Random(7)
    for _ in range(200):
        sizes = [rnd.randint(1, 8) for _ in range(rnd.randint(1, 60))]
        n = rnd.randint(1, 6)
        runs = plan_balance(list(enumerate(sizes)), n)
        assert [k for run in runs for k in run] == list(range(len(sizes)))
        even = sum(sizes) / n
        for run in runs:
            assert abs(sum(sizes[k] for k in run) - even) <= max(sizes)


def test_balance_splits_by_whole_households_in_address_order(db):
    sizes = (1, 4, 2, 6, 3, 1, 5, 2, 2, 3, 1, 7, 2, 4)
    hid = make_hamlet(db, sizes=sizes, loners=2)
    with db.session() as s:
        t = [add_team(s, f"Tổ {i}").id for i in (1, 2, 3)]
        res = balance_hamlet(s, hid, t)
        assert (res.assigned, res.moved, res.unchanged) == (45, 0, 0)
        by_hh = _teams_by_household(s, hid)
        assert all(len(teams) == 1 for teams in by_hh.values())  # one door, one team
        # contiguous runs along the address order: team index never goes back
        seq = [next(iter(by_hh[h])) for h in s.scalars(select(Household.id).where(Household.hamlet_id == hid)
                                                        .order_by(Household.sort_key))]
        idx = [t.index(x) for x in seq]
        assert idx == sorted(idx) and set(idx) == {0, 1, 2}
        counts = dict(s.execute(select(Resident.team_id, func.count()).where(Resident.hamlet_id == hid)
                                .group_by(Resident.team_id)).all())
        assert sum(counts.values()) == 45 and set(counts) == set(t)
        assert all(abs(n - 15) <= max(sizes) for n in counts.values())
        assert res.per_team == counts
        # running it again changes nothing
        again = balance_hamlet(s, hid, t)
        assert (again.assigned, again.moved, again.unchanged) == (0, 0, 45)


def test_balance_refuses_a_retired_team_and_unknown_team(db):
    hid = make_hamlet(db)
    with db.session() as s:
        a, b = add_team(s, "Tổ A"), add_team(s, "Tổ B")
        retire_team(s, b)
        with pytest.raises(InvalidInput):
            balance_hamlet(s, hid, [a.id, b.id])
        with pytest.raises(NotFound):
            balance_hamlet(s, hid, [a.id, 999])
        with pytest.raises(NotFound):
            balance_hamlet(s, 4242, [a.id])
        assert s.scalar(select(func.count()).select_from(Event).where(Event.kind == "assigned")) == 0


def test_by_hamlet_gives_each_team_its_hamlets_and_balances_shared_ones(db):
    ids = make_commune(db, hamlets=("Thôn Nà Hu", "Thôn Bó Pia"), households_per_hamlet=6, people_per_household=2)
    with db.session() as s:
        h1, h2 = s.scalars(select(Hamlet.id).order_by(Hamlet.id)).all()
        one = add_team(s, "Tổ một", hamlet_ids=[h1])
        two = add_team(s, "Tổ hai", hamlet_ids=[h2])
        three = add_team(s, "Tổ ba", hamlet_ids=[h2])
        res = assign_by_hamlet(s)
        assert res.assigned == len(ids) == 24
        counts = dict(s.execute(select(Resident.team_id, func.count()).group_by(Resident.team_id)).all())
        assert counts == {one.id: 12, two.id: 6, three.id: 6}
        assert all(len(v) == 1 for v in _teams_by_household(s, h2).values())


def test_by_hamlet_only_unassigned_keeps_hand_assignments(db):
    ids = make_commune(db, hamlets=("Thôn Nà Hu",), households_per_hamlet=4, people_per_household=2)
    with db.session() as s:
        h1 = s.scalar(select(Hamlet.id))
        cover = add_team(s, "Tổ phủ", hamlet_ids=[h1])
        hand = add_team(s, "Tổ tay")
        assign_residents(s, ids[:2], hand.id)
        res = assign_by_hamlet(s, only_unassigned=True)
        assert (res.assigned, res.moved) == (6, 0)
        assert s.get(Resident, ids[0]).team_id == hand.id
        res = assign_by_hamlet(s)  # without the option, the hamlet's team takes everyone
        assert res.moved == 2 and s.get(Resident, ids[0]).team_id == cover.id


def test_reassignment_keeps_the_history(db):
    rid = make_commune(db)[0]
    with db.session() as s:
        a, b = add_team(s, "Tổ Đoàn thanh niên", kind="doan_thanh_nien"), add_team(s, "Tổ phụ nữ", kind="hoi_phu_nu")
        assign_residents(s, [rid], a.id, actor="Trưởng công an xã")
        record_visit(s, rid, "absent", at=dt.datetime(2025, 3, 10, 9))
        res = assign_residents(s, [rid], b.id)
        assert (res.moved, res.assigned) == (1, 0)
        r = s.get(Resident, rid)
        assert r.team_id == b.id
        events = resident_events(s, rid)
        assigned = [e for e in events if e.kind == "assigned"]
        assert [e.team_id for e in assigned] == [a.id, b.id]
        assert assigned[0].actor == "Trưởng công an xã"
        assert '"from": %d' % a.id in assigned[1].data
        visit = next(e for e in events if e.kind == "visit")
        assert visit.team_id == a.id  # the old team's visit stays theirs
        assert derive_state(events).team_id == b.id
        record_visit(s, rid, "activated", at=dt.datetime(2025, 3, 12, 9))
        assert resident_events(s, rid)[-1].team_id == b.id
        res = assign_residents(s, [rid], None)
        assert res.unassigned == 1 and s.get(Resident, rid).team_id is None
        assert derive_state(resident_events(s, rid)).team_id is None


def test_households_by_hand_and_unknown_household(db):
    make_commune(db, hamlets=("Thôn Nà Hu",), households_per_hamlet=3, people_per_household=3)
    with db.session() as s:
        t = add_team(s, "Tổ cơ động")
        hh = s.scalars(select(Household.id).order_by(Household.id)).all()
        res = assign_households(s, hh[:2], t.id)
        assert res.assigned == 6
        assert s.scalar(select(func.count()).select_from(Resident).where(Resident.team_id == t.id)) == 6
        with pytest.raises(NotFound):
            assign_households(s, [hh[2], 4242], t.id)
        assert s.scalar(select(func.count()).select_from(Resident).where(Resident.team_id == t.id)) == 6


def test_assignment_bumps_versions_and_refreshes_loaded_objects(db):
    ids = make_commune(db)
    with db.session() as s:
        t = add_team(s, "Tổ 7")
        r = s.get(Resident, ids[0])
        v = r.version
        assign_residents(s, ids, t.id)
        assert r.team_id == t.id and r.version == v + 1  # the loaded object was expired and reloads
        assert s.scalar(select(func.count()).select_from(Event).where(Event.kind == "assigned")) == len(ids)


def test_cancel_rolls_the_whole_assignment_back(db):
    ids = make_commune(db, households_per_hamlet=10)
    seen = []
    with pytest.raises(Cancelled):
        with db.session() as s:
            t = add_team(s, "Tổ huỷ")
            import canvass.assignment as asg
            old = asg.CHUNK
            asg.CHUNK = 10
            try:
                apply_assignment(s, {rid: t.id for rid in ids}, progress=lambda d, n: seen.append((d, n)),
                                 cancel=lambda: len(seen) >= 2)
            finally:
                asg.CHUNK = old
    assert seen[:2] == [(10, len(ids)), (20, len(ids))]
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Event).where(Event.kind == "assigned")) == 0
        assert s.scalar(select(func.count()).select_from(Resident).where(Resident.team_id.is_not(None))) == 0


def test_unknown_resident_changes_nothing(db):
    ids = make_commune(db)
    with db.session() as s:
        t = add_team(s, "Tổ 8")
        with pytest.raises(NotFound):
            assign_residents(s, [ids[0], 10_000_000], t.id)
        assert s.get(Resident, ids[0]).team_id is None
