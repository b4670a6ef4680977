"""A province in one database: `rows` residents in 100 communes.

On SQLite: the province built straight into the tables (5 hamlets, 2 teams and a campaign each, 10 % activated
per system), then the province report's figures today (from the cached state) and as of yesterday (one pass
over the log), the .xlsx export, and a province target allocated across the communes.

On PostgreSQL (`CANVASS_BENCH_PG=URL` of an empty database, else a throw-away server started the way the tests
start theirs, `tests/pg.py`; without PostgreSQL's binaries that part is skipped and the output says so): a
generated list of `rows` residents with a commune column (`bench/provincegen.py`) imported as a whole process
(`canvass --db URL import FILE`: wall time and peak memory), two teams per commune given their hamlets'
residents, the province report's figures today and as of yesterday and its .xlsx, then `server init`, a lead
login for one team (`users add … --role lead`, password from CANVASS_NEW_PASSWORD), and connected as that lead:
their team's walk list (`canvass.walklist.walk_rows`, what the keying view loads) and the real keying view built
offscreen with its first rows. The lead must see exactly their team's residents (checked, not timed)."""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Optional

from canvass.db import bulk_insert, open_database
from canvass.models import Campaign, Commune, Event, Hamlet, Resident, Team, TeamHamlet

COMMUNES, HAMLETS = 100, 5


