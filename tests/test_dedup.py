"""Headline stripping, one table row per kind of syndication artefact."""

import pytest

BODY = (
    "The dollar has hit its highest level against the euro in almost three months after the Federal Reserve "
    "head said the US trade deficit is set to stabilise.\n"
    "Alan Greenspan highlighted the government's willingness to curb spending and rising household savings "
    "as factors which may help to reduce it.\n"
    "In late trading in New York, the dollar reached $1.2871 against the euro, from $1.2974 on Thursday.\n"
    "Market concerns about the deficit have hit the greenback in recent months.\n"
)
HEADLINE = "Dollar gains on Greenspan speech"
MORE_BODY = (
    "Analysts said the move could prove short-lived if data next week disappoints.\n"
    "Traders will watch the jobs report on Friday for signs of a slowing economy.\n"
)

CASES = {
    "double_top": f"{HEADLINE}\n{HEADLINE}\n{BODY}",
    "three_copies": f"{HEADLINE}\n{HEADLINE}\n{BODY}{HEADLINE}\n",
    "caps": f"{HEADLINE.upper()}\n{HEADLINE}\n{BODY}",
    "suffix": f"{HEADLINE}\n{HEADLINE} - Reuters\n{BODY}",
    "pipe_suffix": f"{HEADLINE} | The Guardian\n{HEADLINE}\n{BODY}",
    "truncated": f"{HEADLINE}\nDollar gains on Greens…\n{BODY}",
    "top_bottom": f"{HEADLINE}\n{BODY}{HEADLINE}\n",
    "lede_double": BODY.split("\n", 1)[0] + f"\n{HEADLINE}\n{HEADLINE}\n" + BODY.split("\n", 1)[1],
    "typography": f"{HEADLINE}\nDollar\u00a0gains  on \u201cGreenspan\u201d speech\n{BODY}",
    "small_edit": f"{HEADLINE}\nDollar gains after Greenspan speech\n{BODY}",
}


@pytest.mark.parametrize("variant", sorted(CASES))
def test_every_copy_is_removed_and_no_body_line_is_touched(run, variant: str) -> None:
    text = CASES[variant]
    result = run(text)
    removed = [(r.start, r.end) for r in result.removed]
    body_lines = [line for line in BODY.splitlines() if line]
    for line in body_lines:
        start = text.index(line)
        assert not any(a < start + len(line) and start < b for a, b in removed), f"body line touched: {line[:40]}"
    lines = [line for line in text.splitlines() if line and line not in body_lines]
    assert len(result.removed) == len(lines)
    assert all(r.reason == "headline" and text[r.start : r.end] == r.text for r in result.removed)
    assert result.headline is not None and result.headline.casefold().startswith("dollar gains")
    assert all("Dollar gains" not in s.text and "DOLLAR" not in s.text for s in result.sentences)


def test_headline_run_into_first_sentence_when_line_breaks_are_lost(run) -> None:
    text = CASES["double_top"].replace("\n", " ")
    result = run(text)
    assert [r.text for r in result.removed] == [HEADLINE, HEADLINE]
    assert result.headline == HEADLINE
    assert all(not s.text.startswith("Dollar gains") for s in result.sentences)
    assert any(s.text.startswith("The dollar has hit") for s in result.sentences)


def test_title_given_by_client_is_stripped_even_once(run) -> None:
    text = f"{HEADLINE}\n{BODY}"
    assert run(text).removed == ()
    result = run(text, title="Dollar gains on Greenspan speech - Reuters")
    assert [r.text for r in result.removed] == [HEADLINE]


def test_no_headline_nothing_removed(run) -> None:
    result = run(BODY)
    assert result.removed == ()
    assert result.headline is None


def test_single_headline_is_left_alone(run) -> None:
    assert run(f"{HEADLINE}\n{BODY}").removed == ()


def test_body_sentence_that_starts_like_the_headline_is_kept(run) -> None:
    headline = "US actor Ossie Davis found dead"
    text = f"{headline}\n{headline} | The Guardian\nUS actor Ossie Davis has been found dead at the age of 87.\n{BODY}"
    result = run(text)
    assert [r.text for r in result.removed] == [headline, f"{headline} | The Guardian"]


def test_lede_that_paraphrases_the_headline_is_kept(run) -> None:
    text = (
        "EU REFERENDUM QUESTION UNVEILED\nEU referendum question unveiled\n"
        "The question to be asked in the referendum on the EU Constitution has been unveiled by the government.\n" + BODY
    )
    removed = [r.text for r in run(text).removed]
    assert removed == ["EU REFERENDUM QUESTION UNVEILED", "EU referendum question unveiled"]


