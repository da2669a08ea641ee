"""Choose summary sentences from ranked ones: a length budget, no near-duplicates, document order.

Ranking (rank/) and selection (here) are separate, as in sumy's ``_get_best_sentences`` vs
``ItemsCount``: any ranking can be combined with any budget.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .models import Budget, Span
from .text.shape import is_framing_line
from .ties import first_best, tie_floor

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
#: A selection is made by the plain loop (every candidate's value weighed again for each pick, and
#: each pick compared with every sentence) while picks × sentences is at most this: a summary of a
#: few sentences, or of a short article. A larger one, such as ``ratio=1`` on a long text, updates
#: only what each pick changes (:class:`_Candidates`): the same picks in the same order.
PLAIN_MAX_WORK = 1 << 17
#: ... and while more than this share of the pairs of sentences share a term: there the incremental
#: way compares each pick with most sentences anyway, each comparison dearer than the plain loop's.
#: Real news is far below (0.08 of the pairs in the 1 MiB benchmark document, where the incremental
#: way is 6-7× faster at ``ratio`` 0.3 and 1; 0.26 in tests/test_select_large.py's digests, 3-4×); a
#: text whose every pair shares a word is at 0.94-1 (9,990 sentences of 5-10 words out of 15, or all
#: with one word in common), where the plain loop is 1.4-2.7× faster.
MAX_SHARING_PAIRS = 0.5
#: Sentences whose similarities to every sentence estimate that share (evenly spread: 64 rows give it
#: within 0.01 on the documents above).
SHARING_SAMPLE = 64
#: Sentences per block of :class:`_Candidates` (each block's best value is kept).
BLOCK = 64


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

    A long selection costs about as much as the sentence pairs that share a term (each pick's
    similarities come from the sentences sharing one of its terms), not picks × sentences
    (``PLAIN_MAX_WORK``), unless most pairs share one (``MAX_SHARING_PAIRS``).
    """
    n = len(scores)
    scores = np.asarray(scores, dtype=np.float64)
    limit = budget.sentence_limit(n)
    relevance = None
    if mmr < 1.0:  # relevance is MMR's only (plain selection reads the scores)
        spread = float(scores.max() - scores.min()) if n else 0.0
        relevance = (scores - scores.min()) / spread if spread > 0 else np.ones(n)
    small = isinstance(vectors, np.ndarray) or vectors.shape[0] * vectors.shape[1] <= DENSE_MAX_CELLS
    matrix = vectors if isinstance(vectors, np.ndarray) else vectors.toarray() if small else vectors
    available = np.ones(n, dtype=bool) if eligible is None else np.asarray(eligible, dtype=bool).copy()
    words_left = int(budget.value) if budget.kind == "words" else math.inf
    selection = _Selection(scores, relevance, mmr, matrix, word_counts, words_left, limit, near_duplicate)
    chosen = _plain(selection, available) if _plain_pays(matrix, min(limit, n)) else _incremental(selection, available)
    if chosen is None:  # a value that may not be a number (never from the pipeline): the plain loop decides
        chosen = _plain(selection, available)
    if not chosen and available.any():
        chosen = [first_best(np.where(available, scores, -np.inf))]
    return sorted(chosen)


def _plain_pays(matrix: np.ndarray | sp.csr_matrix, picks: int) -> bool:
    """Whether the plain loop is the cheaper way to make ``picks`` picks among ``matrix``'s sentences:
    few picks × sentences (``PLAIN_MAX_WORK``), or most pairs of sentences sharing a term
    (``MAX_SHARING_PAIRS``, estimated on ``SHARING_SAMPLE`` sentences)."""
    n = matrix.shape[0]
    if picks * n <= PLAIN_MAX_WORK:
        return True
    sample = np.unique(np.linspace(0, n - 1, SHARING_SAMPLE).astype(np.intp))
    products = matrix[sample] @ matrix.T  # TF-IDF weights are not negative: no sum cancels to 0
    sharing = np.count_nonzero(products) if isinstance(products, np.ndarray) else products.nnz
    return bool(sharing > MAX_SHARING_PAIRS * len(sample) * n)


