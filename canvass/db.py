"""Opening the database: an embedded SQLite file by default, any SQLAlchemy URL (PostgreSQL) on request.

Schema versioning: `meta.schema_version` names the version a database is at; `migrate()` brings it to
`SCHEMA_VERSION` by running the steps in `MIGRATIONS` in order, each in its own transaction. Version 1
is the first schema; each later step changes a database made by an earlier program (a new database runs them
all, and they do nothing where `create_all` already made the change).
"""
from __future__ import annotations

import datetime as dt
import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from sqlalchemy import Connection, Engine, Index, Table, create_engine, event, insert, inspect, select, text
from sqlalchemy.orm import sessionmaker
from sqlalchemy.schema import CreateColumn

from canvass.models import Base, Event, Meta, Resident

SCHEMA_VERSION = 7
ENV_VAR = "CANVASS_DB"

# Indexes beyond the ones declared on the columns: the residents view sorts by (column, name_sort, id),
# so every sortable column has a (column, name_sort) index (SQLite appends the rowid id itself). Each also
# serves every lookup by its first column (filters, joins, foreign-key checks), so that column has no index
# of its own (REDUNDANT_INDEXES: one fewer index to write on every import and visit).
EXTRA_INDEXES = (
    Index("ix_resident_dob_name", Resident.dob, Resident.name_sort),
    Index("ix_resident_attempts_name", Resident.attempts, Resident.name_sort),
    Index("ix_resident_last_visit_name", Resident.last_visit_at, Resident.name_sort),
    Index("ix_resident_cccd_name", Resident.cccd, Resident.name_sort),
    Index("ix_resident_phone_name", Resident.phone, Resident.name_sort),
    Index("ix_resident_household_name", Resident.household_id, Resident.name_sort),
    Index("ix_resident_hamlet_name", Resident.hamlet_id, Resident.name_sort),
    Index("ix_resident_status_name", Resident.status, Resident.name_sort),
    Index("ix_resident_team_name", Resident.team_id, Resident.name_sort),
    # the residents table's first page of a broad search walks this in name order (every column a name search
    # reads: no table row is read)
    Index("ix_resident_name_sort_fold", Resident.name_sort, Resident.id, Resident.name_fold, Resident.id_raw),
)

# single-column indexes that older schemas had, each the first column of a composite above
REDUNDANT_INDEXES = ("ix_resident_name_sort", "ix_resident_phone", "ix_resident_hamlet_id",
                     "ix_resident_household_id", "ix_resident_team_id", "ix_resident_status")


class DatabaseError(Exception):
    """The database cannot be opened or is of a newer schema than this program."""


class ForeignDatabase(DatabaseError):
    """The file is another program's database: it is refused and left unchanged."""


class MissingFolder(DatabaseError):
    """The folder of a database path does not exist (code `missing_folder`, the folder in `folder`): a
    mistyped --db path, not a new database somewhere unexpected."""
    code = "missing_folder"

    def __init__(self, folder: str):
        super().__init__(f"folder {folder!r} does not exist; check the database path (only the program's own "
                         "data folder is created)")
        self.folder = folder


