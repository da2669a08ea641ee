"""How the shipped default does on news it never saw: any file of articles with references.

Run from the repository root: ``OMP_NUM_THREADS=1 python -m bench.transfer FILE [--language en]
[--limit N] [--as-stored] [--text-column C] [--reference-column C] [--priors P …]``.

Each row is ``{"text": ..., "reference": ...}`` (the reference one sentence per line, as in
``../shared/data``), optionally with ``"lang"`` and ``"id"``; a CSV file is read too, from its
``article`` and ``highlights`` columns (the CNN/DailyMail layout) or those named by
``--text-column`` and ``--reference-column``. A reference without line breaks is cut into
sentences by the service's splitter (ROUGE-Lsum reads it sentence by sentence).

The held-out corpora the default is judged on include two that arrive as one line, so every
text is flattened first (``evaluate.one_line``) unless ``--as-stored``. Systems, 3 sentences
each, on the same text:

* ``LEAD-3``: the first three sentences as our splitter cuts the raw text, as a plain baseline
  cuts it: a flattened by-line block (``By . Daily Mail Reporter . PUBLISHED: . …``) counts as
  sentences;
* ``LEAD-3 after cleaning``: the first three sentences the pipeline keeps (boilerplate and
  headline copies removed): the lead baseline at its best;
* ``sumy TextRank``, run as ``make eval`` runs it;
* ``Ringkas textrank + prior`` and ``Ringkas default`` (the shipped model, which never saw the file);
* with ``--priors P …``: the default with ``position_prior=P`` (its scores times ``(i + 1) ** -P``,
  the logits minus ``P · log(i + 1)``, as ``bench.train_renderings`` tries the prior in
  cross-validation).

It prints mean ROUGE-1/2/Lsum F1 with 95% bootstrap intervals, the default's paired difference
to each baseline, and where in the article the default's picks come from. docs/EVALUATION.md
(round 8) reports it on a CNN/DailyMail sample and on Indonesian news.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from bench import evaluate as ev
from bench.train import Doc, build_doc
from service.models import SummaryOptions
from service.pipeline import Resources, analyse
from service.rank.sumy_reference import sumy_scores
from service.summarizer import Summarizer

SYSTEMS = ("LEAD-3", "LEAD-3 after cleaning", "sumy TextRank", "Ringkas textrank + prior", "Ringkas default")
DEFAULT = SYSTEMS[-1]


def read_rows(
    path: Path, language: str, text_column: str = "article", reference_column: str = "highlights"
) -> Iterator[dict[str, Any]]:
    """Rows of ``path`` as ``{"id", "lang", "text", "reference"}``, the reference one sentence per
    line: JSON lines, or a CSV (its ``text_column`` and ``reference_column``); rows without a
    reference are skipped."""
    if path.suffix == ".csv":
        with path.open(newline="", encoding="utf-8") as handle:
            rows: Iterator[dict[str, Any]] = (
                {
                    "id": row.get("id") or str(number),
                    "lang": language,
                    "text": row[text_column],
                    "reference": row[reference_column],
                }
                for number, row in enumerate(csv.DictReader(handle))
            )
            yield from (_one_sentence_a_line(row) for row in rows if row["reference"].strip())
        return
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if line.strip():
                row = json.loads(line)
                yield _one_sentence_a_line({**row, "id": str(row.get("id", number)), "lang": row.get("lang", language)})


def transfer_docs(
    path: Path,
    language: str,
    resources: Resources,
    *,
    text_column: str = "article",
    reference_column: str = "highlights",
    limit: int | None = None,
) -> list[Doc]:
    """The articles of ``path`` on one line, analysed as ``make train`` analyses its documents
    (``train.build_doc``, no title), for scoring refitted variants on news they never saw
    (``bench.train_renderings --transfer``, ``bench.corpus_probe``)."""
    rows = list(read_rows(path, language, text_column, reference_column))[:limit]
    docs = (build_doc({**row, "text": ev.one_line(row["text"]), "title": None}, "outside", path.name, resources) for row in rows)
    return [doc for doc in docs if doc is not None]


def add_transfer_arguments(parser: argparse.ArgumentParser, help: str) -> None:
    """``--transfer FILE …`` and how its files are read (``bench.train_renderings``, ``bench.corpus_probe``)."""
    parser.add_argument("--transfer", type=Path, nargs="*", default=[], help=help)
    parser.add_argument("--language", default="en", help="language of the --transfer rows without a 'lang' field")
    parser.add_argument("--text-column", default="article", help="a --transfer CSV's article column")
    parser.add_argument("--reference-column", default="highlights", help="a --transfer CSV's reference column")
    parser.add_argument("--limit", type=int, default=None, help="first N articles of each --transfer file")


def transfer_files(args: argparse.Namespace, resources: Resources) -> dict[str, list[Doc]]:
    """The documents of each ``--transfer`` file (:func:`transfer_docs`), by file name."""
    return {
        path.name: transfer_docs(
            path, args.language, resources, text_column=args.text_column, reference_column=args.reference_column, limit=args.limit
        )
        for path in args.transfer
    }


def _one_sentence_a_line(row: dict[str, Any]) -> dict[str, Any]:
    lines = [line.strip() for line in row["reference"].splitlines() if line.strip()]
    if len(lines) == 1:
        lines = ev.sentences_of(lines[0], row["lang"])
    return {**row, "reference": "\n".join(lines)}


def prior_name(exponent: float) -> str:
    return f"{DEFAULT}, position_prior={exponent:g}"


def summaries(
    row: dict[str, Any], summarizer: Summarizer, sumy: Any, priors: Sequence[float]
) -> tuple[dict[str, list[str]], list[int]]:
    """Every system's 3-sentence summary of one row's text, and the default's picks (indices
    among the sentences the pipeline keeps)."""
    text, language = row["text"], row["lang"]
    sentences = ev.sentences_of(text, language)
    stemmer, stop_words = sumy
    textrank = sumy_scores("textrank", [ev.regex_words(s) for s in sentences], stemmer=stemmer, stop_words=stop_words)
    analysis = analyse(text, SummaryOptions(language=language), summarizer.resources)
    default = summarizer(text, sentences=ev.SENTENCES)
    return {
        "LEAD-3": sentences[: ev.SENTENCES],
        "LEAD-3 after cleaning": [text[a:b] for a, b in analysis.spans[: ev.SENTENCES]],
        "sumy TextRank": [sentences[i] for i in ev.top_k(list(textrank))],
        "Ringkas textrank + prior": [
            s.text
            for s in summarizer(
                text, sentences=ev.SENTENCES, language=language, algorithm="textrank", position_prior=1.0
            ).sentences
        ],
        DEFAULT: [s.text for s in default.sentences],
        **{
            prior_name(exponent): [s.text for s in summarizer(text, sentences=ev.SENTENCES, position_prior=exponent).sentences]
            for exponent in priors
        },
    }, [s.index for s in default.sentences]


def _cells(values: np.ndarray, signed: bool) -> str:
    return " | ".join(ev._cell((float(m), float(lo), float(hi)), signed) for m, lo, hi in zip(*ev.interval(values), strict=True))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--language", default="en", help="language of rows without a 'lang' field (default en)")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--as-stored", action="store_true", help="keep the texts' line breaks (default: one line)")
    parser.add_argument("--text-column", default="article", help="a CSV's article column (default article)")
    parser.add_argument("--reference-column", default="highlights", help="a CSV's reference column (default highlights)")
    parser.add_argument("--priors", type=float, nargs="*", default=[], help="position-prior exponents tried on the default")
    args = parser.parse_args(argv)
    summarizer = Summarizer()
    systems = (*SYSTEMS, *map(prior_name, args.priors))
    rows = list(read_rows(args.file, args.language, args.text_column, args.reference_column))[: args.limit]
    scorers = {language: ev.make_scorer(language) for language in {row["lang"] for row in rows}}
    sumy = {language: ev.sumy_stemmer_and_stop_words(language) for language in scorers}
    scores = np.zeros((len(rows), len(systems), len(ev.METRICS)))
    picks: list[list[int]] = []
    for r, row in enumerate(rows):
        row = row if args.as_stored else {**row, "text": ev.one_line(row["text"])}
        scorer = scorers[row["lang"]]
        texts, default_picks = summaries(row, summarizer, sumy[row["lang"]], args.priors)
        picks.append(default_picks)
        for s, summary in enumerate(texts.values()):
            f1 = scorer.f1(summary, row["reference"])
            scores[r, s] = [f1[metric] for metric in ev.METRICS]
        scorer.clear()
    rendering = "as stored" if args.as_stored else "on one line"
    print(f"{args.file.name}: {len(rows):,} articles, {rendering}; ROUGE F1 × 100 [95% bootstrap CI]\n")
    print("| system | R1 | R2 | RLsum |\n|---|---:|---:|---:|")
    for s, system in enumerate(systems):
        print(f"| {system} | {_cells(scores[:, s], signed=False)} |")
    print("\n| paired difference | R1 | R2 | RLsum |\n|---|---:|---:|---:|")
    baselines = range(SYSTEMS.index(DEFAULT))
    for s in range(SYSTEMS.index(DEFAULT), len(systems)):
        for b in baselines:
            print(f"| {systems[s]} − {systems[b]} | {_cells(scores[:, s] - scores[:, b], signed=True)} |")
    chosen = [i for row_picks in picks for i in row_picks]
    print(
        f"\n{DEFAULT}: the first kept sentence in {sum(0 in p for p in picks):,} of {len(picks):,} summaries; "
        f"of its {len(chosen):,} picks, {sum(i < 3 for i in chosen):,} among the first three, "
        f"{sum(i >= 10 for i in chosen):,} from the eleventh sentence on."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
