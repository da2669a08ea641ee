"""The library entry point: build once (language data, about a second), call for each article."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .config import Config
from .models import Summary, SummaryOptions
from .pipeline import Resources, summarize


class Summarizer:
    """Library entry point: build once, call for each article (thread-safe, read-only state)."""

    def __init__(self, config: Mapping[str, Any] | Config | None = None) -> None:
        settings = config if isinstance(config, Config) else Config.load(config)
        self.resources = Resources.build(settings)

    def __call__(self, text: str, **options: Any) -> Summary:
        """Summarise ``text``; options as in the HTTP API (``sentences=5``, ``algorithm="textrank"`` …).

        Raises:
            RingkasError: a subclass describing bad options or text (see ``service.exceptions``).
        """
        return summarize(text, SummaryOptions.parse(options), self.resources)