def default_path() -> Path:
    """The embedded database in the user's data folder (%APPDATA%\\GoCua on Windows)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
        folder = base / "GoCua"
    elif sys.platform == "darwin":
        folder = Path.home() / "Library" / "Application Support" / "GoCua"
    else:
        folder = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "gocua"
    return folder / "canvass.db"


def resolve_url(target: str | os.PathLike | None = None) -> str:
    """Turn a path, a SQLAlchemy URL, $CANVASS_DB or nothing (the default file) into a URL. A path into a
    missing folder raises MissingFolder, except in the default data folder (made on first use)."""
    target = target if target not in (None, "") else os.environ.get(ENV_VAR) or None
    if target is None:
        target = default_path()
    target = str(target)
    if "://" in target:
        return target
    path = Path(target).expanduser().resolve()
    if not path.parent.is_dir():
        # only the program's own data folder is made; any other missing folder is a mistyped path, and a
        # database silently made there would be lost to the person who typed it
        if path.parent != default_path().parent.expanduser().resolve():
            raise MissingFolder(str(path.parent))
        path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    # The driver's own transaction handling is off: it would start a transaction only at the first write
    # (so a read-then-write loses updates under concurrency) and commit before DDL (so a new database is
    # made in many steps). `_begin` emits the BEGIN instead.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA cache_size=-65536")
    cur.close()


READ_ONLY = "canvass_read_only"          # execution option of `Database.read()` transactions
WRITE_LOCK_KEY = 0x6F63_7561            # PostgreSQL advisory lock taken by every writing transaction


def _begin(conn: Connection) -> None:
    """Start every transaction the same way: writers take the write lock before their first read.

    SQLite: `BEGIN IMMEDIATE` (the one writer lock, waited for up to busy_timeout), plain `BEGIN` for
    `read()`. PostgreSQL: one transaction-scoped advisory lock for writers. So a transaction that reads a
    resident and writes it back can never interleave with another writer: every outcome equals some serial
    order (a count or version read is never stale when it is written)."""
    read_only = conn.get_execution_options().get(READ_ONLY, False)
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")
    elif conn.dialect.name == "postgresql" and not read_only:
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")


@dataclass
class Database:
    """An open database: the engine, a session factory and what kind of server it is."""
    engine: Engine
    url: str
    Session: sessionmaker
    ReadSession: sessionmaker

    @property
    def is_sqlite(self) -> bool:
        """True for the embedded SQLite file."""
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One writing transaction (holds the write lock from its start): committed when the block ends,
        rolled back if it raises."""
        with self.Session() as s, s.begin():
            yield s

    @contextmanager
    def read(self) -> Iterator[Session]:
        """One reading transaction: a consistent snapshot that never waits for a writer (views, queries).
        Writing in it is a bug: SQLite may refuse the write while another writer is busy."""
        with self.ReadSession() as s, s.begin():
            yield s

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A Core connection in one writing transaction (for bulk work)."""
        with self.engine.begin() as conn:
            yield conn

    @contextmanager
    def read_connect(self) -> Iterator[Connection]:
        """A Core connection in one reading transaction (rolled back at the end)."""
        with self.engine.execution_options(**{READ_ONLY: True}).connect() as conn:
            try:
                yield conn
            finally:
                conn.rollback()

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def open_database(target: str | os.PathLike | None = None, *, migrate_schema: bool = True) -> Database:
    """Open (and create or upgrade) the database at a path or URL; None means $CANVASS_DB or the default."""
    url = resolve_url(target)
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "begin", _begin)
    db = Database(engine=engine, url=url, Session=sessionmaker(engine, expire_on_commit=False),
                  ReadSession=sessionmaker(engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False))
    if migrate_schema:
        migrate(db)
    return db


def schema_version(conn: Connection) -> int:
    """The version a database is at (0 for an empty one)."""
    if not inspect(conn).has_table("meta"):
        return 0
    value = conn.execute(select(Meta.value).where(Meta.key == "schema_version")).scalar()
    return int(value) if value else 0


def _v1(conn: Connection) -> None:
    Base.metadata.create_all(conn)
    for ix in EXTRA_INDEXES:
        ix.create(conn, checkfirst=True)
    conn.execute(insert(Meta), [{"key": "created_at", "value": dt.datetime.now().isoformat(timespec="seconds")}])


def _v2(conn: Connection) -> None:
    """Source rows point to their text, stored once (`source_text`): databases made before it get the column."""
    Base.metadata.tables["source_text"].create(conn, checkfirst=True)
    if "text_id" not in {c["name"] for c in inspect(conn).get_columns("source_row")}:
        conn.execute(text("ALTER TABLE source_row ADD COLUMN text_id INTEGER REFERENCES source_text(id)"))


def _v3_reversed_numbers(conn: Connection) -> None:
    """Search by the end of a number: the reversed CCCD, phone and visit's new phone (columns the database
    computes, so existing rows are filled as they are added) and their indexes, and an index on the new phone.
    (SQLite adds a computed column to an existing table only as VIRTUAL: computed when read, and stored in
    its index, which is all the search reads.)"""
    table = Resident.__table__
    have = {c["name"] for c in inspect(conn).get_columns("resident")}
    for name in ("cccd_rev", "phone_rev", "phone_new_rev"):
        if name not in have:
            ddl = str(CreateColumn(table.c[name]).compile(dialect=conn.dialect))
            if conn.dialect.name == "sqlite":
                ddl = ddl.replace(" STORED", " VIRTUAL")
            conn.execute(text(f"ALTER TABLE resident ADD COLUMN {ddl}"))
    for ix in table.indexes:
        if {c.name for c in ix.columns} & {"cccd_rev", "phone_rev", "phone_new_rev", "phone_new"}:
            ix.create(conn, checkfirst=True)


def _v4_import_modes_and_raw_ids(conn: Connection) -> None:
    """Import modes and extraction dates on batches, the hamlets each batch covered, and the as-written ID of
    residents without a valid CCCD. Batches made before it: extracted the day they were imported, complete,
    covering the hamlets of the residents their rows became."""
    batch_cols = {c["name"] for c in inspect(conn).get_columns("import_batch")}
    if "extracted_on" not in batch_cols:
        conn.execute(text("ALTER TABLE import_batch ADD COLUMN extracted_on DATE"))
        conn.execute(text("UPDATE import_batch SET extracted_on = CAST(imported_at AS DATE)")
                     if conn.dialect.name != "sqlite" else
                     text("UPDATE import_batch SET extracted_on = date(imported_at)"))
    if "mode" not in batch_cols:
        conn.execute(text("ALTER TABLE import_batch ADD COLUMN mode VARCHAR(12)"))
        conn.execute(text("UPDATE import_batch SET mode = 'complete'"))
    if "id_raw" not in {c["name"] for c in inspect(conn).get_columns("resident")}:
        conn.execute(text("ALTER TABLE resident ADD COLUMN id_raw VARCHAR(40)"))
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_resident_id_raw ON resident (id_raw)"))
    if not inspect(conn).has_table("batch_hamlet"):
        Base.metadata.tables["batch_hamlet"].create(conn)
        conn.execute(text("INSERT INTO batch_hamlet (batch_id, hamlet_id) SELECT DISTINCT s.batch_id, r.hamlet_id "
                          "FROM source_row s JOIN resident r ON r.id = s.resident_id"))


def _v5_walklist_pages(conn: Connection) -> None:
    """Printed walk-list pages are recorded (`walklist_page`) so that a photo of one can be read back."""
    Base.metadata.tables["walklist_page"].create(conn, checkfirst=True)


def _v6_communes_own_teams(conn: Connection) -> None:
    """Many communes in one database: a team belongs to a commune (`team.commune_id`) and its name is unique
    within that commune, not across the database. Hamlets without a commune go to the only commune (with several
    they are not guessed); a campaign without one goes to the first commune (the one the old program's documents
    named); a team to the commune of the hamlets it covers, else of its residents, else the first one.

    SQLite cannot drop the old UNIQUE(name) (an automatic index), so the team table is rebuilt inside this
    step's transaction: its rows are copied aside, the table dropped and made anew, the rows put back. Foreign
    keys stay on but are checked at commit (`defer_foreign_keys`): dropping the table counts every row that
    points to a team as broken, putting the same ids back counts them mended, and the commit fails (leaving the
    database at version 5) if anything were left broken."""
    team = Base.metadata.tables["team"]
    have = [c["name"] for c in inspect(conn).get_columns("team")]
    if "commune_id" not in have:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
            conn.exec_driver_sql("CREATE TEMP TABLE team_v5 AS SELECT * FROM team")
            conn.exec_driver_sql("DROP TABLE team")
            team.create(conn)
            cols = ", ".join(c for c in have if c in team.c)
            conn.exec_driver_sql(f"INSERT INTO team ({cols}) SELECT {cols} FROM team_v5")
            conn.exec_driver_sql("DROP TABLE temp.team_v5")
        else:
            for uc in inspect(conn).get_unique_constraints("team"):
                if uc["column_names"] == ["name"]:
                    conn.execute(text(f'ALTER TABLE team DROP CONSTRAINT "{uc["name"]}"'))
            conn.execute(text("ALTER TABLE team ADD COLUMN commune_id INTEGER REFERENCES commune(id)"))
            conn.execute(text("ALTER TABLE team ADD CONSTRAINT uq_team_commune_name UNIQUE (commune_id, name)"))
            for ix in team.indexes:
                ix.create(conn, checkfirst=True)
    communes = conn.execute(text("SELECT id FROM commune ORDER BY id")).scalars().all()
    if len(communes) == 1:
        conn.execute(text("UPDATE hamlet SET commune_id = :c WHERE commune_id IS NULL"), {"c": communes[0]})
    if communes:
        conn.execute(text("UPDATE campaign SET commune_id = :c WHERE commune_id IS NULL"), {"c": communes[0]})
        conn.execute(text(
            "UPDATE team SET commune_id = COALESCE("
            " (SELECT MIN(h.commune_id) FROM team_hamlet th JOIN hamlet h ON h.id = th.hamlet_id"
            "  WHERE th.team_id = team.id),"
            " (SELECT MIN(h.commune_id) FROM resident r JOIN hamlet h ON h.id = r.hamlet_id"
            "  WHERE r.team_id = team.id),"
            " :first) WHERE commune_id IS NULL"), {"first": communes[0]})


def _v7_no_redundant_indexes(conn: Connection) -> None:
    """Drop the single-column resident indexes that a composite starting with the same column makes redundant
    (REDUNDANT_INDEXES): lookups, sorts and foreign-key checks use the composite, which is made first here if
    missing, and imports and visits write six fewer index entries per resident."""
    for ix in EXTRA_INDEXES:
        ix.create(conn, checkfirst=True)
    for name in REDUNDANT_INDEXES:
        conn.execute(text(f"DROP INDEX IF EXISTS {name}"))


MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _v1, 2: _v2, 3: _v3_reversed_numbers,
                                                     4: _v4_import_modes_and_raw_ids, 5: _v5_walklist_pages,
                                                     6: _v6_communes_own_teams, 7: _v7_no_redundant_indexes}


def check_ours(conn: Connection) -> int:
    """The schema version of a database this program can use (0: empty); raises ForeignDatabase for another
    program's tables and DatabaseError for a newer program's schema."""
    current = schema_version(conn)
    if current == 0 and inspect(conn).get_table_names():
        raise ForeignDatabase("this database holds other tables and is not a Gõ Cửa database; it was left unchanged")
    if current > SCHEMA_VERSION:
        raise DatabaseError(f"database schema {current} is newer than this program ({SCHEMA_VERSION})")
    return current


def migrate(db: Database) -> int:
    """Bring the schema to SCHEMA_VERSION; refuse a database made by a newer program."""
    with db.engine.begin() as conn:
        current = check_ours(conn)
    for version in range(current + 1, SCHEMA_VERSION + 1):
        with db.engine.begin() as conn:
            MIGRATIONS[version](conn)
            conn.execute(Meta.__table__.delete().where(Meta.key == "schema_version"))
            conn.execute(insert(Meta), [{"key": "schema_version", "value": str(version)}])
    # tables and indexes added before a release are created here too (both skip existing ones)
    with db.engine.begin() as conn:
        Base.metadata.create_all(conn)
        for ix in EXTRA_INDEXES:
            ix.create(conn, checkfirst=True)
    return SCHEMA_VERSION


def bulk_insert(conn: Connection, table: Table, columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Insert many rows fast: the DB-API's own executemany on SQLite; on PostgreSQL `COPY … FROM STDIN` where
    the login may use it (`copy_allowed`), else COPY into a temporary table and one `INSERT … SELECT` from it
    (the table's policies check every row as they would an INSERT's), else SQLAlchemy Core's multi-row INSERT
    (a login without the right to make temporary tables).

    `rows` are tuples in the order of `columns`. Returns the number of rows inserted. Same rows, same
    constraints and triggers either way; a database error from COPY is raised as SQLAlchemy's DBAPIError, as
    an INSERT's would be.
    """
    rows = rows if isinstance(rows, list) else list(rows)
    if not rows:
        return 0
    if conn.dialect.name == "sqlite":
        cols = ", ".join(columns)
        marks = ", ".join("?" * len(columns))
        raw = conn.connection.driver_connection
        cur = raw.cursor()
        cur.executemany(f"INSERT INTO {table.name} ({cols}) VALUES ({marks})", rows)
        cur.close()
    elif conn.dialect.name != "postgresql" or not POSTGRES_COPY or not _copied(conn, table, columns, rows):
        conn.execute(insert(table), [dict(zip(columns, r)) for r in rows])
    return len(rows)


