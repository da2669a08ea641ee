"""problem+json for the requests gunicorn refuses itself, before the app sees them.

gunicorn answers a request line over ``limit_request_line`` (414), too many or too large header
fields (431), a malformed request line, header or chunk (400), an unknown transfer coding (501)
and an app that fails outside Flask (500) with a small HTML page, written by
``gunicorn.util.write_error``. A client of this API reads every error as RFC 9457 problem
details, so the server's configuration (``gunicorn.conf.py``) puts :func:`write_problem` in its
place: gunicorn still decides the status and logs the request; only the body's shape changes.
"""

from __future__ import annotations

import json
import socket

from gunicorn import util

from .errors import PROBLEM_JSON, problem_body

#: What a client can do about each status gunicorn answers itself (its own message follows).
_ADVICE = {
    414: "The request line (method, path and query string) is too long: send options in the body.",
    431: "The request has too many header fields, or one that is too long.",
    500: "The server failed to handle this request; the error has been logged.",
}
#: The most characters of gunicorn's message quoted: it may quote the client's request line.
MAX_QUOTED = 200


def write_problem(sock: socket.socket, status_int: int, reason: str, mesg: str) -> None:
    """``gunicorn.util.write_error``'s replacement (same arguments; ``reason`` unused): the error as problem+json."""
    quoted = mesg if len(mesg) <= MAX_QUOTED else mesg[:MAX_QUOTED] + "…"
    advice = _ADVICE.get(status_int, "The server could not read this HTTP request.")
    detail = f"{advice} ({quoted})" if quoted and status_int != 500 else advice
    problem = problem_body(status_int, detail)
    body = json.dumps(problem, ensure_ascii=True).encode("ascii")
    # The status line's reason is the problem's title, not gunicorn's ``reason``: gunicorn passes
    # "Bad Request" with its 501 (an unknown transfer coding).
    head = (
        f"HTTP/1.1 {status_int} {problem['title']}\r\nConnection: close\r\nContent-Type: {PROBLEM_JSON}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    util.write_nonblock(sock, head.encode("latin-1") + body)


def install() -> None:
    """Make gunicorn write its own error answers as problem+json (called by ``gunicorn.conf.py``)."""
    util.write_error = write_problem
