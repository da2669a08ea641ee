"""The learned scorer: the shipped data file, its loading rules, its features and its place as the default."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from bench.train import tree_metadata
from service.config import Config
from service.models import SummaryOptions
from service.rank import learned
from service.rank.features import (
    FEATURE_NAMES,
    PARAGRAPH_FEATURE_NAMES,
    paragraph_features,
    paragraph_indices,
    sentence_features,
)
from service.rank.learned import DATA_FILE, SCHEMA_VERSION, ScorerFileError, load_scorer
from service.rank.lexrank import tfidf_vectors
from tests.conftest import seed

FIXTURE = Path(__file__).resolve().parent / "data" / "scorer_fixture.json"


def test_shipped_file_reproduces_the_training_scores_on_stored_features() -> None:
    """numpy's evaluation of the shipped trees equals LightGBM's raw scores at training time (make
    train writes both the file and this fixture; the hash ties them together)."""
    fixture = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert hashlib.sha256(DATA_FILE.read_bytes()).hexdigest() == fixture["scorer_sha256"], "re-run make train"
    scorer = load_scorer()
    features = np.asarray(fixture["features"])
    assert features.shape[1] == len(FEATURE_NAMES) and features.shape[0] >= 20
    np.testing.assert_allclose(scorer.logits(features), fixture["logits"], rtol=0, atol=1e-9)
    structured = np.asarray(fixture["paragraph_features"])
    assert structured.shape == (features.shape[0], len(FEATURE_NAMES) + len(PARAGRAPH_FEATURE_NAMES))
    assert scorer.paragraphs is not None
    np.testing.assert_allclose(scorer.paragraphs.logits(structured), fixture["paragraph_logits"], rtol=0, atol=1e-9)


def test_shipped_file_records_how_it_was_made() -> None:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["feature_names"] == list(FEATURE_NAMES)
    assert data["paragraph_feature_names"] == list(PARAGRAPH_FEATURE_NAMES)
    files = {entry["file"]: entry for entry in data["training"]["files"]}
    assert set(files) == {"bbc_news_summary/dev.jsonl", "indosum/dev.jsonl", "indosum/train.jsonl"}
    assert all(len(entry["sha256"]) == 64 for entry in files.values())
    assert data["training"]["cv"], "cross-validation results are stored"


def test_shipped_file_was_grown_with_the_settings_of_make_train() -> None:
    """A setting changed in bench/train.py without re-running make train would leave a model
    that the code no longer describes (the file records how its trees were grown)."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    assert data["training"]["trees"] == tree_metadata(), "re-run make train"


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ScorerFileError, match=r"missing.*make train"):
        load_scorer(tmp_path / "scorer.json")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"schema_version": SCHEMA_VERSION + 1}, "schema version"),
        ({"schema_version": None}, "schema version"),
        ({"feature_names": ["position_relative"]}, "other features"),
        ({"paragraph_feature_names": ["paragraph_log"]}, "other features"),
        ({"paragraph_model": None}, "malformed"),
        ({"paragraph_model": "drop"}, "no paragraph model"),
        ({"model": "the paragraph model's"}, "wrong shape"),  # it reads columns the first model has not
    ],
)
def test_wrong_version_or_features_is_a_clear_error(tmp_path: Path, change: dict, message: str) -> None:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    if change.get("paragraph_model") == "drop":
        del data["paragraph_model"]
    elif change.get("model") == "the paragraph model's":
        data["model"] = data["paragraph_model"]
    else:
        data.update(change)
    path = tmp_path / "scorer.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ScorerFileError, match=message):
        load_scorer(path)


def test_not_json_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "scorer.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ScorerFileError, match="cannot be read"):
        load_scorer(path)


def test_service_refuses_to_start_without_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from service import Summarizer, create_app

    monkeypatch.setattr(learned, "DATA_FILE", tmp_path / "absent.json")
    with pytest.raises(ScorerFileError, match="missing"):
        create_app(Config.load())
    with pytest.raises(ScorerFileError, match="missing"):
        Summarizer(Config.load())


def test_learned_is_the_default_and_summarises_the_seed(run) -> None:
    assert SummaryOptions().algorithm == "learned"
    result = run(seed("002_en_no_headline.txt"))
    assert result.algorithm == "learned" and len(result.sentences) == 3
    assert sum(s.score for s in result.sentences) <= 1.0 + 1e-9