# PostgreSQL's COPY writes a 20,000-resident import in 3.8 s against 12.3 s for multi-row INSERTs (the same
# rows, one throw-away server, fsync off). False only to compare the paths (tests, bench).
POSTGRES_COPY = True


def copy_allowed(conn: Connection, table: Table) -> bool:
    """True when this PostgreSQL login may COPY into the table: COPY FROM is refused for a login that
    row-level security applies to (a shared server's police and lead logins: `canvass.server`), so only a
    superuser, a role with BYPASSRLS or the table's owner (when the table does not force its policies) uses
    it. Asked once per table and connection."""
    known = conn.info.setdefault("canvass_copy_allowed", {})
    if table.name not in known:
        known[table.name] = bool(conn.execute(text(
            "SELECT NOT c.relrowsecurity OR r.rolsuper OR r.rolbypassrls "
            "OR (c.relowner = r.oid AND NOT c.relforcerowsecurity) "
            "FROM pg_class c, pg_roles r WHERE c.oid = to_regclass(:t) AND r.rolname = current_user"),
            {"t": table.name}).scalar())
    return known[table.name]


def _copied(conn: Connection, table: Table, columns: Sequence[str], rows: list) -> bool:
    """PostgreSQL: COPY the rows straight in where the login may, else through a temporary table; False when
    neither is possible (nothing written)."""
    if copy_allowed(conn, table):
        _copy_rows(conn, table.name, columns, rows)
        return True
    return _copy_through_temp(conn, table, columns, rows)


