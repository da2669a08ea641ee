"""Ranking variants for issue 3, measured with the same ROUGE set-up as ``bench/evaluate.py``.

Run from the repository root: ``python -m bench.variants [--limit N] [--only NAME ...]``.

Every variant sees exactly what the pipeline's ranker sees (the same normalisation, headline
stripping, sentence splitting and index terms: :func:`prepare` repeats those steps of
``service.pipeline.summarize`` and is checked against it), and picks 3 sentences with the
pipeline's own ``select_sentences`` unless it says otherwise (MMR). Only the scores differ.

Variants (no training):

* LexRank thresholded (0.1, the service) / continuous weights, with or without self-loops.
* TextRank (the service).
* Position prior as personalised PageRank: the teleport vector is ``p_i ∝ (i + 1)^-α``
  (Otterbacher et al. 2005, "Using random walks for question-focused sentence retrieval",
  biased LexRank with a prior instead of a query) or ``p_i ∝ exp(-i / τ)``; ``i`` is the
  0-based sentence position after headline stripping.
* PacSum-style directed centrality (Zheng & Lapata 2019, "Sentence centrality revisited"):
  ``c_i = λ1 Σ_{j<i} e_ij + λ2 Σ_{j>i} e_ij`` with ``e_ij = max(0, sim_ij − (min + β (max − min)))``.
* Query bias: teleport ∝ cosine to the detected headline (Otterbacher et al. 2005).
* MMR selection (Carbonell & Goldstein 1998) on top of a ranking.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial

import numpy as np
import scipy.sparse as sp
from tqdm import tqdm

from bench.evaluate import (
    DEFAULT_DATA,
    METRICS,
    SENTENCES,
    SUMMARY_SETS,
    Rouge,
    read_jsonl,
    regex_words,
    sentences_of,
    sumy_stemmer_and_stop_words,
    top_k,
)
from service.config import Config
from service.dedup import find_duplicates
from service.models import SummaryOptions
from service.pipeline import Resources, _subtract, summarize
from service.rank.graph import DAMPING, pagerank, term_counts
from service.rank.lexrank import THRESHOLD, lexrank_scores, tfidf_vectors
from service.rank.sumy_reference import sumy_scores
from service.rank.textrank import textrank_scores
from service.select import Budget, select_sentences
from service.text.normalise import processing_view
from service.text.segment import Span, split_lines, split_sentences

# --------------------------------------------------------------------------- the ranker's input


@dataclass(frozen=True)
class Prepared:
    """One article as the ranker sees it."""

    texts: list[str]
    terms: list[list[str]]
    word_counts: list[int]
    headline_terms: list[str] = field(default_factory=list)

    @property
    def vectors(self) -> sp.csr_matrix:
        return tfidf_vectors(self.terms)


def prepare(text: str, language: str, resources: Resources) -> Prepared:
    """The steps of ``summarize`` up to ranking (default options, ``language`` given)."""
    config = resources.config
    view = processing_view(text)
    lines = split_lines(view)

    def sentences_of(span: Span) -> list[Span]:
        return split_sentences(view, span, language)

    dedup = find_duplicates(view, lines, sentences_of, threshold=config.dedup_threshold, title=None, strip_headlines=True)
    spans = [piece for line in lines for s in sentences_of(line) for piece in _subtract(view, s, dedup.removed)]
    data = resources.languages.data(language)
    headline = data.terms(view[dedup.headline[0] : dedup.headline[1]]) if dedup.headline else []
    return Prepared(
        texts=[text[a:b] for a, b in spans],
        terms=[data.terms(view[a:b]) for a, b in spans],
        word_counts=[len(data.tokens(view[a:b])) for a, b in spans],
        headline_terms=headline,
    )


# --------------------------------------------------------------------------- graph pieces


def cosine_matrix(vectors: sp.csr_matrix) -> np.ndarray:
    """Dense cosine similarities of L2-normalised rows (articles have tens of sentences)."""
    return np.asarray((vectors @ vectors.T).todense())


def personalised_pagerank(weights: np.ndarray | sp.spmatrix, teleport: np.ndarray, damping: float = DAMPING) -> np.ndarray:
    """PageRank whose random jumps (and dangling nodes) follow ``teleport``: the service's own
    :func:`service.rank.graph.pagerank`, on a sparse graph (the power iteration) so that every
    variant converges the same way."""
    return pagerank(sp.csr_matrix(weights), damping=damping, teleport=teleport)


def power_prior(n: int, alpha: float) -> np.ndarray:
    """``p_i ∝ (i + 1)^-α``: Zipf-like decay with position."""
    return (np.arange(n, dtype=np.float64) + 1.0) ** -alpha


def exp_prior(n: int, tau: float) -> np.ndarray:
    """``p_i ∝ exp(-i / τ)``: τ sentences is the prior's e-folding length."""
    return np.exp(-np.arange(n, dtype=np.float64) / tau)


