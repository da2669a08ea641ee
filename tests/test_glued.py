"""Text whose line breaks were lost, as ``curl -d @file`` sends it: glued sentences and headline copies."""

from __future__ import annotations

import pytest

from service.text.segment import split_sentences

from .conftest import seed

FORM = "application/x-www-form-urlencoded"


def curl_d(text: str) -> bytes:
    """The body ``curl -d @file`` sends: every CR and LF dropped, nothing put back, nothing encoded."""
    return text.replace("\r", "").replace("\n", "").encode("utf-8")


def check_offsets(text: str, body: dict) -> None:
    for item in (*body["sentences"], *body["removed"]):
        assert text[item["start"] : item["end"]] == item["text"]


# --- the seed, sent the way curl -d sends it ---------------------------------------------------


def test_seed_sent_as_curl_d_loses_both_headline_copies(client) -> None:
    raw = seed("000_alibaba_id_double_headline.txt")
    headline = "Alibaba menghadirkan pengiriman 5 hari ke AS untuk bersaing dengan Shein, Temu"
    sent = curl_d(raw)
    response = client.post("/v1/summarize", data=sent, content_type=FORM)
    assert response.status_code == 200
    body = response.get_json()
    text = sent.decode("utf-8")
    check_offsets(text, body)
    assert [item["text"] for item in body["removed"]] == [headline, headline]
    assert body["headline"] == headline
    assert "Alibaba menghadirkan" not in body["summary"]
    # The glued sentence around the copies keeps its own words: "…menurut pesan LST." and "LST adalah…".
    sentences = client.post("/v1/summarize?sentences=40", data=sent, content_type=FORM).get_json()["sentences"]
    assert any(s["text"].endswith("menurut pesan LST.") for s in sentences)
    assert any(s["text"].startswith("LST adalah proyek") for s in sentences)


# --- a form body that is not a form of ours is the article, byte for byte ----------------------


ARTICLE_WITH_FORM_CHARACTERS = (
    "Harga saham PT Maju & Jaya naik 5% pada Senin, kata analis.\n"
    "Rasio harga=laba perusahaan kini 12+3 kali, tertinggi sejak 2019.\n"
    "Investor menyambut laporan laba kuartal ketiga dengan antusias.\n"
    "Analis memperkirakan harga saham akan terus naik hingga akhir tahun.\n"
)


@pytest.mark.parametrize(
    "article",
    [
        ARTICLE_WITH_FORM_CHARACTERS,
        "Tom & Jerry=fun for 100% of kids.\nA cartoon cat chases a mouse in every episode.\n",
        "sentences are short here & there.\nOne more sentence makes a text.\n",  # a known name, not as a field
        "a=b&c=d\n",
        "Diskon 50%25 hanya hari ini, kata toko itu.\nPembeli antre sejak pagi di depan pintu.\n",
    ],
)
def test_text_with_form_characters_sent_as_curl_d_is_the_article(client, article: str) -> None:
    sent = curl_d(article)
    response = client.post("/v1/summarize?sentences=9", data=sent, content_type=FORM)
    assert response.status_code == 200
    body = response.get_json()
    text = sent.decode("utf-8")
    check_offsets(text, body)
    assert "".join(s["text"] for s in body["sentences"]).replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize(
    ("form", "summary"),
    [
        ("text=Satu+kalimat+di+sini.&sentences=1", "Satu kalimat di sini."),
        ("sentences=1&text=Dua%20kata%20saja.", "Dua kata saja."),
        ("text=Hanya+teks.", "Hanya teks."),
    ],
)
def test_a_form_of_known_fields_is_still_decoded(client, form: str, summary: str) -> None:
    response = client.post("/v1/summarize", data=form, content_type=FORM)
    assert response.status_code == 200 and response.get_json()["summary"] == summary


# --- sentence boundaries at glued punctuation --------------------------------------------------


@pytest.mark.parametrize(
    ("language", "line", "expected"),
    [
        ("id", "menurut pesan LST.Alibaba menghadirkan layanan.", ["menurut pesan LST.", "Alibaba menghadirkan layanan."]),
        ("en", "Growth in late 2004.House prices rose.", ["Growth in late 2004.", "House prices rose."]),
        ("en", "It rose.Despite this, shares fell.", ["It rose.", "Despite this, shares fell."]),
        ("en", "Figures show.US trade gap hits record.", ["Figures show.", "US trade gap hits record."]),
        ("en", "Talks ended at ITV.X Factor returns.", ["Talks ended at ITV.", "X Factor returns."]),
        ("en", 'He said.\"We won," he added.', ["He said.", '"We won," he added.']),
        ("en", '"It is over."The club said so.', ['"It is over."', "The club said so."]),
        ("en", 'Fans said, "It is over."The club agreed.', ['Fans said, "It is over."', "The club agreed."]),
        # Near misses that stay one sentence: domains, decimals, times, initials, abbreviations.
        ("id", "Situs Kompas.com dan detik.com melaporkan hal itu.", ["Situs Kompas.com dan detik.com melaporkan hal itu."]),
        ("en", "Node.js runs in the U.S. and in J.K.Rowling's house.", ["Node.js runs in the U.S. and in J.K.Rowling's house."]),
        ("en", "Growth was 3.5% at 10.30 today.", ["Growth was 3.5% at 10.30 today."]),
        ("en", "Visit www.Example.com or JUARA.NET today.", ["Visit www.Example.com or JUARA.NET today."]),
        ("en", "Mr.Smith and Dr.Jones met.", ["Mr.Smith and Dr.Jones met."]),
        ("en", "The U.S.Army and ASP.NET stay.", ["The U.S.Army and ASP.NET stay."]),
        ("id", "Harga Rp.8.000 per kilo.", ["Harga Rp.8.000 per kilo."]),
    ],
)
def test_glued_sentence_boundaries(language: str, line: str, expected: list[str]) -> None:
    spans = split_sentences(line, (0, len(line)), language)
    assert [line[a:b] for a, b in spans] == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # A quotation of several sentences is several sentences (BBC and IndoSum count them so).
        (
            '"The shock is small. If prices rise, we lose," Koen said.',
            ['"The shock is small.', 'If prices rise, we lose," Koen said.'],
        ),
        # The opening quote of the next sentence goes with it, the closing one stays.
        ('Shares fell. "It is over." The club said so.', ["Shares fell.", '"It is over."', "The club said so."]),
        # An attribution stays with its quotation.
        ('"Is it over?" he asked. Yes.', ['"Is it over?" he asked.', "Yes."]),
        ("Shares rose (up 5%.) Next one.", ["Shares rose (up 5%.)", "Next one."]),
        ("\u201c Kami senang. \u201d (ant)", ["\u201c Kami senang. \u201d", "(ant)"]),
    ],
)
def test_quotes_and_brackets(line: str, expected: list[str]) -> None:
    spans = split_sentences(line, (0, len(line)), "en")
    assert [line[a:b] for a, b in spans] == expected


# --- glued headline copies ----------------------------------------------------------------------

HEADLINE = "Dollar gains on Greenspan speech"
LEDE = "The dollar has hit its highest level against the euro in almost three months."
BODY = (
    "Alan Greenspan highlighted the government's willingness to curb spending and rising household savings. "
    "In late trading in New York, the dollar reached $1.2871 against the euro, from $1.2974 on Thursday. "
    "Market concerns about the deficit have hit the greenback in recent months. "
    "Analysts said the move could prove short-lived if data next week disappoints."
)
ID_HEADLINE = "Harga beras naik tajam di pasar induk Cipinang"
ID_LEDE = "Jakarta, KOMPAS.com - Harga beras medium naik Rp2.000 per kilogram dalam sepekan terakhir."
ID_BODY = (
    "Pedagang mengeluhkan pasokan dari daerah yang berkurang sejak awal bulan. "
    "Kementerian Perdagangan berjanji menggelar operasi pasar pekan depan. "
    "Warga berharap harga kembali turun sebelum hari raya."
)

