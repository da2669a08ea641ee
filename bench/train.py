"""Fit the learned sentence scorer (``make train``) and write ``service/rank/data/scorer.json``.

Run from the repository root: ``python -m bench.train [--data DIR] [--output FILE]``.

Data: BBC News Summary dev, IndoSum dev and IndoSum train (``../shared/data``). Labels: for BBC
the article sentences found in the (extractive) reference, for IndoSum the ``gold_sentences``.
Half of the articles (chosen by a hash of their id) are analysed with their title, the others
without, so the title feature is learned but never relied on.

Model: 300 gradient-boosted trees of depth ≤ 6 (scikit-learn's histogram GBDT, logistic loss,
learning rate 0.07, exported to arrays for numpy), with per-document sample weights: a document's positives
share weight 1 (in proportion to length ** g when there are more than the budget), its
negatives weight 1, each corpus weighing equally. g is chosen by 5-fold document-level
cross-validation with the objective "worst margin over the anchors": the lowest of the six
differences (R1, R2, RLsum on each corpus) between the model's 3-sentence summaries and the
anchor of that corpus (sumy TextRank on BBC, LEAD-3 on IndoSum). Everything is deterministic
(fixed seeds, one OpenMP thread — ``make train`` sets it), so two runs write the same bytes.
It also writes tests/data/scorer_fixture.json (stored features and scikit-learn's scores).

``--compare`` also cross-validates the linear alternatives (softmax-per-document logistic
regression, class-balanced pointwise logistic regression) and prints their margins.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize

from bench._harness import SHARED_DATA
from bench.evaluate import (
    Rouge,
    labels_for,
    lead,
    read_jsonl,
    regex_words,
    sha256,
    sumy_stemmer_and_stop_words,
    top_k,
)
from service.config import Config
from service.models import Budget, SummaryOptions
from service.pipeline import Resources, analyse
from service.rank.features import FEATURE_NAMES, sentence_features
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
METRICS = ("rouge1", "rouge2", "rougeLsum")
SEED = 20260101
FOLDS = 5
SENTENCES = 3
#: The pipeline's MMR λ for the learned scorer: the model is judged as it will be used.
MMR = SummaryOptions().selection_mmr
#: L2 penalty of the linear alternative (--compare; features are standardised).
PENALTY = 0.001
#: Length powers tried for the target weights (see :func:`_target`): the hyperparameter that
#: trades BBC (long extracts) against IndoSum (short lead summaries) most.
LENGTH_POWERS = (1.5, 2.0, 2.5)
#: Gradient boosting: trees of depth ≤ 6 (≤ 31 leaves, scikit-learn's default), 300 rounds at
#: learning rate 0.07. Capacity was the lever that helped most in CV (worst margin: 100 depth-4
#: trees −2.43, 200 depth-6 −1.39 to −1.42, 300 depth-6 −0.98, 400 depth-6 at 0.05 −1.04; see
#: docs/EVALUATION.md); 300 such trees evaluate in about 0.13 ms for a 25-sentence article.
TREE_DEPTH = 6
TREES = 300
LEARNING_RATE = 0.07
#: The fixture of tests/test_learned.py: the feature rows of this many training documents.
FIXTURE = REPO / "tests" / "data" / "scorer_fixture.json"
FIXTURE_DOCUMENTS = 4
#: Significant digits stored for every float in the data file: far below any effect on a
#: ranking, and it keeps the file small and stable across BLAS builds.
DIGITS = 8
#: Target mass of a positive sentence ∝ its length to this power (see :func:`fit_softmax`).
LENGTH_POWER = 1.0


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
    return Doc(
        id=row["id"],
        corpus=corpus,
        file=file,
        language=language,
        reference=row["reference"],
        sentences=[row["text"][a:b] for a, b in analysis.spans],
        features=features,
        labels=labels_for(texts, gold),
        word_counts=[len(t) for t in analysis.tokens],
        vectors=analysis.vectors,
        eligible=summary_worthy(analysis.view, analysis.lines, analysis.spans, Budget("sentences", SENTENCES)),
    )


def load_docs(data_dir: Path, resources: Resources, limit: int | None = None) -> list[Doc]:
    docs = []
    for corpus, name, _language in TRAINING_FILES:
        for row in read_jsonl(data_dir / name, limit):
            doc = build_doc(row, corpus, name, resources)
            if doc is not None:
                docs.append(doc)
    return docs


def add_anchors(docs: Sequence[Doc], data_dir: Path, limit: int | None, scorers: dict[str, Rouge]) -> None:
    """The anchor of each document's corpus (sumy TextRank on BBC, LEAD-3 on IndoSum), run as
    bench/evaluate.py runs them."""
    rows = {(name, row["id"]): row for _c, name, _l in TRAINING_FILES for row in read_jsonl(data_dir / name, limit)}
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


def fit_softmax(docs: Sequence[Doc], penalty: float, length_power: float = LENGTH_POWER) -> LearnedScorer:
    """Linear scorer minimising the per-document softmax loss.

    A document's positives share its target mass in proportion to ``words ** length_power``:
    with a fixed number of sentences, ROUGE rewards the labelled sentences that carry more of
    the reference's words.
    """
    usable = [doc for doc in docs if doc.labels.sum() > 0]
    features = np.vstack([doc.features for doc in usable])
    mean = features.mean(axis=0)
    scale = features.std(axis=0)
    scale[scale < 1e-12] = 1.0
    x = (features - mean) / scale
    sizes = np.array([len(doc.labels) for doc in usable])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    doc_of_row = np.repeat(np.arange(len(usable)), sizes)
    target = np.concatenate([_target(doc, length_power) for doc in usable])
    weights = corpus_weights(usable)
    row_weight = weights[doc_of_row]
    total = weights.sum()

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w
        peak = np.maximum.reduceat(z, starts)
        exp = np.exp(z - peak[doc_of_row])
        norm = np.add.reduceat(exp, starts)
        log_partition = peak + np.log(norm)
        probability = exp / norm[doc_of_row]
        value = float(weights @ (log_partition - np.add.reduceat(target * z, starts))) / total
        gradient = x.T @ (row_weight * (probability - target)) / total
        return value + 0.5 * penalty * float(w @ w), gradient + penalty * w

    result = minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 1000, "gtol": 1e-9})
    return LearnedScorer(FEATURE_NAMES, mean, scale, np.asarray(result.x), 0.0)


def fit_pointwise(docs: Sequence[Doc], penalty: float) -> Callable[[np.ndarray], np.ndarray]:
    """Class-balanced pointwise logistic regression (scikit-learn; for --compare only)."""
    from sklearn.linear_model import LogisticRegression

    x, y, w, mean, scale = _pointwise_data(docs)
    model = LogisticRegression(C=1.0 / (penalty * len(y)), max_iter=2000)
    model.fit((x - mean) / scale, y, sample_weight=w)
    return lambda f: model.decision_function((f - mean) / scale)


def fit_trees(docs: Sequence[Doc], length_power: float) -> LearnedScorer:
    """Gradient-boosted trees (scikit-learn's histogram GBDT, logistic loss), exported for numpy.

    Sample weights carry the per-document loss: a document's positives share weight 1 as in
    :func:`_target` (by length when there are more than the budget), its negatives share
    weight 1, and each corpus weighs equally. scikit-learn is used here only; the exported
    trees are evaluated by ``learned.Trees``.
    """
    from sklearn.ensemble import HistGradientBoostingClassifier

    x = np.vstack([doc.features for doc in docs])
    y = np.concatenate([doc.labels for doc in docs])
    positive = np.concatenate([_target(doc, length_power) if doc.labels.sum() > 0 else np.zeros(len(doc.labels)) for doc in docs])
    negative = np.concatenate([(1 - doc.labels) / max(float((1 - doc.labels).sum()), 1.0) for doc in docs])
    per_doc = np.concatenate([np.full(len(doc.labels), w) for doc, w in zip(docs, corpus_weights(docs), strict=True)])
    weight = (positive + negative) * per_doc
    model = HistGradientBoostingClassifier(
        max_depth=TREE_DEPTH, max_iter=TREES, learning_rate=LEARNING_RATE, early_stopping=False, random_state=SEED
    )
    model.fit(x, y, sample_weight=weight * len(y) / weight.sum())
    trees = []
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        trees.append(
            {
                "feature": nodes["feature_idx"].tolist(),
                "threshold": nodes["num_threshold"].tolist(),
                "left": nodes["left"].tolist(),
                "right": nodes["right"].tolist(),
                "value": nodes["value"].tolist(),
                "leaf": nodes["is_leaf"].astype(int).tolist(),
            }
        )
    exported = {
        "kind": "trees",
        "baseline": float(np.ravel(model._baseline_prediction)[0]),
        "depth": TREE_DEPTH + 1,
        "trees": trees,
    }
    scorer = LearnedScorer.from_dict({"feature_names": list(FEATURE_NAMES), "model": exported})
    check = x[:: max(1, len(x) // 2000)]
    assert np.allclose(scorer.logits(check), model.decision_function(check), atol=1e-9), "tree export differs from scikit-learn"
    object.__setattr__(scorer, "exported", exported)  # kept for writing the data file ...
    object.__setattr__(scorer, "reference", model.decision_function)  # ... and its test fixture
    return scorer


def _softmax(logits: np.ndarray) -> np.ndarray:
    """Scores on the scale the pipeline's selection sees (MMR rescales them to [0, 1])."""
    exp = np.exp(logits - logits.max())
    return exp / exp.sum()


def _pointwise_data(docs: Sequence[Doc]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    x = np.vstack([doc.features for doc in docs])
    y = np.concatenate([doc.labels for doc in docs])
    w = np.concatenate([np.full(len(doc.labels), cw) for doc, cw in zip(docs, corpus_weights(docs), strict=True)])
    for corpus in {doc.corpus for doc in docs}:  # balance the classes within each corpus
        rows = np.concatenate([np.full(len(doc.labels), doc.corpus == corpus) for doc in docs])
        for label in (0.0, 1.0):
            mask = rows & (y == label)
            w[mask] *= 0.5 * w[rows].sum() / max(w[mask].sum(), 1e-12)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-12] = 1.0
    return x, y, w * len(y) / w.sum(), mean, scale


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
    out: list[dict[str, float]] = [{} for _ in docs]
    for fold in range(int(folds.max()) + 1):
        model = fit([doc for doc, f in zip(docs, folds, strict=True) if f != fold])
        for i in np.flatnonzero(folds == fold):
            out[i] = summary_scores(docs[i], predict(model, docs[i]), scorers[docs[i].language])
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


def scorer_document(
    model: LearnedScorer, length_power: float, grid: dict[str, Any], files: list[dict[str, Any]]
) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "feature_names": list(FEATURE_NAMES),
        "model": model.exported,  # type: ignore[attr-defined]
        "training": {
            "command": "python -m bench.train",
            "files": files,
            "seed": SEED,
            "folds": FOLDS,
            "objective": "worst margin (R1/R2/RLsum F1) over sumy TextRank on BBC and LEAD-3 on IndoSum, 5-fold CV",
            "selection": {"sentences": SENTENCES, "mmr": MMR},
            "trees": {"depth": TREE_DEPTH, "rounds": TREES, "learning_rate": LEARNING_RATE},
            "length_power": length_power,
            "cv": _round(grid),
        },
    }


