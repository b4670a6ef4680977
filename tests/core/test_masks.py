"""A masked document hides everywhere (issue 9, item 4): no full CCCD or phone in any part of any masked file.

The commune is imported through the real importer from a generated list with year-only birth dates,
households of one (no number, no door: the importer keys them by CCCD), households without a number (keyed
by their door) and residents without a phone; visits add new phones and notes that quote numbers.
Every masked document kind is then read back as text (every part of an .xlsx, pdftotext and pdfinfo
of a PDF, a CSV as written) and searched for every number in the database, and for every run of 9 of its
digits.
"""
from __future__ import annotations

import datetime as dt
import random
import re
import subprocess
import zipfile

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from canvass.assignment import assign_residents
from canvass.campaign import set_campaign
from canvass.db import now
from canvass.display import birth_year, household_label, masked_number, phone_text, scrub_numbers
from canvass.events import record_visit
from canvass.exporting import KINDS, export
from canvass.importing import run_import
from canvass.models import Resident, Team
from canvass.packs import export_pack, import_pack
from canvass.packs import layout as L
from tests.core.importfiles import person, standard_rows, write_xlsx
from tests.helpers import require_tool

TODAY = dt.date.today()
HAMLETS = ("Thôn Nà Thí", "Thôn Pò Đứa")
WINDOW = 9   # no run of this many digits of a number may appear


def _cccd(rnd: random.Random, year: int, female: bool) -> str:
    century = (0 if year < 2000 else 2) + (1 if female else 0)
    return f"020{century}{year % 100:02d}{rnd.randrange(100000, 999999)}"


def _people() -> list[dict]:
    """Generated residents of every shape a mask has to cope with."""
    rnd = random.Random(90210)
    out = []
    for i in range(1, 25):
        hamlet = HAMLETS[i % 2]
        p = person(i, hamlet=hamlet)
        year = int(p["dob"][-4:])
        p["cccd"] = _cccd(rnd, year, i % 2 == 1)
        p["phone"] = f"09{rnd.choice('1468')}{rnd.randrange(1000000, 9999999)}"
        if i % 6 == 0:
            p["household"] = None   # a household of one: no number, no door
            p["address"] = f"{hamlet}, xã Hưng Đạo, huyện Bình Gia, tỉnh Lạng Sơn"
            p["relation"], p["head"] = "Chủ hộ", p["name"]
        elif i % 6 == 1:
            p["household"] = None   # no number: keyed by the door
            p["address"] = f"Số {10 + i // 6}, đường Pác Bó, {hamlet}, xã Hưng Đạo"
        else:
            p["household"] = 100 + i // 3
        if i % 4 == 0:
            p["dob"] = str(year)            # a year-only birth date
        if i % 5 == 0:
            p["dob"] = f"00/00/{year}"      # day and month unknown
        if i % 7 == 0:
            p["phone"] = None
        out.append(p)
    return out


def build(db, tmp_path) -> dict:
    """Import the list, two teams with leads' phones, visits of every outcome with new phones and notes
    that quote the resident's numbers."""
    people = _people()
    run_import(db, write_xlsx(tmp_path / "list.xlsx", standard_rows(people)))
    rnd = random.Random(7)
    with db.session() as s:
        set_campaign(s, name="Chiến dịch", start=TODAY - dt.timedelta(days=5), end=TODAY + dt.timedelta(days=20))
        t1 = Team(name="Tổ 1", lead_name="Nông Văn Hải", lead_phone=f"+8491{rnd.randrange(1000000, 9999999)}",
                  created_at=now())
        t2 = Team(name="Tổ 2", lead_name="Hoàng Thị Mai", lead_phone=f"+8498{rnd.randrange(1000000, 9999999)}",
                  created_at=now())
        s.add_all([t1, t2])
        s.flush()
        residents = list(s.scalars(select(Resident).order_by(Resident.id)))
        assert len(residents) == len(people)
        assign_residents(s, [r.id for r in residents if r.hamlet.name == HAMLETS[0]], t1.id)
        assign_residents(s, [r.id for r in residents if r.hamlet.name == HAMLETS[1]], t2.id)
        plan = ["absent", "wrong_phone", "ineligible", "activated", "refused", "revisit", None]
        at = dt.datetime.combine(TODAY, dt.time(9, 0))
        for i, r in enumerate(residents):
            outcome = plan[i % len(plan)]
            if outcome is None:
                continue
            local = phone_text(r.phone) or "0912000111"
            grouped = f"{local[:4]} {local[4:7]} {local[7:]}"
            note = [f"gọi {grouped} không được", f"CCCD {r.cccd}", f"số {local}", "ghi chú"][i % 4]
            kw = {"reason": "elderly"} if outcome == "ineligible" else {}
            if outcome == "revisit":
                kw["revisit_on"] = TODAY + dt.timedelta(days=2)
            if outcome in ("wrong_phone", "absent"):
                kw["new_phone"] = f"+8497{rnd.randrange(1000000, 9999999)}"
            record_visit(s, r, outcome, note=note, at=at, **kw)
        numbers = set()
        for r in s.scalars(select(Resident)):
            numbers |= {r.cccd, phone_text(r.phone), phone_text(r.phone_new)}
        numbers |= {phone_text(t.lead_phone) for t in (t1, t2)}
        numbers.discard(None)
        return {"numbers": numbers, "teams": ("Tổ 1", "Tổ 2")}


_JOIN = re.compile(r"(?<=\d)[ .\-](?=\d)")


