"""Fit the learned sentence scorer (``make train``) and write ``service/rank/data/scorer.json``.

Run from the repository root: ``python -m bench.train [--data DIR] [--output FILE]``.

Data: BBC News Summary dev, IndoSum dev and IndoSum train (``../shared/data``). Labels: for BBC
the article sentences found in the (extractive) reference, for IndoSum the ``gold_sentences``.
Half of the articles (chosen by a hash of their id) are analysed with their title, the others
without, so the title feature is learned but never relied on.

Model: the mean of six LightGBM rankers (``rank_xendcg``, query = one document;
``bench/train_lightgbm.py``), each of 100 trees of depth ≤ 6 with ≤ 63 leaves at learning rate
0.15 grown on 80% of the rows and of the features per tree (bagging, one seed per member), each
node's value smoothed towards its parent's (``path_smooth`` 10), exported as one 600-tree forest
to the arrays that ``service/rank/learned.py`` walks with numpy (LightGBM is a training-time
dependency only). A sentence's relevance grade is 0 for a negative, 3 for a positive of a
document with at most 3 positives, else ⌈3 · t⌉ with t its words ** g relative to the document's longest positive (3
sentences cover more of a long extractive reference with the longer ones); each corpus weighs
equally. Every article is used twice, as stored and with its line breaks as spaces (how the
one-line corpora and many scrapers deliver news), both renderings in the same fold. g is chosen
by 5-fold document-level cross-validation with the objective "worst margin over the anchors":
the lowest of the nine differences (R1, R2, RLsum on each corpus as stored, and on IndoSum on
one line) between the model's 3-sentence summaries and the anchor of that corpus on the same text
(sumy TextRank on BBC, LEAD-3 on IndoSum). Texts of one paragraph (on one line among them) are
scored by a model fitted on IndoSum alone (``FLAT_CORPORA``, round 27), texts of more than one by
a second model over paragraph columns too, fitted on both corpora (round 26). Everything is
deterministic (fixed seeds, one thread, LightGBM's ``deterministic`` mode — ``make train`` also
sets ``OMP_NUM_THREADS=1``), so two runs write the same bytes, on any CPU: the features are
float32 values (``features.sentence_features``) and ties between the anchors' scores are decided
with a tolerance (``service/ties.py``), so the last-bit differences of numpy's and OpenBLAS's
per-CPU kernels cannot reach the trees (docs/EVALUATION.md, round 10). It also
writes tests/data/scorer_fixture.json (stored features and LightGBM's raw scores of them).

``--compare`` also cross-validates the linear alternatives (softmax-per-document logistic
regression, class-balanced pointwise logistic regression) and prints their margins;
``python -m bench.train_alternatives`` runs the other alternatives of docs/EVALUATION.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from bench._harness import SHARED_DATA
from bench.evaluate import (
    Rouge,
    labels_for,
    lead,
    one_line,
    read_jsonl,
    regex_words,
    sha256,
    sumy_stemmer_and_stop_words,
    top_k,
)
from service.config import Config
from service.models import Budget, SummaryOptions
from service.pipeline import Resources, analyse
from service.rank.features import FEATURE_NAMES, PARAGRAPH_FEATURE_NAMES, paragraph_features, paragraph_indices, sentence_features
from service.rank.features import has_paragraphs as features_have_paragraphs
from service.rank.graph import Vectors
from service.rank.learned import DATA_FILE, SCHEMA_VERSION, LearnedScorer
from service.rank.sumy_reference import sumy_scores
from service.select import select_sentences, summary_worthy
from service.text.language import LanguageRegistry

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = SHARED_DATA
#: (corpus, file relative to the data directory, language)
TRAINING_FILES: tuple[tuple[str, str, str], ...] = (
    ("bbc", "bbc_news_summary/dev.jsonl", "en"),
    ("indosum", "indosum/dev.jsonl", "id"),
    ("indosum", "indosum/train.jsonl", "id"),
)
ANCHOR = {"bbc": "sumy TextRank", "indosum": "LEAD-3"}
#: The corpora the model for texts of one paragraph (a text on one line among them) learns from
#: (round 27): those whose references are short summaries written from the lead, as news
#: summaries are almost everywhere (CNN/DailyMail, XSum, Detik: docs/EVALUATION.md, rounds 8
#: and 27). BBC's references are extracts of ~45% of the article, which teach long central
#: sentences from anywhere: a model that learns them as well is 5.9 R1 below LEAD-3 on
#: CNN/DailyMail on one line and 1.7 below it on XSum (BBC's own articles with their editors'
#: one-sentence summaries); fitted on IndoSum alone it is 0.2 above and 0.2 below, and 2.9
#: above LEAD-3 on IndoSum on one line in cross-validation (0.2 before). A text on one line
#: comes from a source whose layout we cannot see, so it is summarised as news usually is;
#: the paragraph model, for the texts that keep their paragraphs, still learns both corpora.
FLAT_CORPORA = ("indosum",)
METRICS = ("rouge1", "rouge2", "rougeLsum")
SEED = 20260101
FOLDS = 5
SENTENCES = 3
#: The pipeline's MMR λ for the learned scorer: the model is judged as it will be used.
MMR = SummaryOptions().selection_mmr
#: Length powers tried for the relevance grades (see ``train_lightgbm.grades``): the
#: hyperparameter that trades BBC (long extracts) against IndoSum (short lead summaries) most.
LENGTH_POWERS = (0.75, 1.0, 1.25)
#: The scorer: the mean of ``MEMBERS`` LightGBM rankers (``rank_xendcg`` over graded labels),
#: each of ``TREES`` trees of depth ≤ 6 with ≤ 63 leaves at learning rate 0.15, grown on a random
#: ``BAGGING`` share of the rows and of the features per tree (seeds ``SEED + 1 …``). Averaging
#: bagged rankers lowers the variance that a single one showed from split to split: worst CV
#: margin, mean over three fold splits, −1.00 → −0.80 with three members (docs/EVALUATION.md,
#: round 6). Six (round 19) lower it further: mean worst margin over seven fold splits −0.79 →
#: −0.69, and in make eval's harness, over three bagging draws, every measure of both corpora
#: 0.14–0.20 higher, the draws closer together. The price is the walk: 600 trees instead of 300,
#: 115–150 µs more per seed-sized request (docs/PERFORMANCE.md).
OBJECTIVE = "rank_xendcg"
GRADES = 3
TREE_DEPTH = 6
LEAVES = 63
MEMBERS = 6
TREES = 100
LEARNING_RATE = 0.15
BAGGING = 0.8
#: Path smoothing (LightGBM ``path_smooth``): each node's value is shrunk towards its parent's,
#: the more the fewer rows it holds, so that small leaves fitted to a few documents' quirks count
#: less. Chosen over seven fold splits (docs/EVALUATION.md, round 18): the worst margin rises on
#: every split (mean −0.91 → −0.79), and every mean margin, on both corpora and renderings, is
#: at or above the unsmoothed one. 5 helps less; 20 to 160 about as much (160 also on every
#: split), none clearly more: 10 is the mildest smoothing that does it.
PATH_SMOOTH = 10.0
#: The fixture of tests/test_learned.py: the feature rows of this many training documents.
FIXTURE = REPO / "tests" / "data" / "scorer_fixture.json"
FIXTURE_DOCUMENTS = 4
#: Significant digits stored for every float in the data file: far below any effect on a
#: ranking, and it keeps the file small and stable across BLAS builds.
DIGITS = 8

@dataclass
class Doc:
    """One article, analysed as the pipeline does, with everything the training needs."""

    id: str
    corpus: str
    file: str
    language: str
    reference: str
    sentences: list[str]  # as the pipeline cuts them, from the original text
    features: np.ndarray
    labels: np.ndarray
    word_counts: list[int]
    vectors: Vectors
    eligible: np.ndarray
    anchors: dict[str, dict[str, float]] = field(default_factory=dict)
    grades: np.ndarray | None = None  # relevance grades replacing the labels' (bench/train_renderings.py)
    paragraphs: np.ndarray | None = None  # each sentence's paragraph (features.paragraph_indices; round 26)


def training_resources() -> Resources:
    """Pipeline resources without loading a scorer file (training is what writes it)."""
    config = Config.load()
    languages = LanguageRegistry()
    width = len(FEATURE_NAMES)
    placeholder = LearnedScorer(FEATURE_NAMES, np.zeros(width), np.ones(width), np.zeros(width), 0.0)
    return Resources(config=config, languages=languages, scorer=placeholder)


def with_title(doc_id: str) -> bool:
    """Half of the articles are analysed with their title (a stable hash of the id decides)."""
    return hashlib.sha256(doc_id.encode()).digest()[0] % 2 == 0


def build_doc(row: dict[str, Any], corpus: str, file: str, resources: Resources) -> Doc | None:
    language = row["lang"]
    title = (row.get("title") or None) if with_title(row["id"]) else None
    analysis = analyse(row["text"], SummaryOptions(language=language, title=title), resources)
    if len(analysis.spans) == 0:
        return None
    data = resources.languages.data(language)
    texts = [analysis.view[a:b] for a, b in analysis.spans]
    headline_terms = data.terms(analysis.headline_text) if analysis.headline_text else None
    features = sentence_features(texts, analysis.tokens, analysis.terms, analysis.vectors, headline_terms)
    gold = row["gold_sentences"] if corpus == "indosum" else row["reference"].split("\n")
    word_counts = [len(t) for t in analysis.tokens]
    return Doc(
        id=row["id"],
        corpus=corpus,
        file=file,
        language=language,
        reference=row["reference"],
        sentences=[row["text"][a:b] for a, b in analysis.spans],
        features=features,
        labels=labels_for(texts, gold),
        word_counts=word_counts,
        vectors=analysis.vectors,
        eligible=summary_worthy(analysis.view, analysis.lines, analysis.spans, Budget("sentences", SENTENCES), word_counts),
        paragraphs=np.asarray(paragraph_indices(analysis.view, analysis.spans), dtype=np.int64),
    )


def _rows(data_dir: Path, name: str, limit: int | None, flat: bool) -> list[dict[str, Any]]:
    """A training file's rows, with each text on one line (``evaluate.one_line``) when ``flat``."""
    rows = read_jsonl(data_dir / name, limit)
    return [{**row, "text": one_line(row["text"])} for row in rows] if flat else rows


