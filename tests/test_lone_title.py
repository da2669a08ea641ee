"""A lone headline (no copy of it) glued to the first sentence when ``curl -d`` drops line breaks.

As stored, the headline is a line of its own and the summary passes it over; glued, it opened the
lede's sentence and reached the summary with it. The line break is restored where the evidence
says one was lost, and nowhere a name is glued the same way.
"""

from __future__ import annotations

import pytest

from service.dedup.lone_title import glued_title_end

from .test_glued import FORM, check_offsets, curl_d

ECONOMY = (
    "Japan narrowly avoids a recession\n"
    "Japan's economy grew by just 0.1% in the three months to September, revised figures showed on Friday.\n"
    "The government had first reported a small contraction for the quarter, which would have meant a "
    "second quarter of decline in a row.\n"
    "Economists said exports to China had held up better than expected, while household spending "
    "stayed weak for a third month.\n"
    "The central bank is expected to leave interest rates unchanged at its meeting next week.\n"
)

CABAI = (
    "Harga Cabai Rawit Melonjak Jelang Lebaran Menurut BPS\n"
    "Jakarta, CNN Indonesia -- Harga cabai rawit merah di Pasar Induk Kramat Jati naik hingga dua kali "
    "lipat dalam sepekan terakhir menjelang Lebaran.\n"
    "Pedagang mengatakan pasokan dari daerah sentra di Jawa Tengah berkurang karena hujan deras merusak "
    "tanaman petani.\n"
    "Kementerian Perdagangan berjanji menggelar operasi pasar di lima kota besar mulai pekan depan.\n"
    "Warga berharap harga kembali normal sebelum hari raya tiba.\n"
)


def _summary(client, text: str, sentences: int = 3) -> dict:
    sent = curl_d(text)
    response = client.post(f"/v1/summarize?sentences={sentences}", data=sent, content_type=FORM)
    assert response.status_code == 200
    body = response.get_json()
    check_offsets(sent.decode("utf-8"), body)
    return body


def test_a_lone_headline_glued_to_the_lede_stays_out_of_the_summary(client) -> None:
    body = _summary(client, ECONOMY, sentences=4)
    texts = [sentence["text"] for sentence in body["sentences"]]
    assert texts[0].startswith("Japan's economy grew by just 0.1%")
    assert not any("avoids a recession" in text for text in texts)
    assert body["removed"] == []  # a line break restored, nothing removed


def test_the_dateline_after_a_glued_lone_headline_is_boilerplate_as_on_its_own_line(client) -> None:
    stored = client.post("/v1/summarize?sentences=4", data=CABAI.encode(), content_type="text/plain").get_json()
    body = _summary(client, CABAI, sentences=4)
    assert [item["text"] for item in body["removed"]] == ["Jakarta, CNN Indonesia --"]
    assert [s["text"] for s in body["sentences"]] == [s["text"] for s in stored["sentences"]]
    assert body["sentences"][0]["text"].startswith("Harga cabai rawit merah")


@pytest.mark.parametrize(
    ("glued", "title"),
    [
        # A headline that ends with a name glued the same way: the name stays whole.
        (
            "Rossi Puas dengan Hasil Uji Coba MotoGPValentino Rossi mengaku senang dengan motor barunya.Ia "
            "finis ketiga di sesi terakhir.",
            "Rossi Puas dengan Hasil Uji Coba MotoGP",
        ),
        # The lede opens with a name in two pieces: the headline ends before it.
        (
            "Fast-food giant to sponsor music showMcDonald's has agreed to sponsor a music show for a year.The "
            "deal was signed on Monday.",
            "Fast-food giant to sponsor music show",
        ),
        # A headline in quotes, closed before the lede.
        (
            "Minister rejects 'budget leak' claimThe finance minister denied on Monday that details had "
            "leaked.MPs demanded an inquiry.",
            "Minister rejects 'budget leak' claim",
        ),
        # An acronym at the end of a headline, a place after it.
        (
            "Jepang Minta Kepastian Payung Nuklir ASTokyo akan meminta penegasan sikap Washington.Menteri "
            "Pertahanan berangkat pekan ini.",
            "Jepang Minta Kepastian Payung Nuklir AS",
        ),
        # A number at the end.
        (
            "Harga emas naik 2 persen pada 2017Harga emas di pasar dunia naik tipis.Investor menunggu data "
            "inflasi.",
            "Harga emas naik 2 persen pada 2017",
        ),
    ],
)
def test_where_a_glued_lone_headline_ends(glued: str, title: str) -> None:
    assert glued_title_end(glued, (0, len(glued))) == len(title)


