"""Cheap per-sentence features for the learned scorer (``learned.py``).

Every feature of :data:`FEATURE_NAMES` is computed from what the pipeline already has — the
sentences' words, index terms, TF-IDF vectors and order — and none depends on line or paragraph
breaks, the language or the corpus, so a model fitted on one language's news transfers to
another's that arrives as one line (the model for such texts is fitted on IndoSum and summarises
English news too: docs/EVALUATION.md, round 27).
Most are classics of extractive summarisation:

* position (Edmundson 1969; the inverted pyramid): relative, reciprocal, logarithmic, first,
  among the first three;
* document and sentence length, absolute and relative to the document's mean;
* LexRank (Erkan & Radev 2004) and TextRank (Mihalcea & Tarau 2004) centrality, each × n so
  that 1 is the average whatever the document length;
* directed, position-aware centrality (PacSum, Zheng & Lapata 2019): mean similarity to the
  sentences before and to those after, kept apart so the model learns the paper's λ1 and λ2;
* similarity to the document centroid (Radev et al. 2004) and to the title or detected
  headline (0 when there is none);
* numerals and capitalised words (names) per word, and quotation;
* interactions of position with centrality and length (a linear model cannot form products).

A text that keeps its paragraphs says more: :func:`paragraph_features` (Kupiec, Pedersen & Chen
1995: a sentence's place in its paragraph) are the columns of a second model, which scores texts
of more than one paragraph (``learned.py``); a text on one line has no paragraphs to read.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from typing import TypeGuard

import numpy as np
import scipy.sparse as sp

from ..models import Span
from .graph import DENSE_MAX_CELLS, Graph, Vectors, pagerank
from .lexrank import lexrank_graph
from .textrank import textrank_scores

FEATURE_NAMES: tuple[str, ...] = (
    "position_relative",
    "position_reciprocal",
    "position_log",
    "position_first",
    "position_lead3",
    "document_sentences_log",
    "document_words_log",
    "sentence_words_log",
    "sentence_words_relative",
    "lexrank",
    "textrank",
    "similarity_before",
    "similarity_after",
    "similarity_centroid",
    "similarity_title",
    "numerals",
    "capitalised",
    "quotation",
    "reciprocal_x_lexrank",
    "reciprocal_x_textrank",
    "reciprocal_x_words_log",
    "reciprocal_x_centroid",
    "relative_x_after",
)

#: A line break of the processing view (``normalise`` makes every one a ``\n``).
_LINE_BREAK = re.compile("\n")
#: Columns of :func:`paragraph_features`, after :data:`FEATURE_NAMES`.
PARAGRAPH_FEATURE_NAMES: tuple[str, ...] = ("paragraph_log", "paragraph_opens", "paragraph_sentences_log")


def paragraph_indices(view: str, spans: Sequence[Span]) -> list[int]:
    """Each sentence's paragraph: the rank of its line of ``view`` (as sent: a removed link or
    dateline inside a line makes no paragraph) among the lines that hold ``spans``."""
    breaks = [match.start() for match in _LINE_BREAK.finditer(view)]
    owners = [bisect_right(breaks, start) for start, _ in spans]
    ranks = {line: rank for rank, line in enumerate(sorted(set(owners)))}
    return [ranks[line] for line in owners]


def has_paragraphs(paragraphs: Sequence[int] | None) -> TypeGuard[Sequence[int]]:
    """Whether sentences of :func:`paragraph_indices` stand in more than one paragraph: the texts
    the paragraph model scores (``learned.LearnedScorer.rank``; make train fits it on them)."""
    return paragraphs is not None and len(paragraphs) > 0 and max(paragraphs) > 0


def paragraph_features(paragraphs: Sequence[int]) -> np.ndarray:
    """The ``len(paragraphs) × 3`` columns of where each sentence stands in the paragraphs
    (``paragraphs``: each sentence's, from :func:`paragraph_indices`): log(1 + its paragraph's
    rank), whether it opens its paragraph, and log of its paragraph's sentences (float32 values,
    as :func:`sentence_features`)."""
    index = np.asarray(paragraphs, dtype=np.int64)
    opens = np.ones(len(index))
    opens[1:] = index[1:] != index[:-1]
    sizes = np.bincount(index)[index] if len(index) else np.zeros(0)
    columns = np.column_stack([np.log1p(index), opens, np.log(np.maximum(sizes, 1))])
    return columns.astype(np.float32).astype(np.float64)


#: A capitalised word not at the start: ``(?<!^)\b[A-Z][\w'’-]*`` with the capital first, so
#: that the regex engine skips ahead to capitals instead of trying the assertions at every
#: character (the same matches, tests/test_feature_patterns.py; ~2× faster).
_CAPITALISED = re.compile(r"[A-Z](?<=\b[A-Z])(?<!^[A-Z])[\w'’-]*")
_DIGITS = re.compile(r"\d")
_QUOTES = re.compile(r"[\"“”„«»]")


def sentence_features(
    texts: Sequence[str],
    tokens: Sequence[Sequence[str]],
    terms: Sequence[Sequence[str]],
    vectors: Vectors,
    title_terms: Sequence[str] | None = None,
    counts: Vectors | None = None,
) -> np.ndarray:
    """The ``len(texts) × len(FEATURE_NAMES)`` feature matrix of one document (float32 values, as float64).

    Args:
        texts: each sentence as written (for numerals, capitals and quotes).
        tokens: each sentence's lower-cased word tokens (for lengths).
        terms: each sentence's index terms (for TextRank and the title).
        vectors: L2-normalised TF-IDF rows of ``terms`` (``lexrank.tfidf_vectors``).
        title_terms: index terms of the title or detected headline, if any.
        counts: ``vectors.term_counts(terms)`` if the caller has them (TextRank's input; the
            pipeline computes them for the TF-IDF vectors anyway).
    """
    n = len(texts)
    if n == 0:
        return np.zeros((0, len(FEATURE_NAMES)))
    position = np.arange(n, dtype=np.float64)
    relative = position / max(n - 1, 1)
    reciprocal = 1.0 / (position + 1.0)
    words = np.array([len(sentence) for sentence in tokens], dtype=np.float64)
    words_log = np.log1p(words)

    graph = lexrank_graph(vectors)
    lexrank = pagerank(graph) * n
    textrank = textrank_scores(terms, counts=counts) * n
    before, after = _directed_similarity(graph, n)
    # Small documents' vectors are dense already (``vectors.term_counts``); sparse calls cost more when small.
    rows = vectors if isinstance(vectors, np.ndarray) or n * vectors.shape[1] > DENSE_MAX_CELLS else vectors.toarray()
    centroid = np.asarray(rows.sum(axis=0)).ravel()
    norm = float(np.sqrt(centroid @ centroid))
    to_centroid = np.asarray(rows @ centroid).ravel() / norm if norm > 0 else np.zeros(n)

    columns = {
        "position_relative": relative,
        "position_reciprocal": reciprocal,
        "position_log": np.log1p(position),
        "position_first": (position == 0).astype(np.float64),
        "position_lead3": (position < 3).astype(np.float64),
        "document_sentences_log": np.full(n, np.log(n)),
        "document_words_log": np.full(n, np.log1p(words.sum())),
        "sentence_words_log": words_log,
        "sentence_words_relative": words / max(float(words.mean()), 1.0),
        "lexrank": lexrank,
        "textrank": textrank,
        "similarity_before": before,
        "similarity_after": after,
        "similarity_centroid": to_centroid,
        "similarity_title": _title_similarity(terms, title_terms),
        "numerals": np.array([len(_DIGITS.findall(t)) for t in texts], dtype=np.float64) / np.maximum(words, 1.0),
        "capitalised": np.array([len(_CAPITALISED.findall(t)) for t in texts], dtype=np.float64) / np.maximum(words, 1.0),
        "quotation": np.array([_QUOTES.search(t) is not None for t in texts], dtype=np.float64),
        "reciprocal_x_lexrank": reciprocal * lexrank,
        "reciprocal_x_textrank": reciprocal * textrank,
        "reciprocal_x_words_log": reciprocal * words_log,
        "reciprocal_x_centroid": reciprocal * to_centroid,
        "relative_x_after": relative * after,
    }
    # One (features × n) array, transposed: the same C-ordered matrix as ``np.column_stack``, ~3× cheaper.
    # Rounded to float32 (7 significant digits, more than any feature carries) so that the CPU
    # cannot change the model: numpy's log and log1p (SVML with AVX-512) and OpenBLAS's kernels
    # (chosen per CPU) differ in the last bits of a float64, a last-bit difference moves a
    # LightGBM bin boundary, and ``make train`` built a different model on another machine.
    # float32 values differ only where a value lies within those few bits of a rounding boundary.
    return np.array([columns[name] for name in FEATURE_NAMES], dtype=np.float32).T.astype(np.float64, order="C")


def _directed_similarity(graph: Graph, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Mean similarity of each sentence to the sentences before it and to those after it.

    PacSum's centrality is ``λ1 · Σ_{j<i} e_ij + λ2 · Σ_{j>i} e_ij``; the two sums are kept as
    features (as means, so that they do not grow with the document) and the model weighs them.
    Large documents use the graph's strongest edges only (``graph.MAX_EDGES_PER_NODE``).
    """
    if isinstance(graph, np.ndarray):
        lower, upper = _triangles(n)  # what np.tril(graph, -1) and np.triu(graph, 1) keep
        before_sum = np.where(lower, graph, 0.0).sum(axis=1)
        after_sum = np.where(upper, graph, 0.0).sum(axis=1)
    else:
        before_sum, after_sum = _triangle_sums(graph, n)
    position = np.arange(n, dtype=np.float64)
    return before_sum / np.maximum(position, 1.0), after_sum / np.maximum(n - 1 - position, 1.0)


