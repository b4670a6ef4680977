"""The one protocol between the main window and its tab views.

A tab view reads the database in `reload()` (each view writes its own) and nothing else calls that
directly from outside: the window calls `refresh()` when the data changed, which re-reads now when the view
is visible and otherwise when it is next shown. Nothing is read before a view is first shown (a team's walk
list or the teams' loads at province scale would delay the window's first rows). A view that wrote to the
database emits `changed`; the window then refreshes the other views.
"""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget


class TabView(QWidget):
    """A tab of the main window: `reload()` reads, `refresh()` says the data changed, `changed` says it
    changed the data."""

    changed = Signal()

    def __init__(self, ctx, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True          # not read yet: read when first shown

    def reload(self) -> None:
        """Read what the view shows, now (each view implements it)."""
        raise NotImplementedError

    def refresh(self) -> None:
        """The data changed: re-read now when visible, else when next shown."""
        self._stale = True
        if self.isVisible():
            self._read()

    def stale(self) -> bool:
        """True while the view shows older data than the database's (or nothing yet)."""
        return self._stale

    def ensure_read(self) -> None:
        """Read now if the view is stale (before acting on what it shows while hidden)."""
        if self._stale:
            self._read()

    def _read(self) -> None:
        self._stale = False
        self.reload()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._stale:
            self._read()
