"""The pages of the import wizard: the file, the sheets and column mapping, the preview (a dry run), the
import with progress and cancel, and the log. They collect choices and show results; the wizard
(`wizard.py`) runs the core."""
from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QFileDialog, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QPushButton, QSpinBox, QSplitter,
                               QTableView, QVBoxLayout, QWidget, QWizard, QWizardPage)

from canvass.display import column_letter
from ui.dialogs import RowsModel, last_dir, remember_dir
from ui.dialogs.import_wizard.mapping import FieldDelegate, MappingModel, cell_shown
from ui.dialogs.import_wizard.texts import issue_text
from ui.dialogs.list_kind import ListKindBox
from ui.dialogs.progress import TaskBar
from ui.labels import field_label

if TYPE_CHECKING:
    from ui.dialogs.import_wizard.wizard import ImportWizard

IMPORT_DIR_KEY = "files/last_import_dir"
PAGE_FILE, PAGE_MAPPING, PAGE_PREVIEW, PAGE_RUN, PAGE_LOG = range(5)


def thousands(n: int) -> str:
    """An integer with the language's thousands separator (12.345 in Vietnamese)."""
    from ui.i18n import fmt_int

    return fmt_int(n)


def _table(parent: QWidget, name: str, model) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    return view


class FilePage(QWizardPage):
    """Choose the list to import (and a hamlet for lists without one)."""

    def __init__(self, wizard: "ImportWizard"):
        super().__init__(wizard)
        self.wiz = wizard
        self.setObjectName("wizardFilePage")
        self.setTitle(self.tr("Choose the list"))
        self.setSubTitle(self.tr("The Excel (.xlsx, .xls), LibreOffice (.ods) or CSV list of residents "
                                 "whose account is approved but not activated."))
        self.path = QLineEdit(self)
        self.path.setObjectName("wizardPath")
        self.path.setToolTip(self.tr("The file to import"))
        self.path.textChanged.connect(lambda _t: self.completeChanged.emit())
        self.browse = QPushButton(self.tr("&Browse…"), self)
        self.browse.setObjectName("wizardBrowse")
        self.browse.setToolTip(self.tr("Choose the list the police sent (Excel, LibreOffice or CSV)"))
        self.browse.clicked.connect(self.choose)
        self.hamlet = QLineEdit(self)
        self.hamlet.setObjectName("wizardHamlet")
        self.hamlet.setPlaceholderText(self.tr("Only if the list has no hamlet column, e.g. Thôn Nà Thí"))
        self.hamlet.setToolTip(self.tr("The hamlet of every resident of a list that does not say it"))
        self.hamlet.textChanged.connect(lambda _t: self.wiz.invalidate())
        self.error = QLabel(self)
        self.error.setObjectName("wizardFileError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        form = QFormLayout(self)
        label = QLabel(self.tr("&File:"), self)
        label.setBuddy(self.path)
        form.addRow(label, row)
        hlabel = QLabel(self.tr("&Hamlet:"), self)
        hlabel.setBuddy(self.hamlet)
        form.addRow(hlabel, self.hamlet)
        form.addRow(self.error)

    def choose(self) -> None:
        """Pick the file (a file dialog)."""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a list of residents"),
                                              last_dir(self.wiz.ctx, IMPORT_DIR_KEY),
                                              self.tr("Lists (*.xlsx *.xlsm *.xls *.ods *.csv);;All files (*)"))
        if path:
            self.path.setText(path)

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        """Read the file (in the background) before going on."""
        self.error.clear()
        return self.wiz.inspect(self.path.text().strip())


