"""The keying table: one team's residents in walk-list order (hamlet, household in address order, head first).

A team holds hundreds to a few thousand residents, so the model reads its rows in one query and
re-reads single rows after each entry (`refresh_ids`).
"""
from __future__ import annotations

from typing import Optional, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from canvass.walklist import KeyingRow, rows_by_id, walk_rows
from ui.labels import format_date, status_text


STATUS_COLORS = {"activated": "#d9f2d9", "activated_system": "#b8e6b8", "absent": "#fff1c2",
                 "ineligible": "#e6e0f5", "wrong_phone": "#fde0c8", "refused": "#f8d4d4", "revisit": "#d6eaf8"}


class KeyingModel(QAbstractTableModel):
    """Residents of one team in walk-list order, with their current outcome."""

    COLUMNS = ("seq", "household", "name", "born", "phone", "address", "outcome", "attempts")

    def __init__(self, db, parent=None):
        super().__init__(parent)
        self.db = db
        self.rows: list[KeyingRow] = []
        self._pos: dict[int, int] = {}
        self.headers = {"seq": self.tr("#"), "household": self.tr("Household"), "name": self.tr("Name"),
                        "born": self.tr("Born"), "phone": self.tr("Phone"), "address": self.tr("Address"),
                        "outcome": self.tr("Outcome"), "attempts": self.tr("Visits")}

    def load(self, team_id: Optional[int], hamlet_id: Optional[int] = None) -> None:
        """Show this team's (and hamlet's) residents."""
        with self.db.read() as s:
            rows = walk_rows(s, team_id, hamlet_id)
        self.beginResetModel()
        self.rows = rows
        self._pos = {row.id: i for i, row in enumerate(rows)}
        self.endResetModel()

    def refresh_ids(self, ids: Sequence[int]) -> None:
        """Re-read some residents after an entry and repaint their rows."""
        ids = [i for i in ids if i in self._pos]
        if not ids:
            return
        with self.db.read() as s:
            fresh = rows_by_id(s, ids)
        for rid, row in fresh.items():
            pos = self._pos[rid]
            self.rows[pos] = row
            self.dataChanged.emit(self.index(pos, 0), self.index(pos, len(self.COLUMNS) - 1))

    def resident_id(self, row: int) -> Optional[int]:
        """The resident shown on a row."""
        return self.rows[row].id if 0 <= row < len(self.rows) else None

    def row_of(self, resident_id: int) -> Optional[int]:
        """The row showing a resident."""
        return self._pos.get(resident_id)

    # Qt model interface
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.headers[self.COLUMNS[section]]
        return None

    _ROLES = frozenset((Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.UserRole))

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role not in self._ROLES or not index.isValid() or not (0 <= index.row() < len(self.rows)) \
                or index.column() >= len(self.COLUMNS):
            return None
        row = self.rows[index.row()]
        col = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == "seq":
                return str(index.row() + 1)
            if col == "household":
                return row.household or ""
            if col == "name":
                return row.name
            if col == "born":
                return str(row.born) if row.born else ""
            if col == "phone":
                return row.phone or ""
            if col == "address":
                return row.address or ""
            if col == "outcome":
                return status_text(row.status, row.reason) if row.status != "pending" else ""
            if col == "attempts":
                return str(row.attempts) if row.attempts else ""
        if role == Qt.ItemDataRole.BackgroundRole and col == "outcome" and row.status in STATUS_COLORS:
            return QBrush(QColor(STATUS_COLORS[row.status]))
        if role == Qt.ItemDataRole.ToolTipRole and col == "outcome" and row.last_visit_at:
            return self.tr("Last visit: %1").replace("%1", format_date(row.last_visit_at))
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None
