"""Domain errors raised by the core; ``web/errors.py`` turns them into RFC 9457 responses.

Each is a ``ValueError`` (house style §4) whose message tells the client what to fix, and each
carries the HTTP status, title and headers that describe it, so the web layer, the batch
endpoint and the CLI need no table of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FieldError:
    """One invalid field: its name (dotted for nested fields) and what is wrong with it."""

    field: str
    message: str


class RingkasError(ValueError):
    """Base of every error a client can cause."""

    status = 400
    #: The problem's ``title``: the standard phrase of ``status`` (RFC 9110 names).
    title = "Bad Request"
    #: Response headers the status requires (a 401's ``WWW-Authenticate``).
    headers: tuple[tuple[str, str], ...] = ()

    def __init__(self, detail: str, errors: tuple[FieldError, ...] = ()) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors

    def problem(self) -> dict[str, Any]:
        """The RFC 9457 problem-details object describing this error."""
        body: dict[str, Any] = {"type": "about:blank", "title": self.title, "status": self.status, "detail": self.detail}
        if self.errors:
            body["errors"] = [{"field": e.field, "message": e.message} for e in self.errors]
        return body


class MalformedRequest(RingkasError):
    """The body cannot be read at all: broken JSON, undecodable bytes, a missing text field."""

    status = 400
    title = "Bad Request"


class UnsupportedMediaType(RingkasError):
    """The Content-Type is not one we read."""

    status = 415
    title = "Unsupported Media Type"


class PayloadTooLarge(RingkasError):
    """The body or the text is over its configured bound."""

    status = 413
    title = "Content Too Large"


class InvalidOptions(RingkasError):
    """Options that are well-formed but not allowed (out of range, conflicting, unknown)."""

    status = 422
    title = "Unprocessable Content"


class EmptyText(InvalidOptions):
    """The text has nothing to summarise (empty, or only whitespace and control characters)."""


class UnsupportedLanguage(InvalidOptions):
    """The requested language is not one we know."""


def problem_details(error: RingkasError) -> dict[str, object]:
    """The RFC 9457 problem object of a domain error, as the API answers it (and as ``ringkas
    batch`` writes it for one row); ``web/errors.py`` builds its responses from this."""
    body: dict[str, object] = {"type": "about:blank", "title": error.title, "status": error.status, "detail": error.detail}
    if error.errors:
        body["errors"] = [{"field": e.field, "message": e.message} for e in error.errors]
    return body
