"""News boilerplate: each pattern of the table, the near misses that must stay, and the pipeline."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.dedup.boilerplate import PATTERNS, find_boilerplate
from service.text.normalise import processing_view
from service.text.segment import split_lines
from tests.conftest import SEEDS

BODY = "Presiden Joko Widodo meresmikan jalan tol baru di Semarang pada Senin pagi."
BODY_EN = "Shares in the company fell sharply after the results were published on Monday."


def found(text: str) -> list[tuple[str, str]]:
    view = processing_view(text)
    return [(m.pattern, text[m.start : m.end]) for m in find_boilerplate(view, split_lines(view))]


# (text, [(pattern, removed text), ...]) — every pattern of the table at least once.
CASES = [
    # datelines: cut from the start of their line
    (f"JAKARTA, KOMPAS.com - {BODY}", [("dateline_outlet", "JAKARTA, KOMPAS.com -")]),
    (f"Jakarta, CNN Indonesia -- {BODY}", [("dateline_outlet", "Jakarta, CNN Indonesia --")]),
    (f"LONDON (Reuters) - {BODY_EN}", [("dateline_wire", "LONDON (Reuters) -")]),
    (f"NEW YORK, Jan 5 (Reuters) - {BODY_EN}", [("dateline_wire", "NEW YORK, Jan 5 (Reuters) -")]),
    (f"Jakarta (ANTARA News) - {BODY}", [("dateline_wire", "Jakarta (ANTARA News) -")]),
    (f"WASHINGTON (AP) — {BODY_EN}", [("dateline_wire", "WASHINGTON (AP) —")]),
    (f"Merdeka.com - {BODY}", [("dateline_outlet_first", "Merdeka.com -")]),
    (f"JUARA.NET, KUALA LUMPUR - {BODY}", [("dateline_outlet_first", "JUARA.NET, KUALA LUMPUR -")]),
    (f"SEMARANG – {BODY}", [("dateline_place", "SEMARANG –")]),
    (f"LONDON, England (CNN) -- {BODY_EN}", [("dateline_wire", "LONDON, England (CNN) --")]),
    (f"Liputan6.com, Jakarta: {BODY}", [("dateline_colon", "Liputan6.com, Jakarta:")]),
    # a detokeniser that only closes the space before punctuation leaves one after the dot
    (f"Liputan6. com, Jakarta: {BODY}", [("dateline_colon", "Liputan6. com, Jakarta:")]),
    (f"(CNN) -- {BODY_EN}", [("dateline_credit", "(CNN) --")]),
    (f"(CNN){BODY_EN}", [("dateline_credit", "(CNN)")]),
    (f"(EW.com) -- {BODY_EN}", [("dateline_credit", "(EW.com) --")]),
    (f"(Kaiser Health News) -- {BODY_EN}", [("dateline_credit", "(Kaiser Health News) --")]),
    (f"CREATED: . 10:21 EST, 3 March 2013 . {BODY_EN}", [("byline", "CREATED: . 10:21 EST, 3 March 2013 .")]),
    (f"Washington (CNN){BODY_EN}", [("dateline_credit", "Washington (CNN)")]),
    # by-lines and time stamps: alone on their line, or as flattened corpora carry them
    (f"By Sarah Lyall\n{BODY_EN}", [("byline", "By Sarah Lyall")]),
    (
        "By . Daily Mail Reporter . PUBLISHED: . 14:11 EST, 25 October 2013 . | . UPDATED: . "
        f"15:20 EST, 25 October 2013 . {BODY_EN}",
        [("byline", "By . Daily Mail Reporter . PUBLISHED: . 14:11 EST, 25 October 2013 . | . UPDATED: . "
                    "15:20 EST, 25 October 2013 .")],
    ),
    (f"By . Emma Glanfield for MailOnline . {BODY_EN}", [("byline", "By . Emma Glanfield for MailOnline .")]),
    (f"By . Sam Webb and Alex Ward . {BODY_EN}", [("byline", "By . Sam Webb and Alex Ward .")]),
    (f"Last updated at 11:20 AM on 28th July 2011 . {BODY_EN}", [("byline", "Last updated at 11:20 AM on 28th July 2011 .")]),
    (f"Diperbarui 10.21 WIB\n{BODY}", [("byline", "Diperbarui 10.21 WIB")]),
    # after the headline lines
    (f"Judul Berita Hari Ini\nJudul Berita Hari Ini\nJAKARTA, KOMPAS.com - {BODY}",
     [("dateline_outlet", "JAKARTA, KOMPAS.com -")]),
    # related links and widgets
    (f"{BODY}\nBaca juga: Setya Novanto: Jangan Sampai Kisruh Taksi Jadi Besar\n{BODY}",
     [("related_id", "Baca juga: Setya Novanto: Jangan Sampai Kisruh Taksi Jadi Besar")]),
    (f"{BODY}\n[Baca juga: Membedah Fitur Suzuki GSX - R150] {BODY}",
     [("related_id", "[Baca juga: Membedah Fitur Suzuki GSX - R150]")]),
    (f"{BODY}\nSIMAK JUGA: Arema Batal Kontrak Yanto Basna\n{BODY}",
     [("related_id", "SIMAK JUGA: Arema Batal Kontrak Yanto Basna")]),
    (f"{BODY}\nBaca Juga:\n{BODY}", [("related_id", "Baca Juga:")]),
    (f"{BODY} [baca: Petani dan Polisi Bentrok, 15 Orang Cedera]. {BODY}",
     [("related_bracket", "[baca: Petani dan Polisi Bentrok, 15 Orang Cedera]")]),
    # in round brackets inside a flattened paragraph (IndoSum's Kompas and Tribun articles)
    (f"{BODY} (Baca: Sebelum Putusan, Hakim Praperadilan Setnov Skors Sidang 30 Menit) {BODY}",
     [("related_bracket", "(Baca: Sebelum Putusan, Hakim Praperadilan Setnov Skors Sidang 30 Menit)")]),
    (f"{BODY} (Baca juga: Honda Ingin Kembali Duetkan Pebalap Jepang dan Eropa) {BODY}",
     [("related_id", "(Baca juga: Honda Ingin Kembali Duetkan Pebalap Jepang dan Eropa)")]),
    (f"{BODY}\nBaca_Juga\n{BODY}", [("related_placeholder", "Baca_Juga")]),
    (f"{BODY} Simak selengkapnya di video. (WIL/AYB).",
     [("video_id", "Simak selengkapnya di video"), ("author_tag", "(WIL/AYB).")]),
    (f"{BODY}\nSimak video \"Jokowi Resmikan Tol\"\n{BODY}", [("video_id", "Simak video \"Jokowi Resmikan Tol\"")]),
    (f"{BODY_EN}\nRead more: Why the pound fell against the dollar\n{BODY_EN}",
     [("related_en", "Read more: Why the pound fell against the dollar")]),
    (f"{BODY_EN}\nRelated: Markets tumble in Asia\n{BODY_EN}", [("related_en", "Related: Markets tumble in Asia")]),
    (f"{BODY}\nADVERTISEMENT\nSCROLL TO CONTINUE WITH CONTENT\n{BODY}",
     [("widget_caps", "ADVERTISEMENT"), ("widget_scroll", "SCROLL TO CONTINUE WITH CONTENT")]),
    (f"{BODY_EN}\nAdvertisement\n{BODY_EN}", [("widget_line", "Advertisement")]),
    (f"{BODY_EN} Scroll down for video . {BODY_EN}", [("widget_scroll", "Scroll down for video .")]),
    # captions and credits
    (f"{BODY}\nTim Cook, CEO Apple (Foto: Reuters)\n{BODY}", [("photo_credit", "Tim Cook, CEO Apple (Foto: Reuters)")]),
    (f"{BODY} (FOTO: ANTARA/Andika Wahyu)\n{BODY}", [("photo_credit", "(FOTO: ANTARA/Andika Wahyu)")]),
    (f"{BODY}\n{BODY}\nEditor: Memey Mega", [("credit_line", "Editor: Memey Mega")]),
    (f"{BODY}\nPenulis: Moh. Shofan, aktivis Muhammadiyah", [("credit_line", "Penulis: Moh. Shofan, aktivis Muhammadiyah")]),
    (f"{BODY}\nSumber: The Verge dan Engadget.", [("credit_line", "Sumber: The Verge dan Engadget.")]),
    (f"{BODY_EN}\n(Reporting by Jane Doe; Editing by John Smith)",
     [("credit_wire", "(Reporting by Jane Doe; Editing by John Smith)")]),
    # trailing author tags
    (f"{BODY} (ant/tsa)", [("author_tag", "(ant/tsa)")]),
    (f"{BODY} (rsa / rsa)", [("author_tag", "(rsa / rsa)")]),
    (f"{BODY}\n(end)", [("author_tag", "(end)")]),
    (f"{BODY} (Antara)", [("author_tag", "(Antara)")]),
    (f"{BODY} (ADO/Dandi Arigafur).", [("author_tag", "(ADO/Dandi Arigafur).")]),
    # ANTARA's desk and editor codes (IndoSum dev and train)
    (f"{BODY}\n(U.B018/T013)", [("author_tag", "(U.B018/T013)")]),
    (f"{BODY}\n(T.H - ZG / S023)", [("author_tag", "(T.H - ZG / S023)")]),
    (f"{BODY} (UU.A026)", [("author_tag", "(UU.A026)")]),
    # a place in capitals, then a lede that opens with an acronym and a name in capitals
    ("JAKARTA - PT ANTAM Tbk mencatat laba bersih Rp 1 triliun tahun lalu.", [("dateline_place", "JAKARTA -")]),
]

# Near misses: real prose that resembles a pattern, and why it stays.
NEAR_MISSES = [
    # "By" opening a sentence: a by-line is a name alone on its line, or closed by " . " before
    # the next capital; a name followed by a full stop at the end of its line is a sentence.
    "By March, the company had sold most of its assets.",
    "By contrast, the Bank of England held rates.",
    "By the end of 2005 the firm expects profits to double.",
    "By Christmas.",
    "By 10:30 AM on Monday the queue was long.",
    # A time-stamp keyword without a time or date after it is prose.
    "Updated figures show that sales rose by a fifth.",
    "Published in 2004, the report found that the 12:30 train was the busiest.",
    # An agency named before a colon, no place: a sentence about the agency.
    "Reuters: the agency said the talks had stalled.",
    # A parenthesis opening a line but followed by prose, not by a dash: an aside.
    "(Updated with new figures) The company said sales rose by a fifth.",
    # ... or an aside in lower case before a dash: not an outlet's name.
    "(Updated with new figures) -- The company said sales rose by a fifth.",
    # A sentence ending at a place, the next starting with "Id": not a domain.
    "Dia datang ke Jakarta. Id itu milik dia - katanya.",
    # A wire credit inside the first sentence, not opening it.
    "The network (CNN) said the talks had stalled.",
    # "Reuters" as a word of a sentence: no place, no dash.
    "Reuters reported on Monday that the talks had stalled, citing three sources.",
    # A wire credit in the middle of a sentence is not a dateline (not at a line start).
    "The figures, first reported by LONDON (Reuters) - the agency, were later confirmed.",
    # "Editor" as a word in a sentence (no colon after it at a line start).
    "Editor of the paper, Jane Doe, said the story would run on Sunday.",
    "The editor: a title she held for a decade, she said in an interview last week.",
    # "Read more about …" with no colon is prose: an invitation inside an article, never a
    # link widget (widgets always carry the colon), so it is left for ranking to judge.
    "Read more about the history of the strike in the report published by the union.",
    # A Capitalised place and a dash open prose too (BBC dev): only places in capitals count.
    "Iran - Opec's second-biggest oil producer - has been pursuing a series of deals.",
    "Vera Drake - Leigh's 1950s drama - was named best film at the awards.",
    # Two capitals before a dash: an organisation (IndoSum dev: "PP - PMKRI melaporkan …").
    "PP - PMKRI melaporkan kasus itu ke polisi pada Senin pagi.",
    # A sports headline with a parenthesis before a dash is not a wire dateline.
    "France v Wales (Sat) — Bloomberg",
    # An abbreviation in parentheses followed by a full stop is prose, not an author tag.
    "Proyek itu telah masuk tahap analisis dampak lingkungan (amdal).",
    # Country codes after the players' names (IndoSum): a tag follows the last sentence's stop.
    "Ganda putra Hendra Setiawan / Tan Boon Heong (INA / MAS)",
    # A lower-case "(baca: …)" spells out a reading: prose.
    "Nilai proyek itu mencapai Rp 2 M (baca: miliar) menurut dokumen anggaran.",
    # A bracket that only quotes "baca" without a colon is prose.
    "Ia meminta warga [baca dengan teliti] aturan itu sebelum mendaftar.",
    # Initials in parentheses are a name or an abbreviation, not a desk code: no digits.
    "Ia dirawat di institut Neurologi (I.R.C.C.S.)",
    "Gol terakhir dicetak oleh striker Chelsea (J.F. Hasselbaink 23)",
    # A headline in capitals with a dash is no dateline (syndicated dev, a "caps" copy).
    "TEVEZ - AN ARGENTINE IN BRAZIL",
    # An author tag only ends a line: in the middle it is a parenthesis.
    "Laporan itu (ant) menyebutkan kenaikan harga beras di pasar tradisional.",
    # "baca juga" inside a sentence, without a colon: prose.
    "Anda bisa baca juga buku panduan yang dibagikan panitia di pintu masuk.",
    "Kami Baca juga laporan itu dengan teliti sebelum rapat dimulai.",
    # "Advertisement" in a sentence, not alone on its line.
    "Advertisement spending rose by a fifth last year, the agency said.",
    # A photo credit in the middle of a sentence would split it: left alone.
    "Presiden (Foto: Reuters) berbicara di depan wartawan di Istana Merdeka.",
    # "Sumber:" after a space inside a paragraph may be prose.
    f"{BODY} Sumber: sejumlah pejabat yang enggan disebut namanya membenarkan hal itu.",
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_each_pattern(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


def test_every_pattern_has_a_case() -> None:
    assert {name for _, expected in CASES for name, _ in expected} == {p.name for p in PATTERNS}


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses_stay(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # curl -d: no line breaks, no space at the joins
        (
            f"Judul Berita Hari IniJudul Berita Hari IniJAKARTA, KOMPAS.com - {BODY}",
            [("dateline_outlet", "JAKARTA, KOMPAS.com -")],
        ),
        (
            f"Shares Fall in LondonLONDON (Reuters) - {BODY_EN}",
            [("dateline_wire", "LONDON (Reuters) -")],
        ),
        (
            f"{BODY}Baca juga: Jangan Sampai Kisruh Taksi Jadi BesarPresiden mengatakan hal itu kemarin.",
            [("related_id", "Baca juga: Jangan Sampai Kisruh Taksi Jadi Besar")],
        ),
        (
            f"{BODY}ADVERTISEMENTSCROLL TO CONTINUE WITH CONTENTIa menambahkan bahwa tol itu gratis.",
            [("widget_caps", "ADVERTISEMENT"), ("widget_scroll", "SCROLL TO CONTINUE WITH CONTENT")],
        ),
        (f"{BODY}{BODY}(ant/tsa)", [("author_tag", "(ant/tsa)")]),
        # a desk code glued to the headline repeated at the end (syndicated dev)
        (f"{BODY}(U.B018/T013)Mendagri Apresiasi Kepolisian", [("author_tag", "(U.B018/T013)")]),
        (f"{BODY}{BODY}Editor: Memey Mega", [("credit_line", "Editor: Memey Mega")]),
        # line breaks replaced by spaces: the linked headline is its run of title-case words
        (
            f"{BODY} Baca juga: Samsung Punya Varian RAM 6 GB Selain itu, Samsung juga merilis ponsel baru.",
            [("related_id", "Baca juga: Samsung Punya Varian RAM 6 GB")],
        ),
    ],
)
def test_lost_line_breaks(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


def test_dateline_only_in_the_head() -> None:
    """A dateline opens the article: one deep in the body is a quotation or a list, left alone."""
    body = "\n".join([BODY] * 15)
    assert found(f"{body}\nJAKARTA, KOMPAS.com - {BODY}") == []


def test_hostile_input_is_linear_and_bounded() -> None:
    """Markers repeated over a long glued text: each match looks at most a bounded window."""
    text = ("Baca juga: " + "Judul " * 60 + "(Foto: x) ") * 2000
    matches = found(text)
    assert matches and all(len(removed) <= 300 for _, removed in matches)


def test_dateline_cut_with_exact_offsets(run) -> None:
    text = f"JAKARTA, KOMPAS.com - {BODY} Jalan itu menghubungkan dua kota besar.\nIa menambahkan bahwa tol itu gratis sebulan."
    result = run(text, sentences=3)
    dateline = next(r for r in result.removed if r.reason == "boilerplate")
    assert (dateline.start, dateline.end, dateline.text) == (0, 21, "JAKARTA, KOMPAS.com -")
    first = result.sentences[0]
    assert first.start == 22 and first.text == BODY and text[first.start : first.end] == first.text
    assert all(text[r.start : r.end] == r.text for r in (*result.removed, *result.sentences))


def test_boilerplate_never_reaches_the_summary(run) -> None:
    text = "\n".join([
        f"Jakarta, CNN Indonesia -- {BODY}",
        "Baca juga: Jokowi Resmikan Tol Semarang Demak Hari Ini",
        "Tol itu menghubungkan Semarang dan Demak dan dibangun selama tiga tahun oleh kontraktor.",
        "Tim Cook, CEO Apple (Foto: Reuters)",
        "Menurut Jokowi, tol Semarang itu akan mengurangi kemacetan di jalur pantai utara Jawa. (ant/tsa)",
        "Editor: Memey Mega",
    ])
    result = run(text, sentences=10)
    removed = [r.text for r in result.removed if r.reason == "boilerplate"]
    assert removed == [
        "Jakarta, CNN Indonesia --", "Baca juga: Jokowi Resmikan Tol Semarang Demak Hari Ini",
        "Tim Cook, CEO Apple (Foto: Reuters)", "(ant/tsa)", "Editor: Memey Mega",
    ]
    assert all(piece not in result.summary for piece in removed)
    assert result.stats.lines == 6


def test_flattened_byline_block_is_not_ranked(run) -> None:
    """A by-line block flattened into the first line (`` . `` for its line breaks) would split
    into six short "sentences" ahead of the lead and push every real sentence's position back."""
    header = "By . Daily Mail Reporter . PUBLISHED: . 14:11 EST, 25 October 2013 . | . UPDATED: . 15:20 EST, 25 October 2013 ."
    body = (
        "A council in Leeds has approved a new cycle lane along the ring road after a year of talks. "
        "The lane will run for four miles and cost the city about two million pounds, officials said. "
        "Residents welcomed the decision at a packed meeting on Thursday evening. "
        "Work on the lane is due to start in the spring and should take eight months."
    )
    kept, stripped = run(f"{header} {body}", sentences=4, strip_boilerplate=False), run(f"{header} {body}", sentences=4)
    assert kept.stats.sentences > stripped.stats.sentences == 4
    assert [r.text for r in stripped.removed] == [header]
    assert stripped.summary == body and [s.index for s in stripped.sentences] == [0, 1, 2, 3]


