"""The import wizard: file → sheets, header row and column mapping (correctable, with sample rows) →
preview (a dry run: new, updated, duplicates, rejected rows with reasons, activated per system; when the list
would mark many residents activated, that number in red and the choice: complete list or supplement) →
the import itself with progress and cancel → the log, exportable to CSV or xlsx.

It only collects choices and shows results: `canvass.importing.inspect_file` reads the file,
`canvass.importing.run_import` does the work (as a dry run for the preview), both in the background.
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Optional

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QSpinBox, QSplitter,
                               QStyledItemDelegate, QTableView, QVBoxLayout, QWidget, QWizard, QWizardPage)

from canvass.display import column_letter
from ui.dialogs import RowsModel, last_dir, remember_dir
from ui.dialogs.base import Asks
from ui.dialogs.list_kind import ListKindBox, list_html
from ui.dialogs.progress import ProgressDialog, TaskBar, error_text
from ui.labels import field_label
from ui.widgets.sizing import fit_resize

IMPORT_DIR_KEY = "files/last_import_dir"
# The importer's reasons, warnings and sheet problems (English, stable texts) as the user reads them.
ISSUE_TEXTS = {
    "no name": QT_TRANSLATE_NOOP("ImportWizard", "No name"),
    "no CCCD": QT_TRANSLATE_NOOP("ImportWizard", "No personal ID number"),
    "no hamlet": QT_TRANSLATE_NOOP("ImportWizard", "No hamlet: put in the group “(Chưa rõ thôn)”; map the hamlet "
                                                   "column or type the hamlet"),
    "birth year differs from the CCCD": QT_TRANSLATE_NOOP("ImportWizard", "Birth year differs from the ID number"),
    "unknown gender": QT_TRANSLATE_NOOP("ImportWizard", "Unknown gender"),
    "was activated per system; back on the list": QT_TRANSLATE_NOOP(
        "ImportWizard", "Was activated per system; back on the list"),
    "old 9-digit CMND kept": QT_TRANSLATE_NOOP("ImportWizard", "Old 9-digit ID card number kept"),
    "leading zeros restored": QT_TRANSLATE_NOOP("ImportWizard", "Leading zeros restored"),
    "unknown province code": QT_TRANSLATE_NOOP("ImportWizard", "Unknown province code"),
    "empty": QT_TRANSLATE_NOOP("ImportWizard", "empty"),
    "digits lost (number shown in scientific notation)": QT_TRANSLATE_NOOP(
        "ImportWizard", "digits lost (number shown in scientific notation)"),
    "not a number": QT_TRANSLATE_NOOP("ImportWizard", "not a number"),
    "wrong number of digits": QT_TRANSLATE_NOOP("ImportWizard", "wrong number of digits"),
    "not a whole number": QT_TRANSLATE_NOOP("ImportWizard", "not a whole number"),
    "old 11-digit prefix converted": QT_TRANSLATE_NOOP("ImportWizard", "Old 11-digit prefix converted"),
    "two numbers in one cell": QT_TRANSLATE_NOOP("ImportWizard", "Two numbers in one cell"),
    "not a valid number": QT_TRANSLATE_NOOP("ImportWizard", "Not a valid number"),
    "no digits": QT_TRANSLATE_NOOP("ImportWizard", "No digits"),
    "foreign number": QT_TRANSLATE_NOOP("ImportWizard", "Foreign number"),
    "impossible date": QT_TRANSLATE_NOOP("ImportWizard", "Impossible date"),
    "day or month unknown": QT_TRANSLATE_NOOP("ImportWizard", "Day or month unknown"),
    "date in the future": QT_TRANSLATE_NOOP("ImportWizard", "Date in the future"),
    "age above 120": QT_TRANSLATE_NOOP("ImportWizard", "Age above 120"),
    "date number out of range": QT_TRANSLATE_NOOP("ImportWizard", "Date number out of range"),
    "not a date": QT_TRANSLATE_NOOP("ImportWizard", "Not a date"),
    "no CCCD column": QT_TRANSLATE_NOOP("ImportWizard", "No ID number column."),
    "empty sheet": QT_TRANSLATE_NOOP("ImportWizard", "Empty sheet."),
    "no data rows": QT_TRANSLATE_NOOP("ImportWizard", "No data rows."),
    "no hamlet column": QT_TRANSLATE_NOOP("ImportWizard", "No hamlet column: map one, or type the hamlet on the "
                                                          "first page."),
    "no header row found": QT_TRANSLATE_NOOP("ImportWizard", "No header row found."),
}
FILE_ERRORS = {
    "not_found": QT_TRANSLATE_NOOP("ImportWizard", "The file does not exist."),
    "not_spreadsheet": QT_TRANSLATE_NOOP("ImportWizard", "This is not a spreadsheet or CSV list."),
    "encrypted": QT_TRANSLATE_NOOP("ImportWizard", "The workbook is protected by a password: open it in Excel, "
                                                   "remove the password, save, and import again."),
    "unsafe": QT_TRANSLATE_NOOP("ImportWizard", "The file looks unsafe (far too large once unpacked) and was "
                                                "not read."),
    "empty": QT_TRANSLATE_NOOP("ImportWizard", "The file holds no data."),
    "no_header": QT_TRANSLATE_NOOP("ImportWizard", "No header row with a name column was found in the first "
                                                   "rows."),
    "no_data": QT_TRANSLATE_NOOP("ImportWizard", "The list has a header but no residents."),
    "unreadable": QT_TRANSLATE_NOOP("ImportWizard", "The file cannot be read."),
    "no_sheet": QT_TRANSLATE_NOOP("ImportWizard", "None of the chosen sheets is in the file."),
    "cell_too_large": QT_TRANSLATE_NOOP("ImportWizard", "A cell starting on line %1 is far too long (over 131,072 "
                                                        "characters): the file is damaged or is not a list."),
}
# Row notes with values (canvass/importing/rows.NOTE_TEMPLATES), by code: %1 = the earlier row or the ID's
# problem, %2 = the fields that differ.
NOTE_TEXTS = {
    "bad_id": QT_TRANSLATE_NOOP("ImportWizard", "ID number: %1"),
    "duplicate_cccd": QT_TRANSLATE_NOOP("ImportWizard", "Same ID number as row %1; differs in: %2"),
    "same_person": QT_TRANSLATE_NOOP("ImportWizard", "Same person (name, birth, hamlet) as row %1; differs in: %2"),
}


def issue_text(message: str) -> str:
    """An importer reason, warning or problem in the user's language, from its code and values (an unknown
    code passes through as its English text)."""
    from canvass.importing.rows import note_parts

    t = lambda text: QCoreApplication.translate("ImportWizard", text)  # noqa: E731
    if not message:
        return ""
    code, params = note_parts(message)
    if code in NOTE_TEXTS:
        if code == "bad_id":
            first = issue_text(params["problem"])
        else:
            first = str(params["row"])
        fields = ", ".join(field_label(f) for f in params.get("fields", ()))
        return t(NOTE_TEXTS[code]).replace("%1", first).replace("%2", fields)
    if code in ISSUE_TEXTS:
        return t(ISSUE_TEXTS[code])
    return message


PAGE_FILE, PAGE_MAPPING, PAGE_PREVIEW, PAGE_RUN, PAGE_LOG = range(5)


def import_fields() -> tuple[str, ...]:
    """The fields a column can be mapped to ('' = not imported), from the core."""
    from canvass.importing import FIELDS

    return ("",) + tuple(FIELDS)


def thousands(n: int) -> str:
    """An integer with the language's thousands separator (12.345 in Vietnamese)."""
    from ui.i18n import fmt_int

    return fmt_int(n)


