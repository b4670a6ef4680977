"""Errors the core raises for people to read: a code and its parameters, never a sentence to parse.

`CanvassError(code, **params)`: the code names a row of `canvass.messages.MESSAGES`, which gives the English
(`str(exc)`) and the Vietnamese sentence; the window and the command line show `canvass.messages.text(exc, lang)`.
(A plain sentence is still accepted as the code of an error not yet in the table; it reads the same in both
languages, which is why the table should hold every error: tests/core/test_messages.py lists the ones left.)
"""
from __future__ import annotations


class CanvassError(Exception):
    """Base of the errors a user can cause and fix (bad input, unknown names, unreadable files)."""

    def __init__(self, code: str = "", detail: object = None, /, **params):
        self.code = code
        self.params = params
        if detail is None:
            super().__init__(code)
        else:                          # (code, detail): the pack reader's row reasons
            self.params.setdefault("detail", detail)
            super().__init__(code, detail)

    def __str__(self) -> str:
        from canvass.messages import MESSAGES, render

        if self.code in MESSAGES:
            return render(self.code, self.params)
        return str(self.args[0]) if self.args else self.code     # a sentence not yet in the table


class InvalidInput(CanvassError, ValueError):
    """A value a person gave is not acceptable (unknown outcome, reason missing, date in the future...)."""


class NotFound(CanvassError, LookupError):
    """A resident, team, hamlet or pack named by a person does not exist."""


class Cancelled(CanvassError):
    """Long work stopped because the person cancelled it; its transaction was rolled back."""


# Long work takes two plain callables, so the same function runs under a progress bar, in the CLI and in
# a test: `progress(done, total)` and `cancel() -> bool` (checked between chunks; True raises Cancelled).
