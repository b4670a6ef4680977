"""The whole campaign day through the window: create a database, import the sample, create two teams, balance a
hamlet, key ten outcomes from the keyboard, merge a returned team pack, export the absent list and the daily report.

Every step goes through the main window's own actions; the modal dialogs' `ask` classmethods are replaced by
drivers that build the real dialog, press its buttons and wait for its background work (pytest-qt's advice for
modal dialogs), so everything but `exec()` is the real thing.
"""
from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from canvass.models import Event, Hamlet, Resident, Team
from tests.ui.helpers import fill_pack


def drive_import(qtbot):
    """ImportWizard.ask replaced: file -> mapping -> preview -> import -> log, pressing Next like a person."""
    from ui.dialogs.import_wizard import PAGE_LOG, PAGE_PREVIEW, PAGE_RUN, ImportWizard

    def ask(cls, ctx, parent, path=None):
        wiz = ImportWizard(ctx, parent, path)
        qtbot.addWidget(wiz)
        wiz.show()
        wiz.next()                                    # reads the file (sheets, header row, mapping)
        wiz.next()                                    # the preview: a dry run in the background
        assert wiz.currentId() == PAGE_PREVIEW
        if wiz.preview is None:
            with qtbot.waitSignal(wiz.preview_page.taskbar.finished, timeout=60000):
                pass
        assert wiz.preview.imported == 300 and not wiz.preview.rejected
        wiz.next()                                    # Import (the commit page)
        assert wiz.currentId() == PAGE_RUN
        if wiz.result is None:
            with qtbot.waitSignal(wiz.run_page.taskbar.finished, timeout=60000):
                pass
        wiz.next()
        assert wiz.currentId() == PAGE_LOG
        wiz.accept()
        return wiz.result
    return classmethod(ask)


def drive_pack_export(qtbot, out: Path):
    from ui.dialogs.pack_dialogs import PackExportDialog

    def ask(cls, ctx, parent, team_id=None):
        dlg = PackExportDialog(ctx, parent, team_id)
        qtbot.addWidget(dlg)
        dlg.path.setText(str(out))
        with qtbot.waitSignal(dlg.taskbar.finished, timeout=60000):
            dlg.export_button.click()
        return dlg.written
    return classmethod(ask)


def drive_pack_import(qtbot):
    from ui.dialogs.pack_dialogs import PackImportDialog

    def ask(cls, ctx, parent, path=None):
        dlg = PackImportDialog(ctx, parent)
        qtbot.addWidget(dlg)
        dlg.path.setText(str(path))
        with qtbot.waitSignal(dlg.taskbar.finished, timeout=60000):
            dlg.check_button.click()
        assert dlg.preview is not None and dlg.preview.dry_run, dlg.summary.text()
        assert dlg.preview.applied == 3
        with qtbot.waitSignal(dlg.taskbar.finished, timeout=60000):
            dlg.apply_button.click()
        return dlg.result
    return classmethod(ask)


def drive_export(qtbot, out: Path, fmt: str):
    from ui.dialogs.export_dialog import ExportDialog

    def ask(cls, ctx, parent, kind=None):
        dlg = ExportDialog(ctx, parent, kind=kind)
        qtbot.addWidget(dlg)
        dlg.format.setCurrentIndex(dlg.format.findData(fmt))
        dlg.path.setText(str(out))
        with qtbot.waitSignal(dlg.taskbar.finished, timeout=60000):
            dlg.export_button.click()
        return dlg.written
    return classmethod(ask)


def count(db, *where) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(Resident).where(*where)))


