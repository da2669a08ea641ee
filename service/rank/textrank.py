"""TextRank for sentences (Mihalcea & Tarau 2004, "TextRank: Bringing order into texts", §4).

The edge between two sentences weighs the number of terms they share, normalised by the logs
of their lengths: ``|{w : w ∈ S_i, w ∈ S_j}| / (log |S_i| + log |S_j|)``. Scores are weighted
PageRank with damping 0.85. There are no self-loops (sumy adds them).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from .graph import pagerank, products, term_counts, without_diagonal


def textrank_scores(terms: Sequence[Sequence[str]]) -> np.ndarray:
    """TextRank score of each sentence (sums to 1), given each sentence's index terms."""
    present = term_counts(terms)
    present.data[:] = 1.0
    overlap = without_diagonal(products(present, present, 1.0))
    log_lengths = np.log(np.maximum([len(sentence) for sentence in terms], 1.0))
    if isinstance(overlap, np.ndarray):
        norm = log_lengths[:, None] + log_lengths[None, :]
        # Two one-term sentences have norm log 1 + log 1 = 0; their overlap (1) is the weight.
        return pagerank(np.divide(overlap, norm, out=overlap.copy(), where=norm > 0))
    coo = overlap.tocoo()
    norm = log_lengths[coo.row] + log_lengths[coo.col]
    weight = np.divide(coo.data, norm, out=coo.data.copy(), where=norm > 0)
    return pagerank(sp.csr_matrix((weight, (coo.row, coo.col)), shape=overlap.shape))
