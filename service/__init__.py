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
from .exceptions import FieldError, InvalidOptions, RingkasError, problem_details
from .models import Summary
from .pipeline import Resources, summarize
from .web import create_app
from .web.schemas import LENGTH_OPTIONS, MAX_DOCUMENT_ID_CHARS, parse_options

#: Ids echoed back in results: the bound of the HTTP batch.
MAX_ID_CHARS = MAX_DOCUMENT_ID_CHARS


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
        core_options = parse_options(options, self.resources.config.default_sentences)
        return summarize(text, core_options, self.resources)

    def answer(self, document: Mapping[str, Any], shared: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """One document of a corpus, answered as one result of ``POST /v1/summarize/batch``.

        ``document`` is ``{"id": ..., "text": "...", ...options}``; ``shared`` options apply unless
        the document overrides them (a document's ``sentences``, ``ratio`` or ``words`` replaces the
        shared length). Returns ``{"id", "status": 200, **summary}`` or ``{"id", **problem}``; never
        raises for anything a document can hold, so one bad document never stops a corpus.
        """
        row = dict(document)
        row_id = row.pop("id", None)
        text = row.pop("text", None)
        try:
            if not (row_id is None or (isinstance(row_id, int) and not isinstance(row_id, bool))
                    or (isinstance(row_id, str) and len(row_id) <= MAX_ID_CHARS)):
                row_id = None
                raise InvalidOptions(f"The id must be a string of at most {MAX_ID_CHARS} characters or an integer.",
                                     (FieldError("id", "Invalid id."),))
            if not isinstance(text, str):
                message = "Field required." if text is None else "Input should be a string."
                raise InvalidOptions("Each document needs its article as a string in the 'text' field.",
                                     (FieldError("text", message),))
            inherited = {k: v for k, v in (shared or {}).items() if not (k in LENGTH_OPTIONS and row.keys() & LENGTH_OPTIONS)}
            summary = self(text, **{**inherited, **row})
        except RingkasError as error:
            return {"id": row_id, **problem_details(error)}
        return {"id": row_id, "status": 200, **summary.to_dict()}


__all__ = ["Config", "Summarizer", "Summary", "create_app", "summarize"]
