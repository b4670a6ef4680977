"""A team pack survives a team lead who opens and saves it in LibreOffice (real soffice)."""
from __future__ import annotations

import subprocess

import pytest
from openpyxl import load_workbook

from canvass.packs import export_pack, import_pack
from canvass.packs import layout as L
from tests.core.test_packs import D1, D2, columns, commune_with_teams, fill, resident, visits
from tests.helpers import require_tool

pytestmark = pytest.mark.libreoffice


def through_libreoffice(src, tmp_path, name: str):
    """Open `src` in LibreOffice and save it again as .xlsx; returns the new file."""
    soffice = require_tool("soffice")
    outdir = tmp_path / name
    outdir.mkdir()
    profile = tmp_path / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "xlsx",
                    "--outdir", str(outdir), str(src)], check=True, capture_output=True, timeout=180)
    out = outdir / src.name
    assert out.exists(), "LibreOffice wrote nothing"
    return out


def test_pack_saved_by_libreoffice_then_filled_is_merged(db, tmp_path):
    ids, _ = commune_with_teams(db)
    export_pack(db, "Tổ 1", tmp_path / "p.xlsx")
    saved = through_libreoffice(tmp_path / "p.xlsx", tmp_path, "lo")
    wb = load_workbook(saved)
    assert wb[L.DATA_SHEET].sheet_state == "hidden"
    ws = wb[L.MAIN_SHEET]
    assert ws.column_dimensions["A"].hidden and ws.protection.sheet
    assert any(dv.type == "list" for dv in ws.data_validations.dataValidation)
    fill(saved, tmp_path / "ret.xlsx", {ids[0]: {"outcome": "Vắng mặt", "reason": "Đi làm ăn xa", "visit_date": D1},
                                        ids[1]: {"outcome": "Đã kích hoạt", "visit_date": D2,
                                                 "new_phone": "0987654321"}})
    res = import_pack(db, tmp_path / "ret.xlsx")
    assert (res.applied, res.rejected, res.conflicts) == (2, [], [])
    assert resident(db, ids[0]).status_reason == "work_away"
    assert resident(db, ids[1]).phone_new == "+84987654321"


def test_pack_filled_then_saved_by_libreoffice_is_merged_once(db, tmp_path):
    ids, _ = commune_with_teams(db)
    export_pack(db, "Tổ 1", tmp_path / "p.xlsx")
    filled = tmp_path / "filled" / "ret.xlsx"
    filled.parent.mkdir()
    fill(tmp_path / "p.xlsx", filled, {
        ids[0]: {"outcome": "Không thể kích hoạt", "reason": "Người cao tuổi, sức khỏe yếu", "visit_date": D1},
        ids[1]: {"outcome": "Hẹn quay lại", "visit_date": D2.strftime("%d/%m/%Y"), "note": '=HYPERLINK("x","y")'},
        ids[2]: {"outcome": "Sai số điện thoại", "visit_date": D2, "new_phone": "0912 345 678"},
    })
    saved = through_libreoffice(filled, tmp_path, "lo")
    ws = load_workbook(saved)[L.MAIN_SHEET]
    assert columns(ws)[0] == L.HEADER_ROW
    res = import_pack(db, saved)
    assert (res.applied, res.rejected, res.conflicts) == (3, [], [])
    assert (resident(db, ids[0]).status, resident(db, ids[0]).status_reason) == ("ineligible", "elderly")
    assert resident(db, ids[1]).status_at.date() == D2
    assert resident(db, ids[2]).phone_new == "+84912345678"
    assert visits(db, ids[1])[-1].note.startswith("=HYPERLINK")
    again = import_pack(db, saved)
    assert (again.applied, again.unchanged) == (0, 3)


def test_pack_returned_as_ods_is_merged(db, tmp_path):
    """A team lead who saves in LibreOffice's own format (.ods): read with calamine."""
    ids, _ = commune_with_teams(db)
    export_pack(db, "Tổ 1", tmp_path / "p.xlsx")
    fill(tmp_path / "p.xlsx", tmp_path / "ret.xlsx", {ids[0]: {"outcome": "Từ chối", "visit_date": D1},
                                                      ids[1]: {"outcome": "Không thể kích hoạt"}})
    soffice = require_tool("soffice")
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
                    "--convert-to", "ods", "--outdir", str(tmp_path / "ods"), str(tmp_path / "ret.xlsx")],
                   check=True, capture_output=True, timeout=180)
    res = import_pack(db, tmp_path / "ods" / "ret.ods")
    assert res.applied == 1 and [r["reason"] for r in res.rejected] == ["missing_reason"]
    assert resident(db, ids[0]).status == "refused"
