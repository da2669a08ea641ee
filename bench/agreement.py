"""Agreement of Ringkas's rankers with sumy's, fed identical sentences and index terms.

Run: ``python -m bench.agreement [--limit N]``. For each article of the BBC and IndoSum dev sets
(first N, default 200) it compares the top 3 sentences of our LexRank (thresholded, as sumy's,
and continuous) and TextRank with sumy's, and prints the mean overlap and the share of articles
sharing all 3 and at least 2 sentences. Exact agreement is not expected: sumy's LexRank IDF goes
negative for common terms, its power iteration stops at a loose tolerance (0.1) and neither of
its rankers is damped; see service/rank/lexrank.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from bench._harness import SHARED_DATA
from service.config import Config
from service.pipeline import Resources
from service.rank import rank_sentences
from service.rank.sumy_reference import sumy_top
from service.text.normalise import processing_view
from service.text.segment import split_lines, split_sentences
from service.ties import best_indices

DATA = SHARED_DATA
SETS = (("bbc_news_summary", "en"), ("indosum", "id"))
RANKERS = (("lexrank", "threshold"), ("lexrank", "continuous"), ("textrank", "continuous"))


def article_terms(text: str, language: str, resources: Resources) -> list[list[str]]:
    """Index terms of every sentence, as the pipeline computes them (no headline stripping)."""
    view = processing_view(text)
    data = resources.languages.data(language)
    spans = [s for line in split_lines(view) for s in split_sentences(view, line, language)]
    return data.document_terms([data.tokens(view[a:b]) for a, b in spans])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=200)
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"skipped: {args.data} not found (the evaluation data lives in ../shared/data).")
        return 0
    resources = Resources.build(Config.load())
    for name, language in SETS:
        with (args.data / name / "dev.jsonl").open(encoding="utf-8") as rows:
            articles = [article_terms(json.loads(row)["text"], language, resources) for row in rows][: args.limit]
        articles = [terms for terms in articles if len(terms) > 3]
        for algorithm, weights in RANKERS:
            overlaps = np.array([
                len(
                    set(best_indices(rank_sentences(algorithm, terms, lexrank_weights=weights), 3))  # type: ignore[arg-type]
                    & set(sumy_top(algorithm, terms, 3))  # type: ignore[arg-type]
                )
                for terms in articles
            ])
            label = f"{algorithm} ({weights})" if algorithm == "lexrank" else algorithm
            print(
                f"{name:17s} {label:22s} articles {len(overlaps):4d}  mean top-3 overlap {overlaps.mean():.2f}/3  "
                f"all 3 shared {100 * (overlaps == 3).mean():3.0f}%  2 or more {100 * (overlaps >= 2).mean():3.0f}%"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
