"""The main window: its named widgets and actions, the dialogs it opens, languages, settings, screenshots."""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QImage
from PySide6.QtWidgets import QComboBox, QLineEdit, QTableView, QToolButton, QWidget

from ui import i18n
from ui.models.residents import COLUMNS
from ui.settings import LANGUAGE, RECENT_FILES, WINDOW_GEOMETRY, Settings

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"

STATUS = [k for k, _c in COLUMNS].index("status")


def test_named_widgets_and_actions(window):
    assert isinstance(window.findChild(QTableView, "residentsTable"), QTableView)
    assert isinstance(window.findChild(QLineEdit, "searchBox"), QLineEdit)
    for name in ("hamletFilter", "teamFilter", "statusFilter", "reasonFilter"):
        assert isinstance(window.findChild(QComboBox, name), QComboBox)
    assert window.findChild(QWidget, "dashboardView") is window.dashboardView
    assert isinstance(window.findChild(QToolButton, "importButton"), QToolButton)
    for name in ("actionImport", "actionExport", "actionPackImport", "actionPackExport", "actionSettings"):
        action = window.findChild(QAction, name)
        assert action is not None and action.toolTip()
    assert window.tabs.count() == 4
    assert window.tabs.tabBar().changeCurrentOnDrag()      # drag residents over the Teams tab


def test_import_action_opens_the_wizard_and_refreshes(window, monkeypatch, qtbot):
    import ui.main_window as mw

    from tests.ui.test_residents_view import _add_resident

    before = window.residentsView.model.rowCount()
    seen = {}

    class FakeWizard:
        @classmethod
        def ask(cls, ctx, parent, path=None):
            seen["args"] = (ctx, parent, path)
            _add_resident(ctx.db, "Hà Thị Mới", "020177700001", "+84922222222")
            return object()

    from ui.dialogs.import_wizard import ImportWizard

    monkeypatch.setattr(ImportWizard, "ask", FakeWizard.ask)
    window.importButton.click()
    window.residentsView.wait_idle()
    assert seen["args"][0] is window.ctx and seen["args"][1] is window
    assert window.residentsView.model.rowCount() == before + 1


def test_pack_and_export_actions_call_their_dialogs(window, monkeypatch):
    import ui.main_window as mw

    calls = []

    class Fake:
        @classmethod
        def ask(cls, ctx, parent, **kw):
            calls.append(kw)
            return "/tmp/x.xlsx"

    from ui.dialogs.export_dialog import ExportDialog
    from ui.dialogs.pack_dialogs import PackExportDialog, PackImportDialog

    for dialog in (ExportDialog, PackExportDialog, PackImportDialog):
        monkeypatch.setattr(dialog, "ask", Fake.ask)
    window.findChild(QAction, "actionExport").trigger()
    window.findChild(QAction, "actionPackExport").trigger()
    window.findChild(QAction, "actionPackImport").trigger()
    assert calls == [{"kind": None}, {"team_id": None}, {"path": None}]
    assert "/tmp/x.xlsx" in window.statusBar().currentMessage() or calls


def test_outcome_for_selected_rows_refreshes_them(window, monkeypatch):
    import ui.main_window as mw
    from canvass.events import record_visit

    view = window.residentsView
    view.set_filter("status", "pending")
    view.wait_idle()
    view.table.selectionModel().select(view.model.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                       | QItemSelectionModel.SelectionFlag.Rows)
    rid = view.selected_ids()[0]
    assert window.actionMark.isEnabled()

    class FakeOutcome:
        @classmethod
        def ask(cls, ctx, parent, ids):
            with ctx.db.session() as s:
                for i in ids:
                    record_visit(s, i, "refused")
            return True

    from ui.dialogs.outcome_dialog import OutcomeDialog

    monkeypatch.setattr(OutcomeDialog, "ask", FakeOutcome.ask)
    window.actionMark.trigger()
    view.wait_idle()
    row = view.model.row_of(rid)
    assert view.model.data(view.model.index(row, STATUS)) == "Refused"


def mnemonic(text: str) -> str:
    """The letter after a single '&' in a label ('' when there is none)."""
    plain = text.replace("&&", "")
    pos = plain.find("&")
    return plain[pos + 1].lower() if 0 <= pos < len(plain) - 1 else ""


