"""Repeated syndication headlines and repeated lines, found by TF-IDF cosine similarity.

A scraped or syndicated article often carries its headline more than once: pasted twice, with
a publisher suffix, in capitals, cut short with an ellipsis, slightly edited, or run into the
first sentence when line breaks were lost. Such copies are *short* units with no closing
sentence punctuation that *nearly repeat* each other, near the top or the bottom of the text.

How it works (all spans are offsets of the processing view, hence of the input):

1. Units: a short line (at most ``MAX_HEADLINE_WORDS`` words) is one unit; a longer line gives
   one unit per sentence. Units near the top or bottom whose words repeat straight away
   ("Headline Headline Body…") are split at the repetition.
2. Candidates: short units among the first ``HEAD_UNITS`` and last ``TAIL_UNITS`` units, plus
   the client's ``title``, are vectorised with TF-IDF over character n-grams (robust to case,
   punctuation, suffixes and small edits). Two candidates are copies when their cosine
   similarity — of the whole strings, or of the shorter against the start or end of the longer
   (truncation, suffixes, prefixes) — reaches the threshold.
3. A group of copies (or any copy of the title) containing at least one *open* unit (no closing
   sentence punctuation, or a truncation ellipsis) is a headline: every copy goes, the first
   group is reported. A group of punctuated sentences is a repeated body sentence: it stays.
4. A headline (or title) that starts a longer sentence — a line break lost — is cut off it.
5. Later copies of a whole line that repeats an earlier punctuated line of six words or more
   (same matching key) are dropped; short or open lines repeat legitimately in lists.

A real body sentence is never removed by steps 2–4: it is either long, punctuated, or does not
repeat. Work is bounded: only a few dozen candidates are compared, whatever the input size.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import TfidfVectorizer

from .text.normalise import matching_key

Span = tuple[int, int]
Reason = Literal["headline", "duplicate"]

#: Headlines are short: news headlines run 5–15 words; 30 leaves room for long Indonesian titles
#: and suffixes while staying well below a typical body paragraph.
MAX_HEADLINE_WORDS = 30
#: A unit of one word is never a headline copy; two-word headlines ("Markets tumble") exist.
MIN_HEADLINE_WORDS = 2
#: Where headline copies stand: above the body (top) or after it (bottom), counted in units.
HEAD_UNITS = 12
#: A question or exclamation this short can be a headline; longer ones are body sentences.
MAX_QUESTION_WORDS = 15
TAIL_UNITS = 6
#: Character n-grams inside word boundaries: robust to case, punctuation and small edits.
NGRAM_RANGE = (2, 4)
#: Cap on the text used to fit the vectoriser, so that its cost is bounded on huge inputs.
MAX_FIT_CHARS = 20_000
#: Shorter strings are not aligned against the ends of longer ones: too few n-grams to judge.
MIN_ALIGNED_CHARS = 10
#: ... nor against strings more than this many times longer (a copy cut to under a quarter of
#: the headline no longer identifies it).
MAX_ALIGN_RATIO = 4
#: Pairs less alike than this as whole strings are not aligned: a truncated or suffixed copy
#: still shares most of its n-grams (0.45–0.8 on the syndicated dev data), unrelated lines ~0.2.
MIN_ALIGN_COSINE = 0.3
#: Copies that run into each other are adjacent and should agree almost exactly: a strict bar
#: keeps a headline-like phrase that merely recurs inside a sentence from being cut.
RUN_IN_SIMILARITY = 0.8
#: A known headline cut off the start of a longer sentence must match it nearly exactly
#: (whole-string cosine), since the rest of that sentence is body text.
RUN_IN_COPY_SIMILARITY = 0.9
#: Similarity at which a punctuated unit counts as a copy of a headline-like one.
CLOSED_COPY_SIMILARITY = 0.9
#: Repeated lines dropped as duplicates are punctuated sentences of at least this many words:
#: short open lines repeat legitimately (fixture lists, "Winners meet in final match").
MIN_DUPLICATE_WORDS = 6

_TOKEN = re.compile(r"\S+")
_WORD_CHARS = re.compile(r"\w+")
# Closing sentence punctuation, possibly followed by closing quotes or brackets.
_CLOSED = re.compile(r"[.!?。！？؟][\"'”’»)\]]*$")
_ELLIPSIS = re.compile(r"(\.\.\.|…)[\"'”’»)\]]*$")


@dataclass(frozen=True)
class Removal:
    """A span taken out of the text, and why."""

    start: int
    end: int
    reason: Reason
    similarity: float


@dataclass(frozen=True)
class DedupResult:
    """What deduplication removed, and the headline it detected (a span of the input)."""

    removed: tuple[Removal, ...]
    headline: Span | None


@dataclass(frozen=True)
class _Unit:
    start: int
    end: int
    words: int
    #: Among the first ``HEAD_UNITS`` units: every headline group needs a copy up there.
    head: bool


def is_open(text: str) -> bool:
    """True when ``text`` ends like a headline rather than a sentence.

    Headlines carry no full stop; a truncated copy ends with an ellipsis; a short question or
    exclamation ("Can Smith work Scottish wonders?") is a common headline form.
    """
    text = text.rstrip()
    if _ELLIPSIS.search(text) or not _CLOSED.search(text):
        return True
    return text.rstrip("\"'”’»)]").endswith(("?", "!", "？", "！")) and len(text.split()) <= MAX_QUESTION_WORDS


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
        units = _split_run_ins(view, _units(view, lines, sentences_of))
        removals, headline = _headline_removals(view, units, threshold, title)
    removals += _repeated_lines(view, lines, removals)
    removals.sort(key=lambda removal: removal.start)
    return DedupResult(removed=tuple(removals), headline=headline)


def _word_spans(view: str, span: Span) -> list[Span]:
    return [(m.start(), m.end()) for m in _TOKEN.finditer(view, span[0], span[1])]


def _units(view: str, lines: Sequence[Span], sentences_of: Callable[[Span], list[Span]]) -> list[_Unit]:
    """Short lines whole, longer lines sentence by sentence — only in the head and tail regions."""
    units: list[_Unit] = []
    for index, line in enumerate(lines):
        in_region = index < HEAD_UNITS or index >= len(lines) - TAIL_UNITS
        if not in_region:
            continue
        words = len(_word_spans(view, line))
        pieces = [line] if words <= MAX_HEADLINE_WORDS else sentences_of(line)
        for start, end in pieces:
            units.append(_Unit(start, end, len(_word_spans(view, (start, end))), head=len(units) < HEAD_UNITS))
    head, tail = units[:HEAD_UNITS], units[HEAD_UNITS:]
    return head + tail[-TAIL_UNITS:]


def _word_key(view: str, span: Span) -> str:
    return "".join(_WORD_CHARS.findall(matching_key(view[span[0] : span[1]])))


class _Similarity:
    """Cosine similarity of TF-IDF character n-gram vectors, fitted on one document's candidates."""

    def __init__(self, texts: Sequence[str]) -> None:
        corpus = [matching_key(text) for text in texts]
        fit_on, total = [], 0
        for text in corpus:
            if total > MAX_FIT_CHARS:
                break
            fit_on.append(text)
            total += len(text)
        self._vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAM_RANGE, sublinear_tf=True, dtype=np.float32)
        self._vectorizer.fit(fit_on or ["."])

    def pairwise(self, texts: Sequence[str], relevant: np.ndarray) -> np.ndarray:
        """Symmetric matrix of similarities between ``texts`` (diagonal 1).

        Whole-string cosines are computed for all pairs; the costlier :meth:`aligned` ones only
        for pairs of ``relevant`` (headline-like) texts whose cosine is at least
        ``MIN_ALIGN_COSINE``: a punctuated sentence is never a truncated or suffixed headline,
        and aligning it would let a body sentence that starts like the headline join its group.
        """
        vectors = self._vectors(texts)
        matrix = np.asarray((vectors @ vectors.T).toarray(), dtype=np.float64)
        np.fill_diagonal(matrix, 1.0)
        count = len(texts)
        upper = [
            (i, j)
            for i in range(count)
            for j in range(i + 1, count)
            if relevant[i] and relevant[j] and MIN_ALIGN_COSINE <= matrix[i, j] < 1.0
        ]
        values = self.aligned([(texts[i], texts[j]) for i, j in upper])
        for (i, j), value in zip(upper, values, strict=True):
            matrix[i, j] = matrix[j, i] = max(matrix[i, j], value)
        return matrix

    def plain(self, text: str, others: Sequence[str]) -> np.ndarray:
        """Cosine similarity of whole strings: ``text`` against each of ``others``."""
        vectors = self._vectors([text, *others])
        return np.asarray((vectors[1:] @ vectors[0].T).toarray()).ravel()

    def aligned(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Similarity of each pair: the best of the whole strings and of the shorter against the
        same-length start and end of the longer.

        A truncated copy ("Call centre users…") is a prefix of the headline; a suffixed copy
        ("Headline - Reuters") or a prefixed one ("UPDATE 1-Headline") contains it at one end.
        The ellipsis is dropped before aligning so that it does not count as a difference. All
        strings are vectorised in one call: scikit-learn's fixed cost per call dominates here.
        """
        left: list[str] = []
        right: list[str] = []
        owner: list[int] = []
        for index, (a, b) in enumerate(pairs):
            a, b = matching_key(a), matching_key(b)
            left.append(a)
            right.append(b)
            owner.append(index)
            short, long = (a, b) if len(a) <= len(b) else (b, a)
            short = _ELLIPSIS.sub("", short).rstrip()
            if MIN_ALIGNED_CHARS <= len(short) < len(long) and len(short) * MAX_ALIGN_RATIO >= len(long):
                for end_piece in (long[: len(short)], long[-len(short) :]):
                    left.append(short)
                    right.append(end_piece)
                    owner.append(index)
        if not pairs:
            return np.zeros(0)
        vectors = self._vectors(left + right)
        size = len(left)
        sims = np.asarray(vectors[:size].multiply(vectors[size:]).sum(axis=1)).ravel()
        best = np.zeros(len(pairs))
        np.maximum.at(best, np.asarray(owner), sims)
        return best

    def _vectors(self, texts: Sequence[str]) -> sp.csr_matrix:
        """L2-normalised TF-IDF rows of the matching keys of ``texts``."""
        return self._vectorizer.transform([matching_key(text) for text in texts])


def _copy_similarity(similarity: _Similarity, copy: str, reference: str, plain: float) -> float:
    """How surely ``copy`` (cut from the start of a longer unit) repeats ``reference``.

    Only a copy cut short with an ellipsis is judged by alignment; otherwise the whole-string
    cosine decides, so that a body sentence that merely *starts* like the headline ("US actor X
    has been found dead at 87.") never loses its first words.
    """
    if _ELLIPSIS.search(copy):
        return float(similarity.aligned([(copy, reference)])[0])
    return float(plain)


def _split_run_ins(view: str, units: list[_Unit]) -> list[_Unit]:
    """Split units that start with the same words twice ("Headline Headline Body…")."""
    out: list[_Unit] = []
    for unit in units:
        out.extend(_split_repeated_prefix(view, unit))
    return out


def _split_repeated_prefix(view: str, unit: _Unit) -> list[_Unit]:
    """Find ``k`` such that the words at ``k`` and ``k+1`` repeat the first two, then check copies.

    The second copy's length is unknown (it may be cut short or carry a suffix): every length
    from ``MIN_HEADLINE_WORDS`` to ``k + 3`` is tried and the most similar kept, provided that
    the first copy is open (headline-like) and the similarity clears a strict bar of 0.8 — the
    copies are adjacent, so they should agree almost exactly.
    """
    words = _word_spans(view, (unit.start, unit.end))
    keys = [_word_key(view, span) for span in words[: 2 * MAX_HEADLINE_WORDS + 2]]
    for k in range(MIN_HEADLINE_WORDS, min(MAX_HEADLINE_WORDS, len(words) // 2) + 1):
        if k + 1 >= len(keys) or not keys[0] or keys[k] != keys[0] or keys[k + 1] != keys[1]:
            continue
        first = (words[0][0], words[k - 1][1])
        lengths = range(MIN_HEADLINE_WORDS, min(k + 3, len(words) - k) + 1)
        seconds = [(words[k][0], words[k + n - 1][1]) for n in lengths]
        texts = [view[first[0] : first[1]]] + [view[a:b] for a, b in seconds]
        similarity = _Similarity(texts)
        plain = similarity.plain(texts[0], texts[1:])
        best = int(np.argmax(plain))
        if not is_open(texts[0]) or _copy_similarity(similarity, texts[best + 1], texts[0], plain[best]) < RUN_IN_SIMILARITY:
            continue
        second = seconds[best]
        pieces = [_Unit(first[0], first[1], k, unit.head), _Unit(second[0], second[1], lengths[best], unit.head)]
        rest_words = [span for span in words if span[0] >= second[1]]
        if rest_words:
            rest = _Unit(rest_words[0][0], unit.end, len(rest_words), unit.head)
            pieces.extend(_split_repeated_prefix(view, rest))
        return pieces
    return [unit]


def _headline_removals(view: str, units: list[_Unit], threshold: float, title: str | None) -> tuple[list[Removal], Span | None]:
    candidates = [u for u in units if MIN_HEADLINE_WORDS <= u.words <= MAX_HEADLINE_WORDS]
    texts = [view[u.start : u.end] for u in candidates]
    if title and title.strip():
        texts.append(title.strip())
    if len(texts) < 2:
        return [], None
    similarity = _Similarity(texts + [view[u.start : u.end] for u in units])
    open_ = np.array([is_open(text) for text in texts])
    sims = similarity.pairwise(texts, open_)
    # A punctuated sentence joins a headline group only as a near-exact copy ("Headline."): a
    # lede that paraphrases the headline is as alike as a lightly edited copy (0.5–0.8).
    both_open = open_[:, None] & open_[None, :]
    groups = _groups((sims >= threshold) & (both_open | (sims >= CLOSED_COPY_SIMILARITY)))
    title_index = len(candidates) if len(texts) > len(candidates) else None
    in_head = [u.head for u in candidates] + [True]

    removals: list[Removal] = []
    headline: Span | None = None
    headline_texts: list[str] = []
    for group in groups:
        members = [i for i in group if i != title_index]
        with_title = title_index is not None and title_index in group
        if not members or (len(group) < 2):
            continue
        if not with_title and not any(is_open(texts[i]) for i in members):
            continue  # a repeated punctuated sentence: body text, kept
        if not any(in_head[i] for i in group):
            continue  # lines repeated only near the end: a list in the body, not a headline
        for i in members:
            others = [sims[i, j] for j in group if j != i]
            unit = candidates[i]
            removals.append(Removal(unit.start, unit.end, "headline", round(float(max(others)), 4)))
        best = _representative(texts, members, sims)
        if headline is None or candidates[best].start < headline[0]:
            headline = (candidates[best].start, candidates[best].end)
        headline_texts.append(texts[best])
    if title_index is not None:
        headline_texts.append(texts[title_index])

    removed_spans = {(r.start, r.end) for r in removals}
    remaining = [u for u in units if (u.start, u.end) not in removed_spans]
    for text in headline_texts:
        removals += _run_in_copies(view, remaining, text, similarity, threshold)
    return removals, headline


def _groups(adjacent: np.ndarray) -> list[list[int]]:
    """Connected components of a boolean adjacency matrix, each sorted, in order of first member."""
    _, labels = connected_components(sp.csr_matrix(adjacent), directed=False)
    components: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        components.setdefault(int(label), []).append(index)
    return list(components.values())


def _representative(texts: Sequence[str], members: Sequence[int], sims: np.ndarray) -> int:
    """The copy to report: not truncated, not in capitals, most like the others, earliest."""

    def rank(i: int) -> tuple[bool, bool, float, int]:
        text = texts[i]
        shouting = text.upper() == text and text.lower() != text
        mean = float(np.mean([sims[i, j] for j in members if j != i])) if len(members) > 1 else 1.0
        return (bool(_ELLIPSIS.search(text)), shouting, -mean, i)

    return min(members, key=rank)


def _run_in_copies(view: str, units: list[_Unit], headline: str, similarity: _Similarity, threshold: float) -> list[Removal]:
    """Cut a headline copy off the start of units that begin with the headline's first words."""
    head_keys = [_word_key(view, span) for span in _word_spans(headline, (0, len(headline)))]
    head_keys = [key for key in head_keys if key]
    size = len(head_keys)
    if size < MIN_HEADLINE_WORDS:
        return []
    removals: list[Removal] = []
    for unit in units:
        words = _word_spans(view, (unit.start, unit.end))
        position = 0
        while len(words) - position > size // 2:
            keys = [_word_key(view, span) for span in words[position : position + 2]]
            if keys != head_keys[:2]:
                break
            lengths = list(range(max(MIN_HEADLINE_WORDS, size - 3), min(size + 3, len(words) - position) + 1))
            if not lengths:
                break
            spans = [(words[position][0], words[position + n - 1][1]) for n in lengths]
            plain = similarity.plain(headline, [view[a:b] for a, b in spans])
            best = int(np.argmax(plain))
            value = _copy_similarity(similarity, view[spans[best][0] : spans[best][1]], headline, plain[best])
            if value < max(threshold, RUN_IN_COPY_SIMILARITY):
                break
            removals.append(Removal(spans[best][0], spans[best][1], "headline", round(value, 4)))
            position += lengths[best]
    return removals


def _repeated_lines(view: str, lines: Sequence[Span], already: Sequence[Removal]) -> list[Removal]:
    """Later copies of a whole punctuated line whose matching key equals an earlier line's."""
    taken = [(r.start, r.end) for r in already]

    def overlaps(span: Span) -> bool:
        return any(a < span[1] and span[0] < b for a, b in taken)

    seen: set[str] = set()
    removals: list[Removal] = []
    for span in lines:
        if overlaps(span):
            continue
        text = view[span[0] : span[1]]
        if is_open(text) or len(text.split()) < MIN_DUPLICATE_WORDS:
            continue
        key = matching_key(text)
        if key in seen:
            removals.append(Removal(span[0], span[1], "duplicate", 1.0))
        else:
            seen.add(key)
    return removals
