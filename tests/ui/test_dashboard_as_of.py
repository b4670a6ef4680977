"""The dashboard as of a past day shows that day's campaign settings, not today's (issue 9, item 6)."""
from __future__ import annotations

import datetime as dt


def test_dashboard_as_of_yesterday_keeps_yesterdays_campaign(ctx, qtbot):
    from canvass.campaign import set_campaign
    from ui.views.dashboard import DashboardView

    yesterday = dt.date.today() - dt.timedelta(days=1)
    before = DashboardView(ctx, as_of=yesterday)
    qtbot.addWidget(before)
    before.reload()
    before.wait_idle()
    with ctx.db.session() as s:
        set_campaign(s, name="Chiến dịch đổi tên", end=dt.date.today() + dt.timedelta(days=45), quota_per_team_day=9)
    view = DashboardView(ctx, as_of=yesterday)
    qtbot.addWidget(view)
    view.reload()
    view.wait_idle()
    assert view.stats.to_json() == before.stats.to_json()
    assert "Chiến dịch thử" in view.title.text() and view.stats.quota_per_team_day == 5
    today = DashboardView(ctx)
    qtbot.addWidget(today)
    today.reload()
    today.wait_idle()
    assert "Chiến dịch đổi tên" in today.title.text() and today.stats.quota_per_team_day == 9
