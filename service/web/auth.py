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
    matched. Tokens are compared as bytes (compare_digest rejects non-ASCII ``str``): the header
    as the bytes the client sent (:func:`_sent_bytes`), against each token in UTF-8 (what ``curl
    -H 'Authorization: Bearer tök'`` sends) and, if it has one, in Latin-1 (HTTP's historical
    charset for header text).
    """
    expected = tuple(dict.fromkeys(encoded for token in tokens for encoded in (token.encode(), _latin1(token)) if encoded))

    def check(authorization: str | None) -> bool:
        scheme, _, credentials = (authorization or "").partition(" ")
        given = _sent_bytes(credentials.strip())
        matched = False
        for token in expected:
            matched |= hmac.compare_digest(given, token)
        return scheme.lower() == "bearer" and matched

    return check


def _sent_bytes(value: str) -> bytes:
    """A header value as the client's bytes: a WSGI server hands them over decoded as Latin-1
    (PEP 3333), so encoding back as Latin-1 restores them (a non-ASCII token's UTF-8 bytes
    included, where encoding as UTF-8 would double-encode them). Text that cannot have come
    from the wire that way (a test client's) is taken as UTF-8."""
    try:
        return value.encode("latin-1")
    except UnicodeEncodeError:
        return value.encode("utf-8", "surrogateescape")


def _latin1(token: str) -> bytes | None:
    """``token`` in Latin-1, or ``None`` if it has a character Latin-1 lacks (never a shortened token)."""
    try:
        return token.encode("latin-1")
    except UnicodeEncodeError:
        return None
