"""Line shape (service/text/shape.py): ``is_open`` as string methods answers as the regexes did."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from service.text.shape import is_headline_like, is_open

# The definition is_open replaced ($-anchored regexes, which scan whole lines): the reference.
# (``\Z`` where they had ``$``: the same on stripped text, and whitespace left before an entity
# is not stripped.)
_CLOSED = re.compile(r"[.!?。！？؟:;][\"'”’»)\]]*\Z")
_ELLIPSIS = re.compile(r"(\.\.\.|…)[\"'”’»)\]]*\Z")


#: HTML entities at the end, with the closers around them, are closing quotes.
_ENTITIES_AT_END = re.compile(r"(?:&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});[\"'”’»)\]]*)+\Z")


def _reference_is_open(text: str) -> bool:
    text = text.rstrip()
    text = _ENTITIES_AT_END.sub("", text)
    return bool(_ELLIPSIS.search(text)) or not _CLOSED.search(text)


#: Letters, every closing mark and closer, the whitespace that rstrip and ``$`` treat differently,
#: and whole HTML entities (``sampled_from`` draws them as one piece).
_ALPHABET = st.sampled_from([*"ab .!?。！？؟:;\"'”’»)]…\n\t\u00a0\u2028x-(&#", "&#39;", "&quot;", "&#x27;", "&amp;", "&#;"])


@settings(max_examples=1000)
@given(st.lists(_ALPHABET, max_size=12).map("".join))
def test_is_open_matches_the_regex_definition(text: str) -> None:
    assert is_open(text) == _reference_is_open(text)


def test_examples() -> None:
    assert is_open("Markets tumble on rate fears")
    assert is_open("Call centre users lose patience...")
    assert is_open("Ada \"kabar\" baru…”")
    assert not is_open("The dollar rose.")
    assert not is_open("He said: \"no.\") ")
    assert not is_open("A list follows:")
    assert is_open("Turkey-Iran mobile deal &#39;at risk&#39;")
    assert is_open("Campaigners attack MTV &quot;sleaze&quot;")
    assert not is_open("He said it was over.&#39;")
    assert not is_open("Fish &amp; chips;")
    assert is_headline_like("Can Smith work Scottish wonders?")
    assert not is_headline_like("Is this a long question that keeps going with many words until it is clearly body text?")
