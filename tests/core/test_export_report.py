"""The daily report carries compute_stats' figures, by hamlet and by team, as of any day; and the command line."""
from __future__ import annotations

import datetime as dt
import json

import openpyxl

from canvass.cli import main
from canvass.exporting import export
from canvass.quotas import compute_stats
from tests.core.test_export_lists import TODAY, build, data_rows


def report_rows(path) -> dict[str, tuple]:
    """Rows of the report table keyed by unit name (total rows have no number but a name)."""
    wb = openpyxl.load_workbook(path)
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] == "STT") + 2  # two header rows
    return {r[1]: r for r in rows[start:] if r[1] and (isinstance(r[0], int) or str(r[1]).startswith("Cộng"))}


def figures(g) -> tuple:
    return (g.eligible, g.target, g.activated_system, g.activated_reported, g.done_today, g.done_today_reported,
            g.remaining, g.teams, g.required_per_team_per_day, g.percent)


def test_daily_report_matches_compute_stats(db, tmp_path):
    build(db)
    out = tmp_path / "report.xlsx"
    res = export(db, "daily-report", out, as_of=TODAY)
    with db.session() as s:
        stats = compute_stats(s, TODAY)
    rows = report_rows(out)
    assert res.rows == len(stats.hamlets) + len(stats.teams) == 5
    for g in stats.hamlets + stats.teams:
        assert rows[g.name][2:] == figures(g), g.name
    assert rows["Cộng toàn xã"][2:] == figures(stats.total)
    assert stats.total.activated_system == 1 and stats.total.done_today == 1  # the data is not trivial
    assert stats.total.activated_reported > 0 and stats.hamlets[0].required_per_team_per_day
    wb = openpyxl.load_workbook(out)
    ws = wb.worksheets[0]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "Đã kích hoạt (lũy kế)" in texts and "Kích hoạt trong ngày" in texts  # the two-row header
    assert any(t.startswith("Chiến dịch: Chiến dịch 90 ngày") for t in texts)
    assert f"(Số liệu tính đến hết ngày {TODAY.strftime('%d/%m/%Y')})" in texts
    percent = next(c for row in ws.iter_rows() for c in row if c.value == stats.hamlets[0].percent
                   and c.column == 12)
    assert percent.number_format == '0.0"%"'


def test_daily_report_as_of_an_earlier_day(db, tmp_path):
    build(db)
    earlier = TODAY - dt.timedelta(days=1)
    export(db, "daily-report", tmp_path / "y.xlsx", as_of=earlier)
    rows = report_rows(tmp_path / "y.xlsx")
    with db.session() as s:
        stats = compute_stats(s, earlier)
    assert rows["Cộng toàn xã"][2:] == figures(stats.total)
    assert rows["Cộng toàn xã"][4] == 0  # nothing was confirmed yet then
    texts = [c.value for row in openpyxl.load_workbook(tmp_path / "y.xlsx").worksheets[0].iter_rows() for c in row]
    assert f"(Số liệu tính đến hết ngày {earlier.strftime('%d/%m/%Y')})" in texts


def test_cli_export_json_and_errors(db, tmp_path, capsys, monkeypatch):
    build(db, hostile=False)
    path = db.url.removeprefix("sqlite:///")
    db.dispose()
    out = tmp_path / "absent.xlsx"
    assert main(["--db", path, "export", "absent", str(out), "--json", "--hamlet", "Nà Thí"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got == {"rows": len(data_rows(out)), "path": str(out)} and got["rows"] > 0
    assert main(["--db", path, "export", "walklist", str(tmp_path / "w.pdf"), "--team", "Tổ 2", "--mask",
                 "--as-of", "10/03/2025"]) == 0
    assert "walklist" in capsys.readouterr().out
    monkeypatch.setenv("CANVASS_LANG", "en")       # the English texts (Vietnamese is the default)
    for bad, message in ((["everyone", "x.xlsx"], "unknown export kind"), (["absent", "x.txt"], ".txt"),
                         (["absent", "x.xlsx", "--hamlet", "Thôn Xa"], "no hamlet"),
                         (["absent", "x.xlsx", "--team", "Tổ 9"], "no team"),
                         (["absent", "x.xlsx", "--as-of", "hôm qua"], "not a date")):
        argv = ["--db", path, "export", bad[0], str(tmp_path / bad[1]), *bad[2:]]
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert message in err and len(err.strip().splitlines()) == 1
    assert not list(tmp_path.glob("x.*"))


def test_a_finish_projected_from_the_teams_reports_says_so(db, tmp_path):
    """With no system-confirmed activation in the last 7 days the projected finish falls back to the teams'
    reports: the report handed upward says so instead of passing it off as the confirmed pace."""
    from canvass.events import record_visit
    from tests.factories import make_commune

    rids = make_commune(db, households_per_hamlet=2, people_per_household=2)
    with db.session() as s:
        record_visit(s, rids[0], "activated", at=dt.datetime.combine(TODAY, dt.time(9)))
    out = tmp_path / "report.xlsx"
    export(db, "daily-report", out, as_of=TODAY)
    with db.session() as s:
        stats = compute_stats(s, TODAY)
    assert stats.pace_basis == "reported" and stats.projected_finish is not None
    ws = openpyxl.load_workbook(out).worksheets[0]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    line = next(t for t in texts if "Dự kiến hoàn thành" in t).split("Dự kiến hoàn thành")[1]
    assert stats.projected_finish.strftime("%d/%m/%Y") in line and "tổ báo cáo" in line
    assert "chưa được hệ thống xác nhận" in line
