"""A shared server for the role and concurrency tests: two communes imported by the owner, teams, logins
with passwords the server really checks (scram-sha-256 for the program's group roles)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import make_url, select, text

from canvass.assignment import assign_residents
from canvass.db import open_database
from canvass.importing import run_import
from canvass.models import Commune, Hamlet, Resident
from canvass.server import GROUP, add_user, init_server
from canvass.teams import add_team
from tests.core.importfiles import people, standard_rows, write_xlsx

PASSWORD = "mat-khau-thu-1"     # every test login's password (generated, test-only)
HBA_LINE = f"host all {','.join('+' + g for g in GROUP.values())} 127.0.0.1/32 scram-sha-256\n"


def commune_rows(name: str, persons: list[dict]) -> list[list]:
    """A police list of `persons` whose heading names the commune `name` ("CÔNG AN XÃ <NAME>")."""
    rows = standard_rows(persons)
    rows[1] = [c.replace("CÔNG AN XÃ HƯNG ĐẠO", f"CÔNG AN XÃ {name.upper()}") if isinstance(c, str) else c
               for c in rows[1]]
    return rows


def require_passwords(owner_db) -> None:
    """Make the test server check the passwords of the program's logins (the owner keeps trust)."""
    with owner_db.engine.connect() as conn:
        hba = Path(conn.execute(text("SHOW hba_file")).scalar())
        body = hba.read_text()
        if HBA_LINE not in body:
            hba.write_text(HBA_LINE + body)
            conn.execute(text("SELECT pg_reload_conf()"))
        conn.commit()


def login_url(url: str, login: str, password: str = PASSWORD) -> str:
    """The server URL for a login."""
    return make_url(url).set(username=login, password=password).render_as_string(hide_password=False)


def psycopg_dsn(url: str, login: str, password: str = PASSWORD) -> str:
    """A libpq connection string for a login (to connect with the driver alone, as an attacker would)."""
    u = make_url(url)
    return f"host={u.host} port={u.port} dbname={u.database} user={login} password={password}"


@dataclass
class Server:
    """The owner's database and what the fixture made: commune, team and resident ids, logins."""
    url: str
    db: object
    communes: dict[str, int] = field(default_factory=dict)
    teams: dict[str, int] = field(default_factory=dict)
    residents: dict[str, list[int]] = field(default_factory=dict)   # by team name, and by commune name
    logins: list[str] = field(default_factory=list)
    hd: str = ""     # the two communes' names as the database holds them: Hưng Đạo, Tân Lập
    tl: str = ""

    def open_as(self, login: str, password: str = PASSWORD):
        """The program's own database object, connected as a login."""
        return open_database(login_url(self.url, login, password))

    def add(self, login: str, role: str, **kw) -> str:
        add_user(self.db, login, role, PASSWORD, **kw)
        self.logins.append(login)
        return login

    def drop_logins(self) -> None:
        with self.db.engine.begin() as conn:
            for login in self.logins:
                conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = :l"),
                             {"l": login})
                conn.execute(text(f'DROP ROLE IF EXISTS "{login}"'))


def build_server(pg_db, pg_url, tmp_path, *, per_commune: int = 40) -> Server:
    """Two communes (Hưng Đạo, Tân Lập) of `per_commune` residents each, imported by the owner; two teams in
    Hưng Đạo (A1, A2: half of its residents each) and one in Tân Lập (B1: all of its); `server init` done."""
    srv = Server(url=pg_url, db=pg_db)
    lists = {"Hưng Đạo": people(per_commune, start=1), "Tân Lập": people(per_commune, start=5001)}
    for name, persons in lists.items():
        run_import(pg_db, write_xlsx(tmp_path / f"{name}.xlsx", commune_rows(name, persons)))
    with pg_db.session() as s:
        for c in s.scalars(select(Commune)):
            srv.communes[c.name] = c.id
        srv.hd, srv.tl = _key(srv, "hưng"), _key(srv, "tân")
        for cname, cid in srv.communes.items():
            ids = list(s.scalars(select(Resident.id).join(Hamlet, Hamlet.id == Resident.hamlet_id)
                                 .where(Hamlet.commune_id == cid).order_by(Resident.id)))
            srv.residents[cname] = ids
        a, b = srv.residents[srv.hd], srv.residents[srv.tl]
        for team, ids in (("A1", a[: len(a) // 2]), ("A2", a[len(a) // 2:]), ("B1", b)):
            t = add_team(s, team, commune=srv.communes[srv.hd if team.startswith("A") else srv.tl])
            s.flush()
            assign_residents(s, ids, t.id)
            srv.teams[team], srv.residents[team] = t.id, ids
    init_server(pg_db)
    require_passwords(pg_db)
    return srv


def _key(srv: Server, start: str) -> str:
    return next(k for k in srv.communes if k.lower().startswith(("xã " + start, start)))

