"""The graph rankers' defaults (position prior, MMR) against their sumy counterparts, paired, on BBC and IndoSum dev.

Run from the repository root: ``OMP_NUM_THREADS=1 python -m bench.graph_defaults``.

``algorithm=lexrank`` and ``algorithm=textrank`` are what a client gets by naming the
algorithm, with whatever the server's defaults add. For each ranker and each setting of
``position_prior`` and ``mmr`` below, its 3-sentence summaries are compared with sumy's LexRank
or TextRank (run as ``make eval`` runs them) article by article: the mean difference of
R1 / R2 / RLsum with a 95% paired bootstrap interval, as ``make eval``'s paired table.
Issue 10 (item 4) asks that our rankers be at or above sumy's on every measure of both sets.
docs/EVALUATION.md (round 29) reports the run.
"""

from __future__ import annotations

import sys

import numpy as np

from bench import evaluate as ev
from bench._harness import SHARED_DATA
from service.models import SummaryOptions
from service.pipeline import summarize

SETS = (("BBC", "bbc_news_summary/dev.jsonl", "en"), ("IndoSum", "indosum/dev.jsonl", "id"))
#: (position_prior, mmr) settings tried for each ranker.
SETTINGS = ((1.0, 0.7), (0.0, 0.7), (0.0, 1.0))


def sumy_summaries(rows: list[dict[str, object]], algorithm: str, language: str) -> list[list[str]]:
    """sumy's 3-sentence summaries of ``rows`` (our sentences, ``\\w+`` words: as ``make eval``)."""
    stemmer, stop_words = ev.sumy_stemmer_and_stop_words(language)
    out = []
    for row in rows:
        sentences = ev.sentences_of(str(row["text"]), language)
        scores = ev.sumy_scores(algorithm, [ev.regex_words(s) for s in sentences], stemmer=stemmer, stop_words=stop_words)
        out.append([sentences[i] for i in ev.top_k(list(scores))])
    return out


def main(argv: list[str] | None = None) -> int:
    del argv
    ev._init_worker(None)
    resources = ev._STATE["worker"].resources
    data = {label: ev.read_jsonl(SHARED_DATA / name) for label, name, _ in SETS}
    print(
        "| ranker | position_prior, mmr | BBC R1 / R2 / RLsum − sumy | IndoSum R1 / R2 / RLsum − sumy |\n|---|---|---|---|"
    )
    for algorithm in ("lexrank", "textrank"):
        theirs_by_set = {label: sumy_summaries(data[label], algorithm, language) for label, _, language in SETS}
        for prior, mmr in SETTINGS:
            cells = []
            for label, _, language in SETS:
                scorer = ev.make_scorer(language)
                options = SummaryOptions(algorithm=algorithm, sentences=3, language=language, position_prior=prior, mmr=mmr)
                differences = []
                for row, theirs in zip(data[label], theirs_by_set[label], strict=True):
                    ours = [s.text for s in summarize(row["text"], options, resources).sentences]
                    a, b = scorer.f1(ours, row["reference"]), scorer.f1(theirs, row["reference"])
                    scorer.clear()
                    differences.append([a[m] - b[m] for m in ev.METRICS])
                triples = zip(*ev.interval(np.array(differences)), strict=True)
                cells.append(" / ".join(f"{m:+.2f} [{lo:+.2f}, {hi:+.2f}]" for m, lo, hi in triples))
            print(f"| {algorithm} | {prior:g}, {mmr:g} | {cells[0]} | {cells[1]} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
