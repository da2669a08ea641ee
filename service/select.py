"""Choose summary sentences from ranked ones: a length budget, no near-duplicates, document order.

Ranking (rank/) and selection (here) are separate, as in sumy's ``_get_best_sentences`` vs
``ItemsCount``: any ranking can be combined with any budget.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from .models import Budget, Span
from .text.shape import MAX_HEADLINE_WORDS, is_open
from .ties import first_best

#: Cosine similarity (of the ranking's TF-IDF vectors) at or above which a candidate repeats a
#: sentence already chosen and is skipped. 0.8: well above paraphrase-level overlap of distinct
#: news sentences, below the similarity of a sentence and its lightly edited copy.
NEAR_DUPLICATE = 0.8


#: A sentence longer than this many words is passed over like a framing headline (see
#: :func:`summary_worthy`): longer than 99.9% of the sentences reference summaries take (the
#: 99.9th percentile of the 13,500 BBC dev reference and IndoSum gold sentences is 62 words, their
#: median 19). Units this long are mostly captions, sub-headings or lists run into a sentence where
#: line breaks were lost: 6.6% of the units of CNN/DailyMail articles on one line, 0.1% of BBC
#: dev's (docs/EVALUATION.md, round 15).
MAX_SUMMARY_SENTENCE_WORDS = 60
#: Below this many cells the sentence × term matrix is made dense: numpy's matrix product
#: beats a sparse one while the operands are this small (the same crossover as rank/graph.py).
DENSE_MAX_CELLS = 50_000


def select_sentences(
    scores: np.ndarray,
    word_counts: Sequence[int],
    vectors: np.ndarray | sp.csr_matrix,
    budget: Budget,
    *,
    mmr: float = 1.0,
    eligible: np.ndarray | None = None,
    near_duplicate: float = NEAR_DUPLICATE,
) -> list[int]:
    """Indices of the chosen sentences, in document order.

    Sentences are taken greedily by decreasing value (ties, equal within ``ties.TIE_TOLERANCE``:
    earlier first). The value is the score, or with ``mmr < 1`` Maximal Marginal Relevance
    (Carbonell & Goldstein 1998): ``mmr · relevance − (1 − mmr) · (highest similarity to a
    chosen sentence)``, relevance being the score rescaled to [0, 1]. A candidate nearly
    identical to a chosen sentence (TF-IDF cosine ≥ ``near_duplicate``) is always skipped. With
    a ``words`` budget, a sentence that does not fit is skipped and shorter ones are tried; if
    not even one fits, the best-ranked sentence is returned alone, so a summary is never empty.
    Sentences not ``eligible`` are never chosen (they still shaped the ranking).
    """
    n = len(scores)
    scores = np.asarray(scores, dtype=np.float64)
    limit = budget.sentence_limit(n)
    if mmr < 1.0:  # relevance is MMR's only (plain selection reads the scores)
        spread = float(scores.max() - scores.min()) if n else 0.0
        relevance = (scores - scores.min()) / spread if spread > 0 else np.ones(n)
    # Highest similarity of every sentence to any chosen one, updated once per chosen sentence.
    closest = np.zeros(n)
    small = isinstance(vectors, np.ndarray) or vectors.shape[0] * vectors.shape[1] <= DENSE_MAX_CELLS
    matrix = vectors if isinstance(vectors, np.ndarray) else vectors.toarray() if small else vectors
    available = np.ones(n, dtype=bool) if eligible is None else np.asarray(eligible, dtype=bool).copy()
    lengths = np.asarray(word_counts)
    chosen: list[int] = []
    words_left = int(budget.value) if budget.kind == "words" else math.inf
    while len(chosen) < limit:
        value = mmr * relevance - (1.0 - mmr) * closest if mmr < 1.0 else scores.copy()
        excluded = ~available | (closest >= near_duplicate)
        if words_left < math.inf:  # a words budget: what no longer fits is out too
            excluded |= lengths > words_left
        value[excluded] = -np.inf
        index = first_best(value)  # ties go to earlier sentences
        if value[index] == -np.inf:
            break
        chosen.append(index)
        available[index] = False
        words_left -= word_counts[index]
        row = matrix[index] if small else matrix[index].toarray().ravel()
        closest = np.maximum(closest, np.asarray(matrix @ row).ravel())
    if not chosen and available.any():
        chosen = [first_best(np.where(available, scores, -np.inf))]
    return sorted(chosen)


def summary_worthy(
    view: str, lines: Sequence[Span], spans: Sequence[Span], budget: Budget, word_counts: Sequence[int]
) -> np.ndarray:
    """Which sentences may appear in the summary: all but headline-like lines framing the body,
    and units too long to be one sentence.

    A headline-like line (short, no closing punctuation) above the first real sentence or below
    the last one is a headline, kicker or byline that was not repeated, so deduplication left it
    in place. It ranks high — it shares words with everything, and the position prior favours
    the top — but a headline must never reach the summary. Headline-like lines inside the body
    (sub-headings, list items) stay eligible: on BBC dev they are often part of the reference
    summaries.

    A unit of more than ``MAX_SUMMARY_SENTENCE_WORDS`` words is rarely a sentence: where line
    breaks were lost, a photo caption or a sub-heading runs into the next sentence with no stop
    between them. Its length and the names it repeats make it rank high, but it reads as two
    broken sentences. Its words are counted twice, and both counts must be over: as the
    ``words`` budget counts them (``word_counts``, its tokens) and as words between spaces, so
    that a sentence of a script written without spaces (Chinese, Japanese: a token per
    character; Thai: per pair of letters) is never too long.

    Both stay in the graph and are only passed over, unless the text has too few other sentences
    for the budget. ``lines`` are the analysis's lines (disjoint, in order); ``spans`` lie in them.
    """
    framing = [is_open(view[a:b]) and len(view[a:b].split()) <= MAX_HEADLINE_WORDS for a, b in lines]
    top = next((i for i, frame in enumerate(framing) if not frame), len(lines))
    bottom = next((i for i, frame in enumerate(reversed(framing)) if not frame), len(lines))
    # The framing lines, in order and each once (``top`` and ``bottom`` overlap when every line
    # frames): lines are disjoint and sorted, so the one that may hold a sentence's start is found
    # by binary search. (Testing every framing line for every sentence was quadratic: on 9,990 short
    # lines without a stop, such as an HTML page of ``<br>``-separated words, 5.0 s against 0.03.)
    edges = np.array([lines[i] for i in sorted({*range(top), *range(len(lines) - bottom, len(lines))})], dtype=np.int64)
    worthy = np.ones(len(spans), dtype=bool)
    if len(edges):
        starts = np.array([start for start, _ in spans], dtype=np.int64)
        edge = np.searchsorted(edges[:, 0], starts, side="right") - 1
        worthy &= ~((edge >= 0) & (starts < edges[np.maximum(edge, 0), 1]))
    for index in np.flatnonzero(np.asarray(word_counts) > MAX_SUMMARY_SENTENCE_WORDS).tolist():
        start, end = spans[index]
        if len(view[start:end].split()) > MAX_SUMMARY_SENTENCE_WORDS:
            worthy[index] = False
    needed = 1 if budget.kind == "words" else budget.sentence_limit(len(spans))
    if int(worthy.sum()) < needed:
        return np.ones(len(spans), dtype=bool)
    return worthy
