"""A lone headline before the lede on one line, a space between them (a scraper's ``f"{title} {body}"``).

Sent so, the headline opened the first sentence and reached the summary with it (BBC and IndoSum
dev with their titles flattened onto one line: in 916 of 1,079 and 689 of 690 summaries). Its line
break is restored where a dateline or a sentence start shows where the headline ended, and
nowhere a name or a title runs on in the middle of a sentence.
"""

from __future__ import annotations

import pytest

from service.dedup.spaced_title import spaced_title_end
from service.text.stopwords import load_stop_words

from .test_glued import check_offsets

ENGLISH = load_stop_words("en")
INDONESIAN = load_stop_words("id")

DOLLAR_TITLE = "Dollar gains on Greenspan speech"
DOLLAR_BODY = (
    "The dollar has hit its highest level against the euro in almost three months after the head of the "
    "US central bank said the trade deficit would stabilise. Alan Greenspan told a conference in London "
    "that the deficit was being financed without strain. Traders said the comments eased fears that "
    "foreign investors would stop buying US assets. The euro fell to $1.2871 in late trading in New "
    "York. Analysts expect the dollar to stay firm until the next set of trade figures."
)

CABAI_TITLE = "Harga Cabai Rawit Melonjak Dua Kali Lipat Jelang Lebaran"
CABAI_BODY = (
    "Harga cabai rawit merah di Pasar Induk Kramat Jati naik hingga dua kali lipat dalam sepekan terakhir "
    "menjelang Lebaran. Pedagang mengatakan pasokan dari daerah sentra di Jawa Tengah berkurang karena hujan "
    "deras merusak tanaman petani. Kementerian Perdagangan berjanji menggelar operasi pasar di lima kota "
    "besar mulai pekan depan. Warga berharap harga kembali normal sebelum hari raya tiba."
)


def _post(client, text: str, **query: str) -> dict:
    params = "&".join(f"{key}={value}" for key, value in {"sentences": "3", **query}.items())
    response = client.post(f"/v1/summarize?{params}", data=text.encode(), content_type="text/plain")
    assert response.status_code == 200
    body = response.get_json()
    check_offsets(text, body)
    return body


def test_a_headline_spaced_before_the_lede_is_read_as_the_title_a_client_sends(client) -> None:
    flattened = _post(client, f"{DOLLAR_TITLE} {DOLLAR_BODY}")
    with_title = _post(client, DOLLAR_BODY, title=DOLLAR_TITLE.replace(" ", "+"))
    assert flattened["headline"] == DOLLAR_TITLE
    assert not any("Greenspan speech" in sentence["text"] for sentence in flattened["sentences"])
    assert [s["text"] for s in flattened["sentences"]] == [s["text"] for s in with_title["sentences"]]
    assert [s["score"] for s in flattened["sentences"]] == [s["score"] for s in with_title["sentences"]]
    assert flattened["removed"] == []  # a line break restored, nothing removed


def test_the_dateline_after_a_spaced_headline_is_boilerplate_as_on_its_own_line(client) -> None:
    dateline = "Jakarta, CNN Indonesia --"
    flattened = _post(client, f"{CABAI_TITLE} {dateline} {CABAI_BODY}")
    stored = _post(client, f"{CABAI_TITLE}\n{dateline} {CABAI_BODY}")
    assert flattened["headline"] == stored["headline"] == CABAI_TITLE
    assert [item["text"] for item in flattened["removed"]] == [dateline]
    assert [s["text"] for s in flattened["sentences"]] == [s["text"] for s in stored["sentences"]]
    assert flattened["sentences"][0]["text"].startswith("Harga cabai rawit merah")


