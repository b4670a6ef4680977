"""Logins and rights enforced by PostgreSQL, tested as an attacker would: connected with the driver alone
(psycopg), past the program, each forbidden read returns nothing and each forbidden write is refused."""
from __future__ import annotations

import datetime as dt

import psycopg
import pytest
from sqlalchemy import select, text

from canvass.cli import main
from canvass.errors import NotFound
from canvass.events import record_visit
from canvass.models import Event, Resident
from canvass.server import current_user, disable_user, list_users, scram_verifier
from tests.core.serverdata import PASSWORD, build_server, psycopg_dsn

pytestmark = pytest.mark.postgres

VISIT_AT = dt.datetime(2025, 3, 10, 9, 30)


@pytest.fixture
def server(pg_db, pg_url, tmp_path):
    srv = build_server(pg_db, pg_url, tmp_path)
    hd, tl = srv.hd, srv.tl
    srv.add("lead_a1", "lead", team="A1")
    srv.add("police_a", "police", commune=hd)
    srv.add("police_b", "police", commune=tl)
    srv.add("province", "province")
    srv.add("viewer_a", "viewer", commune=hd)
    yield srv
    srv.drop_logins()


def connect(srv, login: str, password: str = PASSWORD) -> psycopg.Connection:
    return psycopg.connect(psycopg_dsn(srv.url, login, password), autocommit=True)


def refused(conn: psycopg.Connection, sql: str, params=()) -> bool:
    """True when the server refuses the statement (no privilege, or a row-level policy)."""
    try:
        conn.execute(sql, params)
    except (psycopg.errors.InsufficientPrivilege, psycopg.errors.CheckViolation) as exc:
        return "permission denied" in str(exc) or "row-level security" in str(exc)
    return False


def test_passwords_are_checked_and_never_sent_in_plain_text(server):
    with pytest.raises(psycopg.OperationalError):
        connect(server, "lead_a1", "wrong-password")
    with connect(server, "lead_a1") as c:
        assert c.execute("SELECT session_user").fetchone()[0] == "lead_a1"
    with server.db.engine.connect() as conn:
        stored = conn.execute(text("SELECT rolpassword FROM pg_authid WHERE rolname = 'lead_a1'")).scalar()
    assert stored.startswith("SCRAM-SHA-256$4096:") and PASSWORD not in stored
    assert scram_verifier(PASSWORD) != scram_verifier(PASSWORD)    # a fresh salt each time


def test_lead_reads_only_their_team(server):
    a1 = set(server.residents["A1"])
    with connect(server, "lead_a1") as c:
        seen = {r[0] for r in c.execute("SELECT id FROM resident")}
        assert seen == a1
        # the event log: only the events of their team's residents
        logged = {r[0] for r in c.execute("SELECT DISTINCT resident_id FROM event")}
        assert logged == a1
        # search words, households, hamlets: only theirs
        assert {r[0] for r in c.execute("SELECT DISTINCT resident_id FROM resident_word")} == a1
        assert c.execute("SELECT count(*) FROM hamlet h WHERE NOT EXISTS (SELECT 1 FROM resident r "
                         "WHERE r.hamlet_id = h.id)").fetchone()[0] == 0
        assert c.execute("SELECT count(*) FROM team").fetchone()[0] == 1
        # other communes' figures through the policies' helpers: none
        assert c.execute("SELECT canvass_my_teams(), canvass_commune_logins()").fetchone() == (None, None)
        assert c.execute("SELECT login FROM app_user").fetchall() == [("lead_a1",)]
        # the raw text of the police lists and the import batches: refused outright
        for table in ("source_row", "source_text", "import_batch", "batch_hamlet"):
            assert refused(c, f"SELECT * FROM {table}"), table


