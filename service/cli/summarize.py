"""``ringkas [summarize] FILE``: summarise one article from a file or standard input."""

from __future__ import annotations

import argparse
import io
import json
import sys
from typing import Any, TextIO

from ..config import Config
from ..exceptions import RingkasError
from ..models import ALGORITHMS


def add_summary_options(parser: argparse.ArgumentParser) -> None:
    """The summary options as flags (the API's names); shared by ``summarize`` and ``batch``."""
    length = parser.add_mutually_exclusive_group()
    length.add_argument(
        "--sentences", type=positive_int, help="number of sentences (default RINGKAS_DEFAULT_SENTENCES, 3 unless set)"
    )
    length.add_argument("--ratio", type=_ratio, help="share of the article's sentences, in (0, 1]")
    length.add_argument("--words", type=positive_int, help="most words in the summary")
    parser.add_argument("--algorithm", choices=ALGORITHMS, default=None, help=f"default {ALGORITHMS[0]}")
    parser.add_argument("--language", default=None, help="ISO 639 code, English name or 'auto' (default)")


def positive_int(value: str) -> int:
    """An argparse type: an integer of at least 1 (the API's own upper bounds still apply)."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _ratio(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0 < number <= 1:
        raise argparse.ArgumentTypeError("must be in (0, 1]")
    return number


def summary_options(args: argparse.Namespace) -> dict[str, Any]:
    """The options given on the command line, by API name (absent ones are left to the defaults)."""
    names = ("sentences", "ratio", "words", "algorithm", "language", "title", "strip_boilerplate")
    return {name: getattr(args, name) for name in names if getattr(args, name, None) is not None}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "summarize", help="summarise one article (the default command)", description="Extractive summary of a news article."
    )
    parser.add_argument("file", nargs="?", default="-", help="the article as UTF-8 text, or - for standard input (default)")
    add_summary_options(parser)
    parser.add_argument("--title", help="a known headline: its copies are stripped too")
    parser.add_argument(
        "--html",
        action="store_true",
        help="the file is an HTML page: summarise its article (implied by a .html/.htm/.xhtml name, "
        "or a text that begins as a page does)",
    )
    parser.add_argument(
        "--no-strip-boilerplate", dest="strip_boilerplate", action="store_false", default=None,
        help="keep datelines, related links, captions, credits and author tags",
    )
    parser.add_argument("--json", action="store_true", help="print the full result as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    config = Config.load()
    name = "standard input" if args.file == "-" else args.file
    longest = max(config.max_text_chars, config.max_body_bytes)  # a text's bound, or a page's (a body's)
    try:
        text = _read(args.file, longest)
    except OSError as error:
        print(f"ringkas: cannot read {args.file}: {error}", file=sys.stderr)
        return 2
    except UnicodeDecodeError as error:  # its position is within the chunk being decoded: not worth showing
        print(f"ringkas: cannot read {name}: it is not UTF-8 text ({error.reason})", file=sys.stderr)
        return 2
    if len(text) > longest:
        print(f"ringkas: {name} has more than {longest:,} characters: the limit is {config.max_text_chars:,} for a text "
              f"(RINGKAS_MAX_TEXT_CHARS) and {config.max_body_bytes:,} for a page (RINGKAS_MAX_BODY_BYTES)", file=sys.stderr)
        return 2
    try:
        # Imported here, not at the top: building the parser (`ringkas --help`, a usage error) needs
        # none of them, and they take most of a second and a half to import (scikit-learn, trafilatura).
        from ..summarizer import Summarizer
        from ..text.extract import PAGE_SUFFIXES

        summarizer = Summarizer(config)
        options = summary_options(args)
        page = args.html or args.file.lower().endswith(PAGE_SUFFIXES)  # a text that is a page: summarize's rule
        result = summarizer(html=text, **options) if page else summarizer(text, **options)
    except RingkasError as error:
        print(f"ringkas: {error.detail}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(sentence.text for sentence in result.sentences))
    return 0


def _read(path: str, longest: int) -> str:
    """The file's text, but no more than ``longest + 1`` characters of it: one more than any text
    or page the service accepts is enough to refuse it, and a file of gigabytes is never read
    whole into memory (it was, before the pipeline refused it by its length)."""
    if path == "-":
        return strict_utf8(sys.stdin).read(longest + 1)
    with open(path, encoding="utf-8") as handle:
        return handle.read(longest + 1)


def strict_utf8(stream: TextIO) -> TextIO:
    """Standard input read as UTF-8 that refuses other bytes, as a named file is read. Python reads
    it with ``surrogateescape`` in a C or UTF-8 locale: Latin-1 bytes became lone surrogates,
    which were summarised and printed back as the same bytes (``--json`` wrote JSON that is not
    UTF-8), where the same file by name was refused."""
    if isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(encoding="utf-8", errors="strict")
    return stream
