"""Line shape (service/text/shape.py): ``is_open`` as string methods answers as the regexes did."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from service.text.shape import is_headline_like, is_open

# The definition is_open replaced ($-anchored regexes, which scan whole lines): the reference.
_CLOSED = re.compile(r"[.!?。！？؟:;][\"'”’»)\]]*$")
_ELLIPSIS = re.compile(r"(\.\.\.|…)[\"'”’»)\]]*$")


def _reference_is_open(text: str) -> bool:
    text = text.rstrip()
    return bool(_ELLIPSIS.search(text)) or not _CLOSED.search(text)


#: Letters, every closing mark and closer, and the whitespace that rstrip and ``$`` treat differently.
_ALPHABET = st.sampled_from(list("ab .!?。！？؟:;\"'”’»)]…\n\t\u00a0\u2028x-("))


@settings(max_examples=1000)
@given(st.text(_ALPHABET, max_size=12))
def test_is_open_matches_the_regex_definition(text: str) -> None:
    assert is_open(text) == _reference_is_open(text)


def test_examples() -> None:
    assert is_open("Markets tumble on rate fears")
    assert is_open("Call centre users lose patience...")
    assert is_open("Ada \"kabar\" baru…”")
    assert not is_open("The dollar rose.")
    assert not is_open("He said: \"no.\") ")
    assert not is_open("A list follows:")
    assert is_headline_like("Can Smith work Scottish wonders?")
    assert not is_headline_like("Is this a long question that keeps going with many words until it is clearly body text?")