@pytest.mark.parametrize(
    "text",
    [
        # Names glued inside the lede, not a lost line break: "EastEnders", "PlayStation", "McDonald's".
        "Former England footballer Paul Gascoigne will join EastEnders' cast for a week.The BBC said filming "
        "starts in May.",
        "Gamers have bought almost all of Sony's new PlayStation Portable consoles.Shops expect more in March.",
        "Charlie Bell, the former head of fast-food giant McDonald's, has died aged 44.He had cancer.",
        # Quotes and brackets opened before the join go on after it.
        'Rap mogul Marion "Suge" Knight has been arrested in Miami.Police said he was released on bail.',
        "Third-generation mobile (3G) networks need to get faster, a report says.Operators disagree.",
        "One of the world's largest makers of HIV/Aids drugs has cut its prices.Charities welcomed it.",
        # An opening quote is not a headline's end.
        "MPs demand 'Budget leak' answers from the Treasury today.Ministers declined to comment.",
        # A headline of two words cannot be told from a sentence's name and verb.
        "Markets tumbleShares fell sharply in Tokyo on Monday.Traders blamed the yen.",
    ],
)
def test_no_line_break_is_restored_inside_a_sentence(text: str) -> None:
    assert glued_title_end(text, (0, len(text))) is None


def test_a_text_flattened_with_spaces_keeps_its_first_sentence_whole() -> None:
    """Without a sentence glued to the next anywhere, the line breaks became spaces, not nothing:
    a join at the start is a word ("… join EastEnders …"), however the rest reads."""
    text = "Soap stars to meet fansEastEnders actors will meet fans in London on Saturday. The event is sold out."
    assert glued_title_end(text, (0, len(text))) is None
    glued = text.replace(". The", ".The")
    assert glued_title_end(glued, (0, len(glued))) == len("Soap stars to meet fans")


def test_a_headline_on_its_own_line_is_left_as_it_is(client) -> None:
    body = client.post("/v1/summarize?sentences=4", data=ECONOMY.encode(), content_type="text/plain").get_json()
    assert not any("avoids a recession" in sentence["text"] for sentence in body["sentences"])
    assert body["stats"]["lines"] == 5


# --- a lone headline on its own line: the article's headline, not its first sentence -----------


def _post(client, text: str, **query: str) -> dict:
    params = "&".join(f"{key}={value}" for key, value in {"sentences": "2", **query}.items())
    response = client.post(f"/v1/summarize?{params}", data=text.encode(), content_type="text/plain")
    assert response.status_code == 200
    return response.get_json()


def test_a_headline_line_on_top_is_read_as_the_title_a_client_sends(client) -> None:
    """Ranked with the body, the headline line took the first position and every sentence's
    position was counted from it; now the summary is the one the body gets with that title."""
    title, body = ECONOMY.split("\n", 1)
    with_line = _post(client, ECONOMY)
    with_title = _post(client, body, title=title.replace(" ", "+"))
    assert with_line["headline"] == title
    assert [s["text"] for s in with_line["sentences"]] == [s["text"] for s in with_title["sentences"]]
    assert [s["score"] for s in with_line["sentences"]] == [s["score"] for s in with_title["sentences"]]
    assert with_line["stats"]["sentences"] == with_title["stats"]["sentences"] == 4


@pytest.mark.parametrize("line", ["Griffin Park", "Saturday 20 November", "Monday, 3 March 2025"])
def test_a_place_or_a_date_over_the_body_is_left_out_but_not_called_the_headline(client, line: str) -> None:
    body = _post(client, line + "\n" + ECONOMY.split("\n", 1)[1])
    assert body["headline"] is None
    assert body["stats"]["sentences"] == 4
    assert all(line not in s["text"] for s in body["sentences"])


def test_the_title_a_client_sends_is_the_headline_whatever_line_opens_the_text(client) -> None:
    body = _post(client, "Business news in brief\n" + ECONOMY.split("\n", 1)[1], title="Japan+avoids+recession")
    assert body["headline"] is None  # no copy of the client's title in the text
    assert body["stats"]["sentences"] == 4


def test_a_text_of_headline_like_lines_only_is_still_summarised(client) -> None:
    text = "Markets in Asia close higher\nOil prices slip on supply worries\nGold steady ahead of Fed meeting\n"
    body = _post(client, text)
    assert body["headline"] is None
    assert len(body["sentences"]) == 2


def test_the_search_weighs_a_bounded_number_of_joins(monkeypatch) -> None:
    """Each join weighed reads the whole text (is the glued word named again?), so a text of glued
    capitals must not have every one of them weighed: a 1 MiB text took 131 s before the bounds."""
    from service.dedup import lone_title

    weighed: list[int] = []
    real = lone_title._ends_headline

    def counting(view: str, start: int, word_start: int, join: int, end: int) -> bool:
        weighed.append(join)
        return real(view, start, word_start, join, end)

    monkeypatch.setattr(lone_title, "_ends_headline", counting)
    filler = "Filler words follow here.More filler. " * 100
    for word in ("ab" + "Ab" * 30, "ab" + "Ab" * 1200):
        text = "one two three " + word + "Lede goes here.Next sentence. " + filler
        weighed.clear()
        lone_title.glued_title_end(text, (0, len(text)))
        assert len(weighed) <= lone_title.MAX_JOINS_WEIGHED
    assert weighed == []  # a "word" of 2,400 characters is no headline's last word glued to a lede's first
