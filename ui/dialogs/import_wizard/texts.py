"""The import wizard's words for what the core reports by code: the importer's row reasons, warnings and
sheet problems (ISSUE_TEXTS), file errors (FILE_ERRORS) and row notes with values (NOTE_TEXTS), all in the
"ImportWizard" translation context; `issue_text` renders one."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

from ui.labels import field_label

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
