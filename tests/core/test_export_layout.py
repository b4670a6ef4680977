"""How the PDFs lay out on paper (issue 11's details): the walk list prints a household as a column, not a
header row per household; a heading value too long for its third of the line wraps instead of being cut; the
total and signatures never stand alone on a page; the absent list's latest-visit date and note."""
from __future__ import annotations

import csv
import datetime as dt
import subprocess

from sqlalchemy import select

from canvass.assignment import assign_residents
from canvass.db import now
from canvass.events import record_visit
from canvass.exporting import export
from canvass.exporting.documents import Column, Document, Official, Section, Signature
from canvass.exporting.pdf import write_pdf
from canvass.models import Resident, Team
from tests.core.test_export_pdf import pdf_text
from tests.factories import make_commune
from tests.helpers import require_tool


def pages(path) -> int:
    out = subprocess.run([require_tool("pdfinfo"), str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def one_team(db, ids) -> None:
    with db.session() as s:
        team = Team(name="Tổ 1", lead_name="Nông Văn Hải", created_at=now())
        s.add(team)
        s.flush()
        assign_residents(s, ids, team.id)


def test_walklist_pdf_prints_households_in_a_column(db, tmp_path):
    # 119 residents in households of one (as in the sample list): a header row per household printed 238
    # rows on 12 pages; the household column prints 119 rows on 7
    ids = make_commune(db, hamlets=("Thôn Nà Thí", "Thôn Pò Đứa"), households_per_hamlet=60, people_per_household=1)
    one_team(db, ids[:119])
    export(db, "walklist", tmp_path / "w.pdf", team="Tổ 1")
    assert pages(tmp_path / "w.pdf") <= 7
    text = pdf_text(tmp_path / "w.pdf")
    assert "Hộ, địa chỉ" in text and "Hộ số 59" in text
    with db.read() as s:
        assert all(name in text for name in s.scalars(select(Resident.name).where(Resident.id.in_(ids[:119]))))


def test_walklist_household_label_runs_down_its_rows_and_spreadsheets_keep_the_group_rows(db, tmp_path):
    ids = make_commune(db, hamlets=("Thôn Nà Thí",), households_per_hamlet=3, people_per_household=3)
    one_team(db, ids)
    export(db, "walklist", tmp_path / "w.pdf")
    text = pdf_text(tmp_path / "w.pdf")
    for n in (1, 2, 3):
        assert text.count(f"Hộ số {n} ") == 1      # once per household, not once per resident
    export(db, "walklist", tmp_path / "w.csv")
    with open(tmp_path / "w.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:2] == ["Thôn", "Hộ"] and "Hộ, địa chỉ" not in rows[0]


def test_a_long_heading_value_wraps_instead_of_being_cut(db, tmp_path):
    hamlets = tuple(f"Thôn Khuổi Phầy Số {i}" for i in range(1, 6))
    ids = make_commune(db, hamlets=hamlets, households_per_hamlet=1, people_per_household=1)
    one_team(db, ids)
    export(db, "walklist", tmp_path / "w.pdf")
    text = " ".join(pdf_text(tmp_path / "w.pdf").split())
    # each hamlet in "Địa bàn" (none cut off), its group row and its household's address
    assert [text.count(h) for h in hamlets] == [3] * len(hamlets)


def _doc(rows: int, signatures: bool = True) -> Document:
    off = Official(superior="CÔNG AN HUYỆN BÌNH GIA", issuer="CÔNG AN XÃ TÂN VĂN", place="Tân Văn")
    body = [((), (i, f"Người thứ {i}", "ghi chú"), False) for i in range(1, rows + 1)]
    return Document(kind="absent", title="DANH SÁCH THỬ", official=off, date=dt.date(2026, 3, 10),
                    columns=[Column("STT", "seq", 10), Column("Họ và tên", "text", 60), Column("Ghi chú")],
                    sections=[Section(name="", subtitle=[], info=[], count=rows, rows=body)], total=rows,
                    signatures=[Signature("NGƯỜI LẬP BIỂU"), Signature("TRƯỞNG CÔNG AN XÃ")] if signatures else [])


def test_the_total_and_signatures_never_stand_alone_on_a_page(tmp_path):
    alone = []
    for n in range(1, 45):
        path = tmp_path / f"d{n}.pdf"
        write_pdf(_doc(n), path)
        last = pdf_text(path).split("\f")[pages(path) - 1]
        assert "Tổng số" in last and "NGƯỜI LẬP BIỂU" in last
        if "Người thứ" not in last:
            alone.append(n)
    assert alone == []


def test_absent_list_latest_visit_and_only_the_current_absences_note(db, tmp_path):
    ids = make_commune(db, hamlets=("Thôn Nà Thí",), households_per_hamlet=1, people_per_household=2)
    day = dt.datetime.combine(dt.date.today(), dt.time(9))
    with db.session() as s:
        record_visit(s, ids[0], "ineligible", reason="ill", note="nằm viện tỉnh", at=day - dt.timedelta(days=3))
        record_visit(s, ids[0], "absent", at=day - dt.timedelta(days=2))
        record_visit(s, ids[1], "absent", note="lần một", at=day - dt.timedelta(days=2))
        record_visit(s, ids[1], "absent", at=day - dt.timedelta(days=1))
    export(db, "absent", tmp_path / "a.csv")
    with open(tmp_path / "a.csv", encoding="utf-8-sig", newline="") as f:
        rows = {r[2]: r for r in csv.reader(f)}
    with db.read() as s:
        first, second = (s.get(Resident, i).name for i in ids)
    head = next(r for r in rows.values() if "Ngày đến gần nhất" in r)
    latest, note = head.index("Ngày đến gần nhất"), head.index("Ghi chú")
    assert "nằm viện" not in rows[first][note]          # the overturned cannot-activate finding's note
    assert rows[first][latest] and rows[second][latest]  # filled with one or two visits
    assert rows[second][note] == "lần một"


def test_the_daily_reports_long_campaign_name_is_printed_whole(db, tmp_path):
    from canvass.campaign import set_campaign

    make_commune(db, households_per_hamlet=2, people_per_household=2)
    name = "Chiến dịch cao điểm 90 ngày kích hoạt tài khoản định danh điện tử"
    with db.session() as s:
        set_campaign(s, name=name, start=dt.date.today() - dt.timedelta(days=3),
                     end=dt.date.today() + dt.timedelta(days=60), quota_per_team_day=6)
    export(db, "daily-report", tmp_path / "r.pdf")
    text = " ".join(pdf_text(tmp_path / "r.pdf").split())
    assert name in text and "BÁO CÁO TIẾN ĐỘ KÍCH HOẠT TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ" in text
