"""A headline at the top of a text and again at its very end, with line breaks lost.

"X\nBody…\nX" becomes "XBody… last sentence.X" (``curl -d``) or "X Body… last sentence. X" (a
flattened page). :func:`bookends` finds the two copies, exact or the one at the end edited by a
word, and only where both stand apart from the body.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from ..models import Span
from ..text.shape import MAX_HEADLINE_WORDS, is_open
from .copy_edits import MIN_EDITED_WORDS, lowers_a_capital, one_word_apart
from .copy_extent import MIN_COPY_CHARS, MIN_HEADLINE_WORDS
from .publishers import without_publisher
from .seams import (
    CLOSERS,
    MAX_WORD_CHARS,
    RUN_IN_WINDOW_CHARS,
    TOKEN,
    after_sentence,
    cut_points,
    fold,
    skip_spaces,
    starts_sentence,
)

#: An exact copy at the end after a space may follow a last line without a stop (a team sheet, a
#: caption: "… Not used: Fury, Brooks London Irish 19-33 Wasps") when it has this many words: the
#: opening's first four words or more, exactly, do not end a body by chance, where a name might
#: ("Real Madrid CF won …" over "… fans of Real Madrid").
MIN_LOOSE_ENDING_WORDS = 4


def bookends(view: str, first: Span, last: Span) -> tuple[Span, Span] | None:
    """A headline run into the start of the first unit and repeated at the very end of the last.

    With line breaks lost, "X\nBody…\nX" becomes "XBody… last sentence.X" (``curl -d``), or
    "X Body… last sentence. X" (line breaks as spaces: a flattened page). Candidates for X
    are the endings of the text that start at a word boundary (a space, a closing mark, a
    join); the longest one that also opens the text (without a known publisher's suffix at the
    end: "X … X - Reuters"), glued (no space) to a new sentence, is taken (the whole first unit,
    when what was glued to it was cut off as boilerplate).
    Sentence segmentation is not relied on: the last sentence may end with "May." or an
    author tag, and the glue may fall inside a word in capitals ("…soal PNSJUARA.NET, …").
    """
    # The last MAX_HEADLINE_WORDS + 1 words of the text, read over a bounded stretch.
    tokens = [match.start() for match in TOKEN.finditer(view, max(last[0], last[1] - RUN_IN_WINDOW_CHARS), last[1])]
    if not tokens:
        return None
    window_start = tokens[max(0, len(tokens) - MAX_HEADLINE_WORDS - 1)]
    points, joins = cut_points(view, window_start, last[1])
    starts = sorted({window_start, *joins, *(skip_spaces(view, point, last[1]) for point in points)})
    opening = fold(view[first[0]])
    folded: dict[str, str] = {}  # each character's fold, made once: most starts fail on it
    for start in starts:
        char = view[start : start + 1]
        if char not in folded:
            folded[char] = fold(char)
        if folded[char] != opening:
            continue  # the ending cannot equal the opening (a fold keeps each character's place)
        size = last[1] - start
        text = view[start : last[1]]
        if size < MIN_COPY_CHARS or not MIN_HEADLINE_WORDS <= len(text.split()) <= MAX_HEADLINE_WORDS:
            continue
        copy = without_publisher(text)  # the copy at the end may carry a publisher's suffix: "X - Reuters"
        opening_end = first[0] + len(copy)
        if not _starts_word(view, start, last, joins) or opening_end >= start:
            continue  # the ending is the tail of a longer word, or overlaps the opening copy
        if not is_open(text) or fold(view[first[0] : opening_end]) != fold(copy):
            continue
        if _case_differs(view[first[0] : opening_end], copy) and not _glued(view, opening_end):
            continue  # the lede restating the headline printed at the end, not its copy
        if _stand_apart(view, first, last, start, opening_end, exact=True):
            return (first[0], opening_end), (start, last[1])
    return _edited_bookends(view, first, last, starts, set(joins))


def _case_differs(opening: str, ending: str) -> bool:
    """Whether one of two copies writes in lower case what the other capitalises (see
    :func:`.copy_edits.lowers_a_capital`): at the top and the end of a text they are printed alike, unless
    the opening one is exact and glued to what follows (:func:`_glued`)."""
    return lowers_a_capital(ending, opening) or lowers_a_capital(opening, ending)


def _glued(view: str, end: int) -> bool:
    """Whether a copy ending at ``end`` is glued to what follows: a line break lost there, so the
    copy was a line of its own, in whatever case, where a lede restating its headline goes on
    after a space (as :func:`.copy_edits.glued_whole` judges a copy at the top)."""
    return end < len(view) and not view[end].isspace()


def _starts_word(view: str, start: int, last: Span, joins: Collection[int]) -> bool:
    """Whether an ending of the text from ``start`` starts a word: the last unit's start, after a
    space or a closing mark, or at a join (not the tail of a longer word)."""
    return start == last[0] or view[start - 1].isspace() or view[start - 1] in CLOSERS or start in joins


def _stand_apart(view: str, first: Span, last: Span, start: int, opening_end: int, *, exact: bool = False) -> bool:
    """Whether an opening copy ``[first[0], opening_end)`` and an ending one from ``start`` stand apart from the body.

    The opening runs into a new sentence, glued or after a space (within the first unit: a copy
    that is the whole first unit is a line of its own, for the headline groups); the first unit
    may end right there, where boilerplate glued to the copy ("…CipinangJakarta, KOMPAS.com -")
    was cut off it. After a space, the copy at the end must stand apart too: after a sentence's
    end, not as the tail of one ("… Fans of Real Madrid" under "Real Madrid CF won …"), unless it
    is an ``exact`` copy of ``MIN_LOOSE_ENDING_WORDS`` words or more.
    """
    glued = _glued(view, opening_end)
    loose = exact and len(view[start : last[1]].split()) >= MIN_LOOSE_ENDING_WORDS
    spaced = (
        not glued and skip_spaces(view, opening_end, first[1]) < first[1] and (loose or after_sentence(view, start, last[0]))
    )
    return opening_end <= first[1] and (glued or spaced) and starts_sentence(view, opening_end, max(first[1], opening_end + 1))


def _edited_bookends(view: str, first: Span, last: Span, starts: Sequence[int], joins: set[int]) -> tuple[Span, Span] | None:
    """:func:`bookends` where the copy at the end is the opening one updated by a word (changed,
    added or dropped; ``MIN_EDITED_WORDS`` or more), and both stand apart from the body. The
    first two words are not the edited one: most endings fail on them, before any work."""
    opening_pair = fold(view[first[0] : first[0] + 2 * MAX_WORD_CHARS]).split(maxsplit=2)[:2]
    if len(opening_pair) < 2:
        return None
    opening = " ".join(opening_pair) + " "
    initial = opening[0]
    candidates = [
        start
        for start in starts
        if view[start : start + 1].lower() == initial and fold(view[start : start + len(opening)]) == opening
    ]
    if not candidates:
        return None
    opening_ends = [point for point in cut_points(view, first[0], first[1])[0] if point - first[0] >= MIN_COPY_CHARS]
    if not opening_ends:
        return None  # a first unit too short to be a copy ("Ab cd" over "… Ab cd ef gh")
    opening_words = {point: fold(view[first[0] : point]).split() for point in opening_ends}
    for start in candidates:
        text = view[start : last[1]]
        words = fold(text).split()
        if not MIN_EDITED_WORDS <= len(words) <= MAX_HEADLINE_WORDS or start <= opening_ends[0] or not is_open(text):
            continue
        if not _starts_word(view, start, last, joins):
            continue
        for point in opening_ends:
            if point >= start or abs(len(opening_words[point]) - len(words)) > 1:
                continue
            if not one_word_apart(opening_words[point], words) or _case_differs(view[first[0] : point], text):
                continue
            if _stand_apart(view, first, last, start, point):
                return (first[0], point), (start, last[1])
    return None