def test_flattened_portal_article_keeps_only_its_body(run) -> None:
    """A portal article on one line: colon dateline, a bracketed link, a video widget and the
    editors' tag go; every sentence of the body stays, with its offsets."""
    body = [
        "Tiga warga Ogan Ilir mendatangi Mabes Polri di Jakarta pada Kamis siang untuk melapor.",
        "Mereka menunjukkan bukti kekerasan oleh polisi, termasuk bekas luka tembak peluru karet.",
        "Polisi mengatakan penembakan itu sudah sesuai prosedur dan menggunakan peluru karet.",
    ]
    text = (
        f"Liputan6.com, Jakarta: {body[0]} {body[1]} [baca: Petani dan Polisi Bentrok]. {body[2]} "
        "Simak selengkapnya di video. (WIL/AYB)."
    )
    result = run(text, sentences=10)
    assert [r.text for r in result.removed] == [
        "Liputan6.com, Jakarta:", "[baca: Petani dan Polisi Bentrok]", "Simak selengkapnya di video", "(WIL/AYB).",
    ]
    assert [s.text for s in result.sentences] == body
    assert all(text[s.start : s.end] == s.text for s in result.sentences)


def test_strip_boilerplate_false_keeps_it(run) -> None:
    text = f"Jakarta, CNN Indonesia -- {BODY}\nBaca juga: Jokowi Resmikan Tol Semarang\n{BODY_EN} (ant/tsa)"
    result = run(text, strip_boilerplate=False, sentences=10)
    assert [r for r in result.removed if r.reason == "boilerplate"] == []
    assert result.summary.startswith("Jakarta, CNN Indonesia --") and "(ant/tsa)" in result.summary


