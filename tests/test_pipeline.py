"""The whole pipeline on the seed articles (golden tests) and on edge cases."""

import dataclasses

import pytest

from service.exceptions import EmptyText, PayloadTooLarge, UnsupportedLanguage
from tests.conftest import seed

ALIBABA = "Alibaba menghadirkan pengiriman 5 hari ke AS untuk bersaing dengan Shein, Temu"
GOLDEN = [
    # file, language, headline, number of headline copies removed
    ("000_alibaba_id_double_headline.txt", "id", ALIBABA, 2),
    ("001_en_headline_twice.txt", "en", "Dockworkers' strike halts grain shipments at Port Merrow", 2),
    ("002_en_no_headline.txt", "en", None, 0),
    ("003_id_suffix_caps.txt", "id", "Pemerintah Siapkan Rp 1,5 Triliun untuk Perbaikan Irigasi di Jawa Tengah", 3),
    ("004_id_no_headline.txt", "id", None, 0),
]


def assert_offsets(text: str, result) -> None:
    for item in (*result.sentences, *result.removed):
        assert text[item.start : item.end] == item.text


@pytest.mark.parametrize(("name", "language", "headline", "copies"), GOLDEN)
@pytest.mark.parametrize("algorithm", ["learned", "lexrank", "textrank"])
def test_seed_articles(run, name: str, language: str, headline: str | None, copies: int, algorithm: str) -> None:
    text = seed(name)
    result = run(text, algorithm=algorithm)
    assert result.language == language
    assert result.headline == headline
    assert [r.reason for r in result.removed if r.reason != "boilerplate"] == ["headline"] * copies
    assert len(result.sentences) == 3
    assert [s.index for s in result.sentences] == sorted(s.index for s in result.sentences)
    assert result.summary == " ".join(s.text for s in result.sentences)
    assert_offsets(text, result)
    if headline:
        assert all(headline.casefold()[:30] not in s.text.casefold() for s in result.sentences)


def test_seed_alibaba_removed_copies_are_lines_two_and_three(run) -> None:
    text = seed("000_alibaba_id_double_headline.txt")
    lines = text.split("\n")
    result = run(text)
    assert [r.text for r in result.removed] == [lines[1], lines[2]]
    assert result.removed[0].start == len(lines[0]) + 1


