"""The import wizard's words for what the core reports by code: the importer's row reasons, warnings and
sheet problems, in the window's language. The texts live in the core (`canvass.messages`: ROW_NOTES,
VALUED_NOTES, FIELD_NAMES, FILE_ERRORS), which the command line reads too; `issue_text` renders one."""
from __future__ import annotations


def issue_text(message: str) -> str:
    """An importer reason, warning or problem in the window's language, from its code and values (an unknown
    code passes through as its English text)."""
    from canvass.messages import row_note

    from ui.i18n import current_language

    return row_note(message, current_language())
