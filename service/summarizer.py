"""The library entry point: build once (language data, about a second), call for each article."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .config import Config
from .exceptions import InvalidOptions, MalformedRequest, PayloadTooLarge, RingkasError
from .json_input import parse_json_object
from .models import Summary, SummaryOptions, parse_document
from .pipeline import Resources, summarize, summarize_html, summarize_item

#: JSON may spell a character in six bytes (``\\u00e9``): a row that holds the longest text we accept.
JSON_ESCAPE_BYTES = 6
#: Room for the id and the options next to the text.
ROW_OVERHEAD_BYTES = 64 * 1024


def max_row_bytes(config: Config) -> int:
    """The longest JSON Lines row of a corpus, in bytes (a trailing line break aside): one that holds
    the longest text accepted, every character escaped, with its id and options. A longer row is
    its own 413, unparsed (``ringkas batch`` does not even read it into memory)."""
    return JSON_ESCAPE_BYTES * config.max_text_chars + ROW_OVERHEAD_BYTES


def row_too_long(max_bytes: int) -> dict[str, Any]:
    """The answer to a row over ``max_bytes`` bytes (its id is not read)."""
    return {"id": None, **PayloadTooLarge(f"The row is longer than {max_bytes:,} bytes.").problem()}


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
            TypeError: ``text`` or ``html`` is not a ``str`` (bytes are decoded by the caller, who
                knows their encoding); it used to fail deep in the pipeline, as "cannot use a string
                pattern on a bytes-like object".
        """
        parsed = SummaryOptions.parse(options)
        if (text is None) == (html is None):
            raise InvalidOptions("Give the article either as text or as html (exactly one).")
        for name, value in (("text", text), ("html", html)):
            if value is not None and not isinstance(value, str):
                hint = " (decode the bytes first, e.g. data.decode('utf-8'))" if isinstance(value, bytes | bytearray) else ""
                raise TypeError(f"{name} must be a str, not {type(value).__name__}{hint}")
        if html is not None:
            return summarize_html(html, parsed, self.resources)
        assert text is not None
        return summarize(text, parsed, self.resources)

    def answer(self, document: Mapping[str, Any], shared: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """One document of a corpus, answered as one result of ``POST /v1/summarize/batch``.

        ``document`` is ``{"id": ..., "text": "...", ...options}``; ``shared`` options apply unless
        the document overrides them (a document's ``sentences``, ``ratio`` or ``words`` replaces the
        shared length). Returns ``{"id", "status": 200, **summary}`` or ``{"id", **problem}``; never
        raises for anything a document can hold, so one bad document never stops a corpus.
        """
        item = parse_document(document, shared)
        try:
            summary = summarize_item(item, self.resources)
        except RingkasError as error:
            return {"id": item.id, **error.problem()}
        return {"id": item.id, "status": 200, **summary.to_dict()}

    def answer_row(self, row: bytes | str, shared: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """One JSON Lines row of a corpus, answered as :meth:`answer` answers its document: a row
        that is no JSON object is its own 400 (``"id": None``), never an error that stops the corpus.
        ``ringkas batch`` and the Dask integration's ``summarize_lines`` read rows through this.

        A row over :func:`max_row_bytes` is its 413 without being parsed, as ``ringkas batch``
        answers it: ``summarize_lines`` parsed it (a page of any size in ``html`` was summarised)."""
        limit = max_row_bytes(self.resources.config)
        if isinstance(row, str):
            size = len(row.encode("utf-8", "surrogatepass")) - row.endswith("\n")
        else:
            size = len(row) - row.endswith(b"\n")
        if size > limit:
            return row_too_long(limit)
        try:
            document = parse_json_object(row, "The row")
        except MalformedRequest as error:
            return {"id": None, **error.problem()}
        return self.answer(document, shared)
