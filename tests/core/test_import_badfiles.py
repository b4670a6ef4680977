"""Files that cannot be imported get a clear ImportFileError and leave the database unchanged."""
from __future__ import annotations

import zipfile

import pytest
from sqlalchemy import func, select

from canvass.errors import CanvassError
from canvass.importing import ImportFileError, inspect_file, run_import
from canvass.models import ImportBatch, Resident
from tests.core.importfiles import HEADER, people, standard_rows, write_xlsx


def _count(db, model) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def _refused(db, path, code: str) -> ImportFileError:
    with pytest.raises(ImportFileError) as exc:
        run_import(db, path)
    assert exc.value.code == code, str(exc.value)
    assert isinstance(exc.value, CanvassError) and str(exc.value)
    assert _count(db, Resident) == 0 and _count(db, ImportBatch) == 0
    return exc.value


def test_text_file_renamed_xlsx(db, tmp_path):
    path = tmp_path / "list.xlsx"
    path.write_text("this is not a spreadsheet\n", encoding="utf-8")
    _refused(db, path, "not_spreadsheet")
    with pytest.raises(ImportFileError):
        inspect_file(path)


def test_random_zip_and_empty_file(db, tmp_path):
    z = tmp_path / "a.xlsx"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("hello.txt", "hi")
    _refused(db, z, "not_spreadsheet")
    empty = tmp_path / "e.xlsx"
    empty.write_bytes(b"")
    _refused(db, empty, "empty")


def test_empty_workbook_and_headers_only(db, tmp_path):
    _refused(db, write_xlsx(tmp_path / "empty.xlsx", []), "empty")
    only = write_xlsx(tmp_path / "headers.xlsx", standard_rows([], footer=False))
    err = _refused(db, only, "no_data")
    assert "no residents" in str(err)
    with pytest.raises(ImportFileError):
        inspect_file(only)
    nohead = write_xlsx(tmp_path / "nohead.xlsx", [["a", "b"], [1, 2], [3, 4]])
    _refused(db, nohead, "no_header")


def test_encrypted_workbook(db, tmp_path):
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = write_xlsx(tmp_path / "plain.xlsx", standard_rows(people(3)))
    enc = tmp_path / "secret.xlsx"
    with open(plain, "rb") as src, open(enc, "wb") as out:
        OOXMLFile(src).encrypt("mật khẩu", out)
    err = _refused(db, enc, "encrypted")
    assert "password" in str(err)


def _rewrite_part(src, dst, part: str, data: bytes) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, data if info.filename == part else zin.read(info.filename))


def test_xml_bomb(db, tmp_path):
    plain = write_xlsx(tmp_path / "plain.xlsx", standard_rows(people(2)))
    with zipfile.ZipFile(plain) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml")
    lol = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                      for i in range(1, 10)) + b"]>")
    bomb = tmp_path / "bomb.xlsx"
    _rewrite_part(plain, bomb, "xl/worksheets/sheet1.xml", lol + sheet[sheet.index(b"<worksheet"):])
    _refused(db, bomb, "unsafe")


def test_zip_bomb(db, tmp_path):
    plain = write_xlsx(tmp_path / "plain.xlsx", standard_rows(people(2)))
    bomb = tmp_path / "zipbomb.xlsx"
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))
        zout.writestr("xl/media/padding.xml", b"<" + b" " * (40 * 1024 * 1024) + b"/>")
    _refused(db, bomb, "unsafe")


def test_binary_file_named_csv(db, tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(bytes(range(256)) * 10)
    _refused(db, path, "not_spreadsheet")


def test_unknown_sheet_name(db, tmp_path):
    from canvass.importing import ImportPlan

    path = write_xlsx(tmp_path / "l.xlsx", [HEADER])
    with pytest.raises(ImportFileError) as exc:
        run_import(db, path, ImportPlan(sheets=["Không có"]))
    assert exc.value.code == "no_sheet"


def test_damaged_sheet_xml(db, tmp_path):
    plain = write_xlsx(tmp_path / "plain.xlsx", standard_rows(people(2)))
    broken = tmp_path / "broken.xlsx"
    _rewrite_part(plain, broken, "xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row r='1'><c r='A1' t=")
    err = _refused(db, broken, "unreadable")
    assert "cannot be read" in str(err)
