"""Backups of the embedded SQLite database, and restoring one.

- Before every import and every pack merge, `before_change` copies the database into a `backups` folder
  beside it (`<name>-<date>-<time>-before-import.db`, `...-before-merge.db`), keeping the newest
  `keep_count()` of these automatic copies ($CANVASS_BACKUPS, default 10; 0 turns them off). The import and
  the merge each call it once, at their start (not for a dry run): the one hook. The import makes its copy on a
  thread while the list is read (both run outside Python's lock) and removes it again when it ends without
  writing anything (a list it cannot read, cancelled, refused), so failed tries never rotate older copies away.
- `backup_now` makes a copy on request (`canvass backup [OUT]`, File > Back up); such copies are never
  removed by the rotation.
- `restore` puts a backup back: it refuses a file that is not a Gõ Cửa database (the same check that refuses
  to open one), one made by a newer program, a damaged one and the database itself, and keeps the current
  database aside as a backup first.

Copies are made with SQLite's online backup API: a consistent snapshot taken while other windows read and
write, written atomically (`exporting/atomic.py`: a kill leaves no half copy under the backup's name).
Restoring writes the backup's pages into the open database in one transaction, through SQLite, so another
window with the database open sees the restored data at its next read instead of writing into a file that
was replaced under it; a kill during a restore leaves the database as it was.

PostgreSQL is out of scope: the server's own tools (pg_dump, pg_restore) back it up.
"""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from sqlalchemy import create_engine

from canvass.db import Database, DatabaseError, ForeignDatabase, check_ours, migrate
from canvass.errors import CanvassError
from canvass.exporting.atomic import atomic_path

KEEP_ENV = "CANVASS_BACKUPS"
DEFAULT_KEEP = 10
FOLDER = "backups"
AUTOMATIC = "-before-"          # in the names of the automatic copies (the only ones the rotation removes)
BUSY_TIMEOUT = 10               # seconds a restore waits for another window's writing to end


class BackupError(CanvassError):
    """A backup or restore that cannot be done. `code` is one of: not_sqlite (the database is on a server),
    not_found, not_ours (not a Gõ Cửa database, or not a database at all), newer (made by a newer program),
    damaged (fails SQLite's check), same_file (the database itself), busy (another window keeps writing)."""

    def __init__(self, code: str, message: str):
        super().__init__("backup_" + code)
        self.reason, self.detail = code, message     # the short code, and the technical sentence (not shown)


@dataclass
class RestoreResult:
    """What a restore did: the file put back and where the database as it was has been kept."""
    restored: str
    kept: str
    schema: int


def keep_count() -> int:
    """How many automatic backups to keep: $CANVASS_BACKUPS, else DEFAULT_KEEP (0: make none)."""
    try:
        return max(0, int(os.environ.get(KEEP_ENV, DEFAULT_KEEP)))
    except ValueError:
        return DEFAULT_KEEP


def database_file(db: Database) -> Path:
    """The SQLite file of a database; BackupError(not_sqlite) for a server or an in-memory database."""
    name = db.engine.url.database if db.is_sqlite else None
    if not name or name == ":memory:" or name.startswith("file:"):
        raise BackupError("not_sqlite", "backups are made of the embedded SQLite database only; "
                                        "a PostgreSQL server is backed up with pg_dump")
    return Path(name)


def backups_folder(db: Database) -> Path:
    """The folder of a database's backups (`backups` beside the file)."""
    return database_file(db).parent / FOLDER


def _copy(src: Path, dest: Path) -> None:
    """Copy a live SQLite database with the online backup API, atomically."""
    with atomic_path(dest) as tmp:
        with closing(sqlite3.connect(src, timeout=BUSY_TIMEOUT)) as s, closing(sqlite3.connect(tmp)) as d:
            s.backup(d)


def _name(db_file: Path, what: str) -> str:
    return f"{db_file.stem}-{dt.datetime.now():%Y%m%d-%H%M%S-%f}-{what}.db"


