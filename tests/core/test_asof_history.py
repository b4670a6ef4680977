"""Yesterday's figures as they were handed in: a report "as of" a past day uses the team names, hamlets, targets,
quota and campaign dates in force that day, not today's (issue 9, item 6).

The clock is set explicitly (every module that stamps a change takes `now` from canvass.db) instead of sleeping."""
import datetime as dt
import json

import openpyxl
import pytest
from sqlalchemy import select

from canvass.assignment import assign_by_hamlet, assign_residents
from canvass.campaign import set_campaign, set_hamlet_target, set_phases
from canvass.cli import main
from canvass.events import append_event, record_visit, refresh_state
from canvass.exporting import export
from canvass.models import Campaign, CampaignPhase, Event, Hamlet, HamletTarget, Resident, Team, TeamHamlet
from canvass.quotas import compute_stats
from canvass.teams import add_team, merge_teams, reactivate_team, rename_team, retire_team, update_team
from tests.factories import make_commune

DAY1 = dt.date(2025, 3, 10)
DAY2 = dt.date(2025, 3, 11)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


@pytest.fixture
def clock(monkeypatch):
    """A settable "now" for everything that stamps a change (events, teams, campaigns, assignments)."""
    class Clock:
        value = at(DAY1, 7)
    c = Clock()
    for mod in ("canvass.events", "canvass.assignment", "canvass.teams", "canvass.campaign"):
        monkeypatch.setattr(f"{mod}.now", lambda: c.value)
    return c


def _runner(database, capsys):
    """`canvass --db <database> ARGS...` in this process (so it sees the clock); returns its stdout."""
    def _run(*args):
        code = main(["--db", database.url, *args])
        out = capsys.readouterr()
        assert code == 0, out.err
        return out.out
    return _run


@pytest.fixture
def run(db, capsys):
    """The command line on the test's database."""
    return _runner(db, capsys)


def _system(s, rid, when):
    r = s.get(Resident, rid)
    append_event(s, r, "activated_system", at=when)
    refresh_state(s, r)


def _report(db, run, tmp_path, day: dt.date, tag: str) -> dict:
    """Every form of the report as of `day`: the figures, the daily report as CSV bytes and xlsx cell values,
    and the command line's `stats` in text and JSON."""
    with db.session() as s:
        figures = compute_stats(s, day).to_json()
        from_log = compute_stats(s, day, from_log=True).to_json()
    assert from_log == figures
    csv_path, xlsx_path = tmp_path / f"{tag}.csv", tmp_path / f"{tag}.xlsx"
    export(db, "daily-report", csv_path, as_of=day)
    export(db, "daily-report", xlsx_path, as_of=day)
    wb = openpyxl.load_workbook(xlsx_path)
    cells = [[c for c in row] for ws in wb.worksheets for row in ws.iter_rows(values_only=True)]
    return {"figures": figures, "csv": csv_path.read_bytes(), "xlsx": cells,
            "cli": run("stats", "--as-of", day.isoformat()),
            "cli_json": json.loads(run("stats", "--as-of", day.isoformat(), "--json"))}


def _day_one(db, clock):
    """A campaign, teams, targets and a day of activity; returns (resident ids, hamlet ids, team ids)."""
    clock.value = at(DAY1, 7)
    ids = make_commune(db, households_per_hamlet=5)
    with db.session() as s:
        h1, h2 = s.scalars(select(Hamlet.id).order_by(Hamlet.id)).all()
        set_campaign(s, name="Chiến dịch 90 ngày, đêm", start=dt.date(2025, 3, 1), end=dt.date(2025, 4, 30),
                     quota_per_team_day=5, deadline="15:30")
        set_phases(s, [("Đợt 1", dt.date(2025, 3, 1), dt.date(2025, 3, 31))])
        a = add_team(s, "Tổ Nà Thí", hamlet_ids=[h1])
        b = add_team(s, "Tổ Pò Đứa", hamlet_ids=[h2])
        spare = add_team(s, "Tổ dự bị")
        assign_by_hamlet(s)
        set_hamlet_target(s, h1, 12)
        clock.value = at(DAY1, 16)
        retire_team(s, spare)                      # off work from the evening of day 1
        record_visit(s, ids[0], "activated", at=at(DAY1, 9))
        record_visit(s, ids[1], "absent", reason="work_away", at=at(DAY1, 10))
        record_visit(s, ids[2], "ineligible", reason="elderly", at=at(DAY1, 10))
        record_visit(s, ids[20], "refused", at=at(DAY1, 11))
        _system(s, ids[3], at(DAY1, 12))
        _system(s, ids[16], at(DAY1, 13))
        return ids, (h1, h2), (a.id, b.id, spare.id)


