"""The attributes of each tag of an HTML page, counted as libxml2 will read it, before it is parsed.

libxml2 (2.14, lxml's parser, which trafilatura uses) adds each attribute to its element by
walking the element's list of attributes to its end (``xmlNewPropInternal``; the parser drops
duplicates first, by hash), so an element of n distinct attributes costs time quadratic in n,
and trafilatura copies and walks the tree more than once: a 349 KB page of one ``<p>`` with
40,000 attributes took 27 s, 60,000 took 63 s. :func:`tag_attributes` counts them first, in
one pass linear in the page, so that :mod:`.extract` can refuse such a page before it is parsed.

The count must be libxml2's, or quotes could hide attributes from it (``<p title="`` in a
comment or a script would otherwise swallow the tags after it). So this follows libxml2 2.14's
tokenizer (``HTMLparser.c``: HTML5's tokenization, and libxml2's own choice of the elements whose
text is not markup) state by state:

* text, up to a ``<`` that begins a tag (``<`` or ``</`` then an ASCII letter), a comment
  (``<!--``, to the first ``-->`` or ``--!>``; ``<!-->`` and ``<!--->`` are whole), a doctype
  (``<!doctype`` in any case, to the first ``>``) or a bogus comment (``<!``, ``<?``, or ``</``
  then no letter: to the first ``>``); any other ``<`` is text;
* a tag: its name runs to a blank (tab, line feed, form feed, carriage return, space), ``/`` or
  ``>``; then, to a ``>`` or ``/>`` outside quotes (or the end of the page), blanks and lone
  ``/`` are skipped, and every other character begins an attribute, whose name runs to a blank,
  ``/``, ``>`` or ``=``, and whose value, after an ``=`` (blanks around it allowed), is quoted
  (``"..."`` or ``'...'``, to the closing quote or the end) or unquoted (to a blank or ``>``);
* after a start tag ended by ``>`` (not ``/>``): the text of ``title`` and ``textarea``, and of
  ``style``, ``xmp``, ``iframe``, ``noembed`` and ``noframes``, runs to the first ``</`` and that
  name (in any case) followed by a blank, ``/`` or ``>``; ``plaintext``'s to the end of the page;
  ``script``'s to the same, except that inside an escape (``<!--`` to ``-->``) a ``<script`` so
  followed hides the next ``</script`` from it.

End tags are counted too (libxml2 reads their attributes and drops them), and so is a tag that
the page ends inside (libxml2 drops it), and duplicates: the count is never below libxml2's,
and equals it on every tag that libxml2 makes an element of, but for repeated names
(tests/test_html_tags.py compares the two on random markup; 1,041 real pages of trafilatura's
tests agree too). Every pattern is linear: each repetition is of a class, or of alternatives
that cannot match at one place (their first characters differ), and a tag's pattern ends in an
optional tail, so that it never fails after its loop and backtracks into it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_BLANK = r"\t\n\f\r "
#: An attribute: its name (its first character may be anything but a blank, ``/`` or ``>``),
#: then, if an ``=`` follows, its value.
_ATTRIBUTE_PATTERN = (
    rf"[^{_BLANK}/>][^{_BLANK}/>=]*"
    rf"(?:[{_BLANK}]*=[{_BLANK}]*(?:\"[^\"]*\"?|'[^']*'?|[^{_BLANK}>]*))?"
)
#: What follows a tag's name: blanks, lone ``/`` and attributes, then its end, if it has one.
_TAG_REST = rf"(?:[{_BLANK}]+|/(?!>)|{_ATTRIBUTE_PATTERN})*"
#: Elements whose text is not markup, once their start tag has ended with ``>``.
_RAW_TEXT = ("script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "plaintext")
#: One piece of markup, from its ``<``: a whole tag, comment, doctype or bogus comment. A start
#: tag of a raw-text element is the only match with groups (its name, and its end): the first
#: alternative takes it, and otherwise no two alternatives can match at one place. The lookahead
#: makes a ``<`` of text fail at once.
_MARKUP = re.compile(
    r"<(?=[!?/A-Za-z])(?:"
    rf"(?P<raw>(?i:{'|'.join(_RAW_TEXT)}))(?![^{_BLANK}/>]){_TAG_REST}(?P<raw_end>/?>)?"
    rf"|/?[A-Za-z][^{_BLANK}/>]*{_TAG_REST}(?:/?>)?"
    r"|!--(?:>|->|.*?--!?>|.*)"
    r"|!(?i:doctype)[^>]*>?"
    r"|[!?][^>]*>?"
    r"|/(?![A-Za-z])[^>]*>?"
    r")",
    re.ASCII | re.DOTALL,
)
_TAG_NAME = re.compile(rf"</?[A-Za-z][^{_BLANK}/>]*", re.ASCII)
_ATTRIBUTE = re.compile(_ATTRIBUTE_PATTERN, re.ASCII)
#: Where the text of each raw-text element but ``script`` and ``plaintext`` ends.
_RAW_TEXT_END = {
    name: re.compile(rf"</{name}[{_BLANK}/>]", re.ASCII | re.IGNORECASE) for name in _RAW_TEXT
}
#: A script's text: what changes its state in each (plain, escaped, double-escaped).
_SCRIPT, _ESCAPED, _DOUBLE_ESCAPED = 0, 1, 2
_SCRIPT_EVENTS = {
    _SCRIPT: re.compile(rf"<!--|</script[{_BLANK}/>]", re.ASCII | re.IGNORECASE),
    _ESCAPED: re.compile(rf"-->|</?script[{_BLANK}/>]", re.ASCII | re.IGNORECASE),
    _DOUBLE_ESCAPED: re.compile(rf"-->|</script[{_BLANK}/>]", re.ASCII | re.IGNORECASE),
}


def tag_attributes(html: str, longer_than: int = 0) -> Iterator[tuple[int, int]]:
    """The offset and the number of attributes of each tag of ``html`` (as libxml2 reads it)
    that is longer than ``longer_than`` characters, in order.

    A tag of n attributes is at least 2n + 2 characters long (``<``, a letter of its name, a blank
    or ``/``, then for each attribute a character of its name and, but for the last, its ``=``
    or the blank or ``/`` after it), so ``longer_than=2 * limit`` finds every tag over ``limit``,
    and counts the attributes of no ordinary tag.
    """
    position, end = 0, len(html)
    while position < end:
        for markup in _MARKUP.finditer(html, position):
            start, stop = markup.span()
            if stop - start > longer_than and (name := _TAG_NAME.match(html, start)) is not None:
                yield start, len(_ATTRIBUTE.findall(html, name.end(), stop))
            if markup.lastindex is not None and markup.group("raw_end") == ">":
                position = _raw_text_end(html, markup.group("raw").lower(), stop)
                break
        else:
            return


def _raw_text_end(html: str, element: str, start: int) -> int:
    """Where the text of a raw-text ``element`` that begins at ``start`` ends: at its end tag
    (which is markup again), or at the end of the page."""
    if element == "plaintext":
        return len(html)
    if element == "script":
        return _script_end(html, start)
    found = _RAW_TEXT_END[element].search(html, start)
    return len(html) if found is None else found.start()


def _script_end(html: str, start: int) -> int:
    """Where a script's text that begins at ``start`` ends (libxml2's script data states)."""
    state, position = _SCRIPT, start
    while (found := _SCRIPT_EVENTS[state].search(html, position)) is not None:
        event = found.group()
        if event == "-->":
            state, position = _SCRIPT, found.end()
        elif event == "<!--":
            state, position = _ESCAPED, found.start() + 2  # "<!-->" is escaped and back already
        elif event[1] != "/":
            state, position = _DOUBLE_ESCAPED, found.end()
        elif state == _DOUBLE_ESCAPED:
            state, position = _ESCAPED, found.end()
        else:
            return found.start()
    return len(html)