@dataclass(frozen=True)
class _Selection:
    """What both ways of selecting read: :func:`select_sentences`'s arguments, prepared."""

    scores: np.ndarray
    #: The scores rescaled to [0, 1] (MMR only: ``None`` when ``mmr`` is 1).
    relevance: np.ndarray | None
    mmr: float
    #: The TF-IDF rows: a dense array, or CSR when large.
    matrix: np.ndarray | sp.csr_matrix
    word_counts: Sequence[int]
    words_left: float
    limit: int
    near_duplicate: float

    def row(self, index: int) -> np.ndarray:
        """Sentence ``index``'s vector, dense."""
        matrix = self.matrix
        vector: np.ndarray = matrix[index] if isinstance(matrix, np.ndarray) else matrix[index].toarray().ravel()
        return vector

    def similarities(self, index: int, row: np.ndarray | None = None) -> np.ndarray:
        """Cosine of sentence ``index`` (whose vector is ``row``) with every sentence."""
        return np.asarray(self.matrix @ (self.row(index) if row is None else row)).ravel()


def _plain(selection: _Selection, eligible: np.ndarray) -> list[int]:
    """The greedy selection, straightforwardly: each pick weighs every sentence again."""
    scores, relevance, mmr = selection.scores, selection.relevance, selection.mmr
    n = len(scores)
    # Highest similarity of every sentence to any chosen one, updated once per chosen sentence.
    closest = np.zeros(n)
    available = eligible.copy()
    lengths = np.asarray(selection.word_counts)
    chosen: list[int] = []
    words_left = selection.words_left
    while len(chosen) < selection.limit:
        value = mmr * relevance - (1.0 - mmr) * closest if relevance is not None else scores.copy()
        excluded = ~available | (closest >= selection.near_duplicate)
        if words_left < math.inf:  # a words budget: what no longer fits is out too
            excluded |= lengths > words_left
        value[excluded] = -np.inf
        index = first_best(value)  # ties go to earlier sentences
        if value[index] == -np.inf:
            break
        chosen.append(index)
        available[index] = False
        words_left -= selection.word_counts[index]
        closest = np.maximum(closest, selection.similarities(index))
    return chosen


def _incremental(selection: _Selection, eligible: np.ndarray) -> list[int] | None:
    """:func:`_plain`'s picks, in its order, updating only what each pick changes; ``None`` when a
    value could be NaN or +inf (which ``first_best`` treats apart; never from the pipeline).

    A value is the least of the ceilings the picks so far put on it (:meth:`_Neighbours.ceilings`):
    ``mmr · relevance − (1 − mmr) · similarity`` for each pick, -inf for a near-duplicate. That is
    :func:`_plain`'s float, not just its number: rounding is monotonic, so ``(1 − mmr) · closest``
    for the highest similarity is the highest of the products, and subtracting the highest is
    the least of the differences. A pick lowers only the sentences sharing a term with it; with
    ``mmr`` 1 a ceiling is the score itself, or -inf. A sentence picked, a near-duplicate or one
    that no longer fits a words budget is out for good (-inf), so values only fall.
    """
    scores, relevance, mmr = selection.scores, selection.relevance, selection.mmr
    closest = np.zeros(len(scores))  # the first values, as _plain computes them before its first pick
    value = mmr * relevance - (1.0 - mmr) * closest if relevance is not None else scores.copy()
    value[~eligible | (closest >= selection.near_duplicate)] = -np.inf
    weighted, slope = (mmr * relevance, 1.0 - mmr) if relevance is not None else (scores, 0.0)
    neighbours = _Neighbours(selection, weighted, slope)
    if np.isnan(value).any() or np.isposinf(value).any() or not (neighbours.finite and math.isfinite(slope)):
        return None
    candidates = _Candidates(value)
    # With a words budget, what no longer fits is put out as the budget shrinks: the sentences by
    # length, and how many of them (the shortest) fit.
    lengths = np.asarray(selection.word_counts)
    by_length = np.argsort(lengths, kind="stable") if selection.words_left < math.inf else None
    fitting = len(scores)
    chosen: list[int] = []
    words_left = selection.words_left
    while len(chosen) < selection.limit:
        if by_length is not None:
            fits = int(np.searchsorted(lengths[by_length], words_left, side="right"))
            candidates.drop(by_length[fits:fitting])
            fitting = fits
        index = candidates.first_best()
        if index < 0:
            break
        chosen.append(index)
        candidates.remove(index)
        words_left -= selection.word_counts[index]
        rows, ceilings = neighbours.ceilings(index, candidates.values[: len(scores)], selection.limit - len(chosen))
        if rows.size:
            candidates.values[rows] = np.minimum(candidates.values[rows], ceilings)
    return chosen


