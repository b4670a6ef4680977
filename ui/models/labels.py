"""What people read for the core's codes (statuses, reasons, event kinds), translated with tr()."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor



def status_labels() -> dict[str, str]:
    """Status code -> label in the current language."""
    return {
        "pending": QCoreApplication.translate("Labels", "Not yet verified"),
        "activated": QCoreApplication.translate("Labels", "Activated (team report)"),
        "absent": QCoreApplication.translate("Labels", "Absent"),
        "ineligible": QCoreApplication.translate("Labels", "Cannot be activated"),
        "wrong_phone": QCoreApplication.translate("Labels", "Wrong phone number"),
        "refused": QCoreApplication.translate("Labels", "Refused"),
        "revisit": QCoreApplication.translate("Labels", "Revisit"),
        "activated_system": QCoreApplication.translate("Labels", "Activated (system verified)"),
    }


def reason_labels() -> dict[str, str]:
    """Reason code -> label in the current language."""
    return {
        "elderly": QCoreApplication.translate("Labels", "Elderly, frail"),
        "ill": QCoreApplication.translate("Labels", "Ill or disabled"),
        "no_phone": QCoreApplication.translate("Labels", "No phone"),
        "moved": QCoreApplication.translate("Labels", "Moved away"),
        "deceased": QCoreApplication.translate("Labels", "Deceased"),
        "institution": QCoreApplication.translate("Labels", "In an institution"),
        "other": QCoreApplication.translate("Labels", "Other reason"),
        "short": QCoreApplication.translate("Labels", "Away for a few days"),
        "work_away": QCoreApplication.translate("Labels", "Working far away"),
        "study_away": QCoreApplication.translate("Labels", "Studying far away"),
        "military": QCoreApplication.translate("Labels", "In military service"),
    }


def event_kind_labels() -> dict[str, str]:
    """Event kind -> label in the current language."""
    return {
        "imported": QCoreApplication.translate("Labels", "Imported"),
        "updated": QCoreApplication.translate("Labels", "Updated by an import"),
        "activated_system": QCoreApplication.translate("Labels", "Activated per system"),
        "system_reopened": QCoreApplication.translate("Labels", "Back on the list"),
        "assigned": QCoreApplication.translate("Labels", "Assigned to a team"),
        "visit": QCoreApplication.translate("Labels", "Visit"),
        "visit_void": QCoreApplication.translate("Labels", "Visit undone"),
        "export": QCoreApplication.translate("Labels", "Exported"),
        "pack_export": QCoreApplication.translate("Labels", "Team pack exported"),
        "pack_import": QCoreApplication.translate("Labels", "Team pack merged"),
        "team": QCoreApplication.translate("Labels", "Team change"),
    }


def status_label(code: Optional[str]) -> str:
    """One status's label (the code itself when unknown)."""
    return status_labels().get(code or "", code or "")


def reason_label(code: Optional[str]) -> str:
    """One reason's label (empty for None)."""
    return reason_labels().get(code or "", code or "")


# Colours of the statuses (text in the table, bars and dots on the dashboard): readable on white.
STATUS_COLORS = {
    "pending": "#5f6368", "activated": "#1a73e8", "absent": "#b06000", "ineligible": "#7b1fa2",
    "wrong_phone": "#c5221f", "refused": "#a50e0e", "revisit": "#00796b", "activated_system": "#188038",
}


def status_color(code: Optional[str]) -> QColor:
    """The colour a status is drawn in."""
    return QColor(STATUS_COLORS.get(code or "", "#202124"))