EDITED = "Dollar gains after Greenspan speech"
ID_SUFFIXED = f"{ID_HEADLINE} | Kompas.com"
GLUED = {
    # name: (text as curl -d delivers it, the copies that must go)
    "XX": (f"{HEADLINE}{HEADLINE}{LEDE}{BODY}", [HEADLINE, HEADLINE]),
    "X X": (f"{HEADLINE} {HEADLINE}{LEDE}{BODY}", [HEADLINE, HEADLINE]),
    "three copies": (f"{HEADLINE}{HEADLINE}{HEADLINE}{LEDE}{BODY}", [HEADLINE] * 3),
    "lede.XX": (f"{LEDE}{HEADLINE}{HEADLINE}{BODY}", [HEADLINE, HEADLINE]),
    "suffix": (f"{HEADLINE}{HEADLINE} - Reuters{LEDE}{BODY}", [HEADLINE, f"{HEADLINE} - Reuters"]),
    "camel-case suffix": (f"{HEADLINE}{HEADLINE} - detikNews{LEDE}{BODY}", [HEADLINE, f"{HEADLINE} - detikNews"]),
    "caps": (f"{HEADLINE.upper()}{HEADLINE}{LEDE}{BODY}", [HEADLINE.upper(), HEADLINE]),
    "caps second": (f"{HEADLINE}{HEADLINE.upper()}{LEDE}{BODY}", [HEADLINE, HEADLINE.upper()]),
    "truncated": (f"{HEADLINE}Dollar gains on Greens…{LEDE}{BODY}", [HEADLINE, "Dollar gains on Greens…"]),
    "edited by a word": (f"{HEADLINE}{EDITED}{LEDE}{BODY}", [HEADLINE, EDITED]),
    "at the top and the end": (f"{HEADLINE}{LEDE}{BODY}{HEADLINE}", [HEADLINE, HEADLINE]),
    "twice at the end": (f"{LEDE}{BODY}{HEADLINE}{HEADLINE}", [HEADLINE, HEADLINE]),
    "Indonesian, suffix": (f"{ID_HEADLINE}{ID_SUFFIXED}{ID_LEDE}{ID_BODY}", [ID_HEADLINE, ID_SUFFIXED]),
    "Indonesian, top and end": (f"{ID_HEADLINE}{ID_LEDE}{ID_BODY} (ant){ID_HEADLINE}", [ID_HEADLINE, ID_HEADLINE]),
    "wire label": (f"UPDATE 1-{HEADLINE}{HEADLINE}{LEDE}{BODY}", [f"UPDATE 1-{HEADLINE}", HEADLINE]),
    "site label": (f"BREAKING: {HEADLINE}{HEADLINE}{LEDE}{BODY}", [f"BREAKING: {HEADLINE}", HEADLINE]),
}


@pytest.mark.parametrize("name", sorted(GLUED))
def test_glued_headline_copies_are_cut_out(run, name: str) -> None:
    text, copies = GLUED[name]
    result = run(text, sentences=9)
    assert [r.text for r in result.removed if r.reason == "headline"] == copies
    assert all(text[r.start : r.end] == r.text for r in result.removed)
    assert all(text[s.start : s.end] == s.text for s in result.sentences)
    assert result.headline is not None
    assert not any(copy.casefold().rstrip("…") in s.text.casefold() for copy in copies for s in result.sentences)
    # Every body sentence is still there, whole (the Indonesian lede's dateline is boilerplate).
    lede, body = (ID_LEDE.removeprefix("Jakarta, KOMPAS.com - "), ID_BODY) if "Indonesian" in name else (LEDE, BODY)
    for sentence in [lede, *body.split(". ")]:
        assert any(sentence.rstrip(".") in s.text for s in result.sentences), sentence


@pytest.mark.parametrize(
    "text",
    [
        # A body sentence that starts like the headline goes on in lower case: not a copy.
        f"{HEADLINE}{HEADLINE} as traders sold euros on Friday.{BODY}",
        f"US actor Ossie Davis found deadUS actor Ossie Davis has been found dead at the age of 87.{BODY}",
        # A name heading a sentence, at the top and at the end.
        f"Real Madrid CF won the league on Sunday.{BODY} Fans of Real Madrid",
        # Three words of a name at both ends, the last line without a stop: a credit, not a copy
        # (an ending copy after such a line needs four words: bookends.MIN_LOOSE_ENDING_WORDS).
        f"Tottenham Hotspur FC Chairman Daniel Levy praised the fans on Sunday. {BODY} Photo by Tottenham Hotspur FC",
        "Real Madrid\nReal Madrid CF won the league on Sunday, a week before the final.\n" + BODY,
        f"New York, New York is a song about the city.{BODY}",
        # A phrase that recurs inside a word.
        f"Art is long, but heart is short.{BODY}",
    ],
)
def test_body_sentences_that_start_like_the_headline_stay(run, text: str) -> None:
    result = run(text, sentences=9)
    assert all(r.text.strip() != "" for r in result.removed)
    kept = " ".join(s.text for s in result.sentences)
    for sentence in BODY.split(". "):
        assert sentence.rstrip(".") in kept
    for removal in result.removed:  # only a whole copy of a headline-like phrase may go
        assert not removal.text.endswith((".", "?", "!"))
        assert text[removal.end : removal.end + 1] in ("", " ") or text[removal.end].isupper()
    assert not any(r.text in ("Real Madrid", "New York,", "US actor Ossie Davis", "Tottenham Hotspur FC") for r in result.removed)


# Copies whose joins hide in a word in capitals, after a colon, or in a related link at the end.
CAPITALS_LEDE = "UK traders sold the euro after the speech on Friday."
COLON_LEDE = "Traders named three reasons for the move:"
LINK = "Baca juga: Harga cabai turun di pasar Kramat Jati"
OPEN_LEDE = "Traders sold euros all through the session on Friday (AP)"
SHAPES = {
    # name: (text as curl -d delivers it, the headline copies that must go, sentences that must stay)
    "capitals suffix glued to a capitals lede": (
        f"{HEADLINE}{HEADLINE} | AP{CAPITALS_LEDE}{BODY}", [HEADLINE, f"{HEADLINE} | AP"], [CAPITALS_LEDE]
    ),
    "copies after a lede that ends with a colon": (
        f"{COLON_LEDE}{HEADLINE}{HEADLINE}{BODY}", [HEADLINE, HEADLINE], [COLON_LEDE]
    ),
    "copies after a lede line without a full stop": (
        f"{OPEN_LEDE}{HEADLINE}{HEADLINE}{BODY}", [HEADLINE, HEADLINE], [OPEN_LEDE]
    ),
    "copy at the end glued to a related link": (
        f"{ID_HEADLINE}{ID_LEDE}{ID_BODY}{LINK}{ID_HEADLINE}", [ID_HEADLINE], [ID_BODY.split(". ")[0]]
    ),
}


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_glued_copies_at_hidden_joins_are_cut_out(run, name: str) -> None:
    text, copies, kept = SHAPES[name]
    result = run(text, sentences=12)
    assert [r.text for r in result.removed if r.reason == "headline"] == copies
    assert all(text[r.start : r.end] == r.text for r in result.removed)
    headline = copies[0].casefold()
    assert not any(headline in s.text.casefold() for s in result.sentences)
    for sentence in kept:
        assert any(s.text.startswith(sentence.rstrip(".:")) for s in result.sentences), sentence


@pytest.mark.parametrize(
    ("text", "copies", "kept"),
    [
        # A word in capitals after a separator, followed by a capital: its end ends the copy.
        (f"{HEADLINE}{HEADLINE} - ANTARA News{LEDE}{BODY}", [HEADLINE, f"{HEADLINE} - ANTARA News"], LEDE),
        # A word in capitals inside a body sentence is never split.
        (f"{LEDE} Officials at NASA said the launch slipped by a week.{BODY}", [], "Officials at NASA said"),
    ],
)
def test_words_in_capitals_stay_whole(run, text: str, copies: list[str], kept: str) -> None:
    result = run(text, sentences=12)
    assert [r.text for r in result.removed if r.reason == "headline"] == copies
    assert kept in " ".join(s.text for s in result.sentences)


# --- line breaks as spaces (a flattened page) ----------------------------------------------------

NAMED_LEDE = "British Airways has blamed high fuel prices for a 40% drop in profits."
SPACED = {
    # name: (text with every line break a space, the copies that must go, the sentence starting the body)
    "at the top and the end": (f"{HEADLINE} {LEDE} {BODY} {HEADLINE}", [HEADLINE, HEADLINE], LEDE),
    # The last line had no stop (a team sheet): the copy after it is one all the same.
    "at the top and after a last line without a stop": (
        f"{HEADLINE} {LEDE} {BODY} Not used: Fury, Brooks {HEADLINE}", [HEADLINE, HEADLINE], LEDE
    ),
    "at the top and after a tag": (
        f"{ID_HEADLINE} {ID_LEDE} {ID_BODY} (ant/tsa) {ID_HEADLINE}", [ID_HEADLINE, ID_HEADLINE], ID_BODY.split(". ")[0]
    ),
    # A two-word publisher, then a body that starts with a name: the known name ends the suffix.
    "suffix before a named lede": (
        f"{HEADLINE} {HEADLINE} | BBC News {NAMED_LEDE} {BODY}", [HEADLINE, f"{HEADLINE} | BBC News"], NAMED_LEDE
    ),
    "suffix before a lede in title case": (
        f"{HEADLINE} {HEADLINE} — The Guardian {LEDE} {BODY}", [HEADLINE, f"{HEADLINE} — The Guardian"], LEDE
    ),
    # A label before the first copy: the second repeats the words after it.
    "wire label": (f"UPDATE 1-{HEADLINE} {HEADLINE} {LEDE} {BODY}", [f"UPDATE 1-{HEADLINE}", HEADLINE], LEDE),
    "site label": (f"BREAKING: {HEADLINE} {HEADLINE} {LEDE} {BODY}", [f"BREAKING: {HEADLINE}", HEADLINE], LEDE),
    # A hyphenated word in capitals is no label.
    "hyphenated capitals": (
        f"ANTI-SPAM SCREENSAVER SCRAPPED Anti-spam screensaver scrapped {LEDE} {BODY}",
        ["ANTI-SPAM SCREENSAVER SCRAPPED", "Anti-spam screensaver scrapped"],
        LEDE,
    ),
}


