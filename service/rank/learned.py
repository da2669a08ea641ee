"""The learned sentence scorer over ``features.py``, read from a shipped data file.

``make train`` (``bench/train.py``) fits it on the BBC and IndoSum development files and IndoSum's
training file and writes ``data/scorer.json``; docs/EVALUATION.md has its cross-validated
numbers. The file holds either a linear model (standardised features, one dot product) or a
small ensemble of regression trees (gradient boosting; make train's is the mean of six
bagged rankers, stored as one forest); either way the run-time part is numpy
only, and a softmax over the document's sentences turns the raw scores into a distribution
(scores sum to 1, like the graph rankers').

The file holds two models over the same kind of forest: one for a text of one paragraph (a text
on one line among them), over ``features.FEATURE_NAMES``, fitted on the lead-style corpus alone
(IndoSum: round 27), and one for a text of more than one, over those and
``features.PARAGRAPH_FEATURE_NAMES`` (where a sentence stands in its paragraphs), fitted on both
corpora (docs/EVALUATION.md, round 26). One forest is walked per request either way.

The file is required. If it is missing, unreadable or of another schema version, loading raises
:class:`ScorerFileError` with what to do, and the service does not start: a silent fallback to
another ranker would hide a broken install behind worse summaries.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from .features import FEATURE_NAMES, PARAGRAPH_FEATURE_NAMES, has_paragraphs, paragraph_features, sentence_features
from .graph import Vectors

#: Version of the data file's layout; bench/train.py writes the same constant.
SCHEMA_VERSION = 2
#: Deepest trees read (the complete layout has 2 ** depth nodes per tree; make train writes 6).
MAX_TREE_DEPTH = 12
#: Rows walked through the trees at a time: 128 rows × 600 trees of node indices (600 KB) stay
#: in a core's cache, where a whole long document's would not. A walk of 8,621 rows (as many as
#: the 1 MiB input has sentences; ``python -m bench.learned_timeit --walk``) on a 2-core EPYC:
#: 112–115 ms in blocks of 128 rows, 116–121 ms of 64, 199–212 ms of 256, 352–367 ms of 512 (the
#: 300-tree forest before round 19: 53–54 ms of 128, 164–166 ms of 512, then shipped).
PREDICT_ROWS = 128
#: The shipped model (package data, see setup.cfg).
DATA_FILE = Path(__file__).resolve().parent / "data" / "scorer.json"


class ScorerFileError(RuntimeError):
    """The learned scorer's data file is missing or not one this code can read (start-up only)."""


@dataclass(frozen=True)
class Trees:
    """Regression trees laid out as complete binary trees of one depth, for a branch-free walk.

    Each tree is stored in heap order (children of node ``k`` are ``2k + 1`` and ``2k + 2``)
    with ``2 ** depth - 1`` inner nodes; a leaf above the bottom is padded with inner nodes that
    always go left (threshold +inf), and its value is put at the leftmost bottom node below it.
    A row goes left at an inner node when ``x[feature] <= threshold`` (the rule of LightGBM's
    numerical splits and of scikit-learn's); its
    score is ``baseline`` plus the value of the leaf it reaches in every tree. Walking every tree
    at once costs ``depth`` rounds of a few numpy gathers, whatever the trees' shapes.
    """

    feature: np.ndarray  # (trees, 2**depth - 1) inner nodes
    threshold: np.ndarray
    value: np.ndarray  # (trees, 2**depth) bottom nodes
    baseline: float
    depth: int

    @classmethod
    def from_dict(cls, model: Mapping[str, Any]) -> Trees:
        trees = model["trees"]
        depth = max(1, max(_tree_depth(tree) for tree in trees))
        if depth > MAX_TREE_DEPTH:
            raise ValueError(f"trees of depth {depth} (at most {MAX_TREE_DEPTH} are read)")
        inner = 2**depth - 1
        feature = np.zeros((len(trees), inner), dtype=np.intp)
        threshold = np.full((len(trees), inner), np.inf)
        value = np.zeros((len(trees), inner + 1))
        for t, tree in enumerate(trees):
            stack = [(0, 0, 0)]  # (node in the file's numbering, heap position, level)
            while stack:
                node, heap, level = stack.pop()
                if tree["leaf"][node]:
                    while level < depth:  # pad down the left edge to the bottom
                        heap, level = 2 * heap + 1, level + 1
                    value[t, heap - inner] = tree["value"][node]
                    continue
                feature[t, heap] = tree["feature"][node]
                threshold[t, heap] = tree["threshold"][node]
                stack.append((int(tree["left"][node]), 2 * heap + 1, level + 1))
                stack.append((int(tree["right"][node]), 2 * heap + 2, level + 1))
        return cls(feature=feature, threshold=threshold, value=value, baseline=float(model["baseline"]), depth=depth)

    def predict(self, features: np.ndarray) -> np.ndarray:
        """The trees' summed score of each row (plus the baseline).

        Long documents are walked ``PREDICT_ROWS`` rows at a time: the walk's (rows × trees) node
        arrays then stay in the CPU cache (timings at the constant), and each row's score is the
        same sum as in one pass.
        """
        if features.shape[0] <= PREDICT_ROWS:
            return self._predict(features)
        blocks = range(0, features.shape[0], PREDICT_ROWS)
        return np.concatenate([self._predict(features[start : start + PREDICT_ROWS]) for start in blocks])

    def _predict(self, features: np.ndarray) -> np.ndarray:
        n, width = features.shape
        count, inner = self.feature.shape
        flat_x = np.ascontiguousarray(features, dtype=np.float64).ravel()
        row_start = (np.arange(n, dtype=np.intp) * width)[:, None]
        tree_start = (np.arange(count, dtype=np.intp) * inner)[None, :]
        # ``node`` indexes the flattened (trees × inner) arrays: tree t's heap position k is
        # t·inner + k, so its children are 2·node + 1 − t·inner (+1 to go right).
        # The first level reads every tree's root: one column gather, then each row's node on level 1.
        roots = flat_x.reshape(n, width).take(self._root_feature, axis=1)  # C-ordered, like the levels below
        node = tree_start + 1 + (roots > self._root_threshold)
        step = 1 - tree_start
        column = np.empty_like(node)
        goes_right = np.empty((n, count), dtype=bool)
        for _ in range(self.depth - 1):  # in place, np.take: a few microseconds per level
            np.add(self._flat_feature.take(node), row_start, out=column)
            np.greater(flat_x.take(column), self._flat_threshold.take(node), out=goes_right)
            node *= 2
            node += step
            node += goes_right
        # Bottom position k of tree t is node t·inner + k (k ≥ inner); its value is at t·(inner + 1) + k − inner.
        node += (np.arange(count, dtype=np.intp) - inner)[None, :]
        predicted: np.ndarray = self.baseline + self._flat_value.take(node).sum(axis=1)
        return predicted

    @property
    def _root_feature(self) -> np.ndarray:
        return self.feature[:, 0]

    @property
    def _root_threshold(self) -> np.ndarray:
        return self.threshold[:, 0]

    @property
    def _flat_feature(self) -> np.ndarray:
        return self.feature.reshape(-1)

    @property
    def _flat_threshold(self) -> np.ndarray:
        return self.threshold.reshape(-1)

    @property
    def _flat_value(self) -> np.ndarray:
        return self.value.reshape(-1)


