"""Refresh gocua_<lang>.ts from the window's sources and build the .qm files: `python resources/translations/update.py`.

pyside6-lupdate keeps the translations already in a .ts (new strings come in as unfinished; fill them in
Qt Linguist or a text editor), then pyside6-lrelease builds every *.ts here into the .qm the program loads.
The .qm files are committed, so running the program needs no build step. Two catalogues: `gocua_<lang>`
(the window shell, views and Qt's own strings) and `dialogs_<lang>` (dialogs, teams and keying views).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
# The window shell's sources (gocua_<lang>.ts) and the dialogs' (dialogs_<lang>.ts).
SOURCES = ["ui/app.py", "ui/main_window.py", "ui/start_dialog.py", "ui/screenshot.py", "ui/views/residents.py",
           "ui/views/details.py", "ui/views/dashboard.py", "ui/models/residents.py", "ui/labels.py",
           "ui/models/simple.py", "resources/translations/qt_strings.py"]
DIALOG_SOURCES = ["ui/dialogs/__init__.py", "ui/dialogs/base.py", "ui/dialogs/import_wizard/texts.py",
                  "ui/dialogs/import_wizard/mapping.py", "ui/dialogs/import_wizard/pages.py",
                  "ui/dialogs/import_wizard/wizard.py",
                  "ui/dialogs/list_kind.py", "ui/dialogs/campaign_dialog.py", "ui/dialogs/scan_review.py",
                  "ui/dialogs/export_dialog.py", "ui/dialogs/pack_dialogs.py", "ui/dialogs/outcome_dialog.py",
                  "ui/dialogs/progress.py", "ui/dialogs/backup_dialogs.py", "ui/dialogs/login.py", "ui/views/teams.py",
                  "ui/views/keying.py",
                  "ui/models/teams_model.py", "ui/models/keying_model.py"]
LANGS = ["vi"]


def tool(name: str) -> str:
    """A pyside6 tool next to this Python, or on PATH."""
    local = Path(sys.executable).parent / name
    found = str(local) if local.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found (pip install PySide6)")
    return found


def main() -> int:
    """Update the .ts files, then build every .qm."""
    sources = [str(ROOT / s) for s in SOURCES if (ROOT / s).exists()]
    sources += [str(p) for p in sorted((ROOT / "ui" / "widgets").glob("*.py"))]
    dialogs = [str(ROOT / s) for s in DIALOG_SOURCES if (ROOT / s).exists()]
    for lang in LANGS:
        subprocess.run([tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", "-target-language", f"{lang}_VN" if lang == "vi" else lang, *sources,
                        "-ts", str(HERE / f"gocua_{lang}.ts")], check=True)
        subprocess.run([tool("pyside6-lupdate"), "-no-obsolete", *dialogs, "-ts", str(HERE / f"dialogs_{lang}.ts")],
                       check=True)
    for ts in sorted(HERE.glob("*.ts")):
        subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
