"""Hostile details that used to lose rows without a word (issue 12, items 6 and 7): a first resident read as
part of the header, invisible format characters in headers and names, a CSV cell past the csv module's limit.
Every file is written by the test."""
from __future__ import annotations

import unicodedata

import pytest
from sqlalchemy import func, select

from canvass.importing import ImportFileError, ImportPlan, inspect_file, run_import
from canvass.models import Hamlet, ImportBatch, Resident, SourceRow, SourceText
from canvass import text
from tests.core.importfiles import cccd, write_csv, write_xlsx


def _count(db, model) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def _names(db) -> list[str]:
    with db.session() as s:
        return sorted(s.scalars(select(Resident.name)))


# ---- the first resident is not a header row ----------------------------------------------------------------

def test_first_resident_without_long_number_is_not_swallowed_into_the_header(db, tmp_path):
    # The first resident has no CCCD yet and a cell under no header that names a field ("Chủ hộ"): read with
    # the header as a two-row header it used to vanish (3 residents, rows_read 2).
    rows = [["Họ và tên", "Ngày sinh", "Địa chỉ"],
            ["Nguyễn Văn An", "01/02/1980", "Thôn Nà Thí, xã Hưng Đạo", "Chủ hộ"],
            ["Trần Thị Bình", "1981", "Thôn Nà Thí, xã Hưng Đạo"],
            ["Lý Văn Cường", "1982", "Thôn Nà Thí, xã Hưng Đạo"]]
    path = write_xlsx(tmp_path / "l.xlsx", rows)
    assert inspect_file(path).sheets[0].header_row == 1
    res = run_import(db, path, dry_run=True)
    assert res.rows_read == 3
    assert res.imported + res.duplicates + len(res.rejected) == 3


def test_first_resident_with_a_year_is_not_a_sub_header(db, tmp_path):
    rows = [["STT", "Họ và tên", "Năm sinh", "Số CCCD", ""],
            [1, "Nguyễn Văn An", 1980, "", "SĐT hỏng"],
            [2, "Trần Thị Bình", 1981, cccd(2, 1981, True), ""],
            [3, "Lý Văn Cường", 1982, cccd(3, 1982), ""]]
    path = write_xlsx(tmp_path / "l.xlsx", rows)
    assert inspect_file(path).sheets[0].header_row == 1
    res = run_import(db, path, dry_run=True)
    assert res.rows_read == 3


def test_real_two_row_header_still_recognised(db, tmp_path):
    rows = [["STT", "Họ và tên", "Ngày sinh", None, "Số CCCD", "Thôn"],
            [None, None, "Nam", "Nữ", None, None],
            [1, "Nguyễn Văn An", "01/02/1980", None, cccd(1), "Thôn Nà Thí"],
            [2, "Trần Thị Bình", None, "03/04/1981", cccd(2, 1981, True), "Thôn Nà Thí"]]
    path = write_xlsx(tmp_path / "l.xlsx", rows, merges=["C1:D1", "A1:A2", "B1:B2", "E1:E2", "F1:F2"])
    ins = inspect_file(path).sheets[0]
    assert (ins.mapping[2], ins.mapping[3]) == ("dob", "dob")
    res = run_import(db, path)
    assert (res.rows_read, res.imported, res.rejected) == (2, 2, [])
    with db.session() as s:
        assert sorted(s.scalars(select(Resident.gender))) == ["Nam", "Nữ"]


# ---- format characters ----------------------------------------------------------------------------------------

def test_every_format_character_is_stripped_by_the_one_normaliser():
    every_cf = {chr(cp) for cp in range(0x110000) if unicodedata.category(chr(cp)) == "Cf"}
    assert set(text.FORMAT_CHARS) == every_cf
    marks = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u200c\u200d\u2060\ufeff\u00ad"
    name = "Nguy" + marks + "ễn Văn\u200f An"
    assert text.strip_format(name) == "Nguyễn Văn An"
    assert text.nfc(name) == "Nguyễn Văn An"
    assert text.fold("Họ và t\u202eên") == "ho va ten"


