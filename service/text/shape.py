"""The shape of a line: does it end like a headline (no closing punctuation) or like a sentence?

Used by headline stripping (which lines can be headline copies) and by selection (a headline
framing the body is never summarised), so it lives below both, with the other text utilities.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import islice

#: Headlines are short: news headlines run 5–15 words; 30 leaves room for long Indonesian titles
#: and suffixes while staying well below a typical body paragraph.
MAX_HEADLINE_WORDS = 30
#: A question or exclamation this short can be a headline; longer ones are body sentences.
MAX_QUESTION_WORDS = 15

#: Characters of the scripts written without spaces between words whose characters stand for
#: words or syllables (kana, CJK ideographs), as ranges for a regex character class: there, each
#: character counts as a word, and the tokeniser (``text.language``) splits them.
IDEOGRAPHIC_RANGES = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
IDEOGRAPH = re.compile(f"[{IDEOGRAPHIC_RANGES}]")
#: Thai, Lao, Burmese and Khmer: alphabets written without spaces between words (spaces part
#: phrases). A headline such as "รัฐบาลประกาศแผนขนส่งสาธารณะใหม่ในกรุงเทพ" (eight words) is one run
#: between spaces; without a word segmenter (none ships without a download) its words are
#: estimated from its length, at :data:`UNSPACED_CHARS_PER_WORD` code points a word.
UNSPACED_ALPHABET = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")
#: Code points per word of those scripts, vowel and tone marks included (Thai news: about five,
#: "รัฐบาล|ประกาศ|แผน|ขนส่ง|สาธารณะ|ใหม่|ใน|กรุงเทพ" is 40 in 8 words).
UNSPACED_CHARS_PER_WORD = 5
#: A word: a run of word characters, but each kana or CJK ideograph a word of its own.
WORD = re.compile(rf"[{IDEOGRAPHIC_RANGES}]|[^\W{IDEOGRAPHIC_RANGES}]+")
_WORD_RUN = re.compile(r"\w+")


def words(text: str) -> list[str]:
    r"""The words of ``text`` as :data:`WORD` reads them ("北京宣布" is four, "Jakarta's" two).

    Headline dedup compares copies by the words they share; a Chinese headline read as one run
    of word characters shares none with a copy cut short. (ASCII text, where no ideograph can
    stand, is read by the plain, quicker ``\w+``: the same words.)
    """
    return (_WORD_RUN if text.isascii() else WORD).findall(text)


def is_uncased_letter(char: str) -> bool:
    """Whether ``char`` is a letter of a script without case (Han, Hangul, Arabic, Devanagari,
    Thai…): where a case change cannot show a lost line break, nor a capital a name."""
    return char.isalpha() and char.lower() == char.upper()


def word_count(text: str, limit: int | None = None) -> int:
    """Words in ``text``: runs between spaces, but each kana or CJK ideograph is a word of its own,
    and a run of Thai, Lao, Burmese or Khmer letters a word per :data:`UNSPACED_CHARS_PER_WORD`.

    "北京宣布新的公共交通计划" is one run between spaces and a 12-word headline, so that the
    bounds of headline dedup (``MAX_HEADLINE_WORDS``, a copy's two words at least) mean the same
    in Chinese and Japanese as in spaced scripts. Where an ideograph is present, the other words
    are the runs of word characters (punctuation such as ``、`` is no word). ``limit``: the count
    is at most ``limit + 1`` (a text need not be counted whole to be "longer than ``limit``").
    """
    if text.isascii():
        return len(text.split() if limit is None else text.split(maxsplit=limit))
    if IDEOGRAPH.search(text) is not None:
        words = WORD.finditer(text)
        return sum(1 for _ in (words if limit is None else islice(words, limit + 1)))
    if UNSPACED_ALPHABET.search(text) is not None:
        runs = text.split()
        count = sum(-(-len(run) // UNSPACED_CHARS_PER_WORD) if UNSPACED_ALPHABET.search(run) else 1 for run in runs)
        return count if limit is None else min(count, limit + 1)
    return len(text.split() if limit is None else text.split(maxsplit=limit))


#: Closing quotes or brackets that may follow a line's final punctuation: the straight quotes and
#: every closing bracket or final quote Unicode has (categories Pe and Pf: ``)]}»’”``, and the
#: CJK ``」』）】〉》``, so that ``…と述べた。」`` ends a sentence as ``…he said."`` does).
CLOSERS = "\"'" + "".join(chr(code) for code in range(0x10000) if unicodedata.category(chr(code)) in ("Pe", "Pf"))
#: Every character with Unicode's Sentence_Terminal property (UAX #29), as ranges of code points:
#: ``.!?``, the Devanagari danda ``।``, the Urdu full stop ``۔``, the Armenian ``։``, the Ethiopic
#: ``።``, the Burmese ``။``, the Khmer ``។``, the ideographic ``。`` and the other scripts' stops.
#: tests/test_shape.py checks it against the ``regex`` package's ``\p{Sentence_Terminal}``.
_SENTENCE_TERMINAL_RANGES = (
    (0x21, 0x21), (0x2E, 0x2E), (0x3F, 0x3F), (0x589, 0x589), (0x61D, 0x61F), (0x6D4, 0x6D4), (0x700, 0x702),
    (0x7F9, 0x7F9), (0x837, 0x837), (0x839, 0x839), (0x83D, 0x83E), (0x964, 0x965), (0x104A, 0x104B), (0x1362, 0x1362),
    (0x1367, 0x1368), (0x166E, 0x166E), (0x1735, 0x1736), (0x17D4, 0x17D5), (0x1803, 0x1803), (0x1809, 0x1809),
    (0x1944, 0x1945), (0x1AA8, 0x1AAB), (0x1B4E, 0x1B4F), (0x1B5A, 0x1B5B), (0x1B5E, 0x1B5F), (0x1B7D, 0x1B7F),
    (0x1C3B, 0x1C3C), (0x1C7E, 0x1C7F), (0x2024, 0x2024), (0x203C, 0x203D), (0x2047, 0x2049), (0x2CF9, 0x2CFB),
    (0x2E2E, 0x2E2E), (0x2E3C, 0x2E3C), (0x2E53, 0x2E54), (0x2E60, 0x2E61), (0x3002, 0x3002), (0xA4FF, 0xA4FF),
    (0xA60E, 0xA60F), (0xA6F3, 0xA6F3), (0xA6F7, 0xA6F7), (0xA876, 0xA877), (0xA8CE, 0xA8CF), (0xA92F, 0xA92F),
    (0xA9C8, 0xA9C9), (0xAA5D, 0xAA5F), (0xAAF0, 0xAAF1), (0xABEB, 0xABEB), (0xFE12, 0xFE12), (0xFE15, 0xFE16),
    (0xFE52, 0xFE52), (0xFE56, 0xFE57), (0xFF01, 0xFF01), (0xFF0E, 0xFF0E), (0xFF1F, 0xFF1F), (0xFF61, 0xFF61),
    (0x10A56, 0x10A57), (0x10F55, 0x10F59), (0x10F86, 0x10F89), (0x11047, 0x11048), (0x110BE, 0x110C1),
    (0x11141, 0x11143), (0x111C5, 0x111C6), (0x111CD, 0x111CD), (0x111DE, 0x111DF), (0x11238, 0x11239),
    (0x1123B, 0x1123C), (0x112A9, 0x112A9), (0x113D4, 0x113D5), (0x1144B, 0x1144C), (0x115C2, 0x115C3),
    (0x115C9, 0x115D7), (0x11641, 0x11642), (0x1173C, 0x1173E), (0x11944, 0x11944), (0x11946, 0x11946),
    (0x11A42, 0x11A43), (0x11A9B, 0x11A9C), (0x11C41, 0x11C42), (0x11EF7, 0x11EF8), (0x11F43, 0x11F44),
    (0x16A6E, 0x16A6F), (0x16AF5, 0x16AF5), (0x16B37, 0x16B38), (0x16B44, 0x16B44), (0x16D6E, 0x16D6F),
    (0x16E98, 0x16E98), (0x1BC9F, 0x1BC9F), (0x1DA88, 0x1DA88),
)  # fmt: skip
SENTENCE_TERMINALS = frozenset(chr(code) for low, high in _SENTENCE_TERMINAL_RANGES for code in range(low, high + 1))
#: The question and exclamation marks among them (``?!？！``, the Arabic ``؟``, ``‼``, …).
_QUESTION_OR_EXCLAMATION = frozenset(
    mark for mark in SENTENCE_TERMINALS if "QUESTION" in unicodedata.name(mark, "") or "EXCLAMATION" in unicodedata.name(mark, "")
)
#: Closing sentence punctuation: a sentence terminator of any script. A colon or semicolon also
#: closes: a line introducing a list is body text, never a headline. (A set of single characters,
#: so that a line's last character is looked up once, not compared with each mark in turn.)
_CLOSING = SENTENCE_TERMINALS | {":", ";"}
#: A truncation mark at the end of a line (possibly inside closing quotes or brackets).
ELLIPSIS = re.compile(rf"(\.\.\.|…)[{re.escape(CLOSERS)}]*$")
_ELLIPSES = ("...", "…")
#: An HTML character reference: numeric, hexadecimal or named.
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_MAX_ENTITY_CHARS = 34  # the longest _ENTITY: "&", a name of 32 characters, ";"


def is_open(text: str) -> bool:
    """True when ``text`` ends like a headline: no closing punctuation, or a truncation ellipsis.

    An HTML entity at the end counts as a closing quote ("… &#39;at risk&#39;", as a feed that
    escaped its headline sends it): its semicolon closes nothing. String methods rather than
    ``$``-anchored regexes, which scan the whole line: dedup and selection call this dozens of
    times per request (same answers, see tests/test_shape.py).
    """
    end = text.rstrip().rstrip(CLOSERS)
    while end.endswith(";"):
        amp = end.rfind("&", max(0, len(end) - _MAX_ENTITY_CHARS))
        if amp < 0 or not _ENTITY.fullmatch(end, amp):
            break
        end = end[:amp].rstrip(CLOSERS)
    return end.endswith(_ELLIPSES) or end[-1:] not in _CLOSING


def is_framing_line(text: str) -> bool:
    """Whether a line may frame an article's body, above or below it: it ends like a headline
    (:func:`is_open`) and is no longer than one (the headline, a kicker, a date line, a byline)."""
    return is_open(text) and len(text.split(maxsplit=MAX_HEADLINE_WORDS)) <= MAX_HEADLINE_WORDS  # not a long line split whole


def is_headline_like(text: str) -> bool:
    """:func:`is_open`, or a short question or exclamation ("Can Smith work Scottish wonders?").

    Such questions are a common headline form, but body text has them too, so they join a
    headline group only as near-exact copies (see ``dedup.headlines.CLOSED_COPY_SIMILARITY``).
    """
    if is_open(text):
        return True
    return text.rstrip().rstrip(CLOSERS)[-1:] in _QUESTION_OR_EXCLAMATION and len(text.split()) <= MAX_QUESTION_WORDS
