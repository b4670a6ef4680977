"""The teams and keying views at province scale: opening them and keying a walk list from the keyboard.

Reuses `bench_ui.build` (generated residents, 60 hamlets, two teams per hamlet, residents already on teams),
then times what a person waits for:
- the teams view: `TeamsView(ctx)` (every team with its load) and a `refresh()`;
- the keying view: choosing a team (its walk list in address order);
- keying: 200 outcome keys pressed on the table (each one `record_visit` in its own transaction, the row
  re-read, the cursor moved), and Ctrl+Z undos.
"""
from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

KEYS = 200
_KEEP: list = []   # the QApplication must outlive run(): destroyed early, PySide6 crashes at exit


def run(report, rows: int = 300_000) -> None:
    """Build the list, then time the teams view, loading a walk list and keying outcomes."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from bench.bench_ui import build
    from canvass.db import open_database
    from ui.context import AppContext
    from ui.tasks import Runner

    app = QApplication.instance() or QApplication([])
    _KEEP.append(app)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "bench.db")
        build(db, rows)
        ctx = AppContext(db=db, runner=Runner(), actor="bench")
        from ui.views.keying import KeyingView
        from ui.views.teams import TeamsView

        t0 = time.perf_counter()
        teams = TeamsView(ctx)
        report(f"teams view opened ({teams.model.rowCount()} teams, {rows:,} residents)",
               (time.perf_counter() - t0) * 1000, "ms")
        t0 = time.perf_counter()
        teams.refresh()
        report("teams view refresh", (time.perf_counter() - t0) * 1000, "ms")

        view = KeyingView(ctx)
        view.resize(1200, 700)
        view.show()
        app.processEvents()
        t0 = time.perf_counter()
        view.select_team(view.team_combo.itemData(2))
        report(f"keying: walk list of one team loaded ({view.model.rowCount():,} residents)",
               (time.perf_counter() - t0) * 1000, "ms")
        keys = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_4, Qt.Key.Key_5, Qt.Key.Key_6]
        times = []
        for n in range(KEYS):
            t0 = time.perf_counter()
            QTest.keyClick(view.table, keys[n % len(keys)])
            times.append((time.perf_counter() - t0) * 1000)
        report(f"keying: {KEYS} outcome keys, median per key", statistics.median(times), "ms")
        report("keying: slowest key", max(times), "ms")
        report("keying: entries per second", KEYS / (sum(times) / 1000), "/s")
        t0 = time.perf_counter()
        for _ in range(20):
            QTest.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        report("keying: Ctrl+Z undo, per entry", (time.perf_counter() - t0) * 1000 / 20, "ms")
        ctx.runner.wait()
        for w in (view, teams):   # delete the widgets now: left to interpreter exit, PySide6 can crash
            w.close()
            w.deleteLater()
        from PySide6.QtCore import QCoreApplication, QEvent
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()
        db.dispose()
