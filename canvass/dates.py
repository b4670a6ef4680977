"""Dates of birth as police lists write them: day first, often only a year, sometimes an Excel serial number.

`parse_date` never raises: a value that is not a full, plausible date comes back with `value` None, the text
kept in `raw` for display, the year when it is known, and a warning (short English phrases, constants below).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from canvass.text import strip_format
from functools import lru_cache

W_IMPOSSIBLE = "impossible date"
W_UNKNOWN_DAY = "day or month unknown"
W_FUTURE = "date in the future"
W_TOO_OLD = "age above 120"
W_SERIAL = "date number out of range"
W_UNREADABLE = "not a date"

MAX_AGE = 120
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 60 is Excel's phantom 29/02/1900; later serials count from here
_SEP = r"\s*[/\-.]\s*"
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_DMY_RE = re.compile(rf"(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{4}}|\d{{2}}){_TIME}")
_YMD_RE = re.compile(rf"(\d{{4}}){_SEP}(\d{{1,2}}){_SEP}(\d{{1,2}}){_TIME}")
_MY_RE = re.compile(rf"(\d{{1,2}}){_SEP}(\d{{4}})")
_YEAR_RE = re.compile(r"(?:năm\s*)?(\d{4})(?:\.0+)?", re.IGNORECASE)
_WORDS_RE = re.compile(r"(?:ngày\s*)?(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})", re.IGNORECASE)
_COMPACT_RE = re.compile(r"\d{8}")
_SERIAL_RE = re.compile(r"\d{5}(?:\.0+)?")


@dataclass(frozen=True, slots=True)
class DateResult:
    """A parsed date (`value`), or what is known of it: `year`, the text in `raw`, and a warning."""
    value: dt.date | None
    year: int | None
    raw: str | None
    warning: str | None


_NONE = DateResult(None, None, None, None)


def parse_date(value: object, *, today: dt.date | None = None) -> DateResult:
    """Parse a date-of-birth cell (date, datetime, Excel serial, or day-first text) into a DateResult."""
    if type(today) is dt.date:   # the importer's case: one cached lookup for a text or a date cell
        if type(value) is str:
            return _parse_text(value, today)
        if type(value) is dt.date:
            return _check_date(value, today)
    if value is None or isinstance(value, bool):
        return _NONE
    today = today or dt.date.today()
    if isinstance(today, dt.datetime):
        today = today.date()
    if isinstance(value, dt.datetime):
        return _check(value.date(), None, today)
    if isinstance(value, dt.date):
        return _check(value, None, today)
    if isinstance(value, (int, float)):
        if value != value or value in (float("inf"), float("-inf")):
            return DateResult(None, None, str(value), W_UNREADABLE)
        if float(value).is_integer() and 1000 <= value <= 9999:
            return _year(int(value), str(int(value)), today)
        return _serial(value, _number_text(value), today)
    return _parse_text(str(value), today)


def _number_text(value: int | float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _check(d: dt.date, raw: str | None, today: dt.date) -> DateResult:
    """Keep a real date only when it is in the past and at most MAX_AGE years ago."""
    if d > today:
        return DateResult(None, None, raw or d.isoformat(), W_FUTURE)
    if today.year - d.year - ((today.month, today.day) < (d.month, d.day)) > MAX_AGE:
        return DateResult(None, None, raw or d.isoformat(), W_TOO_OLD)
    return DateResult(d, d.year, None, None)


@lru_cache(maxsize=65536)
def _check_date(d: dt.date, today: dt.date) -> DateResult:
    """A date cell's result (a list's birth dates repeat: 120 years are ~44,000 days)."""
    return _check(d, None, today)


def _year(y: int, raw: str, today: dt.date, warning: str | None = None) -> DateResult:
    """Only the year is known: fine (no warning) when it is plausible."""
    if y > today.year:
        return DateResult(None, None, raw, W_FUTURE)
    if today.year - y > MAX_AGE:
        return DateResult(None, None, raw, W_TOO_OLD)
    return DateResult(None, y, raw, warning)


def _serial(value: int | float, raw: str, today: dt.date) -> DateResult:
    """An Excel serial day number in the 1900 date system (a date cell read without its format)."""
    days = int(value)
    if days < 1 or days > 2958465:
        return DateResult(None, None, raw, W_SERIAL)
    d = _EXCEL_EPOCH + dt.timedelta(days=days) if days > 60 else dt.date(1899, 12, 31) + dt.timedelta(days=days)
    if days == 60:
        return DateResult(None, 1900, raw, W_IMPOSSIBLE)
    return _check(d, raw, today)


def _full(y: int, m: int, d: int, raw: str, today: dt.date) -> DateResult:
    if m == 0 or d == 0:
        return _year(y, raw, today, W_UNKNOWN_DAY) if m <= 12 else _year(y, raw, today, W_IMPOSSIBLE)
    try:
        date = dt.date(y, m, d)
    except ValueError:
        return _year(y, raw, today, W_IMPOSSIBLE)
    return _check(date, raw, today)


@lru_cache(maxsize=65536)
def _parse_text(raw: str, today: dt.date) -> DateResult:
    """A text cell's result, cached by the text as written (the result keeps it in `raw`)."""
    text = raw.strip() if raw.isascii() else strip_format(raw).strip()
    if not text:
        return _NONE
    return _parse_stripped(text, today, raw)


