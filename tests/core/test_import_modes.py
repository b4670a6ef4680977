"""Import modes (complete, supplement, auto with its guard), extraction dates and older lists (issue 9, item 1)."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest
from sqlalchemy import func, select

from canvass.cli import main
from canvass.db import open_database
from canvass.importing import PARTIAL_LIST_SHARE, PartialList, run_import
from canvass.models import BatchHamlet, Event, ImportBatch, Resident
from tests.core.importfiles import people, standard_rows, write_xlsx

HAMLETS = ("Thôn Nà Thí", "Thôn Pò Đứa", "Thôn Khau Ràng", "Thôn Bản Cắm")


def commune(n_per_hamlet: int) -> list[dict]:
    """n residents in each of four hamlets (distinct generated people)."""
    out: list[dict] = []
    for k, h in enumerate(HAMLETS):
        out += people(n_per_hamlet, start=1 + k * n_per_hamlet, hamlet=h)
    return out


def titled(persons, heading: str | None) -> list[list]:
    """The usual layout with the given date line in the heading (None: no heading at all)."""
    if heading is None:
        return standard_rows(persons, title=False)
    rows = standard_rows(persons)
    rows[2] = [None] * 7 + [heading]
    return rows


def _status(db) -> dict[str, str]:
    with db.session() as s:
        return {r.cccd: r.status for r in s.scalars(select(Resident))}


def _count(db, model) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def _batch(db, bid: int) -> ImportBatch:
    with db.session() as s:
        return s.get(ImportBatch, bid)


# ---- modes ---------------------------------------------------------------------------------------------

def test_a_partial_list_activates_nobody_without_a_choice(db, tmp_path):
    """The reported case: a small list touching 4 hamlets of a full list would mark most of them activated."""
    everyone = commune(40)
    run_import(db, write_xlsx(tmp_path / "full.xlsx", titled(everyone, "Hưng Đạo, ngày 10 tháng 03 năm 2025")))
    small = [everyone[i] for i in (0, 1, 40, 41, 80, 81, 120, 121, 122, 123, 124, 125, 126, 127)]
    path = write_xlsx(tmp_path / "small.xlsx", titled(small, "Hưng Đạo, ngày 11 tháng 03 năm 2025"))
    before = (_count(db, ImportBatch), _count(db, Event))

    preview = run_import(db, path, dry_run=True)
    assert preview.partial_list and "partial_list" in preview.notices
    assert (preview.would_activate, preview.open_residents) == (146, 160)

    with pytest.raises(PartialList) as err:
        run_import(db, path)
    assert err.value.code == "partial_list"
    assert err.value.params == {"would_activate": 146, "open_residents": 160, "share": PARTIAL_LIST_SHARE}
    assert (_count(db, ImportBatch), _count(db, Event)) == before      # nothing written
    assert "activated_system" not in _status(db).values()

    res = run_import(db, path, mode="supplement")
    assert (res.mode, res.activated_per_system, res.unchanged) == ("supplement", 0, 14)
    assert "activated_system" not in _status(db).values()
    assert _batch(db, res.batch).mode == "supplement"


def test_complete_marks_the_missing_ones(db, tmp_path):
    everyone = commune(10)
    run_import(db, write_xlsx(tmp_path / "full.xlsx", titled(everyone, None)))
    path = write_xlsx(tmp_path / "team.xlsx", titled(everyone[:12], None))
    res = run_import(db, path, mode="complete")
    assert (res.mode, res.activated_per_system, res.partial_list) == ("complete", 8, False)   # two hamlets covered
    assert list(_status(db).values()).count("activated_system") == 8


def test_a_daily_reimport_goes_through_in_auto(db, tmp_path):
    """A few per cent activated since yesterday: the normal routine needs no flag."""
    everyone = commune(25)
    run_import(db, write_xlsx(tmp_path / "d1.xlsx", titled(everyone, "ngày 27 tháng 3 năm 2025")))
    today = [p for i, p in enumerate(everyone) if i % 12 != 5]       # 8 of 100 activated overnight
    res = run_import(db, write_xlsx(tmp_path / "d2.xlsx", titled(today, "ngày 28 tháng 3 năm 2025")))
    assert (res.mode, res.partial_list, res.activated_per_system, res.open_residents) == ("complete", False, 8, 100)
    assert res.would_activate / res.open_residents < PARTIAL_LIST_SHARE


def test_unknown_mode_is_refused(db, tmp_path):
    with pytest.raises(ValueError):
        run_import(db, write_xlsx(tmp_path / "a.xlsx", titled(people(2), None)), mode="partial")


# ---- the command line ------------------------------------------------------------------------------------

def _run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_refuses_a_partial_list_in_one_line_and_the_flags_decide(tmp_path, capsys):
    dbp = tmp_path / "c.db"
    everyone = commune(10)
    assert _run(capsys, "--db", dbp, "import", write_xlsx(tmp_path / "full.xlsx", titled(everyone, None)))[0] == 0
    small = write_xlsx(tmp_path / "small.xlsx", titled(everyone[:3] + everyone[10:13], None))
    code, out, err = _run(capsys, "--db", dbp, "import", small)
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "14/20" in err and "--complete" in err and "--supplement" in err
    code, out, err = _run(capsys, "--db", dbp, "import", small, "--dry-run")    # a dry run tells the same
    assert code == 1 and "Thử" in out and "14/20" in err
    code, out, _ = _run(capsys, "--db", dbp, "import", small, "--json")
    assert code == 1 and json.loads(out) == {"error": "partial_list", "would_activate": 14, "open_residents": 20,
                                             "share": PARTIAL_LIST_SHARE}
    code, out, _ = _run(capsys, "--db", dbp, "residents", "--status", "activated_system", "--json")
    assert json.loads(out) == []
    code, out, _ = _run(capsys, "--db", dbp, "import", small, "--supplement", "--json")
    data = json.loads(out)
    assert code == 0 and (data["mode"], data["activated_per_system"], data["would_activate"]) == ("supplement", 0, 14)
    code, out, _ = _run(capsys, "--db", dbp, "import", small, "--complete", "--json")
    data = json.loads(out)
    assert code == 0 and (data["mode"], data["activated_per_system"]) == ("complete", 14)


def test_cli_help_names_the_modes_and_the_date(capsys):
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    out = capsys.readouterr().out
    for word in ("--complete", "--supplement", "--extracted", "ngày 28 tháng 3 năm 2025", "25%", "(Chưa rõ thôn)"):
        assert word in out


# ---- extraction date -------------------------------------------------------------------------------------

@pytest.mark.parametrize("heading, day", [
    ("Lạng Sơn, ngày 28 tháng 3 năm 2025", dt.date(2025, 3, 28)),
    ("Lạng Sơn, ngày 28/3/2025", dt.date(2025, 3, 28)),
    ("Danh sách tính đến ngày 28/03/2025", dt.date(2025, 3, 28)),
])
def test_the_extraction_date_comes_from_the_heading(db, tmp_path, heading, day):
    res = run_import(db, write_xlsx(tmp_path / "a.xlsx", titled(people(3), heading)))
    assert (res.extracted_on, res.extracted_from) == (day, "heading")
    assert _batch(db, res.batch).extracted_on == day


def test_the_extraction_date_given_wins_else_the_import_day(db, tmp_path):
    res = run_import(db, write_xlsx(tmp_path / "a.xlsx", titled(people(3), "ngày 28/3/2025")),
                     extracted=dt.date(2025, 3, 30))
    assert (res.extracted_on, res.extracted_from) == (dt.date(2025, 3, 30), "given")
    res = run_import(db, write_xlsx(tmp_path / "b.xlsx", titled(people(3), None)))
    assert (res.extracted_on, res.extracted_from) == (dt.date.today(), "import_day")
    with db.session() as s:
        assert {h for (h,) in s.execute(select(BatchHamlet.hamlet_id).where(BatchHamlet.batch_id == res.batch))}


def test_cli_extracted_option(tmp_path, capsys):
    path = write_xlsx(tmp_path / "a.xlsx", titled(people(3), None))
    code, out, _ = _run(capsys, "--db", tmp_path / "c.db", "import", path, "--extracted", "28/03/2025", "--json")
    assert code == 0 and json.loads(out)["extracted_on"] == "2025-03-28"
    code, _, err = _run(capsys, "--db", tmp_path / "c.db", "import", path, "--extracted", "hôm qua")
    assert code == 1 and "--extracted" in err


# ---- older lists -----------------------------------------------------------------------------------------

def test_an_older_list_activates_reopens_and_overwrites_nothing(db, tmp_path):
    everyone = people(20)
    newer = [dict(p) for p in everyone if p["stt"] not in (3, 4)]      # 3 and 4 activated by the 28th
    newer[0]["phone"] = "0912000111"                                   # resident 1's phone on the newer list
    run_import(db, write_xlsx(tmp_path / "a.xlsx", titled(everyone, "ngày 20 tháng 3 năm 2025")))
    res = run_import(db, write_xlsx(tmp_path / "b.xlsx", titled(newer, "ngày 28 tháng 3 năm 2025")))
    assert res.activated_per_system == 2 and res.updated == 1
    # yesterday's file opened again by mistake: it still has 3 (reopen?), lacks 5..6 (activate?), old phone of 1
    older = [dict(p) for p in everyone if p["stt"] not in (5, 6)] + people(1, start=99)
    res = run_import(db, write_xlsx(tmp_path / "c.xlsx", titled(older, "ngày 21 tháng 3 năm 2025")))
    assert res.notices == ["older_list"] and res.newer_list == dt.date(2025, 3, 28)
    assert (res.activated_per_system, res.imported, res.updated, res.kept_newer) == (0, 1, 0, 1)
    st = _status(db)
    assert st[everyone[2]["cccd"]] == st[everyone[3]["cccd"]] == "activated_system"   # not re-opened
    assert st[everyone[4]["cccd"]] == "pending"                                         # not activated
    with db.session() as s:
        assert s.scalar(select(Resident.phone).where(Resident.cccd == everyone[0]["cccd"])) == "+84912000111"
        assert s.scalar(select(func.count()).select_from(Event).where(Event.kind == "system_reopened")) == 0


def test_an_older_list_updates_a_resident_no_newer_list_named(db, tmp_path):
    ps = people(3) + people(3, start=4, hamlet="Thôn Pò Đứa")
    run_import(db, write_xlsx(tmp_path / "a.xlsx", titled(ps[:3], "ngày 28 tháng 3 năm 2025")))
    ps[4]["phone"] = "0912000222"
    run_import(db, write_xlsx(tmp_path / "b.xlsx", titled(ps[3:], None)), extracted=dt.date(2025, 3, 1),
               mode="supplement")
    later = [dict(p) for p in ps[3:]]
    later[1]["phone"] = "0912000333"
    res = run_import(db, write_xlsx(tmp_path / "c.xlsx", titled(later, "ngày 5 tháng 3 năm 2025")))
    assert res.updated == 1 and res.notices == []   # other hamlets' newer lists do not make this one older
    with db.session() as s:
        assert s.scalar(select(Resident.phone).where(Resident.cccd == ps[4]["cccd"])) == "+84912000333"


# ---- schema ----------------------------------------------------------------------------------------------

def test_a_version_2_database_gets_dates_modes_and_covered_hamlets(tmp_path):
    path = tmp_path / "v2.db"
    db = open_database(path)
    run_import(db, write_xlsx(tmp_path / "a.xlsx", titled(people(3), None)))
    db.dispose()
    con = sqlite3.connect(path)
    con.executescript("""
        DROP TABLE batch_hamlet;
        DROP INDEX IF EXISTS ix_resident_id_raw;
        DROP INDEX IF EXISTS ix_resident_name_sort_fold;
        ALTER TABLE import_batch DROP COLUMN extracted_on;
        ALTER TABLE import_batch DROP COLUMN mode;
        ALTER TABLE resident DROP COLUMN id_raw;
        UPDATE meta SET value = '2' WHERE key = 'schema_version';
    """)
    con.commit()
    con.close()
    db = open_database(path)
    try:
        b = _batch(db, 1)
        assert b.extracted_on == b.imported_at.date() and b.mode == "complete"
        assert _count(db, BatchHamlet) == 1
        res = run_import(db, write_xlsx(tmp_path / "b.xlsx", titled(people(3), None)))
        assert res.unchanged == 3
    finally:
        db.dispose()
