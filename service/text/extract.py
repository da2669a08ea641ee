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
trafilatura's time grows with the number of elements (0.1-0.2 ms each, linearly since its jusText
fallback revises paragraphs in linear time: :mod:`.paragraph_context`; ``python -m
bench.html_extract`` times hostile 1 MiB pages and pages at the limit). Nesting is bounded by
the parser itself (libxml2 stops at 256 levels), and a huge attribute costs one parse, no more.

A batch request's pages are bounded together too, by a :class:`BatchBudget` (made by the batch
view, passed down with each page): one budget of :data:`MAX_BATCH_HTML_WEIGHT` for all its pages, charged with
each page's :func:`page_weight` as it is counted (the count above, so no page is parsed twice).
Without it a 1 MiB batch of element-dense pages took 21-97 s (gunicorn kills a worker at 30 s).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import trafilatura.external
from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.metadata import examine_title_element, extract_opengraph
from trafilatura.settings import Document
from trafilatura.utils import load_html

from ..exceptions import EmptyText, PayloadTooLarge
from .paragraph_context import revise_paragraph_classification

#: Most elements in a page. Lighthouse calls a DOM of over 1,400 elements excessive; a news
#: article page rarely has 5,000. 10,000 keeps extraction to about 1-2 s for every page shape
#: (``python -m bench.html_extract``: 2.2 s at worst, thousands of short blocks).
MAX_HTML_ELEMENTS = 10_000
#: Elements at which a page weighs twice its elements in a batch's budget (:func:`page_weight`).
#: Extraction time is not linear in elements: trafilatura's justext fallback looks for each
#: short paragraph's neighbours one by one, so a page of thousands of short blocks
#: (``<div><div>Kalimat pendek.</div></div>``, ``<div><p>x</p></div>``, ``<ul><li>x</li></ul>``)
#: takes about 0.22 ms x n x (1 + n / 4,700): 0.27 s at 1,000 elements, 2.3 s at 5,000, 6.9-8.9 s
#: at the 10,000 limit (one process, this 2-core machine). The weight follows that curve.
PAGE_WEIGHT_SCALE = 5_000
#: What the HTML pages of one batch request may weigh in all (:func:`page_weight`, 413 for each
#: page past it): the weight of one page at :data:`MAX_HTML_ELEMENTS` (30,000), so that a batch of
#: pages costs about what the worst single page does, well under gunicorn's 30 s (hostile 1 MiB
#: batches of nine shapes: 1.8-7.7 s through the app, 8.7 s at worst through gunicorn; 21-97 s
#: before), and any page the per-page limit admits fits in a batch of its own. Real pages are far
#: inside: 110 real pages (trafilatura's test pages, news among them) have 639 elements at the
#: median and 4,634 at most; the densest 1 MiB batch of them, 14,663 elements, weighs 21,008, and
#: random 1 MiB batches of them 8,830 at the median, 18,380 at most.
MAX_BATCH_HTML_WEIGHT = MAX_HTML_ELEMENTS + MAX_HTML_ELEMENTS**2 // PAGE_WEIGHT_SCALE
#: File names of HTML pages (an upload or a command-line file so named is read as a page).
PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
#: The start of an HTML document (after blanks and a byte-order mark): ``<!DOCTYPE html``,
#: ``<html``, ``<head`` or ``<body``, in any case. No news article's text begins so.
_PAGE_START = re.compile(r"[\s\ufeff]*<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)
#: A title longer than this (the ``title`` option's bound) is not a headline.
MAX_TITLE_CHARS = 1000

# trafilatura's jusText fallback revises paragraph classes in quadratic time (each short
# paragraph walks the page for its neighbours); the linear revision gives the same classes.
trafilatura.external.revise_paragraph_classification = revise_paragraph_classification  # type: ignore[attr-defined]

# trafilatura logs every page it finds empty at ERROR level: that is the client's page, not
# our error (the client gets a 422 saying so).
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


def page_weight(elements: int) -> int:
    """A page's weight in a batch's budget: its elements, plus their square over
    :data:`PAGE_WEIGHT_SCALE` (extraction time grows faster than the elements)."""
    return elements + elements * elements // PAGE_WEIGHT_SCALE


class BatchBudget:
    """What is left of a batch's :data:`MAX_BATCH_HTML_WEIGHT` as its pages are extracted, in order
    (the batch view makes one per request and hands it to :func:`extract_article`).

    A page that does not fit in what is left is refused (its document's 413) and charges nothing,
    so a later, lighter page may still fit: the pages extracted weigh at most the budget in all.
    """

    def __init__(self, limit: int | None = None) -> None:
        self.limit = MAX_BATCH_HTML_WEIGHT if limit is None else limit
        self.spent = 0

    def charge(self, elements: int) -> None:
        """Charge a page of ``elements`` elements, or raise PayloadTooLarge if it does not fit."""
        weight = page_weight(elements)
        if self.spent + weight > self.limit:
            raise PayloadTooLarge(
                f"This page's {elements:,} HTML elements weigh {weight:,} and the batch's earlier pages {self.spent:,}: "
                f"the pages of a batch may weigh {self.limit:,} in all (a page of n elements weighs "
                f"n + n²/{PAGE_WEIGHT_SCALE:,}). Send this page in another request."
            )
        self.spent += weight


@dataclass(frozen=True)
class Page:
    """The article of a page: its text (one paragraph per line) and its title, if it has one."""

    text: str
    title: str | None


def looks_like_page(text: str) -> bool:
    """Whether ``text`` is a whole HTML page rather than an article's text (a page sent as text,
    ``curl -d @page.html``, or a file given to the command line): it begins as a document does."""
    return _PAGE_START.match(text[:1024]) is not None


def extract_article(html: str, budget: BatchBudget | None = None) -> Page:
    """The main text and title of ``html``, charged to ``budget`` when it is one of a batch's pages.

    Raises:
        PayloadTooLarge: the page has more than :data:`MAX_HTML_ELEMENTS` elements, or (inside
            a batch) it does not fit in what is left of ``budget``.
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
    if budget is not None:
        budget.charge(elements)
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
