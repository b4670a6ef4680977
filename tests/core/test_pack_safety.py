"""A team pack is the safest file we write: no cell from residents' data can ever compute (issue 12, item 1).

Residents, a household, a hamlet and a team are given names that spreadsheet programs read as formulas
(`=`, `+`, `-`, `@`, and a leading tab or carriage return, the OWASP CSV-injection rule). The pack is then
checked three ways: the xlsx's XML holds no `<f>` element at all, every such cell is a string cell with the
quote prefix, and real LibreOffice, converting every sheet (the hidden ones included) to CSV, shows the text
as written, never a computed value. The pack still merges back onto the right residents, also after
LibreOffice saved it.
"""
from __future__ import annotations

import csv
import re
import subprocess
import zipfile

import pytest
from openpyxl import load_workbook

from canvass.models import Hamlet, Household, Resident, Team
from canvass.packs import export_pack, import_pack
from canvass.packs import layout as L
from canvass.text import fold
from tests.core.test_packs import D1, columns, commune_with_teams, fill, resident, row_of
from tests.core.test_packs_libreoffice import through_libreoffice
from tests.helpers import require_tool

HOSTILE = ['=HYPERLINK("http://x","y")', "=1+1", "+1+2", "-3+4", "@SUM(5,6)", "\t=7+8", "\r=9+1",
           "=CHAR(65)&CHAR(66)"]
COMPUTED = {"2", "3", "1", "11", "15", "10", "AB", "y"}   # what the formulas above evaluate to
TEAM = "=2*21"
HAMLET = "-HAMLET()"
HOUSEHOLD = "@7"
FORMULA_ELEMENT = re.compile(rb"<(?:\w+:)?f[ >/]")


def as_read(text: str) -> str:
    """A text as it reads back from the xlsx's XML (which turns a carriage return into a line feed)."""
    return text.replace("\r", "\n")


def hostile_commune(db) -> list[int]:
    """A commune whose residents, first household, first hamlet and team carry formula-like text."""
    ids, (team_id,) = commune_with_teams(db)
    with db.session() as s:
        for rid, name in zip(ids, HOSTILE):
            r = s.get(Resident, rid)
            r.name, r.name_fold = name, fold(name)
            r.address = HOSTILE[0]
        first = s.get(Resident, ids[0])
        hh = s.get(Household, first.household_id)
        hh.number = HOUSEHOLD
        h = s.get(Hamlet, first.hamlet_id)
        h.name = HAMLET
        s.get(Team, team_id).name = TEAM
    return ids


def test_no_formula_element_in_any_sheet_and_every_risky_cell_is_quoted_text(db, tmp_path):
    hostile_commune(db)
    export_pack(db, TEAM, tmp_path / "p.xlsx")
    with zipfile.ZipFile(tmp_path / "p.xlsx") as z:
        parts = [n for n in z.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        assert len(parts) == 4     # main, guide, lists and the hidden data sheet
        for name in parts:
            assert not FORMULA_ELEMENT.search(z.read(name)), name
    wb = load_workbook(tmp_path / "p.xlsx")
    seen = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value[:1] in "=+-@\t\r\n":
                    assert c.data_type == "s" and c.quotePrefix, (ws.title, c.coordinate)
                    seen.add(c.value)
    assert {as_read(h) for h in HOSTILE} | {TEAM, HAMLET, HOUSEHOLD} <= seen


def _csv_sheets(src, tmp_path) -> dict[str, list[list[str]]]:
    """Every sheet of a workbook as LibreOffice computes and shows it (one CSV per sheet)."""
    soffice = require_tool("soffice")
    out = tmp_path / "csv"
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                    "--outdir", str(out), str(src)], check=True, capture_output=True, timeout=180)
    sheets = {}
    for path in out.glob("*.csv"):
        with open(path, newline="", encoding="utf-8") as f:
            sheets[path.stem.split("-", 1)[1]] = list(csv.reader(f))
    return sheets


@pytest.mark.libreoffice
def test_libreoffice_shows_the_text_and_computes_nothing(db, tmp_path):
    ids = hostile_commune(db)
    export_pack(db, TEAM, tmp_path / "p.xlsx")
    sheets = _csv_sheets(tmp_path / "p.xlsx", tmp_path)
    assert {L.MAIN_SHEET, L.DATA_SHEET, L.GUIDE_SHEET, L.LISTS_SHEET} <= set(sheets)
    ws = load_workbook(tmp_path / "p.xlsx")[L.MAIN_SHEET]
    _head, cols = columns(ws)
    main = sheets[L.MAIN_SHEET]
    for rid, name in zip(ids, HOSTILE):
        shown = main[row_of(ws, rid) - 1]
        assert shown[cols["name"] - 1] == as_read(name)
        assert shown[cols["address"] - 1] == HOSTILE[0]
    cells = [v for rows in sheets.values() for row in rows for v in row]
    assert HAMLET in cells and HOUSEHOLD in cells and TEAM in cells
    # no cell anywhere shows a computed value of one of the formulas in place of its text
    data_rows = [main[row_of(ws, rid) - 1] for rid in ids[:len(HOSTILE)]]
    assert all(row[cols["name"] - 1] not in COMPUTED for row in data_rows)
    hidden = {row[0]: row[1] for row in sheets[L.DATA_SHEET] if len(row) > 1}
    assert hidden["team"] == TEAM


@pytest.mark.libreoffice
def test_a_hostile_pack_saved_by_libreoffice_still_merges_onto_the_right_residents(db, tmp_path):
    ids = hostile_commune(db)
    export_pack(db, TEAM, tmp_path / "p.xlsx")
    saved = through_libreoffice(tmp_path / "p.xlsx", tmp_path, "lo")
    with zipfile.ZipFile(saved) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                assert not FORMULA_ELEMENT.search(z.read(name)), name
    fill(saved, tmp_path / "ret.xlsx", {rid: {"outcome": "Từ chối", "visit_date": D1} for rid in ids[:4]})
    res = import_pack(db, tmp_path / "ret.xlsx")
    assert (res.applied, res.rejected, res.conflicts) == (4, [], [])
    assert all(resident(db, rid).status == "refused" for rid in ids[:4])
