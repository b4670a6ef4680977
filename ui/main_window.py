"""The main window: a shell composing the views (tabs), the menus and toolbar, and the dialogs they open.

Dialogs are imported when first opened (the window's first rows do not wait for them). No domain logic here: actions open dialogs (`ask` classmethods) or views, and after something changed the
window asks the views to refresh through one protocol (`ui.views.base.TabView`): `refresh()` re-reads a
visible view now and a hidden one when it is next shown, and a view's `changed` signal (its own writes)
refreshes the others. Nothing is read for a tab before it is first shown.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Optional

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QLabel, QLineEdit,
                               QMainWindow, QMessageBox, QTabWidget, QToolBar, QToolButton, QVBoxLayout, QWidget)

from ui import i18n
from ui.settings import ACTOR, CURRENT_TAB, LANGUAGE, WINDOW_GEOMETRY, WINDOW_STATE
from ui.views.dashboard import DashboardView
from ui.views.keying import KeyingView
from ui.views.base import TabView
from ui.views.residents import ResidentsView
from ui.views.teams import TeamsView
from ui.widgets.icons import icon
from ui.widgets.sizing import fit_resize


class WindowKeysFirst(QObject):
    """On a text box, the window's own shortcuts win over the box's editing keys: Qt's line edit takes Ctrl+E
    (end of line), Ctrl+K (delete to the end) and others on Linux, so with the cursor in the search box (where
    the window starts) Ctrl+E did not open the export dialog. Copy, paste, undo and select-all stay the box's."""

    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.window = window

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.ShortcutOverride:
            pressed = QKeySequence(event.keyCombination())
            for a in self.window.actions():
                if a.isEnabled() and not a.shortcut().isEmpty() and \
                        a.shortcut().matches(pressed) == QKeySequence.SequenceMatch.ExactMatch:
                    event.ignore()
                    return True      # the box never sees it: the window's action runs
        return False


