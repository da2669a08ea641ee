"""Repeated syndication headlines and repeated lines, found by TF-IDF cosine similarity.

A scraped or syndicated article often carries its headline more than once: pasted twice, with
a publisher suffix, in capitals, cut short with an ellipsis, slightly edited, or run into the
first sentence when line breaks were lost. Such copies are *short* units with no closing
sentence punctuation that *nearly repeat* each other, in the opening lines (and perhaps again
at the end).

How it works (all spans are offsets of the processing view, hence of the input):

1. Units: a short line (at most ``MAX_HEADLINE_WORDS`` words) is one unit; a longer line gives
   one unit per sentence. Only the first ``HEAD_UNITS`` and last ``TAIL_UNITS`` units are
   looked at. A unit that starts with a headline-like phrase and a copy of it ("XX",
   "X X - Reuters", glued with no space when line breaks were lost) is split there, character
   by character (see :mod:`.runin`). Before that, a first line that runs a headline, a time
   stamp or standfirst, and a copy together gets its lost line breaks back.
2. Candidates: short units, plus the client's ``title``, are compared by the cosine similarity
   of TF-IDF vectors over character n-grams (scikit-learn; robust to case, punctuation,
   suffixes and small edits) — of the whole strings, and for two headline-like units also of
   the shorter against the start or end of the longer (truncated, suffixed, prefixed copies).
   Identical matching keys have similarity 1 without vectorising, and pairs that share too few
   words to reach the threshold are not vectorised at all, so a typical article costs no
   scikit-learn call.
3. A group of copies containing a *headline-like* unit (see :func:`is_headline_like`) and a
   copy at the top (in the opening units, below at most ``BODY_LINES_ABOVE - 1`` body lines;
   or copies that ran into each other) is a headline: every copy goes, the first group is
   reported. A unit with body lines above and below it (a sub-heading, a list item) is never a
   copy, however like the headline it reads: syndication puts copies around the body, not in
   it. A punctuated sentence joins a group only as a near-exact copy
   (``CLOSED_COPY_SIMILARITY``), so a lede that paraphrases the headline stays. Repeated
   punctuated sentences are body text and stay.
4. A headline (or title) that starts a longer sentence — a line break lost — is cut off it; so
   is a headline glued to the start of the text and repeated at its very end (see
   :func:`.bookends.bookends`).
5. Later copies of a whole punctuated line of six or more words are dropped as duplicates.

A real body sentence is never removed by steps 2–4 unless it is a near-exact copy of a
headline-like line: a copy is cut off a sentence only where a new sentence starts, and only an
exact one. Work is bounded: at most ``HEAD_UNITS + TAIL_UNITS`` units are compared, each over a
bounded window, whatever the input size.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import islice, pairwise
from typing import NamedTuple

import numpy as np

from ..models import Span
from ..text.normalise import matching_key
from ..text.shape import ELLIPSIS, MAX_HEADLINE_WORDS, is_headline_like, is_open, word_count
from ..text.shape import words as words_of
from .bookends import bookends
from .copy_extent import MIN_HEADLINE_WORDS
from .markup import headline_span, without_markup
from .repeats import repeated_lines
from .runin import (
    MAX_RUN_IN_COPIES,
    copies_after_credit,
    copies_at_start,
    copies_at_starts,
    exact_repetition_at_start,
    glued_copy_start,
    repetition_around,
    repetition_at_start,
)
from .seams import fold, without_full_stop
from .similarity import SEPARATORS, Similarity
from .types import DedupResult, Removal

#: Where headline copies stand: in the opening units (and perhaps again among the closing ones).
HEAD_UNITS = 12
TAIL_UNITS = 6
#: On one line, a group of copies has a member among the line's first units or two members next
#: to each other ("Lede X X" has the second, "X piece X" and "X Lede … X" the first).
OPENING_COPY_UNITS = 1
#: Body lines (a sentence, or a line too long for a headline) above a unit from which on it stands
#: in the body. Above the copies there may be a lede line (the seed article's shape) and a
#: caption or dateline; a sub-heading that repeats the headline's words has the lede and more
#: above it (syndicated dev: headline copies have at most one, such sub-headings four or more).
BODY_LINES_ABOVE = 3
#: Lines read above or below a unit to count its body lines: a long run of short lines (a list)
#: is not scanned whole.
MAX_LINES_SCANNED = HEAD_UNITS + TAIL_UNITS
#: Lines that may follow a copy at the end (a tag, a credit): a line below the body with more
#: lines after it heads a list ("Pemenang Liga Champions Tertua" over its winners).
MAX_LINES_AFTER_END_COPY = 2
#: A time stamp between two copies is this short ("Rabu, 12 Mei 2017 10:00 WIB"); a longer open
#: piece between them stays, whatever dates it holds.
MAX_STAMP_WORDS = 10
#: Pairs sharing less than this share of the shorter one's words are not vectorised: measured
#: on the syndicated dev data, copies (edited, truncated, suffixed) share 0.6 or more.
MIN_WORD_OVERLAP = 0.5
#: A lone headline line whose copy starts the next sentence has at least this many words.
MIN_LONE_HEADLINE_WORDS = 3
#: Glued stops tried per opening unit, within its first characters (a lede sentence is shorter).
MAX_GLUED_STOPS = 4
MAX_LEDE_CHARS = 1000
#: Similarity at which a punctuated unit counts as a copy of a headline-like one: a lede that
#: paraphrases its headline reaches 0.5–0.8 on the syndicated dev data.
CLOSED_COPY_SIMILARITY = 0.9
#: A near-exact copy has nearly the same length: the shorter key is at least this share of the
#: longer. Pairs further apart are not even vectorised (a punctuated sentence then cannot pass
#: ``CLOSED_COPY_SIMILARITY``: its extra characters add n-grams the other lacks).
CLOSED_COPY_LENGTH_RATIO = 0.9
_TOKEN = re.compile(r"\S+")
#: A sentence that starts like a publisher suffix (" - BBC News", " | Kompas.com").
_SEPARATOR_STARTS = frozenset({"- ", "– ", "— ", "| "})
#: Sentence punctuation (or a colon: "…yang menarik:9 Hal…") between a letter and a letter or
#: digit with no space, or a full stop (not a colon: "Retro: The original …" is prose) before a
#: space and a capital: a lost line break the segmenter kept (initials, abbreviations, numbered
#: headlines: "… area miss V. X X …").
#: (The mark first, then the letter before it, looked behind: a regex that starts with a
#: character class is scanned for quickly; one that starts with a lookbehind tries every position.)
_GLUED_STOP = re.compile(r"[.!?:](?<=[^\W\d_][.!?:])[\"'”’)\]]*(?:(?=[^\W_])| (?=[A-Z]))")
#: A capital straight after a lower-case letter or a closing bracket: a lost line break.
_GLUED_CAPITAL = re.compile(r"[A-Z](?<=[a-z)\]][A-Z])")


class _Unit(NamedTuple):
    """A line or sentence of the head or tail (a named tuple: a request makes a few dozen)."""

    start: int
    end: int
    #: Words, counted up to ``MAX_HEADLINE_WORDS + 1`` (more is "too long for a headline").
    words: int
    #: Among the first ``HEAD_UNITS`` units: every headline group needs a copy up there ...
    head: bool
    #: ... or copies that ran into each other (split off one unit).
    run_in: bool = False


def find_duplicates(
    view: str,
    lines: Sequence[Span],
    sentences_of: Callable[[Span], list[Span]],
    *,
    threshold: float,
    title: str | None = None,
    strip_headlines: bool = True,
    strip_boilerplate: bool = True,
) -> DedupResult:
    """Find headline copies and repeated lines in ``view``.

    Args:
        view: the processing view of the input (same offsets as the input).
        lines: non-blank line spans, in order.
        sentences_of: splits a line span into sentence spans (language-aware).
        threshold: cosine similarity in (0, 1] at which two units are copies.
        title: a headline known to the client; its copies are removed too.
        strip_headlines: when False only repeated whole lines are dropped.
        strip_boilerplate: when False a time stamp or photo credit found by the copies stays.

    Returns:
        The removals (sorted by start) and the span of the reported headline, if any.
    """
    removals: list[Removal] = []
    headline: Span | None = None
    if strip_headlines:
        lines, stamp = _breaks_restored(view, lines)
        opening = 1 if stamp is not None and stamp[0] == lines[0][0] else 0  # the copies after a credit at the top
        units = [
            piece
            for index, unit in enumerate(_units(view, lines, sentences_of))
            for piece in _split_repetitions(view, unit, at_start=index == opening)
        ]
        removals, headline = _headline_removals(view, units, threshold, title, _BodyLines(view, lines))
        if stamp is not None and headline is not None and strip_boilerplate:
            removals.append(Removal(stamp[0], stamp[1], "boilerplate", 1.0))
    removals += repeated_lines(view, lines, removals)
    removals.sort(key=lambda removal: removal.start)
    return DedupResult(removed=tuple(removals), headline=headline)


# --- units -------------------------------------------------------------------------------


def _breaks_restored(view: str, lines: Sequence[Span]) -> tuple[Sequence[Span], Span | None]:
    """The lines, with the first one split where it runs a headline, a piece and a copy together,
    and the piece when it is a time stamp (no sentence).

    "X Updated 10:21 GMT, 12 May 2017 X Body…" is what "X", a time stamp, "X" and the body on
    lines of their own become when line breaks are lost (see :func:`.runin.repetition_around`);
    "Photo: Getty Images X X Body…" is a photo credit over the copies (see
    :func:`.runin.copies_after_credit`), returned as the piece to remove. "XXBody…" in a script
    without capitals is split into "X", "X" and the body (:func:`.runin.exact_repetition_at_start`)
    before the line is cut into sentences, which in Thai (cut at spaces) may fall inside a copy.
    Restored, the copies are lines at the top, found as any such lines are. A standfirst between
    them stays; a time stamp goes with them, as boilerplate (on a line of its own, selection
    never summarises it; run into the text it would read as a sentence). The first line is
    searched only where it starts the text: after a dateline cut off as boilerplate
    ("Washington (ANTARA News) - Sebagian besar …") the body has begun.
    """
    if not lines or view[: lines[0][0]].strip():
        return lines, None
    start, end = lines[0]
    repeated = exact_repetition_at_start(view, start, end)
    if repeated is not None:  # "XXBody…" in a script without capitals: the copies are lines of their own
        rest = _TOKEN.search(view, repeated[-1][1], end)
        return [*repeated, *([(rest.start(), end)] if rest else []), *lines[1:]], None
    copies = copies_after_credit(view, start, end)
    if copies is not None:  # "Photo: Getty Images X X Body…": the credit is a line of its own, and goes
        credit = (start, len(view[:copies].rstrip()))
        return [credit, (copies, end), *lines[1:]], credit
    found = repetition_around(view, start, end)
    if found is None:
        return lines, None
    rest = _TOKEN.search(view, found[2][1], end)
    piece = found[1]
    text = view[piece[0] : piece[1]]
    stamp = piece if is_open(text) and len(text.split()) <= MAX_STAMP_WORDS else None
    return [*found, *([(rest.start(), end)] if rest else []), *lines[1:]], stamp


def _word_count(view: str, span: Span) -> int:
    """Words in ``span``, counted up to ``MAX_HEADLINE_WORDS + 1``: a unit's count is only ever
    compared with bounds up to ``MAX_HEADLINE_WORDS``, and a paragraph need not be split whole."""
    return word_count(view[span[0] : span[1]], MAX_HEADLINE_WORDS)


def _units(view: str, lines: Sequence[Span], sentences_of: Callable[[Span], list[Span]]) -> list[_Unit]:
    """Short lines whole, longer lines sentence by sentence: the first ``HEAD_UNITS`` units of the
    head lines (the first ``HEAD_UNITS`` lines) and tail lines (the last ``TAIL_UNITS``) and the
    last ``TAIL_UNITS`` units after those.

    Lines are split from the front until the head is full and from the back until the tail is,
    so the sentences of the paragraphs in between are never counted.
    """
    included = [line for index, line in enumerate(lines) if index < HEAD_UNITS or index >= len(lines) - TAIL_UNITS]
    split: dict[int, list[Span]] = {}
    line_words: dict[Span, int] = {}  # a line left whole keeps its count

    def pieces(k: int) -> list[Span]:
        if k not in split:
            line = included[k]
            words = line_words[line] = _word_count(view, line)
            split[k] = [line] if words <= MAX_HEADLINE_WORDS else _suffixes_joined(view, sentences_of(line))
            if len(split[k]) == 1:
                line_words[split[k][0]] = words
        return split[k]

    head: list[Span] = []
    k, taken = 0, 0  # the rest starts at piece ``taken`` of included line ``k``
    while len(head) < HEAD_UNITS and k < len(included):
        need = HEAD_UNITS - len(head)
        head += pieces(k)[:need]
        if len(pieces(k)) > need:
            taken = need
            break
        k += 1
    tail: list[Span] = []
    j = len(included) - 1
    while len(tail) < TAIL_UNITS and j >= k:
        rest = pieces(j)[taken:] if j == k else pieces(j)
        tail = rest[-(TAIL_UNITS - len(tail)) :] + tail
        j -= 1

    def unit(span: Span, head: bool) -> _Unit:
        words = line_words[span] if span in line_words else _word_count(view, span)
        return _Unit(span[0], span[1], words, head)

    return [unit(span, True) for span in head] + [unit(span, False) for span in tail]


def _suffixes_joined(view: str, sentences: list[Span]) -> list[Span]:
    """Sentences, with one that starts with a separator joined to the one before.

    "…'My memories of Marley...' - BBC NewsTo mark…": the segmenter ends a sentence at the
    ellipsis, but the publisher suffix after it belongs to the headline copy.
    """
    joined: list[Span] = []
    for span in sentences:
        if joined and view[span[0] : span[0] + 2] in _SEPARATOR_STARTS:
            joined[-1] = (joined[-1][0], span[1])
        else:
            joined.append(span)
    return joined


def _split_repetitions(view: str, unit: _Unit, *, at_start: bool) -> list[_Unit]:
    """Split a unit that starts with a headline-like phrase and its copy ("XX Body…").

    ``at_start``: the unit is the text's first, where a copy may also be cut short with no
    ellipsis or have a word changed (see :func:`.runin.repetition_at_start`).

    Repeats while the remainder starts with a repetition again, at most ``MAX_RUN_IN_COPIES``
    times: real feeds repeat a headline two or three times, and the bound keeps a text that
    repeats one phrase thousands of times linear.
    """
    pieces: list[_Unit] = []
    current: _Unit | None = unit
    while current is not None and len(pieces) < 2 * MAX_RUN_IN_COPIES:
        found: Sequence[Span] | None = exact_repetition_at_start(view, current.start, current.end) or repetition_at_start(
            view, current.start, current.end, at_text_start=at_start
        )
        if found is None and not pieces and unit.head:
            # A lede whose end the segmenter kept glued to the copies ("…miss V.XX…", "…putih.8 X8 X…").
            lede_end = min(current.end, current.start + MAX_LEDE_CHARS)
            for stop in _lede_ends(view, current.start, lede_end):
                found = repetition_at_start(view, stop, current.end, at_text_start=at_start)
                if found is not None and _opens_with(view, (current.start, stop), found[0]):
                    found = None  # the "lede" is the headline, the pair a cut copy of it and the lede's first words
                if found is not None:
                    pieces.append(_Unit(current.start, stop, _word_count(view, (current.start, stop)), unit.head))
                    break
        if found is None:
            break
        for start, end in found:
            pieces.append(_Unit(start, end, _word_count(view, (start, end)), unit.head, run_in=True))
        rest = _TOKEN.search(view, found[-1][1], current.end)
        current = _Unit(rest.start(), current.end, _word_count(view, (rest.start(), current.end)), unit.head) if rest else None
    if not pieces:
        return [unit]
    return pieces if current is None else [*pieces, current]


def _opens_with(view: str, line: Span, phrase: Span) -> bool:
    """Whether the text of ``line`` starts with that of ``phrase`` (folded: case, typography)."""
    size = phrase[1] - phrase[0]
    return line[1] - line[0] > size and fold(view[line[0] : line[0] + size]) == fold(view[phrase[0] : phrase[1]])


def _lede_ends(view: str, start: int, end: int) -> list[int]:
    """Where a lede glued to the copies after it may end: after sentence punctuation the
    segmenter kept ("…miss V.XX…", "…miss V. X X…", "…menarik:9 Hal…") or at a capital glued to
    a lower-case letter or a closing bracket, a lede line without a full stop ("…besok
    malamSeribuan Polisi…", "…(Sat)Ireland v…"). At most ``MAX_GLUED_STOPS`` of each, in order."""
    spaced_colon = ": "  # "Retro: The original …" is prose
    found = islice(_GLUED_STOP.finditer(view, start, end), MAX_GLUED_STOPS)
    stops = [stop.end() for stop in found if spaced_colon not in stop.group()]
    joins = [join.start() for join in islice(_GLUED_CAPITAL.finditer(view, start + 1, end), MAX_GLUED_STOPS)]
    return sorted({*stops, *joins})


class _BodyLines:
    """How many body lines stand above and below a unit's line (counted only as far as needed).

    A body line is a sentence (closing punctuation) or too long for a headline; the lines are
    those left after boilerplate was cut out (a link inside a paragraph leaves two pieces). It
    tells the top and the end of an article with line breaks from its middle; text on one line
    has nothing above or below its units unless boilerplate split it.
    """

    def __init__(self, view: str, lines: Sequence[Span]) -> None:
        self._view, self._lines = view, lines
        self._body: dict[int, bool] = {}

    def _is_body(self, index: int) -> bool:
        if index not in self._body:
            span = self._lines[index]
            text = self._view[span[0] : span[1]]
            self._body[index] = _word_count(self._view, span) > MAX_HEADLINE_WORDS or not is_headline_like(text)
        return self._body[index]

    def line_of(self, unit: _Unit) -> int:
        return bisect_right(self._lines, (unit.start, len(self._view))) - 1

    def above(self, unit: _Unit) -> int:
        """Body lines above the unit's line, up to ``BODY_LINES_ABOVE``."""
        line, found = self.line_of(unit), 0
        for index in range(line - 1, max(-1, line - 1 - MAX_LINES_SCANNED), -1):
            found += self._is_body(index)
            if found >= BODY_LINES_ABOVE:
                break
        return found

    def below(self, unit: _Unit) -> bool:
        """Whether a body line, or more lines than a copy at the end has after it, stand below the unit's line."""
        line = self.line_of(unit)
        if len(self._lines) - 1 - line > MAX_LINES_AFTER_END_COPY:
            return True
        return any(self._is_body(index) for index in range(line + 1, len(self._lines)))

    def in_body(self, unit: _Unit) -> bool:
        """Body lines above (a lede and more), and body or a list below: a sub-heading or list item, not a copy."""
        return self.above(unit) >= BODY_LINES_ABOVE and self.below(unit)

    def at_top(self, unit: _Unit) -> bool:
        """In the opening units with at most a lede line and a caption above: where copies stand."""
        return unit.head and self.above(unit) < BODY_LINES_ABOVE


def _similarity_matrix(texts: Sequence[str], like: np.ndarray, among: set[int] | None = None) -> np.ndarray:
    """Pairwise similarities of candidate texts; only pairs with a headline-like member matter
    (and, given ``among``, only pairs with a member in it: the rest score 0).

    Identical keys score 1; pairs sharing under ``MIN_WORD_OVERLAP`` of their words, or a
    punctuated text of very different length from its partner, cannot be copies and score 0;
    the rest are vectorised — aligned when both are headline-like, whole otherwise.
    """
    count = len(texts)
    sims = np.eye(count)
    is_like: list[bool] = like.tolist()  # Python lists: indexing a numpy array item by item is slow
    # A punctuated text can only be a near-exact copy of a headline-like one: of about its
    # length. Texts that cannot pair with anything are never normalised.
    like_lengths = [len(texts[i]) for i in range(count) if is_like[i]]
    usable = [
        is_like[i] or any(abs(len(texts[i]) - size) <= (1 - CLOSED_COPY_LENGTH_RATIO) * 2 * size for size in like_lengths)
        for i in range(count)
    ]
    keys = [matching_key(text) if usable[i] else "" for i, text in enumerate(texts)]
    # "Headline." is the headline with a full stop added: an exact copy. (By n-grams a short
    # headline's stop changes a tenth of them, under ``CLOSED_COPY_SIMILARITY``.)
    keys = [without_full_stop(key) for key in keys]
    words = [set(words_of(key)) for key in keys]
    aligned_pairs: list[tuple[int, int]] = []
    whole_pairs: list[tuple[int, int]] = []
    for i in range(count):
        if not usable[i]:
            continue
        for j in range(i + 1, count):
            if not (is_like[i] or is_like[j]) or not usable[j] or (among is not None and i not in among and j not in among):
                continue
            if keys[i] == keys[j]:
                sims[i, j] = sims[j, i] = 1.0
                continue
            shared = len(words[i] & words[j]) / max(1, min(len(words[i]), len(words[j])))
            if shared < MIN_WORD_OVERLAP:
                continue
            if is_like[i] and is_like[j]:
                aligned_pairs.append((i, j))
            elif min(len(keys[i]), len(keys[j])) >= CLOSED_COPY_LENGTH_RATIO * max(len(keys[i]), len(keys[j])):
                whole_pairs.append((i, j))
    if aligned_pairs or whole_pairs:
        similarity = Similarity(texts)
        values = [
            *similarity.aligned([(texts[i], texts[j]) for i, j in aligned_pairs]),
            *similarity.cosines([(texts[i], texts[j]) for i, j in whole_pairs]),
        ]
        for (i, j), value in zip([*aligned_pairs, *whole_pairs], values, strict=True):
            sims[i, j] = sims[j, i] = value
    return sims


# --- headline groups -----------------------------------------------------------------------


def _headline_removals(
    view: str, units: list[_Unit], threshold: float, title: str | None, body_lines: _BodyLines
) -> tuple[list[Removal], Span | None]:
    candidates = [u for u in units if MIN_HEADLINE_WORDS <= u.words <= MAX_HEADLINE_WORDS]
    texts = [view[u.start : u.end] for u in candidates]
    title_index = None
    if title and title.strip():
        title_index = len(texts)
        texts.append(title.strip())
    opens = [is_open(text) for text in texts]
    open_ = np.array(opens, dtype=bool)
    like = np.array([is_open_ or is_headline_like(text) for text, is_open_ in zip(texts, opens, strict=True)], dtype=bool)
    if title_index is not None:
        open_[title_index] = like[title_index] = True  # the client says it is the headline
    if not like.any():
        return _bookend_removals(view, units)
    sims = _similarity_matrix(texts, like)
    # Markup around an open copy ("**X**", "# X", "\"X\"") may be the copy's or the line's: both
    # readings count. (A quoted sentence or question is left as it is: it pairs only near-exactly.)
    bare = [without_markup(text) if is_open_ else text for text, is_open_ in zip(texts, opens, strict=True)]
    marked = {i for i, (text, plain) in enumerate(zip(texts, bare, strict=True)) if plain != text}
    if marked:
        sims = np.maximum(sims, _similarity_matrix(bare, like, marked))
    # A punctuated sentence joins a headline group only as a near-exact copy ("Headline.").
    both_open = open_[:, None] & open_[None, :]
    adjacent = (sims >= threshold) & (both_open | (sims >= CLOSED_COPY_SIMILARITY))

    removals: list[Removal] = []
    headline: Span | None = None
    headline_texts: list[str] = []
    removed_units: set[int] = set()
    for group in _groups(adjacent) if adjacent.sum() > len(texts) else []:
        if len(group) < 2:
            continue
        # Copies that ran into each other are copies wherever they stand; any other unit with body
        # lines above and below is a sub-heading or a list item, however like the headline it reads.
        members = [i for i in group if i != title_index and (candidates[i].run_in or not body_lines.in_body(candidates[i]))]
        if not members or len(members) + (title_index in group) < 2:
            continue
        if not any(like[i] for i in members) and title_index not in group:
            continue  # a repeated punctuated sentence: body text, kept
        if title_index not in group and not any(candidates[i].run_in or body_lines.at_top(candidates[i]) for i in members):
            continue  # lines repeated only below the body's start: a list in the body, not a headline
        if title_index not in group and not _placed_like_copies([candidates[i] for i in members], units, body_lines):
            continue  # a passage the text repeats further on, on one line: the article's own
        kept = [*members, title_index] if title_index in group else members
        for i in members:
            unit = candidates[i]
            best_match = max(sims[i, j] for j in kept if j != i)
            headlines = [texts[j] for j in kept if j != i and opens[j]]
            exact = any(sims[i, j] == 1.0 and opens[j] for j in kept if j != i)  # "Headline." under "Headline"
            end = unit.end if opens[i] or exact else _copy_end(view, unit, headlines, threshold)
            start = glued_copy_start(view, unit.start, end, [texts[j] for j in kept if j != i])
            removals.append(Removal(start, end, "headline", round(float(best_match), 4)))
            removed_units.add(unit.start)
        best = _representative(texts, members, sims)
        if headline is None or candidates[best].start < headline[0]:
            words_start, words_end = headline_span(texts[best])
            headline = (candidates[best].start + words_start, candidates[best].start + words_end)
        headline_texts.append(texts[best])
    if title_index is not None:
        headline_texts.append(texts[title_index])

    remaining = [u for u in units if u.start not in removed_units]  # members trimmed at either end too
    for text in headline_texts:
        removals += _run_in_removals(view, remaining, text, threshold)
    if not removals:
        return _adjacent_removals(view, units, threshold) or _bookend_removals(view, units)
    return removals, headline


def _placed_like_copies(members: Sequence[_Unit], units: Sequence[_Unit], body_lines: _BodyLines) -> bool:
    """Whether copies found on one line stand where copies do: one among the line's first
    ``OPENING_COPY_UNITS`` units, or two next to each other.

    Without line breaks (a flattened page, a one-line corpus) nothing above or below tells the
    top from the middle, so position in the line must: "X X Lede…", "Lede X X …", "X Lede … X"
    and "X Updated 10:21 X …" all have a copy at the start, while a sentence an article repeats
    further on ("… so far, scientists have only managed … see." in the middle and again at the
    end, CNN) has neither. Members on different lines were judged by their lines.
    """
    lines = {body_lines.line_of(unit) for unit in members}
    if len(lines) > 1:
        return True
    (line,) = lines
    on_line = [unit for unit in units if body_lines.line_of(unit) == line]
    places = [place for place, unit in enumerate(on_line) if unit in members]
    return places[0] < OPENING_COPY_UNITS or any(b - a == 1 for a, b in pairwise(places))


def _copy_end(view: str, unit: _Unit, headlines: Sequence[str], threshold: float) -> int:
    """Where the copy in a punctuated member of a headline group ends: a sentence the segmenter
    ran on after it ("X | Kompas.com Hai!") keeps its words (see :func:`.runin.copies_at_start`),
    whatever the copy's case: the group has taken the unit for a copy ("x in sentence case Hai!"
    under "X In Title Case")."""
    for headline in headlines:
        copies = copies_at_start(view, unit.start, unit.end, headline, threshold, keep_case=False)
        if copies and copies[-1][0][1] < unit.end:
            return copies[-1][0][1]
    return unit.end


def _adjacent_removals(view: str, units: Sequence[_Unit], threshold: float) -> tuple[list[Removal], Span | None] | None:
    """A headline line whose copy starts the next sentence ("X\nX Body…", "X…'X…' - BBC NewsBody…").

    The lone line needs ``MIN_LONE_HEADLINE_WORDS`` words, so that a two-word label above a
    sentence that starts with the same name ("Real Madrid" / "Real Madrid CF won…") stays.
    """
    for unit, following in pairwise(units):
        text = view[unit.start : unit.end]
        if not unit.head or not MIN_LONE_HEADLINE_WORDS <= unit.words <= MAX_HEADLINE_WORDS or not is_open(text):
            continue
        copies = _run_in_removals(view, [following], text, threshold)
        if copies:
            lone = Removal(unit.start, unit.end, "headline", max(copy.similarity for copy in copies))
            return [lone, *copies], (unit.start, unit.end)
    return None


def _bookend_removals(view: str, units: Sequence[_Unit]) -> tuple[list[Removal], Span | None]:
    """A headline glued to the start of the text and repeated at its end (see :func:`.bookends.bookends`).

    The end is the text's own end: glued to a related link ("Baca juga: …JakartaX"), the last
    copy may already be stripped as boilerplate, and then only the opening copy is reported.
    """
    if len(units) < 2:
        return [], None
    last_end = len(view.rstrip())
    found = bookends(view, (units[0].start, units[0].end), (units[-1].start, max(units[-1].end, last_end)))
    if found is None:
        return [], None
    kept = [found[0], found[1]] if found[1][0] < units[-1].end else [found[0]]
    return [Removal(start, end, "headline", 1.0) for start, end in kept], found[0]


def _run_in_removals(view: str, units: Sequence[_Unit], headline: str, threshold: float) -> list[Removal]:
    """Copies of ``headline`` cut off the start of ``units`` (see :func:`.runin.copies_at_start`)."""
    return [
        Removal(start, end, "headline", value)
        for copies in copies_at_starts(view, [(unit.start, unit.end) for unit in units], headline, threshold)
        for (start, end), value in copies
    ]


def _groups(adjacent: np.ndarray) -> list[list[int]]:
    """Connected components of a symmetric boolean adjacency matrix, in order of first member.

    A union-find over the matrix's edges: the matrix has at most ``HEAD_UNITS + TAIL_UNITS + 1``
    rows, where scipy's ``connected_components`` costs more in input validation than the work.
    """
    parent = list(range(len(adjacent)))

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for i, j in zip(*np.nonzero(np.triu(adjacent, 1)), strict=True):
        a, b = root(int(i)), root(int(j))
        if a != b:
            parent[max(a, b)] = min(a, b)
    members: dict[int, list[int]] = {}
    for node in range(len(parent)):
        members.setdefault(root(node), []).append(node)
    return sorted(members.values())


def _representative(texts: Sequence[str], members: Sequence[int], sims: np.ndarray) -> int:
    """The copy to report: not truncated, open (not a sentence the segmenter ran on), not in
    capitals, without an addition (a label, a publisher: "UPDATE 1-X" holds the member "X"),
    most like the others, earliest."""
    keys = {i: matching_key(texts[i]) for i in members}

    def rank(i: int) -> tuple[bool, bool, bool, bool, float, int]:
        text = texts[i]
        shouting = text.upper() == text and text.lower() != text
        added = any(_with_addition(keys[i], keys[j]) for j in members if j != i)
        mean = float(np.mean([sims[i, j] for j in members if j != i])) if len(members) > 1 else 1.0
        # Rounded: copies equally like the others differ only in the cosines' last bits, which
        # move with the vectoriser's corpus; the earliest of them is reported.
        return (bool(ELLIPSIS.search(text)), not is_open(text), shouting, added, -round(mean, 6), i)

    return min(members, key=rank)


def _with_addition(longer: str, shorter: str) -> bool:
    """Whether matching key ``longer`` is ``shorter`` with a label or a suffix set off by a
    separator ("update 1-x", "business: x", "x - reuters"); a longer headline is no addition
    to a copy cut short from it ("spider-man creator wins profits", "spider-man creator")."""
    if len(longer) <= len(shorter) or not shorter:
        return False
    if longer.startswith(shorter):
        return longer[len(shorter) :].lstrip()[:1] in SEPARATORS
    if longer.endswith(shorter):
        return longer[: -len(shorter)].rstrip()[-1:] in SEPARATORS
    return False
