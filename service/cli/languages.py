"""``ringkas languages``: the languages Ringkas handles, as ``GET /v1/languages`` lists them.

One line per language: its code (what ``--language`` takes, as do English names, ISO 639-2/3
codes and language tags), its English name, and what Ringkas has for it: detection, stop words,
a stemmer, sentences found at spaces (Thai, Lao). ``--json`` prints what the API answers, with
the fallback language of this environment's configuration.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from ..config import Config


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("languages", help="list the languages (codes for --language)", description=__doc__)
    parser.add_argument("--json", action="store_true", help="print what GET /v1/languages answers, as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..text.language import LanguageRegistry  # not at the top: building the parser needs none of it

    registry = LanguageRegistry()
    if args.json:
        print(json.dumps(registry.listing(Config.load().fallback_language), ensure_ascii=False, indent=2))
        return 0
    for row in registry.catalogue.values():
        has = [label for label, present in (("detected", row.detectable), ("stop words", row.stop_words)) if present]
        has += [f"{row.stemmer} stemmer"] if row.stemmer else []
        has += ["sentences at spaces"] if row.sentences == "spaces" else []
        print(f"{row.code:4} {row.name:28} {', '.join(has)}")
    return 0
