"""The importer and the residents query on a real PostgreSQL server (the multi-user set-up)."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from canvass.importing import run_import, source_rows_of
from canvass.models import Event, Resident, SourceRow, SourceText
from canvass.residents import ResidentQuery, count_residents, find_resident, resident_ids, resident_rows
from tests.core.importfiles import people, person, standard_rows, write_xlsx

pytestmark = pytest.mark.postgres


def test_import_reimport_and_search_on_postgres(pg_db, tmp_path):
    ps = people(6) + [person(20, hamlet="Thôn Pò Đứa", name="Đinh Đức Đạt"), dict(person(2), stt=8)]
    first = run_import(pg_db, write_xlsx(tmp_path / "a.xlsx", standard_rows(ps)))
    assert (first.imported, first.duplicates, first.hamlets) == (7, 1, 2)
    newer = [dict(p, phone="0988000111") if p["stt"] == 1 else p for p in ps if p["stt"] not in (3, 8)]
    newer.append(person(30))
    second = run_import(pg_db, write_xlsx(tmp_path / "b.xlsx", standard_rows(newer)))
    assert (second.imported, second.updated, second.unchanged, second.activated_per_system) == (1, 1, 5, 1)
    again = run_import(pg_db, write_xlsx(tmp_path / "b.xlsx", standard_rows(newer)))
    assert (again.imported, again.updated, again.activated_per_system) == (0, 0, 0)
    with pg_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Event).where(Event.kind == "activated_system")) == 1
        assert [r.name for r in resident_rows(s, resident_ids(s, ResidentQuery(search="dinh duc")))] == \
            ["Đinh Đức Đạt"]
        q = ResidentQuery(search=ps[0]["cccd"][:6])
        assert count_residents(s, q) == len(resident_ids(s, q)) >= 1
        assert resident_rows(s, resident_ids(s, ResidentQuery(search="0988000111")))[0].cccd == ps[0]["cccd"]
        assert find_resident(s, ps[0]["cccd"]).phone == "+84988000111"
        assert s.scalar(select(func.count()).select_from(Resident)) == 8
        # the same list again added source rows but no text; the rows still read as written
        assert s.scalar(select(func.count()).select_from(SourceText)) == len(ps) + 2
        assert s.scalar(select(func.count()).select_from(SourceRow)) == len(ps) + 2 * len(newer)
        rid = s.scalar(select(Resident.id).where(Resident.cccd == ps[0]["cccd"]))
        recs = source_rows_of(s, rid)
        assert [r.disposition for r in recs] == ["unchanged", "updated", "imported"]
        assert "0988000111" in recs[0].cells and recs[0].cells == recs[1].cells
    # new rows get ids after the bulk-inserted ones (sequences moved past them)
    with pg_db.session() as s:
        r = Resident(cccd="020099000777", name="Lò Văn Mới", name_fold="lo van moi", name_sort="x",
                     hamlet_id=1, status="pending")
        s.add(r)
        s.flush()
        assert r.id == 9


@pytest.mark.parametrize("copy", [True, False], ids=["copy", "insert"])
def test_postgres_imports_match_the_sqlite_golden_to_the_byte(pg_db, tmp_path, copy, monkeypatch):
    """The messy generated list's four imports (tests/core/test_import_identical.py) give on PostgreSQL the
    digest the SQLite golden holds, whether the rows go by COPY (the owner) or by INSERT (a login under
    row-level security). Before, the residents a complete list activated were written in the order the
    server returned them (its heap's), not by id."""
    import json

    import canvass.db
    from tests.core.test_import_identical import GOLDEN, run_sequence

    monkeypatch.setattr(canvass.db, "POSTGRES_COPY", copy)
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    steps = run_sequence(pg_db, tmp_path, golden)
    for i, (got, want) in enumerate(zip(steps, golden["steps"])):
        assert got["result"] == want["result"], f"import {i + 1}: the log differs"
        for table, d in want["db"].items():
            assert got["db"][table] == d, f"import {i + 1}: table {table} differs"
