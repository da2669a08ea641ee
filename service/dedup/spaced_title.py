"""A lone headline before the first sentence on one line, a space between them.

A scraper that joins a headline and its article with a space, or a feed flattened to one line,
sends "Dollar gains on Greenspan speech The dollar has hit its highest level …": no copy of the
headline, no stop after it, no glued join (``lone_title`` reads those). The sentence splitter
sees one sentence, headline and lede, and the summary takes the headline with the lede. As
stored, the headline is a line of its own, which the summary passes over.
:func:`spaced_title_end` finds where that line ended, so that the line break can be restored.
Nothing is removed: a body sentence keeps every word.

A capital after a space is no proof of a lost line break: names and titles are capitalised in
the middle of a sentence ("… told The Guardian …", "… Polda Jawa Tengah digrebek …"). The
evidence asked for, after a headline's worth of words (``MIN_TITLE_WORDS`` to
``MAX_TITLE_WORDS``, no stop, quotes and brackets closed, no comma or dash at the end):

* a **dateline** starts there, a place and a wire or outlet before a dash ("… Konservasi
  Empat Mumi Wamena (ANTARA News) - Pemerintah …", "… Bersaing Bebas Jakarta, CNN Indonesia --
  …"): the body's first words. Title-case headlines end in capitalised words that a place could
  take too, so the shortest place is taken; a place in capitals takes the capitalised words
  before it ("… Gubernur DKI JAKARTA (Pos Kota) –");
* or a **sentence starts** there in a text whose headline is in sentence case: the word is
  capitalised after a lower-case word that is no function word (a headline ends on a content
  word; "… interview with The …" is one sentence), the word after it is in lower case (not "The
  Guardian"), and the word is a common word the text writes in lower case elsewhere: a stop word
  of the language ("speech The dollar …"), or a word capitalised nowhere else but after a
  sentence end ("profit Quarterly profits …"), which a name is not.

A title-case headline with no dateline after it ("Ketua MPR Mustahil … Bebas Ketua MPR Zulkifli
Hasan menyesalkan …") shows no such evidence: its last words and the lede's first are all
capitalised, and it is left as it is.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import islice

from ..models import Span
from ..text.shape import is_open
from .boilerplate import dateline_at
from .lone_title import MAX_TITLE_WORDS, MIN_TITLE_WORDS, STOP_INSIDE, balanced, is_a_word_of, word_places
from .seams import OPENING_MARKS, TOKEN

#: Characters of the line read for a headline: 20 words of 40 characters, and the next word.
MAX_TITLE_CHARS = (MAX_TITLE_WORDS + 2) * 40
#: Words a dateline's place, date and credit may take before its dash ("Bandar Lampung, Jan 5
#: (ANTARA News) -"): the words before the dash where a dateline may start.
MAX_DATELINE_WORDS = 8
#: What a headline does not end with: the headline goes on after it.
_CONTINUES = ",;:-–—/&+"
#: Marks around a word, left out when its case is read.
_MARKS = OPENING_MARKS + "\"'”’»)],;:"
#: A dash before a space: where a dateline ends (boilerplate's separator).
_DASH = re.compile(r"[-–—](?=[^\S\n]+\S)")
#: Characters read after a dateline's dash: the rest of the dash ("--"), a space and the body's first letter.
_AFTER_DASH_CHARS = 16


def spaced_title_end(view: str, line: Span, stop_words: frozenset[str]) -> int | None:
    """Where a lone headline spaced before the first sentence of ``line`` (the text's only line)
    ends, or ``None``; ``stop_words`` are the text's language's."""
    start, end = line
    limit = min(end, start + MAX_TITLE_CHARS)
    words = list(islice(TOKEN.finditer(view, start, limit), MAX_TITLE_WORDS + MAX_DATELINE_WORDS + 2))
    starts = [word.start() for word in words]
    dashes = [match.start() for match in _DASH.finditer(view, start, limit)]
    stop = STOP_INSIDE.search(view, start, limit)
    stop_end = limit + 1 if stop is None else stop.end()
    datelines: list[int] = []
    for k in range(MIN_TITLE_WORDS, min(MAX_TITLE_WORDS, len(words) - 2) + 1):
        join = starts[k]
        if stop_end <= join:
            break  # a stop before: the words are a sentence, not a headline
        word = words[k].group().lstrip(OPENING_MARKS)
        if not (word[:1].isupper() or "." in word.rstrip(".,")):
            continue  # neither a place, a credit, an outlet's domain nor a sentence starts here
        head = view[start:join].rstrip()
        if head[-1] in _CONTINUES or not balanced(head) or not is_open(head):
            continue
        dash = bisect_left(dashes, join)
        if dash < len(dashes) and bisect_left(starts, dashes[dash]) - k <= MAX_DATELINE_WORDS:
            found = dateline_at(view, (join, min(end, dashes[dash] + _AFTER_DASH_CHARS)))
            if found is not None and found.start == join:
                datelines.append(k)
                continue
        if not datelines and _starts_sentence(view, words, k, stop_words):
            return join
    if not datelines:
        return None
    k = _place_start(words, datelines)
    if all(_in_capitals(word.group()) for word in words[: k + 1]):
        return None  # a place in capitals from the first word ("TERMAS DE RIO HONDO, JUARA.net -"): no headline
    return words[k].start()


def _place_start(words: list[re.Match[str]], datelines: list[int]) -> int:
    """Which of the words where a dateline starts (``datelines``, in order) starts the place: the
    last, the shortest place, unless the words from an earlier one are a place in capitals ("DKI
    JAKARTA") or a place and its region ("Samarinda, Kalimantan Timur")."""
    k = datelines[-1]
    for j in reversed(datelines[:-1]):
        between = [word.group() for word in words[j:k]]
        capitalised = all(word[:1].isupper() for word in between)
        if not (all(_in_capitals(word) for word in between) or (capitalised and any(w.endswith(",") for w in between))):
            break
        k = j
    return k


def _in_capitals(word: str) -> bool:
    """Whether ``word`` is written in capitals, two letters or more ("YORK", "DKI"; not "T")."""
    letters = [char for char in word if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


def _starts_sentence(view: str, words: list[re.Match[str]], k: int, stop_words: frozenset[str]) -> bool:
    """Whether the ``k``-th of ``words`` starts the lede after a headline in sentence case (the module's
    second kind of evidence)."""
    last = words[k - 1].group().strip(_MARKS)
    token = words[k].group()
    word = token.strip(_MARKS)
    at = words[k].start() + len(token) - len(token.lstrip(_MARKS))  # where the word itself starts
    after = words[k + 1].group().lstrip(_MARKS)
    if not (last[:1].islower() and word[:1].isupper() and word[1:].islower() and after[:1].islower()):
        return False
    if ")" in token or "]" in token:
        return False  # a word in brackets, "… fasilitas sosial (Fasos) dan …": an aside, not a sentence's start
    if last.lower() in stop_words:
        return False
    common = word.lower()
    if not is_a_word_of(view, common):
        return False
    return common in stop_words or _capitalised_only_after_stops(view, word, at)


def _capitalised_only_after_stops(view: str, word: str, skip: int) -> bool:
    """Whether ``word`` (capitalised) stands in ``view`` only where a sentence starts, apart from
    at ``skip``: a common word, not a name (a word capitalised in more places than
    ``lone_title.word_places`` reads is taken for a name)."""
    places, complete = word_places(view, word)
    return complete and all(at == skip or _after_sentence_end(view, at) for at in places)


def _after_sentence_end(view: str, at: int) -> bool:
    """Whether the text at ``at`` starts the text or follows a sentence end (spaces and closing marks between)."""
    before = view[max(0, at - 8) : at].rstrip().rstrip("\"'”’»)]")
    return at == 0 or not before or before[-1] in ".!?…"
