"""The pack merge's rules a team lead relies on (issue 12, items 3 and 9).

What a row shows decides over its hidden id: a sort of the visible columns only (or an edited id) must never
put a visit on a resident the row does not show; when what it shows is not unique, the row is held as a
conflict with a code. A row put back to an earlier value corrects the current state; a row whose only change
is its date corrects that visit's date; the same resident twice in one return: the later row wins, the
earlier is reported.
"""
from __future__ import annotations

import datetime as dt
import json

from openpyxl import load_workbook

from canvass.models import Resident
from canvass.packs import export_pack, import_pack
from canvass.packs import layout as L
from canvass.text import fold
from tests.core.test_packs import (D1, D2, D3, assert_cache_matches_log, columns, commune_with_teams, event_count,
                                   fill, resident, row_of, visits)

NAME = "Nguyễn Văn An"


def same_name(db, rids, *, year=None, cccd_tail=None) -> None:
    """Give residents one name (and, if asked, one birth year and the same last CCCD digits)."""
    with db.session() as s:
        for n, rid in enumerate(rids):
            r = s.get(Resident, rid)
            r.name, r.name_fold = NAME, fold(NAME)
            if year is not None:
                r.dob = dt.date(year, 1 + n, 1 + n)
            if cccd_tail is not None:
                r.cccd = f"0200000{n:02d}{cccd_tail}"


def swap_hidden_ids(src, dst, a: int, b: int) -> tuple[int, int]:
    """The hidden ids of two rows exchanged, their visible cells left in place (a sort of the visible
    columns only); returns the rows that show a and b."""
    wb = load_workbook(src)
    ws = wb[L.MAIN_SHEET]
    _head, cols = columns(ws)
    ra, rb = row_of(ws, a), row_of(ws, b)
    ws.cell(row=ra, column=cols["rid"], value=b)
    ws.cell(row=rb, column=cols["rid"], value=a)
    wb.save(dst)
    return ra, rb


def set_cells(src, dst, cells: dict[int, dict[str, object]]) -> None:
    """Write values by sheet row ({row: {key: value}})."""
    wb = load_workbook(src)
    ws = wb[L.MAIN_SHEET]
    _head, cols = columns(ws)
    for row, values in cells.items():
        for key, value in values.items():
            ws.cell(row=row, column=cols[key], value=value)
    wb.save(dst)


def live_visits(db, rid: int) -> list:
    """A resident's visits that count (not voided), oldest first."""
    vs = visits(db, rid)
    with db.session() as s:
        from canvass.events import resident_events
        voided = {json.loads(e.data)["voids"] for e in resident_events(s, rid) if e.kind == "visit_void"}
    return [v for v in vs if v.id not in voided]


# ---------------------------------------------------------------- what the row shows decides

def test_a_sort_of_the_visible_columns_among_namesakes_records_on_the_resident_the_row_shows(db, tmp_path):
    ids, _ = commune_with_teams(db)
    a, b = ids[0], ids[5]
    same_name(db, [a, b])
    export_pack(db, "Tổ 1", tmp_path / "p.xlsx")
    row_a, _row_b = swap_hidden_ids(tmp_path / "p.xlsx", tmp_path / "s.xlsx", a, b)
    set_cells(tmp_path / "s.xlsx", tmp_path / "ret.xlsx", {row_a: {"outcome": "Từ chối", "visit_date": D1}})
    res = import_pack(db, tmp_path / "ret.xlsx")
    assert (res.applied, res.conflicts, res.rejected) == (1, [], [])
    assert resident(db, a).status == "refused"       # the row showed a's CCCD
    assert resident(db, b).status == "pending" and visits(db, b) == []


def test_under_a_mask_name_and_birth_year_decide(db, tmp_path):
    ids, _ = commune_with_teams(db)
    a, b = ids[0], ids[5]
    with db.session() as s:
        s.get(Resident, a).dob, s.get(Resident, b).dob = dt.date(1960, 1, 1), dt.date(1971, 1, 1)
    same_name(db, [a, b])
    export_pack(db, "Tổ 1", tmp_path / "p.xlsx", mask=True)
    row_a, row_b = swap_hidden_ids(tmp_path / "p.xlsx", tmp_path / "s.xlsx", a, b)
    set_cells(tmp_path / "s.xlsx", tmp_path / "ret.xlsx", {row_a: {"outcome": "Từ chối", "visit_date": D1},
                                                           row_b: {"outcome": "Vắng mặt", "visit_date": D1}})
    res = import_pack(db, tmp_path / "ret.xlsx")
    assert (res.applied, res.conflicts) == (2, [])
    assert (resident(db, a).status, resident(db, b).status) == ("refused", "absent")


