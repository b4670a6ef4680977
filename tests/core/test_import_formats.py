"""CSV in UTF-8 (with or without BOM) and Windows-1258 with `,` or `;`, and .xls through LibreOffice."""
from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest
from sqlalchemy import select

from canvass.importing import inspect_file, run_import
from canvass.importing.readers import decode_text, sniff_delimiter
from canvass.models import Hamlet, Resident
from tests.core.importfiles import people, standard_rows, write_csv, write_xlsx
from tests.helpers import require_tool

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258_form(text: str) -> str:
    """Vietnamese as Windows-1258 writes it: letters with ă â ê ô ơ ư đ precomposed, tone marks combining."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out.append(base + "".join(c for c in parts if c in _TONES))
    return "".join(out)


def _names(db) -> list[str]:
    with db.session() as s:
        return sorted(s.scalars(select(Resident.name)))


def test_csv_utf8_with_bom_comma(db, tmp_path):
    ps = people(4)
    path = write_csv(tmp_path / "l.csv", standard_rows(ps), encoding="utf-8-sig", delimiter=",")
    ins = inspect_file(path)
    assert ins.format == "csv" and ins.sheets[0].header_row == 6
    res = run_import(db, path)
    assert (res.rows_read, res.imported, res.rejected) == (4, 4, [])
    assert _names(db) == sorted(p["name"] for p in ps)


def test_csv_utf8_without_bom_semicolon_and_multiline_cell(db, tmp_path):
    ps = people(3)
    ps[0]["address"] = "Thôn Nà Thí,\nxã Hưng Đạo"
    path = write_csv(tmp_path / "l.csv", standard_rows(ps, title=False), encoding="utf-8", delimiter=";")
    res = run_import(db, path)
    assert res.imported == 3
    # row numbers are line numbers: header line 1, numbering line 2, a two-line record on 3-4, then 5, 6
    assert res.rows_read == 3
    with db.session() as s:
        from canvass.models import SourceRow
        assert sorted(s.scalars(select(SourceRow.row_number))) == [3, 5, 6]


def test_csv_windows_1258_semicolon(db, tmp_path):
    ps = people(4, hamlet="Thôn Khuổi Ngược")
    rows = [[cp1258_form(c) if isinstance(c, str) else c for c in r] for r in standard_rows(ps)]
    path = write_csv(tmp_path / "l.csv", rows, encoding="cp1258", delimiter=";")
    raw = path.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text, enc = decode_text(raw)
    assert enc == "cp1258" and sniff_delimiter(text) == ";"
    res = run_import(db, path)
    assert res.imported == 4 and res.rejected == []
    assert _names(db) == sorted(p["name"] for p in ps)      # NFC, same as typed
    with db.session() as s:
        assert s.scalars(select(Hamlet.name)).all() == ["Thôn Khuổi Ngược"]


def test_xls_converted_by_libreoffice(db, tmp_path):
    soffice = require_tool("soffice")
    ps = people(5)
    src = write_xlsx(tmp_path / "l.xlsx", standard_rows(ps))
    out = tmp_path / "out"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "xls",
                    "--outdir", str(out), str(src)], check=True, capture_output=True, timeout=180)
    xls = out / "l.xls"
    assert xls.exists()
    ins = inspect_file(xls)
    assert ins.format == "xls" and ins.sheets[0].header_row == 6
    res = run_import(db, xls)
    assert (res.rows_read, res.imported, res.rejected) == (5, 5, [])
    assert _names(db) == sorted(p["name"] for p in ps)
    # the same list as xlsx afterwards changes nothing
    again = run_import(db, src)
    assert (again.unchanged, again.updated) == (5, 0)


def test_format_comes_from_content_not_name(db, tmp_path):
    ps = people(2)
    real = write_xlsx(tmp_path / "l.xlsx", standard_rows(ps))
    renamed = tmp_path / "list.csv"
    shutil.copy(real, renamed)
    assert inspect_file(renamed).format == "xlsx"
    assert run_import(db, renamed).imported == 2
