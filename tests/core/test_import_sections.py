"""Real police printouts (issue 9 item 3): section rows that name the hamlet of the rows under them, totals and
signature blocks, and phones in operators' mobile blocks that phonenumbers lags behind. Files written here."""
from __future__ import annotations

import phonenumbers
import pytest
from sqlalchemy import func, select

from canvass.importing import run_import
from canvass.importing import headers
from canvass.models import Hamlet, Resident, SourceRow
from canvass import phones
from canvass.phones import normalize_phone
from tests.core.importfiles import cccd, write_csv, write_xlsx

HEADER = ["STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Số điện thoại"]


def resident(i: int) -> list:
    return [i, f"Nguyễn Văn {'ABCDEFGHIK'[i % 10]}ương", f"0{1 + i % 9}/03/1980", cccd(i), f"091{i:07d}"]


def hamlets_of(db) -> dict[str, str]:
    """{cccd: hamlet name}."""
    with db.session() as s:
        return dict(s.execute(select(Resident.cccd, Hamlet.name).join(Hamlet, Hamlet.id == Resident.hamlet_id)).all())


def police_rows() -> tuple[list[list], dict[str, str]]:
    """A printout with numbered section rows in every shape seen, subtotals, a total and signatures."""
    rows = [["CÔNG AN XÃ HƯNG ĐẠO"], ["DANH SÁCH CÔNG DÂN CHƯA KÍCH HOẠT TÀI KHOẢN"], [], HEADER,
            ["(1)", "(2)", "(3)", "(4)", "(5)"],
            ["I", "THÔN NÀ PÀN (30 công dân)"], resident(1), resident(2),
            ["Cộng", None, None, None, "2"],
            ["II. Xóm 3 - 25 người"], resident(3), resident(4),
            ["Cộng: 2 công dân"],
            ["A. TỔ DÂN PHỐ 2"], resident(5),
            ["B", "Khóm Bình Thạnh", None, None, "12 người"], resident(6),
            ["III.", "BẢN PÒ ĐỨA: 10 công dân"], resident(7),
            ["IV - KHU 4 (8 hộ, 20 người)"], resident(8),
            [],
            ["Tổng số: 180 công dân./."], ["Tổng cộng", None, None, None, "8"],
            [None, "Lạng Sơn, ngày 28 tháng 3 năm 2025"], [None, "..., ngày 28/3/2025"],
            [None, "Người lập biểu", None, "TRƯỞNG CÔNG AN XÃ"], [None, "(Ký, ghi rõ họ tên)"], [],
            [None, "Lương Thị Hiền", None, "Hoàng Văn Chung"]]
    expected = {cccd(1): "Thôn Nà Pàn", cccd(2): "Thôn Nà Pàn", cccd(3): "Xóm 3", cccd(4): "Xóm 3",
                cccd(5): "Tổ dân phố 2", cccd(6): "Khóm Bình Thạnh", cccd(7): "Bản Pò Đứa", cccd(8): "Khu 4"}
    return rows, expected


def test_section_rows_give_the_hamlet_and_are_neither_rows_nor_rejections(db, tmp_path):
    rows, expected = police_rows()
    path = write_xlsx(tmp_path / "l.xlsx", rows, merges=["A10:E10", "A14:E14", "A20:E20"])
    res = run_import(db, path)
    assert (res.rows_read, res.imported, res.rejected, res.warnings) == (8, 8, [], [])
    assert hamlets_of(db) == expected
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(SourceRow)) == 8


def test_sections_in_a_csv(db, tmp_path):
    rows, expected = police_rows()
    path = write_csv(tmp_path / "l.csv", rows)
    res = run_import(db, path)
    assert (res.rows_read, res.imported, res.rejected) == (8, 8, [])
    assert hamlets_of(db) == expected


def test_section_rows_under_a_hamlet_column_are_not_rows_either(db, tmp_path):
    rows = [HEADER + ["Thôn"], ["I", "THÔN NÀ PÀN (2 công dân)"], resident(1) + ["Thôn Nà Pàn"],
            resident(2) + [""], ["II. THÔN KHÒN CUỔI - 1 người"], resident(3) + ["Thôn Khòn Cuổi"],
            ["Cộng"], ["Tổng số: 3 công dân./."]]
    res = run_import(db, write_xlsx(tmp_path / "l.xlsx", rows))
    assert (res.rows_read, res.imported, res.rejected) == (3, 3, [])
    assert hamlets_of(db) == {cccd(1): "Thôn Nà Pàn", cccd(2): "Thôn Nà Pàn", cccd(3): "Thôn Khòn Cuổi"}


def test_a_resident_is_never_taken_for_a_section_or_a_footer(db, tmp_path):
    # surnames that are kind words or footer words, with few cells filled
    rows = [HEADER + ["Thôn"], ["I", "THÔN NÀ PÀN"],
            [1, "Bàn Văn Lâm", None, cccd(1)], [2, "Tống Văn Cộng", None, cccd(2)],
            [3, "Công Thị Tổng", None, cccd(3)], [4, "Khu Văn Hải", "1980", cccd(4)]]
    res = run_import(db, write_xlsx(tmp_path / "l.xlsx", rows))
    assert (res.rows_read, res.imported) == (4, 4)
    assert set(hamlets_of(db).values()) == {"Thôn Nà Pàn"}


