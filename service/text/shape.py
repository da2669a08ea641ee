"""The shape of a line: does it end like a headline (no closing punctuation) or like a sentence?

Used by headline stripping (which lines can be headline copies) and by selection (a headline
framing the body is never summarised), so it lives below both, with the other text utilities.
"""

from __future__ import annotations

import re

#: Headlines are short: news headlines run 5–15 words; 30 leaves room for long Indonesian titles
#: and suffixes while staying well below a typical body paragraph.
MAX_HEADLINE_WORDS = 30
#: A question or exclamation this short can be a headline; longer ones are body sentences.
MAX_QUESTION_WORDS = 15

#: Closing quotes or brackets that may follow a line's final punctuation.
_CLOSERS = "\"'”’»)]"
#: Closing sentence punctuation. A colon or semicolon also closes: a line introducing a list is
#: body text, never a headline.
_CLOSING = tuple(".!?。！？؟:;")
#: A truncation mark at the end of a line (possibly inside closing quotes or brackets).
ELLIPSIS = re.compile(r"(\.\.\.|…)[\"'”’»)\]]*$")
_ELLIPSES = ("...", "…")
#: An HTML character reference: numeric, hexadecimal or named.
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_MAX_ENTITY_CHARS = 34  # the longest _ENTITY: "&", a name of 32 characters, ";"


def is_open(text: str) -> bool:
    """True when ``text`` ends like a headline: no closing punctuation, or a truncation ellipsis.

    An HTML entity at the end counts as a closing quote ("… &#39;at risk&#39;", as a feed that
    escaped its headline sends it): its semicolon closes nothing. String methods rather than
    ``$``-anchored regexes, which scan the whole line: dedup and selection call this dozens of
    times per request (same answers, see tests/test_shape.py).
    """
    end = text.rstrip().rstrip(_CLOSERS)
    while end.endswith(";"):
        amp = end.rfind("&", max(0, len(end) - _MAX_ENTITY_CHARS))
        if amp < 0 or not _ENTITY.fullmatch(end, amp):
            break
        end = end[:amp].rstrip(_CLOSERS)
    return end.endswith(_ELLIPSES) or not end.endswith(_CLOSING)


def is_headline_like(text: str) -> bool:
    """:func:`is_open`, or a short question or exclamation ("Can Smith work Scottish wonders?").

    Such questions are a common headline form, but body text has them too, so they join a
    headline group only as near-exact copies (see ``dedup.headlines.CLOSED_COPY_SIMILARITY``).
    """
    if is_open(text):
        return True
    return text.rstrip().rstrip("\"'”’»)]").endswith(("?", "!", "？", "！")) and len(text.split()) <= MAX_QUESTION_WORDS