@pytest.mark.parametrize("name", sorted(SPACED))
def test_copies_in_text_on_one_line_are_cut_out(run, name: str) -> None:
    text, copies, first = SPACED[name]
    result = run(text, sentences=12)
    assert [r.text for r in result.removed if r.reason == "headline"] == copies
    assert any(s.text.startswith(first.rstrip(".")) for s in result.sentences), first
    assert not any(HEADLINE in s.text or ID_HEADLINE in s.text or "SCRAPPED" in s.text for s in result.sentences)


def test_a_known_publisher_glued_to_a_capitals_lede_is_cut_off(run) -> None:
    # Syndicated dev, glued: "… says Fatboy - APDJ Norman Cook - aka Fatboy Slim - has said …".
    headline = "Dance music not dead says Fatboy"
    lede = "DJ Norman Cook has said that dance music is not dead, but is going through a fallow patch."
    text = f"{headline}{headline} - AP{lede}{BODY}"
    result = run(text, sentences=9)
    assert [r.text for r in result.removed if r.reason == "headline"] == [headline, f"{headline} - AP"]
    assert any(s.text == lede for s in result.sentences)


def test_an_edited_copy_does_not_reach_into_a_lede_that_starts_with_the_headlines_words(run) -> None:
    # The copy lost its last word; the lede starts with that word. "… European Shares in" reads
    # more like the headline than "… European", but its extra words are the lede's.
    headline = "Tsunami losses hit European insurers and travel shares"
    lede = "Shares in Europe's leading reinsurers and travel firms have fallen as the scale of the damage became clear."
    edited = headline.removesuffix(" shares")
    text = f"{headline} {edited} {lede} {BODY}"
    result = run(text, sentences=9)
    assert [r.text for r in result.removed if r.reason == "headline"] == [headline, edited]
    assert any(s.text == lede for s in result.sentences)


# --- a piece between the copies, a copy cut short: the first line's breaks restored ---------------

STAMP = "Updated 10:21 GMT, 12 May 2017"
ID_STAMP = "Rabu, 12 Mei 2017 10:00 WIB"
STANDFIRST = "The decision on the rate will be announced next week, officials said."
AROUND = {
    # name: (headline, what was printed between its copies, lede, body)
    "time stamp": (HEADLINE, STAMP, LEDE, BODY),
    "Indonesian time stamp": (ID_HEADLINE, ID_STAMP, ID_LEDE.removeprefix("Jakarta, KOMPAS.com - "), ID_BODY),
    "standfirst": (HEADLINE, STANDFIRST, LEDE, BODY),
    "question with a time stamp": ("Could rivalry overshadow election?", STAMP, LEDE, BODY),
}


@pytest.mark.parametrize("separator", [" ", ""], ids=["one line", "glued"])
@pytest.mark.parametrize("name", sorted(AROUND))
def test_copies_around_a_stamp_or_a_standfirst_are_cut_out(run, name: str, separator: str) -> None:
    headline, piece, lede, body = AROUND[name]
    text = separator.join([headline, piece, headline, lede, body])
    result = run(text, sentences=12)
    assert [r.text for r in result.removed if r.reason == "headline"] == [headline, headline]
    assert result.headline == headline
    assert any(s.text.startswith(lede.rstrip(".")) for s in result.sentences), lede
    if piece == STANDFIRST:  # a sentence: it stays, and may be summarised
        assert not any(piece[:10] in r.text for r in result.removed)
        assert any(s.text == piece for s in result.sentences)
    else:  # a time stamp is boilerplate, never a summary sentence
        assert [r.text for r in result.removed if r.reason == "boilerplate"] == [piece]
        assert not any(piece[:10] in s.text for s in result.sentences)


CUT_SHORT = {
    # name: (headline, its copy cut short with no ellipsis, or updated by a word)
    "last word dropped": ("Nigeria to boost cocoa production", "Nigeria to boost cocoa"),
    "cut to fit": ("Telegraph newspapers axe 90 jobs in printing move", "Telegraph newspapers axe 90 jobs"),
    # A headline in capitals says nothing of its words' case: the copy may write them in lower case.
    "in capitals, cut to fit": ("TELEGRAPH NEWSPAPERS AXE 90 JOBS IN PRINTING MOVE", "Telegraph newspapers axe 90 jobs"),
    "a word changed": ("Nigeria to boost cocoa production", "Nigeria to triple cocoa production"),
    "a word added": ("Nigeria to boost cocoa production", "Nigeria to boost its cocoa production"),
}
CUT_SHORT_LEDE = "The government is hoping to triple production over the next three years."


@pytest.mark.parametrize("separator", [" ", ""], ids=["one line", "glued"])
@pytest.mark.parametrize("name", sorted(CUT_SHORT))
def test_a_copy_cut_short_or_edited_by_a_word_after_its_headline_is_cut_out(run, name: str, separator: str) -> None:
    headline, copy = CUT_SHORT[name]
    text = separator.join([headline, copy, CUT_SHORT_LEDE, BODY])
    result = run(text, sentences=12)
    assert [r.text for r in result.removed if r.reason == "headline"] == [headline, copy]
    assert any(s.text == CUT_SHORT_LEDE for s in result.sentences)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # A lede that opens with half of its headline's words and goes on with a capital.
        ("Obama wins second term Obama wins Ohio, the key state, as votes are counted on Wednesday. " + BODY, "Obama wins Ohio"),
        # A name repeated inside a body sentence, further down.
        (
            f"{LEDE} {BODY} The Official UK Charts are run by The Official UK Charts Company (OCC) for the industry.",
            "The Official UK Charts are run by The Official UK Charts Company",
        ),
        # Two titles in one opening sentence with a date: no headline, no piece.
        (
            f"Prime Minister Theresa May met Prime Minister Shinzo Abe in Tokyo on 12 May 2017. {BODY}",
            "Prime Minister Theresa May met",
        ),
        # An edited copy whose last number changed: not a headline around "Mei 2017".
        (
            "Harga emas 12 Mei 2017 Harga emas 12 Mei 2018 Harga emas naik tajam di Jakarta. " + ID_BODY,
            "Harga emas naik tajam di Jakarta",
        ),
        # A copy edited by a word, then a dateline glued to the lede: the copy's words end before it.
        (
            "Tekuk Swansea 0 2 Tottenham Hotspur Gusur Arsenal Tekuk Swansea 0 2 baru Hotspur Gusur Arsenal "
            "INGGRIS - Tottenham Hotspur mampu meraih tiga poin di kandang Swansea City. " + ID_BODY,
            "Tottenham Hotspur mampu meraih tiga poin",
        ),
        # A caption over the body (DailyMail on one line) that a later sentence repeats, edited:
        # not a headline around a piece, whatever the sentence between them.
        (
            "Gaioz Nigalidze, the current Georgian champion, was expelled from the Dubai Open when he was found "
            "using his smartphone in a match A chess grandmaster has been thrown out of a tournament and faces a "
            "15-year ban. Gaioz Nigalidze, the current Georgian champion, was expelled from the Dubai Open when he "
            "was found using his phone in a match. " + BODY,
            "Gaioz Nigalidze, the current Georgian champion, was expelled",
        ),
        (
            "People who have never been divorced can expect a retirement income 13% higher than a colleague The "
            "cost of divorce can wreck retirement, according to research. People who have never been divorced can "
            "expect a retirement income 13 per cent higher than a colleague who has been divorced. " + BODY,
            "People who have never been divorced can expect a retirement income 13 per cent",
        ),
        (
            "Alan Davey laid bare the difficulties of the top job in an interview on Feedback The controller of "
            "BBC Radio 3 has branded audiences ignorant. Alan Davey laid bare the difficulties of the top job in an "
            "interview on Feedback. Mr Davey was asked about classical music. " + BODY,
            "Alan Davey laid bare the difficulties of the top job in an interview on Feedback.",
        ),
        # A colon before a capital is prose, not a lost line break: the caption and the sentence stay.
        (
            "Barbie goes on sale again this Saturday. Fifties fashion: The doll wears a striped swimsuit and "
            "white sunglasses The doll wears a striped swimsuit and white sunglasses. Collectors queued. " + BODY,
            "The doll wears a striped swimsuit and white sunglasses.",
        ),
        # After a dateline the body has begun: its lede is no headline, though the headline follows.
        (
            "Washington (ANTARA News) - Sebagian besar kebakaran hutan di Amerika Serikat dipicu oleh ulah manusia, "
            "menurut sebuah studi baru. Sebagian Besar Kebakaran Hutan di As Akibat Ulah Manusia Sebagian Besar "
            "Kebakaran Hutan di As Akibat Ulah Manusia Para peneliti menemukan bahwa manusia menyebabkan 84 persen "
            "kebakaran. " + ID_BODY,
            "Sebagian besar kebakaran hutan di Amerika Serikat dipicu",
        ),
        # A headline in capitals on the lede's line (a scraped page flattened), and a lede that
        # restates it in lower case until a name: no copy cut short, though its words are the
        # headline's (the copy was "tiga kapal baru siap berlayar dari pelabuhan", and the lede
        # began at "Surabaya").
        (
            "Tiga Kapal Baru Siap Berlayar dari Pelabuhan Tanjung Perak JUARA.NET - Sebanyak tiga kapal baru siap "
            "berlayar dari pelabuhan Surabaya pekan depan setelah menjalani uji laik laut. " + ID_BODY,
            "Sebanyak tiga kapal baru siap berlayar dari pelabuhan Surabaya pekan depan",
        ),
        # ... the same under the headline in capitals (the lede's first word with a letter, "tiga",
        # would keep a copy's capital) ...
        (
            "TIGA KAPAL BARU SIAP BERLAYAR DARI PELABUHAN TANJUNG PERAK JUARA.NET - Sebanyak tiga kapal baru siap "
            "berlayar dari pelabuhan Surabaya pekan depan setelah menjalani uji laik laut. " + ID_BODY,
            "Sebanyak tiga kapal baru siap berlayar dari pelabuhan Surabaya pekan depan",
        ),
        # ... and a lede that restates it with a word changed, after the headline with a publisher's
        # suffix and a dateline (the copy was the lede's first nine words, at similarity 0.91) ...
        (
            "Dua Kapal Baru Bersandar di Pelabuhan Tanjung Perak Surabaya - Warta Contoh Surabaya (ANTARA News) - "
            "Dua kapal baru bersandar pada Pelabuhan Tanjung Perak Surabaya 2017 seperti disampaikan dalam keterangan "
            "pers dari Pelindo III. " + ID_BODY,
            "Dua kapal baru bersandar pada Pelabuhan Tanjung Perak Surabaya 2017 seperti disampaikan",
        ),
        # ... or with the headline printed only at the end (the lede was its copy at the top).
        (
            "Surabaya (ANTARA News) - Dua kapal baru bersandar pada Pelabuhan Tanjung Perak Surabaya 2017 seperti "
            "disampaikan dalam keterangan pers dari Pelindo III. " + ID_BODY + " Dua Kapal Baru Bersandar di "
            "Pelabuhan Tanjung Perak Surabaya",
            "Dua kapal baru bersandar pada Pelabuhan Tanjung Perak Surabaya 2017 seperti disampaikan",
        ),
    ],
)
def test_sentences_that_only_look_like_a_copy_cut_short_or_around_a_piece_stay(run, text: str, kept: str) -> None:
    result = run(text, sentences=20)
    assert any(kept in s.text for s in result.sentences), [s.text for s in result.sentences]
    assert not any(r.text in kept for r in result.removed if r.reason == "headline")


