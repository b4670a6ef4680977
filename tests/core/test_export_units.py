"""Small pieces of the exports: the date line, headings from commune names, masking, risky values."""
from __future__ import annotations

import datetime as dt

import pytest

from canvass.exporting import export
from canvass.display import masked_number as mask, phone_text
from canvass.exporting.documents.heading import Official, _split_admin, official, short_address
from canvass.errors import InvalidInput
from canvass.exporting.safe import cell_text, csv_text, is_risky
from canvass.models import Commune, Resident
from tests.factories import make_commune


@pytest.mark.parametrize("day, text", [
    (dt.date(2025, 3, 10), "Tân Văn, ngày 10 tháng 3 năm 2025"),
    (dt.date(2025, 1, 5), "Tân Văn, ngày 05 tháng 01 năm 2025"),   # Decree 30: day < 10, months 1-2
    (dt.date(2025, 12, 31), "Tân Văn, ngày 31 tháng 12 năm 2025"),
])
def test_date_line(day, text):
    assert Official(superior=None, issuer="CÔNG AN XÃ TÂN VĂN", place="Tân Văn").dated(day) == text


def test_admin_names():
    assert _split_admin("Xã Tân Văn", "XÃ") == ("XÃ", "Tân Văn")
    assert _split_admin("phường Đông Kinh", "XÃ") == ("PHƯỜNG", "Đông Kinh")
    assert _split_admin("Thị trấn Bình Gia", "XÃ") == ("THỊ TRẤN", "Bình Gia")
    assert _split_admin("Tân Văn", "XÃ") == ("XÃ", "Tân Văn")
    assert _split_admin("TP. Lạng Sơn", "HUYỆN") == ("THÀNH PHỐ", "Lạng Sơn")


def test_heading_from_the_commune_row_or_the_addresses(db):
    make_commune(db)
    with db.session() as s:
        c = s.query(Commune).one()
        c.name = "Phường Đông Kinh"
        off = official(s)
        assert (off.superior, off.issuer, off.place) == (None, "CÔNG AN PHƯỜNG ĐÔNG KINH", "Đông Kinh")
        for r in s.query(Resident):
            r.address = "Khối 3, phường Đông Kinh, thành phố Lạng Sơn, tỉnh Lạng Sơn"
        s.flush()
        assert official(s).superior == "CÔNG AN THÀNH PHỐ LẠNG SƠN"
        c.district = "Huyện Bình Gia"
        assert official(s).superior == "CÔNG AN HUYỆN BÌNH GIA"
    assert short_address("Thôn Nà Thí, xã Tân Văn, huyện Bình Gia", "xa tan van") == "Thôn Nà Thí"
    assert short_address("Số 5, Thôn Nà Thí", "xa tan van") == "Số 5, Thôn Nà Thí"


def test_masking_and_phones():
    assert mask("020086832493") == "*********493"
    assert mask(phone_text("+84797475594")) == "*******594"
    assert mask(None) is None and mask("12") == "**"
    assert phone_text("+84797475594") == "0797475594" and phone_text(None, "0912 abc") == "0912 abc"
    assert phone_text("+14155550100") == "+14155550100"


def test_risky_values():
    for text in ("=1+2", "+84", "-3", "@x", "\tx", "\rx"):
        assert is_risky(text) and csv_text(text) == "'" + text
    for text in ("Nguyễn", "0912", "", "a=b"):
        assert not is_risky(text) and csv_text(text) == text
    assert cell_text("a\x00b\x1fc\td") == "abc\td"


def test_a_sheet_too_long_for_one_worksheet_is_refused(db, tmp_path, monkeypatch):
    make_commune(db)
    from canvass import exporting
    monkeypatch.setattr(exporting, "MAX_SHEET_ROWS", 3)
    with pytest.raises(InvalidInput, match="one worksheet"):
        export(db, "walklist", tmp_path / "w.xlsx")
    export(db, "walklist", tmp_path / "w.csv")