def load_docs(data_dir: Path, resources: Resources, limit: int | None = None, *, flat: bool = False) -> list[Doc]:
    """The training documents, analysed as the pipeline analyses them; ``flat``: every article
    with its line breaks as spaces, as the one-line corpora (and many scrapers) deliver it."""
    docs = []
    for corpus, name, _language in TRAINING_FILES:
        for row in _rows(data_dir, name, limit, flat):
            doc = build_doc(row, corpus, name, resources)
            if doc is not None:
                docs.append(doc)
    return docs


def load_renderings(data_dir: Path, resources: Resources, limit: int | None = None) -> tuple[list[Doc], list[Doc]]:
    """The documents as stored and the same documents on one line, in the same order.

    The scorer is trained on both (each article twice, in the same cross-validation fold) and
    judged on both: the service receives articles with their paragraphs and without them.
    """
    docs, flat = load_docs(data_dir, resources, limit), load_docs(data_dir, resources, limit, flat=True)
    if [(d.file, d.id) for d in docs] != [(d.file, d.id) for d in flat]:
        raise ValueError("an article analysed as stored and on one line gave different document sets")
    return docs, flat


def add_anchors(
    docs: Sequence[Doc], data_dir: Path, limit: int | None, scorers: dict[str, Rouge], *, flat: bool = False
) -> None:
    """The anchor of each document's corpus (sumy TextRank on BBC, LEAD-3 on IndoSum), run as
    bench/evaluate.py runs them, on the text the documents were analysed from (``flat``: on one line)."""
    rows = {(name, row["id"]): row for _c, name, _l in TRAINING_FILES for row in _rows(data_dir, name, limit, flat)}
    sumy = {language: sumy_stemmer_and_stop_words(language) for language in ("en", "id")}
    for doc in docs:
        row = rows[(doc.file, doc.id)]
        scorer = scorers[doc.language]
        if ANCHOR[doc.corpus] == "LEAD-3":
            doc.anchors["LEAD-3"] = scorer.f1(lead(row["text"], doc.language), doc.reference)
            continue
        plain = _sentences_for_sumy(row["text"], doc.language)
        stemmer, stop_words = sumy[doc.language]
        scores = sumy_scores("textrank", [regex_words(s) for s in plain], stemmer=stemmer, stop_words=stop_words)
        doc.anchors["sumy TextRank"] = scorer.f1([plain[i] for i in top_k(list(scores))], doc.reference)