def test_a_lede_that_restates_the_given_title_in_lower_case_keeps_its_words(run) -> None:
    """The client's title (a page's og:title) cut off the lede that restates it exactly, in sentence
    case, up to a year: the lede is body text, and a copy keeps the title's capitals."""
    title = "Dua Kapal Baru Bersandar di Pelabuhan Tanjung Perak Surabaya"
    lede = "Dua kapal baru bersandar di Pelabuhan Tanjung Perak Surabaya 2017 seperti disampaikan Pelindo III."
    result = run(f"{lede} {ID_BODY}", sentences=20, title=title)
    assert result.sentences[0].text == lede
    assert not [r for r in result.removed if r.reason == "headline"]
    copy = run(f"{title} {lede} {ID_BODY}", sentences=20, title=title)  # a copy as printed still goes
    assert [r.text for r in copy.removed if r.reason == "headline"] == [title]


@pytest.mark.parametrize("separator", ["\n", " ", ""], ids=["stored", "one line", "glued"])
def test_an_html_escaped_copy_is_a_copy(run, separator: str) -> None:
    # A feed that escaped its headline: the entity's semicolon closes nothing.
    headline = "Turkey-Iran mobile deal 'at risk'"
    escaped = headline.replace("'", "&#39;")
    text = separator.join([escaped, headline, LEDE, BODY])
    result = run(text, sentences=12)
    assert [r.text for r in result.removed if r.reason == "headline"] == [escaped, headline]
    assert any(s.text == LEDE for s in result.sentences)


@pytest.mark.parametrize("separator", ["\n", " ", ""], ids=["stored", "one line", "glued"])
def test_a_question_headline_with_a_wire_prefix_is_a_copy(run, separator: str) -> None:
    # A short question is headline-like: its prefixed copy is compared aligned, as an open one's is.
    headline = "Could Yukos be a blessing in disguise?"
    text = separator.join([f"UPDATE 1-{headline}", headline, LEDE, BODY])
    result = run(text, sentences=12)
    assert [r.text for r in result.removed if r.reason == "headline"] == [f"UPDATE 1-{headline}", headline]
    assert any(s.text == LEDE for s in result.sentences)


@pytest.mark.parametrize(
    ("headline", "lede"),
    [
        ("US interest rate rise expected", "US interest rates are expected to rise for the fifth time since June."),
        ("2004: An Irish Athletics Year", "2004 won't be remembered as one of Irish athletics' great years."),
    ],
)
def test_a_copy_in_capitals_glued_to_a_capital_or_a_digit_is_cut_off(run, headline: str, lede: str) -> None:
    # "… RISE EXPECTED|US interest …": case cannot show the join; the known headline's length can.
    text = curl_d("\n".join([headline, f"{headline} - Reuters", headline.upper(), lede, BODY]))
    text = text.decode("utf-8")
    result = run(text, sentences=12)
    assert [r.text for r in result.removed if r.reason == "headline"] == [headline, f"{headline} - Reuters", headline.upper()]
    assert any(s.text == lede for s in result.sentences)


def test_copies_after_a_lede_the_segmenter_kept_whole_at_an_initial_are_cut_out(run) -> None:
    # Syndicated dev (lede_double) on one line: "… dari area miss V." ends the lede, but an
    # initial is no sentence end to the segmenter, so the copies were inside the lede's unit.
    lede = "Sebagian besar wanita memakai pantiliner agar terbebas dari aroma tak sedap dari area miss V."
    headline = "Terlalu Sering Pakai Pantiliner Tidak Baik untuk Kesehatan Benarkah"
    text = f"{lede} {headline} {headline} {ID_BODY}"
    result = run(text, sentences=12)
    assert [r.text for r in result.removed if r.reason == "headline"] == [headline, headline]
    assert any(s.text.startswith("Sebagian besar wanita") for s in result.sentences)


@pytest.mark.parametrize("separator", ["\n", " ", ""], ids=["stored", "one line", "glued"])
@pytest.mark.parametrize(("headline", "suffix"), [(HEADLINE, " - Reuters"), (ID_HEADLINE, " | Kompas.com")])
def test_a_copy_cut_short_then_suffixed_is_a_copy(run, separator: str, headline: str, suffix: str) -> None:
    # "Harga beras naik tajam di… | Kompas.com": the ellipsis is not at the end, the suffix is.
    cut = " ".join(headline.split()[:4]) + "..." + suffix
    lede, body = (LEDE, BODY) if headline == HEADLINE else (ID_LEDE.removeprefix("Jakarta, KOMPAS.com - "), ID_BODY)
    text = separator.join([headline, cut, lede, body])
    result = run(text, sentences=12)
    assert [r.text for r in result.removed if r.reason == "headline"] == [headline, cut]
    assert any(s.text.startswith(lede.rstrip(".")) for s in result.sentences)


def test_a_sentence_the_segmenter_ran_on_after_a_copy_keeps_its_words(run) -> None:
    # On one line "X | Kompas.com Hai!" is one sentence to the segmenter; the copy goes, "Hai!" stays.
    copy = f"{ID_HEADLINE} | Kompas.com"
    text = f"{copy} Hai! Buat kalian semua penikmat makanan pedas, sudah pernah mencoba? {ID_BODY} {copy}"
    result = run(text, sentences=12)
    assert [r.text for r in result.removed if r.reason == "headline"] == [copy, copy]
    assert result.headline == copy
    assert any(s.text.startswith("Hai!") for s in result.sentences)


def test_an_author_tag_glued_to_a_copy_that_starts_with_a_number_is_boilerplate(run) -> None:
    headline = "280 Pelajar Kalibaru Dapat Beasiswa Rp180 Juta"
    text = curl_d(f"{headline}\n{ID_LEDE}\n{ID_BODY} (dwi)\n{headline}").decode("utf-8")
    result = run(text, sentences=12)
    assert [(r.reason, r.text) for r in result.removed if r.text.startswith("(")] == [("boilerplate", "(dwi)")]
    assert [r.text for r in result.removed if r.reason == "headline"] == [headline, headline]


@pytest.mark.parametrize("separator", ["\n", " ", ""], ids=["stored", "one line", "glued"])
@pytest.mark.parametrize(
    ("updated", "at_end"),
    [
        # The page's headline, the body, then the feed's updated headline (one word changed) ...
        ("Dollar gains after Greenspan speech", True),
        # ... or right under the headline, with the publisher's name: "… - Reuters".
        ("Dollar gains after Greenspan speech - Reuters", False),
    ],
    ids=["at the end", "suffixed, at the top"],
)
def test_an_updated_copy_is_a_copy(run, separator: str, updated: str, at_end: bool) -> None:
    pieces = [HEADLINE, LEDE, BODY, updated] if at_end else [HEADLINE, updated, LEDE, BODY]
    result = run(separator.join(pieces), sentences=12)
    assert [r.text for r in result.removed if r.reason == "headline"] == [HEADLINE, updated]
    assert any(s.text == LEDE for s in result.sentences)
    assert any(s.text.startswith("Analysts said the move") for s in result.sentences)


