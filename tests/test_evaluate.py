"""The quality harness's pure pieces (bench/evaluate.py) on small in-repo inputs; never reads ../shared."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bench.evaluate import (
    SentencexTokenizer,
    lead,
    lightgbm_setting,
    main,
    make_scorer,
    oracle_indices,
    oracle_summary,
    rouge_f1,
    skip_message,
)

ARTICLE = (
    "The council approved the budget on Monday. It raises spending on schools by 4%.\n"
    "Critics said the plan was rushed.\n"
    "Dr. Smith, who chairs the committee, disagreed. A final vote is due in May."
)


def test_lead3_takes_the_first_three_sentences_across_lines() -> None:
    assert lead(ARTICLE, "en") == [
        "The council approved the budget on Monday.",
        "It raises spending on schools by 4%.",
        "Critics said the plan was rushed.",
    ]
    assert lead("Only one sentence here", "en") == ["Only one sentence here"]


@pytest.mark.parametrize("language", ["en", "id"])
def test_rouge_is_100_for_identical_text_and_lower_otherwise(language: str) -> None:
    scorer = make_scorer(language)
    reference = "The council approved the budget.\nCritics said the plan was rushed."
    same = rouge_f1(scorer, ["The council approved the budget.", "Critics said the plan was rushed."], reference)
    assert same == pytest.approx({"rouge1": 100.0, "rouge2": 100.0, "rougeLsum": 100.0})
    other = rouge_f1(scorer, ["The council approved the budget.", "A final vote is due in May."], reference)
    assert all(0.0 < value < 100.0 for value in other.values())
    assert rouge_f1(scorer, ["Nothing in common here."], reference)["rouge2"] == 0.0
    # The token cache changes nothing: same numbers as rouge_score's own RougeScorer.score.
    summary = ["The council approved the budgets on Monday.", "Critics said it was rushed; a vote is due."]
    official = scorer.scorer.score(reference, "\n".join(summary))
    assert rouge_f1(scorer, summary, reference) == pytest.approx({m: 100 * s.fmeasure for m, s in official.items()})


def test_ngram_f1_is_the_mean_of_rouge_1_and_2() -> None:
    scorer = make_scorer("en")
    reference = "The council approved the budget.\nCritics said the plan was rushed."
    summary = ["The council approved the budgets on Monday.", "A final vote is due in May."]
    full = rouge_f1(scorer, summary, reference)
    assert scorer.ngram_f1(summary, reference) == pytest.approx((full["rouge1"] + full["rouge2"]) / 2)


SENTENCES = [
    "The council met on Monday.",
    "Critics said the plan was rushed.",
    "It was sunny.",
    "The council approved the budget for schools.",
    "Critics said the plan was rushed.",  # a copy after sentence 3: "schools critics" is no bigram of the reference
]
REFERENCE = "Critics said the plan was rushed.\nThe council approved the budget for schools."


def test_the_greedy_oracle_takes_what_raises_the_measure_in_document_order_and_stops() -> None:
    scorer = make_scorer("en")

    def measure(summary: list[str]) -> float:
        return scorer.ngram_f1(summary, REFERENCE)

    every = np.ones(len(SENTENCES))
    # The two reference sentences (the copy that reads like the reference); nothing else raises the measure.
    assert oracle_indices(SENTENCES, every, measure) == [1, 3]
    # Only among the candidates: without sentence 3, the oracle makes do with what is left.
    assert 3 not in oracle_indices(SENTENCES, np.array([1, 1, 1, 0, 1]), measure)
    # The ORACLE row of make eval is the same search over the labelled sentences, by R1/R2/RLsum.
    assert oracle_summary(SENTENCES, every, REFERENCE, scorer) == [SENTENCES[1], SENTENCES[3]]


def test_sumy_tokenizer_splits_line_by_line_without_nltk_data() -> None:
    tokenizer = SentencexTokenizer("en")
    assert tokenizer.to_sentences("Headline here\nFirst sentence. Second one.") == (
        "Headline here",
        "First sentence.",
        "Second one.",
    )
    assert tokenizer.to_words("It's 4% up.") == ("It", "s", "4", "up")


def test_missing_data_dir_is_skipped_without_writing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "no-data"
    output = tmp_path / "EVALUATION.md"
    assert skip_message(missing) is not None
    assert main(["--data", str(missing), "--output", str(output)]) == 0
    assert capsys.readouterr().out.startswith("skipped: ")
    assert not output.exists()


def test_lightgbm_settings_are_read_as_json_values_or_text() -> None:
    """``--lightgbm NAME=VALUE`` (a candidate setting refitted in the harness): numbers and booleans
    as LightGBM expects them, anything else as text, and a malformed setting refused by argparse."""
    import argparse

    assert lightgbm_setting("min_data_in_leaf=80") == ("min_data_in_leaf", 80)
    assert lightgbm_setting("lambda_l2=2.5") == ("lambda_l2", 2.5)
    assert lightgbm_setting("extra_trees=true") == ("extra_trees", True)
    assert lightgbm_setting("boosting=dart") == ("boosting", "dart")
    for malformed in ("min_data_in_leaf", "=80", "min_data_in_leaf="):
        with pytest.raises(argparse.ArgumentTypeError, match="NAME=VALUE"):
            lightgbm_setting(malformed)
