"""Sentence ranking behind one entry point, :func:`rank`: term vectors, graphs, priors, scores.

LexRank and TextRank are graph centralities (``lexrank.py``, ``textrank.py``) over a sentence
graph (``graph.py``), computed as personalised PageRank with a position/headline prior
(``priors.py``). ``sumy_reference.py`` runs sumy's summarisers for evaluation only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..models import Algorithm, LexRankWeights
from .graph import Vectors
from .learned import LearnedScorer
from .lexrank import lexrank_scores
from .priors import teleport, with_position_prior
from .textrank import textrank_scores
from .vectors import term_counts, tfidf_from_counts


@dataclass(frozen=True)
class Ranking:
    """Scores of a document's sentences, and the TF-IDF vectors they were computed over."""

    scores: np.ndarray
    #: L2-normalised TF-IDF rows, one per sentence (selection compares sentences with them):
    #: a dense array for small documents, CSR for large ones (``vectors.term_counts``).
    vectors: Vectors


def rank(
    terms: Sequence[Sequence[str]],
    *,
    algorithm: Algorithm,
    position_prior: float,
    lexrank_weights: LexRankWeights = "continuous",
    headline_terms: Sequence[str] | None = None,
    headline_bias: float = 0.0,
    texts: Sequence[str] = (),
    tokens: Sequence[Sequence[str]] = (),
    scorer: LearnedScorer | None = None,
    paragraphs: Sequence[int] | None = None,
) -> Ranking:
    """Score sentences (given as lists of index terms); higher is better.

    Args:
        terms: index terms of each sentence, in document order.
        algorithm: ``"learned"`` (the default scorer: a model over centrality, position, length
            and headline features), ``"lexrank"`` or ``"textrank"``.
        position_prior: exponent α of the prior ``p_i ∝ (i + 1)^-α`` (0: uniform): the random
            walk's jumps for the graph rankers; for ``learned``, its scores are multiplied by it
            (the model's logits minus α·log(i + 1)) and renormalised.
        lexrank_weights: LexRank edges weighted by similarity, or 1 above the 0.1 threshold.
        headline_terms: index terms of the headline (``headline_bias``; a feature of ``learned``).
        headline_bias: share of the jumps that go to sentences like the headline.
        texts, tokens: each sentence as written and its word tokens (``learned`` only).
        scorer: the learned model (``learned`` only; loaded once per process).
        paragraphs: each sentence's paragraph (``features.paragraph_indices``; ``learned`` only).
    """
    counts = term_counts(terms)
    vectors = tfidf_from_counts(counts)
    if algorithm == "learned":
        if scorer is None:
            raise ValueError("The learned algorithm needs its scorer (rank.learned.load_scorer).")
        scores = scorer.rank(texts, tokens, terms, vectors, headline_terms, counts, paragraphs)
        return Ranking(scores=with_position_prior(scores, position_prior), vectors=vectors)
    jump = teleport(terms, position_prior, headline_terms, headline_bias)
    if algorithm == "lexrank":
        scores = lexrank_scores(terms, vectors=vectors, teleport=jump, continuous=lexrank_weights == "continuous")
    elif algorithm == "textrank":
        scores = textrank_scores(terms, teleport=jump, counts=counts)
    else:
        raise ValueError(f"Unknown algorithm {algorithm!r}.")
    return Ranking(scores=scores, vectors=vectors)


def rank_sentences(
    algorithm: Algorithm,
    terms: Sequence[Sequence[str]],
    *,
    teleport: np.ndarray | None = None,
    lexrank_weights: LexRankWeights = "continuous",
) -> np.ndarray:
    """Scores alone with an explicit teleport vector (``None``: plain PageRank), for benchmarks and tests."""
    if algorithm == "lexrank":
        return lexrank_scores(terms, teleport=teleport, continuous=lexrank_weights == "continuous")
    if algorithm == "textrank":
        return textrank_scores(terms, teleport=teleport)
    raise ValueError(f"Unknown algorithm {algorithm!r}.")


__all__ = ["Ranking", "lexrank_scores", "rank", "rank_sentences", "textrank_scores"]
