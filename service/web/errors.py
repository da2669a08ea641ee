"""One error shape for everything: RFC 9457 problem details (``application/problem+json``).

Domain errors carry their status; HTTP errors raised by Flask/Werkzeug (404, 405, 413, …) keep
theirs; anything else is logged with its traceback and answered with a bare 500 that reveals
nothing (it means a bug of ours, never a client's mistake).
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from flask import Flask, Response, json
from werkzeug.exceptions import HTTPException

from ..exceptions import RingkasError

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger(__name__)


def problem_body(status: int, detail: str, errors: list[dict[str, str]] | None = None) -> dict[str, Any]:
    """The problem-details object itself (also one result of a batch, so it is built apart from a response)."""
    body: dict[str, Any] = {"type": "about:blank", "title": _title(status), "status": status, "detail": detail}
    if errors:
        body["errors"] = errors
    return body


def problem(status: int, detail: str, *, errors: list[dict[str, str]] | None = None, headers: Any = None) -> Response:
    """A problem-details response with the standard title for ``status``."""
    response = Response(json.dumps(problem_body(status, detail, errors)), status=status, mimetype=PROBLEM_JSON)
    for name, value in headers or ():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


#: RFC 9110's reason phrases where Python's ``http.HTTPStatus`` keeps older ones.
_RFC_9110_TITLES = {413: "Content Too Large", 414: "URI Too Long", 416: "Range Not Satisfiable", 422: "Unprocessable Content"}


def _title(status: int) -> str:
    try:
        return _RFC_9110_TITLES.get(status) or HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def register_error_handlers(app: Flask) -> None:
    """Install the handlers that make every error a problem+json response."""

    @app.errorhandler(RingkasError)
    def _domain(error: RingkasError) -> Response:
        response = Response(json.dumps(error.problem()), status=error.status, mimetype=PROBLEM_JSON)
        response.headers.extend(error.headers)
        return response

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> Response:
        status = error.code or 500
        detail = _HTTP_DETAILS.get(status) or error.description or _title(status)
        if status == 413:
            detail = f"The request body is larger than the limit of {app.config['MAX_CONTENT_LENGTH']:,} bytes."
        return problem(status, detail, headers=error.get_headers())

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Response:
        log.exception("Unhandled error")
        return problem(500, "The server failed to handle this request; the error has been logged.")


_HTTP_DETAILS = {
    404: "No such endpoint. See GET /openapi.json for the API.",
    405: "This endpoint does not accept that method; the Allow header lists the ones it does.",
}
