"""Hamlet names, household keys from addresses, and the walk-list order."""
import unicodedata

import pytest

from canvass.address import (address_sort_key, clean_hamlet_name, hamlet_kind, hamlet_match_key,
                             household_key_from_address)


@pytest.mark.parametrize("name,kind", [
    ("Thôn Nà Thí", "thôn"), ("THÔN NÀ THÍ", "thôn"), ("thon na thi", "thôn"), ("Xóm 3", "xóm"),
    ("Ấp Bình Thạnh", "ấp"), ("Bản Phố", "bản"), ("Tổ dân phố 5", "tổ dân phố"), ("TDP 5", "tổ dân phố"),
    ("Khu phố 2", "khu phố"), ("KP.2", "khu phố"), ("Tổ 12", "tổ"), ("Khối 4", "khối"), ("Buôn Ja", "buôn"),
    ("Làng Mới", "làng"), ("Nà Thí", None), ("Thôn", None), ("", None), ("Tân Văn", None), ("Xóm", None),
])
def test_hamlet_kind(name, kind):
    assert hamlet_kind(name) == kind


@pytest.mark.parametrize("name,clean", [
    ("THÔN NÀ THÍ", "Thôn Nà Thí"), ("thôn nà thí", "Thôn Nà Thí"), ("Nà Thí", "Nà Thí"),
    ("  thôn   Nà\u00a0Thí ", "Thôn Nà Thí"), (unicodedata.normalize("NFD", "Thôn Pò Đứa"), "Thôn Pò Đứa"),
    ("TDP 5", "Tổ dân phố 5"), ("TỔ DÂN PHỐ SỐ 5", "Tổ dân phố số 5"), ("khu phố 2", "Khu phố 2"),
    ("Thôn IV", "Thôn IV"), ("ấp Bình Thạnh", "Ấp Bình Thạnh"), ("XÓM 3", "Xóm 3"), ("Buôn H'MAN", "Buôn H'Man"),
    ("thôn Khòn Cuổi", "Thôn Khòn Cuổi"), ("thon na thi", "Thon Na Thi"), ("THON NA THI", "Thon Na Thi"),
])
def test_clean_hamlet_name(name, clean):
    assert clean_hamlet_name(name) == clean


def test_match_key_ignores_kind_case_and_diacritics():
    keys = {hamlet_match_key(n) for n in ("Thôn Nà Thí", "thon na thi", "Nà Thí", "THÔN NÀ THÍ", "Thôn: Nà Thí",
                                          unicodedata.normalize("NFD", "thôn Nà Thí"), "Thôn  Nà\u00a0Thí")}
    assert keys == {"na thi"}


def test_match_key_keeps_name_like_kind_words():
    assert hamlet_match_key("Thôn Bản Quyền") == hamlet_match_key("Bản Quyền") == "ban quyen"
    assert hamlet_match_key("Thôn Pò Đứa") != hamlet_match_key("Thôn Nà Thí")


def test_numbered_hamlets_keep_their_kind():
    assert hamlet_match_key("Thôn 1") == hamlet_match_key("thôn 01") == hamlet_match_key("Thôn số 1") == "thon 1"
    assert hamlet_match_key("Tổ 1") != hamlet_match_key("Thôn 1")
    assert hamlet_match_key("TDP 5") == hamlet_match_key("Tổ dân phố số 05")


@pytest.mark.parametrize("address", [
    "Thôn Nà Thí, xã Tân Văn, huyện Bình Gia, Lạng Sơn", "Thôn Nà Thí", "Thôn 5, xã Tân Văn", "Tổ 12, phường 3",
    "Xóm 3 Nà Thí", "Đường số 5, phường 2", "Thôn số 5, xã X", "Km 12 quốc lộ 1A", "ngõ 4, phố Huế", "",
    "xã Tân Văn, số 12", "Ấp 3, xã Bình Hòa", "Khu phố 2, phường 7, quận 3",
])
def test_addresses_without_a_door_give_no_key(address):
    assert household_key_from_address(address) is None


@pytest.mark.parametrize("same", [
    ("Số 12 Nguyễn Trãi, P.3, Q.5, TP.HCM", "12 Nguyễn Trãi, phường 3", "số nhà 12 nguyễn trãi", "SN 12 Nguyễn Trãi",
     "Nhà 12, Nguyễn Trãi", "SỐ 012 NGUYỄN TRÃI"),
    ("12/3 Lê Lợi", "Số 12/3 Lê Lợi, phường Bến Thành", "12 / 3 Lê Lợi"),
    ("ngõ 4 ngách 2 số 7 Phố Huế", "Ngõ 4, ngách 2, số 7, phố Huế, Hà Nội"),
    ("Số nhà 15, thôn Nà Thí, xã Tân Văn", "Thôn Nà Thí, số nhà 15, xã Tân Văn", "SN 15 Nà Thí"),
    ("Số nhà 12 ngõ 5 đường Lê Lợi", "Ngõ 5 Lê Lợi, số 12", "12 ngõ 5, Lê Lợi, Hà Nội", "số 12, ngõ 05 phố Lê Lợi"),
    ("Số 3, tổ dân phố 5, phường 2", "số nhà 3 TDP 5", "3, Tổ dân phố số 05"),
])
def test_residents_of_one_door_share_a_key(same):
    keys = {household_key_from_address(a) for a in same}
    assert len(keys) == 1 and None not in keys, keys


