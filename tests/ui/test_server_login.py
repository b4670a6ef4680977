"""The window on a shared server: it asks the login and password, keeps no password, and shows what the role
allows (a lead lands on their team's keying view, with their team's residents only)."""
from __future__ import annotations

import pytest

from tests.core.serverdata import PASSWORD, build_server

pytestmark = pytest.mark.postgres


@pytest.fixture
def server(pg_db, pg_url, tmp_path):
    srv = build_server(pg_db, pg_url, tmp_path, per_commune=20)
    srv.add("lead_a1", "lead", team="A1")
    srv.add("viewer_p", "viewer")
    yield srv
    srv.drop_logins()


@pytest.fixture(autouse=True)
def no_warning_boxes(monkeypatch):
    """A warning box would be modal and hang the test: it fails it instead."""
    from PySide6.QtWidgets import QMessageBox

    def unexpected(parent, title, text, *a, **k):
        raise AssertionError(f"{title}: {text}")

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(unexpected))


def test_login_dialog_returns_what_was_typed(qtbot):
    from PySide6.QtWidgets import QDialog

    from ui.dialogs.login import LoginDialog, needs_login

    dlg = LoginDialog("127.0.0.1:5432/canvass", "lead_a1")
    qtbot.addWidget(dlg)
    assert dlg.passwordEdit.echoMode() == dlg.passwordEdit.EchoMode.Password
    dlg.passwordEdit.setText("bí mật")
    dlg.done(QDialog.DialogCode.Accepted)
    assert dlg.answer() == ("lead_a1", "bí mật")
    assert needs_login("postgresql+psycopg://host/canvass") and not needs_login("/tmp/x.db")
    assert not needs_login("postgresql+psycopg://u:p@host/canvass")


def test_a_lead_logs_in_and_lands_on_their_team(server, shell, monkeypatch, qtbot):
    from ui.dialogs.login import LoginDialog
    from ui.start_dialog import StartChoice

    asked = []

    def answer(srv, login, error, parent):
        asked.append((srv, login, error))
        return ("lead_a1", "wrong-password") if len(asked) == 1 else ("lead_a1", PASSWORD)

    monkeypatch.setattr(LoginDialog, "ask", staticmethod(answer))
    db = shell.open_choice(StartChoice("open", path=server.url))
    assert db is not None
    assert len(asked) == 2 and asked[0][2] == "" and "refused" in asked[1][2]   # asked again after a refusal
    assert PASSWORD not in db.url and "lead_a1" in db.url
    shell.show(db)
    w = shell.window
    assert shell.login == "lead_a1" and w.ctx.actor == "lead_a1"
    assert w.tabs.currentWidget() is w.keyingView
    view = w.keyingView
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=20000)
    assert view.team_combo.currentData() == server.teams["A1"]
    # the team choice holds their team only: the server shows them nothing else
    assert [view.team_combo.itemData(i) for i in range(view.team_combo.count())] == [None, server.teams["A1"]]
    assert view.model.rowCount() == len(server.residents["A1"])
    assert PASSWORD not in w.whereLabel.text() + w.whereLabel.toolTip() + w.windowTitle()
    assert not any(PASSWORD in str(v) for v in _settings_values(shell.settings))


def test_a_viewer_is_told_the_window_is_not_theirs(server, shell, monkeypatch):
    from ui.dialogs.login import LoginDialog
    from ui.start_dialog import StartChoice

    asked = []

    def answer(srv, login, error, parent):
        asked.append(error)
        return ("viewer_p", PASSWORD) if len(asked) == 1 else None

    monkeypatch.setattr(LoginDialog, "ask", staticmethod(answer))
    assert shell.open_choice(StartChoice("open", path=server.url)) is None
    assert "figures only" in asked[1]


def _settings_values(settings):
    settings.qs.sync()
    return [settings.qs.value(k) for k in settings.qs.allKeys()]
