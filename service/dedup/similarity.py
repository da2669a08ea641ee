"""Similarity of short texts: cosine of TF-IDF vectors over character n-grams (scikit-learn).

One measure for every copy test of the project (in-article headline stripping now; cross-article
headline dedup builds on it): character n-grams inside word boundaries are robust to case,
punctuation, suffixes and small edits. Texts are compared through their ``matching_key``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from ..text.normalise import matching_key
from ..text.shape import ELLIPSIS

#: Character n-grams inside word boundaries: robust to case, punctuation and small edits.
NGRAM_RANGE = (2, 4)
#: Shorter strings are not aligned against the ends of longer ones: too few n-grams to judge ...
MIN_ALIGNED_CHARS = 10
#: ... nor against strings more than this many times longer (a copy cut to under a quarter of
#: the headline no longer identifies it).
MAX_ALIGN_RATIO = 4
# What separates an addition from a headline copy: "Headline - Reuters", "UPDATE 1-Headline".
_SEPARATORS = frozenset("-|:/·•([")
#: How far from the aligned cut (in characters) the separator may stand: small edits shift it.
SEPARATOR_WINDOW = 4


class Similarity:
    """Cosine similarity of TF-IDF character n-gram vectors, fitted on one document's candidates.

    Every method vectorises all its strings in one call: scikit-learn's fixed cost per call
    (input validation) is larger than the work on a few short strings.
    """

    def __init__(self, corpus: Sequence[str]) -> None:
        self._vectorizer = TfidfVectorizer(
            analyzer="char_wb", ngram_range=NGRAM_RANGE, sublinear_tf=True, dtype=np.float64
        )
        keys = [matching_key(text) for text in corpus] or ["."]
        # The corpus's own vectors are kept: most compared strings are corpus texts.
        self._matrix = self._vectorizer.fit_transform(keys)
        self._row_of: dict[str, int] = {}
        for row, key in enumerate(keys):
            self._row_of.setdefault(key, row)

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
        """:meth:`aligned` and :meth:`cosines` of each pair, from one vectorisation."""
        left: list[str] = []
        right: list[str] = []
        owner: list[int] = []
        for index, (a, b) in enumerate(pairs):
            a, b = matching_key(a), matching_key(b)
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
        keys = [matching_key(text) for text in (*left, *right)]
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


def _aligned_ends(a: str, b: str) -> list[tuple[str, str]]:
    """The (shorter, same-length end of the longer) pairs worth comparing for two matching keys.

    A truncated copy (ending with an ellipsis) is compared with the start of the other. Without
    the ellipsis, the longer must have a *delimited* addition — a separator next to the cut, as
    in "Headline | Kompas.com" or "UPDATE 1-Headline" — so that a sub-heading that repeats the
    first or last words of the headline ("2. Membakar Kalori") is not taken for a copy.
    """
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    truncated = bool(ELLIPSIS.search(short))
    short = ELLIPSIS.sub("", short).rstrip()
    size = len(short)
    if not (MIN_ALIGNED_CHARS <= size < len(long) and size * MAX_ALIGN_RATIO >= len(long)):
        return []

    def separated(cut: int) -> bool:
        return not _SEPARATORS.isdisjoint(long[max(0, cut - SEPARATOR_WINDOW) : cut + SEPARATOR_WINDOW])

    pairs = []
    if truncated or separated(size):
        pairs.append((short, long[:size]))
    if not truncated and separated(len(long) - size):
        pairs.append((short, long[-size:]))
    return pairs
