"""What stands around a headline copy and is not its words: markup, labels and tags.

Before a copy: a Markdown heading's or a list's marks, emphasis, an opening quote, a label in
brackets (``# ``, ``**``, ``[UPDATED] ``), or a wire's or a section's label (``UPDATE 1-``,
``Business: ``). After it: a tag in brackets (``X (VIDEO)``). Two copies are compared without
them, and the headline an article reports is the copy without them (:func:`headline_span`).
"""

from __future__ import annotations

import re

from ..models import Span
from .seams import starts_sentence

#: A label in capitals before a wire's or a site's copy of a headline: ``UPDATE 1-``,
#: ``BREAKING: ``, ``EXCLUSIVE - ``, ``VIDEO | ``. The copy after it may repeat only the words
#: after the label. A dash ends a label only after a number or between spaces: ``EX-PM``,
#: ``ANTI-SPAM`` and ``EU-US`` are words.
_LABEL = re.compile(
    r"[A-Z]{2,15}(?: [A-Z]{2,15})?(?:(?: ?\d{1,2})? ?[:|] ?| [-–—] | ?\d{1,2} ?[-–—] ?)(?=\S)"
)
#: A label (either kind) ends within this many characters, with one of these marks.
MAX_LABEL_CHARS = 48
_LABEL_MARK = re.compile("[:|–—-]")
#: A section's or a site's name before a copy: ``Business: ``, ``BBC News - ``, ``Kompas.com | ``
#: (one or two capitalised words, then a colon or a bar, or a dash between spaces).
_NAME_LABEL = re.compile(r"[A-Z][\w.]{1,20}(?: [A-Z][\w.]{1,20})?(?: ?[:|] | [-–—] )(?=\S)")
#: A label in brackets before a headline (``[UPDATED] ``, ``(LEAD) ``, ``[VIDEO] ``): a word or two
#: in capitals, perhaps a number (``"(Dijerat) Pasal 48 …"`` opens a sentence). Also a wire prefix
#: across articles (``headline_keys``).
BRACKET_LABEL = r"[\[(][A-Z]{2,15}(?: [A-Z]{2,15})?(?: ?\d{1,2})?[\])]"
#: Marks that open a Markdown heading, a quotation block or a list item.
_LINE_MARKS = r"#{1,6}[ \t]+|>[ \t]+|[-•][ \t]+"
#: What may stand before a copy's first word and is not part of it: those marks, bold or italic
#: marks, an opening quote, or a label in brackets before a capital.
_MARKUP = re.compile(
    rf"(?:{_LINE_MARKS}|\*[ \t]+)?(?:\*{{1,2}}|_{{1,2}})?[\"“„'‘«]?(?:{BRACKET_LABEL}[ \t]*(?=[A-Z0-9\"“'‘]))?"
)
#: A date in a tag (``(12/05/2017)``).
_TAG_DATE = r"\d[\d/.:\- ]{3,18}"
#: A tag after a copy (``X (VIDEO)``, ``X [FOTO]``, ``X (12/05/2017)``): one to three words or a
#: date in brackets, which belong to the copy when a new sentence follows them.
_TAG = re.compile(rf"[ \t]*[\[(](?:[^\W\d_]{{2,15}}(?: [^\W\d_]{{2,15}}){{0,2}}|{_TAG_DATE})[\])]")
#: A tag in capitals or a date at the end of a copy: reported headlines leave it out (a word in
#: title case may be the headline's own: ``France v Wales (Sat)``).
_TAG_AT_END = re.compile(rf"[ \t]*[\[(](?:[A-Z]{{2,15}}(?: [A-Z]{{2,15}}){{0,2}}|{_TAG_DATE})[\])]\s*$")
#: Markup before a headline that is not closed after it: the line's marks, a label in brackets.
#: And the emphasis marks that may enclose a headline.
_UNPAIRED_MARKUP = re.compile(rf"{_LINE_MARKS}|{BRACKET_LABEL}[ \t]*(?=[A-Z0-9\"“'‘*_])")
_PAIRS = (("**", "**"), ("__", "__"), ("*", "*"), ("_", "_"))
#: Layers of markup peeled off a reported headline at most (``# **"X"**``).
MAX_MARKUP_LAYERS = 4
#: What closes markup at a copy's end: emphasis marks and closing quotes.
_CLOSING_MARKUP = "*_\"”’'»"
#: Markup that comes in pairs around a copy: quotes and emphasis.
PAIRED_MARKS = frozenset("\"“„'‘«*_")


