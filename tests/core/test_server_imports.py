"""A police login's import on the shared server, where its rights stop it: a commune the owner has not created,
a CCCD held by a resident of another commune. Each is refused with a CanvassError that says what to do (both
texts in canvass.messages), not the database's own error, and nothing of the list is written."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from canvass.errors import CanvassError
from canvass.importing import run_import
from canvass.models import Commune, ImportBatch, Resident
from tests.core.importfiles import people, row_of, write_xlsx
from tests.core.serverdata import build_server, commune_rows

pytestmark = pytest.mark.postgres


@pytest.fixture
def server(pg_db, pg_url, tmp_path):
    srv = build_server(pg_db, pg_url, tmp_path, per_commune=10)
    hd, tl = srv.hd, srv.tl
    srv.add("police_a", "police", commune=hd)
    yield srv
    srv.drop_logins()


def _counts(srv) -> tuple[int, int, int]:
    with srv.db.read() as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) for t in (Commune, ImportBatch, Resident))


def _all_counts(srv) -> list[int]:
    from canvass.models import Event, Household, ResidentWord, SourceRow, SourceText

    with srv.db.read() as s:
        return [s.scalar(select(func.count()).select_from(t)) for t in
                (Commune, ImportBatch, Resident, Household, Event, SourceRow, SourceText, ResidentWord)]


def _import_as_police(srv, path):
    db = srv.open_as("police_a")
    try:
        return run_import(db, path, mode="supplement")
    finally:
        db.dispose()


def test_police_import_naming_a_commune_not_on_the_server_says_the_owner_must_add_it(server, tmp_path):
    before = _counts(server)
    f = write_xlsx(tmp_path / "moi.xlsx", commune_rows("Đồng Mới", people(4, start=9001)))
    with pytest.raises(CanvassError) as err:
        _import_as_police(server, f)
    assert err.value.code == "import_commune_not_on_server"
    assert "Đồng Mới" in str(err.value) and "commune add" in str(err.value)
    assert _counts(server) == before


def test_police_import_of_a_cccd_held_in_another_commune_names_the_row(server, tmp_path):
    before = _counts(server)
    with server.db.read() as s:
        taken = s.get(Resident, server.residents[server.tl][3]).cccd
    persons = people(3, start=1) + [dict(people(1, start=7001)[0], cccd=taken)]
    rows = commune_rows("Hưng Đạo", persons)
    f = write_xlsx(tmp_path / "trung.xlsx", rows)
    with pytest.raises(CanvassError) as err:
        _import_as_police(server, f)
    assert err.value.code == "import_cccd_in_other_commune"
    assert err.value.params["row"] == rows.index(row_of(persons[-1])) + 1
    assert taken not in str(err.value)              # the row is named, not the other commune's CCCD
    assert _counts(server) == before
    # the list without that row goes in
    f = write_xlsx(tmp_path / "sach.xlsx", commune_rows("Hưng Đạo", persons[:-1] + people(1, start=7002)))
    assert _import_as_police(server, f).imported == 1


def test_the_owner_copies_and_a_police_login_copies_through_a_temporary_table(server, tmp_path, monkeypatch):
    """COPY … FROM STDIN (20,000 residents 3.8 s against 12.3 s by INSERT) is refused by PostgreSQL for a login
    that row-level security applies to. The owner copies straight in; a police login copies into a temporary
    table and inserts from it, so the policies still check every row: its import lands as the INSERT path's
    does, to the same rows, and a row the policies refuse is still refused (the other commune's CCCD test)."""
    import canvass.db
    from canvass.db import bulk_insert, copy_allowed
    from canvass.models import Resident as R, SourceText

    police = server.open_as("police_a")
    try:
        with server.db.engine.connect() as owner_conn, police.engine.connect() as police_conn:
            assert copy_allowed(owner_conn, R.__table__)
            assert not copy_allowed(police_conn, R.__table__)
        with police.connect() as conn:    # inside the police transaction, the rows went through the temporary table
            bulk_insert(conn, SourceText.__table__, ("id", "hash", "raw"), [(900001, b"h" * 16, "[1]")])
            assert conn.exec_driver_sql("SELECT to_regclass('pg_temp.canvass_bulk_source_text')").scalar()
            conn.rollback()
        added = {}
        for copy, start in ((True, 7001), (False, 7101)):
            monkeypatch.setattr(canvass.db, "POSTGRES_COPY", copy)
            before = _all_counts(server)
            f = write_xlsx(tmp_path / f"them{start}.xlsx", commune_rows("Hưng Đạo", people(3, start=start)))
            assert run_import(police, f, mode="supplement").imported == 3
            added[copy] = [b - a for a, b in zip(before, _all_counts(server))]
        assert added[True] == added[False] and added[True][2] == 3    # residents, and their events, rows, words
    finally:
        police.dispose()


def test_a_police_login_without_temporary_tables_still_imports_by_insert(server, tmp_path):
    """A hardened server may take the right to make temporary tables from its logins: the police import then
    writes its rows by INSERT (the failed CREATE rolled back to its savepoint, the transaction intact)."""
    from sqlalchemy import text

    from canvass.db import bulk_insert
    from canvass.models import SourceText

    with server.db.engine.begin() as conn:
        database = conn.execute(text("SELECT current_database()")).scalar()
        conn.execute(text(f'REVOKE TEMPORARY ON DATABASE "{database}" FROM PUBLIC'))
    police = server.open_as("police_a")
    try:
        before = _all_counts(server)
        f = write_xlsx(tmp_path / "them.xlsx", commune_rows("Hưng Đạo", people(3, start=7201)))
        assert run_import(police, f, mode="supplement").imported == 3
        assert _all_counts(server)[2] == before[2] + 3
        with police.connect() as conn:
            bulk_insert(conn, SourceText.__table__, ("id", "hash", "raw"), [(900002, b"k" * 16, "[2]")])
            assert conn.info.get("canvass_no_temp") is True
            conn.rollback()
    finally:
        police.dispose()
        with server.db.engine.begin() as conn:
            conn.execute(text(f'GRANT TEMPORARY ON DATABASE "{database}" TO PUBLIC'))
