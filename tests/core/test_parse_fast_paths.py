"""The row parser's fast paths (issue 14) give the general path's answer, value for value.

Each fast path skips work for the common shapes of a police list: a plain 12-digit CCCD, a digits-only mobile in
an operator's block, a date cell looked up by the text as written, a phone or CCCD read as plain values without
building a result object, a name's three forms from one cache. Every test here puts random cells (hypothesis)
through the fast and the general path and compares; tests/core/test_import_identical.py compares a whole import
to the byte.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from canvass import dates, ids, phones  # noqa: E402
from canvass.importing import rows  # noqa: E402
from canvass.importing.headers import EXTRA  # noqa: E402
from canvass.text import clean_name, fold, name_sort_key, nfc  # noqa: E402

# the checks cost microseconds: many more examples than the profile's default, and more again under `soak`
MANY = settings(max_examples=max(500, settings.default.max_examples))

ASCII_DIGITS = "0123456789"
OTHER_DIGITS = "٠١٢٣٤٥٦٧٨٩０１２３۳"   # Arabic-Indic, full-width, Persian: str.isdigit() but not ASCII
digits = st.text(alphabet=ASCII_DIGITS, min_size=0, max_size=14)
odd_digits = st.text(alphabet=ASCII_DIGITS + OTHER_DIGITS, min_size=1, max_size=13)
separated = st.lists(st.sampled_from([*ASCII_DIGITS] * 4 + [" ", ".", "-", "/", "\u00a0", "+", "(", ")", "\u200b"]),
                     max_size=16).map("".join)
any_text = st.text(max_size=20)
cells = st.one_of(digits, odd_digits, separated, any_text, st.integers(-10, 10 ** 13),
                  st.floats(allow_nan=True, allow_infinity=True), st.none(), st.booleans())


def _plain(r) -> tuple:
    return tuple(getattr(r, f.name) for f in dataclasses.fields(r))


# ---- CCCD ------------------------------------------------------------------------------------------------

province = st.sampled_from(sorted(ids.PROVINCES) + ["000", "003", "099", "123", "999"])
cccd_like = st.builds(lambda p, rest: p + rest, province, st.text(alphabet=ASCII_DIGITS, min_size=9, max_size=9))


@MANY
@given(st.one_of(cccd_like, digits, odd_digits, separated, any_text))
def test_plain_cccd_fast_path_is_the_text_path(text):
    fast = ids.normalize_id(text)
    assert fast == ids._from_text(text) and repr(fast) == repr(ids._from_text(text))
    # the result built slot by slot is an ordinary IdResult
    assert fast == ids.IdResult(*_plain(fast)) and hash(fast) == hash(ids.IdResult(*_plain(fast)))


@MANY
@given(st.one_of(cccd_like, cells))
def test_id_parts_is_normalize_id(value):
    assert ids.id_parts(value) == _plain(ids.normalize_id(value))


@MANY
@given(st.one_of(cccd_like, st.text(alphabet=ASCII_DIGITS + OTHER_DIGITS + "ab ", max_size=14)))
def test_cccd_birth_year_reads_cccd_info(cccd):
    _, _, century = ids.cccd_info(cccd)
    expected = None if century is None or not cccd[4:6].isdigit() else century + int(cccd[4:6])
    assert ids.cccd_birth_year(cccd) == expected


# ---- phones ----------------------------------------------------------------------------------------------

def _regex_e164(text: str) -> str | None:
    """fast_e164 as it was before its digits-only shortcut: the separators stripped, then _FAST_RE."""
    if not text.isdigit():
        text = phones._FAST_STRIP_RE.sub("", text)
    m = phones._FAST_RE.fullmatch(text)
    return "+84" + m.group(1) if m else None


national = st.builds(lambda a, b, rest: a + b + rest, st.sampled_from("0123456789"), st.sampled_from("0123456789"),
                     st.text(alphabet=ASCII_DIGITS + OTHER_DIGITS[:2], min_size=6, max_size=8))
phone_text = st.one_of(national, national.map(lambda n: "0" + n), national.map(lambda n: "84" + n),
                       national.map(lambda n: "+84" + n), national.map(lambda n: f"0{n[:3]}.{n[3:6]}.{n[6:]}"),
                       national.map(lambda n: f"0{n} / 0{n[::-1]}"), separated, digits)


def test_digits_only_mobile_shortcut_on_every_block_and_length():
    for a in ASCII_DIGITS:
        for b in ASCII_DIGITS:
            for tail in ("0000000", "1234567", "9999999", "123456", "12345678"):
                for text in (a + b + tail, "0" + a + b + tail, "84" + a + b + tail, "00" + a + b + tail):
                    assert phones.fast_e164(text) == _regex_e164(text), text


@MANY
@given(phone_text)
def test_fast_e164_is_the_regex(text):
    assert phones.fast_e164(text) == _regex_e164(text)


@MANY
@given(st.one_of(phone_text, cells))
def test_phone_parts_is_normalize_phone(value):
    r = phones.normalize_phone(value)
    assert phones.phone_parts(value) == (r.e164, r.raw, r.warning)


# ---- dates -----------------------------------------------------------------------------------------------

TODAYS = st.sampled_from([dt.date(2026, 12, 1), dt.date(2025, 3, 10), dt.date(2000, 2, 29)])
date_text = st.builds(lambda d, m, y, sep, pad: f"{pad}{d}{sep}{m}{sep}{y}{pad}", st.integers(0, 40),
                      st.integers(0, 14), st.one_of(st.integers(1890, 2030), st.integers(0, 99)),
                      st.sampled_from(["/", "-", ".", " / "]), st.sampled_from(["", " ", "\u200e"]))
date_cells = st.one_of(date_text, st.dates(dt.date(1880, 1, 1), dt.date(2030, 12, 31)), any_text, digits,
                       st.integers(0, 3_000_000), st.floats(allow_nan=True, allow_infinity=True), st.none(),
                       st.datetimes(dt.datetime(1880, 1, 1), dt.datetime(2030, 12, 31)))


def _general_date(value, today: dt.date) -> dates.DateResult:
    """parse_date without its cached shortcuts: a datetime `today` takes the general branch, and the text's
    result is computed afresh."""
    if type(value) is str:
        return dates._parse_text.__wrapped__(value, today)
    if type(value) is dt.date:
        return dates._check(value, None, today)
    return dates.parse_date(value, today=dt.datetime.combine(today, dt.time(8)))


@MANY
@given(date_cells, TODAYS)
def test_cached_date_paths_are_the_general_path(value, today):
    expected = _general_date(value, today)
    assert dates.parse_date(value, today=today) == expected
    assert dates.parse_date(value, today=dt.datetime.combine(today, dt.time(8))) == expected


def test_date_cache_keeps_todays_apart():
    # the same cell on two different days (a date in the future on the first, fine on the second)
    assert dates.parse_date("05/06/2025", today=dt.date(2025, 3, 10)).warning == dates.W_FUTURE
    assert dates.parse_date("05/06/2025", today=dt.date(2025, 12, 1)).value == dt.date(2025, 6, 5)
    assert dates.parse_date(dt.date(2025, 6, 5), today=dt.date(2025, 3, 10)).warning == dates.W_FUTURE
    assert dates.parse_date(dt.date(2025, 6, 5), today=dt.date(2025, 12, 1)).value == dt.date(2025, 6, 5)


# ---- the row parser's own caches ---------------------------------------------------------------------------

names = st.one_of(any_text, st.lists(st.sampled_from(["NGUYỄN", "văn", "Thị", "h'hen", "y-moan", "Đỗ", "ÐỖ",
                                                       "a\u0301", "  ", "\u200e", "Nhi\u0300"]),
                                     max_size=5).map(" ".join))


@MANY
@given(names)
def test_name_fields_are_the_text_functions(cell):
    name = clean_name(cell)
    assert rows._name_fields(cell) == ((name, fold(name), name_sort_key(name)) if name else None)


@MANY
@given(st.one_of(st.sampled_from(["Nam", "NỮ", "nu.", " x ", "X", "Male", "f", "", " ", "khác", "Nữ "]),
                 any_text))
def test_gender_cache_is_the_rule(cell):
    g = rows._GENDERS.get(fold(cell).strip(" ."))
    expected = (g, False) if g else None if cell.strip().lower() == "x" else (nfc(cell)[:10], True)
    assert rows._gender_of(cell) == expected


@MANY
@given(st.one_of(st.sampled_from(["Chủ hộ", "CHỦ HỘ.", "Con", "chủ hộ gia đình", "", "  "]), any_text,
                 st.integers(), st.none()))
def test_relation_cache_is_the_rule(cell):
    rel = rows._text(cell)
    expected = None if rel is None else (rel[:80], fold(rel).strip(" .") in rows._HEAD_RELATIONS)
    assert rows._relation(cell) == expected
    if type(cell) is str:
        assert rows._relation_of(cell) == expected


MAPPING = {0: "stt", 1: "name", 2: "dob", 3: "gender", 4: "cccd", 5: "phone", 6: "household_no", 7: "head_name",
           8: "relation", 9: "hamlet", 10: "address", 11: EXTRA}


@MANY
@given(st.lists(st.one_of(cells, names, date_cells), min_size=3, max_size=13))
def test_every_row_slot_is_set(row):
    # `parse` sets the slots itself (no __init__): each one must be there, whatever the row holds
    parser = rows.SheetParser("DS", MAPPING, [f"h{i}" for i in range(12)], today=dt.date(2026, 12, 1))
    p = parser.parse(9, row, (row + [""] * 13)[:12] + [""])
    for slot in rows.ParsedRow.__slots__:
        assert hasattr(p, slot), slot
    assert (p.disposition, p.resident_id, p.duplicate_of) == (None, None, None)
    assert p.parse_warnings == len(p.warnings or ())


# ---- text ------------------------------------------------------------------------------------------------

def _old_strip_format(s: str) -> str:
    """strip_format before its printable shortcut."""
    from canvass.text import _FORMAT_RE, _INVISIBLE
    if s.isascii() or not _FORMAT_RE.search(s):
        return s
    return s.translate(_INVISIBLE)


def _old_nfc(s: str) -> str:
    """nfc before its printable shortcut."""
    import unicodedata

    from canvass.text import _REPAIR, _REPAIR_RE
    if not s.isascii():
        if _REPAIR_RE.search(s):
            s = s.translate(_REPAIR)
        s = unicodedata.normalize("NFC", s)
    return " ".join(s.split())


def test_no_format_character_is_printable():
    # the shortcut's premise: a printable text holds none of them
    from canvass.text import _REPAIR, FORMAT_CHARS
    assert FORMAT_CHARS and not any(ch.isprintable() for ch in FORMAT_CHARS)
    assert {chr(c) for c in _REPAIR} - set(FORMAT_CHARS) == {"\u00d0", "\u00f0"}


vietnamese = st.text(alphabet=st.one_of(st.sampled_from("Nguyễn Thị Hồng Đào ĐỖ ÐỖ ðo xã Tân Văn, 12/3 "
                                                        "\u00a0\t\n\u0301\u0323\u0309\u200b\u200e\u202e\ufeff\u00ad"),
                                        st.characters()), max_size=30)


@MANY
@given(vietnamese)
def test_printable_shortcut_changes_no_text(s):
    from canvass.text import strip_format
    assert strip_format(s) == _old_strip_format(s)
    assert nfc(s) == _old_nfc(s)
