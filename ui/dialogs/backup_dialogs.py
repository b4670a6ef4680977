"""File > Back up and File > Restore: a file dialog, a question before restoring, the copy in the background.

The work is canvass/backup.py's; here are only the choices a person makes and the sentences they read.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from canvass.backup import BackupError, backup_now, backups_folder, restore
from ui.dialogs.progress import ProgressDialog, error_text

translate = QCoreApplication.translate


def _failed(parent: Optional[QWidget], title: str, exc: BaseException) -> None:
    text = error_text(parent, exc)
    QMessageBox.warning(parent, title, text)


def _run(ctx, parent, title: str, work, label: str):
    """Run the work under the progress dialog; its result, or None after saying why it failed."""
    outcome = ProgressDialog.run(ctx, parent, lambda progress, cancel: work(), title=title, label=label)
    if not outcome.ok:
        _failed(parent, title, outcome.error)
        return None
    return outcome.result


def _folder(ctx, parent) -> Optional[Path]:
    try:
        folder = backups_folder(ctx.db)
    except BackupError as exc:
        _failed(parent, translate("BackupDialogs", "Back up"), exc)
        return None
    folder.mkdir(exist_ok=True)
    return folder


def backup_database(ctx, parent: Optional[QWidget] = None) -> Optional[Path]:
    """Ask where to write a copy of the open database and write it; returns the file, or None."""
    title = translate("BackupDialogs", "Back up")
    folder = _folder(ctx, parent)
    if folder is None:
        return None
    suggested = folder / f"{Path(ctx.db.engine.url.database).stem}-{dt.date.today():%Y-%m-%d}.db"
    path, _ = QFileDialog.getSaveFileName(parent, translate("BackupDialogs", "Back up the database"), str(suggested),
                                          translate("BackupDialogs", "Gõ Cửa database (*.db)"))
    if not path:
        return None
    return _run(ctx, parent, title, lambda: backup_now(ctx.db, path),
                translate("BackupDialogs", "Copying the database…"))


def restore_database(ctx, parent: Optional[QWidget] = None) -> Optional[object]:
    """Ask for a backup, ask again before putting it back, restore it; returns the RestoreResult, or None.
    Refused while the window's own work runs (an import or merge would be overwritten under it)."""
    title = translate("BackupDialogs", "Restore")
    if ctx.runner.busy():
        QMessageBox.information(parent, title, translate(
            "BackupDialogs", "Wait until the work under way has finished, then restore."))
        return None
    folder = _folder(ctx, parent)
    if folder is None:
        return None
    path, _ = QFileDialog.getOpenFileName(parent, translate("BackupDialogs", "Restore from a backup"), str(folder),
                                          translate("BackupDialogs", "Gõ Cửa database (*.db);;All files (*)"))
    if not path:
        return None
    question = translate(
        "BackupDialogs", "Replace everything in the open database with the backup “%1”?\n\nThe database as it is "
        "now is kept first in the backups folder, so this can be undone.").replace("%1", Path(path).name)
    if QMessageBox.question(parent, title, question) != QMessageBox.StandardButton.Yes:
        return None
    return _run(ctx, parent, title, lambda: restore(ctx.db, path),
                translate("BackupDialogs", "Restoring the backup…"))
