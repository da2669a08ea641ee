"""Sentence ranking: LexRank and TextRank over a sentence graph, optionally personalised, and the
learned scorer that combines them with position and other cheap features (``learned.py``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import scipy.sparse as sp

from .lexrank import lexrank_scores
from .textrank import textrank_scores

Algorithm = Literal["learned", "lexrank", "textrank"]
ALGORITHMS: tuple[Algorithm, ...] = ("learned", "lexrank", "textrank")
#: The rankers :func:`rank_sentences` runs; ``learned`` needs more than index terms (``learned.py``).
GraphAlgorithm = Literal["lexrank", "textrank"]
GRAPH_ALGORITHMS: tuple[GraphAlgorithm, ...] = ("lexrank", "textrank")
LexRankWeights = Literal["continuous", "threshold"]


def rank_sentences(
    algorithm: GraphAlgorithm,
    terms: Sequence[Sequence[str]],
    vectors: sp.csr_matrix | None = None,
    *,
    teleport: np.ndarray | None = None,
    lexrank_weights: LexRankWeights = "continuous",
) -> np.ndarray:
    """Score sentences (given as lists of index terms) with the named algorithm; higher is more central.

    Args:
        algorithm: ``"lexrank"`` or ``"textrank"``.
        terms: index terms of each sentence.
        vectors: LexRank's TF-IDF vectors of ``terms``, when the caller has them already.
        teleport: where the random walk jumps (a prior over sentences); uniform if ``None``.
        lexrank_weights: LexRank edges weighted by similarity, or 1 above the 0.1 threshold.
    """
    if algorithm == "lexrank":
        return lexrank_scores(terms, vectors=vectors, teleport=teleport, continuous=lexrank_weights == "continuous")
    if algorithm == "textrank":
        return textrank_scores(terms, teleport=teleport)
    raise ValueError(f"Unknown algorithm {algorithm!r}; use one of {', '.join(GRAPH_ALGORITHMS)}.")


__all__ = [
    "ALGORITHMS",
    "GRAPH_ALGORITHMS",
    "Algorithm",
    "GraphAlgorithm",
    "LexRankWeights",
    "lexrank_scores",
    "rank_sentences",
    "textrank_scores",
]
