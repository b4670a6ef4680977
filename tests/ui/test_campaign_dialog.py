"""Campaign settings in the window: the same core calls as `canvass campaign`, one transaction, errors in words."""
from __future__ import annotations

import datetime as dt

from canvass.campaign import campaign_info


def test_changes_dates_quota_deadline_phases_and_a_hamlet_target(ctx, qtbot):
    from ui.dialogs.campaign_dialog import CampaignDialog

    dlg = CampaignDialog(ctx)
    qtbot.addWidget(dlg)
    assert not dlg.is_new and dlg.name.text() == "Chiến dịch thử"
    end = dlg.end.date().toPython() + dt.timedelta(days=15)
    dlg.end.setDate(end)
    dlg.quota.setValue(12)
    dlg.deadline.setTime(dlg.deadline.time().fromString("16:00", "HH:mm"))
    start = dlg.start.date().toPython()
    i = dlg.add_phase("Đợt 1", start, start + dt.timedelta(days=29))
    assert i == 0
    from canvass.teams import hamlet_choices

    with ctx.db.read() as s:
        assert [r.hamlet_id for r in dlg.hamlet_rows] == [i for i, _n in hamlet_choices(s)]   # walk-list order
    first = dlg.hamlet_rows[0]
    dlg.targets.cellWidget(0, 2).setValue(7)
    assert dlg.save()
    with ctx.db.read() as s:
        info = campaign_info(s)
    assert (info.end, info.quota_per_team_day, info.report_deadline) == (end, 12, "16:00")
    assert info.phases == [("Đợt 1", start, start + dt.timedelta(days=29))]
    assert info.targets == {first.hamlet_id: 7}

    again = CampaignDialog(ctx)          # shows what was saved; the default target reads as such
    qtbot.addWidget(again)
    assert again.targets.cellWidget(0, 2).value() == 7 and again.targets.cellWidget(1, 2).value() == -1
    again.targets.cellWidget(0, 2).setValue(-1)
    assert again.save()
    with ctx.db.read() as s:
        assert campaign_info(s).targets == {}


def test_an_end_before_the_start_is_refused_in_words_and_nothing_changes(ctx, qtbot):
    from ui.dialogs.campaign_dialog import CampaignDialog

    with ctx.db.read() as s:
        before = campaign_info(s)
    dlg = CampaignDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.quota.setValue(99)
    dlg.end.setDate(dlg.start.date().addDays(-1))
    assert dlg.save() is False and dlg.error.text() and "Traceback" not in dlg.error.text()
    with ctx.db.read() as s:
        assert campaign_info(s) == before


def test_the_window_opens_it_from_tools(window, monkeypatch):
    import ui.main_window as mw

    from ui.dialogs.campaign_dialog import CampaignDialog

    monkeypatch.setattr(CampaignDialog, "ask", classmethod(lambda cls, ctx, parent: True))
    window.findChild(mw.QAction, "actionCampaign").trigger()
    assert "Campaign settings saved" in window.statusBar().currentMessage()