def test_repeated_list_lines_after_the_opening_are_kept(run) -> None:
    # Headline copies stand in the opening lines; a list further down repeats legitimately.
    longer = BODY + "".join(f"Group {n} plays its first matches in city number {n} next month.\n" for n in range(1, 12))
    fixtures = "Seychelles v South Africa\nWinners meet in final match\nMozambique v Zimbabwe\nWinners meet in final match\n"
    assert run(longer + fixtures).removed == ()


def test_repeated_body_paragraph_keeps_its_first_copy(run) -> None:
    paragraph = "Market concerns about the deficit have hit the greenback in recent months."
    text = BODY + paragraph + "\n"
    result = run(text)
    assert [(r.reason, r.start) for r in result.removed] == [("duplicate", text.rindex(paragraph))]


@pytest.mark.parametrize(
    "paragraph",
    [
        "该计划将在未来五年内投入数百亿元资金。",  # no spaces: a word per ideograph
        "計画では今後五年間に数千億円を投じる。",
    ],
)
def test_repeated_body_paragraph_without_spaces_keeps_its_first_copy(run, paragraph: str) -> None:
    lede, middle = "北京市政府周一宣布了一项新的公共交通发展计划。", "官员表示，新地铁线路将连接城市的主要商业区。"
    text = f"{lede}\n{paragraph}\n{middle}\n{paragraph}\n"
    result = run(text)
    assert [(r.reason, r.start) for r in result.removed] == [("duplicate", text.rindex(paragraph))]


def test_question_headline_twice(run) -> None:
    text = f"Will the Budget bring out smiling voters?\nWill the Budget bring out smiling voters?\n{BODY}"
    assert [r.reason for r in run(text).removed] == ["headline", "headline"]


def test_strip_headlines_off_keeps_copies(run) -> None:
    result = run(CASES["double_top"], strip_headlines=False)
    assert result.removed == ()


def test_threshold_controls_edited_copies(run) -> None:
    assert len(run(CASES["small_edit"], dedup_threshold=0.99).removed) == 0
    assert len(run(CASES["small_edit"], dedup_threshold=0.5).removed) == 2


@pytest.mark.parametrize(
    ("headline", "body_line"),
    [
        # a numbered sub-heading that repeats the headline's first words
        ("Membakar Kalori Hingga Memperbaiki Mood ini 5 Manfaat Berjalan Kaki", "2. Membakar Kalori"),
        # a line introducing a list (ends with a colon)
        (
            "Tak Perlu Panik 5 Hal ini yang Harus Kamu Lakukan Saat Gempa Terjadi",
            "Tak perlu khawatir, berikut kumparan rangkum beberapa hal yang harus kamu lakukan saat terjadi gempa:",
        ),
    ],
)
def test_body_lines_that_echo_the_headline_are_kept(run, headline: str, body_line: str) -> None:
    text = f"{headline}\n{headline}\n{BODY}{body_line}\n{MORE_BODY}"
    assert [r.text for r in run(text).removed] == [headline, headline]


def test_sentence_that_begins_like_the_headline_and_goes_on_is_kept(run) -> None:
    headline = "Korea Indonesia Film Festival 2017 Resmi Dibuka"
    body = "Korea Indonesia Film Festival 2017 dibuka pada 14 September di Jakarta, kata panitia."
    text = f"{headline.upper()}\n{headline}\n{body}\n{BODY}"
    result = run(text)
    assert [r.text for r in result.removed] == [headline.upper(), headline]
    assert any(s.text == body for s in run(text, sentences=9).sentences)


def test_similar_questions_in_the_body_are_kept(run) -> None:
    text = f"{BODY}Emang kenapasih harus kesini?\nApa masih mau nanya kenapa harus kesini?\n{MORE_BODY}"
    assert run(text).removed == ()


def test_a_phrase_repeated_thousands_of_times_is_cut_a_bounded_number_of_times(run) -> None:
    """One line repeating a headline-like phrase: a few copies go, the rest stays one sentence.

    (Before the bound, each copy was a recursion level and a vectoriser fit over the whole line.)
    """
    from service.dedup.headlines import MAX_RUN_IN_COPIES

    text = "Breaking news here now " * 5000
    result = run(text)
    assert 2 <= len(result.removed) <= 4 * MAX_RUN_IN_COPIES
    assert all(r.text == "Breaking news here now" for r in result.removed)
    assert len(result.sentences) == 1


