"""The whole pipeline on long documents, this checkout against another, in one process and in turns.

``python -m bench.scaling_ab DIR [repeats] [sizes]`` builds the scaling benchmark's documents
(``performance.run_scaling``'s: real BBC sentences, default sizes 500, 1,000 and 2,000) and times
``summarize`` with ``lexrank`` and ``textrank`` of ``DIR/service`` (another checkout, e.g.
``git archive <rev> | tar -x -C DIR``) and of this one, alternating ``repeats`` times (default
9). It checks that both give the same summary (sentences, offsets, scores, everything but the time taken) and prints the
minima of the CPU time (``time.process_time``, one BLAS thread). The end-to-end sumy speed-up of
issue 12 is this pipeline time's denominator; docs/PERFORMANCE.md, round 6, was measured this way.
"""

from __future__ import annotations

import os
import sys

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

import importlib  # noqa: E402

from bench._harness import against_arguments, in_turns, other_service  # noqa: E402


def _answer(summary: dict[str, object]) -> dict[str, object]:
    """A summary without its timing (``stats.elapsed_ms``), which differs from run to run."""
    stats = dict(summary["stats"])  # type: ignore[call-overload]
    stats.pop("elapsed_ms")
    return {**summary, "stats": stats}


def main(argv: list[str] | None = None) -> int:
    parsed = against_arguments(sys.argv[1:] if argv is None else argv, __doc__, 9)
    if parsed is None:
        return 2
    directory, repeats, rest = parsed
    sizes = [int(size) for size in rest[0].split(",")] if rest else [500, 1000, 2000]
    other = other_service(directory)
    from bench.performance import CORPUS, MAX_INPUT_CHARS, _resources, build_document, read_jsonl
    from service.models import SummaryOptions
    from service.pipeline import summarize

    old = importlib.import_module(f"{other}.pipeline")
    old_config = importlib.import_module(f"{other}.config")
    old_models = importlib.import_module(f"{other}.models")
    limits = {"max_text_chars": 100 * MAX_INPUT_CHARS}
    old_resources = old.Resources.build(old_config.Config.load(limits))
    resources = _resources(max_chars=limits["max_text_chars"])
    articles = [row["text"] for row in read_jsonl(CORPUS)]
    print(f"summarize, ms, min of {repeats} in turns ({directory} / this checkout)")
    for size in sizes:
        text = build_document(articles, language="en", sentences=size).text
        for algorithm in ("lexrank", "textrank"):
            old_options, options = old_models.SummaryOptions(algorithm=algorithm), SummaryOptions(algorithm=algorithm)
            before, after = old.summarize(text, old_options, old_resources), summarize(text, options, resources)
            same = _answer(before.to_dict()) == _answer(after.to_dict())
            old_ms, new_ms = in_turns(
                lambda: old.summarize(text, old_options, old_resources),  # noqa: B023
                lambda: summarize(text, options, resources),  # noqa: B023
                repeats,
            )
            print(f"{size:>6,} sentences {algorithm}: {old_ms:.1f} / {new_ms:.1f} (same summary: {same})", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