def lexrank_weights(doc: Prepared, *, threshold: float | None, self_loops: bool) -> np.ndarray:
    sim = cosine_matrix(doc.vectors)
    if threshold is not None:
        sim = (sim >= threshold).astype(np.float64)
    if not self_loops:
        np.fill_diagonal(sim, 0.0)
    else:  # a sentence with words is fully similar to itself; an empty one has no loop
        np.fill_diagonal(sim, (np.asarray(doc.vectors.multiply(doc.vectors).sum(axis=1)).ravel() > 0).astype(float))
    return sim


def textrank_weights(doc: Prepared, *, self_loops: bool = False, multiset: bool = False) -> np.ndarray:
    """TextRank edges: shared terms / (log|S_i| + log|S_j|).

    The service's version counts distinct shared terms and has no self-loops. ``multiset`` counts
    ``Σ_{w ∈ S_i} count_j(w)`` and ``self_loops`` keeps the diagonal, as sumy does; both favour
    long sentences.
    """
    counts = term_counts(doc.terms)
    present = (counts > 0).astype(np.float64)
    shared = np.asarray((counts @ present.T if multiset else present @ present.T).todense())
    if multiset:
        shared = np.asarray((counts @ counts.T).todense())
    logs = np.log(np.maximum(np.array([len(t) for t in doc.terms], dtype=np.float64), 1.0))
    norm = logs[:, None] + logs[None, :]
    weights = np.divide(shared, norm, out=shared.copy(), where=norm > 0)
    if not self_loops:
        np.fill_diagonal(weights, 0.0)
    return weights


# --------------------------------------------------------------------------- rankers


Ranker = Callable[[Prepared], np.ndarray]


def rank_lexrank(doc: Prepared, *, threshold: float | None = THRESHOLD, self_loops: bool = False) -> np.ndarray:
    return pagerank(sp.csr_matrix(lexrank_weights(doc, threshold=threshold, self_loops=self_loops)))


def rank_textrank(doc: Prepared) -> np.ndarray:
    return textrank_scores(doc.terms)


def rank_biased(
    doc: Prepared,
    *,
    graph: str = "lexrank_cont",
    prior: str = "power",
    param: float = 1.0,
    damping: float = DAMPING,
) -> np.ndarray:
    """Personalised PageRank with a position prior as the teleport distribution."""
    n = len(doc.terms)
    if graph.startswith("textrank"):
        weights = textrank_weights(doc, self_loops="loops" in graph, multiset="multi" in graph)
    else:
        weights = lexrank_weights(doc, threshold=THRESHOLD if graph == "lexrank_thr" else None, self_loops=False)
    teleport = power_prior(n, param) if prior == "power" else exp_prior(n, param)
    return personalised_pagerank(weights, teleport, damping)


