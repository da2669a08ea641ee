"""The page at ``GET /``: try the service in a browser (summaries and headline groups).

Everything the page uses (HTML, one script, one stylesheet; system fonts only) is served from
``service/web/static`` by this blueprint, so it works offline and behind firewalls. It is sent
with a strict Content-Security-Policy: scripts, styles and requests to this origin only, no
inline script, no frames; a page that pasted articles go through must not be able to leak them.
``/`` and ``/static/`` stay open when tokens are configured (like ``/docs``): the page holds no
data, and asks the visitor for a token that it keeps in memory only (``static/app.js``).
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template

from ..models import ALGORITHMS, SummaryOptions
from ..pipeline import Resources

bp = Blueprint("page", __name__, static_folder="static", static_url_path="/static", template_folder="templates")

#: Same-origin only; ``img-src data:`` for the empty favicon (``data:,``: no request for /favicon.ico).
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


#: How the page names each algorithm (every one of ``models.ALGORITHMS``).
ALGORITHM_LABELS = {"learned": "Learned (default)", "lexrank": "LexRank", "textrank": "TextRank"}
assert set(ALGORITHM_LABELS) == set(ALGORITHMS)


@bp.get("/")
def index_view() -> Response:
    """The playground page; ``data-auth`` tells the script whether to ask for a token."""
    resources: Resources = current_app.extensions["ringkas"]
    config = resources.config
    html = render_template(
        "index.html",
        auth_required=bool(config.api_tokens),
        default_sentences=config.default_sentences,
        max_text_chars=config.max_text_chars,
        max_body_bytes=config.max_body_bytes,
        algorithms=ALGORITHM_LABELS,
        default_algorithm=SummaryOptions.model_fields["algorithm"].default,
    )
    return Response(html, mimetype="text/html")


@bp.after_request
def _secure(response: Response) -> Response:
    """The page and its static files: strict CSP, no MIME sniffing, no referrer, no framing."""
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Frame-Options"] = "DENY"
    return response