@pytest.mark.parametrize("separator", ["\n", " ", ""], ids=["stored", "one line", "glued"])
def test_a_lede_that_starts_like_a_cut_copy_of_its_headline_keeps_its_words(run, separator: str) -> None:
    # Glued: "Spider-Man creator wins profits|Spider-Man creator|Spider-Man creator Stan Lee is …".
    # The copy cut to half of its headline's words, followed by a lede that opens with the same two
    # words, is no pair of copies after a lede: the lede keeps "Spider-Man creator". As stored, the
    # cut copy is no headline to report either (it would be cut off the lede as a run-in copy).
    lede = "Spider-Man creator Stan Lee is to get a multi-million dollar windfall after a court battle."
    text = separator.join(["Spider-Man creator wins profits", "Spider-Man creator", lede, BODY])
    result = run(text, sentences=12)
    lede_start = text.index(lede)
    assert not any(r.start < lede_start + len(lede) and lede_start < r.end for r in result.removed)
    assert any(lede in s.text for s in result.sentences)


@pytest.mark.parametrize(
    ("headline", "lede", "rest"),
    [
        (
            "City council approves new bicycle lanes for downtown Leeds",
            "The city council has approved new bicycle lanes for downtown Leeds, officials said on Wednesday.",
            "The vote passed by 54 to 31 after a debate that lasted more than four hours.",
        ),
        (
            "В Москве открылась новая линия метро",
            "Новая линия метро открылась в Москве в субботу, сообщили городские власти.",
            "Новый участок длиной 12 километров включает шесть станций.",
        ),
    ],
    ids=["en", "ru"],
)
@pytest.mark.parametrize("separator", [" ", ""], ids=["one line", "glued"])
def test_a_lede_that_restates_a_lone_headline_and_goes_on_with_its_words_is_no_copy(
    run, separator: str, headline: str, lede: str, rest: str
) -> None:
    # "…for downtown Leeds The city council has approved new bicycle lanes for downtown|Leeds, …":
    # the capital after "downtown" starts no new sentence, it is the headline's own next word.
    # The lede was cut there as an edited copy of the headline, losing most of its words.
    text = separator.join([headline, lede, rest, BODY])
    result = run(text, sentences=12)
    lede_start = text.index(lede)
    assert not any(r.start < lede_start + len(lede) and lede_start < r.end for r in result.removed)
    assert any(lede in s.text for s in result.sentences)


def test_a_first_line_too_short_for_a_copy_under_an_ending_that_repeats_it(client) -> None:
    # "Ab cd" cannot be a headline copy (under MIN_COPY_CHARS), yet the text ends with its words
    # and more: the search for an updated copy at the end once raised IndexError here (a 500).
    text = "Ab cd\nBody sentence here goes on. More body text follows here. Ab cd ef gh ij"
    response = client.post("/v1/summarize", data=text.encode("utf-8"), content_type="text/plain")
    assert response.status_code == 200
    assert response.get_json()["removed"] == []


@pytest.mark.parametrize("separator", [" ", ""], ids=["one line", "glued"])
def test_a_short_body_between_a_headline_and_its_copy_at_the_end_is_no_piece(run, separator: str) -> None:
    # "X Body (with a date). More body. (ant/tsa) X": the body is not a time stamp between copies.
    body = "Harga beras medium naik Rp2.000 pada 12 Mei 2017 di pasar induk. " + ID_BODY
    text = separator.join([ID_HEADLINE, body, "(ant/tsa)", ID_HEADLINE])
    result = run(text, sentences=12)
    assert [r.text for r in result.removed if r.reason == "headline"] == [ID_HEADLINE, ID_HEADLINE]
    assert not any("Pedagang" in r.text or "Harga beras medium" in r.text for r in result.removed)
    assert any(s.text.startswith("Pedagang mengeluhkan") for s in result.sentences)


# --- copies that combine two kinds: a stop, a suffix, a label, an edit ---------------------------


@pytest.mark.parametrize("separator", ["\n", " ", ""], ids=["stored", "one line", "glued"])
def test_a_copy_with_a_full_stop_added_is_an_exact_copy(run, separator: str) -> None:
    # "Headline." under "Headline": by n-grams a short headline's stop is a tenth of it (0.89 < 0.9).
    headline = "Barclays profits hit record level"
    lede = "Barclays, the UK's third-biggest bank, has seen annual pre-tax profits climb to record levels."
    text = separator.join([headline, headline + ".", lede, "Profits for the year to 31 December rose 20% to £4.6bn."])
    result = run(text, sentences=12)
    assert [r.text for r in result.removed if r.reason == "headline"] == [headline, headline + "."]
    assert result.headline == headline
    assert result.sentences[0].text == lede


def test_a_sentence_that_starts_like_a_labelled_cut_copy_stays(run) -> None:
    # Only a headline (open) is compared with a labelled cut copy's start; a sentence keeps its words.
    cut = "UPDATE 2-Ayam Geprek Mas Eko..."
    sentence = "Ayam Geprek Mas Eko Kejontoran Bibir yang Hakiki Hai!"
    result = run(" ".join([cut, sentence, ID_BODY]), sentences=12)
    assert not any("Kejontoran" in r.text for r in result.removed)


@pytest.mark.parametrize("separator", [" ", ""], ids=["one line", "glued"])
@pytest.mark.parametrize(("headline", "suffix"), [(HEADLINE, " - Reuters"), (ID_HEADLINE, " | Kompas.com")])
def test_a_suffixed_copy_at_the_end_is_a_copy(run, separator: str, headline: str, suffix: str) -> None:
    lede, body = (LEDE, BODY) if headline == HEADLINE else (ID_LEDE.removeprefix("Jakarta, KOMPAS.com - "), ID_BODY)
    text = separator.join([headline, lede, body, headline + suffix])
    result = run(text, sentences=12)
    assert [r.text for r in result.removed if r.reason == "headline"] == [headline, headline + suffix]
    assert any(s.text.startswith(lede.rstrip(".")) for s in result.sentences)


@pytest.mark.parametrize("separator", [" ", ""], ids=["one line", "glued"])
@pytest.mark.parametrize("label", ["Business: ", "BBC News - ", "Kompas.com | "])
def test_a_copy_after_a_section_or_site_name_is_a_copy(run, separator: str, label: str) -> None:
    # "Business: X X Body": the words after the label recur, as after "BREAKING: ".
    headline = "Spider-Man creator wins profits"
    lede = "Spider-Man creator Stan Lee is to get a multi-million dollar windfall after a court battle."
    text = separator.join([label + headline, headline, lede, BODY])
    result = run(text, sentences=12)
    assert [r.text for r in result.removed if r.reason == "headline"] == [label + headline, headline]
    assert result.headline == headline  # the copy without the label is reported
    assert any(s.text == lede for s in result.sentences)


@pytest.mark.parametrize(
    "first",
    [
        f"UPDATE 1-{HEADLINE}",
        f"{HEADLINE} - Reuters",
        f"Business: {HEADLINE}",
        # Cut at both ends: after its label, a labelled copy cut short is the headline's start.
        "UPDATE 2-Dollar gains on Greenspan...",
    ],
)
def test_the_reported_headline_is_the_copy_without_an_addition(run, first: str) -> None:
    result = run("\n".join([first, HEADLINE, LEDE, BODY]), sentences=12)
    assert [r.text for r in result.removed if r.reason == "headline"] == [first, HEADLINE]
    assert result.headline == HEADLINE


def test_a_copy_in_capitals_after_a_suffixed_copy_ends_where_the_headline_does(run) -> None:
    # "… - Reuters|TEXT MESSAGE RECORD SMASHED AGAIN|UK mobile owners …": the capitals run on into
    # the body's first word, and only the headline's length (without the suffix) shows the join.
    headline = "Text message record smashed again"
    lede = "UK mobile owners continue to break records with their text messaging, latest figures show."
    text = "".join([headline, headline, headline + " - Reuters", headline.upper(), lede, BODY])
    result = run(text, sentences=12)
    assert [r.text for r in result.removed if r.reason == "headline"] == [
        headline, headline, headline + " - Reuters", headline.upper()
    ]
    assert any(s.text == lede for s in result.sentences)


@pytest.mark.parametrize("separator", ["\n", " ", ""], ids=["stored", "one line", "glued"])
@pytest.mark.parametrize("credit", ["Photo: Getty Images", "Foto: Dok. Istimewa"])
@pytest.mark.parametrize("over", [False, True], ids=["between the copies", "over the copies"])
def test_a_photo_credit_by_the_copies_goes_and_the_lede_keeps_its_words(run, separator: str, credit: str, over: bool) -> None:
    # "X Photo: Getty Images X The Daily …": compared with the whole first copy (credit included),
    # "X The" once read as its copy, and the lede lost its first word. "Photo: Getty Images X X
    # The Daily …" on one line: the credit, the copies and the lede were one summary sentence.
    headline = "Telegraph newspapers axe 90 jobs"
    lede = "The Daily and Sunday Telegraph newspapers are axing 90 journalist jobs - 17% of their editorial staff."
    pieces = [credit, headline, headline] if over else [headline, credit, headline]
    result = run(separator.join([*pieces, lede, BODY]), sentences=12)
    copy, credit_removed = ("headline", headline), ("boilerplate", credit)
    expected = [credit_removed, copy, copy] if over else [copy, credit_removed, copy]
    assert [(r.reason, r.text) for r in result.removed] == expected
    assert result.sentences[0].text == lede


