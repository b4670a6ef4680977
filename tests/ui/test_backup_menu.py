"""File > Back up and File > Restore in the window: a real copy, a question before restoring, the views showing
the restored data, a refused file explained in a sentence."""
from __future__ import annotations

import sqlite3

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import func, select

from canvass.backup import check_backup
from canvass.events import record_visit
from canvass.models import Event


def visits(ctx) -> int:
    with ctx.db.read() as s:
        return s.scalar(select(func.count()).select_from(Event).where(Event.kind == "visit"))


def test_back_up_then_restore_from_the_file_menu(window, ctx, tmp_path, monkeypatch, qtbot):
    names = [a.objectName() for a in window.findChild(QAction, "actionBackup").associatedObjects()]
    assert "menuFile" in names and window.findChild(QAction, "actionRestore") is not None
    copy = tmp_path / "copy.db"
    offered = {}

    def save(parent, title, start, filters):
        offered["start"] = start
        return str(copy), filters
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    window.findChild(QAction, "actionBackup").trigger()
    assert copy.is_file() and check_backup(copy) >= 1
    assert "backups" in offered["start"]                         # the dialog opens in the backups folder
    before = visits(ctx)
    with ctx.db.session() as s:
        from canvass.models import Resident
        rid = s.scalars(select(Resident.id)).first()
        record_visit(s, rid, "refused", actor="test")
    assert visits(ctx) == before + 1

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(copy), ""))
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text, *a, **k: asked.append(text) or QMessageBox.StandardButton.No)
    window.findChild(QAction, "actionRestore").trigger()
    assert asked and "copy.db" in asked[0] and visits(ctx) == before + 1     # "No": nothing changes

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    refreshed = []
    monkeypatch.setattr(window.residentsView, "refresh", lambda: refreshed.append(True))
    window.findChild(QAction, "actionRestore").trigger()
    assert visits(ctx) == before and refreshed
    kept = list((tmp_path / "backups").glob("*-before-restore.db"))
    assert len(kept) == 1
    with sqlite3.connect(kept[0]) as con:
        assert con.execute("SELECT COUNT(*) FROM event WHERE kind = 'visit'").fetchone() == (before + 1,)


def test_a_file_that_is_not_a_backup_is_refused_with_a_sentence(window, ctx, tmp_path, monkeypatch):
    other = tmp_path / "contacts.db"
    with sqlite3.connect(other) as con:
        con.execute("CREATE TABLE contacts (name TEXT)")
    before = visits(ctx)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append(text))
    window.findChild(QAction, "actionRestore").trigger()
    assert shown == ["This file is not a Gõ Cửa database; nothing was changed."]
    assert visits(ctx) == before


def test_the_file_menu_entries_read_in_vietnamese(window, ctx, tmp_path, monkeypatch):
    from canvass.db import MissingFolder
    from ui.dialogs.progress import error_text

    window.set_language("vi")
    assert window.actionBackup.text() == "&Sao lưu cơ sở dữ liệu…"      # (the old actions are deleted later)
    assert window.actionRestore.text() == "&Khôi phục từ bản sao lưu…"
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append((title, text)))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(ctx.db.engine.url.database), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.actionRestore.trigger()
    assert shown == [("Khôi phục", "Tệp này chính là cơ sở dữ liệu đang mở; hãy chọn một bản sao lưu.")]
    assert error_text(window, MissingFolder("/nhà/Documets")) == \
        "Thư mục “/nhà/Documets” không tồn tại. Hãy kiểm tra lại đường dẫn cơ sở dữ liệu."
