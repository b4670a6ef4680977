"""What the background-work dialogs share: `ask()`, an inline task bar that Escape/Close cancels first, the
error line, and for the dialogs that save a file: the path row, "Open folder" and the Export/Close buttons.

Texts here use the contexts "TaskDialog" and "SaveDialog" explicitly (QCoreApplication.translate), so a
subclass's own context does not hide them.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton,
                               QWidget)

from ui.dialogs import open_folder, remember_dir
from ui.dialogs.progress import TaskBar, error_text

ERROR_STYLE = "color: #b00020;"
EXPORT_DIR_KEY = "files/last_export_dir"


class Asks:
    """`ask(ctx, parent, ...)`: build the dialog, run it modally and return its `answer()` (tests replace ask)."""

    @classmethod
    def ask(cls, ctx, parent: Optional[QWidget], *args, **kwargs):
        """Show the dialog; what it produced (see `answer`), or None."""
        dlg = cls(ctx, parent, *args, **kwargs)
        try:
            dlg.exec()
            return dlg.answer()
        finally:
            dlg.deleteLater()   # parented to the window: without this every dialog ever opened stays in memory

    def answer(self):
        """What `ask` returns."""
        return None


class TaskDialog(Asks, QDialog):
    """A dialog whose work runs through an inline TaskBar (`self.taskbar`, hidden until used)."""

    def __init__(self, ctx, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.ctx = ctx
        self.taskbar = TaskBar(ctx, self)
        self.taskbar.hide()
        self.taskbar.finished.connect(self._finished)

    def _finished(self, outcome) -> None:   # pragma: no cover - every subclass has its own
        raise NotImplementedError

    def failed(self, outcome, label: QLabel) -> bool:
        """Hide the task bar; when the work failed, put the error in `label` in red and return True."""
        self.taskbar.hide()
        if outcome.ok:
            label.setStyleSheet("")
            return False
        label.setStyleSheet(ERROR_STYLE)
        label.setText(error_text(self, outcome.error))
        return True

    def reject(self) -> None:
        """Escape or Close: stop the running work first, close only when nothing runs."""
        if self.taskbar.running():
            self.taskbar.cancel()
            return
        super().reject()


class SaveDialog(TaskDialog):
    """A TaskDialog that writes one file: path + Browse, a message line, "Open folder", Export and Close.

    Nothing is replaced without a question: `may_write(path)` asks before an existing file is overwritten
    (unless the file dialog has just asked, `confirmed(path)`)."""

    def __init__(self, ctx, parent: Optional[QWidget], prefix: str, export_name: str):
        super().__init__(ctx, parent)
        self.written: Optional[str] = None
        self._confirmed: Optional[str] = None
        self.path = QLineEdit(self)
        self.path.setObjectName(f"{prefix}Path")
        self.path.setToolTip(QCoreApplication.translate("SaveDialog", "The folder and file name to write"))
        self.browse = QPushButton(QCoreApplication.translate("SaveDialog", "&Browse…"), self)
        self.browse.setObjectName(f"{prefix}Browse")
        self.browse.setToolTip(QCoreApplication.translate("SaveDialog", "Choose the folder and the file name"))
        self.browse.clicked.connect(self.choose_path)
        self.message = QLabel(self)
        self.message.setObjectName(f"{prefix}Message")
        self.message.setWordWrap(True)
        self.open_button = QPushButton(QCoreApplication.translate("SaveDialog", "Open &folder"), self)
        self.open_button.setObjectName(f"{prefix}OpenFolder")
        self.open_button.setToolTip(QCoreApplication.translate("SaveDialog", "Show the saved file in the file manager"))
        self.open_button.hide()
        self.open_button.clicked.connect(self.open_written_folder)
        self.print_button = QPushButton(QCoreApplication.translate("SaveDialog", "&Print…"), self)
        self.print_button.setObjectName(f"{prefix}Print")
        self.print_button.setToolTip(QCoreApplication.translate("SaveDialog", "Print the PDF that was just written"))
        self.print_button.hide()
        self.print_button.clicked.connect(self.print_written)
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(QCoreApplication.translate("SaveDialog", "&Export"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName(export_name)
        self.export_button.setToolTip(QCoreApplication.translate("SaveDialog", "Write the file now"))
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self.reject)

    def save_label(self) -> QLabel:
        """The "Save as:" label, bound to the path (Alt+S)."""
        label = QLabel(QCoreApplication.translate("SaveDialog", "&Save as:"), self)
        label.setBuddy(self.path)
        return label

    def path_row(self) -> QHBoxLayout:
        """The path field with its Browse button."""
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        return row

    def open_written_folder(self) -> bool:
        """Show the written file's folder in the file manager; say so when the system cannot."""
        if open_folder(self.written):
            return True
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(QCoreApplication.translate(
            "SaveDialog", "The folder could not be opened here. The file is at:\n%1").replace("%1", str(self.written)))
        return False

    def ask_printer(self):
        """A printer the person chose in the print dialog, or None (tests replace this method)."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dlg = QPrintDialog(printer, self)
        try:
            return printer if dlg.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dlg.deleteLater()

    def print_written(self) -> int:
        """Print the PDF just written (the same file as the preview); the pages sent."""
        from ui.widgets.printing import print_pdf

        printer = self.ask_printer()
        if printer is None:
            return 0
        pages = print_pdf(self.written, printer)
        if not pages:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(QCoreApplication.translate("SaveDialog", "The document could not be printed."))
        return pages

    def bottom_row(self) -> QHBoxLayout:
        """"Open folder" and "Print" on the left, Export and Close on the right."""
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addWidget(self.print_button)
        row.addStretch(1)
        row.addWidget(self.buttons)
        return row

    def choose_path(self) -> None:   # pragma: no cover - every subclass has its own
        raise NotImplementedError

    def confirmed(self, path: str) -> None:
        """The file dialog has already asked whether to replace `path`."""
        self._confirmed = str(Path(path))

    def may_write(self, path: str) -> bool:
        """True when `path` is free, or the person agrees to replace the file that is there."""
        target = Path(path)
        if not target.exists() or str(target) == self._confirmed:
            return True
        if target.is_dir():
            return True          # the core reports a folder in the way, in words
        if self.ask_replace(target):
            self._confirmed = str(target)
            return True
        self.message.setStyleSheet("")
        self.message.setText(QCoreApplication.translate("SaveDialog", "Nothing was written: choose another file name."))
        return False

    def ask_replace(self, target: Path) -> bool:
        """Ask whether to replace an existing file (No is the default: Enter keeps the file)."""
        answer = QMessageBox.question(
            self, QCoreApplication.translate("SaveDialog", "Replace the file?"),
            QCoreApplication.translate("SaveDialog", "“%1” already exists in %2.\nReplace it with the new document?")
            .replace("%1", target.name).replace("%2", str(target.parent)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def start(self) -> None:   # pragma: no cover - every subclass has its own
        raise NotImplementedError

    def begin(self, fn, label: str) -> None:
        """Run `fn(progress, cancel)` under the task bar, with Export disabled and the last message cleared."""
        self.export_button.setEnabled(False)
        self.open_button.hide()
        self.print_button.hide()
        self.message.setStyleSheet("")
        self.message.clear()
        self.taskbar.show()
        self.taskbar.start(fn, label)

    def saved(self, outcome):
        """The core's result when the file was written (remembered folder, "Open folder" shown), else None."""
        self.export_button.setEnabled(True)
        if self.failed(outcome, self.message):
            return None
        res = outcome.result
        self.written = str(res.path)
        remember_dir(self.ctx, EXPORT_DIR_KEY, res.path)
        self.open_button.show()
        self.print_button.setVisible(str(res.path).lower().endswith(".pdf"))
        return res

    def answer(self) -> Optional[str]:
        """The path of the last file written, or None."""
        return self.written