def _sentences_for_sumy(text: str, language: str) -> list[str]:
    from bench.evaluate import sentences_of

    return sentences_of(text, language)


# --------------------------------------------------------------------------- models


def _target(doc: Doc, length_power: float) -> np.ndarray:
    """Target distribution over a document's sentences: its positives, uniformly when the budget
    can take them all, else in proportion to ``words ** length_power`` (a fixed number of
    sentences covers more of a long reference with longer ones)."""
    if doc.labels.sum() <= SENTENCES:
        return doc.labels / doc.labels.sum()
    mass = doc.labels * np.asarray(doc.word_counts, dtype=np.float64) ** length_power
    return mass / mass.sum()


def corpus_weights(docs: Sequence[Doc]) -> np.ndarray:
    """Per-document weights: each corpus sums to 1 (so BBC and IndoSum weigh equally)."""
    counts: dict[str, int] = {}
    for doc in docs:
        counts[doc.corpus] = counts.get(doc.corpus, 0) + 1
    return np.array([1.0 / counts[doc.corpus] for doc in docs])


# --------------------------------------------------------------------------- evaluation


def folds_of(docs: Sequence[Doc], folds: int = FOLDS, seed: int = SEED) -> np.ndarray:
    """Document-level fold of each document: a seeded permutation within each corpus."""
    out = np.zeros(len(docs), dtype=int)
    rng = np.random.default_rng(seed)
    for corpus in sorted({doc.corpus for doc in docs}):
        members = np.array([i for i, doc in enumerate(docs) if doc.corpus == corpus])
        out[members[rng.permutation(len(members))]] = np.arange(len(members)) % folds
    return out


