"""Shared pieces of graph ranking: similarity graphs and PageRank.

Nothing here loops over sentence pairs in Python. Small documents (the usual news article) use
dense numpy arrays and solve PageRank exactly, because scipy.sparse and iterative solvers pay a
fixed cost per operation that dominates on a few dozen sentences. Long documents compute the
products in row blocks and keep each sentence's strongest edges, so memory stays proportional
to n rather than n², and use sparse power iteration; the products' work has a budget (term
matches, ``MAX_MATCHES``), so that a text whose every pair of sentences shares words (a tiny
vocabulary) costs no more than real news of its length.
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
#: in cache: 427 → 287 ms); 32 gains nothing more. (Pruned pair by pair, ``SPARSE_ROW_SHARE``,
#: blocks of 32 to 256 rows take the same time.)
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
#: A block is pruned pair by pair when its longest row has fewer pairs than this share of the
#: block's width, and as a dense array otherwise: a crowded dense row is sorted at full width, the
#: pairs' route makes a few passes over each pair. Real news is far below the share (at 1 MiB the
#: longest row of a block holds ~1,900 of 8,621 pairs; graph time 380 → 236 ms for LexRank and
#: 520 → 265 ms for TextRank); a text whose every pair shares a word fills its rows, and there the
#: dense route is ~2.5× the faster (docs/PERFORMANCE.md, round 8).
SPARSE_ROW_SHARE = 1 / 3
#: Most term matches a large graph's products may take. A *match* is a term that two sentences
#: share (in order; a sentence and itself too), so a document has ``Σ_t df_t²`` of them: exactly
#: the multiply-adds of ``features @ features.T``, and at least its pairs, which the blocks then
#: weigh and cut. A text of a tiny vocabulary makes every pair of sentences share terms: 10,000
#: sentences of 5-10 words out of 15 have 220 million matches and 100 million pairs (each graph
#: 4-5 s). Past the budget, the terms in the most sentences are left out of the graph, commonest
#: first (:func:`_within_match_budget`). Real news stays well inside it: the 1 MiB documents of
#: BBC, IndoSum and syndicated dev articles (8,621-8,988 sentences) have 6.7 / 4.5 / 6.7 million
#: matches, BBC's 10,000 sentences (1.2 MB, the scaling benchmark's largest) 8.8 million, and no
#: single dev article reaches this path (the longest has 248 sentences).
MAX_MATCHES = 1 << 24
#: ... and at most this many per entry of the sentence × term matrix (a term in a sentence), on
#: average: the mean document frequency of a document's term occurrences, ``Σ df² / Σ df``,
#: 74.7 / 52.2 / 74.7 in the 1 MiB documents above, 86 at 10,000 sentences, 6-17 at 300-1,000.
#: This keeps the graph's work proportional to the words, as every other stage's is, so that a
#: batch of many smaller documents (a budget each, one body limit for all) is bounded like one
#: document: 25 documents of 40 KB, each 2,365 sentences of a 20-word vocabulary, took 0.74 s
#: apiece within the budget above alone.
MAX_MATCHES_PER_ENTRY = 128
#: PageRank damping: the probability of following an edge rather than jumping (Brin & Page 1998;
#: Erkan & Radev 2004 and Mihalcea & Tarau 2004 both use 0.85).
DAMPING = 0.85
#: Power iteration stops when the L1 change of the score vector falls below this ...
TOLERANCE = 1e-10
#: ... or after this many steps (the error shrinks by the damping factor at each step).
MAX_ITERATIONS = 200


#: ``weigh(products, rows, cols)``: the edge weights of sentence pairs from their products, zero
#: where there is no edge (the diagonal included: a ranker that wants no self-loops zeroes it,
#: :func:`no_self_loops`). ``rows`` and ``cols`` are the pairs' sentence indices: one of each per
#: product for a sparse block; for a dense block, a column of its consecutive rows and a row of
#: every column, broadcasting. Element-wise, so that one function weighs both, and may work in place.
Weigh = Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]


def build_graph(features: Vectors, weigh: Weigh) -> Graph:
    """The weighted sentence graph from the products ``features @ features.T``.

    Args:
        features: one row per sentence.
        weigh: turns products into edge weights (see :data:`Weigh`).

    Small documents get a dense matrix. Larger ones are built in blocks of rows (``BLOCK_ROWS``,
    more for mid-sized documents: ``BLOCK_CELLS``) and keep each sentence's
    ``MAX_EDGES_PER_NODE`` strongest edges, so that memory is bounded by n × MAX_EDGES_PER_NODE
    whatever the text (a text that repeats one sentence would otherwise make every pair an
    edge). Ties at a crowded row's cut are broken towards earlier sentences, so that exactly
    ``MAX_EDGES_PER_NODE`` edges survive even when many weights are equal. Only the pairs that
    share a term are weighed (the block's sparse product); which of them survive is decided on the
    block as a dense array or, when its rows are short against the width, on the sparse pairs
    themselves (:func:`_pruned`): either way, the same graph. Before the blocks, a document whose
    products would take more term matches than the budget loses its commonest terms
    (:func:`_within_match_budget`): a text of a tiny vocabulary would otherwise make every pair a
    candidate edge, to weigh and to cut (n² of them).
    """
    n, width = features.shape
    if isinstance(features, np.ndarray):
        if n <= DENSE_MAX_NODES:
            return _weigh_dense(features @ features.T, weigh)
        features = sp.csr_matrix(features)
    if n <= DENSE_MAX_NODES:
        dense = features.toarray() @ features.toarray().T if n * width <= DENSE_MAX_CELLS else (features @ features.T).toarray()
        return _weigh_dense(np.asarray(dense), weigh)
    # Blocks in float32: half the memory and time; the walk itself runs in float64.
    features = _within_match_budget(features).astype(np.float32)
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
        lengths, block_cols, block_values = _pruned(features[start : start + rows_per_block] @ features_t, start, weigh)
        row_lengths.append(lengths)
        cols.append(block_cols.astype(np.int32))
        values.append(block_values)
    indptr = np.concatenate([[0], np.cumsum(np.concatenate(row_lengths))]).astype(np.int32)
    weights = np.concatenate(values).astype(np.float64)
    return sp.csr_matrix((weights, np.concatenate(cols), indptr), shape=(n, n))


def _within_match_budget(features: sp.csr_matrix) -> sp.csr_matrix:
    """``features`` without the columns of the commonest terms, if it has more term matches than
    :data:`MAX_MATCHES` or :data:`MAX_MATCHES_PER_ENTRY` per entry allow: every term in more than
    ``d`` sentences is left out, for the largest ``d`` that brings the matches within the budget
    (``d`` is a document frequency, so terms equally common go or stay together, whatever their
    order; the features are a CSR matrix with one entry per term of a sentence, as
    ``vectors.term_counts`` builds them).

    This is scikit-learn's ``max_df``, set per document by the work it allows: a term in a large
    share of the sentences says little about which of them are central, and it is the one that
    makes the most pairs (``df²``). A text within the budget, as all real news is, keeps every term.
    """
    document_frequency = np.bincount(features.indices, minlength=features.shape[1])
    matches_at = np.bincount(document_frequency, weights=document_frequency.astype(np.float64) ** 2)
    budget = min(MAX_MATCHES, MAX_MATCHES_PER_ENTRY * features.nnz)
    within = np.cumsum(matches_at) <= budget  # [d]: the terms in at most d sentences fit
    if not features.nnz or within[-1]:
        return features
    kept = document_frequency <= int(np.flatnonzero(within)[-1])  # d = 0 at least: no terms is no matches
    kept_entries = kept[features.indices]
    rows = np.repeat(np.arange(features.shape[0]), np.diff(features.indptr))
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows[kept_entries], minlength=features.shape[0]))])
    return sp.csr_matrix(
        (features.data[kept_entries], features.indices[kept_entries], indptr.astype(features.indptr.dtype)), shape=features.shape
    )


def _weigh_dense(products: np.ndarray, weigh: Weigh, first_row: int = 0) -> np.ndarray:
    """A dense block of products (rows ``first_row …``, every column) weighed: a small document's
    whole matrix, or a large one's block with long rows."""
    count, n = products.shape
    return weigh(products, np.arange(first_row, first_row + count)[:, None], np.arange(n)[None, :])


def _pruned(block: sp.csr_matrix, start: int, weigh: Weigh) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The edges kept of a block of products (rows ``start …``): its rows' edge counts, and the
    edges' columns and weights in row and then column order."""
    count, n = block.shape
    if not block.nnz:  # no pair shares a term: no edges (a block of sentences whose terms all went, above)
        return np.zeros(count, dtype=np.int64), np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
    per_row = np.diff(block.indptr)
    if per_row.max() >= SPARSE_ROW_SHARE * n:
        dense = _weigh_dense(block.toarray(), weigh, start)
        edge, lengths = _strongest_in_dense(dense)
        flat = np.flatnonzero(edge)  # row-major: sorted by row, then column (several times faster than a 2-D nonzero)
        return lengths, flat % n, dense.ravel()[flat]
    local = np.repeat(np.arange(count), per_row)
    weights = weigh(block.data, local + start, block.indices)
    kept = _strongest_in_sparse(weights, local, block.indices, block.indptr, n)
    return np.bincount(local[kept], minlength=count), block.indices[kept], weights[kept]


def _strongest_in_dense(weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which edges of a dense block to keep, and how many in each row: each row's positive
    weights, and of a row with more than ``MAX_EDGES_PER_NODE`` those above its k-th strongest
    weight, and as many of those equal to it as fit, earliest first.

    The k-th weight is found by a float32 sort: numpy's SIMD sort beats ``np.partition``, whose
    selection degrades on the many equal zeros of a sparse row (4× slower on the 1 MiB input's
    LexRank graph). A crowded row's cut is a positive weight, so a weight at or above it is an edge.
    """
    edge = weights > 0
    lengths = _row_counts(edge)
    crowded = np.flatnonzero(lengths > MAX_EDGES_PER_NODE)
    if not crowded.size:
        return edge, lengths
    rows = weights[crowded]
    cut = np.sort(rows, axis=1)[:, -MAX_EDGES_PER_NODE, None]
    keep = rows >= cut
    tied = np.flatnonzero(_row_counts(keep) > MAX_EDGES_PER_NODE)
    if tied.size:  # equal weights at the cut: earlier sentences first
        tied_rows, at_cut = rows[tied], cut[tied]
        above = tied_rows > at_cut
        equal = tied_rows == at_cut
        wanted = MAX_EDGES_PER_NODE - _row_counts(above)
        keep[tied] = above | (equal & (np.cumsum(equal, axis=1, dtype=np.int32) <= wanted[:, None]))
    edge[crowded] = keep
    lengths[crowded] = MAX_EDGES_PER_NODE
    return edge, lengths


def _row_counts(mask: np.ndarray) -> np.ndarray:
    """``np.count_nonzero(mask, axis=1)``, about 5× faster: the booleans summed as bytes into
    the narrowest integer that holds a row's count (numpy's boolean count casts each to intp)."""
    dtype = np.uint16 if mask.shape[1] <= np.iinfo(np.uint16).max else np.int64
    counts: np.ndarray = np.add.reduce(mask.view(np.uint8), axis=1, dtype=dtype).astype(np.int64)
    return counts


def _strongest_in_sparse(weights: np.ndarray, local: np.ndarray, cols: np.ndarray, indptr: np.ndarray, width: int) -> np.ndarray:
    """Positions of the pairs a sparse block keeps, in row and then column order, by the rule of
    :func:`_strongest_in_dense`.

    Args:
        weights: the block's weights, row by row (``indptr``), each row's columns in any order.
        local: the block row of each weight; cols: its column (of ``width``).

    A crowded row's cut is read off one sort of the block's (row, weight) keys
    (:func:`_row_cuts`).
    """
    count = len(indptr) - 1
    per_row = np.diff(indptr)
    keep = weights > 0
    crowded = per_row > MAX_EDGES_PER_NODE
    has_crowded = bool(crowded.any())
    if has_crowded:
        cut = np.zeros(count, dtype=weights.dtype)  # a row with k edges or fewer keeps them all
        cut[crowded] = _row_cuts(weights, indptr, crowded)
        keep &= weights >= np.repeat(cut, per_row)  # ``cut[local]``, 3-4× faster: rows are runs
    kept = _by_row_and_column(np.flatnonzero(keep), local, cols, width)
    if not has_crowded:
        return kept
    rows = local[kept]
    per_kept_row = np.bincount(rows, minlength=count)
    if not (per_kept_row > MAX_EDGES_PER_NODE).any():
        return kept
    # Equal weights at the cut: the earliest columns among them, as many as there is room for.
    at_cut = (per_kept_row > MAX_EDGES_PER_NODE)[rows] & (weights[kept] == cut[rows])
    equal = np.cumsum(at_cut)
    row_first = np.repeat(np.cumsum(per_kept_row) - per_kept_row, per_kept_row)  # each row's first kept index
    rank = equal - equal[row_first] + at_cut[row_first]  # 1, 2, … among its row's equal weights
    room = MAX_EDGES_PER_NODE - (per_kept_row - np.bincount(rows, weights=at_cut, minlength=count).astype(np.intp))
    result: np.ndarray = kept[~(at_cut & (rank > room[rows]))]
    return result


def _row_cuts(weights: np.ndarray, indptr: np.ndarray, crowded: np.ndarray) -> np.ndarray:
    """The ``MAX_EDGES_PER_NODE``-th strongest float32 weight of each ``crowded`` row of a sparse block.

    Each weight becomes a 64-bit key, its row in the high half and its float32 bits in the low half
    (made unsigned and order-preserving: :func:`_ordered_bits`), and one sort of the keys puts every
    row's weights in order, rows one after another: the cut is the key ``MAX_EDGES_PER_NODE`` from
    a row's end. The same value as sorting each row on its own, and the sort is numpy's SIMD sort of
    one flat array: the cuts of the 1 MiB input's 270 blocks took 206–228 ms packed into rows as
    wide as each block's longest and sorted row by row, 101–111 ms so (one-off script on the
    captured blocks, best of 5; docs/PERFORMANCE.md, round 15).
    """
    rows = np.arange(len(indptr) - 1, dtype=np.uint64) << np.uint64(32)
    keys = np.repeat(rows, np.diff(indptr))
    keys |= _ordered_bits(weights)
    keys.sort()
    low = keys[indptr[1:][crowded] - MAX_EDGES_PER_NODE].astype(np.uint32)  # the cut's ordered bits
    sign = np.uint32(1 << 31)
    bits = np.where(low >= sign, low ^ sign, ~low)  # :func:`_ordered_bits` undone
    cuts: np.ndarray = bits.view(np.float32).astype(weights.dtype)
    return cuts


def _ordered_bits(values: np.ndarray) -> np.ndarray:
    """float32 ``values`` as ``uint32`` in the same order (the radix-sort mapping: a negative
    value's bits all flipped, a non-negative one's sign bit set; -0.0 just below 0.0)."""
    bits = values.astype(np.float32, copy=False).view(np.int32)
    ordered: np.ndarray = (bits ^ ((bits >> 31) | np.int32(-(1 << 31)))).view(np.uint32)
    return ordered


def _by_row_and_column(positions: np.ndarray, local: np.ndarray, cols: np.ndarray, width: int) -> np.ndarray:
    """``positions`` ordered by their (row, column) cell: scipy's product leaves a row's columns
    unsorted, the graph's are sorted.

    The cells are distinct, so one sort of 64-bit keys (the cell above, the index among
    ``positions`` below) orders them: ~6,500 kept pairs a block at 1 MiB, against a counting sort
    over the block's 550,000 cells (two arrays of its size and a scan of one): 141 → 44 ms for the
    1 MiB input's 270 blocks (one-off script on the captured blocks, best of 5; the same order).
    """
    count = len(positions)
    shift = np.uint64(max(count - 1, 1).bit_length())  # cells < 2^32 (a block has ≤ max(BLOCK_CELLS, 64·n)): no overflow
    keys = (local[positions] * width + cols[positions]).astype(np.uint64) << shift
    keys |= np.arange(count, dtype=np.uint64)
    keys.sort()
    ordered: np.ndarray = positions[(keys & np.uint64((1 << int(shift)) - 1)).astype(np.intp)]
    return ordered


def no_self_loops(weights: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Zero each sentence's weight to itself (in place): a :data:`Weigh` step.

    A dense block's diagonal is found from its index vectors (consecutive rows from ``rows[0]``,
    every column), without comparing every cell."""
    if weights.ndim == 2 and weights.flags.c_contiguous:  # cells (i, first + i): every n + 1 cells from ``first``
        count, n = weights.shape
        first = int(rows[0, 0]) if count else 0
        weights.reshape(-1)[first : first + count * (n + 1) : n + 1] = 0.0
    else:
        weights[rows == cols] = 0.0
    return weights


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
    transition_t = _scaled_rows(weights, inverse).T
    scores = jump.copy()
    for _ in range(MAX_ITERATIONS):
        spread: np.ndarray = damping * (transition_t @ scores)
        updated: np.ndarray = spread + (1.0 - spread.sum()) * jump  # teleportation plus the dangling nodes' mass
        if np.abs(updated - scores).sum() < TOLERANCE:
            return updated
        scores = updated
    return scores


def _scaled_rows(weights: sp.csr_matrix, factors: np.ndarray) -> sp.csr_matrix:
    """``sp.diags(factors) @ weights``, each stored weight times its row's factor, in the graph's
    own index order: the product's values (a sum of one term from 0.0) and layout, without
    scipy's sparse product (its symbolic pass and a second walk): 8 → 2.5 ms a graph of the 1 MiB
    input, the same scores to the bit (docs/PERFORMANCE.md, round 15)."""
    data = weights.data * np.repeat(factors, np.diff(weights.indptr))
    return sp.csr_matrix((data, weights.indices, weights.indptr), shape=weights.shape)


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
