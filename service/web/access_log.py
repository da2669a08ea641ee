"""One structured (JSON) access-log line per request, on standard error.

The line carries what an operator needs to find and time a request — request id, method,
route, status, duration, sizes — and nothing a client sent as content: never the article text,
the query string or a header (so never a token). gunicorn's own access log is off
(gunicorn.conf.py) so that each request is logged once.
"""

from __future__ import annotations

import json
import re
import sys
import time
import uuid
from typing import Any

LOGGER_NAME = "ringkas.access"
#: A client's X-Request-ID is reused only if it is a plain token: letters, digits and ``._:-``,
#: at most 128 characters (room for a UUID or a W3C trace id with a prefix), so that it cannot
#: forge log lines or carry a payload.
_SANE_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
#: Paths longer than this are cut in the log (the route label is always there).
MAX_LOGGED_PATH = 256


def request_id(given: str | None) -> str:
    """The client's X-Request-ID if it is sane, else a new random one (32 hex digits)."""
    if given is not None and _SANE_ID.fullmatch(given):
        return given
    return uuid.uuid4().hex


def access_record(
    *, request_id: str, method: str, route: str, path: str, status: int, seconds: float,
    request_bytes: int, response_bytes: int | None,
) -> dict[str, Any]:
    """The fields of one access-log line."""
    return {
        "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "level": "info",
        "logger": LOGGER_NAME,
        "request_id": request_id,
        "method": method,
        "route": route,
        "path": path[:MAX_LOGGED_PATH],
        "status": status,
        "duration_ms": round(seconds * 1000, 3),
        "request_bytes": request_bytes,
        "response_bytes": response_bytes,
    }


def log_access(record: dict[str, Any]) -> None:
    """Write one access line to standard error (whatever ``sys.stderr`` is now: test runners swap it).

    Written directly, not through ``logging``: its records, handlers and locks cost three times
    the line itself (docs/PERFORMANCE.md). One ``write`` of a line under the pipe buffer size
    (``MAX_LOGGED_PATH`` keeps it there) is atomic, so lines from several gunicorn workers never
    interleave. ``ensure_ascii``: one physical line whatever the path contains.
    """
    sys.stderr.write(json.dumps(record, ensure_ascii=True, separators=(",", ":")) + "\n")
    sys.stderr.flush()
