"""Nobody drops out because of a bad ID or hamlet cell (issue 9, item 2): kept with a warning, matched on the next
import by name, birth and hamlet, corrected later by an event; a row without a hamlet takes its address's."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from canvass.address import UNKNOWN_HAMLET
from canvass.cli import main
from canvass.events import IdCorrectionError, set_resident_id
from canvass.importing import run_import
from canvass.models import Event, Hamlet, Resident
from canvass.residents import ResidentQuery, resident_ids, resident_rows
from tests.core.importfiles import HEADER, cccd, people, person, row_of, standard_rows, write_xlsx

MISTYPED = "O58205558984"      # a letter O for the zero


def _residents(db) -> list[Resident]:
    with db.session() as s:
        return list(s.scalars(select(Resident).order_by(Resident.id)))


def _list(db, persons, tmp_path, name="l.xlsx", **kw):
    return run_import(db, write_xlsx(tmp_path / name, standard_rows(persons)), **kw)


def test_missing_and_mistyped_ids_are_imported_with_a_warning(db, tmp_path):
    ps = people(3) + [person(4, cccd=MISTYPED), person(5, cccd=""), person(6, cccd="12345")]
    res = _list(db, ps, tmp_path)
    assert res.rejected == [] and res.imported == 6 and res.duplicates == 0   # no ID is nobody's duplicate
    warned = {w.row: w.message for w in res.warnings if w.field == "cccd"}
    assert warned == {11: "CCCD: not a number", 12: "no CCCD", 13: "CCCD: wrong number of digits"}
    r = {x.name: x for x in _residents(db)}
    kept = r[ps[3]["name"]]
    assert (kept.cccd, kept.id_raw, kept.id_kind) == (None, MISTYPED, "none")
    assert (r[ps[4]["name"]].cccd, r[ps[4]["name"]].id_raw) == (None, None)
    assert r[ps[5]["name"]].id_raw == "12345"


def test_an_id_kept_as_written_shows_in_lists_and_is_searchable(db, tmp_path):
    _list(db, people(3) + [person(4, cccd=MISTYPED)], tmp_path)
    with db.session() as s:
        for text in ("O5820555", "o58205558984"):
            ids = resident_ids(s, ResidentQuery(search=text))
            rows = resident_rows(s, ids)
            assert [(r.cccd, r.id_raw) for r in rows] == [(None, MISTYPED)]
        everyone = resident_rows(s, resident_ids(s, ResidentQuery()))
        assert len(everyone) == 4


def test_a_row_without_a_name_is_still_rejected(db, tmp_path):
    res = _list(db, people(2) + [person(3, name="", cccd="")], tmp_path)
    assert [i.reason for i in res.rejected] == ["no name"] and res.imported == 2


def test_residents_without_an_id_are_matched_on_the_next_import(db, tmp_path):
    twins = [person(4, cccd=MISTYPED), person(5, cccd=""),
             person(6, cccd="", name="Nông Văn Hùng", dob="1980"),       # year only
             person(7, cccd="", name="Nông Văn Hùng", dob="1981")]       # same name, another year: another person
    first = _list(db, people(3) + twins, tmp_path)
    assert first.imported == 7
    again = [dict(p) for p in people(3) + twins]
    again[4]["phone"] = "0912000444"                          # resident 5 (no ID) has a new phone
    res = _list(db, again, tmp_path, "b.xlsx")
    assert (res.imported, res.updated, res.unchanged, res.duplicates, res.activated_per_system) == (0, 1, 6, 0, 0)
    assert len(_residents(db)) == 7
    with db.session() as s:
        assert s.scalar(select(Resident.phone).where(Resident.name == twins[1]["name"])) == "+84912000444"
    # resident 5 drops out of a complete list: activated per system like anyone else
    res = _list(db, [p for p in again if p["stt"] != 5], tmp_path, "c.xlsx", mode="complete")
    assert res.activated_per_system == 1 and res.imported == 0


def test_the_list_giving_the_right_id_later_sets_it(db, tmp_path):
    _list(db, people(2) + [person(4, cccd=MISTYPED)], tmp_path)
    res = _list(db, people(2) + [person(4)], tmp_path, "b.xlsx")
    assert (res.imported, res.updated) == (0, 1)
    r = [x for x in _residents(db) if x.name == person(4)["name"]]
    assert len(r) == 1 and (r[0].cccd, r[0].id_raw, r[0].id_kind) == (cccd(4, 1978), None, "cccd")
    with db.session() as s:
        data = json.loads(s.scalar(select(Event.data).where(Event.kind == "updated")))
    assert data["cccd"] == [None, cccd(4, 1978)] and data["id_raw"] == [MISTYPED, None]


def test_rows_without_an_id_are_duplicates_only_of_the_same_person(db, tmp_path):
    p = person(4, cccd="")
    res = _list(db, people(2) + [p, dict(p, stt=9)], tmp_path)
    assert (res.imported, res.duplicates) == (3, 1)


def test_a_correction_is_an_event_and_survives_the_next_import(db, tmp_path):
    _list(db, people(2) + [person(4, cccd=MISTYPED)], tmp_path)
    with db.session() as s:
        r = s.scalars(select(Resident).where(Resident.id_raw == MISTYPED)).one()
        with pytest.raises(IdCorrectionError) as err:
            set_resident_id(s, r, "0582055589")
        assert err.value.code == "bad_id"
        with pytest.raises(IdCorrectionError) as err:
            set_resident_id(s, r, cccd(1, 1957, True))
        assert err.value.code == "id_taken"
        set_resident_id(s, r, "058205558984", actor="Công an xã")
        rid = r.id
    with db.session() as s:
        r = s.get(Resident, rid)
        assert (r.cccd, r.id_raw, r.id_kind, r.version) == ("058205558984", None, "cccd", 2)
        e = s.scalars(select(Event).where(Event.kind == "id_corrected")).one()
        assert json.loads(e.data) == {"cccd": [None, "058205558984"], "id_raw": [MISTYPED, None]}
    # the police list still carries the mistyped ID: the same resident, left as corrected
    res = _list(db, people(2) + [person(4, cccd=MISTYPED)], tmp_path, "b.xlsx")
    assert (res.imported, res.updated, res.unchanged) == (0, 0, 3)
    with db.session() as s:
        assert s.get(Resident, rid).cccd == "058205558984"


def test_cli_set_id(tmp_path, capsys):
    dbp = str(tmp_path / "c.db")
    assert main(["--db", dbp, "import", str(write_xlsx(tmp_path / "l.xlsx",
                                                       standard_rows(people(2) + [person(4, cccd=MISTYPED)])))]) == 0
    capsys.readouterr()
    assert main(["--db", dbp, "resident", "set-id", MISTYPED, "058205558984"]) == 0
    assert main(["--db", dbp, "residents", "--search", "058205558984", "--json"]) == 0
    out = capsys.readouterr().out
    assert [r["cccd"] for r in json.loads(out[out.index("["):])] == ["058205558984"]
    assert main(["--db", dbp, "resident", "set-id", "#3", "12"]) == 1
    assert "CCCD" in capsys.readouterr().err


# ---- hamlets ---------------------------------------------------------------------------------------------

def _no_hamlet_column(persons):
    header = [h for h in HEADER if h != "Thôn"]
    return [header] + [[v for k, v in zip(HEADER, row_of(p)) if k != "Thôn"] for p in persons]


def test_a_row_without_a_hamlet_takes_the_one_its_address_names(db, tmp_path):
    ps = [person(1, address="Số 12, Tổ dân phố 3, phường Đông Kinh, TP Lạng Sơn"),
          person(2, address="Tổ dân phố 3, phường Đông Kinh"),
          person(3, address="Khu đô thị mới, phường Đông Kinh")]
    res = run_import(db, write_xlsx(tmp_path / "l.xlsx", _no_hamlet_column(ps), sheet="Sheet1"))
    assert res.rejected == [] and res.imported == 3
    assert [(w.row, w.message) for w in res.warnings if w.field == "hamlet"] == [(4, "no hamlet")]
    with db.session() as s:
        got = dict(s.execute(select(Resident.name, Hamlet.name).join(Hamlet, Hamlet.id == Resident.hamlet_id)).all())
    assert got == {ps[0]["name"]: "Tổ dân phố 3", ps[1]["name"]: "Tổ dân phố 3", ps[2]["name"]: UNKNOWN_HAMLET}


def test_the_no_hamlet_group_is_a_hamlet_every_list_and_filter_shows(db, tmp_path, capsys):
    ps = [person(1, address=""), person(2, address="")]
    run_import(db, write_xlsx(tmp_path / "l.xlsx", _no_hamlet_column(ps), sheet="Sheet1"))
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Hamlet).where(Hamlet.name == UNKNOWN_HAMLET)) == 1
    assert main(["--db", str(db.url).replace("sqlite:///", ""), "residents", "--hamlet", UNKNOWN_HAMLET,
                 "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2
