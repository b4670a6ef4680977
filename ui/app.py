"""Start the Qt application: `python main.py [--db PATH] [--lang vi|en]`, or render one view to a PNG
with `--screenshot OUT.png --db PATH [--view residents|dashboard|teams|keying|import]` and exit.

Which database: `--db`, else the last one opened (settings), else the start dialog (create one, open a
file, or the bundled sample commune imported into the user data folder).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import resources

SAMPLE = resources.path("sample", "sample_commune.xlsx")
STYLE = resources.path("styles", "gocua.qss")
VIEWS = ("residents", "dashboard", "teams", "keying", "import")


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The window's command line."""
    return _parser().parse_args(argv)


def only_window_options(argv: list[str]) -> bool:
    """True when every argument is one of the window's options with its value (no command word, no help):
    main.py then starts the window without loading the command line's modules."""
    if any(a in ("-h", "--help") for a in argv):
        return False
    parser = _parser()
    parser.exit_on_error = False
    try:
        _ns, rest = parser.parse_known_args(argv)
    except (argparse.ArgumentError, SystemExit):
        return False
    return not rest


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="main.py", description="Gõ Cửa window")
    p.add_argument("--db", help="database file (or SQLAlchemy URL) to open")
    p.add_argument("--lang", choices=("vi", "en"), help="language of the window (default: the setting, vi)")
    p.add_argument("--settings", help="settings INI file (default: the user's)")
    p.add_argument("--screenshot", metavar="OUT.png", help="render a view offscreen to a PNG and exit")
    p.add_argument("--view", choices=VIEWS, default="residents", help="the view --screenshot renders")
    p.add_argument("--file", help="with --view import: the spreadsheet to preview (default: the sample)")
    p.add_argument("--size", default="1366x820", help="window size for --screenshot, WIDTHxHEIGHT")
    return p


def sample_path() -> Path:
    """The bundled sample commune list (synthetic people)."""
    return SAMPLE


def create_database(path: str, commune: str, campaign: str, start, end):
    """A new database file with its commune and campaign (refuses an existing file): `canvass.start`."""
    from canvass.start import new_database

    return new_database(path, commune, campaign, start, end)


def sample_database_path() -> Path:
    """Where the sample commune's database goes (the user data folder)."""
    from canvass.db import default_path

    return default_path().parent / "sample_commune.db"


def import_sample(db, progress=None, cancel=None):
    """Import the bundled sample list into a database (and start a campaign around today if none)."""
    from canvass.start import import_sample as core_import_sample

    return core_import_sample(db, SAMPLE, progress=progress, cancel=cancel)


class Application:
    """Owns the settings, the runner, the open database and the main window; switches databases."""

    def __init__(self, qapp, settings, runner):
        self.qapp = qapp
        self.settings = settings
        self.runner = runner
        self.window = None
        self.ctx = None
        self.login = None

    def open_choice(self, choice, parent=None):
        """Open the database a StartChoice names (creating or importing it first); None on failure."""
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QMessageBox

        from canvass.db import open_database
        from ui.context import AppContext
        from ui.dialogs.progress import ProgressDialog, error_text

        try:
            if choice.kind == "new":
                db = create_database(choice.path, choice.commune, choice.campaign, choice.start, choice.end)
                path = choice.path
            elif choice.kind == "open":
                from ui.dialogs.login import needs_login, open_server   # a server asks who logs in
                db = open_server(choice.path, parent) if needs_login(choice.path) else open_database(choice.path)
                if db is None:
                    return None
                path = choice.path
            else:
                target = sample_database_path()
                fresh = not target.exists()
                target.parent.mkdir(parents=True, exist_ok=True)   # the program's own folder, not a typed path
                db = open_database(target)
                path = str(target)
                if fresh:
                    tmp = AppContext(db=db, runner=self.runner, settings=self.settings)
                    out = ProgressDialog.run(tmp, parent, lambda progress, cancel: import_sample(db, progress, cancel),
                                             title=QCoreApplication.translate("Application", "Sample commune"),
                                             label=QCoreApplication.translate("Application", "Importing the sample list…"))
                    if not out.ok:
                        db.dispose()
                        target.unlink(missing_ok=True)
                        QMessageBox.warning(parent, QCoreApplication.translate("Application", "Sample commune"),
                                            error_text(parent, out.error))
                        return None
        except Exception as exc:  # noqa: BLE001 - a broken, locked or read-only file must not kill the window
            QMessageBox.warning(parent, QCoreApplication.translate("Application", "Cannot open the database"),
                                error_text(parent, exc))
            return None
        if "://" not in path:
            self.settings.add_recent(str(Path(path).resolve()))
        return db

    def show(self, db) -> None:
        """Show the main window over a database (re-using the window when there is one)."""
        from ui.context import AppContext
        from ui.main_window import MainWindow
        from ui.settings import ACTOR

        old = self.ctx.db if self.ctx else None
        self.ctx = AppContext(db=db, runner=self.runner, settings=self.settings,
                              actor=self.settings.get(ACTOR) or None)
        if self.window is None:
            self.window = MainWindow(self.ctx)
            self.window.databaseRequested.connect(self._switch)
            self.window.show()
        else:
            self.window.set_context(self.ctx)
        if old is not None and old is not db:
            old.dispose()
        from ui.dialogs.login import land
        self.login = land(self.window)      # on a server: the login records, and a lead lands on their team

    def _switch(self, choice) -> None:
        db = self.open_choice(choice, self.window)
        if db is not None:
            self.show(db)


