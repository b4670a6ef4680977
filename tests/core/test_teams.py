"""Teams: add, find by name, update, rename, merge (history intact), retire, list with load, team events."""
import datetime as dt
import json

import pytest
from sqlalchemy import select

from canvass.assignment import assign_by_hamlet, assign_residents
from canvass.errors import InvalidInput, NotFound
from canvass.events import record_visit, resident_events
from canvass.models import Event, Hamlet, Resident, Team
from canvass.teams import (TEAM_KIND_LABELS_VI, TEAM_KINDS, add_team, find_hamlet, find_team, list_teams,
                           merge_teams, reactivate_team, rename_team, retire_team, team_hamlet_ids, team_members,
                           update_team)
from tests.factories import make_commune


def _hamlets(s):
    return s.scalars(select(Hamlet).order_by(Hamlet.id)).all()


def _team_events(s, team_id):
    return [json.loads(e.data)["action"] for e in s.scalars(
        select(Event).where(Event.kind == "team", Event.team_id == team_id).order_by(Event.id))]


def test_add_team_with_kind_lead_members_and_hamlets(db):
    make_commune(db)
    with db.session() as s:
        h1, h2 = _hamlets(s)
        t = add_team(s, "  Tổ  công nghệ số  Nà Thí ", kind="cong_nghe_so", lead_name="Vi Văn Toàn",
                     lead_phone="0912.345.678", members=["Lò Thị Mai", "Nông Văn Sáng"], hamlet_ids=[h1.id])
        assert t.name == "Tổ công nghệ số Nà Thí"
        assert t.lead_phone == "+84912345678"
        assert team_members(t) == ["Lò Thị Mai", "Nông Văn Sáng"]
        assert team_hamlet_ids(s, t.id) == [h1.id]
        assert _team_events(s, t.id) == ["add"]
        assert s.scalars(select(Event).where(Event.kind == "team")).one().resident_id is None
    assert set(TEAM_KIND_LABELS_VI) == set(TEAM_KINDS)
    assert TEAM_KIND_LABELS_VI["to_cong_tac_06"] == "Tổ công tác Đề án 06 thôn"


@pytest.mark.parametrize("kwargs", [dict(name="Tổ 1", kind="police"), dict(name="  "),
                                    dict(name="Tổ 2", lead_phone="12ab")])
def test_add_team_refuses_bad_values(db, kwargs):
    with db.session() as s, pytest.raises(InvalidInput):
        add_team(s, kwargs.pop("name"), **kwargs)


def test_team_names_are_unique_ignoring_case_and_diacritics(db):
    with db.session() as s:
        add_team(s, "Tổ Đoàn Thanh Niên")
        with pytest.raises(InvalidInput):
            add_team(s, "to doan thanh nien")


def test_find_team_and_hamlet_by_name_or_id(db):
    make_commune(db)
    with db.session() as s:
        h1, h2 = _hamlets(s)
        t = add_team(s, "Tổ Pò Đứa")
        assert find_team(s, "to po dua").id == t.id
        assert find_team(s, str(t.id)).id == t.id
        assert find_hamlet(s, "Nà Thí").id == h1.id  # without "Thôn"
        assert find_hamlet(s, "thon po dua").id == h2.id
        assert find_hamlet(s, str(h2.id)).id == h2.id
        with pytest.raises(NotFound):
            find_team(s, "Tổ không có")
        with pytest.raises(NotFound):
            find_hamlet(s, "Bản Nào Đó")


def test_rename_and_update_keep_the_id_and_log(db):
    make_commune(db)
    with db.session() as s:
        h1, h2 = _hamlets(s)
        t = add_team(s, "Tổ 1", hamlet_ids=[h1.id])
        rename_team(s, t.id, "Tổ công tác 06 thôn Nà Thí")
        update_team(s, t, kind="to_cong_tac_06", lead_name="Hà Văn Lâm", lead_phone="+84 987 654 321",
                    members="Hà Thị Dung; Lý Văn Tú", hamlet_ids=[h1.id, h2.id])
        assert (t.name, t.kind, t.lead_phone) == ("Tổ công tác 06 thôn Nà Thí", "to_cong_tac_06", "+84987654321")
        assert team_members(t) == ["Hà Thị Dung", "Lý Văn Tú"]
        assert team_hamlet_ids(s, t.id) == [h1.id, h2.id]
        assert _team_events(s, t.id) == ["add", "rename", "update"]
        with pytest.raises(InvalidInput):
            update_team(s, t, kind="nope")


