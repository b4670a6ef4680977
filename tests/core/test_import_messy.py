"""The messy cases of real police lists, each in a file the test writes."""
from __future__ import annotations

import datetime as dt
import json
import unicodedata

from sqlalchemy import func, select

from canvass.importing import ImportPlan, inspect_file, run_import
from canvass.importing.headers import match_header
from canvass.importing.rows import note_parts
from canvass.models import Hamlet, Household, Resident, SourceRow
from tests.core.importfiles import (HEADER, cccd, people, person, row_of, standard_rows, write_xlsx)


def residents(db) -> dict[str, Resident]:
    with db.session() as s:
        return {r.cccd: r for r in s.scalars(select(Resident))}


def test_header_wordings_with_and_without_diacritics():
    cases = {"Họ và tên": "name", "Ho va ten": "name", "Họ tên": "name", "HỌ VÀ TÊN": "name",
             "Số CCCD": "cccd", "Số định danh cá nhân": "cccd", "CCCD/CMND": "cccd", "So dinh danh": "cccd",
             "Số điện thoại": "phone", "SĐT": "phone", "Điện thoại": "phone", "So DT": "phone",
             "Ngày sinh": "dob", "Ngày, tháng, năm sinh": "dob", "Năm sinh": "dob", "Ngay thang nam sinh": "dob",
             "Nơi thường trú": "address", "Địa chỉ": "address", "Thôn/Tổ dân phố": "hamlet", "Thôn": "hamlet",
             "Ấp": "hamlet", "Khu phố": "hamlet", "Chủ hộ": "head_name", "Quan hệ với chủ hộ": "relation",
             "Số hộ": "household_no", "Mức độ tài khoản": "account_level", "Trạng thái": "source_status",
             "Giới tính": "gender", "STT": "stt", "Ghi chú": "note", "Dân tộc": None}
    assert {k: match_header(k) for k in cases} == cases


def test_title_rows_numbering_row_footer_and_signatures_are_not_data(db, tmp_path):
    path = write_xlsx(tmp_path / "l.xlsx", standard_rows(people(5)))
    res = run_import(db, path)
    assert (res.rows_read, res.imported, res.rejected) == (5, 5, [])
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(SourceRow)) == 5   # footer rows are not stored as data
        assert s.scalar(select(func.count()).select_from(Resident)) == 5


def test_header_on_row_8_any_column_order_extra_columns_kept(db, tmp_path):
    order = ["Ghi chú", "Số định danh cá nhân", "Dân tộc", "Ho va ten", "SĐT", "Năm sinh", "Ấp"]
    rows = [["UBND XÃ TÂN LẬP"], [], ["DANH SÁCH"], [], [], [], [], order,
            ["Đi làm xa", cccd(1), "Tày", "NGUYỄN VĂN AN", "0912.345.678", 1980, "Ấp Bến Đá"],
            ["", cccd(2, 1981, True), "Nùng", "trần thị bình", "+84 987 654 321", "1981", "ấp bến đá"]]
    path = write_xlsx(tmp_path / "l.xlsx", rows)
    ins = inspect_file(path)
    assert ins.sheets[0].header_row == 8
    assert ins.sheets[0].mapping == {0: "note", 1: "cccd", 2: "extra", 3: "name", 4: "phone", 5: "dob", 6: "hamlet"}
    res = run_import(db, path)
    assert res.imported == 2 and res.hamlets == 1
    r = residents(db)
    a = r[cccd(1)]
    assert (a.name, a.phone, a.dob, a.dob_raw, a.source_note) == ("Nguyễn Văn An", "+84912345678", None, "1980",
                                                                  "Đi làm xa")
    assert json.loads(a.extra) == {"Dân tộc": "Tày"}
    assert r[cccd(2, 1981, True)].name == "Trần Thị Bình"
    with db.session() as s:
        assert s.scalars(select(Hamlet.name)).all() == ["Ấp Bến Đá"]
        from canvass.models import Commune
        assert s.scalars(select(Commune.name)).all() == ["Xã Tân Lập"]