def summary_scores(doc: Doc, scores: np.ndarray, scorer: Rouge, mmr: float = MMR) -> dict[str, float]:
    chosen = select_sentences(
        scores, doc.word_counts, doc.vectors, Budget("sentences", SENTENCES), mmr=mmr, eligible=doc.eligible
    )
    return scorer.f1([doc.sentences[i] for i in chosen], doc.reference)


def softmax_scores(model: LearnedScorer, doc: Doc) -> np.ndarray:
    return model.score(doc.features)


def cross_validate(
    docs: Sequence[Doc],
    fit: Callable[[Sequence[Doc]], Any],
    predict: Callable[[Any, Doc], np.ndarray],
    scorers: dict[str, Rouge],
    folds: np.ndarray,
) -> list[dict[str, float]]:
    """ROUGE of every document's summary by a model fitted on the other folds."""
    return cross_validate_renderings([docs], fit, scorers, folds, predict=predict)[0]


def cross_validate_renderings(
    renderings: Sequence[Sequence[Doc]],
    fit: Callable[[Sequence[Doc]], Any],
    scorers: dict[str, Rouge],
    folds: np.ndarray,
    *,
    tested: Sequence[Sequence[Doc]] | None = None,
    predict: Callable[[Any, Doc], np.ndarray] = softmax_scores,
) -> list[list[dict[str, float]]]:
    """ROUGE of every document's summary by a model fitted on every rendering (as stored, on one
    line) of the other folds' documents: one list per rendering in ``tested`` (default: the
    renderings trained on). All renderings hold the same documents in the same order."""
    tested = renderings if tested is None else tested
    out: list[list[dict[str, float]]] = [[{} for _ in docs] for docs in tested]
    for fold in range(int(folds.max()) + 1):
        model = fit([doc for docs in renderings for doc, f in zip(docs, folds, strict=True) if f != fold])
        for docs, results in zip(tested, out, strict=True):
            for i in np.flatnonzero(folds == fold):
                results[i] = summary_scores(docs[i], predict(model, docs[i]), scorers[docs[i].language])
    return out


