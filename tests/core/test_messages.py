"""Codes in the core, words at the edge: every error code the core raises has an English and a Vietnamese text
with the same parameters, and the command line speaks Vietnamese unless told otherwise."""
from __future__ import annotations

import ast
import string
import subprocess
import sys
from pathlib import Path

import pytest

from canvass.errors import CanvassError, InvalidInput, NotFound
from canvass.messages import MESSAGES, render, text

CORE = Path(__file__).resolve().parents[2] / "canvass"
ERRORS = {"CanvassError", "InvalidInput", "NotFound", "Cancelled"}


def _fields(template: str) -> set[str]:
    return {f for _lit, f, _spec, _conv in string.Formatter().parse(template) if f}


def _raised_codes() -> dict[str, list[str]]:
    """Every `raise InvalidInput("code", ...)`-style call in canvass/: code -> where."""
    found: dict[str, list[str]] = {}
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ERRORS \
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                value = node.args[0].value
                if value.isidentifier() and value.islower():
                    found.setdefault(value, []).append(f"{path.relative_to(CORE)}:{node.lineno}")
    return found


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_code_has_both_texts_with_the_same_parameters(code):
    en, vi = MESSAGES[code]
    assert en.strip() and vi.strip() and en != vi
    assert _fields(vi) <= _fields(en)          # a translation may leave a value out, never invent one
    params = {f: 1 for f in _fields(en)}         # numbers fit every field, formatted ones ({share:.0%}) too
    assert "{" not in render(code, params, "en") and "{" not in render(code, params, "vi")


def test_every_code_the_core_raises_is_in_the_table():
    raised = _raised_codes()
    # codes handled by tables of their own (import file errors, pack row reasons) are raised with a detail
    own_tables = {c for c in raised if any(w.startswith(("packs", "importing")) for w in raised[c])}
    missing = {c: w for c, w in raised.items() if c not in MESSAGES and c not in own_tables}
    assert missing == {}


def test_str_is_english_and_text_follows_the_language():
    exc = NotFound("team_unknown", text="Tổ 9")
    assert str(exc) == "no team named 'Tổ 9'"
    assert text(exc, "vi") == "không có tổ tên “Tổ 9”"
    assert text(exc, "en") == str(exc)
    legacy = CanvassError("a sentence not yet in the table")
    assert str(legacy) == text(legacy, "vi") == "a sentence not yet in the table"
    assert isinstance(InvalidInput("phone_unusable", text="12"), ValueError)


@pytest.mark.parametrize("lang, expected", [(None, "không có thôn tên “Thôn Xa”"), ("en", "no hamlet named 'Thôn Xa'")])
def test_the_command_line_speaks_vietnamese_by_default(tmp_path, lang, expected):
    import os

    env = {k: v for k, v in os.environ.items() if k != "CANVASS_LANG"}
    if lang:
        env["CANVASS_LANG"] = lang
    db = tmp_path / "x.db"
    subprocess.run([sys.executable, "-m", "canvass.cli", "--db", str(db), "campaign", "set", "--name", "C",
                    "--start", "2026-01-01", "--end", "2026-03-01"], check=True, capture_output=True, env=env)
    proc = subprocess.run([sys.executable, "-m", "canvass.cli", "--db", str(db), "campaign", "target", "Thôn Xa", "5"],
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 1 and proc.stderr.strip() == f"canvass: {expected}"


def _file_error_codes() -> dict[str, list[str]]:
    """Every `ImportFileError("code", ...)` the core raises: code -> where."""
    found: dict[str, list[str]] = {}
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "ImportFileError" \
                    and node.args and isinstance(node.args[0], ast.Constant):
                found.setdefault(node.args[0].value, []).append(f"{path.relative_to(CORE)}:{node.lineno}")
    return found


def _importer_phrases() -> list[str]:
    """The importer's fixed phrases: every W_/E_/R_ constant of ids, phones, dates and importing.rows, and the
    header guesser's sheet problems (string literals appended to `problems`)."""
    from canvass import dates, ids, phones
    from canvass.importing import rows

    phrases = [v for mod in (ids, phones, dates, rows) for k, v in vars(mod).items()
               if k[:2] in ("W_", "E_", "R_") and isinstance(v, str)]
    for path in (CORE / "importing").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "append" \
                    and getattr(node.func.value, "attr", getattr(node.func.value, "id", None)) == "problems" \
                    and node.args and isinstance(node.args[0], ast.Constant):
                phrases.append(node.args[0].value)
    return phrases


def test_every_importer_word_has_both_languages():
    """A row reason, warning, sheet problem, valued note, import field or file error the core can give has an
    English and a Vietnamese text in the one table the window and the command line both read."""
    from canvass.importing import FIELDS, rows
    from canvass.messages import FIELD_NAMES, FILE_ERRORS, ROW_NOTES, VALUED_NOTES

    phrases = _importer_phrases()
    assert len(phrases) > 25 and "no CCCD column" in phrases and "no data rows" in phrases
    assert [p for p in phrases if p not in ROW_NOTES] == []
    assert set(rows.NOTE_TEMPLATES) <= set(VALUED_NOTES)
    assert set(FIELDS) | {""} <= set(FIELD_NAMES)
    raised = _file_error_codes()
    assert len(raised) >= 8 and set(raised) <= set(FILE_ERRORS)
    for table in (ROW_NOTES, VALUED_NOTES, FIELD_NAMES, FILE_ERRORS):
        for code, (en, vi) in table.items():
            assert en.strip() and vi.strip() and not vi.isascii() and _fields(vi) == _fields(en), code


def test_a_row_note_is_rendered_from_its_code_and_values():
    from canvass import ids
    from canvass.importing import rows
    from canvass.messages import row_note

    note = rows.Note("duplicate_cccd", row=17, fields=["phone", "dob"])
    assert row_note(note, "vi") == "Trùng số định danh với dòng 17; khác ở: Số điện thoại, Ngày sinh"
    assert row_note(note, "en") == "Same ID number as row 17; differs in: Phone number, Date of birth"
    assert row_note(rows.Note("bad_id", problem=ids.E_LENGTH), "vi") == "Số định danh: sai số chữ số"
    assert row_note(rows.R_NO_NAME, "vi") == "Không có họ tên"
    assert row_note("a phrase the table does not know", "vi") == "a phrase the table does not know"
    assert row_note("", "vi") == ""


def test_a_file_error_reads_in_the_language_and_keeps_its_detail_in_english():
    from canvass.importing.readers import ImportFileError

    exc = ImportFileError("cell_too_large", "a cell starting on line 7 is longer than 131072 characters", row=7)
    assert text(exc, "vi").startswith("Một ô bắt đầu ở dòng 7 dài quá mức")
    assert text(exc, "en").startswith("A cell starting on line 7 is far too long")
    assert str(exc) == "a cell starting on line 7 is longer than 131072 characters"
