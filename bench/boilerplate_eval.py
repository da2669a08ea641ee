"""News boilerplate stripping on ../shared/data: which lines it touches, by pattern.

Run: ``python -m bench.boilerplate_eval [--show N]``. Three dev files, each with its own idea of
a body line that must never be touched:

* BBC dev: every line. The BBC files carry no dateline, link, caption or credit (their title
  is a separate field), so any line touched, even by a dateline cut, is a false removal.
* IndoSum dev: the ``gold_sentences`` (IndoSum's extractive oracle: body sentences by
  definition). A dateline cut off the start of one is what should happen and is counted
  apart, with every distinct dateline text listed (``--show``) so that it can be read; any
  other removal overlapping one is a false removal. IndoSum's lines do carry real
  boilerplate (``Jakarta, CNN Indonesia --``, ``Baca juga: …``, ``(rsa)``): all touched lines
  are counted by pattern, and ``--show`` lists them for reading.
* Syndicated dev: the ``body_spans`` (real body lines of BBC and IndoSum articles, syndication
  artefacts added around them), counted the same way as IndoSum's lines.

The patterns were written from ``indosum/train.jsonl``, not from these files.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from bench._harness import SHARED_DATA
from bench._harness import read_jsonl as read_rows
from service.config import Config
from service.dedup.boilerplate import find_boilerplate
from service.models import SummaryOptions
from service.pipeline import Resources, summarize
from service.text.normalise import processing_view
from service.text.segment import split_lines

Span = tuple[int, int]


@dataclass
class Tally:
    """Counts for one data set, and the touched lines for reading."""

    articles: int = 0
    lines: int = 0
    touched_lines: int = 0
    whole_lines: int = 0
    by_pattern: Counter = field(default_factory=Counter)
    body: int = 0
    body_touched: int = 0
    body_dateline_cut: int = 0
    examples: list[str] = field(default_factory=list)
    datelines: Counter = field(default_factory=Counter)


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def measure(name: str, rows: Iterable[dict], resources: Resources, body_of) -> Tally:
    """Strip boilerplate through the pipeline and count the lines and body spans it touches."""
    tally = Tally()
    for row in rows:
        text = row["text"]
        result = summarize(text, SummaryOptions(), resources)
        removed = [(r.start, r.end) for r in result.removed if r.reason == "boilerplate"]
        view = processing_view(text)
        lines = split_lines(view)
        patterns = {(m.start, m.end): m.pattern for m in find_boilerplate(view, lines)}
        tally.articles += 1
        tally.lines += len(lines)
        for line in lines:
            hits = [r for r in removed if _overlap(line, r)]
            if not hits:
                continue
            tally.touched_lines += 1
            tally.whole_lines += sum(_overlap(line, r) for r in hits) == line[1] - line[0]
            for hit in hits:
                tally.by_pattern[patterns.get(hit, "?")] += 1
            shown = " | ".join(f"[{patterns.get(r, '?')}] {text[r[0]:r[1]]!r}" for r in hits)
            tally.examples.append(f"{name} {row.get('id')}: {shown}  <<  {text[line[0]:line[1]][:160]!r}")
        for span in body_of(row):
            tally.body += 1
            hits = [r for r in removed if _overlap(span, r)]
            if not hits:
                continue
            if name != "bbc" and all(r[0] == span[0] and patterns.get(r, "").startswith("dateline") for r in hits):
                tally.body_dateline_cut += 1
                tally.datelines[text[hits[0][0] : hits[0][1]]] += 1
            else:
                tally.body_touched += 1
                tally.examples.append(f"{name} {row.get('id')}: BODY TOUCHED {text[span[0]:span[1]][:160]!r}")
    return tally


def _bbc_body(row: dict) -> list[Span]:
    view = processing_view(row["text"])
    return split_lines(view)


def _gold_body(row: dict) -> list[Span]:
    spans = []
    for sentence in row.get("gold_sentences", []):
        start = row["text"].find(sentence)
        if start >= 0:
            spans.append((start, start + len(sentence)))
    return spans


def _syndicated_body(row: dict) -> list[Span]:
    return [tuple(span) for span in row["body_spans"]]


DATASETS = {
    "bbc": ("bbc_news_summary/dev.jsonl", _bbc_body, "lines (all of them body)"),
    "indosum": ("indosum/dev.jsonl", _gold_body, "gold sentences"),
    "syndicated": ("syndicated/dev.jsonl", _syndicated_body, "body_spans"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show", type=int, default=0, help="print this many touched lines per data set")
    parser.add_argument("--datasets", nargs="*", default=list(DATASETS))
    args = parser.parse_args(argv)
    resources = Resources.build(Config.load())
    total_body = total_touched = 0
    for name in args.datasets:
        relative, body_of, body_name = DATASETS[name]
        path = SHARED_DATA / relative
        if not path.exists():
            print(f"{name}: skipped, {path} not found (the evaluation data lives in ../shared/data).")
            continue
        tally = measure(name, read_rows(path), resources, body_of)
        total_body += tally.body
        total_touched += tally.body_touched
        patterns = ", ".join(f"{pattern} {count}" for pattern, count in tally.by_pattern.most_common())
        print(
            f"{name}: {tally.articles} articles, {tally.lines} lines; {tally.touched_lines} lines touched "
            f"({tally.whole_lines} removed whole): {patterns or 'none'}\n"
            f"  {body_name}: {tally.body_touched} of {tally.body} touched"
            + (f" (and {tally.body_dateline_cut} with a dateline cut off their start)" if tally.body_dateline_cut else "")
        )
        for example in tally.examples[: args.show]:
            print("   ", example)
        if args.show and tally.datelines:
            print(f"  {len(tally.datelines)} distinct datelines cut off body sentences:")
            for dateline, count in tally.datelines.most_common():
                print(f"    {count:5d} {dateline!r}")
    print(f"body spans touched, all data sets: {total_touched} of {total_body}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
