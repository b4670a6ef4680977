"""Many logins writing the shared server at once: imports of two communes by their police, dozens of leads
recording visits on their own connections, nothing lost and nothing twice.

Real processes and real connections to the real server the tests start; the rights are the server's
(`server init`), so every writer sees only its own rows, as in the field. Timing is never asserted: a load runs
for a bounded number of steps, and waiting is observed in pg_stat_activity, not measured."""
from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import random
import threading
import time

import pytest
from sqlalchemy import func, select, text

from canvass.db import open_database
from canvass.events import record_visit
from canvass.importing import run_import
from canvass.models import Event, ImportBatch, Resident
from tests.core.importfiles import people, write_xlsx
from tests.core.serverdata import build_server, commune_rows, login_url
from tests.core.test_concurrency import check_log_and_cache

pytestmark = pytest.mark.postgres

OUTCOMES = [("absent", "short"), ("revisit", None), ("refused", None), ("wrong_phone", None), ("activated", None)]
LEADS_PER_TEAM = 8          # 3 teams: 24 lead connections at once
VISITS_PER_LEAD = 8


@pytest.fixture
def server(pg_db, pg_url, tmp_path):
    srv = build_server(pg_db, pg_url, tmp_path, per_commune=60)
    hd, tl = srv.hd, srv.tl
    srv.add("police_a", "police", commune=hd)
    srv.add("police_b", "police", commune=tl)
    yield srv
    srv.drop_logins()


def _import_as(url: str, files: list[str]) -> None:
    """A police officer's process: import each file in turn, on their own login."""
    db = open_database(url)
    try:
        for f in files:
            run_import(db, f, mode="supplement")
    finally:
        db.dispose()


def _lists(srv, tmp_path, rounds: int = 2) -> dict[str, list[str]]:
    """Per commune, `rounds` lists that change phones and add new residents each time (new ids each run)."""
    out: dict[str, list[str]] = {}
    for cname, listed, base in ((srv.hd, "Hưng Đạo", 1), (srv.tl, "Tân Lập", 5001)):
        files = []
        for k in range(rounds):
            persons = [dict(p, phone=f"09{k}{i:07d}") for i, p in enumerate(people(60, start=base))]
            persons += people(5, start=base + 1000 + 10 * k)
            files.append(str(write_xlsx(tmp_path / f"{listed}-{k}.xlsx", commune_rows(listed, persons))))
        out[cname] = files
    return out


def test_police_of_two_communes_import_new_residents_without_clashing_ids(server, tmp_path):
    """Under row-level security MAX(id) sees one commune's rows only: ids handed out from it clashed with the
    other commune's (the second import failed on the primary key). Ids now come from the sequences."""
    files = _lists(server, tmp_path, rounds=1)
    for login, cname in (("police_a", server.hd), ("police_b", server.tl)):
        _import_as(login_url(server.url, login), files[cname])
    with server.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Resident)) == 2 * 65
        assert s.scalar(select(func.count()).select_from(ImportBatch)) == 4
        assert set(s.scalars(select(Event.actor).where(Event.batch_id > 2))) == {"police_a", "police_b"}


def _lead_visits(db, ids: list[int], seed: int, done: list) -> None:
    """One lead on their own connection: VISITS_PER_LEAD visits, each with a note naming it."""
    rnd = random.Random(seed)
    for n in range(VISITS_PER_LEAD):
        outcome, reason = rnd.choice(OUTCOMES)
        at = dt.datetime(2025, 3, 1, 7) + dt.timedelta(minutes=rnd.randrange(60 * 24 * 20))
        with db.session() as s:
            record_visit(s, rnd.choice(ids), outcome, reason=reason, at=at, note=f"w{seed}-{n}")
        done.append(f"w{seed}-{n}")


def test_dozens_of_leads_and_two_imports_at_once_lose_nothing(server, tmp_path):
    files = _lists(server, tmp_path, rounds=2)
    leads = []
    for team in ("A1", "A2", "B1"):
        for k in range(LEADS_PER_TEAM):
            login = server.add(f"lead_{team.lower()}_{k}", "lead", team=team)
            leads.append((login, team))
    dbs = [open_database(login_url(server.url, login)) for login, _ in leads]
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=_import_as, args=(login_url(server.url, login), files[c]))
             for login, c in (("police_a", server.hd), ("police_b", server.tl))]
    done: list[str] = []
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            _lead_visits(dbs[i], server.residents[leads[i][1]], i, done)
        except BaseException as exc:   # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(leads))]
    try:
        for p in procs:
            p.start()
        for t in threads:
            t.start()
        for t in threads:
            t.join(300)
        for p in procs:
            p.join(300)
            assert p.exitcode == 0
    finally:
        for db in dbs:
            db.dispose()
    assert not errors, errors[:3]
    assert len(done) == len(leads) * VISITS_PER_LEAD
    with server.db.read() as s:
        notes = list(s.scalars(select(Event.note).where(Event.kind == "visit")))
        assert sorted(notes) == sorted(done)                     # every visit exactly once
        actors = dict(s.execute(select(Event.actor, func.count()).where(Event.kind == "visit")
                                .group_by(Event.actor)).all())
        assert actors == {login: VISITS_PER_LEAD for login, _ in leads}
        assert s.scalar(select(func.count()).select_from(ImportBatch)) == 2 + 4
        assert s.scalar(select(func.count()).select_from(Resident)) == 2 * (60 + 10)
        # each visit was recorded for a resident of the lead's own team
        team_of = dict(leads)
        for actor, team_id in s.execute(select(Event.actor, Event.team_id).where(Event.kind == "visit")):
            assert team_id == server.teams[team_of[actor]]
    check_log_and_cache(server.db, version_base=0)


