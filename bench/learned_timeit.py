"""CPU time of one summary per algorithm on two seed articles, whole request and ranking alone.

Run from the repository root: ``OMP_NUM_THREADS=1 python -m bench.learned_timeit``. Process CPU
time (best of 7 × 300 calls), so that other processes on a shared machine distort it less than
wall time; compare the rows with each other, not with docs/PERFORMANCE.md.
"""

from __future__ import annotations

import time
import timeit
from collections.abc import Callable
from functools import partial
from typing import Any

from service.config import Config
from service.models import SummaryOptions
from service.pipeline import Resources, analyse, rank_analysis, summarize
from tests.conftest import SEEDS

ARTICLES = ("000_alibaba_id_double_headline.txt", "002_en_no_headline.txt")
CALLS = 300


def best_ms(call: Callable[[], Any]) -> float:
    return min(timeit.repeat(call, number=CALLS, repeat=7, timer=time.process_time)) / CALLS * 1000


def main() -> None:
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
