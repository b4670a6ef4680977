"""The start dialog: create a database (commune, campaign and dates), open one, open the sample, or a recent one."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QDateEdit, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QMessageBox, QPushButton, QStackedWidget,
                               QVBoxLayout, QWidget)

from canvass.db import default_path
from ui.widgets.icons import icon


def new_database_path() -> Path:
    """The file a new database is proposed in: the program's default database (`canvass.db` in the user data
    folder, as the README says), or `canvass-2.db`, `canvass-3.db`… beside it when that one exists."""
    first = default_path()
    n, path = 1, first
    while path.exists():
        n += 1
        path = first.with_name(f"{first.stem}-{n}{first.suffix}")
    return path


@dataclass
class StartChoice:
    """What the person chose: kind is "new", "open" or "sample"."""
    kind: str
    path: str = ""
    commune: str = ""
    campaign: str = ""
    start: Optional[dt.date] = None
    end: Optional[dt.date] = None


def _date_edit(parent, d: dt.date) -> QDateEdit:
    e = QDateEdit(QDate(d.year, d.month, d.day), parent)
    e.setDisplayFormat("dd/MM/yyyy")
    e.setCalendarPopup(True)
    return e


class StartDialog(QDialog):
    """First screen when no database is open."""

    def __init__(self, recent: list[str], parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("startDialog")
        self.setWindowTitle(self.tr("Start"))   # Qt adds " — Gõ Cửa"
        self.choice: Optional[StartChoice] = None
        self.stack = QStackedWidget(self)

        # page 0: the three ways in, and recent files
        home = QWidget(self)
        hl = QVBoxLayout(home)
        hello = QLabel(self.tr("<h2>Gõ Cửa</h2><p>Door-to-door e-ID activation: today's list, teams, "
                               "outcomes and the daily report.</p>"), home)
        hello.setWordWrap(True)
        hl.addWidget(hello)
        self.newButton = self._big(self.tr("&Create a new database…"), "database-new",
                                   self.tr("A new commune and campaign; then import the police list"), "newButton")
        self.openButton = self._big(self.tr("&Open a database file…"), "database-open",
                                    self.tr("A .db file made earlier on this or another computer"), "openButton")
        self.sampleButton = self._big(self.tr("Try the &sample commune"), "sample",
                                      self.tr("300 made-up residents of xã Tân Văn, to learn the program"),
                                      "sampleButton")
        for b in (self.newButton, self.openButton, self.sampleButton):
            hl.addWidget(b)
        self.recentList = QListWidget(home)
        self.recentList.setObjectName("recentList")
        self.recentList.setToolTip(self.tr("Enter or double-click opens a recent database"))
        for p in recent:
            item = QListWidgetItem(Path(p).name if "://" not in p else p)
            item.setToolTip(p)
            item.setData(Qt.ItemDataRole.UserRole, p)
            self.recentList.addItem(item)
        if recent:
            lab = QLabel(self.tr("&Recent databases:"), home)
            lab.setBuddy(self.recentList)
            hl.addWidget(lab)
            hl.addWidget(self.recentList)
            self.recentList.setCurrentRow(0)
        else:
            self.recentList.hide()
            hl.addStretch(1)        # the three buttons stay under the greeting, not spread down the window
        self.recentList.itemActivated.connect(lambda it: self._finish(
            StartChoice("open", path=it.data(Qt.ItemDataRole.UserRole))))
        cancel = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, home)
        cancel.rejected.connect(self.reject)
        hl.addWidget(cancel)
        self.stack.addWidget(home)

        # page 1: a new database
        form_page = QWidget(self)
        form = QFormLayout(form_page)
        heading = QLabel(self.tr("<h3>A new database</h3><p>One file per commune and campaign. Next, import the "
                                 "police list (File › Import list…).</p>"), form_page)
        heading.setWordWrap(True)
        form.addRow(heading)
        today = dt.date.today()
        self.communeEdit = QLineEdit(form_page)
        self.communeEdit.setObjectName("communeEdit")
        self.communeEdit.setPlaceholderText(self.tr("e.g. Xã Tân Văn"))
        self.campaignEdit = QLineEdit(self.tr("90-day e-ID activation campaign"), form_page)
        self.campaignEdit.setObjectName("campaignEdit")
        self.startEdit = _date_edit(form_page, today)
        self.startEdit.setObjectName("startEdit")
        self.endEdit = _date_edit(form_page, today + dt.timedelta(days=89))
        self.endEdit.setObjectName("endEdit")
        self.pathEdit = QLineEdit(str(new_database_path()), form_page)
        self.pathEdit.setObjectName("pathEdit")
        browse = QPushButton(self.tr("Browse…"), form_page)
        browse.clicked.connect(self._browse_new)
        path_row = QHBoxLayout()
        path_row.addWidget(self.pathEdit, 1)
        path_row.addWidget(browse)
        form.addRow(self.tr("C&ommune or ward:"), self.communeEdit)
        form.addRow(self.tr("Ca&mpaign:"), self.campaignEdit)
        form.addRow(self.tr("&Starts on:"), self.startEdit)
        form.addRow(self.tr("&Ends on:"), self.endEdit)
        file_label = QLabel(self.tr("&File:"), form_page)   # a row holding a layout gets no buddy by itself
        file_label.setBuddy(self.pathEdit)
        form.addRow(file_label, path_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                   form_page)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        buttons.accepted.connect(self._create)
        buttons.rejected.connect(self._back)
        form.addRow(buttons)
        self.stack.addWidget(form_page)

        self.newButton.clicked.connect(self._show_new)
        self.openButton.clicked.connect(self._open)
        self.sampleButton.clicked.connect(lambda: self._finish(StartChoice("sample")))
        lay = QVBoxLayout(self)
        lay.addWidget(self.stack)
        self.resize(560, 420)

    def _big(self, text: str, icon_name: str, tip: str, name: str) -> QPushButton:
        b = QPushButton(icon(icon_name), text, self)
        b.setObjectName(name)
        b.setToolTip(tip)
        b.setMinimumHeight(int(self.fontMetrics().height() * 2.4))
        b.setStyleSheet("text-align: left; padding-left: 12px;")
        return b

    def _show_new(self) -> None:
        self.stack.setCurrentIndex(1)
        self.communeEdit.setFocus()

    def open_on_new_form(self) -> None:
        """Start on the new-database form (File › New): Cancel there closes the dialog."""
        self._form_only = True
        self._show_new()

    def _back(self) -> None:
        if getattr(self, "_form_only", False):
            self.reject()
        else:
            self.stack.setCurrentIndex(0)

    def _browse_new(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("New database"), self.pathEdit.text(),
                                              self.tr("Gõ Cửa database (*.db)"))
        if path:
            self.pathEdit.setText(path if path.endswith(".db") else path + ".db")

    def _open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a database"), str(default_path().parent),
                                              self.tr("Gõ Cửa database (*.db);;All files (*)"))
        if path:
            self._finish(StartChoice("open", path=path))

    def _create(self) -> None:
        start, end = self.startEdit.date().toPython(), self.endEdit.date().toPython()
        problem = None
        if not self.communeEdit.text().strip():
            problem = self.tr("Please type the commune's name.")
        elif not self.campaignEdit.text().strip():
            problem = self.tr("Please name the campaign.")
        elif end < start:
            problem = self.tr("The campaign ends before it starts.")
        elif not self.pathEdit.text().strip():
            problem = self.tr("Please choose where to save the database.")
        elif Path(self.pathEdit.text()).exists():
            problem = self.tr("That file already exists: choose another name, or open it instead.")
        if problem:
            QMessageBox.warning(self, self.tr("New database"), problem)
            return
        self._finish(StartChoice("new", path=self.pathEdit.text().strip(), commune=self.communeEdit.text().strip(),
                                 campaign=self.campaignEdit.text().strip(), start=start, end=end))

    def _finish(self, choice: StartChoice) -> None:
        self.choice = choice
        self.accept()

    @classmethod
    def ask(cls, recent: list[str], parent: Optional[QWidget] = None) -> Optional[StartChoice]:
        """Show the dialog; the person's choice, or None when they cancelled."""
        dlg = cls(recent, parent)
        return dlg.choice if dlg.exec() == QDialog.DialogCode.Accepted else None
