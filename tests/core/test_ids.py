"""CCCD / CMND normalisation: text, number cells that lost their zeros, scientific notation, junk."""
import random

import pytest

from canvass.ids import (E_DIGITS_LOST, E_EMPTY, E_LENGTH, E_NOT_DIGITS, PROVINCES, W_CMND, W_LEADING_ZEROS,
                         W_UNKNOWN_PROVINCE, cccd_birth_year, cccd_info, normalize_id)


def make_cccd(rnd: random.Random, province: str = "020", century_digit: str = "0", yy: int = 86) -> str:
    return f"{province}{century_digit}{yy:02d}{rnd.randrange(10**6):06d}"


def test_text_cccd_kept_as_is():
    cccd = make_cccd(random.Random(1))
    r = normalize_id(cccd)
    assert (r.value, r.kind, r.warning, r.error) == (cccd, "cccd", None, None)


@pytest.mark.parametrize("fmt", [lambda c: c + " ", lambda c: " " + c, lambda c: "'" + c,
                                 lambda c: ".".join((c[:3], c[3:6], c[6:9], c[9:])),
                                 lambda c: " ".join((c[:3], c[3:6], c[6:])), lambda c: c[:6] + "-" + c[6:],
                                 lambda c: c[:6] + "\u00a0" + c[6:]])
def test_separators_and_excel_text_prefix_stripped(fmt):
    cccd = make_cccd(random.Random(2))
    r = normalize_id(fmt(cccd))
    assert r.value == cccd and r.error is None


def test_number_cell_lost_leading_zero_is_restored():
    rnd = random.Random(3)
    for _ in range(200):
        cccd = make_cccd(rnd, province=rnd.choice(sorted(PROVINCES)))
        for cell in (int(cccd), float(int(cccd))):
            r = normalize_id(cell)
            assert r.value == cccd and r.kind == "cccd", cell
            assert r.warning == W_LEADING_ZEROS and r.error is None


def test_two_lost_zeros_for_single_digit_province():
    cccd = "001" + "1" + "95" + "123457"
    r = normalize_id(int(cccd))
    assert r.value == cccd and r.warning == W_LEADING_ZEROS


def test_cmnd_nine_digits_kept_with_warning_and_eight_digit_number_padded():
    r = normalize_id("123456789")
    assert (r.value, r.kind, r.warning) == ("123456789", "cmnd", W_CMND)
    r = normalize_id(12345678)
    assert (r.value, r.kind) == ("012345678", "cmnd") and W_LEADING_ZEROS in r.warning


@pytest.mark.parametrize("cell", ["2.00868E+11", "2,00868E+11", "2.00868e11", 200868000000.0, 20086800000, 2e11])
def test_scientific_notation_is_digits_lost(cell):
    r = normalize_id(cell)
    assert r.value is None and r.error == E_DIGITS_LOST


def test_float_printed_as_text_is_a_number():
    r = normalize_id("20086832493.0")
    assert r.value == "020086832493" and r.warning == W_LEADING_ZEROS


@pytest.mark.parametrize("cell,error", [(None, E_EMPTY), ("", E_EMPTY), ("  ", E_EMPTY), ("abc", E_NOT_DIGITS),
                                        ("02008683249O", E_NOT_DIGITS), ("０２００８６８３２４９３", E_NOT_DIGITS),
                                        ("0200868324", E_LENGTH), ("0200868324931", E_LENGTH),
                                        ("02008683249", E_LENGTH), (1234567, E_LENGTH), (-20086832493, E_NOT_DIGITS),
                                        (True, E_EMPTY)])
def test_unusable_values(cell, error):
    r = normalize_id(cell)
    assert r.value is None and r.kind is None and r.error == error


def test_unknown_province_is_a_warning_not_an_error():
    r = normalize_id("099186123456")
    assert r.value == "099186123456" and r.error is None and r.warning == W_UNKNOWN_PROVINCE
    assert "099" not in PROVINCES and len(PROVINCES) == 63


def test_cccd_info_gender_and_century():
    assert cccd_info("020086832493") == ("020", "Nam", 1900)
    assert cccd_info("024195000001") == ("024", "Nữ", 1900)
    assert cccd_info("006205000001") == ("006", "Nam", 2000)
    assert cccd_info("004305000001") == ("004", "Nữ", 2000)
    assert cccd_info("123") == ("123", None, None)
    assert cccd_birth_year("020086832493") == 1986
    assert cccd_birth_year("004307000001") == 2007
    assert cccd_birth_year("bad") is None
