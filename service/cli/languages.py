"""``ringkas languages``: the languages Ringkas handles, as ``GET /v1/languages`` lists them.

One line per language: its code (what ``--language`` takes, as do English names, ISO 639-2/3
codes and language tags), its English name, and what Ringkas has for it: detection, stop words,
a stemmer. ``--json`` prints the rows as the API does.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from typing import Any

from ..text.language import LanguageRegistry


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("languages", help="list the languages (codes for --language)", description=__doc__)
    parser.add_argument("--json", action="store_true", help="print the rows as JSON, as GET /v1/languages does")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    rows = list(LanguageRegistry().catalogue.values())
    if args.json:
        print(json.dumps([dataclasses.asdict(row) for row in rows], ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        has = [label for label, present in (("detected", row.detectable), ("stop words", row.stop_words)) if present]
        has += [f"{row.stemmer} stemmer"] if row.stemmer else []
        print(f"{row.code:4} {row.name:28} {', '.join(has)}")
    return 0
