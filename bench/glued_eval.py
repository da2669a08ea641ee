"""Headline stripping when line breaks are lost: the syndicated dev data sent as ``curl -d`` sends it.

Run: ``python -m bench.glued_eval [--data PATH] [--http-every N]``.

``curl -d @file`` drops every CR and LF without putting a space back and sends the bytes as
``application/x-www-form-urlencoded``. Each article of ``shared/data/syndicated/dev.jsonl`` is
glued that way and summarised with default options (no title: curl sends none). Every article
goes through the pipeline directly; every ``--http-every``-th one also goes through the Flask
test client with the form media type and must give the same summary.

Reported, per the data README: summaries whose sentences overlap a headline copy (target 0),
failures (an exception or a non-200 answer, target 0), recall of headline copies, body lines
touched by a removal, and how often a lone headline line (optional) leaks into the summary.
Then false alarms: the BBC and IndoSum dev articles themselves (their bodies carry no headline),
glued the same way, should lose nothing as a headline copy.
"""

from __future__ import annotations

import argparse
import logging
import sys
from bisect import bisect_left
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from service import create_app
from service.config import Config
from service.exceptions import RingkasError
from service.models import SummaryOptions
from service.pipeline import Resources, summarize

from ._corpus import glue
from ._harness import SHARED_DATA
from ._harness import read_jsonl as read_rows
from .dedup_eval import DEFAULT_DATA, _covered, _overlaps

Span = tuple[int, int]


def shift(span: list[int], dropped: list[int]) -> Span:
    """``span`` of the original text as a span of the glued text."""
    start, end = span
    return start - bisect_left(dropped, start), end - bisect_left(dropped, end)


def evaluate(rows: list[dict[str, Any]], resources: Resources, http_every: int) -> dict[str, Any]:
    by_variant: dict[str, Counter[str]] = defaultdict(Counter)
    examples: list[tuple[str, str, str, str]] = []
    client = None
    if http_every:
        config = Config.load({"max_body_bytes": 1024 * 1024})
        client = create_app(config, resources=resources).test_client()
    for number, row in enumerate(rows):
        counts = by_variant[row["variant"]]
        counts["articles"] += 1
        text, dropped = glue(row["text"])
        try:
            result = summarize(text, SummaryOptions(), resources)
        except RingkasError as error:
            counts["failures"] += 1
            examples.append((row["id"], row["variant"], "failure", f"{error.status}: {error.detail}"))
            continue
        if client is not None and number % http_every == 0:
            counts["http"] += 1
            answer = client.post(
                "/v1/summarize", data=text.encode("utf-8"), content_type="application/x-www-form-urlencoded"
            )
            if answer.status_code != 200 or answer.get_json()["summary"] != result.summary:
                counts["failures"] += 1
                examples.append((row["id"], row["variant"], "http", f"{answer.status_code}: {answer.get_data(True)[:200]}"))
        removed = [(r.start, r.end) for r in result.removed]
        # Boilerplate lines are body lines of the source data; bench.boilerplate_eval measures them.
        stripped = [(r.start, r.end) for r in result.removed if r.reason != "boilerplate"]
        chosen = [(s.start, s.end) for s in result.sentences]
        headlines = [shift(span, dropped) for span in row["headline_spans"]]
        optional = [shift(span, dropped) for span in row["optional_spans"]]
        for span in headlines:
            counts["headline"] += 1
            counts["headline_removed"] += _covered(span, removed)
        for span in map(lambda s: shift(s, dropped), row["body_spans"]):
            counts["body"] += 1
            if any(_overlaps(span, r) for r in stripped):
                counts["body_touched"] += 1
                examples.append((row["id"], row["variant"], "body", text[span[0] : span[1]][:100]))
        if any(_overlaps(s, h) for s in chosen for h in headlines):
            counts["leaks"] += 1
            leak = next(text[s[0] : s[1]] for s in chosen if any(_overlaps(s, h) for h in headlines))
            examples.append((row["id"], row["variant"], "leak", leak[:160]))
        counts["optional"] += len(optional)
        counts["optional_leaks"] += any(_overlaps(s, h) for s in chosen for h in optional)
        counts["headline_detected"] += result.headline is not None
    return {"by_variant": by_variant, "examples": examples}


def false_alarms(resources: Resources) -> list[tuple[str, int, list[str]]]:
    """Per dev corpus: glued articles (no headline in them) and the headline removals made in them."""
    results = []
    for name in ("bbc_news_summary", "indosum"):
        path = SHARED_DATA / name / "dev.jsonl"
        if not path.exists():
            continue
        count, removed = 0, []
        for row in read_rows(path):
            result = summarize(glue(row["text"])[0], SummaryOptions(), resources)
            count += 1
            removed += [r.text for r in result.removed if r.reason == "headline"]
        results.append((name, count, removed))
    return results


def _ratio(a: int, b: int) -> str:
    return f"{100 * a / b:.2f}%" if b else "n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--http-every", type=int, default=20, help="send every N-th article through Flask (0: none)")
    parser.add_argument("--show", type=int, default=15, help="examples of failures, leaks and touched body lines")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"skipped: {args.data} not found (the evaluation data lives in ../shared/data).")
        return 0
    rows = list(read_rows(args.data))
    logging.getLogger("ringkas.access").disabled = True  # one line per request otherwise
    resources = Resources.build(Config.load())
    result = evaluate(rows, resources, args.http_every)
    total: Counter[str] = Counter()
    for counts in result["by_variant"].values():
        total.update(counts)
    print(
        f"{total['articles']} articles glued as curl -d sends them ({total['http']} also through Flask): "
        f"summaries with a headline copy {total['leaks']} ({_ratio(total['leaks'], total['articles'])}), "
        f"failures {total['failures']}, headline recall {_ratio(total['headline_removed'], total['headline'])} "
        f"({total['headline_removed']}/{total['headline']}), body lines touched {total['body_touched']}/{total['body']}, "
        f"lone headline in summary {total['optional_leaks']}/{total['optional']}"
    )
    print("| variant | articles | with a copy | failures | recall | body touched | headline detected |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for variant, c in sorted(result["by_variant"].items()):
        print(
            f"| {variant} | {c['articles']} | {c['leaks']} | {c['failures']} | "
            f"{_ratio(c['headline_removed'], c['headline'])} | {c['body_touched']}/{c['body']} | {c['headline_detected']} |"
        )
    for example in result["examples"][: args.show]:
        print("   ", example)
    for name, count, removed in false_alarms(resources):
        print(f"{name} dev, glued (no headline in the text): {count} articles, {len(removed)} headline removals {removed[:3]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
