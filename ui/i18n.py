"""Languages: install the app's translations and Qt's own, and format dates and numbers the local way.

`install(app, "vi")` loads every `resources/translations/*_vi.qm` (the window's and the dialogs') and,
like picard's `i18n/qt.py`, Qt's own `qtbase_<lang>.qm` from the PySide6 wheel when it has one. The
wheel has none for Vietnamese, so `gocua_vi.ts` also translates the Qt contexts the window shows
(QDialogButtonBox, QMessageBox, QFileDialog, QLineEdit, QWizard...). English is the source language:
nothing is loaded for it (except qtbase_en for completeness).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

import resources

TRANSLATIONS_DIR = resources.path("translations")
LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"

_installed: list[QTranslator] = []
_current = DEFAULT_LANGUAGE


def language_names() -> dict[str, str]:
    """Each language's name written in that language (a switch must be readable whatever is current)."""
    return {"vi": "Tiếng Việt", "en": "English"}


def qt_translation_files(lang: str) -> list[Path]:
    """Qt's own catalogues for a language, where the PySide6 wheel ships them (none for Vietnamese)."""
    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    found = []
    for base in ("qtbase",):
        for name in (f"{base}_{lang}.qm", f"{base}_{lang.split('_')[0]}.qm"):
            p = qt_dir / name
            if p.exists():
                found.append(p)
                break
    return found


def app_translation_files(lang: str, folder: Path = TRANSLATIONS_DIR) -> list[Path]:
    """The app's own catalogues for a language: every `*_<lang>.qm` in resources/translations."""
    return sorted(folder.glob(f"*_{lang}.qm"))


def install(app: Optional[QCoreApplication], lang: str) -> list[str]:
    """Replace the installed translators by those of `lang`; return the files loaded."""
    global _current
    app = app or QCoreApplication.instance()
    for t in _installed:
        QCoreApplication.removeTranslator(t)
    _installed.clear()
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    _current = lang
    loaded = []
    for path in qt_translation_files(lang) + app_translation_files(lang):
        t = QTranslator(app)
        if t.load(str(path)):
            QCoreApplication.installTranslator(t)
            _installed.append(t)
            loaded.append(path.name)
    QLocale.setDefault(locale_for(lang))
    return loaded


def current_language() -> str:
    """The language installed last."""
    return _current


def locale_for(lang: str) -> QLocale:
    """The QLocale for a language code (Vietnam for vi)."""
    return QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam) if lang == "vi" else \
        QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def fmt_int(n: Optional[int]) -> str:
    """A whole number with the language's thousands separator (1.234.567 in Vietnamese)."""
    if n is None:
        return ""
    return locale_for(_current).toString(int(n))


def fmt_float(x: Optional[float], decimals: int = 1) -> str:
    """A decimal number the local way (12,5 in Vietnamese)."""
    if x is None:
        return ""
    return locale_for(_current).toString(float(x), "f", decimals)


def fmt_date(d: Optional[dt.date]) -> str:
    """A date as dd/mm/yyyy (both languages: it is what the users' paper forms use)."""
    if d is None:
        return ""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def fmt_datetime(d: Optional[dt.datetime]) -> str:
    """A date and time as dd/mm/yyyy HH:MM."""
    if d is None:
        return ""
    return f"{fmt_date(d)} {d.hour:02d}:{d.minute:02d}"


__all__ = ["install", "current_language", "locale_for", "fmt_int", "fmt_float", "fmt_date", "fmt_datetime",
           "language_names", "LANGUAGES", "DEFAULT_LANGUAGE", "TRANSLATIONS_DIR",
           "app_translation_files", "qt_translation_files"]
