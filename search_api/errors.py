"""Which exceptions are the user's problem (bad input) rather than a bug."""

from __future__ import annotations


class UserError(Exception):
    """Raised by commands for bad arguments; the message is shown as is."""


def user_error_types() -> tuple[type[BaseException], ...]:
    from ingest.errors import IngestError
    from kg.errors import KGError
    from search_api.datadir.generations import DataDirError

    return (UserError, IngestError, DataDirError, KGError)
