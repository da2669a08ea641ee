"""The outside news samples of docs/EVALUATION.md (rounds 8 and 27), built from public files.

Run from the repository root:

* ``python -m bench.outside_samples frank DIR CNNDM_OUT XSUM_OUT``: ``DIR`` holds the JSON files
  of ``artidoro/frank``'s ``data/articles-wbertscore-json/`` (commit 5860706b); the CNN/DailyMail
  test articles (an ``id`` of ``cnn-…`` or ``dm-…``) go to ``CNNDM_OUT`` with their
  ``bart_reference`` highlights, detokenised and one a line; the XSum articles (no ``id``) to
  ``XSUM_OUT`` with their one-sentence ``Gold`` summary (``reference`` in one file).
* ``python -m bench.outside_samples stories DIR OUT [--count 500] [--seed 0]``: ``DIR`` holds
  CNN/DailyMail ``.story`` files (``AmitD26/Extractive-abstractive-summarization``, commit
  f9c5645b, ``make_datafiles_for_pgn-master/stories_b4/``); ``--count`` of them, drawn by
  ``random.Random(seed).sample`` from the sorted names, go to ``OUT`` with their paragraphs on
  lines of their own and their ``@highlight`` lines as the reference, one a line, a full stop
  added to a line that does not end in ``.``, ``!`` or ``?``.

Each output line is ``{"id", "lang", "text", "reference"}``, the format ``bench.transfer`` and
``bench.train_renderings --transfer`` read (they flatten the texts to one line unless told
otherwise). The samples are for evaluation only: nothing in the repository is fitted on them.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

#: Where a tokenised highlight puts a space that running text has not: before punctuation and
#: English clitics, inside brackets and around PTB quotes.
_DETOKENISE = (
    (re.compile(r" ([.,!?;:%])"), r"\1"),
    (re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m)\b"), r"\1"),
    (re.compile(r"`` "), '"'),
    (re.compile(r" ''"), '"'),
    (re.compile(r"\( "), "("),
    (re.compile(r" \)"), ")"),
)
#: Sentence ends of the tokenised ``bart_reference`` highlights (`` . `` between sentences).
_HIGHLIGHT_END = re.compile(r" \. ")
#: A highlight line ending otherwise gets a full stop.
_FINAL = ".!?"


def detokenise(text: str) -> str:
    """A tokenised highlight (``Locke 's first six games .``) as running text."""
    for pattern, replacement in _DETOKENISE:
        text = pattern.sub(replacement, text)
    return text


def frank_rows(files: Iterable[Path]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The CNN/DailyMail and the XSum rows of frank's article files."""
    cnndm, xsum = [], []
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        if "id" not in data:
            summary = data.get("Gold") or data["reference"]  # one file names it ``reference``
            xsum.append({"id": data["hash"], "lang": "en", "text": data["article"], "reference": summary.strip()})
            continue
        tokenised = data["bart_reference"].strip().rstrip(" .")
        highlights = [piece.strip() for piece in _HIGHLIGHT_END.split(tokenised) if piece.strip()]
        reference = "\n".join(detokenise(piece) + "." for piece in highlights)
        cnndm.append({"id": data["id"], "lang": "en", "text": data["article"], "reference": reference})
    return cnndm, xsum


def story_row(name: str, raw: str) -> dict[str, Any] | None:
    """One ``.story`` file as a row: its paragraphs as lines, its highlights as the reference."""
    body, highlights, highlight_next = [], [], False
    for line in (line.strip() for line in raw.splitlines()):
        if not line:
            continue
        if line.startswith("@highlight"):
            highlight_next = True
        elif highlight_next:
            highlights.append(line if line[-1] in _FINAL else line + ".")
            highlight_next = False
        else:
            body.append(line)
    if not body or not highlights:
        return None
    return {"id": name, "lang": "en", "text": "\n".join(body), "reference": "\n".join(highlights)}


def story_rows(directory: Path, count: int, seed: int) -> list[dict[str, Any]]:
    """``count`` ``.story`` files of ``directory``, drawn with ``seed`` from the sorted names."""
    names = sorted(path.name for path in directory.glob("*.story"))
    chosen = random.Random(seed).sample(names, min(count, len(names)))
    rows = (story_row(name, (directory / name).read_text(encoding="utf-8")) for name in chosen)
    return [row for row in rows if row is not None]


def write_rows(path: Path, rows: Iterable[dict[str, Any]]) -> int:
    """Writes ``rows`` as JSON lines; returns how many."""
    lines = [json.dumps(row, ensure_ascii=False) for row in rows]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return len(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the outside news samples of docs/EVALUATION.md.")
    commands = parser.add_subparsers(dest="command", required=True)
    frank = commands.add_parser("frank", help="CNN/DailyMail and XSum articles of artidoro/frank")
    frank.add_argument("directory", type=Path)
    frank.add_argument("cnndm", type=Path)
    frank.add_argument("xsum", type=Path)
    stories = commands.add_parser("stories", help="a sample of CNN/DailyMail .story files")
    stories.add_argument("directory", type=Path)
    stories.add_argument("output", type=Path)
    stories.add_argument("--count", type=int, default=500)
    stories.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.command == "frank":
        cnndm, xsum = frank_rows(sorted(args.directory.glob("*.json")))
        print(f"{write_rows(args.cnndm, cnndm)} CNN/DailyMail and {write_rows(args.xsum, xsum)} XSum articles")
    else:
        print(f"{write_rows(args.output, story_rows(args.directory, args.count, args.seed))} stories")
    return 0


if __name__ == "__main__":
    sys.exit(main())