def _tree_depth(tree: Mapping[str, Any]) -> int:
    """Number of inner-node levels on the longest root-to-leaf path of one stored tree."""
    deepest, stack = 0, [(0, 0)]
    while stack:
        node, level = stack.pop()
        if level > MAX_TREE_DEPTH:  # a cycle or an absurd tree: stop walking
            return level
        if tree["leaf"][node]:
            deepest = max(deepest, level)
        else:
            stack += [(int(tree["left"][node]), level + 1), (int(tree["right"][node]), level + 1)]
    return deepest


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
    #: The model of texts of more than one paragraph (over the paragraph columns too), if any.
    paragraphs: LearnedScorer | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LearnedScorer:
        """The scorer of a data file's dict (``model``, and ``paragraph_model`` when present)."""
        scorer = cls._one(tuple(data["feature_names"]), data["model"])
        if "paragraph_model" not in data:
            return scorer
        names = (*data["feature_names"], *data["paragraph_feature_names"])
        return replace(scorer, paragraphs=cls._one(names, data["paragraph_model"]))

    @classmethod
    def _one(cls, names: tuple[str, ...], model: Mapping[str, Any]) -> LearnedScorer:
        width = len(names)
        if model["kind"] == "trees":
            unused = np.zeros(width)
            return cls(names, unused, np.ones(width), unused, 0.0, Trees.from_dict(model))
        return cls(
            feature_names=names,
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
        counts: Vectors | None = None,
        paragraphs: Sequence[int] | None = None,
    ) -> np.ndarray:
        """Score the sentences of one document (arguments as in ``features.sentence_features``;
        ``paragraphs``: each sentence's paragraph, ``features.paragraph_indices``). A text of more
        than one paragraph is scored by the paragraph model, any other by this one."""
        features = sentence_features(texts, tokens, terms, vectors, title_terms, counts)
        if self.paragraphs is not None and has_paragraphs(paragraphs):
            return self.paragraphs.score(np.hstack([features, paragraph_features(paragraphs)]))
        return self.score(features)


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
    if (
        tuple(data.get("feature_names", ())) != FEATURE_NAMES
        or tuple(data.get("paragraph_feature_names", ())) != PARAGRAPH_FEATURE_NAMES
    ):
        raise ScorerFileError(
            f"The learned scorer's data file {path} was trained on other features than this code computes. {remedy}"
        )
    try:
        scorer = LearnedScorer.from_dict(data)
    except (KeyError, IndexError, TypeError, ValueError) as error:
        raise ScorerFileError(f"The learned scorer's data file {path} is malformed ({error!r}). {remedy}") from None
    if scorer.paragraphs is None:
        raise ScorerFileError(f"The learned scorer's data file {path} has no paragraph model. {remedy}")
    for model in (scorer, scorer.paragraphs):
        width = len(model.feature_names)
        shapes = model.mean.shape == model.scale.shape == model.weights.shape == (width,)
        reads_beyond = model.trees is not None and int(model.trees.feature.max(initial=0)) >= width
        if not shapes or reads_beyond or np.any(model.scale <= 0):
            raise ScorerFileError(f"The learned scorer's data file {path} has arrays of the wrong shape. {remedy}")
    return scorer
