"""Line shape (service/text/shape.py): ``is_open`` as string methods answers as the regexes did; words counted in every script."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from service.text.shape import SENTENCE_TERMINALS, is_headline_like, is_open, word_count

# The definition is_open replaced ($-anchored regexes, which scan whole lines): the reference,
# with Unicode's Sentence_Terminal property (the ``regex`` package's) for the closing marks.
# (``\Z`` where they had ``$``: the same on stripped text, and whitespace left before an entity
# is not stripped.)
_CLOSED = regex.compile(r"[\p{Sentence_Terminal}:;][\"'\p{Pe}\p{Pf}]*\Z")
_ELLIPSIS = regex.compile(r"(\.\.\.|…)[\"'\p{Pe}\p{Pf}]*\Z")


#: HTML entities at the end, with the closers around them, are closing quotes.
_ENTITIES_AT_END = regex.compile(r"(?:&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});[\"'\p{Pe}\p{Pf}]*)+\Z")


def _reference_is_open(text: str) -> bool:
    text = text.rstrip()
    text = _ENTITIES_AT_END.sub("", text)
    return bool(_ELLIPSIS.search(text)) or not _CLOSED.search(text)


#: Letters, every closing mark and closer, the whitespace that rstrip and ``$`` treat differently,
#: and whole HTML entities (``sampled_from`` draws them as one piece).
_ALPHABET = st.sampled_from(
    [*"ab .!?。！？؟:;।۔។။։።‼⁇\"'”’»)]}›」』）】…\n\t\u00a0\u2028x-(「&#", "&#39;", "&quot;", "&#x27;", "&amp;", "&#;"]
)


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


def test_sentence_terminals_are_unicodes() -> None:
    """Every character with Unicode's Sentence_Terminal property, and nothing else."""
    unicode = {chr(code) for code in range(0x110000) if regex.match(r"\p{Sentence_Terminal}", chr(code))}
    assert unicode == SENTENCE_TERMINALS


def test_other_scripts_full_stops_close_a_sentence() -> None:
    """A sentence ending in its script's full stop is not a headline (it was, before: a Hindi
    article's lede and last paragraph were passed over by selection as framing headlines)."""
    for sentence in (
        "सरकार ने सोमवार को राजधानी में एक नई मेट्रो लाइन का उद्घाटन किया।",  # Hindi, danda
        "اسلام آباد پاکستان کا دارالحکومت ہے۔",  # Urdu
        "Երևանը Հայաստանի մայրաքաղաքն է։",  # Armenian
        "አዲስ አበባ የኢትዮጵያ ዋና ከተማ ናት።",  # Amharic
        "ရန်ကုန်မြို့သည် အကြီးဆုံးမြို့ ဖြစ်သည်။",  # Burmese
        "រដ្ឋាភិបាលបានប្រកាសផែនការថ្មីមួយ។",  # Khmer
    ):
        assert not is_open(sentence), sentence
        assert is_open(sentence[:-1]), sentence


def test_closing_brackets_and_quotes_of_any_script_follow_the_stop() -> None:
    """A sentence closed inside a Japanese quotation or a full-width bracket is not a headline."""
    assert not is_open("気象庁は「注意してください。」")
    assert not is_open("会议将于明天举行。）")
    assert is_open("東京で大雨「注意」")
    assert is_headline_like("Pourquoi la grève ? »")
    assert is_headline_like("هل تنجح المفاوضات؟")  # Arabic question mark
    assert not is_headline_like("انتهت المفاوضات.")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Markets tumble as oil falls", 5),
        ("Harga  minyak\tturun", 3),
        ("北京宣布新的公共交通计划", 12),  # a word per ideograph
        ("東京都、新しい交通計画を発表", 13),  # kana too; the comma is no word
        ("2024年の計画 GDP", 6),  # runs of other word characters count once
        ("서울시, 새 대중교통 계획 발표", 5),  # Hangul is spaced
        # Thai letters spell words, unspaced: a word per five code points of each run (8 + 4 + 2).
        ("รัฐบาลประกาศแผนขนส่งสาธารณะใหม่ในกรุงเทพ ประกาศแผนคมนาคมใหม่ เมื่อวาน", 14),
        ("กรุงเทพฯ ประกาศแผนคมนาคมใหม่", 6),  # 2 + 4
        ("ກະຊວງ ປະກາດ", 2),  # Lao: short runs are a word at least
        ("ថ្ងៃនេះ Phnom Penh", 4),  # Khmer with Latin words
        ("", 0),
    ],
)
def test_word_count(text: str, words: int) -> None:
    assert word_count(text) == words
    assert word_count(text, 2) == min(words, 3)  # counted only as far as the bound needs
