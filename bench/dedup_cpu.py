"""CPU time of the headline dedup stage alone, for A/B comparisons between two checkouts.

``python -m bench.dedup_cpu [passes]`` summarises the 240 articles of the HTTP mix
(``performance.article_mix``) once, recording the arguments of every ``find_duplicates`` call
the pipeline makes, with the sentence splits it asked for; then it replays those calls
``passes`` times (after one warm-up pass), sentence splits answered from the record so that
sentencex is not timed, and prints the minimum and median of the CPU time (``time.thread_time``)
per article. It imports ``service`` from the current directory: the same command run in a
checkout of another revision (``git archive <rev> | tar -x -C DIR`` next to ``../shared``, this
file copied in) times that revision. Run the two in turns and compare minima (docs/PERFORMANCE.md,
round 5). ``--profile`` prints a cProfile of the replay passes instead (and, with
``CALLEES=<regex>`` in the environment, what the matching functions call).

``--against DIR`` times, in the same process and in turns pass by pass, the ``find_duplicates``
of ``DIR/service`` (another checkout, loaded under another package name) on the same captured
inputs: small levers are then compared without the drift between two processes on a shared
machine.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from statistics import median
from typing import Any

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

from bench._harness import other_service  # noqa: E402

Call = tuple[tuple[Any, ...], dict[str, Any]]


def captured_calls() -> list[Call]:
    """The ``find_duplicates`` calls of the mix's default summaries, each ``sentences_of``
    replaced by a lookup of the splits that call asked for."""
    from bench.performance import article_mix
    from service import pipeline
    from service.config import Config
    from service.models import SummaryOptions

    resources = pipeline.Resources.build(Config())
    original = pipeline.find_duplicates
    calls: list[Call] = []

    def recording(view: str, lines: Any, sentences_of: Callable[[Any], Any], **kwargs: Any) -> Any:
        splits: dict[Any, Any] = {}

        def remembered(span: Any) -> Any:
            splits[span] = sentences_of(span)
            return splits[span]

        calls.append(((view, list(lines), splits.__getitem__), kwargs))
        return original(view, lines, remembered, **kwargs)

    pipeline.find_duplicates = recording
    try:
        for text in article_mix():
            pipeline.summarize(text, SummaryOptions(), resources)
    finally:
        pipeline.find_duplicates = original
    return calls


def load_other(directory: str) -> Any:
    """The ``find_duplicates`` of ``DIR/service`` (see ``_harness.other_service``)."""
    import importlib

    return importlib.import_module(f"{other_service(directory)}.dedup.headlines").find_duplicates


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    passes = int(next((arg for arg in argv if arg.isdigit()), "9"))
    import service
    from service.dedup.headlines import find_duplicates

    calls = captured_calls()

    def one_pass(function: Callable[..., Any] = find_duplicates) -> float:
        began = time.thread_time()
        for args, kwargs in calls:
            function(*args, **kwargs)
        return (time.thread_time() - began) / len(calls) * 1e6

    one_pass()
    if "--against" in argv:
        directory = argv[argv.index("--against") + 1]
        other = load_other(directory)
        one_pass(other)
        pairs = [(one_pass(other), one_pass()) for _ in range(passes)]
        olds, news = [old for old, _ in pairs], [new for _, new in pairs]
        print(
            f"find_duplicates µs per article, min / median of {passes} passes in turns: {directory}/service "
            f"{min(olds):.1f} / {median(olds):.1f}, {os.path.dirname(service.__file__)} {min(news):.1f} / {median(news):.1f} "
            f"(new/old of the minima {min(news) / min(olds):.3f})"
        )
        return 0
    if "--profile" in argv:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(lambda: [one_pass() for _ in range(passes)])
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
        if os.environ.get("CALLEES"):
            pstats.Stats(profiler).print_callees(os.environ["CALLEES"])
        return 0
    times = [one_pass() for _ in range(passes)]
    print(
        f"{os.path.dirname(service.__file__)}: find_duplicates {min(times):.1f} µs min, {median(times):.1f} µs median "
        f"per article ({passes} passes of {len(calls)} articles)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
