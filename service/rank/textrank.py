"""TextRank for sentences (Mihalcea & Tarau 2004, "TextRank: Bringing order into texts", §4).

The edge between two sentences weighs the terms they share, normalised by the logs of their
lengths: ``overlap(S_i, S_j) / (log |S_i| + log |S_j|)``. A sentence is a sequence of words, so
a shared term counts as often as it occurs in both (``Σ_w c_i(w)·c_j(w)``, as sumy reads the
formula; counting distinct terms instead scored lower on BBC and higher on IndoSum, see
docs/EVALUATION.md). Scores are weighted PageRank with damping 0.85. There are no self-loops
(sumy adds them).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .graph import Graph, Vectors, build_graph, no_self_loops, pagerank
from .vectors import term_counts


def textrank_scores(
    terms: Sequence[Sequence[str]], *, teleport: np.ndarray | None = None, counts: Vectors | None = None
) -> np.ndarray:
    """TextRank score of each sentence (sums to 1), given each sentence's index terms.

    ``teleport`` is a prior over sentences for the random jumps (personalised PageRank);
    ``counts`` is :func:`term_counts` of ``terms``, if already computed.
    """
    return pagerank(textrank_graph(terms, counts=counts), teleport=teleport)


def textrank_graph(terms: Sequence[Sequence[str]], *, counts: Vectors | None = None, self_loops: bool = False) -> Graph:
    """TextRank's sentence graph (arguments as in :func:`textrank_scores`); ``self_loops`` keeps
    each sentence's overlap with itself, as sumy does."""
    if counts is None:
        counts = term_counts(terms)
    log_lengths = np.log(np.maximum([len(sentence) for sentence in terms], 1.0)).astype(np.float32)

    def weigh(overlap: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        # ``take`` rather than fancy indexing, and a plain division rather than one ``where=norm > 0``
        # (numpy's masked loop): 52 → 35 ms of the 1 MiB input's TextRank graph, the same weights.
        norm = log_lengths.take(rows) + log_lengths.take(cols)
        # Two one-term sentences have norm log 1 + log 1 = 0; their overlap (1) is the weight,
        # as ``overlap / 1`` is to the bit (a norm is 0 or at least log 2, never negative).
        norm[norm == 0] = 1.0
        np.divide(overlap, norm, out=overlap)
        return overlap if self_loops else no_self_loops(overlap, rows, cols)

    return build_graph(counts, weigh)
