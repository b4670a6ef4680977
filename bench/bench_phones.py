"""Phone normalisation speed: phonenumbers alone vs canvass.phones.normalize_phone on realistic cells.

Also times the other per-row normalisers (ids, dates, names, hamlets, addresses) on the same row count, since
the importer calls each once per row."""
from __future__ import annotations

import datetime as dt
import random
import time

import phonenumbers

from canvass import address, dates, ids, phones, text

_MOBILE = ["32", "33", "34", "35", "36", "37", "38", "39", "70", "76", "77", "78", "79", "81", "82", "83", "84",
           "85", "86", "88", "89", "90", "91", "93", "94", "96", "97", "98", "56", "58", "59", "99"]


def _national(rnd: random.Random) -> str:
    """A valid 9-digit mobile national number (some blocks of 089/099 are unassigned: draw again)."""
    while True:
        nat = rnd.choice(_MOBILE) + f"{rnd.randrange(10**7):07d}"
        if phones._MOBILE_RE.fullmatch(nat):
            return nat


def make_cells(n: int, seed: int = 1) -> list[object]:
    """Phone cells as police lists hold them: mostly plain text, some dotted, number cells, old prefixes..."""
    rnd = random.Random(seed)
    out: list[object] = []
    for _ in range(n):
        nat = _national(rnd)
        r = rnd.random()
        if r < 0.12:
            out.append("")
        elif r < 0.70:
            out.append("0" + nat)
        elif r < 0.80:
            out.append(f"0{nat[:3]}.{nat[3:6]}.{nat[6:]}")
        elif r < 0.84:
            out.append(f"0{nat[:3]} {nat[3:6]} {nat[6:]}")
        elif r < 0.89:
            out.append(int(nat))
        elif r < 0.92:
            out.append(f"+84 {nat}")
        elif r < 0.94:
            old = rnd.choice(list(phones.OLD_MOBILE_PREFIXES))
            out.append(f"0{old}{rnd.randrange(10**7):07d}")
        elif r < 0.96:
            out.append(f"0{nat} / 0{_national(rnd)}")
        elif r < 0.985:
            out.append(f"0205 3{rnd.randrange(10**6):06d}")
        else:
            out.append(f"0{nat[:6]}")   # too short: invalid
    return out


def _phonenumbers_alone(cell: object) -> str | None:
    if cell in ("", None):
        return None
    try:
        n = phonenumbers.parse(str(cell), "VN")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(n):
        return None
    return phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164)


def _rate(fn, cells) -> float:
    t = time.perf_counter()
    for c in cells:
        fn(c)
    return len(cells) / (time.perf_counter() - t)


def run(report, rows: int) -> None:
    """Numbers per second for phonenumbers alone and normalize_phone (cold and warm cache)."""
    cells = make_cells(rows)
    sample = cells[: min(rows, 30_000)]   # phonenumbers alone is slow: time a slice
    report("phonenumbers alone (parse+valid+format)", _rate(_phonenumbers_alone, sample), "numbers/s")
    phones._normalize_text.cache_clear()
    phones._one.cache_clear()
    t = time.perf_counter()
    for c in cells:
        phones.normalize_phone(c)
    cold = time.perf_counter() - t
    report("normalize_phone, cold cache", rows / cold, "numbers/s")
    report(f"normalize_phone, {rows:,} cells", cold, "s")
    report("normalize_phone, warm cache", _rate(phones.normalize_phone, cells), "numbers/s")
    fast = sum(1 for c in cells if c not in ("", None) and phones.fast_e164(str(c)))
    report("cells on the fast path", 100.0 * fast / rows, "%")

    rnd = random.Random(2)
    ids_cells = [f"0{rnd.choice(['20', '24', '06'])}{rnd.randrange(4)}{rnd.randrange(10**8):08d}" for _ in range(rows)]
    ids_cells[::10] = [int(c) for c in ids_cells[::10]]
    report("normalize_id", _rate(ids.normalize_id, ids_cells), "cells/s")
    today = dt.date(2025, 3, 10)
    date_cells = [f"{rnd.randrange(1, 29):02d}/{rnd.randrange(1, 13):02d}/{rnd.randrange(1930, 2011)}"
                  for _ in range(rows)]
    t = time.perf_counter()
    for c in date_cells:
        dates.parse_date(c, today=today)
    report("parse_date", rows / (time.perf_counter() - t), "cells/s")
    family = ["Nguyễn", "Trần", "Lê", "Hoàng", "Hà", "Nông", "Lăng", "Vi", "Đặng", "Lộc", "Triệu", "Mông"]
    middle = ["Văn", "Thị", "Đức", "Thu", "Minh", "Ngọc", "Hữu", "Thanh"]
    given = ["An", "Bình", "Cường", "Dũng", "Đào", "Hà", "Hường", "Khánh", "Lan", "Mai", "Nam", "Phương", "Quân",
             "Sơn", "Thảo", "Tùng", "Uyên", "Vân", "Xuân", "Yến"]
    names = [f"{rnd.choice(family)} {rnd.choice(middle)} {rnd.choice(middle)} {rnd.choice(given)}".upper()
             if rnd.random() < 0.2 else f"{rnd.choice(family)} {rnd.choice(middle)} {rnd.choice(given)}"
             for _ in range(rows)]
    for fn in (text.clean_name, text.fold, text.name_sort_key):
        fn.cache_clear()
        report(f"text.{fn.__name__}", _rate(fn, names), "names/s")
    hamlets = [f"Thôn {rnd.choice(given)} {rnd.choice(given)}" for _ in range(rows)]
    report("address.hamlet_match_key", _rate(address.hamlet_match_key, hamlets), "cells/s")
    addrs = [f"Số {rnd.randrange(1, 400)}, thôn {rnd.choice(given)}, xã Tân Văn, huyện Bình Gia, Lạng Sơn"
             for _ in range(rows)]
    address.household_key_from_address.cache_clear()
    report("address.household_key_from_address", _rate(address.household_key_from_address, addrs), "cells/s")
