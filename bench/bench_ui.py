"""The residents table at province scale: open the model and type into the search box, through the model.

Builds `rows` generated residents with bulk inserts (60 hamlets, households of 1-6, Vietnamese names drawn
from common family, middle and given names, so "nguyen" matches about a third of the list), rebuilds the
name-word search index, then times what the window does:
- start: `python main.py --db` in a process of its own, from process start to the first rows painted;
- opening: `ResidentTableModel(db)` (every id in Vietnamese name order), and as the window opens it (the first
  page of ids; the rest comes in the background), plus the first page of rows;
- search keystrokes through the model (`request_query`): when the first rows are in, when every id is;
- a person typing into the real view at 8 keys a second: every keystroke's first rows, debounce included;
- filter and sort changes (hamlet, status, sort by visits or date of birth).
"""
from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

HAMLETS = 60
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Nông",
          "Vi", "Lục", "Hà", "Triệu", "Lương", "Đinh"]
FAMILY_W = [30, 11, 9, 7, 5, 4, 3, 3, 3, 2, 2, 2, 2, 3, 2, 2, 2, 1, 1, 1]
MIDDLE = ["Văn", "Thị", "Đức", "Ngọc", "Minh", "Thu", "Quang", "Hữu", "Thanh", "Kim"]
GIVEN = ["An", "Anh", "Ánh", "Bình", "Chi", "Cường", "Dũng", "Dương", "Giang", "Hà", "Hải", "Hạnh", "Hiền", "Hoa",
         "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Nga", "Ngọc", "Nhung", "Phong",
         "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Thắng", "Thủy", "Trang", "Tuấn", "Vân", "Việt", "Xuân", "Yến"]
STATUSES = ["pending"] * 6 + ["absent", "activated", "refused", "revisit", "wrong_phone"]


