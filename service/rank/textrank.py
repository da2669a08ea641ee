"""TextRank for sentences (Mihalcea & Tarau 2004, "TextRank: Bringing order into texts", §4).

The edge between two sentences weighs the number of terms they share, normalised by the logs
of their lengths: ``|{w : w ∈ S_i, w ∈ S_j}| / (log |S_i| + log |S_j|)``. Scores are weighted
PageRank with damping 0.85. There are no self-loops (sumy adds them).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from .graph import pagerank, term_counts, thresholded_product


def textrank_scores(terms: Sequence[Sequence[str]]) -> np.ndarray:
    """TextRank score of each sentence (sums to 1), given each sentence's index terms."""
    counts = term_counts(terms)
    present = counts.copy()
    present.data[:] = 1.0
    overlap = thresholded_product(present, present, 1.0).tocoo()
    lengths = np.array([len(sentence) for sentence in terms], dtype=np.float64)
    log_lengths = np.log(np.maximum(lengths, 1.0))
    rows, cols, shared = overlap.row, overlap.col, overlap.data
    off_diagonal = rows != cols
    rows, cols, shared = rows[off_diagonal], cols[off_diagonal], shared[off_diagonal]
    norm = log_lengths[rows] + log_lengths[cols]
    # Two one-term sentences have norm log 1 + log 1 = 0; the overlap itself (1) is the weight.
    weight = np.divide(shared, norm, out=shared.copy(), where=norm > 0)
    n = len(terms)
    return pagerank(sp.csr_matrix((weight, (rows, cols)), shape=(n, n)))
