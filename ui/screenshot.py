"""Render one view of the window offscreen to a PNG and exit (README pictures, checking what people see).

`python main.py --screenshot OUT.png --db PATH [--view residents|dashboard|teams|keying|import] [--lang en]`
"""
from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QWidget


def settle(ms: int = 200, until=None, timeout_s: float = 30.0) -> None:
    """Let Qt process events for a while (and until a condition holds, if one is given)."""
    app = QCoreApplication.instance()
    end = time.monotonic() + ms / 1000
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < end or (until is not None and not until() and time.monotonic() < deadline):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)


def grab(widget: QWidget, out: str | Path) -> Path:
    """Save a widget's picture as PNG."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    pix = widget.grab()
    if not pix.save(str(out), "PNG"):
        raise OSError(f"could not write {out}")
    return out


def open_import_preview(window, path: str) -> QWidget:
    """Open the import wizard on a file and move it to its preview page."""
    from ui.dialogs.import_wizard import ImportWizard

    wiz = ImportWizard(window.ctx, window, path=path)
    wiz.resize(1100, 760)
    wiz.show()
    settle(300, until=lambda: not window.ctx.runner.busy())
    for _ in range(4):
        page = wiz.currentPage()
        if page is not None and "preview" in page.objectName().lower():
            break
        wiz.next()
        settle(300, until=lambda: not window.ctx.runner.busy())
    settle(300, until=lambda: not window.ctx.runner.busy())
    return wiz


def main(args) -> int:
    """Render `args.view` of the database `args.db` into `args.screenshot`."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from canvass.db import open_database
    from ui import i18n
    from ui.app import make_qapp, sample_path
    from ui.context import AppContext
    from ui.main_window import MainWindow
    from ui.settings import Settings
    from ui.tasks import Runner

    if not args.db:
        print("--screenshot needs --db PATH")
        return 2
    app = make_qapp([])
    i18n.install(app, args.lang or "vi")
    w, h = (int(x) for x in args.size.lower().split("x"))
    db = open_database(args.db)
    runner = Runner()
    scratch = Path(args.screenshot).with_suffix(".ini")
    ctx = AppContext(db=db, runner=runner, settings=Settings(scratch))
    try:
        window = MainWindow(ctx)
        window.resize(w, h)
        window.show()
        target: QWidget = window
        if args.view == "import":
            settle(200)
            target = open_import_preview(window, args.file or str(sample_path()))
        else:
            window.show_tab(args.view)
            settle(400, until=lambda: not window.dashboardView.busy() and not window.residentsView.model.busy())
            if args.view == "residents" and window.residentsView.model.rowCount():
                window.residentsView.table.selectRow(0)
        settle(300, until=lambda: not runner.busy())
        out = grab(target, args.screenshot)
        print(out)
        return 0
    finally:
        runner.wait(10000)
        db.dispose()
        scratch.unlink(missing_ok=True)