def build(db, rows: int, seed: int = 7) -> None:
    """A commune of `rows` generated residents written with bulk inserts, and its search index."""
    from canvass.db import bulk_insert
    from canvass.models import Commune, Event, Hamlet, Household, Resident, Team
    from canvass.residents import rebuild_search_index
    from canvass.text import fold, name_sort_key

    rnd = random.Random(seed)
    stamp = dt.datetime.now().replace(microsecond=0) - dt.timedelta(days=3)
    with db.connect() as conn:
        bulk_insert(conn, Commune.__table__, ("id", "name", "name_fold"), [(1, "Tỉnh Bench", "tinh bench")])
        bulk_insert(conn, Hamlet.__table__, ("id", "commune_id", "name", "name_fold", "kind"),
                    [(h, 1, f"Thôn {h:02d}", f"thon {h:02d}", "thôn") for h in range(1, HAMLETS + 1)])
        bulk_insert(conn, Team.__table__, ("id", "name", "created_at"),
                    [(t, f"Tổ {t}", stamp) for t in range(1, 2 * HAMLETS + 1)])
        households, residents, events = [], [], []
        rid = hid = 0
        per_hamlet = -(-rows // HAMLETS)
        for h in range(1, HAMLETS + 1):
            left, n = min(per_hamlet, rows - rid), 0
            while left > 0:
                size = min(rnd.randint(1, 6), left)
                hid += 1
                n += 1
                households.append((hid, h, str(n), str(n), f"{n:06d}"))
                family = rnd.choices(FAMILY, FAMILY_W)[0]
                for _ in range(size):
                    rid += 1
                    name = f"{family} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}"
                    status = rnd.choice(STATUSES)
                    visited = status != "pending"
                    residents.append((rid, f"0{rnd.randint(10, 99)}{rid:09d}", "cccd", name, fold(name), name_sort_key(name),
                                      dt.date(1940 + rnd.randrange(65), 1 + rnd.randrange(12), 1 + rnd.randrange(28)),
                                      f"+849{rnd.randrange(10**8):08d}", h, hid, status, int(visited),
                                      stamp if visited else None, 2 * h - rnd.randrange(2), 1))
                    events.append((rid, "imported", stamp, stamp))
                left -= size
        bulk_insert(conn, Household.__table__, ("id", "hamlet_id", "key", "number", "sort_key"), households)
        bulk_insert(conn, Resident.__table__,
                    ("id", "cccd", "id_kind", "name", "name_fold", "name_sort", "dob", "phone", "hamlet_id", "household_id",
                     "status", "attempts", "last_visit_at", "team_id", "version", "is_head"),
                    [r + (False,) for r in residents])
        bulk_insert(conn, Event.__table__, ("resident_id", "kind", "at", "recorded_at"), events)
        rebuild_search_index(conn)


def _timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


SEARCHES = ("nguyen thi h", "nguyen van an", "tran v", "tran thi lan", "le thi", "pham", "0912 3", "nong duc",
            "ha thi")


def typing(report, app, db, searches=SEARCHES) -> None:
    """A person typing into the real search box at 8 keys a second (debounce, query thread, interrupts):
    for every keystroke, how long until the table shows that text's first rows (the debounce included),
    and the longest the UI thread was busy."""
    from ui.context import AppContext
    from ui.views.residents import ResidentsView

    t0 = time.perf_counter()
    view = ResidentsView(AppContext(db=db, runner=None))
    view.resize(1200, 700)
    view.show()
    app.processEvents()
    report("ui: residents view built and shown (its first page of rows)", (time.perf_counter() - t0) * 1000, "ms")
    view.wait_idle()
    answers, lasts, block = [], [], 0.0
    worst = ("", 0.0)
    shown: list[float] = []
    view.model.shown.connect(lambda: shown.append(time.perf_counter()))

    def pump(until, limit: float = 10.0) -> None:
        nonlocal block
        t_end = time.perf_counter() + limit
        while not until() and time.perf_counter() < t_end:
            t = time.perf_counter()
            app.processEvents()
            block = max(block, time.perf_counter() - t)
            time.sleep(0.001)

    for text in searches:
        view.searchBox.clear()
        pump(lambda: not view._timer.isActive() and not view.model.busy())
        for i, ch in enumerate(text):
            shown.clear()
            view.searchBox.insert(ch)
            key = time.perf_counter()
            typed = text[:i + 1]
            pump(lambda: bool(shown) and view.model.query.search == typed)
            view.model.data(view.model.index(0, 0))            # the first row drawn
            answer = (max(shown[-1], key) - key) * 1000 if shown else float("nan")
            answers.append(answer)
            if answer > worst[1]:
                worst = (typed, answer)
            if i == len(text) - 1:
                lasts.append(answer)
            pump(lambda: time.perf_counter() - key >= 0.125)
        pump(lambda: not view.model.busy())
    answers.sort()
    report(f"ui: typed search (8 keys/s, {len(answers)} keystrokes), first rows after a key, median",
           statistics.median(answers), "ms")
    report("ui: typed search, first rows after a key, 95th percentile", answers[int(len(answers) * 0.95) - 1], "ms")
    report(f"ui: typed search, first rows after a key, slowest ('{worst[0]}')", worst[1], "ms")
    report("ui: typed search, first rows after the last key of a search, median", statistics.median(lasts), "ms")
    report("ui: typed search, longest the UI thread was busy", block * 1000, "ms")
    view.close()
    view.model.wait()


def start_up(report, path: Path, runs: int = 3) -> None:
    """The window from process start (`python main.py --db PATH`, offscreen) to the residents table's first
    painted rows (GOCUA_FIRST_ROWS_PROBE makes it print the moment and quit), against a floor: a process that
    only imports Qt and SQLAlchemy and makes the QApplication."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    firsts, floors = [], []
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GOCUA_FIRST_ROWS_PROBE="1", HOME=home,
                   XDG_DATA_HOME=home, XDG_CONFIG_HOME=home)
        for _ in range(runs):
            t0 = time.time()
            out = subprocess.run([sys.executable, "main.py", "--db", str(path), "--settings", f"{home}/s.ini"],
                                 cwd=root, env=env, capture_output=True, text=True, timeout=120)
            line = next((x for x in out.stdout.splitlines() if x.startswith("first-rows ")), None)
            if line is None:
                raise RuntimeError(f"the window printed no first rows: {out.stderr[-2000:]}")
            firsts.append(float(line.split()[1]) - t0)
            t0 = time.time()
            subprocess.run([sys.executable, "-c", "from PySide6.QtWidgets import QApplication; import sqlalchemy.orm;"
                            " QApplication([])"], cwd=root, env=env, check=True, timeout=120)
            floors.append(time.time() - t0)
    report(f"ui: start, process start to the first rows painted (median of {runs})", statistics.median(firsts), "s")
    report("ui: start, floor: a process importing Qt and SQLAlchemy only (median)", statistics.median(floors), "s")


def run(report, rows: int = 300_000) -> None:
    """Build the list, then time opening the model and typing searches through it."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from canvass.db import open_database
    from ui.models.residents import ResidentTableModel

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench_ui.db"
        db = open_database(path)
        t0 = time.perf_counter()
        build(db, rows)
        report("ui: build the generated list (bulk insert + search index)", time.perf_counter() - t0, "s")
        db.dispose()
        start_up(report, path)
        db = open_database(path)  # a cold start, as when the window opens

        holder = {}

        def open_model():
            holder["m"] = ResidentTableModel(db)
            m = holder["m"]
            for r in range(0, 40):
                m.data(m.index(r, 0))

        report(f"ui: open the residents model ({rows:,} rows, every id) and show the first page",
               _timed(open_model), "ms")

        def open_first_page():
            m = ResidentTableModel(db, first_page=True)
            for r in range(0, 40):
                m.data(m.index(r, 0))
            holder["first"] = m

        report("ui: open the residents model as the window does (first page of ids) and show it",
               _timed(open_first_page), "ms")
        holder["first"].wait()
        model = holder["m"]
        report("ui: rows in the model", model.rowCount(), "")

        def first_page():
            for r in range(min(40, model.rowCount())):
                model.data(model.index(r, 0))
                model.data(model.index(r, 8))

        from PySide6.QtCore import QCoreApplication, QEventLoop

        marks = {}
        model.modelAboutToBeReset.connect(lambda: marks.__setitem__("reset0", time.perf_counter()))
        model.modelReset.connect(lambda: marks.__setitem__("reset1", time.perf_counter()))

        shown_at: list[float] = []
        model.shown.connect(lambda: shown_at.append(time.perf_counter()))

        def keystroke(prefix: str) -> tuple[float, float, float]:
            """(first rows ms, every id ms, UI-thread ms) for one keystroke, waiting for the whole answer."""
            shown_at.clear()
            t0 = time.perf_counter()
            model.request_query(search=prefix)
            t_req = time.perf_counter() - t0
            while model.busy():
                model.wait(2)
                QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 2)
            t_page = _timed(first_page) / 1000
            done = time.perf_counter() - t0
            first = (shown_at[0] - t0) if shown_at else done
            ui = t_req + (marks.get("reset1", 0) - marks.get("reset0", 0)) + t_page
            return first * 1000, done * 1000, ui * 1000

        answers, totals, ui_times, worst = [], [], [], ("", 0.0)
        for text in ("nguyen thi h", "nguyen van an", "tran v", "tran thi", "le thi", "ha", "0912", "0915 3",
                     "nong duc"):
            for i in range(1, len(text) + 1):
                prefix = text[:i]
                marks.clear()
                first, total, ui = keystroke(prefix)
                answers.append(first)
                totals.append(total)
                ui_times.append(ui)
                if first > worst[1]:
                    worst = (prefix, first)
            model.update_query(search="")
        answers.sort()
        report("ui: keystrokes timed (every prefix of 9 searches), the query thread idle before each", len(answers), "")
        report("ui: search keystroke, UI thread busy, median", statistics.median(ui_times), "ms")
        report("ui: search keystroke, UI thread busy, slowest", max(ui_times), "ms")
        report("ui: search keystroke, first rows shown, median", statistics.median(answers), "ms")
        report("ui: search keystroke, first rows shown, 95th percentile", answers[int(len(answers) * 0.95) - 1], "ms")
        report(f"ui: search keystroke, first rows shown, slowest ('{worst[0]}')", worst[1], "ms")
        report("ui: search keystroke, every matching id in (the count), median", statistics.median(totals), "ms")
        report("ui: clear the search (all rows back)", _timed(lambda: (model.update_query(search="x"),
                                                                         model.update_query(search=""),
                                                                         first_page())), "ms")
        report("ui: filter one hamlet", _timed(lambda: (model.update_query(hamlet_ids=(7,)), first_page())), "ms")
        report("ui: filter one hamlet + status absent",
               _timed(lambda: (model.update_query(statuses=("absent",)), first_page())), "ms")
        model.update_query(hamlet_ids=(), statuses=())
        report("ui: sort all rows by visits (descending)",
               _timed(lambda: (model.update_query(sort="attempts", descending=True), first_page())), "ms")
        report("ui: sort all rows by date of birth",
               _timed(lambda: (model.update_query(sort="dob", descending=False), first_page())), "ms")
        report("ui: sort back by Vietnamese name",
               _timed(lambda: (model.update_query(sort="name_sort", descending=False), first_page())), "ms")
        report("ui: scroll to the middle (one page fetch)",
               _timed(lambda: model.data(model.index(model.rowCount() // 2, 0))), "ms")
        typing(report, app, db)
        db.dispose()


if __name__ == "__main__":
    import sys

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300_000
    run(lambda label, value, unit="": print(f"{label}: {value:,.2f} {unit}" if isinstance(value, float)
                                            else f"{label}: {value} {unit}"), n)
