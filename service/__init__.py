"""Ringkas: extractive news summaries with repeated syndication headlines stripped.

Use it as a web service (``create_app``, served by ``wsgi.py``) or as a library::

    from service import Summarizer
    summarizer = Summarizer()            # loads language resources once (about a second)
    result = summarizer(article_text, sentences=5)
    print(result.summary, result.headline)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .config import Config
from .exceptions import InvalidOptions
from .models import Summary
from .pipeline import Resources, summarize, summarize_html
from .web import create_app
from .web.schemas import parse_options


class Summarizer:
    """Library entry point: build once, call for each article (thread-safe, read-only state)."""

    def __init__(self, config: Mapping[str, Any] | Config | None = None) -> None:
        settings = config if isinstance(config, Config) else Config.load(config)
        self.resources = Resources.build(settings)

    def __call__(self, text: str | None = None, *, html: str | None = None, **options: Any) -> Summary:
        """Summarise ``text``, or the article of the HTML page ``html`` (exactly one of them); options
        as in the HTTP API (``sentences=5``, ``algorithm="textrank"``, ``strip_boilerplate=False`` …).

        Raises:
            RingkasError: a subclass describing bad options or text (see ``service.exceptions``).
        """
        core_options = parse_options(options, self.resources.config.default_sentences)
        if (text is None) == (html is None):
            raise InvalidOptions("Give the article either as text or as html (exactly one).")
        if html is not None:
            return summarize_html(html, core_options, self.resources)
        assert text is not None
        return summarize(text, core_options, self.resources)


__all__ = ["Config", "Summarizer", "Summary", "create_app", "summarize"]
