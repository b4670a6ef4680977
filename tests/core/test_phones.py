"""Phone normalisation: shapes seen in police lists, old prefixes, two numbers per cell, and proof that the
fast path gives phonenumbers' own answer."""
import random
import re

import phonenumbers
import pytest

from canvass import phones
from canvass.phones import (OLD_MOBILE_PREFIXES, W_INVALID, W_NO_DIGITS, W_OLD_PREFIX, W_SEVERAL, fast_e164,
                            normalize_phone)

_PN_KIND = {phonenumbers.PhoneNumberType.MOBILE: "mobile", phonenumbers.PhoneNumberType.FIXED_LINE: "landline"}


def authority(text: str) -> tuple[str | None, str | None]:
    """What phonenumbers alone says about a text: (E.164 or None, kind)."""
    try:
        n = phonenumbers.parse(text, "VN")
    except phonenumbers.NumberParseException:
        return None, None
    if not phonenumbers.is_valid_number(n):
        # the one documented extension: a 10-digit number in an operator's allocated mobile block
        if n.country_code == 84 and re.fullmatch(phones.MOBILE_BLOCK_PATTERN, str(n.national_number)) \
                and not n.italian_leading_zero:
            return "+84" + str(n.national_number), "mobile"
        return None, None
    return (phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164),
            _PN_KIND.get(phonenumbers.number_type(n)))


SHAPES = [
    lambda n: "0" + n,                                            # 0912345678
    lambda n: f"0{n[:3]}.{n[3:6]}.{n[6:]}",                         # 0912.345.678
    lambda n: f"0{n[:2]}.{n[2:5]}.{n[5:]}",                         # 091.234.5678
    lambda n: f"0{n[:3]} {n[3:6]} {n[6:]}",                         # 0912 345 678
    lambda n: f"0{n[:3]}-{n[3:6]}-{n[6:]}",                         # 0912-345-678
    lambda n: f"+84{n}",                                          # +84912345678
    lambda n: f"+84 {n[:3]} {n[3:6]} {n[6:]}",                      # +84 912 345 678
    lambda n: f"(+84) {n[:2]} {n[2:5]} {n[5:]}",                    # (+84) 91 234 5678
    lambda n: f"84{n}",                                           # 84912345678
    lambda n: n,                                                  # 912345678 (a number cell as text)
    lambda n: f" 0{n} ",                                          # padding
    lambda n: f"0{n[:3]}\u00a0{n[3:]}",                            # non-breaking space
]


def test_fast_path_agrees_with_phonenumbers_on_every_prefix_and_shape():
    rnd = random.Random(20250310)
    fast_hits = 0
    for first in "0123456789":
        for second in "0123456789":
            for third in "0123456789":
                for _ in range(3):
                    national = first + second + third + f"{rnd.randrange(10**6):06d}"
                    for shape in SHAPES:
                        text = shape(national)
                        expected, kind = authority(text)
                        fast = fast_e164(text)
                        if fast is not None:
                            fast_hits += 1
                            assert fast == expected, text
                        r = normalize_phone(text)
                        assert (r.e164, r.raw) == (expected, text), text
                        if expected and not expected.startswith("+84"):   # "00..." dials abroad
                            assert r.kind is None and r.warning == phones.W_FOREIGN, text
                        elif expected:
                            assert r.kind == kind and r.warning is None, text
                        else:
                            assert r.warning == W_INVALID, text
    assert fast_hits > 10_000  # the fast path really ran on the common shapes


LANDLINE_SHAPES = [
    lambda n: "0" + n,                                            # 02053870123
    lambda n: f"0{n[:3]} {n[3:]}",                                # 0205 3870123
    lambda n: f"(0{n[:3]}) {n[3:7]} {n[7:]}",                     # (0205) 3870 123
    lambda n: f"0{n[:2]}.{n[2:6]}.{n[6:]}",                       # 024.3825.1234
    lambda n: f"+84 {n}",                                         # +84 2053870123
    lambda n: f"84{n}",                                           # 842053870123
]


def test_landline_path_agrees_with_phonenumbers_on_every_area_code():
    rnd = random.Random(2018)
    valid = 0
    for area in range(100):
        for _ in range(3):
            national = f"2{area:02d}{rnd.randrange(10**7):07d}"
            for shape in LANDLINE_SHAPES:
                text = shape(national)
                expected, kind = authority(text)
                r = normalize_phone(text)
                assert (r.e164, r.kind) == (expected, kind if expected else None), text
                valid += expected is not None
    assert valid > 1000


def test_number_cells_lost_their_leading_zero():
    rnd = random.Random(7)
    for prefix in ("32", "39", "70", "79", "81", "86", "88", "91", "96", "98", "56", "59"):
        national = prefix + f"{rnd.randrange(10**7):07d}"
        for cell in (int(national), float(national)):
            r = normalize_phone(cell)
            assert r.e164 == "+84" + national and r.kind == "mobile" and r.raw == national


@pytest.mark.parametrize("old,new", sorted(OLD_MOBILE_PREFIXES.items()))
def test_old_eleven_digit_prefixes_convert_to_valid_mobiles(old, new):
    rest = "2345678"
    for text in (f"0{old}{rest}", f"0{old}.{rest[:3]}.{rest[3:]}", f"+84{old}{rest}", f"84 {old} {rest}"):
        r = normalize_phone(text)
        assert r.e164 == f"+84{new}{rest}", text
        assert r.kind == "mobile" and r.warning == W_OLD_PREFIX
        assert authority(r.e164) == (r.e164, "mobile")   # phonenumbers accepts the converted number


