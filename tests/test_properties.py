"""Property tests: the offset contract and the error contract on arbitrary Unicode."""

import json
import re

from hypothesis import HealthCheck, assume, given, reject, settings
from hypothesis import strategies as st

from service.exceptions import EmptyText
from service.text.normalise import processing_view

# Any code point, surrogates included (JSON escapes can carry lone surrogates), with line
# breaks, sentence punctuation and words mixed in often enough to make sentences.
pieces = st.one_of(
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=30),
    st.sampled_from(["\n", "\r\n", "\u2028", ". ", "? ", "… ", " ", "\u00a0", "\u200b", "Headline here", "Kalimat ini."]),
    st.text(alphabet="abcdefghij ", min_size=1, max_size=40),
)
texts = st.lists(pieces, max_size=40).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, algorithm=st.sampled_from(["learned", "lexrank", "textrank"]), count=st.integers(1, 6))
def test_offsets_hold_or_a_documented_error(run, text: str, algorithm: str, count: int) -> None:
    try:
        result = run(text, algorithm=algorithm, sentences=count)
    except EmptyText:
        assert not WORD.search(processing_view(text))
        reject()  # counted: if most inputs had no words, hypothesis fails the test (filter_too_much)
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
    assume(len(headline.split()) >= 3)
    text = "\n".join([headline, headline, *(line.strip() + "." for line in body)])
    result = run(text)
    assert all(headline not in s.text for s in result.sentences)


# Texts that repeat a phrase, whole or cut, among other words, joined as stored, on one line or
# glued: the shapes headline stripping searches (a first unit too short to be a copy under an
# ending that repeats its words once crashed the search for an updated copy at the end).
HEADLINE_WORDS = st.sampled_from(
    ["Ab", "cd", "ef", "Gh", "The", "market", "fell", "Jakarta", "12", "Mei", "2017", "10:21", "-", "|", "Reuters",
     "&#39;", "...", "…", "said.", "V.", "(ant)", "Kompas.com", "Updated", "UPDATE", "1-", "BREAKING:", "?", "Hai!"]
)
phrases = st.lists(HEADLINE_WORDS, min_size=1, max_size=6).map(" ".join)
parts = st.tuples(st.sampled_from(["whole", "cut", "other"]), st.integers(1, 6), phrases, st.sampled_from([" ", "", "\n", ". "]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(phrase=phrases, layout=st.lists(parts, min_size=1, max_size=8))
def test_repeated_phrases_give_a_summary_or_a_documented_error(run, phrase: str, layout: list[tuple[str, int, str, str]]) -> None:
    text = ""
    for kind, cut, other, separator in layout:
        piece = phrase if kind == "whole" else " ".join(phrase.split()[:cut]) if kind == "cut" else other
        text += piece + separator
    try:
        result = run(text, sentences=3)
    except EmptyText:
        reject()
    for item in (*result.sentences, *result.removed):
        assert text[item.start : item.end] == item.text


# --- through the HTTP API: arbitrary Unicode as JSON escapes, odd shapes, huge lines ----------

WORD = re.compile(r"\w")

any_unicode = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=200)
# Right-to-left scripts, bidi controls, emoji (ZWJ sequences, flags), combining marks.
rtl_and_emoji = st.lists(
    st.sampled_from(
        ["שלום", "عالم", "مرحبا", " ", ". ", "\n", "\u200f", "\u202e", "\u2066",
         "😀", "👩\u200d👩\u200d👧", "🇮🇩", "\ufe0f", "e\u0301"]
    ),
    max_size=60,
).map("".join)
shapes = st.one_of(
    texts,
    any_unicode,
    rtl_and_emoji,
    any_unicode.map(lambda t: "".join(ch for ch in t if ch not in "\n\r\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85")),  # no line breaks
    st.lists(st.sampled_from(["\n", "\r\n", "\r", "\u2028", "\u2029", "\x85", "\x0b"]), max_size=50).map("".join),  # only breaks
    st.lists(st.sampled_from(["\ud800", "\udfff", "\udbff\udc00", "a\udc80b. ", "\ud83d"]), min_size=1, max_size=20).map("".join),
)


def check_response(text: str, response, *, may_be_too_large: bool = False) -> None:
    """A text with a word gets a summary whose offsets hold; a text without one gets a 422 problem.

    With ``may_be_too_large``, a body or text over a configured limit gets a 413 naming the limit.
    """
    body = json.loads(response.get_data())
    if may_be_too_large and response.status_code == 413:
        assert "the limit is" in body["detail"] or "larger than the limit" in body["detail"]
        return
    expected = 200 if WORD.search(processing_view(text)) else 422
    assert response.status_code == expected, response.get_data(as_text=True)[:500]
    if expected == 422:
        assert response.mimetype == "application/problem+json" and body["status"] == 422 and "empty" in body["detail"]
        return
    for item in body["sentences"] + body["removed"]:
        assert text[item["start"] : item["end"]] == item["text"]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=shapes, sentences=st.integers(1, 5))
