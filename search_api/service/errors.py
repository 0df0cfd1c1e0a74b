"""What the read-model raises when a request names nothing, or a part of the build is missing."""

from __future__ import annotations

from search_api.errors import UserError


class NotFound(UserError):
    """An id that names nothing in the live build (HTTP 404)."""


class Unavailable(UserError):
    """A component of the build could not be opened (HTTP 503)."""
