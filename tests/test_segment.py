from itertools import pairwise

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from service.text.segment import MIN_SPACE_SENTENCE_CHARS, split_lines, split_sentences
from service.text.shape import SENTENCE_TERMINALS


def test_split_lines_trims_and_skips_blank_lines() -> None:
    view = "  Headline here \n\n\t\nBody line one.\nBody line two.  "
    spans = split_lines(view)
    assert [view[a:b] for a, b in spans] == ["Headline here", "Body line one.", "Body line two."]


@pytest.mark.parametrize(
    ("language", "line", "expected"),
    [
        ("en", "Mr. Smith went to Washington. He said so.", ["Mr. Smith went to Washington.", "He said so."]),
        ("en", "Growth was 3.5% in the U.S. economy. Markets rose!", ["Growth was 3.5% in the U.S. economy.", "Markets rose!"]),
        ("id", "Dr. Budi pergi ke pasar. Dia membeli 1,5 kg beras.", ["Dr. Budi pergi ke pasar.", "Dia membeli 1,5 kg beras."]),
        ("en", "A headline without a stop", ["A headline without a stop"]),
        ("en", "\u201cIt is over,\u201d she said. Then left.", ["\u201cIt is over,\u201d she said.", "Then left."]),
        # A lone straight quote in tokenised text is a quotation mark, and must not hide sentences.
        (
            "id",
            "Band itu eksis pada era ' 90-an. Panggung sempat kosong. Penonton berteriak. Lagu hit era ' 90-an dibawakan.",
            [
                "Band itu eksis pada era ' 90-an.",
                "Panggung sempat kosong.",
                "Penonton berteriak.",
                "Lagu hit era ' 90-an dibawakan.",
            ],
        ),
        # A hard-wrapped line flattened to " . " (CNN/DailyMail texts) does not end a sentence
        # before a lower-case word; a detached stop before a capital, or a digit, still does.
        (
            "en",
            "Two lawyers representing a woman who . claims to have been wronged have filed a . lawsuit. "
            "Prices fell . Markets rose. PUBLISHED: . 14:11 EST.",
            [
                "Two lawyers representing a woman who . claims to have been wronged have filed a . lawsuit.",
                "Prices fell .",
                "Markets rose.",
                "PUBLISHED: .",
                "14:11 EST.",
            ],
        ),
        # A Japanese quotation followed by its quoting particle belongs to the sentence that
        # quotes it; a Chinese quotation followed by a new sentence still ends its own.
        (
            "ja",
            "気象庁は「注意してください。」と呼びかけています。彼は『もう限界だ。』って言った。明日も雨です。",
            ["気象庁は「注意してください。」と呼びかけています。", "彼は『もう限界だ。』って言った。", "明日も雨です。"],
        ),
        ("zh", "他说：「我们赢了。」然后大家都笑了。今天很好。", ["他说：「我们赢了。」", "然后大家都笑了。", "今天很好。"]),
        # ... while apostrophes inside and at the edge of words stay as they were.
        (
            "en",
            "The players' union will strike. Talks end at Monday's deadline.",
            ["The players' union will strike.", "Talks end at Monday's deadline."],
        ),
        # A quotation in single marks (British news, the Daily Mail) is cut into its sentences,
        # as one in double marks is; the marks stay with their sentences, an apostrophe in a word
        # ("can't.") is no initial, and an attribution stays with its quotation.
        (
            "en",
            "He said: 'I was there. I did my bit. I played my part.' Then he left.",
            ["He said: 'I was there.", "I did my bit.", "I played my part.'", "Then he left."],
        ),
        (
            "en",
            "‘It was brutal. You don’t do things like this.’ Police said ‘no’. I can't. Sam won't.",
            ["‘It was brutal.", "You don’t do things like this.’", "Police said ‘no’.", "I can't.", "Sam won't."],
        ),
        (
            "en",
            "'That's hilarious. I work hard to do it,' she said. 'Why?' he asked.",
            ["'That's hilarious.", "I work hard to do it,' she said.", "'Why?' he asked."],
        ),
        # A headline in single quotes run into the text (line breaks lost) is cut before its quote.
        (
            "en",
            "Debt relief is not enough, she said.'No UK apology' for colonial past",
            ["Debt relief is not enough, she said.", "'No UK apology' for colonial past"],
        ),
        # sentencex's abbreviation lists hold everyday words: after the pronoun "me", the month
        # "May", an acronym in capitals or a closing bracket, a stop before a name ends the
        # sentence; after a real abbreviation or initials it still does not.
        (
            "en",
            "They wanted to break me. They've made me what I am. It was sold in May. SSL was formed "
            'by a merger. He told the SEC. Monsanto denied it. Ask the Commission (SEC). Smith said "no." '
            "Elsewhere, Gen. Smith met Rep. Jones and the U.S. Army on Friday.",
            [
                "They wanted to break me.",
                "They've made me what I am.",
                "It was sold in May.",
                "SSL was formed by a merger.",
                "He told the SEC.",
                "Monsanto denied it.",
                "Ask the Commission (SEC).",
                'Smith said "no."',
                "Elsewhere, Gen. Smith met Rep. Jones and the U.S. Army on Friday.",
            ],
        ),
        ("en", "GEN. SMITH RETIRES. He left.", ["GEN. SMITH RETIRES.", "He left."]),
        # The same in other languages' lists: hours, a tennis set, the sea, a kind; a date's
        # abbreviated month before its year stays one sentence.
        (
            "it",
            "Ritardi fino a tre ore. Il presidente ha parlato. Ha perso nel secondo set. Il 10 set. 2024 si gioca.",
            ["Ritardi fino a tre ore.", "Il presidente ha parlato.", "Ha perso nel secondo set.", "Il 10 set. 2024 si gioca."],
        ),
        ("es", "Los restos cayeron al mar. Los equipos buscan.", ["Los restos cayeron al mar.", "Los equipos buscan."]),
        ("de", "Er spielt auf seine Art. Die Mannschaft gewann.", ["Er spielt auf seine Art.", "Die Mannschaft gewann."]),
        ("id", "Iya kan. Dia pergi ke pasar. Prof. Budi datang.", ["Iya kan.", "Dia pergi ke pasar.", "Prof. Budi datang."]),
        # Indonesian titles and address words sentencex's list lacks (the seed's "Dr. Ir. Hendra").
        (
            "id",
            "Direktur PUPR, Dr. Ir. Hendra Kusuma, M.T., mengatakan itu. Hj. Siti pergi ke Jl. Sudirman di Kab. Bogor. "
            "Ini dari Kapolri. Direksi PT. Bank Mandiri dan Prof. DR. Dr. Soehartati datang. Ia dari KPK. Budi datang.",
            [
                "Direktur PUPR, Dr. Ir. Hendra Kusuma, M.T., mengatakan itu.",
                "Hj. Siti pergi ke Jl. Sudirman di Kab. Bogor.",
                "Ini dari Kapolri.",
                "Direksi PT. Bank Mandiri dan Prof. DR. Dr. Soehartati datang.",
                "Ia dari KPK.",
                "Budi datang.",
            ],
        ),
    ],
)
def test_split_sentences(language: str, line: str, expected: list[str]) -> None:
    view = "prefix\n" + line
    spans = split_sentences(view, (7, len(view)), language)
    assert [view[a:b] for a, b in spans] == expected
    assert all(7 <= a < b <= len(view) for a, b in spans)


