"""The keying view: type a team's paper walk list in fast, with the keyboard alone.

Keys on the table (the current row is the resident being keyed):
  1/K activated · 2/V absent · 3/X cannot be activated (opens the reason picker) · 4/S wrong phone ·
  5/T refused · 6/H come back later · 0/C pending (re-open) · Enter: next resident without an entry ·
  Ctrl+Z: undo the last entry (a `visit_void` correcting event; the visit stays in the history).
In the reason picker: the number of a reason picks it; `other` then asks for a note (Enter confirms);
Escape gives up the entry. Each entry is one transaction through `canvass.events.record_visit`.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDateEdit, QFrame, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QTableView,
                               QVBoxLayout, QWidget)

from canvass.dates import visit_moment
from canvass.db import now
from canvass.errors import CanvassError
from canvass.events import INELIGIBLE_REASONS, OUTCOMES_NEEDING_REASON, record_visit, void_visit
from canvass.teams import team_choices, team_hamlets
from ui.dialogs.progress import error_text
from ui.labels import outcome_label, reason_label, status_labels, status_text
from ui.models.keying_model import KeyingModel
from ui.views.base import TabView
from ui.widgets.combo import refill

# key -> outcome; digits first, then Vietnamese initials (Kích hoạt, Vắng, X = không thể, Sai số, Từ chối, Hẹn, Chưa)
OUTCOME_KEYS = {
    Qt.Key.Key_1: "activated", Qt.Key.Key_2: "absent", Qt.Key.Key_3: "ineligible", Qt.Key.Key_4: "wrong_phone",
    Qt.Key.Key_5: "refused", Qt.Key.Key_6: "revisit", Qt.Key.Key_0: "pending",
    Qt.Key.Key_K: "activated", Qt.Key.Key_V: "absent", Qt.Key.Key_X: "ineligible", Qt.Key.Key_S: "wrong_phone",
    Qt.Key.Key_T: "refused", Qt.Key.Key_H: "revisit", Qt.Key.Key_C: "pending",
}
LEGEND = (("1", "K", "activated"), ("2", "V", "absent"), ("3", "X", "ineligible"), ("4", "S", "wrong_phone"),
          ("5", "T", "refused"), ("6", "H", "revisit"), ("0", "C", "pending"))
DIGIT_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(10)}


class KeyingTable(QTableView):
    """A table that takes the outcome keys: it hands every key press to its owner's `handle_key` first (the
    keying view, the photo review)."""

    def __init__(self, view):
        super().__init__(view)
        self.view = view

    def keyPressEvent(self, event) -> None:
        if self.view.handle_key(event):
            event.accept()
            return
        super().keyPressEvent(event)


class ReasonPanel(QFrame):
    """The inline reason picker: opens under the table only when an outcome needs a reason."""

    chosen = Signal(str, str)    # reason, note
    abandoned = Signal()

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("keyingReasonPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.reasons: tuple[str, ...] = ()
        self.title = QLabel(self)
        self.title.setObjectName("keyingReasonTitle")
        self.list = QListWidget(self)
        self.list.setObjectName("keyingReasonList")
        self.list.setToolTip(self.tr("Press the number of the reason, or choose it and press Enter"))
        self.note = QLineEdit(self)
        self.note.setObjectName("keyingNote")
        self.note.setPlaceholderText(self.tr("What is the reason? (Enter to save, Escape to cancel)"))
        self.note.setToolTip(self.tr("A note is needed for “Other reason”"))
        self.hint = QLabel(self.tr("Number: choose a reason · Enter: save · Escape: cancel"), self)
        self.hint.setObjectName("keyingReasonHint")
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.list)
        lay.addWidget(self.note)
        lay.addWidget(self.hint)
        self.list.installEventFilter(self)
        self.note.installEventFilter(self)
        self.list.itemActivated.connect(lambda _i: self._pick(self.list.currentRow()))
        self.hide()

    def open(self, outcome: str, resident_name: str) -> None:
        """Show the reasons of an outcome and take the keyboard."""
        self.reasons = INELIGIBLE_REASONS if outcome == "ineligible" else ()
        self.title.setText(self.tr("%1 – why? (%2)").replace("%1", outcome_label(outcome))
                           .replace("%2", resident_name))
        self.list.clear()
        for n, code in enumerate(self.reasons, start=1):
            QListWidgetItem(f"{n}  {reason_label(code)}", self.list)
        self.list.setCurrentRow(0)
        self.list.setFixedHeight(self.list.sizeHintForRow(0) * len(self.reasons) + 2 * self.list.frameWidth() + 4)
        self.note.clear()
        self.note.hide()
        self.show()
        self.list.setFocus()

    def _pick(self, index: int) -> None:
        if not (0 <= index < len(self.reasons)):
            return
        self.list.setCurrentRow(index)
        if self.reasons[index] == "other":
            self.note.show()
            self.note.setFocus()
            return
        self.chosen.emit(self.reasons[index], "")

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.abandoned.emit()
            return True
        if obj is self.list:
            if key in DIGIT_KEYS and 1 <= DIGIT_KEYS[key] <= len(self.reasons):
                self._pick(DIGIT_KEYS[key] - 1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._pick(self.list.currentRow())
                return True
        elif obj is self.note and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            text = self.note.text().strip()
            if text:
                self.chosen.emit("other", text)
            return True
        return False


class KeyingView(TabView):
    """Key a team's paper walk list: outcome keys, reason picker, Enter to go on, Ctrl+Z to undo."""

    def __init__(self, ctx, parent: Optional[QWidget] = None):
        super().__init__(ctx, parent)
        self.setObjectName("keyingView")
        self.undo_stack: list[tuple[int, int]] = []   # (visit event id, resident id), this session's entries
        self.pending_outcome: Optional[str] = None
        self.entries = 0              # entries for the walk list on screen (starts again with another team)
        self._entries_team = None

        self.team_combo = QComboBox(self)
        self.team_combo.setObjectName("keyingTeam")
        self.team_combo.setToolTip(self.tr("The team whose walk list you are typing in"))
        self.hamlet_combo = QComboBox(self)
        self.hamlet_combo.setObjectName("keyingHamlet")
        self.hamlet_combo.setToolTip(self.tr("Only this hamlet's residents"))
        self.date_edit = QDateEdit(QDate.currentDate(), self)
        self.date_edit.setObjectName("keyingDate")
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setMaximumDate(QDate.currentDate())
        self.date_edit.setToolTip(self.tr("The date written on the walk list; it stays for this session"))
        team_label = QLabel(self.tr("&Team:"), self)
        team_label.setBuddy(self.team_combo)
        hamlet_label = QLabel(self.tr("&Hamlet:"), self)
        hamlet_label.setBuddy(self.hamlet_combo)
        date_label = QLabel(self.tr("Visit &date:"), self)
        date_label.setBuddy(self.date_edit)
        top = QHBoxLayout()
        for w in (team_label, self.team_combo, hamlet_label, self.hamlet_combo, date_label, self.date_edit):
            top.addWidget(w)
        top.addStretch(1)
        self.undo_button = QPushButton(self.tr("Undo last entry"), self)
        self.undo_button.setObjectName("keyingUndo")
        self.undo_button.setToolTip(self.tr("Cancel the last outcome you typed (Ctrl+Z); it stays in the history"))
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.undo)
        top.addWidget(self.undo_button)
        self.read_button = QPushButton(self.tr("Read photos of walk lists…"), self)   # "Đọc ảnh phiếu"
        self.read_button.setObjectName("keyingReadPhotos")
        self.read_button.setToolTip(self.tr("Read the ticks from photos or scans of printed walk lists "
                                            "(or drop the photos here), check them, then record them"))
        self.read_button.clicked.connect(self.choose_photos)
        top.addWidget(self.read_button)
        self.setAcceptDrops(True)

        self.legend = QLabel(self)
        self.legend.setObjectName("keyingLegend")
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setText(self._legend_html())

        self.model = KeyingModel(ctx.db, self)
        self.table = KeyingTable(self)
        self.table.setObjectName("keyingTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setStretchLastSection(False)
        hh.setResizeContentsPrecision(40)   # fit columns to the first rows, not to thousands of them
        self.table.setToolTip(self.tr("Type the outcome of the highlighted resident: see the keys above"))
        self.setFocusProxy(self.table)   # the tab opened (Ctrl+3, a click): the keys go to the walk list

        self.reason_panel = ReasonPanel(self)
        self.reason_panel.chosen.connect(self._reason_chosen)
        self.reason_panel.abandoned.connect(self._reason_abandoned)

        self.status = QLabel(self)
        self.status.setObjectName("keyingStatus")
        self.status.setWordWrap(True)

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.legend)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.reason_panel)
        lay.addWidget(self.status)
        self.setTabOrder(self.team_combo, self.hamlet_combo)
        self.setTabOrder(self.hamlet_combo, self.date_edit)
        self.setTabOrder(self.date_edit, self.table)
        self.setTabOrder(self.table, self.undo_button)

        self.team_combo.currentIndexChanged.connect(self._team_changed)
        self.hamlet_combo.currentIndexChanged.connect(self._hamlet_changed)
        # a team or hamlet chosen (mouse or keyboard): the keys go to the walk list again, not to the list box
        self.team_combo.activated.connect(lambda _i: self._focus_table())
        self.hamlet_combo.activated.connect(lambda _i: self._focus_table())
        # nothing is read until the view is first shown (TabView): a team's walk list can be 24,000 rows, and
        # the window must show its first rows without waiting for a tab nobody has opened yet

    def showEvent(self, event) -> None:
        """Shown: re-read if the data changed meanwhile; the table takes the keyboard, so typing can start."""
        super().showEvent(event)
        if self.model.rowCount() and not self.reason_panel.isVisible():
            self.table.setFocus()

    # --- loading
    def _legend_html(self) -> str:
        parts = [f"<b>{d}</b>/<b>{k}</b> {outcome_label(code)}" for d, k, code in LEGEND]
        keys = self.tr("<b>Enter</b> next · <b>Ctrl+Z</b> undo")
        return " &nbsp;·&nbsp; ".join(parts) + " &nbsp;·&nbsp; " + keys

    def reload(self) -> None:
        """Re-read the teams and the table now (keeping the chosen team and hamlet)."""
        self._stale = False
        current = self.team_combo.currentData()
        with self.ctx.db.read() as s:
            teams = team_choices(s)
        self.team_combo.blockSignals(True)
        self.team_combo.clear()
        self.team_combo.addItem(self.tr("(residents of a hamlet, any team)"), None)
        for tid, name in teams:
            self.team_combo.addItem(name, tid)
        pos = self.team_combo.findData(current) if current is not None else (1 if teams else 0)
        self.team_combo.setCurrentIndex(max(pos, 0))
        self.team_combo.blockSignals(False)
        self._team_changed()

    def select_team(self, team_id: Optional[int], hamlet_id: Optional[int] = None) -> None:
        """Show one team's walk list (and one hamlet of it)."""
        self.ensure_read()
        pos = self.team_combo.findData(team_id)
        if pos >= 0:
            self.team_combo.setCurrentIndex(pos)
        if hamlet_id is not None:
            pos = self.hamlet_combo.findData(hamlet_id)
            if pos >= 0:
                self.hamlet_combo.setCurrentIndex(pos)
        self.table.setFocus()

    def _focus_table(self) -> None:
        if self.model.rowCount() and not self.reason_panel.isVisible():
            self.table.setFocus()

    def _team_changed(self, *_args) -> None:
        team_id = self.team_combo.currentData()
        if team_id != self._entries_team:     # another team's paper: its own count
            self._entries_team = team_id
            self.entries = 0
        with self.ctx.db.read() as s:
            hamlets = team_hamlets(s, team_id)
        refill(self.hamlet_combo, ([(None, self.tr("All hamlets"))] if team_id is not None else []) + hamlets)
        self._hamlet_changed()

    def _hamlet_changed(self, *_args) -> None:
        self._close_panel()
        self.model.load(self.team_combo.currentData(), self.hamlet_combo.currentData())
        self._fit_columns()
        if self.model.rowCount():
            self.table.selectRow(0)
        self._say(self.tr("%n resident(s) in this walk list.", "", self.model.rowCount()))

    def _fit_columns(self) -> None:
        """Name, birth year, phone and outcome get their room; the address takes what is left and is shortened
        with "…" (the hamlet comes first, so the part that matters stays): at 1024 px it took half the width while
        the outcome column was too narrow for "Đã kích hoạt (tổ báo cáo)"."""
        hh = self.table.horizontalHeader()
        address = KeyingModel.COLUMNS.index("address")
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.resizeColumnsToContents()        # the first rows' values and the titles
        fm = self.table.fontMetrics()
        least = {"name": fm.horizontalAdvance("Nguyễn Thị Phương Thảo"),
                 "outcome": max(fm.horizontalAdvance(text) for text in status_labels().values())}
        for key, width in least.items():
            col = KeyingModel.COLUMNS.index(key)
            hh.resizeSection(col, max(hh.sectionSize(col), width + 16))
        hh.setSectionResizeMode(address, QHeaderView.ResizeMode.Stretch)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)

    # --- keys
    def current_row(self) -> int:
        """The row being keyed (-1 when the table is empty)."""
        idx = self.table.currentIndex()
        return idx.row() if idx.isValid() else -1

    def handle_key(self, event) -> bool:
        """Act on one key pressed on the table; True when it was ours."""
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_Z and mods & Qt.KeyboardModifier.ControlModifier:
            self.undo()
            return True
        if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.move_to(self.current_row() + 1)
            return True
        if key in OUTCOME_KEYS:
            self.key_outcome(OUTCOME_KEYS[key])
            return True
        return False

    def key_outcome(self, outcome: str) -> None:
        """Set the outcome of the current row (asking for a reason when it needs one)."""
        row = self.current_row()
        if row < 0:
            return
        if outcome in OUTCOMES_NEEDING_REASON:
            self.pending_outcome = outcome
            self.reason_panel.open(outcome, self.model.rows[row].name)
            return
        self.record(outcome)

    def _reason_chosen(self, reason: str, note: str) -> None:
        outcome = self.pending_outcome
        self._close_panel()
        if outcome:
            self.record(outcome, reason=reason, note=note or None)

    def _reason_abandoned(self) -> None:
        self._close_panel()
        self._say(self.tr("No entry made."))

    def _close_panel(self) -> None:
        self.pending_outcome = None
        if self.reason_panel.isVisible():
            self.reason_panel.hide()
            self.table.setFocus()

    def visit_at(self) -> dt.datetime:
        """When the typed visits happened: now for today, midday of the chosen day otherwise."""
        return visit_moment(self.date_edit.date().toPython(), now())

    def record(self, outcome: str, reason: Optional[str] = None, note: Optional[str] = None) -> bool:
        """Record the current row's outcome, then go to the next resident."""
        row = self.current_row()
        rid = self.model.resident_id(row)
        if rid is None:
            return False
        at = self.visit_at()
        try:
            event_id = self.ctx.runner.write(self.ctx.db, lambda s: record_visit(
                s, rid, outcome, at=at, actor=self.ctx.actor, reason=reason, note=note,
                source={"via": "keying"}).id)
        except CanvassError as exc:
            self._say(error_text(self, exc), error=True)
            return False
        self.undo_stack.append((event_id, rid))
        self.undo_button.setEnabled(True)
        self.entries += 1
        self.model.refresh_ids([rid])
        name = self.model.rows[row].name
        text = status_text(outcome, reason)
        self._say(self.tr("%1: %2 (%3 entered from this walk list)").replace("%1", name).replace("%2", text)
                  .replace("%3", str(self.entries)))
        self.move_to(row + 1)
        self.changed.emit()
        return True

    def undo(self) -> bool:
        """Undo the last entry of this session with a correcting event."""
        self._close_panel()
        if not self.undo_stack:
            self._say(self.tr("Nothing to undo."))
            return False
        event_id, rid = self.undo_stack.pop()
        try:
            self.ctx.runner.write(self.ctx.db, lambda s: void_visit(s, event_id, actor=self.ctx.actor) and None)
        except CanvassError as exc:
            self._say(error_text(self, exc), error=True)
            return False
        self.entries = max(0, self.entries - 1)
        self.undo_button.setEnabled(bool(self.undo_stack))
        self.model.refresh_ids([rid])
        row = self.model.row_of(rid)
        if row is not None:
            self.move_to(row)
        self._say(self.tr("Undone: the entry for %1 no longer counts.")
                  .replace("%1", self.model.rows[row].name if row is not None else "?"))
        self.changed.emit()
        return True

    def move_to(self, row: int) -> None:
        """Make a row current (clamped to the table)."""
        if not self.model.rowCount():
            return
        row = max(0, min(row, self.model.rowCount() - 1))
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, 0))
        self.table.scrollTo(self.model.index(row, 0))

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet("color: #b00020;" if error else "")
        self.status.setText(text)

    # --- photos of ticked walk lists (ui/dialogs/scan_review.py)
    def choose_photos(self) -> None:
        """Pick photos or scans of printed walk lists and read them."""
        from PySide6.QtWidgets import QFileDialog

        paths, _f = QFileDialog.getOpenFileNames(self, self.tr("Photos of walk lists"), "",
                                                 self.tr("Photos and scans (*.jpg *.jpeg *.png *.webp *.pdf)"))
        if paths:
            self.read_photos(paths)

    def _dropped_photos(self, event) -> list[str]:
        from ui.dialogs.scan_review import PHOTO_SUFFIXES

        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        return [u.toLocalFile() for u in urls if u.isLocalFile() and u.toLocalFile().lower().endswith(PHOTO_SUFFIXES)]

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        """Photos dragged over the view are welcome."""
        if self._dropped_photos(event):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        """Photos dropped on the view are read."""
        paths = self._dropped_photos(event)
        if paths:
            event.acceptProposedAction()
            self.read_photos(paths)

    def read_photos(self, paths: list[str]) -> None:
        """Read photos, review them, and show what was recorded."""
        from ui.dialogs.scan_review import read_and_review

        applied = read_and_review(self.ctx, self, paths)
        if applied is None:
            return
        self.model.refresh_ids(sorted(applied.residents))
        self._say(self.tr("%1 visit(s) recorded from the photos; %2 already recorded before.")
                  .replace("%1", str(len(applied.recorded))).replace("%2", str(applied.already)))
        if applied.recorded:
            self.changed.emit()
