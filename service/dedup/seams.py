"""Seams: where a headline copy may start and end when line breaks are lost.

``curl -d @file`` drops every CR and LF, and scrapers flatten blocks, so copies of a headline
are glued to each other and to the first sentence, often with no space:
``…menurut pesan LST.Alibaba … Shein, TemuAlibaba … Shein, TemuLST adalah…``. Word matching
cannot see ``TemuAlibaba`` as two words, so a copy starts and ends at a *cut point*: before a
space, or at a *join*, two characters with no space between them where a line may have started
(``Temu|Alibaba``, ``JOBS|Sluggish``, ``2004|US``, ``…|Customers``, ``cut|2,000``).

Also here: whether a new sentence starts at a point (a copy ends only there), the bounded
window every search at the start of a unit reads, and :func:`fold`, the same-length form that
copies are compared in.
"""

from __future__ import annotations

import re
from itertools import islice

from ..text.shape import MAX_HEADLINE_WORDS
from .publishers import PUBLISHER_NAMES

#: Words read at the start of a unit: two whole headlines and the words that start the body.
RUN_IN_WINDOW_WORDS = 2 * MAX_HEADLINE_WORDS + 4
#: Characters a word may span when the window is read (longer than any real word, URLs
#: included), so that a unit of one enormous "word" is not scanned whole.
MAX_WORD_CHARS = 40
RUN_IN_WINDOW_CHARS = MAX_WORD_CHARS * RUN_IN_WINDOW_WORDS
#: The opening of a unit looked for again further on: its first two words, at most this long.
MAX_PROBE_CHARS = 24
#: What separates an addition from a headline copy (a copy never ends on one).
SEPARATOR_MARKS = "-|:/·•–—(["
#: Marks that open a quotation or a bracket (and a headline's first word, when it starts with one).
OPENING_MARKS = "\"'“‘«(["
CURLY_OPENING = "“‘«"
#: What may end a sentence just before a glued copy ("…kembali.7 Tips…").
STOPS = ".!?…"
CLOSING_MARKS = "\"'”’»)]"
CLOSERS = STOPS + CLOSING_MARKS
TOKEN = re.compile(r"\S+")
WORD = re.compile(r"\w+")
_HYPHENS = frozenset("-‐‑–")
#: Characters a join may be at, and more: anything but a lower-case ASCII letter, common
#: punctuation or a space (a join is at a capital, a digit or an opening mark). Read by a regex,
#: so that :func:`_is_join` runs on a few characters of the window, not on every one.
_MAY_JOIN = re.compile(r"[^a-z,.;:!?/\-\s]")
#: The "s" of a plural acronym ("MPs", "CDs"): no line break before its last capital.
_PLURAL_S = re.compile(r"s(?![^\W\d_])")
_FOLD = str.maketrans(
    {
        **{mark: "'" for mark in "‘’‚‛′`´"},
        **{mark: '"' for mark in "“”„‟″«»"},
        **{dash: "-" for dash in "‐‑‒–—―−"},
        "…": ".",
    }
)


def fold(text: str) -> str:
    """A comparison form of ``text`` of the *same length*: lower case, plain quotes and dashes."""
    lowered = text.lower()
    if len(lowered) != len(text):  # "İ".lower() has two characters: keep such letters as they are
        lowered = "".join(char.lower() if len(char.lower()) == 1 else char for char in text)
    return lowered.translate(_FOLD)


def without_full_stop(key: str) -> str:
    """A compared form without one closing full stop ("Headline." is the headline, an exact
    copy); an ellipsis keeps its dots."""
    return key[:-1] if key.endswith(".") and not key.endswith("..") else key


