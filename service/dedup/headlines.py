"""Repeated syndication headlines and repeated lines, found by TF-IDF cosine similarity.

A scraped or syndicated article often carries its headline more than once: pasted twice, with
a publisher suffix, in capitals, cut short with an ellipsis, slightly edited, or run into the
first sentence when line breaks were lost. Such copies are *short* units with no closing
sentence punctuation that *nearly repeat* each other, in the opening lines (and perhaps again
at the end).

How it works (all spans are offsets of the processing view, hence of the input):

1. Units: a short line (at most ``MAX_HEADLINE_WORDS`` words) is one unit; a longer line gives
   one unit per sentence. Only the first ``HEAD_UNITS`` and last ``TAIL_UNITS`` units are
   looked at. A unit whose words repeat straight away ("Headline Headline Body…") is split at
   the repetition.
2. Candidates: short units, plus the client's ``title``, are compared by the cosine similarity
   of TF-IDF vectors over character n-grams (scikit-learn; robust to case, punctuation,
   suffixes and small edits) — of the whole strings, and for two headline-like units also of
   the shorter against the start or end of the longer (truncated, suffixed, prefixed copies).
   Identical matching keys have similarity 1 without vectorising, and pairs that share too few
   words to reach the threshold are not vectorised at all, so a typical article costs no
   scikit-learn call.
3. A group of copies containing a *headline-like* unit (see :func:`is_headline_like`) and a copy in the
   opening units is a headline: every copy goes, the first group is reported. A punctuated
   sentence joins a group only as a near-exact copy (``CLOSED_COPY_SIMILARITY``), so a lede
   that paraphrases the headline stays. Repeated punctuated sentences are body text and stay.
4. A headline (or title) that starts a longer sentence — a line break lost — is cut off it.
5. Later copies of a whole punctuated line of six or more words are dropped as duplicates.

A real body sentence is never removed by steps 2–4 unless it is a near-exact copy of a
headline-like line. Work is bounded: at most ``HEAD_UNITS + TAIL_UNITS`` units are compared,
whatever the input size.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import islice

import numpy as np
from scipy.sparse.csgraph import connected_components

from ..text.normalise import matching_key
from ..text.shape import ELLIPSIS, MAX_HEADLINE_WORDS, is_headline_like, is_open
from .repeats import repeated_lines
from .similarity import Similarity
from .types import DedupResult, Removal, Span

#: A unit of one word is never a headline copy; two-word headlines ("Markets tumble") exist.
MIN_HEADLINE_WORDS = 2
#: Where headline copies stand: in the opening units (and perhaps again among the closing ones).
HEAD_UNITS = 12
TAIL_UNITS = 6
#: Pairs sharing less than this share of the shorter one's words are not vectorised: measured
#: on the syndicated dev data, copies (edited, truncated, suffixed) share 0.6 or more.
MIN_WORD_OVERLAP = 0.5
#: Copies that run into each other are adjacent and should agree almost exactly: a strict bar
#: keeps a headline-like phrase that merely recurs inside a sentence from being cut.
RUN_IN_SIMILARITY = 0.8
#: Copies split off or cut from the start of one unit at most (see _split_repeated_prefix).
MAX_RUN_IN_COPIES = 4
#: A copy may be this many words longer or shorter than the headline it repeats: a publisher
#: suffix (" - Reuters", "| Kompas.com") or a word edited in or out (syndicated dev data).
COPY_LENGTH_SLACK_WORDS = 3
#: Words read at the start of a unit when looking for a repetition: two whole headlines, plus
#: the two words that show the second copy has started.
RUN_IN_WINDOW = 2 * MAX_HEADLINE_WORDS + 2
#: ... and the characters that many words can span, so a unit of one enormous "word" is not
#: scanned whole (40: longer than any real word, URL fragments included).
MAX_WORD_CHARS = 40
RUN_IN_WINDOW_CHARS = MAX_WORD_CHARS * RUN_IN_WINDOW
#: A known headline cut off the start of a longer sentence must match it nearly exactly
#: (whole-string cosine), since the rest of that sentence is body text.
RUN_IN_COPY_SIMILARITY = 0.95
#: Similarity at which a punctuated unit counts as a copy of a headline-like one: a lede that
#: paraphrases its headline reaches 0.5–0.8 on the syndicated dev data.
CLOSED_COPY_SIMILARITY = 0.9
#: A near-exact copy has nearly the same length: the shorter key is at least this share of the
#: longer. Pairs further apart are not even vectorised (a punctuated sentence then cannot pass
#: ``CLOSED_COPY_SIMILARITY``: its extra characters add n-grams the other lacks).
CLOSED_COPY_LENGTH_RATIO = 0.9
_TOKEN = re.compile(r"\S+")
_WORD_CHARS = re.compile(r"\w+")
_NON_WORD = re.compile(r"\W+")


@dataclass(frozen=True)
class _Unit:
    start: int
    end: int
    words: int
    #: Among the first ``HEAD_UNITS`` units: every headline group needs a copy up there.
    head: bool


def find_duplicates(
    view: str,
    lines: Sequence[Span],
    sentences_of: Callable[[Span], list[Span]],
    *,
    threshold: float,
    title: str | None = None,
    strip_headlines: bool = True,
) -> DedupResult:
    """Find headline copies and repeated lines in ``view``.

    Args:
        view: the processing view of the input (same offsets as the input).
        lines: non-blank line spans, in order.
        sentences_of: splits a line span into sentence spans (language-aware).
        threshold: cosine similarity in (0, 1] at which two units are copies.
        title: a headline known to the client; its copies are removed too.
        strip_headlines: when False only repeated whole lines are dropped.

    Returns:
        The removals (sorted by start) and the span of the reported headline, if any.
    """
    removals: list[Removal] = []
    headline: Span | None = None
    if strip_headlines:
        units = [piece for unit in _units(view, lines, sentences_of) for piece in _split_repeated_prefix(view, unit)]
        removals, headline = _headline_removals(view, units, threshold, title)
    removals += repeated_lines(view, lines, removals)
    removals.sort(key=lambda removal: removal.start)
    return DedupResult(removed=tuple(removals), headline=headline)


# --- units -------------------------------------------------------------------------------


def _word_count(view: str, span: Span) -> int:
    return len(view[span[0] : span[1]].split())


def _units(view: str, lines: Sequence[Span], sentences_of: Callable[[Span], list[Span]]) -> list[_Unit]:
    """Short lines whole, longer lines sentence by sentence — only in the head and tail regions."""
    units: list[_Unit] = []
    for index, line in enumerate(lines):
        if HEAD_UNITS <= index < len(lines) - TAIL_UNITS:
            continue
        words = _word_count(view, line)
        pieces = [line] if words <= MAX_HEADLINE_WORDS else sentences_of(line)
        for piece in pieces:
            count = words if len(pieces) == 1 else _word_count(view, piece)
            units.append(_Unit(piece[0], piece[1], count, head=len(units) < HEAD_UNITS))
    return units[:HEAD_UNITS] + units[HEAD_UNITS:][-TAIL_UNITS:]


def _word_keys(text: str, limit: int | None = None) -> list[str]:
    """Cheap comparison keys of the (first ``limit``) words of ``text``: case-folded, punctuation dropped."""
    tokens = _TOKEN.findall(text.casefold()) if limit is None else text.casefold().split(maxsplit=limit)[:limit]
    return [_NON_WORD.sub("", token) for token in tokens]


def _continues(view: str, position: int, end: int) -> bool:
    """True when the text after ``position`` goes on in lower case: the same sentence, not a new one.

    After a headline copy that ran into the body, the body's first sentence starts afresh; a
    sentence that merely *begins* like the headline continues ("… 2017 dibuka pada 14 September").
    """
    rest = view[position:end].lstrip()
    return bool(rest) and rest[0].islower()


def _split_repeated_prefix(view: str, unit: _Unit) -> list[_Unit]:
    """Split a unit that starts with the same words twice ("Headline Headline Body…").

    Repeats while the remainder starts with a repetition again, at most ``MAX_RUN_IN_COPIES``
    times: real feeds repeat a headline two or three times, and the bound keeps a text that
    repeats one phrase thousands of times linear.
    """
    pieces: list[_Unit] = []
    current: _Unit | None = unit
    while current is not None and len(pieces) < 2 * MAX_RUN_IN_COPIES:
        split = _repetition_at_start(view, current)
        if split is None:
            break
        first, second, current = split
        pieces += [first, second]
    if not pieces:
        return [unit]
    return pieces if current is None else [*pieces, current]


def _repetition_at_start(view: str, unit: _Unit) -> tuple[_Unit, _Unit, _Unit | None] | None:
    """The two copies a unit starts with, and what follows them; ``None`` when it does not repeat.

    A repetition starts at word ``k`` when words ``k`` and ``k+1`` repeat the first two. The
    second copy's length is unknown (cut short, or carrying a suffix): every length from
    ``MIN_HEADLINE_WORDS`` to ``k + COPY_LENGTH_SLACK_WORDS`` is tried and the most similar kept, provided that the
    first copy is headline-like and the copies agree (``RUN_IN_SIMILARITY``). Only the first
    ``RUN_IN_WINDOW`` words are read, whatever the unit's length.
    """
    head = view[unit.start : min(unit.end, unit.start + RUN_IN_WINDOW_CHARS)].casefold()
    rough = _WORD_CHARS.findall(head)
    if len(rough) < 2 * MIN_HEADLINE_WORDS or rough[0] not in rough[MIN_HEADLINE_WORDS:RUN_IN_WINDOW]:
        return None  # the common case: the first word does not come back, decided in one regex call
    words = [(m.start(), m.end()) for m in islice(_TOKEN.finditer(view, unit.start, unit.end), RUN_IN_WINDOW)]
    keys = [_NON_WORD.sub("", view[a:b].casefold()) for a, b in words]
    for k in range(MIN_HEADLINE_WORDS, min(MAX_HEADLINE_WORDS, len(words) // 2) + 1):
        if k + 1 >= len(keys) or keys[k] != keys[0] or keys[k + 1] != keys[1]:
            continue
        first = (words[0][0], words[k - 1][1])
        first_text = view[first[0] : first[1]]
        if not is_open(first_text):
            continue
        lengths = range(MIN_HEADLINE_WORDS, min(k + COPY_LENGTH_SLACK_WORDS, len(words) - k) + 1)
        seconds = [(words[k][0], words[k + n - 1][1]) for n in lengths]
        similarity = Similarity([first_text, *(view[a:b] for a, b in seconds)])
        plain = similarity.cosines([(first_text, view[a:b]) for a, b in seconds])
        best = int(np.argmax(plain))
        second = seconds[best]
        if _copy_similarity(similarity, view[second[0] : second[1]], first_text, plain[best]) < RUN_IN_SIMILARITY:
            continue
        if _continues(view, second[1], unit.end):
            continue
        after = _TOKEN.search(view, second[1], unit.end)
        rest = _Unit(after.start(), unit.end, max(1, unit.words - k - lengths[best]), unit.head) if after else None
        return _Unit(first[0], first[1], k, unit.head), _Unit(second[0], second[1], lengths[best], unit.head), rest
    return None


def _copy_similarity(similarity: Similarity, copy: str, reference: str, plain: float) -> float:
    """How surely ``copy`` (cut from the start of a longer unit) repeats ``reference``.

    Only a copy cut short with an ellipsis is judged by alignment; otherwise the whole-string
    cosine decides, so that a body sentence that merely *starts* like the headline ("US actor X
    has been found dead at 87.") never loses its first words.
    """
    if ELLIPSIS.search(copy):
        return float(similarity.aligned([(copy, reference)])[0])
    return float(plain)


def _similarity_matrix(texts: Sequence[str], open_: np.ndarray, like: np.ndarray) -> np.ndarray:
    """Pairwise similarities of candidate texts; only pairs with a headline-like member matter.

    Identical keys score 1; pairs sharing under ``MIN_WORD_OVERLAP`` of their words, or a
    punctuated text of very different length from its partner, cannot be copies and score 0;
    the rest are vectorised — aligned when both are headline-like, whole otherwise.
    """
    count = len(texts)
    sims = np.eye(count)
    # A punctuated text can only be a near-exact copy of a headline-like one: of about its
    # length. Texts that cannot pair with anything are never normalised.
    like_lengths = [len(texts[i]) for i in range(count) if like[i]]
    usable = [
        bool(like[i]) or any(abs(len(texts[i]) - size) <= (1 - CLOSED_COPY_LENGTH_RATIO) * 2 * size for size in like_lengths)
        for i in range(count)
    ]
    keys = [matching_key(text) if usable[i] else "" for i, text in enumerate(texts)]
    words = [set(_WORD_CHARS.findall(key)) for key in keys]
    aligned_pairs: list[tuple[int, int]] = []
    whole_pairs: list[tuple[int, int]] = []
    for i in range(count):
        for j in range(i + 1, count):
            if not (like[i] or like[j]) or not (usable[i] and usable[j]):
                continue
            if keys[i] == keys[j]:
                sims[i, j] = sims[j, i] = 1.0
                continue
            shared = len(words[i] & words[j]) / max(1, min(len(words[i]), len(words[j])))
            if shared < MIN_WORD_OVERLAP:
                continue
            if open_[i] and open_[j]:
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
    view: str, units: list[_Unit], threshold: float, title: str | None
) -> tuple[list[Removal], Span | None]:
    candidates = [u for u in units if MIN_HEADLINE_WORDS <= u.words <= MAX_HEADLINE_WORDS]
    texts = [view[u.start : u.end] for u in candidates]
    title_index = None
    if title and title.strip():
        title_index = len(texts)
        texts.append(title.strip())
    open_ = np.array([is_open(text) for text in texts], dtype=bool)
    like = np.array([is_headline_like(text) for text in texts], dtype=bool)
    if title_index is not None:
        open_[title_index] = like[title_index] = True  # the client says it is the headline
    if not like.any() or len(texts) < 2:
        return [], None
    sims = _similarity_matrix(texts, open_, like)
    # A punctuated sentence joins a headline group only as a near-exact copy ("Headline.").
    both_open = open_[:, None] & open_[None, :]
    adjacent = (sims >= threshold) & (both_open | (sims >= CLOSED_COPY_SIMILARITY))
    if adjacent.sum() == len(texts):
        return [], None  # only the diagonal: no copies (the usual article)
    in_head = [u.head for u in candidates] + [True] * (title_index is not None)

    removals: list[Removal] = []
    headline: Span | None = None
    headline_texts: list[str] = []
    for group in _groups(adjacent):
        members = [i for i in group if i != title_index]
        if not members or len(group) < 2:
            continue
        if not any(like[i] for i in members) and title_index not in group:
            continue  # a repeated punctuated sentence: body text, kept
        if not any(in_head[i] for i in group):
            continue  # lines repeated only near the end: a list in the body, not a headline
        for i in members:
            unit = candidates[i]
            best_match = max(sims[i, j] for j in group if j != i)
            removals.append(Removal(unit.start, unit.end, "headline", round(float(best_match), 4)))
        best = _representative(texts, members, sims)
        if headline is None or candidates[best].start < headline[0]:
            headline = (candidates[best].start, candidates[best].end)
        headline_texts.append(texts[best])
    if title_index is not None:
        headline_texts.append(texts[title_index])

    removed_spans = {(r.start, r.end) for r in removals}
    remaining = [u for u in units if (u.start, u.end) not in removed_spans]
    for text in headline_texts:
        removals += _run_in_copies(view, remaining, text, threshold)
    return removals, headline


def _groups(adjacent: np.ndarray) -> list[list[int]]:
    """Connected components of a symmetric boolean adjacency matrix, in order of first member."""
    _, labels = connected_components(adjacent, directed=False)
    members: dict[int, list[int]] = {}
    for node, label in enumerate(labels.tolist()):
        members.setdefault(label, []).append(node)
    return sorted(members.values())


def _representative(texts: Sequence[str], members: Sequence[int], sims: np.ndarray) -> int:
    """The copy to report: not truncated, not in capitals, most like the others, earliest."""

    def rank(i: int) -> tuple[bool, bool, float, int]:
        text = texts[i]
        shouting = text.upper() == text and text.lower() != text
        mean = float(np.mean([sims[i, j] for j in members if j != i])) if len(members) > 1 else 1.0
        return (bool(ELLIPSIS.search(text)), shouting, -mean, i)

    return min(members, key=rank)


def _run_in_copies(view: str, units: list[_Unit], headline: str, threshold: float) -> list[Removal]:
    """Cut a headline copy off the start of units that begin with the headline's first words."""
    head_keys = [key for key in _word_keys(headline) if key]
    size = len(head_keys)
    if size < MIN_HEADLINE_WORDS:
        return []
    removals: list[Removal] = []
    similarity: Similarity | None = None
    for unit in units:
        window = view[unit.start : min(unit.end, unit.start + RUN_IN_WINDOW_CHARS)]
        if _word_keys(window, limit=2) != head_keys[:2]:
            continue  # the common case, decided without finding word spans
        # At most MAX_RUN_IN_COPIES copies are cut, so only their words are ever read.
        reach = MAX_RUN_IN_COPIES * (size + COPY_LENGTH_SLACK_WORDS) + 2  # + the 2 words that start a copy
        words = [(m.start(), m.end()) for m in islice(_TOKEN.finditer(view, unit.start, unit.end), reach)]
        position = 0
        for _ in range(MAX_RUN_IN_COPIES):
            if len(words) - position <= size // 2:
                break
            if _word_keys(" ".join(view[a:b] for a, b in words[position : position + 2])) != head_keys[:2]:
                break
            slack = COPY_LENGTH_SLACK_WORDS
            lengths = list(range(max(MIN_HEADLINE_WORDS, size - slack), min(size + slack, len(words) - position) + 1))
            if not lengths:
                break
            spans = [(words[position][0], words[position + n - 1][1]) for n in lengths]
            if similarity is None:
                similarity = Similarity([headline, window])
            plain = similarity.cosines([(headline, view[a:b]) for a, b in spans])
            best = int(np.argmax(plain))
            value = _copy_similarity(similarity, view[spans[best][0] : spans[best][1]], headline, plain[best])
            if value < max(threshold, RUN_IN_COPY_SIMILARITY) or _continues(view, spans[best][1], unit.end):
                break
            removals.append(Removal(spans[best][0], spans[best][1], "headline", round(value, 4)))
            position += lengths[best]
    return removals
