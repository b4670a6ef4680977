"""Every ImportFileError code the core can raise has a Vietnamese sentence in the wizard."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_import_file_error_code_has_a_vietnamese_text(qapp):
    from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

    from ui.dialogs.import_wizard import FILE_ERRORS

    raised = set()
    for path in (ROOT / "canvass/importing").glob("*.py"):
        raised |= set(re.findall(r'ImportFileError\(\s*"([a-z_]+)"', path.read_text(encoding="utf-8")))
    assert {"cell_too_large", "not_spreadsheet", "no_header"} <= raised
    assert raised <= set(FILE_ERRORS)
    translator = QTranslator()
    assert translator.load(QLocale("vi_VN"), "dialogs", "_", str(ROOT / "resources/translations"))
    qapp.installTranslator(translator)
    try:
        words = {code: QCoreApplication.translate("ImportWizard", FILE_ERRORS[code]) for code in raised}
    finally:
        qapp.removeTranslator(translator)
    assert [c for c, w in words.items() if w.isascii()] == []
