"""CPU time of one summary per algorithm on two seed articles, whole request and ranking alone.

Run from the repository root: ``OMP_NUM_THREADS=1 python -m bench.learned_timeit [--walk]``.
Process CPU time (best of 7 × 300 calls), so that other processes on a shared machine distort it
less than wall time; compare the rows with each other, not with docs/PERFORMANCE.md.

``--walk`` times instead the shipped forest's walk over a long document's rows at several block
sizes (``learned.PREDICT_ROWS``): 8,621 rows (as many as the 1 MiB input has sentences) drawn
with a fixed seed from the stored feature rows of tests/data/scorer_fixture.json, best of 5.
"""

from __future__ import annotations

import json
import sys
import time
import timeit
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from service.config import Config
from service.models import SummaryOptions
from service.pipeline import Resources, analyse, rank_analysis, summarize
from service.rank import learned
from tests.conftest import SEEDS

ARTICLES = ("000_alibaba_id_double_headline.txt", "002_en_no_headline.txt")
CALLS = 300


def best_ms(call: Callable[[], Any]) -> float:
    return min(timeit.repeat(call, number=CALLS, repeat=7, timer=time.process_time)) / CALLS * 1000


#: Rows of ``--walk``: the 1 MiB benchmark document's sentence count (docs/PERFORMANCE.md).
WALK_ROWS = 8_621
WALK_BLOCKS = (64, 128, 256, 512)


def walk() -> None:
    stored = json.loads((Path(__file__).resolve().parents[1] / "tests" / "data" / "scorer_fixture.json").read_text())
    features = np.asarray(stored["features"])
    rows = features[np.random.default_rng(0).integers(0, len(features), WALK_ROWS)]
    scorer = learned.load_scorer()
    shipped = learned.PREDICT_ROWS
    try:
        for block in WALK_BLOCKS:
            learned.PREDICT_ROWS = block
            best = min(timeit.repeat(partial(scorer.logits, rows), number=1, repeat=5, timer=time.process_time))
            note = " (shipped)" if block == shipped else ""
            print(f"walk of {WALK_ROWS:,} rows in blocks of {block}: {best * 1000:.1f} ms{note}")
    finally:
        learned.PREDICT_ROWS = shipped


def main() -> None:
    if "--walk" in sys.argv[1:]:
        walk()
        return
    resources = Resources.build(Config.load())
    for name in ARTICLES:
        text = (SEEDS / name).read_text(encoding="utf-8")
        for algorithm in ("lexrank", "textrank", "learned"):
            options = SummaryOptions(algorithm=algorithm)
            analysis = analyse(text, options, resources)
            whole = best_ms(partial(summarize, text, options, resources))
            ranking = best_ms(partial(rank_analysis, analysis, options, resources))
            count = len(analysis.spans)
            print(f"{name} {algorithm:9s} whole request {whole:.3f} ms, ranking {ranking:.3f} ms, {count} sentences")


if __name__ == "__main__":
    main()