def sort_visible_columns_only(src, dst) -> dict[int, int]:
    """The visible columns' rows reversed, the hidden id column (A) left in place; returns old row -> new row."""
    wb = load_workbook(src)
    ws = wb[L.MAIN_SHEET]
    head, _cols = columns(ws)
    rows = list(range(head + 1, ws.max_row + 1))
    body = [[ws.cell(row=r, column=c).value for c in range(2, ws.max_column + 1)] for r in rows]
    for r, values in zip(rows, reversed(body)):
        for c, v in enumerate(values, start=2):
            ws.cell(row=r, column=c, value=v)
    wb.save(dst)
    return dict(zip(rows, reversed(rows)))


def test_namesakes_the_row_cannot_tell_apart_are_held_as_a_conflict_and_nothing_is_recorded(db, tmp_path, capsys):
    ids, _ = commune_with_teams(db)
    a, b = ids[0], ids[5]
    same_name(db, [a, b], year=1980, cccd_tail="493")   # masked: both rows show ***...493, the name and 1980
    export_pack(db, "Tổ 1", tmp_path / "p.xlsx", mask=True)
    ws = load_workbook(tmp_path / "p.xlsx")[L.MAIN_SHEET]
    moved = sort_visible_columns_only(tmp_path / "p.xlsx", tmp_path / "s.xlsx")
    row_a = moved[row_of(ws, a)]                         # where a's visible cells are now
    set_cells(tmp_path / "s.xlsx", tmp_path / "ret.xlsx", {row_a: {"outcome": "Từ chối", "visit_date": D1}})
    before = event_count(db)
    dry = import_pack(db, tmp_path / "ret.xlsx", dry_run=True)
    res = import_pack(db, tmp_path / "ret.xlsx")
    for r in (dry, res):
        assert r.applied == 0
        (held,) = r.conflicts
        assert (held["row"], held["resolution"], held["recorded"]) == (row_a, "identity_ambiguous", False)
        assert held["resident_id"] is None
    assert event_count(db) == before
    assert resident(db, a).status == resident(db, b).status == "pending"
    from canvass.cli import main
    assert main(["--db", str(tmp_path / "test.db"), "pack", "import", str(tmp_path / "ret.xlsx")]) == 0
    out = capsys.readouterr().out
    assert "identity_ambiguous" in out and f"!{row_a}" in out and NAME not in out


def test_a_sort_of_the_visible_columns_only_puts_every_visit_on_the_resident_its_row_shows(db, tmp_path):
    ids, _ = commune_with_teams(db)
    export_pack(db, "Tổ 1", tmp_path / "p.xlsx", mask=True)
    ws = load_workbook(tmp_path / "p.xlsx")[L.MAIN_SHEET]
    moved = sort_visible_columns_only(tmp_path / "p.xlsx", tmp_path / "s.xlsx")
    chosen = ids[::3]
    set_cells(tmp_path / "s.xlsx", tmp_path / "ret.xlsx",
              {moved[row_of(ws, rid)]: {"outcome": "Từ chối", "visit_date": D1} for rid in chosen})
    res = import_pack(db, tmp_path / "ret.xlsx")
    held = {c["row"] for c in res.conflicts if not c["recorded"]}
    assert res.applied + len(held) == len(chosen) and res.applied >= len(chosen) // 2
    refused = {rid for rid in ids if resident(db, rid).status == "refused"}
    assert refused <= set(chosen) and len(refused) == res.applied


def test_an_edited_hidden_id_never_moves_a_visit_to_someone_the_row_does_not_show(db, tmp_path):
    ids, _ = commune_with_teams(db)
    export_pack(db, "Tổ 1", tmp_path / "p.xlsx")
    wb = load_workbook(tmp_path / "p.xlsx")
    ws = wb[L.MAIN_SHEET]
    _head, cols = columns(ws)
    row = row_of(ws, ids[0])
    ws.cell(row=row, column=cols["rid"], value=ids[3])       # another resident of the pack
    ws.cell(row=row, column=cols["outcome"], value="Từ chối")
    wb.save(tmp_path / "ret.xlsx")
    res = import_pack(db, tmp_path / "ret.xlsx")
    assert res.applied == 1 and resident(db, ids[0]).status == "refused"
    assert resident(db, ids[3]).status == "pending"


