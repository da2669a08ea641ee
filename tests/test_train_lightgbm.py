"""make train's LightGBM ranker: its trees, exported for numpy, score as LightGBM does; its grades."""

from __future__ import annotations

from types import SimpleNamespace

import lightgbm
import numpy as np
import pytest

from bench.train_lightgbm import BASE_PARAMS, export_booster, grades
from service.rank.learned import LearnedScorer


def _rows(seed: int, n: int = 400) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 5))
    y = ((x[:, 0] > 0.3) ^ (x[:, 2] * x[:, 3] > 0.1)).astype(float)
    return x, y


@pytest.mark.parametrize("objective", ["binary", "rank_xendcg", "lambdarank"])
def test_exported_trees_give_lightgbms_raw_scores(objective: str) -> None:
    """Uneven trees (num_leaves below 2 ** depth) walked by learned.Trees give LightGBM's own raw
    scores, on the training rows and on new ones, for the pointwise and the ranking objectives."""
    x, y = _rows(1)
    params = {**BASE_PARAMS, "objective": objective, "seed": 3, "max_depth": 4, "num_leaves": 7, "min_data_in_leaf": 5}
    group = [20] * (len(y) // 20) if objective != "binary" else None
    booster = lightgbm.train(params, lightgbm.Dataset(x, y, group=group), num_boost_round=25)
    exported = export_booster(booster)
    assert exported["depth"] <= 4 and len(exported["trees"]) == 25
    scorer = LearnedScorer.from_dict({"feature_names": [f"f{i}" for i in range(5)], "model": exported})
    fresh, _ = _rows(2, 100)
    for rows in (x, fresh):
        np.testing.assert_allclose(scorer.logits(rows), booster.predict(rows, raw_score=True), rtol=0, atol=1e-9)


def _ranking_docs(corpora: tuple[str, ...] = ("indosum", "bbc")) -> tuple[np.ndarray, list[SimpleNamespace]]:
    """The rows of ``_rows(5, 600)`` as 30 documents of 20 sentences, the corpora taking turns."""
    x, y = _rows(5, 600)
    docs = [
        SimpleNamespace(
            features=x[i : i + 20], labels=y[i : i + 20], word_counts=[10] * 20, corpus=corpora[k % len(corpora)], grades=None
        )
        for k, i in enumerate(range(0, len(y), 20))
    ]
    return x, docs


def _doc(labels: list[int], words: list[int]) -> SimpleNamespace:
    return SimpleNamespace(labels=np.array(labels, dtype=float), word_counts=words, grades=None)


def test_grades_favour_long_positives_only_beyond_the_budget() -> None:
    # Within the budget every positive gets the top grade, whatever its length.
    np.testing.assert_array_equal(grades(_doc([1, 0, 1, 0], [5, 30, 40, 8]), 1.0, 3, 3), [3, 0, 3, 0])
    # Beyond it: ⌈3 · words / longest positive⌉, an exact third staying in the lower grade.
    np.testing.assert_array_equal(grades(_doc([1, 1, 1, 1, 0], [10, 20, 30, 25, 50]), 1.0, 3, 3), [1, 2, 3, 3, 0])
    # No positives: all zero (the ranker then learns nothing from the document).
    np.testing.assert_array_equal(grades(_doc([0, 0], [5, 9]), 1.0, 3, 3), [0, 0])
    # A variant's own grades (bench/train_renderings.py) replace the labels'.
    own = SimpleNamespace(labels=np.array([1.0, 0.0]), word_counts=[5, 9], grades=np.array([0.0, 3.0]))
    np.testing.assert_array_equal(grades(own, 1.0, 3, 3), [0, 3])


def test_bagged_ensemble_is_one_forest_scoring_the_members_mean() -> None:
    """fit_ensemble's export walks as one forest (members × rounds trees) and gives the mean of
    its members' LightGBM raw scores; the members differ (bagged rows and features), so the mean
    is not any one of them."""
    from bench.train_lightgbm import _booster, fit_ensemble

    x, docs = _ranking_docs()
    params = {"max_depth": 4, "num_leaves": 7, "min_data_in_leaf": 5}
    scorer = fit_ensemble(docs, "rank_xendcg", 1.0, members=3, bagging=0.8, rounds=15, seed=7, params=params)
    assert len(scorer.exported["trees"]) == 45  # type: ignore[attr-defined]
    fresh, _ = _rows(6, 100)
    np.testing.assert_allclose(scorer.logits(fresh), scorer.reference(fresh), rtol=0, atol=1e-9)  # type: ignore[attr-defined]
    sampled = {"bagging_fraction": 0.8, "bagging_freq": 1, "feature_fraction": 0.8, "bagging_seed": 8, "feature_fraction_seed": 8}
    first = _booster(docs, x, "rank_xendcg", 1.0, levels=3, rounds=15, seed=8, budget=3, params={**params, **sampled})
    assert not np.allclose(scorer.logits(fresh), first.predict(fresh, raw_score=True))
    again = fit_ensemble(docs, "rank_xendcg", 1.0, members=3, bagging=0.8, rounds=15, seed=7, params=params)
    assert again.exported == scorer.exported  # type: ignore[attr-defined]  # deterministic: make train's bytes


def test_a_monotone_constraint_survives_the_export() -> None:
    """LightGBM settings given to fit_ensemble reach every member: constrained to be monotone in
    feature 0 (bench/train_renderings.py's ``monotone in position`` variants), the exported
    forest's score never falls as that feature grows, whatever the others; unconstrained, on the
    same rows (whose labels flip with feature 0 in some places), it does."""
    from bench.train_lightgbm import fit_ensemble

    _, docs = _ranking_docs(("bbc",))
    params = {"max_depth": 4, "num_leaves": 7, "min_data_in_leaf": 5}
    constrained = {**params, "monotone_constraints": [1, 0, 0, 0, 0], "monotone_constraints_method": "basic"}
    fresh, _ = _rows(9, 50)
    sweep = np.repeat(fresh, 41, axis=0)
    sweep[:, 0] = np.tile(np.linspace(-3, 3, 41), len(fresh))

    def steps(model: object) -> np.ndarray:
        return np.diff(model.logits(sweep).reshape(len(fresh), 41), axis=1)  # type: ignore[attr-defined]

    monotone = fit_ensemble(docs, "rank_xendcg", 1.0, members=3, bagging=0.8, rounds=15, seed=7, params=constrained)
    assert (steps(monotone) >= 0).all()
    free = fit_ensemble(docs, "rank_xendcg", 1.0, members=3, bagging=0.8, rounds=15, seed=7, params=params)
    assert (steps(free) < 0).any()


def test_a_variants_ensemble_size_and_settings_reach_make_trains_fit() -> None:
    """bench/train_renderings.py's ``members 3`` and ``minimum leaf rows n`` variants: a Variant's
    ensemble size sets the forest's size (members × train.TREES trees), and its LightGBM settings
    reach every member: with a leaf needing 150 of the ~480 rows a member is grown on, no tree has
    more than three leaves, while the shipped minimum (20) grows trees with more."""
    from bench import train
    from bench.train_renderings import Variant

    _, docs = _ranking_docs()

    def leaves(model: object) -> list[int]:
        return [sum(tree["leaf"]) for tree in model.exported["trees"]]  # type: ignore[attr-defined]

    small_leaves = Variant(members=2, params={"min_data_in_leaf": 150}).fit(docs)
    assert len(leaves(small_leaves)) == 2 * train.TREES
    assert max(leaves(small_leaves)) <= 3
    shipped = Variant().fit(docs)
    assert len(leaves(shipped)) == train.MEMBERS * train.TREES
    assert max(leaves(shipped)) > 3


def test_mixed_powers_average_the_groups_forests_as_one() -> None:
    """bench.train_renderings' MixedPowers (round 20): one member at each of g = 0.75, 1, 1.25
    makes one forest scoring the mean of the three groups' own scores (each group's trees, each
    leaf divided by the number of groups)."""
    from bench import train
    from bench.train_renderings import MixedPowers

    x, docs = _ranking_docs()
    mixed = MixedPowers(members=3).fit(docs)
    groups = [train.fit_final(docs, power, seed=train.SEED + 100 * k, members=1) for k, power in enumerate((0.75, 1.0, 1.25))]
    np.testing.assert_allclose(mixed.logits(x), np.mean([group.logits(x) for group in groups], axis=0), rtol=0, atol=1e-12)
    assert mixed.trees.feature.shape[0] == sum(group.trees.feature.shape[0] for group in groups) == 3 * train.TREES
    assert not np.allclose(groups[0].logits(x), groups[2].logits(x))  # the powers grade the rows differently


def _training_docs(corpora: tuple[str, ...] = ("indosum", "bbc")) -> tuple[np.ndarray, list[object]]:
    """The rows of ``_ranking_docs`` as make train's documents, each of four paragraphs of five
    sentences (the corpora taking turns)."""
    from bench.train import Doc

    x, namespaces = _ranking_docs(corpora)
    docs = [
        Doc(
            id=str(k), corpus=ns.corpus, file="rows", language="en", reference="", sentences=[""] * 20,
            features=ns.features, labels=ns.labels, word_counts=ns.word_counts, vectors=np.zeros((20, 1)),
            eligible=np.ones(20, dtype=bool), paragraphs=np.repeat(np.arange(4), 5),
        )
        for k, ns in enumerate(namespaces)
    ]
    return x, docs


def test_texts_of_one_paragraph_get_a_model_of_the_lead_style_corpora_only() -> None:
    """Round 27: make train fits the model for texts of one paragraph (on one line among them) on
    the documents of train.FLAT_CORPORA only, the paragraph model on every document with
    paragraphs; with no such corpus among the documents (make eval's model trained on BBC only)
    the first model learns from all of them."""
    from bench import train

    x, docs = _training_docs()
    paired = train.fit_paired(docs, 1.0, members=1)
    lead_style = [doc for doc in docs if doc.corpus in train.FLAT_CORPORA]
    assert 0 < len(lead_style) < len(docs)
    np.testing.assert_array_equal(paired.logits(x), train.fit_final(lead_style, 1.0, members=1).logits(x))
    assert not np.array_equal(paired.logits(x), train.fit_final(docs, 1.0, members=1).logits(x))
    structured = np.vstack([train.with_paragraph_columns(doc).features for doc in docs])
    everything = train.fit_final([train.with_paragraph_columns(doc) for doc in docs], 1.0, members=1)
    assert paired.paragraphs is not None
    np.testing.assert_array_equal(paired.paragraphs.logits(structured), everything.logits(structured))

    _, bbc_only = _training_docs(("bbc",))
    assert train.flat_training(bbc_only) == bbc_only


def test_make_trains_objective_leaves_out_bbc_on_one_line() -> None:
    """The objective is the worst margin as stored and, on one line, over train.FLAT_CORPORA: BBC
    on one line is summarised by a model that never learns BBC's long extracts (round 27), so its
    margins are reported, not maximised."""
    from bench import train

    def corpus(margin: float) -> dict[str, float]:
        return {f"{m}_margin": margin for m in train.METRICS}

    summaries = {
        "as stored": {"bbc": corpus(1.5), "indosum": corpus(2.0)},
        "one line": {"bbc": corpus(-13.0), "indosum": corpus(0.5)},
    }
    assert train.objective(summaries) == 0.5
    summaries["as stored"]["bbc"] = corpus(-0.25)
    assert train.objective(summaries) == -0.25


def test_the_paragraph_variants_first_model_learns_from_the_corpora_it_is_given() -> None:
    """bench.train_renderings' round-27 rows: ``flat_corpora`` fits the first model as make train
    does (on train.FLAT_CORPORA's documents), ``flat_bbc_weight`` on all of them with BBC's
    weighing less, which is neither the one-corpus fit nor the equal-weight one."""
    from bench import train
    from bench.train_renderings import ParagraphModel, with_paragraphs_or_none

    x, docs = _training_docs()
    changed = [with_paragraphs_or_none(doc) for doc in docs]  # type: ignore[arg-type]
    lead_style = ParagraphModel(flat_corpora=train.FLAT_CORPORA).fit(changed)
    alone = train.fit_final(train.flat_training(docs), 1.0)  # type: ignore[arg-type]
    np.testing.assert_array_equal(lead_style.flat.logits(x), alone.logits(x))
    equal = ParagraphModel().fit(changed).flat.logits(x)
    weighted = ParagraphModel(flat_bbc_weight=0.25).fit(changed).flat.logits(x)
    assert not np.array_equal(weighted, equal) and not np.array_equal(weighted, alone.logits(x))
