"""``ringkas headlines FILE``: group the copies among headlines, without a server.

FILE holds one headline a line, or JSON Lines with ``id`` and ``text`` (``-`` reads standard
input); a line that cannot be a headline (a JSON object whose text is missing, not a string or
blank, a headline over RINGKAS_MAX_HEADLINE_CHARS characters, a repeated id) is an error naming
the line, as the API's 422 names the headline. Prints the groups with more than one member
(``--all`` for every group), the group's first headline, then its copies with the kind of copy;
``--json`` prints the results as ``POST /v1/headlines/dedup`` would.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..config import Config
from ..exceptions import MalformedRequest
from ..json_input import has_lone_surrogate
from ..text.normalise import processing_view
from .summarize import strict_utf8

if TYPE_CHECKING:  # imported where used: building the parser (`ringkas --help`) needs none of dedup's weight
    from ..dedup.headline_groups import GroupedHeadline, Headline

#: A headline has a character that shows (after the processing view drops invisible ones), as the API checks.
_VISIBLE = re.compile(r"\S")
#: The longest line read is a JSON row of a headline at its longest, every character escaped (an
#: astral character as two ``\\uXXXX``), with room for its id and other fields of a feed's row.
JSON_ESCAPE_CHARS = 12
ROW_OVERHEAD_CHARS = 64 * 1024


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("headlines", help="group copies of the same headline", description=__doc__)
    parser.add_argument("file", type=argparse.FileType("r", encoding="utf-8"), help="headlines, one a line, or JSONL")
    parser.add_argument("--threshold", type=float, default=None,
                        help="similarity at which two headlines are copies, in (0, 1] (default: the API's, 0.8)")
    parser.add_argument("--all", action="store_true", help="print single headlines too")
    parser.add_argument("--json", action="store_true", help="print the results as JSON, in input order")
    parser.set_defaults(func=run)


def read_headlines(lines: Iterable[str], max_chars: int = 500, longest_line: int | None = None) -> list[Headline]:
    """Headlines of a file: JSONL objects with id and text, else one headline a line (id = line number).

    ``lines`` may be an open file: it is read a line at a time, never a line of more than
    ``longest_line`` characters (a file of one line of gigabytes is refused, not read whole).
    Each headline is checked as ``POST /v1/headlines/dedup`` checks it: its text not blank and at
    most ``max_chars`` characters (``RINGKAS_MAX_HEADLINE_CHARS``), its id unique.

    Raises:
        MalformedRequest: a line that cannot be a headline: a JSON line with a string that is no
            Unicode text, a JSON object whose ``text`` is missing, not a string or blank, or whose
            ``id`` is neither a string nor an integer; a headline too long; a repeated id.
    """
    from ..dedup.headline_groups import Headline

    longest = max_chars if longest_line is None else longest_line
    headlines = []
    first_line: dict[str, int] = {}
    for number, line in enumerate(_bounded_lines(lines, longest), start=1):
        if line is None:
            raise MalformedRequest(f"line {number} is longer than {longest:,} characters: it holds no headline")
        if not _VISIBLE.search(processing_view(line)):  # a blank line (zero-width characters too) is no headline
            continue
        row = _json_headline(line, number) if line.lstrip().startswith("{") else None
        headline = Headline(*row) if row is not None else Headline(str(number), line.rstrip("\n"))
        if len(headline.text) > max_chars:
            raise MalformedRequest(
                f"line {number} has a headline of {len(headline.text):,} characters; the limit is {max_chars:,} "
                "(RINGKAS_MAX_HEADLINE_CHARS)"
            )
        earlier = first_line.setdefault(headline.id, number)
        if earlier != number:
            raise MalformedRequest(f"line {number} repeats the id {headline.id!r} of line {earlier}: ids must be unique")
        headlines.append(headline)
    return headlines


def _json_headline(line: str, number: int) -> tuple[str, str] | None:
    """The id and headline of a JSON Lines row, or ``None`` when the line is no JSON object (a headline
    that begins with a brace). An object is a row: a ``text`` that is null, a number or blank
    used to become the headline ``"None"``, ``"7"`` or a copy of every other blank one, and an
    object without ``text`` a headline of JSON."""
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, RecursionError):
        return None
    except ValueError:  # an integer literal of more than 4,300 digits
        raise MalformedRequest(f"line {number} has a number too long to read") from None
    if not isinstance(record, dict):
        return None
    if has_lone_surrogate(record):
        raise MalformedRequest(f"line {number} has a lone surrogate escape (\\ud800-\\udfff): that is not Unicode text")
    text, row_id = record.get("text"), record.get("id", number)
    if not isinstance(text, str) or not _VISIBLE.search(processing_view(text)):
        raise MalformedRequest(f'line {number} is a JSON object without a headline: its "text" must be a string, not blank')
    if isinstance(row_id, bool) or not isinstance(row_id, str | int) or row_id == "":
        raise MalformedRequest(f'line {number} has an "id" that is neither a string nor an integer')
    return str(row_id), text


def _bounded_lines(lines: Iterable[str], longest: int) -> Iterator[str | None]:
    """The lines of ``lines``, ``None`` for one longer than ``longest`` characters (read no further)."""
    readline = getattr(lines, "readline", None)
    if readline is None:
        for line in lines:
            yield line if len(line) <= longest else None
        return
    while line := readline(longest + 1):
        if len(line) > longest and not line.endswith("\n"):
            yield None
            return
        yield line


def run(args: argparse.Namespace) -> int:
    from ..dedup.headline_groups import group_headlines
    from ..dedup.headline_match import DEFAULT_THRESHOLD

    threshold = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
    with args.file as handle:  # opened by argparse: closed whichever way this ends
        config = Config.load()
        if not 0 < threshold <= 1:
            print("ringkas headlines: --threshold must be in (0, 1]", file=sys.stderr)
            return 2
        longest_line = JSON_ESCAPE_CHARS * config.max_headline_chars + ROW_OVERHEAD_CHARS
        try:
            headlines = read_headlines(strict_utf8(handle), config.max_headline_chars, longest_line)
        except MalformedRequest as error:
            print(f"ringkas headlines: {error.detail}", file=sys.stderr)
            return 2
        except UnicodeDecodeError as error:  # its position is within the chunk being decoded: not worth showing
            name = "standard input" if handle is sys.stdin else handle.name
            print(f"ringkas headlines: cannot read {name}: it is not UTF-8 text ({error.reason})", file=sys.stderr)
            return 2
    results = group_headlines(headlines, threshold) if headlines else []
    if args.json:  # an empty file too: JSON with no results, not an empty output no JSON reader takes
        print(json.dumps({"results": [r.__dict__ for r in results], "groups": 1 + max((r.group for r in results), default=-1)},
                         ensure_ascii=False, indent=2))
        return 0
    members: defaultdict[int, list[tuple[Headline, GroupedHeadline]]] = defaultdict(list)
    for headline, result in zip(headlines, results, strict=True):
        members[result.group].append((headline, result))
    for group, items in members.items():
        if len(items) < 2 and not args.all:
            continue
        first = items[0][0]
        print(f"group {group}: [{first.id}] {first.text}")
        for headline, result in items[1:]:
            print(f"  {result.reason} {result.similarity:.2f} [{headline.id}] {headline.text}")
    return 0
