"""A lone headline glued to the first sentence, where the text's line breaks were dropped.

``curl -d @file`` drops every CR and LF, so an article sent with its headline on the first line
and no copy of it arrives as "Japan narrowly escapes recessionJapan's economy teetered on the
brink …". As stored, the headline is a line of its own, which the summary passes over
(``select.summary_worthy``: a headline-like line above the body); glued, it opens the lede's
sentence and reaches the summary with it. :func:`glued_title_end` finds where that line ended,
so that the line break can be restored. Nothing is removed: the headline line is back where it
was, and a body sentence keeps every word.

A join inside the text's first words is no proof of a lost line break: names are glued the same
way ("Sony's new PlayStation", "EastEnders", "McDonald's", "MotoGP"). The evidence asked for:

* the text lost its line breaks, not only this one: a sentence end glued to the next sentence
  after the headline ("… figures show.Revised figures …"). A text flattened with spaces
  ("Title Lede …", the one-line corpora) shows none, and its joins are names (``spaced_title``
  reads such a text's first words);
* the join ends the first sentence's first words, a headline's worth (``MIN_TITLE_WORDS`` to
  ``MAX_TITLE_WORDS``, no stop before it), and a new sentence starts there;
* the word glued at the join is no name: it occurs nowhere else in the text ("PlayStation" is
  named again, "recessionJapan's" never is), and the piece before the join is a word
  (``MIN_PIECE_LETTERS`` letters, a number, or a quotation or bracket the headline closes), not
  "Mc" or "i" before a capital;
* quotes and brackets opened before the join are closed before it ("Rap mogul Marion \\"|Suge\\"
  Knight …", "Third-generation mobile (3|G) networks …" go on).

In a word with more than one join (a headline that ends with a name: "… Moto|GP|Jakarta",
"… dengan Pay|Pro|Berdiri"), the last one is taken: the name comes first, the lede after it.
"""

from __future__ import annotations

import re

from ..models import Span
from ..text.shape import is_open
from .seams import CLOSING_MARKS, MAX_WORD_CHARS, OPENING_MARKS, cut_points, starts_sentence

#: A sentence end glued to a capitalised word: what dropped line breaks leave between paragraphs.
_GLUED_STOP = re.compile(r"[^\s.][.!?][\"'”’)]*[A-Z]")
#: A lone headline has at least this many words (fewer are as likely a sentence's name and
#: verb) and at most this many: news headlines run 5–15 words, and with no copy to confirm it a
#: longer run of words without a stop is a sentence that lost its space ("… co-working spaceKolla.").
MIN_TITLE_WORDS = 3
MAX_TITLE_WORDS = 20
#: Joins weighed at most: a headline's last word glued to the lede's first has one or two (a
#: name: "MotoGP|Jakarta"), and each one weighed reads the whole text once, so a text of glued
#: capitals ("AbAbAb…") cannot make the search quadratic.
MAX_JOINS_WEIGHED = 8
#: Characters of a headline's last word and the lede's first glued together, at most.
MAX_GLUED_WORD_CHARS = 2 * MAX_WORD_CHARS
#: Places a piece of a glued word is looked at when asked whether the text has it as a word.
MAX_OCCURRENCES_READ = 64
#: Letters of the piece of a word before a join, when it is the headline's last word.
MIN_PIECE_LETTERS = 3
#: A headline in title case capitalises more than this share of its words ("Ketua MPR Mustahil
#: Transportasi Tradisional dan Online Bersaing Bebas"); a sentence does not ("Former England
#: footballer Paul Gascoigne will join East|Enders' actress …").
TITLE_CASE_SHARE = 2 / 3
#: A stop inside the words before a join: they are a sentence, not a headline.
STOP_INSIDE = re.compile(r"[.!?][\"'”’)\]]*(?:\s|(?=[A-Z]))")
#: A word after a number glued to it ("Skor 3 2|Merdeka.com"), not a unit ("3|G", "360|D").
_WORD_AFTER_NUMBER = re.compile(r"[A-Z][a-z]{2,}|[A-Z]{2,}(?![a-z])")
#: A word with its pieces on both sides of a join ("PlayStation", "recessionJapan's").
_LETTERS = re.compile(r"[^\W_]+")
#: Single quotes that open a quotation (after a space, before a letter) or close one (after a
#: letter, before a space or the end): an apostrophe inside a word ("Sony's", "O'Connor") is neither.
_OPENING_SINGLE = re.compile(r"(?:^|(?<=\s))['‘](?=\w)")
_CLOSING_SINGLE = re.compile(r"(?<=\w)['’](?=\s|$)")


def glued_title_end(view: str, line: Span) -> int | None:
    """Where a lone headline glued to the first sentence of ``line`` (the text's first line) ends, or ``None``."""
    start, end = line
    found: list[int] = []  # the headline's possible ends, all in one word, which starts at found_word
    found_word = start
    weighed = 0
    for join in cut_points(view, start, end)[1]:
        prefix = view[start:join]
        words = len(prefix.split())
        if STOP_INSIDE.search(prefix) or words > MAX_TITLE_WORDS or weighed == MAX_JOINS_WEIGHED:
            break
        word_start = max(start, view.rfind(" ", start, join) + 1)
        if found and word_start != found_word:
            break  # the first word with a headline's end in it decides
        limit = min(end, word_start + MAX_GLUED_WORD_CHARS + 1)
        word_end = view.find(" ", join, limit)
        if (limit if word_end < 0 else word_end) - word_start > MAX_GLUED_WORD_CHARS:
            break  # no headline's last word and lede's first word glued together are this long
        if words >= MIN_TITLE_WORDS:
            weighed += 1
            if _ends_headline(view, start, word_start, join, end):
                found.append(join)
                found_word = word_start
    if not found or _GLUED_STOP.search(view, found[0]) is None:
        return None
    return max(reversed(found), key=lambda join: _words_seen(view, found_word, join, end))