def test_sentences_never_cross_line_breaks() -> None:
    view = "First line without stop\nSecond line."
    spans = [s for line in split_lines(view) for s in split_sentences(view, line, "en")]
    assert [view[a:b] for a, b in spans] == ["First line without stop", "Second line."]


def _sentences(line: str, language: str) -> list[str]:
    return [line[a:b] for a, b in split_sentences(line, (0, len(line)), language)]


def test_every_unicode_sentence_terminator_ends_a_sentence() -> None:
    """Each character with Unicode's Sentence_Terminal property, between two words and before a
    space, ends a sentence; sentencex misses some (the Khmer khan), which a rule adds."""
    for terminator in sorted(SENTENCE_TERMINALS):
        line = f"Kata pertama{terminator} Kata kedua{terminator}"
        assert _sentences(line, "id") == [f"Kata pertama{terminator}", f"Kata kedua{terminator}"], hex(ord(terminator))


def test_khmer_sentences_end_at_the_khan() -> None:
    line = "រាជធានីភ្នំពេញគឺជាទីក្រុងធំបំផុតរបស់ប្រទេសកម្ពុជា។ រដ្ឋាភិបាលបានប្រកាសផែនការថ្មីមួយ។ គម្រោងនេះនឹងចំណាយថវិកាច្រើន៕"
    assert _sentences(line, "km") == [
        "រាជធានីភ្នំពេញគឺជាទីក្រុងធំបំផុតរបស់ប្រទេសកម្ពុជា។",
        "រដ្ឋាភិបាលបានប្រកាសផែនការថ្មីមួយ។",
        "គម្រោងនេះនឹងចំណាយថវិកាច្រើន៕",
    ]


