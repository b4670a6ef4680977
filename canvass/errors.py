"""Errors the core raises for people to read: the UI and the CLI turn them into one clear sentence."""


class CanvassError(Exception):
    """Base of the errors a user can cause and fix (bad input, unknown names, unreadable files)."""


class InvalidInput(CanvassError, ValueError):
    """A value a person gave is not acceptable (unknown outcome, reason missing, date in the future...)."""


class NotFound(CanvassError, LookupError):
    """A resident, team, hamlet or pack named by a person does not exist."""


class Cancelled(CanvassError):
    """Long work stopped because the person cancelled it; its transaction was rolled back."""


# Long work takes two plain callables, so the same function runs under a progress bar, in the CLI and in
# a test: `progress(done, total)` and `cancel() -> bool` (checked between chunks; True raises Cancelled).
