"""Campaign figures: the hand-checked quota-table example, as-of regeneration, the log fold agreeing with
derive_state, days left, the projected finish, and the same figures on PostgreSQL."""
import datetime as dt
import json
import random

import pytest
from sqlalchemy import func, select, text

from canvass.assignment import assign_by_hamlet, assign_residents
from canvass.campaign import campaign_info, days_left, set_campaign, set_hamlet_target, set_phases
from canvass.errors import InvalidInput
from canvass.events import (INELIGIBLE_REASONS, append_event, derive_state, record_visit, refresh_state,
                            void_visit)
from canvass.models import Hamlet, Resident
from canvass.quotas import compute_stats, resident_states
from canvass.teams import add_team
from tests.factories import make_commune

TODAY = dt.date.today()


@pytest.fixture
def clock(monkeypatch):
    """A settable "now" for everything that stamps events (recorded_at), teams and campaigns."""
    class Clock:
        value = dt.datetime.combine(TODAY, dt.time(8, 0))
    c = Clock()
    for mod in ("canvass.events", "canvass.assignment", "canvass.teams", "canvass.campaign"):
        monkeypatch.setattr(f"{mod}.now", lambda: c.value)
    return c


def _system(s, rid, at):
    r = s.get(Resident, rid)
    append_event(s, r, "activated_system", at=at)
    refresh_state(s, r)


