"""``find_boilerplate`` of this checkout against another's, on the HTTP mix, in one process and in turns.

Run from the repository root: ``python -m bench.boilerplate_cpu DIR [passes]``. ``DIR`` is another
checkout (``git archive <rev> | tar -x -C DIR``); its ``service`` is loaded under another package
name (``_harness.other_service``). Both functions get the same processing views and lines of the
240 mix articles, pass by pass in turns (default 15 passes); the minima of the CPU time per article
(``time.thread_time``) are printed. docs/PERFORMANCE.md (round 7's reading notes) was measured so.
"""

from __future__ import annotations

import importlib
import sys
import time
from collections.abc import Callable
from typing import Any

from bench._harness import other_service


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        print(__doc__)
        return 2
    passes = int(argv[1]) if len(argv) > 1 else 15
    from bench.performance import article_mix
    from service.dedup.boilerplate import find_boilerplate
    from service.text.normalise import processing_view
    from service.text.segment import split_lines

    old = importlib.import_module(f"{other_service(argv[0])}.dedup.boilerplate").find_boilerplate
    views = [processing_view(text) for text in article_mix()]
    inputs = [(view, split_lines(view)) for view in views]

    def one_pass(function: Callable[..., Any]) -> float:
        began = time.thread_time()
        for view, lines in inputs:
            function(view, lines)
        return (time.thread_time() - began) / len(inputs) * 1e6

    olds, news = [], []
    for _ in range(passes):
        olds.append(one_pass(old))
        news.append(one_pass(find_boilerplate))
    print(f"find_boilerplate µs per mix article, min of {passes} passes in turns: "
          f"{argv[0]} {min(olds):.1f}, this checkout {min(news):.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
