"""Errors the core raises for people to read: the UI and the CLI turn them into one clear sentence."""


class CanvassError(Exception):
    """Base of the errors a user can cause and fix (bad input, unknown names, unreadable files)."""


class InvalidInput(CanvassError, ValueError):
    """A value a person gave is not acceptable (unknown outcome, reason missing, date in the future...)."""


class NotFound(CanvassError, LookupError):
    """A resident, team, hamlet or pack named by a person does not exist."""
