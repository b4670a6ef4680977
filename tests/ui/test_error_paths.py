"""Errors a person hits (a file that is not a database, a read-only database, an export onto something that cannot be
written, an error no dialog caught) read as one Vietnamese sentence, never a type name, SQL or personal data; closing
the window while work runs cancels that work as the question promises."""
from __future__ import annotations

import logging
import sqlite3
import threading

import pytest
from PySide6.QtWidgets import QMessageBox

from canvass.errors import Cancelled
from tests.factories import make_commune

COMMUNE = False     # ctx (tests/ui/conftest.py) starts empty: these tests build their own data


@pytest.fixture
def vi(ctx, qapp):
    from ui import i18n

    i18n.install(qapp, "vi")
    return ctx


@pytest.fixture
def warnings(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append((title, text)))
    return shown


def plain(text: str) -> bool:
    """No English error vocabulary, type names, SQL or errno in what a person reads."""
    return not any(w in text for w in ("Error", "sqlite", "SQL", "Errno", "errno", "Traceback", "[", "PRAGMA"))


def test_a_file_that_is_not_a_database_says_so_in_vietnamese(vi, qapp, settings, tmp_path, warnings):
    from ui.app import Application
    from ui.start_dialog import StartChoice

    bogus = tmp_path / "danh_sach.db"
    bogus.write_bytes(b"Ho ten,CCCD\n" * 200)
    app = Application(qapp, settings, vi.runner)
    assert app.open_choice(StartChoice("open", path=str(bogus))) is None
    (title, text), = warnings
    assert "không phải" in text, text
    assert plain(text), text


def test_a_read_only_database_and_a_locked_one_read_as_sentences(vi, tmp_path):
    from ui.dialogs.progress import error_text

    path = tmp_path / "ro.db"
    con = sqlite3.connect(path)
    con.execute("create table t (x)")
    con.commit()
    con.close()
    ro = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as info:
        ro.execute("insert into t values (1)")
    ro.close()
    text = error_text(None, info.value)
    assert "chỉ đọc" in text and plain(text), text
    locked = error_text(None, sqlite3.OperationalError("database is locked"))
    assert "bận" in locked and plain(locked), locked


def test_export_onto_something_that_cannot_be_written_says_what_to_do(vi, qtbot, tmp_path):
    from ui.dialogs.export_dialog import ExportDialog

    make_commune(vi.db)
    target = tmp_path / "vang.xlsx"
    target.mkdir()                       # a folder where the file should go: the write fails like a locked file
    dlg = ExportDialog(vi, None, kind="absent")
    qtbot.addWidget(dlg)
    dlg.path.setText(str(target))
    with qtbot.waitSignal(dlg.taskbar.finished, timeout=60000):
        dlg.export_button.click()
    assert not dlg.written
    text = dlg.message.text()
    assert "thư mục" in text and plain(text), text
    denied = error_text_of(PermissionError(13, "Permission denied", str(tmp_path / "Nguyễn Văn Thử.xlsx")))
    assert "Excel" in denied and "Nguyễn" not in denied and plain(denied), denied


def error_text_of(exc):
    from ui.dialogs.progress import error_text

    return error_text(None, exc)


def test_an_uncaught_error_is_shown_politely_and_logged_without_personal_data(vi, warnings, caplog):
    from ui.app import report_unexpected

    person = {"name": "Nguyễn Văn Thử", "cccd": "001099012345", "phone": "0912345678"}
    try:
        raise ValueError(" ".join(person.values()))   # the stack's source lines never hold the values themselves
    except ValueError as exc:
        caught = exc
    with caplog.at_level(logging.ERROR, logger="gocua"):
        report_unexpected(type(caught), caught, caught.__traceback__)
    (title, text), = warnings
    assert "ValueError" in text and "Nguyễn" not in text and "0912345678" not in text
    assert "ngoài dự kiến" in text, text
    assert "ValueError" in caplog.text and "test_error_paths.py" in caplog.text
    assert "Nguyễn" not in caplog.text and "001099012345" not in caplog.text


def test_sql_values_never_reach_the_dialog(vi):
    from sqlalchemy.exc import IntegrityError

    exc = IntegrityError("INSERT INTO resident (name) VALUES (?)", ("Trần Thị Mẫu",), Exception("UNIQUE failed"))
    text = error_text_of(exc)
    assert "Trần" not in text and "INSERT" not in text, text