def _cell(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class MappingModel(QAbstractTableModel):
    """One row per column of the sheet: its header in the file, the field it maps to (editable), examples."""

    mappingChanged = Signal()
    COLUMNS = ("column", "header", "field", "examples")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.headers: list[str] = []
        self.samples: list[list] = []
        self.mapping: dict[int, str] = {}
        self.titles = {"column": self.tr("Column"), "header": self.tr("Header in the file"),
                       "field": self.tr("Imported as"), "examples": self.tr("Examples")}

    def set_sheet(self, headers, samples, mapping: dict[int, str]) -> None:
        """Show one sheet's columns and their current mapping (the dict is shared and edited in place)."""
        self.beginResetModel()
        self.headers = [_cell(h) for h in headers]
        self.samples = [list(r) for r in samples]
        self.mapping = mapping
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.COLUMNS):
            return self.titles[self.COLUMNS[section]]
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.COLUMNS[index.column()] == "field":
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.headers)) or index.column() >= len(self.COLUMNS):
            return None
        col, row = self.COLUMNS[index.column()], index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == "column":
                return column_letter(row)
            if col == "header":
                return self.headers[row]
            if col == "field":
                return field_label(self.mapping.get(row, ""))
            if col == "examples":
                values = [_cell(r[row]) for r in self.samples if row < len(r) and _cell(r[row])]
                return " · ".join(values[:3])
        if role == Qt.ItemDataRole.EditRole and col == "field":
            return self.mapping.get(row, "")
        if role == Qt.ItemDataRole.ToolTipRole and col == "field":
            return self.tr("Double-click or press F2 to choose what this column holds")
        if role == Qt.ItemDataRole.FontRole and col == "field" and not self.mapping.get(row):
            from PySide6.QtGui import QFont
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.COLUMNS[index.column()] != "field":
            return False
        value = value or ""
        if value not in import_fields():
            return False
        row = index.row()
        if value:
            # a field comes from one column only: the column that had it is no longer imported as that
            for other, f in list(self.mapping.items()):
                if f == value and other != row:
                    self.mapping.pop(other)
                    changed = self.index(other, index.column())
                    self.dataChanged.emit(changed, changed)
            self.mapping[row] = value
        else:
            self.mapping.pop(row, None)
        self.dataChanged.emit(index, index)
        self.mappingChanged.emit()
        return True


