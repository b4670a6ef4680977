"""The window's icon set: small SVGs in resources/icons, drawn for this program."""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QIcon

import resources

ICONS_DIR = resources.path("icons")


@lru_cache(maxsize=None)
def icon(name: str) -> QIcon:
    """The icon `resources/icons/<name>.svg` (an empty icon when missing)."""
    path = ICONS_DIR / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()
