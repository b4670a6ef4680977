"""Property tests (issue 12, "Make it stay fixed"): generated spreadsheets, written by the test as .xlsx
(openpyxl or XlsxWriter) or .csv, with headers from the importer's own vocabulary mixed with junk columns, cells
of every type (text, numbers, dates, floats for CCCD, None), Unicode forms (NFC/NFD, format characters),
section rows, merged cells, formulas, huge cells, empty sheets, title rows and footers.

The promise checked on each file: either a clean import whose log is complete, or a clear ImportFileError /
CanvassError (a code, one line, no personal data) and a database left as it was; and
rows_read = imported + updated + unchanged + duplicates + rejected = the source rows stored = the resident rows
the generator wrote (every row with a name is accounted for, nothing else is).

Example counts come from the hypothesis profile (tests/conftest.py): `ci` (the default, derandomized, small)
or `soak` (HYPOTHESIS_PROFILE=soak, many more, random).
"""
from __future__ import annotations

import datetime as dt
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import event, given, note  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from sqlalchemy import func, inspect, select, text  # noqa: E402

from canvass.db import open_database  # noqa: E402
from canvass.errors import CanvassError  # noqa: E402
from canvass.importing import ImportFileError, run_import  # noqa: E402
from canvass.importing.headers import SYNONYMS  # noqa: E402
from canvass.models import SourceRow  # noqa: E402
from canvass.text import FORMAT_CHARS  # noqa: E402
from tests.core.importfiles import cccd as make_cccd  # noqa: E402

FILE_ERROR_CODES = {"not_found", "not_spreadsheet", "encrypted", "unsafe", "empty", "no_header", "no_data",
                    "unreadable", "no_sheet", "cell_too_large"}
SURNAMES = ["Nguyễn", "Trần", "Lê", "Hoàng", "Nông", "Lý", "Bàn", "Tống", "Trương", "Vi", "Đinh", "H'"]
MIDDLE = ["Văn", "Thị", "Đức", "Ngọc", "Công", "Thành", ""]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Lan", "Nam", "Sơn", "Yến", "Ánh", "Đạt", "Hùng", "Thuỷ", "Hoà"]
HAMLETS = ["Thôn Nà Thí", "Thôn Pò Đứa", "Xóm 3", "Bản Quyền", "Tổ dân phố 2", "Ấp Bến Đá", "Khu 4", "Khóm 5"]
JUNK_HEADERS = ["Dân tộc", "Tôn giáo", "Nghề nghiệp", "Cột 7", "Đơn vị", "Mã hồ sơ", "X", "Nhóm máu", "Q?"]
# header wordings the generator uses per field: the importer's own vocabulary (folded) and the printed forms
PRINTED = {"name": ["Họ và tên", "HỌ VÀ TÊN", "Họ tên công dân"], "dob": ["Ngày sinh", "Ngày, tháng, năm sinh"],
           "cccd": ["Số CCCD", "Số định danh cá nhân", "CCCD/CMND"], "phone": ["Số điện thoại", "SĐT"],
           "hamlet": ["Thôn", "Thôn/Tổ dân phố"], "address": ["Nơi thường trú", "Địa chỉ"],
           "gender": ["Giới tính"], "note": ["Ghi chú"], "household_no": ["Số hộ"],
           "relation": ["Quan hệ với chủ hộ"], "stt": ["STT", "TT"]}
