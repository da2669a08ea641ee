"""LightGBM rankers for the learned scorer, exported to the arrays ``service/rank/learned.py`` reads.

LightGBM is a training-time dependency only (the ``dev`` extra); the service never imports it.
``dump_model()`` gives each tree as nested dicts; :func:`export_booster` flattens them into the
node lists that ``learned.Trees.from_dict`` lays out as complete binary trees (a row goes left
when ``x[feature] <= threshold``, LightGBM's rule for numerical splits, and the feature rows
never hold NaN, so the missing-value direction never applies). LightGBM folds its initial score
into the first tree, so the baseline is 0; :func:`fit_ranker` checks the export against
LightGBM's own raw scores.

Targets for the ranking objectives (query = one document): a sentence's grade is 0 for a
negative; a positive gets ``levels`` when the document has no more positives than the summary
budget, else ``⌈levels · t⌉``, where ``t`` is its share of the
document's ``words ** length_power`` relative to the largest positive (``train._target``): with a
fixed number of sentences, the longer labelled sentences cover more of a long extractive
reference. Rows are weighted so that each corpus weighs equally.

:func:`fit_ensemble` averages several rankers fitted on bagged rows and features (different
seeds): their mean is the sum of all their trees with the leaf values divided by their number,
so the exported model is one forest and the service walks it exactly as it walks one ranker.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from service.rank.learned import LearnedScorer

if TYPE_CHECKING:
    from bench.train import Doc

#: Fixed LightGBM settings: one thread, row-wise histograms and ``deterministic`` make two runs
#: of ``make train`` identical; trees are cut at depth 6 like the scikit-learn model's.
BASE_PARAMS: dict[str, Any] = {
    "deterministic": True,
    "force_row_wise": True,
    "num_threads": 1,
    "verbose": -1,
    "max_depth": 6,
    "num_leaves": 31,
    "learning_rate": 0.07,
    "min_data_in_leaf": 20,
    "max_bin": 255,
}


def export_booster(booster: Any) -> dict[str, Any]:
    """The booster's trees as ``learned.Trees.from_dict`` reads them (kind ``trees``, baseline 0)."""
    trees = []
    for info in booster.dump_model()["tree_info"]:
        tree: dict[str, list[Any]] = {key: [] for key in ("feature", "threshold", "left", "right", "value", "leaf")}
        stack: list[tuple[Mapping[str, Any], int, str]] = [(info["tree_structure"], -1, "")]
        while stack:  # pre-order, children numbered as they are reached
            node, parent, side = stack.pop()
            index = len(tree["leaf"])
            if parent >= 0:
                tree[side][parent] = index
            is_leaf = "split_feature" not in node
            if not is_leaf and node["decision_type"] != "<=":
                raise ValueError(f"unsupported split {node['decision_type']!r}")
            tree["feature"].append(0 if is_leaf else int(node["split_feature"]))
            tree["threshold"].append(0.0 if is_leaf else float(node["threshold"]))
            tree["left"].append(0)
            tree["right"].append(0)
            tree["value"].append(float(node["leaf_value"]) if is_leaf else 0.0)
            tree["leaf"].append(int(is_leaf))
            if not is_leaf:
                stack.append((node["right_child"], index, "right"))
                stack.append((node["left_child"], index, "left"))
        trees.append(tree)
    depth = max(1, max(_depth(tree) for tree in trees))
    return {"kind": "trees", "baseline": 0.0, "depth": depth, "trees": trees}


def _depth(tree: Mapping[str, list[Any]]) -> int:
    deepest, stack = 0, [(0, 0)]
    while stack:
        node, level = stack.pop()
        if tree["leaf"][node]:
            deepest = max(deepest, level)
        else:
            stack += [(tree["left"][node], level + 1), (tree["right"][node], level + 1)]
    return deepest


def grades(doc: Doc, length_power: float, levels: int, budget: int) -> np.ndarray:
    """Relevance grade of each sentence of one document (see the module docstring)."""
    from bench.train import _target

    if doc.grades is not None:  # a variant's own grades
        return doc.grades
    if doc.labels.sum() == 0:
        return np.zeros(len(doc.labels))
    if doc.labels.sum() <= budget:
        return doc.labels * levels
    share = _target(doc, length_power)
    share = share / share.max()
    return np.where(doc.labels > 0, np.ceil(share * levels - 1e-9), 0.0)


def fit_ranker(
    docs: Sequence[Doc],
    objective: str,
    length_power: float,
    *,
    levels: int = 3,
    rounds: int = 300,
    seed: int,
    budget: int = 3,
    params: Mapping[str, Any] | None = None,
    features: Callable[[Doc], np.ndarray] | None = None,
) -> LearnedScorer:
    """A LightGBM model over the documents' features, exported for numpy.

    ``objective`` is a LightGBM ranking objective (``rank_xendcg``, ``lambdarank``; query = one
    document, graded labels from :func:`grades`) or ``binary`` (the scikit-learn model's
    per-document weights, as a cross-check of the two libraries).
    """
    rows = features or (lambda doc: doc.features)
    x = np.vstack([rows(doc) for doc in docs])
    booster = _booster(docs, x, objective, length_power, levels=levels, rounds=rounds, seed=seed, budget=budget, params=params)
    return _exported_scorer([booster], x)


