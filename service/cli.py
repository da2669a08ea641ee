"""``ringkas`` command: summarise a file or standard input from the shell, without a server."""

from __future__ import annotations

import argparse
import json
import sys

from . import Summarizer
from .exceptions import RingkasError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ringkas", description="Extractive summary of a news article.")
    parser.add_argument("file", nargs="?", type=argparse.FileType("r", encoding="utf-8"), default=sys.stdin)
    length = parser.add_mutually_exclusive_group()
    length.add_argument("--sentences", type=int)
    length.add_argument("--ratio", type=float)
    length.add_argument("--words", type=int)
    parser.add_argument("--algorithm", choices=["learned", "lexrank", "textrank"], default="learned")
    parser.add_argument("--language", default="auto")
    parser.add_argument("--title")
    parser.add_argument("--json", action="store_true", help="print the full result as JSON")
    args = parser.parse_args(argv)
    options = {k: v for k, v in vars(args).items() if k not in ("file", "json") and v is not None}
    try:
        result = Summarizer()(args.file.read(), **options)
    except RingkasError as error:
        print(f"ringkas: {error.detail}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(sentence.text for sentence in result.sentences))
    return 0


if __name__ == "__main__":
    sys.exit(main())