class MappingPage(QWizardPage):
    """Sheets, header row and the column mapping, with sample rows; each mapping can be corrected."""

    def __init__(self, wizard: "ImportWizard"):
        super().__init__(wizard)
        self.wiz = wizard
        self.setObjectName("wizardMappingPage")
        self.setTitle(self.tr("Check the columns"))
        self.setSubTitle(self.tr("Tick the sheets to import. For each column, check what it holds; "
                                 "double-click a field to correct it."))
        self.sheets = QListWidget(self)
        self.sheets.setObjectName("wizardSheets")
        self.sheets.setToolTip(self.tr("Ticked sheets are imported"))
        self.sheets.setMaximumWidth(220)
        self.sheets.currentRowChanged.connect(self._show_sheet)
        self.sheets.itemChanged.connect(lambda _i: (self.wiz.invalidate(), self.completeChanged.emit()))
        self.header_row = QSpinBox(self)
        self.header_row.setObjectName("wizardHeaderRow")
        self.header_row.setRange(1, 1000)
        self.header_row.setToolTip(self.tr("The row of the file that holds the column headers"))
        self.header_row.valueChanged.connect(self._header_row_changed)
        self.info = QLabel(self)
        self.info.setObjectName("wizardSheetInfo")
        self.info.setWordWrap(True)
        self.model = MappingModel(self)
        self.model.mappingChanged.connect(self._mapping_changed)
        self.table = _table(self, "wizardMappingTable", self.model)
        self.table.setToolTip(self.tr("Double-click a field (or press F2) to choose what the column holds"))
        self.table.setItemDelegateForColumn(MappingModel.COLUMNS.index("field"), FieldDelegate(self.table))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.SelectedClicked)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.sample_model = RowsModel(parent=self)
        self.samples = _table(self, "wizardSampleTable", self.sample_model)
        self.samples.setToolTip(self.tr("The first rows of the sheet, as they will be read"))
        top = QHBoxLayout()
        hl = QLabel(self.tr("Header &row:"), self)
        hl.setBuddy(self.header_row)
        top.addWidget(hl)
        top.addWidget(self.header_row)
        top.addWidget(self.info, 1)
        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addLayout(top)
        split = QSplitter(Qt.Orientation.Vertical, right)
        split.addWidget(self.table)
        split.addWidget(self.samples)
        split.setSizes([260, 160])
        rl.addWidget(split, 1)
        lay = QHBoxLayout(self)
        lay.addWidget(self.sheets)
        lay.addWidget(right, 1)
        self._current = None

    def initializePage(self) -> None:
        self.sheets.blockSignals(True)
        self.sheets.clear()
        for sh in self.wiz.inspection.sheets:
            item = QListWidgetItem(sh.name, self.sheets)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            usable = bool(self.wiz.mappings.get(sh.name))
            item.setCheckState(Qt.CheckState.Checked if sh.name in self.wiz.chosen_sheets or
                               (not self.wiz.chosen_sheets and usable) else Qt.CheckState.Unchecked)
        self.sheets.blockSignals(False)
        first = next((i for i in range(self.sheets.count())
                      if self.sheets.item(i).checkState() == Qt.CheckState.Checked), 0)
        self.sheets.setCurrentRow(first)
        self._show_sheet(first)

    def chosen(self) -> list[str]:
        """The ticked sheets, in file order."""
        return [self.sheets.item(i).text() for i in range(self.sheets.count())
                if self.sheets.item(i).checkState() == Qt.CheckState.Checked]

    def _show_sheet(self, row: int) -> None:
        if not (0 <= row < len(self.wiz.inspection.sheets)):
            return
        sh = self.wiz.inspection.sheets[row]
        self._current = sh.name
        mapping = self.wiz.mappings.setdefault(sh.name, {})
        self.model.set_sheet(sh.headers, sh.sample_rows, mapping)
        self.header_row.blockSignals(True)
        self.header_row.setValue(self.wiz.header_rows.get(sh.name) or 1)
        self.header_row.blockSignals(False)
        parts = [self.tr("About %1 rows below the header (hamlet headings, totals and blank rows included; the "
                         "preview counts the residents).").replace("%1", thousands(sh.data_rows))]
        if sh.hamlet_from_sheet:
            parts.append(self.tr("Hamlet taken from the sheet name: %1.").replace("%1", sh.hamlet_from_sheet))
        parts += [issue_text(p) if isinstance(p, str) else str(p) for p in (sh.problems or [])]
        self.info.setText(" ".join(parts))
        self.table.resizeColumnsToContents()
        self._fill_samples()

    def _fill_samples(self) -> None:
        sh = next((s for s in self.wiz.inspection.sheets if s.name == self._current), None)
        if sh is None:
            return
        mapping = self.wiz.mappings.get(sh.name, {})
        headers = [f"{cell_shown(h)}\n→ {field_label(mapping.get(i, ''))}" for i, h in enumerate(sh.headers)]
        rows = [[cell_shown(v) for v in r] for r in sh.sample_rows]
        self.sample_model.set_rows(headers, rows)
        self.samples.resizeColumnsToContents()

    def _mapping_changed(self) -> None:
        self.wiz.invalidate()
        self._fill_samples()
        self.completeChanged.emit()

    def _header_row_changed(self, value: int) -> None:
        if self._current is None:
            return
        self.wiz.header_rows[self._current] = value
        refreshed = self.wiz.reinspect_sheet(self._current, value)
        self._show_sheet(self.sheets.currentRow())
        if not refreshed:
            self.info.setText(self.info.text() + " " + self.tr("The import will read the column headers from "
                                                               "row %1.").replace("%1", str(value)))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return any("name" in self.wiz.mappings.get(name, {}).values() for name in self.chosen())

    def validatePage(self) -> bool:
        self.wiz.chosen_sheets = self.chosen()
        return True


