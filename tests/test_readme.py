"""The README's example response is what the service answers for the seed it names."""

from __future__ import annotations

import json
import re
from pathlib import Path

from service import Summarizer
from tests.conftest import seed

README = Path(__file__).resolve().parents[1] / "README.md"
EXAMPLE = re.compile(r"Response \(`200 application/json`[^\n]*\n\n```json\n(.*?)\n```", re.DOTALL)


def test_the_example_response_is_the_first_seeds() -> None:
    """Every number in the example (offsets, indices, scores to three places, stats) is the
    service's for seed 000; only texts, the summary and the elapsed time are elided."""
    match = EXAMPLE.search(README.read_text(encoding="utf-8"))
    assert match, "the README's example response block is gone"
    example = json.loads(match.group(1))
    answer = Summarizer()(seed("000_alibaba_id_double_headline.txt")).to_dict()
    assert set(example) == set(answer)
    assert (example["headline"], example["language"], example["algorithm"]) == (
        answer["headline"], answer["language"], answer["algorithm"])
    chosen = {s["index"]: s for s in answer["sentences"]}
    for shown in example["sentences"]:
        real = chosen[shown["index"]]
        assert (shown["start"], shown["end"], shown["score"]) == (real["start"], real["end"], round(real["score"], 3))
    removed = {(r["start"], r["end"]): r for r in answer["removed"]}
    for shown in example["removed"]:
        real = removed[shown["start"], shown["end"]]
        assert (shown["reason"], shown["similarity"]) == (real["reason"], real["similarity"])
    assert {k: v for k, v in example["stats"].items() if k != "elapsed_ms"} == {
        k: v for k, v in answer["stats"].items() if k != "elapsed_ms"}