TEXT = f"Jakarta, CNN Indonesia -- {BODY}\nBaca juga: Jokowi Resmikan Tol Semarang\nIa menambahkan bahwa tol itu gratis sebulan."


def _boilerplate(body: dict) -> list[str]:
    return [r["text"] for r in body["removed"] if r["reason"] == "boilerplate"]


@pytest.mark.parametrize(
    "send",
    [
        lambda c, v: c.post("/v1/summarize", json={"text": TEXT, **({} if v is None else {"strip_boilerplate": v})}),
        lambda c, v: c.post(
            "/v1/summarize" + ("" if v is None else f"?strip_boilerplate={str(v).lower()}"),
            data=TEXT.encode(), content_type="text/plain",
        ),
        lambda c, v: c.post("/v1/summarize", data={"text": TEXT, **({} if v is None else {"strip_boilerplate": str(v).lower()})}),
        lambda c, v: _batch(c, v),
    ],
    ids=["json", "query", "form", "batch"],
)
def test_option_everywhere(client, send) -> None:
    on, off, default = (send(client, value) for value in (True, False, None))
    assert on.status_code == off.status_code == default.status_code == 200
    assert _boilerplate(on.get_json()) == _boilerplate(default.get_json()) == [
        "Jakarta, CNN Indonesia --", "Baca juga: Jokowi Resmikan Tol Semarang",
    ]
    assert _boilerplate(off.get_json()) == []