@pytest.mark.parametrize(
    ("text", "title", "stop_words"),
    [
        # Sentence case: a stop word capitalised after a content word, a lower-case word after it.
        (f"{DOLLAR_TITLE} {DOLLAR_BODY}", DOLLAR_TITLE, ENGLISH),
        # ... or a common word the text capitalises only where a sentence starts.
        (
            "Ad sales boost media giant's profit Quarterly profits at the media giant jumped 76% to $1.13bn "
            "for the three months to December. Its quarterly revenue rose too. Profits were buoyed by one-off "
            "gains.",
            "Ad sales boost media giant's profit",
            ENGLISH,
        ),
        # ... also behind an opening quote.
        (
            "Shares slide on weak sales 'Quarterly sales were poor,' the firm said. Its quarterly report is due "
            "next week.",
            "Shares slide on weak sales",
            ENGLISH,
        ),
        # A dateline: the shortest place, since a title-case headline ends in capitals too.
        (
            "Jayawijaya Datangkan Arkeolog untuk Konservasi Empat Mumi Wamena (ANTARA News) - Pemerintah "
            "Kabupaten Jayawijaya mendatangkan tim arkeolog. Tim itu akan bekerja sebulan.",
            "Jayawijaya Datangkan Arkeolog untuk Konservasi Empat Mumi",
            INDONESIAN,
        ),
        # ... a place and its region.
        (
            "Warga Bantu Polisi Tangkap Terduga Pelaku Samarinda, Kalimantan Timur (ANTARA News) - Seorang warga "
            "membantu polisi menangkap terduga pelaku. Ia mendapat penghargaan.",
            "Warga Bantu Polisi Tangkap Terduga Pelaku",
            INDONESIAN,
        ),
        # ... a place in capitals.
        (
            "Petenis Muda Indonesia Melaju ke Babak Kedua NEW YORK, JUARA.NET - Petenis muda Indonesia "
            "melaju ke babak kedua. Ia menang dua set langsung.",
            "Petenis Muda Indonesia Melaju ke Babak Kedua",
            INDONESIAN,
        ),
    ],
)
def test_where_a_spaced_lone_headline_ends(text: str, title: str, stop_words: frozenset[str]) -> None:
    assert spaced_title_end(text, (0, len(text)), stop_words) == len(title) + 1


@pytest.mark.parametrize(
    ("text", "stop_words"),
    [
        # A title of a newspaper after a verb: the word after "The" is capitalised.
        ("Mr Smith later told The Guardian that he would appeal. The court will sit in May.", ENGLISH),
        # A function word before the capital: one sentence.
        ("In an interview with The times of the week, the minister said taxes would fall. He left.", ENGLISH),
        # A name after a role: nowhere written in lower case.
        ("Award-winning American pop singer Madonna has been named the richest woman in music. Madonna said "
         "nothing.", ENGLISH),
        # A title-case headline and a lede that opens with a name: no evidence of where one ends.
        ("Ketua MPR Mustahil Transportasi Tradisional dan Online Bersaing Bebas Ketua MPR Zulkifli Hasan "
         "menyesalkan kisruh itu. Ia meminta semua pihak duduk bersama.", INDONESIAN),
        # Names in the middle of an Indonesian sentence, some of whose words are stop words.
        ("Penyidik Direktorat Reserse Kriminal Umum Polda Jawa Tengah menetapkan 14 tersangka. Mereka ditahan "
         "di tengah kota.", INDONESIAN),
        # A place of four words in capitals opens the text: no headline before it.
        ("TERMAS DE RIO HONDO, JUARA.net - Pebalap Movistar Yamaha menyatakan siap. Ia optimistis.", INDONESIAN),
        # A word in brackets after a content word: an abbreviation, not a sentence's start.
        ("Belasan pemilik kios di lahan fasilitas sosial (Fasos) dan fasilitas umum resah. Kios fasos itu "
         "akan dibongkar.", INDONESIAN),
        # A stop among the first words: a sentence, not a headline.
        ("Shares rose. Investors in the oil firm Yukos cheered The news of a deal on Monday. It was late.", ENGLISH),
    ],
)
def test_no_line_break_is_restored_inside_a_first_sentence(text: str, stop_words: frozenset[str]) -> None:
    assert spaced_title_end(text, (0, len(text)), stop_words) is None


def test_a_headline_spaced_before_the_first_paragraph_is_found_in_a_text_with_line_breaks(client) -> None:
    """A scraper that joins the headline to the first paragraph with a space and keeps the other
    line breaks: the first line is read as a text of one line is."""
    second = "A second paragraph follows here, with one more sentence in it."
    body = _post(client, f"{DOLLAR_TITLE} {DOLLAR_BODY}\n{second}")
    assert body["headline"] == DOLLAR_TITLE
    assert not any("Greenspan speech" in sentence["text"] for sentence in body["sentences"])
    assert body["stats"]["sentences"] == 6  # the body's five and the second paragraph's one


def test_a_headline_line_of_its_own_is_not_cut_in_two(client) -> None:
    """The rule reads the first line's first sentence; a headline line holds no lede to find."""
    body = _post(client, f"{DOLLAR_TITLE}\n{DOLLAR_BODY}")
    assert body["headline"] == DOLLAR_TITLE