def _triangle_sums(graph: sp.csr_matrix, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Each row's sum of a sparse graph's weights strictly below and strictly above the diagonal.

    ``sp.tril(graph, -1).sum(axis=1)`` (and ``triu``) copies the graph to COO twice and sums by
    a product with ones, which adds each row's weights one by one in column order from 0.0;
    ``np.bincount`` adds them in the same order from 0.0, so the sums are the same to the bit,
    without the copies: 16 → 10 ms a graph of the 1 MiB input (docs/PERFORMANCE.md, round 15).
    """
    rows = np.repeat(np.arange(n), np.diff(graph.indptr))
    cols = graph.indices
    below = cols < rows
    above = cols > rows
    before_sum = np.bincount(rows[below], weights=graph.data[below], minlength=n)
    after_sum = np.bincount(rows[above], weights=graph.data[above], minlength=n)
    return before_sum, after_sum


@lru_cache(maxsize=32)
def _triangles(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Masks of the strictly lower and strictly upper triangles of an n × n matrix (read-only, cached)."""
    lower = np.tri(n, n, -1, dtype=bool)
    upper = np.ascontiguousarray(lower.T)
    lower.flags.writeable = upper.flags.writeable = False
    return lower, upper


def _title_similarity(terms: Sequence[Sequence[str]], title_terms: Sequence[str] | None) -> np.ndarray:
    """Cosine of each sentence's set of index terms with the title's (0 without a title)."""
    if not title_terms:
        return np.zeros(len(terms))
    title = set(title_terms)
    out = np.zeros(len(terms))
    for i, sentence in enumerate(terms):
        distinct = set(sentence)
        if distinct:
            out[i] = len(distinct & title) / math.sqrt(len(distinct) * len(title))  # np.sqrt's value, without its per-call cost
    return out
