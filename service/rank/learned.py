"""The learned sentence scorer over ``features.py``, read from a shipped data file.

``make train`` (``bench/train.py``) fits it on the BBC and IndoSum development files and IndoSum's
training file and writes ``data/scorer.json``; docs/EVALUATION.md has its cross-validated
numbers. The file holds either a linear model (standardised features, one dot product) or a
small ensemble of regression trees (gradient boosting); either way the run-time part is numpy
only, and a softmax over the document's sentences turns the raw scores into a distribution
(scores sum to 1, like the graph rankers').

The file is required. If it is missing, unreadable or of another schema version, loading raises
:class:`ScorerFileError` with what to do, and the service does not start: a silent fallback to
another ranker would hide a broken install behind worse summaries.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .features import FEATURE_NAMES, sentence_features
from .graph import Vectors

#: Version of the data file's layout; bench/train.py writes the same constant.
SCHEMA_VERSION = 1
#: The shipped model (package data, see setup.cfg).
DATA_FILE = Path(__file__).resolve().parent / "data" / "scorer.json"


class ScorerFileError(RuntimeError):
    """The learned scorer's data file is missing or not one this code can read (start-up only)."""


@dataclass(frozen=True)
class Trees:
    """Regression trees, all nodes in flat arrays; tree ``t`` starts at node ``roots[t]``.

    A row goes left at an inner node when ``x[feature] <= threshold`` (scikit-learn's rule);
    its score is ``baseline`` plus the value of the leaf it reaches in every tree.
    """

    roots: np.ndarray
    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    leaf: np.ndarray
    baseline: float
    depth: int

    @classmethod
    def from_dict(cls, model: Mapping[str, Any]) -> Trees:
        trees = model["trees"]
        offsets = np.cumsum([0] + [len(tree["value"]) for tree in trees[:-1]])

        def join(key: str, dtype: type) -> np.ndarray:
            """One array of all trees' nodes; child indices shifted to the flat numbering."""
            shift = key in ("left", "right")
            parts: list[np.ndarray] = [
                np.asarray(tree[key], dtype=dtype) + (offset if shift else 0) for tree, offset in zip(trees, offsets, strict=True)
            ]
            return np.concatenate(parts).astype(dtype)

        return cls(
            roots=offsets.astype(np.int64),
            feature=join("feature", np.int64),
            threshold=join("threshold", np.float64),
            left=join("left", np.int64),
            right=join("right", np.int64),
            value=join("value", np.float64),
            leaf=join("leaf", bool),
            baseline=float(model["baseline"]),
            depth=int(model["depth"]),
        )

    def predict(self, features: np.ndarray) -> np.ndarray:
        rows = np.arange(features.shape[0])[:, None]
        node = np.broadcast_to(self.roots, (features.shape[0], len(self.roots))).copy()
        for _ in range(self.depth):
            inner = ~self.leaf[node]
            if not inner.any():
                break
            goes_left = features[rows, self.feature[node]] <= self.threshold[node]
            node = np.where(inner, np.where(goes_left, self.left[node], self.right[node]), node)
        predicted: np.ndarray = self.baseline + self.value[node].sum(axis=1)
        return predicted


@dataclass(frozen=True)
class LearnedScorer:
    """``logit = ((x - mean) / scale) · weights + bias`` (or the trees' score), softmax over a
    document's sentences."""

    feature_names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    trees: Trees | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LearnedScorer:
        model = data["model"]
        width = len(data["feature_names"])
        if model["kind"] == "trees":
            unused = np.zeros(width)
            return cls(tuple(data["feature_names"]), unused, np.ones(width), unused, 0.0, Trees.from_dict(model))
        return cls(
            feature_names=tuple(data["feature_names"]),
            mean=np.asarray(model["mean"], dtype=np.float64),
            scale=np.asarray(model["scale"], dtype=np.float64),
            weights=np.asarray(model["weights"], dtype=np.float64),
            bias=float(model["bias"]),
        )

    def logits(self, features: np.ndarray) -> np.ndarray:
        """Unnormalised scores of the rows of a feature matrix."""
        if self.trees is not None:
            return self.trees.predict(features)
        linear: np.ndarray = ((features - self.mean) / self.scale) @ self.weights + self.bias
        return linear

    def score(self, features: np.ndarray) -> np.ndarray:
        """Softmax of the logits over the document's sentences (sums to 1; empty for no rows)."""
        if features.shape[0] == 0:
            return np.zeros(0)
        logits = self.logits(features)
        exp = np.exp(logits - logits.max())
        softmax: np.ndarray = exp / exp.sum()
        return softmax

    def rank(
        self,
        texts: Sequence[str],
        tokens: Sequence[Sequence[str]],
        terms: Sequence[Sequence[str]],
        vectors: Vectors,
        title_terms: Sequence[str] | None = None,
    ) -> np.ndarray:
        """Score the sentences of one document (arguments as in ``features.sentence_features``)."""
        return self.score(sentence_features(texts, tokens, terms, vectors, title_terms))


def load_scorer(path: Path | None = None) -> LearnedScorer:
    """Read and check the scorer file (``DATA_FILE`` unless ``path`` is given).

    Raises:
        ScorerFileError: missing, not JSON, another schema version, or features this code does
            not compute (in that order of checks).
    """
    path = DATA_FILE if path is None else path
    remedy = "Reinstall Ringkas, or run `make train` to rebuild it from ../shared/data."
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ScorerFileError(f"The learned scorer's data file {path} is missing. {remedy}") from None
    except (OSError, ValueError) as error:
        raise ScorerFileError(f"The learned scorer's data file {path} cannot be read ({error}). {remedy}") from None
    version = data.get("schema_version") if isinstance(data, dict) else None
    if version != SCHEMA_VERSION:
        raise ScorerFileError(
            f"The learned scorer's data file {path} has schema version {version!r}; this code reads "
            f"version {SCHEMA_VERSION}. {remedy}"
        )
    if tuple(data.get("feature_names", ())) != FEATURE_NAMES:
        raise ScorerFileError(
            f"The learned scorer's data file {path} was trained on other features than this code computes. {remedy}"
        )
    try:
        scorer = LearnedScorer.from_dict(data)
    except (KeyError, TypeError, ValueError) as error:
        raise ScorerFileError(f"The learned scorer's data file {path} is malformed ({error!r}). {remedy}") from None
    width = len(FEATURE_NAMES)
    if not (scorer.mean.shape == scorer.scale.shape == scorer.weights.shape == (width,)) or np.any(scorer.scale <= 0):
        raise ScorerFileError(f"The learned scorer's data file {path} has arrays of the wrong shape. {remedy}")
    return scorer
