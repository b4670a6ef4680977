"""The column mapping of the import wizard: one row per column of a sheet (its header, the field it is
imported as, examples), editable through a drop-down of the import fields."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate

from canvass.display import column_letter
from ui.labels import field_label


def import_fields() -> tuple[str, ...]:
    """The fields a column can be mapped to ('' = not imported), from the core."""
    from canvass.importing import FIELDS

    return ("",) + tuple(FIELDS)


def cell_shown(value) -> str:
    """A cell value as the wizard shows it: dates dd/mm/yyyy, whole numbers without ".0"."""
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
        self.headers = [cell_shown(h) for h in headers]
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
                values = [cell_shown(r[row]) for r in self.samples if row < len(r) and cell_shown(r[row])]
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
