"""Dialogs of the window (import wizard, outcomes, packs, exports) and the labels they share.

Labels are English source strings translated through Qt (context "Labels"), so the user sees Vietnamese
and the code keeps the core's English codes.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, QT_TRANSLATE_NOOP



OUTCOME_LABELS = {
    "activated": QT_TRANSLATE_NOOP("Labels", "Activated"),
    "absent": QT_TRANSLATE_NOOP("Labels", "Absent"),
    "ineligible": QT_TRANSLATE_NOOP("Labels", "Cannot be activated"),
    "wrong_phone": QT_TRANSLATE_NOOP("Labels", "Wrong phone"),
    "refused": QT_TRANSLATE_NOOP("Labels", "Refused"),
    "revisit": QT_TRANSLATE_NOOP("Labels", "Come back later"),
    "pending": QT_TRANSLATE_NOOP("Labels", "Pending"),
    "activated_system": QT_TRANSLATE_NOOP("Labels", "Activated (system)"),
}
REASON_LABELS = {
    "elderly": QT_TRANSLATE_NOOP("Labels", "Elderly or frail"),
    "ill": QT_TRANSLATE_NOOP("Labels", "Ill or disabled"),
    "no_phone": QT_TRANSLATE_NOOP("Labels", "No phone"),
    "moved": QT_TRANSLATE_NOOP("Labels", "Moved away"),
    "deceased": QT_TRANSLATE_NOOP("Labels", "Deceased"),
    "institution": QT_TRANSLATE_NOOP("Labels", "In an institution"),
    "other": QT_TRANSLATE_NOOP("Labels", "Other reason"),
    "short": QT_TRANSLATE_NOOP("Labels", "Away for a short time"),
    "work_away": QT_TRANSLATE_NOOP("Labels", "Working far away"),
    "study_away": QT_TRANSLATE_NOOP("Labels", "Studying far away"),
    "military": QT_TRANSLATE_NOOP("Labels", "In military service"),
}
# Import fields (canvass.importing.FIELDS) as the wizard's drop-downs show them.
FIELD_LABELS = {
    "": QT_TRANSLATE_NOOP("Labels", "(not imported)"),
    "extra": QT_TRANSLATE_NOOP("Labels", "(kept as extra information)"),
    "stt": QT_TRANSLATE_NOOP("Labels", "Row number"),
    "name": QT_TRANSLATE_NOOP("Labels", "Full name"),
    "dob": QT_TRANSLATE_NOOP("Labels", "Date of birth"),
    "gender": QT_TRANSLATE_NOOP("Labels", "Gender"),
    "cccd": QT_TRANSLATE_NOOP("Labels", "Personal ID number"),
    "phone": QT_TRANSLATE_NOOP("Labels", "Phone number"),
    "household_no": QT_TRANSLATE_NOOP("Labels", "Household number"),
    "head_name": QT_TRANSLATE_NOOP("Labels", "Head of household"),
    "relation": QT_TRANSLATE_NOOP("Labels", "Relation to the head"),
    "hamlet": QT_TRANSLATE_NOOP("Labels", "Hamlet"),
    "address": QT_TRANSLATE_NOOP("Labels", "Permanent address"),
    "account_level": QT_TRANSLATE_NOOP("Labels", "Account level"),
    "source_status": QT_TRANSLATE_NOOP("Labels", "Status on the list"),
    "note": QT_TRANSLATE_NOOP("Labels", "Note"),
    "commune": QT_TRANSLATE_NOOP("Labels", "Commune"),
}
TEAM_KIND_LABELS = {
    "to_cong_tac_06": QT_TRANSLATE_NOOP("Labels", "Project 06 hamlet working group"),
    "cong_nghe_so": QT_TRANSLATE_NOOP("Labels", "Community digital technology team"),
    "doan_thanh_nien": QT_TRANSLATE_NOOP("Labels", "Youth union"),
    "hoi_phu_nu": QT_TRANSLATE_NOOP("Labels", "Women's union"),
    "cong_an_khu_vuc": QT_TRANSLATE_NOOP("Labels", "Area police officer"),
    "other": QT_TRANSLATE_NOOP("Labels", "Other"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def outcome_label(code: str | None) -> str:
    """The user's name of an outcome or status code."""
    if not code:
        return ""
    return _t(OUTCOME_LABELS[code]) if code in OUTCOME_LABELS else code


