"""TextRank for sentences (Mihalcea & Tarau 2004, "TextRank: Bringing order into texts", §4).

The edge between two sentences weighs the number of terms they share, normalised by the logs
of their lengths: ``|{w : w ∈ S_i, w ∈ S_j}| / (log |S_i| + log |S_j|)``. Scores are weighted
PageRank with damping 0.85. There are no self-loops (sumy adds them).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .graph import build_graph, pagerank, term_counts, zero_diagonal


def textrank_scores(terms: Sequence[Sequence[str]]) -> np.ndarray:
    """TextRank score of each sentence (sums to 1), given each sentence's index terms."""
    present = term_counts(terms)
    present.data[:] = 1.0
    log_lengths = np.log(np.maximum([len(sentence) for sentence in terms], 1.0)).astype(np.float32)

    def weigh(overlap: np.ndarray, start: int) -> np.ndarray:
        norm = log_lengths[start : start + overlap.shape[0], None] + log_lengths[None, :]
        # Two one-term sentences have norm log 1 + log 1 = 0; their overlap (1) is the weight.
        np.divide(overlap, norm, out=overlap, where=norm > 0)
        return zero_diagonal(overlap, start)

    return pagerank(build_graph(present, weigh))
