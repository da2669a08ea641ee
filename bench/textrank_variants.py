"""Edge weights for our ``textrank`` against sumy's TextRank, paired, on BBC and IndoSum dev (issue 10, item 4).

Run from the repository root: ``OMP_NUM_THREADS=1 python -m bench.textrank_variants [--breakdown] [NAME ...]``.
For each variant, ``textrank`` alone (``position_prior=0``, ``mmr=1``: the edge weights
alone; ``make eval``'s "Ringkas textrank" row, as a client gets it, adds MMR λ = 0.7) is run
with the variant's scores in place of ``rank.textrank_scores``, and its 3-sentence summaries
are compared with sumy TextRank's (as ``make eval`` runs it) article by article: mean
difference of R1 / R2 / RLsum and a 95% paired bootstrap interval.

* ``shipped``: Mihalcea & Tarau's overlap over the logs of the lengths, no self-loops;
* ``bm25``: BM25 similarity as in Barrios et al. (2016) and gensim's summariser (k1 = 1.5,
  b = 0.75, negative IDFs at a quarter of the mean), edge i → j weighing j as a match for the
  query i; ``bm25 symmetric``: the mean of both directions; ``bm25 transposed``: j → i;
* ``log1p lengths``: the norm ``log(1 + |S_i|) + log(1 + |S_j|)`` (no zero norm for one-term
  sentences); ``one-term sentences out`` / ``up to two terms out``: sentences of fewer than 2 / 3
  terms get no edges;
* ``no length norm``: the shared terms alone, without the log-length norm the paper adds "to
  avoid promoting long sentences" (so not the paper's TextRank);
* ``backward`` / ``forward``: Mihalcea & Tarau's directed graphs (edges to earlier / later
  sentences); ``hits``: weighted HITS authority on the undirected graph (Mihalcea 2004);
* ``damping 0.95`` / ``damping 0.7``: the shipped graph with another damping (0.85 shipped).

A row also gives the mean words (``\\w+``) of our summaries and sumy's on each set.
``--breakdown`` adds (on stderr), for each set, the articles whose picks differ from sumy's,
binned by how many more words our summary has, with the mean R1 difference and the wins.

docs/EVALUATION.md (our ``textrank`` against sumy's; round 28) reports the runs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import numpy as np

import service.rank as rank
from bench import evaluate as ev
from bench._harness import SHARED_DATA
from bench.graph_defaults import sumy_summaries
from service.models import SummaryOptions
from service.pipeline import summarize
from service.rank.graph import pagerank
from service.rank.textrank import textrank_graph, textrank_scores
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


def dense_edges(weigh: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> Callable[..., np.ndarray]:
    """TextRank scores over edges ``weigh(overlap, lengths)`` makes of ``Σ_w c_i(w)·c_j(w)`` of
    every pair of sentences (dense) and each sentence's term count, without self-loops; a long
    document (no dev article is one) gets the shipped edges."""

    def scores(terms: list[list[str]], *, teleport: np.ndarray | None = None, counts: object = None) -> np.ndarray:
        matrix = term_counts(terms) if counts is None else counts
        if not isinstance(matrix, np.ndarray):
            return textrank_scores(terms, teleport=teleport)
        lengths = np.array([len(sentence) for sentence in terms], dtype=np.float64)
        weights = weigh(matrix @ matrix.T, lengths)
        np.fill_diagonal(weights, 0.0)
        return pagerank(weights, teleport=teleport)

    return scores


def _log1p_norm(overlap: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The shipped edge normalised by ``log(1 + |S_i|) + log(1 + |S_j|)``: defined for one-term
    sentences (``log 1 = 0`` leaves two of them a norm of 0), less weight to short sentences' edges."""
    logs = np.log1p(lengths)
    return overlap / np.maximum(logs[:, None] + logs[None, :], 1e-12)


