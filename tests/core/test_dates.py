"""Dates of birth: every shape police lists use, Excel serials, partial and impossible dates."""
import datetime as dt
import random

import pytest

from canvass.dates import (W_FUTURE, W_IMPOSSIBLE, W_TOO_OLD, W_UNKNOWN_DAY, W_UNREADABLE, DateResult,
                           parse_date)

TODAY = dt.date(2025, 3, 10)


def full(value, expected: dt.date):
    r = parse_date(value, today=TODAY)
    assert r == DateResult(expected, expected.year, None, None), value


def test_day_first_text_shapes_on_many_dates():
    rnd = random.Random(5)
    for _ in range(300):
        d = dt.date(1905, 6, 1) + dt.timedelta(days=rnd.randrange(43_000))
        for text in (f"{d.day:02d}/{d.month:02d}/{d.year}", f"{d.day}/{d.month}/{d.year}",
                     f"{d.day:02d}-{d.month:02d}-{d.year}", f"{d.day:02d}.{d.month:02d}.{d.year}",
                     d.isoformat(), f"{d.isoformat()} 00:00:00", f" {d.day} / {d.month} / {d.year} "):
            full(text, d)


def test_date_and_datetime_objects():
    full(dt.date(1986, 12, 28), dt.date(1986, 12, 28))
    full(dt.datetime(1986, 12, 28, 0, 0), dt.date(1986, 12, 28))


@pytest.mark.parametrize("serial,expected", [(31774, dt.date(1986, 12, 28)), (31774.0, dt.date(1986, 12, 28)),
                                             (36526, dt.date(2000, 1, 1)), (61, dt.date(1900, 3, 1)),
                                             ("31774", dt.date(1986, 12, 28))])
def test_excel_serial_numbers(serial, expected):
    r = parse_date(serial, today=dt.date(2000, 6, 1) if expected.year == 1900 else TODAY)
    assert (r.value, r.year, r.warning) == (expected, expected.year, None)


def test_serial_of_1900_is_too_old_now_and_out_of_range_serials_are_rejected():
    assert parse_date(61, today=TODAY).warning == W_TOO_OLD
    for bad in (0, -5, 3_000_000):
        r = parse_date(bad, today=TODAY)
        assert r.value is None and r.warning


def test_two_digit_year_picks_the_century_in_the_past():
    full("28/12/86", dt.date(1986, 12, 28))
    full("01/01/25", dt.date(2025, 1, 1))     # already past on 10/03/2025
    full("01/06/25", dt.date(1925, 6, 1))     # later this year: must be 1925
    full("10/03/25", dt.date(2025, 3, 10))    # today counts as the past


def test_bare_year_is_known_without_warning():
    for value in ("1986", 1986, 1986.0, " 1986 ", "năm 1986", "Năm 1986", "1986.0"):
        r = parse_date(value, today=TODAY)
        assert (r.value, r.year, r.warning) == (None, 1986, None)
        assert r.raw.strip() in ("1986", "năm 1986", "Năm 1986", "1986.0")


def test_month_and_year():
    r = parse_date("12/1986", today=TODAY)
    assert (r.value, r.year, r.raw, r.warning) == (None, 1986, "12/1986", None)
    assert parse_date("13/1986", today=TODAY).warning == W_IMPOSSIBLE


@pytest.mark.parametrize("text,warning", [("31/02/1990", W_IMPOSSIBLE), ("29/02/1990", W_IMPOSSIBLE),
                                          ("32/01/1990", W_IMPOSSIBLE), ("15/13/1990", W_IMPOSSIBLE),
                                          ("00/00/1990", W_UNKNOWN_DAY), ("00/05/1990", W_UNKNOWN_DAY),
                                          ("0/0/1990", W_UNKNOWN_DAY)])
def test_impossible_dates_keep_year_and_raw(text, warning):
    r = parse_date(text, today=TODAY)
    assert (r.value, r.year, r.raw, r.warning) == (None, 1990, text, warning)


def test_leap_day_is_a_real_date():
    full("29/02/1988", dt.date(1988, 2, 29))


@pytest.mark.parametrize("value,warning", [("11/03/2025", W_FUTURE), ("01/01/2030", W_FUTURE), ("2026", W_FUTURE),
                                           (dt.date(2030, 1, 1), W_FUTURE), ("09/03/1904", W_TOO_OLD),
                                           ("1880", W_TOO_OLD), (dt.datetime(1890, 1, 1), W_TOO_OLD)])
def test_future_and_too_old(value, warning):
    r = parse_date(value, today=TODAY)
    assert r.value is None and r.year is None and r.warning == warning and r.raw


def test_age_120_exactly_is_accepted():
    full("10/03/1905", dt.date(1905, 3, 10))


def test_other_written_forms():
    full("ngày 28 tháng 12 năm 1986", dt.date(1986, 12, 28))
    full("Ngày 5 tháng 1 năm 2001", dt.date(2001, 1, 5))
    full("28121986", dt.date(1986, 12, 28))
    full("19861228", dt.date(1986, 12, 28))


@pytest.mark.parametrize("value", [None, "", "   "])
def test_empty(value):
    assert parse_date(value, today=TODAY) == DateResult(None, None, None, None)


@pytest.mark.parametrize("text", ["không rõ", "28/12", "1986/28/12", "abc 1986"])
def test_unreadable_text_is_kept(text):
    r = parse_date(text, today=TODAY)
    assert r.value is None and r.raw == text and r.warning in (W_UNREADABLE, W_IMPOSSIBLE)


def test_default_today_is_the_real_today():
    assert parse_date(dt.date.today() + dt.timedelta(days=1)).warning == W_FUTURE
    assert parse_date("01/01/2000").value == dt.date(2000, 1, 1)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf")])
def test_non_finite_numbers_are_not_dates(value):
    r = parse_date(value, today=TODAY)
    assert r.value is None and r.year is None and r.warning == W_UNREADABLE


def test_today_may_be_a_datetime():
    assert parse_date("28/12/1986", today=dt.datetime(2025, 3, 10, 8, 0)).value == dt.date(1986, 12, 28)


def test_a_date_a_person_types_and_a_visit_given_by_its_day():
    """One rule for typed dates and one for "a date without a time is midday" (forms, packs, photos and the
    command line, which took midnight before)."""
    import datetime as dt

    import pytest

    from canvass.dates import typed_datetime as parse_datetime
    from canvass.dates import DATE_ONLY_HOUR, typed_date, visit_moment
    from canvass.errors import InvalidInput

    assert typed_date("28/3/2025") == typed_date("2025-03-28") == dt.date(2025, 3, 28)
    with pytest.raises(InvalidInput) as info:
        typed_date("hôm qua", "--as-of")
    assert info.value.code == "date_invalid"
    now = dt.datetime(2026, 11, 30, 9, 41)
    assert visit_moment(now.date(), now) == now
    assert visit_moment(dt.date(2026, 11, 28), now) == dt.datetime(2026, 11, 28, DATE_ONLY_HOUR)
    assert parse_datetime("2026-11-28") == parse_datetime("28/11/2026") == dt.datetime(2026, 11, 28, DATE_ONLY_HOUR)
    assert parse_datetime("2026-11-28T08:15") == dt.datetime(2026, 11, 28, 8, 15)