def _parse_stripped(text: str, today: dt.date, raw: str) -> DateResult:
    m = _DMY_RE.fullmatch(text)
    if m:
        d, mo, y = int(m.group(1)), int(m.group(2)), m.group(3)
        if len(y) == 2:
            year = 2000 + int(y)
            if (year, mo, d) > (today.year, today.month, today.day):
                year -= 100
            return _full(year, mo, d, raw, today)
        return _full(int(y), mo, d, raw, today)
    m = _YMD_RE.fullmatch(text)
    if m:
        return _full(int(m.group(1)), int(m.group(2)), int(m.group(3)), raw, today)
    m = _YEAR_RE.fullmatch(text)
    if m:
        return _year(int(m.group(1)), raw, today)
    m = _MY_RE.fullmatch(text)
    if m:
        mo, y = int(m.group(1)), int(m.group(2))
        return _year(y, raw, today, None if 1 <= mo <= 12 else (W_UNKNOWN_DAY if mo == 0 else W_IMPOSSIBLE))
    m = _WORDS_RE.fullmatch(text)
    if m:
        return _full(int(m.group(3)), int(m.group(2)), int(m.group(1)), raw, today)
    if _COMPACT_RE.fullmatch(text):  # ddmmyyyy, else yyyymmdd
        for y, mo, d in ((text[4:], text[2:4], text[:2]), (text[:4], text[4:6], text[6:])):
            try:
                date = dt.date(int(y), int(mo), int(d))
            except ValueError:
                continue
            return _check(date, raw, today)
        return DateResult(None, None, raw, W_UNREADABLE)
    if _SERIAL_RE.fullmatch(text):
        return _serial(float(text), raw, today)
    return DateResult(None, None, raw, W_UNREADABLE)


_IN_TEXT_RES = (
    re.compile(r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})", re.IGNORECASE),
    re.compile(r"(?<!\d)(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})(?!\d)"),
)


def date_in_text(text: str, *, today: dt.date | None = None) -> dt.date | None:
    """The first real date written in a sentence, day first: "Lạng Sơn, ngày 28 tháng 3 năm 2025",
    "tính đến ngày 28/03/2025" (a list's heading); None when there is none or it is after `today`."""
    from canvass.text import nfc

    today = today or dt.date.today()
    text = nfc(str(text))
    found = []
    for rx in _IN_TEXT_RES:
        for m in rx.finditer(text):
            try:
                d = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            except ValueError:
                continue
            if d <= today:
                found.append((m.start(), d))
    return min(found)[1] if found else None


# Dates people type (a command's argument, a form), as opposed to the cells of a list (parse_date above).
DATE_ONLY_HOUR = 12   # a visit given with a date only counts as midday of that day (forms, packs, photos)
_TYPED_DMY_RE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def typed_date(value: str, what: str = "date") -> dt.date:
    """A date a person typed, YYYY-MM-DD or DD/MM/YYYY; InvalidInput("date_invalid") otherwise."""
    from canvass.errors import InvalidInput

    text = (value or "").strip()
    m = _TYPED_DMY_RE.match(text)
    try:
        if m:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInput("date_invalid", what=what, value=value) from None


def typed_datetime(value: str) -> dt.datetime:
    """A date and time a person typed: ISO (YYYY-MM-DD[THH:MM[:SS]]) or DD/MM/YYYY [HH:MM]; a date alone is
    midday (DATE_ONLY_HOUR), as a form, a pack or a photo takes it."""
    from canvass.errors import InvalidInput

    text = (value or "").strip()
    parts = text.split(" ", 1)
    if _TYPED_DMY_RE.match(parts[0]):
        day = typed_date(parts[0], "visit date")
        try:
            t = dt.time.fromisoformat(parts[1]) if len(parts) > 1 else dt.time(DATE_ONLY_HOUR)
        except ValueError:
            raise InvalidInput("time_invalid", value=parts[1]) from None
        return dt.datetime.combine(day, t)
    if "T" not in text and " " not in text:
        return dt.datetime.combine(typed_date(text, "visit date"), dt.time(DATE_ONLY_HOUR))
    try:
        return dt.datetime.fromisoformat(text).replace(tzinfo=None, microsecond=0)
    except ValueError:
        raise InvalidInput("datetime_invalid", value=value) from None


def visit_moment(day: dt.date, now: dt.datetime) -> dt.datetime:
    """When a visit given by its day happened: `now` for today, midday of an earlier day."""
    return now if day == now.date() else dt.datetime.combine(day, dt.time(DATE_ONLY_HOUR))
