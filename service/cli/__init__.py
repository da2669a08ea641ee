"""``ringkas`` command: ``ringkas [FILE]`` summarises; ``ringkas headlines FILE`` groups headline copies.

A minimal dispatcher: subcommands register themselves (``register(subparsers)``, each sets
``func``); any other first argument is the summariser's, so ``ringkas article.txt`` works as before.
"""

from __future__ import annotations

import argparse
import sys

from . import headlines
from .summarize import main as summarize_main

SUBCOMMANDS = ("headlines",)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] not in SUBCOMMANDS:
        return summarize_main(args)
    parser = argparse.ArgumentParser(prog="ringkas")
    subparsers = parser.add_subparsers(dest="command", required=True)
    headlines.register(subparsers)
    parsed = parser.parse_args(args)
    return int(parsed.func(parsed))


if __name__ == "__main__":
    sys.exit(main())
