"""Window sizes that fit the screen: the station PCs are often 1366x768, sometimes at 125 % scaling (1093x614)."""
from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def fit_resize(widget: QWidget, width: int, height: int) -> None:
    """Resize to width x height, or to what the screen's free area allows (a window taller than the screen hides
    its buttons)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        free = screen.availableGeometry()
        width = min(width, int(free.width() * 0.96))
        height = min(height, int(free.height() * 0.92))
    widget.resize(width, height)
