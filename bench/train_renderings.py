"""Variants of the shipped scorer judged on both renderings over several fold splits (round 7).

Run from the repository root: ``OMP_NUM_THREADS=1 python -m bench.train_renderings [--splits
20260101,1,2] [--only TEXT ...]``. Every variant is fitted as ``make train`` fits the shipped
scorer (``train.fit_final``, length power 1, each article as stored and on one line in the same
fold) and judged by ``train.cross_validate_renderings`` on both renderings; a row prints, per
split, the worst margin over the anchors (the lower of the two renderings') and the six margins
of each rendering. docs/EVALUATION.md (round 7) reports the runs:

* ``shipped``: the shipped setting (the baseline of every comparison: on these data a refit moves
  a margin by up to 0.6, so only differences over several splits mean anything);
* ``length-balanced weights``: the two corpora weigh equally within each band of document length
  (``LENGTH_EDGES`` sentences), not only overall, so that length cannot stand in for the corpus;
* ``lede centrality``: how central the article's first sentence is (its ``similarity_after``
  and ``similarity_centroid``, and its rank in the document by LexRank, TextRank and centroid
  similarity), given to every sentence of the document; ``lede ranks``: the three ranks only;
* ``position prior p``: the shipped model's out-of-fold logits minus ``p · log(i + 1)`` before
  selection (one fit per fold, every p judged on the same scores);
* ``without document length`` (round 8): the shipped features minus ``document_sentences_log``
  and ``document_words_log``, which can stand in for the corpus (long training articles are
  mostly BBC's); ``… or relative position``: also minus ``position_relative`` and
  ``relative_x_after``, from which the length can be read back;
* ``textrank blend w`` / ``lexrank blend w`` (round 8): the out-of-fold logits plus ``w`` times
  the document's z-scored TextRank (LexRank) feature, judged like the position priors;
* ``lede bonus b`` (round 9): ``b`` added to the first sentence's logit (50: the lede is always
  picked), judged like the position priors;
* ``similarity to the first sentence`` / ``… first three sentences`` (round 9): one more column,
  each sentence's cosine with the lede (``with_lede_similarity``);
* ``without style``, ``without sentence length``, ``without style or document length`` (round 9):
  the shipped features minus ``STYLE`` (numerals, capitals, quotation: they differ by language
  and house style), ``SENTENCE_LENGTH``, or both style and document length;
* ``monotone in position (basic)`` / ``(intermediate)``, ``monotone in position and centrality``
  (round 18): each member's score constrained to be monotone (LightGBM's
  ``monotone_constraints``, with that method) in the position encodings (``EARLIER_IS_BETTER``),
  and in the centralities too (``MORE_CENTRAL_IS_BETTER``);
* ``path smoothing s`` (round 18): the shipped fit with LightGBM's ``path_smooth`` at s instead
  of ``train.PATH_SMOOTH`` (0: none, as shipped before round 18);
* ``minimum leaf rows n`` (round 19): the shipped fit with LightGBM's ``min_data_in_leaf`` at n
  instead of its default, 20 (``train_lightgbm.BASE_PARAMS``);
* ``L2 λ`` and ``dart, drop rate 0.1`` (round 19): the shipped fit with LightGBM's ``lambda_l2``
  at λ, or boosted as DART (Rashmi & Gilad-Bachrach 2015: trees dropped at random while the
  next is fitted);
* ``members 3`` / ``members 9`` (round 19): an ensemble of three members (shipped before round
  19) or nine instead of ``train.MEMBERS`` (six), each member as shipped (m members: m × 100
  trees for numpy to walk on every request);
* ``word frequency: recurrence and coverage`` / ``word frequency: coverage`` (round 20): one or
  two more columns of how frequent a sentence's words are in its document (SumBasic's signal,
  ``with_word_frequency``);
* ``length powers 0.75, 1, 1.25 mixed`` (round 20): the six members split two by two between
  the relevance grades of three length powers (``MixedPowers``), averaged as one forest;
* ``60 trees at 0.25`` / ``75 trees at 0.2`` (round 20): each member grown with fewer trees at a
  higher learning rate (the shipped 100 at 0.15): a smaller forest for numpy to walk per request;
* ``oracle on top, g = 1`` / ``1.25`` (round 18): the shipped grades (length power g), with the
  sentences of each article's greedy 3-sentence ROUGE oracle raised to the top grade
  (``with_oracle_on_top``), the labels of Nallapati et al. (2017) and Liu & Lapata (2019);
* ``without textrank`` / ``without lexrank centrality`` (round 21): the shipped features minus one
  centrality and its interaction with position (what each graph's cost on the request buys);
* ``degree centralities (four)`` / ``sumy's textrank degree`` (round 21): the graphs' degree
  centralities as more columns (``with_degrees``), sumy's self-looped TextRank degree among them;
* ``paragraph position (three)`` (round 26): three more columns of where a sentence stands in
  the article's paragraphs (``train.with_paragraph_columns``: its paragraph's rank, whether it opens it, its
  paragraph's sentences; a text on one line is one paragraph); ``paragraph position or none``:
  the same at -1 for a text of one paragraph; ``paragraph model beside the flat one``
  (``ParagraphModel``): two fits, the shipped one for texts of one paragraph and one over the
  paragraph columns too for texts that have paragraphs (``… without paragraph length``: over the
  rank and the opening only); ``paragraph model beside a flat one of IndoSum`` (round 27, as
  shipped at length power 1): the first model fitted on ``train.FLAT_CORPORA`` alone; ``…, BBC
  weighing 0.25``: on both corpora, BBC's documents at a quarter of IndoSum's weight;
* ``extra trees`` / ``features by node 0.8`` (round 21): LightGBM's random split thresholds, or
  80% of the features sampled at every node as well as per tree.

``--transfer FILE …`` (round 9) also refits each chosen variant (and, for the logit shifts, the
shipped setting) on all the training documents and scores it on outside news
(``bench.transfer``'s file formats, on one line): the mean ROUGE of its summaries minus that of
LEAD-3 after cleaning. ``--splits ''`` skips the cross-validation.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from bench import train
from bench.evaluate import oracle_indices
from bench.train import Doc, folds_of, margins, worst_margin
from bench.train_alternatives import _rank01, _zscore
from bench.train_lightgbm import averaged_forest, grades
from bench.transfer import add_transfer_arguments, transfer_files
from service.rank.features import FEATURE_NAMES
from service.rank.graph import Graph
from service.rank.lexrank import THRESHOLD, lexrank_graph
from service.rank.textrank import textrank_graph
from service.rank.vectors import term_counts
from service.text.language import LanguageRegistry

#: Bands of document length (sentences) within which the corpora weigh equally.
LENGTH_EDGES = np.array([12, 20, 30])
#: Position priors tried on the shipped model's logits.
PRIORS = (0.05, 0.1, 0.2, 0.3, 0.5)
#: Weights of the z-scored centrality added to the logits (round 8).
BLENDS = (0.1, 0.25, 0.5)
#: Bonuses added to the first sentence's logit (round 9); a large one always picks the lede.
LEDE_BONUSES = (0.5, 1.0, 2.0, 50.0)
_COLUMN = {name: i for i, name in enumerate(FEATURE_NAMES)}
LEDE_FEATURES = ("lede_after", "lede_centroid", "lede_lexrank_rank", "lede_textrank_rank", "lede_centroid_rank")
LEDE_RANKS = LEDE_FEATURES[2:]
#: Features that tell a long document from a short one, so the model can recognise the corpus.
DOCUMENT_LENGTH = ("document_sentences_log", "document_words_log")
RELATIVE_POSITION = ("position_relative", "relative_x_after")
#: Per-word shares of numerals and capitals, and quotation: they differ by language and house style.
STYLE = ("numerals", "capitalised", "quotation")
SENTENCE_LENGTH = ("sentence_words_log", "sentence_words_relative", "reciprocal_x_words_log")
#: Each centrality with its interaction (round 21): a graph and a PageRank per request less each.
TEXTRANK = ("textrank", "reciprocal_x_textrank")
LEXRANK = ("lexrank", "reciprocal_x_lexrank")
#: The inverted pyramid as a constraint (round 18): all else equal, an earlier sentence scores
#: at least as high (the position encodings only; the interactions with position are left free).
EARLIER_IS_BETTER = {
    "position_relative": -1, "position_reciprocal": 1, "position_log": -1, "position_first": 1, "position_lead3": 1,
}
#: ... and a more central one too (round 18).
MORE_CENTRAL_IS_BETTER = {"lexrank": 1, "textrank": 1, "similarity_centroid": 1, "similarity_title": 1}
#: Other values of LightGBM's ``path_smooth`` than the shipped ``train.PATH_SMOOTH`` (round 18; 0: none,
#: the fit shipped before it).
PATH_SMOOTHING = (0.0, 5.0, 20.0, 40.0, 80.0, 160.0)
#: Other values of LightGBM's ``min_data_in_leaf`` than the shipped 20 (round 19).
MIN_LEAF_ROWS_TRIED = (40, 80, 120, 160)


def length_balanced_weights(docs: Sequence[Doc]) -> np.ndarray:
    """Per-document weights: each band of length keeps its share of the documents, split equally
    between the corpora present in it (``train.corpus_weights`` balances the corpora overall)."""
    bands = np.searchsorted(LENGTH_EDGES, [len(doc.labels) for doc in docs], side="right")
    corpora = np.array([doc.corpus for doc in docs])
    weights = np.zeros(len(docs))
    for band in np.unique(bands):
        in_band = bands == band
        present = np.unique(corpora[in_band])
        for corpus in present:
            members = in_band & (corpora == corpus)
            weights[members] = in_band.mean() / (len(present) * members.sum())
    return weights


def with_lede(doc: Doc, names: Sequence[str]) -> Doc:
    """``doc`` with lede-centrality columns appended (each constant over the document)."""
    rows, first = doc.features, doc.features[0]
    values = {
        "lede_after": first[_COLUMN["similarity_after"]],
        "lede_centroid": first[_COLUMN["similarity_centroid"]],
        "lede_lexrank_rank": _rank01(rows[:, _COLUMN["lexrank"]])[0],
        "lede_textrank_rank": _rank01(rows[:, _COLUMN["textrank"]])[0],
        "lede_centroid_rank": _rank01(rows[:, _COLUMN["similarity_centroid"]])[0],
    }
    return replace(doc, features=np.column_stack([rows, *[np.full(len(rows), values[name]) for name in names]]))


def with_lede_similarity(doc: Doc, lead: int) -> Doc:
    """``doc`` with one more column: each sentence's TF-IDF cosine with the first sentence
    (``lead`` = 1; the first sentence itself gets 1), or its mean cosine with the first ``lead``
    sentences other than itself. In news the lede states the story, so a sentence that restates
    it may be summary-worthy wherever it stands."""
    vectors = doc.vectors if isinstance(doc.vectors, np.ndarray) else doc.vectors.toarray()
    cosines = vectors @ vectors[:lead].T  # sentences × the first ``lead``
    if lead == 1:
        column = cosines[:, 0].copy()
        column[0] = 1.0
    else:
        own = np.arange(min(lead, len(vectors)))
        cosines[own, own] = np.nan  # a lead sentence is not compared with itself
        counts = np.sum(~np.isnan(cosines), axis=1)
        column = np.divide(np.nansum(cosines, axis=1), counts, out=np.zeros(len(vectors)), where=counts > 0)
    return replace(doc, features=np.column_stack([doc.features, column]))


def with_word_frequency(doc: Doc, columns: Sequence[str], languages: LanguageRegistry) -> Doc:
    """``doc`` with columns of how frequent a sentence's words are in its document (round 20).

    SumBasic (Nenkova & Vanderwende 2005) picks sentences by their words' probability in the
    document: the words a text repeats are the ones its summaries use. The TF-IDF centralities
    weigh such words down (the IDF is over the document's own sentences); these columns weigh
    them up. ``recurrence``: the mean over the sentence's index terms of log(1 + the term's
    occurrences in the other sentences); ``coverage``: the share of the document's term
    occurrences whose term the sentence has (what a recall-oriented measure rewards).
    """
    data = languages.data(doc.language)
    terms = data.document_terms([data.tokens(sentence) for sentence in doc.sentences])
    counts = term_counts(terms)
    dense = counts if isinstance(counts, np.ndarray) else counts.toarray()
    total = dense.sum(axis=0)
    own_terms = dense.sum(axis=1)
    others = np.log1p(total[None, :] - dense)  # each sentence: every term's occurrences elsewhere
    recurrence = np.divide((dense * others).sum(axis=1), own_terms, out=np.zeros(len(dense)), where=own_terms > 0)
    coverage = (dense > 0) @ total / max(float(total.sum()), 1.0)
    found = {"recurrence": recurrence, "coverage": coverage}
    added = np.column_stack([found[name] for name in columns]).astype(np.float32).astype(np.float64)
    return replace(doc, features=np.column_stack([doc.features, added]))


#: Degree centralities (round 21), each relative to the document's mean (1 = average): the
#: TextRank graph's weighted degree without and with the self-loop sumy keeps (a random walk on
#: a symmetric graph settles in proportion to degree, so these are PageRank without the damping's
#: smoothing, sumy's TextRank score for the second), the LexRank graph's weighted degree, and
#: the share of the other sentences within LexRank's threshold (Erkan & Radev's degree centrality).
DEGREES = ("textrank_degree", "textrank_self_degree", "lexrank_degree", "lexrank_links")


def with_degrees(doc: Doc, columns: Sequence[str], languages: LanguageRegistry) -> Doc:
    """``doc`` with degree-centrality columns (:data:`DEGREES`) appended."""
    data = languages.data(doc.language)
    terms = data.document_terms([data.tokens(sentence) for sentence in doc.sentences])

    def dense(graph: Graph) -> np.ndarray:
        return graph if isinstance(graph, np.ndarray) else graph.toarray()

    looped = dense(textrank_graph(terms, self_loops=True))
    lexrank = dense(lexrank_graph(doc.vectors))

    def relative(values: np.ndarray) -> np.ndarray:
        mean = float(values.mean()) if len(values) else 0.0
        return values / mean if mean > 0 else np.zeros(len(values))

    found = {
        "textrank_degree": relative(looped.sum(axis=1) - looped.diagonal()),
        "textrank_self_degree": relative(looped.sum(axis=1)),
        "lexrank_degree": relative(lexrank.sum(axis=1)),
        "lexrank_links": (lexrank >= THRESHOLD).sum(axis=1) / max(len(terms) - 1, 1),
    }
    added = np.column_stack([found[name] for name in columns]).astype(np.float32).astype(np.float64)
    return replace(doc, features=np.column_stack([doc.features, added]))


def with_oracle_on_top(doc: Doc, length_power: float, scorers: dict[str, train.Rouge]) -> Doc:
    """``doc`` graded as shipped (with ``length_power``), except that the sentences of its greedy
    3-sentence oracle over all eligible sentences (``evaluate.oracle_indices``, by the mean of
    R1 and R2 F1 as Liu & Lapata 2019) get the top grade: what a 3-sentence summary should pick,
    by the measure it is judged on (round 18)."""
    scorer = scorers.setdefault(doc.language, train.Rouge(doc.language))
    graded = grades(doc, length_power, train.GRADES, train.SENTENCES)
    graded[oracle_indices(doc.sentences, doc.eligible, lambda summary: scorer.ngram_f1(summary, doc.reference))] = train.GRADES
    scorer.clear()
    return replace(doc, grades=graded)


def with_paragraphs_or_none(doc: Doc) -> Doc:
    """``train.with_paragraph_columns``, with the three columns at -1 for a text of one paragraph (a text on
    one line): no paragraph to read, rather than one paragraph that holds every sentence."""
    added = train.with_paragraph_columns(doc)
    if not train.has_paragraphs(doc):
        added.features[:, -3:] = -1.0
    return added


def without(doc: Doc, names: Sequence[str]) -> Doc:
    """``doc`` without the feature columns ``names``."""
    return replace(doc, features=np.delete(doc.features, [_COLUMN[name] for name in names], axis=1))


def _cells(docs: Sequence[Doc], results: Sequence[dict[str, float]]) -> tuple[float, str]:
    summary = margins(docs, results)
    cells = " / ".join(f"{summary[c][f'{m}_margin']:+.2f}" for c in ("bbc", "indosum") for m in train.METRICS)
    return worst_margin(summary), cells


def _row(name: str, split: int, renderings: Sequence[Sequence[Doc]], results: Sequence[Sequence[dict[str, float]]]) -> None:
    judged = [_cells(docs, rs) for docs, rs in zip(renderings, results, strict=True)]
    worst = min(w for w, _ in judged)
    print(f"| {name} | {split} | {worst:+.2f} | {judged[0][1]} | {judged[1][1]} |", flush=True)


@dataclass(frozen=True)
class Variant:
    """How a variant differs from the shipped fit: its documents' features, its corpus weights
    (None: the shipped ones), LightGBM settings added to the shipped ones and the ensemble's size."""

    change: Callable[[Doc], Doc] = lambda doc: doc
    weights: Callable[..., Any] | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    members: int = train.MEMBERS

    def fit(self, docs: Sequence[Doc]) -> Any:
        return train.fit_final(docs, 1.0, weights=self.weights, extra_params=self.params, members=self.members)


