import pytest

from service.text.normalise import matching_key, processing_view


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain text", "plain text"),
        ("a\r\nb", "a\n\nb"),  # CR becomes a line break; the empty line is skipped later
        ("a\u2028b\u2029c\x85d", "a\nb\nc\nd"),
        ("non\u00a0breaking\u2009thin", "non breaking thin"),
        ("zero\u200bwidth\ufeffbom", "zero width bom"),
        ("ctrl\x00\x07\x1bchars", "ctrl   chars"),
        ("lone \ud800 surrogate", "lone \ufffd surrogate"),
        ("tab\tstays", "tab\tstays"),
        ("émoji 🎉 stay", "émoji 🎉 stay"),
    ],
)
def test_processing_view_swaps_single_characters(text: str, expected: str) -> None:
    view = processing_view(text)
    assert view == expected
    assert len(view) == len(text)


def test_the_latin1_table_swaps_what_the_regex_swaps() -> None:
    """Texts within Latin-1 take a byte table (``_LATIN1_VIEW``); every one of its 256 code points,
    alone and among others, gets the character the regex pass gives it."""
    from service.text import normalise

    def by_regex(text: str) -> str:
        return normalise._NEEDS_VIEW.sub(lambda match: normalise._view_char(match.group()), text)

    every = "".join(chr(code) for code in range(256))
    for text in [every, every[::-1], *every, "Price \xa3 5\r\nnext\x85line\xad"]:
        assert processing_view(text) == by_regex(text)
    assert processing_view(every + "\u2019") == by_regex(every + "\u2019")  # beyond Latin-1: the regex pass


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("SLUGGISH ECONOMY HITS JOBS", "Sluggish economy hits jobs"),
        ("Call centre users \u2018lose patience\u2019", "Call centre users 'lose patience'"),
        ("Fiat\u2013GM  deal\u00a0nears", "Fiat-GM deal nears"),
        ("Ｆｕｌｌｗｉｄｔｈ", "fullwidth"),
        ("Straße", "STRASSE"),
    ],
)
def test_matching_key_ignores_typography(a: str, b: str) -> None:
    assert matching_key(a) == matching_key(b)


def test_matching_key_keeps_words_apart() -> None:
    assert matching_key("Dollar gains") != matching_key("Dollar falls")
