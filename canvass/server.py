"""A shared PostgreSQL server: logins, group roles, and the rights PostgreSQL itself enforces.

`init_server` (run once, and again after an upgrade, by the server's owner: the role that owns the tables,
usually `postgres`) brings the schema up to date and creates:
- four group roles, one per kind of person (`ROLES`): `canvass_police`, `canvass_province`, `canvass_lead`,
  `canvass_viewer`. Each person is a LOGIN role in exactly one of them (`add_user`).
- `app_user(login, role, commune_id, team_id, active)`: which commune or team a login belongs to. Policies
  read it through SECURITY DEFINER helpers (`canvass_my_commune()`, `canvass_my_team()`,
  `canvass_my_hamlets()`, `canvass_my_teams()`) with a fixed search_path, keyed by `session_user` (the login
  that connected; `SET ROLE` cannot change it).
- grants and row-level security policies (the rights, below). A table without a policy for a role shows that
  role nothing; a table without a grant refuses it.
- figures views (`canvass_*_figures`): counts per hamlet, team and commune, no names, CCCDs or phones; a login
  with a commune sees its commune's, one without sees every commune's.
- `ix_source_row_text` (the police's source_text policy looks texts up by the rows that use them), and
  `canvass_cccds_held()` (a police import refused by the unique CCCD names its row: reconcile._refused).
- a trigger that writes the login into every new event's `actor` (what the program passes is replaced, so
  the log says who really wrote each event).

Rights (the issue's words): `police` of a commune: everything in their commune (events are append-only for
everyone but the owner; a campaign without a commune is not theirs); `province`: reads every commune and sets campaigns and targets (hamlet targets,
and commune targets allocated from the top: `commune` events); `lead` of a team:
reads the residents assigned to their team (with their households, hamlets, events) and records visits for
them (an event of kind visit/visit_void plus the cached state columns of those residents), nothing else (no
source rows, no imports, no other team); `viewer`: the figures views only.

Passwords never reach the server in plain text: `add_user` sends a SCRAM-SHA-256 verifier computed here
(`scram_verifier`), so no statement log can show one.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
from dataclasses import dataclass
from typing import Optional

from sqlalchemy import Connection, inspect, text

from canvass.db import Database, SCHEMA_VERSION, migrate
from canvass.errors import CanvassError, InvalidInput, NotFound
from canvass.models import Base

ROLES = ("police", "province", "lead", "viewer")
GROUP = {r: f"canvass_{r}" for r in ROLES}
LOGIN_RE = re.compile(r"^[a-z][a-z0-9_]{1,40}$")

# the resident columns a lead may write: the state cached from the log (canvass.events.CACHED_COLUMNS) and
# the version every event bumps
LEAD_RESIDENT_COLUMNS = ("status", "status_reason", "status_at", "attempts", "last_visit_at", "revisit_on",
                         "phone_new", "version")


class ServerError(CanvassError):
    """A server set-up step that cannot be done (not PostgreSQL, not the owner, a bad login name...)."""


@dataclass
class UserInfo:
    """One login: its role, commune and team (ids and names), and whether it may log in."""
    login: str
    role: str
    commune_id: Optional[int] = None
    commune: Optional[str] = None
    team_id: Optional[int] = None
    team: Optional[str] = None
    active: bool = True


@dataclass
class InitResult:
    """What `init_server` did: the schema version, the group roles it created (the others existed)."""
    schema_version: int
    roles_created: list[str]
    policies: int


def scram_verifier(password: str, *, salt: Optional[bytes] = None, iterations: int = 4096) -> str:
    """The SCRAM-SHA-256 verifier PostgreSQL stores for a password (RFC 5802/7677), computed here so that the
    plain password is never sent to the server."""
    salt = salt or os.urandom(16)
    salted = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", "sha256").digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", "sha256").digest()
    b64 = lambda b: base64.b64encode(b).decode("ascii")  # noqa: E731
    return f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"


def _require_pg(db: Database) -> None:
    if db.engine.dialect.name != "postgresql":
        raise ServerError("server_needs_postgres")


def _q(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def _has_column(conn: Connection, table: str, column: str) -> bool:
    return column in {c["name"] for c in inspect(conn).get_columns(table)}


# --- the SQL -------------------------------------------------------------------------------------------------

def _functions(schema: str, team_has_commune: bool) -> list[str]:
    """The helpers the policies call: SECURITY DEFINER (they read tables the caller may not), a fixed
    search_path, keyed by session_user."""
    # PL/pgSQL, not SQL: a SECURITY DEFINER SQL function is planned again at every call (~0.5 ms), and the
    # policies call them in every statement (a police re-import runs tens of thousands); PL/pgSQL keeps the plan
    # of its query for the session
    head = ("LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, {s}, pg_temp AS $$ BEGIN "
            "RETURN ({body}); END $$".replace("{s}", _q(schema)))
    me = "SELECT {col} FROM app_user WHERE login = session_user AND active"
    commune_teams = ("SELECT array_agg(id) FROM team WHERE commune_id = (SELECT commune_id FROM app_user "
                     "WHERE login = session_user AND active AND role = 'police')") if team_has_commune else (
        # before teams had a commune: the teams covering one of the commune's hamlets or holding its residents
        "SELECT array_agg(DISTINCT t) FROM (SELECT th.team_id AS t FROM team_hamlet th JOIN hamlet h ON "
        "h.id = th.hamlet_id WHERE h.commune_id = (SELECT commune_id FROM app_user WHERE login = session_user "
        "AND active AND role = 'police') UNION SELECT r.team_id FROM resident r JOIN hamlet h ON h.id = "
        "r.hamlet_id WHERE r.team_id IS NOT NULL AND h.commune_id = (SELECT commune_id FROM app_user WHERE "
        "login = session_user AND active AND role = 'police')) x")
    hamlets = ("SELECT CASE (SELECT role FROM app_user WHERE login = session_user AND active) "
               "WHEN 'police' THEN (SELECT array_agg(id) FROM hamlet WHERE commune_id = "
               "(SELECT commune_id FROM app_user WHERE login = session_user AND active)) "
               "WHEN 'lead' THEN (SELECT array_agg(DISTINCT hid) FROM (SELECT hamlet_id AS hid FROM team_hamlet "
               "WHERE team_id = (SELECT team_id FROM app_user WHERE login = session_user AND active) UNION "
               "SELECT hamlet_id FROM resident WHERE team_id = (SELECT team_id FROM app_user WHERE "
               "login = session_user AND active)) x) END")
    defs = {
        "canvass_my_role() RETURNS text": me.format(col="role"),
        "canvass_my_commune() RETURNS integer": me.format(col="commune_id"),
        "canvass_my_team() RETURNS integer": me.format(col="team_id") + " AND role = 'lead'",
        "canvass_my_hamlets() RETURNS integer[]": hamlets,
        "canvass_my_teams() RETURNS integer[]": commune_teams,
        "canvass_commune_logins() RETURNS text[]":
            "SELECT array_agg(login) FROM app_user WHERE commune_id = (SELECT commune_id FROM app_user "
            "WHERE login = session_user AND active AND role = 'police')",
    }
    out = []
    for sig, body in defs.items():
        out.append(f"CREATE OR REPLACE FUNCTION {sig} " + head.replace("{body}", body))
        name = sig.split(" RETURNS")[0]
        out.append(f"REVOKE ALL ON FUNCTION {name} FROM PUBLIC")
        out.append(f"GRANT EXECUTE ON FUNCTION {name} TO {', '.join(GROUP.values())}")
    # the highest id of a program table past the caller's policies (canvass.db.sync_sequence: a police import
    # must not hand out ids of rows it cannot see); ids only, for the police who import
    out.append("CREATE OR REPLACE FUNCTION canvass_max_id(tbl regclass) RETURNS bigint LANGUAGE plpgsql STABLE "
               f"SECURITY DEFINER SET search_path = pg_catalog, {_q(schema)}, pg_temp AS $$ DECLARE m bigint; "
               "BEGIN IF tbl NOT IN ('commune'::regclass, 'hamlet'::regclass, 'household'::regclass, "
               "'resident'::regclass, 'import_batch'::regclass, 'source_text'::regclass) THEN RETURN NULL; END IF; "
               "EXECUTE format('SELECT max(id) FROM %s', tbl) INTO m; RETURN m; END $$")
    out.append("REVOKE ALL ON FUNCTION canvass_max_id(regclass) FROM PUBLIC")
    out.append(f"GRANT EXECUTE ON FUNCTION canvass_max_id(regclass) TO {GROUP['police']}")
    # which of these CCCDs a resident holds, in any commune: a police import refused by the unique CCCD index
    # names the row (canvass.importing.reconcile._refused; PostgreSQL hides the key of a unique violation from a
    # login under row-level security). The index itself answers the same question to an INSERT: nothing new.
    out.append("CREATE OR REPLACE FUNCTION canvass_cccds_held(cccds text[]) RETURNS text[] LANGUAGE sql STABLE "
               f"SECURITY DEFINER SET search_path = pg_catalog, {_q(schema)}, pg_temp AS $$ SELECT array_agg(cccd) "
               "FROM resident WHERE cccd = ANY (cccds) AND canvass_my_role() = 'police' $$")
    out.append("REVOKE ALL ON FUNCTION canvass_cccds_held(text[]) FROM PUBLIC")
    out.append(f"GRANT EXECUTE ON FUNCTION canvass_cccds_held(text[]) TO {GROUP['police']}")
    out.append("""CREATE OR REPLACE FUNCTION canvass_event_actor() RETURNS trigger LANGUAGE plpgsql
        SET search_path = pg_catalog, pg_temp AS $$ BEGIN NEW.actor := session_user; RETURN NEW; END $$""")
    return out


MY_COMMUNE = "(SELECT canvass_my_commune())"
MY_TEAM = "(SELECT canvass_my_team())"
MY_HAMLETS = "COALESCE((SELECT canvass_my_hamlets()), '{}'::integer[])"
MY_TEAMS = "COALESCE((SELECT canvass_my_teams()), '{}'::integer[])"
RESIDENT_SEEN = "EXISTS (SELECT 1 FROM resident r WHERE r.id = {t}.resident_id)"   # under the caller's policies


def _policies(team_has_commune: bool) -> list[tuple[str, str, str, str, Optional[str], Optional[str]]]:
    """(table, policy name, command, group role, USING, WITH CHECK) of every policy."""
    P, V, L = GROUP["police"], GROUP["province"], GROUP["lead"]
    in_hamlets = f"hamlet_id = ANY ({MY_HAMLETS})"
    team_in = f"commune_id = {MY_COMMUNE}" if team_has_commune else f"id = ANY ({MY_TEAMS})"
    event_police = (f"({RESIDENT_SEEN.format(t='event')}) OR (resident_id IS NULL AND team_id = ANY ({MY_TEAMS})) "
                    "OR (resident_id IS NULL AND team_id IS NULL AND (kind IN ('campaign', 'commune') OR "
                    "actor = ANY (COALESCE((SELECT canvass_commune_logins()), '{}'::text[]))))")
    rows = [
        # police: everything in their commune
        ("commune", "police", "ALL", P, f"id = {MY_COMMUNE}", None),
        ("hamlet", "police", "ALL", P, f"commune_id = {MY_COMMUNE}", None),
        ("household", "police", "ALL", P, in_hamlets, None),
        ("resident", "police", "ALL", P, in_hamlets, None),
        ("resident_word", "police", "ALL", P, RESIDENT_SEEN.format(t="resident_word"), None),
        ("team", "police_read", "SELECT", P, team_in, None),
        ("team", "police_add", "INSERT", P, None, team_in if team_has_commune else "true"),
        ("team", "police_change", "UPDATE", P, team_in, team_in if team_has_commune else "true"),
        ("team_hamlet", "police", "ALL", P, in_hamlets, None),
        # a campaign without a commune (commune_id NULL: made before there were communes, or by the owner) is
        # nobody's but the province's: a police login sees and edits its own commune's campaigns only
        ("campaign", "police", "ALL", P, f"commune_id = {MY_COMMUNE}", None),
        ("campaign_phase", "police", "ALL", P,
         "EXISTS (SELECT 1 FROM campaign c WHERE c.id = campaign_phase.campaign_id)", None),
        ("hamlet_target", "police", "ALL", P, in_hamlets, None),
        ("import_batch", "police_read", "SELECT", P, "EXISTS (SELECT 1 FROM batch_hamlet bh WHERE "
         f"bh.batch_id = import_batch.id AND bh.hamlet_id = ANY ({MY_HAMLETS}))", None),
        ("import_batch", "police_add", "INSERT", P, None, "true"),
        ("batch_hamlet", "police", "ALL", P, in_hamlets, None),
        ("source_row", "police_read", "SELECT", P,
         "EXISTS (SELECT 1 FROM import_batch b WHERE b.id = source_row.batch_id)", None),
        ("source_row", "police_add", "INSERT", P, None, "true"),
        ("source_text", "police_read", "SELECT", P,
         "EXISTS (SELECT 1 FROM source_row s WHERE s.text_id = source_text.id)", None),
        ("source_text", "police_add", "INSERT", P, None, "true"),
        ("event", "police_read", "SELECT", P, event_police, None),
        ("event", "police_add", "INSERT", P, None, event_police),
        ("pack", "police", "ALL", P, f"team_id = ANY ({MY_TEAMS})", None),
        ("pack_item", "police", "ALL", P, "EXISTS (SELECT 1 FROM pack p WHERE p.id = pack_item.pack_id)", None),
        ("walklist_page", "police", "ALL", P, f"team_id IS NULL OR team_id = ANY ({MY_TEAMS})", None),
        # lead: the residents of their team, and visits for them
        ("resident", "lead_read", "SELECT", L, f"team_id = {MY_TEAM}", None),
        ("resident", "lead_state", "UPDATE", L, f"team_id = {MY_TEAM}", f"team_id = {MY_TEAM}"),
        ("resident_word", "lead", "SELECT", L, RESIDENT_SEEN.format(t="resident_word"), None),
        ("event", "lead_read", "SELECT", L, RESIDENT_SEEN.format(t="event"), None),
        ("event", "lead_visit", "INSERT", L, None,
         f"kind IN ('visit', 'visit_void') AND team_id = {MY_TEAM} AND {RESIDENT_SEEN.format(t='event')}"),
        ("household", "lead", "SELECT", L, "EXISTS (SELECT 1 FROM resident r WHERE r.household_id = household.id)",
         None),
        ("hamlet", "lead", "SELECT", L, f"id = ANY ({MY_HAMLETS})", None),
        ("team", "lead", "SELECT", L, f"id = {MY_TEAM}", None),
        ("team_hamlet", "lead", "SELECT", L, f"team_id = {MY_TEAM}", None),
        ("commune", "lead", "SELECT", L, f"id = {MY_COMMUNE}", None),
        ("campaign", "lead", "SELECT", L, f"commune_id = {MY_COMMUNE}", None),
        ("campaign_phase", "lead", "SELECT", L,
         "EXISTS (SELECT 1 FROM campaign c WHERE c.id = campaign_phase.campaign_id)", None),
        # province: reads everything; campaigns and targets
        ("event", "province_targets", "INSERT", V, None,
         "kind IN ('campaign', 'commune') AND resident_id IS NULL AND team_id IS NULL"),
    ]
    for table in ("commune", "hamlet", "household", "resident", "resident_word", "team", "team_hamlet",
                  "import_batch", "batch_hamlet", "source_row", "source_text", "event", "pack", "pack_item",
                  "walklist_page"):
        rows.append((table, "province_read", "SELECT", V, "true", None))
    for table in ("campaign", "campaign_phase", "hamlet_target"):
        rows.append((table, "province", "ALL", V, "true", None))
    return rows


def _grants(tables: list[str]) -> list[str]:
    """Table and column grants of the group roles (RLS then picks the rows)."""
    P, V, L, W = GROUP["police"], GROUP["province"], GROUP["lead"], GROUP["viewer"]
    everyone = ", ".join(GROUP.values())
    data = [t for t in tables if t not in ("meta", "app_user")]
    out = [f"GRANT SELECT ON meta, app_user TO {everyone}"]
    for t in data:
        if t == "event":    # the log is append-only: no UPDATE or DELETE for anyone but the owner
            out.append(f"GRANT SELECT, INSERT ON event TO {P}")
        else:
            out.append(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {_q(t)} TO {P}")
        out.append(f"GRANT SELECT ON {_q(t)} TO {V}")
    out.append(f"GRANT INSERT, UPDATE, DELETE ON campaign, campaign_phase, hamlet_target TO {V}")
    out.append(f"GRANT INSERT ON event TO {V}")
    lead_reads = ("resident", "resident_word", "event", "household", "hamlet", "team", "team_hamlet", "commune",
                  "campaign", "campaign_phase", "hamlet_target", "pack", "pack_item", "walklist_page")
    out.append(f"GRANT SELECT ON {', '.join(t for t in lead_reads if t in tables)} TO {L}")
    out.append(f"GRANT UPDATE ({', '.join(LEAD_RESIDENT_COLUMNS)}) ON resident TO {L}")
    out.append(f"GRANT INSERT ON event TO {L}")
    out.append(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {{schema}} TO {P}, {V}, {L}")
    out.append(f"GRANT SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {{schema}} TO {P}")
    out.append(f"GRANT SELECT ON canvass_hamlet_figures, canvass_team_figures, canvass_commune_figures TO {W}, "
               f"{P}, {V}, {L}")
    return out


_COUNTS = ("count(*) AS residents, "
           "count(*) FILTER (WHERE r.status = 'pending') AS pending, "
           "count(*) FILTER (WHERE r.status = 'activated') AS activated, "
           "count(*) FILTER (WHERE r.status = 'activated_system') AS activated_system, "
           "count(*) FILTER (WHERE r.status = 'absent') AS absent, "
           "count(*) FILTER (WHERE r.status = 'ineligible') AS ineligible, "
           "count(*) FILTER (WHERE r.status = 'wrong_phone') AS wrong_phone, "
           "count(*) FILTER (WHERE r.status = 'refused') AS refused, "
           "count(*) FILTER (WHERE r.status = 'revisit') AS revisit, "
           "count(*) FILTER (WHERE r.attempts > 0) AS visited")
# a login with a commune sees its commune's figures; one without (province) every commune's
_MINE = "(canvass_my_commune() IS NULL OR h.commune_id = canvass_my_commune()) AND canvass_my_role() IS NOT NULL"

VIEWS = {
    "canvass_hamlet_figures":
        f"SELECT h.commune_id, c.name AS commune, h.id AS hamlet_id, h.name AS hamlet, {_COUNTS} "
        f"FROM resident r JOIN hamlet h ON h.id = r.hamlet_id LEFT JOIN commune c ON c.id = h.commune_id "
        f"WHERE {_MINE} GROUP BY h.commune_id, c.name, h.id, h.name",
    "canvass_team_figures":
        f"SELECT h.commune_id, r.team_id, t.name AS team, {_COUNTS} "
        f"FROM resident r JOIN hamlet h ON h.id = r.hamlet_id LEFT JOIN team t ON t.id = r.team_id "
        f"WHERE {_MINE} GROUP BY h.commune_id, r.team_id, t.name",
    "canvass_commune_figures":
        f"SELECT h.commune_id, c.name AS commune, {_COUNTS} "
        f"FROM resident r JOIN hamlet h ON h.id = r.hamlet_id LEFT JOIN commune c ON c.id = h.commune_id "
        f"WHERE {_MINE} GROUP BY h.commune_id, c.name",
}


def init_server(db: Database) -> InitResult:
    """Make a PostgreSQL database shared with rights (module docstring); safe to run again (after an
    upgrade it re-applies the grants and policies to the new tables)."""
    _require_pg(db)
    migrate(db)
    created: list[str] = []
    with db.engine.begin() as conn:
        schema = conn.execute(text("SELECT current_schema()")).scalar()
        owner = conn.execute(text("SELECT tableowner = current_user FROM pg_tables WHERE tablename = 'resident' "
                                  "AND schemaname = current_schema()")).scalar()
        su = conn.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).scalar()
        if not (owner or su):
            raise ServerError("server_not_owner")
        for group in GROUP.values():
            if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": group}).first() is None:
                conn.execute(text(f"CREATE ROLE {group} NOLOGIN"))
                created.append(group)
        conn.execute(text(
            "CREATE TABLE IF NOT EXISTS app_user (login VARCHAR(63) PRIMARY KEY, role VARCHAR(12) NOT NULL "
            "CHECK (role IN ('police', 'province', 'lead', 'viewer')), commune_id INTEGER REFERENCES commune(id), "
            "team_id INTEGER REFERENCES team(id), active BOOLEAN NOT NULL DEFAULT TRUE, "
            "created_at TIMESTAMP NOT NULL DEFAULT now())"))
        # the police's source_text policy looks a text up by the rows that use it (source_row.text_id): without
        # this index every lookup scanned every list row ever imported (a police re-import of 20,000 residents
        # took 3 times the owner's). Only the server's policies read that way: SQLite files go without it.
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_source_row_text ON source_row (text_id)"))
        team_has_commune = _has_column(conn, "team", "commune_id")
        for stmt in _functions(schema, team_has_commune):
            conn.execute(text(stmt))
        conn.execute(text("DROP TRIGGER IF EXISTS canvass_event_actor ON event"))
        conn.execute(text("CREATE TRIGGER canvass_event_actor BEFORE INSERT ON event FOR EACH ROW "
                          "EXECUTE FUNCTION canvass_event_actor()"))
        for name, body in VIEWS.items():
            conn.execute(text(f"DROP VIEW IF EXISTS {name}"))
            conn.execute(text(f"CREATE VIEW {name} AS {body}"))
        tables = sorted(Base.metadata.tables) + ["app_user"]
        # what earlier runs granted and allowed goes first: a run gives exactly the rights of this program
        for group in GROUP.values():
            conn.execute(text(f"REVOKE ALL ON ALL TABLES IN SCHEMA {_q(schema)} FROM {group}"))
            conn.execute(text(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {_q(schema)} FROM {group}"))
            conn.execute(text(f"GRANT USAGE ON SCHEMA {_q(schema)} TO {group}"))
        for (table, name) in conn.execute(text(
                "SELECT tablename, policyname FROM pg_policies WHERE schemaname = current_schema() "
                "AND policyname LIKE 'canvass%'")).all():
            conn.execute(text(f"DROP POLICY {_q(name)} ON {_q(table)}"))
        for stmt in _grants(tables):
            conn.execute(text(stmt.replace("{schema}", _q(schema))))
        for table in tables:
            if table != "meta":
                conn.execute(text(f"ALTER TABLE {_q(table)} ENABLE ROW LEVEL SECURITY"))
        conn.execute(text(f"CREATE POLICY canvass_self ON app_user FOR SELECT TO {', '.join(GROUP.values())} "
                          "USING (login = session_user)"))
        policies = _policies(team_has_commune)
        for table, name, command, role, using, check in policies:
            sql = f"CREATE POLICY canvass_{name} ON {_q(table)} FOR {command} TO {role}"
            if using is not None:
                sql += f" USING ({using})"
            if check is not None:
                sql += f" WITH CHECK ({check})"
            conn.execute(text(sql))
    return InitResult(schema_version=SCHEMA_VERSION, roles_created=created, policies=len(policies) + 1)


# --- users ---------------------------------------------------------------------------------------------------

def _check_initialised(conn: Connection) -> None:
    if not inspect(conn).has_table("app_user"):
        raise ServerError("server_not_initialised")


def add_user(db: Database, login: str, role: str, password: str, *, commune: Optional[str] = None,
             team: Optional[str] = None) -> UserInfo:
    """Create a login in its group role, with its commune (police, and optionally lead or viewer) or team
    (lead). The password reaches the server only as a SCRAM verifier."""
    _require_pg(db)
    if not LOGIN_RE.match(login or "") or login.startswith(("canvass_", "pg_")):
        raise InvalidInput("login_invalid", login=login)
    if role not in ROLES:
        raise InvalidInput("role_unknown", role=role, choices=", ".join(ROLES))
    if not password or len(password) < 8:
        raise InvalidInput("password_too_short", minimum=8)
    if role == "police" and not commune:
        raise InvalidInput("role_needs_commune", role=role)
    if role == "lead" and not team:
        raise InvalidInput("role_needs_team", role=role)
    with db.engine.begin() as conn:
        _check_initialised(conn)
        if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :l"), {"l": login}).first() is not None:
            raise InvalidInput("login_taken", login=login)
        commune_id = commune_name = team_id = team_name = None
        from sqlalchemy.orm import Session

        from canvass.communes import find_commune
        from canvass.teams import find_team
        with Session(bind=conn) as s:
            if commune:
                c = find_commune(s, commune)
                commune_id, commune_name = c.id, c.name
            if team:
                t = find_team(s, team, commune_id)
                team_id, team_name = t.id, t.name
                if commune_id is None:
                    commune_id = t.commune_id
        verifier = scram_verifier(password)
        from psycopg import sql
        with conn.connection.driver_connection.cursor() as cur:   # the verifier as a literal, quoted by the driver
            cur.execute(sql.SQL("CREATE ROLE {} LOGIN IN ROLE {} PASSWORD {}").format(
                sql.Identifier(login), sql.Identifier(GROUP[role]), sql.Literal(verifier)))
        conn.execute(text("INSERT INTO app_user (login, role, commune_id, team_id) VALUES (:l, :r, :c, :t)"),
                     {"l": login, "r": role, "c": commune_id, "t": team_id})
    if commune_id is not None and commune_name is None:
        with db.read_connect() as conn:
            commune_name = conn.execute(text("SELECT name FROM commune WHERE id = :c"), {"c": commune_id}).scalar()
    return UserInfo(login, role, commune_id, commune_name, team_id, team_name, True)


def list_users(db: Database) -> list[UserInfo]:
    """Every login of this database, by name."""
    _require_pg(db)
    with db.read_connect() as conn:
        _check_initialised(conn)
        rows = conn.execute(text(
            "SELECT u.login, u.role, u.commune_id, c.name, u.team_id, t.name, u.active AND COALESCE(r.rolcanlogin, "
            "false) FROM app_user u LEFT JOIN commune c ON c.id = u.commune_id LEFT JOIN team t ON t.id = "
            "u.team_id LEFT JOIN pg_roles r ON r.rolname = u.login ORDER BY u.login")).all()
    return [UserInfo(*row) for row in rows]


def disable_user(db: Database, login: str) -> UserInfo:
    """Stop a login: it can no longer connect, its open sessions are ended, and policies no longer know it.
    Its events keep its name."""
    _require_pg(db)
    with db.engine.begin() as conn:
        _check_initialised(conn)
        if conn.execute(text("SELECT 1 FROM app_user WHERE login = :l"), {"l": login}).first() is None:
            raise NotFound("login_unknown", login=login)
        conn.execute(text(f"ALTER ROLE {_q(login)} NOLOGIN"))
        conn.execute(text("UPDATE app_user SET active = false WHERE login = :l"), {"l": login})
        conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = :l"), {"l": login})
    return next(u for u in list_users(db) if u.login == login)


def current_user(db: Database) -> Optional[UserInfo]:
    """The login this connection belongs to and its rights; None on SQLite or for the server's owner (a
    login without an app_user row: all rights its grants give)."""
    if db.engine.dialect.name != "postgresql":
        return None
    with db.read_connect() as conn:
        if not inspect(conn).has_table("app_user"):
            return None
        row = conn.execute(text("SELECT login, role, commune_id, team_id, active FROM app_user "
                                "WHERE login = session_user")).first()
        if row is None:
            return None
        user = UserInfo(row.login, row.role, row.commune_id, None, row.team_id, None, row.active)
        if user.role != "viewer":      # a viewer reads no table, only the figures views
            user.commune = conn.execute(text("SELECT name FROM commune WHERE id = :c"), {"c": user.commune_id}).scalar()
            user.team = conn.execute(text("SELECT name FROM team WHERE id = :t"), {"t": user.team_id}).scalar()
    return user


# ---- connecting as a login (the window's login dialog asks; the core connects) ---------------------------------

def needs_login(target: Optional[str]) -> bool:
    """True for a PostgreSQL URL without a password (the window asks for the login and password)."""
    from sqlalchemy import make_url

    if not target or "://" not in str(target):
        return False
    url = make_url(str(target))
    return url.get_backend_name() == "postgresql" and not url.password


def server_address(target: str) -> tuple[str, str]:
    """What a login dialog shows of a server URL (host, port and database: never a password) and the login
    the URL names ('' if none)."""
    from sqlalchemy import make_url

    url = make_url(str(target))
    return url.set(password=None).render_as_string(hide_password=True).split("@")[-1], url.username or ""


def connect_as(target: str, login: str, password: str) -> Database:
    """Open a server URL as a login. The password is used to connect and forgotten: the Database's `url` has
    none. A refused login or password raises CanvassError("login_refused")."""
    from sqlalchemy import make_url
    from sqlalchemy.exc import OperationalError

    from canvass.db import open_database

    url = make_url(str(target))
    try:
        db = open_database(url.set(username=login, password=password).render_as_string(hide_password=False))
    except OperationalError:
        raise CanvassError("login_refused", login=login) from None
    db.url = url.set(username=login, password=None).render_as_string(hide_password=True)
    return db


__all__ = ["ROLES", "GROUP", "UserInfo", "InitResult", "ServerError", "init_server", "add_user", "list_users",
           "disable_user", "current_user", "scram_verifier", "needs_login", "server_address", "connect_as"]