def test_the_campaign_day(shell, qtbot, tmp_path, monkeypatch):
    from ui.app import sample_path
    from ui.dialogs import export_dialog, import_wizard, pack_dialogs
    from ui.start_dialog import StartDialog

    # 1. a new database, from the start dialog
    start = StartDialog([])
    qtbot.addWidget(start)
    start.newButton.click()
    start.communeEdit.setText("Xã Tân Văn")              # (QTest types ASCII only)
    start.pathEdit.setText(str(tmp_path / "tan_van.db"))
    start._create()
    db = shell.open_choice(start.choice)
    assert db is not None
    shell.show(db)
    window = shell.window
    qtbot.addWidget(window)
    assert window.residentsView.model.rowCount() == 0
    assert shell.settings.recent_files() == [str((tmp_path / "tan_van.db").resolve())]

    # 2. import the sample list through the Import action
    monkeypatch.setattr(import_wizard.ImportWizard, "ask", drive_import(qtbot))
    window.import_list(path=str(sample_path()))
    window.residentsView.wait_idle()
    assert window.residentsView.model.rowCount() == 300
    assert window.residentsView.hamletFilter.count() == 1 + 4
    from ui.views.details import ResidentDetailsDialog
    details = ResidentDetailsDialog(window.ctx, window.residentsView.model.resident_id(0), window)
    qtbot.addWidget(details)
    assert "sample_commune.xlsx" in details.sourceInfo.text()         # the raw row as read from the file
    assert details.sourceModel.rowCount() >= 13

    # 3. two teams for Thôn Nà Thí, 4. balanced between them by households
    teams = window.show_tab("teams")
    with db.session() as s:
        nathi = s.scalar(select(Hamlet.id).where(Hamlet.name == "Thôn Nà Thí"))
    ids = []
    for name in ("Tổ 1 Nà Thí", "Tổ 2 Nà Thí"):
        teams.new_team()
        teams.name_edit.setText(name)
        teams.tick(teams.hamlets_list, [nathi])
        ids.append(teams.save_team())
    a, b = ids
    assert a and b
    teams.balance_hamlet.setCurrentIndex(teams.balance_hamlet.findData(nathi))
    teams.tick(teams.balance_teams, [a, b])
    res = teams.balance()
    assert res is not None and res.assigned == 82
    n_a, n_b = count(db, Resident.team_id == a), count(db, Resident.team_id == b)
    assert n_a + n_b == 82 and abs(n_a - n_b) <= 6
    # the residents view heard about it (the teams view's `changed`)
    rv = window.residentsView
    rv.wait_idle()
    rv.set_filter("team", a)
    rv.wait_idle()
    assert rv.model.rowCount() == n_a
    rv.set_filter("team", None)
    rv.wait_idle()

    # 5. ten outcomes keyed from the keyboard for team A's walk list
    keying = window.show_tab("keying")
    keying.select_team(a)
    keying.table.setFocus()
    walk = [keying.model.resident_id(i) for i in range(10)]
    keys = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_1, Qt.Key.Key_4, Qt.Key.Key_5, Qt.Key.Key_6, Qt.Key.Key_1,
            Qt.Key.Key_2, Qt.Key.Key_1]
    for k in keys:
        qtbot.keyClick(keying.table, k)
    qtbot.keyClick(keying.table, Qt.Key.Key_3)             # ineligible: the reason picker opens
    assert keying.reason_panel.isVisible()
    qtbot.keyClick(keying.reason_panel.list, Qt.Key.Key_1)  # reason 1
    assert keying.entries == 10
    with db.session() as s:
        got = {r.id: r.status for r in s.scalars(select(Resident).where(Resident.id.in_(walk)))}
    assert [got[i] for i in walk] == ["activated", "absent", "activated", "wrong_phone", "refused", "revisit",
                                      "activated", "absent", "activated", "ineligible"]
    rv.wait_idle()
    rv.set_filter("status", "absent")
    rv.wait_idle()
    assert sorted(rv.model.ids()) == sorted([walk[1], walk[7]])
    rv.set_filter("status", None)
    rv.wait_idle()

    # 6. team B's pack goes out, comes back filled in, and is merged after a preview
    pack = tmp_path / "pack_to_2.xlsx"
    monkeypatch.setattr(pack_dialogs.PackExportDialog, "ask", drive_pack_export(qtbot, pack))
    assert window.pack_export(team_id=b) == str(pack)
    fill_pack(pack, {0: ("Đã kích hoạt", None), 1: ("Vắng mặt", None), 2: ("Từ chối", None)})
    monkeypatch.setattr(pack_dialogs.PackImportDialog, "ask", drive_pack_import(qtbot))
    result = window.pack_import(path=str(pack))
    assert result is not None and not result.dry_run and result.applied == 3
    rv.wait_idle()
    assert count(db, Resident.status == "absent") == 3
    assert count(db, Resident.team_id == b, Resident.status != "pending") == 3

    # 7. the absent list (xlsx) and the daily report (pdf)
    absent = tmp_path / "DS_vang_mat.xlsx"
    monkeypatch.setattr(export_dialog.ExportDialog, "ask", drive_export(qtbot, absent, ".xlsx"))
    assert window.export(kind="absent") == str(absent)
    with db.session() as s:
        absent_names = set(s.scalars(select(Resident.name).where(Resident.status == "absent")))
    wb = load_workbook(absent, read_only=True)
    cells = {str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if c}
    assert absent_names and absent_names <= cells
    report = tmp_path / "Bao_cao_ngay.pdf"
    monkeypatch.setattr(export_dialog.ExportDialog, "ask", drive_export(qtbot, report, ".pdf"))
    assert window.export(kind="daily-report") == str(report)
    assert report.read_bytes().startswith(b"%PDF")
    assert str(report) in window.statusBar().currentMessage()

    # the dashboard agrees with what was keyed and merged
    dash = window.show_tab("dashboard")
    dash.wait_idle()
    assert dash.stats.total.activated_reported == 5
    assert dash.stats.total.done_today_reported == 5
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Event).where(Event.kind == "visit")) == 13
        assert s.scalar(select(func.count()).select_from(Team)) == 2