TITLES = [["CÔNG AN HUYỆN BÌNH GIA", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
          ["CÔNG AN XÃ HƯNG ĐẠO", None, None, "Độc lập - Tự do - Hạnh phúc"],
          ["DANH SÁCH CÔNG DÂN CHƯA KÍCH HOẠT TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ"]]
# footer blocks: totals, a date of signing, a signature block (the names only under their titles)
FOOTERS = [[["Tổng số: {n} công dân./."]], [["Cộng", None, "{n}"]], [["Tổng cộng: {n}"]],
           [[None, "Lạng Sơn, ngày 28 tháng 3 năm 2025"]], [[None, "..., ngày 28/3/2025"]],
           [[None, "NGƯỜI LẬP BIỂU", None, "TRƯỞNG CÔNG AN XÃ"], [None, "(Ký, ghi rõ họ tên)"], [], [],
            [None, "Lương Thị Hiền", None, "Hoàng Văn Chung"]]]
ROMAN = ["I", "II", "III", "IV", "V", "VI"]


@dataclass
class Sheet:
    """A generated sheet: its rows, merged ranges (0-based r0, c0, r1, c1), and how many residents it holds."""
    name: str
    rows: list[list[Any]] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    residents: int = 0
    has_header: bool = False


# ---- strategies --------------------------------------------------------------------------------------------

def marked(draw, s: str, p_marks: bool) -> str:
    """Sometimes decomposed (NFD), sometimes with format characters inserted."""
    if draw(st.booleans()):
        s = unicodedata.normalize("NFD", s)
    if p_marks and s and draw(st.integers(0, 3)) == 0:
        pos = draw(st.integers(0, len(s)))
        s = s[:pos] + draw(st.sampled_from(FORMAT_CHARS)) + s[pos:]
    return s


@st.composite
def person_name(draw) -> str:
    words = [draw(st.sampled_from(SURNAMES)), draw(st.sampled_from(MIDDLE)), draw(st.sampled_from(GIVEN))]
    name = " ".join(w for w in words if w).replace("H' ", "H'")
    name = draw(st.sampled_from([name, name.upper(), name.lower(), "  " + name.replace(" ", "  ") + " "]))
    return marked(draw, name, True)


@st.composite
def cccd_cell(draw, i: int) -> Any:
    good = make_cccd(i, 1950 + i % 50)
    return draw(st.sampled_from([good, good, int(good), float(int(good)), " ".join([good[:4], good[4:8], good[8:]]),
                                 "2.00868E+11", "O" + good[1:], good[:9], None, ""]))


@st.composite
def dob_cell(draw, i: int) -> Any:
    year = 1940 + i % 60
    d = dt.date(year, 1 + i % 12, 1 + i % 28)
    return draw(st.sampled_from([d, dt.datetime(d.year, d.month, d.day), year, str(year), d.strftime("%d/%m/%Y"),
                                 float((d - dt.date(1899, 12, 30)).days), "31/02/1980", "không rõ", None]))


@st.composite
def phone_cell(draw, i: int) -> Any:
    n = f"{i:07d}"
    return draw(st.sampled_from([f"091{n}", f"0521{n[1:]}", f"+84 89{n[:1]} {n[1:4]} {n[4:]}", int(f"91{n}"),
                                 f"0912.{n[:3]}.{n[3:6]} / 0987{n[:6]}", "không có", "=1+1", None]))


@st.composite
def section_row(draw, k: int, width: int, hamlet: str) -> tuple[list[Any], bool]:
    """(a section row naming `hamlet`, merged across the table?)."""
    roman = ROMAN[k % len(ROMAN)]
    shape = draw(st.integers(0, 3))
    if shape == 0:
        return [roman, f"{hamlet.upper()} ({draw(st.integers(1, 99))} công dân)"], False
    if shape == 1:
        return [f"{roman}. {hamlet} - {draw(st.integers(1, 99))} người"], draw(st.booleans())
    if shape == 2:
        return [f"{'ABCDEF'[k % 6]}. {hamlet.upper()}"], draw(st.booleans())
    return [hamlet], draw(st.booleans())


@st.composite
def sheet(draw, index: int, book_format: str) -> Sheet:
    sh = Sheet(name=draw(st.sampled_from(["Danh sách", "Sheet1", "DS", "Thôn Nà Thí", "Trang tính"])) + f" {index}")
    kind = draw(st.sampled_from(["list", "list", "list", "empty", "title_only"]))
    if kind == "empty":
        return sh
    if draw(st.booleans()):
        sh.rows += [list(r) for r in draw(st.lists(st.sampled_from(TITLES), max_size=3))] + [[]]
    if kind == "title_only":
        sh.rows.append(["Không có dữ liệu"])
        return sh
    fields = ["name"] + draw(st.lists(st.sampled_from(["stt", "dob", "cccd", "phone", "hamlet", "address", "gender",
                                                       "note", "household_no", "relation"]), unique=True,
                                      max_size=8))
    if "cccd" not in fields and "phone" not in fields and "dob" not in fields:
        fields.append("cccd")
    cols = draw(st.permutations(fields))
    junk = draw(st.lists(st.sampled_from(JUNK_HEADERS), unique=True, max_size=3))
    layout = list(cols) + ["junk:" + j for j in junk]
    layout = draw(st.permutations(layout))
    header = []
    for f in layout:
        if f.startswith("junk:"):
            header.append(f[5:])
        else:
            word = draw(st.sampled_from(PRINTED[f] + [w for w in SYNONYMS[f] if len(w) > 3]))
            header.append(marked(draw, word, True))
    sh.rows.append(header)
    sh.has_header = True
    width = len(layout)
    if draw(st.booleans()):
        sh.rows.append([f"({c + 1})" for c in range(width)])
    has_hamlet_col = "hamlet" in layout
    n = draw(st.integers(0, 12))
    k_section = 0
    merge_from: Optional[int] = None
    huge = draw(st.sampled_from([0, 0, 0, 2000, 32767, 140_000]))
    for i in range(1, n + 1):
        base = index * 1000 + i
        if draw(st.integers(0, 4)) == 0:   # a section row
            hamlet = draw(st.sampled_from(HAMLETS))
            row, merge = draw(section_row(k_section, width, hamlet))
            k_section += 1
            if merge and book_format != "csv" and width > 1:
                sh.merges.append((len(sh.rows), 0, len(sh.rows), width - 1))
            sh.rows.append(row)
        if draw(st.integers(0, 6)) == 0:
            sh.rows.append([])
        row = []
        for f in layout:
            if f == "name":
                row.append(draw(person_name()))
            elif f == "stt":
                row.append(draw(st.sampled_from([i, str(i), f"{i}.", None])))
            elif f == "cccd":
                row.append(draw(cccd_cell(base)))
            elif f == "dob":
                row.append(draw(dob_cell(base)))
            elif f == "phone":
                row.append(draw(phone_cell(base)))
            elif f == "hamlet":
                row.append(marked(draw, draw(st.sampled_from(HAMLETS + ["", "THÔN NÀ THÍ", "thon na thi"])), True))
            elif f == "address":
                row.append(draw(st.sampled_from([f"Số {i}, Thôn Nà Thí, xã Hưng Đạo", "Xóm 3, xã Tân Văn",
                                                 "", None])))
            elif f == "gender":
                row.append(draw(st.sampled_from(["Nam", "Nữ", "nam", "X", None, 1])))
            elif f == "household_no":
                row.append(draw(st.sampled_from([i, (i + 1) // 2, str(i), None])))
            elif f == "relation":
                row.append(draw(st.sampled_from(["Chủ hộ", "Vợ", "Con", "", None])))
            elif f == "note" or f.startswith("junk:"):
                row.append(draw(st.sampled_from(["", None, "=1+1", "=HYPERLINK(\"http://x\",\"y\")", "@SUM(A1)",
                                                 "+84", "-", 3.14, "đi làm xa"])))
        # the generator's promise: a resident row holds at least one value besides its name that a
        # footer signature never holds (a CCCD-like number or a date of birth)
        if not any(_strong(f, v) for f, v in zip(layout, row)):
            row[layout.index("cccd") if "cccd" in layout else layout.index("name")] = (
                make_cccd(base) if "cccd" in layout else row[layout.index("name")])
            if "cccd" not in layout:
                if "dob" in layout:
                    row[layout.index("dob")] = dt.date(1980, 1, 1)
                else:
                    row[layout.index("phone")] = f"091{base:07d}"
        if huge and i == 1:
            row.append("y" * huge)
        if merge_from == len(sh.rows) - 1:
            # the hamlet cell of the resident above, merged down over this one (the value is in the first only)
            c = layout.index("hamlet")
            sh.merges.append((merge_from, c, merge_from + 1, c))
            row[c] = None
            merge_from = None
        elif has_hamlet_col and book_format != "csv" and draw(st.integers(0, 6)) == 0:
            merge_from = len(sh.rows)
        sh.rows.append(row)
        sh.residents += 1
    if draw(st.booleans()):
        sh.rows.append([])
        for block in draw(st.lists(st.sampled_from(FOOTERS), max_size=4)):
            for r in block:
                sh.rows.append([c.format(n=n) if isinstance(c, str) else c for c in r])
    return sh


def _strong(f: str, v: Any) -> bool:
    from canvass.dates import parse_date
    from canvass.importing.headers import has_id_like

    if v in (None, ""):
        return False
    if f in ("cccd", "phone"):
        return has_id_like([(0, str(v))])
    if f == "dob":
        d = parse_date(v)
        return d.value is not None or d.year is not None
    return False


@st.composite
def workbook(draw) -> tuple[str, list[Sheet]]:
    fmt = draw(st.sampled_from(["openpyxl", "xlsxwriter", "csv"]))
    count = 1 if fmt == "csv" else draw(st.integers(1, 3))
    return fmt, [draw(sheet(i, fmt)) for i in range(count)]


# ---- writers -----------------------------------------------------------------------------------------------

def _cell_out(v: Any) -> Any:
    return None if v == "" else v


def write_book(path: Path, fmt: str, sheets: list[Sheet]) -> Path:
    """Write the generated sheets as the format asks."""
    if fmt == "csv":
        import csv

        with open(path, "w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f)
            for row in sheets[0].rows:
                w.writerow(["" if v is None else (v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else v)
                            for v in row])
        return path
    if fmt == "openpyxl":
        from openpyxl import Workbook
        from openpyxl.utils import get_column_letter

        wb = Workbook()
        wb.remove(wb.active)
        for sh in sheets:
            ws = wb.create_sheet(sh.name[:31])
            for r, row in enumerate(sh.rows, 1):
                for c, v in enumerate(row, 1):
                    if _cell_out(v) is not None:
                        ws.cell(row=r, column=c, value=v)
            for r0, c0, r1, c1 in sh.merges:
                ws.merge_cells(f"{get_column_letter(c0 + 1)}{r0 + 1}:{get_column_letter(c1 + 1)}{r1 + 1}")
        wb.save(path)
        return path
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": True})
    date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    for sh in sheets:
        ws = wb.add_worksheet(sh.name[:31])
        merged_at = {(r0, c0): (r1, c1) for r0, c0, r1, c1 in sh.merges}
        covered = {(r, c) for r0, c0, r1, c1 in sh.merges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
        for r, row in enumerate(sh.rows):
            for c, v in enumerate(row):
                v = _cell_out(v)
                if (r, c) in merged_at:
                    r1, c1 = merged_at[(r, c)]
                    ws.merge_range(r, c, r1, c1, "" if v is None else v,
                                   date_fmt if isinstance(v, dt.date) else None)
                elif (r, c) in covered or v is None:
                    continue
                elif isinstance(v, (dt.date, dt.datetime)):
                    ws.write_datetime(r, c, v if isinstance(v, dt.datetime) else
                                      dt.datetime(v.year, v.month, v.day), date_fmt)
                elif isinstance(v, str) and len(v) > 32767:
                    ws.write_string(r, c, v[:32767])
                else:
                    ws.write(r, c, v)
    wb.close()
    return path


# ---- the property ------------------------------------------------------------------------------------------

def _table_counts(db) -> dict[str, int]:
    with db.engine.connect() as conn:
        return {t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar()
                for t in inspect(conn).get_table_names()}


@given(workbook())
def test_generated_spreadsheets_import_cleanly_or_fail_clearly(book):
    fmt, sheets = book
    note(f"format={fmt} sheets={[(s.name, s.residents, len(s.rows), s.merges) for s in sheets]}")
    with tempfile.TemporaryDirectory() as tmp:
        path = write_book(Path(tmp) / ("list.csv" if fmt == "csv" else "list.xlsx"), fmt, sheets)
        db = open_database(Path(tmp) / "t.db")
        try:
            before = _table_counts(db)
            try:
                preview = run_import(db, path, dry_run=True)
                result = run_import(db, path)
            except CanvassError as exc:
                event(f"{fmt}: refused ({getattr(exc, 'code', type(exc).__name__)})")
                message = str(exc)
                assert message and "\n" not in message and "Traceback" not in message
                if isinstance(exc, ImportFileError):
                    assert exc.code in FILE_ERROR_CODES
                for sh in sheets:
                    for row in sh.rows:
                        for v in row:
                            if isinstance(v, str) and len(v) > 6 and v.strip() and not v.startswith(("=", "+")):
                                assert v not in message, "personal data in an error message"
                assert _table_counts(db) == before, "a refused file changed the database"
                expected = sum(s.residents for s in sheets if s.has_header)
                big = any(len(str(v)) > 131_072 for s in sheets for r in s.rows for v in r)
                # a refusal is only right for a file without residents, or a CSV cell past the limit
                assert expected == 0 or (fmt == "csv" and big), (type(exc).__name__, getattr(exc, "code", None))
                return
            expected = sum(s.residents for s in sheets if s.has_header)
            event(f"{fmt}: imported")
            event(f"rejected rows: {'some' if result.rejected else 'none'}")
            for res in (preview, result):
                accounted = res.imported + res.updated + res.unchanged + res.duplicates + len(res.rejected)
                assert res.rows_read == accounted == expected, (res.rows_read, accounted, expected)
                assert all(r.reason for r in res.rejected)
                assert res.updated == 0 and res.unchanged == 0 and res.activated_per_system == 0
            assert (preview.imported, preview.duplicates, len(preview.rejected)) == (
                result.imported, result.duplicates, len(result.rejected))
            with db.session() as s:
                stored = s.scalar(select(func.count()).select_from(SourceRow)
                                  .where(SourceRow.batch_id == result.batch))
                rejected = s.scalar(select(func.count()).select_from(SourceRow).where(
                    SourceRow.batch_id == result.batch, SourceRow.disposition == "rejected"))
            assert stored == result.rows_read and rejected == len(result.rejected)
            # the same file again changes nothing and accounts for every row the same way
            again = run_import(db, path)
            assert again.rows_read == result.rows_read
            assert again.imported == 0 and again.updated == 0
            assert again.unchanged + again.duplicates + len(again.rejected) == again.rows_read
        finally:
            db.dispose()


@given(st.sampled_from(["", "\ufeff", "a,b\n", "Họ và tên\n", "\u200e\u202e\n\n", "x" * 200]),
       st.sampled_from(["csv", "xlsx"]))
def test_files_without_residents_are_refused_and_change_nothing(content, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"list.{suffix}"
        path.write_text(content, encoding="utf-8")
        db = open_database(Path(tmp) / "t.db")
        try:
            before = _table_counts(db)
            with pytest.raises(ImportFileError) as exc:
                run_import(db, path)
            assert exc.value.code in FILE_ERROR_CODES
            assert _table_counts(db) == before
        finally:
            db.dispose()
