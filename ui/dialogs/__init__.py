"""Dialogs of the window (import wizard, outcomes, packs, exports) and the small pieces they share.

The labels of the core's codes live in `ui.labels` (one wording for the whole window).
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt



class RowsModel(QAbstractTableModel):
    """A small read-only table over a list of tuples (previews, logs): headers + rows of display texts."""

    def __init__(self, headers=(), rows=(), parent=None):
        super().__init__(parent)
        self.headers = list(headers)
        self.rows = [tuple(r) for r in rows]

    def set_rows(self, headers, rows) -> None:
        """Replace the whole content."""
        self.beginResetModel()
        self.headers = list(headers)
        self.rows = [tuple(r) for r in rows]
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)) or index.column() >= len(self.headers):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            row = self.rows[index.row()]
            value = row[index.column()] if index.column() < len(row) else ""
            return "" if value is None else str(value)
        return None


def last_dir(ctx, key: str) -> str:
    """A folder remembered in the settings ('files/last_export_dir', ...), else the home folder."""
    from pathlib import Path

    try:
        value = ctx.settings.get(key) if ctx.settings is not None else ""
    except (KeyError, AttributeError):
        value = ""
    return value if value and Path(value).is_dir() else str(Path.home())


def remember_dir(ctx, key: str, path) -> None:
    """Remember the folder of a chosen file in the settings (when there are settings)."""
    from pathlib import Path

    try:
        if ctx.settings is not None:
            ctx.settings.set(key, str(Path(path).parent))
    except (KeyError, AttributeError):
        pass


def open_folder(path) -> bool:
    """Show the folder holding a file in the system's file manager."""
    from pathlib import Path

    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).resolve().parent)))
