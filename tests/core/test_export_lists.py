"""Return lists and walk lists as .xlsx and .csv: read back, they hold what the database holds."""
from __future__ import annotations

import csv
import datetime as dt
import json

import openpyxl
import pytest
from sqlalchemy import select

from canvass.campaign import set_campaign
from canvass.db import now, open_database
from canvass.errors import Cancelled, InvalidInput, NotFound
from canvass.events import REASON_LABELS_VI, STATUS_LABELS_VI, append_event, record_visit, refresh_state
from canvass.exporting import KINDS, export
from canvass.display import phone_text
from canvass.models import Commune, Event, Resident, Team
from tests.factories import make_commune

TODAY = dt.date.today()
YESTERDAY = TODAY - dt.timedelta(days=1)
HOSTILE = ["=1+2", "+84 gọi lại", "-2+3", "@SUM(A1:A2)", "\tcó tab", "\rcó CR", '=HYPERLINK("http://x","y")']
# (outcome, reason) cycled over the residents; None leaves the resident pending
PLAN = [("absent", "work_away"), ("ineligible", "elderly"), ("wrong_phone", None), ("activated", None),
        ("absent", None), ("ineligible", "moved"), ("refused", None), ("revisit", None), (None, None),
        ("ineligible", "other"), ("activated", None), ("absent", "study_away")]


