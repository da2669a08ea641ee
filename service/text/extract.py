"""The article of an HTML page: its main text (trafilatura) and its title (``og:title`` or ``<title>``).

This is the only module that imports trafilatura, so the extractor can be replaced in one place.
Extraction favours precision (trafilatura's ``favor_precision``): a summary is better served by
a paragraph too few than by the navigation menu, and a page that is all navigation then has no
article text (a 422) rather than a summary of its menu. It works on the markup it is given and
nothing else: trafilatura fetches only in its download
helpers (``fetch_url``), which are never called here, and no URL is passed, so nothing on the
page (links, ``<base>``, canonical URLs) is followed (tests/test_extract.py runs it with
sockets disabled).

Bounds: the page is at most ``max_body_bytes`` (the web layer), and at most
:data:`MAX_HTML_ELEMENTS` elements, counted on the parsed tree before extraction, because
trafilatura's time grows with the number of elements (about 0.2 ms each: ``python -m
bench.html_extract`` times hostile 1 MiB pages and pages at the limit). Nesting is bounded by
the parser itself (libxml2 stops at 256 levels), and a huge attribute costs one parse, no more.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.metadata import examine_title_element, extract_opengraph
from trafilatura.settings import Document
from trafilatura.utils import load_html

from ..exceptions import EmptyText, PayloadTooLarge

#: Most elements in a page. Lighthouse calls a DOM of over 1,400 elements excessive; a news
#: article page rarely has 5,000. 10,000 keeps extraction to about 2 s.
MAX_HTML_ELEMENTS = 10_000
#: A title longer than this (the ``title`` option's bound) is not a headline.
MAX_TITLE_CHARS = 1000

# trafilatura logs every page it finds empty at ERROR level: that is the client's page, not
# our error (the client gets a 422 saying so).
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


@dataclass(frozen=True)
class Page:
    """The article of a page: its text (one paragraph per line) and its title, if it has one."""

    text: str
    title: str | None


def extract_article(html: str) -> Page:
    """The main text and title of ``html``.

    Raises:
        PayloadTooLarge: the page has more than :data:`MAX_HTML_ELEMENTS` elements.
        EmptyText: the page has no article text (only navigation, scripts, or nothing).
    """
    tree = load_html(html) if html.strip() else None
    if tree is None:
        raise EmptyText("The page has no article text: the HTML is empty or could not be parsed.")
    elements = sum(1 for _ in tree.iter())
    if elements > MAX_HTML_ELEMENTS:
        raise PayloadTooLarge(
            f"The page has {elements:,} HTML elements; the limit is {MAX_HTML_ELEMENTS:,}: send the article's text instead."
        )
    title = _title(tree)
    document = bare_extraction(
        tree, favor_precision=True, include_comments=False, include_tables=False, with_metadata=False
    )
    text = document.text if isinstance(document, Document) else None  # as_dict=False: a Document
    if not text or not text.strip():
        raise EmptyText(
            "The page has no article text: nothing in it reads as an article (only navigation, scripts "
            "or very short text). Send the article's text as text/plain instead."
        )
    return Page(text=text, title=title)


def _title(tree: HtmlElement) -> str | None:
    """``og:title`` if the page has one, else ``<title>``; ``None`` if neither is a usable headline."""
    title = extract_opengraph(tree).get("title") or examine_title_element(tree)[0]
    title = " ".join(title.split()) if title else ""
    return title if 0 < len(title) <= MAX_TITLE_CHARS else None
