"""Every ImportFileError code the core can raise reaches the person as a sentence in the window's language."""
from __future__ import annotations


def test_every_import_file_error_reads_in_the_windows_language(qapp):
    """The wizard's file page shows the core's FILE_ERRORS sentence (the table the command line prints too),
    never the error's technical English."""
    from canvass.importing.readers import ImportFileError
    from canvass.messages import FILE_ERRORS
    from ui import i18n
    from ui.dialogs.progress import error_text

    errors = {code: ImportFileError(code, f"technical detail of {code}", row=7) for code in FILE_ERRORS}
    i18n.install(qapp, "vi")
    try:
        shown = {code: error_text(None, exc) for code, exc in errors.items()}
    finally:
        i18n.install(qapp, "en")
    assert [c for c, w in shown.items() if w.isascii() or "technical" in w] == []
    assert shown["cell_too_large"].startswith("Một ô bắt đầu ở dòng 7 ")
    assert error_text(None, errors["encrypted"]).startswith("The workbook is protected by a password")