def _batch(client, value):
    options = {} if value is None else {"strip_boilerplate": value}
    response = client.post("/v1/summarize/batch", json={"documents": [{"id": 1, "text": TEXT, **options}]})

    class One:  # the batch's only result, shaped like a single response
        status_code = response.status_code

        @staticmethod
        def get_json():
            return response.get_json()["results"][0]

    return One


def test_removed_spans_metric_counts_boilerplate(client) -> None:
    client.post("/v1/summarize", json={"text": TEXT})
    metrics = client.get("/metrics").get_data(as_text=True)
    assert 'ringkas_removed_spans_total{reason="boilerplate"}' in metrics


def test_every_dateline_ends_with_a_dash() -> None:
    """Head lines without a separator (a dash, then a space) are not searched for a dateline:
    every head pattern ends with one."""
    import re

    from service.dedup.boilerplate import _DATELINE_END
    from service.dedup.boilerplate_patterns import _DASH, _H, _SEP

    heads = [pattern for pattern in PATTERNS if pattern.scope == "head"]
    assert heads and all(pattern.regex.pattern.endswith(_SEP) for pattern in heads)
    # The separator is spaces, a dash, then (looked ahead) spaces and a word: its dash's last
    # character followed by that lookahead is what the precheck looks for.
    assert rf"{_H}*{_DASH}(?={_H}+\S)" == _SEP and set(re.findall(r"[-–—]", _DASH)) == {"-", "–", "—"}
    assert _DATELINE_END.pattern.endswith(rf"(?={_H}+\S)")
    # A dateline line with each dash is still found; the same line without a separator has none.
    for dash in ("-", "–", "—", "--"):
        text = f"JAKARTA, KOMPAS.com {dash} Harga beras naik pada Senin pagi.\nPedagang mengeluh."
        view = processing_view(text)
        assert [m.pattern for m in find_boilerplate(view, split_lines(view))] == ["dateline_outlet"], dash


