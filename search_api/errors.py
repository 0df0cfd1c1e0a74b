"""Which exceptions are the user's problem (bad input) rather than a bug."""

from __future__ import annotations


class UserError(Exception):
    """Raised by commands for bad arguments; the message is shown as is."""


def user_error_types() -> tuple[type[BaseException], ...]:
    """Everything shown to the user as one line (the data directory's errors are UserErrors)."""
    from ingest.errors import IngestError
    from kg.errors import KGError

    return (UserError, IngestError, KGError)
