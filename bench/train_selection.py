"""Selection after the learned ranker: variants judged on the same out-of-fold scores.

Run from the repository root: ``OMP_NUM_THREADS=1 python -m bench.train_selection [--fold-seed N]``.
It fits the single 300-tree ranker shipped before round 6's ensemble (``train_alternatives.xendcg``,
length power 1) once per fold of ``bench.train``'s documents (as stored), keeps every document's
out-of-fold scores, and then selects 3
sentences from the same scores in several ways, printing the worst margin and the six margins
(model − anchor, R1 / R2 / RLsum on BBC then IndoSum) of each:

* as shipped: by score, a candidate with TF-IDF cosine ≥ ``select.NEAR_DUPLICATE`` to a chosen
  sentence skipped;
* other near-duplicate thresholds;
* Maximal Marginal Relevance (``select_sentences(mmr=λ)``, Carbonell & Goldstein 1998);
* trigram blocking (Paulus et al. 2018; Liu & Lapata 2019): a candidate sharing a word trigram
  with a chosen sentence is skipped.

The variants share the ranker's scores, so their differences are paired and not blurred by
refitting; ``--fold-seed`` shows whether a difference survives another split of the folds.
docs/EVALUATION.md ("Selection after the ranker") reports the runs.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence

import numpy as np

from bench import train
from bench.train import SEED, Doc, folds_of, margins, worst_margin
from service import select
from service.models import Budget

_WORD = re.compile(r"\w+")
Pick = Callable[[Doc, np.ndarray], list[int]]


def out_of_fold_scores(docs: Sequence[Doc], folds: np.ndarray) -> list[np.ndarray]:
    """Each document's scores by the single ranker fitted on the other folds."""
    from bench.train_alternatives import xendcg

    scores: list[np.ndarray] = [np.zeros(0)] * len(docs)
    for fold in range(int(folds.max()) + 1):
        model = xendcg([doc for doc, f in zip(docs, folds, strict=True) if f != fold])
        for i in np.flatnonzero(folds == fold):
            scores[i] = train.softmax_scores(model, docs[i])
    return scores


def by_score(near_duplicate: float = select.NEAR_DUPLICATE, mmr: float = 1.0) -> Pick:
    """The service's selection, with another near-duplicate threshold or MMR λ."""

    def pick(doc: Doc, scores: np.ndarray) -> list[int]:
        return select.select_sentences(
            scores, doc.word_counts, doc.vectors, Budget("sentences", train.SENTENCES),
            mmr=mmr, eligible=doc.eligible, near_duplicate=near_duplicate,
        )

    return pick


def _trigrams(sentence: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(sentence.casefold())
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def trigram_blocking(doc: Doc, scores: np.ndarray) -> list[int]:
    """The best-scored eligible sentences that share no word trigram with one already chosen."""
    chosen: list[int] = []
    seen: set[tuple[str, ...]] = set()
    for i in sorted(range(len(scores)), key=lambda k: (-scores[k], k)):
        trigrams = _trigrams(doc.sentences[i])
        if doc.eligible[i] and not trigrams & seen:
            chosen.append(i)
            seen |= trigrams
            if len(chosen) == train.SENTENCES:
                break
    return sorted(chosen)


def variants() -> dict[str, Pick]:
    return {
        "as shipped (near-duplicate 0.8, no MMR)": by_score(),
        **{f"near-duplicate {value:g}": by_score(near_duplicate=value) for value in (0.5, 0.6, 0.7, 0.9)},
        **{f"MMR λ = {value:g}": by_score(mmr=value) for value in (0.97, 0.95, 0.94, 0.92, 0.9, 0.85, 0.8)},
        "trigram blocking": trigram_blocking,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Selection variants on the shipped ranker's out-of-fold scores.")
    parser.add_argument("--data", default=train.DEFAULT_DATA)
    parser.add_argument("--fold-seed", type=int, default=SEED, help="another split of the documents into folds")
    args = parser.parse_args(argv)
    docs = train.load_docs(args.data, train.training_resources(), None)
    scorers = {"en": train.Rouge("en"), "id": train.Rouge("id")}
    train.add_anchors(docs, args.data, None, scorers)
    scores = out_of_fold_scores(docs, folds_of(docs, seed=args.fold_seed))
    print(f"fold seed {args.fold_seed}; margins R1 / R2 / RLsum, BBC then IndoSum", file=sys.stderr)
    for name, pick in variants().items():
        results = [
            scorers[doc.language].f1([doc.sentences[i] for i in pick(doc, s)], doc.reference)
            for doc, s in zip(docs, scores, strict=True)
        ]
        summary = margins(docs, results)
        cells = " / ".join(f"{summary[corpus][f'{m}_margin']:+.2f}" for corpus in ("bbc", "indosum") for m in train.METRICS)
        print(f"| {name} | {worst_margin(summary):+.2f} | {cells} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