@pytest.mark.parametrize("cells, hamlet", [
    (["I", "THÔN NÀ PÀN (30 công dân)"], "Thôn Nà Pàn"),
    (["II. Xóm 3 - 25 người"], "Xóm 3"),
    (["A. TỔ DÂN PHỐ 2"], "Tổ dân phố 2"),
    (["b)", "Ấp Bến Đá", "", "12"], "Ấp Bến Đá"),
    (["3.", "Tổ 5"], "Tổ 5"),
    (["XII", "Buôn Đôn"], "Buôn Đôn"),
    (["II", "Khu phố 3 (25 hộ)"], "Khu phố 3"),
    (["Thôn Nà Thí"], "Thôn Nà Thí"),
    (["Bản Quyền"], "Bản Quyền"),
    (["I. CÔNG DÂN ĐI LÀM ĂN XA"], None),
])
def test_section_row_shapes(cells, hamlet):
    values = [(i, c) for i, c in enumerate(cells) if c]
    found = headers.section_row(values)
    assert found is not None
    assert found.hamlet == hamlet


def test_a_hamlet_alone_in_the_name_column_is_a_section_unless_it_could_be_a_name():
    # found by the property test: "Bản Quyền" alone on a row was read as a resident without a CCCD
    assert headers.section_row([(1, "Bản Quyền")], name_col=1) == headers.SectionRow("Bản Quyền")
    assert headers.section_row([(1, "To Van An")], name_col=1) is None
    assert headers.section_row([(1, "Ban Quyen")], name_col=1) is None
    assert headers.section_row([(0, "II"), (1, "Ban Quyen")], name_col=1) == headers.SectionRow("Ban Quyen")


@pytest.mark.parametrize("cells", [[1, "Nguyễn Văn An"], ["I", "Nguyễn Văn An", "1980"], ["Bàn Văn Lâm"],
                                   ["1", "Tống Văn Cộng"], ["A", "Nguyễn Văn An", "Thôn 3"]])
def test_not_section_rows(cells):
    assert headers.section_row([(i, str(c)) for i, c in enumerate(cells) if c]) is None


@pytest.mark.parametrize("text", ["Tổng số: 180 công dân./.", "Cộng", "Cộng:", "Cộng: 25", "Tổng cộng",
                                  "Tổng cộng: 180", "TỔNG", "Người lập biểu", "NGƯỜI LẬP DANH SÁCH",
                                  "TRƯỞNG CÔNG AN XÃ", "KT. TRƯỞNG CÔNG AN", "T/M UBND XÃ", "Nơi nhận:",
                                  "..., ngày 28 tháng 3 năm 2025", "Lạng Sơn, ngày 28/3/2025",
                                  "Hưng Đạo, ngày    tháng    năm 2025"])
def test_footer_texts(text):
    assert headers.is_footer_text(text)


@pytest.mark.parametrize("text", ["Tống Văn An", "Công Thị Lan", "Trương Công An", "Cộng Văn Hòa",
                                  "Nguyễn Văn Tổng"])
def test_names_are_not_footers(text):
    assert not headers.is_footer_text(text)


# ---- phones in the operators' current mobile blocks -------------------------------------------------------

LAGGING = ["0521234567", "0529876543", "0550000000", "0551234567", "0890123456", "0895987654"]


def test_blocks_phonenumbers_lags_behind_are_mobiles_without_warning():
    lagging = [n for n in LAGGING if not phonenumbers.is_valid_number(phonenumbers.parse(n, "VN"))]
    assert lagging, "the pinned phonenumbers knows every block now: shrink the table"
    for number in LAGGING:
        r = normalize_phone(number)
        assert (r.e164, r.kind, r.warning) == ("+84" + number[1:], "mobile", None), number


def test_every_block_in_the_table_is_a_mobile_and_nothing_else_is():
    operators = {"Viettel", "Vinaphone", "MobiFone", "Vietnamobile", "Gmobile", "Itelecom", "Wintel"}
    assert set(phones.MOBILE_BLOCKS.values()) == operators
    for block in phones.MOBILE_BLOCKS:
        for tail in ("0000000", "4567890", "9999999"):
            r = normalize_phone("0" + block + tail)
            assert (r.kind, r.warning) == ("mobile", None), block + tail
    for block in ("50", "53", "54", "57", "71", "72", "73", "74", "75", "80"):   # (051, 095: phonenumbers says mobile)
        assert normalize_phone("0" + block + "1234567").e164 is None, block
    for block in ("32", "86", "96", "97", "98"):
        assert phones.MOBILE_BLOCKS[block] == "Viettel"
    assert (phones.MOBILE_BLOCKS["52"], phones.MOBILE_BLOCKS["55"], phones.MOBILE_BLOCKS["89"], phones.MOBILE_BLOCKS["87"],
            phones.MOBILE_BLOCKS["99"]) == ("Vietnamobile", "Wintel", "MobiFone", "Itelecom", "Gmobile")


def test_an_imported_052_phone_is_stored_without_warning(db, tmp_path):
    rows = [["Họ và tên", "Số CCCD", "Thôn", "SĐT"], ["Nguyễn Văn An", cccd(1), "Thôn A", "052.123.4567"],
            ["Trần Văn Bình", cccd(2), "Thôn A", "0551 234 567"]]
    res = run_import(db, write_xlsx(tmp_path / "l.xlsx", rows))
    assert (res.imported, res.warnings) == (2, [])
    with db.session() as s:
        assert sorted(s.scalars(select(Resident.phone))) == ["+84521234567", "+84551234567"]
