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
    if screen is not None and widget.isVisible():
        keep_on_screen(widget)


def keep_on_screen(widget: QWidget) -> None:
    """Move a shown window that grew (a dialog showing its preview) back inside the screen's free area: it
    grows from its top-left corner, and on a 768-pixel screen its buttons went below the bottom edge."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    free, frame = screen.availableGeometry(), widget.frameGeometry()
    x = max(free.left(), min(frame.left(), free.left() + free.width() - frame.width()))
    y = max(free.top(), min(frame.top(), free.top() + free.height() - frame.height()))
    if (x, y) != (frame.left(), frame.top()):
        widget.move(x, y)
