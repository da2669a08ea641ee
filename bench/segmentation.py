"""Sentence segmentation against reference sentences: how many come out as exactly one segment.

Run: ``python -m bench.segmentation [--show N]``.

For each development corpus — BBC News Summary (its extractive reference, one sentence a line)
and IndoSum (``gold_sentences``) — every reference sentence found verbatim in its article is
looked up among the article's segments as the service finds them (line by line, sentencex plus
the rules of ``service/text/segment.py``). It counts as *one segment* when some segment is
exactly that sentence; otherwise it was cut in two or glued to a neighbour.

Measured twice: on the article as stored (one paragraph a line) and with its line breaks
removed, as ``curl -d @file`` sends it (paragraphs glued with no space between them).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from ._corpus import glue, segments
from ._harness import SHARED_DATA
from ._harness import read_jsonl as read_rows

CORPORA = (
    ("BBC dev (en)", SHARED_DATA / "bbc_news_summary" / "dev.jsonl", "en"),
    ("IndoSum dev (id)", SHARED_DATA / "indosum" / "dev.jsonl", "id"),
)


def reference_sentences(row: dict[str, Any]) -> list[str]:
    """The reference sentences of a row: IndoSum's ``gold_sentences``, else BBC's reference lines."""
    sentences = row.get("gold_sentences") or row["reference"].split("\n")
    return [sentence.strip() for sentence in sentences if sentence.strip()]


def score(rows: list[dict[str, Any]], language: str, glued: bool) -> tuple[Counter[str], list[tuple[str, list[str]]]]:
    """Counts of reference sentences found in their article and kept as one segment; misses."""
    counts: Counter[str] = Counter()
    misses: list[tuple[str, list[str]]] = []
    for row in rows:
        text = glue(row["text"])[0] if glued else row["text"]
        spans = segments(text, language)
        pieces = {text[a:b] for a, b in spans}
        for sentence in reference_sentences(row):
            start = text.find(sentence)
            if start < 0:
                continue  # not verbatim in the article (quirks of the source data)
            counts["found"] += 1
            if sentence in pieces:
                counts["one"] += 1
                continue
            end = start + len(sentence)
            misses.append((sentence, [text[a:b] for a, b in spans if a < end and start < b]))
    return counts, misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show", type=int, default=0, help="print this many misses per corpus and mode")
    parser.add_argument("--data", type=Path, default=None, help="one JSON-lines file instead of the dev corpora")
    parser.add_argument("--language", default="en", help="language of --data")
    args = parser.parse_args(argv)
    corpora = CORPORA if args.data is None else ((args.data.name, args.data, args.language),)
    print("| corpus | reference sentences | one segment | one segment, line breaks removed |")
    print("|---|---:|---:|---:|")
    shown: list[str] = []
    for name, path, language in corpora:
        if not path.exists():
            print(f"| {name} | skipped: {path} not found | | |")
            continue
        rows = list(read_rows(path))
        intact, intact_misses = score(rows, language, glued=False)
        glued, glued_misses = score(rows, language, glued=True)
        print(
            f"| {name} | {intact['found']:,} | {intact['one'] / intact['found']:.2%} ({intact['one']:,}) | "
            f"{glued['one'] / glued['found']:.2%} ({glued['one']:,} of {glued['found']:,}) |",
            flush=True,
        )
        for label, misses in (("intact", intact_misses), ("glued", glued_misses)):
            for sentence, got in misses[: args.show]:
                shown.append(f"[{name}, {label}] reference: {sentence!r}\n    segments: {got!r}")
    if shown:
        print("\n".join(shown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
