"""Vietnamese phone numbers: one cell in, E.164 out, with `phonenumbers` (region VN) as the authority.

A fast path covers the common shapes (a 10-digit mobile with dots, spaces or dashes, +84/84, a number cell
that lost its leading 0) with the same mobile pattern phonenumbers itself uses (a few µs instead of ~70 µs, so
300k rows take about a second instead of ~20 s); everything else goes through phonenumbers.
tests/core/test_phones.py proves the two agree. Warnings are short fixed English phrases (constants below) that the UI translates.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumberType

from canvass.text import strip_format

W_OLD_PREFIX = "old 11-digit prefix converted"
W_SEVERAL = "two numbers in one cell"
W_INVALID = "not a valid number"
W_NO_DIGITS = "no digits"
W_FOREIGN = "foreign number"

# Pre-2018 11-digit mobile prefixes (without the trunk 0) and their 10-digit replacements, as the Ministry of
# Information and Communications published them (the switch ran 15/09/2018-14/11/2018).
OLD_MOBILE_PREFIXES: dict[str, str] = {
    # Viettel
    "162": "32", "163": "33", "164": "34", "165": "35", "166": "36", "167": "37", "168": "38", "169": "39",
    # MobiFone
    "120": "70", "121": "79", "122": "77", "126": "76", "128": "78",
    # VinaPhone
    "123": "83", "124": "84", "125": "85", "127": "81", "129": "82",
    # Vietnamobile
    "186": "56", "188": "58",
    # Gmobile (Beeline)
    "199": "59",
}

_META = PhoneMetadata.metadata_for_region("VN")
# The operators' current mobile blocks (the 2 national digits after the trunk 0; every number in them has 9
# national digits), as the Ministry of Information and Communications allocated them. `phonenumbers` stays the
# authority: everything it accepts is accepted. Its mobile pattern lags behind the allocations (the pinned
# 9.0.43 refuses most of Vietnamobile's 052, Wintel's 055 and MobiFone's 0890-0895, though its own carrier
# data names the operators), while a list from the national database holds numbers people really use; so a
# number in one of these blocks is a mobile too. tests/core/test_import_sections.py checks each block and
# that the pinned phonenumbers still lags (shrink the table when it catches up).
MOBILE_BLOCKS: dict[str, str] = {
    **dict.fromkeys(("32", "33", "34", "35", "36", "37", "38", "39", "86", "96", "97", "98"), "Viettel"),
    **dict.fromkeys(("81", "82", "83", "84", "85", "88", "91", "94"), "Vinaphone"),
    **dict.fromkeys(("70", "76", "77", "78", "79", "89", "90", "93"), "MobiFone"),
    **dict.fromkeys(("52", "56", "58", "92"), "Vietnamobile"),
    **dict.fromkeys(("59", "99"), "Gmobile"),
    "87": "Itelecom",
    "55": "Wintel",     # Reddi
}
# The national (no trunk 0) mobile pattern phonenumbers validates with, or a number in a block above. The fast
# path only takes 9-digit nationals starting 3/5/7/8/9, a shape no other VN number type has (VoIP 672...,
# toll free 1800..., 12...).
MOBILE_BLOCK_PATTERN = "(?:" + "|".join(sorted(MOBILE_BLOCKS)) + r")\d{7}"
_MOBILE_PATTERN = f"(?:{_META.mobile.national_number_pattern})|{MOBILE_BLOCK_PATTERN}"
_MOBILE_RE = re.compile(f"(?:{_MOBILE_PATTERN})", re.ASCII)
# Landlines are 10 national digits starting with 2, a length no other VN number type has.
_LANDLINE_RE = re.compile(f"(?:{_META.fixed_line.national_number_pattern})", re.ASCII)
# Every valid VN national number matches the general pattern; one that does not is invalid without parsing.
_GENERAL_RE = re.compile(f"(?:{_META.general_desc.national_number_pattern})", re.ASCII)
_FAST_RE = re.compile(rf"(?:\+84|84|0)?((?=[35789])(?:{_MOBILE_PATTERN}))", re.ASCII)
_FAST_STRIP_RE = re.compile(r"[ \t\u00a0.\-()]+")
# Separators between two numbers in one cell; a plain "-" is only a separator between two full numbers.
_SPLIT_RE = re.compile(r"\s*(?:[/;,|\n\r]|\s[-–—]\s|\bho[aặ]c\b|\bor\b|\bv[aà]\b|&)\s*", re.IGNORECASE)
_CHUNK_RE = re.compile(r"\+?\d+")
_DIGITS_RE = re.compile(r"\d")
_KIND = {PhoneNumberType.MOBILE: "mobile", PhoneNumberType.FIXED_LINE: "landline",
         PhoneNumberType.FIXED_LINE_OR_MOBILE: "landline"}


@dataclass(frozen=True, slots=True)
class PhoneResult:
    """The first usable number of a cell in E.164 (`e164`), any further ones (`others`), the raw text."""
    e164: str | None
    others: tuple[str, ...]
    raw: str
    kind: str | None
    warning: str | None


_EMPTY = PhoneResult(None, (), "", None, None)
# The frozen dataclass __init__ costs more than the whole fast path; a fast-path result is built by setting
# its slots directly (same object, same equality and repr).
_new = object.__new__
_set_e164, _set_others, _set_raw, _set_kind, _set_warning = (
    PhoneResult.__dict__[f].__set__ for f in ("e164", "others", "raw", "kind", "warning"))


def _mobile(e164: str, raw: str) -> PhoneResult:
    r = _new(PhoneResult)
    _set_e164(r, e164)
    _set_others(r, ())
    _set_raw(r, raw)
    _set_kind(r, "mobile")
    _set_warning(r, None)
    return r


def normalize_phone(value: object) -> PhoneResult:
    """Normalise one phone cell (str, int, float or None as read) to E.164 with kind and warning."""
    if type(value) is str:
        raw = value
    elif value is None or isinstance(value, bool):
        return _EMPTY
    elif isinstance(value, float) and value == value and value.is_integer():
        raw = str(int(value))
    else:
        raw = str(value)
    e164 = fast_e164(raw)
    if e164:  # cheaper than a cache lookup: no cache for the common shapes
        return _mobile(e164, raw)
    return _normalize_text(raw)


def phone_parts(value: object) -> tuple[str | None, str, str | None]:
    """(e164, raw, warning) of `normalize_phone(value)` without building the result object for the common
    shapes (the importer's per-row call: a PhoneResult costs more than the fast path itself)."""
    if type(value) is str:
        raw = value
    elif type(value) is int:
        raw = str(value)
    else:
        r = normalize_phone(value)
        return r.e164, r.raw, r.warning
    e164 = fast_e164(raw)
    if e164:
        return e164, raw, None
    r = _normalize_text(raw)
    return r.e164, r.raw, r.warning


def fast_e164(text: str) -> str | None:
    """E.164 of a plain VN mobile (dots, spaces, dashes, brackets, +84/84/0 or no trunk 0) without calling
    phonenumbers; None when the text is any other shape (the slow path decides)."""
    if text.isdigit():
        # digits only, in an operator's block: what _FAST_RE matches without running it (every block is a
        # 9-digit national starting 3/5/7/8/9, so "0" + 9 digits can only be the trunk 0 and a national)
        n = len(text)
        if n == 10 and text[0] == "0" and text[1:3] in MOBILE_BLOCKS and text.isascii():
            return "+84" + text[1:]
        if n == 9 and text[:2] in MOBILE_BLOCKS and text.isascii():
            return "+84" + text
    else:
        text = _FAST_STRIP_RE.sub("", text)
    m = _FAST_RE.fullmatch(text)
    return "+84" + m.group(1) if m else None


@lru_cache(maxsize=16384)
def _normalize_text(raw: str) -> PhoneResult:
    text = strip_format(raw).strip()
    if not text:
        return PhoneResult(None, (), raw, None, None) if raw else _EMPTY
    return _slow(raw, text)


def _candidates(text: str) -> list[str]:
    """The numbers written in a cell: split on separators, then split runs of digits that hold two numbers."""
    out: list[str] = []
    for part in _SPLIT_RE.split(text):
        chunks = _CHUNK_RE.findall(part)
        if not chunks:
            continue
        joined = "".join(chunks)
        if len(joined.lstrip("+")) < 18 or len(chunks) == 1:
            out.append(joined)
            continue
        cur = ""
        for chunk in chunks:
            cur += chunk
            if _complete(cur):
                out.append(cur)
                cur = ""
        if cur:
            out.append(cur)
    return out


def _complete(s: str) -> bool:
    """Whether the digits gathered so far form one whole number (used only when a run holds two)."""
    d = s.lstrip("+")
    if d.startswith("84") and (s.startswith("+") or len(d) > 10):
        d = d[2:]
    elif d.startswith("0"):
        d = d[1:]
    if not d:
        return False
    if d[0] in "35789":
        return len(d) >= 9
    return len(d) >= 10


def _national(number: str) -> tuple[str | None, bool]:
    """(national digits without the trunk 0, converted-from-old-prefix) for a VN number, None if foreign."""
    if number.startswith("+"):
        if not number.startswith("+84"):
            return None, False
        d = number[3:]
    elif number.startswith("0084"):
        d = number[4:]
    elif number.startswith("00"):  # international call prefix: another country
        return None, False
    elif number.startswith("0"):
        d = number[1:]
    elif number.startswith("84") and (len(number) > 10 or (
            not _GENERAL_RE.fullmatch(number) and _GENERAL_RE.fullmatch(number[2:].removeprefix("0")))):
        d = number[2:]  # the country code written without "+", as phonenumbers reads it
    else:
        d = number
    if number[:1] in "+8" and d.startswith("0"):  # "+84 (0)912 ...": a trunk 0 after the country code
        d = d[1:]
    if len(d) == 10 and d[0] == "1" and d[:3] in OLD_MOBILE_PREFIXES:
        return OLD_MOBILE_PREFIXES[d[:3]] + d[3:], True
    return d, False


@lru_cache(maxsize=4096)
def _one(number: str) -> tuple[str | None, str | None, str | None]:
    """(E.164, kind, warning) for one number's digits (with an optional leading +)."""
    national, converted = _national(number)
    warning = W_OLD_PREFIX if converted else None
    if national is not None and national.isascii():  # the shapes phonenumbers would surely accept
        if len(national) == 9 and national[0] in "35789" and _MOBILE_RE.fullmatch(national):
            return "+84" + national, "mobile", warning
        if len(national) == 10 and national[0] == "2" and _LANDLINE_RE.fullmatch(national):
            return "+84" + national, "landline", warning
        if national.isdigit() and not _GENERAL_RE.fullmatch(national):
            return None, None, W_INVALID
    try:
        if national is None:
            parsed = phonenumbers.parse("+" + number[2:] if number.startswith("00") else number, "VN")
        else:
            parsed = phonenumbers.parse("0" + national, "VN")
    except phonenumbers.NumberParseException:
        return None, None, W_INVALID
    if not phonenumbers.is_valid_number(parsed):
        return None, None, W_INVALID
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    if national is None:
        return e164, None, W_FOREIGN
    return e164, _KIND.get(phonenumbers.number_type(parsed)), warning


def _slow(raw: str, text: str) -> PhoneResult:
    numbers = _candidates(text)
    if not numbers:
        return PhoneResult(None, (), raw, None, W_NO_DIGITS if not _DIGITS_RE.search(text) else W_INVALID)
    found: list[tuple[str, str | None]] = []
    warnings: list[str] = []
    for number in numbers:
        e164, kind, warning = _one(number)
        if warning and warning not in warnings:
            warnings.append(warning)
        if e164 and all(e164 != f for f, _ in found):
            found.append((e164, kind))
    if len(numbers) > 1:
        warnings.append(W_SEVERAL)
    if not found:
        return PhoneResult(None, (), raw, None, "; ".join(warnings) or W_INVALID)
    return PhoneResult(found[0][0], tuple(f for f, _ in found[1:]), raw, found[0][1], "; ".join(warnings) or None)


def typed_phone(value: object) -> tuple[str | None, str | None]:
    """A phone a person typed (a form field, a pack's new-phone cell): (E.164, warning), (None, None) when
    empty; InvalidInput("phone_unusable") when it is not a usable number. The one rule for typed phones: the
    outcome dialog, team leads' phones and the pack merge all call it."""
    from canvass.errors import InvalidInput

    text = "" if value is None else str(value).strip()
    if not text:
        return None, None
    res = normalize_phone(text)
    if not res.e164 or res.warning == W_INVALID:
        raise InvalidInput("phone_unusable", text=text)
    return res.e164, res.warning