def _day_two(db, clock, ids, hamlets, teams):
    """Every kind of settings change, and more activity."""
    h1, h2 = hamlets
    a, b, spare = teams
    clock.value = at(DAY2, 8)
    with db.session() as s:
        rename_team(s, a, "Tổ công tác số 1")
        update_team(s, b, hamlet_ids=[h1, h2])
        reactivate_team(s, spare)
        late = add_team(s, "Tổ tăng cường", hamlet_ids=[h2])
        set_hamlet_target(s, h1, 20)
        set_hamlet_target(s, h2, 9)
        set_campaign(s, name="Chiến dịch cao điểm", end=dt.date(2025, 5, 15), quota_per_team_day=8,
                     deadline="16:00")
        set_phases(s, [("Đợt 1", dt.date(2025, 3, 1), dt.date(2025, 3, 20)),
                       ("Đợt 2", dt.date(2025, 3, 21), dt.date(2025, 5, 15))])
        assign_residents(s, ids[15:18], late.id)
        clock.value = at(DAY2, 15)
        record_visit(s, ids[4], "activated", at=at(DAY2, 9))
        record_visit(s, ids[5], "absent", at=at(DAY1, 15))      # day 1's paper form keyed on day 2
        _system(s, ids[6], at(DAY2, 10))
        merge_teams(s, spare, late)


def test_yesterdays_report_is_handed_in_again_unchanged(db, clock, run, tmp_path):
    _handed_in_again(db, clock, run, tmp_path)


@pytest.mark.postgres
def test_yesterdays_report_is_handed_in_again_on_postgres(pg_db, clock, capsys, tmp_path):
    _handed_in_again(pg_db, clock, _runner(pg_db, capsys), tmp_path)


def _handed_in_again(db, clock, run, tmp_path):
    ids, hamlets, teams = _day_one(db, clock)
    first = _report(db, run, tmp_path, DAY1, "first")
    assert first["figures"]["campaign_name"] == "Chiến dịch 90 ngày, đêm"
    assert [t["name"] for t in first["figures"]["teams"]] == ["Tổ Nà Thí", "Tổ Pò Đứa"]

    _day_two(db, clock, ids, hamlets, teams)
    again = _report(db, run, tmp_path, DAY1, "again")
    for form in ("figures", "cli_json", "cli", "xlsx", "csv"):
        assert again[form] == first[form], form

    # and day 2 itself shows the changes (the history is read, not frozen)
    with db.session() as s:
        today = compute_stats(s, DAY2)
    assert today.campaign_name == "Chiến dịch cao điểm" and today.end == dt.date(2025, 5, 15)
    assert today.quota_per_team_day == 8 and today.report_deadline == "16:00"
    assert {h.key: h.target for h in today.hamlets} == {hamlets[0]: 20, hamlets[1]: 9}
    assert "Tổ công tác số 1" in [t.name for t in today.teams]


def test_each_day_keeps_its_own_settings(db, clock, run, tmp_path):
    """A report as of day 2 made on day 2 is still the same on day 3, after day 3's changes."""
    ids, hamlets, teams = _day_one(db, clock)
    _day_two(db, clock, ids, hamlets, teams)
    second = _report(db, run, tmp_path, DAY2, "second")
    clock.value = at(DAY2 + dt.timedelta(days=1), 9)
    with db.session() as s:
        rename_team(s, teams[0], "Tổ một")
        set_hamlet_target(s, hamlets[0], None)
        set_campaign(s, start=dt.date(2025, 3, 5))
    assert _report(db, run, tmp_path, DAY2, "second-again") == second


