"""Backups before every import and pack merge (rotated), `canvass backup` / `canvass restore`, and what a restore
refuses. Real SQLite files throughout; a second open database sees a restore."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

from canvass.backup import KEEP_ENV, BackupError, backup_now, before_change, check_backup, restore
from canvass.cli import main
from canvass.db import open_database
from canvass.importing import run_import
from canvass.models import Event, Meta, Resident
from tests.core.importfiles import people, standard_rows, write_xlsx


def residents(path) -> int:
    db = open_database(path)
    try:
        with db.read() as s:
            return s.scalar(select(func.count()).select_from(Resident))
    finally:
        db.dispose()


def autos(folder: Path) -> list[Path]:
    return sorted(folder.glob("*-before-*.db"))


def test_every_import_and_merge_is_preceded_by_a_copy_of_the_database_as_it_was(tmp_path, monkeypatch):
    from tests.core.test_packs import commune_with_teams, fill
    from canvass.packs import export_pack, import_pack

    monkeypatch.setenv(KEEP_ENV, "3")
    path = tmp_path / "c.db"
    db = open_database(path)
    folder = tmp_path / "backups"
    for n in (5, 8, 11):
        run_import(db, write_xlsx(tmp_path / f"l{n}.xlsx", standard_rows(people(n))), dry_run=True)
    assert not folder.exists()                          # a dry run changes nothing, so it copies nothing
    for n in (5, 8, 11):
        run_import(db, write_xlsx(tmp_path / f"l{n}.xlsx", standard_rows(people(n))))
    copies = autos(folder)
    assert [residents(p) for p in copies] == [0, 5, 8]  # each holds the state before its import
    assert all(p.name.endswith("-before-import.db") for p in copies)
    for p in copies:
        check_backup(p)
    run_import(db, write_xlsx(tmp_path / "l12.xlsx", standard_rows(people(12))))
    assert [residents(p) for p in autos(folder)] == [5, 8, 11]   # the newest 3 are kept
    db.dispose()

    path2 = tmp_path / "p" / "packs.db"
    path2.parent.mkdir()
    db = open_database(path2)
    ids, _ = commune_with_teams(db)
    export_pack(db, "Tổ 1", tmp_path / "p.xlsx")
    fill(tmp_path / "p.xlsx", tmp_path / "ret.xlsx", {ids[0]: {"outcome": "Vắng mặt"}})
    import_pack(db, tmp_path / "ret.xlsx", dry_run=True)
    assert not (path2.parent / "backups").exists()
    import_pack(db, tmp_path / "ret.xlsx")
    (copy,) = autos(path2.parent / "backups")
    assert copy.name.endswith("-before-merge.db")
    with sqlite3.connect(copy) as con:
        assert con.execute("SELECT COUNT(*) FROM event WHERE kind = 'visit'").fetchone() == (0,)
    db.dispose()


def test_an_import_that_writes_nothing_leaves_no_copy_to_push_older_ones_out(tmp_path, monkeypatch):
    # the copy is made while the list is read: a list that cannot be read, or a read cancelled, changed nothing,
    # so its copy goes (ten tries of a wrong file must not rotate yesterday's copies away)
    from canvass.errors import Cancelled
    from canvass.importing import ImportFileError

    monkeypatch.setenv(KEEP_ENV, "3")
    db = open_database(tmp_path / "c.db")
    folder = tmp_path / "backups"
    run_import(db, write_xlsx(tmp_path / "a.xlsx", standard_rows(people(4))))
    (first,) = autos(folder)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a workbook")
    headers_only = write_xlsx(tmp_path / "h.xlsx", standard_rows([]))
    for _ in range(4):
        with pytest.raises(ImportFileError):
            run_import(db, bad)
        with pytest.raises(ImportFileError):
            run_import(db, headers_only)
        with pytest.raises(Cancelled):
            run_import(db, write_xlsx(tmp_path / "b.xlsx", standard_rows(people(6))), cancel=lambda: True)
    assert autos(folder) == [first]
    run_import(db, write_xlsx(tmp_path / "b.xlsx", standard_rows(people(6))))
    assert [residents(p) for p in autos(folder)] == [0, 4]
    db.dispose()


def test_no_automatic_copies_when_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv(KEEP_ENV, "0")
    db = open_database(tmp_path / "c.db")
    run_import(db, write_xlsx(tmp_path / "l.xlsx", standard_rows(people(3))))
    assert before_change(db, "import") is None and not (tmp_path / "backups").exists()
    db.dispose()


def test_backup_and_restore_from_the_command_line(tmp_path, capsys):
    dbp = tmp_path / "c.db"
    assert main(["--db", str(dbp), "import", str(write_xlsx(tmp_path / "a.xlsx", standard_rows(people(4))))]) == 0
    out_file = tmp_path / "mine.db"
    assert main(["--db", str(dbp), "backup", str(out_file)]) == 0
    assert str(out_file) in capsys.readouterr().out
    assert main(["--db", str(dbp), "backup"]) == 0                      # default: the backups folder
    (manual,) = (tmp_path / "backups").glob("c-*-manual.db")
    assert residents(manual) == 4
    assert main(["--db", str(dbp), "import", str(write_xlsx(tmp_path / "b.xlsx", standard_rows(people(9))))]) == 0
    assert residents(dbp) == 9
    capsys.readouterr()

    assert main(["--db", str(dbp), "restore", str(out_file)]) == 0
    out = capsys.readouterr().out
    assert residents(dbp) == 4
    (kept,) = (tmp_path / "backups").glob("c-*-before-restore.db")
    assert str(kept) in out and residents(kept) == 9                    # the database as it was, kept aside
    # the restored database works as before: an import goes on from it
    assert main(["--db", str(dbp), "import", str(tmp_path / "b.xlsx")]) == 0
    assert residents(dbp) == 9
    assert (tmp_path / "backups" / manual.name).exists()                # manual copies are never rotated away


def _foreign(path: Path) -> Path:
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    return path


@pytest.mark.parametrize("kind", ["foreign", "text", "empty", "newer", "missing", "itself"])
def test_restore_refuses_what_is_not_a_backup_and_changes_nothing(tmp_path, capsys, kind):
    dbp = tmp_path / "c.db"
    assert main(["--db", str(dbp), "import", str(write_xlsx(tmp_path / "a.xlsx", standard_rows(people(4))))]) == 0
    bad = tmp_path / "bad.db"
    if kind == "foreign":
        _foreign(bad)
    elif kind == "text":
        bad.write_text("Họ và tên,Số CCCD\n", encoding="utf-8")
    elif kind == "empty":
        sqlite3.connect(bad).close()
    elif kind == "newer":
        db = open_database(bad)
        with db.session() as s:
            s.execute(Meta.__table__.update().where(Meta.key == "schema_version").values(value="99"))
        db.dispose()
    elif kind == "itself":
        bad = dbp
    before = bad.read_bytes() if bad.exists() else None
    capsys.readouterr()
    code = main(["--db", str(dbp), "restore", str(bad)])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("canvass: ") and err.count("\n") == 1
    assert residents(dbp) == 4
    assert not list((tmp_path / "backups").glob("*-before-restore.db"))
    if kind != "itself":
        assert (bad.read_bytes() if bad.exists() else None) == before    # the refused file is left unchanged
    db = open_database(dbp)
    with pytest.raises(BackupError) as info:
        restore(db, bad)
    db.dispose()
    assert info.value.reason == {"foreign": "not_ours", "text": "not_ours", "empty": "not_ours", "newer": "newer",
                                 "missing": "not_found", "itself": "same_file"}[kind]
    assert info.value.code == "backup_" + info.value.reason


def test_a_window_with_the_database_open_sees_the_restore(tmp_path):
    path = tmp_path / "c.db"
    other = open_database(path)           # another window, open all along
    db = open_database(path)
    run_import(db, write_xlsx(tmp_path / "a.xlsx", standard_rows(people(3))))
    copy = backup_now(db, tmp_path / "three.db")
    run_import(db, write_xlsx(tmp_path / "b.xlsx", standard_rows(people(7))))
    with other.read() as s:
        assert s.scalar(select(func.count()).select_from(Resident)) == 7
    restore(db, copy)
    with other.read() as s:
        assert s.scalar(select(func.count()).select_from(Resident)) == 3
    with other.session() as s:            # and it writes into the restored database, not a replaced file
        s.add(Meta(key="note", value="after restore"))
    with db.read() as s:
        assert s.get(Meta, "note").value == "after restore"
        assert s.scalar(select(func.count()).select_from(Event).where(Event.kind == "imported")) == 3
    other.dispose()
    db.dispose()


def test_postgres_has_no_backups_of_ours(pg_db, tmp_path):
    assert before_change(pg_db, "import") is None
    with pytest.raises(BackupError) as info:
        backup_now(pg_db, tmp_path / "x.db")
    assert info.value.reason == "not_sqlite"