def _ends_headline(view: str, start: int, word_start: int, join: int, end: int) -> bool:
    """Whether ``view[start:join]`` may be a headline line that ended at ``join``, inside the word from ``word_start``."""
    before = view[join - 1]
    if not view[join].isupper() or not is_open(view[start:join]) or not starts_sentence(view, join, end):
        return False
    if before.isalpha():
        piece = view[word_start:join].lstrip(OPENING_MARKS)
        if len(piece) < 2:
            return False  # "i|Phone"
        if piece.isupper() and not _WORD_AFTER_NUMBER.match(view, join, end):
            return False  # "DV|Ds"
        if piece[0].isupper() and not piece.isupper() and not _last_word_of_a_headline(view, start, word_start, join, end):
            return False  # "Mc|Donald's", "Play|Station": a name's pieces
    elif before in CLOSING_MARKS:
        if view[join - 2 : join - 1].isspace():
            return False  # an opening mark: 'MPs demand '|Budget leak' answers'
    elif not (before.isdigit() or before == "%") or not _WORD_AFTER_NUMBER.match(view, join, end):
        return False  # not "3|G networks", "HIV/|Aids", "JAKARTA (Pos Kota) –|Presiden"
    return balanced(view[start:join]) and not _named_again(view, join, end)


def _last_word_of_a_headline(view: str, start: int, word_start: int, join: int, end: int) -> bool:
    """Whether a capitalised piece (``view[word_start:join]``) glued to a capital at ``join`` ends
    a headline, not a name ("EastEnders", "PlayStation"): it is a word (``MIN_PIECE_LETTERS``),
    and the words before it are in title case, as a headline's are, or it and the word after the
    join are both words of the text on their own, as a name's pieces are not ("Galloway targets
    'New Labour' MP|George Galloway is …")."""
    if len(view[word_start:join].lstrip(OPENING_MARKS)) < MIN_PIECE_LETTERS:
        return False
    return _title_case(view[start:join]) or _words_seen(view, word_start, join, end) == 2


def _words_seen(view: str, word_start: int, join: int, end: int) -> int:
    """How many of the two words a ``join`` makes of its glued word (from ``word_start``) occur
    elsewhere in the text: in "showMcDonald's" the headline's "show" and the lede's "McDonald's"
    do, "showMc" and "Donald's" do not; in "MotoGPJakarta", "MotoGP" and "Jakarta"."""
    left = _LETTERS.search(view, word_start, join)
    right = _LETTERS.match(view, join, end)
    pieces = [match.group() for match in (left, right) if match is not None]
    return sum(is_a_word_of(view, piece) for piece in pieces)


def is_a_word_of(view: str, piece: str) -> bool:
    """Whether ``piece`` stands in ``view`` as a word, not inside a longer one."""
    return bool(word_places(view, piece)[0])


def word_places(view: str, word: str) -> tuple[list[int], bool]:
    """Where ``word`` stands in ``view`` as a word, not inside a longer one, among the first
    ``MAX_OCCURRENCES_READ`` places it occurs, and whether those were all its places (substring
    search, not a regex, which cannot skip ahead on a pattern that starts with a lookbehind)."""
    places: list[int] = []
    at = view.find(word)
    for _ in range(MAX_OCCURRENCES_READ):
        if at < 0:
            return places, True
        after = at + len(word)
        if (at == 0 or not view[at - 1].isalnum()) and (after == len(view) or not view[after].isalnum()):
            places.append(at)
        at = view.find(word, at + 1)
    return places, at < 0


def _title_case(text: str) -> bool:
    """Whether more than ``TITLE_CASE_SHARE`` of the words of ``text`` start with a capital or a digit."""
    initials = [word.lstrip(OPENING_MARKS)[:1] for word in text.split()]
    return sum(1 for initial in initials if initial.isupper() or initial.isdigit()) > TITLE_CASE_SHARE * len(initials)


def balanced(text: str) -> bool:
    """Whether every quotation and bracket opened in ``text`` is closed in it."""
    if not (
        text.count("(") == text.count(")")
        and text.count("[") == text.count("]")
        and text.count('"') % 2 == 0
        and text.count("“") == text.count("”")
    ):
        return False
    if "'" not in text and "‘" not in text and "’" not in text:
        return True  # no single quote: the patterns below would find none
    return len(_OPENING_SINGLE.findall(text)) == len(_CLOSING_SINGLE.findall(text))


def _named_again(view: str, join: int, end: int) -> bool:
    """Whether the word glued at ``join`` occurs elsewhere in the text: then it is a name."""
    left = join
    while left > 0 and view[left - 1].isalnum():
        left -= 1
    right = _LETTERS.match(view, join, end)
    word = view[left : right.end() if right is not None else join]
    return left < join and view.count(word) > 1