def test_lead_cannot_change_what_is_not_theirs(server):
    other = server.residents["A2"][0]
    mine = server.residents["A1"][0]
    b = server.residents["B1"][0]
    with connect(server, "lead_a1") as c:
        # another team's resident: nothing to update
        assert c.execute("UPDATE resident SET status = 'activated' WHERE id = %s", (other,)).rowcount == 0
        assert c.execute("UPDATE resident SET status = 'activated' WHERE id = %s", (b,)).rowcount == 0
        # their own resident's identity (name, CCCD, team): refused; moving a resident to their team: refused
        assert refused(c, "UPDATE resident SET name = 'X' WHERE id = %s", (mine,))
        assert refused(c, "UPDATE resident SET team_id = %s WHERE id = %s", (server.teams["A2"], mine))
        # an event for another team's resident, or of a kind a lead does not write
        for rid, team, kind in ((other, server.teams["A2"], "visit"), (other, server.teams["A1"], "visit"),
                                (b, server.teams["A1"], "visit"), (mine, server.teams["A1"], "activated_system"),
                                (mine, server.teams["A1"], "assigned")):
            assert refused(c, "INSERT INTO event (resident_id, kind, at, recorded_at, team_id, outcome) "
                              "VALUES (%s, %s, now(), now(), %s, 'activated')", (rid, kind, team)), (rid, kind)
        # the log is append-only, and the lead adds no residents, teams or hamlets
        assert refused(c, "UPDATE event SET outcome = 'refused'")
        assert refused(c, "DELETE FROM event")
        assert refused(c, "DELETE FROM resident")
        assert refused(c, "INSERT INTO team (name, created_at) VALUES ('T', now())")
        assert refused(c, "INSERT INTO app_user (login, role) VALUES ('x', 'province')")
        assert refused(c, "UPDATE app_user SET role = 'province'")
        # no way into another role's rights
        assert refused(c, "SET ROLE canvass_police")
        assert refused(c, "SET ROLE canvass_province")
    with server.db.read() as s:     # the owner sees that nothing changed
        assert s.get(Resident, other).status == "pending" and s.get(Resident, b).status == "pending"
        assert s.get(Resident, mine).name != "X"
        assert s.scalar(select(Event.id).where(Event.kind == "visit")) is None


def test_lead_records_visits_through_the_program_and_the_log_names_the_login(server):
    mine, other = server.residents["A1"][0], server.residents["A2"][0]
    lead = server.open_as("lead_a1")
    try:
        assert current_user(lead).role == "lead" and current_user(lead).team == "A1"
        with lead.session() as s:
            record_visit(s, mine, "activated", at=VISIT_AT, actor="someone else")
        # the program's own functions, as the lead: another team's resident does not exist for them
        with pytest.raises(NotFound):
            with lead.session() as s:
                record_visit(s, other, "activated", at=VISIT_AT)
        from canvass.residents import ResidentQuery, resident_ids
        with lead.read() as s:
            assert set(resident_ids(s, ResidentQuery())) == set(server.residents["A1"])
    finally:
        lead.dispose()
    with server.db.read() as s:
        e = s.scalars(select(Event).where(Event.kind == "visit")).one()
        assert (e.resident_id, e.actor, e.team_id) == (mine, "lead_a1", server.teams["A1"])
        assert s.get(Resident, mine).status == "activated"


def test_viewer_sees_figures_only(server):
    with connect(server, "viewer_a") as c:
        for sql in ("SELECT name FROM resident", "SELECT cccd FROM resident", "SELECT phone FROM resident",
                    "SELECT * FROM event", "SELECT * FROM source_text", "SELECT * FROM household"):
            assert refused(c, sql), sql
        rows = c.execute("SELECT commune_id, residents, pending FROM canvass_commune_figures").fetchall()
        assert rows == [(server.communes[server.hd], len(server.residents[server.hd]),
                         len(server.residents[server.hd]))]
        cols = [d.name for d in c.execute("SELECT * FROM canvass_hamlet_figures").description]
        assert not {"name", "cccd", "phone", "address"} & set(cols)
        assert sum(r[0] for r in c.execute("SELECT residents FROM canvass_team_figures")) == \
            len(server.residents[server.hd])