def test_merge_moves_residents_and_hamlets_and_keeps_history(db):
    ids = make_commune(db)
    with db.session() as s:
        h1, h2 = _hamlets(s)
        a = add_team(s, "Tổ A", hamlet_ids=[h1.id])
        b = add_team(s, "Tổ B", hamlet_ids=[h2.id])
        assign_by_hamlet(s)
        mine = s.scalars(select(Resident.id).where(Resident.team_id == a.id)).all()
        record_visit(s, mine[0], "absent", at=dt.datetime(2025, 3, 10, 9))
        res = merge_teams(s, "tổ a", "Tổ B")
        assert (res.residents_moved, res.hamlets_moved) == (len(mine), 1)
        assert s.scalars(select(Resident.id).where(Resident.team_id == a.id)).all() == []
        assert team_hamlet_ids(s, b.id) == [h1.id, h2.id] and team_hamlet_ids(s, a.id) == []
        assert a.merged_into_id == b.id and a.retired_at is not None
        assert s.get(Team, a.id).name == "Tổ A"  # kept
        history = resident_events(s, mine[0])
        assert [e.team_id for e in history if e.kind == "assigned"] == [a.id, b.id]
        assert next(e for e in history if e.kind == "visit").team_id == a.id
        assert _team_events(s, a.id)[-1] == "merge" and _team_events(s, b.id)[-1] == "absorb"
        with pytest.raises(InvalidInput):
            merge_teams(s, b, a)  # into a merged team
        with pytest.raises(InvalidInput):
            merge_teams(s, b, b)
        with pytest.raises(InvalidInput):
            reactivate_team(s, a)
        assert len(ids) == 24


def test_retired_team_takes_no_new_assignments_but_keeps_its_residents(db):
    ids = make_commune(db)
    with db.session() as s:
        t = add_team(s, "Tổ nghỉ")
        assign_residents(s, ids[:3], t.id)
        retire_team(s, t)
        with pytest.raises(InvalidInput):
            assign_residents(s, ids[3:5], t.id)
        with pytest.raises(InvalidInput):
            retire_team(s, t)
        assert s.get(Resident, ids[0]).team_id == t.id
        reactivate_team(s, t)
        assert assign_residents(s, ids[3:5], t.id).assigned == 2


def test_list_teams_with_load(db):
    ids = make_commune(db)
    with db.session() as s:
        h1, _h2 = _hamlets(s)
        a = add_team(s, "Tổ Bắc", hamlet_ids=[h1.id], kind="cong_an_khu_vuc")
        b = add_team(s, "Tổ An")
        c = add_team(s, "Tổ Cũ")
        retire_team(s, c)
        assign_residents(s, ids[:5], a.id)
        record_visit(s, ids[0], "activated", at=dt.datetime(2025, 3, 10, 9))
        record_visit(s, ids[1], "ineligible", reason="deceased", at=dt.datetime(2025, 3, 10, 9))
        record_visit(s, ids[2], "absent", at=dt.datetime(2025, 3, 10, 9))
        teams = list_teams(s)
        assert [t.name for t in teams] == ["Tổ An", "Tổ Bắc", "Tổ Cũ"]  # working first, Vietnamese order
        bac = teams[1]
        assert (bac.assigned, bac.remaining, bac.activated_reported, bac.activated_system) == (5, 3, 1, 0)
        assert bac.hamlets == ["Thôn Nà Thí"] and bac.kind_label == "Công an khu vực"
        assert teams[0].assigned == 0 and not teams[2].active
        assert [t.name for t in list_teams(s, include_inactive=False)] == ["Tổ An", "Tổ Bắc"]
        assert b.id != a.id


def test_pick_lists_come_from_the_core_in_walk_list_order(db):
    """The hamlet and team pick lists of every view: Vietnamese order, retired teams left out, a team's hamlets."""
    from canvass.assignment import assign_by_hamlet
    from canvass.teams import add_team, hamlet_choices, retire_team, team_choices, team_hamlets, visited_counts
    from canvass.events import record_visit
    from canvass.models import Resident
    from tests.factories import make_commune

    ids = make_commune(db, hamlets=("Thôn Đông", "Thôn Dọc", "Thôn An"))
    with db.session() as s:
        names = [n for _i, n in hamlet_choices(s)]
        assert names == ["Thôn An", "Thôn Dọc", "Thôn Đông"]          # D before Đ, as the walk list orders them
        by_name = dict((n, i) for i, n in hamlet_choices(s))
        a = add_team(s, "Tổ Bảy", hamlet_ids=[by_name["Thôn Đông"]])
        b = add_team(s, "Tổ Ánh")
        c = add_team(s, "Tổ Cũ")
        retire_team(s, c.id)
        assign_by_hamlet(s)
        assert [n for _i, n in team_choices(s)] == ["Tổ Ánh", "Tổ Bảy"]
        assert [n for _i, n in team_hamlets(s, a.id)] == ["Thôn Đông"]
        assert team_hamlets(s, b.id) == []
        first = s.get(Resident, ids[-1])
        record_visit(s, first.id, "absent", reason="short")
        assert visited_counts(s) == ({a.id: 1} if first.team_id == a.id else {})