def test_the_burmese_genitive_does_not_end_a_sentence() -> None:
    """sentencex cuts after ``၏`` (a possessive here: "Yangon is Myanmar's largest city")."""
    line = "ရန်ကုန်မြို့သည် မြန်မာနိုင်ငံ၏ အကြီးဆုံးမြို့ ဖြစ်သည်။ အစိုးရက စီမံကိန်းအသစ်တစ်ခုကို ကြေညာခဲ့သည်။"
    assert _sentences(line, "my") == [
        "ရန်ကုန်မြို့သည် မြန်မာနိုင်ငံ၏ အကြီးဆုံးမြို့ ဖြစ်သည်။",
        "အစိုးရက စီမံကိန်းအသစ်တစ်ခုကို ကြေညာခဲ့သည်။",
    ]


THAI = (
    "กรุงเทพมหานครเป็นเมืองหลวงของประเทศไทยและมีประชากรมากกว่าสิบล้านคน "
    "รัฐบาลประกาศแผนพัฒนาระบบขนส่งสาธารณะใหม่ในวันนี้ "
    "โครงการนี้จะใช้งบประมาณ 5 หมื่นล้านบาท "
    "นักวิชาการหลายคนเห็นด้วยกับแผนดังกล่าว แต่บางคนกังวลเรื่องค่าใช้จ่าย"
)


def test_thai_sentences_end_at_spaces_between_thai_words() -> None:
    """Thai has no sentence punctuation: a space between two Thai letters is a cut, but not one
    next to a number, and not one that would leave a piece shorter than the minimum (``แต่…``,
    "but …", stays with its clause; so does a short headline)."""
    assert _sentences(THAI, "th") == [
        "กรุงเทพมหานครเป็นเมืองหลวงของประเทศไทยและมีประชากรมากกว่าสิบล้านคน",
        "รัฐบาลประกาศแผนพัฒนาระบบขนส่งสาธารณะใหม่ในวันนี้",
        "โครงการนี้จะใช้งบประมาณ 5 หมื่นล้านบาท",
        "นักวิชาการหลายคนเห็นด้วยกับแผนดังกล่าว แต่บางคนกังวลเรื่องค่าใช้จ่าย",
    ]
    assert min(len(piece) for piece in _sentences(THAI, "th")) >= MIN_SPACE_SENTENCE_CHARS
    assert _sentences("ข่าวด่วน วันนี้", "th") == ["ข่าวด่วน วันนี้"]
    assert _sentences("ລັດຖະບານໄດ້ປະກາດແຜນການໃໝ່ໃນມື້ນີ້ ໂຄງການນີ້ຈະໃຊ້ງົບປະມານຫຼາຍພັນລ້ານກີບ", "lo") == [
        "ລັດຖະບານໄດ້ປະກາດແຜນການໃໝ່ໃນມື້ນີ້",
        "ໂຄງການນີ້ຈະໃຊ້ງົບປະມານຫຼາຍພັນລ້ານກີບ",
    ]


# Words and marks the sentence rules read: quotes of every kind, apostrophes inside and at the
# edge of words, stops after everyday words, acronyms, titles and brackets, and spaces between.
_PIECES = st.sampled_from(
    [
        "me", "May", "no", "ok", "kan", "SEC", "Ir", "Hj", "Jl", "Dr", "U.S", "can't", "players'",
        "Smith", "He", "word", "'", "‘", "’", '"', "“", "”", "(", ")", ".", "...", "!", "?", " ", " ", " ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(_PIECES, max_size=40), language=st.sampled_from(["en", "id"]))
def test_sentences_cover_the_line_in_order(pieces: list[str], language: str) -> None:
    """Whatever the quotes and stops in a line, its sentences are trimmed, in order, apart, inside
    it, and together hold every character of it but the spaces between them."""
    line = "".join(pieces).strip()
    assume(line)  # a line as split_lines gives it: trimmed, not blank
    view = "x\n" + line + "\ny"
    start, end = 2, 2 + len(line)
    spans = split_sentences(view, (start, end), language)
    assert all(start <= a < b <= end for a, b in spans)
    assert all(b <= a2 for (_, b), (a2, _) in pairwise(spans))
    assert all(not view[a].isspace() and not view[b - 1].isspace() for a, b in spans)
    kept = "".join(view[a:b] for a, b in spans)
    assert "".join(kept.split()) == "".join(line.split())