def _top_level_branches(regex: str) -> list[str]:
    """The alternatives of a regex at depth 0 (escapes and character classes respected)."""
    branches, depth, current, i, in_class = [], 0, "", 0, False
    while i < len(regex):
        char = regex[i]
        if char == "\\":
            current += regex[i : i + 2]
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            branches.append(current)
            current, i = "", i + 1
            continue
        current += char
        i += 1
    return [*branches, current]


def test_required_strings_end_every_branch() -> None:
    """A pattern's ``requires`` lets the text skip it when absent: every branch must end with it."""
    required = [pattern for pattern in PATTERNS if pattern.requires]
    assert {pattern.name for pattern in required} >= {"related_en", "credit_line"}
    for pattern in required:
        assert all(branch.endswith(pattern.requires) for branch in _top_level_branches(pattern.regex.pattern)), pattern.name
        without = processing_view("Harga beras naik.\nEditor: Ani\nRead more: Prices rise again\n".replace(pattern.requires, " "))
        assert pattern.name not in {m.pattern for m in find_boilerplate(without, split_lines(without))}
    view = processing_view("Harga beras naik.\nEditor: Ani\nRead more: Prices rise again\n")
    assert {m.pattern for m in find_boilerplate(view, split_lines(view))} >= {"related_en", "credit_line"}


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from("-–— \t\nAa.,"), max_size=20))
def test_dateline_precheck_finds_every_separator(text: str) -> None:
    """Wherever a dateline's separator matches, the cheaper precheck finds a match too."""
    import re

    from service.dedup.boilerplate import _DATELINE_END
    from service.dedup.boilerplate_patterns import _SEP

    if re.search(_SEP, text):
        assert _DATELINE_END.search(text)


