"""A shared progress dialog for long work run through `ctx.runner`, with a cancel button.

`ProgressDialog.run(ctx, parent, fn, title=..., label=...)` starts `fn(progress=, cancel=)` in the
background, shows the progress, waits in a local event loop (the window keeps painting) and returns a
`TaskOutcome`. Cancel asks the work to stop at its next check; the core then rolls back and raises
`Cancelled`. `TaskBar` is the same thing as an inline widget for wizard pages and dialogs.
"""
from __future__ import annotations

import errno
import logging
import sqlite3
import traceback
from dataclasses import dataclass
from typing import Any, Callable, Optional

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, Signal
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout,
                               QWidget)

from canvass.errors import Cancelled


@dataclass
class TaskOutcome:
    """How a background task ended: its result, or the error, or that it was cancelled."""
    result: Any = None
    error: Optional[BaseException] = None

    @property
    def cancelled(self) -> bool:
        """True when the work stopped because the person cancelled it."""
        return isinstance(self.error, Cancelled)

    @property
    def ok(self) -> bool:
        """True when the work finished normally."""
        return self.error is None


class TaskBar(QWidget):
    """A progress bar with a cancel button that runs one task at a time through ctx.runner."""

    finished = Signal(object)   # TaskOutcome

    def __init__(self, ctx, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.ctx = ctx
        self.task = None
        self.outcome: Optional[TaskOutcome] = None
        self.label = QLabel(self)
        self.label.setObjectName("taskLabel")
        self.bar = QProgressBar(self)
        self.bar.setObjectName("taskProgress")
        self.bar.setRange(0, 0)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("taskCancel")
        self.cancel_button.setToolTip(self.tr("Stop the work; nothing is saved"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.label)
        lay.addLayout(row)

    def start(self, fn: Callable[..., Any], label: str = "") -> None:
        """Run `fn(progress=, cancel=)` in the background; `finished` is emitted with the outcome."""
        self.outcome = None
        self.label.setText(label)
        self.bar.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self.task = self.ctx.runner.run(fn, on_done=self._done, on_error=self._failed,
                                        on_progress=self._progress)

    def running(self) -> bool:
        """True while a task is under way."""
        return self.task is not None and self.outcome is None

    def cancel(self) -> None:
        """Ask the running task to stop."""
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText(self.tr("Cancelling…"))

    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))

    def _end(self, outcome: TaskOutcome) -> None:
        self.outcome = outcome
        self.task = None
        self.cancel_button.setEnabled(False)
        if outcome.ok:
            self.bar.setRange(0, 1)
            self.bar.setValue(1)
            self.label.setText(self.tr("Done."))
        else:
            self.label.setText(self.tr("Stopped."))
            self.bar.setRange(0, 1)
            self.bar.setValue(0)
        self.finished.emit(outcome)

    def _done(self, result: Any) -> None:
        self._end(TaskOutcome(result=result))

    def _failed(self, exc: BaseException) -> None:
        self._end(TaskOutcome(error=exc))


class ProgressDialog(QDialog):
    """A small modal window showing one task's progress, with cancel."""

    def __init__(self, ctx, parent: Optional[QWidget] = None, title: str = ""):
        super().__init__(parent)
        self.setObjectName("progressDialog")
        self.setWindowTitle(title or self.tr("Working"))
        self.setMinimumWidth(420)
        self.taskbar = TaskBar(ctx, self)
        lay = QVBoxLayout(self)
        lay.addWidget(self.taskbar)
        self.taskbar.finished.connect(lambda _o: self.accept())

    def reject(self) -> None:  # Escape or the close button cancel the work instead of hiding it
        if self.taskbar.running():
            self.taskbar.cancel()
        else:
            super().reject()

    @classmethod
    def run(cls, ctx, parent: Optional[QWidget], fn: Callable[..., Any], *, title: str = "",
            label: str = "") -> TaskOutcome:
        """Run `fn` in the background under this dialog and return how it ended."""
        dlg = cls(ctx, parent, title)
        loop = QEventLoop()
        dlg.taskbar.finished.connect(lambda _o: loop.quit())
        dlg.taskbar.start(fn, label)
        dlg.setWindowModality(Qt.WindowModality.ApplicationModal)
        dlg.show()
        if dlg.taskbar.outcome is None:
            loop.exec()
        outcome = dlg.taskbar.outcome
        dlg.hide()
        dlg.deleteLater()
        return outcome


