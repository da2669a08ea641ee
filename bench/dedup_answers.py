"""Dedup's answers, dumped as JSON lines: the identity check for speed work on ``service/dedup``.

``python -m bench.dedup_answers OUTPUT [--quick]`` writes one line per result; run it on the
revision before a change and after it, then ``cmp`` the two files: a speed lever is kept only
when not one byte differs (docs/PERFORMANCE.md, round 5). It imports ``service`` from the
current directory, so it can be run in a checkout of another revision too.

What is dumped, for each text:

* ``find_duplicates`` itself (removed spans, reasons, similarities, headline) on the inputs the
  pipeline gives it, at thresholds 0.3, 0.6 (the default) and 0.9: a precheck that depends on
  the threshold is exercised below and above the default;
* the default summary (picks, offsets, scores, removed spans, headline, language).

Texts: the 240 articles of the HTTP mix (``performance.article_mix``); BBC and IndoSum dev
articles intact, flattened onto one line (``evaluate.one_line``) and, for BBC, with the title
as the client's ``title`` option; the syndicated dev set intact and glued as ``curl -d`` sends
it (``_corpus.glue``). Then cross-article headline grouping (``group_headlines``) of the
headline_copies dev headlines. ``--quick`` takes the first 100 texts of each set.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

THRESHOLDS = (0.3, 0.6, 0.9)


def _texts(limit: int | None) -> Iterator[tuple[str, str, str | None]]:
    """(set name, text, title) of every text dumped."""
    from bench._corpus import glue
    from bench._harness import read_jsonl, shared_data
    from bench.evaluate import one_line
    from bench.performance import article_mix

    def first(rows: Iterator[dict[str, Any]]) -> list[dict[str, Any]]:
        return [row for _, row in zip(range(limit or 10**9), rows, strict=False)]

    for text in article_mix()[:limit]:
        yield "mix", text, None
    for corpus in ("bbc_news_summary", "indosum"):
        rows = first(read_jsonl(shared_data(corpus)))
        for row in rows:
            yield f"{corpus}", row["text"], None
            yield f"{corpus}/one_line", one_line(row["text"]), None
            if corpus == "bbc_news_summary" and row.get("title"):
                yield f"{corpus}/title", row["text"], row["title"]
    for row in first(read_jsonl(shared_data("syndicated"))):
        yield "syndicated", row["text"], None
        yield "syndicated/glued", glue(row["text"])[0], None


def _capture(pipeline: Any) -> tuple[list[tuple[Any, ...]], Callable[[], None]]:
    """Record every ``find_duplicates`` call the pipeline makes (positional and keyword arguments)."""
    calls: list[tuple[Any, ...]] = []
    original = pipeline.find_duplicates

    def recording(*args: Any, **kwargs: Any) -> Any:
        calls.append((args, kwargs))
        return original(*args, **kwargs)

    pipeline.find_duplicates = recording

    def restore() -> None:
        pipeline.find_duplicates = original

    return calls, restore


def _dedup(result: Any) -> dict[str, Any]:
    return {
        "removed": [[r.start, r.end, r.reason, r.similarity] for r in result.removed],
        "headline": list(result.headline) if result.headline else None,
    }


def _summary(summary: Any) -> dict[str, Any]:
    return {
        "sentences": [[s.index, s.start, s.end, s.score] for s in summary.sentences],
        "headline": summary.headline,
        "removed": [[r.start, r.end, r.reason, r.similarity] for r in summary.removed],
        "language": summary.language,
    }


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        print(__doc__)
        return 2
    limit = 100 if "--quick" in argv else None
    from bench._harness import read_jsonl, shared_data
    from service import pipeline
    from service.config import Config
    from service.dedup.headline_groups import Headline, group_headlines
    from service.dedup.headlines import find_duplicates
    from service.models import SummaryOptions

    resources = pipeline.Resources.build(Config())
    count = 0
    with open(argv[0], "w", encoding="utf-8") as out:

        def dump(record: dict[str, Any]) -> None:
            nonlocal count
            out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1

        calls, restore = _capture(pipeline)
        try:
            for index, (name, text, title) in enumerate(_texts(limit)):
                calls.clear()
                summary = pipeline.summarize(text, SummaryOptions(title=title), resources)
                dump({"set": name, "i": index, "summary": _summary(summary)})
                ((args, kwargs),) = calls
                for threshold in THRESHOLDS:
                    result = find_duplicates(*args, **{**kwargs, "threshold": threshold})
                    dump({"set": name, "i": index, "threshold": threshold, "dedup": _dedup(result)})
        finally:
            restore()
        rows = list(read_jsonl(shared_data("headline_copies")))[:limit]
        for threshold in THRESHOLDS:
            grouped = group_headlines([Headline(row["id"], row["text"]) for row in rows], threshold)
            for g in grouped:
                dump({"set": "headline_copies", "threshold": threshold, "id": g.id, "group": g.group,
                      "of": g.duplicate_of, "similarity": g.similarity, "reason": g.reason})
    print(f"{count} results written to {argv[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