class _Candidates:
    """The candidates' values (-inf: out), in blocks of ``BLOCK``, each with an upper bound of its
    values, so that :func:`ties.first_best`'s pick reads a few blocks, not every sentence.

    Values only fall (see :func:`_incremental`), so a bound stays an upper bound when values are
    lowered in place; a bound above its block's best value is lowered when it is read.
    """

    def __init__(self, values: np.ndarray) -> None:
        self.values = np.full(-(-len(values) // BLOCK) * BLOCK, -np.inf)
        self.values[: len(values)] = values
        self.blocks = self.values.reshape(-1, BLOCK)
        self.bounds = self.blocks.max(axis=1)

    def remove(self, index: int) -> None:
        """Put sentence ``index`` out (its block's bound made exact again)."""
        self.values[index] = -np.inf
        self.bounds[index // BLOCK] = self.blocks[index // BLOCK].max()

    def drop(self, indices: np.ndarray) -> None:
        """Put sentences out; when they are at least as many as the blocks, every bound is made
        exact again (one pass over the values, instead of a block at a time as they are read)."""
        self.values[indices] = -np.inf
        if len(indices) >= len(self.bounds):
            self.bounds = self.blocks.max(axis=1)

    def first_best(self) -> int:
        """``ties.first_best`` of the values, or -1 when no candidate is left."""
        while True:
            block = int(self.bounds.argmax())
            bound = float(self.bounds[block])
            if bound == -np.inf:
                return -1
            top = int(self.blocks[block].argmax())
            best = float(self.blocks[block, top])
            if best < bound:  # the block's values fell since its bound was set
                self.bounds[block] = best
                continue
            floor = tie_floor(best)
            while True:  # the first block (in document order) with a value at the floor: top's, or before
                block = int((self.bounds >= floor).argmax())
                ties = self.blocks[block] >= floor
                first = int(ties.argmax())
                if ties[first]:
                    break
                self.bounds[block] = self.blocks[block].max()
            return block * BLOCK + first


#: Most sentences whose similarities :class:`_Neighbours` computes in one sparse product: the
#: next pick and the candidates valued highest after it, which are likely the next picks.
PRODUCT_ROWS = 128
#: Largest magnitude of a vector entry for which no product or sum of them can overflow, so that
#: every similarity is a finite number (TF-IDF rows are unit vectors).
MAX_ENTRY = 1e100


class _Neighbours:
    """What a pick does to the other sentences' values, computed only for the sentences it can change.

    A sparse matrix (canonical CSR) gives only the sentences sharing a term with the pick. Their
    similarities are :meth:`_Selection.similarities`' floats: scipy's matrix-vector product sums
    row ``j``'s ``a[j, t] · x[t]`` in the order of its terms, and its sparse matrix product
    (``csr_matmat``) sums the same products in the same order (the pick's terms, ascending),
    leaving out only the terms the pick lacks, whose products are zeros. The product is made for
    up to ``PRODUCT_ROWS`` likely picks at a time. A dense matrix (at most ``DENSE_MAX_CELLS`` cells)
    gives every sentence, by the plain loop's own product.
    """

    def __init__(self, selection: _Selection, weighted: np.ndarray, slope: float) -> None:
        self.selection = selection
        self.weighted = weighted
        self.slope = slope
        matrix = selection.matrix
        self.none = np.zeros(0, dtype=np.intp)
        self.transposed: sp.csr_matrix | None = None
        self.cached: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self.batch, self.served = 2, 2  # the first product: 4 rows
        entries = matrix if isinstance(matrix, np.ndarray) else matrix.data
        self.finite = bool(np.isfinite(entries).all()) and (not entries.size or float(np.abs(entries).max()) <= MAX_ENTRY)
        if not isinstance(matrix, np.ndarray) and matrix.format == "csr" and matrix.has_canonical_format:
            self.matrix = matrix
            self.transposed = matrix.T.tocsr()  # row t: the sentences with term t, ascending

    def ceilings(self, index: int, values: np.ndarray, more: int) -> tuple[np.ndarray, np.ndarray]:
        """(sentences, the most each may be worth now that ``index`` is picked); ``values`` are
        the candidates' values (the highest are the likely next picks), ``more`` how many picks
        may follow."""
        if self.transposed is None:  # the plain loop's product, of every sentence
            row = self.selection.row(index)
            if not row.any():  # a pick without terms: every similarity is 0 (NaN and overflow
                return self.none, self.none  # are ruled out), and 0 is below near_duplicate if anything was picked
            similarities = self.selection.similarities(index, row)
            rising = np.flatnonzero(similarities > 0)  # nothing else lowers a value
            ceilings, lowering = self._ceilings(rising, similarities[rising])
            return rising[lowering], ceilings[lowering]
        if index not in self.cached:
            # Twice as many rows as the last product served picks: the rows computed in vain are
            # fewer than the picks (plus 4), however badly the values predict the picks.
            self.batch = min(2 * self.served, PRODUCT_ROWS, more + 1)
            self.served = 0
            picks = _likely(index, values, self.batch)
            product = (self.matrix[picks] @ self.transposed).tocsr()
            rows = product.indices.astype(np.intp)  # numpy indexes with intp: cast once, not at each pick
            ceilings, lowering = self._ceilings(rows, product.data)
            rows, ceilings = rows[lowering], ceilings[lowering]
            bounds = np.concatenate(([0], np.cumsum(lowering)))[product.indptr].tolist()  # each pick's part
            self.cached = {
                pick: (rows[bounds[row] : bounds[row + 1]], ceilings[bounds[row] : bounds[row + 1]])
                for row, pick in enumerate(picks.tolist())
            }
        self.served += 1
        return self.cached.pop(index)

    def _ceilings(self, rows: np.ndarray, similarities: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The ceilings a pick with these ``similarities`` to sentences ``rows`` puts on them, and
        which are below the sentence's first value (``weighted``): the others never lower it (with
        ``mmr`` 1, only a near-duplicate's, -inf, does)."""
        weighted = self.weighted[rows]
        ceilings = np.where(similarities >= self.selection.near_duplicate, -np.inf, weighted - self.slope * similarities)
        return ceilings, ceilings < weighted


def _likely(index: int, values: np.ndarray, count: int) -> np.ndarray:
    """``index`` and at most ``count`` - 1 other candidates, those likely picked after it: the
    highest ``values``, near-ties (equal to 8 digits) earliest first, as ``first_best`` takes them."""
    top = float(values.max())
    if count <= 1 or top == -np.inf:
        return np.array([index])
    key = np.round(values / abs(top), 8) if top else values
    level = np.partition(key, len(key) - count)[len(key) - count]
    likely = np.concatenate((np.flatnonzero(key > level), np.flatnonzero(key == level)))[:count]
    return np.concatenate(([index], likely[(likely != index) & (values[likely] > -np.inf)][: count - 1]))


def summary_worthy(
    view: str, lines: Sequence[Span], spans: Sequence[Span], budget: Budget, word_counts: Sequence[int]
) -> np.ndarray:
    """Which sentences may appear in the summary: all but headline-like lines framing the body,
    and units too long to be one sentence.

    A headline-like line (short, no closing punctuation) above the first real sentence or below
    the last one is a headline, kicker or byline that was not repeated, so deduplication left it
    in place. It ranks high — it shares words with everything, and position (the learned
    scorer's, or a position prior) favours the top — but a headline must never reach the
    summary. Headline-like lines inside the body (sub-headings, list items) stay eligible: on BBC
    dev they are often part of the reference summaries.

    A unit of more than ``MAX_SUMMARY_SENTENCE_WORDS`` words is rarely a sentence: where line
    breaks were lost, a photo caption or a sub-heading runs into the next sentence with no stop
    between them. Its length and the names it repeats make it rank high, but it reads as two
    broken sentences. Its words are counted twice, and both counts must be over: as the
    ``words`` budget counts them (``word_counts``, its tokens) and as words between spaces, so
    that a sentence of a script written without spaces (Chinese, Japanese: a token per
    character; Thai: per pair of letters) is never too long.

    Both stay in the graph and are only passed over, unless the text has too few other sentences
    for the budget. (The lines above the body do not reach here: the pipeline leaves them out of
    the ranking, ``pipeline._below_opening_lines``, unless nothing else is left.) ``lines`` are
    the analysis's lines (disjoint, in order); ``spans`` lie in them.
    """
    framing = [is_framing_line(view[a:b]) for a, b in lines]
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
