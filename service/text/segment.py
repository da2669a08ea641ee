"""Lines and sentences, as ``[start, end)`` spans of the processing view.

sentencex (rule-based, with abbreviation lists for many languages and generic rules for the
rest) is the only sentence splitter, and this is the only module that imports it. A line break
always ends a sentence: sentences are found line by line.
"""

from __future__ import annotations

import re

from sentencex import segment as _sentencex_segment

Span = tuple[int, int]

_LINE = re.compile(r"[^\n]+")
_WORD = re.compile(r"\w+")


def _trimmed(view: str, start: int, end: int) -> Span | None:
    """Shrink ``[start, end)`` to exclude surrounding whitespace; ``None`` when nothing is left."""
    while start < end and view[start].isspace():
        start += 1
    while end > start and view[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def split_lines(view: str) -> list[Span]:
    """Non-blank lines of ``view``, each trimmed of surrounding whitespace."""
    spans = (_trimmed(view, match.start(), match.end()) for match in _LINE.finditer(view))
    return [span for span in spans if span is not None]


def split_sentences(view: str, span: Span, language: str) -> list[Span]:
    """Sentences of the line ``view[span[0]:span[1]]``, trimmed, in order.

    sentencex returns pieces that concatenate back to its input, so offsets are running sums.
    A piece without any word character (a stray quote or dash) is glued to its predecessor.
    """
    start, end = span
    out: list[Span] = []
    position = start
    for piece in _sentencex_segment(language, view[start:end]):
        piece_start, position = position, position + len(piece)
        trimmed = _trimmed(view, piece_start, position)
        if trimmed is None:
            continue
        if out and not _WORD.search(view, trimmed[0], trimmed[1]):
            out[-1] = (out[-1][0], trimmed[1])
        else:
            out.append(trimmed)
    return out