def _is_join(view: str, position: int, token_end: int) -> bool:
    """Whether a line may have started at ``position``, inside a token (no space before it)."""
    previous, char = view[position - 1], view[position]
    following = view[position + 1] if position + 1 < token_end else ""
    if char.isupper():  # "Temu|Alibaba", "2004|US", "'…economy'|Soaring", and "JOBS|Sluggish" (not "M|Ps")
        if previous in _HYPHENS and view[position - 2 : position - 1].isalnum():
            return False  # a compound, "Spider-Man", "Turkey-Iran" (a spaced dash may end a line: "X -|Body")
        return not previous.isupper() or (following.islower() and not _PLURAL_S.match(view, position + 1, token_end))
    if char.isdigit():  # "cut|2,000 jobs", "kembali.|7 Tips", not "U|2" nor "3.|5"
        return previous.islower() or (previous in ".!?" and view[position - 2 : position - 1].isalpha())
    if char in OPENING_MARKS:  # 'said|"We', 'Abbas|" Mereka', and 'Seksual|“ Rasa' (curly: it opens)
        after = skip_spaces(view, position + 1, len(view))
        return char in CURLY_OPENING or (after < len(view) and view[after].isupper())
    return False


def cut_points(view: str, start: int, end: int) -> tuple[list[int], list[int]]:
    """Where copies may end within the window at the start of ``[start, end)``.

    Returns the cut points in order (token ends and joins) and the joins among them.
    """
    limit = min(end, start + RUN_IN_WINDOW_CHARS)
    tokens = [match.span() for match in islice(TOKEN.finditer(view, start, limit), RUN_IN_WINDOW_WORDS)]
    if not tokens:
        return [], []
    ends = [token_end for _, token_end in tokens]
    joins: list[int] = []
    index = 0
    inside = range(0)
    # One scan of the window for characters a join may be at; a character after a space starts
    # its token and is no join.
    for candidate in _MAY_JOIN.finditer(view, tokens[0][0] + 1, ends[-1]):
        position = candidate.start()
        if view[position - 1].isspace():
            continue
        if ends[index] <= position:
            while ends[index] <= position:
                index += 1
            before_start, before_end = tokens[index - 1]
            after_separator = before_end - before_start == 1 and view[before_start] in SEPARATOR_MARKS
            inside = _capitals_joins(view, *tokens[index]) if after_separator else range(0)
        if position in inside or _is_join(view, position, ends[index]):
            joins.append(position)
    return sorted(joins + ends), joins


def _capitals_joins(view: str, token_start: int, token_end: int) -> range:
    """Joins inside a word in capitals just after a separator: a suffix glued to a body that
    starts in capitals ("X | AP|UK condom maker…", "X - AFP|US troops…").

    When the next word is in lower case, case says nothing inside the word, so every position
    that leaves two capitals on each side may be the join; :func:`.copy_extent.best_copy` takes the last
    one that is as good (the body's first word is then the shortest: "UK", "US", "EU").
    Otherwise the word's end may end the copy ("X - ANTARA NewsMerdeka.com - …"), and only a
    known publisher's name before two more capitals is cut off ("X - AP|DJ Norman Cook…").
    """
    token = view[token_start:token_end]
    if len(token) < 4 or not token.isalpha() or not token.isupper():
        return range(0)
    following = skip_spaces(view, token_end, min(len(view), token_end + MAX_WORD_CHARS))
    if following < len(view) and view[following].islower():
        return range(token_start + 2, token_end - 1)
    named = [size for size in range(2, len(token) - 1) if token[:size].casefold() in PUBLISHER_NAMES]
    return range(token_start + named[-1], token_start + named[-1] + 1) if named else range(0)


def starts_sentence(view: str, position: int, end: int) -> bool:
    """Whether a new sentence (or nothing) follows ``position`` within ``[position, end)``."""
    while position < end and view[position].isspace():
        position += 1
    if position >= end:
        return True
    char = view[position]
    if char.isupper() or char.isdigit():
        return True
    if char not in OPENING_MARKS:
        return False
    following = skip_spaces(view, position + 1, end)  # IndoSum spaces its curly quotes: "“ Rasa"
    return following < end and (view[following].isupper() or view[following].isdigit())


def after_sentence(view: str, position: int, unit_start: int) -> bool:
    """Whether ``position`` starts its unit, or follows the end of a sentence (and spaces)."""
    if position == unit_start:
        return True
    before = position - 1
    while before > unit_start and view[before].isspace():
        before -= 1
    return view[before] in CLOSERS


def skip_spaces(view: str, position: int, end: int) -> int:
    while position < end and view[position].isspace():
        position += 1
    return position
