"""Can the scorer's features tell the training corpora apart? And which corpus does outside news look like?

Run from the repository root: ``OMP_NUM_THREADS=1 python -m bench.corpus_probe [--transfer FILE …]
[--language en] [--text-column C] [--reference-column C] [--limit N]``.

The learned default comes close to LEAD-3 on IndoSum and to sumy TextRank on BBC at once, though
the two corpora reward opposite summaries (docs/EVALUATION.md): it can only do so by telling them
apart from its features. This probe measures how well they are told apart. Each training article,
on one line, becomes the mean and the standard deviation over its sentences of each feature of a
group; a logistic regression separates BBC from IndoSum on them (5-fold accuracy), and, fitted on
all of them, says what share of each ``--transfer`` file's articles (``bench.transfer``'s formats,
on one line) it takes for BBC. News that looks like BBC to the features gets BBC's summaries: long
central sentences, where a lead-style corpus wants its lead (round 9).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from bench import train
from bench.train import Doc
from bench.train_renderings import DOCUMENT_LENGTH, SENTENCE_LENGTH, STYLE
from bench.transfer import add_transfer_arguments, transfer_files
from service.rank.features import FEATURE_NAMES

CENTRALITY = ("lexrank", "textrank", "similarity_before", "similarity_after", "similarity_centroid")
#: Feature groups probed, by row name.
GROUPS: dict[str, tuple[str, ...]] = {
    "all features": FEATURE_NAMES,
    "style (numerals, capitals, quotation)": STYLE,
    "sentence length": SENTENCE_LENGTH,
    "document length": DOCUMENT_LENGTH,
    "centrality": CENTRALITY,
    "all but style and document length": tuple(name for name in FEATURE_NAMES if name not in STYLE + DOCUMENT_LENGTH),
}
FOLDS = 5


def document_profile(doc: Doc, names: Sequence[str]) -> np.ndarray:
    """The mean and standard deviation over the document's sentences of each feature in ``names``."""
    columns = doc.features[:, [FEATURE_NAMES.index(name) for name in names]]
    return np.concatenate([columns.mean(axis=0), columns.std(axis=0)])


def probe(
    docs: Sequence[Doc], names: Sequence[str], outside: Mapping[str, Sequence[Doc]] | None = None
) -> tuple[float, dict[str, float]]:
    """Cross-validated accuracy of telling BBC from IndoSum by the profiles of ``names``, and the
    share of each outside file's documents that the classifier fitted on all ``docs`` calls BBC."""
    profiles = np.array([document_profile(doc, names) for doc in docs])
    is_bbc = np.array([doc.corpus == "bbc" for doc in docs])
    classifier = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2_000))
    accuracy = float(cross_val_score(classifier, profiles, is_bbc, cv=FOLDS).mean())
    classifier.fit(profiles, is_bbc)
    shares = {
        name: float(classifier.predict(np.array([document_profile(doc, names) for doc in found])).mean())
        for name, found in (outside or {}).items()
        if found
    }
    return accuracy, shares


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=train.DEFAULT_DATA)
    add_transfer_arguments(parser, "outside articles (bench.transfer's formats) to classify")
    args = parser.parse_args(argv)
    resources = train.training_resources()
    docs = train.load_docs(args.data, resources, flat=True)
    outside = transfer_files(args, resources)
    bbc = sum(doc.corpus == "bbc" for doc in docs)
    print(f"BBC ({bbc:,}) or IndoSum ({len(docs) - bbc:,}), on one line\n")
    columns = [f"{name} ({len(found)}) called BBC" for name, found in outside.items()]
    print("| features | accuracy (5-fold) | " + " | ".join(columns) + " |")
    print("|---|---:|" + "---:|" * len(outside))
    for group, names in GROUPS.items():
        accuracy, shares = probe(docs, names, outside)
        cells = [f"{shares.get(name, float('nan')):.0%}" for name in outside]
        print(f"| {group} | {accuracy:.1%} | " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
