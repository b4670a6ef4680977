"""Dialogs of the window (import wizard, outcomes, packs, exports) and the small pieces they share.

The labels of the core's codes live in `ui.labels` (one wording for the whole window).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Optional

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from ui.models.simple import ListTableModel


HIGHLIGHT = "#fde7e9"     # the background of a row that asks for a second look (a final status replaced)
_HIGHLIGHT_COLOR = QColor(HIGHLIGHT)


class RowsModel(ListTableModel):
    """A ListTableModel whose headers come with its rows (previews, logs); a cell's tooltip is its full text;
    rows in `highlighted` are drawn on a light red background."""

    def __init__(self, headers=(), rows=(), parent=None):
        super().__init__(headers, rows, parent)
        self.highlighted: set[int] = set()

    def set_rows(self, headers, rows, highlighted=()) -> None:
        """Replace the headers and every row (and which rows are highlighted)."""
        self.beginResetModel()
        self._headers = list(headers)
        self._rows = [list(r) for r in rows]
        self.highlighted = set(highlighted)
        self.endResetModel()

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole:
            role = Qt.ItemDataRole.DisplayRole
        if role == Qt.ItemDataRole.BackgroundRole:
            return _HIGHLIGHT_COLOR if index.isValid() and index.row() in self.highlighted else None
        return super().data(index, role)


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


def file_name(stem: str, *parts: Optional[str], day: Optional[dt.date] = None, suffix: str = ".xlsx") -> str:
    """A default file name: `<stem>_<part>_..._<yyyy-mm-dd><suffix>`, ASCII without spaces, so two documents of
    another kind, hamlet or team never get the same name ("Thôn Nà Thí" -> "Thon_Na_Thi"; empty parts left out)."""
    words = [stem]
    for part in parts:
        if part:
            plain = "".join(c for c in unicodedata.normalize("NFD", part.replace("đ", "d").replace("Đ", "D"))
                            if not unicodedata.combining(c))
            slug = re.sub(r"[^A-Za-z0-9]+", "_", plain).strip("_")
            if slug:
                words.append(slug)
    words.append((day or dt.date.today()).isoformat())
    return "_".join(words) + suffix
