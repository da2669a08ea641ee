"""Shared pieces of graph ranking: similarity graphs and PageRank.

Nothing here loops over sentence pairs in Python. Small documents (the usual news article) use
dense numpy arrays and solve PageRank exactly, because scipy.sparse and iterative solvers pay a
fixed cost per operation that dominates on a few dozen sentences. Long documents compute the
products in row blocks and keep each sentence's strongest edges, so memory stays proportional
to n rather than n², and use sparse power iteration.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeAlias

import numpy as np
import scipy.sparse as sp

Graph: TypeAlias = np.ndarray | sp.csr_matrix
#: Sentence × term matrices: dense for small documents (see ``vectors.term_counts``), CSR otherwise.
Vectors: TypeAlias = np.ndarray | sp.csr_matrix

#: Up to this many sentences, graphs are dense and PageRank is solved directly (an n×n solve
#: costs less than sparse power iteration below a few hundred nodes; docs/PERFORMANCE.md).
DENSE_MAX_NODES = 300
#: ... and the sentence × term matrix is multiplied densely up to this many cells (numpy's
#: matrix product beats a sparse one while the dense operands are this small).
DENSE_MAX_CELLS = 50_000
#: Rows of the similarity matrix computed at a time: a block of 64 rows × 10,000 sentences is
#: 2.5 MB of float32, with its temporaries ~20 MB, transient. Smaller than 128 rows both lowers a
#: 1 MiB request's peak (TextRank's graph +36 → +22 MB) and runs faster (the temporaries stay
#: in cache: 427 → 287 ms); 32 gains nothing more.
BLOCK_ROWS = 64
#: ... or more rows while a block stays under this many cells (1 MB of float32): a mid-sized
#: document then takes a few larger blocks, where each block's fixed cost (the sparse product's
#: setup, the numpy calls of pruning) would otherwise show. Graph time at 500 / 1,000 / 2,000
#: sentences (TextRank): 3.2 / 9.6 / 26.1 ms in 64-row blocks, 2.2 / 8.2 / 25.0 ms in blocks of
#: 512 / 256 / 128 rows; from ~4,000 sentences on it is 64 rows again, as above.
BLOCK_CELLS = 1 << 18
#: Edges kept per sentence in large graphs (its strongest): bounds the graph at n × 100 edges
#: (8,400 sentences at the 1 MiB limit: 840,000 edges, ~10 MB). A sentence's score depends on
#: its strongest links; a hundred is far more than any summary-relevant neighbourhood.
MAX_EDGES_PER_NODE = 100
#: PageRank damping: the probability of following an edge rather than jumping (Brin & Page 1998;
#: Erkan & Radev 2004 and Mihalcea & Tarau 2004 both use 0.85).
DAMPING = 0.85
#: Power iteration stops when the L1 change of the score vector falls below this ...
TOLERANCE = 1e-10
#: ... or after this many steps (the error shrinks by the damping factor at each step).
MAX_ITERATIONS = 200


Weigh = Callable[[np.ndarray, int], np.ndarray]


def build_graph(features: Vectors, weigh: Weigh) -> Graph:
    """The weighted sentence graph from the products ``features @ features.T``.

    Args:
        features: one row per sentence.
        weigh: turns a block of products (rows ``start …`` of the full matrix, all columns) into
            edge weights, zero where there is no edge; it must handle the diagonal itself.

    Small documents get a dense matrix. Larger ones are built in blocks of rows (``BLOCK_ROWS``,
    more for mid-sized documents: ``BLOCK_CELLS``) and keep each sentence's
    ``MAX_EDGES_PER_NODE`` strongest edges, so that memory is bounded by n × MAX_EDGES_PER_NODE
    whatever the text (a text that repeats one sentence would otherwise make every pair an
    edge). Ties at a crowded row's cut are broken towards earlier sentences, so that exactly
    ``MAX_EDGES_PER_NODE`` edges survive even when many weights are equal.
    """
    n, width = features.shape
    if isinstance(features, np.ndarray):
        if n <= DENSE_MAX_NODES:
            return weigh(features @ features.T, 0)
        features = sp.csr_matrix(features)
    if n <= DENSE_MAX_NODES:
        dense = features.toarray() @ features.toarray().T if n * width <= DENSE_MAX_CELLS else (features @ features.T).toarray()
        return weigh(np.asarray(dense), 0)
    # Blocks in float32: half the memory and time; the walk itself runs in float64.
    features = features.astype(np.float32)
    # The transpose as CSR: scipy multiplies CSR by CSR, and would convert a CSC operand (the
    # transpose's natural form) again for every block.
    features_t = features.T.tocsr()
    # The CSR arrays are built directly, block by block in row order (a COO detour would copy
    # and sort every edge several times: the largest transient of a 1 MiB request).
    row_lengths: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    values: list[np.ndarray] = []
    rows_per_block = max(BLOCK_ROWS, BLOCK_CELLS // n)
    for start in range(0, n, rows_per_block):
        block = weigh(np.asarray((features[start : start + rows_per_block] @ features_t).toarray()), start)
        edge = block > 0
        row_edges = _row_counts(edge)
        crowded = np.flatnonzero(row_edges > MAX_EDGES_PER_NODE)
        if crowded.size:
            edge[crowded] = _strongest(block[crowded])
            row_edges[crowded] = MAX_EDGES_PER_NODE
        # Row-major (sorted by row, then column); flatnonzero is several times faster than a 2-D nonzero.
        flat = np.flatnonzero(edge)
        row_lengths.append(row_edges)
        cols.append((flat % n).astype(np.int32))
        values.append(block.ravel()[flat])
    indptr = np.concatenate([[0], np.cumsum(np.concatenate(row_lengths))]).astype(np.int32)
    weights = np.concatenate(values).astype(np.float64)
    return sp.csr_matrix((weights, np.concatenate(cols), indptr), shape=(n, n))


def _row_counts(mask: np.ndarray) -> np.ndarray:
    """``np.count_nonzero(mask, axis=1)``, about 5× faster: the booleans summed as bytes into
    the narrowest integer that holds a row's count (numpy's boolean count casts each to intp)."""
    dtype = np.uint16 if mask.shape[1] <= np.iinfo(np.uint16).max else np.int64
    counts: np.ndarray = np.add.reduce(mask.view(np.uint8), axis=1, dtype=dtype).astype(np.int64)
    return counts


def _strongest(rows: np.ndarray) -> np.ndarray:
    """Which ``MAX_EDGES_PER_NODE`` edges of each row to keep: those above the row's k-th
    strongest weight, and as many of those equal to it as fit, earliest first.

    The k-th weight is found by a float32 sort: numpy's SIMD sort beats ``np.partition``, whose
    selection degrades on the many equal zeros of a sparse row (4× slower on the 1 MiB input's
    LexRank graph). The rows are crowded (more than k edges), so each cut is a positive weight
    and a weight at or above it is an edge.
    """
    cut = np.sort(rows, axis=1)[:, -MAX_EDGES_PER_NODE, None]
    keep = rows >= cut
    tied = np.flatnonzero(_row_counts(keep) > MAX_EDGES_PER_NODE)
    if tied.size:  # equal weights at the cut: earlier sentences first
        tied_rows, at_cut = rows[tied], cut[tied]
        above = tied_rows > at_cut
        equal = tied_rows == at_cut
        wanted = MAX_EDGES_PER_NODE - _row_counts(above)
        keep[tied] = above | (equal & (np.cumsum(equal, axis=1, dtype=np.int32) <= wanted[:, None]))
    return keep


def zero_diagonal(block: np.ndarray, start: int) -> np.ndarray:
    """Remove self-loops from a block of rows ``start …`` of a square matrix (in place)."""
    diagonal = np.arange(block.shape[0])
    block[diagonal, diagonal + start] = 0.0
    return block


def pagerank(weights: Graph, damping: float = DAMPING, teleport: np.ndarray | None = None) -> np.ndarray:
    """Stationary distribution of a damped random walk on a weighted graph.

    Rows are normalised to transition probabilities. With probability ``1 - damping`` (and
    always from a node without out-edges) the walk jumps to a node drawn from ``teleport``:
    uniform for plain PageRank, or a prior for personalised PageRank (Haveliwala 2002; biased
    LexRank, Otterbacher et al. 2005). The chain is irreducible, so the result is unique for
    any graph (sumy's LexRank has no damping and converges poorly on disconnected graphs).

    Returns:
        Scores that sum to 1, one per node.
    """
    n = weights.shape[0]
    if n == 0:
        return np.zeros(0)
    jump = np.full(n, 1.0 / n) if teleport is None else np.asarray(teleport, dtype=np.float64) / np.sum(teleport)
    if isinstance(weights, np.ndarray):
        return _pagerank_dense(weights, damping, jump)
    out_weight = np.asarray(weights.sum(axis=1)).ravel()
    dangling = out_weight == 0
    inverse = np.divide(1.0, out_weight, out=np.zeros_like(out_weight), where=~dangling)
    # The transpose as a CSC view of the CSR transition matrix, not a converted copy (one copy
    # of the graph less at the request's peak): scipy's CSC product adds each row's terms in
    # the same order as a CSR copy's would, so the scores are the same to the bit.
    transition_t = (sp.diags(inverse) @ weights).T
    scores = jump.copy()
    for _ in range(MAX_ITERATIONS):
        spread: np.ndarray = damping * (transition_t @ scores)
        updated: np.ndarray = spread + (1.0 - spread.sum()) * jump  # teleportation plus the dangling nodes' mass
        if np.abs(updated - scores).sum() < TOLERANCE:
            return updated
        scores = updated
    return scores


def _pagerank_dense(weights: np.ndarray, damping: float, jump: np.ndarray) -> np.ndarray:
    """Exact PageRank of a small graph: solve ``(I - d·Pᵀ) p = (1 - d)·jump``, dangling rows jumping."""
    n = weights.shape[0]
    out_weight = weights.sum(axis=1)
    linked = out_weight > 0
    if linked.all():  # the usual case: no dangling row, no copies and masks
        transition = weights / out_weight[:, None]
    else:
        transition = np.tile(jump, (n, 1))
        transition[linked] = weights[linked] / out_weight[linked, None]
    scores: np.ndarray = np.linalg.solve(np.eye(n) - damping * transition.T, (1.0 - damping) * jump)
    normalised: np.ndarray = scores / scores.sum()
    return normalised
