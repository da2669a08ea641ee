"""``ringkas headlines FILE``: group the copies among headlines, without a server.

FILE holds one headline a line, or JSON Lines with ``id`` and ``text`` (``-`` reads standard
input). Prints the groups with more than one member (``--all`` for every group), the group's
first headline, then its copies with the kind of copy; ``--json`` prints the results as
``POST /v1/headlines/dedup`` would.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from typing import Any

from ..dedup.headline_groups import GroupedHeadline, Headline, group_headlines
from ..dedup.headline_match import DEFAULT_THRESHOLD
from ..exceptions import MalformedRequest
from ..json_input import has_lone_surrogate


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("headlines", help="group copies of the same headline", description=__doc__)
    parser.add_argument("file", type=argparse.FileType("r", encoding="utf-8"), help="headlines, one a line, or JSONL")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--all", action="store_true", help="print single headlines too")
    parser.add_argument("--json", action="store_true", help="print the results as JSON, in input order")
    parser.set_defaults(func=run)


def read_headlines(lines: list[str]) -> list[Headline]:
    """Headlines of a file: JSONL objects with id and text, else one headline a line (id = line number).

    Raises:
        MalformedRequest: a JSON line with a string that is no Unicode text (it could not be printed).
    """
    headlines = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if line.lstrip().startswith("{"):
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                record = None
            if has_lone_surrogate(record):
                raise MalformedRequest(f"line {number} has a lone surrogate escape (\\ud800-\\udfff): that is not Unicode text")
            if isinstance(record, dict) and "text" in record:
                headlines.append(Headline(str(record.get("id", number)), str(record["text"])))
                continue
        headlines.append(Headline(str(number), line.rstrip("\n")))
    return headlines


def run(args: argparse.Namespace) -> int:
    with args.file as handle:
        try:
            headlines = read_headlines(handle.readlines())
        except MalformedRequest as error:
            print(f"ringkas headlines: {error.detail}", file=sys.stderr)
            return 2
        except UnicodeDecodeError as error:  # its position is within the chunk being decoded: not worth showing
            print(f"ringkas headlines: cannot read {handle.name}: it is not UTF-8 text ({error.reason})", file=sys.stderr)
            return 2
    if not 0 < args.threshold <= 1:
        print("ringkas headlines: --threshold must be in (0, 1]", file=sys.stderr)
        return 2
    if not headlines:
        return 0
    ids = [h.id for h in headlines]
    if len(set(ids)) != len(ids):
        print("ringkas headlines: ids must be unique", file=sys.stderr)
        return 2
    results = group_headlines(headlines, args.threshold)
    if args.json:
        print(json.dumps({"results": [r.__dict__ for r in results], "groups": 1 + max(r.group for r in results)},
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