def _copy_through_temp(conn: Connection, table: Table, columns: Sequence[str], rows: list) -> bool:
    """For a login under row-level security: COPY the rows into a temporary table shaped like `table` (made
    once per transaction, dropped at its end), then `INSERT … SELECT` them, where the policies, constraints and
    triggers apply as to any INSERT. False, and nothing written, when the login may not make temporary tables
    (remembered for the connection)."""
    from sqlalchemy.exc import DBAPIError

    if conn.info.get("canvass_no_temp"):
        return False
    temp, cols = f"canvass_bulk_{table.name}", ", ".join(columns)
    try:
        with conn.begin_nested():     # a refusal must not end the caller's transaction
            conn.exec_driver_sql(f"CREATE TEMP TABLE IF NOT EXISTS {temp} ON COMMIT DROP AS "
                                 f"SELECT * FROM {table.name} WITH NO DATA")
    except DBAPIError:
        conn.info["canvass_no_temp"] = True
        return False
    _copy_rows(conn, temp, columns, rows)
    conn.exec_driver_sql(f"INSERT INTO {table.name} ({cols}) SELECT {cols} FROM {temp}")
    conn.exec_driver_sql(f"TRUNCATE {temp}")
    return True


def _copy_rows(conn: Connection, table: str, columns: Sequence[str], rows: list) -> None:
    from sqlalchemy.exc import DBAPIError

    statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    raw = conn.connection.driver_connection
    try:
        with raw.cursor() as cur, cur.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
    except raw.Error as exc:   # as SQLAlchemy raises a failed INSERT: callers (refusals, messages) see one kind
        raise DBAPIError.instance(statement, None, exc, type(raw).Error, dialect=conn.dialect) from None


