"""What people read for the core's codes (statuses, reasons, event kinds, import fields, team kinds, pack
codes) and how dates and phones are written: one place, so a status reads the same in every view and dialog.

Labels are English source strings translated through Qt (context "Labels"); the Vietnamese texts match the
documents (`canvass.events.STATUS_LABELS_VI`, `REASON_LABELS_VI`). The import fields' names live in the core
(`canvass.messages.FIELD_NAMES`), as the importer's notes name them on the command line too.
"""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor

STATUS_LABELS = {
    "pending": QT_TRANSLATE_NOOP("Labels", "Not yet verified"),
    "activated": QT_TRANSLATE_NOOP("Labels", "Activated (team report)"),
    "absent": QT_TRANSLATE_NOOP("Labels", "Absent"),
    "ineligible": QT_TRANSLATE_NOOP("Labels", "Cannot be activated"),
    "wrong_phone": QT_TRANSLATE_NOOP("Labels", "Wrong phone number"),
    "refused": QT_TRANSLATE_NOOP("Labels", "Refused"),
    "revisit": QT_TRANSLATE_NOOP("Labels", "Revisit"),
    "activated_system": QT_TRANSLATE_NOOP("Labels", "Activated (system verified)"),
}
REASON_LABELS = {
    "elderly": QT_TRANSLATE_NOOP("Labels", "Elderly, frail"),
    "ill": QT_TRANSLATE_NOOP("Labels", "Ill or disabled"),
    "no_phone": QT_TRANSLATE_NOOP("Labels", "No phone"),
    "moved": QT_TRANSLATE_NOOP("Labels", "Moved away"),
    "deceased": QT_TRANSLATE_NOOP("Labels", "Deceased"),
    "institution": QT_TRANSLATE_NOOP("Labels", "In an institution"),
    "other": QT_TRANSLATE_NOOP("Labels", "Other reason"),
    "short": QT_TRANSLATE_NOOP("Labels", "Away for a few days"),
    "work_away": QT_TRANSLATE_NOOP("Labels", "Working far away"),
    "study_away": QT_TRANSLATE_NOOP("Labels", "Studying far away"),
    "military": QT_TRANSLATE_NOOP("Labels", "In military service"),
}
EVENT_KIND_LABELS = {
    "imported": QT_TRANSLATE_NOOP("Labels", "Imported"),
    "updated": QT_TRANSLATE_NOOP("Labels", "Updated by an import"),
    "activated_system": QT_TRANSLATE_NOOP("Labels", "Activated per system"),
    "system_reopened": QT_TRANSLATE_NOOP("Labels", "Back on the list"),
    "assigned": QT_TRANSLATE_NOOP("Labels", "Assigned to a team"),
    "visit": QT_TRANSLATE_NOOP("Labels", "Visit"),
    "visit_void": QT_TRANSLATE_NOOP("Labels", "Visit undone"),
    "export": QT_TRANSLATE_NOOP("Labels", "Exported"),
    "pack_export": QT_TRANSLATE_NOOP("Labels", "Team pack exported"),
    "pack_import": QT_TRANSLATE_NOOP("Labels", "Team pack merged"),
    "team": QT_TRANSLATE_NOOP("Labels", "Team change"),
    "id_corrected": QT_TRANSLATE_NOOP("Labels", "ID corrected"),
}
# Import fields (canvass.importing.FIELDS) as the wizard's drop-downs show them.
TEAM_KIND_LABELS = {
    "to_cong_tac_06": QT_TRANSLATE_NOOP("Labels", "Project 06 hamlet working group"),
    "cong_nghe_so": QT_TRANSLATE_NOOP("Labels", "Community digital technology team"),
    "doan_thanh_nien": QT_TRANSLATE_NOOP("Labels", "Youth union"),
    "hoi_phu_nu": QT_TRANSLATE_NOOP("Labels", "Women's union"),
    "cong_an_khu_vuc": QT_TRANSLATE_NOOP("Labels", "Area police officer"),
    "other": QT_TRANSLATE_NOOP("Labels", "Other"),
}
# Pack rejection and conflict-resolution codes (canvass.packs).
PACK_CODE_LABELS = {
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
    "identity_ambiguous": QT_TRANSLATE_NOOP("Labels", "The row fits several residents: not recorded, check it"),
    "identity_mismatch": QT_TRANSLATE_NOOP("Labels", "The row shows another person than its code: not recorded"),
    "duplicate_row": QT_TRANSLATE_NOOP("Labels", "The same resident again further down: that later row counts"),
}

# Colours of the statuses (text in the table, bars and dots on the dashboard): readable on white.
STATUS_COLORS = {
    "pending": "#5f6368", "activated": "#1a73e8", "absent": "#b06000", "ineligible": "#7b1fa2",
    "wrong_phone": "#c5221f", "refused": "#a50e0e", "revisit": "#00796b", "activated_system": "#188038",
}


def _t(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def _label(table: dict, code: Optional[str]) -> str:
    if not code:
        return ""
    return _t(table[code]) if code in table else code


def status_labels() -> dict[str, str]:
    """Status code -> label in the current language (filters, legends)."""
    return {code: _t(text) for code, text in STATUS_LABELS.items()}


def reason_labels() -> dict[str, str]:
    """Reason code -> label in the current language."""
    return {code: _t(text) for code, text in REASON_LABELS.items()}


def event_kind_labels() -> dict[str, str]:
    """Event kind -> label in the current language."""
    return {code: _t(text) for code, text in EVENT_KIND_LABELS.items()}


def status_label(code: Optional[str]) -> str:
    """One status's (or a visit outcome's) label; the code itself when unknown, '' for None."""
    return _label(STATUS_LABELS, code)


outcome_label = status_label    # a visit's outcome is the status it gives: one wording for both


def reason_label(code: Optional[str]) -> str:
    """One reason's label ('' for None)."""
    return _label(REASON_LABELS, code)


def status_text(status: Optional[str], reason: Optional[str]) -> str:
    """A status with its reason, "Không thể kích hoạt · Đã chết"; the reason alone when it already names the
    status ("Vắng mặt ngắn ngày", not "Vắng mặt · Vắng mặt ngắn ngày")."""
    label, why = status_label(status), reason_label(reason)
    if not why:
        return label
    return why if why.lower().startswith(label.lower()) else f"{label} · {why}"


def field_label(name: Optional[str]) -> str:
    """The user's name of an import field ('' or None = a column that is not imported), in the window's
    language: the core's FIELD_NAMES, which the importer's notes name too."""
    from canvass.messages import field_name

    from ui.i18n import current_language

    return field_name(name, current_language())


def team_kind_label(code: Optional[str]) -> str:
    """The user's name of a team kind."""
    return _label(TEAM_KIND_LABELS, code)


def code_label(code: Optional[str]) -> str:
    """The user's sentence for a pack rejection or conflict-resolution code (the code itself if unknown)."""
    return _label(PACK_CODE_LABELS, code)


def status_color(code: Optional[str]) -> QColor:
    """The colour a status is drawn in."""
    return QColor(STATUS_COLORS.get(code or "", "#202124"))


def format_date(value) -> str:
    """dd/mm/yyyy, the way Vietnamese forms write dates ('' for None)."""
    return value.strftime("%d/%m/%Y") if value else ""


def format_datetime(value) -> str:
    """dd/mm/yyyy HH:MM ('' for None); strings are passed through."""
    if not value:
        return ""
    if isinstance(value, str):
        return value
    if hasattr(value, "hour"):
        return value.strftime("%d/%m/%Y %H:%M")
    return value.strftime("%d/%m/%Y")
