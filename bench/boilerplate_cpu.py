"""``find_boilerplate`` of this checkout against another's, on the HTTP mix, in one process and in turns.

Run from the repository root: ``python -m bench.boilerplate_cpu DIR [passes]``. ``DIR`` is another
checkout (``git archive <rev> | tar -x -C DIR``); its ``service`` is loaded under another package
name (``_harness.other_service``). Both functions get the same processing views and lines of the
240 mix articles, pass by pass in turns (default 15 passes); the minima of the CPU time per article
(``_harness.in_turns``) are printed. docs/PERFORMANCE.md (round 7's reading notes) was measured so.
"""

from __future__ import annotations

import importlib
import sys

from bench._harness import against_arguments, in_turns, other_service


def main(argv: list[str] | None = None) -> int:
    parsed = against_arguments(sys.argv[1:] if argv is None else argv, __doc__, 15)
    if parsed is None:
        return 2
    directory, passes, _ = parsed
    from bench.performance import article_mix
    from service.dedup.boilerplate import find_boilerplate
    from service.text.normalise import processing_view
    from service.text.segment import split_lines

    old = importlib.import_module(f"{other_service(directory)}.dedup.boilerplate").find_boilerplate
    inputs = [(view, split_lines(view)) for view in map(processing_view, article_mix())]
    old_ms, new_ms = in_turns(
        lambda: [old(view, lines) for view, lines in inputs],
        lambda: [find_boilerplate(view, lines) for view, lines in inputs],
        passes,
    )
    per_article = 1e3 / len(inputs)  # ms per pass -> µs per article
    print(f"find_boilerplate µs per mix article, min of {passes} passes in turns: "
          f"{directory} {old_ms * per_article:.1f}, this checkout {new_ms * per_article:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