def build(db, rows: int) -> None:
    """Generated communes, hamlets, residents (one in ten activated per system 3 days ago), teams, campaigns."""
    stamp = dt.datetime.now().replace(microsecond=0) - dt.timedelta(days=10)
    done_at = stamp + dt.timedelta(days=7)
    today = dt.date.today()
    with db.connect() as conn:
        bulk_insert(conn, Commune.__table__, ("id", "name", "name_fold", "district", "province"),
                    [(c, f"Xã Số {c}", f"xa so {c}", f"Huyện {1 + c // 15}", "Tỉnh Thử") for c in range(1, COMMUNES + 1)])
        hamlets = [(h, 1 + (h - 1) // HAMLETS, f"Thôn {h}", f"thon {h}", "thôn")
                   for h in range(1, COMMUNES * HAMLETS + 1)]
        bulk_insert(conn, Hamlet.__table__, ("id", "commune_id", "name", "name_fold", "kind"), hamlets)
        residents, events = [], []
        for rid in range(1, rows + 1):
            h = 1 + rid % len(hamlets)
            done = rid % 10 == 0
            residents.append((rid, f"{rid:012d}", "cccd", f"Nguyễn Văn {rid}", f"nguyen van {rid}", f"{rid:012d}", h,
                              False, "activated_system" if done else "pending", done_at if done else None, 0, 1))
            events.append((rid, "imported", stamp, stamp))
            if done:
                events.append((rid, "activated_system", done_at, done_at))
        bulk_insert(conn, Resident.__table__, ("id", "cccd", "id_kind", "name", "name_fold", "name_sort", "hamlet_id",
                                               "is_head", "status", "status_at", "attempts", "version"), residents)
        bulk_insert(conn, Event.__table__, ("resident_id", "kind", "at", "recorded_at"), events)
        bulk_insert(conn, Team.__table__, ("id", "commune_id", "name", "kind", "created_at"),
                    [(t, 1 + (t - 1) // 2, f"Tổ {1 + (t - 1) % 2}", "to_cong_tac_06", stamp)
                     for t in range(1, 2 * COMMUNES + 1)])
        bulk_insert(conn, TeamHamlet.__table__, ("team_id", "hamlet_id"),
                    [(t, (t - 1) // 2 * HAMLETS + 1 + (t - 1) % 2) for t in range(1, 2 * COMMUNES + 1)])
        bulk_insert(conn, Campaign.__table__, ("id", "name", "start_date", "end_date", "report_deadline",
                                               "quota_per_team_day", "commune_id", "created_at"),
                    [(c, "Chiến dịch", today - dt.timedelta(days=10), today + dt.timedelta(days=20), "15:30", 5, c,
                      stamp) for c in range(1, COMMUNES + 1)])


# CANVASS_BENCH_PG_ROWS=N imports at most N residents on PostgreSQL (a shorter run); by default the same
# number as on SQLite.
PG_ROWS = int(os.environ["CANVASS_BENCH_PG_ROWS"]) if os.environ.get("CANVASS_BENCH_PG_ROWS") else None


def run(report, rows: int = 300_000) -> None:
    """The province on SQLite (built), then on PostgreSQL (imported, with a lead's keying view; at most
    CANVASS_BENCH_PG_ROWS residents there if set)."""
    built_on_sqlite(report, rows)
    if PG_ROWS is not None and rows > PG_ROWS:
        report("PostgreSQL part of the province case", f"{PG_ROWS:,} residents (CANVASS_BENCH_PG_ROWS)")
        rows = PG_ROWS
    url = os.environ.get("CANVASS_BENCH_PG")
    if url:
        on_postgres(report, rows, url, throwaway=False)
        return
    with ExitStack() as stack:
        try:
            from tests.pg import postgres_server
            url = stack.enter_context(postgres_server())
        except BaseException as exc:     # pytest's skip/fail outcomes are BaseExceptions; no pytest: ImportError
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            why = exc or type(exc).__name__
            report("PostgreSQL part of the province case", f"SKIPPED: PostgreSQL is not available ({why}; "
                   "`make sysdeps` installs it, CANVASS_BENCH_PG=URL uses a server)")
            return
        on_postgres(report, rows, url, throwaway=True)


def _timed_figures(report, db, backend: str):
    """Time the province figures as of today (from the cached state) and as of yesterday (from the log);
    returns today's."""
    from canvass.communes import province_figures

    figures = []
    for label, day in (("today, from the cached state", dt.date.today()),
                       ("as of yesterday, from the log", dt.date.today() - dt.timedelta(days=1))):
        t = time.perf_counter()
        with db.read() as s:
            figures.append(province_figures(s, day))
        report(f"{backend} province figures {label}", time.perf_counter() - t, "s")
    return figures[0]


def built_on_sqlite(report, rows: int) -> None:
    """Build the province in a SQLite file, then time the report's figures, its export and an allocation."""
    from canvass.communes import allocate_targets
    from canvass.exporting import export

    folder = Path(tempfile.mkdtemp(prefix="bench-province-"))
    db = open_database(folder / "province.db")
    t = time.perf_counter()
    build(db, rows)
    report(f"SQLite province: {rows:,} residents in {COMMUNES} communes built", time.perf_counter() - t, "s")
    fig = _timed_figures(report, db, "SQLite")
    assert fig.total.eligible == rows and len(fig.rows) == COMMUNES
    t = time.perf_counter()
    export(db, "province-report", folder / "province.xlsx")
    report("SQLite province report .xlsx", time.perf_counter() - t, "s")
    t = time.perf_counter()
    with db.session() as s:
        parts = allocate_targets(s, rows // 2)
    assert sum(p.target for p in parts) == rows // 2
    report("SQLite allocate a province target across the communes", time.perf_counter() - t, "s")
    db.dispose()
    shutil.rmtree(folder, ignore_errors=True)


ROOT = Path(__file__).resolve().parents[1]
LEAD, LEAD_PASSWORD = "to1_lead", "bench-mat-khau-1"     # a generated, bench-only login


def _process(report, label: str, args: list[str], env: Optional[dict] = None, *, usage_too: bool = False) -> str:
    """Run `canvass ARGS` as a whole process; report its wall time (and CPU time and peak memory); its stdout."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "canvass.cli", *args], cwd=ROOT, stdout=out, stderr=err,
                                env={**os.environ, **(env or {})})
        _pid, status, usage = os.wait4(proc.pid, 0)     # the child's own resource usage (its peak memory)
        wall = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if proc.returncode != 0:
        raise RuntimeError(f"canvass {args[2:]} failed ({proc.returncode}): {stderr[-2000:]}")
    report(f"{label}: wall", wall, "s")
    if usage_too:
        report(f"{label}: CPU (user + system)", usage.ru_utime + usage.ru_stime, "s")
        report(f"{label}: peak memory", usage.ru_maxrss / 1024, "MB")
    return stdout


def _teams(db) -> None:
    """Two teams per commune, each covering half of its hamlets, given their residents by hamlet."""
    from sqlalchemy import select

    from canvass.assignment import assign_by_hamlet
    from canvass.models import Commune, Hamlet
    from canvass.teams import add_team

    with db.session() as s:
        for cid in s.scalars(select(Commune.id).order_by(Commune.id)).all():
            hamlets = s.scalars(select(Hamlet.id).where(Hamlet.commune_id == cid).order_by(Hamlet.id)).all()
            half = (len(hamlets) + 1) // 2
            add_team(s, "Tổ 1", commune=cid, hamlet_ids=hamlets[:half], actor="bench")
            add_team(s, "Tổ 2", commune=cid, hamlet_ids=hamlets[half:], actor="bench")
        assign_by_hamlet(s, actor="bench")


def _keying_view(lead_db, team_id: int):
    """The real keying view, offscreen, over the lead's connection: (seconds to shown with rows, view)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from ui.context import AppContext
    from ui.tasks import Runner
    from ui.views.keying import KeyingView

    t = time.perf_counter()
    view = KeyingView(AppContext(db=lead_db, runner=Runner(), actor=LEAD))
    view.resize(1280, 800)
    view.show()                     # the first show reads the teams the lead sees and the first one's walk list
    app.processEvents()
    view.table.viewport().repaint()
    return time.perf_counter() - t, view


def on_postgres(report, rows: int, url: str, *, throwaway: bool) -> None:
    """Import the province list into the server at `url` (an empty database), then the report and a lead."""
    from sqlalchemy import func, make_url, select, text

    from bench.provincegen import cached_province_list, commune_names
    from canvass.exporting import export
    from canvass.models import Commune, Resident, Team
    from canvass.walklist import walk_rows

    print(f"PostgreSQL: {'a throw-away server (tests/pg.py)' if throwaway else 'CANVASS_BENCH_PG'}", flush=True)
    t = time.perf_counter()
    path = cached_province_list(rows, COMMUNES)
    report(f"PostgreSQL province list: {rows:,} rows, {COMMUNES} communes (.xlsx ready)", time.perf_counter() - t, "s")
    out = _process(report, f"PostgreSQL `canvass import` of {rows:,} rows in {COMMUNES} communes (whole process)",
                   ["--db", url, "import", str(path), "--json"], usage_too=True)
    result = json.loads(out)
    print(f"  imported: {len(result.get('communes') or [])} communes, "
          f"{', '.join(f'{k} {v}' for k, v in result.items() if type(v) is int)}", flush=True)
    db = open_database(url)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Commune)) == COMMUNES
        assert s.scalar(select(func.count()).select_from(Resident)) == rows
    t = time.perf_counter()
    _teams(db)
    report(f"PostgreSQL {2 * COMMUNES} teams added, {rows:,} residents assigned by hamlet", time.perf_counter() - t,
           "s")
    fig = _timed_figures(report, db, "PostgreSQL")
    assert fig.total.eligible == rows and len(fig.rows) == COMMUNES and fig.total.teams == 2 * COMMUNES
    folder = Path(tempfile.mkdtemp(prefix="bench-province-pg-"))
    t = time.perf_counter()
    export(db, "province-report", folder / "province.xlsx")
    report("PostgreSQL province report .xlsx", time.perf_counter() - t, "s")
    shutil.rmtree(folder, ignore_errors=True)

    _process(report, "PostgreSQL `canvass server init`", ["--db", url, "server", "init"])
    commune = commune_names(COMMUNES)[0]
    _process(report, "PostgreSQL `canvass users add` (a lead)",
             ["--db", url, "users", "add", LEAD, "--role", "lead", "--team", "Tổ 1", "--commune", commune],
             env={"CANVASS_NEW_PASSWORD": LEAD_PASSWORD})
    if throwaway:       # the throw-away server trusts every local login: make it check the program's passwords
        from tests.core.serverdata import require_passwords
        require_passwords(db)
    with db.read() as s:
        team_id = s.scalar(select(Team.id).join(Commune, Commune.id == Team.commune_id)
                           .where(Commune.name == commune, Team.name == "Tổ 1"))
        mine = set(s.scalars(select(Resident.id).where(Resident.team_id == team_id)))
    lead_url = make_url(url).set(username=LEAD, password=LEAD_PASSWORD).render_as_string(hide_password=False)
    t = time.perf_counter()
    lead_db = open_database(lead_url)
    with lead_db.read() as s:
        walk = walk_rows(s, team_id)
    report(f"PostgreSQL as the lead: connect and read their team's walk list (walk_rows, {len(walk):,} rows)",
           time.perf_counter() - t, "s")
    t = time.perf_counter()
    with lead_db.read() as s:
        walk = walk_rows(s, team_id)
    report("PostgreSQL as the lead: walk_rows again (connection open)", time.perf_counter() - t, "s")
    # sanity, not a test: the lead sees their team's residents and nobody else
    with lead_db.read() as s:
        seen = set(s.scalars(select(Resident.id)))
        assert s.execute(text("SELECT session_user")).scalar() == LEAD
    assert {r.id for r in walk} == mine and seen == mine and 0 < len(mine) < rows, (len(walk), len(seen), len(mine))
    print(f"  the lead sees {len(seen):,} residents = their team's {len(mine):,} of {rows:,}", flush=True)
    try:
        import PySide6  # noqa: F401
    except ImportError:
        print("  PySide6 is not installed: the keying view itself is not measured", flush=True)
    else:
        seconds, view = _keying_view(lead_db, team_id)
        shown = view.model.rowCount()
        assert view.team_combo.currentData() == team_id and shown == len(mine), (view.team_combo.currentData(), shown)
        assert view.table.rowAt(0) == 0 and view.model.resident_id(0) == walk[0].id
        report(f"PostgreSQL as the lead: the keying view built offscreen and shown on their team ({shown:,} rows)",
               seconds, "s")
        view.close()
        view.deleteLater()
    lead_db.dispose()
    db.dispose()