def test_window_in_vietnamese(ctx, qtbot, qapp):
    from ui.main_window import MainWindow

    loaded = i18n.install(qapp, "vi")
    assert "gocua_vi.qm" in loaded
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    assert [w.tabs.tabText(i) for i in range(4)] == ["Công dân", "Tổ công tác", "Nhập phiếu xác minh", "Tiến độ"]
    assert [a.text() for a in w.menuBar().actions()][:3] == ["Tệ&p", "Công &dân", "&Xem"]
    # no two Alt+letter keys clash: inside each menu, and across the menu bar plus the labels of each tab
    for actions in [m.menu().actions() for m in w.menuBar().actions()]:
        keys = [k for k in (mnemonic(a.text()) for a in actions if not a.isSeparator()) if k]
        assert len(keys) == len(set(keys)), keys
    from PySide6.QtWidgets import QAbstractButton, QLabel
    bar = [mnemonic(a.text()) for a in w.menuBar().actions()]
    for i in range(4):
        page = w.tabs.widget(i)
        texts = [c.text() for c in page.findChildren(QLabel) if "<" not in c.text()]    # not the rich-text legend
        texts += [c.text() for c in page.findChildren(QAbstractButton)]
        keys = bar + [k for k in map(mnemonic, texts) if k]
        assert len(keys) == len(set(keys)), (i, texts)
    assert w.residentsView.model.headerData(0, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal) \
        == "Họ và tên"
    assert w.residentsView.statusFilter.itemText(2) == "Chưa xác minh"
    # Qt's own strings come from gocua_vi.ts (the wheel has no qtbase_vi.qm)
    from PySide6.QtCore import QCoreApplication
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Hủy"
    assert QCoreApplication.translate("QLineEdit", "&Copy") == "&Sao chép"
    assert i18n.fmt_int(1234567) == "1.234.567"
    assert i18n.fmt_date(dt.date(2025, 3, 9)) == "09/03/2025"
    w.set_language("en")
    assert w.tabs.tabText(0) == "Residents"


def test_every_string_of_our_ts_files_is_translated():
    files = sorted(TRANSLATIONS.glob("gocua_*.ts"))
    assert files
    for ts in files:
        root = ET.parse(ts).getroot()
        messages = list(root.iter("message"))
        assert len(messages) > 100
        for m in messages:
            t = m.find("translation")
            assert t.get("type") not in ("unfinished", "vanished", "obsolete"), m.find("source").text
            assert (t.text or "").strip(), m.find("source").text
        assert ts.with_suffix(".qm").exists()


def test_loader_installs_every_catalogue_of_a_language(qapp, tmp_path):
    (tmp_path / "a_vi.qm").write_bytes((TRANSLATIONS / "gocua_vi.qm").read_bytes())
    (tmp_path / "b_vi.qm").write_bytes((TRANSLATIONS / "gocua_vi.qm").read_bytes())
    (tmp_path / "c_en.qm").write_bytes(b"")
    assert [p.name for p in i18n.app_translation_files("vi", tmp_path)] == ["a_vi.qm", "b_vi.qm"]
    assert i18n.qt_translation_files("vi") == []           # the wheel has no Vietnamese for Qt itself
    assert [p.name for p in i18n.qt_translation_files("fr")] == ["qtbase_fr.qm"]


def test_settings_registry_round_trips_types(tmp_path):
    s = Settings(tmp_path / "s.ini")
    assert s.get(LANGUAGE) == "vi"
    s.set(LANGUAGE, "en")
    db1, db2 = tmp_path / "a.db", tmp_path / "b.db"
    db1.write_bytes(b"")
    db2.write_bytes(b"")
    s.add_recent(str(db1))
    s.add_recent(str(db2))
    s.add_recent(str(db1))
    s.sync()
    again = Settings(tmp_path / "s.ini")
    assert again.get(LANGUAGE) == "en"
    assert again.recent_files() == [str(db1), str(db2)]
    db2.unlink()
    assert again.recent_files() == [str(db1)]
    assert again.get(RECENT_FILES)[0] == str(db1)
    assert again.get(WINDOW_GEOMETRY).isEmpty()
    with pytest.raises(KeyError):
        again.get("no/such")
    assert "[ui]\nlanguage=en" in (tmp_path / "s.ini").read_text()


def test_window_geometry_and_tab_are_remembered(ctx, qtbot):
    from ui.main_window import MainWindow

    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    w.show_tab("dashboard")
    w.close()
    w2 = MainWindow(ctx)
    qtbot.addWidget(w2)
    assert w2.tabs.currentIndex() == 3


