"""Property tests: the offset contract and the error contract on arbitrary Unicode."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.exceptions import RingkasError
from service.select import Budget

# Any code point, surrogates included (JSON escapes can carry lone surrogates), with line
# breaks, sentence punctuation and words mixed in often enough to make sentences.
pieces = st.one_of(
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=30),
    st.sampled_from(["\n", "\r\n", "\u2028", ". ", "? ", "… ", " ", "\u00a0", "\u200b", "Headline here", "Kalimat ini."]),
    st.text(alphabet="abcdefghij ", min_size=1, max_size=40),
)
texts = st.lists(pieces, max_size=40).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, algorithm=st.sampled_from(["lexrank", "textrank"]), count=st.integers(1, 6))
def test_offsets_hold_or_a_documented_error(run, text: str, algorithm: str, count: int) -> None:
    try:
        result = run(text, algorithm=algorithm, budget=Budget("sentences", count))
    except RingkasError:
        return
    for item in (*result.sentences, *result.removed):
        assert 0 <= item.start < item.end <= len(text)
        assert text[item.start : item.end] == item.text
    assert len(result.sentences) <= count
    starts = [s.start for s in result.sentences]
    assert starts == sorted(starts)
    removed = [(r.start, r.end) for r in result.removed]
    assert all(not (a < s.end and s.start < b) for s in result.sentences for a, b in removed)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    headline=st.text(alphabet="abcdefgh XYZ", min_size=12, max_size=60),
    body=st.lists(st.text(alphabet="klmnopqrs ", min_size=30, max_size=80), min_size=2, max_size=6),
)
def test_repeated_headline_never_reaches_the_summary(run, headline: str, body: list[str]) -> None:
    headline = " ".join(headline.split())
    if len(headline.split()) < 3:
        return
    text = "\n".join([headline, headline, *(line.strip() + "." for line in body)])
    result = run(text)
    assert all(headline not in s.text for s in result.sentences)
