"""Sentence splitting of this checkout against another's: its cost on the HTTP mix, and which
documents of the training files it splits differently.

Run from the repository root: ``python -m bench.segment_ab DIR [passes]``. ``DIR`` is another
checkout (``git archive <rev> | tar -x -C DIR``); its ``service`` is loaded under another package
name (``_harness.other_service``). Printed:

* ``split_sentences`` CPU time per mix article (every line of the 240 articles), minima of
  ``passes`` passes in turns (``_harness.in_turns``, default 15);
* for BBC dev, IndoSum dev and IndoSum train, as stored and on one line, the number of documents
  whose sentences differ: a change that touches few documents cannot move a corpus mean by much
  on its own (docs/EVALUATION.md, round 17, was measured so).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable

from bench._harness import against_arguments, in_turns, other_service, read_jsonl, shared_data

#: Training files read for the changed-document count: (label, data set, split, language).
CORPORA = (
    ("BBC dev", "bbc_news_summary", "dev", "en"),
    ("IndoSum dev", "indosum", "dev", "id"),
    ("IndoSum train", "indosum", "train", "id"),
)

Split = Callable[[str, tuple[int, int], str], list[tuple[int, int]]]


def sentences(split: Split, text: str, language: str) -> list[tuple[int, int]]:
    from service.text.segment import split_lines

    return [sentence for line in split_lines(text) for sentence in split(text, line, language)]


def main(argv: list[str] | None = None) -> int:
    parsed = against_arguments(sys.argv[1:] if argv is None else argv, __doc__, 15)
    if parsed is None:
        return 2
    directory, passes, _ = parsed
    from bench.evaluate import one_line
    from bench.performance import article_mix
    from service.text.segment import split_lines, split_sentences

    old: Split = importlib.import_module(f"{other_service(directory)}.text.segment").split_sentences
    lines = [(text, line) for text in article_mix() for line in split_lines(text)]
    articles = len(article_mix())
    old_ms, new_ms = in_turns(
        lambda: [old(text, line, "en") for text, line in lines],
        lambda: [split_sentences(text, line, "en") for text, line in lines],
        passes,
    )
    print(f"split_sentences µs per mix article, min of {passes} passes in turns: "
          f"{directory} {old_ms * 1e3 / articles:.1f}, this checkout {new_ms * 1e3 / articles:.1f}")
    for label, dataset, split, language in CORPORA:
        path = shared_data(dataset, split)
        if not path.exists():
            print(f"{label}: skipped, {path} not found")
            continue
        texts = [row["text"] for row in read_jsonl(path)]
        changed = {
            name: sum(sentences(old, view, language) != sentences(split_sentences, view, language) for view in map(render, texts))
            for name, render in (("as stored", str), ("one line", one_line))
        }
        print(f"{label}: sentences differ in {changed['as stored']} of {len(texts)} documents as stored, "
              f"{changed['one line']} on one line")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