@pytest.mark.parametrize("separator", ["\n", " ", ""], ids=["stored", "one line", "glued"])
def test_a_copy_with_its_first_word_edited_is_a_copy(run, separator: str) -> None:
    # On one line the copy is found where the headline's second and third words recur.
    updated = "Greenback gains on Greenspan speech"
    result = run(separator.join([HEADLINE, updated, LEDE, BODY]), sentences=12)
    assert [r.text for r in result.removed if r.reason == "headline"] == [HEADLINE, updated]
    assert result.sentences[0].text == LEDE


def test_a_credit_by_the_copies_stays_when_boilerplate_is_kept(run) -> None:
    # strip_boilerplate=false keeps boilerplate, the credit found with the copies included.
    headline = "Telegraph newspapers axe 90 jobs"
    lede = "The Daily and Sunday Telegraph newspapers are axing 90 journalist jobs - 17% of their editorial staff."
    result = run(" ".join(["Photo: Getty Images", headline, headline, lede, BODY]), sentences=12, strip_boilerplate=False)
    assert [(r.reason, r.text) for r in result.removed] == [("headline", headline), ("headline", headline)]
    assert result.sentences[0].text == "Photo: Getty Images"


# --- markup and tags around copies (scrapers that deliver Markdown, feeds that tag media) -------


TELEGRAPH = (
    "Telegraph newspapers axe 90 jobs",
    "The Daily and Sunday Telegraph newspapers are axing 90 journalist jobs - 17% of their editorial staff.",
    BODY,
)
#: A four-word headline: two emphasis marks or quotes are a large share of its character n-grams
#: (0.59 by cosine), so copies are also compared without them.
CANON = (
    "Canon 6D Mark II",
    "Canon EOS 5D mungkin adalah salah satu DSLR full-frame terpopuler di kalangan pengguna Canon.",
    ID_BODY,
)


@pytest.mark.parametrize("separator", ["\n", " ", ""], ids=["stored", "one line", "glued"])
@pytest.mark.parametrize(
    ("first", "article"),
    [(first, TELEGRAPH) for first in ["# {}", "**{}**", '"{}"', "[UPDATED] {}", "(LEAD) {}"]]
    + [(first, CANON) for first in ["**{}**", '"{}"', "[UPDATED] {}"]],
)
def test_a_copy_after_markup_or_a_bracketed_label_is_a_copy(run, separator: str, first: str, article: tuple) -> None:
    # "# X X The …" on one line: the search for the opening's words once started at the "#" (or
    # the quote, or the bracket) and found no second copy; "[UPDATED] X X The …" compared with
    # the whole first copy took "X The" for the copy, and the lede lost its first word.
    headline, lede, body = article
    result = run(separator.join([first.format(headline), headline, lede, body]), sentences=12)
    assert [r.text for r in result.removed if r.reason == "headline"] == [first.format(headline), headline]
    assert result.sentences[0].text == lede


@pytest.mark.parametrize("separator", ["\n", " ", ""], ids=["stored", "one line", "glued"])
@pytest.mark.parametrize("tag", [" (VIDEO)", " [FOTO]", " (12/05/2017)"])
def test_a_tag_after_a_copy_goes_with_it(run, separator: str, tag: str) -> None:
    # "X X (VIDEO) The …": the tag is the copy's, not the first words of the lede.
    result = run(separator.join([HEADLINE, HEADLINE + tag, LEDE, BODY]), sentences=12)
    assert [r.text for r in result.removed if r.reason == "headline"] == [HEADLINE, HEADLINE + tag]
    assert result.sentences[0].text == LEDE


def test_a_copy_that_repeats_its_quotes_starts_at_them(run) -> None:
    # "'X' show…'X' show…" glued: the second copy starts at its own quote, not after it.
    headline = "'Comeback' show for Friends star"
    lede = "Friends actress Lisa Kudrow is to play the lead role in a new series about a one-time sitcom star."
    result = run("".join([headline.upper(), headline, lede, BODY]), sentences=12)
    assert [r.text for r in result.removed if r.reason == "headline"] == [headline.upper(), headline]
    assert result.headline == headline


@pytest.mark.parametrize("separator", [" ", ""], ids=["one line", "glued"])
def test_a_bracketed_aside_that_opens_the_lede_is_not_a_tag(run, separator: str) -> None:
    # A tag is at most three words or a date: "(Editor's note: …)" opening the lede stays.
    lede = "(Editor's note: this story has been updated.) The dollar has hit its highest level in months."
    result = run(separator.join([HEADLINE, HEADLINE, lede, BODY]), sentences=12)
    assert [r.text for r in result.removed if r.reason == "headline"] == [HEADLINE, HEADLINE]
    assert any(s.text.startswith("(Editor's note") for s in result.sentences)


@pytest.mark.parametrize("separator", ["\n", " "], ids=["stored", "one line"])
def test_a_quotation_that_opens_with_a_bracketed_word_keeps_its_words(run, separator: str) -> None:
    # A Detik passage that an early version of the markup rule cut ("Pasal 48 ayat" taken for a
    # copy after the "label" "(Dijerat)"): labels in brackets are in capitals.
    charges = (
        '"(Dijerat) Pasal 48 ayat (1) juncto Pasal 32 ayat (1) dan atau Pasal 48 ayat (2) juncto Pasal 32 '
        'ayat (2) UU ITE," kata Kapolres.'
    )
    lede = "Polisi menetapkan tiga tersangka terkait postingan media sosial soal rencana aksi unjuk rasa."
    result = run(separator.join([lede, charges, ID_BODY]), sentences=12, language="id")
    assert not [r for r in result.removed if r.reason == "headline"]


@pytest.mark.parametrize("separator", ["\n", " "], ids=["stored", "one line"])
@pytest.mark.parametrize(
    ("copies", "reported"),
    [
        (["# {}", "{} (VIDEO)"], "{}"),  # markup and a tag are the page's, not the headline's
        (["**{}**", "**{}**"], "{}"),
        (["'{}'", "'{}'"], "'{}'"),  # a headline wholly in quotes is a claim: its quotes stay
    ],
)
def test_the_reported_headline_leaves_out_markup_and_tags(run, separator: str, copies: list[str], reported: str) -> None:
    result = run(separator.join([*(copy.format(HEADLINE) for copy in copies), LEDE, BODY]), sentences=12)
    assert [r.text for r in result.removed if r.reason == "headline"] == [copy.format(HEADLINE) for copy in copies]
    assert result.headline == reported.format(HEADLINE)


def test_a_word_in_brackets_that_is_part_of_the_headline_is_reported(run) -> None:
    result = run("\n".join(["France v Wales (Sat)", "France v Wales (Sat)", LEDE, BODY]), sentences=12)
    assert result.headline == "France v Wales (Sat)"


def test_a_sentence_repeated_in_the_middle_and_at_the_end_of_one_line_stays(run) -> None:
    # A CNN article on one line repeats a sentence in its middle and, without its full stop, at
    # its end: open at the end, the pair read as headline copies and both went. On one line,
    # copies have a member among the first units or two members next to each other.
    repeated = "Building an artificial brain is a complex process and so far scientists have cloned only a part of it"
    text = " ".join([
        "The humble honeybee may only be small, but scientists hope to use its brain to power drones.",
        "Boffins are working towards digitally recreating the cognitive abilities of the honeybee.",
        "Their final aim is to build a robot that thinks and acts like a bee.",
        "The project is funded by the Engineering and Physical Sciences Research Council.",
        repeated + ".",
        "To do this they mapped out the brain of the bee with a series of experiments.",
        "Current projects include navigation and flight tests with a quadcopter.",
        repeated,
    ])
    result = run(text, sentences=12, language="en")
    assert not [r for r in result.removed if r.reason == "headline"]
    assert result.stats.sentences == 8  # every sentence kept for ranking, both copies included


def test_a_short_question_a_quotation_repeats_on_one_line_stays(run) -> None:
    # Short questions are headline-like; two near-equal ones further on in one line of text (a
    # speaker's "You know what I'm saying?", a name label before the second) are the article's.
    quoted = '"You know what I\'m saying? I knew I would get life anyway," he said.'
    again = "He went on: You know what I'm saying? Do you follow my topic?"
    result = run(" ".join([LEDE, quoted, again, BODY]), sentences=12, language="en")
    assert not [r for r in result.removed if r.reason == "headline"]


# --- scripts without capital letters: a repetition shows no join -------------------------------

