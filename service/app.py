"""Application factory: configuration → resources → blueprints → error handlers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from .api import bp as api_blueprint
from .config import Config
from .errors import register_error_handlers
from .pipeline import Resources


def create_app(config: Mapping[str, Any] | Config | None = None, *, resources: Resources | None = None) -> Flask:
    """Build the Flask application.

    Args:
        config: a :class:`Config`, or a mapping of overrides applied on top of the defaults
            (environment variables ``RINGKAS_*`` still win over a mapping).
        resources: prebuilt resources to share (tests build them once); built here otherwise.
    """
    settings = config if isinstance(config, Config) else Config.load(config)
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.extensions["ringkas"] = resources if resources is not None else Resources.build(settings)
    if resources is not None and resources.config != settings:
        app.extensions["ringkas"] = Resources(config=settings, languages=resources.languages)
    app.register_blueprint(api_blueprint)
    register_error_handlers(app)
    return app