def test_hand_checked_example_from_a_provincial_quota_table(db):
    """Eligible 1,200, target 1,200, done 450, remaining 750, 6 teams, 25 days left -> 5.0 per team per day."""
    ids = make_commune(db, hamlets=("Thôn Bản Chang",), households_per_hamlet=400, people_per_household=3)
    assert len(ids) == 1200
    with db.session() as s:
        hamlet = s.scalar(select(Hamlet))
        teams = [add_team(s, f"Tổ {i}", hamlet_ids=[hamlet.id]).id for i in range(1, 7)]
        assign_by_hamlet(s)
        set_campaign(s, name="Chiến dịch 90 ngày, đêm", start=TODAY - dt.timedelta(days=65),
                     end=TODAY + dt.timedelta(days=24))
        # 450 verified by the system, 45 a day over the last 10 days (today included)
        for i, rid in enumerate(ids[:450]):
            _system(s, rid, dt.datetime.combine(TODAY - dt.timedelta(days=i // 45), dt.time(10, 0)))
        # 60 reported by the teams, not yet confirmed: shown beside, not counted
        for rid in ids[450:510]:
            record_visit(s, rid, "activated", at=dt.datetime.combine(TODAY, dt.time(7, 0)))
        record_visit(s, ids[600], "ineligible", reason="elderly", at=dt.datetime.combine(TODAY, dt.time(7, 0)))
        record_visit(s, ids[601], "absent", reason="work_away", at=dt.datetime.combine(TODAY, dt.time(7, 0)))
    with db.session() as s:
        st = compute_stats(s, TODAY)
        assert compute_stats(s, TODAY, from_log=True).to_json() == st.to_json()
    t = st.total
    assert (t.eligible, t.target, t.activated_system, t.remaining, t.teams) == (1200, 1200, 450, 750, 6)
    assert st.days_left == 25
    assert t.required_per_team_per_day == 5.0  # 750 / 6 / 25
    assert (t.quota_today, t.done_today, t.done_today_reported) == (30, 45, 60)
    assert t.percent == 37.5
    assert (t.activated_reported, t.ineligible, t.ineligible_by_reason, t.absent) == (60, 1, {"elderly": 1}, 1)
    assert (t.assigned, t.visited, t.pending) == (1200, 62, 1200 - 450 - 60 - 2)
    assert st.by_status["activated_system"] == 450 and sum(st.by_status.values()) == 1200
    [h] = st.hamlets
    assert (h.name, h.eligible, h.target, h.remaining, h.teams, h.required_per_team_per_day) == \
        ("Thôn Bản Chang", 1200, 1200, 750, 6, 5.0)
    assert [g.key for g in st.teams] == teams
    assert sum(g.eligible for g in st.teams) == 1200 and sum(g.target for g in st.teams) == 1200
    for g in st.teams:
        assert g.teams == 1 and g.quota_today == 5
        assert g.required_per_team_per_day == round(max(g.target - g.activated_system, 0) / 25, 2)
    # pace: 315 verified in the last 7 days = 45 a day -> 750 / 45 = 16.7 -> 17 days
    assert (st.pace_basis, st.pace_per_day) == ("system", 45.0)
    assert st.projected_finish == TODAY + dt.timedelta(days=17)
    assert st.daily[-1].activated_system_cum == 450 and st.daily[-1].day == TODAY
    assert st.daily[-1].activated_reported_cum == 510
    assert st.daily[-11].activated_system_cum == 0 and st.daily[-10].activated_system_cum == 45
    assert len(st.daily) == 66 and st.daily[-1].target_cum == round(1200 * 66 / 90, 2)
    js = st.to_json()
    json.dumps(js)
    assert js["total"]["required_per_team_per_day"] == 5.0 and js["as_of"] == TODAY.isoformat()

    # a hamlet target below the list (some residents cannot be activated): 1,000 - 450 = 550 -> 3.67
    with db.session() as s:
        set_hamlet_target(s, s.scalar(select(Hamlet.id)), 1000)
        st = compute_stats(s, TODAY)
    assert (st.total.target, st.total.remaining, st.total.required_per_team_per_day) == (1000, 550, 3.67)
    assert sum(g.target for g in st.teams) == 1000  # shares split by largest remainder


def test_days_left_convention():
    end = dt.date(2025, 3, 31)
    assert days_left(end, dt.date(2025, 3, 31)) == 1          # the last day still counts
    assert days_left(end, dt.date(2025, 3, 7)) == 25          # 7..31 March, both included
    assert days_left(end, dt.date(2025, 4, 1)) == 0
    assert days_left(end, dt.date(2025, 2, 1), start=dt.date(2025, 3, 1)) == 31  # before the start


def test_no_teams_or_no_days_left_gives_no_required_pace(db):
    ids = make_commune(db)
    with db.session() as s:
        set_campaign(s, name="Đợt cao điểm", start=TODAY - dt.timedelta(days=30), end=TODAY - dt.timedelta(days=1))
        st = compute_stats(s, TODAY)
        assert st.days_left == 0 and st.total.required_per_team_per_day is None
        set_campaign(s, end=TODAY + dt.timedelta(days=5))
        st = compute_stats(s, TODAY)
        assert st.total.teams == 0 and st.total.required_per_team_per_day is None
        assert st.projected_finish is None and st.pace_basis is None  # nothing activated lately
        record_visit(s, ids[0], "activated", at=dt.datetime.combine(TODAY, dt.time(7)))
        st = compute_stats(s, TODAY)
        assert st.pace_basis == "reported" and st.projected_finish == TODAY + dt.timedelta(days=24 * 7)


def test_campaign_settings_and_validation(db):
    make_commune(db)
    with db.session() as s:
        with pytest.raises(InvalidInput):
            set_campaign(s, name="X")  # a new campaign needs dates
        c = set_campaign(s, name="Chiến dịch 90 ngày", start=dt.date(2025, 3, 1), end=dt.date(2025, 5, 29),
                         deadline="9:05", quota_per_team_day=8)
        assert (c.report_deadline, c.quota_per_team_day) == ("09:05", 8)
        with pytest.raises(InvalidInput):
            set_campaign(s, deadline="25:00")
        with pytest.raises(InvalidInput):
            set_campaign(s, end=dt.date(2025, 2, 1))
        set_phases(s, [("Đợt 1", dt.date(2025, 3, 1), dt.date(2025, 3, 31)),
                       ("Đợt 2", dt.date(2025, 4, 1), dt.date(2025, 5, 29))])
        info = campaign_info(s)
        assert [p[0] for p in info.phases] == ["Đợt 1", "Đợt 2"] and info.targets == {}
        st = compute_stats(s, dt.date(2025, 3, 10))
        assert (st.campaign_name, st.report_deadline, st.quota_per_team_day) == ("Chiến dịch 90 ngày", "09:05", 8)


def test_yesterdays_figures_do_not_change_after_todays_work(db, clock):
    yesterday = TODAY - dt.timedelta(days=1)
    y = lambda h: dt.datetime.combine(yesterday, dt.time(h))  # noqa: E731
    clock.value = y(7)
    ids = make_commune(db, households_per_hamlet=5)
    with db.session() as s:
        h1, h2 = s.scalars(select(Hamlet.id).order_by(Hamlet.id)).all()
        a = add_team(s, "Tổ Nà Thí", hamlet_ids=[h1])
        b = add_team(s, "Tổ Pò Đứa", hamlet_ids=[h2])
        assign_by_hamlet(s)
        set_campaign(s, name="Chiến dịch", start=yesterday - dt.timedelta(days=5), end=TODAY + dt.timedelta(days=20))
        clock.value = y(16)
        record_visit(s, ids[0], "activated", at=y(9))
        wrong = record_visit(s, ids[1], "absent", at=y(10))
        record_visit(s, ids[2], "ineligible", reason="moved", at=y(10))
        record_visit(s, ids[20], "refused", at=y(11))
        _system(s, ids[3], y(12))
    with db.session() as s:
        before = compute_stats(s, yesterday).to_json()
    assert before["total"]["activated_system"] == 1 and before["total"]["visited"] == 4

    clock.value = dt.datetime.combine(TODAY, dt.time(9))
    with db.session() as s:
        record_visit(s, ids[0], "absent", at=dt.datetime.combine(TODAY, dt.time(8)))
        void_visit(s, wrong.id)                                   # an undo of yesterday's visit
        record_visit(s, ids[4], "refused", at=y(15))               # yesterday's paper form keyed today
        _system(s, ids[5], y(13))                                   # a re-import confirming yesterday
        assign_residents(s, ids[:3], b.id)                          # a re-assignment
        add_team(s, "Tổ mới", hamlet_ids=[h1])
        extra = Resident(cccd="099000000001", name="Lý Văn Mới", name_fold="ly van moi", name_sort="x",
                         hamlet_id=h1, status="pending")
        s.add(extra)
        s.flush()
        append_event(s, extra, "imported")
    with db.session() as s:
        after = compute_stats(s, yesterday).to_json()
        now_stats = compute_stats(s, TODAY)
        cached = dict(s.execute(select(Resident.status, func.count()).group_by(Resident.status)).all())
    assert after == before
    assert now_stats.total.eligible == 31 and now_stats.total.activated_system == 2
    assert {k: v for k, v in now_stats.by_status.items() if v} == cached
    assert a.id in [g.key for g in now_stats.teams]


def _random_log(s, rids, teams, rnd, start):
    """Random events (with random `at` and `recorded_at` over 10 days) for each resident; returns them."""
    log = {rid: [] for rid in rids}
    for rid in rids:
        r = s.get(Resident, rid)
        for _ in range(rnd.randint(0, 9)):
            at = start + dt.timedelta(minutes=rnd.randrange(10 * 24 * 60))
            rec = start + dt.timedelta(minutes=rnd.randrange(10 * 24 * 60))
            kind = rnd.choice(["assigned", "visit", "visit", "visit", "visit_void", "activated_system",
                               "system_reopened"])
            visits = [e for e in log[rid] if e.kind == "visit"]
            if kind == "assigned":
                e = append_event(s, r, "assigned", at=at, team_id=rnd.choice(teams + [None]))
            elif kind == "visit":
                outcome = rnd.choice(["activated", "absent", "ineligible", "wrong_phone", "refused", "revisit",
                                      "pending"])
                reason = rnd.choice(INELIGIBLE_REASONS[:-1]) if outcome == "ineligible" else \
                    rnd.choice([None, "short", "military"]) if outcome == "absent" else None
                e = append_event(s, r, "visit", at=at, outcome=outcome, reason=reason)
            elif kind == "visit_void" and visits:
                e = append_event(s, r, "visit_void", at=at, data={"voids": rnd.choice(visits).id})
            elif kind in ("activated_system", "system_reopened"):
                e = append_event(s, r, kind, at=at)
            else:
                continue
            e.recorded_at = rec
            s.flush()
            log[rid].append(e)
    return log


def test_log_fold_agrees_with_derive_state_on_a_random_log(db):
    rids = make_commune(db, households_per_hamlet=10, people_per_household=4, seed=5)
    rnd = random.Random(11)
    start = dt.datetime(2025, 3, 1)
    with db.session() as s:
        teams = [add_team(s, f"Tổ {i}").id for i in range(3)]
        log = _random_log(s, rids, teams, rnd, start)
        for rid in rids:
            refresh_state(s, s.get(Resident, rid))
    with db.session() as s:
        for day in [dt.date(2025, 2, 28)] + [dt.date(2025, 3, d) for d in range(1, 12)]:
            states = resident_states(s, day)
            cut = dt.datetime.combine(day + dt.timedelta(days=1), dt.time())
            for rid in rids:
                known = [e for e in log[rid] if e.recorded_at < cut]
                want = derive_state(known)
                got = states.get(rid)
                if got is None:
                    assert want.status == "pending" and want.team_id is None and want.attempts == 0
                    continue
                assert (got.status, got.reason, got.attempts, got.team_id) == \
                    (want.status, want.reason, want.attempts, want.team_id), (rid, day)
                if want.status == "activated_system":
                    assert got.system_on == want.status_at.date()
        # far in the future: exactly the cached state
        states = resident_states(s, dt.date(2030, 1, 1))
        for r in s.scalars(select(Resident)):
            got = states.get(r.id)
            assert got is not None or r.status == "pending"
            if got is not None:
                assert (got.status, got.reason, got.attempts, got.team_id) == \
                    (r.status, r.status_reason, r.attempts, r.team_id)
        assert sum(len(v) for v in log.values()) > 100  # the log really exercised the rules
        # today's figures: from the cached state (SQL aggregates) and from the log agree
        by_cache = compute_stats(s, TODAY, from_log=False).to_json()
        by_log = compute_stats(s, TODAY, from_log=True).to_json()
        assert by_cache == by_log and by_cache["total"]["activated_system"] > 0
        assert by_cache["total"]["activated_reported"] > 0 and by_cache["total"]["ineligible"] > 0


def test_as_of_cut_handles_both_sqlite_datetime_forms(db):
    """Bulk-inserted events store "YYYY-MM-DD HH:MM:SS", ORM ones add ".000000": the day cut takes both."""
    rids = make_commune(db)
    day = dt.date(2025, 3, 10)
    with db.session() as s:
        t = add_team(s, "Tổ 1")
        r = s.get(Resident, rids[0])
        e = append_event(s, r, "visit", at=dt.datetime(2025, 3, 10, 9), outcome="refused")
        e.recorded_at = dt.datetime(2025, 3, 10, 23, 59, 59)
        s.flush()
        s.connection().execute(text(
            "INSERT INTO event (resident_id, kind, at, recorded_at, team_id) VALUES "
            "(:r, 'assigned', '2025-03-11 00:00:00', '2025-03-11 00:00:00', :t)"), {"r": rids[0], "t": t.id})
        states = resident_states(s, day)
        assert states[rids[0]].status == "refused" and states[rids[0]].team_id is None
        assert resident_states(s, day + dt.timedelta(days=1))[rids[0]].team_id == t.id


@pytest.mark.postgres
def test_figures_on_postgres(pg_db):
    db = pg_db
    ids = make_commune(db, households_per_hamlet=5)
    with db.session() as s:
        h1, h2 = s.scalars(select(Hamlet.id).order_by(Hamlet.id)).all()
        add_team(s, "Tổ 1", hamlet_ids=[h1])
        add_team(s, "Tổ 2", hamlet_ids=[h1, h2])
        res = assign_by_hamlet(s)
        assert res.assigned == 30
        set_campaign(s, name="CD", start=TODAY - dt.timedelta(days=3), end=TODAY + dt.timedelta(days=9))
        record_visit(s, ids[0], "activated", at=dt.datetime.combine(TODAY, dt.time(7)))
        _system(s, ids[1], dt.datetime.combine(TODAY, dt.time(7)))
    with db.session() as s:
        st = compute_stats(s, TODAY)
        old = compute_stats(s, TODAY - dt.timedelta(days=1))
    assert (st.total.eligible, st.total.activated_system, st.total.activated_reported) == (30, 1, 1)
    assert st.total.remaining == 29 and st.days_left == 10 and st.total.teams == 2
    assert st.total.required_per_team_per_day == round(29 / 2 / 10, 2)
    assert old.total.eligible == 0  # nothing was recorded before today