#: (headline, body sentences, what joins sentences in a paragraph): the same story in scripts
#: whose glued copies no case change marks (written for these tests).
UNCASED = {
    "Chinese": (
        "北京宣布新的公共交通计划",
        [
            "北京市政府周一宣布了一项新的公共交通发展计划。",
            "该计划将在未来五年内投入数百亿元资金。",
            "官员表示，新地铁线路将连接城市的主要商业区。",
            "专家认为，这一计划有助于缓解城市交通拥堵。",
        ],
        "",
    ),
    "Japanese": (
        "東京都、新しい交通計画を発表",
        [
            "東京都は月曜日、新しい公共交通の整備計画を発表した。",
            "計画では今後五年間に数千億円を投じる。",
            "当局者によると、新しい地下鉄路線は主要な商業地区を結ぶ。",
            "専門家は、この計画が渋滞の緩和に役立つと見ている。",
        ],
        "",
    ),
    "Korean": (
        "서울시, 새 대중교통 계획 발표",
        [
            "서울시는 월요일 새로운 대중교통 개발 계획을 발표했다.",
            "이 계획에는 향후 5년간 수조 원이 투입된다.",
            "관계자에 따르면 새 지하철 노선은 주요 상업 지구를 연결한다.",
            "전문가들은 이 계획이 교통 체증 완화에 도움이 될 것으로 본다.",
        ],
        " ",
    ),
    "Arabic": (
        "القاهرة تعلن خطة جديدة للنقل العام",
        [
            "أعلنت حكومة القاهرة يوم الاثنين خطة جديدة لتطوير النقل العام.",
            "وستنفق الخطة مليارات الجنيهات خلال السنوات الخمس المقبلة.",
            "وقال مسؤولون إن خطوط المترو الجديدة ستربط المناطق التجارية الرئيسية.",
            "ويرى خبراء أن الخطة ستساعد في تخفيف الازدحام المروري.",
        ],
        " ",
    ),
    "Hindi": (
        "दिल्ली सरकार ने नई परिवहन योजना घोषित की",
        [
            "दिल्ली सरकार ने सोमवार को सार्वजनिक परिवहन के विकास की एक नई योजना घोषित की।",
            "अगले पांच वर्षों में इस योजना पर हजारों करोड़ रुपये खर्च होंगे।",
            "अधिकारियों के अनुसार नई मेट्रो लाइनें मुख्य व्यापारिक क्षेत्रों को जोड़ेंगी।",
            "विशेषज्ञों का मानना है कि इससे जाम कम करने में मदद मिलेगी।",
        ],
        " ",
    ),
    "Thai": (
        "กรุงเทพฯ ประกาศแผนคมนาคมใหม่",
        [
            "กรุงเทพมหานครประกาศแผนพัฒนาระบบขนส่งสาธารณะใหม่เมื่อวันจันทร์ที่ผ่านมา",
            "แผนนี้จะใช้งบประมาณหลายหมื่นล้านบาทในห้าปีข้างหน้า",
            "เจ้าหน้าที่ระบุว่ารถไฟฟ้าสายใหม่จะเชื่อมย่านธุรกิจสำคัญของเมือง",
            "ผู้เชี่ยวชาญเชื่อว่าแผนนี้จะช่วยลดปัญหารถติดได้มาก",
        ],
        " ",
    ),
}


@pytest.mark.parametrize("copies", [2, 3])
@pytest.mark.parametrize("glued", [False, True], ids=["lines", "curl -d"])
@pytest.mark.parametrize("language", sorted(UNCASED))
def test_a_headline_repeated_in_a_script_without_capitals_is_cut_out(run, language: str, glued: bool, copies: int) -> None:
    headline, sentences, joiner = UNCASED[language]
    article = "\n".join([*[headline] * copies, joiner.join(sentences[:2]), joiner.join(sentences[2:])])
    text = curl_d(article).decode("utf-8") if glued else article
    result = run(text, sentences=9)
    assert [r.text for r in result.removed] == [headline] * copies
    assert result.headline == headline
    check_offsets(text, result.to_dict())
    assert headline not in " ".join(s.text for s in result.sentences)
    body_start = text.index(sentences[0])  # every body sentence stays, whole: nothing removed from the body
    assert all(removal.end <= body_start for removal in result.removed)
    assert result.sentences[0].start == body_start


PUBLISHERS = {
    "Chinese": "新华网", "Japanese": "毎日新聞", "Korean": "연합뉴스", "Arabic": "الأهرام", "Hindi": "दैनिक भास्कर", "Thai": "ไทยรัฐ"
}  # fmt: skip


