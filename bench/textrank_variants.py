"""Edge weights for our ``textrank`` against sumy's TextRank, paired, on BBC and IndoSum dev (issue 10, item 4).

Run from the repository root: ``OMP_NUM_THREADS=1 python -m bench.textrank_variants [NAME ...]``.
For each variant, ``textrank`` alone (``position_prior=0``, ``mmr=1``, as ``make eval``'s
"Ringkas textrank" row) is run with the variant's scores in place of ``rank.textrank_scores``,
and its 3-sentence summaries are compared with sumy TextRank's (as ``make eval`` runs it) article
by article: mean difference of R1 / R2 / RLsum and a 95% paired bootstrap interval.

* ``shipped``: Mihalcea & Tarau's overlap over the logs of the lengths, no self-loops;
* ``bm25``: BM25 similarity as in Barrios et al. (2016) and gensim's summariser (k1 = 1.5,
  b = 0.75, negative IDFs at a quarter of the mean), edge i → j weighing j as a match for the
  query i; ``bm25 symmetric``: the mean of both directions; ``bm25 transposed``: j → i.

docs/EVALUATION.md (our ``textrank`` against sumy's) reports the run.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import numpy as np

import service.rank as rank
from bench import evaluate as ev
from bench._harness import SHARED_DATA
from service.models import SummaryOptions
from service.pipeline import summarize
from service.rank.graph import pagerank
from service.rank.textrank import textrank_scores
from service.rank.vectors import term_counts

SETS = (("BBC", "bbc_news_summary/dev.jsonl", "en"), ("IndoSum", "indosum/dev.jsonl", "id"))
K1, B, EPSILON = 1.5, 0.75, 0.25


def bm25_scores(direction: str) -> Callable[..., np.ndarray]:
    """TextRank scores over BM25 edges (``direction``: ``forward``, ``symmetric`` or ``transposed``)."""

    def scores(terms: list[list[str]], *, teleport: np.ndarray | None = None, counts: object = None) -> np.ndarray:
        matrix = term_counts(terms) if counts is None else counts
        if not isinstance(matrix, np.ndarray):  # long documents: the shipped edges (not compared here)
            return textrank_scores(terms, teleport=teleport)
        n = matrix.shape[0]
        frequency = np.count_nonzero(matrix, axis=0)
        idf = np.log(n - frequency + 0.5) - np.log(frequency + 0.5)
        idf = np.where(idf < 0, EPSILON * (idf.mean() if idf.size else 0.0), idf)
        lengths = matrix.sum(axis=1)
        saturated = matrix * (K1 + 1) / (matrix + K1 * (1 - B + B * lengths[:, None] / max(lengths.mean(), 1e-9)))
        weights = (matrix * idf) @ saturated.T  # [i, j]: sentence i as the query, j as the document
        if direction == "symmetric":
            weights = (weights + weights.T) / 2
        elif direction == "transposed":
            weights = weights.T.copy()
        weights = np.maximum(weights, 0.0)
        np.fill_diagonal(weights, 0.0)
        return pagerank(weights, teleport=teleport)

    return scores


VARIANTS: dict[str, Callable[..., np.ndarray]] = {
    "shipped": textrank_scores,
    "bm25": bm25_scores("forward"),
    "bm25 symmetric": bm25_scores("symmetric"),
    "bm25 transposed": bm25_scores("transposed"),
}


def sumy_summaries(rows: list[dict[str, object]], language: str) -> list[list[str]]:
    stemmer, stop_words = ev.sumy_stemmer_and_stop_words(language)
    out = []
    for row in rows:
        sentences = ev.sentences_of(str(row["text"]), language)
        scores = ev.sumy_scores("textrank", [ev.regex_words(s) for s in sentences], stemmer=stemmer, stop_words=stop_words)
        out.append([sentences[i] for i in ev.top_k(list(scores))])
    return out


def main(argv: list[str] | None = None) -> int:
    names = (sys.argv[1:] if argv is None else argv) or list(VARIANTS)
    ev._init_worker(None)
    resources = ev._STATE["worker"].resources
    data = {label: ev.read_jsonl(SHARED_DATA / name) for label, name, _ in SETS}
    sumy = {label: sumy_summaries(data[label], language) for label, _, language in SETS}
    print("| edge weight | BBC R1 / R2 / RLsum − sumy TextRank | IndoSum R1 / R2 / RLsum − sumy TextRank |\n|---|---|---|")
    shipped = rank.textrank_scores
    try:
        for name in names:
            rank.textrank_scores = VARIANTS[name]  # what rank.rank calls for algorithm="textrank"
            cells = []
            for label, _, language in SETS:
                scorer, options = ev.make_scorer(language), SummaryOptions(
                    algorithm="textrank", sentences=3, language=language, position_prior=0.0, mmr=1.0
                )
                differences = []
                for row, theirs in zip(data[label], sumy[label], strict=True):
                    ours = [s.text for s in summarize(row["text"], options, resources).sentences]
                    a, b = scorer.f1(ours, row["reference"]), scorer.f1(theirs, row["reference"])
                    scorer.clear()
                    differences.append([a[m] - b[m] for m in ev.METRICS])
                triples = zip(*ev.interval(np.array(differences)), strict=True)
                cells.append(" / ".join(f"{m:+.2f} [{lo:+.2f}, {hi:+.2f}]" for m, lo, hi in triples))
            print(f"| {name} | {cells[0]} | {cells[1]} |", flush=True)
    finally:
        rank.textrank_scores = shipped
    return 0


if __name__ == "__main__":
    sys.exit(main())
