"""Where the pipeline restores a lone headline's line break spaced before the lede (round 25).

Run: ``python -m bench.title_lines [FILE ...]`` (from the repository root). For the BBC and
IndoSum dev files and IndoSum's training file (and any JSON-lines FILE of ``text`` rows, such as
the CNN/DailyMail and XSum samples of EVALUATION.md round 25), each article is analysed as the
pipeline analyses it, in four renderings: the text on one line, with its title spaced before it
on one line, as stored, and with its title on a line of its own. Printed per file and rendering:
articles, line breaks restored by ``dedup.spaced_title``, and how many of those end exactly at
the title. Restorations where no title was sent are the rule's errors, unless the line is a
caption or a fixture line (printed, up to five).
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import service.pipeline as pipeline
from service.config import Config
from service.models import SummaryOptions
from service.pipeline import Resources, analyse

from ._harness import read_jsonl, shared_data
from .evaluate import one_line

RENDERINGS = {
    "text on one line": lambda title, text: one_line(text),
    "title + text on one line": lambda title, text: one_line(f"{title}\n{text}"),
    "text as stored": lambda title, text: text,
    "title line + text as stored": lambda title, text: f"{title}\n{text}",
}


def main(argv: list[str] | None = None) -> int:
    logging.getLogger("ringkas.access").disabled = True
    resources = Resources.build(Config.load())
    options = SummaryOptions()
    found: list[tuple[str, str]] = []
    real = pipeline.spaced_title_end

    def recorded(view: str, line: tuple[int, int], stop_words: frozenset[str]) -> int | None:
        end = real(view, line, stop_words)
        if end is not None:
            found.append((view[line[0] : end].strip(), view[end : end + 50]))
        return end

    pipeline.spaced_title_end = recorded  # the pipeline's own call, observed
    files = [shared_data(name) for name in ("bbc_news_summary", "indosum")] + [shared_data("indosum", "train")]
    files += [Path(name) for name in (argv if argv is not None else sys.argv[1:])]
    print("| file | rendering | articles | restored | at the title |")
    print("|---|---|---:|---:|---:|")
    for path in files:
        if not path.exists():
            print(f"skipped: {path} not found")
            continue
        rows = list(read_jsonl(path))
        for rendering, render in RENDERINGS.items():
            titled = rendering.startswith("title")
            chosen = [row for row in rows if row.get("title")] if titled else rows
            restored = at_title = 0
            wrong: list[tuple[str, str]] = []
            for row in chosen:
                title = (row.get("title") or "").strip()
                found.clear()
                analyse(render(title, row["text"]), options, resources)
                restored += len(found)
                at_title += sum(1 for head, _ in found if titled and head == title)
                wrong += [hit for hit in found if not (titled and hit[0] == title)]
            print(f"| {path.parent.name}/{path.name} | {rendering} | {len(chosen)} | {restored} | {at_title} |", flush=True)
            for hit in wrong[:5]:
                print(f"    {json.dumps(hit, ensure_ascii=False)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