@pytest.mark.parametrize("kind", ["suffixed", "cut short", "at the top and the end"])
@pytest.mark.parametrize("language", sorted(UNCASED))
def test_copies_in_a_script_without_capitals_on_lines_of_their_own(run, language: str, kind: str) -> None:
    # A Chinese copy cut by a few characters is longer with its "..." than the headline, shares no
    # whitespace-delimited word with it, and is shorter than ten characters: each once kept it.
    headline, sentences, joiner = UNCASED[language]
    body = [joiner.join(sentences[:2]), joiner.join(sentences[2:])]
    cut = headline[: len(headline) * 7 // 10] + "..."
    copy = {"suffixed": f"{headline} - {PUBLISHERS[language]}", "cut short": cut}.get(kind)
    text = "\n".join([headline, copy, *body] if copy else [headline, *body, headline])
    result = run(text, sentences=9)
    assert [r.text for r in result.removed] == [headline, copy or headline]
    assert result.headline == headline
    assert result.sentences[0].start == text.index(sentences[0])


@pytest.mark.parametrize(
    "opening",
    [
        "哈" * 24 + "，他笑着说。",  # a row of one character
        "ha ha ha ha ha ha ha ha ha ha ha ha ha ha, he laughed.",  # a run of one short piece
        "New York, New York, the city said on Monday, will build a new line.",  # a clause, then its comma
        "Happy Birthday Happy Birthday to you, they sang on Monday.",  # goes on in lower case
    ],
)
def test_a_sentence_that_starts_with_a_phrase_twice_stays(run, opening: str) -> None:
    _, sentences, _ = UNCASED["Chinese"]
    result = run(curl_d("\n".join([opening, *sentences])).decode("utf-8"), sentences=9)
    assert result.removed == ()
    assert result.sentences[0].text == opening


@pytest.mark.parametrize("copies", [2, 3])
def test_thai_copies_are_split_off_before_the_line_is_cut_at_spaces(run, copies: int) -> None:
    # Thai sentences are cut at spaces (text/segment.py), and here the first cut would fall inside
    # the second copy ("…ลงทุนแสนล้านกรุงเทพฯ | ประกาศ…"): the copies come off the line first.
    headline = "กรุงเทพฯ ประกาศแผนคมนาคมใหม่ ลงทุนแสนล้าน"
    _, sentences, joiner = UNCASED["Thai"]
    text = headline * copies + joiner.join(sentences)
    result = run(text, sentences=9)
    assert [r.text for r in result.removed] == [headline] * copies
    assert result.sentences[0].start == len(headline) * copies


@pytest.mark.parametrize(("copy", "glued"), [("exact", False), ("suffixed", False), ("exact", True)])
def test_a_thai_headline_without_spaces_is_cut_out(run, copy: str, glued: bool) -> None:
    # One run of letters between spaces, but eight words: counted as one word, it was too short
    # to be a headline, and its copies stayed in the summary. (Glued by curl -d, only exact
    # copies are found in scripts without capitals: README, "Languages".)
    headline = "รัฐบาลประกาศแผนขนส่งสาธารณะใหม่ในกรุงเทพ"
    second = headline if copy == "exact" else f"{headline} - {PUBLISHERS['Thai']}"
    _, sentences, joiner = UNCASED["Thai"]
    article = "\n".join([headline, second, joiner.join(sentences[:2]), joiner.join(sentences[2:])])
    text = curl_d(article).decode("utf-8") if glued else article
    result = run(text, sentences=9)
    assert [r.text for r in result.removed] == [headline, second]
    assert result.headline == headline
    assert result.sentences[0].start == text.index(sentences[0])
    if not glued:  # glued, two sentences lose the line break that parted them
        assert [s.text for s in result.sentences] == sentences  # every body sentence stays, whole


def test_a_whole_copy_in_sentence_case_goes_where_it_is_glued_to_the_lede(run) -> None:
    """A title-case headline repeated whole in sentence case: glued to the lede (a lost line break,
    ``curl -d``), it is a copy; after a space it may be a lede that restates its headline and goes
    on, so on one line both stay (the trade of docs/EVALUATION.md round 22)."""
    headline, copy = "Dollar Gains On Greenspan Speech", "Dollar gains on Greenspan speech"
    glued = run(f"{headline}{copy}{LEDE}{BODY}", sentences=12)
    assert [r.text for r in glued.removed if r.reason == "headline"] == [headline, copy]
    spaced = run(f"{headline} {copy} {LEDE} {BODY}", sentences=12)
    assert not [r for r in spaced.removed if r.reason == "headline"]


# --- a copy's edge where the body starts with one of its headline's words ---------------------

EN_MORE = (
    "Traders said the rally could fade if the central bank signals another rise next week. "
    "Volumes were thin ahead of a public holiday, and the yen was little changed."
)
ID_MORE = (
    "Pelatih kepala mengatakan timnya akan berangkat pekan depan setelah pemusatan latihan. "
    "Federasi berharap dukungan penuh dari masyarakat selama turnamen berlangsung."
)

EDGE_CASES = {
    # Glued, the copy with its last word dropped runs into a body whose first word is that word,
    # capitalised: "… European|Markets in Europe", not a copy ending "… EuropeanMarkets in".
    "last word dropped, glued": (
        ["Bird flu fears hit European markets", "Bird flu fears hit European"],
        "Markets in Europe fell sharply on Tuesday as the virus spread to a fourth country.",
        "",
    ),
    # A word glued after a closing quote is the body's: "… 'to be resmed'|The EU".
    "a letter dropped before a quote, glued": (
        ["EU Turkey talks 'to be resumed'", "EU Turkey talks 'to be resmed'"],
        "The EU is likely to resume membership talks with Turkey next month despite objections.",
        "",
    ),
    # The first word edited, glued to a lede that starts with the word it replaced.
    "the first word edited, glued": (
        ["Suzuki Jimny and the Fight with Honda HR V", "Update Jimny and the Fight with Honda HR V"],
        "Suzuki Motor hopes its new model will take on the Honda HR V in the small SUV market.",
        "",
    ),
    "the first word edited, glued to a name in capitals": (
        ["KPU Jateng Pastikan Hanya Ada 2 Paslon di Pilgub", "Terkini Jateng Pastikan Hanya Ada 2 Paslon di Pilgub"],
        "KPU Jateng menyatakan pemilihan gubernur dipastikan hanya diikuti oleh dua pasangan calon.",
        "",
    ),
    # The same on one line, the lede opening with a dateline of that word.
    "the first word edited before a dateline, on one line": (
        [
            "Spanyol Ambil Alih Pemerintahan dan Pecat Pemimpin Katalonia",
            "Terkini Ambil Alih Pemerintahan dan Pecat Pemimpin Katalonia",
        ],
        "SPANYOL– Perdana Menteri Spanyol mengatakan bahwa pemimpin Katalonia akan dipecat.",
        " ",
    ),
    # A copy cut short, then a lede that opens with the headline's last words: the lede's words
    # stay whatever becomes of the copy.
    "cut short, then a lede with the headline's last words, on one line": (
        ["Medali Perunggu Jadi Target Realistis bagi Tim Bulu Tangkis Putri", "Medali Perunggu Jadi Target Realistis"],
        "Tim Bulu Tangkis Putri Indonesia tidak dibebani target emas di Asian Games nanti.",
        " ",
    ),
}


@pytest.mark.parametrize("case", sorted(EDGE_CASES))
def test_a_copy_ends_where_the_body_starts_with_a_headline_word(run, case: str) -> None:
    """No removal reaches into a lede that opens with a word of the headline; found, the copy ends
    where the lede starts (each case cut into the lede before)."""
    copies, lede, joiner = EDGE_CASES[case]
    text = joiner.join([*copies, lede, EN_MORE if lede.isascii() and "Pilgub" not in copies[0] else ID_MORE])
    result = run(text, sentences=9)
    removed = [r for r in result.removed if r.reason == "headline"]
    lede_start = text.index(lede)
    assert all(r.end <= lede_start for r in removed), [r.text for r in removed]
    assert any(lede in s.text for s in result.sentences)  # whole, with a copy kept before it or not
    if "cut short" not in case:
        assert [r.text for r in removed] == copies
        assert any(s.start == lede_start for s in result.sentences)


@pytest.mark.parametrize("joiner", ["", " "], ids=["curl -d", "one line"])
@pytest.mark.parametrize(
    "headline", ["PlayStation 3 chip to be unveiled in February", "McDonald's profits rise on iPhone app orders"]
)
def test_a_headline_with_a_capital_inside_a_word_is_still_cut_out(run, joiner: str, headline: str) -> None:
    """Joins inside the headline's own words ("Play|Station") are no lost line breaks."""
    text = joiner.join([headline, headline, LEDE, BODY])
    assert [r.text for r in run(text, sentences=9).removed if r.reason == "headline"] == [headline, headline]


def test_a_credit_glued_to_the_first_copy_is_no_part_of_it(run) -> None:
    """ "XFoto: Dok. IstimewaXBody…" (curl -d): the credit glued to the first copy is set aside, and
    the copies are found although the lede opens with the headline's first words."""
    headline = "KPU Bali Pastikan Hanya 2 Paslon Maju di Pilgub"
    lede = "KPU Bali menyatakan pemilihan gubernur hanya diikuti dua pasangan calon."
    text = "".join([headline, "Foto: Dok. Istimewa", headline, lede, ID_MORE])
    result = run(text, sentences=9)
    assert [r.text for r in result.removed if r.reason == "headline"] == [headline, headline]
    assert result.sentences[0].start == text.index(lede)


@pytest.mark.parametrize("suffix", ["", " | Kompas.com"])
def test_a_copy_at_the_end_glued_after_an_editors_code_leaves_the_code(run, suffix: str) -> None:
    """ "… Utara).(A055/D007)X | Kompas.com": the body's last line stays where the copy glued to it
    at the end of the text goes."""
    headline = "Bank Sentral Raih Penghargaan Gubernur Terbaik Asia"
    body = (
        "Jakarta (ANTARA News) - Bank sentral meraih penghargaan dari majalah keuangan internasional pekan ini. "
        "Penghargaan itu diberikan atas kebijakan moneter yang dinilai berhasil menjaga inflasi. "
        "Gubernur akan menerima penghargaan itu di Washington bersama penerima dari kawasan lain "
        "(kategori Timur Tengah dan Afrika Utara)."
    )
    text = "".join([headline, body, "(A055/D007)", headline + suffix])
    removed = [r.text for r in run(text, sentences=9).removed if r.reason == "headline"]
    assert removed == [headline, headline + suffix]


@pytest.mark.parametrize("top_in_title_case", [True, False], ids=["Title ... sentence", "sentence ... Title"])
def test_a_headline_at_the_top_and_the_end_in_two_cases_goes_where_it_is_glued(run, top_in_title_case: bool) -> None:
    """Glued to the lede, the copy at the top was a line of its own (as a whole copy glued at the
    top is, whatever its case); after a space it may be a lede that restates the headline, so on
    one line both stay."""
    title, sentence_case = "Dollar Gains On Greenspan Speech", "Dollar gains on Greenspan speech"
    top, end = (title, sentence_case) if top_in_title_case else (sentence_case, title)
    glued = run(f"{top}{LEDE}{BODY}{end}", sentences=12)
    assert [r.text for r in glued.removed if r.reason == "headline"] == [top, end]
    assert glued.sentences[0].text == LEDE
    spaced = run(f"{top} {LEDE} {BODY} {end}", sentences=12)
    assert not [r for r in spaced.removed if r.reason == "headline"]


def test_a_greeting_run_into_a_copy_in_another_case_stays(run) -> None:
    """"x in sentence case Hai! Body … X In Title Case" on one line: the copy at the top goes with
    the one at the end, and the greeting the segmenter ran on after it keeps its words."""
    title = "Nasi Goreng Pak Darmo Bikin Ketagihan Warga Solo"
    sentence_case = "Nasi goreng pak darmo bikin ketagihan warga solo"
    lede = "Buat kalian penikmat kuliner malam, sudah pernah mencoba nasi goreng legendaris di sudut alun-alun ini?"
    text = f"{sentence_case} Hai! {lede} {ID_MORE} {title}"
    result = run(text, sentences=12)
    removed = [r.text for r in result.removed if r.reason == "headline"]
    assert removed == [sentence_case, title]
    assert any(s.text.startswith("Hai!") for s in result.sentences)


@pytest.mark.parametrize("separator", [" ", ""], ids=["one line", "curl -d"])
def test_a_copy_with_a_typo_in_its_second_word_is_a_copy(run, separator: str) -> None:
    """A letter dropped from the second word: the copy's start is where the first word recurs a
    word before the third, not where the first two recur."""
    headline, copy = "Council approves budget cuts for libraries", "Council aproves budget cuts for libraries"
    lede = "The city council has voted to close four of its branch libraries next year."
    result = run(separator.join([headline, copy, lede, EN_MORE]), sentences=9)
    assert [r.text for r in result.removed if r.reason == "headline"] == [headline, copy]
    assert result.sentences[0].text == lede


def test_a_copy_cut_to_half_its_words_glued_to_the_lede_is_a_copy(run) -> None:
    """"XX'Lede…" where X' is X's first three words of six and glued to the lede: a line break was
    lost there, so three words are enough; after a space they may be the lede's own opening, and
    more than half the words are needed."""
    headline, cut = "Airline sees profits fly to record", "Airline sees profits"
    lede = "The airline has reported a record profit for the first half of its financial year."
    glued = run("".join([headline, cut, lede, EN_MORE]), sentences=9)
    assert [r.text for r in glued.removed if r.reason == "headline"] == [headline, cut]
    assert glued.sentences[0].text == lede
    spaced = run(" ".join([headline, cut, lede, EN_MORE]), sentences=9)
    assert not [r for r in spaced.removed if r.reason == "headline" and r.text == cut]