@dataclass(frozen=True)
class ParagraphModel(Variant):
    """Two models (round 26): the shipped fit, without the paragraph columns, for texts of one
    paragraph (a text on one line among them), and a second fit over the paragraph columns too,
    on the documents that have paragraphs, for texts that have them. The documents carry the
    columns of :func:`with_paragraphs_or_none` (-1: one paragraph)."""

    #: Paragraph columns the second model reads (of the three, in order); the first model reads none.
    columns: tuple[int, ...] = (0, 1, 2)
    #: Round 27: the first model learns from these corpora only (``train.flat_training``; None: all) ...
    flat_corpora: tuple[str, ...] | None = None
    #: ... or from all, BBC's documents weighing this much relative to IndoSum's.
    flat_bbc_weight: float = 1.0

    def fit(self, docs: Sequence[Doc]) -> Any:
        flat = [replace(doc, features=doc.features[:, :-3]) for doc in docs]
        if self.flat_corpora is not None:
            flat = train.flat_training(flat, self.flat_corpora)
        structured = [replace(doc, features=self._structured(doc.features)) for doc in docs if doc.features[0, -3] >= 0]
        first = train.fit_final(flat, 1.0, weights=self._flat_weights)
        return _PairedModels(first, train.fit_final(structured, 1.0), self._structured)

    def _flat_weights(self, docs: Sequence[Doc]) -> np.ndarray:
        scale = np.where([doc.corpus == "bbc" for doc in docs], self.flat_bbc_weight, 1.0)
        return train.corpus_weights(docs) * scale

    def _structured(self, features: np.ndarray) -> np.ndarray:
        width = features.shape[1] - 3
        return features[:, [*range(width), *(width + c for c in self.columns)]]