def report_unexpected(exc_type, exc, tb) -> None:
    """sys.excepthook of the window: an error no dialog caught (in a slot or an event handler) is logged (type and
    stack, not its message) and shown as one polite sentence instead of being lost on the console."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication, QMessageBox

    from ui.dialogs.progress import error_text

    if exc is not None and exc.__traceback__ is None:
        exc = exc.with_traceback(tb)
    text = error_text(None, exc)      # logs what is unexpected
    if QApplication.instance() is not None:
        QMessageBox.warning(QApplication.activeWindow(),
                            QCoreApplication.translate("Application", "Something went wrong"), text)


LOG_BYTES = 1_000_000     # gocua.log is rotated at about this size...
LOG_FILES = 3             # ...keeping gocua.log.1 to .3: a few MB at most, however long the program runs


def setup_logging():
    """Errors go to gocua.log in the user data folder (never names, CCCD or phones: see error_text), rotated
    (LOG_BYTES, LOG_FILES). Returns the handler, or None when the folder cannot be written."""
    import logging
    from logging.handlers import RotatingFileHandler

    from canvass.db import default_path

    try:
        folder = default_path().parent
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(folder / "gocua.log", maxBytes=LOG_BYTES, backupCount=LOG_FILES,
                                      encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    logging.getLogger("gocua").addHandler(handler)
    return handler


def make_qapp(argv: list[str]):
    """The QApplication with the program's name, style and style sheet."""
    from PySide6.QtCore import QDir
    from PySide6.QtWidgets import QApplication

    from ui.widgets.icons import icon

    app = QApplication.instance() or QApplication(sys.argv[:1] + list(argv))
    app.setOrganizationName("GoCua")
    app.setApplicationName("GoCua")
    app.setApplicationDisplayName("Gõ Cửa")
    app.setStyle("Fusion")
    app.setWindowIcon(icon("app"))
    if STYLE.exists():
        QDir.addSearchPath("styles", str(STYLE.parent))     # the style sheet's url(styles:…) images
        app.setStyleSheet(STYLE.read_text(encoding="utf-8"))
    from ui.widgets import file_dialogs
    file_dialogs.install(app)      # Qt's own file dialog, sized for its Vietnamese texts
    return app


FIRST_ROWS_PROBE = "GOCUA_FIRST_ROWS_PROBE"   # `make bench`: print when the first rows are painted, then quit


def watch_first_rows(window) -> None:
    """For the start-up bench: once the residents table has painted rows, print `first-rows <time.time()>`
    on stdout and quit (the bench measures from before it started the process)."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    view = window.residentsView
    viewport = view.table.viewport()

    class Probe(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt API
            if obj is viewport and event.type() == QEvent.Type.Paint and view.model.rowCount():
                obj.removeEventFilter(self)
                QTimer.singleShot(0, lambda: (print(f"first-rows {time.time():.6f} {view.model.rowCount()}",
                                                    flush=True), QApplication.quit()))
            return False

    window._first_rows_probe = Probe(window)
    viewport.installEventFilter(window._first_rows_probe)


def main(argv: list[str]) -> int:
    """Open the main window (or render a screenshot)."""
    args = parse_args(list(argv))
    if args.screenshot:
        from ui.screenshot import main as shot

        return shot(args)
    from ui import i18n
    from ui.settings import LANGUAGE, LAST_DB, Settings
    from ui.start_dialog import StartChoice, StartDialog
    from ui.tasks import Runner

    app = make_qapp([])
    setup_logging()
    sys.excepthook = report_unexpected
    settings = Settings(args.settings)
    i18n.install(app, args.lang or settings.get(LANGUAGE))
    runner = Runner()
    shell = Application(app, settings, runner)
    db = None
    if args.db:
        db = shell.open_choice(StartChoice("open", path=args.db))
    elif settings.get(LAST_DB) and ("://" in settings.get(LAST_DB) or Path(settings.get(LAST_DB)).exists()):
        db = shell.open_choice(StartChoice("open", path=settings.get(LAST_DB)))
    while db is None:
        choice = StartDialog.ask(settings.recent_files())
        if choice is None:
            return 0
        db = shell.open_choice(choice)
    shell.show(db)
    if os.environ.get(FIRST_ROWS_PROBE):
        watch_first_rows(shell.window)
    elif shell.login is None:
        shell.window.ensure_actor()
    code = app.exec()
    runner.wait(5000)
    if shell.ctx is not None:
        shell.ctx.db.dispose()
    return code


def run() -> None:
    """The `gocua` program of an installed package: the window, with the same arguments as main.py."""
    sys.exit(main(sys.argv[1:]))


__all__ = ["main", "run", "parse_args", "create_database", "import_sample", "sample_path", "Application", "make_qapp", "report_unexpected"]
