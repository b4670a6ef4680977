"""The paper walk list, the team pack and the keying view list a team's residents in the same order, so a
team lead typing a paper list back (or filling the pack) meets the residents in the order on the paper."""
import csv

import openpyxl
from sqlalchemy import select

from canvass.assignment import assign_residents
from canvass.exporting import export
from canvass.models import Household, Resident
from canvass.packs import export_pack
from canvass.teams import add_team
from tests.factories import make_commune
from canvass.walklist import walk_rows


def _commune_with_one_team(db):
    ids = make_commune(db, hamlets=("Thôn Pò Đứa", "Thôn Bản Quyền"), households_per_hamlet=4,
                       people_per_household=3, seed=11)
    with db.session() as s:
        for hh in s.scalars(select(Household)):  # address order is not id order
            hh.sort_key = f"{100 - hh.id:06d}"
        r = s.get(Resident, ids[4])
        r.household_id = None  # one resident without a household: after the households
        team = add_team(s, "Tổ 1")
        s.flush()
        assign_residents(s, ids, team.id)
        return team.id


def test_walk_list_pack_and_keying_view_share_one_order(db, tmp_path):
    team_id = _commune_with_one_team(db)
    with db.session() as s:
        keying = [row.name for row in walk_rows(s, team_id)]
    assert len(keying) == 24

    export(db, "walklist", tmp_path / "walk.csv", team="Tổ 1")
    with open(tmp_path / "walk.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    name_col = rows[0].index("Họ và tên")
    paper = [r[name_col] for r in rows[1:]]

    export_pack(db, "Tổ 1", tmp_path / "pack.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "pack.xlsx")["Danh sách"]
    header = [c.value for c in ws[3]]
    col = header.index("Họ và tên")
    pack = [row[col] for row in ws.iter_rows(min_row=4, values_only=True) if row[col]]

    assert paper == keying
    assert pack == keying
    assert keying != sorted(keying)  # the order is the walk order, not simply by name


def test_walk_list_pack_and_keying_view_show_the_same_birth_years_and_households(db, tmp_path):
    """canvass.display is the one home of these: a year-only or day-unknown birth date shows the same year
    on the paper, in the pack and in the keying view; a household of one made up by the importer has no label."""
    team_id = _commune_with_one_team(db)
    with db.session() as s:
        people = list(s.scalars(select(Resident).order_by(Resident.id)))
        for r, raw in zip(people[:4], ("1986", "00/00/1979", "5/1990", "1984.0")):   # as lists write them
            r.dob, r.dob_raw = None, raw
        hh = s.get(Household, people[5].household_id)
        hh.number, hh.key = None, "~" + people[5].cccd
    with db.session() as s:
        keying = {row.name: (row.born, row.household) for row in walk_rows(s, team_id)}

    export(db, "walklist", tmp_path / "walk.csv", team="Tổ 1")
    with open(tmp_path / "walk.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    head = rows[0]
    paper = {r[head.index("Họ và tên")]: int(r[head.index("Năm sinh")]) for r in rows[1:]}

    export_pack(db, "Tổ 1", tmp_path / "pack.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "pack.xlsx")["Danh sách"]
    header = [c.value for c in ws[3]]
    pack = {row[header.index("Họ và tên")]: (row[header.index("Năm sinh")], row[header.index("Số hộ")] or None)
            for row in ws.iter_rows(min_row=4, values_only=True) if row[header.index("Họ và tên")]}

    assert {n: y for n, (y, _h) in keying.items()} == paper == {n: y for n, (y, _h) in pack.items()}
    assert [keying[p.name][0] for p in people[:4]] == [1986, 1979, 1990, 1984]
    assert {n: h for n, (_y, h) in keying.items()} == {n: h for n, (_y, h) in pack.items()}
    assert not any(h and h.startswith("~") for _y, h in keying.values())
    assert not any("~" in cell for row in rows for cell in row)