def reason_label(code: str | None) -> str:
    """The user's name of a reason code."""
    if not code:
        return ""
    return _t(REASON_LABELS[code]) if code in REASON_LABELS else code


def field_label(name: str | None) -> str:
    """The user's name of an import field ('' = ignored column)."""
    name = name or ""
    return _t(FIELD_LABELS[name]) if name in FIELD_LABELS else name


def team_kind_label(code: str | None) -> str:
    """The user's name of a team kind."""
    if not code:
        return ""
    return _t(TEAM_KIND_LABELS[code]) if code in TEAM_KIND_LABELS else code


def format_date(value) -> str:
    """dd/mm/yyyy, the way Vietnamese forms write dates ('' for None)."""
    return value.strftime("%d/%m/%Y") if value else ""


PACK_REJECT_LABELS = {
    "bad_date": QT_TRANSLATE_NOOP("Labels", "The visit date cannot be read"),
    "bad_outcome": QT_TRANSLATE_NOOP("Labels", "The outcome is not one of the list"),
    "bad_phone": QT_TRANSLATE_NOOP("Labels", "The new phone number is not valid"),
    "bad_reason": QT_TRANSLATE_NOOP("Labels", "The reason is not one of the list"),
    "before_campaign": QT_TRANSLATE_NOOP("Labels", "The visit date is before the campaign"),
    "future_date": QT_TRANSLATE_NOOP("Labels", "The visit date is after today"),
    "missing_note": QT_TRANSLATE_NOOP("Labels", "“Other reason” needs a note"),
    "missing_outcome": QT_TRANSLATE_NOOP("Labels", "A reason or note without an outcome"),
    "missing_reason": QT_TRANSLATE_NOOP("Labels", "The outcome needs a reason"),
    "reason_not_for_outcome": QT_TRANSLATE_NOOP("Labels", "The reason does not go with this outcome"),
    "unknown_resident": QT_TRANSLATE_NOOP("Labels", "The resident cannot be found"),
    "invalid": QT_TRANSLATE_NOOP("Labels", "Invalid value"),
    "system_activation_wins": QT_TRANSLATE_NOOP("Labels", "Activated per system: stays activated"),
    "pack_visit_current": QT_TRANSLATE_NOOP("Labels", "The pack's visit is now current"),
    "commune_state_current": QT_TRANSLATE_NOOP("Labels", "The commune's later entry stays current"),
}


def code_label(code: str | None) -> str:
    """The user's sentence for a pack rejection or conflict-resolution code (the code itself if unknown)."""
    if not code:
        return ""
    return _t(PACK_REJECT_LABELS[code]) if code in PACK_REJECT_LABELS else code


def format_datetime(value) -> str:
    """dd/mm/yyyy HH:MM ('' for None); strings are passed through."""
    if not value:
        return ""
    if isinstance(value, str):
        return value
    if hasattr(value, "hour"):
        return value.strftime("%d/%m/%Y %H:%M")
    return value.strftime("%d/%m/%Y")


class RowsModel(QAbstractTableModel):
    """A small read-only table over a list of tuples (previews, logs): headers + rows of display texts."""

    def __init__(self, headers=(), rows=(), parent=None):
        super().__init__(parent)
        self.headers = list(headers)
        self.rows = [tuple(r) for r in rows]

    def set_rows(self, headers, rows) -> None:
        """Replace the whole content."""
        self.beginResetModel()
        self.headers = list(headers)
        self.rows = [tuple(r) for r in rows]
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)) or index.column() >= len(self.headers):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            row = self.rows[index.row()]
            value = row[index.column()] if index.column() < len(row) else ""
            return "" if value is None else str(value)
        return None


def last_dir(ctx, key: str) -> str:
    """A folder remembered in the settings ('files/last_export_dir', ...), else the home folder."""
    from pathlib import Path

    try:
        value = ctx.settings.get(key) if ctx.settings is not None else ""
    except (KeyError, AttributeError):
        value = ""
    return value if value and Path(value).is_dir() else str(Path.home())


def remember_dir(ctx, key: str, path) -> None:
    """Remember the folder of a chosen file in the settings (when there are settings)."""
    from pathlib import Path

    try:
        if ctx.settings is not None:
            ctx.settings.set(key, str(Path(path).parent))
    except (KeyError, AttributeError):
        pass


def open_folder(path) -> bool:
    """Show the folder holding a file in the system's file manager."""
    from pathlib import Path

    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).resolve().parent)))