@pytest.mark.parametrize(
    ("budget", "check"),
    [
        ({"sentences": 5}, lambda r: len(r.sentences) == 5),
        ({"ratio": 0.5}, lambda r: len(r.sentences) == -(-r.stats.sentences // 2)),
        ({"words": 60}, lambda r: sum(len(s.text.split()) for s in r.sentences) <= 60),
    ],
)
def test_budgets_on_the_seed(run, budget: dict, check) -> None:
    result = run(seed("000_alibaba_id_double_headline.txt"), **budget)
    assert check(result)


def test_stats(run) -> None:
    text = seed("001_en_headline_twice.txt")
    stats = run(text).stats
    assert stats.characters == len(text)
    assert stats.lines == len([line for line in text.splitlines() if line.strip()])
    assert stats.selected == 3 and stats.sentences >= 12 and stats.elapsed_ms > 0


def test_language_option_overrides_detection(run) -> None:
    assert run(seed("002_en_no_headline.txt"), language="indonesian").language == "id"


@pytest.mark.parametrize("text", ["", "   \n\t ", "\u200b\u200b", "... !!! ---"])
def test_empty_text(run, text: str) -> None:
    with pytest.raises(EmptyText):
        run(text)


def test_unknown_language(run) -> None:
    with pytest.raises(UnsupportedLanguage):
        run("Some text here.", language="klingon")


def test_text_over_the_limit(run, resources) -> None:
    with pytest.raises(PayloadTooLarge, match="limit"):
        run("a " * (resources.config.max_text_chars // 2 + 1))


def test_crlf_and_control_characters_keep_offsets(run) -> None:
    text = seed("001_en_headline_twice.txt").replace("\n", "\r\n").replace("strike", "str\u200bike", 3)
    result = run(text)
    assert len(result.removed) == 2
    assert_offsets(text, result)


def test_fewer_sentences_than_asked(run) -> None:
    result = run("Only one sentence here.", sentences=5)
    assert [s.text for s in result.sentences] == ["Only one sentence here."]


def test_text_that_is_only_headline_copies(run) -> None:
    result = run("Markets tumble on rate fears\nMarkets tumble on rate fears\n")
    assert len(result.removed) == 2 and result.sentences == () and result.summary == ""


def test_strong_position_prior_gives_the_lead(run) -> None:
    text = seed("002_en_no_headline.txt")
    lead = [s.index for s in run(text, algorithm="lexrank", position_prior=5.0).sentences]
    flat = [s.index for s in run(text, algorithm="lexrank", position_prior=0.0).sentences]
    assert lead[:2] == [0, 1] and sum(lead) < sum(flat)


def test_position_prior_reweights_the_learned_scores_and_is_off_by_default(run) -> None:
    text = seed("002_en_no_headline.txt")
    default = run(text)
    # The learned scorer's default exponent is 0 (elapsed time aside, the same summary).
    assert default.sentences == run(text, position_prior=0.0).sentences
    lead = run(text, position_prior=5.0)
    assert [s.index for s in lead.sentences][:2] == [0, 1]
    assert sum(s.index for s in lead.sentences) < sum(s.index for s in default.sentences)
    # The scores are the learned distribution times (i + 1)^-5, renormalised: sentence 0 gains
    # the most relative to the later sentences it was compared with.
    first, later = lead.sentences[0], lead.sentences[-1]
    before = {s.index: s.score for s in run(text, sentences=99).sentences}
    assert first.score / later.score == pytest.approx(
        before[first.index] / before[later.index] * ((later.index + 1) / (first.index + 1)) ** 5, rel=1e-3
    )


def test_headline_bias_favours_sentences_like_the_headline(run) -> None:
    text = seed("001_en_headline_twice.txt")
    plain = run(text, algorithm="lexrank", position_prior=0.0, sentences=1)
    biased = run(
        text,
        algorithm="lexrank",
        position_prior=0.0,
        headline_bias=1.0,
        title="grain shipments wheat maize",
        sentences=1,
    )
    words = {"grain", "wheat", "maize", "shipments"}
    overlap = lambda s: len(words & set(s.text.lower().replace(",", " ").split()))  # noqa: E731
    assert overlap(biased.sentences[0]) >= overlap(plain.sentences[0])
    assert overlap(biased.sentences[0]) >= 2


def test_mmr_changes_selection_towards_diversity(run) -> None:
    text = seed("004_id_no_headline.txt")
    greedy = run(text, algorithm="lexrank", sentences=4, position_prior=0.0, mmr=1.0)
    diverse = run(text, algorithm="lexrank", sentences=4, position_prior=0.0, mmr=0.3)
    assert len(diverse.sentences) == 4
    assert [s.index for s in greedy.sentences] != [s.index for s in diverse.sentences]


def test_too_many_sentences(resources) -> None:
    from service.config import Config
    from service.models import SummaryOptions
    from service.pipeline import summarize

    small = resources.with_config(Config.load({"max_sentences": 50}))
    with pytest.raises(PayloadTooLarge, match="sentences; the limit is 50"):
        summarize("Kalimat pendek.\n" * 51, SummaryOptions(), small)
    assert len(summarize("Kalimat pendek nomor satu.\n" * 50, SummaryOptions(), small).sentences) >= 1


def test_a_lone_headline_line_is_kept_but_never_summarised(run) -> None:
    body = seed("002_en_no_headline.txt")
    text = "Regional port strike ends after nine days\n" + body
    result = run(text, algorithm="lexrank", position_prior=5.0)
    assert result.removed == ()  # a single headline line may stay in the text ...
    assert all(not s.text.startswith("Regional port strike") for s in result.sentences)  # ... not in the summary


def test_fragments_are_summarised_when_there_is_nothing_else(run) -> None:
    result = run("Harga cabai naik tajam\nStok beras aman menjelang Lebaran\nPasar induk ramai pembeli")
    assert len(result.sentences) == 3


def test_to_dict_matches_dataclasses_asdict(run) -> None:

    result = run(seed("000_alibaba_id_double_headline.txt"))
    expected = dataclasses.asdict(result)  # asdict keeps tuples; JSON makes lists of both
    expected["sentences"], expected["removed"] = list(expected["sentences"]), list(expected["removed"])
    assert expected.pop("text") is None  # the extracted text of HTML input only: absent for text input
    assert result.to_dict() == expected


JAPANESE = (
    "東京で大雨が降りました。多くの電車が止まりました。"
    "気象庁は「注意してください。」と呼びかけています。明日も雨が続く見込みです。"
)


def test_summary_of_chinese_or_japanese_has_no_space_between_sentences(run) -> None:
    result = run(JAPANESE, sentences=4, language="ja")
    assert len(result.sentences) == 4
    assert result.summary == JAPANESE  # all four sentences, joined as the text joins them


def test_summary_of_spaced_scripts_separates_sentences_by_one_space(run) -> None:
    result = run("Rain fell all day. Trains stopped. 「注意。」 The forecast says more rain.", sentences=4, language="en")
    assert result.summary == " ".join(s.text for s in result.sentences)


HINDI = (
    "दिल्ली में नई मेट्रो लाइन शुरू\n"
    "सरकार ने सोमवार को राजधानी में एक नई मेट्रो लाइन का उद्घाटन किया।\n"
    "यह लाइन शहर के पूर्वी हिस्से को हवाई अड्डे से जोड़ती है और इससे रोज़ाना लाखों यात्रियों को फ़ायदा होगा। "
    "अधिकारियों के अनुसार परियोजना पर पाँच हज़ार करोड़ रुपये खर्च हुए हैं और इसे तय समय से पहले पूरा किया गया है। "
    "कई यात्रियों ने कहा कि अब उन्हें ट्रैफ़िक जाम में घंटों नहीं फँसना पड़ेगा।\n"
    "विपक्ष ने कहा कि किराया बहुत अधिक है।"
)


def test_a_sentence_ending_in_a_danda_is_body_text(run) -> None:
    """The Devanagari full stop closes a sentence: the lede and the last paragraph may be
    summarised, and only the headline line above them (no stop) is passed over. (Before, every
    short paragraph ending in ``।`` at the top or bottom was taken for a framing headline.)"""
    result = run(HINDI, sentences=5, language="hi")
    chosen = [sentence.text for sentence in result.sentences]
    assert chosen[0].startswith("सरकार ने सोमवार") and chosen[-1] == "विपक्ष ने कहा कि किराया बहुत अधिक है।"
    assert not any(text.startswith("दिल्ली में नई") for text in chosen)


def test_a_thai_article_is_summarised_by_its_sentences(run) -> None:
    """Thai sentences end at spaces (text/segment.py): the summary is some of them, not the text."""
    from tests.test_segment import THAI

    result = run(THAI, sentences=2, language="th")
    assert result.stats.sentences == 4 and len(result.sentences) == 2
    assert len(result.summary) < len(THAI)


class _CountedSpan(tuple):
    """A line span that counts how often it is unpacked (``a, b = span``): each time a step
    reads the line's bounds."""

    unpacked = 0

    def __iter__(self):
        type(self).unpacked += 1
        return super().__iter__()


def test_framing_lines_are_looked_up_not_compared_with_every_sentence(monkeypatch, resources) -> None:
    """A page of 600 short lines without a stop (``w0<br>w1<br>…``): every line frames the body,
    as a headline above it would. Each sentence's line is found by bisection: the old code tested
    every framing line for every sentence (180,000 unpackings here; a page of 10,000 such lines
    spent 5 of its 7 s there)."""
    from service import pipeline
    from service.models import SummaryOptions

    real = pipeline.summary_worthy

    def counted(view, lines, spans, budget, word_counts):
        return real(view, [_CountedSpan(line) for line in lines], spans, budget, word_counts)

    monkeypatch.setattr(pipeline, "summary_worthy", counted)
    monkeypatch.setattr(_CountedSpan, "unpacked", 0)
    page = "<html><body>" + "".join(f"w{i}<br>" for i in range(600))
    result = pipeline.summarize_html(page, SummaryOptions(), resources)
    assert result.stats.sentences == 600 and len(result.sentences) == 3
    assert _CountedSpan.unpacked <= 3 * 600


@pytest.mark.parametrize(
    "page",
    [
        "".join(f"Line {i} of the page with some words.<br>" for i in range(3_000)),
        "".join(f"<p>Line {i} of the page with some words.</p>" for i in range(3_000)),
    ],
    ids=["br", "p"],
)
def test_a_page_of_lines_sharing_words_is_ranked_within_the_match_budget(pairs_weighed, resources, page: str) -> None:
    """3,000 lines sharing three words: every pair of sentences shares terms, and both graphs of
    the learned scorer weighed all 9 million pairs (at 10,000 lines, 100 million: 5-6 s a page,
    a batch of such pages past gunicorn's 30 s). The shared words are left out of the graphs
    (``graph.MAX_MATCHES``): each sentence is compared with itself alone."""
    from service import pipeline
    from service.models import SummaryOptions

    weighed = pairs_weighed
    result = pipeline.summarize_html("<html><body>" + page, SummaryOptions(), resources)
    assert result.stats.sentences == 3_000 and len(result.sentences) == 3
    assert weighed and sum(weighed) <= 2 * 3_000  # the old code: 18,000,000


@pytest.mark.parametrize("one_line", [False, True], ids=["lines", "one line"])
@pytest.mark.parametrize("algorithm", ["learned", "lexrank", "textrank"])
def test_a_tiny_vocabulary_is_ranked_within_the_match_budget(pairs_weighed, run, algorithm: str, one_line: bool) -> None:
    """3,000 sentences of 5-10 words out of 15: every pair shares terms (the old code weighed all
    9 million pairs per graph; at 10,000 sentences 7-12 s and ~40 MB over the worker's baseline).
    Within the budget of 128 matches per term of a sentence (``graph.MAX_MATCHES_PER_ENTRY``),
    one word of the 15 is left in the graphs."""
    import random

    rng = random.Random(0)
    words = [f"word{i}" for i in range(15)]
    sentences = [" ".join(rng.choice(words) for _ in range(rng.randint(5, 10))).capitalize() + "." for _ in range(3_000)]
    entries = sum(len(set(sentence.lower().rstrip(".").split())) for sentence in sentences)
    weighed = pairs_weighed
    result = run((" " if one_line else "\n").join(sentences), algorithm=algorithm)
    assert result.stats.sentences == 3_000 and len(result.sentences) == 3
    graphs = 2 if algorithm == "learned" else 1
    assert weighed and sum(weighed) <= graphs * 128 * entries  # the old code: 9,000,000 per graph