def rank_pacsum(doc: Prepared, *, lambda1: float = -2.0, lambda2: float = 1.0, beta: float = 0.6) -> np.ndarray:
    """PacSum directed centrality on TF-IDF cosine (Zheng & Lapata 2019, §3.2–3.3)."""
    sim = cosine_matrix(doc.vectors)
    n = sim.shape[0]
    if n <= 1:
        return np.ones(n)
    off = sim[~np.eye(n, dtype=bool)]
    low, high = off.min(), off.max()
    edges = np.maximum(0.0, sim - (low + beta * (high - low)))
    np.fill_diagonal(edges, 0.0)
    before = np.tril(edges, k=-1).sum(axis=1)  # j < i: edges to preceding sentences
    after = np.triu(edges, k=1).sum(axis=1)  # j > i
    return lambda1 * before + lambda2 * after


def rank_query(doc: Prepared, *, graph: str = "lexrank_cont", floor: float = 0.05, damping: float = DAMPING) -> np.ndarray:
    """Biased LexRank with the detected headline as the query; plain LexRank when there is none."""
    n = len(doc.terms)
    weights = lexrank_weights(doc, threshold=THRESHOLD if graph == "lexrank_thr" else None, self_loops=False)
    if not doc.headline_terms:
        return pagerank(sp.csr_matrix(weights))
    vectors = tfidf_vectors([*doc.terms, doc.headline_terms])
    relevance = np.asarray((vectors[:n] @ vectors[n].T).todense()).ravel()
    return personalised_pagerank(weights, relevance + floor, damping)


# --------------------------------------------------------------------------- selection


def select_default(doc: Prepared, scores: np.ndarray) -> list[int]:
    return select_sentences(scores, doc.word_counts, doc.vectors, Budget("sentences", SENTENCES))


def select_mmr(doc: Prepared, scores: np.ndarray, *, lam: float = 0.7) -> list[int]:
    """MMR: argmax λ·score' − (1 − λ)·max cos(chosen); score' is the score scaled to [0, 1]."""
    n = len(scores)
    if n == 0:
        return []
    span = float(scores.max() - scores.min())
    relevance = (scores - scores.min()) / span if span > 0 else np.ones(n)
    sim = cosine_matrix(doc.vectors)
    chosen: list[int] = []
    redundancy = np.zeros(n)
    available = np.ones(n, dtype=bool)
    for _ in range(min(SENTENCES, n)):
        value = np.where(available, lam * relevance - (1 - lam) * redundancy, -np.inf)
        best = int(np.argmax(value))
        chosen.append(best)
        available[best] = False
        redundancy = np.maximum(redundancy, sim[best])
    return sorted(chosen)


# --------------------------------------------------------------------------- the variants


@dataclass(frozen=True)
class Variant:
    name: str
    rank: Ranker
    select: Callable[[Prepared, np.ndarray], list[int]] = select_default


def lead_rank(doc: Prepared) -> np.ndarray:
    """LEAD-3 after headline stripping (descending scores by position)."""
    return -np.arange(len(doc.terms), dtype=np.float64)