def backup_now(db: Database, out: str | os.PathLike | None = None) -> Path:
    """Copy the database to `out` (a file, or a folder to put it in; default: the backups folder); returns
    the file written. A copy made this way is kept until someone removes it."""
    src = database_file(db)
    if out is None:
        target = backups_folder(db)
        target.mkdir(exist_ok=True)
        target = target / _name(src, "manual")
    else:
        target = Path(out)
        if target.is_dir():
            target = target / _name(src, "manual")
        elif not target.parent.is_dir():
            raise BackupError("not_found", f"folder {str(target.parent)!r} does not exist")
    if target.exists() and target.resolve() == src.resolve():
        raise BackupError("same_file", "a backup cannot be written over the database itself")
    _copy(src, target)
    return target


def _rotate(folder: Path, stem: str, keep: int) -> None:
    auto = sorted(p for p in folder.glob(f"{stem}-*{AUTOMATIC}*.db") if p.is_file())
    for old in auto[:max(0, len(auto) - keep)]:
        old.unlink(missing_ok=True)


def before_change(db: Database, what: str) -> Optional[Path]:
    """The automatic backup before an import (`what`="import") or a pack merge ("merge"): a copy in the
    backups folder, the oldest automatic ones beyond keep_count() removed. Nothing on PostgreSQL or when
    keep_count() is 0. Returns the copy."""
    keep = keep_count()
    if keep == 0 or not db.is_sqlite:
        return None
    try:
        src = database_file(db)
    except BackupError:
        return None
    folder = src.parent / FOLDER
    folder.mkdir(exist_ok=True)
    target = folder / _name(src, AUTOMATIC.strip("-") + "-" + what)
    _copy(src, target)
    _rotate(folder, src.stem, keep)
    return target


def check_backup(path: str | os.PathLike) -> int:
    """The schema version of a file that may be restored; BackupError(not_found, not_ours, newer, damaged)
    otherwise. The file is opened read-only and left unchanged."""
    p = Path(path)
    if not p.is_file():
        raise BackupError("not_found", f"file {p.name!r} does not exist")
    engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True))
    try:
        with engine.connect() as conn:
            try:
                version = check_ours(conn)
            except ForeignDatabase:
                raise BackupError("not_ours", f"{p.name!r} is not a Gõ Cửa database") from None
            except DatabaseError:
                raise BackupError("newer", f"{p.name!r} was made by a newer version of the program") from None
            if version == 0:
                raise BackupError("not_ours", f"{p.name!r} is not a Gõ Cửa database")
            if conn.exec_driver_sql("PRAGMA quick_check").scalar() != "ok":
                raise BackupError("damaged", f"{p.name!r} is damaged")
    except BackupError:
        raise
    except Exception as exc:   # sqlite3's "file is not a database" and the like, through SQLAlchemy
        raise BackupError("not_ours", f"{p.name!r} is not a Gõ Cửa database") from exc
    finally:
        engine.dispose()
    return version


def restore(db: Database, path: str | os.PathLike) -> RestoreResult:
    """Put a backup back in place of the database's contents, after keeping the current ones aside (in the
    backups folder, as an automatic copy `...-before-restore.db`). One transaction: a kill leaves the
    database as it was. An older backup is brought to the current schema."""
    current = database_file(db)
    src = Path(path)
    if src.exists() and src.resolve() == current.resolve():
        raise BackupError("same_file", "this file is the database itself")
    version = check_backup(src)
    folder = current.parent / FOLDER
    folder.mkdir(exist_ok=True)
    kept = folder / _name(current, AUTOMATIC.strip("-") + "-restore")
    with closing(sqlite3.connect(f"{src.resolve().as_uri()}?mode=ro", uri=True)) as s, \
            closing(sqlite3.connect(current, timeout=BUSY_TIMEOUT, isolation_level=None)) as d:
        try:
            d.execute("BEGIN IMMEDIATE")     # wait (up to BUSY_TIMEOUT) for another window's write to end
            d.execute("ROLLBACK")
        except sqlite3.OperationalError as exc:
            raise BackupError("busy", "the database is busy: another window or program is writing to it") from exc
        _copy(current, kept)
        s.backup(d)
    db.dispose()   # pooled connections start again from the restored file
    migrate(db)
    return RestoreResult(restored=str(src), kept=str(kept), schema=version)


__all__ = ["BackupError", "RestoreResult", "backup_now", "before_change", "check_backup", "restore",
           "keep_count", "backups_folder", "database_file", "KEEP_ENV", "DEFAULT_KEEP"]
