"""A read-only table model over a short list of rows (a resident's history, source rows, dashboard tables)."""
from __future__ import annotations

from typing import Any, Optional, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt


class ListTableModel(QAbstractTableModel):
    """Rows of already formatted cells with headers; for small tables only (no lazy loading)."""

    def __init__(self, headers: Sequence[str], rows: Sequence[Sequence[Any]] = (), parent=None,
                 tooltips: Optional[Sequence[Optional[str]]] = None):
        super().__init__(parent)
        self._headers = list(headers)
        self._rows = [list(r) for r in rows]
        self._tooltips = list(tooltips) if tooltips else None

    def set_rows(self, rows: Sequence[Sequence[Any]], tooltips: Optional[Sequence[Optional[str]]] = None) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = [list(r) for r in rows]
        self._tooltips = list(tooltips) if tooltips else None
        self.endResetModel()

    def headers(self) -> list[str]:
        """The column headers."""
        return list(self._headers)

    def rows(self) -> list[list[Any]]:
        """The rows shown."""
        return [list(r) for r in self._rows]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if not 0 <= index.column() < len(row):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            v = row[index.column()]
            return "" if v is None else str(v)
        if role == Qt.ItemDataRole.ToolTipRole and self._tooltips and index.row() < len(self._tooltips):
            return self._tooltips[index.row()]
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
