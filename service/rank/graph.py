"""Shared pieces of graph ranking: term matrices, blocked sparse similarity, power iteration.

Nothing here loops over sentence pairs in Python: similarities are sparse matrix products,
computed in row blocks and thresholded as they are produced, so memory stays proportional to
the number of edges kept rather than to n².
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer

#: Rows of the similarity matrix computed at a time; bounds the transient dense-ish block.
BLOCK_ROWS = 1024
#: PageRank damping: the probability of following an edge rather than jumping (Brin & Page 1998;
#: Erkan & Radev 2004 and Mihalcea & Tarau 2004 both use 0.85).
DAMPING = 0.85
#: Convergence: stop when the L1 change of the score vector falls below this.
TOLERANCE = 1e-8
MAX_ITERATIONS = 200


def _identity(terms: Sequence[str]) -> Sequence[str]:
    return terms


def term_counts(terms: Sequence[Sequence[str]]) -> sp.csr_matrix:
    """Sentence × term count matrix (CSR, float64) of pre-analysed sentences."""
    if not any(terms):
        return sp.csr_matrix((len(terms), 0), dtype=np.float64)
    vectorizer = CountVectorizer(analyzer=_identity, dtype=np.float64)
    return vectorizer.fit_transform(terms).tocsr()


def l2_normalise_rows(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """Scale every non-zero row to unit Euclidean length (zero rows stay zero)."""
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ matrix)


def thresholded_product(left: sp.csr_matrix, right: sp.csr_matrix, minimum: float) -> sp.csr_matrix:
    """``left @ right.T`` keeping only entries ``>= minimum``, computed block by block."""
    right_t = right.T.tocsc()
    blocks = []
    for start in range(0, left.shape[0], BLOCK_ROWS):
        block = (left[start : start + BLOCK_ROWS] @ right_t).tocsr()
        if minimum > 0:
            block.data[block.data < minimum] = 0.0
            block.eliminate_zeros()
        blocks.append(block)
    if not blocks:
        return sp.csr_matrix((0, right.shape[0]))
    return sp.csr_matrix(sp.vstack(blocks, format="csr"))


def pagerank(weights: sp.csr_matrix, damping: float = DAMPING) -> np.ndarray:
    """Stationary distribution of a random walk on a weighted graph, with uniform teleportation.

    Rows are normalised to transition probabilities; a node without out-edges (dangling) jumps
    uniformly, so the matrix is stochastic and the iteration converges for any graph (sumy's
    LexRank has no damping, which is why it converges poorly on disconnected graphs).

    Returns:
        Scores that sum to 1, one per node.
    """
    n = weights.shape[0]
    if n == 0:
        return np.zeros(0)
    out_weight = np.asarray(weights.sum(axis=1)).ravel()
    dangling = out_weight == 0
    inverse = np.divide(1.0, out_weight, out=np.zeros_like(out_weight), where=~dangling)
    transition_t = sp.csr_matrix((sp.diags(inverse) @ weights).T)
    scores = np.full(n, 1.0 / n)
    for _ in range(MAX_ITERATIONS):
        spread = damping * (transition_t @ scores)
        leaked = 1.0 - spread.sum()  # teleportation plus the mass of dangling nodes
        updated = spread + leaked / n
        if np.abs(updated - scores).sum() < TOLERANCE:
            return updated
        scores = updated
    return scores
