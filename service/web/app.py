"""Application factory: configuration → resources → observability → auth → blueprints → error handlers."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, g, request

from ..config import Config
from ..pipeline import Resources
from .access_log import access_record, log_access, request_id
from .auth import PROTECTED_PREFIX, Unauthorized, token_checker
from .body import BodyRequest
from .errors import register_error_handlers
from .headlines import install as install_headlines
from .metrics import UNMATCHED, Metrics
from .openapi import build_openapi, install_docs
from .page import bp as page_blueprint
from .views import bp as api_blueprint


def create_app(config: Mapping[str, Any] | Config | None = None, *, resources: Resources | None = None) -> Flask:
    """Build the Flask application.

    Args:
        config: a :class:`Config`, or a mapping of overrides applied on top of the defaults
            (environment variables ``RINGKAS_*`` still win over a mapping).
        resources: prebuilt resources to share (tests build them once); built here otherwise.
    """
    settings = config if isinstance(config, Config) else Config.load(config)
    app = Flask(__name__, static_folder=None)  # the page blueprint serves static/ (with its CSP)
    app.request_class = BodyRequest  # a multipart body that does not parse is a 400, not an empty form
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    # A form field may be as large as the body (Werkzeug's own default is 500 kB); the number
    # of parts keeps Werkzeug's bound of 1,000 (a form of ours has a dozen fields).
    app.config["MAX_FORM_MEMORY_SIZE"] = settings.max_body_bytes
    app.json.sort_keys = False  # type: ignore[attr-defined]
    # Shared language data (tests build it once), always under this app's own configuration.
    resources = Resources.build(settings) if resources is None else resources.with_config(settings)
    app.extensions["ringkas"] = resources
    # Built once: the description depends only on the configuration.
    document = build_openapi(settings)
    app.extensions["ringkas_openapi"] = document
    app.extensions["ringkas_metrics"] = Metrics.build(settings.prometheus_multiproc_dir)
    _install_request_hooks(app, settings)
    app.register_blueprint(api_blueprint)
    install_docs(app, document)
    app.register_blueprint(page_blueprint)
    install_headlines(app, settings)
    register_error_handlers(app)
    return app


def _install_request_hooks(app: Flask, settings: Config) -> None:
    """Request id and clock first, then the token check; metrics, log line and id header last.

    ``before_request`` functions run in the order registered; a 401 raised by the token check
    is still answered through the error handlers and ``after_request``, so it is counted and logged.
    """
    metrics: Metrics = app.extensions["ringkas_metrics"]
    check = token_checker(settings.api_tokens) if settings.api_tokens else None

    @app.before_request
    def _start() -> None:
        g.request_id = request_id(request.headers.get("X-Request-ID"))
        g.started = time.perf_counter()

    @app.before_request
    def _authenticate() -> None:
        if check is not None and request.path.startswith(PROTECTED_PREFIX) and not check(request.headers.get("Authorization")):
            raise Unauthorized("A valid bearer token is required: send 'Authorization: Bearer <token>'.")

    @app.after_request
    def _observe(response: Response) -> Response:
        seconds = time.perf_counter() - g.get("started", time.perf_counter())
        route = request.url_rule.rule if request.url_rule is not None else UNMATCHED
        body_bytes = request.content_length or 0
        response.headers["X-Request-ID"] = g.get("request_id") or request_id(None)
        metrics.observe_request(route, request.method, response.status_code, seconds, body_bytes)
        log_access(access_record(
            request_id=response.headers["X-Request-ID"], method=request.method, route=route, path=request.path,
            status=response.status_code, seconds=seconds, request_bytes=body_bytes,
            response_bytes=response.calculate_content_length(),
        ))
        return response
