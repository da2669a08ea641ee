"""Repeated body lines: later copies of a whole punctuated line are dropped as duplicates."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..models import Span
from ..text.shape import is_open, word_count
from .types import Removal

#: Repeated lines dropped as duplicates are punctuated sentences of at least this many words:
#: short or open lines repeat legitimately (fixture lists, "Winners meet in final match").
MIN_DUPLICATE_WORDS = 6


def repeated_lines(view: str, lines: Sequence[Span], already: Sequence[Removal]) -> list[Removal]:
    """Later copies of a whole punctuated line equal to an earlier one but for case and spacing."""
    taken = sorted((r.start, r.end) for r in already)

    def overlaps(span: Span) -> bool:
        return any(a < span[1] and span[0] < b for a, b in taken)

    eligible: list[tuple[Span, str, str]] = []
    for span in lines:
        text = view[span[0] : span[1]]
        if word_count(text, MIN_DUPLICATE_WORDS) < MIN_DUPLICATE_WORDS or is_open(text) or overlaps(span):
            continue
        eligible.append((span, text, text.split(maxsplit=1)[0].casefold()))
    # Equal keys start with the same word: a line whose first word no other line starts with
    # cannot be a copy nor be copied, and is not normalised at all (most lines of an article).
    first_words = Counter(first for _, _, first in eligible)
    seen: set[str] = set()
    removals: list[Removal] = []
    for span, text, first in eligible:
        if first_words[first] < 2:
            continue
        key = " ".join(text.casefold().split())  # exact copies: case and spacing aside
        if key in seen:
            removals.append(Removal(span[0], span[1], "duplicate", 1.0))
        else:
            seen.add(key)
    return removals