def test_police_of_one_commune_sees_nothing_of_another(server):
    b_ids = server.residents[server.tl]
    with connect(server, "police_a") as c:
        assert {r[0] for r in c.execute("SELECT id FROM resident")} == set(server.residents[server.hd])
        assert c.execute("SELECT count(*) FROM event WHERE resident_id = ANY(%s)", (b_ids,)).fetchone()[0] == 0
        assert c.execute("SELECT count(*) FROM commune").fetchone()[0] == 1
        assert c.execute("SELECT count(*) FROM hamlet WHERE commune_id = %s",
                         (server.communes[server.tl],)).fetchone()[0] == 0
        assert c.execute("SELECT count(*) FROM team WHERE id = %s", (server.teams["B1"],)).fetchone()[0] == 0
        # the raw list rows: their own commune's only
        assert c.execute("SELECT count(*) FROM source_row WHERE resident_id = ANY(%s)", (b_ids,)).fetchone()[0] == 0
        assert c.execute("SELECT count(*) FROM source_row").fetchone()[0] == len(server.residents[server.hd])
        assert c.execute("SELECT count(*) FROM source_text t WHERE t.raw LIKE %s",
                         ("%" + "5001" + "%",)).fetchone()[0] == 0
        assert c.execute("UPDATE resident SET status = 'refused' WHERE id = ANY(%s)", (b_ids,)).rowcount == 0
        assert c.execute("SELECT count(*) FROM canvass_commune_figures").fetchone()[0] == 1
        with server.db.read_connect() as owner:
            hamlet_b = owner.execute(text("SELECT id FROM hamlet WHERE commune_id = :c LIMIT 1"),
                                     {"c": server.communes[server.tl]}).scalar()
        assert refused(c, "INSERT INTO resident (name, name_fold, name_sort, hamlet_id, id_kind, is_head, status, "
                          "attempts, version) VALUES ('X', 'x', 'x', %s, 'none', false, 'pending', 0, 1)",
                       (hamlet_b,))
        assert refused(c, "INSERT INTO event (resident_id, kind, at, recorded_at) VALUES (%s, 'visit', now(), now())",
                       (b_ids[0],))
        # but everything in their own commune
        own = server.residents[server.hd][0]
        assert c.execute("UPDATE resident SET phone_raw = phone_raw WHERE id = %s", (own,)).rowcount == 1


def test_province_reads_every_commune_and_sets_targets_only(server):
    total = len(server.residents[server.hd]) + len(server.residents[server.tl])
    with connect(server, "province") as c:
        assert c.execute("SELECT count(*) FROM resident").fetchone()[0] == total
        assert c.execute("SELECT count(*) FROM canvass_commune_figures").fetchone()[0] == 2
        assert refused(c, "UPDATE resident SET status = 'activated'")
        assert refused(c, "INSERT INTO event (resident_id, kind, at, recorded_at) VALUES (%s, 'visit', now(), now())",
                       (server.residents["A1"][0],))
        c.execute("INSERT INTO campaign (name, start_date, end_date, report_deadline, quota_per_team_day, created_at)"
                  " VALUES ('Chiến dịch', '2025-03-01', '2025-05-30', '15:30', 5, now())")
    # through the program: targets allocated from the top, recorded under the province's login
    from canvass.communes import allocate_targets, commune_targets
    prov = server.open_as("province")
    try:
        with prov.session() as s:
            allocate_targets(s, 50)
    finally:
        prov.dispose()
    with server.db.read() as s:
        assert sum(commune_targets(s).values()) == 50
        assert s.scalars(select(Event.actor).where(Event.kind == "commune")).all()[-1] == "province"


def test_users_commands_and_disable(server, capsys, monkeypatch):
    monkeypatch.setenv("CANVASS_NEW_PASSWORD", "mot-mat-khau-khac")
    assert main(["--db", server.url, "server", "init"]) == 0       # again: the same rights
    assert main(["--db", server.url, "users", "add", "lead_b1", "--role", "lead", "--team", "B1"]) == 0
    server.logins.append("lead_b1")
    assert main(["--db", server.url, "users", "list"]) == 0
    out, err = capsys.readouterr()
    assert "mot-mat-khau-khac" not in out + err
    assert "lead_b1\tlead" in out and "police_a\tpolice" in out
    with connect(server, "lead_b1", "mot-mat-khau-khac") as c:
        assert {r[0] for r in c.execute("SELECT id FROM resident")} == set(server.residents["B1"])
    # a taken login, a bad name, a lead without a team: refused with one line
    assert main(["--db", server.url, "users", "add", "lead_b1", "--role", "lead", "--team", "B1"]) == 1
    assert main(["--db", server.url, "users", "add", "Bad Name", "--role", "viewer"]) == 1
    assert main(["--db", server.url, "users", "add", "lead_x", "--role", "lead"]) == 1
    assert "lead_x" not in {u.login for u in list_users(server.db)}
    disable_user(server.db, "lead_b1")
    assert not next(u for u in list_users(server.db) if u.login == "lead_b1").active
    with pytest.raises(psycopg.OperationalError):
        connect(server, "lead_b1", "mot-mat-khau-khac")


