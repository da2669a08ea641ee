"""Sentence ranking: LexRank and TextRank over a sparse sentence graph."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import scipy.sparse as sp

from .lexrank import lexrank_scores
from .textrank import textrank_scores

Algorithm = Literal["lexrank", "textrank"]
ALGORITHMS: tuple[Algorithm, ...] = ("lexrank", "textrank")


def rank_sentences(algorithm: Algorithm, terms: Sequence[Sequence[str]], vectors: sp.csr_matrix | None = None) -> np.ndarray:
    """Score sentences (given as lists of index terms) with the named algorithm; higher is more central.

    ``vectors`` may pass LexRank's TF-IDF vectors of ``terms`` when the caller has them already.
    """
    if algorithm == "lexrank":
        return lexrank_scores(terms, vectors=vectors)
    if algorithm == "textrank":
        return textrank_scores(terms)
    raise ValueError(f"Unknown algorithm {algorithm!r}; use one of {', '.join(ALGORITHMS)}.")


__all__ = ["ALGORITHMS", "Algorithm", "lexrank_scores", "rank_sentences", "textrank_scores"]