def test_a_row_showing_someone_unknown_with_an_id_it_contradicts_is_held(db, tmp_path):
    ids, _ = commune_with_teams(db)
    export_pack(db, "Tổ 1", tmp_path / "p.xlsx")
    row = fill(tmp_path / "p.xlsx", tmp_path / "f.xlsx", {ids[0]: {"outcome": "Từ chối", "visit_date": D1}})[ids[0]]
    set_cells(tmp_path / "f.xlsx", tmp_path / "ret.xlsx", {row: {"name": "Người Lạ", "cccd": "099999999999"}})
    res = import_pack(db, tmp_path / "ret.xlsx")
    assert res.applied == 0 and [c["resolution"] for c in res.conflicts] == ["identity_mismatch"]
    assert resident(db, ids[0]).status == "pending"


# ---------------------------------------------------------------- corrections

def test_a_row_put_back_to_an_earlier_value_corrects_the_current_state(db, tmp_path):
    ids, _ = commune_with_teams(db)
    a = ids[0]
    export_pack(db, "Tổ 1", tmp_path / "p.xlsx")
    fill(tmp_path / "p.xlsx", tmp_path / "r1.xlsx", {a: {"outcome": "Vắng mặt", "visit_date": D1}})
    fill(tmp_path / "p.xlsx", tmp_path / "r2.xlsx", {a: {"outcome": "Từ chối", "visit_date": D1}})
    assert import_pack(db, tmp_path / "r1.xlsx").applied == 1
    assert import_pack(db, tmp_path / "r2.xlsx").corrected == 1
    assert resident(db, a).status == "refused"
    res = import_pack(db, tmp_path / "r1.xlsx")          # the row is back to "absent"
    assert (res.applied, res.corrected, res.unchanged) == (1, 1, 0)
    r = resident(db, a)
    assert (r.status, r.attempts) == ("absent", 1)
    assert [v.outcome for v in live_visits(db, a)] == ["absent"]
    assert import_pack(db, tmp_path / "r1.xlsx").unchanged == 1   # and now it is already applied
    assert_cache_matches_log(db, [a])


def test_a_row_whose_only_change_is_its_date_corrects_the_visits_date(db, tmp_path):
    ids, _ = commune_with_teams(db)
    a, b = ids[:2]
    export_pack(db, "Tổ 1", tmp_path / "p.xlsx")
    fill(tmp_path / "p.xlsx", tmp_path / "r1.xlsx", {a: {"outcome": "Vắng mặt", "visit_date": D1},
                                                     b: {"outcome": "Vắng mặt", "visit_date": D1}})
    import_pack(db, tmp_path / "r1.xlsx")
    first = visits(db, a)[0]
    fill(tmp_path / "r1.xlsx", tmp_path / "r2.xlsx", {a: {"visit_date": D2},                 # a typo fixed
                                                      b: {"outcome": "Đã kích hoạt", "visit_date": D3}})
    res = import_pack(db, tmp_path / "r2.xlsx")
    assert (res.applied, res.corrected) == (2, 1)
    ra, rb = resident(db, a), resident(db, b)
    assert (ra.status, ra.attempts, ra.status_at.date()) == ("absent", 1, D2)
    assert (rb.status, rb.attempts) == ("activated", 2)       # another outcome on another day: a second visit
    assert [v.at.date() for v in live_visits(db, a)] == [D2]
    kept = visits(db, a)[0]                                   # the first visit is kept as it was, voided
    assert (kept.id, kept.at, kept.outcome) == (first.id, first.at, first.outcome)
    assert_cache_matches_log(db, [a, b])


def test_the_same_resident_twice_in_one_return_the_later_row_wins_and_the_earlier_is_reported(db, tmp_path):
    ids, _ = commune_with_teams(db)
    a = ids[0]
    export_pack(db, "Tổ 1", tmp_path / "p.xlsx")
    wb = load_workbook(tmp_path / "p.xlsx")
    ws = wb[L.MAIN_SHEET]
    _head, cols = columns(ws)
    row = row_of(ws, a)
    copy = ws.max_row + 1
    for c in range(1, ws.max_column + 1):
        ws.cell(row=copy, column=c, value=ws.cell(row=row, column=c).value)
    ws.cell(row=row, column=cols["outcome"], value="Vắng mặt")
    ws.cell(row=row, column=cols["visit_date"], value=D1)
    ws.cell(row=copy, column=cols["outcome"], value="Đã kích hoạt")
    ws.cell(row=copy, column=cols["visit_date"], value=D2)
    wb.save(tmp_path / "ret.xlsx")
    res = import_pack(db, tmp_path / "ret.xlsx")
    assert res.applied == 1
    assert [(r["row"], r["reason"], r["detail"]) for r in res.rejected] == [(row, "duplicate_row", str(copy))]
    r = resident(db, a)
    assert (r.status, r.attempts) == ("activated", 1) and len(visits(db, a)) == 1
