"""The dashboard draws compute_stats' figures: cards, the cumulative chart and the bars."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCharts import QLineSeries


def test_dashboard_renders_with_data(window, qtbot):
    view = window.show_tab("dashboard")
    assert view.objectName() == "dashboardView"
    view.wait_idle()
    assert view.stats is not None
    st = view.stats
    assert view.cardReported.value.text() == str(st.total.activated_reported)
    assert st.total.activated_reported > 0
    series = [s for s in view.progressChart.series() if isinstance(s, QLineSeries)]
    assert len(series) == 3
    reported = next(s for s in series if s.name() == "Activated (reported)")
    assert reported.count() == len(st.daily) + 1 and len(st.daily) > 5   # + the campaign's start at 0
    assert reported.at(0).y() == 0
    assert reported.at(reported.count() - 1).y() == st.daily[-1].activated_reported_cum
    bars = view.hamletChart.series()[0]
    assert bars.count() == 3 and bars.barSets()[0].count() == len(st.hamlets)
    assert view.teamChart.series()[0].barSets()[1].count() == 2
    assert view.cardRequired.value.text() != "—"
    if st.projected_finish and st.end and st.projected_finish <= st.end:   # the finish card names its pace
        wanted = "teams reported" if st.pace_basis == "reported" else "last 7 days"
        assert wanted in view.cardFinish.detail.text()
    img = view.grab().toImage()
    assert img.width() > 300


def test_dashboard_recomputes_after_a_change(window, qtbot):
    from canvass.events import record_visit
    from canvass.models import Resident
    from sqlalchemy import select

    view = window.show_tab("dashboard")
    view.wait_idle()
    before = view.stats.total.done_today_reported
    with window.ctx.db.session() as s:
        rid = s.scalars(select(Resident.id).where(Resident.status == "pending")).first()
        record_visit(s, rid, "activated")
    window.data_changed()
    assert view.busy()                         # computed on the stats thread, the window goes on
    view.wait_idle()
    assert view.stats.total.done_today_reported == before + 1


def test_countdown(window):
    view = window.dashboardView
    value, detail = view.countdown_text(dt.datetime(2025, 3, 10, 13, 5), "15:30")
    assert value == "2 h 25 min" and "15:30" in detail
    value, _ = view.countdown_text(dt.datetime(2025, 3, 10, 15, 10), "15:30")
    assert value == "20 min"
    _, detail = view.countdown_text(dt.datetime(2025, 3, 10, 16, 0), "15:30")
    assert "passed" in detail


def test_day_one_draws_lines_and_the_bars_carry_their_figures(window, qtbot):
    """Issue 11: on a campaign's first day the cumulative chart was three dots (one point per line), and the
    hamlet and team bars carried no numbers."""
    from PySide6.QtCharts import QBarCategoryAxis

    from canvass.campaign import set_campaign

    with window.ctx.db.session() as s:
        set_campaign(s, start=dt.date.today())
    view = window.show_tab("dashboard")
    view.wait_idle()
    assert len(view.stats.daily) == 1
    for line in (s for s in view.progressChart.series() if isinstance(s, QLineSeries)):
        assert line.count() == 2 and line.at(0).y() == 0 and line.at(0).x() < line.at(1).x()
    axis = next(a for a in view.hamletChart.axes() if isinstance(a, QBarCategoryAxis))
    for g, label in zip(reversed(view.stats.hamlets), axis.categories()):
        done, target = g.activated_system + g.activated_reported, g.target or g.eligible
        assert label.startswith(g.name) and label.endswith(f"{done}/{target}")


def test_a_database_of_several_communes_shows_one_communes_figures(window, qtbot):
    """A province's database: the dashboard offers its communes (hidden for one commune); choosing one shows
    that commune's hamlets and teams only, and "every commune" all of them again."""
    from sqlalchemy import select

    from canvass.models import Commune
    from canvass.teams import add_team
    from tests.factories import make_commune

    view = window.show_tab("dashboard")
    view.wait_idle()
    assert view.communeBox.isHidden()
    everyone_before = len(view.stats.hamlets)
    make_commune(window.ctx.db, hamlets=("Thôn Bó Củng",), commune="Xã Hai", serial=7000)
    with window.ctx.db.session() as s:
        second = s.scalars(select(Commune.id).where(Commune.name == "Xã Hai")).one()
        add_team(s, "Tổ Hai", commune=second)
    window.data_changed()
    view.wait_idle()
    assert not view.communeBox.isHidden() and view.communeBox.count() == 3
    assert len(view.stats.hamlets) == everyone_before + 1
    view.communeBox.setCurrentIndex(view.communeBox.findData(second))
    view.wait_idle()
    assert [h.name for h in view.stats.hamlets] == ["Thôn Bó Củng"]
    assert [t.name for t in view.stats.teams] == ["Tổ Hai"]
    view.communeBox.setCurrentIndex(0)
    view.wait_idle()
    assert len(view.stats.hamlets) == everyone_before + 1