def test_create_database_and_start_dialog(tmp_path, qtbot, qapp):
    from canvass.campaign import campaign_info
    from ui.app import create_database
    from ui.start_dialog import StartDialog

    i18n.install(qapp, "en")
    dlg = StartDialog([])
    qtbot.addWidget(dlg)
    dlg.newButton.click()
    assert dlg.stack.currentIndex() == 1
    dlg.communeEdit.setText("Xã Thử")
    dlg.pathEdit.setText(str(tmp_path / "new.db"))
    dlg._create()
    choice = dlg.choice
    assert choice.kind == "new" and choice.commune == "Xã Thử" and choice.end > choice.start
    db = create_database(choice.path, choice.commune, choice.campaign, choice.start, choice.end)
    with db.session() as s:
        info = campaign_info(s)
        assert info.name == choice.campaign and info.start == choice.start
    db.dispose()


def test_start_dialog_cancel_on_the_form(qtbot, qapp):
    """Cancel on the new-database form goes back to the first page, or closes when File › New opened the form."""
    from PySide6.QtWidgets import QDialog, QDialogButtonBox

    from ui.start_dialog import StartDialog

    i18n.install(qapp, "en")
    for form_only in (False, True):
        dlg = StartDialog([])
        qtbot.addWidget(dlg)
        dlg.show()
        dlg.open_on_new_form() if form_only else dlg.newButton.click()
        box = dlg.stack.widget(1).findChild(QDialogButtonBox)
        box.button(QDialogButtonBox.StandardButton.Cancel).click()
        if form_only:
            assert dlg.result() == QDialog.DialogCode.Rejected and not dlg.isVisible()
        else:
            assert dlg.stack.currentIndex() == 0 and dlg.isVisible()


def test_screenshot_mode_writes_a_png(ctx, tmp_path, qapp):
    from ui.app import main

    out = tmp_path / "shot.png"
    db_path = ctx.db.url.split("///", 1)[1]
    assert main(["--screenshot", str(out), "--db", db_path, "--view", "residents", "--size", "1000x700",
                 "--lang", "en"]) == 0
    img = QImage(str(out))
    assert img.width() == 1000 and img.height() == 700
    i18n.install(qapp, "en")


def test_open_the_sample_commune(qapp, tmp_path, monkeypatch, qtbot):
    import ui.app as app_module
    from canvass.campaign import campaign_info
    from canvass.models import Resident
    from sqlalchemy import func, select
    from ui.settings import Settings
    from ui.start_dialog import StartChoice
    from ui.tasks import Runner

    target = tmp_path / "data" / "sample_commune.db"
    monkeypatch.setattr(app_module, "sample_database_path", lambda: target)
    shell = app_module.Application(qapp, Settings(tmp_path / "s.ini"), Runner())
    db = shell.open_choice(StartChoice("sample"))
    assert db is not None and target.exists()
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Resident)) == 300
        assert campaign_info(s) is not None
    assert shell.settings.recent_files() == [str(target.resolve())]
    db.dispose()
    again = shell.open_choice(StartChoice("sample"))      # opened as it is the second time, not re-imported
    with again.session() as s:
        assert s.scalar(select(func.count()).select_from(Resident)) == 300
    again.dispose()
    shell.runner.wait()


def test_settings_dialog_switches_the_language(window, qtbot, qapp, monkeypatch):
    from ui.main_window import SettingsDialog

    dlg = SettingsDialog(window.ctx.settings, window)
    qtbot.addWidget(dlg)
    assert dlg.languageBox.currentData() == "vi"           # the default
    dlg.languageBox.setCurrentIndex(dlg.languageBox.findData("vi"))
    dlg.actorEdit.setText("Cán bộ B")
    assert dlg.apply() is False                               # unchanged language
    assert window.ctx.settings.get("user/name") == "Cán bộ B"
    monkeypatch.setattr(SettingsDialog, "ask",
                        classmethod(lambda cls, settings, parent=None: (settings.set(LANGUAGE, "vi"), True)[1]))
    try:
        window.open_settings()
        assert window.tabs.tabText(3) == "Tiến độ"
        assert window.residentsView.searchBox.placeholderText().startswith("Tìm")
    finally:
        i18n.install(qapp, "en")