def test_repeated_lines_differing_in_case_and_spacing_only() -> None:
    from service.dedup.repeats import repeated_lines
    from service.text.segment import split_lines

    text = (
        "The Fed raised rates again on Monday, its third rise this year.\n"
        "Analysts had expected the move after strong jobs data.\n"
        "the  FED raised rates again on Monday,\tits third rise this year.\n"  # a copy: case and spacing
        "Then Fed raised rates again on Monday, its third rise this year.\n"  # one word differs: kept
        "ANALYSTS HAD EXPECTED THE MOVE AFTER STRONG JOBS DATA.\n"  # a copy in capitals
    )
    lines = split_lines(text)
    removed = [text[r.start : r.end] for r in repeated_lines(text, lines, [])]
    assert removed == [text.splitlines()[2], text.splitlines()[4]]


def test_sub_heading_that_repeats_the_headline_inside_the_body_is_kept(run) -> None:
    # Syndicated dev: the headline over the article, a sub-heading over its price list further down.
    headline = "Ini Harga Tiket Final Liga Champions"
    sub_heading = "Harga Tiket Final Liga Champions 2016 / 17"
    text = f"{headline}\n{BODY}{sub_heading}\n{MORE_BODY}"
    assert run(text).removed == ()
    twice = f"{headline}\n{headline}\n{BODY}{sub_heading}\n{MORE_BODY}"
    assert [r.text for r in run(twice).removed] == [headline, headline]


def test_list_lines_repeated_near_the_end_of_a_short_article_are_kept(run) -> None:
    # Syndicated dev ("none": no headline at all): two lists that share a line, edited a little.
    lists = (
        "Oldest winners of the European Cup\n"
        "Paolo Maldini: AC Milan 2 - 1 Liverpool, 23 / 05 / 2007 – 38 years, 331 days\n"
        "Pietro Vierchowod: Juventus 1-1 Ajax, 22 / 05 / 1996 – 37 years, 46 days\n"
        "Oldest players in a final\n"
        "Paolo Maldini: AC Milan 2 - 1 Liverpool, 23 / 05 / 2007 – 38 years 331 days\n"
    )
    assert run(BODY + lists).removed == ()


BODY_ID = (
    "Film pertama diputar di teater Elgin sebanyak lima kali, dua kali untuk pers dan tiga kali untuk umum.\n"
    "Film kedua diputar di teater Scotiabank sebanyak empat kali untuk kalangan pers dan industri film.\n"
    "Kedua film itu sebelumnya telah diputar di sejumlah festival film di Asia dan Eropa tahun ini.\n"
)


def test_lede_that_restates_the_headline_with_a_word_changed_is_not_cut(run) -> None:
    # Syndicated dev: under "… Diputar di …", the lede says "… diputar pada …" and goes on; only
    # an exact copy may be cut off the start of a sentence.
    headline = "Dua Film Indonesia Diputar di Festival Film Internasional Toronto"
    lede = (
        "Dua film Indonesia diputar pada Festival Film Internasional Toronto 2017 seperti disampaikan dalam "
        "keterangan pers Konsulat Jenderal Republik Indonesia di Toronto, Minggu."
    )
    text = f"{headline}\nJakarta (ANTARA News) - {lede}\n{BODY_ID}{headline}\n"
    result = run(text, sentences=9)
    assert [(r.reason, r.text) for r in result.removed] == [
        ("headline", headline), ("boilerplate", "Jakarta (ANTARA News) -"), ("headline", headline)
    ]
    assert lede in [s.text for s in result.sentences]


def test_the_earliest_of_equally_good_copies_is_reported() -> None:
    import numpy as np

    from service.dedup.headlines import _representative

    texts = [HEADLINE, f"{HEADLINE} - Reuters", f"{HEADLINE} | The Guardian"]
    sims = np.ones((3, 3))
    sims[0, 1] = sims[1, 0] = 1.0 - 1e-12  # aligned copies differ only in the cosines' last bits
    assert _representative(texts, [0, 1, 2], sims) == 0


def test_html_escaped_copy_is_a_copy(run) -> None:
    headline = "Turkey-Iran mobile deal 'at risk'"
    text = f"{headline}\nTurkey-Iran mobile deal &#39;at risk&#39;\n{BODY}"
    assert [r.text for r in run(text).removed] == [headline, "Turkey-Iran mobile deal &#39;at risk&#39;"]


def test_list_heading_near_the_end_that_echoes_the_headline_is_kept(run) -> None:
    # Under a top copy pair, a list's heading near the end shares the headline's words; a copy at
    # the end has at most a tag or a credit after it, a heading has its list.
    headline = "Buffon Bisa Jadi Pemain Tertua Menang Liga Champions"
    heading = "Pemenang Liga Champions Tertua"
    winners = "".join(f"Pemain {n}: Juventus 1-1 Ajax, 1996 – 37 tahun, {n} hari\n" for n in range(1, 5))
    text = f"{headline}\n{headline}\n{BODY}{heading}\n{winners}"
    removed = [r.text for r in run(text).removed]
    assert removed == [headline, headline]