def markup_end(view: str, start: int, end: int) -> int:
    """Where a unit's text starts after markup (``# X``, ``**X**``, ``"X"``, ``[UPDATED] X``), or ``start``."""
    if view[start : start + 1].isalnum():  # the usual case: no markup
        return start
    markup = _MARKUP.match(view, start, min(end, start + MAX_LABEL_CHARS))
    return markup.end() if markup is not None and markup.end() < end else start


def without_markup(text: str) -> str:
    """``text`` without markup around it (``# X``, ``**X**``, ``"X"``, ``[UPDATED] X``): what two
    copies are compared by. Two emphasis marks are a tenth of a short headline's character n-grams."""
    start = markup_end(text, 0, len(text))
    end = len(text.rstrip(_CLOSING_MARKUP)) if start else len(text)
    return text[start:end] if start < end else text


def headline_span(text: str) -> Span:
    """The part of a copy a reader calls the headline: without markup before it (``# ``, a list's
    bullet, ``[UPDATED] ``), emphasis around the whole of it (``**X**``) or a tag after it
    (``X (VIDEO)``). Quotes stay: a headline wholly in quotes is a claim (``'UK will stand firm
    on EU rebate'``, BBC)."""
    start, end = 0, len(text.rstrip())
    tag = _TAG_AT_END.search(text, 0, end)
    if tag is not None and tag.start() > 0:
        end = tag.start()
    for _ in range(MAX_MARKUP_LAYERS):
        lead = _UNPAIRED_MARKUP.match(text, start, end)
        if lead is not None and start < lead.end() < end:
            start = lead.end()
            continue
        pair = next((p for p in _PAIRS if _wraps(text, start, end, *p)), None)
        if pair is None:
            break
        start, end = start + len(pair[0]), end - len(pair[1])
    return start, end


def _wraps(text: str, start: int, end: int, opening: str, closing: str) -> bool:
    """Whether ``opening`` and ``closing`` enclose ``text[start:end]`` and stand nowhere inside it."""
    inner = text[start + len(opening) : end - len(closing)]
    return (
        bool(inner.strip()) and text.startswith(opening, start) and text.endswith(closing, start, end)
        and opening not in inner and closing not in inner
    )


def after_paired_mark(view: str, start: int, second: int, size: int) -> int:
    """Where a copy starts near ``second`` when the first copy opens with a quote or emphasis mark
    (``view[start:start + size]``): after that mark if it closes the first copy ("\"X\"X", glued),
    at it if it opens the second ("'X' show'X' show", glued: the first copy's quotes are paired)."""
    mark = view[start : start + size]
    if view.startswith(mark, second) and view.count(mark, start, second) % 2 == 1:
        return second + size
    if view[second - size : second] == mark and view.count(mark, start, second - size) % 2 == 0:
        return second - size
    return second


def label_end(view: str, start: int, end: int) -> int:
    """Where a unit's words start after markup and a label (``UPDATE 1-X``, ``Business: X``), or ``start``."""
    return label_after(view, markup_end(view, start, end), end)


def label_after(view: str, start: int, end: int) -> int:
    """Where the words start after a label at ``start`` (markup already read past), or ``start``."""
    if not view[start : start + 1].isupper() or not _LABEL_MARK.search(view, start, min(end, start + MAX_LABEL_CHARS)):
        return start  # the usual case, decided on a few characters: no label's colon, bar or dash
    label = _LABEL.match(view, start, end) or _NAME_LABEL.match(view, start, end)
    return label.end() if label is not None else start


def with_tag(view: str, copy: Span, end: int) -> Span:
    """``copy`` with the tag after it (``X (VIDEO) The …``), when a new sentence follows the tag."""
    tag = _TAG.match(view, copy[1], end)
    return (copy[0], tag.end()) if tag is not None and starts_sentence(view, tag.end(), end) else copy