class PreviewPage(QWizardPage):
    """What the import would do (a dry run): counts, rejected rows with reasons, warnings."""

    def __init__(self, wizard: "ImportWizard"):
        super().__init__(wizard)
        self.wiz = wizard
        self.setObjectName("wizardPreviewPage")
        self.setTitle(self.tr("Preview"))
        self.setSubTitle(self.tr("Nothing has been changed yet. Check the figures, then press Import."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Import"))
        self.summary = QLabel(self)
        self.summary.setObjectName("wizardPreviewSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.model = RowsModel(parent=self)
        self.table = _table(self, "wizardPreview", self.model)
        self.no_issues = QLabel(self.tr("Every row can be imported: no rejected rows and no warnings."), self)
        self.no_issues.setObjectName("wizardNoIssues")
        self.no_issues.hide()
        # a list that obviously belongs elsewhere (canvass.importing.fit): said plainly, and Import waits for a tick
        self.fit_warning = QLabel(self)
        self.fit_warning.setObjectName("wizardFitWarning")
        self.fit_warning.setWordWrap(True)
        self.fit_warning.setStyleSheet("color: #b00020; font-weight: bold;")
        self.fit_warning.hide()
        self.fit_confirm = QCheckBox(self.tr("I have checked: this is the right file, import it anyway"), self)
        self.fit_confirm.setObjectName("wizardFitConfirm")
        self.fit_confirm.hide()
        self.fit_confirm.toggled.connect(lambda _on: self.completeChanged.emit())
        self.fit = None
        # complete list or supplement: shown when the list would mark someone activated per system
        self.mode_box = ListKindBox(self)
        self.mode_box.changed.connect(self._mode_changed)
        self.taskbar = TaskBar(wizard.ctx, self)
        self.taskbar.finished.connect(self._finished)
        lay = QVBoxLayout(self)
        lay.addWidget(self.fit_warning)
        lay.addWidget(self.fit_confirm)
        lay.addWidget(self.summary)
        lay.addWidget(self.mode_box)
        lay.addWidget(self.no_issues)
        lay.addWidget(self.table, 1)
        lay.addStretch(0)
        lay.addWidget(self.taskbar)

    def initializePage(self) -> None:
        if self.wiz.preview is None and not self.taskbar.running():
            self.summary.setText(self.tr("Reading the list…"))
            self.model.set_rows((), ())
            self.no_issues.hide()
            self.mode_box.hide()
            self.mode_box.set_mode(None)
            self.fit = None
            self.fit_warning.hide()
            self.fit_confirm.hide()
            self.fit_confirm.setChecked(False)
            self.table.show()
            self.taskbar.show()
            self.taskbar.start(self.wiz.work(dry_run=True), self.tr("Checking every row…"))

    def cleanupPage(self) -> None:  # Back: stop a dry run still under way
        if self.taskbar.running():
            self.taskbar.cancel()

    def _finished(self, outcome) -> None:
        self.taskbar.hide()
        if not outcome.ok:
            self.summary.setText(self.wiz.file_error(outcome.error))
            self.completeChanged.emit()
            return
        self.wiz.preview = outcome.result
        self._show_fit(self.wiz.list_fit(outcome.result))
        self.mode_box.show_for(outcome.result)
        self._show_summary()
        self.wiz.fill_issues(self.model, outcome.result)
        self.table.resizeColumnsToContents()
        clean = self.model.rowCount() == 0
        self.table.setVisible(not clean)        # an empty table says nothing to a reader; a sentence does
        self.no_issues.setVisible(clean)
        self.completeChanged.emit()

    def _show_fit(self, fit) -> None:
        """Say plainly when the list does not look like this commune's (a ListFit that is `foreign`)."""
        self.fit = fit
        if fit is None or not fit.foreign:
            return
        if fit.residents:
            text = self.tr("This list does not look like this commune's: it holds %1 residents in %2 hamlets, "
                           "the commune has %3 residents in %4 hamlets. It may be a district's or a province's "
                           "list. Check that you chose the right file before importing.")
        else:
            text = self.tr("This list holds %1 residents in %2 hamlets: more hamlets than a commune has. It may "
                           "be a district's or a province's list. Check that you chose the right file before "
                           "importing.")
        self.fit_warning.setText(text.replace("%1", thousands(fit.list_rows)).replace("%2", thousands(fit.list_hamlets))
                                 .replace("%3", thousands(fit.residents)).replace("%4", thousands(fit.hamlets)))
        self.fit_warning.show()
        self.fit_confirm.show()

    def isComplete(self) -> bool:
        if self.wiz.preview is None or self.taskbar.running():
            return False
        if self.fit is not None and self.fit.foreign and not self.fit_confirm.isChecked():
            return False
        return not self.wiz.preview.partial_list or self.mode() is not None

    def mode(self) -> Optional[str]:
        """The kind of list the person chose: "complete", "supplement" or None (not chosen)."""
        return self.mode_box.mode()

    def _mode_changed(self) -> None:
        if self.wiz.preview is not None:
            self._show_summary()
        self.completeChanged.emit()

    def _show_summary(self) -> None:
        self.summary.setText(self.wiz.summary_html(self.wiz.preview, preview=True, mode=self.mode()))


class RunPage(QWizardPage):
    """The import itself, with a progress bar and cancel."""

    def __init__(self, wizard: "ImportWizard"):
        super().__init__(wizard)
        self.wiz = wizard
        self.setObjectName("wizardRunPage")
        self.setTitle(self.tr("Importing"))
        self.message = QLabel(self)
        self.message.setObjectName("wizardRunMessage")
        self.message.setWordWrap(True)
        self.taskbar = TaskBar(wizard.ctx, self)
        self.taskbar.setObjectName("wizardRunProgress")
        self.taskbar.finished.connect(self._finished)
        self.again = QPushButton(self.tr("Run the import &again"), self)
        self.again.setObjectName("wizardRunAgain")
        self.again.setToolTip(self.tr("The import was cancelled and nothing was changed: run it again"))
        self.again.hide()
        self.again.clicked.connect(self.start)
        lay = QVBoxLayout(self)
        lay.addWidget(self.taskbar)
        lay.addWidget(self.message)
        lay.addWidget(self.again)
        lay.addStretch(1)

    def initializePage(self) -> None:
        self.start()

    def start(self) -> None:
        """Run the import for real."""
        self.wiz.result = None
        self.again.hide()
        self.message.setText(self.tr("Do not close the window; Cancel stops the import and changes nothing."))
        self.wiz.button(QWizard.WizardButton.CancelButton).setEnabled(True)
        self.taskbar.start(self.wiz.work(dry_run=False), self.tr("Importing the list…"))
        self.completeChanged.emit()

    def _finished(self, outcome) -> None:
        if outcome.ok:
            self.wiz.result = outcome.result
            remember_dir(self.wiz.ctx, IMPORT_DIR_KEY, self.wiz.path)
            self.message.setText(self.tr("Import finished. Press Next to see the log."))
            # the list is in: nothing is left to cancel (the wizard's Cancel would read as an undo)
            self.wiz.button(QWizard.WizardButton.CancelButton).setEnabled(False)
        else:
            self.message.setText(self.wiz.file_error(outcome.error))
            self.again.show()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.wiz.result is not None


class LogPage(QWizardPage):
    """The import log: figures, rejected rows and warnings; can be saved as CSV or xlsx."""

    def __init__(self, wizard: "ImportWizard"):
        super().__init__(wizard)
        self.wiz = wizard
        self.setObjectName("wizardLogPage")
        self.setTitle(self.tr("Import log"))
        self.summary = QLabel(self)
        self.summary.setObjectName("wizardLogSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.model = RowsModel(parent=self)
        self.table = _table(self, "wizardLog", self.model)
        self.save_button = QPushButton(self.tr("&Save the log…"), self)
        self.save_button.setObjectName("wizardSaveLog")
        self.save_button.setToolTip(self.tr("Save the rejected rows and warnings as CSV or Excel"))
        self.save_button.clicked.connect(self.choose_and_save)
        self.saved = QLabel(self)
        self.saved.setObjectName("wizardLogSaved")
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.saved, 1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(self.table, 1)
        lay.addLayout(row)
        self.setFinalPage(True)

    def initializePage(self) -> None:
        res = self.wiz.result
        self.summary.setText(self.wiz.summary_html(res, preview=False))
        self.wiz.fill_issues(self.model, res)
        self.table.resizeColumnsToContents()

    def choose_and_save(self) -> None:
        """Ask where, then save the log."""
        stem = Path(self.wiz.path).stem + "_nhat_ky"
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Save the import log"), str(Path(last_dir(self.wiz.ctx, "files/last_export_dir")) / stem),
            self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"))
        if path:
            if not path.lower().endswith((".xlsx", ".csv")):
                path += ".csv" if "csv" in chosen.lower() else ".xlsx"
            self.save_log(path)

    def save_log(self, path: str) -> str:
        """Write the log table to .csv or .xlsx (values kept as text, never as formulas)."""
        from canvass.exporting.safe import cell_text, csv_text

        headers, rows = self.model.headers(), self.model.rows()
        if path.lower().endswith(".xlsx"):
            from openpyxl import Workbook

            wb = Workbook()
            ws = wb.active
            ws.title = self.tr("Log")[:31]
            ws.append(list(headers))
            for r in rows:
                ws.append([cell_text(v) if v is not None else None for v in r])
                for cell in ws[ws.max_row]:
                    cell.data_type = "s"
            for i, h in enumerate(headers, start=1):
                ws.column_dimensions[column_letter(i - 1)].width = max(10, min(60, len(str(h)) + 4))
            ws.freeze_panes = "A2"
            wb.save(path)
        else:
            with open(path, "w", newline="", encoding="utf-8-sig") as fh:
                w = csv.writer(fh)
                w.writerow(headers)
                for r in rows:
                    w.writerow([csv_text(v) if v is not None else "" for v in r])
        self.saved.setText(self.tr("Saved: %1").replace("%1", path))
        return path
