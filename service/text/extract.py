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
bench.html_extract`` times hostile 1 MiB pages and pages at the limit). No tag may have more than
:data:`MAX_ATTRIBUTES_PER_ELEMENT` attributes, counted before the page is parsed (too late
after: libxml2 gives an element its attributes in time quadratic in their number, so a 349 KB
page of one ``<p>`` with 40,000 attributes took 27 s to parse and extract); :mod:`.html_tags`
counts them in one linear pass, as libxml2's tokenizer will read them, so quotes cannot hide any.
Nesting is bounded by the parser itself (libxml2 stops at 256 levels), and a huge attribute
costs one parse, no more.

A batch request's pages are bounded together too, by a :class:`BatchBudget` (made by the batch
view, passed down with each page): one budget of :data:`MAX_BATCH_HTML_ELEMENTS` for all its pages, charged
with each page's elements as they are counted (the count above, so no page is parsed twice).
Without it a 1 MiB batch of element-dense pages took 21-97 s (gunicorn kills a worker at 30 s).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import trafilatura.external
from lxml.html import HtmlElement, fromstring
from trafilatura import bare_extraction
from trafilatura.metadata import examine_title_element, extract_opengraph
from trafilatura.settings import Document
from trafilatura.utils import HTML_PARSER, fromstring_bytes, is_dubious_html, repair_faulty_html

from ..exceptions import EmptyText, PayloadTooLarge
from .html_tags import tag_attributes
from .paragraph_context import revise_paragraph_classification

#: Most elements in a page. Lighthouse calls a DOM of over 1,400 elements excessive; a news
#: article page rarely has 5,000. 10,000 keeps extraction to about 1-2 s for every page shape
#: (``python -m bench.html_extract``: 2.2 s at worst, thousands of short blocks).
MAX_HTML_ELEMENTS = 10_000
#: Most elements in all the HTML pages of one batch request (413 for each page past it): three
#: pages at :data:`MAX_HTML_ELEMENTS`, so that a batch of pages costs a few seconds at worst, well
#: under gunicorn's 30 s (extraction is linear in elements, 0.1-0.2 ms each), and any page the
#: per-page limit admits fits in a batch of its own. Without it a 1 MiB batch of element-dense
#: pages took 21-97 s. Real pages are far inside: 110 real pages (trafilatura's test pages, news
#: among them) have 639 elements at the median and 4,634 at most; the densest 1 MiB batch of
#: them has 14,663 elements, and random 1 MiB batches of them 8,830 at the median.
MAX_BATCH_HTML_ELEMENTS = 3 * MAX_HTML_ELEMENTS
#: Most attributes on one tag (413 past it), counted before the page is parsed (:mod:`.html_tags`)
#: because libxml2 gives an element its attributes in time quadratic in their number: a page of
#: one ``<p>`` with 40,000 attributes took 27 s. Real elements have fewer than 50 (43 at most on
#: 1,041 pages of trafilatura's tests, 8 at the median page's most). At 1,000 one element takes
#: 2 ms to parse and 8-12 ms to extract, and a 1 MiB page of elements of 1,000 distinct
#: attributes each about 1.3 s, like a page at the element limit (``python -m bench.html_extract``).
MAX_ATTRIBUTES_PER_ELEMENT = 1_000
#: File names of HTML pages (an upload or a command-line file so named is read as a page).
PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
#: The start of an HTML document (after blanks and a byte-order mark): ``<!DOCTYPE html``,
#: ``<html``, ``<head`` or ``<body``, in any case, after an XML declaration (XHTML) and comments
#: (``<!-- saved from url=… -->``, which browsers write into saved pages), if any. No news
#: article's text begins so. Read in the first 1,024 characters only (``looks_like_page``). A
#: comment ends at its first ``-->`` (``(?!-->)``), so a run of comments is matched one way only:
#: with a lazy ``.*?`` it could be split 2^k ways (``"<!---->" * 24 + "x"``: 2.3 s).
_PAGE_START = re.compile(
    r"[\s\ufeff]*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--(?:(?!-->).){0,800}-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]",
    re.IGNORECASE | re.DOTALL,
)
#: A title longer than this (the ``title`` option's bound) is not a headline.
MAX_TITLE_CHARS = 1000

