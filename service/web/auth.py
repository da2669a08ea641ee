"""Optional bearer-token authentication for the /v1/ routes.

Off when ``Config.api_tokens`` is empty. Operational endpoints (``/healthz``, ``/metrics``,
``/openapi.json``, ``/docs``) stay open: load balancers, Prometheus and people reading the
reference must reach them without a secret, and they reveal no article text.
Tokens are never logged: the access log records no headers, and ``Config``'s repr hides them.
``app.py`` calls :func:`token_checker` from a ``before_request`` hook (this module needs no Flask).
"""

from __future__ import annotations

import hmac
from collections.abc import Callable

from ..exceptions import RingkasError

#: Routes under this prefix need a token when tokens are configured (unknown /v1/ paths too,
#: so that a 404 does not tell an anonymous caller which routes exist).
PROTECTED_PREFIX = "/v1/"


class Unauthorized(RingkasError):
    """A /v1/ call without a valid bearer token while tokens are configured."""

    status = 401
    title = "Unauthorized"
    #: RFC 6750 §3: a 401 names the scheme the client must use.
    headers = (("WWW-Authenticate", 'Bearer realm="ringkas"'),)


def token_checker(tokens: tuple[str, ...]) -> Callable[[str | None], bool]:
    """Build ``check(authorization_header) -> bool`` for the configured tokens.

    Every token is compared, with :func:`hmac.compare_digest`, whatever the outcome of the
    previous comparisons: the time taken says nothing about which token, or how much of one,
    matched. Tokens are compared as UTF-8 bytes (compare_digest rejects non-ASCII ``str``).
    """
    expected = tuple(token.encode() for token in tokens)

    def check(authorization: str | None) -> bool:
        scheme, _, credentials = (authorization or "").partition(" ")
        given = credentials.strip().encode("utf-8", "surrogateescape")
        matched = False
        for token in expected:
            matched |= hmac.compare_digest(given, token)
        return scheme.lower() == "bearer" and matched

    return check