def test_a_database_without_history_takes_todays_values_from_the_beginning(db, clock, run, tmp_path):
    """Campaigns, targets and teams written by an older program (no change recorded): their current values
    hold for every past day, until the first recorded change."""
    clock.value = at(DAY1, 7)
    ids = make_commune(db, households_per_hamlet=3)
    with db.session() as s:
        h1, h2 = s.scalars(select(Hamlet.id).order_by(Hamlet.id)).all()
        c = Campaign(name="Chiến dịch cũ", start_date=dt.date(2025, 3, 1), end_date=dt.date(2025, 4, 30),
                     report_deadline="15:00", quota_per_team_day=4, created_at=at(DAY1, 7))
        s.add(c)
        s.flush()
        s.add(HamletTarget(campaign_id=c.id, hamlet_id=h1, target=7))
        s.add(CampaignPhase(campaign_id=c.id, name="Đợt 1", start_date=dt.date(2025, 3, 1),
                            end_date=dt.date(2025, 3, 31)))
        t = Team(name="Tổ cũ", created_at=at(DAY1, 7))
        s.add(t)
        s.flush()
        s.add(TeamHamlet(team_id=t.id, hamlet_id=h1))
        assign_residents(s, ids[:9], t.id)
        clock.value = at(DAY1, 16)
        _system(s, ids[0], at(DAY1, 10))
        tid = t.id
    first = _report(db, run, tmp_path, DAY1, "first")
    assert first["figures"]["campaign_name"] == "Chiến dịch cũ"
    assert first["figures"]["hamlets"][0]["target"] == 7

    clock.value = at(DAY2, 9)
    with db.session() as s:
        rename_team(s, tid, "Tổ mới tên")
        update_team(s, tid, hamlet_ids=[h1, h2])
        set_hamlet_target(s, h1, 8)
        set_hamlet_target(s, h2, 5)
        set_campaign(s, name="Chiến dịch mới tên", end=dt.date(2025, 6, 1), quota_per_team_day=6,
                     deadline="16:30")
        set_phases(s, [])
    assert _report(db, run, tmp_path, DAY1, "again") == first


def test_a_new_campaign_started_today_leaves_yesterday_on_the_old_one(db, clock, run, tmp_path):
    ids, hamlets, teams = _day_one(db, clock)
    first = _report(db, run, tmp_path, DAY1, "first")
    clock.value = at(DAY2, 8)
    with db.session() as s:
        set_campaign(s, name="Chiến dịch đợt sau", start=DAY2, end=dt.date(2025, 6, 30), new=True)
        set_hamlet_target(s, hamlets[1], 3)
    assert _report(db, run, tmp_path, DAY1, "again") == first
    with db.session() as s:
        assert compute_stats(s, DAY2).campaign_name == "Chiến dịch đợt sau"


def test_changes_are_recorded_once_in_the_log(db, clock):
    """Every settings change is one dated entry of the event log, written by the function that makes it."""
    ids, hamlets, teams = _day_one(db, clock)
    _day_two(db, clock, ids, hamlets, teams)
    with db.session() as s:
        rows = s.execute(select(Event.kind, Event.recorded_at, Event.data)
                         .where(Event.kind.in_(("campaign", "team"))).order_by(Event.id)).all()
    campaign = [json.loads(d) for k, _r, d in rows if k == "campaign"]
    assert [c["action"] for c in campaign] == ["set", "phases", "target", "target", "target", "set", "phases"]
    assert campaign[-2]["before"]["end"] == "2025-04-30" and campaign[-2]["after"]["end"] == "2025-05-15"
    assert all(r.date() in (DAY1, DAY2) for _k, r, _d in rows)


def _teams_now(s):
    covers = {}
    for tid, hid in s.execute(select(TeamHamlet.team_id, TeamHamlet.hamlet_id)):
        covers.setdefault(tid, set()).add(hid)
    return {t.id: (t.name, t.retired_at is None and t.merged_into_id is None, frozenset(covers.get(t.id, ())))
            for t in s.scalars(select(Team))}


