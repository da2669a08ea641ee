"""LexRank (Erkan & Radev 2004, "LexRank: Graph-based lexical centrality as salience").

Sentences are TF-IDF vectors; two sentences are linked by their cosine similarity (continuous
LexRank, the default) or, thresholded, with weight 1 when it reaches 0.1 (the paper's
best-performing threshold). Scores are the stationary distribution of a damped random walk on that graph.

Differences from sumy's implementation, on purpose: the IDF is smoothed,
``log((1 + N) / (1 + df)) + 1``, so it never goes negative (sumy's ``log(N / (1 + df))`` does
for terms in most sentences); the walk is damped (0.85), so disconnected graphs converge; and
duplicate sentences keep separate scores.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .graph import Graph, Vectors, build_graph, no_self_loops, pagerank
from .vectors import tfidf_vectors

#: Erkan & Radev (2004), §4: threshold 0.1 gave the best ROUGE among the values tried.
THRESHOLD = 0.1


def lexrank_scores(
    terms: Sequence[Sequence[str]],
    *,
    continuous: bool = True,
    threshold: float = THRESHOLD,
    self_loops: bool = False,
    vectors: Vectors | None = None,
    teleport: np.ndarray | None = None,
) -> np.ndarray:
    """LexRank score of each sentence (sums to 1).

    Args:
        terms: index terms of each sentence, in document order.
        continuous: weight each edge by the cosine similarity (continuous LexRank, the paper's
            §3.3), rather than 1 where the similarity reaches ``threshold``. The default: on
            BBC and IndoSum dev it scores higher on every ROUGE measure (docs/EVALUATION.md).
        threshold: cosine at or above which thresholded LexRank links two sentences.
        self_loops: keep each sentence's similarity to itself, as the paper's algorithm does.
            Off by default: with a self-loop a sentence linked to nothing keeps the average
            score 1/n and outranks connected but peripheral sentences (sumy shows this); a
            self-similarity says nothing about centrality.
        vectors: :func:`tfidf_vectors` of ``terms``, if already computed.
        teleport: prior over sentences for the random jumps (personalised PageRank).
    """
    if vectors is None:
        vectors = tfidf_vectors(terms)
    graph = lexrank_graph(vectors, continuous=continuous, threshold=threshold, self_loops=self_loops)
    return pagerank(graph, teleport=teleport)


def lexrank_graph(
    vectors: Vectors, *, continuous: bool = True, threshold: float = THRESHOLD, self_loops: bool = False
) -> Graph:
    """LexRank's sentence graph over TF-IDF ``vectors`` (arguments as in :func:`lexrank_scores`)."""

    def weigh(block: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        if not self_loops:
            no_self_loops(block, rows, cols)
        if not continuous:
            block[block < threshold] = 0.0
        return block

    graph = build_graph(vectors, weigh)
    if not continuous:  # an edge of weight 1 wherever the similarity reaches the threshold
        if isinstance(graph, np.ndarray):
            graph = np.asarray(graph > 0, dtype=np.float64)
        else:
            graph.data[:] = 1.0
    return graph