def build(db, *, hostile: bool = True) -> dict:
    """A commune of 3 hamlets x 5 households x 3 residents, 2 teams, visits of every outcome."""
    ids = make_commune(db, hamlets=("Thôn Nà Thí", "Thôn Pò Đứa", "Thôn Khòn Cuổi"), households_per_hamlet=5,
                       people_per_household=3, seed=7)
    with db.session() as s:
        c = s.scalars(select(Commune)).one()
        c.name, c.district, c.province = "Xã Tân Văn", "Huyện Bình Gia", "Tỉnh Lạng Sơn"
        set_campaign(s, name="Chiến dịch 90 ngày", start=TODAY - dt.timedelta(days=10),
                     end=TODAY + dt.timedelta(days=20), quota_per_team_day=6)
        t1 = Team(name="Tổ 1", lead_name="Nông Văn Hải", lead_phone="0912345678", created_at=now())
        t2 = Team(name="Tổ 2", lead_name="Hoàng Thị Mai", created_at=now())
        s.add_all([t1, t2])
        s.flush()
        for i, rid in enumerate(ids):
            r = s.get(Resident, rid)
            if i % 9 != 8:  # a few residents stay unassigned
                append_event(s, r, "assigned", team_id=t1.id if (i // 3) % 2 == 0 else t2.id)
                refresh_state(s, r)
            outcome, reason = PLAN[i % len(PLAN)]
            if outcome is None:
                continue
            note = HOSTILE[i % len(HOSTILE)] if hostile and i % 4 == 0 else f"ghi chú {i}"
            kw = {}
            if outcome == "wrong_phone":
                kw["new_phone"] = f"+8498{i:07d}"
            if outcome == "absent":  # an earlier visit too
                record_visit(s, r, "absent", at=dt.datetime.combine(YESTERDAY, dt.time(8, 30)), note="lần trước")
            if outcome == "revisit":
                kw["revisit_on"] = TODAY + dt.timedelta(days=2)
            record_visit(s, r, outcome, reason=reason, note=note, at=dt.datetime.combine(TODAY, dt.time(9, i % 60)),
                         **kw)
        # one team report the national system has confirmed since
        confirmed = s.scalars(select(Resident).where(Resident.status == "activated").order_by(Resident.id)).first()
        append_event(s, confirmed, "activated_system", at=dt.datetime.combine(TODAY, dt.time(14, 0)))
        refresh_state(s, confirmed)
        if hostile:
            first = s.get(Resident, ids[0])
            first.name = "=Nguyễn Văn Độc"
            s.get(Resident, ids[12]).name = "@Lê Thị Hiểm"
        return {"ids": ids, "teams": {"Tổ 1": t1.id, "Tổ 2": t2.id}, "confirmed": confirmed.id}


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """One database with every kind exported once to .xlsx and .csv."""
    folder = tmp_path_factory.mktemp("exports")
    db = open_database(folder / "w.db")
    info = build(db)
    files = {}
    for kind in KINDS:
        for ext in ("xlsx", "csv"):
            files[(kind, ext)] = export(db, kind, folder / f"{kind}.{ext}", actor="cán bộ A")
    yield db, info, files, folder
    db.dispose()


def data_rows(path, sheet=None) -> list[tuple]:
    """The data rows under the header row ("STT") of a sheet: rows whose first cell is a number."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet] if sheet else wb.worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] == "STT")
    return [r for r in rows[start + 1:] if isinstance(r[0], int)]


def residents(db, status) -> dict[str, Resident]:
    with db.session() as s:
        return {r.cccd: r for r in s.scalars(select(Resident).where(Resident.status.in_(status)))}


def visit_dates(db, rid) -> list[dt.date]:
    with db.session() as s:
        return [e.at.date() for e in s.scalars(select(Event).where(Event.resident_id == rid, Event.kind == "visit")
                                                 .order_by(Event.at, Event.id))]


def d(v):
    return v.date() if isinstance(v, dt.datetime) else v


def test_absent_list_reads_back_as_the_database(world):
    db, _info, files, _ = world
    rows = data_rows(files[("absent", "xlsx")].path)
    expected = residents(db, ["absent"])
    assert files[("absent", "xlsx")].rows == len(expected) == len(rows) > 0
    by_cccd = {r[3]: r for r in rows}
    assert set(by_cccd) == set(expected)
    for cccd, r in expected.items():
        row = by_cccd[cccd]
        assert row[1] == r.name and d(row[2]) == r.dob and row[4] == phone_text(r.phone)
        assert row[7] == r.attempts == 2
        dates = visit_dates(db, r.id)
        # the latest visit is filled whenever there was one (issue 11: with two visits it was left empty)
        assert (d(row[8]), d(row[9]), d(row[10])) == (dates[0], dates[1], dates[-1])
        if r.status_reason:
            assert REASON_LABELS_VI[r.status_reason] in row[11]
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1))


def test_spreadsheet_cells_have_the_right_types_and_page_setup(world):
    _db, _info, files, _ = world
    wb = openpyxl.load_workbook(files[("absent", "xlsx")].path)
    ws = wb.worksheets[0]
    header = next(r for r in ws.iter_rows() if r[0].value == "STT")
    first = ws[header[0].row + 2]  # under the first hamlet's group row
    assert first[0].data_type == "n" and first[2].is_date and first[2].number_format == "dd/mm/yyyy"
    assert first[3].data_type == "s" and first[3].value.startswith("020") and first[3].number_format == "@"
    assert first[4].data_type == "s" and first[4].value.startswith("09")
    assert all(c.font.b for c in header)
    assert ws.freeze_panes == f"A{header[0].row + 1}"
    assert ws.print_title_rows == f"${header[0].row}:${header[0].row}"
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"
    # fit to one page wide (1 is the default XlsxWriter leaves out), any number of pages tall
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (None, 1)
    assert ws.page_setup.fitToHeight == 0
    assert ws.print_area
    rows = data_rows(files[("absent", "xlsx")].path)
    for letter, i in (("B", 1), ("F", 5)):  # names, addresses: fitted to the values, not the default 8.43
        longest = max(len(r[i]) for r in rows)
        assert longest < ws.column_dimensions[letter].width <= max(longest, 20) + 4
    texts = [c.value for row in ws.iter_rows(max_row=6) for c in row if isinstance(c.value, str)]
    assert "CÔNG AN HUYỆN BÌNH GIA" in texts and "CÔNG AN XÃ TÂN VĂN" in texts
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts and "Độc lập - Tự do - Hạnh phúc" in texts
    assert any(t.startswith("Tân Văn, ngày ") and t.endswith(f"năm {TODAY.year}") for t in texts)
    all_text = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "NGƯỜI LẬP BIỂU" in all_text and "TRƯỞNG CÔNG AN XÃ" in all_text


def test_ineligible_list_groups_by_reason_with_explanation_and_committee_block(world):
    db, _info, files, _ = world
    path = files[("ineligible", "xlsx")].path
    rows = data_rows(path)
    expected = residents(db, ["ineligible"])
    assert {r[3] for r in rows} == set(expected)
    with db.session() as s:
        notes = {r.cccd: s.scalars(select(Event.note).where(Event.resident_id == r.id, Event.kind == "visit")
                                   .order_by(Event.id.desc())).first() for r in expected.values()}
    for row in rows:
        assert row[8] == notes[row[3]]  # the explanation column
    wb = openpyxl.load_workbook(path)
    texts = [c.value for row in wb.worksheets[0].iter_rows() for c in row if isinstance(c.value, str)]
    groups = [t for t in texts if t[:3] in ("I. ", "II.", "III")]
    assert [g.split(" (")[0][g.index(".") + 2:] for g in groups] == [
        REASON_LABELS_VI[x] for x in ("elderly", "moved", "other")]
    assert "XÁC NHẬN CỦA UBND XÃ TÂN VĂN" in texts and "CHỦ TỊCH" in texts


def test_wrong_phone_and_activated_lists(world):
    db, info, files, _ = world
    rows = data_rows(files[("wrong-phone", "xlsx")].path)
    expected = residents(db, ["wrong_phone"])
    assert {r[3] for r in rows} == set(expected)
    for row in rows:
        assert row[5] == phone_text(expected[row[3]].phone_new) and row[10] is None
    rows = data_rows(files[("activated", "xlsx")].path)
    reported = residents(db, ["activated", "activated_system"])
    assert {r[3] for r in rows} == set(reported)
    with db.session() as s:
        confirmed_cccd = s.get(Resident, info["confirmed"]).cccd
    for row in rows:
        assert d(row[7]) == TODAY
        assert row[8] == ("Đã xác nhận" if row[3] == confirmed_cccd else "Chưa xác nhận")
        assert (d(row[9]) == TODAY) if row[3] == confirmed_cccd else row[9] is None


def test_walklist_has_a_sheet_per_team_household_by_household(world):
    db, info, files, _ = world
    path = files[("walklist", "xlsx")].path
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Tổ 1", "Tổ 2", "Chưa phân tổ"]
    open_statuses = ("pending", "absent", "revisit", "refused", "wrong_phone")
    with db.session() as s:
        for name, tid in info["teams"].items():
            expected = list(s.scalars(select(Resident).where(Resident.team_id == tid,
                                                              Resident.status.in_(open_statuses))))
            rows = data_rows(path, name)
            assert {r[3] for r in rows} == {r.cccd for r in expected}
            for row in rows:
                r = next(x for x in expected if x.cccd == row[3])
                assert row[1] == r.name and row[2] == r.dob.year and row[4] == phone_text(r.phone)
                assert row[5].startswith(STATUS_LABELS_VI[r.status])
                assert all(v is None for v in row[7:])  # the boxes are empty
            ws = wb[name]
            texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
            assert any("Tổ trưởng: " in t for t in texts) and any("Chỉ tiêu: 6 công dân/ngày" in t for t in texts)
            households = [t for t in texts if t.startswith("Hộ số ")]
            assert households and len(households) == len(set(households))
            numbers = [int(t.split(" ")[2]) for t in households if "Thôn Nà Thí" in t]
            assert numbers == sorted(numbers)  # address order


def test_csv_matches_the_spreadsheet_and_defuses_formulas(world):
    _db, _info, files, _ = world
    for kind in ("absent", "ineligible", "wrong-phone", "activated", "walklist"):
        with open(files[(kind, "csv")].path, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        assert files[(kind, "csv")].rows == len(rows) - 1 == files[(kind, "xlsx")].rows
        for row in rows[1:]:
            for value in row:
                assert not value or value[0] not in "=+-@\t\r", (kind, value)
    with open(files[("absent", "csv")].path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert any(r["Họ và tên"] == "'=Nguyễn Văn Độc" for r in rows)
    assert all(len(r["Ngày sinh"]) == 10 and r["Ngày sinh"][2] == "/" for r in rows)
    assert all(r["Số định danh cá nhân"].startswith("020") for r in rows)


def test_hostile_values_stay_text_in_xlsx(world):
    _db, _info, files, _ = world
    seen = set()
    for kind in ("absent", "ineligible", "wrong-phone", "activated", "walklist"):
        wb = openpyxl.load_workbook(files[(kind, "xlsx")].path)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    if isinstance(c.value, str) and c.value[:1] in ("=", "+", "-", "@", "\t", "\r"):
                        assert c.data_type == "s", (kind, c.value)
                        assert c.quotePrefix, (kind, c.value)
                        seen.add(c.value)
    assert "=Nguyễn Văn Độc" in seen and "@Lê Thị Hiểm" in seen
    assert {"=1+2", "-2+3", "@SUM(A1:A2)"} & seen


def test_every_export_is_logged(world):
    db, _info, files, folder = world
    with db.session() as s:
        events = [json.loads(e.data) | {"actor": e.actor}
                  for e in s.scalars(select(Event).where(Event.kind == "export").order_by(Event.id))]
    assert len(events) == len(files)
    for (kind, ext), result in files.items():
        e = next(e for e in events if e["kind"] == kind and e["format"] == ext)
        assert e["rows"] == result.rows and e["path"] == str((folder / f"{kind}.{ext}").resolve())
        assert e["actor"] == "cán bộ A" and "filters" in e


def test_filters_mask_and_by_hamlet(db, tmp_path):
    info = build(db, hostile=False)
    out = tmp_path / "wl.xlsx"
    res = export(db, "walklist", out, team="tổ 1", hamlet="Nà Thí", mask=True)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Tổ 1"]
    rows = data_rows(out)
    with db.session() as s:
        expected = list(s.scalars(select(Resident).where(
            Resident.team_id == info["teams"]["Tổ 1"], Resident.hamlet.has(name="Thôn Nà Thí"),
            Resident.status.in_(("pending", "absent", "revisit", "refused", "wrong_phone")))))
    assert res.rows == len(rows) == len(expected) > 0
    masked = {r[3] for r in rows}
    assert masked == {"*" * 9 + r.cccd[-3:] for r in expected}
    assert {r[4] for r in rows} == {"*" * 7 + phone_text(r.phone)[-3:] for r in expected}
    texts = " ".join(str(c) for row in openpyxl.load_workbook(out).worksheets[0].iter_rows(values_only=True)
                     for c in row if c)
    assert not any(r.cccd in texts or phone_text(r.phone) in texts for r in expected)

    out = tmp_path / "absent.xlsx"
    res = export(db, "absent", out, by_hamlet=True)
    wb = openpyxl.load_workbook(out)
    assert set(wb.sheetnames) <= {"Thôn Nà Thí", "Thôn Pò Đứa", "Thôn Khòn Cuổi"} and len(wb.sheetnames) == 3
    total = 0
    for name in wb.sheetnames:
        rows = data_rows(out, name)
        assert [r[0] for r in rows] == list(range(1, len(rows) + 1))  # numbered per sheet
        groups = [r[0] for r in openpyxl.load_workbook(out)[name].iter_rows(values_only=True)
                  if isinstance(r[0], str) and r[0].startswith(("I. ", "II. "))]
        assert groups == [f"I. {name} ({len(rows)} công dân)"]
        with db.session() as s:
            want = {r.cccd for r in s.scalars(select(Resident).where(Resident.status == "absent",
                                                                      Resident.hamlet.has(name=name)))}
        assert {r[3] for r in rows} == want
        total += len(rows)
    assert total == res.rows


def test_streaming_writer_gives_the_same_workbook(db, tmp_path, monkeypatch):
    build(db)
    from canvass.exporting import sheets
    export(db, "absent", tmp_path / "memory.xlsx")
    monkeypatch.setattr(sheets, "STREAM_ABOVE", 0)
    export(db, "absent", tmp_path / "stream.xlsx")
    a = [list(r) for r in openpyxl.load_workbook(tmp_path / "memory.xlsx").worksheets[0].iter_rows(values_only=True)]
    b = [list(r) for r in openpyxl.load_workbook(tmp_path / "stream.xlsx").worksheets[0].iter_rows(values_only=True)]
    assert a == b and len(a) > 20


def test_bad_requests_are_user_errors(db, tmp_path):
    build(db, hostile=False)
    with pytest.raises(InvalidInput, match="unknown export kind"):
        export(db, "everyone", tmp_path / "x.xlsx")
    with pytest.raises(InvalidInput, match=".docx"):
        export(db, "absent", tmp_path / "x.docx")
    with pytest.raises(NotFound):
        export(db, "absent", tmp_path / "x.xlsx", hamlet="Thôn Không Có")
    with pytest.raises(NotFound):
        export(db, "walklist", tmp_path / "x.xlsx", team="Tổ 99")
    with pytest.raises(InvalidInput, match="whole commune"):
        export(db, "daily-report", tmp_path / "x.xlsx", hamlet="Nà Thí")
    assert not list(tmp_path.glob("x.*"))


def test_progress_and_cancel(db, tmp_path):
    build(db, hostile=False)
    seen = []
    res = export(db, "walklist", tmp_path / "w.csv", progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (res.rows, res.rows) and seen[0][0] == 0
    with pytest.raises(Cancelled):
        export(db, "walklist", tmp_path / "c.xlsx", cancel=lambda: True)
    assert not list(tmp_path.glob("*c.*"))
    with db.session() as s:
        assert len(list(s.scalars(select(Event).where(Event.kind == "export")))) == 1


def test_an_empty_list_is_still_a_document(db, tmp_path):
    make_commune(db)
    res = export(db, "absent", tmp_path / "none.xlsx")
    assert res.rows == 0
    texts = [c for row in openpyxl.load_workbook(tmp_path / "none.xlsx").worksheets[0].iter_rows(values_only=True)
             for c in row if c]
    assert "STT" in texts and "Tổng số: 0 công dân./." in texts