@dataclass(frozen=True)
class _PairedModels:
    flat: Any
    structured: Any
    columns: Callable[[np.ndarray], np.ndarray]

    def score(self, features: np.ndarray) -> np.ndarray:
        if features.shape[0] and features[0, -3] >= 0:
            return self.structured.score(self.columns(features))
        return self.flat.score(features[:, :-3])


@dataclass(frozen=True)
class MixedPowers(Variant):
    """The shipped ensemble's members split between relevance grades of several length powers
    (round 20): ``members // len(powers)`` members per power, each group with its own bagging
    seeds, all averaged as one forest. A hedge between what the corpora reward (long sentences
    for BBC's long references, short ones for IndoSum's) inside one model."""

    powers: tuple[float, ...] = (0.75, 1.0, 1.25)

    def fit(self, docs: Sequence[Doc]) -> Any:
        from service.rank.learned import LearnedScorer

        groups = [
            train.fit_final(docs, power, seed=train.SEED + 100 * k, members=self.members // len(self.powers))
            for k, power in enumerate(self.powers)
        ]
        model = averaged_forest([group.exported for group in groups])
        return LearnedScorer.from_dict({"feature_names": list(FEATURE_NAMES), "model": model})


def fitted_variant(
    renderings: Sequence[Sequence[Doc]], scorers: dict[str, train.Rouge], folds: np.ndarray, variant: Variant
) -> list[list[dict[str, float]]]:
    """``train.cross_validate_renderings`` of the variant's fit."""
    return train.cross_validate_renderings(renderings, variant.fit, scorers, folds)


def _position_prior(p: float) -> Callable[[np.ndarray, Doc], np.ndarray]:
    return lambda raw, doc: raw - p * np.log1p(np.arange(len(raw)))


def _lede_bonus(b: float) -> Callable[[np.ndarray, Doc], np.ndarray]:
    return lambda raw, doc: raw + b * (np.arange(len(raw)) == 0)


def _centrality_blend(w: float, name: str) -> Callable[[np.ndarray, Doc], np.ndarray]:
    column = _COLUMN[name]
    return lambda raw, doc: raw + w * _zscore(doc.features[:, column])


#: Shifts of the out-of-fold logits judged by :func:`logit_rows`, by row name.
LOGIT_SHIFTS: dict[str, Callable[[np.ndarray, Doc], np.ndarray]] = {
    **{f"position prior p = {p:g}": _position_prior(p) for p in PRIORS},
    **{f"textrank blend w = {w:g}": _centrality_blend(w, "textrank") for w in BLENDS},
    "lexrank blend w = 0.25": _centrality_blend(0.25, "lexrank"),
    **{f"lede bonus b = {b:g}": _lede_bonus(b) for b in LEDE_BONUSES},
}


def shifted_softmax(raw: np.ndarray, doc: Doc, shift: Callable[[np.ndarray, Doc], np.ndarray]) -> np.ndarray:
    """The softmax over the document of its logits after ``shift``: the scores selection reads."""
    shifted = shift(raw, doc)
    softmax = np.exp(shifted - shifted.max())
    return softmax / softmax.sum()


def logit_rows(
    renderings: Sequence[Sequence[Doc]],
    scorers: dict[str, train.Rouge],
    folds: np.ndarray,
    split: int,
    wanted: Callable[[str], bool],
) -> None:
    """One fit per fold; every wanted shift of :data:`LOGIT_SHIFTS` judged on the same out-of-fold logits."""
    logits: list[list[np.ndarray]] = [[np.zeros(0)] * len(docs) for docs in renderings]
    for fold in range(int(folds.max()) + 1):
        model = train.fit_final([d for docs in renderings for d, f in zip(docs, folds, strict=True) if f != fold], 1.0)
        for docs, out in zip(renderings, logits, strict=True):
            for i in np.flatnonzero(folds == fold):
                out[i] = model.logits(docs[i].features)
    for name, shift in LOGIT_SHIFTS.items():
        if not wanted(name):
            continue
        results = []
        for docs, out in zip(renderings, logits, strict=True):
            scored = []
            for doc, raw in zip(docs, out, strict=True):
                scored.append(train.summary_scores(doc, shifted_softmax(raw, doc, shift), scorers[doc.language]))
            results.append(scored)
        _row(name, split, renderings, results)


def monotone(signs: Mapping[str, int], method: str = "basic") -> dict[str, Any]:
    """LightGBM settings that make each member's score monotone in the features of ``signs``
    (+1 never lower as the feature grows, −1 never higher), the others unconstrained."""
    return {"monotone_constraints": [signs.get(name, 0) for name in FEATURE_NAMES], "monotone_constraints_method": method}


def variants() -> dict[str, Variant]:
    """Every variant, by row name."""
    languages = LanguageRegistry()
    table = {
        "shipped": Variant(),
        "length-balanced weights": Variant(weights=length_balanced_weights),
        "lede centrality (five)": Variant(lambda doc: with_lede(doc, LEDE_FEATURES)),
        "lede ranks (three)": Variant(lambda doc: with_lede(doc, LEDE_RANKS)),
        "paragraph position (three)": Variant(train.with_paragraph_columns),
        "paragraph position or none (three)": Variant(with_paragraphs_or_none),
        "paragraph model beside the flat one": ParagraphModel(with_paragraphs_or_none),
        "paragraph model beside the flat one, without paragraph length": ParagraphModel(with_paragraphs_or_none, columns=(0, 1)),
        "paragraph model beside a flat one of IndoSum": ParagraphModel(with_paragraphs_or_none, flat_corpora=train.FLAT_CORPORA),
        "paragraph model beside a flat one, BBC weighing 0.25": ParagraphModel(with_paragraphs_or_none, flat_bbc_weight=0.25),
        "similarity to the first sentence": Variant(lambda doc: with_lede_similarity(doc, 1)),
        "similarity to the first three sentences": Variant(lambda doc: with_lede_similarity(doc, 3)),
        "word frequency: recurrence and coverage": Variant(
            lambda doc: with_word_frequency(doc, ("recurrence", "coverage"), languages)
        ),
        "word frequency: coverage": Variant(lambda doc: with_word_frequency(doc, ("coverage",), languages)),
        "degree centralities (four)": Variant(lambda doc: with_degrees(doc, DEGREES, languages)),
        "sumy's textrank degree": Variant(lambda doc: with_degrees(doc, ("textrank_self_degree",), languages)),
        "monotone in position (basic)": Variant(params=monotone(EARLIER_IS_BETTER)),
        "monotone in position (intermediate)": Variant(params=monotone(EARLIER_IS_BETTER, "intermediate")),
        "monotone in position and centrality": Variant(params=monotone({**EARLIER_IS_BETTER, **MORE_CENTRAL_IS_BETTER})),
    }
    for smooth in PATH_SMOOTHING:
        table[f"path smoothing {smooth:g}"] = Variant(params={"path_smooth": smooth})
    for rows in MIN_LEAF_ROWS_TRIED:
        table[f"minimum leaf rows {rows}"] = Variant(params={"min_data_in_leaf": rows})
    for l2 in (10.0, 30.0):
        table[f"L2 {l2:g}"] = Variant(params={"lambda_l2": l2})
    table["extra trees"] = Variant(params={"extra_trees": True})
    table["features by node 0.8"] = Variant(params={"feature_fraction_bynode": 0.8})
    table["dart, drop rate 0.1"] = Variant(params={"boosting": "dart", "drop_rate": 0.1, "skip_drop": 0.5})
    for members in (3, 9):
        table[f"members {members}"] = Variant(members=members)
    table["length powers 0.75, 1, 1.25 mixed"] = MixedPowers()
    for trees, rate in ((60, 0.25), (75, 0.2)):
        table[f"{trees} trees at {rate:g}"] = Variant(params={"num_iterations": trees, "learning_rate": rate})
    oracle_scorers: dict[str, train.Rouge] = {}
    for power in (1.0, 1.25):
        table[f"oracle on top, g = {power:g}"] = Variant(lambda doc, power=power: with_oracle_on_top(doc, power, oracle_scorers))
    for name, dropped in (
        ("without document length", DOCUMENT_LENGTH),
        ("without document length or relative position", DOCUMENT_LENGTH + RELATIVE_POSITION),
        ("without style", STYLE),
        ("without sentence length", SENTENCE_LENGTH),
        ("without style or document length", STYLE + DOCUMENT_LENGTH),
        ("without textrank", TEXTRANK),
        ("without lexrank centrality", LEXRANK),
    ):
        table[name] = Variant(lambda doc, dropped=dropped: without(doc, dropped))
    return table


def transfer_row(
    name: str,
    model: Any,
    change: Callable[[Doc], Doc],
    outside: Mapping[str, Sequence[Doc]],
    scorers: dict[str, train.Rouge],
    shift: Callable[[np.ndarray, Doc], np.ndarray] | None = None,
) -> str:
    """A variant refitted on all the training documents, on each outside file: the mean of its
    3-sentence summaries' ROUGE minus that of LEAD-3 after cleaning (the first three sentences
    the pipeline keeps), R1 / R2 / RLsum × 100; ``shift``: a :data:`LOGIT_SHIFTS` entry applied
    to the model's logits before selection."""
    cells = []
    for docs in outside.values():
        differences = []
        for doc in docs:
            scorer = scorers[doc.language]
            changed = change(doc)
            if shift is None:
                scores = train.softmax_scores(model, changed)
            else:
                scores = shifted_softmax(model.logits(changed.features), doc, shift)
            chosen = train.summary_scores(changed, scores, scorer)
            lead = scorer.f1(doc.sentences[: train.SENTENCES], doc.reference)
            differences.append([chosen[m] - lead[m] for m in train.METRICS])
        cells.append(" / ".join(f"{value:+.2f}" for value in np.mean(differences, axis=0)))
    return f"| {name} | " + " | ".join(cells) + " |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Scorer variants on both renderings over several fold splits.")
    parser.add_argument("--data", default=train.DEFAULT_DATA)
    parser.add_argument("--splits", default=f"{train.SEED},1,2", help="fold seeds, comma-separated ('' for none)")
    parser.add_argument("--only", nargs="*", default=[], help="variants whose name contains one of these texts")
    add_transfer_arguments(
        parser, "outside articles (bench.transfer's formats) to score each variant on, refitted on all the training documents"
    )
    args = parser.parse_args(argv)
    resources = train.training_resources()
    docs, flat = train.load_renderings(args.data, resources)
    scorers = {"en": train.Rouge("en"), "id": train.Rouge("id")}
    train.add_anchors(docs, args.data, None, scorers)
    train.add_anchors(flat, args.data, None, scorers, flat=True)
    wanted = (lambda name: any(text in name for text in args.only)) if args.only else (lambda name: True)
    chosen = {name: variant for name, variant in variants().items() if wanted(name)}
    renderings = {name: ([v.change(d) for d in docs], [v.change(d) for d in flat]) for name, v in chosen.items()}
    print("| variant | split | worst | as stored: BBC R1 / R2 / RLsum, IndoSum … | on one line: the same |")
    print("|---|---:|---:|---|---|")
    for split in (int(seed) for seed in args.splits.split(",") if seed):
        folds = folds_of(docs, seed=split)
        for name, variant in chosen.items():
            _row(name, split, renderings[name], fitted_variant(renderings[name], scorers, folds, variant))
        if any(wanted(name) for name in LOGIT_SHIFTS):
            logit_rows((docs, flat), scorers, folds, split, wanted)
    if args.transfer:
        outside = transfer_files(args, resources)
        for doc in (doc for found in outside.values() for doc in found):
            scorers.setdefault(doc.language, train.Rouge(doc.language))
        columns = [f"{name} ({len(found)}) − LEAD-3 after cleaning" for name, found in outside.items()]
        print("\n| variant, refitted on all | " + " | ".join(columns) + " |")
        print("|---|" + "---|" * len(outside))
        for name, variant in chosen.items():
            model = variant.fit([*renderings[name][0], *renderings[name][1]])
            print(transfer_row(name, model, variant.change, outside, scorers), flush=True)
        shifts = [name for name in LOGIT_SHIFTS if wanted(name)]
        if shifts:
            shipped = train.fit_final([*docs, *flat], 1.0)
            for name in shifts:
                print(transfer_row(name, shipped, lambda doc: doc, outside, scorers, LOGIT_SHIFTS[name]), flush=True)
    return 0

if __name__ == "__main__":
    sys.exit(main())