def test_two_row_header_with_merged_group_cells(db, tmp_path):
    rows = [["DANH SÁCH CÔNG DÂN"], [],
            ["STT", "Họ và tên", "Ngày sinh", None, "Số CCCD", "Thông tin liên hệ", None, "Thôn"],
            [None, None, "Nam", "Nữ", None, "Số điện thoại", "Địa chỉ", None],
            ["1", "2", "3", "4", "5", "6", "7", "8"],
            [1, "Lý Văn Nam", "12/03/1990", None, cccd(1, 1990), "0912345678", "Số 5 Nà Thí", "Nà Thí"],
            [2, "Lý Thị Hà", None, "01/02/1992", cccd(2, 1992, True), "0912345679", "Số 5 Nà Thí", "Nà Thí"]]
    path = write_xlsx(tmp_path / "l.xlsx", rows, merges=["C3:D3", "F3:G3", "A3:A4", "B3:B4", "E3:E4", "H3:H4"])
    sheet = inspect_file(path).sheets[0]
    assert sheet.header_row == 4
    assert [sheet.mapping[c] for c in range(8)] == ["stt", "name", "dob", "dob", "cccd", "phone", "address",
                                                    "hamlet"]
    res = run_import(db, path)
    assert res.imported == 2 and res.rows_read == 2
    r = residents(db)
    assert (r[cccd(1, 1990)].dob, r[cccd(1, 1990)].gender) == (dt.date(1990, 3, 12), "Nam")
    assert (r[cccd(2, 1992, True)].dob, r[cccd(2, 1992, True)].gender) == (dt.date(1992, 2, 1), "Nữ")
    assert r[cccd(1, 1990)].household_id == r[cccd(2, 1992, True)].household_id   # same door: "Số 5 Nà Thí"


def test_cccd_shapes(db, tmp_path):
    ps = [person(1, cccd=int(cccd(1))),                    # a number: leading zero lost
          person(2, cccd="020 0" + cccd(2)[4:7] + " " + cccd(2)[7:]),
          person(3, cccd="123456789"),                     # old CMND: kept with a warning
          person(4, cccd="12345"),                         # unusable
          person(5, cccd="")]
    path = write_xlsx(tmp_path / "l.xlsx", standard_rows(ps))
    res = run_import(db, path)
    r = residents(db)
    assert cccd(1) in r and cccd(2) in r and r["123456789"].id_kind == "cmnd"
    assert res.rejected == [] and res.imported == 5      # a bad or missing ID: kept, with a warning
    warned = {w.row: w.message for w in res.warnings if w.field == "cccd"}
    assert warned[11] == "CCCD: wrong number of digits" and warned[12] == "no CCCD"
    assert any(w.row == 8 and w.field == "cccd" and "leading zeros" in w.message for w in res.warnings)
    assert any(w.row == 10 and w.field == "cccd" and "CMND" in w.message for w in res.warnings)


def test_phone_shapes(db, tmp_path):
    ps = [person(1, phone="0912.345.678"), person(2, phone="+84 912 345 679"), person(3, phone="84912345680"),
          person(4, phone=912345681), person(5, phone="0912345682 / 0987654321"),
          person(6, phone="01689123456"), person(7, phone="02053812345"), person(8, phone="")]
    res = run_import(db, write_xlsx(tmp_path / "l.xlsx", standard_rows(ps)))
    assert res.imported == 8
    r = residents(db)
    got = {i: r[cccd(i, 1950 + (i * 7) % 55, i % 2 == 1)] for i in range(1, 9)}
    assert [got[i].phone for i in range(1, 9)] == ["+84912345678", "+84912345679", "+84912345680", "+84912345681",
                                                   "+84912345682", "+84389123456", "+842053812345", None]
    assert got[1].phone_raw == "0912.345.678" and got[8].phone_raw is None
    fields = {(w.row, w.field) for w in res.warnings}
    assert (12, "phone") in fields and (13, "phone") in fields   # two numbers; old 11-digit prefix