def _head_lines() -> list[str]:
    lines = [line for path in sorted(SEEDS.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    return [*lines, *(case[0] if isinstance(case, tuple) else case for case in CASES), *NEAR_MISSES, TEXT]


@pytest.mark.parametrize("name", ["dateline_wire", "dateline_outlet"])
def test_capital_first_places_match_their_definition(name: str) -> None:
    """The head patterns that start with ``_PLACE_ALONE`` find what ``(?<![A-Z0-9]){_PLACE}`` finds."""
    import re

    from service.dedup import boilerplate_patterns as bp

    pattern = next(p for p in PATTERNS if p.name == name)
    definition = re.compile(pattern.regex.pattern.replace(bp._PLACE_ALONE, rf"(?<![A-Z0-9]){bp._PLACE}"), re.MULTILINE)
    assert definition.pattern != pattern.regex.pattern
    texts = [*_head_lines(), "xJAKARTA, KOMPAS.com - Isi", "1LONDON (Reuters) - Text", "Jakarta (ANTARA News) - Isi"]
    for text in texts:
        for position in range(0, len(text), 7):
            found, expected = pattern.regex.search(text, position), definition.search(text, position)
            assert (found and found.span()) == (expected and expected.span()), text


@pytest.mark.parametrize(
    ("name", "brackets", "words"), [("related_id", (r"\[", r"\("), "_SEE"), ("credit_wire", (r"\(",), "_BY")]
)
def test_spelled_out_markers_match_their_definition(name: str, brackets: tuple[str, ...], words: str) -> None:
    """Markers spelled out alternative by alternative find what ``(?:(?:[|()words|words)`` finds."""
    import re

    from service.dedup import boilerplate_patterns as bp

    pattern = next(p for p in PATTERNS if p.name == name)
    group = getattr(bp, words)
    opened = "|".join(brackets)
    definition = re.compile(
        pattern.regex.pattern.replace(bp._opened_or_not(group, *brackets), f"(?:(?:{opened}){group}|{group})"), re.MULTILINE
    )
    assert definition.pattern != pattern.regex.pattern
    texts = [
        *_head_lines(), "Kata dia.[Baca juga: Judul Berita] Lalu", "Kata dia. (Baca juga: Judul) Lalu",
        "x Lihat juga - y", "(Reporting by Ann; Editing by Bo)",
        "Additional reporting by X", "[BACA JUGA:", "Simak  juga  video: z", "CEK JUGA — ",
    ]
    for text in texts:
        assert [m.span() for m in pattern.regex.finditer(text)] == [m.span() for m in definition.finditer(text)], text
    assert any(pattern.regex.search(text) for text in texts)


def test_all_boilerplate_gives_an_empty_summary_with_its_removals(client) -> None:
    """A by-line alone: nothing to summarise, answered 200 with what was removed (README)."""
    response = client.post("/v1/summarize", data=b"By . Daily Mail Reporter .", content_type="text/plain")
    body = response.get_json()
    assert response.status_code == 200 and body["summary"] == "" and body["sentences"] == []
    assert [r["text"] for r in body["removed"]] == ["By . Daily Mail Reporter ."]