def test_features_do_not_depend_on_line_breaks() -> None:
    texts = ["The port strike halted grain exports on Monday.", "Workers want a 12% raise.", "Talks resume Friday."]
    tokens = [t.casefold().rstrip(".").replace("%", "").split() for t in texts]
    terms = [[w for w in sentence if w not in {"the", "on", "a"}] for sentence in tokens]
    features = sentence_features(texts, tokens, terms, tfidf_vectors(terms), ["port", "strike"])
    assert features.shape == (3, len(FEATURE_NAMES)) and np.isfinite(features).all()
    column = dict(zip(FEATURE_NAMES, features.T, strict=True))
    assert column["position_first"].tolist() == [1.0, 0.0, 0.0]
    assert column["numerals"][1] > 0 and column["numerals"][0] == 0
    assert column["similarity_title"][0] > 0 and column["similarity_title"][2] == 0
    assert np.allclose(column["lexrank"].mean(), 1.0) and np.allclose(column["textrank"].mean(), 1.0)
    assert sentence_features([], [], [], tfidf_vectors([]), None).shape == (0, len(FEATURE_NAMES))


@pytest.mark.parametrize("name", ["002_en_no_headline.txt", "004_id_no_headline.txt"])
def test_a_text_of_paragraphs_is_scored_by_the_paragraph_model_and_one_line_by_the_other(
    run, resources, name: str
) -> None:
    """News may arrive as one line: the same sentences are then scored without the paragraph
    columns, by the model fitted for such texts; with its paragraphs, by the paragraph model."""
    from service.pipeline import analyse

    text = seed(name).strip()
    flat_text = " ".join(text.split())
    by_paragraph, flat = run(text), run(flat_text)
    assert by_paragraph.stats.sentences == flat.stats.sentences
    scorer = resources.scorer
    assert scorer.paragraphs is not None
    for sent, summary, paragraphs in ((text, by_paragraph, True), (flat_text, flat, False)):
        analysis = analyse(sent, SummaryOptions(), resources)
        data = resources.languages.data(analysis.language)
        title = data.terms(analysis.headline_text) if analysis.headline_text else None
        texts = [analysis.view[a:b] for a, b in analysis.spans]
        features = sentence_features(texts, analysis.tokens, analysis.terms, analysis.vectors, title)
        indices = paragraph_indices(analysis.view, analysis.spans)
        assert (max(indices) > 0) == paragraphs
        expected = (
            scorer.paragraphs.score(np.hstack([features, paragraph_features(indices)])) if paragraphs else scorer.score(features)
        )
        by_index = {sentence.index: sentence.score for sentence in summary.sentences}
        assert list(by_index.values()) == [round(float(expected[i]), 6) for i in by_index]  # as the summary rounds them


def test_paragraph_columns_say_where_a_sentence_stands() -> None:
    columns = paragraph_features([0, 0, 1, 2, 2, 2])
    assert columns.shape == (6, len(PARAGRAPH_FEATURE_NAMES))
    assert columns[:, 1].tolist() == [1, 0, 1, 1, 0, 0]  # opens its paragraph
    assert np.allclose(np.expm1(columns[:, 0]), [0, 0, 1, 2, 2, 2])
    assert np.allclose(np.exp(columns[:, 2]), [2, 2, 1, 3, 3, 3])
    view = "One. Two.\n\nThree. Four.\nFive."
    spans = [(0, 4), (5, 9), (11, 17), (18, 23), (24, 29)]
    assert paragraph_indices(view, spans) == [0, 0, 1, 1, 2]  # the empty line holds no sentence
    assert paragraph_indices("One. Baca juga: link. Two.", [(0, 4), (22, 26)]) == [0, 0]  # a removal is no break


def _walk(tree: dict, row: np.ndarray) -> float:
    """One stored tree evaluated node by node, as scikit-learn does (left when x <= threshold)."""
    node = 0
    while not tree["leaf"][node]:
        node = tree["left"][node] if row[tree["feature"][node]] <= tree["threshold"][node] else tree["right"][node]
    return float(tree["value"][node])