# trafilatura's jusText fallback revises paragraph classes in quadratic time (each short
# paragraph walks the page for its neighbours); the linear revision gives the same classes.
trafilatura.external.revise_paragraph_classification = revise_paragraph_classification  # type: ignore[attr-defined]

# trafilatura logs every page it finds empty at ERROR level: that is the client's page, not
# our error (the client gets a 422 saying so).
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


class BatchBudget:
    """What is left of a batch's :data:`MAX_BATCH_HTML_ELEMENTS` as its pages are extracted, in
    order (the batch view makes one per request and hands it to :func:`extract_article`).

    A page that does not fit in what is left is refused (its document's 413) and charges nothing,
    so a later, smaller page may still fit: the pages extracted hold at most the budget in all.
    """

    def __init__(self, limit: int | None = None) -> None:
        self.limit = MAX_BATCH_HTML_ELEMENTS if limit is None else limit
        self.spent = 0

    def charge(self, elements: int) -> None:
        """Charge a page of ``elements`` elements, or raise PayloadTooLarge if it does not fit."""
        if self.spent + elements > self.limit:
            raise PayloadTooLarge(
                f"This page has {elements:,} HTML elements and the batch's earlier pages {self.spent:,}: "
                f"the pages of a batch may have {self.limit:,} elements in all. Send this page in another request."
            )
        self.spent += elements


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
        PayloadTooLarge: a tag of the page has more than :data:`MAX_ATTRIBUTES_PER_ELEMENT`
            attributes, the page has more than :data:`MAX_HTML_ELEMENTS` elements, or (inside
            a batch) it does not fit in what is left of ``budget``.
        EmptyText: the page has no article text (only navigation, scripts, or nothing).
    """
    tree = _parse(html) if html.strip() else None
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


def _parse(html: str) -> HtmlElement | None:
    """The tree of ``html``, as trafilatura's ``load_html`` makes it, once its tags' attributes
    are counted (PayloadTooLarge past :data:`MAX_ATTRIBUTES_PER_ELEMENT`); ``None`` if it is no page.

    These are ``load_html``'s steps for a string (trafilatura 2.3), taken here so that the text
    whose attributes are counted is the text libxml2 parses: its repairs (control characters
    dropped, a ``<!DOCTYPE .../...>`` on the first line dropped, ``<html .../>`` made ``<html ...>``)
    change how what follows them is read (``<!-- <html --/>`` becomes a comment's end), so a count
    of the page as sent could be hidden from. tests/test_html_tags.py checks that the trees are
    ``load_html``'s.
    """
    beginning = html[:50].lower()
    html = repair_faulty_html(html, beginning)
    for _, attributes in tag_attributes(html, longer_than=2 * MAX_ATTRIBUTES_PER_ELEMENT):
        if attributes > MAX_ATTRIBUTES_PER_ELEMENT:
            raise PayloadTooLarge(
                f"The page has a tag with {attributes:,} attributes; the limit is {MAX_ATTRIBUTES_PER_ELEMENT:,} "
                "attributes per element: send the article's text instead."
            )
    tree: HtmlElement | None = None
    as_bytes = False
    try:
        tree = fromstring(html, parser=HTML_PARSER)
    except ValueError:  # lxml reads no string with an XML encoding declaration: its UTF-8 bytes then
        tree, as_bytes = fromstring_bytes(html), True
    except Exception:  # lxml found no document ("Document is empty"): load_html tries the bytes too
        tree = None
    if (tree is None or len(tree) < 1) and not as_bytes:
        tree = fromstring_bytes(html)
    # A page that does not say "html" in its first 50 characters and parses to a lone element is
    # not taken for a page (load_html's "dubious HTML").
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None
    return tree


def _title(tree: HtmlElement) -> str | None:
    """``og:title`` if the page has one, else ``<title>``; ``None`` if neither is a usable headline."""
    title = extract_opengraph(tree).get("title") or examine_title_element(tree)[0]
    title = " ".join(title.split()) if title else ""
    return title if 0 < len(title) <= MAX_TITLE_CHARS else None
