"""An article sent with its headline: on its own first line, glued to the lede, or flattened with it.

Run: ``python -m bench.title_renderings`` (from the repository root; it imports ``service`` from
the current directory, so it can be run in a checkout of another revision too).

For the BBC and IndoSum dev articles that have a title, five renderings of each, summarised
with default options: the text alone, the title on a line of its own above it, both glued as
``curl -d`` sends them (line breaks dropped), and the text alone and with its title flattened
onto one line (line breaks as spaces: a scraper's ``f"{title} {text}"``). Printed per corpus
and rendering: ROUGE F1 × 100 (R1 / R2 / RLsum, the harness of ``bench.evaluate``), summaries
that hold the title, and articles whose title is a line of its own after the analysis (or
removed as a headline). The
shipped model was fitted on these articles: the rows compare renderings under one model, they
are no estimate of quality (docs/EVALUATION.md, round 24).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

import numpy as np

from service.config import Config
from service.models import SummaryOptions
from service.pipeline import Resources, analyse, summarize

from ._corpus import glue
from ._harness import read_jsonl, shared_data
from .evaluate import make_scorer, one_line, rouge_f1

CORPORA = (("bbc_news_summary", "en"), ("indosum", "id"))
RENDERINGS: dict[str, Callable[[str, str], str]] = {
    "text alone": lambda title, text: text,
    "title line on top": lambda title, text: f"{title}\n{text}",
    "title + text glued": lambda title, text: glue(f"{title}\n{text}")[0],
    "text on one line": lambda title, text: one_line(text),
    "title + text on one line": lambda title, text: one_line(f"{title}\n{text}"),
}


def main() -> int:
    logging.getLogger("ringkas.access").disabled = True
    resources = Resources.build(Config.load())
    options = SummaryOptions()
    print("| corpus | rendering | articles | R1 / R2 / RLsum | title in the summary | title a line of its own |")
    print("|---|---|---:|---|---:|---:|")
    for name, language in CORPORA:
        path = shared_data(name)
        if not path.exists():
            print(f"skipped: {path} not found (the evaluation data lives in ../shared/data).")
            return 0
        rows = [row for row in read_jsonl(path) if row.get("title")]
        scorer = make_scorer(language)
        for rendering, render in RENDERINGS.items():
            scores, held, apart = [], 0, 0
            for row in rows:
                title, text = row["title"].strip(), render(row["title"].strip(), row["text"])
                summary = summarize(text, options, resources)
                sentences = [sentence.text for sentence in summary.sentences]
                held += any(title in sentence for sentence in sentences)
                analysis = analyse(text, options, resources)
                first = analysis.view[analysis.lines[0][0] : analysis.lines[0][1]] if analysis.lines else ""
                apart += first.strip() == title or any(removal.reason == "headline" for removal in analysis.removed)
                result = rouge_f1(scorer, sentences, row["reference"])
                scores.append([result[key] for key in ("rouge1", "rouge2", "rougeLsum")])
            mean = np.mean(scores, axis=0)
            cells = " / ".join(f"{value:.2f}" for value in mean)
            own = "n/a" if rendering.startswith("text") else str(apart)
            print(f"| {name} | {rendering} | {len(rows)} | {cells} | {held} | {own} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