def test_trees_of_uneven_depth_give_the_node_by_node_scores() -> None:
    """The complete-tree layout pads shallow leaves; scores must equal a plain walk of each tree,
    including rows exactly on a threshold."""
    lopsided = {  # root splits x0 at 0.5; its left child is a leaf, its right splits x1 at 2 then x0 at 0.9
        "feature": [0, 0, 1, 0, 0, 0, 0],
        "threshold": [0.5, 0.0, 2.0, 0.0, 0.9, 0.0, 0.0],
        "left": [1, 0, 3, 0, 5, 0, 0],
        "right": [2, 0, 4, 0, 6, 0, 0],
        "value": [0.0, -1.0, 0.0, 0.25, 0.0, 2.0, 3.5],
        "leaf": [0, 1, 0, 1, 0, 1, 1],
    }
    stump = {
        "feature": [1, 0, 0], "threshold": [-1.0, 0, 0], "left": [1, 0, 0], "right": [2, 0, 0],
        "value": [0, 7.0, -7.0], "leaf": [0, 1, 1],
    }
    model = {"kind": "trees", "baseline": 0.125, "trees": [lopsided, stump]}
    trees = learned.Trees.from_dict(model)
    rows = np.array([[0.5, 0.0], [0.6, 2.0], [0.6, 2.5], [0.9, 3.0], [1.0, -1.0], [-3.0, -2.0]])
    expected = [0.125 + _walk(lopsided, row) + _walk(stump, row) for row in rows]
    assert trees.depth == 3
    np.testing.assert_allclose(trees.predict(rows), expected)
    assert len(set(expected)) >= 4  # the rows reach different leaves


def test_long_documents_are_walked_in_row_blocks_with_the_same_scores() -> None:
    """Rows beyond ``PREDICT_ROWS`` are walked block by block: every row's score is bitwise the
    one a row-by-row walk gives, across block boundaries."""
    trees = learned.load_scorer().trees
    assert trees is not None
    rows = np.random.default_rng(7).normal(size=(2 * learned.PREDICT_ROWS + 37, len(FEATURE_NAMES)))
    one_by_one = np.concatenate([trees.predict(row[None, :]) for row in rows])
    np.testing.assert_array_equal(trees.predict(rows), one_by_one)


@pytest.mark.parametrize("damage", ["cycle", "bad child"])
def test_damaged_trees_are_a_clear_error(tmp_path: Path, damage: str) -> None:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    tree = data["model"]["trees"][0]
    inner = tree["leaf"].index(0)
    tree["left"][inner] = inner if damage == "cycle" else len(tree["leaf"]) + 5
    path = tmp_path / "scorer.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ScorerFileError, match="malformed"):
        load_scorer(path)


#: The seeds' feature matrices, written by a fresh process (whose CPU kernels its environment picks).
_SEED_FEATURES = """
import sys
import numpy as np
from service.config import Config
from service.models import SummaryOptions
from service.pipeline import Resources, analyse
from service.rank.features import sentence_features
from tests.conftest import SEEDS

resources = Resources.build(Config.load())
matrices = []
for path in sorted(SEEDS.glob("*.txt")):
    analysis = analyse(path.read_text(encoding="utf-8"), SummaryOptions(), resources)
    data = resources.languages.data(analysis.language)
    title = data.terms(analysis.headline_text) if analysis.headline_text else None
    texts = [analysis.view[a:b] for a, b in analysis.spans]
    matrices.append(sentence_features(texts, analysis.tokens, analysis.terms, analysis.vectors, title))
np.save(sys.argv[1], np.vstack(matrices))
"""

#: The oldest x86 kernels numpy and OpenBLAS can be told to use: no AVX2 or AVX-512 code paths
#: (numpy's SVML log/log1p/exp among them) and OpenBLAS's SSE3 kernels. Elsewhere (no such
#: features or kernels) the variables change nothing and the test compares a machine with itself.
_OLD_KERNELS = {"NPY_DISABLE_CPU_FEATURES": "X86_V3 X86_V4 AVX512_ICL AVX512_SPR", "OPENBLAS_CORETYPE": "Prescott"}


def test_features_do_not_depend_on_the_cpu_kernels(tmp_path: Path) -> None:
    """The model's input is the same to the bit whichever kernels the CPU gets, so that `make
    train` builds the same file on every machine (float64 features differed in their last bits
    between an AVX-512 machine and the SSE kernels, and LightGBM's bins moved with them)."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    matrices = []
    for name, extra in (("native", {}), ("old", _OLD_KERNELS)):
        out = tmp_path / f"{name}.npy"
        env = {**os.environ, "PYTHONPATH": str(root), **extra}
        subprocess.run([sys.executable, "-c", _SEED_FEATURES, str(out)], cwd=root, env=env, check=True, timeout=120)
        matrices.append(np.load(out))
    native, old = matrices
    assert native.shape[0] > 50 and native.shape[1] == len(FEATURE_NAMES)
    assert np.array_equal(native, old)
