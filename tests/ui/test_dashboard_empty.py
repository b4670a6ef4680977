"""The dashboard of a database with residents but no campaign and no activation yet (a province's list just
imported): its chart has readable axes."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCharts import QDateTimeAxis, QValueAxis

from tests.factories import make_commune

COMMUNE = False     # ctx (tests/ui/conftest.py) starts empty: the residents come without a campaign


def test_the_progress_chart_before_any_campaign_day_has_this_week_and_whole_numbers(ctx, qtbot):
    """Seen on a freshly imported province: the date axis ran "01/01 … 01/01" (Qt's default range, 1970) and
    the count axis read "0, 0, 1, 1" (0..1.05 written as whole numbers)."""
    from ui.views.dashboard import DashboardView

    make_commune(ctx.db)
    view = DashboardView(ctx)
    qtbot.addWidget(view)
    view.reload()
    view.wait_idle()
    assert view.stats is not None and not view.stats.daily
    x = next(a for a in view.progressChart.axes() if isinstance(a, QDateTimeAxis))
    y = next(a for a in view.progressChart.axes() if isinstance(a, QValueAxis))
    today = dt.date.today()
    assert x.min().date().toPython() == today - dt.timedelta(days=6)
    assert x.max().date().toPython() == today + dt.timedelta(days=1)
    assert y.min() == 0 and y.max() >= 5
    step = (y.max() - y.min()) / (y.tickCount() - 1)
    assert step >= 1 and step == int(step)        # each label a different whole number