def build_variants() -> list[Variant]:
    """The variants reported in docs (a grid over α, τ and d was explored with ``--limit 200``)."""
    v = [
        Variant("LEAD-3 (after headline stripping)", lead_rank),
        Variant("lexrank thr0.1 (lexrank_weights=threshold)", lambda doc: lexrank_scores(doc.terms, continuous=False)),
        Variant("lexrank thr0.1 +self-loops", partial(rank_lexrank, self_loops=True)),
        Variant("lexrank continuous (service, position_prior=0)", partial(rank_lexrank, threshold=None)),
        Variant("lexrank continuous +self-loops", partial(rank_lexrank, threshold=None, self_loops=True)),
        Variant("lexrank continuous + MMR λ=0.7", partial(rank_lexrank, threshold=None), partial(select_mmr, lam=0.7)),
        Variant("query-biased lexrank cont (detected headline)", rank_query),
        Variant("PacSum tfidf λ1=-2 λ2=1 β=0.6", rank_pacsum),
        Variant("PacSum tfidf λ1=0 λ2=1 β=0.6", partial(rank_pacsum, lambda1=0.0)),
        Variant("textrank (service)", rank_textrank),
        Variant("textrank +self-loops", lambda doc: pagerank(sp.csr_matrix(textrank_weights(doc, self_loops=True)))),
        Variant("textrank multiset", lambda doc: pagerank(sp.csr_matrix(textrank_weights(doc, multiset=True)))),
        Variant(
            "textrank multiset +self-loops (sumy-like)",
            lambda doc: pagerank(sp.csr_matrix(textrank_weights(doc, self_loops=True, multiset=True))),
        ),
    ]
    for graph in ("lexrank_thr", "lexrank_cont", "textrank", "textrank_multi"):
        for alpha in (0.5, 1.0, 2.0):
            v.append(Variant(f"{graph} + prior (i+1)^-{alpha:g}, d=0.85", partial(rank_biased, graph=graph, param=alpha)))
    v += [
        Variant("lexrank_cont + prior exp(-i/3), d=0.85", partial(rank_biased, prior="exp", param=3.0)),
        Variant("textrank_multi + prior (i+1)^-0.5, d=0.7", partial(rank_biased, graph="textrank_multi", param=0.5, damping=0.7)),
        Variant("textrank_multi + prior (i+1)^-0.5, d=0.6", partial(rank_biased, graph="textrank_multi", param=0.5, damping=0.6)),
        Variant(
            "textrank_multi + prior exp(-i/2), d=0.6",
            partial(rank_biased, graph="textrank_multi", prior="exp", param=2.0, damping=0.6),
        ),
        Variant(
            "textrank_loops + prior exp(-i/2), d=0.6",
            partial(rank_biased, graph="textrank_loops", prior="exp", param=2.0, damping=0.6),
        ),
        Variant(
            "lexrank_cont + prior (i+1)^-1 + MMR λ=0.7",
            partial(rank_biased, param=1.0),
            partial(select_mmr, lam=0.7),
        ),
    ]
    return v


# --------------------------------------------------------------------------- running


_STATE: dict[str, object] = {}  # per worker process: resources, variants, scorers


def _init() -> None:
    _STATE["resources"] = Resources.build(Config.load())
    _STATE["variants"] = build_variants()
    _STATE["scorers"] = {language: Rouge(language) for _, _, language in SUMMARY_SETS}
    _STATE["sumy"] = {language: sumy_stemmer_and_stop_words(language) for _, _, language in SUMMARY_SETS}


def _article(task: tuple[str, str, str, str, tuple[str, ...] | None]) -> tuple[str, dict[str, np.ndarray]]:
    dataset, language, text, reference, only = task
    resources: Resources = _STATE["resources"]  # type: ignore[assignment]
    variants: list[Variant] = _STATE["variants"]  # type: ignore[assignment]
    scorer: Rouge = _STATE["scorers"][language]  # type: ignore[index]
    scorer.clear()
    doc = prepare(text, language, resources)
    out = {}
    if not only or any(o in "sumy LEAD-3 (raw)" for o in only):
        sentences = sentences_of(text, language)
        words = [regex_words(sentence) for sentence in sentences]
        stemmer, stop_words = _STATE["sumy"][language]  # type: ignore[index]
        for name, algorithm in (("sumy LexRank (reference)", "lexrank"), ("sumy TextRank (reference)", "textrank")):
            ranked = sumy_scores(algorithm, words, stemmer=stemmer, stop_words=stop_words)  # type: ignore[arg-type]
            scores = scorer.f1([sentences[i] for i in top_k(list(ranked))], reference)
            out[name] = np.array([scores[m] for m in METRICS])
        scores = scorer.f1(sentences[:SENTENCES], reference)
        out["LEAD-3 (raw)"] = np.array([scores[m] for m in METRICS])
    for variant in variants:
        if only and not any(o in variant.name for o in only):
            continue
        chosen = variant.select(doc, variant.rank(doc)) if doc.terms else []
        scores = scorer.f1([doc.texts[i] for i in chosen], reference)
        out[variant.name] = np.array([scores[m] for m in METRICS])
    return dataset, out


