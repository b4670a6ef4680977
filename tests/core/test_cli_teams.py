"""The command line for teams, assignment, outcomes, history, campaign and stats: the contract of issue 3."""
import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from canvass.cli import main
from canvass.models import Event, Resident, Team
from tests.factories import make_commune

TODAY = dt.date.today()


@pytest.fixture
def run(db, capsys):
    """Run `canvass --db <test db> ARGS...`; returns (exit status, stdout, stderr)."""
    def _run(*args):
        code = main(["--db", db.url, *args])
        out = capsys.readouterr()
        return code, out.out, out.err
    return _run


def _cccd(db, rid):
    with db.session() as s:
        return s.get(Resident, rid).cccd


def _events(db):
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Event))


def test_teams_add_list_rename_merge_retire(db, run):
    make_commune(db)
    code, out, err = run("teams", "add", "Tổ công tác 06 thôn Nà Thí", "--kind", "to_cong_tac_06", "--lead",
                         "Hoàng Văn Sình", "--phone", "0912 345 678", "--hamlet", "Nà Thí")
    assert code == 0 and "Tổ công tác 06 thôn Nà Thí" in out, err
    assert run("teams", "add", "Tổ Pò Đứa", "--hamlet", "thon po dua", "--member", "Lý Thị Sâm")[0] == 0
    assert run("teams", "add", "Tổ dự bị")[0] == 0
    code, out, _ = run("teams", "list", "--json")
    teams = json.loads(out)
    assert [t["name"] for t in teams] == ["Tổ công tác 06 thôn Nà Thí", "Tổ dự bị", "Tổ Pò Đứa"]
    assert teams[0]["lead_phone"] == "+84912345678" and teams[0]["hamlets"] == ["Thôn Nà Thí"]
    assert teams[0]["kind_label"] == "Tổ công tác Đề án 06 thôn" and teams[2]["members"] == ["Lý Thị Sâm"]
    assert run("assign", "--by-hamlet")[0] == 0
    assert run("teams", "rename", "to du bi", "Tổ cơ động")[0] == 0
    code, out, _ = run("teams", "merge", "Tổ Pò Đứa", "Tổ cơ động")
    assert code == 0 and "12 residents" in out
    assert run("teams", "retire", "Tổ cơ động")[0] == 0
    code, out, _ = run("teams", "list")
    assert "Tổ cơ động [retired]" in out and "merged into" in out
    with db.session() as s:
        assert s.scalar(select(Team).where(Team.name == "Tổ Pò Đứa")).merged_into_id is not None


