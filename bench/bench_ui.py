"""The residents table at province scale: open the model and type into the search box, through the model.

Builds `rows` generated residents with bulk inserts (60 hamlets, households of 1-6, Vietnamese names drawn
from common family, middle and given names, so "nguyen" matches about a third of the list), rebuilds the
name-word search index, then times what the window does:
- opening: `ResidentTableModel(db)` (every id in Vietnamese name order) plus the first page of rows;
- search as you type: each keystroke of several searches runs the model's filter path
  (`update_query(search=...)`, one SQL query for the ids) and fetches the first page the table shows;
- filter and sort changes (hamlet, status, sort by visits or date of birth).
The debounce timer (150 ms) is not included: these are the times after it fires.
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


def typing(report, app, db, searches=("nguyen van an", "tran thi lan", "0912 3", "nong duc", "ha thi")) -> None:
    """A person typing into the real search box at 8 keys a second (debounce, query thread, interrupts):
    how long after the last key the table shows the answer, and the longest the UI thread was busy."""
    from ui.context import AppContext
    from ui.views.residents import ResidentsView

    t0 = time.perf_counter()
    view = ResidentsView(AppContext(db=db, runner=None))
    view.resize(1200, 700)
    view.show()
    app.processEvents()
    report("ui: residents view opened (all rows) and shown", (time.perf_counter() - t0) * 1000, "ms")
    answers, block = [], 0.0

    def pump(until) -> None:
        nonlocal block
        while not until():
            t = time.perf_counter()
            app.processEvents()
            block = max(block, time.perf_counter() - t)
            time.sleep(0.002)

    for text in searches:
        view.searchBox.clear()
        pump(lambda: not view._timer.isActive() and not view.model.busy())
        for ch in text:
            view.searchBox.insert(ch)
            last = time.perf_counter()
            pump(lambda: time.perf_counter() - last >= 0.125)
        pump(lambda: not view._timer.isActive() and not view.model.busy())
        first = view.model.data(view.model.index(0, 0)) if view.model.rowCount() else None  # noqa: F841
        answers.append((time.perf_counter() - last) * 1000)
    report("ui: typed search (8 keys/s), answer after the last key, median", statistics.median(answers), "ms")
    report("ui: typed search (8 keys/s), answer after the last key, slowest", max(answers), "ms")
    report("ui: typed search, longest the UI thread was busy", block * 1000, "ms")
    view.close()
    view.model.wait()


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
        db = open_database(path)  # a cold start, as when the window opens

        holder = {}

        def open_model():
            holder["m"] = ResidentTableModel(db)
            m = holder["m"]
            for r in range(0, 40):
                m.data(m.index(r, 0))

        report(f"ui: open the residents model ({rows:,} rows) and show the first page", _timed(open_model), "ms")
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

        def keystroke(prefix: str) -> tuple[float, float, float]:
            """(answer ms, UI-thread ms, SQL-on-the-UI-thread ms) for one keystroke."""
            t0 = time.perf_counter()
            model.request_query(search=prefix)
            t_req = time.perf_counter() - t0
            while model.busy():
                model.wait(5)
                QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
            t_page = _timed(first_page) / 1000
            answer = time.perf_counter() - t0
            ui = t_req + (marks.get("reset1", 0) - marks.get("reset0", 0)) + t_page
            return answer * 1000, ui * 1000, 0.0

        answers, ui_times, later, worst = [], [], [], ("", 0.0)
        for text in ("nguyen van an", "tran thi", "ha", "0912", "0915 3", "nong duc"):
            for i in range(1, len(text) + 1):
                prefix = text[:i]
                marks.clear()
                answer, ui, _ = keystroke(prefix)
                answers.append(answer)
                if i >= 3:
                    later.append(answer)
                ui_times.append(ui)
                if answer > worst[1]:
                    worst = (prefix, answer)
            model.update_query(search="")
        report("ui: keystrokes timed (every prefix of 6 searches)", len(answers), "")
        report("ui: search keystroke, UI thread busy, median", statistics.median(ui_times), "ms")
        report("ui: search keystroke, UI thread busy, slowest", max(ui_times), "ms")
        report("ui: search keystroke, answer shown, median", statistics.median(answers), "ms")
        report("ui: search keystroke, answer shown, 95th percentile", sorted(answers)[int(len(answers) * 0.95) - 1],
               "ms")
        report(f"ui: search keystroke, answer shown, slowest ('{worst[0]}')", worst[1], "ms")
        report("ui: search keystroke from the 3rd character, answer shown, median", statistics.median(later), "ms")
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