def margins(docs: Sequence[Doc], results: Sequence[dict[str, float]]) -> dict[str, dict[str, float]]:
    """Mean ROUGE and margin over the corpus's anchor, per corpus and measure."""
    out: dict[str, dict[str, float]] = {}
    for corpus in sorted({doc.corpus for doc in docs}):
        idx = [i for i, doc in enumerate(docs) if doc.corpus == corpus]
        for metric in METRICS:
            mean = float(np.mean([results[i][metric] for i in idx]))
            anchor = float(np.mean([docs[i].anchors[ANCHOR[corpus]][metric] for i in idx]))
            out.setdefault(corpus, {})[metric] = mean
            out[corpus][f"{metric}_margin"] = mean - anchor
    return out


def worst_margin(summary: dict[str, dict[str, float]]) -> float:
    return min(values[f"{m}_margin"] for values in summary.values() for m in METRICS)


def objective(summaries: Mapping[str, dict[str, dict[str, float]]]) -> float:
    """``make train``'s objective: the worst margin over the anchors of every corpus as stored and
    of :data:`FLAT_CORPORA` on one line (``summaries``: :func:`margins` of each rendering). BBC on
    one line is summarised by a model that never learns BBC's long extracts (round 27); its
    margins are reported, not maximised."""
    one_line = {corpus: values for corpus, values in summaries["one line"].items() if corpus in FLAT_CORPORA}
    return min(worst_margin(summaries["as stored"]), worst_margin(one_line))


def _round(value: Any) -> Any:
    if isinstance(value, float):
        return float(f"{value:.{DIGITS}g}")
    if isinstance(value, np.ndarray):
        return [_round(float(v)) for v in value]
    if isinstance(value, dict):
        return {k: _round(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_round(v) for v in value]
    return value


def tree_metadata() -> dict[str, Any]:
    """How the shipped forest is grown, as the data file records it (tests/test_learned.py checks
    that the shipped file was written with these settings)."""
    return {
        "library": "lightgbm",
        "objective": OBJECTIVE,
        "grades": GRADES,
        "depth": TREE_DEPTH,
        "leaves": LEAVES,
        "members": MEMBERS,
        "rounds_per_member": TREES,
        "learning_rate": LEARNING_RATE,
        "bagging_fraction": BAGGING,
        "feature_fraction": BAGGING,
        "path_smooth": PATH_SMOOTH,
    }


def scorer_document(
    model: LearnedScorer, length_power: float, grid: dict[str, Any], files: list[dict[str, Any]]
) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "feature_names": list(FEATURE_NAMES),
        "model": model.exported,  # type: ignore[attr-defined]
        "paragraph_feature_names": list(PARAGRAPH_FEATURE_NAMES),
        "paragraph_model": model.paragraphs.exported,  # type: ignore[union-attr]
        "training": {
            "command": "python -m bench.train",
            "files": files,
            "seed": SEED,
            "folds": FOLDS,
            "objective": "worst margin (R1/R2/RLsum F1) over sumy TextRank on BBC and LEAD-3 on IndoSum, 5-fold CV, "
            "articles as stored and, for IndoSum, on one line (the model for texts of one paragraph fitted on IndoSum "
            "as stored and on one line; the paragraph model on the articles of both corpora of more than one paragraph)",
            "selection": {"sentences": SENTENCES, "mmr": MMR},
            "trees": tree_metadata(),
            "length_power": length_power,
            "cv": _round(grid),
        },
    }