def _short_out(minimum: int) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """The shipped edges, with sentences of fewer than ``minimum`` terms left out of the graph
    (no edges; they keep the teleport's share): the log-length norm is 0 or near it for them."""

    def weigh(overlap: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        logs = np.log(np.maximum(lengths, 1.0))
        norm = logs[:, None] + logs[None, :]
        weights = overlap / np.where(norm == 0, 1.0, norm)
        short = lengths < minimum
        weights[short, :] = 0.0
        weights[:, short] = 0.0
        return weights

    return weigh


def _raw_overlap(overlap: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The shared terms alone, without the paper's log-length norm (which Mihalcea & Tarau add "to
    avoid promoting long sentences")."""
    return overlap


def directed_scores(direction: str) -> Callable[..., np.ndarray]:
    """Mihalcea & Tarau's directed sentence graphs (2004, §4; their best DUC 2002 score was the
    backward one): each edge kept from the later sentence to the earlier (``backward``) or from
    the earlier to the later (``forward``)."""

    def scores(terms: list[list[str]], *, teleport: np.ndarray | None = None, counts: object = None) -> np.ndarray:
        weights = textrank_graph(terms, counts=counts)
        if not isinstance(weights, np.ndarray):
            return textrank_scores(terms, teleport=teleport)
        weights = np.tril(weights, -1) if direction == "backward" else np.triu(weights, 1)
        return pagerank(np.ascontiguousarray(weights), teleport=teleport)

    return scores


def hits_scores(terms: list[list[str]], *, teleport: np.ndarray | None = None, counts: object = None) -> np.ndarray:
    """Weighted HITS authority on the undirected graph (Mihalcea 2004's HITS_A^W): the principal
    eigenvector of the symmetric weights (a hub is then its authority), by power iteration from
    the uniform vector; no damping, no teleport."""
    weights = textrank_graph(terms, counts=counts)
    if not isinstance(weights, np.ndarray):
        return textrank_scores(terms, teleport=teleport)
    vector = np.full(weights.shape[0], 1.0 / max(weights.shape[0], 1))
    for _ in range(1000):
        updated = weights @ (weights @ vector)  # authority ← Aᵀ·hub, hub ← A·authority
        total = updated.sum()
        if total <= 0:
            return vector
        updated /= total
        if np.abs(updated - vector).sum() < 1e-12:
            return updated
        vector = updated
    return vector


def damping_scores(damping: float) -> Callable[..., np.ndarray]:
    """The shipped graph with another damping factor (0.85 in the paper)."""

    def scores(terms: list[list[str]], *, teleport: np.ndarray | None = None, counts: object = None) -> np.ndarray:
        return pagerank(textrank_graph(terms, counts=counts), damping=damping, teleport=teleport)

    return scores


VARIANTS: dict[str, Callable[..., np.ndarray]] = {
    "shipped": textrank_scores,
    "bm25": bm25_scores("forward"),
    "bm25 symmetric": bm25_scores("symmetric"),
    "bm25 transposed": bm25_scores("transposed"),
    "log1p lengths": dense_edges(_log1p_norm),
    "one-term sentences out": dense_edges(_short_out(2)),
    "up to two terms out": dense_edges(_short_out(3)),
    "no length norm": dense_edges(_raw_overlap),
    "backward": directed_scores("backward"),
    "forward": directed_scores("forward"),
    "hits": hits_scores,
    "damping 0.95": damping_scores(0.95),
    "damping 0.7": damping_scores(0.7),
}


#: Bins of (our summary's words − sumy's) for ``--breakdown``, inclusive.
BINS = ((-999, -21), (-20, -11), (-10, -1), (0, 0), (1, 10), (11, 999))


def breakdown(differences: np.ndarray, words: np.ndarray) -> list[str]:
    """Lines of ``--breakdown``: the articles whose picks differ, binned by how many more words
    our summary has than sumy's, with the mean R1 difference and who wins R1."""
    lines = []
    differ = words[:, 2] > 0
    for low, high in BINS:
        chosen = differ & (words[:, 0] - words[:, 1] >= low) & (words[:, 0] - words[:, 1] <= high)
        if chosen.any():
            r1 = differences[chosen, 0]
            lines.append(
                f"  words {low:+d}..{high:+d}: {int(chosen.sum())} articles, R1 {r1.mean():+.2f},"
                f" ours higher {int((r1 > 0).sum())}, lower {int((r1 < 0).sum())}"
            )
    return lines


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    detail = "--breakdown" in args
    names = [a for a in args if a != "--breakdown"] or list(VARIANTS)
    ev._init_worker(None)
    resources = ev._STATE["worker"].resources
    data = {label: ev.read_jsonl(SHARED_DATA / name) for label, name, _ in SETS}
    sumy = {label: sumy_summaries(data[label], "textrank", language) for label, _, language in SETS}
    print(
        "| edge weight | BBC R1 / R2 / RLsum − sumy TextRank | IndoSum R1 / R2 / RLsum − sumy TextRank"
        " | words a summary, ours / sumy's: BBC, IndoSum |\n|---|---|---|---|"
    )
    shipped = rank.textrank_scores
    try:
        for name in names:
            rank.textrank_scores = VARIANTS[name]  # what rank.rank calls for algorithm="textrank"
            cells, lengths, notes = [], [], []
            for label, _, language in SETS:
                scorer, options = ev.make_scorer(language), SummaryOptions(
                    algorithm="textrank", sentences=3, language=language, position_prior=0.0, mmr=1.0
                )
                differences, words = [], []
                for row, theirs in zip(data[label], sumy[label], strict=True):
                    ours = [s.text for s in summarize(row["text"], options, resources).sentences]
                    a, b = scorer.f1(ours, row["reference"]), scorer.f1(theirs, row["reference"])
                    scorer.clear()
                    differences.append([a[m] - b[m] for m in ev.METRICS])
                    same = [s.strip() for s in ours] == [s.strip() for s in theirs]
                    words.append([sum(len(ev.regex_words(s)) for s in summary) for summary in (ours, theirs)] + [not same])
                triples = zip(*ev.interval(np.array(differences)), strict=True)
                cells.append(" / ".join(f"{m:+.2f} [{lo:+.2f}, {hi:+.2f}]" for m, lo, hi in triples))
                counts = np.array(words, dtype=np.float64)
                lengths.append(f"{counts[:, 0].mean():.1f} / {counts[:, 1].mean():.1f}")
                if detail:
                    notes.append(f"{label}, {name}: picks differ in {int(counts[:, 2].sum())} of {len(counts)} articles")
                    notes.extend(breakdown(np.array(differences), counts))
            print(f"| {name} | {cells[0]} | {cells[1]} | {lengths[0]}, {lengths[1]} |", flush=True)
            for line in notes:
                print(line, file=sys.stderr, flush=True)
    finally:
        rank.textrank_scores = shipped
    return 0


if __name__ == "__main__":
    sys.exit(main())