def test_header_with_direction_marks_is_read_and_names_lose_their_marks(db, tmp_path):
    good = [["Họ và tên", "Số CCCD", "Thôn"], ["Nguyễn Văn An", cccd(1), "Thôn A"]]
    marked = [["\ufeff\u200eHọ và t\u202eên\u202c", "Số\u200b CCCD\u200e", "Th\u200dôn"],
              ["Trần\u200f Văn\u200d Bình\u2066", "\u200e" + cccd(2), "Thôn\u00ad B"],
              ["\u202eLý Văn Cường", cccd(3) + "\u200f", "Thôn B"]]
    path = write_xlsx(tmp_path / "l.xlsx", sheets={"A": good, "B": marked})
    res = run_import(db, path)
    assert (res.rows_read, res.imported, res.rejected, res.sheets_skipped) == (3, 3, [], [])
    assert _names(db) == ["Lý Văn Cường", "Nguyễn Văn An", "Trần Văn Bình"]
    with db.session() as s:
        assert sorted(s.scalars(select(Resident.cccd))) == [cccd(1), cccd(2), cccd(3)]
        hamlets = sorted(s.scalars(select(Hamlet.name)))
        raws = [t for t in s.scalars(select(SourceText.raw))] + [
            t for t in s.scalars(select(SourceRow.raw_inline)) if t]
    assert hamlets == ["Thôn A", "Thôn B"]
    assert len(raws) >= 3 and not any(ch in t for t in raws for ch in text.FORMAT_CHARS)


def test_csv_with_marks_in_header_and_cells(db, tmp_path):
    path = write_csv(tmp_path / "l.csv", [["Họ và t\u202eên", "Số CCCD\u200e", "Thôn", "Số điện thoại"],
                                          ["\u200eNguyễn Văn An", cccd(1), "Thôn A", "0912\u200b345\u200e678"]])
    res = run_import(db, path)
    assert (res.rows_read, res.imported, res.warnings) == (1, 1, [])
    with db.session() as s:
        r = s.scalars(select(Resident)).one()
    assert (r.name, r.phone) == ("Nguyễn Văn An", "+84912345678")


def test_a_sheet_with_data_but_no_header_is_reported_not_skipped_silently(db, tmp_path):
    good = [["Họ và tên", "Số CCCD", "Thôn"], ["Nguyễn Văn An", cccd(1), "Thôn A"]]
    odd = [["Cột 1", "Cột 2"], ["Trần Văn Bình", cccd(2)]]
    path = write_xlsx(tmp_path / "l.xlsx", sheets={"A": good, "Khác": odd, "Trống": []})
    res = run_import(db, path)
    assert res.imported == 1
    assert res.sheets_skipped == ["Khác"]
    assert res.to_json()["sheets_skipped"] == ["Khác"]


# ---- a CSV cell past the csv module's field limit ------------------------------------------------------------

def test_huge_csv_cell_is_a_clear_error_and_changes_nothing(db, tmp_path):
    path = tmp_path / "l.csv"
    path.write_text("Họ và tên,Số CCCD,Thôn,Ghi chú\nNguyễn Văn An,%s,Thôn A,%s\n" % (cccd(1), "x" * 140_000),
                    encoding="utf-8")
    for call in (lambda: inspect_file(path), lambda: run_import(db, path), lambda: run_import(db, path, dry_run=True)):
        with pytest.raises(ImportFileError) as exc:
            call()
        assert exc.value.code == "cell_too_large"
        assert exc.value.params == {"row": 2}
        assert "Nguyễn" not in str(exc.value) and "xxx" not in str(exc.value)
    assert _count(db, Resident) == 0 and _count(db, ImportBatch) == 0


def test_huge_csv_cell_from_the_command_line_is_one_line(tmp_path, capsys):
    from canvass.cli import main

    path = tmp_path / "l.csv"
    path.write_text("Họ và tên,Số CCCD,Thôn\n\"%s\",%s,Thôn A\n" % ("a" * 200_000, cccd(1)), encoding="utf-8")
    rc = main(["--db", str(tmp_path / "c.db"), "import", str(path)])
    err = capsys.readouterr().err
    assert rc == 1 and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_csv_cells_below_the_limit_are_read_whole(db, tmp_path):
    note = "ghi chú " * 2000
    path = write_csv(tmp_path / "l.csv", [["Họ và tên", "Số CCCD", "Thôn", "Ghi chú"],
                                          ["Nguyễn Văn An", cccd(1), "Thôn A", note]])
    assert run_import(db, path).imported == 1
    with db.session() as s:
        assert s.scalars(select(Resident.source_note)).one() == note.strip()


def test_numbering_row_under_a_two_column_header_is_not_a_row(db, tmp_path):
    # found by the property test: "(1) (2)" under a two-column header was read as a resident named "(1)"
    rows = [["Họ và tên", "Số CCCD"], ["(1)", "(2)"], ["Nguyễn Văn An", cccd(1)]]
    res = run_import(db, write_xlsx(tmp_path / "l.xlsx", rows), ImportPlan(hamlet="Thôn A"))
    assert (res.rows_read, res.imported, res.rejected) == (1, 1, [])
