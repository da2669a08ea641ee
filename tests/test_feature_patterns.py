"""The learned scorer's text patterns, rewritten for speed, find exactly what their definitions find."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from service.rank import features
from tests.conftest import SEEDS

#: The definition of a capitalised word not at the start of a sentence (what the model was trained on).
CAPITALISED = re.compile(r"(?<!^)\b[A-Z][\w'’-]*")

_TEXT = st.text(alphabet=st.sampled_from("AZaz09 _'’-.,\"“ÉéİßЖж\u00a0\n"), max_size=40)


@settings(max_examples=2000, deadline=None)
@given(_TEXT)
def test_capitalised_words_match_their_definition(text: str) -> None:
    assert features._CAPITALISED.findall(text) == CAPITALISED.findall(text)


def test_capitalised_words_match_their_definition_on_the_seeds() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert features._CAPITALISED.findall(line) == CAPITALISED.findall(line)
    assert features._CAPITALISED.findall("Ali met O'Neil and Jean-Pierre in Jakarta.") == ["O'Neil", "Jean-Pierre", "Jakarta"]
