"""The web layer: the only Flask code (factory, views, errors, auth, metrics, access log, OpenAPI)."""

from .app import create_app

__all__ = ["create_app"]
