"""Ringkas: extractive news summaries with repeated syndication headlines stripped.

Use it as a web service (``create_app``, served by ``wsgi.py``) or as a library::

    from service import Summarizer
    summarizer = Summarizer()            # loads language resources once (about a second)
    result = summarizer(article_text, sentences=5)
    print(result.summary, result.headline)

The names below are imported on first use (PEP 562), so that ``import service.cli`` or a batch
worker does not pay for Flask and the web layer it never uses.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .config import Config
    from .models import Summary, SummaryOptions
    from .pipeline import summarize
    from .summarizer import Summarizer
    from .web import create_app

_EXPORTS = {
    "Config": ".config",
    "Summary": ".models",
    "SummaryOptions": ".models",
    "summarize": ".pipeline",
    "Summarizer": ".summarizer",
    "create_app": ".web",
}


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'service' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name], __name__), name)


__all__ = ["Config", "Summarizer", "Summary", "SummaryOptions", "create_app", "summarize"]