def error_text(widget: QWidget, exc: BaseException) -> str:
    """One sentence for a person: the core's message for CanvassError, a plain sentence for a file or database
    problem (no permission, file open elsewhere, database locked, read-only or not a database), else a generic line
    (the type and the stack go to the log, never the message: it may hold personal data)."""
    from canvass.errors import CanvassError

    if isinstance(exc, Cancelled):
        return QCoreApplication.translate("TaskBar", "Cancelled: nothing was changed.")
    if isinstance(exc, CanvassError):
        from canvass.messages import MESSAGES, text

        from ui.i18n import current_language

        if exc.code in getattr(exc, "texts", MESSAGES):   # an ImportFileError's table is FILE_ERRORS
            return _sentence(text(exc, current_language()))
        return str(exc)     # a code with a table of its own (pack rows) or a plain sentence
    known = known_error_text(exc)
    if known:
        return known
    log_unexpected(exc)
    return QCoreApplication.translate("TaskBar", "Unexpected error (%1). Nothing was saved by this step; try again, "
                                      "and if it happens again tell the person who supports the program.") \
        .replace("%1", type(exc).__name__)


def log_unexpected(exc: BaseException) -> None:
    """Log an unexpected error: its type and where it happened, not its message (names, CCCD or SQL values)."""
    tb = "".join(traceback.format_tb(exc.__traceback__)) if exc.__traceback__ is not None else ""
    logging.getLogger("gocua").error("unexpected %s.%s\n%s", type(exc).__module__, type(exc).__name__, tb)


def known_error_text(exc: BaseException) -> Optional[str]:
    """A Vietnamese (translated) sentence for the file and database errors a person can fix, or None."""
    from canvass.db import DatabaseError as SchemaError, ForeignDatabase, MissingFolder

    if isinstance(exc, ForeignDatabase):
        return QCoreApplication.translate("TaskBar", "This file is not a Gõ Cửa database, or it is damaged.")
    if isinstance(exc, MissingFolder):
        return QCoreApplication.translate("TaskBar", "The folder “%1” does not exist. Check the database's path."
                                          ).replace("%1", exc.folder)
    if isinstance(exc, SchemaError):
        return QCoreApplication.translate(
            "TaskBar", "This database cannot be opened by this version of Gõ Cửa (it was made by a newer version). "
            "Update the program.")
    if isinstance(exc, PermissionError):
        return QCoreApplication.translate(
            "TaskBar", "The file cannot be written or read: you may not write in that folder, or the file is open in "
            "another program (such as Excel). Close it or choose another folder, then try again.")
    if isinstance(exc, OSError):
        if getattr(exc, "errno", None) == errno.ENOSPC:
            return QCoreApplication.translate("TaskBar", "The disk is full. Free some space, then try again.")
        return QCoreApplication.translate(
            "TaskBar", "The file or folder cannot be used. Check that it exists and that you may write there, then try "
            "again.")
    orig = getattr(exc, "orig", None) or exc
    if isinstance(orig, sqlite3.Error) or type(exc).__module__.startswith("sqlalchemy"):
        msg = str(orig).lower()
        if "locked" in msg or "busy" in msg:
            return QCoreApplication.translate(
                "TaskBar", "The database is busy: another program (or another Gõ Cửa window) is writing to it. "
                "Wait a moment and try again.")
        if "readonly" in msg or "read-only" in msg or "unable to open" in msg:
            return QCoreApplication.translate(
                "TaskBar", "The database file cannot be written: it is read-only or in a folder you may not write "
                "to. Copy it to a folder of your own and open the copy.")
        if "not a database" in msg or "malformed" in msg or "corrupt" in msg:
            return QCoreApplication.translate("TaskBar", "This file is not a Gõ Cửa database, or it is damaged.")
        if "disk" in msg and "full" in msg:
            return QCoreApplication.translate("TaskBar", "The disk is full. Free some space, then try again.")
    return None


def _sentence(text: str) -> str:
    """A core message as a sentence: capital first letter, a full stop."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?…" else text + "."