def test_old_prefix_list_is_complete():
    # the 21 prefixes of the 2018 switch (MIC plan: Viettel 0162-0169, MobiFone 0120/0121/0122/0126/0128,
    # VinaPhone 0123/0124/0125/0127/0129, Vietnamobile 0186/0188, Gmobile 0199), each to its own new prefix
    assert len(OLD_MOBILE_PREFIXES) == len(set(OLD_MOBILE_PREFIXES.values())) == 21
    rnd = random.Random(11)
    for xy in range(100):
        old = f"1{xy:02d}"
        text = f"0{old}{rnd.randrange(10**7):07d}"
        r = normalize_phone(text)
        if old in OLD_MOBILE_PREFIXES:
            assert r.kind == "mobile" and r.warning == W_OLD_PREFIX, text
        else:  # any other 11-digit 01xx number is not converted, and phonenumbers decides
            assert r.e164 == authority(text)[0] and r.warning != W_OLD_PREFIX, text


@pytest.mark.parametrize("sep", [" / ", "/", "; ", ",", " - ", "-", " hoặc ", " HOẶC ", "\n", " và ", "  "])
def test_two_numbers_in_one_cell(sep):
    text = f"0912.345.678{sep}0987654321"
    r = normalize_phone(text)
    assert r.e164 == "+84912345678" and r.others == ("+84987654321",)
    assert r.warning == W_SEVERAL and r.raw == text


def test_same_number_twice_is_reported_once():
    r = normalize_phone("0912345678 / 0912.345.678")
    assert r.e164 == "+84912345678" and r.others == () and r.warning == W_SEVERAL


def test_second_number_invalid_keeps_first():
    r = normalize_phone("0912345678 / 12345")
    assert r.e164 == "+84912345678" and r.others == ()
    assert W_INVALID in r.warning and W_SEVERAL in r.warning


@pytest.mark.parametrize("text,e164", [
    ("0205 3870 123", "+842053870123"), ("(0205) 3870123", "+842053870123"), ("024.3825.1234", "+842438251234"),
    ("028 3822 1234", "+842838221234"), ("+84 205 3870 123", "+842053870123"),
])
def test_landlines(text, e164):
    r = normalize_phone(text)
    assert (r.e164, r.kind, r.warning) == (e164, "landline", None)


def test_trunk_zero_after_country_code():
    assert normalize_phone("+84 (0) 912 345 678").e164 == "+84912345678"
    assert normalize_phone("+840912345678").e164 == authority("+840912345678")[0] == "+84912345678"


def test_note_next_to_number_is_ignored():
    r = normalize_phone("0912345678 (con trai)")
    assert r.e164 == "+84912345678" and r.warning is None


@pytest.mark.parametrize("text", ["12345", "0912 345", "09123456789", "0000000000", "0501234567", "1111111111"])
def test_invalid_numbers_keep_raw(text):
    r = normalize_phone(text)
    assert r.e164 is None and r.others == () and r.raw == text and r.warning == W_INVALID and r.kind is None


def test_empty_and_wordy_cells():
    assert normalize_phone(None) == normalize_phone("") == phones.PhoneResult(None, (), "", None, None)
    assert normalize_phone("   ").warning is None
    r = normalize_phone("không có")
    assert r.e164 is None and r.warning == W_NO_DIGITS and r.raw == "không có"


def test_foreign_number_is_kept_with_a_warning():
    r = normalize_phone("+1 415 555 2671")
    assert r.e164 == "+14155552671" and r.warning == phones.W_FOREIGN


def test_fast_path_result_is_an_ordinary_result():
    r = normalize_phone("0912.345.678")
    assert r == phones.PhoneResult("+84912345678", (), "0912.345.678", "mobile", None)
    assert hash(r) == hash(phones.PhoneResult("+84912345678", (), "0912.345.678", "mobile", None))
    with pytest.raises(AttributeError):
        r.e164 = "x"


def test_international_call_prefix_means_another_country():
    r = normalize_phone("0044 20 7946 0958")
    assert r.e164 == "+442079460958" and r.warning == phones.W_FOREIGN
    assert normalize_phone("0084 912 345 678").e164 == "+84912345678"


def test_invalid_shapes_agree_with_phonenumbers():
    rnd = random.Random(99)
    for _ in range(3000):
        digits = "".join(rnd.choice("0123456789") for _ in range(rnd.randrange(4, 13)))
        for text in (digits, "0" + digits, "+84" + digits, "84" + digits):
            expected, _kind = authority(text)
            r = normalize_phone(text)
            if r.warning == W_OLD_PREFIX:  # converted first: phonenumbers alone does not know old prefixes
                continue
            assert r.e164 == expected, text


def test_whole_operator_blocks_are_mobiles():
    """0890-0895 are MobiFone numbers phonenumbers 9.0.43 does not know yet; real lists hold them."""
    for text in ("0890123456", "0895.987.654", "+84 893 000 111"):
        r = normalize_phone(text)
        assert r.kind == "mobile" and r.warning is None and r.e164.startswith("+8489"), text
    assert normalize_phone("0800123456").e164 is None  # 080 is not a mobile block
