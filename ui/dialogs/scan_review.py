"""Review what was read from photos of ticked walk lists before it is recorded.

Each row read with a tick (sure) or left unsure is listed with the strip of the photo it came from, beside
the proposed outcome; blank rows (no tick) are not listed, they change nothing. The keyboard works as in
the keying view (its OUTCOME_KEYS): the outcome keys set the current row's decision, 0/C or Delete leaves it
unchanged, Enter goes on; "cannot be activated" asks for its reason (the keying view's reason picker), read
by the person from the note in the strip. Unsure rows start with no decision. Record writes one visit per
decided row through `canvass.scan.apply` (by the page's team, on the page's day), exactly once per
printed row.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QVBoxLayout,
                               QWidget)

from canvass.errors import CanvassError
from canvass.events import OUTCOMES_NEEDING_REASON
from canvass.residents import resident_rows
from canvass.scan.apply import ApplyResult, Decision, apply_decisions
from canvass.scan.reader import PX_PER_MM, PageReading, RowReading, ScanResult
from ui.dialogs.base import Asks
from ui.dialogs.progress import error_text
from ui.labels import outcome_label, reason_label
from ui.views.keying import OUTCOME_KEYS, KeyingTable, ReasonPanel

NO_CHANGE_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)


@dataclass
class ReviewItem:
    """One row to review: where it was read, what was read, and what the person decided."""
    page: PageReading
    reading: RowReading
    name: str
    outcome: Optional[str] = None
    reason: Optional[str] = None
    note: Optional[str] = None


class ReviewModel(QAbstractTableModel):
    """The rows to review (a photo's rows: tens, not thousands)."""

    COLUMNS = ("where", "name", "photo", "read", "decision")
    PHOTO_HEIGHT = 34

    def __init__(self, items: list[ReviewItem], parent=None):
        super().__init__(parent)
        self.items = items
        self._pixmaps: dict[int, QPixmap] = {}

    def photo(self, row: int) -> QPixmap:
        """The row's boxes and note as photographed (cached)."""
        pix = self._pixmaps.get(row)
        if pix is None:
            it = self.items[row]
            pix = strip_pixmap(it.page, it.reading, boxes_only=True).scaledToHeight(
                self.PHOTO_HEIGHT, Qt.TransformationMode.SmoothTransformation)
            self._pixmaps[row] = pix
        return pix

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (self.tr("Page / row"), self.tr("Resident"), self.tr("On the photo"), self.tr("Read from the photo"),
                self.tr("To record"))[section]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        col = self.COLUMNS[index.column()]
        if col == "photo":
            if role == Qt.ItemDataRole.DecorationRole:
                return self.photo(index.row())
            if role == Qt.ItemDataRole.SizeHintRole:
                return self.photo(index.row()).size()
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        it = self.items[index.row()]
        if col == "where":
            return self.tr("page %1, row %2").replace("%1", str(it.page.printed.page)) \
                .replace("%2", str(it.reading.row))
        if col == "name":
            return it.name
        if col == "read":
            return read_text(it.reading)
        if it.outcome is None:
            return self.tr("(no change)")
        text = outcome_label(it.outcome)
        if it.reason:
            text += f" – {reason_label(it.reason)}" + (f": {it.note}" if it.note else "")
        return text

    def changed(self, row: int) -> None:
        """Tell the view a row's decision changed."""
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))