def test_closing_the_window_cancels_running_work(ctx, window, monkeypatch, qtbot):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    started, seen = threading.Event(), []

    def work(progress, cancel):
        started.set()
        for _ in range(400):             # at most ~20 s: the close must stop it long before
            if cancel():
                seen.append("cancelled")
                raise Cancelled("stopped")
            threading.Event().wait(0.05)
        seen.append("ran to the end")

    ctx.runner.run(work)
    assert started.wait(10)
    window.close()
    assert ctx.runner.wait(30000)
    assert seen == ["cancelled"]


def test_the_cores_messages_read_in_vietnamese_in_the_window(vi, qtbot, tmp_path):
    """A duplicate team name, a bad phone and a missing export folder: the core's English sentences come out translated,
    with the person's own words (the team name, the folder) kept."""
    from ui.dialogs.export_dialog import ExportDialog
    from ui.views.teams import TeamsView

    make_commune(vi.db, hamlets=("Thôn Nà Thí",), households_per_hamlet=2, people_per_household=2)
    view = TeamsView(vi)
    qtbot.addWidget(view)
    view.show()
    for _ in range(2):
        view.new_team()
        view.name_edit.setText("Tổ Nà Thí")
        view.save_team()
    assert view.status.text() == "Đã có tổ tên “Tổ Nà Thí”.", view.status.text()
    view.new_team()
    view.name_edit.setText("Tổ hai")
    view.phone_edit.setText("12ab")
    assert view.save_team() is None
    assert "không phải số điện thoại" in view.status.text(), view.status.text()

    dlg = ExportDialog(vi, None, kind="absent")
    qtbot.addWidget(dlg)
    missing = tmp_path / "không có" / "x.xlsx"
    dlg.path.setText(str(missing))
    with qtbot.waitSignal(dlg.taskbar.finished, timeout=60000):
        dlg.export_button.click()
    assert dlg.message.text() == f"Thư mục “{missing.parent}” không tồn tại.", dlg.message.text()


def test_a_core_error_shows_its_codes_text_and_no_regex_reads_a_message_back():
    from pathlib import Path

    from canvass.errors import CanvassError, NotFound
    from ui import i18n
    from ui.dialogs.progress import error_text

    assert error_text(None, CanvassError("something new the core says")) == "something new the core says"
    i18n._current = "vi"
    try:
        assert error_text(None, NotFound("folder_missing", folder="/x")) == "Thư mục “/x” không tồn tại."
    finally:
        i18n._current = "en"
    source = (Path(__file__).resolve().parents[2] / "ui" / "dialogs" / "progress.py").read_text(encoding="utf-8")
    assert "import re" not in source and "core_text" not in source


def test_closed_dialogs_do_not_pile_up_in_memory(ctx, window, qtbot, monkeypatch):
    """Details, outcome, export and settings dialogs are children of the window: each one closed must be freed, or a
    day of opening residents keeps hundreds of them (with their tables) alive."""
    from PySide6.QtWidgets import QApplication, QDialog

    from ui.dialogs.export_dialog import ExportDialog
    from ui.dialogs.outcome_dialog import OutcomeDialog
    from ui.main_window import SettingsDialog
    from ui.views.details import ResidentDetailsDialog

    monkeypatch.setattr(QDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    rid = make_commune(ctx.db)[0]
    for _ in range(3):
        window.show_details(rid)
        window.record_outcome([rid])
        window.export()
        window.open_settings()
    QApplication.sendPostedEvents(None, 0)       # run the deleteLater calls
    qtbot.wait(50)
    left = [type(d).__name__ for d in window.findChildren(QDialog)
            if isinstance(d, (ResidentDetailsDialog, OutcomeDialog, ExportDialog, SettingsDialog))]
    assert left == []


def test_another_programs_database_gets_the_not_ours_sentence(qapp, tmp_path):
    import sqlite3

    from canvass.db import open_database
    from ui.dialogs.progress import known_error_text

    path = tmp_path / "contacts.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE contacts (name TEXT)")
    con.commit()
    con.close()
    try:
        open_database(path)
    except Exception as exc:  # noqa: BLE001 - the window shows whatever comes
        text = known_error_text(exc)
    assert text and "Gõ Cửa" in text and "newer" not in text