def _plain(text: str) -> str:
    """A label without its '&' mnemonic marker."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


class SettingsDialog(QDialog):
    """Language and the name written into the event log."""

    def __init__(self, settings, parent=None):
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.settings = settings
        self.languageBox = QComboBox(self)
        self.languageBox.setObjectName("languageBox")
        for code, name in i18n.language_names().items():
            self.languageBox.addItem(name, code)
        self.languageBox.setCurrentIndex(max(0, self.languageBox.findData(settings.get(LANGUAGE))))
        self.actorEdit = QLineEdit(settings.get(ACTOR), self)
        self.actorEdit.setObjectName("actorEdit")
        self.actorEdit.setToolTip(self.tr("Written beside every outcome you record (the history shows it)"))
        form = QFormLayout()
        form.addRow(self.tr("&Language:"), self.languageBox)
        form.addRow(self.tr("&Your name:"), self.actorEdit)
        info = QLabel(self.tr("Settings file: %1").replace("%1", settings.file_name), self)
        info.setWordWrap(True)
        info.setProperty("role", "detail")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(info)
        lay.addWidget(buttons)

    def apply(self) -> bool:
        """Store the choices; True when the language changed."""
        old = self.settings.get(LANGUAGE)
        self.settings.set(LANGUAGE, self.languageBox.currentData())
        self.settings.set(ACTOR, self.actorEdit.text().strip())
        self.settings.sync()
        return old != self.languageBox.currentData()

    @classmethod
    def ask(cls, settings, parent=None) -> Optional[bool]:
        """Show the dialog: None when cancelled, else whether the language changed."""
        dlg = cls(settings, parent)
        try:
            if dlg.exec() != QDialog.DialogCode.Accepted:
                return None
            return dlg.apply()
        finally:
            dlg.deleteLater()   # parented to the window: free it once closed


class MainWindow(QMainWindow):
    """Residents, teams, keying and dashboard tabs; file, import/export and pack actions."""

    databaseRequested = Signal(object)     # a StartChoice (new / open / sample) for the application
    languageChanged = Signal(str)

    TABS = ("residents", "teams", "keying", "dashboard")

    def __init__(self, ctx, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("mainWindow")
        self.setWindowIcon(icon("app"))
        fit_resize(self, 1280, 800)
        self.toolbar: Optional[QToolBar] = None
        self.build()
        self._restore()

    # --- construction ---------------------------------------------------------------------------
    def build(self) -> None:
        """Create (or re-create, after a language switch or a new database) every action, menu and view."""
        self.setWindowTitle(self._title())
        self.menuBar().clear()
        if self.toolbar is not None:
            self.removeToolBar(self.toolbar)
            self.toolbar.deleteLater()
        self._make_actions()
        self._make_menus()
        self._make_toolbar()
        old = self.centralWidget()
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        # drag residents from the table over the Teams tab: it opens, and they drop onto a team there
        self.tabs.tabBar().setChangeCurrentOnDrag(True)
        self.tabs.tabBar().setAcceptDrops(True)
        self.residentsView = ResidentsView(self.ctx, self.tabs)
        self.residentsView.detailsRequested.connect(self.show_details)
        self.residentsView.outcomeRequested.connect(self.record_outcome)
        self.residentsView.selectionChanged.connect(self._selection_changed)
        self.residentsView.changed.connect(lambda: self.data_changed(source=self.residentsView))
        self.tabs.addTab(self.residentsView, icon("residents"), _plain(self.tr("&Residents")))
        self.teamsView = self._view(TeamsView, "teamsView")
        self.tabs.addTab(self.teamsView, icon("teams"), _plain(self.tr("&Teams")))
        self.keyingView = self._view(KeyingView, "keyingView")
        self.tabs.addTab(self.keyingView, icon("keying"), _plain(self.tr("&Keying walk lists")))
        self.dashboardView = self._view(DashboardView, "dashboardView")
        self.views: tuple[TabView, ...] = (self.residentsView, self.teamsView, self.keyingView, self.dashboardView)
        self.tabs.addTab(self.dashboardView, icon("dashboard"), _plain(self.tr("&Dashboard")))
        # the tabs carry no Alt mnemonic (they would clash with the menus'); Ctrl+1..4 and Ctrl+Tab switch them
        self.tabs.setTabToolTip(0, self.tr("Everyone on the list: search, filter, open, mark (Ctrl+1)"))
        self.tabs.setTabToolTip(1, self.tr("Create teams and hand them hamlets or households (Ctrl+2)"))
        self.tabs.setTabToolTip(2, self.tr("Type in a team's paper walk list with the keyboard (Ctrl+3)"))
        self.tabs.setTabToolTip(3, self.tr("Progress against the target and the daily quota (Ctrl+4)"))
        self.setCentralWidget(self.tabs)
        self._keys_first = WindowKeysFirst(self)
        self.residentsView.searchBox.installEventFilter(self._keys_first)
        if old is not None:
            old.deleteLater()
        self._show_where()
        self.residentsView.searchBox.setFocus()

    def _show_where(self) -> None:
        """The campaign and the database file, always visible at the right of the status bar."""
        from canvass.campaign import active_campaign

        if getattr(self, "whereLabel", None) is None:
            self.whereLabel = QLabel(self)
            self.whereLabel.setObjectName("whereLabel")
            self.statusBar().addPermanentWidget(self.whereLabel)
        try:
            with self.ctx.db.read() as s:
                campaign = active_campaign(s)
                name = campaign.name if campaign is not None else ""
        except Exception:   # noqa: BLE001 - a label must never stop the window from opening
            name = ""
        self.whereLabel.setText(" · ".join(x for x in (name, self._db_label()) if x))
        url = self.ctx.db.url     # the full path for a file; never a server URL (it may hold a password)
        self.whereLabel.setToolTip(url.split("///", 1)[1] if url.startswith("sqlite:///") else self._db_label())

    def _title(self) -> str:
        """The database's name: Qt adds " — Gõ Cửa" itself (the application's display name, ui/app.py), so
        the window's title bar reads "canvass.db — Gõ Cửa", not the program's name twice."""
        return self._db_label()

    def _db_label(self) -> str:
        url = self.ctx.db.url
        return Path(url.split("///", 1)[1]).name if url.startswith("sqlite:///") else url.split("@")[-1]

    def _action(self, name: str, text: str, icon_name: Optional[str], slot: Callable, shortcut=None,
                tip: str = "") -> QAction:
        a = QAction(icon(icon_name) if icon_name else icon(""), text, self)
        a.setObjectName(name)
        if shortcut is not None:
            a.setShortcut(QKeySequence(shortcut))
        if tip:
            a.setStatusTip(tip)
        keys = a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        plain = _plain(tip or text)
        a.setToolTip(f"{plain} ({keys})" if keys else plain)   # the toolbar's tooltips teach the shortcuts
        a.triggered.connect(lambda _checked=False: slot())
        self.addAction(a)
        return a

    def _make_actions(self) -> None:
        for a in getattr(self, "_actions", []):
            self.removeAction(a)
            a.deleteLater()
        A = self._action
        self.actionNew = A("actionNew", self.tr("&New database…"), "database-new", lambda: self._start("new"),
                           QKeySequence.StandardKey.New, self.tr("Create a database for another commune or campaign"))
        self.actionOpen = A("actionOpen", self.tr("&Open database…"), "database-open", lambda: self._start("open"),
                            QKeySequence.StandardKey.Open, self.tr("Open a database file"))
        self.actionSample = A("actionSample", self.tr("Open the &sample commune"), "sample",
                              lambda: self._start("sample"), None, self.tr("300 made-up residents, to learn the program"))
        self.actionImport = A("actionImport", self.tr("&Import list…"), "import", self.import_list, "Ctrl+I",
                              self.tr("Import the police list of residents to activate (Excel or CSV)"))
        self.actionExport = A("actionExport", self.tr("&Export…"), "export", self.export, "Ctrl+E",
                              self.tr("Return lists, walk lists, the daily report…"))
        self.actionPackExport = A("actionPackExport", self.tr("Export team &pack…"), "pack-export", self.pack_export,
                                  "Ctrl+Shift+E", self.tr("A workbook a team fills in offline"))
        self.actionPackImport = A("actionPackImport", self.tr("&Import returned pack…"), "pack-import",
                                  self.pack_import, "Ctrl+Shift+I",
                                  self.tr("Read a team's filled-in pack back, with a preview before merging"))
        self.actionMark = A("actionMark", self.tr("Record &outcome…"), "outcome", self.record_selected, "Ctrl+K",
                            self.tr("Record one visit outcome for the selected residents"))
        self.actionDetails = A("actionDetails", self.tr("Resident &details"), "details", self.details_selected,
                               "Ctrl+D", self.tr("Every field, the imported row and the history"))
        self.actionRefresh = A("actionRefresh", self.tr("&Refresh"), "refresh", self.refresh_all,
                               QKeySequence.StandardKey.Refresh, self.tr("Read the database again"))
        self.actionSettings = A("actionSettings", self.tr("&Settings…"), "settings", self.open_settings,
                                QKeySequence.StandardKey.Preferences, self.tr("Language and your name"))
        self.actionBackup = A("actionBackup", self.tr("&Back up database…"), "database-backup", self.backup,
                              None, self.tr("Save a copy of the database (one is also made before every import "
                                            "and pack merge)"))
        self.actionRestore = A("actionRestore", self.tr("Restore from bac&kup…"), "database-restore", self.restore,
                               None, self.tr("Put a backup back; the database as it is now is kept first"))
        self.actionQuit = A("actionQuit", self.tr("&Quit"), None, self.close, "Ctrl+Q")   # Windows has no standard key
        self.actionAbout = A("actionAbout", self.tr("&About Gõ Cửa"), "app", self.about)
        self.actionCampaign = A("actionCampaign", self.tr("&Campaign settings…"), None, self.campaign_settings, None,
                                self.tr("Dates, phases, the daily quota per team, the report deadline, hamlet targets"))
        self.actionHelp = A("actionHelp", self.tr("&Guide"), None, self.show_help, QKeySequence.StandardKey.HelpContents,
                            self.tr("The campaign day in seven steps, the keying keys, what counts as activated"))
        self.actionMark.setEnabled(False)
        self.actionDetails.setEnabled(False)
        self.tabActions = []
        for i, (name, text) in enumerate((("actionShowResidents", self.tr("&Residents")),
                                          ("actionShowTeams", self.tr("&Teams")),
                                          ("actionShowKeying", self.tr("&Keying walk lists")),
                                          ("actionShowDashboard", self.tr("&Dashboard")))):
            self.tabActions.append(A(name, text, self.TABS[i], lambda i=i: self.show_tab(i), f"Ctrl+{i + 1}"))
        self._actions = [self.actionNew, self.actionOpen, self.actionSample, self.actionImport, self.actionExport,
                         self.actionPackExport, self.actionPackImport, self.actionMark, self.actionDetails,
                         self.actionRefresh, self.actionSettings, self.actionQuit, self.actionAbout,
                         self.actionHelp, self.actionCampaign, self.actionBackup, self.actionRestore] + self.tabActions

    def _make_menus(self) -> None:
        mb = self.menuBar()
        f = mb.addMenu(self.tr("&File"))
        f.setObjectName("menuFile")
        for a in (self.actionNew, self.actionOpen, self.actionSample):
            f.addAction(a)
        self.recentMenu = f.addMenu(self.tr("Recent &databases"))
        self.recentMenu.setObjectName("menuRecent")
        self.recentMenu.aboutToShow.connect(self._fill_recent)
        f.addSeparator()
        for a in (self.actionImport, self.actionExport):
            f.addAction(a)
        f.addSeparator()
        for a in (self.actionPackExport, self.actionPackImport):
            f.addAction(a)
        f.addSeparator()
        for a in (self.actionBackup, self.actionRestore):
            f.addAction(a)
        f.addSeparator()
        f.addAction(self.actionQuit)
        r = mb.addMenu(self.tr("R&esidents"))
        r.setObjectName("menuResidents")
        r.addAction(self.actionMark)
        r.addAction(self.actionDetails)
        v = mb.addMenu(self.tr("&View"))
        v.setObjectName("menuView")
        for a in self.tabActions:
            v.addAction(a)
        v.addSeparator()
        v.addAction(self.actionRefresh)
        t = mb.addMenu(self.tr("&Tools"))
        t.addAction(self.actionCampaign)
        t.addAction(self.actionSettings)
        h = mb.addMenu(self.tr("&Help"))
        h.addAction(self.actionHelp)
        h.addAction(self.actionAbout)

    def _make_toolbar(self) -> None:
        tb = QToolBar(self.tr("Main toolbar"), self)
        tb.setObjectName("mainToolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for a in (self.actionImport, self.actionExport, None, self.actionPackExport, self.actionPackImport, None,
                  self.actionMark, self.actionRefresh):
            if a is None:
                tb.addSeparator()
            else:
                tb.addAction(a)
        button = tb.widgetForAction(self.actionImport)
        if isinstance(button, QToolButton):
            button.setObjectName("importButton")
        self.importButton = button
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, tb)
        self.toolbar = tb

    def _view(self, cls, object_name: str) -> QWidget:
        view = cls(self.ctx, self.tabs)
        if not view.objectName():
            view.setObjectName(object_name)
        view.changed.connect(lambda v=view: self.data_changed(source=v))
        return view

    # --- state ----------------------------------------------------------------------------------
    def _restore(self) -> None:
        s = self.ctx.settings
        if s is None:
            return
        geo = s.get(WINDOW_GEOMETRY)
        if geo is not None and not geo.isEmpty():
            self.restoreGeometry(geo)
        st = s.get(WINDOW_STATE)
        if st is not None and not st.isEmpty():
            self.restoreState(st)
        self.tabs.setCurrentIndex(max(0, min(int(s.get(CURRENT_TAB)), self.tabs.count() - 1)))

    def ask_unsaved_team(self) -> QMessageBox.StandardButton:
        """Save, Discard or Cancel for a team form with unsaved changes (tests replace this method)."""
        return QMessageBox.question(
            self, self.tr("Unsaved team"),
            self.tr("The team form has changes that are not saved. Save them before closing?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.teamsView.has_unsaved_changes():
            answer = self.ask_unsaved_team()
            if answer == QMessageBox.StandardButton.Cancel or (
                    answer == QMessageBox.StandardButton.Save and self.teamsView.save_team() is None):
                self.show_tab("teams")
                event.ignore()
                return
        self.residentsView.model.wait(5000)
        self.dashboardView.wait_idle(5000)
        if self.ctx.runner.busy():
            if QMessageBox.question(self, self.tr("Work in progress"),
                                    self.tr("Something is still running. Quit anyway (it will be cancelled)?")) \
                    != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
            self.ctx.runner.cancel_all()
        s = self.ctx.settings
        if s is not None:
            s.set(WINDOW_GEOMETRY, self.saveGeometry())
            s.set(WINDOW_STATE, self.saveState())
            s.set(CURRENT_TAB, self.tabs.currentIndex())
            s.sync()
        super().closeEvent(event)

    def show_tab(self, index_or_name) -> QWidget:
        """Bring a tab to the front (by index or by name: residents, teams, keying, dashboard)."""
        i = self.TABS.index(index_or_name) if isinstance(index_or_name, str) else int(index_or_name)
        self.tabs.setCurrentIndex(i)
        w = self.tabs.currentWidget()
        if i == 0:
            self.residentsView.searchBox.setFocus()
        else:
            w.setFocus()
        return w

    def _selection_changed(self, n: int) -> None:
        self.actionMark.setEnabled(n > 0)
        self.actionDetails.setEnabled(n > 0)
        if n > 1:
            self.statusBar().showMessage(self.tr("%1 residents selected").replace("%1", i18n.fmt_int(n)), 4000)

    def data_changed(self, source: Optional[QWidget] = None, *, keep: tuple = ()) -> None:
        """Something changed the data: refresh every view but the one that did it (and those in `keep`)."""
        for view in self.views:
            if view is not source and view not in keep:
                view.refresh()

    def refresh_all(self) -> None:
        """Re-read the database into every view."""
        self.data_changed(source=None)

    # --- actions --------------------------------------------------------------------------------
    def _after(self, result: Any, message: str) -> None:
        if result:
            self.data_changed()
            self.statusBar().showMessage(message, 8000)

    def import_list(self, path: Optional[str] = None) -> Any:
        """Open the import wizard; refresh everything after an import."""
        from ui.dialogs.import_wizard import ImportWizard

        result = ImportWizard.ask(self.ctx, self, path=path)
        self._after(result, self.tr("Import finished."))
        return result

    def export(self, kind: Optional[str] = None) -> Any:
        """Open the export dialog."""
        from ui.dialogs.export_dialog import ExportDialog

        path = ExportDialog.ask(self.ctx, self, kind=kind)
        if path:
            self.statusBar().showMessage(self.tr("Saved: %1").replace("%1", str(path)), 10000)
        return path

    def pack_export(self, team_id: Optional[int] = None) -> Any:
        """Export a team pack."""
        from ui.dialogs.pack_dialogs import PackExportDialog

        result = PackExportDialog.ask(self.ctx, self, team_id=team_id)
        if result:
            self.statusBar().showMessage(self.tr("Team pack saved."), 8000)
            self.dashboardView.refresh()
        return result

    def pack_import(self, path: Optional[str] = None) -> Any:
        """Merge a returned team pack (the dialog previews before it merges)."""
        from ui.dialogs.pack_dialogs import PackImportDialog

        result = PackImportDialog.ask(self.ctx, self, path=path)
        self._after(result, self.tr("Team pack merged."))
        return result

    def backup(self) -> Any:
        """Save a copy of the database where the person chooses."""
        from ui.dialogs.backup_dialogs import backup_database

        path = backup_database(self.ctx, self)
        if path:
            self.statusBar().showMessage(self.tr("Backup saved: %1").replace("%1", str(path)), 10000)
        return path

    def restore(self) -> Any:
        """Put a backup back (after a question); every view then shows the restored data."""
        from ui.dialogs.backup_dialogs import restore_database

        result = restore_database(self.ctx, self)
        self._after(result, self.tr("Backup restored; the previous state is kept in the backups folder."))
        return result

    def record_outcome(self, ids: list[int]) -> bool:
        """Record one outcome for some residents."""
        from ui.dialogs.outcome_dialog import OutcomeDialog

        done = bool(OutcomeDialog.ask(self.ctx, self, list(ids)))
        if done:
            self.residentsView.model.refresh_rows(ids)     # the rows stay where they are
            self.data_changed(keep=(self.residentsView,))
            self.statusBar().showMessage(self.tr("Outcome recorded for %1 resident(s).")
                                         .replace("%1", i18n.fmt_int(len(ids))), 8000)
        return done

    def record_selected(self) -> None:
        """Record an outcome for the residents selected in the table."""
        ids = self.residentsView.selected_ids()
        if ids:
            self.record_outcome(ids)

    def show_details(self, resident_id: int) -> None:
        """Open one resident's details."""
        from ui.views.details import ResidentDetailsDialog

        ResidentDetailsDialog.show_for(self.ctx, self, resident_id)

    def details_selected(self) -> None:
        """Open the details of the current resident in the table."""
        rid = self.residentsView.model.resident_id(self.residentsView.table.currentIndex().row())
        if rid is not None:
            self.show_details(rid)

    def open_settings(self) -> None:
        """Settings; a language change re-creates the window's texts."""
        if self.ctx.settings is None:
            return
        changed = SettingsDialog.ask(self.ctx.settings, self)
        if changed is not None:
            self.ctx.actor = self.ctx.settings.get(ACTOR) or None    # from the next event on
        if changed:
            self.set_language(self.ctx.settings.get(LANGUAGE))

    def campaign_settings(self) -> bool:
        """Edit the campaign; the dashboard's figures follow."""
        from ui.dialogs.campaign_dialog import CampaignDialog

        saved = bool(CampaignDialog.ask(self.ctx, self))
        if saved:
            self.dashboardView.refresh()
            self._show_where()
            self.statusBar().showMessage(self.tr("Campaign settings saved."), 8000)
        return saved

    def ask_name(self) -> Optional[str]:
        """Ask the person's name (tests replace this method); None when they decline."""
        from PySide6.QtWidgets import QInputDialog

        name, ok = QInputDialog.getText(
            self, self.tr("Who is working?"),
            self.tr("Your name, written beside every outcome, import and export you record here\n"
                    "(the resident's history shows it). You can change it in Settings."))
        return name.strip() if ok and name.strip() else None

    def ensure_actor(self) -> Optional[str]:
        """On a first start (no name in the settings) ask once who is working, and record it from then on."""
        s = self.ctx.settings
        if s is None or s.get(ACTOR):
            return self.ctx.actor
        name = self.ask_name()
        if name:
            s.set(ACTOR, name)
            s.sync()
            self.ctx.actor = name
        return self.ctx.actor

    def set_language(self, lang: str) -> None:
        """Install another language and rebuild every text of the window."""
        from PySide6.QtCore import QCoreApplication

        i18n.install(QCoreApplication.instance(), lang)
        current = self.tabs.currentIndex()
        self.build()
        self.tabs.setCurrentIndex(current)
        self.languageChanged.emit(lang)

    def _start(self, kind: str) -> None:
        from ui.start_dialog import StartChoice, StartDialog

        if kind == "sample":
            self.databaseRequested.emit(StartChoice("sample"))
            return
        if kind == "open":
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a database"), "",
                                                  self.tr("Gõ Cửa database (*.db);;All files (*)"))
            if path:
                self.databaseRequested.emit(StartChoice("open", path=path))
            return
        dlg = StartDialog([], self)
        dlg.open_on_new_form()
        accepted = dlg.exec() == QDialog.DialogCode.Accepted and dlg.choice
        choice = dlg.choice
        dlg.deleteLater()
        if accepted:
            self.databaseRequested.emit(choice)

    def _fill_recent(self) -> None:
        from ui.start_dialog import StartChoice

        self.recentMenu.clear()
        files = self.ctx.settings.recent_files() if self.ctx.settings is not None else []
        for p in files:
            a = self.recentMenu.addAction(Path(p).name if "://" not in p else p)
            a.setToolTip(p)
            a.triggered.connect(lambda _c=False, p=p: self.databaseRequested.emit(StartChoice("open", path=p)))
        if not files:
            self.recentMenu.addAction(self.tr("(none)")).setEnabled(False)

    def set_context(self, ctx) -> None:
        """Show another database (the application opened it)."""
        self.ctx = ctx
        self.build()

    def about(self) -> None:
        """A short description with the version and where the data is."""
        import canvass

        QMessageBox.about(self, self.tr("About Gõ Cửa"),
                          self.tr("<b>Gõ Cửa</b> %1<br>Door-to-door e-ID (VNeID) activation campaigns: lists, teams, "
                                  "outcomes, team packs and the daily report. Works offline.<br><br>Database: %2")
                          .replace("%1", canvass.__version__).replace("%2", self._db_label()))

    def show_help(self) -> QDialog:
        """The short guide (Vietnamese: the campaign's working language), in a window of its own."""
        import resources
        from PySide6.QtWidgets import QTextBrowser

        dlg = QDialog(self)
        dlg.setObjectName("helpDialog")
        dlg.setWindowTitle(self.tr("Guide"))
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        browser = QTextBrowser(dlg)
        browser.setObjectName("helpText")
        browser.setOpenExternalLinks(False)
        browser.setHtml(resources.path("help", "guide_vi.html").read_text(encoding="utf-8"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dlg)
        buttons.rejected.connect(dlg.close)
        lay = QVBoxLayout(dlg)
        lay.addWidget(browser)
        lay.addWidget(buttons)
        fit_resize(dlg, 720, 640)
        dlg.show()
        return dlg