def write_fixture(path: Path, model: LearnedScorer, docs: Sequence[Doc], scorer_file: Path) -> None:
    """A few stored feature vectors and scikit-learn's scores of them: tests/test_learned.py checks
    that the shipped file, evaluated by numpy, gives the same scores."""
    rows = np.vstack([doc.features for doc in docs[:: max(1, len(docs) // FIXTURE_DOCUMENTS)][:FIXTURE_DOCUMENTS]])
    expected = model.reference(rows)  # type: ignore[attr-defined]
    data = {"scorer_sha256": sha256(scorer_file), "features": rows.tolist(), "logits": np.asarray(expected).tolist()}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")


def fit_final(docs: Sequence[Doc], length_power: float) -> LearnedScorer:
    """The model of the data file (also what bench/evaluate.py refits per fold)."""
    return fit_trees(docs, length_power)


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
    docs = load_docs(args.data, resources, args.limit)
    scorers = {"en": Rouge("en"), "id": Rouge("id")}
    add_anchors(docs, args.data, args.limit, scorers)
    folds = folds_of(docs)
    print(
        f"{len(docs)} documents, {sum(len(d.labels) for d in docs)} sentences ({time.perf_counter() - began:.0f} s)",
        file=sys.stderr,
    )

    grid: dict[str, Any] = {}
    best: tuple[float, float] | None = None
    for power in LENGTH_POWERS:
        results = cross_validate(docs, lambda train, g=power: fit_trees(train, g), softmax_scores, scorers, folds)
        summary = margins(docs, results)
        worst = worst_margin(summary)
        grid[f"length_power={power:g}"] = {"worst_margin": worst, **summary}
        print(f"length power {power:g}: worst margin {worst:+.2f} {json.dumps(_round(summary))}", file=sys.stderr)
        if best is None or worst > best[0] + 1e-9:
            best = (worst, power)
    assert best is not None
    power = best[1]
    if args.compare:
        compare(docs, scorers, folds)
    model = fit_final(docs, power)
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


def compare(docs: Sequence[Doc], scorers: dict[str, Rouge], folds: np.ndarray) -> None:
    """Cross-validated worst margins of the linear alternatives (printed; quoted in EVALUATION.md)."""
    candidates: dict[str, tuple[Callable[[Sequence[Doc]], Any], Callable[[Any, Doc], np.ndarray]]] = {}
    for power in LENGTH_POWERS:
        candidates[f"softmax LR, length power {power:g}"] = (
            lambda train, g=power: fit_softmax(train, PENALTY, g),
            lambda model, doc: model.score(doc.features),
        )
    candidates["pointwise class-balanced LR"] = (
        lambda train: fit_pointwise(train, PENALTY),
        lambda model, doc: _softmax(model(doc.features)),
    )
    for name, (fit, predict) in candidates.items():
        summary = margins(docs, cross_validate(docs, fit, predict, scorers, folds))
        print(f"{name}: worst margin {worst_margin(summary):+.2f} {json.dumps(_round(summary))}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
