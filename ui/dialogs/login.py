"""Logging in to a shared PostgreSQL server: the login dialog, opening the server as that login, and where the
window lands for the login's role (see canvass/server.py for the rights the server enforces).

The password is used to connect and then forgotten: it is never written to the settings, a log or the window
(the database's URL kept by the program has no password; `whereLabel` shows only the server's address). The
server, not the window, decides what the login sees: a lead's queries return their team's residents only.
"""
from __future__ import annotations

from typing import Callable, Optional

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from canvass.server import needs_login   # noqa: F401 - the window asks through this module


class LoginDialog(QDialog):
    """Asks the login and password for a server (its address shown, never a password kept)."""

    def __init__(self, server: str, login: str = "", error: str = "", parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("Log in to the server"))
        lay = QVBoxLayout(self)
        where = QLabel(self.tr("Server: %1").replace("%1", server), self)
        where.setObjectName("loginServer")
        lay.addWidget(where)
        form = QFormLayout()
        self.loginEdit = QLineEdit(login, self)
        self.loginEdit.setObjectName("loginName")
        self.passwordEdit = QLineEdit(self)
        self.passwordEdit.setObjectName("loginPassword")
        self.passwordEdit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&Login:"), self.loginEdit)
        form.addRow(self.tr("&Password:"), self.passwordEdit)
        lay.addLayout(form)
        self.errorLabel = QLabel(error, self)
        self.errorLabel.setObjectName("loginError")
        self.errorLabel.setStyleSheet("color: #b00020;")
        self.errorLabel.setVisible(bool(error))
        lay.addWidget(self.errorLabel)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        (self.passwordEdit if login else self.loginEdit).setFocus()

    def answer(self) -> Optional[tuple[str, str]]:
        """(login, password), or None when cancelled or left empty."""
        if self.result() != QDialog.DialogCode.Accepted:
            return None
        login = self.loginEdit.text().strip()
        return (login, self.passwordEdit.text()) if login and self.passwordEdit.text() else None

    @classmethod
    def ask(cls, server: str, login: str = "", error: str = "",
            parent: Optional[QWidget] = None) -> Optional[tuple[str, str]]:
        """Show the dialog; (login, password) or None (tests replace this method)."""
        dlg = cls(server, login, error, parent)
        try:
            dlg.exec()
            return dlg.answer()
        finally:
            dlg.deleteLater()


def open_server(target: str, parent: Optional[QWidget] = None, *,
                ask: Optional[Callable[..., Optional[tuple[str, str]]]] = None):
    """Open a server URL as the login the person types (asked again after a refused password); the open
    Database, or None when they cancel. Its `url` is the address without the password."""
    from canvass.errors import CanvassError
    from canvass.server import connect_as, current_user, server_address

    ask = ask or LoginDialog.ask
    server, login = server_address(target)
    error = ""
    while True:
        answer = ask(server, login, error, parent)
        if answer is None:
            return None
        login, password = answer
        try:
            db = connect_as(target, login, password)
        except CanvassError as exc:
            if exc.code != "login_refused":
                raise
            error = QCoreApplication.translate("LoginDialog", "The server refused this login and password.")
            continue
        user = current_user(db)
        if user is not None and user.role == "viewer":
            db.dispose()
            error = QCoreApplication.translate(
                "LoginDialog", "This login sees figures only (the server's figures views), not the window's lists.")
            continue
        return db


def land(window) -> Optional[str]:
    """Put the window where the connected login's role works (a lead: the keying view on their team) and
    name the login as the one recording. The login, or None on SQLite or for the server's owner."""
    from canvass.server import current_user

    try:
        user = current_user(window.ctx.db)
    except Exception:   # noqa: BLE001 - an older server without logins: the window as on SQLite
        return None
    if user is None:
        return None
    window.ctx.actor = user.login          # the server writes the login into every event anyway
    if user.role == "lead" and user.team_id is not None:
        window.show_tab("keying").select_team(user.team_id)
    return user.login


__all__ = ["LoginDialog", "needs_login", "open_server", "land"]
