"""Personal identification numbers: the 12-digit CCCD (số định danh cá nhân) and the old 9-digit CMND.

Cells arrive as text, as int, or as float (a number cell that lost its leading zeros). `normalize_id` turns
any of them into digits plus a kind, a warning to show, or the reason the value is unusable. Warnings and
errors are short fixed English phrases (the constants below) so the UI can translate them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from canvass.text import strip_format

W_CMND = "old 9-digit CMND kept"
W_LEADING_ZEROS = "leading zeros restored"
W_UNKNOWN_PROVINCE = "unknown province code"
E_EMPTY = "empty"
E_DIGITS_LOST = "digits lost (number shown in scientific notation)"
E_NOT_DIGITS = "not a number"
E_LENGTH = "wrong number of digits"
E_NOT_WHOLE = "not a whole number"

# Province codes of birth (Thông tư 07/2016/TT-BCA, 63 provinces; kept by the 2025 mergers for issued numbers).
PROVINCES: dict[str, str] = {
    "001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn", "008": "Tuyên Quang",
    "010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu", "014": "Sơn La", "015": "Yên Bái",
    "017": "Hòa Bình", "019": "Thái Nguyên", "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang",
    "025": "Phú Thọ", "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
    "033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định", "037": "Ninh Bình",
    "038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh", "044": "Quảng Bình", "045": "Quảng Trị",
    "046": "Thừa Thiên Huế", "048": "Đà Nẵng", "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định",
    "054": "Phú Yên", "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
    "064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng", "070": "Bình Phước",
    "072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai", "077": "Bà Rịa - Vũng Tàu",
    "079": "Hồ Chí Minh", "080": "Long An", "082": "Tiền Giang", "083": "Bến Tre", "084": "Trà Vinh",
    "086": "Vĩnh Long", "087": "Đồng Tháp", "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ",
    "093": "Hậu Giang", "094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
}
# 4th digit: gender and century of birth (Nghị định 137/2015/NĐ-CP, article 7).
_CENTURY = {"0": ("Nam", 1900), "1": ("Nữ", 1900), "2": ("Nam", 2000), "3": ("Nữ", 2000),
            "4": ("Nam", 2100), "5": ("Nữ", 2100), "6": ("Nam", 2200), "7": ("Nữ", 2200),
            "8": ("Nam", 1800), "9": ("Nữ", 1800)}

_STRIP = str.maketrans("", "", " .-'’‘`_\u00a0\u2009\u202f\t\r\n")  # format characters: strip_format
_SCIENTIFIC_RE = re.compile(r"\s*[+-]?\d+(?:[.,]\d*)?\s*[eE]\s*[+-]?\d+\s*")
_NUMBER_TEXT_RE = re.compile(r"\s*(\d{6,15})\.0+\s*")  # "20086832493.0": a float printed as text


@dataclass(frozen=True, slots=True)
class IdResult:
    """A normalised ID: `value` digits (12 CCCD, 9 CMND) or None with `error` saying why."""
    value: str | None
    kind: str | None
    warning: str | None
    error: str | None


def _bad(error: str) -> IdResult:
    return IdResult(None, None, None, error)


# The frozen dataclass __init__ costs more than the common case's whole check; a plain CCCD's result is built
# by setting its slots directly (same object, same equality and repr), as canvass.phones does.
_new = object.__new__
_set_value, _set_kind, _set_warning, _set_error = (
    IdResult.__dict__[f].__set__ for f in ("value", "kind", "warning", "error"))


def _lost_digits(digits: str) -> bool:
    """A long number with six significant digits or fewer was typed from Excel's 2.00868E+11 display."""
    return len(digits) >= 10 and len(digits.rstrip("0")) <= 6


def normalize_id(value: object) -> IdResult:
    """Normalise a CCCD/CMND cell (str, int, float or None as read) to digits, kind, warning or error."""
    if type(value) is str and len(value) == 12 and value.isdigit() and value.isascii():
        return _cccd(value, None)   # the common case, as the lists store it (_from_text's first test)
    if value is None or isinstance(value, bool):
        return _bad(E_EMPTY)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return _bad(E_NOT_DIGITS)
        if not value.is_integer():
            return _bad(E_NOT_WHOLE)
        if value < 0:
            return _bad(E_NOT_DIGITS)
        if value >= 2 ** 53:
            return _bad(E_DIGITS_LOST)
        return _from_number(str(int(value)))
    if isinstance(value, int):
        return _from_number(str(value)) if value >= 0 else _bad(E_NOT_DIGITS)
    return _from_text(str(value))


def id_parts(value: object) -> tuple[str | None, str | None, str | None, str | None]:
    """(value, kind, warning, error) of `normalize_id(value)` without building the result object for a plain
    12-digit CCCD (the importer's per-row call)."""
    if type(value) is str and len(value) == 12 and value.isdigit() and value.isascii():
        return value, "cccd", None if value[:3] in PROVINCES else W_UNKNOWN_PROVINCE, None   # _cccd's rule
    r = normalize_id(value)
    return r.value, r.kind, r.warning, r.error


@lru_cache(maxsize=4096)
def _from_number(digits: str) -> IdResult:
    if _lost_digits(digits):
        return _bad(E_DIGITS_LOST)
    n = len(digits)
    if n == 12:
        return _cccd(digits, None)
    if n in (10, 11):
        return _cccd(digits.zfill(12), W_LEADING_ZEROS)
    if n == 9:
        return IdResult(digits, "cmnd", W_CMND, None)
    if n == 8:
        return IdResult(digits.zfill(9), "cmnd", f"{W_CMND}; {W_LEADING_ZEROS}", None)
    return _bad(E_LENGTH)


def _from_text(text: str) -> IdResult:
    if len(text) == 12 and text.isdigit() and text.isascii():  # the common case, as the lists store it
        return _cccd(text, None)
    if _SCIENTIFIC_RE.fullmatch(text):
        return _bad(E_DIGITS_LOST)
    m = _NUMBER_TEXT_RE.fullmatch(text)
    if m:
        return _from_number(m.group(1))
    digits = strip_format(text).translate(_STRIP)
    if not digits:
        return _bad(E_EMPTY)
    if not digits.isascii() or not digits.isdigit():
        return _bad(E_NOT_DIGITS)
    if len(digits) == 12:
        return _cccd(digits, None)
    if len(digits) == 9:
        return IdResult(digits, "cmnd", W_CMND, None)
    return _bad(E_LENGTH)


def _cccd(digits: str, warning: str | None) -> IdResult:
    if digits[:3] not in PROVINCES:
        warning = f"{warning}; {W_UNKNOWN_PROVINCE}" if warning else W_UNKNOWN_PROVINCE
    r = _new(IdResult)
    _set_value(r, digits)
    _set_kind(r, "cccd")
    _set_warning(r, warning)
    _set_error(r, None)
    return r


def cccd_info(cccd: str) -> tuple[str, str | None, int | None]:
    """(province code, gender "Nam"/"Nữ", first year of the birth century) read from digits 1-4 of a CCCD."""
    gender, century = _CENTURY.get(cccd[3:4], (None, None)) if len(cccd) == 12 else (None, None)
    return cccd[:3], gender, century


_CENTURY_YEAR = {digit: year for digit, (_, year) in _CENTURY.items()}


def cccd_birth_year(cccd: str) -> int | None:
    """The birth year a 12-digit CCCD encodes (digits 4-6), or None."""
    century = _CENTURY_YEAR.get(cccd[3:4]) if len(cccd) == 12 else None   # cccd_info's century, called per row
    if century is None or not cccd[4:6].isdigit():
        return None
    return century + int(cccd[4:6])