class FieldDelegate(QStyledItemDelegate):
    """A drop-down of the import fields (Vietnamese names) for the mapping column."""

    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        combo.setObjectName("wizardFieldCombo")
        for f in import_fields():
            combo.addItem(field_label(f), f)
        return combo

    def setEditorData(self, editor, index):
        pos = editor.findData(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.setCurrentIndex(max(pos, 0))
        editor.showPopup()

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


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
        parts = [self.tr("%1 data rows.").replace("%1", str(sh.data_rows))]
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
        headers = [f"{_cell(h)}\n→ {field_label(mapping.get(i, ''))}" for i, h in enumerate(sh.headers)]
        rows = [[_cell(v) for v in r] for r in sh.sample_rows]
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
        # complete list or supplement: shown when the list would mark someone activated per system
        self.mode_box = ListKindBox(self)
        self.mode_box.changed.connect(self._mode_changed)
        self.taskbar = TaskBar(wizard.ctx, self)
        self.taskbar.finished.connect(self._finished)
        lay = QVBoxLayout(self)
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
        self.mode_box.show_for(outcome.result)
        self._show_summary()
        self.wiz.fill_issues(self.model, outcome.result)
        self.table.resizeColumnsToContents()
        clean = self.model.rowCount() == 0
        self.table.setVisible(not clean)        # an empty table says nothing to a reader; a sentence does
        self.no_issues.setVisible(clean)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        if self.wiz.preview is None or self.taskbar.running():
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
        self.taskbar.start(self.wiz.work(dry_run=False), self.tr("Importing the list…"))
        self.completeChanged.emit()

    def _finished(self, outcome) -> None:
        if outcome.ok:
            self.wiz.result = outcome.result
            remember_dir(self.wiz.ctx, IMPORT_DIR_KEY, self.wiz.path)
            self.message.setText(self.tr("Import finished. Press Next to see the log."))
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


class ImportWizard(Asks, QWizard):
    """File → mapping → preview → import → log."""

    def __init__(self, ctx, parent: Optional[QWidget] = None, path: Optional[str] = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("importWizard")
        self.setWindowTitle(self.tr("Import a list of residents"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        fit_resize(self, 980, 640)
        self.path = ""
        self.inspection = None
        self.mappings: dict[str, dict[int, str]] = {}
        self.header_rows: dict[str, int] = {}
        self.chosen_sheets: list[str] = []
        self.preview = None
        self.result = None
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.run_page = RunPage(self)
        self.log_page = LogPage(self)
        for pid, page in ((PAGE_FILE, self.file_page), (PAGE_MAPPING, self.mapping_page),
                          (PAGE_PREVIEW, self.preview_page), (PAGE_RUN, self.run_page), (PAGE_LOG, self.log_page)):
            self.setPage(pid, page)
        if path:
            self.file_page.path.setText(str(path))

    # --- the core, in the background
    def inspect(self, path: str) -> bool:
        """Read the file's sheets, header rows and guessed mappings (in the background)."""
        from canvass.importing import inspect_file

        if self.inspection is not None and path == self.path:
            return True     # back to the first page and on again: keep the person's corrections
        outcome = ProgressDialog.run(self.ctx, self, lambda progress, cancel: inspect_file(path),
                                     title=self.tr("Reading the list"), label=Path(path).name)
        if not outcome.ok:
            self.file_page.error.setText(self.file_error(outcome.error))
            return False
        self.set_inspection(path, outcome.result)
        return True

    def file_error(self, exc: BaseException) -> str:
        """A sentence for an error reading the file."""
        code = getattr(exc, "code", None)
        if code in FILE_ERRORS:
            return QCoreApplication.translate("ImportWizard", FILE_ERRORS[code]).replace(
                "%1", str(getattr(exc, "params", {}).get("row", "?")))
        return error_text(self, exc)

    def set_inspection(self, path: str, inspection) -> None:
        """Start from what inspect_file found (guessed mappings and header rows)."""
        self.path = path
        self.inspection = inspection
        self.mappings = {sh.name: {int(k): v for k, v in (sh.mapping or {}).items() if v}
                         for sh in inspection.sheets}
        self.header_rows = {sh.name: sh.header_row for sh in inspection.sheets}
        self.chosen_sheets = []
        self.invalidate()

    def reinspect_sheet(self, name: str, header_row: int) -> bool:
        """Read one sheet again with a header row the person chose; False when the core cannot (then the
        import still reads the headers from that row, with the mapping shown)."""
        from canvass.importing import inspect_file

        self.invalidate()
        try:
            again = inspect_file(self.path, header_rows={name: header_row})
        except Exception:  # noqa: BLE001 - a bad choice of row: keep what was shown
            return False
        for i, sh in enumerate(self.inspection.sheets):
            if sh.name == name:
                fresh = next((s for s in again.sheets if s.name == name), None)
                if fresh is not None:
                    self.inspection.sheets[i] = fresh
                    self.mappings[name] = {int(k): v for k, v in (fresh.mapping or {}).items() if v}
        return True

    def invalidate(self) -> None:
        """A choice changed: the preview must be made again."""
        self.preview = None

    def plan(self):
        """The ImportPlan of the current choices."""
        from canvass.importing import ImportPlan

        sheets = self.chosen_sheets or self.mapping_page.chosen()
        return ImportPlan(sheets=list(sheets), hamlet=self.file_page.hamlet.text().strip() or None,
                          mappings={s: dict(self.mappings.get(s, {})) for s in sheets},
                          header_rows={s: self.header_rows.get(s) for s in sheets})

    def work(self, dry_run: bool):
        """The background function that runs the import (or its dry run) with the current plan. The preview is
        a dry run in mode "auto" (it tells whether the list would mark many activated); the import runs in the
        mode the person chose on the preview ("auto" when there was nothing to choose)."""
        from canvass.importing import run_import

        db, path, plan, actor = self.ctx.db, self.path, self.plan(), self.ctx.actor
        mode = "auto" if dry_run else (self.preview_page.mode() or "auto")

        def fn(progress, cancel):
            return run_import(db, path, plan, dry_run=dry_run, mode=mode, progress=progress, cancel=cancel,
                              actor=actor)
        return fn

    # --- showing results
    def summary_html(self, res, preview: bool, mode: Optional[str] = None) -> str:
        """The figures of an import result, as a few lines for a label; a preview shows the residents marked
        activated per system in the mode chosen (in red while a partial-looking list awaits the choice)."""
        activated = res.activated_per_system
        if preview and mode == "supplement":
            activated = 0
        red = preview and getattr(res, "partial_list", False) and mode is None
        lines = [
            (self.tr("Rows read"), res.rows_read),
            (self.tr("New residents") if preview else self.tr("Residents added"), res.imported),
            (self.tr("Updated (changed since the last list)"), res.updated),
            (self.tr("Unchanged"), res.unchanged),
            (self.tr("Duplicates (same person twice)"), res.duplicates),
            (self.tr("Rejected rows"), len(res.rejected)),
            (self.tr("Warnings"), len(res.warnings)),
        ]
        rows = "".join(f"<tr><td>{name}</td><td align='right'><b>{thousands(value)}</b></td></tr>"
                       for name, value in lines)
        style = " style='color:#c5221f'" if red else ""
        label = self.tr("Activated per system (no longer on the list)")
        rows += f"<tr{style}><td>{label}</td><td align='right'><b>{thousands(activated)}</b></td></tr>"
        head = self.tr("If you import, this will happen:") if preview else self.tr("The import is done:")
        extra = []
        if getattr(res, "hamlets", None):
            hamlets = res.hamlets if isinstance(res.hamlets, int) else len(res.hamlets)
            extra.append(self.tr("%1 hamlet(s)").replace("%1", str(hamlets)))
        if getattr(res, "households", None):
            hh = res.households if isinstance(res.households, int) else len(res.households)
            extra.append(self.tr("%1 household(s)").replace("%1", str(hh)))
        tail = f"<p>{', '.join(extra)}</p>" if extra else ""
        return f"<p>{head}</p><table cellspacing='4'>{rows}</table>{tail}{list_html(res, preview, mode)}"

    def fill_issues(self, model: RowsModel, res) -> None:
        """Rejected rows then warnings of a result, in one table."""
        rows = [(i.sheet, i.row, self.tr("Rejected"), "", issue_text(i.reason)) for i in res.rejected]
        rows += [(w.sheet, w.row, self.tr("Warning"), field_label(w.field) if w.field else "", issue_text(w.message))
                 for w in res.warnings]
        model.set_rows((self.tr("Sheet"), self.tr("Row"), self.tr("What"), self.tr("Field"), self.tr("Reason")),
                       rows)

    def reject(self) -> None:
        for bar in (self.preview_page.taskbar, self.run_page.taskbar):
            if bar.running():
                bar.cancel()
                return
        super().reject()

    def done(self, r: int) -> None:
        """Closing the wizard frees the rows a preview kept for the import (hundreds of MB at 300k rows)."""
        from canvass.importing import clear_read_cache

        clear_read_cache()
        super().done(r)

    def answer(self):
        """The ImportResult of the import that ran, or None (what `ask` returns)."""
        return self.result