@pytest.mark.parametrize("a,b", [
    ("Số 12 Nguyễn Trãi", "Số 14 Nguyễn Trãi"), ("12 Nguyễn Trãi", "12 Lê Lợi"), ("12/3 Lê Lợi", "12/4 Lê Lợi"),
    ("12/3 Lê Lợi", "12 Lê Lợi"), ("12A Lê Lợi", "12 Lê Lợi"), ("số nhà 5, thôn Nà Thí", "số nhà 5, thôn Pò Đứa"),
    ("ngõ 4 ngách 2 số 7", "ngõ 4 ngách 3 số 7"), ("ngõ 4 ngách 2 số 7", "ngõ 2 ngách 4 số 7"),
    ("12 ngõ Huế", "12 phố Huế"), ("Số 3, tổ 5", "Số 3, tổ 6"), ("Số 3, tổ 5", "Số 3, khu 5"),
])
def test_different_doors_differ(a, b):
    ka, kb = household_key_from_address(a), household_key_from_address(b)
    assert ka and kb and ka != kb


def test_key_examples():
    assert household_key_from_address("Số 12 Nguyễn Trãi, P.3, Q.5, TP.HCM") == "12 nguyen trai"
    assert household_key_from_address("Thôn Nà Thí, số nhà 015, xã Tân Văn") == "15 na thi"
    assert household_key_from_address("ngõ 4 ngách 2 số 7 Phố Huế") == "7 hue ngach2 ngo4"


def test_key_fits_the_column():
    assert len(household_key_from_address("Số 1 " + "rất dài " * 100)) <= 200


def test_walk_order_is_natural():
    addresses = ["Số 10, thôn Nà Thí", "Số 2, thôn Nà Thí", "Số 10A, thôn Nà Thí", "Số 1, thôn Nà Thí",
                 "số nhà 9, thôn Nà Thí", "Số 100, thôn Nà Thí", "Số 10/2, thôn Nà Thí"]
    ordered = sorted(addresses, key=address_sort_key)
    assert ordered == ["Số 1, thôn Nà Thí", "Số 2, thôn Nà Thí", "số nhà 9, thôn Nà Thí", "Số 10, thôn Nà Thí",
                       "Số 10/2, thôn Nà Thí", "Số 10A, thôn Nà Thí", "Số 100, thôn Nà Thí"]


def test_walk_order_numbers_before_words_and_ignores_commune():
    assert address_sort_key("12 Lê Lợi, phường 1") == address_sort_key("Số 12 Lê Lợi, phường 9")
    assert address_sort_key("2 Lê Lợi") < address_sort_key("10 Lê Lợi") < address_sort_key("Lê Lợi")
    assert address_sort_key("") == ""


@pytest.mark.parametrize("name", ["Bàn Văn Lâm", "Tô Hiến Thành", "Lăng Văn Tú", "Khôi Nguyên", "Ấp"])
def test_names_that_only_fold_to_a_kind_word_are_not_hamlets(name):
    assert hamlet_kind(name) is None


def test_kind_word_without_any_accent_still_counts():
    assert hamlet_kind("ban Na Lay") == "bản" and hamlet_kind("to 5") == "tổ" and hamlet_kind("XOM 2") == "xóm"


@pytest.mark.parametrize("name,clean", [("KP.2", "Khu phố 2"), ("Thôn:Nà Thí", "Thôn Nà Thí"),
                                        ("thôn - Nà Thí", "Thôn Nà Thí"), ("TDP.05", "Tổ dân phố 05")])
def test_clean_hamlet_name_with_punctuation_after_the_kind(name, clean):
    assert clean_hamlet_name(name) == clean


def test_commune_match_key_ignores_the_kind_word():
    from canvass.address import commune_match_key

    assert commune_match_key("Xã Tân Văn") == commune_match_key("tan van") == commune_match_key("XÃ TÂN VĂN")
    assert commune_match_key("Phường 3") == commune_match_key("phuong 3") == "3"
    assert commune_match_key("Xã Tân Văn") != commune_match_key("Xã Tân Lập")


def test_a_plain_khu_in_an_address_is_a_hamlet_only_with_a_number():
    """"Khu 3" is a hamlet in many provinces; "Khu đô thị mới" and "Khu công nghiệp" are places inside one."""
    from canvass.address import hamlet_from_address

    assert hamlet_from_address("Khu 3, xã Tiên Phú, huyện Phù Ninh") == "Khu 3"
    assert hamlet_from_address("Khu IV, thị trấn Hưng Hoá") == "Khu IV"
    assert hamlet_from_address("Khu đô thị mới, phường Đông Kinh") is None
    assert hamlet_from_address("Khu công nghiệp, xã Hợp Thịnh") is None
    assert hamlet_from_address("Khu phố 2, phường Tân Lập") == "Khu phố 2"
