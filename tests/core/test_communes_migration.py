"""Schema 5 -> 6: teams belong to a commune, their names unique per commune (SQLite rebuilds the team table
inside the migration's transaction; PostgreSQL swaps the constraint). Upgrades a file made from the version 5
schema as the old program wrote it (tests/core/schema_v5.sql) and a PostgreSQL database put back in that shape."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from canvass.db import SCHEMA_VERSION, open_database, schema_version

SCHEMA_V5 = Path(__file__).with_name("schema_v5.sql")
NOW = "2026-11-02 08:00:00"


def fill_v5(execute, *, communes: int = 1) -> None:
    """Generated rows of a version 5 database: communes, hamlets (one without a commune), a campaign without a
    commune, teams covering hamlets or only holding residents, residents, events and a pack pointing at them."""
    for c in range(1, communes + 1):
        execute(f"INSERT INTO commune (id, name, name_fold) VALUES ({c}, 'Xã Số {c}', 'xa so {c}')")
    last = communes
    execute("INSERT INTO hamlet (id, commune_id, name, name_fold) VALUES (1, 1, 'Thôn A', 'thon a')")
    execute(f"INSERT INTO hamlet (id, commune_id, name, name_fold) VALUES (2, {last}, 'Thôn B', 'thon b')")
    execute("INSERT INTO hamlet (id, commune_id, name, name_fold) VALUES (3, NULL, 'Thôn C', 'thon c')")
    execute("INSERT INTO campaign (id, name, start_date, end_date, report_deadline, quota_per_team_day, created_at) "
            f"VALUES (1, 'Chiến dịch', '2026-11-01', '2026-12-31', '15:30', 5, '{NOW}')")
    for tid, name in ((1, "Tổ 1"), (2, "Tổ 2"), (3, "Tổ 3"), (4, "Tổ 4")):
        merged = "1" if tid == 4 else "NULL"
        execute("INSERT INTO team (id, name, created_at, merged_into_id) "
                f"VALUES ({tid}, '{name}', '{NOW}', {merged})")
    execute("INSERT INTO team_hamlet (team_id, hamlet_id) VALUES (1, 1)")
    execute("INSERT INTO team_hamlet (team_id, hamlet_id) VALUES (2, 2)")
    for rid, (hamlet, team) in enumerate(((1, 1), (2, 2), (2, 3), (1, None)), start=1):
        execute("INSERT INTO resident (id, cccd, id_kind, name, name_fold, name_sort, hamlet_id, is_head, status, "
                f"attempts, version, team_id) VALUES ({rid}, '0200000000{rid:02d}', 'cccd', 'Người {rid}', "
                f"'nguoi {rid}', 'nguoi {rid}', {hamlet}, false, 'pending', 0, 1, {team if team else 'NULL'})")
        execute("INSERT INTO event (resident_id, kind, at, recorded_at, team_id) "
                f"VALUES ({rid}, 'assigned', '{NOW}', '{NOW}', {team if team else 'NULL'})")
    execute("INSERT INTO pack (id, team_id, created_at, rows, checksum, mask) VALUES ('p1', 3, "
            f"'{NOW}', 1, 'x', false)")


def make_v5_file(path: Path, *, communes: int = 1) -> None:
    con = sqlite3.connect(path)
    con.executescript(SCHEMA_V5.read_text(encoding="utf-8"))
    con.execute("INSERT INTO meta (key, value) VALUES ('schema_version', '5'), ('created_at', '2026-11-01T07:00:00')")
    fill_v5(con.execute, communes=communes)
    con.commit()
    con.close()


def teams(db) -> dict[int, tuple]:
    with db.read_connect() as conn:
        return {r[0]: tuple(r[1:]) for r in conn.execute(text(
            "SELECT id, name, commune_id, merged_into_id FROM team ORDER BY id"))}


def check_upgraded(db, expected_team_communes: dict[int, int]) -> None:
    with db.read_connect() as conn:
        assert schema_version(conn) == SCHEMA_VERSION
    got = teams(db)
    assert {t: c for t, (_n, c, _m) in got.items()} == expected_team_communes
    assert got[4][2] == 1                                     # the merged team still points to its target
    with db.read_connect() as conn:
        # every row that pointed to a team still does, to the same id
        assert conn.execute(text("SELECT team_id FROM resident ORDER BY id")).scalars().all() == [1, 2, 3, None]
        assert conn.execute(text("SELECT team_id FROM pack")).scalar() == 3
        assert conn.execute(text("SELECT COUNT(*) FROM event WHERE team_id IS NOT NULL")).scalar() == 3
        assert conn.execute(text("SELECT COUNT(*) FROM campaign WHERE commune_id IS NULL")).scalar() == 0
    # names are unique per commune now, not across the database
    with db.session() as s:
        s.execute(text("INSERT INTO commune (id, name, name_fold) VALUES (99, 'Xã Mới', 'xa moi')"))
        s.execute(text(f"INSERT INTO team (name, commune_id, created_at) VALUES ('Tổ 1', 99, '{NOW}')"))
    with pytest.raises(IntegrityError):
        with db.session() as s:
            s.execute(text(f"INSERT INTO team (name, commune_id, created_at) VALUES ('Tổ 2', 99, '{NOW}'), "
                           f"('Tổ 2', 99, '{NOW}')"))
    with pytest.raises(IntegrityError):     # two teams of no commune cannot share a name either
        with db.session() as s:
            s.execute(text(f"INSERT INTO team (name, created_at) VALUES ('Tổ X', '{NOW}'), ('Tổ X', '{NOW}')"))


def test_a_one_commune_file_gets_every_hamlet_campaign_and_team_attached(tmp_path):
    path = tmp_path / "v5.db"
    make_v5_file(path)
    db = open_database(path)
    check_upgraded(db, {1: 1, 2: 1, 3: 1, 4: 1})
    with db.read_connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM hamlet WHERE commune_id IS NULL")).scalar() == 0
        assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    db.dispose()
    # the upgrade ran once: opening again changes nothing
    again = open_database(path)
    assert teams(again)[1] == ("Tổ 1", 1, None)
    again.dispose()


def test_in_a_many_commune_file_a_team_goes_to_the_commune_of_its_hamlets_or_residents(tmp_path):
    path = tmp_path / "v5.db"
    make_v5_file(path, communes=2)
    db = open_database(path)
    # team 1 covers hamlet 1 (commune 1), team 2 covers hamlet 2 (commune 2), team 3 only has a resident in
    # hamlet 2, team 4 has nothing: the first commune
    check_upgraded(db, {1: 1, 2: 2, 3: 2, 4: 1})
    with db.read_connect() as conn:   # with two communes a hamlet without one is not guessed
        assert conn.execute(text("SELECT commune_id FROM hamlet WHERE id = 3")).scalar() is None
    db.dispose()


def test_a_new_database_is_made_at_the_new_schema_directly(tmp_path):
    db = open_database(tmp_path / "new.db")
    with db.read_connect() as conn:
        names = {r[1] for r in conn.execute(text("PRAGMA index_list(team)"))}
    assert {"uq_team_name_no_commune"} <= names
    db.dispose()


@pytest.mark.postgres
def test_postgres_database_at_version_5_is_upgraded(pg_url):
    db = open_database(pg_url)
    with db.engine.begin() as conn:   # put the team table back as version 5 made it
        conn.execute(text("DROP INDEX uq_team_name_no_commune"))
        conn.execute(text("ALTER TABLE team DROP CONSTRAINT uq_team_commune_name"))
        conn.execute(text("ALTER TABLE team DROP COLUMN commune_id"))
        conn.execute(text("ALTER TABLE team ADD CONSTRAINT team_name_key UNIQUE (name)"))
        conn.execute(text("UPDATE meta SET value = '5' WHERE key = 'schema_version'"))
        fill_v5(lambda sql: conn.execute(text(sql)), communes=2)
        for table in ("team", "resident", "event", "commune", "hamlet", "campaign"):
            conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 1000)"))
    db.dispose()
    try:
        db = open_database(pg_url)
        check_upgraded(db, {1: 1, 2: 2, 3: 2, 4: 1})
        with db.read_connect() as conn:
            uniques = conn.execute(text("SELECT conname FROM pg_constraint WHERE conrelid = 'team'::regclass "
                                        "AND contype = 'u'")).scalars().all()
        assert uniques == ["uq_team_commune_name"]
    finally:
        with db.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        db.dispose()