def test_random_changes_read_back_as_of_every_day(db, clock):
    """Random team and campaign changes over 12 days, some on teams and a campaign made without a recorded
    creation (an older program): the settings as of each day equal what the database held at its end."""
    import random

    from canvass.campaign import campaign_info
    from canvass.errors import InvalidInput
    from canvass.teams import teams_as_of

    rnd = random.Random(9)
    start = dt.date(2025, 3, 1)
    clock.value = at(start, 7)
    make_commune(db, hamlets=("Thôn A", "Thôn B", "Thôn C", "Thôn D"), households_per_hamlet=1)
    snapshots = {}
    with db.session() as s:
        hamlets = s.scalars(select(Hamlet.id)).all()
        s.add(Campaign(name="Cũ", start_date=start, end_date=dt.date(2025, 5, 1), report_deadline="15:30",
                       quota_per_team_day=5, created_at=at(start, 7)))
        s.add(HamletTarget(campaign_id=1, hamlet_id=hamlets[0], target=4))
        for i in range(2):
            t = Team(name=f"Tổ cũ {i}", created_at=at(start, 7))
            s.add(t)
            s.flush()
            s.add(TeamHamlet(team_id=t.id, hamlet_id=hamlets[i]))
        add_team(s, "Tổ 1", hamlet_ids=[hamlets[2]])
    serial = 1
    for day_no in range(12):
        day = start + dt.timedelta(days=day_no)
        with db.session() as s:
            for k in range(rnd.randrange(1, 6)):
                clock.value = at(day, 8 + k)
                tids = s.scalars(select(Team.id)).all()
                tid = rnd.choice(tids)
                op = rnd.randrange(10)
                try:
                    if op == 0:
                        serial += 1
                        rename_team(s, tid, f"Tổ đổi {serial}")
                    elif op == 1:
                        update_team(s, tid, hamlet_ids=rnd.sample(hamlets, rnd.randrange(3)))
                    elif op == 2:
                        retire_team(s, tid)
                    elif op == 3:
                        reactivate_team(s, tid)
                    elif op == 4 and rnd.random() < 0.4:
                        merge_teams(s, tid, rnd.choice(tids))
                    elif op == 5:
                        serial += 1
                        add_team(s, f"Tổ mới {serial}", hamlet_ids=rnd.sample(hamlets, 1))
                    elif op == 6:
                        set_campaign(s, name=f"Chiến dịch {serial}",
                                     end=dt.date(2025, 5, 1) + dt.timedelta(rnd.randrange(30)),
                                     quota_per_team_day=rnd.randrange(3, 9), deadline=rnd.choice(["15:30", "16:00"]))
                    elif op == 7:
                        phase = ("Đợt 1", start, day + dt.timedelta(days=rnd.randrange(5)))
                        set_phases(s, [phase][:rnd.randrange(2)])
                    elif op == 8:
                        set_hamlet_target(s, rnd.choice(hamlets), rnd.choice([None, 1, 2, 3]))
                    elif op == 9 and rnd.random() < 0.2:
                        set_campaign(s, name=f"Chiến dịch mới {serial}", start=day, end=day + dt.timedelta(60),
                                     new=True)
                except InvalidInput:
                    pass
                s.flush()
            snapshots[day] = (_teams_now(s), campaign_info(s))
    with db.session() as s:
        kinds = set(s.scalars(select(Event.kind)))
        for day, (teams_then, campaign_then) in snapshots.items():
            got = {tid: (t.name, t.active, t.hamlet_ids) for tid, t in teams_as_of(s, day).items()}
            assert got == teams_then, day
            assert campaign_info(s, day) == campaign_then, day
    assert {"team", "campaign"} <= kinds


def test_campaign_show_as_of_a_past_day(db, clock, run):
    ids, hamlets, teams = _day_one(db, clock)
    _day_two(db, clock, ids, hamlets, teams)
    then = json.loads(run("campaign", "show", "--as-of", DAY1.isoformat(), "--json"))
    now = json.loads(run("campaign", "show", "--json"))
    assert (then["name"], then["end"], then["quota_per_team_day"]) == ("Chiến dịch 90 ngày, đêm", "2025-04-30", 5)
    assert then["targets"] == {str(hamlets[0]): 12} and len(then["phases"]) == 1
    assert (now["name"], now["end"], now["quota_per_team_day"]) == ("Chiến dịch cao điểm", "2025-05-15", 8)
    assert "Chiến dịch 90 ngày, đêm: 2025-03-01 .. 2025-04-30" in run("campaign", "show", "--as-of", "10/03/2025")
