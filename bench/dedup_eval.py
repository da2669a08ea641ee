"""Headline-stripping quality on shared/data/syndicated/dev.jsonl (recall, false removals, leaks).

Run: ``python -m bench.dedup_eval [--threshold T ...] [--one-line]``. Measures, per the data
README: recall of headline copies, share of body spans touched by a removal (must be 0), and the
share of summaries containing a headline copy (must be 0). ``--one-line`` sends every article
with its line breaks as spaces, as a flattened page or a one-line corpus delivers it (the spans
keep their offsets); bench/glued_eval.py measures them dropped, as ``curl -d`` sends them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from bench._harness import shared_data
from service.config import Config
from service.models import SummaryOptions
from service.pipeline import Resources, summarize

DEFAULT_DATA = shared_data("syndicated")


def on_one_line(row: dict) -> dict:
    """``row`` with every line break of its text a space: the same offsets, so its spans still apply."""
    return {**row, "text": row["text"].replace("\r", " ").replace("\n", " ")}


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _covered(span: tuple[int, int], removed: list[tuple[int, int]]) -> bool:
    """A headline span counts as removed when removals cover at least 90% of its characters."""
    covered = sum(max(0, min(span[1], b) - max(span[0], a)) for a, b in removed)
    return covered >= 0.9 * (span[1] - span[0])


def evaluate(rows: list[dict], resources: Resources, threshold: float | None) -> dict:
    totals: Counter = Counter()
    by_variant: dict[str, Counter] = defaultdict(Counter)
    failures = []
    for row in rows:
        result = summarize(row["text"], SummaryOptions(dedup_threshold=threshold), resources)
        removed = [(r.start, r.end) for r in result.removed]
        # Boilerplate (datelines, "Baca juga:" lines, author tags) inside body lines is measured
        # by bench.boilerplate_eval; here body lines count as touched by headline stripping only.
        stripped = [(r.start, r.end) for r in result.removed if r.reason != "boilerplate"]
        counts = by_variant[row["variant"]]
        for span in row["headline_spans"]:
            hit = _covered(tuple(span), removed)
            counts["headline"] += 1
            counts["headline_removed"] += hit
            if not hit:
                failures.append((row["id"], row["variant"], "missed", row["text"][span[0] : span[1]]))
        for span in row["body_spans"]:
            touched = any(_overlaps(tuple(span), r) for r in stripped)
            counts["body"] += 1
            counts["body_touched"] += touched
            if touched:
                failures.append((row["id"], row["variant"], "body", row["text"][span[0] : span[1]][:80]))
        leak = any(_overlaps((s.start, s.end), tuple(h)) for s in result.sentences for h in row["headline_spans"])
        counts["articles"] += 1
        counts["leaks"] += leak
        counts["optional"] += len(row["optional_spans"])
        counts["optional_removed"] += sum(_covered(tuple(s), removed) for s in row["optional_spans"])
    for counts in by_variant.values():
        totals.update(counts)
    return {"totals": totals, "by_variant": by_variant, "failures": failures}


def _ratio(a: int, b: int) -> str:
    return f"{100 * a / b:.2f}%" if b else "n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--threshold", type=float, nargs="*", default=[None])
    parser.add_argument("--show-failures", type=int, default=10)
    parser.add_argument("--one-line", action="store_true", help="line breaks as spaces (offsets kept)")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"skipped: {args.data} not found (the evaluation data lives in ../shared/data).")
        return 0
    rows = [json.loads(line) for line in args.data.open(encoding="utf-8")]
    rows = [on_one_line(row) for row in rows] if args.one_line else rows
    resources = Resources.build(Config.load())
    for threshold in args.threshold:
        result = evaluate(rows, resources, threshold)
        t = result["totals"]
        label = threshold if threshold is not None else f"default ({resources.config.dedup_threshold})"
        print(f"threshold {label}: headline recall {_ratio(t['headline_removed'], t['headline'])} "
              f"({t['headline_removed']}/{t['headline']}), body touched {_ratio(t['body_touched'], t['body'])} "
              f"({t['body_touched']}/{t['body']}), summaries with a headline copy {_ratio(t['leaks'], t['articles'])}, "
              f"optional removed {_ratio(t['optional_removed'], t['optional'])}")
        for variant, c in sorted(result["by_variant"].items()):
            recall = _ratio(c["headline_removed"], c["headline"])
            touched, leaks = f"{c['body_touched']}/{c['body']}", f"{c['leaks']}/{c['articles']}"
            print(f"  {variant:12s} recall {recall:>8s}  body touched {touched}  leaks {leaks}")
        for failure in result["failures"][: args.show_failures]:
            print("   ", failure)
    return 0


if __name__ == "__main__":
    sys.exit(main())
