"""Priors over sentences: the random walk's jumps (personalised PageRank), or a weight on scores.

News puts what matters first (the inverted pyramid), and a known headline says what the story
is about; both enter the graph rankers as the teleport distribution of PageRank (Haveliwala
2002), so centrality still decides among the sentences they favour. The learned scorer's
output can be reweighted by the same position prior (:func:`with_position_prior`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .vectors import tfidf_vectors


def position_prior(count: int, exponent: float) -> np.ndarray:
    """Teleport distribution ``p_i ∝ (i + 1)^-exponent`` over sentence positions (0 = uniform).

    News puts its most important sentences first (the inverted pyramid); a Zipf-like prior lets
    centrality decide among them without ignoring position (see docs/EVALUATION.md).
    """
    prior = np.arange(1, count + 1, dtype=np.float64) ** -exponent
    return prior / prior.sum() if count else prior


def with_position_prior(scores: np.ndarray, exponent: float) -> np.ndarray:
    """A distribution over sentences reweighted by :func:`position_prior` and renormalised: for
    softmax scores, the softmax of the logits minus ``exponent · log(i + 1)``. ``exponent`` 0
    returns ``scores`` unchanged."""
    if exponent == 0 or not len(scores):
        return scores
    weighted: np.ndarray = scores * position_prior(len(scores), exponent)
    total = weighted.sum()
    return weighted / total if total > 0 else weighted


def teleport(
    terms: Sequence[Sequence[str]], position_exponent: float, headline_terms: Sequence[str] | None, headline_bias: float
) -> np.ndarray | None:
    """The random walk's jump distribution: the position prior, partly biased towards the headline.

    Biased LexRank (Otterbacher et al. 2005) jumps to sentences in proportion to their
    similarity to a query; here the query is the headline, mixed in with weight
    ``headline_bias`` (sentences sharing nothing with it keep the prior's share).
    """
    count = len(terms)
    if count == 0:
        return None
    jump = position_prior(count, position_exponent)
    if headline_bias > 0 and headline_terms:
        with_headline = tfidf_vectors([*terms, headline_terms])
        if isinstance(with_headline, np.ndarray):
            query = with_headline[:count] @ with_headline[count]
        else:
            query = np.asarray((with_headline[:count] @ with_headline[count].T).todense()).ravel()
        if query.sum() > 0:
            jump = (1.0 - headline_bias) * jump + headline_bias * query / query.sum()
    return jump