def leaks(text: str, numbers: set[str]) -> list[str]:
    """The numbers of which a run of WINDOW digits appears in the text (digit groups joined)."""
    joined = _JOIN.sub("", text)
    found = []
    for n in numbers:
        digits = "".join(ch for ch in n if ch.isdigit())
        if any(digits[i:i + WINDOW] in joined for i in range(len(digits) - WINDOW + 1)):
            found.append(n[-3:])   # the tail only: the failure message must not print a number either
    return found


def file_text(path) -> str:
    """Everything a masked file holds, as text."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            assert "xl/workbook.xml" in names and any(n.startswith("docProps/") for n in names)
            return "\n".join(z.read(n).decode("utf-8", errors="replace") for n in names)
    if suffix == ".pdf":
        text = subprocess.run([require_tool("pdftotext"), "-enc", "UTF-8", str(path), "-"], capture_output=True,
                              check=True).stdout.decode()
        info = subprocess.run([require_tool("pdfinfo"), "-enc", "UTF-8", str(path)], capture_output=True,
                              check=True).stdout.decode()
        return text + "\n" + info
    return path.read_text(encoding="utf-8-sig")


def test_every_masked_document_kind_hides_every_number_everywhere(db, tmp_path):
    info = build(db, tmp_path)
    numbers = info["numbers"]
    assert len(numbers) > 40
    written = []
    for kind in KINDS:
        for ext in ("xlsx", "pdf", "csv"):
            out = tmp_path / f"{kind}.{ext}"
            export(db, kind, out, mask=True)
            written.append(out)
        out = tmp_path / f"{kind}-by-hamlet.xlsx"
        export(db, kind, out, mask=True, by_hamlet=kind != "daily-report")
        written.append(out)
    for team in info["teams"]:
        out = tmp_path / f"walk-{team}.pdf"
        export(db, "walklist", out, team=team, mask=True)
        written.append(out)
        res = export_pack(db, team, tmp_path / f"pack-{team}.xlsx", mask=True)
        written.append(res.path)
    for path in written:
        text = file_text(path)
        assert "*" * 9 in text or path.name.startswith("daily"), path.name   # masked numbers are there
        assert leaks(text, numbers) == [], path.name

    # the unmasked walk list does show them: the scan sees numbers where they are
    export(db, "walklist", tmp_path / "plain.xlsx")
    assert len(leaks(file_text(tmp_path / "plain.xlsx"), numbers)) > 20


def test_the_walk_list_labels_a_household_of_one_without_its_key(db, tmp_path):
    build(db, tmp_path)
    export(db, "walklist", tmp_path / "w.csv")
    text = (tmp_path / "w.csv").read_text(encoding="utf-8-sig")
    assert "~" not in text                      # the importer's internal key of a household of one
    with db.session() as s:
        one = next(r for r in s.scalars(select(Resident)) if r.household and r.household.key.startswith("~"))
        assert household_label(one.household.number, one.household.key) is None


def test_a_masked_pack_returned_without_its_hidden_ids_matches_a_year_only_birth_date(db, tmp_path):
    build(db, tmp_path)
    res = export_pack(db, "Tổ 1", tmp_path / "p.xlsx", mask=True)
    wb = load_workbook(res.path)
    ws = wb[L.MAIN_SHEET]
    head = L.HEADER_ROW
    keys = L.COLUMN_KEYS
    col = {k: keys.index(k) + 1 for k in keys}
    with db.session() as s:
        year_only = {r.id: r for r in s.scalars(select(Resident)) if r.dob is None and r.team.name == "Tổ 1"}
    assert year_only
    target = None
    for row in range(head + 1, ws.max_row + 1):
        rid = ws.cell(row=row, column=col["rid"]).value
        if rid in year_only and not year_only[rid].status.startswith("activated"):
            target = (row, rid)
            break
    assert target is not None
    row, rid = target
    r = year_only[rid]
    assert ws.cell(row=row, column=col["birth_year"]).value == birth_year(r.dob, r.dob_raw) is not None
    ws.cell(row=row, column=col["rid"]).value = None      # the hidden id lost (a copy into a new workbook)
    ws.cell(row=row, column=col["outcome"]).value = "Vắng mặt"
    ws.cell(row=row, column=col["visit_date"]).value = dt.datetime.combine(TODAY, dt.time(0))
    wb.save(tmp_path / "ret.xlsx")
    result = import_pack(db, tmp_path / "ret.xlsx")
    assert result.applied == 1, (result.rejected, result.outside_team)
    with db.session() as s:
        assert s.get(Resident, rid).status == "absent"


@pytest.mark.parametrize("dob, raw, year", [
    (dt.date(1986, 5, 2), None, 1986), (None, "1986", 1986), (None, "00/00/1986", 1986), (None, "5/1986", 1986),
    (None, "1986-12", None), (None, "không rõ", None), (None, None, None), (None, "31/02/1986", 1986),
])
def test_birth_year_rule(dob, raw, year):
    assert birth_year(dob, raw) == year


def test_masks_and_labels():
    assert masked_number("020086832493") == "*********493"
    assert masked_number("0797475594") == "*******594"
    assert masked_number(None) is None and masked_number("12") == "**"
    assert phone_text("+84797475594") == "0797475594" and phone_text(None, "abc") == "abc"
    assert household_label("12", "12") == "12" and household_label(None, "so 5 duong x") == "so 5 duong x"
    assert household_label(None, "~020086832493") is None
    assert scrub_numbers("gọi 0912 345 678 hoặc 0912.345.679") == "gọi *******678 hoặc *******679"
    assert scrub_numbers("CCCD 020086832493, số nhà 12") == "CCCD *********493, số nhà 12"
    assert scrub_numbers("ngày 12/03/2025, 300 người") == "ngày 12/03/2025, 300 người"
    assert scrub_numbers(None) is None