def test_every_shortcut_has_one_owner(window):
    """No key sequence is bound twice anywhere in the window (Qt then runs neither: 'Ambiguous shortcut')."""
    from PySide6.QtGui import QKeySequence, QShortcut

    owners: dict[str, list[str]] = {}
    for obj in window.findChildren(QAction) + window.findChildren(QShortcut):
        keys = obj.shortcuts() if isinstance(obj, QAction) else [obj.key()]
        for k in keys:
            if not k.isEmpty():
                owners.setdefault(k.toString(QKeySequence.SequenceFormat.PortableText), []).append(
                    obj.objectName() or obj.text() if isinstance(obj, QAction) else obj.objectName())
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_ctrl_k_opens_the_outcome_dialog_for_the_selected_rows(window, monkeypatch, qtbot):
    import ui.main_window as mw

    view = window.residentsView
    view.wait_idle()
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=10000)
    view.table.setFocus()
    view.table.selectRow(0)
    qtbot.waitUntil(lambda: bool(view.selected_ids()), timeout=5000)
    asked = []
    from ui.dialogs.outcome_dialog import OutcomeDialog

    monkeypatch.setattr(OutcomeDialog, "ask", classmethod(lambda cls, ctx, parent, ids: asked.append(ids) or False))
    qtbot.keyClick(view.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert asked == [view.selected_ids()]


@pytest.mark.parametrize("answer", ["Cancel", "Save", "Discard"])
def test_closing_with_an_unsaved_team_form_asks_first(window, monkeypatch, qtbot, answer):
    from PySide6.QtWidgets import QMessageBox

    from canvass.teams import list_teams

    asked = []
    monkeypatch.setattr(type(window), "ask_unsaved_team",
                        lambda self: asked.append(1) or getattr(QMessageBox.StandardButton, answer))
    window.show_tab("teams")
    view = window.teamsView
    view.new_team()
    qtbot.keyClicks(view.name_edit, "To Moi")
    assert view.has_unsaved_changes()
    closed = window.close()
    with window.ctx.db.read() as s:
        names = [t.name for t in list_teams(s)]
    assert asked == [1]
    assert closed == (answer != "Cancel")
    assert ("To Moi" in names) == (answer == "Save")


def test_closing_with_nothing_unsaved_asks_nothing(window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    asked = []
    monkeypatch.setattr(type(window), "ask_unsaved_team",
                        lambda self: asked.append(1) or QMessageBox.StandardButton.Cancel)
    window.show_tab("teams")
    window.teamsView.select_team(window.teamsView.model.teams[0].id)
    assert not window.teamsView.has_unsaved_changes(), (window.teamsView._loaded_form, window.teamsView.form_values())
    assert window.close() and asked == []


def test_a_first_start_asks_who_is_working_and_events_carry_the_name(window, monkeypatch):
    from canvass.events import resident_events
    from ui.settings import ACTOR

    window.ctx.settings.set(ACTOR, "")
    window.ctx.actor = None
    asked = []
    monkeypatch.setattr(type(window), "ask_name", lambda self: asked.append(1) or "Trung úy Lò Văn Ba")
    assert window.ensure_actor() == "Trung úy Lò Văn Ba"
    assert window.ensure_actor() == "Trung úy Lò Văn Ba" and asked == [1]       # once
    assert window.ctx.settings.get(ACTOR) == "Trung úy Lò Văn Ba"
    view = window.residentsView
    view.wait_idle()
    view.table.selectRow(0)
    rid = view.selected_ids()[0]
    from ui.dialogs.outcome_dialog import OutcomeDialog

    dlg = OutcomeDialog(window.ctx, [rid], window)
    dlg.set_outcome("refused")
    assert dlg.save()
    with window.ctx.db.read() as s:
        assert resident_events(s, rid)[-1].actor == "Trung úy Lò Văn Ba"


def test_a_name_changed_in_settings_is_used_at_once(window, monkeypatch):
    import ui.main_window as mw
    from ui.settings import ACTOR

    def ask(cls, settings, parent=None):
        settings.set(ACTOR, "Người mới")
        return False
    monkeypatch.setattr(mw.SettingsDialog, "ask", classmethod(ask))
    window.open_settings()
    assert window.ctx.actor == "Người mới"


def test_the_guide_and_the_about_box(window, monkeypatch):
    import canvass
    import ui.main_window as mw

    dlg = window.show_help()
    text = dlg.findChild(QWidget, "helpText").toPlainText()
    assert "bảy bước" in text and "theo hệ thống" in text and "Ctrl+Z" in text
    dlg.close()
    shown = []
    monkeypatch.setattr(mw.QMessageBox, "about", lambda parent, title, body: shown.append(body))
    window.about()
    assert canvass.__version__ in shown[0]


def test_the_keying_view_reads_nothing_until_it_is_first_shown(window, qtbot):
    """A fast start: the window shows residents without loading a team's walk list nobody has opened."""
    assert window.keyingView.model.rowCount() == 0 and window.keyingView.team_combo.count() == 0
    window.show_tab("keying")
    qtbot.waitUntil(lambda: window.keyingView.model.rowCount() > 0, timeout=10000)


def test_the_title_names_the_database_once_and_the_program_not_at_all(window):
    """Issue 11: the title bar read "Gõ Cửa — x.db — Gõ Cửa": Qt appends the application's display name
    (ui/app.py sets it) to every window title on Linux and Windows, so the window sets only the database."""
    assert window.windowTitle() == window._db_label()
    assert "Gõ Cửa" not in window.windowTitle()


def test_each_action_has_the_verb_of_the_dialog_it_opens(window, qapp):
    """Issue 11: the toolbar said "Gộp gói tổ gửi về" (merge) and the dialog it opened "Nhập gói…" (import):
    in Vietnamese, an action and the title of its dialog start with the same verb."""
    from ui import i18n
    from ui.dialogs.export_dialog import ExportDialog
    from ui.dialogs.import_wizard import ImportWizard
    from ui.dialogs.outcome_dialog import OutcomeDialog
    from ui.dialogs.pack_dialogs import PackExportDialog, PackImportDialog

    i18n.install(qapp, "vi")
    window.set_language("vi")
    titles = {"actionImport": ImportWizard, "actionExport": ExportDialog, "actionPackExport": PackExportDialog,
              "actionPackImport": PackImportDialog, "actionMark": OutcomeDialog}
    for name, cls in titles.items():
        context = cls.__name__
        title = {"ImportWizard": "Import a list of residents", "ExportDialog": "Export a document",
                 "PackExportDialog": "Export a team pack", "PackImportDialog": "Import a returned team pack",
                 "OutcomeDialog": "Record a visit outcome"}[context]
        shown = qapp.translate(context, title)
        action = getattr(window, name).text().replace("&", "").rstrip("…")
        assert shown != title, (context, title)          # translated: the comparison is in Vietnamese
        assert action.split()[0] == shown.split()[0], (action, shown)


def test_a_new_database_is_proposed_where_the_readme_says(qapp, tmp_path, monkeypatch):
    """Issue 11: the README names `canvass.db` in the user data folder, the new-database form proposed
    `gocua.db`; the form now proposes the program's default file (or a free name beside it)."""
    from canvass.db import default_path
    from ui.start_dialog import StartDialog

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setattr("sys.platform", "linux")
    dlg = StartDialog([])
    assert Path(dlg.pathEdit.text()) == default_path() and default_path().name == "canvass.db"
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "~/.local/share/gocua/canvass.db" in readme
    default_path().parent.mkdir(parents=True)
    default_path().write_bytes(b"")
    assert Path(StartDialog([]).pathEdit.text()).name == "canvass-2.db"


def test_the_file_dialog_speaks_vietnamese(qapp, qtbot):
    """Issue 11: Qt's own file dialog showed "Look in:" and "Files of type:" in English: Qt 6 writes them
    "&Look in:" and "Files of &type:", which the catalogue did not translate."""
    from PySide6.QtWidgets import QFileDialog, QLabel

    i18n.install(qapp, "vi")
    try:
        dlg = QFileDialog(None, "x", "", "Gõ Cửa (*.db)")
        dlg.setOption(QFileDialog.Option.DontUseNativeDialog)
        qtbot.addWidget(dlg)
        texts = {w.objectName(): w.text() for w in dlg.findChildren(QLabel)}
        assert texts["lookInLabel"].replace("&", "") == "Tìm trong:"
        assert texts["fileTypeLabel"].replace("&", "") == "Loại tệp:"
        assert texts["fileNameLabel"].replace("&", "") == "Tên tệp:"
    finally:
        i18n.install(qapp, "en")


def test_the_start_window_does_not_repeat_the_programs_name(qapp):
    """Issue 11 (seen under X): "Gõ Cửa — bắt đầu — Gõ Cửa"; Qt adds the program's name to every title."""
    from ui.start_dialog import StartDialog

    assert "Gõ Cửa" not in StartDialog([]).windowTitle()


def test_window_shortcuts_work_from_the_search_box(window, monkeypatch, qtbot):
    """Seen under X: the window starts with the cursor in the search box, and there Ctrl+E moved the cursor
    to the end of the text instead of opening the export dialog (Qt's line edit takes Ctrl+E on Linux)."""
    from ui.dialogs.export_dialog import ExportDialog

    asked = []
    monkeypatch.setattr(ExportDialog, "ask", classmethod(lambda cls, ctx, parent, **kw: asked.append(kw)))
    window.activateWindow()
    box = window.residentsView.searchBox
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClick(box, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert asked == [{"kind": None}]
    box.setText("abc")
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)    # the box's own keys stay its own
    assert box.selectedText() == "abc"