def test_server_commands_refuse_sqlite(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "x.db"), "server", "init"]) == 1
    assert "PostgreSQL" in capsys.readouterr().err


def test_campaigns_without_a_commune_are_the_provinces_only(server):
    """A campaign with no commune (commune_id NULL) was seen and editable by the police of every commune."""
    with server.db.engine.begin() as owner:
        loose = owner.execute(text(
            "INSERT INTO campaign (name, start_date, end_date, report_deadline, quota_per_team_day, created_at) "
            "VALUES ('Không xã', '2025-03-01', '2025-05-30', '15:30', 5, now()) RETURNING id")).scalar()
        mine = owner.execute(text(
            "INSERT INTO campaign (name, start_date, end_date, report_deadline, quota_per_team_day, created_at, "
            "commune_id) VALUES ('Của xã A', '2025-03-01', '2025-05-30', '15:30', 5, now(), :c) RETURNING id"),
            {"c": server.communes[server.hd]}).scalar()
        owner.execute(text("INSERT INTO campaign_phase (campaign_id, name, start_date, end_date) "
                           "SELECT :c, 'Đợt 1', '2025-03-01', '2025-03-31'"), {"c": loose})
    for login in ("police_a", "police_b", "lead_a1"):
        with connect(server, login) as c:
            seen = {r[0] for r in c.execute("SELECT id FROM campaign")}
            assert loose not in seen, login
            assert (mine in seen) == (login != "police_b"), login
            assert c.execute("SELECT count(*) FROM campaign_phase WHERE campaign_id = %s",
                             (loose,)).fetchone()[0] == 0
    with connect(server, "police_b") as c:
        assert c.execute("UPDATE campaign SET name = 'X' WHERE id = ANY(%s)", ([loose, mine],)).rowcount == 0
        assert c.execute("DELETE FROM campaign_phase WHERE campaign_id = %s", (loose,)).rowcount == 0
        # nor can they make one without a commune, or move theirs out of it
        assert refused(c, "INSERT INTO campaign (name, start_date, end_date, report_deadline, quota_per_team_day, "
                          "created_at) VALUES ('Y', '2025-03-01', '2025-05-30', '15:30', 5, now())")
    with connect(server, "police_a") as c:
        assert refused(c, "UPDATE campaign SET commune_id = NULL WHERE id = %s", (mine,))
        assert c.execute("UPDATE campaign SET name = 'Của xã A (2)' WHERE id = %s", (mine,)).rowcount == 1
    with connect(server, "province") as c:
        assert {loose, mine} <= {r[0] for r in c.execute("SELECT id FROM campaign")}
        assert c.execute("UPDATE campaign SET name = 'Tỉnh' WHERE id = %s", (loose,)).rowcount == 1
    with server.db.read_connect() as owner:
        assert owner.execute(text("SELECT name FROM campaign WHERE id = :c"), {"c": loose}).scalar() == "Tỉnh"


def test_the_policies_cost_little_per_statement(server):
    """The police's source_text policy asks whether one of their rows uses a text (source_row.text_id). Without
    an index each text looked up scanned every list row ever imported: a police re-import of 20,000 residents
    took three times the owner's. `server init` adds the index; the policy's plan uses it."""
    with connect(server, "police_a") as c:
        c.execute("SET enable_seqscan = off")       # the tiny test tables: make the planner show what it could use
        plan = "\n".join(r[0] for r in c.execute("EXPLAIN SELECT id FROM source_text WHERE id = 1"))
        assert "ix_source_row_text" in plan, plan
    # the helpers every policy calls once per statement keep their plans (PL/pgSQL): as SQL functions they were
    # planned again at each call, ~1 ms a statement, and a re-import runs one statement per changed resident
    with server.db.read_connect() as owner:
        langs = dict(owner.execute(text(
            "SELECT p.proname, l.lanname FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang "
            "WHERE p.proname LIKE 'canvass_my_%' OR p.proname = 'canvass_commune_logins'")).all())
    assert set(langs) >= {"canvass_my_role", "canvass_my_commune", "canvass_my_team", "canvass_my_hamlets",
                          "canvass_my_teams", "canvass_commune_logins"}
    assert set(langs.values()) == {"plpgsql"}, langs