WHY_TEXTS = {   # the reader's codes (canvass.scan.reader.UNSURE_CODES) in words
    "several": QT_TRANSLATE_NOOP("ScanReview", "two or more boxes ticked"),
    "scribble": QT_TRANSLATE_NOOP("ScanReview", "a box crossed out or filled in"),
    "faint": QT_TRANSLATE_NOOP("ScanReview", "a faint mark"),
    "hidden": QT_TRANSLATE_NOOP("ScanReview", "the boxes cannot be seen"),
    "needs_reason": QT_TRANSLATE_NOOP("ScanReview", "needs the reason"),
}
UNREADABLE_TEXTS = {   # canvass.scan.reader.UNREADABLE_CODES
    "image_unreadable": QT_TRANSLATE_NOOP("ScanReview", "not an image"),
    "markers_missing": QT_TRANSLATE_NOOP("ScanReview", "the four corner squares are not all visible"),
    "markers_inconsistent": QT_TRANSLATE_NOOP("ScanReview", "the corner squares do not fit a flat page"),
    "qr_unreadable": QT_TRANSLATE_NOOP("ScanReview", "the code at the top right cannot be read"),
    "unknown_page": QT_TRANSLATE_NOOP("ScanReview", "a page this database did not print"),
    "grid_mismatch": QT_TRANSLATE_NOOP("ScanReview", "the table is not where it was printed (a fold or a curl?)"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate("ScanReview", text)


def read_text(r: RowReading) -> str:
    """What the photo says about a row, in words."""
    if r.state == "sure":
        return _t("%1 (sure, %2%)").replace("%1", outcome_label(r.outcome)) \
            .replace("%2", str(int(round(r.confidence * 100))))
    why = _t(WHY_TEXTS.get(r.why or "", r.why or ""))
    if r.outcome:
        return _t("%1? – %2").replace("%1", outcome_label(r.outcome)).replace("%2", why)
    return _t("unsure – %1").replace("%1", why)


def strip_pixmap(page: PageReading, r: RowReading, boxes_only: bool = False) -> QPixmap:
    """The row's strip of the straightened photo (from the outcome boxes on, with `boxes_only`)."""
    strip = page.strip(r)
    if boxes_only and page.printed.boxes:
        strip = strip[:, max(0, int((page.printed.boxes[0][0] - 13) * PX_PER_MM)):]
    strip = np.ascontiguousarray(strip)
    h, w = strip.shape
    img = QImage(strip.data, w, h, w, QImage.Format.Format_Grayscale8).copy()
    return QPixmap.fromImage(img)


class ScanReviewDialog(Asks, QDialog):
    """The rows read from photos, each beside its strip of the photo; Record writes the decided ones."""

    def __init__(self, ctx, parent: Optional[QWidget], result: ScanResult):
        super().__init__(parent)
        self.ctx = ctx
        self.scan = result
        self.applied: Optional[ApplyResult] = None
        self.pending_outcome: Optional[str] = None
        self.setObjectName("scanReviewDialog")
        self.setWindowTitle(self.tr("Read photos of walk lists"))
        self.resize(1000, 640)
        self.items = self._items(result)
        self.summary = QLabel(self)
        self.summary.setObjectName("scanReviewSummary")
        self.summary.setWordWrap(True)
        self.summary.setText(self._summary())
        self.strip = QLabel(self)
        self.strip.setObjectName("scanReviewStrip")
        self.strip.setMinimumHeight(70)
        self.strip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.model = ReviewModel(self.items, self)
        self.table = KeyingTable(self)
        self.table.setObjectName("scanReviewTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(ReviewModel.PHOTO_HEIGHT + 6)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setToolTip(self.tr("1/K activated · 2/V absent · 3/X cannot be activated · 4/S wrong phone · "
                                      "5/T refused · 6/H come back later · 0/C or Delete: no change · "
                                      "Enter: next"))
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._show_strip(cur.row()))
        self.reason_panel = ReasonPanel(self)
        self.reason_panel.chosen.connect(self._reason_chosen)
        self.reason_panel.abandoned.connect(self._close_panel)
        self.status = QLabel(self)
        self.status.setObjectName("scanReviewStatus")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.record_button = self.buttons.addButton(self.tr("&Record"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.record_button.setObjectName("scanReviewRecord")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.record)
        self.buttons.rejected.connect(self.reject)
        self.record_button.setAutoDefault(False)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(self.strip)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.reason_panel)
        lay.addWidget(self.status)
        lay.addWidget(self.buttons)
        if self.items:
            self.move_to(0)
        self.table.setFocus()

    def _items(self, result: ScanResult) -> list[ReviewItem]:
        rows = [(p, r) for p in result.pages for r in p.rows if r.state != "blank"]
        ids = {r.resident_id for _p, r in rows}
        with self.ctx.db.read() as s:
            names = {r.id: r.name for r in resident_rows(s, list(ids))}
        return [ReviewItem(p, r, names.get(r.resident_id, "?"), outcome=r.outcome if r.state == "sure" else None)
                for p, r in rows]

    def _summary(self) -> str:
        sure = sum(1 for it in self.items if it.reading.state == "sure")
        text = self.tr("%1 page(s) read: %2 row(s) ticked clearly, %3 to check. Rows without a tick are not "
                       "listed and change nothing.").replace("%1", str(len(self.scan.pages))) \
            .replace("%2", str(sure)).replace("%3", str(len(self.items) - sure))
        for u in self.scan.unreadable:
            text += "\n" + self.tr("Not read, nothing recorded from it: %1 (%2). Photograph the whole page, flat, "
                                  "with its four corner squares and the code.") \
                .replace("%1", Path(u.source).name + (f" [{u.index}]" if u.index > 1 else "")) \
                .replace("%2", _t(UNREADABLE_TEXTS.get(u.code, u.code)))
        return text

    def _show_strip(self, row: int) -> None:
        if not (0 <= row < len(self.items)):
            self.strip.clear()
            return
        it = self.items[row]
        pix = strip_pixmap(it.page, it.reading)
        width = max(self.strip.width(), 600)
        self.strip.setPixmap(pix.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation))

    # --- keys
    def current_row(self) -> int:
        """The row being reviewed (-1 when none)."""
        idx = self.table.currentIndex()
        return idx.row() if idx.isValid() else -1

    def handle_key(self, event) -> bool:
        """Act on one key pressed on the table; True when it was ours."""
        key, mods = event.key(), event.modifiers()
        if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.move_to(self.current_row() + 1)
            return True
        if key in NO_CHANGE_KEYS or OUTCOME_KEYS.get(key) == "pending":
            self.decide(None)
            return True
        if key in OUTCOME_KEYS:
            self.decide(OUTCOME_KEYS[key])
            return True
        return False

    def decide(self, outcome: Optional[str], reason: Optional[str] = None, note: Optional[str] = None) -> None:
        """Set the current row's decision (asking for the reason when the outcome needs one), then go on."""
        row = self.current_row()
        if row < 0:
            return
        if outcome in OUTCOMES_NEEDING_REASON and reason is None:
            self.pending_outcome = outcome
            self.reason_panel.open(outcome, self.items[row].name)
            return
        it = self.items[row]
        it.outcome, it.reason, it.note = outcome, reason, note
        self.model.changed(row)
        self.move_to(row + 1)

    def _reason_chosen(self, reason: str, note: str) -> None:
        outcome = self.pending_outcome
        self._close_panel()
        if outcome:
            self.decide(outcome, reason, note or None)

    def _close_panel(self) -> None:
        self.pending_outcome = None
        if self.reason_panel.isVisible():
            self.reason_panel.hide()
            self.table.setFocus()

    def move_to(self, row: int) -> None:
        """Make a row current (clamped)."""
        if not self.items:
            return
        row = max(0, min(row, len(self.items) - 1))
        self.table.setCurrentIndex(self.model.index(row, 0))
        self.table.selectRow(row)
        self._show_strip(row)

    # --- recording
    def decisions(self) -> list[Decision]:
        """The decided rows."""
        return [Decision(it.page, it.reading.row, it.outcome, it.reason, it.note) for it in self.items
                if it.outcome is not None]

    def record(self) -> None:
        """Record the decided rows (one transaction); the dialog closes when it worked."""
        try:
            decisions, db, actor = self.decisions(), self.ctx.db, self.ctx.actor
            self.applied = self.ctx.runner.call(lambda progress, cancel: apply_decisions(db, decisions, actor=actor))
        except CanvassError as exc:
            self.status.setStyleSheet("color: #b00020;")
            self.status.setText(error_text(self, exc))
            return
        self.accept()

    def answer(self) -> Optional[ApplyResult]:
        """What was recorded (None when cancelled)."""
        return self.applied


PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".bmp", ".tif", ".tiff", ".pdf")


def read_and_review(ctx, parent: QWidget, paths: list[str]) -> Optional[ApplyResult]:
    """Read the photos in the background (with progress and cancel), then open the review; what it recorded."""
    from canvass.scan.reader import read_files
    from ui.dialogs.progress import ProgressDialog

    outcome = ProgressDialog.run(ctx, parent, lambda progress, cancel: read_files(ctx.db, paths, progress=progress,
                                                                                   cancel=cancel),
                                 title=QCoreApplication.translate("ScanReview", "Reading photos"))
    if not outcome.ok:
        return None
    return ScanReviewDialog.ask(ctx, parent, outcome.result)