def test_dates_names_and_unicode(db, tmp_path):
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
    ps = [person(1, dob=dt.datetime(1950, 1, 2)), person(2, dob="03-04-1964"), person(3, dob=1971),
          person(4, dob="31/02/1978"), person(5, dob=27400, name="  HOÀNG   VĂN   AN "),
          person(6, name=decomposed)]
    res = run_import(db, write_xlsx(tmp_path / "l.xlsx", standard_rows(ps)))
    r = residents(db)
    years = {i: 1950 + (i * 7) % 55 for i in range(1, 7)}
    got = {i: r[cccd(i, years[i], i % 2 == 1)] for i in range(1, 7)}
    assert got[1].dob == dt.date(1950, 1, 2)
    assert got[2].dob == dt.date(1964, 4, 3)
    assert (got[3].dob, got[3].dob_raw) == (None, "1971")
    assert (got[4].dob, got[4].dob_raw) == (None, "31/02/1978")
    assert got[5].name == "Hoàng Văn An" and got[5].dob == dt.date(1975, 1, 6)
    assert got[6].name == "Nguyễn Thị Ánh" and unicodedata.is_normalized("NFC", got[6].name)
    assert any(w.row == 11 and w.field == "dob" for w in res.warnings)


def test_duplicates_blank_rows_and_rows_without_name(db, tmp_path):
    ps = people(4)
    dup = dict(ps[1], stt=5, phone="0999999999")
    noname = person(9, name="")
    rows = standard_rows(ps + [dup, noname])
    rows.insert(9, [])        # a blank row inside the data
    res = run_import(db, write_xlsx(tmp_path / "l.xlsx", rows))
    assert (res.rows_read, res.imported, res.duplicates) == (6, 4, 1)
    assert [(i.row, i.reason) for i in res.rejected] == [(14, "no name")]
    dupw = [w for w in res.warnings if w.row == 13]
    assert dupw and "row 9" in dupw[0].message and "phone" in dupw[0].message
    code, params = note_parts(dupw[0].message)     # the window reads the code and values, not the sentence
    assert (code, params["row"]) == ("duplicate_cccd", 9) and "phone" in params["fields"]
    assert res.to_json()["warnings"][0]["code"] == "duplicate_cccd"
    with db.session() as s:
        kinds = dict(s.execute(select(SourceRow.disposition, func.count()).group_by(SourceRow.disposition)).all())
        assert kinds == {"imported": 4, "duplicate": 1, "rejected": 1}
        raw = s.scalar(select(SourceRow.raw).where(SourceRow.row_number == 14))
        assert json.loads(raw)[4] == cccd(9, 1950 + 63 % 55, True)


def test_one_sheet_per_hamlet_and_sections(db, tmp_path):
    header = [h for h in HEADER if h != "Thôn"]

    def rows(ps):
        return [header] + [[v for k, v in zip(HEADER, row_of(p)) if k != "Thôn"] for p in ps]

    path = write_xlsx(tmp_path / "l.xlsx", sheets={"Nà Thí": rows(people(3)), "Pò Đứa": rows(people(2, start=10))})
    ins = inspect_file(path)
    assert [s.hamlet_from_sheet for s in ins.sheets] == ["Nà Thí", "Pò Đứa"]
    res = run_import(db, path)
    assert res.hamlets == 2 and res.imported == 5
    # section rows: "Thôn …" alone in a merged row sets the hamlet of the rows under it
    body = [header, ["THÔN KHUỔI PÁN"]] + rows(people(2, start=20))[1:] + [["Thôn Cốc Lùng"]] + \
        rows(people(2, start=30))[1:]
    path2 = write_xlsx(tmp_path / "s.xlsx", body, sheet="Sheet1", merges=["A2:K2", "A5:K5"])
    res2 = run_import(db, path2)
    assert res2.rows_read == 4 and res2.hamlets == 2
    with db.session() as s:
        names = dict(s.execute(select(Resident.cccd, Hamlet.name).join(Hamlet)).all())
    assert names[cccd(20, 1950 + 140 % 55)] == "Thôn Khuổi Pán" and names[cccd(31, 1950 + 217 % 55, True)] == \
        "Thôn Cốc Lùng"