def check_prepare(rows: Sequence[dict], language: str, resources: Resources) -> int:
    """Mismatches between ``prepare`` + service LexRank and ``summarize`` (must be 0)."""
    bad = 0
    for row in rows:
        doc = prepare(row["text"], language, resources)
        ours = [doc.texts[i] for i in select_default(doc, lexrank_scores(doc.terms))]
        plain = SummaryOptions(algorithm="lexrank", language=language, position_prior=0.0)  # the ranker alone, as above
        theirs = [s.text for s in summarize(row["text"], plain, resources).sentences]
        bad += ours != theirs
    return bad


def check_rouge(rows: Sequence[dict], language: str) -> float:
    """Largest difference between :class:`bench.evaluate.Rouge` and rouge_score's own ``score`` (must be ~0)."""
    cached = Rouge(language)
    worst = 0.0
    for row in rows:
        summary = [s for s in row["text"].split("\n")[:3] if s.strip()]
        official = cached.scorer.score(row["reference"], "\n".join(" ".join(s.split()) for s in summary))
        ours = cached.f1(summary, row["reference"])
        worst = max(worst, max(abs(ours[m] - 100 * official[m].fmeasure) for m in METRICS))
    return worst


def main(argv: list[str] | None = None) -> int:
    import multiprocessing

    parser = argparse.ArgumentParser(description="ROUGE of ranking variants (issue 3).")
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--only", nargs="*", default=None, help="substrings of variant names to run")
    parser.add_argument("--check", action="store_true", help="check prepare() and the cached ROUGE first")
    args = parser.parse_args(argv)
    from pathlib import Path

    data = Path(args.data)
    tasks = []
    labels = []
    for label, name, language in SUMMARY_SETS:
        if not (data / name).is_file():
            print(f"skipped: {data / name} not found")
            return 0
        rows = read_jsonl(data / name, args.limit)
        labels.append(label)
        if args.check:
            resources = Resources.build(Config.load())
            print(
                f"{label}: prepare mismatches {check_prepare(rows[:100], language, resources)}/"
                f"{min(100, len(rows))}, cached ROUGE max diff {check_rouge(rows[:100], language):.2e}"
            )
        only = tuple(args.only) if args.only else None
        tasks += [(label, language, row["text"], row["reference"], only) for row in rows]
    began = time.perf_counter()
    sums: dict[str, dict[str, np.ndarray]] = {label: defaultdict(lambda: np.zeros(3)) for label in labels}
    counts = dict.fromkeys(labels, 0)
    with multiprocessing.get_context("fork").Pool(args.processes, initializer=_init) as pool:
        for dataset, scores in tqdm(pool.imap_unordered(_article, tasks, chunksize=8), total=len(tasks), file=sys.stderr):
            counts[dataset] += 1
            for name, values in scores.items():
                sums[dataset][name] += values
    names = ["LEAD-3 (raw)", "sumy LexRank (reference)", "sumy TextRank (reference)"]
    names = [n for n in names if n in sums[labels[0]]]
    names += [v.name for v in build_variants() if not args.only or any(o in v.name for o in args.only)]
    head = "| variant | " + " | ".join(f"{label.split(' (')[0]} {m}" for label in labels for m in ("R1", "R2", "RLsum")) + " |"
    print(head)
    print("|---|" + "---:|" * (3 * len(labels)))
    for name in names:
        cells = [f"{x:.2f}" for label in labels for x in sums[label][name] / max(counts[label], 1)]
        print(f"| {name} | " + " | ".join(cells) + " |")
    print(f"({sum(counts.values())} articles, {time.perf_counter() - began:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
