"""Dialogs of the window (import wizard, outcomes, packs, exports) and the labels they share.

Labels are English source strings translated through Qt (context "Labels"), so the user sees Vietnamese
and the code keeps the core's English codes.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

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
    "": QT_TRANSLATE_NOOP("Labels", "(ignore this column)"),
    "seq": QT_TRANSLATE_NOOP("Labels", "Row number"),
    "name": QT_TRANSLATE_NOOP("Labels", "Full name"),
    "dob": QT_TRANSLATE_NOOP("Labels", "Date of birth"),
    "gender": QT_TRANSLATE_NOOP("Labels", "Gender"),
    "cccd": QT_TRANSLATE_NOOP("Labels", "Personal ID number"),
    "phone": QT_TRANSLATE_NOOP("Labels", "Phone number"),
    "household": QT_TRANSLATE_NOOP("Labels", "Household number"),
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
