"""Window sizes that fit the screen: the station PCs are often 1366x768, sometimes at 125 % scaling (1093x614);
and table columns that give way in order when the window is narrow (`give_way`)."""
from __future__ import annotations

from typing import Mapping, Optional, Sequence

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHeaderView, QWidget


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


def give_way(header: QHeaderView, excess: int, tiers: Sequence[Sequence[int]], floor: int = 70,
             floors: Optional[Mapping[int, int]] = None) -> int:
    """Narrow a table's columns by `excess` pixels, tier after tier (`tiers`: column numbers, the first to give
    way first), each column of a tier in proportion to what it has above its least width: its title's width,
    and at least `floor` (or its own `floors[column]`); their cells are then shortened with "…" by the view.
    Returns the pixels still in excess (the table scrolls sideways for those)."""
    floors = floors or {}
    for tier in tiers:
        if excess <= 0:
            break
        spare = {i: header.sectionSize(i) - max(header.sectionSizeHint(i), floors.get(i, floor)) for i in tier}
        spare = {i: v for i, v in spare.items() if v > 0}
        total_spare = sum(spare.values())
        if total_spare <= 0:
            continue
        part = min(excess, total_spare)
        for i, v in spare.items():
            cut = min(v, -(-part * v // total_spare))
            header.resizeSection(i, header.sectionSize(i) - cut)
            excess -= cut
    return max(excess, 0)
