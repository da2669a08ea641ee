"""The 1 MiB input's ranking steps, this checkout against another, in one process and in turns.

``python -m bench.large_ab DIR [repeats]`` analyses the memory benchmark's 1 MiB document
(``performance._memory_child``'s) once, captures the inputs of its LexRank and TextRank graphs
and of the learned scorer's trees, then times, alternating ``repeats`` times (default 7),
``build_graph``, sparse ``pagerank`` and ``Trees.predict`` of ``DIR/service`` (another checkout,
e.g. ``git archive <rev> | tar -x -C DIR``) and of this one, each graph weighed by its own
checkout's LexRank and TextRank edge weights. It checks that the graphs are equal
array by array and the scores bitwise, and prints the minima of the CPU time
(``time.process_time``, one BLAS thread). docs/PERFORMANCE.md, round 5, was measured this way.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

import importlib  # noqa: E402

import numpy as np  # noqa: E402

from bench._harness import against_arguments, in_turns, other_service  # noqa: E402


def _analysed() -> Any:
    """The 1 MiB document, analysed by this checkout."""
    from bench.performance import CORPUS, MAX_INPUT_CHARS, _resources, build_document, read_jsonl
    from service.models import SummaryOptions
    from service.pipeline import analyse

    text = build_document((row["text"] for row in read_jsonl(CORPUS)), language="en", max_chars=MAX_INPUT_CHARS).text
    return analyse(text, SummaryOptions(), _resources())


def _captured_graph_inputs(package: str, analysis: Any) -> dict[str, tuple[Any, Any]]:
    """``(features, weigh)`` of each graph of the analysed document, as ``package``'s rankers
    pass them to its ``build_graph`` (each checkout's own weighing functions)."""
    lexrank = importlib.import_module(f"{package}.rank.lexrank")
    textrank = importlib.import_module(f"{package}.rank.textrank")
    from service.rank.vectors import term_counts

    captured: dict[str, tuple[Any, Any]] = {}
    modules = {"lexrank": lexrank, "textrank": textrank}
    originals = {name: module.build_graph for name, module in modules.items()}

    def grabbing(name: str) -> Callable[[Any, Any], Any]:
        def grab(features: Any, weigh: Any) -> Any:
            captured[name] = (features, weigh)
            return originals[name](features, weigh)

        return grab

    for name, module in modules.items():
        module.build_graph = grabbing(name)
    try:
        lexrank.lexrank_graph(analysis.vectors)
        textrank.textrank_scores(analysis.terms, counts=term_counts(analysis.terms))
    finally:
        for name, module in modules.items():
            module.build_graph = originals[name]
    return captured


def _feature_matrix(analysis: Any) -> np.ndarray:
    from service.rank.features import sentence_features
    from service.rank.vectors import term_counts

    texts = [analysis.view[start:end] for start, end in analysis.spans]
    return sentence_features(texts, analysis.tokens, analysis.terms, analysis.vectors, None, term_counts(analysis.terms))


def _same_graph(a: Any, b: Any) -> bool:
    return all(np.array_equal(getattr(a, part), getattr(b, part)) for part in ("indptr", "indices", "data"))


def main(argv: list[str] | None = None) -> int:
    parsed = against_arguments(sys.argv[1:] if argv is None else argv, __doc__, 7)
    if parsed is None:
        return 2
    directory, repeats, _ = parsed
    other = other_service(directory)
    old_graph = importlib.import_module(f"{other}.rank.graph")
    old_learned = importlib.import_module(f"{other}.rank.learned")
    from service.rank import graph, learned

    analysis = _analysed()
    matrix = _feature_matrix(analysis)
    captured, captured_old = _captured_graph_inputs("service", analysis), _captured_graph_inputs(other, analysis)
    print(f"1 MiB document: {matrix.shape[0]:,} sentences; ms, min of {repeats} in turns ({directory} / this checkout)")
    for name, (features, weigh) in captured.items():
        weigh_old = captured_old[name][1]
        built_old, built_new = old_graph.build_graph(features, weigh_old), graph.build_graph(features, weigh)
        old_ms, new_ms = in_turns(
            lambda: old_graph.build_graph(features, weigh_old),  # noqa: B023
            lambda: graph.build_graph(features, weigh),  # noqa: B023
            repeats,
        )
        print(f"{name} build_graph: {old_ms:.0f} / {new_ms:.0f} (graphs equal: {_same_graph(built_old, built_new)})")
        same = np.array_equal(old_graph.pagerank(built_new), graph.pagerank(built_new))
        old_ms, new_ms = in_turns(lambda: old_graph.pagerank(built_new), lambda: graph.pagerank(built_new), repeats)  # noqa: B023
        print(f"{name} pagerank: {old_ms:.1f} / {new_ms:.1f} (scores bitwise equal: {same})")
    trees_old, trees_new = old_learned.load_scorer().trees, learned.load_scorer().trees
    same = np.array_equal(trees_old.predict(matrix), trees_new.predict(matrix))
    old_ms, new_ms = in_turns(lambda: trees_old.predict(matrix), lambda: trees_new.predict(matrix), repeats)
    print(f"trees predict: {old_ms:.1f} / {new_ms:.1f} (scores bitwise equal: {same})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
