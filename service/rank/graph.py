"""Shared pieces of graph ranking: term matrices, similarity graphs, PageRank.

Nothing here loops over sentence pairs in Python. Small documents (the usual news article) use
dense numpy arrays and solve PageRank exactly, because scipy.sparse and iterative solvers pay a
fixed cost per operation that dominates on a few dozen sentences. Long documents use sparse
products computed in row blocks and thresholded as they are produced, so memory stays
proportional to the number of edges kept rather than to n², and power iteration.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeAlias

import numpy as np
import scipy.sparse as sp

Graph: TypeAlias = np.ndarray | sp.csr_matrix

#: Up to this many sentences, graphs are dense and PageRank is solved directly (an n×n solve
#: costs less than sparse power iteration below a few hundred nodes; docs/PERFORMANCE.md).
DENSE_MAX_NODES = 300
#: ... and the sentence × term matrix is multiplied densely up to this many cells (numpy's
#: matrix product beats a sparse one while the dense operands are this small).
DENSE_MAX_CELLS = 50_000
#: Rows of the similarity matrix computed at a time; bounds the transient block in memory.
BLOCK_ROWS = 1024
#: PageRank damping: the probability of following an edge rather than jumping (Brin & Page 1998;
#: Erkan & Radev 2004 and Mihalcea & Tarau 2004 both use 0.85).
DAMPING = 0.85
#: Power iteration stops when the L1 change of the score vector falls below this ...
TOLERANCE = 1e-10
#: ... or after this many steps (the error shrinks by the damping factor at each step).
MAX_ITERATIONS = 200


def term_counts(terms: Sequence[Sequence[str]]) -> sp.csr_matrix:
    """Sentence × term count matrix (CSR, float64) of pre-analysed sentences.

    Built directly (a vocabulary dict and the CSR arrays): the same matrix as scikit-learn's
    CountVectorizer without its per-call validation cost.
    """
    vocabulary: dict[str, int] = {}
    indices: list[int] = []
    indptr = [0]
    for sentence in terms:
        indices.extend(vocabulary.setdefault(term, len(vocabulary)) for term in sentence)
        indptr.append(len(indices))
    matrix = sp.csr_matrix(
        (np.ones(len(indices)), np.asarray(indices, dtype=np.int32), np.asarray(indptr, dtype=np.int32)),
        shape=(len(terms), len(vocabulary)),
    )
    matrix.sum_duplicates()
    return matrix


def scale_rows_and_columns(matrix: sp.csr_matrix, column_weights: np.ndarray | None = None) -> sp.csr_matrix:
    """Multiply each column by its weight, then scale every non-zero row to unit length.

    Works on the CSR arrays directly (no sparse products), so its cost is a few numpy calls.
    """
    data = matrix.data.copy()
    if column_weights is not None:
        data *= column_weights[matrix.indices]
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    norms = np.sqrt(np.bincount(rows, weights=data * data, minlength=matrix.shape[0]))
    data /= norms[rows]  # a row with data has a positive norm
    return sp.csr_matrix((data, matrix.indices, matrix.indptr), shape=matrix.shape)


def products(left: sp.csr_matrix, right: sp.csr_matrix, minimum: float = 0.0) -> Graph:
    """``left @ right.T`` with entries below ``minimum`` set to zero.

    Dense for small documents; otherwise sparse, computed ``BLOCK_ROWS`` rows at a time.
    """
    if left.shape[0] <= DENSE_MAX_NODES and right.shape[0] <= DENSE_MAX_NODES:
        if max(left.shape[0], right.shape[0]) * left.shape[1] <= DENSE_MAX_CELLS:
            dense = left.toarray() @ right.toarray().T
        else:
            dense = np.asarray((left @ right.T).toarray())
        if minimum > 0:
            dense[dense < minimum] = 0.0
        return dense
    right_t = right.T.tocsc()
    blocks = []
    for start in range(0, left.shape[0], BLOCK_ROWS):
        block = sp.csr_matrix(left[start : start + BLOCK_ROWS] @ right_t)
        if minimum > 0:
            block.data[block.data < minimum] = 0.0
            block.eliminate_zeros()
        blocks.append(block)
    return sp.csr_matrix(sp.vstack(blocks, format="csr"))


def without_diagonal(graph: Graph) -> Graph:
    """The graph with self-loops removed."""
    if isinstance(graph, np.ndarray):
        graph = graph.copy()
        np.fill_diagonal(graph, 0.0)
        return graph
    coo = graph.tocoo()
    keep = coo.row != coo.col
    return sp.csr_matrix((coo.data[keep], (coo.row[keep], coo.col[keep])), shape=graph.shape)


def pagerank(weights: Graph, damping: float = DAMPING) -> np.ndarray:
    """Stationary distribution of a random walk on a weighted graph, with uniform teleportation.

    Rows are normalised to transition probabilities; a node without out-edges (dangling) jumps
    uniformly, so the chain is irreducible and the result unique for any graph (sumy's LexRank
    has no damping, which is why it converges poorly on disconnected graphs).

    Returns:
        Scores that sum to 1, one per node.
    """
    n = weights.shape[0]
    if n == 0:
        return np.zeros(0)
    if isinstance(weights, np.ndarray):
        return _pagerank_dense(weights, damping)
    out_weight = np.asarray(weights.sum(axis=1)).ravel()
    dangling = out_weight == 0
    inverse = np.divide(1.0, out_weight, out=np.zeros_like(out_weight), where=~dangling)
    transition_t = sp.csr_matrix((sp.diags(inverse) @ weights).T)
    scores = np.full(n, 1.0 / n)
    for _ in range(MAX_ITERATIONS):
        spread = damping * (transition_t @ scores)
        updated = spread + (1.0 - spread.sum()) / n  # teleportation plus the dangling nodes' mass
        if np.abs(updated - scores).sum() < TOLERANCE:
            return updated
        scores = updated
    return scores


def _pagerank_dense(weights: np.ndarray, damping: float) -> np.ndarray:
    """Exact PageRank of a small graph: solve ``(I - d·Pᵀ) p = (1 - d)/n`` with dangling rows uniform."""
    n = weights.shape[0]
    out_weight = weights.sum(axis=1)
    transition = np.full((n, n), 1.0 / n)
    linked = out_weight > 0
    transition[linked] = weights[linked] / out_weight[linked, None]
    scores = np.linalg.solve(np.eye(n) - damping * transition.T, np.full(n, (1.0 - damping) / n))
    return scores / scores.sum()