def _max_id(conn: Connection, table: Table) -> str:
    """SQL for a table's highest id: every row's, also under row-level security (a shared server set up by
    canvass.server has `canvass_max_id`, which reads past the caller's policies)."""
    if conn.dialect.name == "postgresql" and conn.execute(
            text("SELECT to_regprocedure('canvass_max_id(regclass)') IS NOT NULL")).scalar():
        return f"COALESCE(canvass_max_id('{table.name}'), 0)"
    return f"COALESCE((SELECT MAX(id) FROM {table.name}), 0)"


def _sequence_next(conn: Connection, table: Table) -> str:
    """SQL for the value a PostgreSQL table's id sequence gives next (without taking it)."""
    seq = conn.execute(text(f"SELECT pg_get_serial_sequence('{table.name}', 'id')")).scalar()
    return f"(SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM {seq})"


def next_id(conn: Connection, table: Table) -> int:
    """The next free integer id of a table (for bulk inserts that assign ids themselves).

    PostgreSQL: the table's sequence says (never at or below the highest id), so ids come from the database
    even where row-level security hides other communes' rows from MAX(id). The ids after it stay free until
    `sync_sequence` moves the sequence past them: every writer holds the write lock (`_begin`) from its start."""
    if conn.dialect.name == "postgresql":
        return conn.execute(text(f"SELECT GREATEST({_sequence_next(conn, table)}, {_max_id(conn, table)} + 1)")
                            ).scalar()
    return (conn.execute(text(f"SELECT COALESCE(MAX(id), 0) FROM {table.name}")).scalar() or 0) + 1


def sync_sequence(conn: Connection, table: Table) -> None:
    """After a bulk insert with explicit ids, move PostgreSQL's id sequence past them (SQLite needs nothing);
    never back."""
    if conn.dialect.name == "postgresql":
        conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                          f"GREATEST({_sequence_next(conn, table)}, {_max_id(conn, table)} + 1), false)"))


def now() -> dt.datetime:
    """The local wall-clock time, to the second (what the users' paper forms show)."""
    return dt.datetime.now().replace(microsecond=0)


__all__ = ["Database", "DatabaseError", "ForeignDatabase", "open_database", "default_path", "resolve_url", "migrate",
           "check_ours", "MissingFolder",
           "bulk_insert", "next_id", "sync_sequence", "now", "SCHEMA_VERSION", "Event"]
