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
from ui.models.keying_model import walk_rows


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
