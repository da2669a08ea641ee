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

# Closing sentence punctuation, possibly followed by closing quotes or brackets.
# A colon or semicolon also closes: a line introducing a list is body text, never a headline.
_CLOSED = re.compile(r"[.!?。！？؟:;][\"'”’»)\]]*$")
#: A truncation mark at the end of a line (possibly inside closing quotes or brackets).
ELLIPSIS = re.compile(r"(\.\.\.|…)[\"'”’»)\]]*$")


def is_open(text: str) -> bool:
    """True when ``text`` ends like a headline: no closing punctuation, or a truncation ellipsis."""
    text = text.rstrip()
    return bool(ELLIPSIS.search(text)) or not _CLOSED.search(text)


def is_headline_like(text: str) -> bool:
    """:func:`is_open`, or a short question or exclamation ("Can Smith work Scottish wonders?").

    Such questions are a common headline form, but body text has them too, so they join a
    headline group only as near-exact copies (see ``dedup.headlines.CLOSED_COPY_SIMILARITY``).
    """
    if is_open(text):
        return True
    return text.rstrip().rstrip("\"'”’»)]").endswith(("?", "!", "？", "！")) and len(text.split()) <= MAX_QUESTION_WORDS
