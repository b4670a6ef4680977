"""The window's settings: one declarative registry over QSettings (INI format).

Every setting is declared once with its key, default and type (`Setting("ui/language", "vi")`); reading
converts the INI text back to that type, so the rest of the window never touches QSettings itself.
The core never sees QSettings: it gets plain values (a path, a language code).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "GoCua"
APPLICATION = "GoCua"
MAX_RECENT = 8


@dataclass(frozen=True)
class Setting:
    """One declared setting: its QSettings key, default value and type (taken from the default)."""
    key: str
    default: Any
    kind: type = type(None)

    def __post_init__(self):
        if self.kind is type(None):
            object.__setattr__(self, "kind", type(self.default))


REGISTRY: dict[str, Setting] = {}


def declare(key: str, default: Any, kind: Optional[type] = None) -> Setting:
    """Add a setting to the registry (once per key)."""
    s = Setting(key, default, kind or type(default))
    REGISTRY[key] = s
    return s


LANGUAGE = declare("ui/language", "vi")
LAST_DB = declare("files/last_db", "")
RECENT_FILES = declare("files/recent", [], list)
LAST_IMPORT_DIR = declare("files/last_import_dir", "")
LAST_EXPORT_DIR = declare("files/last_export_dir", "")
WINDOW_GEOMETRY = declare("window/geometry", QByteArray(), QByteArray)
WINDOW_STATE = declare("window/state", QByteArray(), QByteArray)
CURRENT_TAB = declare("window/tab", 0)
ACTOR = declare("user/name", "")
SEARCH_DEBOUNCE_MS = declare("ui/search_debounce_ms", 40)   # the first page answers in tens of ms


def _convert(value: Any, setting: Setting) -> Any:
    kind = setting.kind
    if value is None:
        return setting.default
    if kind is bool:
        if isinstance(value, str):
            return value.strip().lower() in ("1", "true", "yes", "on")
        return bool(value)
    if kind is int:
        try:
            return int(value)
        except (TypeError, ValueError):
            return setting.default
    if kind is list:
        if isinstance(value, str):
            return [value] if value else []
        return [str(v) for v in value]
    if kind is QByteArray:
        return value if isinstance(value, QByteArray) else QByteArray(value) if isinstance(value, bytes) else \
            setting.default
    if kind is str:
        return str(value)
    return value


class Settings:
    """Typed access to the registry over one QSettings INI file (a test passes its own path)."""

    def __init__(self, path: Optional[str | Path] = None):
        if path is not None:
            self.qs = QSettings(str(path), QSettings.Format.IniFormat)
        else:
            self.qs = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)

    def _setting(self, key: str | Setting) -> Setting:
        if isinstance(key, Setting):
            return key
        try:
            return REGISTRY[key]
        except KeyError:
            raise KeyError(f"undeclared setting {key!r}") from None

    def get(self, key: str | Setting) -> Any:
        """The value of a setting, converted to its declared type (the default when unset)."""
        s = self._setting(key)
        if not self.qs.contains(s.key):
            return list(s.default) if isinstance(s.default, list) else s.default
        return _convert(self.qs.value(s.key), s)

    def set(self, key: str | Setting, value: Any) -> None:
        """Store a setting."""
        s = self._setting(key)
        self.qs.setValue(s.key, value)

    def reset(self, key: str | Setting) -> None:
        """Forget a stored value (the default applies again)."""
        self.qs.remove(self._setting(key).key)

    def sync(self) -> None:
        """Write to disk now."""
        self.qs.sync()

    @property
    def file_name(self) -> str:
        """Where the INI file is."""
        return self.qs.fileName()

    # recent files -------------------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        """Recently opened databases, newest first, those that still exist."""
        return [p for p in self.get(RECENT_FILES) if p and ("://" in p or Path(p).exists())]

    def add_recent(self, path: str) -> None:
        """Put a database first in the recent list and remember it as the last one opened."""
        path = str(path)
        items = [p for p in self.get(RECENT_FILES) if p != path]
        self.set(RECENT_FILES, [path] + items[:MAX_RECENT - 1])
        self.set(LAST_DB, path)
        self.sync()


__all__ = ["Setting", "Settings", "REGISTRY", "declare", "LANGUAGE", "LAST_DB", "RECENT_FILES", "WINDOW_GEOMETRY",
           "WINDOW_STATE", "CURRENT_TAB", "ACTOR", "LAST_IMPORT_DIR", "LAST_EXPORT_DIR", "SEARCH_DEBOUNCE_MS"]