def test_http_any_unicode_gives_a_summary_or_a_documented_error(client, text: str, sentences: int) -> None:
    # ensure_ascii: every non-ASCII character, lone surrogates included, travels as a \u escape.
    body = json.dumps({"text": text, "sentences": sentences}, ensure_ascii=True)
    response = client.post("/v1/summarize", data=body, content_type="application/json")
    # The text as sent is the decoded one: escapes of a surrogate pair decode to one character.
    sent = json.loads(body)["text"]
    if re.search("[\ud800-\udfff]", sent):  # a lone surrogate is no Unicode text: a documented 400
        assert response.status_code == 400 and "surrogate" in response.get_json()["detail"]
        return
    check_response(sent, response)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(
    unit=st.sampled_from(["kata ", "word. ", "😀", "\u200b", "a\u0301 ", "שלום ", "x", " "]),
    breaks=st.sampled_from(["", "\n"]),
)
def test_http_50000_character_lines(client, unit: str, breaks: str) -> None:
    line = (unit * (50_000 // len(unit) + 1))[:50_000]
    text = breaks.join([line, line[:1000], line])
    response = client.post("/v1/summarize", data=json.dumps({"text": text}), content_type="application/json")
    check_response(text, response, may_be_too_large=True)


def cut(text: str, spans) -> str:
    """``text`` without the given (start, end) spans."""
    pieces, position = [], 0
    for start, end in sorted(spans):
        pieces.append(text[position:start])
        position = max(position, end)
    return "".join(pieces) + text[position:]


headlines = st.text(alphabet="abcdefghij KLM", min_size=15, max_size=70).map(lambda s: " ".join(s.split()) or "Headline here")
body_lines = st.text(alphabet="nopqrstuvw xyz,", min_size=20, max_size=120).map(lambda s: s.strip() + ".")
# Syndicated articles: a headline, up to two copies with a publisher suffix, body lines.
articles = st.builds(
    lambda headline, copies, body, suffix: "\n".join([headline, *([headline + suffix] * copies), *body]),
    headline=headlines,
    copies=st.integers(0, 2),
    body=st.lists(body_lines, min_size=1, max_size=8),
    suffix=st.sampled_from(["", " - Reuters", " | Kompas.com"]),
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(articles, texts))
def test_stripping_is_idempotent(run, text: str) -> None:
    """Summarising the text with the removed spans cut out removes nothing more."""
    try:
        first = run(text, sentences=3)
    except EmptyText:
        reject()
    stripped = cut(text, [(r.start, r.end) for r in first.removed])
    # Only a text made of nothing but removed spans can end up empty.
    second = run(stripped, sentences=3) if WORD.search(processing_view(stripped)) else None
    assert second is None or second.removed == (), (first.removed, second.removed)