def write_fixture(path: Path, model: LearnedScorer, docs: Sequence[Doc], scorer_file: Path) -> None:
    """A few stored feature vectors and LightGBM's raw scores of them: tests/test_learned.py checks
    that the shipped file, evaluated by numpy, gives the same scores."""
    sample = docs[:: max(1, len(docs) // FIXTURE_DOCUMENTS)][:FIXTURE_DOCUMENTS]
    rows = np.vstack([doc.features for doc in sample])
    expected = model.reference(rows)  # type: ignore[attr-defined]
    structured = np.vstack([with_paragraph_columns(doc).features for doc in sample])
    assert model.paragraphs is not None
    data = {
        "scorer_sha256": sha256(scorer_file),
        "features": rows.tolist(),
        "logits": np.asarray(expected).tolist(),
        "paragraph_features": structured.tolist(),
        "paragraph_logits": np.asarray(model.paragraphs.reference(structured)).tolist(),  # type: ignore[attr-defined]
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")


def has_paragraphs(doc: Doc) -> bool:
    """Whether the paragraph model scores ``doc`` (``features.has_paragraphs``)."""
    return features_have_paragraphs(doc.paragraphs)  # type: ignore[arg-type]  # an array of ints


def with_paragraph_columns(doc: Doc) -> Doc:
    """``doc`` with the paragraph model's columns (``features.PARAGRAPH_FEATURE_NAMES``) appended."""
    assert doc.paragraphs is not None
    return replace(doc, features=np.hstack([doc.features, paragraph_features(doc.paragraphs)]))


def flat_training(docs: Sequence[Doc], corpora: Sequence[str] = FLAT_CORPORA) -> list[Doc]:
    """The documents the model for texts of one paragraph learns from: those of ``corpora``, or
    all of them when there are none (``make eval``'s model trained on BBC only)."""
    chosen = [doc for doc in docs if doc.corpus in corpora]
    return chosen or list(docs)


def fit_paired(docs: Sequence[Doc], length_power: float, seed: int = SEED, **options: Any) -> LearnedScorer:
    """The two models of the data file (round 26): :func:`fit_final` on the documents of
    :func:`flat_training` (round 27), and on every document of more than one paragraph over the
    paragraph columns too, as the ``paragraphs`` of the first. ``options``: as :func:`fit_final`'s."""
    flat = fit_final(flat_training(docs), length_power, seed, **options)
    structured = fit_final([with_paragraph_columns(doc) for doc in docs if has_paragraphs(doc)], length_power, seed, **options)
    paired = replace(flat, paragraphs=structured)
    object.__setattr__(paired, "exported", flat.exported)  # type: ignore[attr-defined]
    object.__setattr__(paired, "reference", flat.reference)  # type: ignore[attr-defined]
    return paired


def paired_scores(model: LearnedScorer, doc: Doc) -> np.ndarray:
    """The scores of ``doc`` by the model the pipeline would use for it (:meth:`LearnedScorer.rank`)."""
    if model.paragraphs is not None and has_paragraphs(doc):
        return model.paragraphs.score(with_paragraph_columns(doc).features)
    return model.score(doc.features)


def fit_final(
    docs: Sequence[Doc],
    length_power: float,
    seed: int = SEED,
    weights: Callable[[Sequence[Doc]], np.ndarray] | None = None,
    extra_params: Mapping[str, Any] | None = None,
    members: int = MEMBERS,
) -> LearnedScorer:
    """The model of the data file (also what bench/evaluate.py refits per fold); ``seed``: another
    draw of the members' bagging (bench/train_alternatives.py); ``weights``: other per-document
    weights than :func:`corpus_weights`, ``extra_params``: LightGBM settings added to the shipped
    ones, ``members``: another ensemble size (all three for bench/train_renderings.py's variants)."""
    from bench.train_lightgbm import fit_ensemble

    params = {
        "max_depth": TREE_DEPTH,
        "num_leaves": LEAVES,
        "learning_rate": LEARNING_RATE,
        "path_smooth": PATH_SMOOTH,
        **(extra_params or {}),
    }
    return fit_ensemble(
        docs, OBJECTIVE, length_power, members=members, bagging=BAGGING, levels=GRADES, rounds=TREES, seed=seed,
        budget=SENTENCES, params=params, weights=weights,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fit the learned sentence scorer (writes service/rank/data/scorer.json).")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--output", type=Path, default=DATA_FILE)
    parser.add_argument("--limit", type=int, default=None, help="first N articles of each file (smoke runs)")
    parser.add_argument("--fixture", default=str(FIXTURE), help="test fixture written with the model ('' for none)")
    parser.add_argument("--compare", action="store_true", help="also cross-validate the linear alternatives")
    args = parser.parse_args(argv)
    missing = [name for _c, name, _l in TRAINING_FILES if not (args.data / name).is_file()]
    if missing:
        print(f"make train needs {', '.join(missing)} under {args.data}; nothing was written.", file=sys.stderr)
        return 1
    began = time.perf_counter()
    resources = training_resources()
    docs, flat = load_renderings(args.data, resources, args.limit)
    scorers = {"en": Rouge("en"), "id": Rouge("id")}
    add_anchors(docs, args.data, args.limit, scorers)
    add_anchors(flat, args.data, args.limit, scorers, flat=True)
    folds = folds_of(docs)
    print(
        f"{len(docs)} documents, {sum(len(d.labels) for d in docs)} sentences as stored, "
        f"{sum(len(d.labels) for d in flat)} on one line ({time.perf_counter() - began:.0f} s)",
        file=sys.stderr,
    )

    grid: dict[str, Any] = {}
    best: tuple[float, float] | None = None
    for power in LENGTH_POWERS:
        stored, one_line_results = cross_validate_renderings(
            [docs, flat], lambda train, g=power: fit_paired(train, g), scorers, folds, predict=paired_scores
        )
        summaries = {"as stored": margins(docs, stored), "one line": margins(flat, one_line_results)}
        worst = objective(summaries)
        grid[f"length_power={power:g}"] = {"worst_margin": worst, **summaries}
        print(f"length power {power:g}: worst margin {worst:+.2f} {json.dumps(_round(summaries))}", file=sys.stderr)
        if best is None or worst > best[0] + 1e-9:
            best = (worst, power)
    assert best is not None
    power = best[1]
    if args.compare:
        from bench.train_alternatives import compare

        compare(docs, scorers, folds)
    model = fit_paired([*docs, *flat], power)
    files = [
        {"file": name, "rows": len(read_jsonl(args.data / name, args.limit)), "sha256": sha256(args.data / name)}
        for _c, name, _l in TRAINING_FILES
    ]
    document = scorer_document(model, power, grid, files)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(document, separators=(",", ":")) + "\n", encoding="utf-8")
    if args.fixture:
        write_fixture(Path(args.fixture), model, docs, args.output)
    print(
        f"wrote {args.output} (length power {power:g}, worst CV margin {best[0]:+.2f}; {time.perf_counter() - began:.0f} s)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