def test_assign_modes(db, run):
    ids = make_commune(db, households_per_hamlet=6)
    run("teams", "add", "Tổ 1")
    run("teams", "add", "Tổ 2")
    code, out, err = run("assign", "--balance", "--hamlet", "Nà Thí", "--teams", "Tổ 1,Tổ 2", "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert summary["assigned"] == 18 and sorted(summary["per_team"].values()) == [9, 9]
    code, out, _ = run("assign", "--team", "Tổ 2", "--resident", _cccd(db, ids[0]), _cccd(db, ids[1]))
    assert code == 0 and "moved" in out
    code, out, _ = run("assign", "--team", "Tổ 1", "--household", "7", "8")
    assert code == 0 and "assigned 6" in out
    code, out, _ = run("assign", "--unassign", "--household", "7")
    assert code == 0 and "unassigned 3" in out
    with db.session() as s:
        assert s.get(Resident, ids[0]).team_id == s.scalar(select(Team.id).where(Team.name == "Tổ 2"))


@pytest.mark.parametrize("args", [
    ("assign", "--team", "Tổ không có", "--resident", "020000000001"),
    ("assign", "--team", "Tổ 1", "--resident", "020000000001", "099999999999"),
    ("assign", "--team", "Tổ 1", "--household", "1", "999"),
    ("assign", "--balance", "--hamlet", "Bản Xa", "--teams", "Tổ 1"),
    ("assign", "--by-hamlet", "--balance"),
    ("assign", "--team", "Tổ 1"),
])
def test_assign_mistakes_exit_1_and_change_nothing(db, run, args):
    make_commune(db)
    run("teams", "add", "Tổ 1")
    before = _events(db)
    code, out, err = run(*args)
    assert code == 1 and err.startswith("canvass: ") and err.count("\n") == 1
    assert _events(db) == before


def test_mark_and_history(db, run):
    ids = make_commune(db)
    run("teams", "add", "Tổ 1", "--hamlet", "Nà Thí")
    run("assign", "--by-hamlet")
    cccd = _cccd(db, ids[0])
    visit_day = (TODAY - dt.timedelta(days=1)).isoformat()
    code, out, err = run("mark", cccd, "absent", "--reason", "work_away", "--by", "Lò Văn Pâu",
                         "--at", f"{visit_day}T09:30")
    assert code == 0 and "absent" in out, err
    code, out, _ = run("mark", cccd, "revisit", "--revisit-on", TODAY.isoformat(), "--note", "hẹn chiều",
                       "--phone", "0987654321")
    assert code == 0
    code, out, _ = run("mark", cccd, "ineligible", "--reason", "elderly")
    assert code == 0 and "attempts 3" in out
    code, out, _ = run("mark", cccd, "pending", "--note", "ghi nhầm")
    assert code == 0 and "pending" in out
    with db.session() as s:
        r = s.get(Resident, ids[0])
        assert (r.status, r.attempts, r.phone_new) == ("pending", 3, "+84987654321")
    code, out, _ = run("history", cccd, "--json")
    h = json.loads(out)
    kinds = [(e["kind"], e["outcome"]) for e in h["events"]]
    assert kinds == [("imported", None), ("assigned", None), ("visit", "absent"), ("visit", "revisit"),
                     ("visit", "ineligible"), ("visit", "pending")]
    first = h["events"][2]
    assert (first["actor"], first["reason"], first["team"]) == ("Lò Văn Pâu", "work_away", "Tổ 1")
    assert first["at"].startswith(f"{visit_day} 09:30") or first["at"].startswith(f"{visit_day}T09:30")
    code, out, _ = run("history", cccd)
    assert code == 0 and "visit absent (work_away)" in out and "by Lò Văn Pâu" in out


@pytest.mark.parametrize("args", [
    ("mark", "099999999999", "absent"),                                   # unknown resident
    ("mark", "{cccd}", "gone"),                                           # unknown outcome
    ("mark", "{cccd}", "ineligible"),                                     # reason missing
    ("mark", "{cccd}", "ineligible", "--reason", "sleepy"),               # unknown reason
    ("mark", "{cccd}", "refused", "--at", "2999-01-01T08:00"),            # after today
    ("mark", "{cccd}", "refused", "--at", "hôm qua"),                     # not a date
    ("mark", "{cccd}", "revisit", "--revisit-on", "31/02/2025"),          # impossible date
    ("mark", "{cccd}", "absent", "--phone", "12ab"),                      # unusable phone
    ("history", "099999999999"),
])
def test_mark_mistakes_exit_1_and_change_nothing(db, run, args):
    ids = make_commune(db)
    cccd = _cccd(db, ids[0])
    before = _events(db)
    code, _out, err = run(*[a.format(cccd=cccd) for a in args])
    assert code == 1 and err.startswith("canvass: ")
    assert _events(db) == before
    with db.session() as s:
        assert s.get(Resident, ids[0]).status == "pending"


def test_campaign_and_stats(db, run):
    ids = make_commune(db)
    run("teams", "add", "Tổ 1", "--hamlet", "Nà Thí")
    run("teams", "add", "Tổ 2", "--hamlet", "Pò Đứa")
    run("assign", "--by-hamlet")
    start, end = TODAY - dt.timedelta(days=10), TODAY + dt.timedelta(days=5)
    code, out, err = run("campaign", "set", "--name", "Chiến dịch 90 ngày, đêm", "--start", start.isoformat(),
                         "--end", end.strftime("%d/%m/%Y"), "--quota-per-team-day", "3", "--deadline", "16:00",
                         "--phase", f"Đợt 1:{start.isoformat()}:{end.isoformat()}")
    assert code == 0, err
    assert run("campaign", "target", "Nà Thí", "10")[0] == 0
    assert run("campaign", "set", "--deadline", "4pm")[0] == 1
    code, out, _ = run("campaign", "show", "--json")
    info = json.loads(out)
    assert (info["report_deadline"], info["quota_per_team_day"], info["phases"][0][0]) == ("16:00", 3, "Đợt 1")
    run("mark", _cccd(db, ids[0]), "activated")
    code, out, err = run("stats", "--json")
    assert code == 0, err
    st = json.loads(out)
    assert st["campaign_name"] == "Chiến dịch 90 ngày, đêm" and st["days_left"] == 6
    assert st["total"]["eligible"] == 24 and st["total"]["target"] == 22
    assert st["total"]["activated_reported"] == 1 and st["by_status"]["activated"] == 1
    nathi = next(h for h in st["hamlets"] if h["name"] == "Thôn Nà Thí")
    assert (nathi["target"], nathi["remaining"], nathi["teams"]) == (10, 10, 1)
    assert nathi["required_per_team_per_day"] == round(10 / 1 / 6, 2)
    assert [t["name"] for t in st["teams"]] == ["Tổ 1", "Tổ 2"] and "projected_finish" in st
    code, out, _ = run("stats")
    assert code == 0 and "Thôn Nà Thí" in out and "Projected finish" in out and "Tổ 2" in out
    code, out, _ = run("stats", "--as-of", (TODAY - dt.timedelta(days=1)).isoformat())
    assert code == 0 and "Nobody on the list yet." in out  # everyone was imported today
    assert run("stats", "--as-of", (TODAY + dt.timedelta(days=1)).isoformat())[0] == 1
    assert run("stats", "--as-of", "tomorrow")[0] == 1


def test_stats_is_registered_once_with_as_of_and_json():
    """One `stats` command (the importer's module registers none): --as-of and --json parse."""
    from canvass.cli import build_parser, campaign

    args = build_parser().parse_args(["stats", "--as-of", "2025-03-10", "--json"])
    assert args.func is campaign.cmd_stats and args.as_of == "2025-03-10" and args.json
