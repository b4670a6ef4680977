"""Property-based tests: returned packs tampered with the way people and accidents do (issue 12, "make it stay
fixed"). Rows re-sorted (all columns, or the visible ones only), deleted, duplicated; hidden ids edited; a
namesake's name typed over a row; formulas and wrong types in cells; the pack id changed; sheets blanked.

Whatever the file, the merge either applies a correct subset and accounts for every other row with a code,
or refuses with a clear error (CanvassError) and an unchanged database. Never a visit on a resident whose row
showed someone else; a second merge of the same file records nothing; cache and versions equal the log.

A fixed seed and ~40 examples by default (a few seconds each is too slow: one small commune, one database
copied per example); HYPOTHESIS_PROFILE=soak runs many more with a random seed.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import func, select

from canvass.db import open_database
from canvass.errors import CanvassError
from canvass.models import Event, Resident
from canvass.packs import PackTampered, export_pack, import_pack
from canvass.packs import layout as L
from canvass.text import fold
from tests.core.test_concurrency import check_log_and_cache
from tests.core.test_packs import D1, D2, D3, TODAY, commune_with_teams

SOAK = os.environ.get("HYPOTHESIS_PROFILE") == "soak"
FUZZ = settings(max_examples=1500 if SOAK else 40, derandomize=not SOAK, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
COL = {k: i + 1 for i, k in enumerate(L.COLUMN_KEYS)}
FIRST = L.HEADER_ROW + 1
NAME = "Nguyễn Văn An"
# (year of birth, last CCCD digits) of six namesakes: the first two look the same under a mask
NAMESAKES = [(1980, 493), (1980, 493), (1991, 777), (1980, 555), (1975, 101), (1975, 202)]

OUTCOMES = ["Vắng mặt", "Từ chối", "Đã kích hoạt", "Hẹn quay lại", "Sai số điện thoại", "Không thể kích hoạt",
            "vang mat", "bay lên trời", "=1+1", 42, None]
REASONS = [None, None, "Người cao tuổi, sức khỏe yếu", "Đi làm ăn xa", "Lý do khác", "xyz"]
DATES = [D1, D2, D3, dt.datetime.combine(D2, dt.time(8, 30)), D1.strftime("%d/%m/%Y"), TODAY + dt.timedelta(days=9),
         "hôm qua", 45000, None, True, "=TODAY()"]
NOTES = [None, None, "Chiều mai", '=HYPERLINK("http://x","y")', "+84", "x" * 3000]
PHONES = [None, None, "0912345678", "123", 912345678, "=2+2"]
ODD_VALUES = [3.5, True, dt.datetime(2001, 2, 3), "text", -7, "", "=A1", "@x"]


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """One commune (six namesakes: two the mask cannot tell apart, the others told apart by birth year or the
    CCCD's last digits), one team, a plain and a masked pack of it; copied for every example."""
    folder = tmp_path_factory.mktemp("fuzz")
    db = open_database(folder / "t.db")
    ids, _ = commune_with_teams(db, households_per_hamlet=3, people_per_household=3)
    with db.session() as s:
        for n, (year, tail) in enumerate(NAMESAKES):
            r = s.get(Resident, ids[n * 3])
            r.name, r.name_fold = NAME, fold(NAME)
            r.dob = dt.date(year, 1 + n, 1 + n)
            r.cccd = f"0200000{n:02d}{tail}"
    export_pack(db, "Tổ 1", folder / "plain.xlsx")
    export_pack(db, "Tổ 1", folder / "masked.xlsx", mask=True)
    with db.read() as s:
        people = {r.id: (fold(r.name), r.dob.year if r.dob else None, r.cccd) for r in s.scalars(select(Resident))}
    db.dispose()
    return folder, people


# ---------------------------------------------------------------- building a returned workbook

def _rows(ws) -> list[int]:
    return [r for r in range(FIRST, ws.max_row + 1) if any(ws.cell(row=r, column=c).value is not None
                                                            for c in range(1, len(COL) + 1))]


def _permute(ws, rows: list[int], order: list[int], first_col: int) -> None:
    body = [[ws.cell(row=r, column=c).value for c in range(first_col, len(COL) + 1)] for r in rows]
    for r, i in zip(rows, order):
        for c, v in enumerate(body[i], start=first_col):
            ws.cell(row=r, column=c, value=v)


@st.composite
def returns(draw, people: dict):
    """(edits to make, the ops applied): drawn as plain data so a failure prints readably."""
    n = len(people)
    fills = draw(st.dictionaries(st.integers(0, n - 1), st.fixed_dictionaries({  # before the ops
        "outcome": st.sampled_from(OUTCOMES), "reason": st.sampled_from(REASONS),
        "visit_date": st.sampled_from(DATES), "note": st.sampled_from(NOTES),
        "new_phone": st.sampled_from(PHONES)}), max_size=12))
    op = st.one_of(
        st.tuples(st.just("sort_all"), st.permutations(range(n))),
        st.tuples(st.just("sort_visible"), st.permutations(range(n))),
        st.tuples(st.just("sort_by"), st.sampled_from(["name", "birth_year", "cccd", "household"])),
        st.tuples(st.just("delete"), st.integers(0, n - 1), st.integers(1, 4)),
        st.tuples(st.just("duplicate"), st.lists(st.integers(0, n - 1), min_size=1, max_size=3)),
        st.tuples(st.just("edit_id"), st.integers(0, n - 1),
                  st.sampled_from(sorted(people)[:n] + [10 ** 6, "abc", None, 2.5])),
        st.tuples(st.just("namesake"), st.integers(0, n - 1), st.integers(0, n - 1)),
        st.tuples(st.just("odd_cell"), st.integers(0, n - 1), st.sampled_from(L.COLUMN_KEYS),
                  st.sampled_from(ODD_VALUES)),
        st.tuples(st.just("pack_id")),
        st.tuples(st.just("blank_main")),
        st.tuples(st.just("blank_hidden")),
    )
    ops = draw(st.lists(op, max_size=3))
    refill = st.fixed_dictionaries({"outcome": st.sampled_from(OUTCOMES[:6]), "visit_date": st.sampled_from(DATES[:4])})
    refills = draw(st.one_of(st.dictionaries(st.integers(-4, n - 1), refill, max_size=4),     # -1: the last row
                             st.lists(refill, min_size=n, max_size=n).map(lambda vs: dict(enumerate(vs)))))
    masked = draw(st.booleans())
    return masked, fills, ops + [("fill", refills)]


def build(src: Path, dst: Path, fills: dict, ops: list) -> None:
    """Fill the pack as a team would, then apply the ops, and save it."""
    wb = load_workbook(src)
    ws = wb[L.MAIN_SHEET]
    rows = _rows(ws)
    for i, values in fills.items():
        for key, value in values.items():
            ws.cell(row=rows[i % len(rows)], column=COL[key], value=value)
    for op in ops:
        rows = _rows(ws)
        kind = op[0]
        if kind in ("sort_all", "sort_visible"):
            order = [i for i in op[1] if i < len(rows)]
            _permute(ws, rows, order, 1 if kind == "sort_all" else 2)
        elif kind == "sort_by":   # a sort by one column of the visible ones only: the hidden ids stay
            keys = [str(ws.cell(row=r, column=COL[op[1]]).value) for r in rows]
            _permute(ws, rows, sorted(range(len(rows)), key=keys.__getitem__), 2)
        elif kind == "delete" and rows:
            ws.delete_rows(rows[op[1] % len(rows)], op[2])
        elif kind == "duplicate":
            for i in op[1]:
                if rows:
                    src_row, new = rows[i % len(rows)], ws.max_row + 1
                    for c in range(1, len(COL) + 1):
                        ws.cell(row=new, column=c, value=ws.cell(row=src_row, column=c).value)
        elif kind == "edit_id" and rows:
            ws.cell(row=rows[op[1] % len(rows)], column=COL["rid"], value=op[2])
        elif kind == "namesake" and rows:   # another row's name typed over this one's
            ws.cell(row=rows[op[1] % len(rows)], column=COL["name"],
                    value=ws.cell(row=rows[op[2] % len(rows)], column=COL["name"]).value)
        elif kind == "odd_cell" and rows:
            ws.cell(row=rows[op[1] % len(rows)], column=COL[op[2]], value=op[3])
        elif kind == "fill":     # written after the ops (in a sorted, trimmed or duplicated table)
            for i, values in op[1].items():
                for key, value in values.items():
                    if rows:
                        ws.cell(row=rows[i % len(rows)], column=COL[key], value=value)
        elif kind == "pack_id":
            wb[L.DATA_SHEET].cell(row=2, column=2, value="0" * 32)
        elif kind == "blank_main":
            ws.delete_rows(1, ws.max_row)
        elif kind == "blank_hidden":
            hidden = wb[L.DATA_SHEET]
            hidden.delete_rows(1, hidden.max_row)
    wb.save(dst)


# ---------------------------------------------------------------- the oracle

def _shown(ws, row: int) -> tuple[str, object, str]:
    def text(key):
        v = ws.cell(row=row, column=COL[key]).value
        return L.cell_text(v) if isinstance(v, str) else ("" if v is None else None)
    name = text("name")
    year = ws.cell(row=row, column=COL["birth_year"]).value
    return (fold(name) if name else ""), year, text("cccd") or ""


def fits(person: tuple, shown: tuple) -> bool:
    """Whether a row showing `shown` (name, year, CCCD cell) can be this person: a whole CCCD decides alone;
    otherwise nothing shown contradicts them (a cell of the wrong type shows nothing)."""
    name, year, cccd = shown
    p_name, p_year, p_cccd = person
    if cccd.isdigit() and len(cccd) == 12:
        return cccd == p_cccd
    if name and name != p_name:
        return False
    if isinstance(year, int) and not isinstance(year, bool) and p_year is not None and year != p_year:
        return False
    tail = cccd[len(cccd.rstrip("0123456789")):]
    return not tail or (p_cccd or "").endswith(tail)


def db_state(db) -> tuple:
    with db.read() as s:
        return (s.scalar(select(func.count()).select_from(Event)), s.scalar(select(func.sum(Resident.version))),
                tuple(s.execute(select(Resident.id, Resident.status, Resident.attempts).order_by(Resident.id))))


# ---------------------------------------------------------------- the property

@FUZZ
@given(data=st.data())
def test_a_tampered_return_is_merged_correctly_or_refused_whole(template, data):
    folder, people = template
    masked, fills, ops = data.draw(returns(people))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        shutil.copy(folder / "t.db", tmp / "t.db")
        build(folder / ("masked.xlsx" if masked else "plain.xlsx"), tmp / "ret.xlsx", fills, ops)
        db = open_database(tmp / "t.db")
        try:
            _check_one_merge(db, tmp / "ret.xlsx", people, ops)
        finally:
            db.dispose()


def _check_one_merge(db, path: Path, people: dict, ops: list) -> None:
    kinds = {op[0] for op in ops}
    before = db_state(db)
    last_event = before[0]
    try:
        res = import_pack(db, path)
    except CanvassError as exc:
        assert str(exc) and "Traceback" not in str(exc)
        assert db_state(db) == before
        assert kinds & {"pack_id", "blank_main", "blank_hidden"}, f"refused an untampered pack: {exc}"
        if kinds & {"pack_id", "blank_hidden"} and "blank_main" not in kinds:
            assert isinstance(exc, PackTampered)
        return
    assert not kinds & {"pack_id", "blank_hidden"}, "a changed hidden sheet was accepted"
    held = [c for c in res.conflicts if not c["recorded"]]
    assert res.rows == (res.blank + res.applied + res.unchanged + len(res.rejected) + len(res.outside_team)
                        + len(held))
    codes = {r["reason"] for r in res.rejected} | {c["resolution"] for c in res.conflicts}
    assert all(isinstance(c, str) and c for c in codes)
    ws = load_workbook(path)[L.MAIN_SHEET]
    with db.read() as s:
        new = list(s.scalars(select(Event).where(Event.id > last_event, Event.kind == "visit")))
        voids = s.scalar(select(func.count()).select_from(Event).where(Event.id > last_event,
                                                                       Event.kind == "visit_void"))
    assert len(new) == res.applied and voids == res.corrected
    assert len({e.resident_id for e in new}) == len(new)          # never two visits for one resident
    for e in new:
        row = json.loads(e.data)["row"]
        shown = _shown(ws, row)
        who = people[e.resident_id]
        others = [rid for rid, p in people.items() if rid != e.resident_id and fits(p, shown)]
        assert fits(who, shown) or not others, f"row {row} showed someone else than resident {e.resident_id}"
        assert e.outcome == L.code_for(ws.cell(row=row, column=COL["outcome"]).value, L.OUTCOME_LOOKUP)
    check_log_and_cache(db)
    after = db_state(db)
    again = import_pack(db, path)                                    # the same file again: nothing new
    assert again.applied == 0 and db_state(db) == after


def test_namesakes_swapped_by_a_visible_sort_are_caught(template, tmp_path):
    """The case the campaign found, pinned: the visible cells of two namesakes swapped, their ids not."""
    folder, people = template
    shutil.copy(folder / "t.db", tmp_path / "t.db")
    order = list(range(len(people)))
    order[0], order[9] = 9, 0          # residents 0 and 9 of the walk order: namesakes, told apart by year
    ops = [("sort_visible", order), ("fill", {0: {"outcome": "Từ chối", "visit_date": D1},
                                             9: {"outcome": "Vắng mặt", "visit_date": D2}})]
    for masked in (False, True):
        build(folder / ("masked.xlsx" if masked else "plain.xlsx"), tmp_path / f"{masked}.xlsx", {}, ops)
        db = open_database(tmp_path / "t.db")
        try:
            _check_one_merge(db, tmp_path / f"{masked}.xlsx", people, ops)
        finally:
            db.dispose()