def _booster(
    docs: Sequence[Doc],
    x: np.ndarray,
    objective: str,
    length_power: float,
    *,
    levels: int,
    rounds: int,
    seed: int,
    budget: int,
    params: Mapping[str, Any] | None,
    weights: Callable[[Sequence[Doc]], np.ndarray] | None = None,
) -> Any:
    """One trained LightGBM booster over the feature rows ``x`` of ``docs`` (see :func:`fit_ranker`);
    ``weights``: the per-document weights (default ``train.corpus_weights``: each corpus sums to 1)."""
    import lightgbm

    from bench.train import _target, corpus_weights

    settings = {**BASE_PARAMS, "objective": objective, "seed": seed, **(params or {})}
    document_weights = (weights or corpus_weights)(docs)
    per_doc = np.concatenate([np.full(len(doc.labels), w) for doc, w in zip(docs, document_weights, strict=True)])
    if objective == "binary":
        y = np.concatenate([doc.labels for doc in docs])
        positive = np.concatenate([_target(d, length_power) if d.labels.sum() > 0 else np.zeros(len(d.labels)) for d in docs])
        negative = np.concatenate([(1 - d.labels) / max(float((1 - d.labels).sum()), 1.0) for d in docs])
        weight = (positive + negative) * per_doc
        data = lightgbm.Dataset(x, y, weight=weight * len(y) / weight.sum(), params={"max_bin": settings["max_bin"]})
    else:
        y = np.concatenate([grades(doc, length_power, levels, budget) for doc in docs])
        data = lightgbm.Dataset(
            x,
            y,
            weight=per_doc * len(y) / per_doc.sum(),
            group=[len(doc.labels) for doc in docs],
            params={"max_bin": settings["max_bin"]},
        )
    return lightgbm.train(settings, data, num_boost_round=rounds)


def fit_ensemble(
    docs: Sequence[Doc],
    objective: str,
    length_power: float,
    *,
    members: int,
    bagging: float,
    levels: int = 3,
    rounds: int = 100,
    seed: int,
    budget: int = 3,
    params: Mapping[str, Any] | None = None,
    weights: Callable[[Sequence[Doc]], np.ndarray] | None = None,
) -> LearnedScorer:
    """The mean of ``members`` rankers (as :func:`fit_ranker`), each grown on a random ``bagging``
    share of the rows and of the features per tree, member k with seed ``seed + k``; exported
    as one forest (see the module docstring). ``weights``: as in :func:`_booster`."""
    x = np.vstack([doc.features for doc in docs])
    boosters = []
    for member in range(1, members + 1):
        sampled = {"bagging_fraction": bagging, "bagging_freq": 1, "feature_fraction": bagging,
                   "bagging_seed": seed + member, "feature_fraction_seed": seed + member}
        boosters.append(_booster(docs, x, objective, length_power, levels=levels, rounds=rounds, seed=seed + member,
                                 budget=budget, params={**(params or {}), **sampled}, weights=weights))
    return _exported_scorer(boosters, x)


def averaged_forest(forests: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Exported forests (baseline 0) as one forest scoring the mean of their scores: every tree,
    each leaf divided by the number of forests."""
    trees = [tree for forest in forests for tree in forest["trees"]]
    if len(forests) > 1:
        trees = [{**tree, "value": [value / len(forests) for value in tree["value"]]} for tree in trees]
    return {**forests[0], "trees": trees, "depth": max(forest["depth"] for forest in forests)}


def _exported_scorer(boosters: Sequence[Any], x: np.ndarray) -> LearnedScorer:
    """The mean of the boosters' raw scores as one exported forest, checked against LightGBM."""
    exported = averaged_forest([export_booster(booster) for booster in boosters])

    def reference(features: np.ndarray) -> np.ndarray:
        raw: np.ndarray = np.mean([booster.predict(features, raw_score=True) for booster in boosters], axis=0)
        return raw

    width = x.shape[1]
    scorer = LearnedScorer.from_dict({"feature_names": [f"f{i}" for i in range(width)], "model": exported})
    check = x[:: max(1, len(x) // 2000)]
    assert np.allclose(scorer.logits(check), reference(check), atol=1e-9), "tree export differs from LightGBM"
    object.__setattr__(scorer, "exported", exported)  # kept for writing the data file ...
    object.__setattr__(scorer, "reference", reference)  # ... and its test fixture
    return scorer
