"""Vietnamese text: NFC, folding, name capitalisation and the Vietnamese sort order."""
import random
import unicodedata

import pytest

from canvass.text import clean_name, fold, name_sort_key, nfc, sort_key

NFD = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731


def old_fold(s: str) -> str:
    """The reference definition of fold (the NFD way) the fast table must match."""
    s = unicodedata.normalize("NFD", s.lower().replace("đ", "d").replace("Đ", "d"))
    return " ".join("".join(ch for ch in s if not unicodedata.combining(ch)).split())


def test_nfc_composes_and_collapses_spaces():
    assert nfc(NFD("Nguyễn  Văn\u00a0An ")) == "Nguyễn Văn An"
    assert nfc("\u200bHoàng\ufeff Văn\u00adNam") == "Hoàng VănNam"
    assert nfc("\tA \n B\u2009C\u202f") == "A B C"
    assert nfc("") == ""


def test_fold():
    assert fold("Đặng Thị Ảnh") == "dang thi anh"
    assert fold("đường") == "duong" and fold("ĐƯỜNG") == "duong"
    assert fold(NFD("Nguyễn Văn Đức")) == "nguyen van duc"
    assert fold("  Bùi\u00a0\u00a0Thị  Xuân ") == "bui thi xuan"


def test_fold_matches_the_nfd_definition_on_every_latin_letter():
    letters = "".join(chr(c) for c in range(0x20, 0x2000) if chr(c).isprintable())
    for ch in letters.replace("Ð", "").replace("ð", ""):
        assert fold(ch) == old_fold(ch), hex(ord(ch))
    rnd = random.Random(1)
    viet = "aáàảãạăắằẳẵặâấầẩẫậbcdđeéèẻẽẹêếềểễệghiíìỉĩịklmnoóòỏõọôốồổỗộơớờởỡợpqrstuúùủũụưứừửữựvxyýỳỷỹỵ "
    for _ in range(2000):
        s = "".join(rnd.choice(viet + viet.upper()) for _ in range(rnd.randrange(1, 30)))
        assert fold(s) == old_fold(s) == fold(NFD(s)), s


@pytest.mark.parametrize("raw,clean", [
    ("NGUYỄN VĂN AN", "Nguyễn Văn An"), ("nguyễn văn an", "Nguyễn Văn An"), ("nGUYỄN vĂN aN", "Nguyễn Văn An"),
    ("Nguyễn văn AN", "Nguyễn Văn An"), ("ĐẶNG THỊ ẢNH", "Đặng Thị Ảnh"), ("  hoàng\u00a0 văn   nam ", "Hoàng Văn Nam"),
    ("H'HEN NIÊ", "H'Hen Niê"), ("ksor h'bia", "Ksor H'Bia"), ("Y-MOAN ÊBAN", "Y-Moan Êban"), ("", ""),
    ("ư", "Ư"), ("LÝ", "Lý"),
])
def test_clean_name(raw, clean):
    assert clean_name(raw) == clean
    assert clean_name(NFD(raw)) == clean


def test_eth_typed_for_d_stroke_is_repaired():
    # U+00D0 "Ð" looks like "Đ" and comes from some keyboards and old-font conversions
    assert nfc("\u00d0ặng") == "Đặng" and clean_name("\u00d0ẶNG THỊ ẢNH") == "Đặng Thị Ảnh"
    assert fold("\u00d0ặng") == "dang" and sort_key("\u00d0ặng") == sort_key("Đặng")


def test_clean_name_output_is_nfc():
    out = clean_name(NFD("TRẦN THỊ HƯỜNG"))
    assert out == unicodedata.normalize("NFC", out) == "Trần Thị Hường"


def test_letter_order_a_abreve_acircumflex_d_dstroke():
    words = ["Ân", "An", "Ăn", "Bình", "Đào", "Dương", "Em", "Êm", "Ơn", "Ôn", "On", "Ưu", "Uy", "Vân", "Xuân", "Yến"]
    assert sorted(words, key=sort_key) == ["An", "Ăn", "Ân", "Bình", "Dương", "Đào", "Em", "Êm", "On", "Ôn", "Ơn",
                                           "Uy", "Ưu", "Vân", "Xuân", "Yến"]


def test_tones_break_ties_in_order_ngang_huyen_hoi_nga_sac_nang():
    words = ["mạ", "má", "mã", "mả", "mà", "ma"]
    assert sorted(words, key=sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]
    # letters decide before tones: "mạc" comes after every "ma*" one-letter word, before "mai"
    assert sorted(["mai", "mạc", "mà"], key=sort_key) == ["mà", "mạc", "mai"]


def test_old_and_new_tone_placement_sort_alike():
    assert sort_key("Hoà") == sort_key("Hòa") and sort_key("Thuý") == sort_key("Thúy")
    assert fold("Khoẻ") == fold("Khỏe") == "khoe"
    assert sort_key("Hoa") < sort_key("Hoà") < sort_key("Hoá") < sort_key("Hoan")


def test_first_word_tone_decides_before_later_words():
    assert sorted(["ma bà", "mà ba", "ma ba"], key=sort_key) == ["ma ba", "ma bà", "mà ba"]


def test_shorter_word_first_and_case_and_form_do_not_matter():
    assert sort_key("An") < sort_key("An Bình") < sort_key("Anh")
    assert sort_key("NGUYỄN") == sort_key("nguyễn") == sort_key(NFD("Nguyễn")) == sort_key(" nguyễn\u00a0")


def test_names_sort_by_given_name_then_the_rest():
    names = ["Nguyễn Văn Bình", "Lê Thị An", "Trần Văn An", "Đỗ Văn Ánh", "Hoàng Thị Ân", "Bùi Ăn", "An"]
    ordered = sorted(names, key=name_sort_key)
    assert ordered == ["An", "Lê Thị An", "Trần Văn An", "Đỗ Văn Ánh", "Bùi Ăn", "Hoàng Thị Ân", "Nguyễn Văn Bình"]


def test_name_sort_key_ignores_case_and_unicode_form():
    assert name_sort_key("NGUYỄN VĂN AN") == name_sort_key(NFD("nguyễn văn an"))


def test_keys_are_ascii_so_binary_collation_orders_them():
    for name in ("Hoàng Văn Nam", "Đặng Thị Ảnh", "Ư", "Nguyễn-Văn O'Brien 2"):
        assert name_sort_key(name).isascii() and sort_key(name).isascii()
