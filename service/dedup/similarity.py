"""Similarity of short texts: cosine of TF-IDF vectors over character n-grams (scikit-learn).

One measure for every copy test of the project (in-article headline stripping now; cross-article
headline dedup builds on it): character n-grams inside word boundaries are robust to case,
punctuation, suffixes and small edits. Texts are compared through their ``matching_key``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from ..text.normalise import matching_key
from ..text.shape import ELLIPSIS, IDEOGRAPH, is_open
from .publishers import without_publisher

#: Character n-grams inside word boundaries: robust to case, punctuation and small edits.
NGRAM_RANGE = (2, 4)
#: Shorter strings are not aligned against the ends of longer ones: too few n-grams to judge ...
MIN_ALIGNED_CHARS = 10
#: ... or, from a kana or CJK ideograph (a word each: "北京宣布新的公共…" is cut after four
#: words), than this many characters ...
MIN_IDEOGRAPHIC_CHARS = 5
#: ... nor against strings more than this many times longer (a copy cut to under a quarter of
#: the headline no longer identifies it).
MAX_ALIGN_RATIO = 4
#: What separates an addition from a headline copy, in matching keys (dashes are "-" there):
#: "Headline - Reuters", "UPDATE 1-Headline".
SEPARATORS = frozenset("-|:/·•([")
#: An ellipsis, then a publisher's suffix: a separator between spaces and a few words, a domain
#: name perhaps ("… | kompas.com"), not a sentence (group 2 starts after the ellipsis).
_CUT_THEN_SUFFIX = re.compile(r"(\.\.\.|…)( [-|:–—·•] [^!?…]{0,39}[^.!?…\s])$")
#: How far from the aligned cut (in characters) the separator may stand: small edits shift it.
SEPARATOR_WINDOW = 4
#: A label before a separator at the start of a copy ("update 2-", "breaking: ", "kompas.com - "):
#: up to three words, none holding a separator.
_LABEL_PREFIX = re.compile(r"[^\s|:/·•-]+(?: [^\s|:/·•-]+){0,2} ?[-|:/·•] ?")


#: Pairs compared in one vectorisation by :meth:`Similarity.aligned_and_whole` (with their aligned
#: ends, a few thousand sparse rows: a few MB).
PAIRS_PER_CHUNK = 2048
#: Corpora of at most this many texts (one article's candidates, a few glued copies) are
#: vectorised by :class:`SmallTfidf`, in plain Python: scikit-learn's fixed cost per call (about
#: 3 ms for fit_transform, mostly input validation) dwarfs the work on a dozen short strings.
MAX_SMALL_CORPUS = 64


def vectorizer() -> TfidfVectorizer:
    """The definition of the measure: scikit-learn's TF-IDF over character n-grams inside word
    boundaries, sublinear term frequencies, smoothed idf, unit-length rows."""
    return TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAM_RANGE, sublinear_tf=True, dtype=np.float64)


def char_wb_ngrams(text: str) -> list[str]:
    """The n-grams scikit-learn's ``char_wb`` analyzer gives for ``text`` (lower-cased), in its order.

    Each word, padded with a space on both sides, gives its n-grams for n in ``NGRAM_RANGE``; a
    padded word no longer than n gives itself once and no longer n-grams.
    """
    return [gram for word in text.lower().split() for gram in _word_ngrams(word)]


def _word_ngrams(word: str) -> list[str]:
    low, high = NGRAM_RANGE
    padded = f" {word} "
    size = len(padded)
    grams: list[str] = []
    for n in range(low, high + 1):
        if size <= n:
            grams.append(padded)
            break
        grams += [padded[offset : offset + n] for offset in range(size - n + 1)]
    return grams


class SmallTfidf:
    """The vectors :func:`vectorizer` gives, for a small corpus, as {n-gram: weight} dicts.

    Fitted on ``keys``: idf is ``ln((1 + n) / (1 + df)) + 1``; a text's weights are
    ``(1 + ln tf) * idf`` over the n-grams of the fitted vocabulary, scaled to unit length.
    tests/test_similarity.py checks the similarities against scikit-learn's. A word's n-grams
    are made once per corpus: copies of a headline repeat the same words.
    """

    def __init__(self, keys: Sequence[str]) -> None:
        self._grams_of: dict[str, list[str]] = {}
        self._set_of: dict[str, frozenset[str]] = {}
        self._words = [key.lower().split() for key in keys]
        frequencies: Counter[str] = Counter()
        for words in self._words:  # document frequencies need each text's set of n-grams only
            frequencies.update(set().union(*(self._gram_set(word) for word in words)))
        self._frequencies = frequencies  # idf is computed for the n-grams of the vectors asked for only
        self._size = len(keys) + 1
        self._rows: dict[int, dict[str, float]] = {}

    def _grams(self, word: str) -> list[str]:
        grams = self._grams_of.get(word)
        if grams is None:
            grams = self._grams_of[word] = _word_ngrams(word)
        return grams

    def _gram_set(self, word: str) -> frozenset[str]:
        grams = self._set_of.get(word)
        if grams is None:
            grams = self._set_of[word] = frozenset(self._grams(word))
        return grams

    def _counts(self, words: Sequence[str]) -> Counter[str]:
        everything: list[str] = []
        for word in words:
            everything += self._grams(word)
        return Counter(everything)

    def row(self, index: int) -> dict[str, float]:
        """The vector of the ``index``-th fitted text (weighed when first asked for: most are not)."""
        if index not in self._rows:
            self._rows[index] = self._weights(self._counts(self._words[index]))
        return self._rows[index]

    def transform(self, text: str) -> dict[str, float]:
        return self._weights(self._counts(text.lower().split()))

    def _weights(self, counts: Counter[str]) -> dict[str, float]:
        frequencies, size, log = self._frequencies, self._size, math.log
        weights = {
            gram: (1.0 + log(count)) * (log(size / (frequencies[gram] + 1)) + 1.0)
            for gram, count in counts.items()
            if gram in frequencies
        }
        norm = math.sqrt(sum(value * value for value in weights.values()))
        return {gram: value / norm for gram, value in weights.items()} if norm > 0 else weights


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(b) < len(a):
        a, b = b, a
    return sum(value * b[gram] for gram, value in a.items() if gram in b)


class Similarity:
    """Cosine similarity of TF-IDF character n-gram vectors, fitted on one document's candidates.

    Every method vectorises all its strings in one call: scikit-learn's fixed cost per call
    (input validation) is larger than the work on a few short strings; a small corpus (one
    article's candidates) is vectorised by :class:`SmallTfidf` instead, to the same values.
    """

    def __init__(self, corpus: Sequence[str]) -> None:
        #: Each text's matching key, made once: the same texts come back in pairs and aligned ends.
        self._key_of: dict[str, str] = {}
        keys = [self._key(text) for text in corpus] or ["."]
        self._row_of: dict[str, int] = {}
        for row, key in enumerate(keys):
            self._row_of.setdefault(key, row)
        self._small = SmallTfidf(keys) if len(keys) <= MAX_SMALL_CORPUS else None
        if self._small is not None:
            return
        self._vectorizer = vectorizer()
        # The corpus's own vectors are kept: most compared strings are corpus texts.
        self._matrix = self._vectorizer.fit_transform(keys)

    def _key(self, text: str) -> str:
        key = self._key_of.get(text)
        if key is None:
            key = self._key_of[text] = matching_key(text)
        return key

    def cosines(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Whole-string cosine similarity of each pair."""
        if not pairs:
            return np.zeros(0)
        return self._paired([a for a, _ in pairs], [b for _, b in pairs])

    def aligned(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Similarity of each pair: the best of the whole strings and of the shorter against the
        same-length start and end of the longer.

        A truncated copy ("Call centre users…") is a prefix of the headline; a suffixed copy
        ("Headline - Reuters") or a prefixed one ("UPDATE 1-Headline") contains it at one end.
        The ellipsis is dropped before aligning so that it does not count as a difference.
        """
        return self.aligned_and_whole(pairs)[0]

    def aligned_and_whole(self, pairs: Sequence[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`aligned` and :meth:`cosines` of each pair, from one vectorisation.

        Pairs are compared ``PAIRS_PER_CHUNK`` at a time: each pair's strings and aligned ends
        become sparse rows, so memory grows with the chunk, not with the request (the weights
        were fixed by the corpus: chunks give the same numbers).
        """
        if len(pairs) <= PAIRS_PER_CHUNK:
            return self._aligned_and_whole(pairs)
        starts = range(0, len(pairs), PAIRS_PER_CHUNK)
        parts = [self._aligned_and_whole(pairs[start : start + PAIRS_PER_CHUNK]) for start in starts]
        return np.concatenate([best for best, _ in parts]), np.concatenate([whole for _, whole in parts])

    def _aligned_and_whole(self, pairs: Sequence[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray]:
        left: list[str] = []
        right: list[str] = []
        owner: list[int] = []
        for index, (a, b) in enumerate(pairs):
            a, b = self._key(a), self._key(b)
            left.append(a)
            right.append(b)
            owner.append(index)
            for end_piece in _aligned_ends(a, b):
                left.append(end_piece[0])
                right.append(end_piece[1])
                owner.append(index)
        if not pairs:
            return np.zeros(0), np.zeros(0)
        values = self._paired(left, right)
        owners = np.asarray(owner)
        best = np.zeros(len(pairs))
        np.maximum.at(best, owners, values)
        first = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])  # each pair's whole-string entry comes first
        return best, values[first]

    def _paired(self, left: Sequence[str], right: Sequence[str]) -> np.ndarray:
        # Each distinct key is vectorised once: across many pairs (cross-article dedup) the same
        # headline recurs in most of its candidate pairs.
        keys = [self._key(text) for text in (*left, *right)]
        if self._small is not None:
            return self._small_paired(keys, len(left))
        row_of = dict(self._row_of)
        known = self._matrix.shape[0]
        new_keys: list[str] = []

        def row(key: str) -> int:
            if key not in row_of:
                row_of[key] = known + len(new_keys)
                new_keys.append(key)
            return row_of[key]

        rows = np.fromiter((row(key) for key in keys), dtype=np.intp, count=len(keys))
        vectors = sparse.vstack([self._matrix, self._vectorizer.transform(new_keys)]).tocsr() if new_keys else self._matrix
        size = len(left)
        return np.asarray(vectors[rows[:size]].multiply(vectors[rows[size:]]).sum(axis=1)).ravel()  # rows are unit length

    def _small_paired(self, keys: Sequence[str], size: int) -> np.ndarray:
        assert self._small is not None
        small, row_of = self._small, self._row_of
        vectors: dict[str, dict[str, float]] = {}
        for key in keys:
            if key not in vectors:
                vectors[key] = small.row(row_of[key]) if key in row_of else small.transform(key)
        return np.fromiter((_dot(vectors[a], vectors[b]) for a, b in zip(keys[:size], keys[size:], strict=True)), float, size)


def cut_before_suffix(key: str) -> str:
    """A copy cut short and then suffixed ("telegraph newspapers axe... - reuters") as the cut copy
    alone: the suffix is the publisher's, and the cut is what is compared with the headline."""
    found = _CUT_THEN_SUFFIX.search(key)
    return key[: found.start(2)] if found else key


def _aligned_ends(a: str, b: str) -> list[tuple[str, str]]:
    """The (shorter, same-length end of the longer) pairs worth comparing for two matching keys.

    Copies are also compared without a known publisher's suffix ("Headline - Reuters"). A
    truncated copy (ending with an ellipsis) is compared with the start of the other, and so is
    what follows a label at its start ("UPDATE 2-Headline cut…", cut at both ends). Without the
    ellipsis, the longer must have a *delimited* addition — a separator next to the cut, as in
    "Headline | Kompas.com" or "UPDATE 1-Headline" — so that a sub-heading that repeats the
    first or last words of the headline ("2. Membakar Kalori") is not taken for a copy.
    """
    a, b = cut_before_suffix(a), cut_before_suffix(b)
    pairs = [*_labelled_cut(a, b), *_labelled_cut(b, a)]
    bare = without_publisher(a), without_publisher(b)
    if bare != (a, b):  # "x - reuters" is x: an edited copy's suffix is not part of its edit
        pairs.append(bare)
    # Shorter without the ellipsis: a Chinese copy cut by two characters is one longer with "...".
    short, long = (a, b) if len(_without_ellipsis(a)) <= len(_without_ellipsis(b)) else (b, a)
    truncated = bool(ELLIPSIS.search(short))
    short = _without_ellipsis(short)
    size = len(short)
    shortest = MIN_IDEOGRAPHIC_CHARS if IDEOGRAPH.match(short) else MIN_ALIGNED_CHARS
    if not (shortest <= size < len(long) and size * MAX_ALIGN_RATIO >= len(long)):
        return pairs

    def separated(cut: int) -> bool:
        return not SEPARATORS.isdisjoint(long[max(0, cut - SEPARATOR_WINDOW) : cut + SEPARATOR_WINDOW])

    if truncated or separated(size):
        pairs.append((short, long[:size]))
    if not truncated and separated(len(long) - size):
        pairs.append((short, long[-size:]))
    return pairs


def _without_ellipsis(key: str) -> str:
    return ELLIPSIS.sub("", key).rstrip()


def _labelled_cut(cut: str, whole: str) -> list[tuple[str, str]]:
    """``cut`` without its label and ellipsis, against the same-length start of ``whole``, when
    ``cut`` is a labelled copy cut short ("update 2-telegraph newspapers axe...") and ``whole``
    is a headline, open and not cut (a sentence that starts with the same words is body text:
    "Ayam Geprek Mas Eko Kejontoran … Hai!")."""
    label = _LABEL_PREFIX.match(cut)
    if label is None or not ELLIPSIS.search(cut) or ELLIPSIS.search(whole) or not is_open(whole):
        return []
    rest = _without_ellipsis(cut[label.end() :])
    if not (MIN_ALIGNED_CHARS <= len(rest) < len(whole) and len(rest) * MAX_ALIGN_RATIO >= len(whole)):
        return []
    return [(rest, whole[: len(rest)])]