def test_merged_hamlet_column_is_carried_down(db, tmp_path):
    ps = people(4, hamlet=None)
    rows = standard_rows(ps, title=False, numbering=False, footer=False)
    for r in rows[2:]:
        r[9] = None
    rows[1][9] = "Xóm Chợ"
    path = write_xlsx(tmp_path / "l.xlsx", rows, merges=["J2:J5"])
    res = run_import(db, path)
    assert res.imported == 4 and res.hamlets == 1 and res.rejected == []


def test_hamlet_required_and_given_on_the_command(db, tmp_path):
    header = [h for h in HEADER if h not in ("Thôn", "Nơi thường trú")]
    rows = [header] + [[v for k, v in zip(HEADER, row_of(p)) if k not in ("Thôn", "Nơi thường trú")]
                       for p in people(2)]
    path = write_xlsx(tmp_path / "l.xlsx", rows, sheet="Sheet1")
    res = run_import(db, path, dry_run=True)   # without a hamlet: the visible "no hamlet" group, with a warning
    assert res.rejected == [] and [w.message for w in res.warnings if w.field == "hamlet"] == ["no hamlet"] * 2
    res = run_import(db, path, ImportPlan(hamlet="thôn nà thí"))
    assert res.imported == 2 and res.rejected == []
    with db.session() as s:
        assert s.scalars(select(Hamlet.name)).all() == ["Thôn Nà Thí"]


def test_households_by_number_per_hamlet_by_address_or_alone(db, tmp_path):
    ps = [person(1, household=1), person(2, household=1, relation="Vợ", head="Nông Văn An"),
          person(3, household=1, hamlet="Thôn Pò Đứa"),                       # Số hộ restarts per hamlet
          person(4, household="", address="Số 12 Nguyễn Trãi, phường Chi Lăng"),
          person(5, household="", address="12 Nguyễn Trãi, P. Chi Lăng"),   # same door
          person(6, household="", address="Thôn Nà Thí, xã Hưng Đạo"),        # names no door: alone
          person(7, household="", address="Thôn Nà Thí, xã Hưng Đạo")]
    res = run_import(db, write_xlsx(tmp_path / "l.xlsx", standard_rows(ps)))
    assert res.households == 5
    r = {p.cccd: p for p in residents(db).values()}
    ids = [r[p["cccd"]].household_id for p in ps]
    assert ids[0] == ids[1] and ids[2] != ids[0] and ids[3] == ids[4] and len({ids[5], ids[6], ids[0], ids[3]}) == 4
    assert r[ps[0]["cccd"]].is_head and not r[ps[1]["cccd"]].is_head
    with db.session() as s:
        assert s.scalar(select(Household.head_name).where(Household.id == ids[0])) == ps[0]["name"]


def test_user_mapping_and_sheet_choice(db, tmp_path):
    rows = [["A", "B", "C", "D"]] + [[p["name"], p["cccd"], p["hamlet"], p["phone"]] for p in people(3)]
    path = write_xlsx(tmp_path / "l.xlsx", sheets={"Ghi chú": [["nothing here"]], "Dữ liệu": rows})
    plan = ImportPlan(sheets=["Dữ liệu"], mappings={"Dữ liệu": {0: "name", 1: "cccd", 2: "hamlet", 3: "phone"}},
                      header_rows={"Dữ liệu": 1})
    res = run_import(db, path, plan)
    assert res.imported == 3 and res.rejected == []


def test_inspect_with_a_chosen_header_row(tmp_path):
    rows = [["Ghi chú: danh sách tạm"], ["Họ tên", "CCCD", "Thôn"], ["Họ và tên", "Số CCCD", "Thôn", "SĐT"]]
    rows += [[p["name"], p["cccd"], p["hamlet"], p["phone"]] for p in people(2)]
    path = write_xlsx(tmp_path / "l.xlsx", rows)
    assert inspect_file(path).sheets[0].header_row == 3
    chosen = inspect_file(path, header_rows={"Danh sách": 2}).sheets[0]
    assert chosen.header_row == 2 and chosen.mapping[1] == "cccd"