def _waiting_on_the_write_lock(db, login: str) -> bool:
    with db.read_connect() as conn:
        return conn.execute(text(
            "SELECT count(*) FROM pg_stat_activity WHERE usename = :l AND wait_event_type = 'Lock' "
            "AND wait_event = 'advisory'"), {"l": login}).scalar() > 0


def _until(condition, what: str, limit: float = 120.0) -> None:
    """Poll until `condition()` (a bound on waiting, not a timing assertion)."""
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def test_an_import_waits_for_the_one_running_and_visits_meanwhile_are_kept(server, tmp_path):
    files = _lists(server, tmp_path, rounds=2)[server.hd]
    server.add("police_a2", "police", commune=server.hd)
    server.add("lead_w", "lead", team="A1")
    inside, release = threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def hold(done: int, total: int) -> None:
        if done > 60 and not inside.is_set():     # inside the import's transaction (write_plan)
            inside.set()
            assert release.wait(300)

    def first() -> None:
        db = open_database(login_url(server.url, "police_a"))
        try:
            run_import(db, files[0], mode="supplement", progress=hold)
        except BaseException as exc:   # noqa: BLE001
            failures.append(exc)
        finally:
            db.dispose()

    def second() -> None:
        try:
            _import_as(login_url(server.url, "police_a2"), [files[1]])
        except BaseException as exc:   # noqa: BLE001
            failures.append(exc)

    rid = server.residents["A1"][0]

    def visit() -> None:
        db = open_database(login_url(server.url, "lead_w"))
        try:
            with db.session() as s:
                record_visit(s, rid, "activated", at=dt.datetime(2025, 3, 5, 10))
        except BaseException as exc:   # noqa: BLE001
            failures.append(exc)
        finally:
            db.dispose()

    t1 = threading.Thread(target=first)
    t1.start()
    _until(inside.is_set, "the first import never reached its transaction")
    t2, t3 = threading.Thread(target=second), threading.Thread(target=visit)
    t2.start()
    t3.start()
    try:
        _until(lambda: _waiting_on_the_write_lock(server.db, "police_a2"), "the second import did not wait")
        _until(lambda: _waiting_on_the_write_lock(server.db, "lead_w"), "the visit did not wait")
        with server.db.read() as s:      # nothing of the second import or the visit yet
            assert s.scalar(select(func.count()).select_from(ImportBatch)) == 2
    finally:
        release.set()
        for t in (t1, t2, t3):
            t.join(300)
    assert not failures, failures
    with server.db.read() as s:
        assert s.scalar(select(func.count()).select_from(ImportBatch)) == 4
        assert s.get(Resident, rid).status == "activated"
        assert s.scalar(select(func.count()).select_from(Event).where(Event.kind == "visit")) == 1
    check_log_and_cache(server.db, version_base=0)


def test_two_leads_on_one_resident_at_the_same_moment_both_land_and_the_later_visit_wins(server):
    server.add("lead_x", "lead", team="A1")
    server.add("lead_y", "lead", team="A1")
    dbx, dby = (open_database(login_url(server.url, x)) for x in ("lead_x", "lead_y"))
    targets = server.residents["A1"][:12]
    failures: list[BaseException] = []
    try:
        for n, rid in enumerate(targets):
            gate = threading.Barrier(2)

            def one(db, outcome: str, at: dt.datetime) -> None:
                try:
                    gate.wait(60)
                    with db.session() as s:
                        record_visit(s, rid, outcome, at=at)
                except BaseException as exc:   # noqa: BLE001
                    failures.append(exc)

            # lead_x's visit is later in the day; which one commits first is left to the race
            ts = [threading.Thread(target=one, args=(dbx, "activated", dt.datetime(2025, 3, 10, 16))),
                  threading.Thread(target=one, args=(dby, "refused", dt.datetime(2025, 3, 10, 8 + n % 4)))]
            for t in ts:
                t.start()
            for t in ts:
                t.join(120)
    finally:
        dbx.dispose()
        dby.dispose()
    assert not failures, failures
    with server.db.read() as s:
        for rid in targets:
            log = list(s.execute(select(Event.actor, Event.outcome).where(Event.resident_id == rid,
                                                                         Event.kind == "visit")))
            assert sorted(log) == [("lead_x", "activated"), ("lead_y", "refused")]
            r = s.get(Resident, rid)
            assert (r.status, r.attempts) == ("activated", 2)
    check_log_and_cache(server.db, version_base=0)
