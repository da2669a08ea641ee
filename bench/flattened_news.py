"""How the default copes with news as the one-line corpora deliver it (round 7 of docs/EVALUATION.md).

Run from the repository root: ``OMP_NUM_THREADS=1 python -m bench.flattened_news [byline|length]``.

* ``byline``: every BBC dev article on one line, with a flattened by-line block in front of it
  (``By . <name> . PUBLISHED: . <time> . | . UPDATED: . <time> .``, five names, seeded times), summarised
  by the shipped default with and without boilerplate stripping. The shipped model saw these
  articles in training, so only the difference between the rows means anything.
* ``length``: BBC and IndoSum dev on one line, each article summarised by the model of its
  cross-validation fold (``evaluate.learned_models``, as ``make eval`` fits them); per band of
  document length, the default's ROUGE-2 minus LEAD-3's and the share of its picks among the
  first three sentences.
"""

from __future__ import annotations

import random
import sys
from dataclasses import replace

import numpy as np

from bench import evaluate as ev
from bench._harness import SHARED_DATA
from service.models import SummaryOptions
from service.pipeline import summarize
from service.summarizer import Summarizer

NAMES = (
    "Daily Mail Reporter", "Sam Webb", "Emma Glanfield for MailOnline", "Associated Press",
    "Chris Greenwood, Crime Correspondent",
)
#: Bands of document length (sentences).
BANDS = ((0, 12), (12, 20), (20, 30), (30, 10_000))
SETS = (("BBC", "bbc_news_summary/dev.jsonl", "en"), ("IndoSum", "indosum/dev.jsonl", "id"))


def byline_block(rng: random.Random) -> str:
    return (
        f"By . {rng.choice(NAMES)} . PUBLISHED: . 14:{rng.randint(10, 59)} EST, {rng.randint(1, 28)} October 2013 . | . "
        "UPDATED: . 15:20 EST, 25 October 2013 . "
    )


def byline() -> None:
    summarizer, scorer, rng = Summarizer(), ev.make_scorer("en"), random.Random(0)
    rows = ev.read_jsonl(SHARED_DATA / SETS[0][1])
    runs: dict[str, list[list[float]]] = {
        "the article on one line": [], "with a by-line block, strip_boilerplate=false": [], "with a by-line block": [],
    }
    for row in rows:
        body = ev.one_line(row["text"])
        block = byline_block(rng)
        inputs = ((body, True), (block + body, False), (block + body, True))
        for scores, (text, strip) in zip(runs.values(), inputs, strict=True):
            summary = summarizer(text, language="en", strip_boilerplate=strip)
            f1 = scorer.f1([s.text for s in summary.sentences], row["reference"])
            scorer.clear()
            scores.append([f1[m] for m in ev.METRICS])
    print(f"| input ({len(rows):,} BBC dev articles) | default R1 / R2 / RLsum |\n|---|---|")
    for name, scores in runs.items():
        print(f"| {name} | " + " / ".join(f"{v:.2f}" for v in np.mean(scores, axis=0)) + " |")


def by_length() -> None:
    models, assignment = ev.learned_models(SHARED_DATA, None)
    base = Summarizer().resources
    per_fold = {key: replace(base, scorer=ev._scorer(model)) for key, model in models.items()}
    print("| corpus | sentences | articles | default − LEAD-3, R2 | picks among the first three |\n|---|---|---:|---:|---:|")
    for label, name, language in SETS:
        scorer, rows = ev.make_scorer(language), []
        for row in ev.read_jsonl(SHARED_DATA / name):
            text = ev.one_line(row["text"])
            summary = summarize(text, SummaryOptions(), per_fold[assignment[(name, row["id"])][0]])
            ours = scorer.f1([s.text for s in summary.sentences], row["reference"])["rouge2"]
            lead = scorer.f1(ev.lead(text, language), row["reference"])["rouge2"]
            scorer.clear()
            rows.append((summary.stats.sentences, ours - lead, np.mean([s.index < 3 for s in summary.sentences])))
        lengths, gains, leads = (np.array(column) for column in zip(*rows, strict=True))
        for low, high in BANDS:
            band = (lengths >= low) & (lengths < high)
            span = f"{low}–{high - 1}" if high < 10_000 else f"≥ {low}"
            print(f"| {label} | {span} | {band.sum()} | {gains[band].mean():+.2f} | {leads[band].mean():.0%} |")


def main(argv: list[str] | None = None) -> int:
    parts = (sys.argv[1:] if argv is None else argv) or ["byline", "length"]
    for part in parts:
        {"byline": byline, "length": by_length}[part]()
    return 0


if __name__ == "__main__":
    sys.exit(main())
