"""Headline copies run into each other or into a sentence, found character by character.

When line breaks are lost (``curl -d @file`` drops every CR and LF; scrapers flatten blocks),
copies of a headline are glued to each other and to the first sentence, often with no space:
``…menurut pesan LST.Alibaba … Shein, TemuAlibaba … Shein, TemuLST adalah…``. Word matching
cannot see ``TemuAlibaba`` as two words, so copies here start and end at *cut points*: before a
space, or at a *join* — two characters with no space between them where a line may have
started (``Temu|Alibaba``, ``JOBS|Sluggish``, ``2004|US``, ``…|Customers``, ``cut|2,000``).

Three questions, each answered on a bounded window at the start of a unit (a sentence):

* :func:`repetition_at_start`: does the unit start with a headline-like phrase followed at once
  by a copy of it (``XX``, ``X X``, ``X X - Reuters``, ``X X…``, a copy in capitals, a copy
  edited by a word)? For scripts without capitals, whose glued copies show no join,
  :func:`exact_repetition_at_start` first asks the same of an exact repetition.
* :func:`copies_at_start`: does the unit start with copies of a known headline (a copy found
  elsewhere, or the client's title)?
* :func:`repetition_around`: does the text start with a headline, a time stamp or standfirst,
  and a copy ("X Updated 10:21 GMT, 12 May 2017 X Body…")?

A copy ends only where a new sentence starts (a capital, a digit, an opening quote or bracket)
or where the unit ends: a sentence that merely begins like the headline ("US actor X has been
found dead at 87.", "… 2017 dibuka pada 14 September") goes on in lower case and is never cut.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Sequence
from itertools import islice, pairwise

from ..models import Span
from ..text.shape import (
    ELLIPSIS,
    IDEOGRAPH,
    MAX_HEADLINE_WORDS,
    is_headline_like,
    is_open,
    is_uncased_letter,
    word_count,
)
from .boilerplate_patterns import CALENDAR, CLOCK, CREDIT_LABEL
from .publishers import PUBLISHER_NAMES, publisher_suffix, without_publisher
from .similarity import MIN_IDEOGRAPHIC_CHARS, Similarity, cut_before_suffix

#: A copy has at least two words; two-word headlines ("Markets tumble") exist.
MIN_HEADLINE_WORDS = 2
#: Copies split off or cut from the start of one unit at most: real feeds repeat a headline two
#: or three times, and the bound keeps a text that repeats one phrase thousands of times linear.
MAX_RUN_IN_COPIES = 4
#: Copies that run into each other are adjacent and should agree almost exactly: a strict bar
#: keeps a headline-like phrase that merely recurs inside a sentence from being cut.
RUN_IN_SIMILARITY = 0.8
#: A known headline that makes up the rest of a unit must match it nearly exactly ...
RUN_IN_COPY_SIMILARITY = 0.95
#: ... and one cut off the start of a longer sentence exactly (up to case, typography, a
#: truncation or a suffix; 0.999 for the cosine's rounding), since the rest of that sentence is
#: body text: a lede that restates its headline with a word changed ("Dua film Indonesia
#: diputar pada Festival Film Internasional Toronto 2017 seperti …" under "… Diputar di …") is
#: the body's first sentence.
RUN_IN_CUT_SIMILARITY = 0.999
#: How much longer (in characters) a copy may be than the headline it repeats: a publisher
#: suffix (" - The Guardian", " | Kompas.com": under 20) or a word edited in (syndicated dev data).
COPY_SLACK_CHARS = 40
#: ... and at most this many more words: a suffix is a separator and a name or two.
COPY_SLACK_WORDS = 3
#: A copy cut short keeps at least this many characters (and a quarter of the headline, see
#: ``similarity.MAX_ALIGN_RATIO``): shorter stubs do not identify a headline.
MIN_COPY_CHARS = 10
#: A copy cut short with no ellipsis keeps at least this many words (and more than half).
MIN_CUT_SHORT_WORDS = 3
#: A copy with a word changed needs a headline of at least this many words (three the same).
MIN_EDITED_WORDS = 4
#: An exact copy at the end after a space may follow a last line without a stop (a team sheet, a
#: caption: "… Not used: Fury, Brooks London Irish 19-33 Wasps") when it has this many words: the
#: opening's first four words or more, exactly, do not end a body by chance, where a name might
#: ("Real Madrid CF won …" over "… fans of Real Madrid").
MIN_LOOSE_ENDING_WORDS = 4
#: A publisher's suffix after a copy has at most this many words, its separator one of them
#: (" - The Wall Street Journal").
MAX_SUFFIX_WORDS = 5
#: Words compared after a headline's two copies: none of their word pairs may recur.
PIECE_WORDS = 6
#: Words read at the start of a unit: two whole headlines and the words that start the body.
RUN_IN_WINDOW_WORDS = 2 * MAX_HEADLINE_WORDS + 4
#: Characters a word may span when the window is read (longer than any real word, URLs
#: included), so that a unit of one enormous "word" is not scanned whole.
MAX_WORD_CHARS = 40
RUN_IN_WINDOW_CHARS = MAX_WORD_CHARS * RUN_IN_WINDOW_WORDS
#: Second copies looked for at most per unit: where the unit's opening words recur, and the
#: first joins (a copy whose first word was edited starts at a join too).
MAX_SECOND_STARTS = 6
#: The opening of a unit looked for again further on: its first two words, at most this long.
MAX_PROBE_CHARS = 24
#: What separates an addition from a headline copy (a copy never ends on one).
_SEPARATORS = "-|:/·•–—(["
_OPENING_MARKS = "\"'“‘«(["
_CURLY_OPENING = "“‘«"
#: What may end a sentence just before a glued copy ("…kembali.7 Tips…").
_STOPS = ".!?…"
_CLOSING_MARKS = "\"'”’»)]"
_CLOSERS = _STOPS + _CLOSING_MARKS
#: Commas of the scripts (Latin, ideographic, Japanese, Arabic): no headline ends with one.
_COMMAS = ",，、،"
_TOKEN = re.compile(r"\S+")
#: A clock time or a whole date (boilerplate's, or in figures): what a time stamp printed between
#: two copies of a headline holds. A year alone ("… Mei 2017") may be the last words of the
#: headline itself.
_STAMP = re.compile(
    rf"(?<![\w.,])(?:{CLOCK}|{CALENDAR})(?![\w.,]?\d)"
    r"|\b(?:19|20)\d{2}[-/]\d{1,2}[-/]\d{1,2}\b|\b\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)?\d{2}\b"
)
#: A credit printed between two copies ("X Photo: Getty Images X", "X Foto: Dok. Istimewa X"): a
#: credit line's label, its colon and at most ``MAX_CREDIT_WORDS`` words (abbreviations allowed),
#: to the end of the first copy, after a space or glued to the copy ("… PutriFoto: Dok. Istimewa").
_CREDIT = re.compile(rf"(?<=\s|[^\W_]){CREDIT_LABEL}[ \t]*:[ \t]*[^\s:!?][^:!?]{{0,60}}$")
_CREDIT_PIECE = re.compile(rf"{CREDIT_LABEL}[ \t]*:")
MAX_CREDIT_WORDS = 8
#: A sentence's end inside a piece: a piece is one sentence (a standfirst) or none (a stamp).
_INNER_STOP = re.compile(rf"[{re.escape(_STOPS)}][{re.escape(_CLOSING_MARKS)}]*\s+(?=[\"“(\[]?[A-Z0-9])")
#: A label in capitals before a wire's or a site's copy of a headline: ``UPDATE 1-``,
#: ``BREAKING: ``, ``EXCLUSIVE - ``, ``VIDEO | ``. The copy after it may repeat only the words
#: after the label. A dash ends a label only after a number or between spaces: ``EX-PM``,
#: ``ANTI-SPAM`` and ``EU-US`` are words.
_LABEL = re.compile(
    r"[A-Z]{2,15}(?: [A-Z]{2,15})?(?:(?: ?\d{1,2})? ?[:|] ?| [-–—] | ?\d{1,2} ?[-–—] ?)(?=\S)"
)
#: A label (either kind) ends within this many characters, with one of these marks.
MAX_LABEL_CHARS = 48
_LABEL_MARK = re.compile("[:|–—-]")
#: A section's or a site's name before a copy: ``Business: ``, ``BBC News - ``, ``Kompas.com | ``
#: (one or two capitalised words, then a colon or a bar, or a dash between spaces).
_NAME_LABEL = re.compile(r"[A-Z][\w.]{1,20}(?: [A-Z][\w.]{1,20})?(?: ?[:|] | [-–—] )(?=\S)")
#: A label in brackets before a headline (``[UPDATED] ``, ``(LEAD) ``, ``[VIDEO] ``): a word or two
#: in capitals, perhaps a number (``"(Dijerat) Pasal 48 …"`` opens a sentence). Also a wire prefix
#: across articles (``headline_keys``).
BRACKET_LABEL = r"[\[(][A-Z]{2,15}(?: [A-Z]{2,15})?(?: ?\d{1,2})?[\])]"
#: Marks that open a Markdown heading, a quotation block or a list item.
_LINE_MARKS = r"#{1,6}[ \t]+|>[ \t]+|[-•][ \t]+"
#: What may stand before a copy's first word and is not part of it: those marks, bold or italic
#: marks, an opening quote, or a label in brackets before a capital.
_MARKUP = re.compile(
    rf"(?:{_LINE_MARKS}|\*[ \t]+)?(?:\*{{1,2}}|_{{1,2}})?[\"“„'‘«]?(?:{BRACKET_LABEL}[ \t]*(?=[A-Z0-9\"“'‘]))?"
)
#: A date in a tag (``(12/05/2017)``).
_TAG_DATE = r"\d[\d/.:\- ]{3,18}"
#: A tag after a copy (``X (VIDEO)``, ``X [FOTO]``, ``X (12/05/2017)``): one to three words or a
#: date in brackets, which belong to the copy when a new sentence follows them.
_TAG = re.compile(rf"[ \t]*[\[(](?:[^\W\d_]{{2,15}}(?: [^\W\d_]{{2,15}}){{0,2}}|{_TAG_DATE})[\])]")
#: A tag in capitals or a date at the end of a copy: reported headlines leave it out (a word in
#: title case may be the headline's own: ``France v Wales (Sat)``).
_TAG_AT_END = re.compile(rf"[ \t]*[\[(](?:[A-Z]{{2,15}}(?: [A-Z]{{2,15}}){{0,2}}|{_TAG_DATE})[\])]\s*$")
#: Markup before a headline that is not closed after it: the line's marks, a label in brackets.
#: And the emphasis marks that may enclose a headline.
_UNPAIRED_MARKUP = re.compile(rf"{_LINE_MARKS}|{BRACKET_LABEL}[ \t]*(?=[A-Z0-9\"“'‘*_])")
_PAIRS = (("**", "**"), ("__", "__"), ("*", "*"), ("_", "_"))
#: Layers of markup peeled off a reported headline at most (``# **"X"**``).
MAX_MARKUP_LAYERS = 4
#: What closes markup at a copy's end: emphasis marks and closing quotes.
_CLOSING_MARKUP = "*_\"”’'»"
#: Markup that comes in pairs around a copy: quotes and emphasis.
_PAIRED_MARKS = frozenset("\"“„'‘«*_")
_WORD = re.compile(r"\w+")
#: A capital after a lower-case letter inside a token: where a line break was lost ("levelBreaking").
_GLUED_CAPITAL_INSIDE = re.compile(r"[a-z][A-Z]")
_HYPHENS = frozenset("-‐‑–")
#: The first three words (the words ``_WORD`` finds first).
_FIRST_WORDS = re.compile(r"\W*(\w+)(?:\W+(\w+))?(?:\W+(\w+))?")
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
    if char in _OPENING_MARKS:  # 'said|"We', 'Abbas|" Mereka', and 'Seksual|“ Rasa' (curly: it opens)
        after = _skip_spaces(view, position + 1, len(view))
        return char in _CURLY_OPENING or (after < len(view) and view[after].isupper())
    return False


def cut_points(view: str, start: int, end: int) -> tuple[list[int], list[int]]:
    """Where copies may end within the window at the start of ``[start, end)``.

    Returns the cut points in order (token ends and joins) and the joins among them.
    """
    limit = min(end, start + RUN_IN_WINDOW_CHARS)
    tokens = [match.span() for match in islice(_TOKEN.finditer(view, start, limit), RUN_IN_WINDOW_WORDS)]
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
            after_separator = before_end - before_start == 1 and view[before_start] in _SEPARATORS
            inside = _capitals_joins(view, *tokens[index]) if after_separator else range(0)
        if position in inside or _is_join(view, position, ends[index]):
            joins.append(position)
    return sorted(joins + ends), joins


def _capitals_joins(view: str, token_start: int, token_end: int) -> range:
    """Joins inside a word in capitals just after a separator: a suffix glued to a body that
    starts in capitals ("X | AP|UK condom maker…", "X - AFP|US troops…").

    When the next word is in lower case, case says nothing inside the word, so every position
    that leaves two capitals on each side may be the join; :func:`_best_copy` takes the last
    one that is as good (the body's first word is then the shortest: "UK", "US", "EU").
    Otherwise the word's end may end the copy ("X - ANTARA NewsMerdeka.com - …"), and only a
    known publisher's name before two more capitals is cut off ("X - AP|DJ Norman Cook…").
    """
    token = view[token_start:token_end]
    if len(token) < 4 or not token.isalpha() or not token.isupper():
        return range(0)
    following = _skip_spaces(view, token_end, min(len(view), token_end + MAX_WORD_CHARS))
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
    if char not in _OPENING_MARKS:
        return False
    following = _skip_spaces(view, position + 1, end)  # IndoSum spaces its curly quotes: "“ Rasa"
    return following < end and (view[following].isupper() or view[following].isdigit())


def _after_sentence(view: str, position: int, unit_start: int) -> bool:
    """Whether ``position`` starts its unit, or follows the end of a sentence (and spaces)."""
    if position == unit_start:
        return True
    before = position - 1
    while before > unit_start and view[before].isspace():
        before -= 1
    return view[before] in _CLOSERS


def _skip_spaces(view: str, position: int, end: int) -> int:
    while position < end and view[position].isspace():
        position += 1
    return position


def _best_copy(view: str, reference: str, candidates: Sequence[Span], joins: set[int]) -> tuple[Span, float] | None:
    """The candidate span most like ``reference``, with its similarity.

    An exact copy (a full stop added counts: "X." under "X") is taken first. The rest are ranked
    by similarity (aligned: a truncated or suffixed copy matches the headline's start), then by
    ending with a known publisher's name, the longer the better (``X - BBC
    News|British Airways…``, see :mod:`.publishers`), then by ending at a join (where the line
    break was lost: the first such join, moved on to later joins of the same word so that "X -
    detikNews|Jakarta" keeps its suffix whole), then by whole-string cosine (so "X - Reuters"
    wins over "X - Reuters The").
    """
    if not candidates:
        return None
    key = fold(reference).strip()
    folded = [fold(view[start:end]).strip() for start, end in candidates]
    exact = [span for span, text in zip(candidates, folded, strict=True) if key in (text, without_full_stop(text))]
    if exact:
        return exact[-1], 1.0  # the usual case: no vectoriser
    texts = [view[a:b] for a, b in candidates]
    similarity = Similarity([reference, *texts])
    pairs = [(reference, text) for text in texts]
    aligned, plain = similarity.aligned_and_whole(pairs)  # one vectorisation for both

    def rank(i: int) -> tuple[float, int, bool, float]:
        at_join = candidates[i][1] in joins
        return round(float(aligned[i]), 2), publisher_suffix(texts[i]), at_join, -candidates[i][1] if at_join else plain[i]

    best = max(range(len(candidates)), key=rank)
    # A later join in the same word, as good: the copy ends with a name like "detikNews".
    while (
        best + 1 < len(candidates)
        and rank(best + 1)[:3] == rank(best)[:3]
        and candidates[best + 1][1] in joins
        and not any(char.isspace() for char in view[candidates[best][1] : candidates[best + 1][1]])
    ):
        best += 1
    return candidates[best], float(aligned[best])


def _copy_ends(view: str, copy_start: int, headline: str, end: int, points: Sequence[int], joins: Collection[int]) -> list[Span]:
    """Spans from ``copy_start`` that may be a copy of ``headline``: about as long, and followed by a new sentence.

    A span with more words than the headline must hold a separator (a word ending with one:
    a publisher's suffix, ``X | BBC News``, ``X: Reuters``; a prefix, ``Tevez - …``): otherwise
    its extra words are the body's first ones, and an edited copy that reads a little better with
    them ("… European Shares in" for "… European shares") would take them. Words are counted
    with a token split at its ``joins``, unless the headline has that token as a word
    ("PlayStation", "iPhone"): glued, that copy reads "… EuropeanShares in".
    """
    size, words = len(headline), len(headline.split())
    shortest = max(MIN_COPY_CHARS, size // 4)
    headline_order = _WORD.findall(fold(headline))
    headline_words = set(headline_order)
    capitalised = {fold(word) for word in _WORD.findall(headline) if word[0].isupper()}
    inner_joins = sorted(join for join in joins if copy_start < join and view[join].isalnum())  # where a word starts
    spans = []
    for point in points:
        length = point - copy_start
        if length < shortest:
            continue
        if length > size + COPY_SLACK_CHARS:
            break
        text = view[copy_start:point]
        if length < size - COPY_SLACK_CHARS and not ELLIPSIS.search(cut_before_suffix(text)):
            continue  # far shorter than the headline: only a copy cut short with "…" (and a suffix) may be
        if text.rstrip()[-1] in _SEPARATORS + _CURLY_OPENING or not starts_sentence(view, point, end):
            continue
        tokens = _tokens_split_at(view, copy_start, point, inner_joins, headline, headline_words)
        if len(tokens) > words + COPY_SLACK_WORDS:
            break
        if len(tokens) > words and not _delimited(tokens, words):
            continue  # longer than the headline with no separator (a suffix's, a prefix's): it reaches into the body
        if _headline_goes_on(view, text, point, end, headline_order, capitalised):
            if _skips_ahead(view, text, point, end, headline_order):
                break  # any longer span would take the body's first words, which its headline ends with
            continue
        spans.append((copy_start, point))
    return spans


def _skips_ahead(view: str, text: str, point: int, end: int, headline: Sequence[str]) -> bool:
    """Whether ``text``, the first words of the ``headline`` (folded, in order), is followed at
    ``point`` by a later word of it than the next (numbers aside): "Medali Perak SEA Games Adalah Target|Timnas
    Voli Putri Indonesia tidak …" under "… Adalah Target Realistis untuk Timnas Voli Putri". It
    is a copy cut short and a body that opens with the headline's last words, or a copy with
    words dropped: nothing tells which, and the first reading keeps the body whole.
    """
    said = _WORD.findall(fold(text))
    if len(said) >= len(headline) or said != headline[: len(said)]:
        return False
    following = _WORD.search(fold(view[point : min(end, point + MAX_WORD_CHARS)]))
    rest = headline[len(said) :]
    if following is None or following.group() not in rest:
        return False
    skipped = rest[: rest.index(following.group())]
    return any(not word.isdigit() for word in skipped)  # "&#39;" is no word skipped


def _tokens_split_at(view: str, start: int, stop: int, joins: Sequence[int], headline: str, words: set[str]) -> list[str]:
    """The tokens of ``view[start:stop]``, each split at the ``joins`` (sorted, each where a word
    starts: "EuropeanShares", "lited'The", not at the quote: "lited|'The") inside it.

    A join the ``headline`` (its folded ``words``) has is kept whole: the token is one of its
    words ("PlayStation" under "PLAYSTATION …"), or the piece after the join follows a letter
    in it ("WoldCom", a letter dropped from "WorldCom").
    """
    tokens = view[start:stop].split()
    cuts = [join for join in joins if start < join < stop]
    if not cuts:
        return tokens
    split: list[str] = []
    position = start
    for token in tokens:
        position = view.index(token, position)
        token_end = position + len(token)
        inside = [join - position for join in cuts if position < join < token_end]
        if inside and set(_WORD.findall(fold(token))) <= words:
            inside = []
        inside = [at for at in inside if not _inside_a_word(headline, _WORD.match(token, at))]
        split += [token[a:b] for a, b in pairwise([0, *inside, len(token)])]
        position = token_end
    return split


def _inside_a_word(headline: str, piece: re.Match[str] | None) -> bool:
    """Whether ``piece`` (a word's start glued to a letter) follows a letter in ``headline``."""
    if piece is None:
        return False
    at = headline.find(piece.group())
    while at >= 0:
        if at > 0 and headline[at - 1].isalpha():
            return True
        at = headline.find(piece.group(), at + 1)
    return False


def _headline_goes_on(view: str, text: str, point: int, end: int, headline: Sequence[str], capitalised: set[str]) -> bool:
    """Whether the word after a candidate copy ``text`` (ending at ``point``) is one of the
    ``headline``'s words (folded, in order) that the candidate lacks, with no ellipsis marking a
    cut; one that comes after the candidate's last word, when the headline has that word (a
    copy with its first word edited is followed by a dateline of that word: "Terkini Ambil Alih
    … Catalunya|SPANYOL – Perdana …" under "Spanyol Ambil Alih … Catalunya"); and in the
    headline's case: a capital the headline does not write (``capitalised``: its words with one)
    starts a sentence ("Asian quake hits European|Shares in Europe's …" under "… European shares").

    Then the capital there starts no new sentence: it is a name the headline has too, and the
    "copy" is a lede that restates the headline and goes on ("City council approves new bicycle
    lanes for downtown Leeds The city council has approved new bicycle lanes for downtown|Leeds,
    officials said…", "… линия метроНовая линия метро открылась в|Москве в субботу…"). Cutting
    it would remove body text; a copy truncated just before a word of its own headline that
    happens to open the body is kept instead, the safe side.
    """
    if ELLIPSIS.search(cut_before_suffix(text)):
        return False
    following = view[_skip_spaces(view, point, end) : min(end, point + MAX_PROBE_CHARS + MAX_WORD_CHARS)].split(maxsplit=1)
    words = _WORD.findall(following[0]) if following else []
    if not words:
        return False
    word = fold(words[0])
    if words[0][0].isupper() and word not in capitalised:
        return False
    said = _WORD.findall(fold(text))
    if word not in headline or word in said:
        return False
    if said and said[-1] in headline:
        last = headline.index(said[-1])
        return word in headline[last + 1 :]
    return True


def _delimited(tokens: Sequence[str], words: int) -> bool:
    """Whether ``tokens``, longer than a headline of ``words`` words, are the headline and an addition.

    A suffix starts where the headline's words end (a word or two either way, for an edited
    copy): "X - Reuters", "X: Reuters". A prefix ends within the first extra words: "Tevez - X".
    A separator further in ("… Gusur Arsenal INGGRIS - Tottenham Hotspur mampu …") is a dateline
    or the body's own.
    """
    extra = len(tokens) - words
    suffix = tokens[max(0, words - 2) : words + 1]
    if any(token[0] in _SEPARATORS or token[-1] in _SEPARATORS for token in suffix):
        return True
    return any(token[-1] in _SEPARATORS for token in tokens[: extra + 1])


def _starts_copy(view: str, start: int, second: int, size: int) -> bool:
    """Whether the unit's opening, found again at ``second``, may start a copy there.

    After a space it may. Inside a word it may where a line could have started: before a
    capital or a digit ("ASIA|BMW drives", "CD:UK|TV presenter"), or where the opening recurs
    letter for letter, case included ("song|iTunes now"), not inside "he|art is".
    """
    char = view[second]
    if view[second - 1].isspace() or char.isupper() or char.isdigit():
        return True
    return view[second : second + size] == view[start : start + size]


def _markup_end(view: str, start: int, end: int) -> int:
    """Where a unit's text starts after markup (``# X``, ``**X**``, ``"X"``, ``[UPDATED] X``), or ``start``."""
    if view[start : start + 1].isalnum():  # the usual case: no markup
        return start
    markup = _MARKUP.match(view, start, min(end, start + MAX_LABEL_CHARS))
    return markup.end() if markup is not None and markup.end() < end else start


def without_markup(text: str) -> str:
    """``text`` without markup around it (``# X``, ``**X**``, ``"X"``, ``[UPDATED] X``): what two
    copies are compared by. Two emphasis marks are a tenth of a short headline's character n-grams."""
    start = _markup_end(text, 0, len(text))
    end = len(text.rstrip(_CLOSING_MARKUP)) if start else len(text)
    return text[start:end] if start < end else text


def headline_span(text: str) -> Span:
    """The part of a copy a reader calls the headline: without markup before it (``# ``, a list's
    bullet, ``[UPDATED] ``), emphasis around the whole of it (``**X**``) or a tag after it
    (``X (VIDEO)``). Quotes stay: a headline wholly in quotes is a claim (``'UK will stand firm
    on EU rebate'``, BBC)."""
    start, end = 0, len(text.rstrip())
    tag = _TAG_AT_END.search(text, 0, end)
    if tag is not None and tag.start() > 0:
        end = tag.start()
    for _ in range(MAX_MARKUP_LAYERS):
        lead = _UNPAIRED_MARKUP.match(text, start, end)
        if lead is not None and start < lead.end() < end:
            start = lead.end()
            continue
        pair = next((p for p in _PAIRS if _wraps(text, start, end, *p)), None)
        if pair is None:
            break
        start, end = start + len(pair[0]), end - len(pair[1])
    return start, end


def _wraps(text: str, start: int, end: int, opening: str, closing: str) -> bool:
    """Whether ``opening`` and ``closing`` enclose ``text[start:end]`` and stand nowhere inside it."""
    inner = text[start + len(opening) : end - len(closing)]
    return (
        bool(inner.strip()) and text.startswith(opening, start) and text.endswith(closing, start, end)
        and opening not in inner and closing not in inner
    )


def _after_paired_mark(view: str, start: int, second: int, size: int) -> int:
    """Where a copy starts near ``second`` when the first copy opens with a quote or emphasis mark
    (``view[start:start + size]``): after that mark if it closes the first copy ("\"X\"X", glued),
    at it if it opens the second ("'X' show'X' show", glued: the first copy's quotes are paired)."""
    mark = view[start : start + size]
    if view.startswith(mark, second) and view.count(mark, start, second) % 2 == 1:
        return second + size
    if view[second - size : second] == mark and view.count(mark, start, second - size) % 2 == 0:
        return second - size
    return second


def _label_end(view: str, start: int, end: int) -> int:
    """Where a unit's words start after markup and a label (``UPDATE 1-X``, ``Business: X``), or ``start``."""
    return _label_after(view, _markup_end(view, start, end), end)


def _label_after(view: str, start: int, end: int) -> int:
    """Where the words start after a label at ``start`` (markup already read past), or ``start``."""
    if not view[start : start + 1].isupper() or not _LABEL_MARK.search(view, start, min(end, start + MAX_LABEL_CHARS)):
        return start  # the usual case, decided on a few characters: no label's colon, bar or dash
    label = _LABEL.match(view, start, end) or _NAME_LABEL.match(view, start, end)
    return label.end() if label is not None else start


def _may_repeat(view: str, start: int, end: int) -> bool:
    """A cheap necessary condition for :func:`repetition_at_start`, decided by a few substring searches.

    A second copy edited by at most one word repeats at least two of the unit's first three
    words (the first two, or the first and third, or the second and third, whichever one was
    edited), glued or not, so two of them recur later in the window. Most sentences fail this
    test, and are spared the character-by-character search for joins (most of a request's
    dedup time otherwise).
    """
    raw = view[start : min(end, start + RUN_IN_WINDOW_CHARS)]
    # Words and where they recur are the same in ``fold(raw)`` and in ``raw.lower()`` (the fold
    # only changes marks between words) unless lowering changed the length ("İ"): no translation.
    window = raw.lower()
    if len(window) != len(raw):
        window = fold(raw)
    if _opening_recurs(window, 0):
        return True
    lead = _label_end(view, start, end) - start
    # (After markup alone, the first three words are those just tried: they skip it.)
    return lead > 0 and _WORD.search(view, start, start + lead) is not None and _opening_recurs(window, lead)


def _opening_recurs(window: str, at: int) -> bool:
    """Whether two of the first three words from ``at`` recur later in ``window``."""
    opening = _FIRST_WORDS.match(window, at)
    if opening is None or opening.group(2) is None:
        return False
    recurring = int(window.find(opening.group(1), opening.end(1)) >= 0) + int(window.find(opening.group(2), opening.end(2)) >= 0)
    if recurring == 1 and opening.group(3) is not None:
        recurring += int(window.find(opening.group(3), opening.end(3)) >= 0)
    return recurring >= 2


def repetition_at_start(view: str, start: int, end: int, *, at_text_start: bool = False) -> tuple[Span, Span] | None:
    """The two copies ``[start, end)`` starts with, or ``None`` when it does not start with a repetition.

    The second copy starts where the unit's first two words recur (a copy with the same first
    words) or at one of the first joins (a copy whose first word was edited); it ends at a cut
    point followed by a new sentence. The first copy must be headline-like (open) and the
    copies must agree (``RUN_IN_SIMILARITY``). ``at_text_start`` (the very start of the text,
    where a headline stands): the second copy may also be the first one cut short with no
    ellipsis (:func:`_cut_short_copy`) or with one word changed (:func:`_edited_copy`), and
    start where only its second and third words recur or its first and third a word apart (its
    first or second word edited: :func:`_first_word_edited`, :func:`_second_word_edited`), which
    a short headline's character n-grams cannot tell from another phrase; further down, a
    sentence that repeats a name ("The Official UK Charts are run by The Official UK Charts
    Company") is no such pair. Nor is a lede that restates the headline in lower case ("… JUARA.NET
    - Sebanyak 12 laga siap digelar pada seri pertama Indonesian …" under "12 Laga Siap Digelar
    pada Seri Pertama …", or under the same in capitals): a copy keeps the headline's capitals
    (:func:`lowers_a_capital`). Only a bounded window is read.
    """
    if not _may_repeat(view, start, end):
        return None
    points, join_list = cut_points(view, start, end)
    if len(points) < 2 * MIN_HEADLINE_WORDS:
        return None
    window = fold(view[start : points[-1]])
    # Where the opening recurs (a copy with the same first words; after a label, also a copy of
    # the words after it), then the joins.
    seconds = _recurrences(view, window, start, 0)
    words_at = _markup_end(view, start, end)
    markup, lead = words_at - start, _label_after(view, words_at, end) - start
    if lead:
        seconds += [second for second in _recurrences(view, window, start, lead) if second not in seconds]
    if markup and set(view[start : start + markup]) <= _PAIRED_MARKS:
        seconds = list(dict.fromkeys(_after_paired_mark(view, start, second, markup) for second in seconds))
    seconds += [join for join in join_list if join - start >= MIN_COPY_CHARS and join not in seconds][:MAX_SECOND_STARTS]
    if at_text_start:  # last, a copy whose first or second word was edited, after a space
        seconds += [second for second in _first_word_edited(view, window, start) if second not in seconds]
        seconds += [second for second in _second_word_edited(window, start) if second not in seconds]
    joins = set(join_list)
    for second in seconds:
        first_text = view[start:second].rstrip()
        if not MIN_HEADLINE_WORDS <= len(first_text.split()) <= MAX_HEADLINE_WORDS or not is_open(first_text):
            continue
        copy_start = _skip_spaces(view, second, end)
        # The copy repeats the headline, not a credit printed after it ("X Photo: Getty Images X
        # The Daily …": compared with the whole first copy, "X The" reads as "X Photo").
        credit = _CREDIT.search(first_text)
        reference = first_text[: credit.start()].rstrip() if credit is not None else first_text
        # Nor the markup before it, unless the copy has it too: "[UPDATED] X X The…" compared
        # with "[UPDATED] X" takes "X The" for the copy. (A wire's label stays: the similarity
        # knows labels, and a labelled copy cut short is aligned after its label.)
        skip = markup if markup and fold(view[copy_start : copy_start + markup]) != fold(view[start : start + markup]) else 0
        reference = reference[skip:]
        if skip and set(view[start : start + skip]) <= _PAIRED_MARKS:  # and the mark that closes it: "**X**"
            reference = reference.removesuffix(view[start : start + skip]).rstrip()
        # A copy in capitals glued to a capital ends where the first copy's length (without its
        # publisher's suffix) says: "X - Reuters|X IN CAPITALS|UK mobile owners …".
        copy_points, copy_joins = _with_hidden_join(view, copy_start, without_publisher(fold(reference)), end, points, joins)
        found_copy = _best_copy(
            view, reference, _copy_ends(view, copy_start, reference, end, copy_points, copy_joins), copy_joins
        )
        if at_text_start and (found_copy is None or found_copy[1] < RUN_IN_SIMILARITY):
            headline = (start + skip, start + skip + len(reference))
            found_copy = _cut_short_copy(view, headline, copy_start, end, points, joins) or _edited_copy(
                view, reference, copy_start, end, points
            )
        if found_copy is not None and found_copy[1] >= RUN_IN_SIMILARITY:
            (copy_from, copy_to), _ = found_copy
            if lowers_a_capital(reference, view[copy_from:copy_to]) and not _glued_whole(view, reference, found_copy[0], end):
                continue  # the lede restating the headline in lower case, not a copy of it
            return (start, start + len(first_text)), _with_tag(view, found_copy[0], end)
    return None


def exact_repetition_at_start(view: str, start: int, end: int) -> list[Span] | None:
    """The copies ``[start, end)`` starts with when a headline in a script without capital
    letters is repeated exactly, at once (``XX…``, ``X X…``, ``XXX…``), or ``None``.

    :func:`repetition_at_start` sees where a copy starts by its joins, which such scripts do not
    show: ``curl -d`` turns a Hindi, Arabic, Korean or Chinese headline pasted twice into
    ``दिल्ली … घोषित कीदिल्ली … घोषित कीदिल्ली सरकार ने…``, with no case change at the seams and often
    no space, and a near copy found there may end inside the body's first word. What is left to
    see is the repetition itself, so it is tried first where the seam has no case: the phrase
    starts with a letter without case, or starts with no letter (a digit, a quote) and ends
    with one without case. Only an exact repetition counts, of at least ``MIN_COPY_CHARS``
    characters (``MIN_IDEOGRAPHIC_CHARS`` from an ideograph) and of a phrase that passes
    as a headline (see :func:`_repeatable_headline`: "ha ha ha ha …" or a row of one character
    is none), and what follows must be able to start a sentence (a letter without case cannot
    show whether it does); a body sentence never starts with itself twice. At most
    ``MAX_RUN_IN_COPIES`` copies, the second within ``RUN_IN_WINDOW_CHARS``.
    """
    first = view[start : start + 1]
    if first.isalpha() and (first.isascii() or not is_uncased_letter(first)):
        return None  # a cased letter: the joins show where copies start (repetition_at_start)
    limit = min(end, start + RUN_IN_WINDOW_CHARS)
    shortest = MIN_IDEOGRAPHIC_CHARS if IDEOGRAPH.match(view, start) else MIN_COPY_CHARS
    probe = view[start : start + shortest]
    second = view.find(probe, start + shortest, limit) if len(probe) == shortest else -1
    for _ in range(MAX_SECOND_STARTS):
        if second < 0:
            return None
        phrase = view[start:second].rstrip()
        seam_uncased = is_uncased_letter(first) or is_uncased_letter(phrase[-1])
        if seam_uncased and view.startswith(phrase, second, end) and _repeatable_headline(view[start:second], phrase):
            copies = [(start, start + len(phrase)), (second, second + len(phrase))]
            at = _skip_spaces(view, copies[-1][1], end)
            while len(copies) < MAX_RUN_IN_COPIES and view.startswith(phrase, at, end):
                copies.append((at, at + len(phrase)))
                at = _skip_spaces(view, at + len(phrase), end)
            return copies if is_uncased_letter(view[at : at + 1]) or starts_sentence(view, at, end) else None
        second = view.find(probe, second + 1, limit)
    return None


def _repeatable_headline(repeated: str, phrase: str) -> bool:
    """Whether ``phrase`` (``repeated`` without the spaces after it) may be a headline that a
    feed repeated: its words within the bounds, no closing punctuation and no comma after it (a
    clause, "New York, New York, …"), and ``repeated`` not itself a run of a shorter piece (a
    string is one exactly when it occurs in itself doubled before its own length)."""
    return (
        MIN_HEADLINE_WORDS <= word_count(phrase, MAX_HEADLINE_WORDS) <= MAX_HEADLINE_WORDS
        and is_open(phrase)
        and phrase[-1] not in _COMMAS
        and (repeated + repeated).find(repeated, 1) == len(repeated)
    )


def _with_tag(view: str, copy: Span, end: int) -> Span:
    """``copy`` with the tag after it (``X (VIDEO) The …``), when a new sentence follows the tag."""
    tag = _TAG.match(view, copy[1], end)
    return (copy[0], tag.end()) if tag is not None and starts_sentence(view, tag.end(), end) else copy


def _edited_copy(view: str, headline: str, copy_start: int, end: int, points: Sequence[int]) -> tuple[Span, float] | None:
    """A copy of ``headline`` with one word changed, added or dropped, right after it.

    An updated headline ("Nigeria to triple cocoa production" under "Nigeria to boost cocoa
    production") differs by a word; in a short headline that word moves the character n-grams
    below ``RUN_IN_SIMILARITY``. Words compared folded, without a known publisher's suffix
    ("… - Reuters"); the headline has at least ``MIN_EDITED_WORDS`` words, and the copy must
    end where a new sentence starts. The longest such span is taken.
    """
    reference = fold(headline).split()
    if len(reference) < MIN_EDITED_WORDS:
        return None
    found: Span | None = None
    for point in points:
        if point <= copy_start:
            continue
        text = fold(view[copy_start:point])
        if len(text.split()) > len(reference) + 1 + MAX_SUFFIX_WORDS:
            break
        core = without_publisher(text)
        words = core.split()
        if not len(reference) - 1 <= len(words) <= len(reference) + 1:
            continue
        if not _one_word_apart(reference, words) or not starts_sentence(view, point, end):
            continue
        if core is text and len(words) > len(reference) and words[-1] != reference[-1]:
            continue  # a word added at the end is the body's first ("… European Shares in")
        if _dropped_before_a_capital(view[copy_start:point].split(), words, reference):
            continue
        found = (copy_start, point)
    return (found, RUN_IN_SIMILARITY) if found is not None else None


def _dropped_before_a_capital(tokens: Sequence[str], words: Sequence[str], reference: Sequence[str]) -> bool:
    """Whether ``words`` (the folded ``tokens``) drop a word inside the ``reference`` just before
    a capital: then they may as well be the reference cut short and a body that opens with its
    last words ("Medali Perunggu Jadi Target Realistis|Tim Bulu Tangkis Putri Indonesia tidak …"
    under "… Target Realistis bagi Tim Bulu Tangkis Putri"), and that reading keeps the body whole.
    """
    if len(words) != len(reference) - 1:
        return False
    gap = next((i for i, (x, y) in enumerate(zip(words, reference, strict=False)) if x != y), len(words))
    return 0 < gap < len(words) and tokens[gap][:1].isupper()


def _one_word_apart(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether one word changed, added or dropped turns ``a`` into ``b`` (not zero: that is a copy)."""
    return changed_words(a, b) is not None


def changed_words(a: Sequence[str], b: Sequence[str]) -> tuple[str, ...] | None:
    """The word that one edit changes (both forms), adds or drops between ``a`` and ``b``, or
    ``None`` when they are equal or further apart."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return None
    same = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    if len(a) == len(b):
        return (a[same], b[same]) if a[same + 1 :] == b[same + 1 :] else None
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return (longer[same],) if longer[same + 1 :] == shorter[same:] else None


def _cut_short_copy(
    view: str, headline: Span, copy_start: int, end: int, points: Sequence[int], joins: Collection[int]
) -> tuple[Span, float] | None:
    """A copy of ``headline`` cut short at a word with no ellipsis, right after it ("X X' Body…").

    A feed that cuts a headline to fit ("Nigeria to boost cocoa" under "Nigeria to boost cocoa
    production") often drops the ellipsis. Only where such a copy follows its headline at once is
    the evidence strong enough: it must repeat the headline's words exactly, keep more than half
    of them and at least ``MIN_CUT_SHORT_WORDS``, stop where a new sentence starts and not where
    the headline's next word follows (then it is the headline going on) or a number (an edited
    copy: "Death toll rises to 40" and "… to 45"). The longest such copy is taken. A lede that
    opens with a name and a verb of its headline and goes on with a capital ("Obama wins Ohio…"
    under "Obama wins second term") keeps them. Glued to what follows (the copy ends at one of the
    ``joins``: "Qantas sees profitsThe airline …"), a line break was lost there, and
    ``MIN_CUT_SHORT_WORDS`` words are enough.
    """
    key = fold(view[headline[0] : headline[1]])
    half = max(MIN_CUT_SHORT_WORDS, len(key.split()) // 2 + 1)
    # Where the headline's own words end: before a space, or at a join ("Meriah Netizen|Rabu").
    word_ends = {point - headline[0] for point in points if headline[0] < point < headline[1]}
    found: Span | None = None
    for point in points:
        length = point - copy_start
        if length < MIN_COPY_CHARS:
            continue
        if length >= len(key) or fold(view[copy_start:point]) != key[:length]:
            break  # longer spans cannot repeat the headline's start either
        needed = MIN_CUT_SHORT_WORDS if point in joins else half
        if length not in word_ends or len(key[:length].split()) < needed or not starts_sentence(view, point, end):
            continue
        following = key[length:].split(maxsplit=1)[0][:MAX_WORD_CHARS]
        after = _skip_spaces(view, point, end)
        if fold(view[after : after + len(following)]) != following and not view[after : after + 1].isdigit():
            found = (copy_start, point)
    return (found, 1.0) if found is not None else None


def lowers_a_capital(headline: str, copy: str) -> bool:
    """Whether ``copy`` writes in lower case a word that ``headline`` capitalises: a lede restating
    its headline does ("Sebanyak 12 laga siap digelar …" under "12 Laga Siap Digelar …" or "12 LAGA
    SIAP DIGELAR …"); a copy, as printed or in capitals, does not.

    Words are paired by their folded form (the same word, at the same place or one off, for a word
    edited in). A copy starts as a headline does: its first word with a letter keeps the
    headline's capital. After that, a word in capitals says nothing of how the headline's words are
    written ("SLUGGISH ECONOMY HITS GERMAN JOBS" is repeated as "Sluggish economy hits German
    jobs"), so only a capitalised word with lower-case letters must keep its capital.
    """
    head = headline.split()
    keys = [fold(word) for word in head]
    first = True
    for at, word in enumerate(copy.split()):
        initial = _initial(word)
        if not initial:
            continue  # a number, a dash: no case to keep
        key = fold(word)
        paired = next((head[i] for i in (at, at - 1, at + 1) if 0 <= i < len(head) and keys[i] == key), None)
        if paired is not None and _initial(paired).isupper() and initial.islower() and (first or not paired.isupper()):
            return True
        first = False
    return False


def _glued_whole(view: str, headline: str, copy: Span, end: int) -> bool:
    """Whether ``copy`` repeats the whole ``headline`` (in any case) and is glued to what follows
    (``…SpeechDollar gains on Greenspan speechThe dollar …``): a lost line break, so a copy in
    another case, where a lede that restates its headline goes on after a space."""
    return copy[1] < end and not view[copy[1]].isspace() and fold(view[copy[0] : copy[1]]).split() == fold(headline).split()


def _initial(word: str) -> str:
    """A word's first letter ("C" of "'Comeback'"), or "" if it has none."""
    return next((char for char in word if char.isalpha()), "")


def repetition_around(view: str, start: int, end: int) -> tuple[Span, Span, Span] | None:
    """A headline, a short piece printed between it and its copy, and the copy, run together.

    Returns the headline's, the piece's and the copy's spans, or ``None``. With line breaks lost
    a page's "X / Updated 10:21 GMT, 12 May 2017 / X / Body…" or "X / <standfirst>. / X / Body…"
    reads "X Updated 10:21 GMT, 12 May 2017 X Body…". The piece is short (a headline's length at
    most) and at most one sentence; it must hold a time stamp or a date (``_STAMP``), be a photo
    credit ("Photo: Getty Images", ``_CREDIT_PIECE``) or be a sentence (closing punctuation, three
    words or more): a phrase such as "Prime Minister
    Theresa May met Prime Minister Shinzo Abe" is neither, and a short body between a headline
    and its copy at the end ("X Body. More body. (ant) X") is bookends' business. The copy must
    repeat the headline exactly (up to case, typography and a suffix), and the headline ends
    where the repetition does: a piece that follows the copy too (or half of it) belongs to a
    longer headline. A plain repetition (see :func:`repetition_at_start`) is one around a piece
    only when its first copy is the second one and a piece ("X Updated 10:21 GMT, 12 May 2017"
    and "X"): "Harga emas 12 Mei 2017 Harga emas 12 Mei 2018 …" is an edited "X X". Only a
    bounded window at ``start`` is read.
    """
    if not _may_repeat(view, start, end):
        return None
    plain = repetition_at_start(view, start, end, at_text_start=True)
    if plain is not None:
        (_, first_end), copy = plain
        return _around(view, start, min(first_end, start + copy[1] - copy[0]), copy, first_end)
    points, join_list = cut_points(view, start, end)
    if len(points) < 2 * MIN_HEADLINE_WORDS:
        return None
    window = fold(view[start : points[-1]])
    for second in _recurrences(view, window, start, 0):
        # The headline is the longest repeated opening that ends where a line may: it alone is
        # judged. A shorter one would make a "piece" of the repetition's rest (a caption over
        # the sentence it repeats: "… on Feedback The controller … . … on Feedback.").
        for point in reversed([point for point in points if start + MIN_COPY_CHARS <= point < second]):
            headline = view[start:point]
            if fold(view[second : second + len(headline)]) != fold(headline) or not starts_sentence(view, point, second):
                continue
            found = _best_copy(view, headline, _copy_ends(view, second, headline, end, points, join_list), set(join_list))
            around = _around(view, start, point, found[0], second) if found and found[1] >= RUN_IN_COPY_SIMILARITY else None
            if around is not None:
                return around
            break
    return None


def _around(view: str, start: int, point: int, copy: Span, piece_end: int) -> tuple[Span, Span, Span] | None:
    """Headline ``[start, point)``, the piece up to ``piece_end`` and ``copy``, if they are such a triple."""
    headline = view[start:point].rstrip()
    if fold(view[copy[0] : copy[0] + len(headline)]) != fold(headline):
        return None
    piece_start, piece_end = _skip_spaces(view, start + len(headline), piece_end), len(view[:piece_end].rstrip())
    piece = view[piece_start:piece_end]
    credit = _CREDIT_PIECE.match(piece) is not None and len(piece.split()) <= MAX_CREDIT_WORDS
    if not credit and (not MIN_HEADLINE_WORDS - 1 <= len(piece.split()) <= MAX_HEADLINE_WORDS or _INNER_STOP.search(piece)):
        return None  # a piece is short and at most one sentence: not a body between two copies
    stripped = piece.rstrip(_CLOSING_MARKS)
    sentence = bool(stripped) and stripped[-1] in _STOPS and len(piece.split()) >= MIN_CUT_SHORT_WORDS
    if not (sentence or credit or _STAMP.search(piece)):
        return None
    if not starts_sentence(view, piece_start, piece_end) or not is_headline_like(headline):
        return None
    if not MIN_CUT_SHORT_WORDS <= len(headline.split()) <= MAX_HEADLINE_WORDS:
        return None
    if is_open(headline) and not is_open(view[copy[0] : copy[1]]):
        return None  # a sentence that repeats an open line (a caption) is body text
    # What follows the copy must not be the piece again, nor start like it: then the line is
    # longer and was repeated, or edited ("… 12 Mei 2017" and "… 12 Mei 2018", a caption
    # "… retirement income 13% higher than a colleague" over "… 13 per cent higher than a …").
    after = _skip_spaces(view, copy[1], len(view))
    following, key = fold(view[after : after + len(piece)]), fold(piece)
    shared = next((i for i, (a, b) in enumerate(zip(following, key, strict=False)) if a != b), len(following))
    if 2 * shared >= len(key) or not _word_pairs(key).isdisjoint(_word_pairs(following)):
        return None
    return (start, start + len(headline)), (piece_start, piece_end), copy


def _word_pairs(text: str) -> set[tuple[str, str]]:
    """The pairs of consecutive words among the first ``PIECE_WORDS`` of ``text``."""
    words = _WORD.findall(text[:MAX_PROBE_CHARS * 4])[:PIECE_WORDS]
    return set(pairwise(words))


def _recurrences(view: str, window: str, start: int, lead: int) -> list[int]:
    """Where the unit's first two words from ``lead`` on (folded, ``window``) recur and may start a copy."""
    tokens = window[lead:].split(maxsplit=2)
    if len(tokens) < 2:
        return []
    probe = window[lead : lead + min(MAX_PROBE_CHARS, window.find(tokens[1], lead) - lead + len(tokens[1]))]
    seconds: list[int] = []
    # An escaped first copy ("India&#39;s rupee …") recurs decoded, as the copy after it was sent.
    for text in dict.fromkeys([probe, html.unescape(probe) if "&" in probe else probe]):
        found = window.find(text, lead + MIN_COPY_CHARS)
        while found >= 0 and len(seconds) < MAX_SECOND_STARTS:
            if _starts_copy(view, start + lead, start + found, len(text)):
                seconds.append(start + found)
            found = window.find(text, found + 1)
    return sorted(seconds)


def copies_after_credit(view: str, start: int, end: int) -> int | None:
    """Where the copies start in a unit that opens with a photo credit run into them.

    "Photo: Getty Images X X Body…" is what a credit line over the copies becomes when line breaks
    are lost: on one line, a credit line's boilerplate rule ("to the end of the line") would take
    the article. The copies may start at any of the credit's first ``MAX_CREDIT_WORDS`` words
    after its colon: the first start of an exact repetition (see :func:`repetition_at_start`) is
    taken, else the first start of any ("Images Man Utd to open books to" and "Glazer Man Utd to
    open books to" read as a copy with its first word edited, one word too early).
    """
    label = _CREDIT_PIECE.match(view, start, end)
    if label is None:
        return None
    words = list(islice(_TOKEN.finditer(view, label.end(), end), MAX_CREDIT_WORDS))
    if len(words) < 2:
        return None
    # Word starts after the credit's first word, and joins (glued: "Getty Images|X X …").
    joins = cut_points(view, words[0].start(), words[-1].end())[1]
    edited: int | None = None
    for position in sorted({*(word.start() for word in words[1:]), *joins}):
        first_token = _TOKEN.match(view, position)
        if first_token is None or _GLUED_CAPITAL_INSIDE.search(first_token.group()):
            continue  # "ImagesTelegraph …": the copies start at the join inside
        found = repetition_at_start(view, position, end, at_text_start=True)
        if found is not None:
            (first_start, first_end), (copy_start, copy_end) = found
            if fold(view[first_start:first_end]) == fold(view[copy_start:copy_end]):
                return position
            edited = position if edited is None else edited
    return edited


def _first_word_edited(view: str, window: str, start: int) -> list[int]:
    """Where a copy of the opening with its first word edited may start: the word before a
    recurrence of the opening's second and third words ("Nigeria to boost … Ghana to boost …"),
    when that word is one (no join inside it: glued copies are found at their joins)."""
    tokens = window.split(maxsplit=3)
    if len(tokens) < 4:
        return []
    probe = f" {tokens[1]} {tokens[2]} "
    seconds: list[int] = []
    found = window.find(probe, MIN_COPY_CHARS)
    while found >= 0 and len(seconds) < MAX_SECOND_STARTS:
        word_start = window.rfind(" ", 0, found) + 1
        word = view[start + word_start : start + found]
        if word_start > MIN_COPY_CHARS and not _GLUED_CAPITAL_INSIDE.search(word):
            seconds.append(start + word_start)
        found = window.find(probe, found + 1)
    return seconds


def _second_word_edited(window: str, start: int) -> list[int]:
    """Where a copy of the opening with its second word edited may start: a recurrence of its
    first word, a space apart from its third ("Telegraph newspapers axe … Telegraph nespapers
    axe …", a letter dropped)."""
    tokens = window.split(maxsplit=3)
    if len(tokens) < 4:
        return []
    first, third = f"{tokens[0]} ", f" {tokens[2]} "
    seconds: list[int] = []
    found = window.find(first, MIN_COPY_CHARS)
    while found >= 0 and len(seconds) < MAX_SECOND_STARTS:
        second_end = window.find(" ", found + len(first))
        if (found == 0 or window[found - 1] == " ") and second_end > found + len(first) and window.startswith(third, second_end):
            seconds.append(start + found)
        found = window.find(first, found + 1)
    return seconds


def glued_copy_start(view: str, start: int, end: int, headlines: Sequence[str]) -> int:
    """Where a copy in ``[start, end)``, a unit grouped with ``headlines``, starts: at a join in
    its first ``RUN_IN_WINDOW_CHARS`` where one of them starts, when the unit does not start with
    it. What is glued before belongs to the line above, lost with its line break ("… Utara).
    (I029/B014)|BI Terbaik Asia …", an editor's code at the end of the body). A label before a
    separator ("UPDATE 1-X", "Business: X") and markup ("**X**") are the copy's own.
    """
    openings = {" ".join(fold(headline).split()[:MIN_HEADLINE_WORDS]) for headline in headlines}
    openings.discard("")
    unit = fold(view[start : min(end, start + RUN_IN_WINDOW_CHARS)])
    if not openings or any(unit.startswith(opening) for opening in openings):
        return start
    for join in cut_points(view, start, end)[1]:
        if view[join - 1] in _SEPARATORS or not any(char.isalnum() for char in view[start:join]):
            continue  # "**X**", "\"X\"": markup is the copy's own
        if any(unit.startswith(opening, join - start) for opening in openings):
            return join
    return start


def copies_at_start(
    view: str, start: int, end: int, headline: str, threshold: float, *, keep_case: bool = True
) -> list[tuple[Span, float]]:
    """Copies of ``headline`` that ``[start, end)`` starts with (at most ``MAX_RUN_IN_COPIES``).

    Each must match nearly exactly (``RUN_IN_COPY_SIMILARITY``, or ``threshold`` if higher), or
    exactly where the unit goes on after it (``RUN_IN_CUT_SIMILARITY``), keeping the headline's
    capitals there (a lede restating it in lower case goes on: :func:`lowers_a_capital`; not
    asked when the unit is known to start with a copy, ``keep_case=False``), and be followed by
    a new sentence, since what follows it is body text.
    """
    return copies_at_starts(view, [(start, end)], headline, threshold, keep_case=keep_case)[0]


def copies_at_starts(
    view: str, spans: Sequence[Span], headline: str, threshold: float, *, keep_case: bool = True
) -> list[list[tuple[Span, float]]]:
    """:func:`copies_at_start` of each span, with the headline's folded form computed once."""
    key = fold(headline).strip()
    words = key.split()
    if len(words) < MIN_HEADLINE_WORDS:
        return [[] for _ in spans]
    probe = key[: min(MAX_PROBE_CHARS, len(words[0]) + 1 + len(words[1]))]
    found_per_span: list[list[tuple[Span, float]]] = []
    for start, end in spans:
        copies: list[tuple[Span, float]] = []
        position = start
        while len(copies) < MAX_RUN_IN_COPIES and position < end:
            if fold(view[position : position + len(probe)]) != probe:
                break  # the common case, decided on a few characters
            points, joins = _with_hidden_join(view, position, key, end, *cut_points(view, position, end))
            ends = _copy_ends(view, position, key, end, points, joins)
            found = _best_copy(view, headline.strip(), ends, joins)
            if found is None:
                break
            rest = _skip_spaces(view, found[0][1], end)
            if found[1] < max(threshold, RUN_IN_COPY_SIMILARITY if rest >= end else RUN_IN_CUT_SIMILARITY):
                break
            if keep_case and rest < end and lowers_a_capital(headline, view[found[0][0] : found[0][1]]):
                break  # a lede that restates the headline in lower case and goes on
            copies.append((found[0], round(found[1], 4)))
            position = rest
        found_per_span.append(copies)
    return found_per_span


def _with_hidden_join(
    view: str, start: int, key: str, end: int, points: Sequence[int], joins: Collection[int]
) -> tuple[list[int], set[int]]:
    """The cut points and joins, with the end of a copy of ``key`` at ``start`` whose join case cannot show."""
    hidden = _hidden_join(view, start, key, end)
    if hidden is None:
        return list(points), set(joins)
    return sorted([*points, hidden]), {*joins, hidden}


def _hidden_join(view: str, start: int, key: str, end: int) -> int | None:
    """The end of an exact copy of a known headline (folded ``key``) at ``start``, where case
    cannot show the join: a copy in capitals glued to a capital or a digit ("… RISE
    EXPECTED|US interest rates …", "… ATHLETICS YEAR|2004 won't …")."""
    stop = start + len(key)
    if stop >= end or not view[stop - 1].isupper() or not (view[stop].isupper() or view[stop].isdigit()):
        return None
    return stop if fold(view[start:stop]) == key else None


def bookends(view: str, first: Span, last: Span) -> tuple[Span, Span] | None:
    """A headline run into the start of the first unit and repeated at the very end of the last.

    With line breaks lost, "X\nBody…\nX" becomes "XBody… last sentence.X" (``curl -d``), or
    "X Body… last sentence. X" (line breaks as spaces: a flattened page). Candidates for X
    are the endings of the text that start at a word boundary (a space, a closing mark, a
    join); the longest one that also opens the text (without a known publisher's suffix at the
    end: "X … X - Reuters"), glued (no space) to a new sentence, is taken (the whole first unit,
    when what was glued to it was cut off as boilerplate).
    Sentence segmentation is not relied on: the last sentence may end with "May." or an
    author tag, and the glue may fall inside a word in capitals ("…soal PNSJUARA.NET, …").
    """
    # The last MAX_HEADLINE_WORDS + 1 words of the text, read over a bounded stretch.
    tokens = [match.start() for match in _TOKEN.finditer(view, max(last[0], last[1] - RUN_IN_WINDOW_CHARS), last[1])]
    if not tokens:
        return None
    window_start = tokens[max(0, len(tokens) - MAX_HEADLINE_WORDS - 1)]
    points, joins = cut_points(view, window_start, last[1])
    starts = sorted({window_start, *joins, *(_skip_spaces(view, point, last[1]) for point in points)})
    opening = fold(view[first[0]])
    folded: dict[str, str] = {}  # each character's fold, made once: most starts fail on it
    for start in starts:
        char = view[start : start + 1]
        if char not in folded:
            folded[char] = fold(char)
        if folded[char] != opening:
            continue  # the ending cannot equal the opening (a fold keeps each character's place)
        size = last[1] - start
        text = view[start : last[1]]
        if size < MIN_COPY_CHARS or not MIN_HEADLINE_WORDS <= len(text.split()) <= MAX_HEADLINE_WORDS:
            continue
        copy = without_publisher(text)  # the copy at the end may carry a publisher's suffix: "X - Reuters"
        opening_end = first[0] + len(copy)
        if not _starts_word(view, start, last, joins) or opening_end >= start:
            continue  # the ending is the tail of a longer word, or overlaps the opening copy
        if not is_open(text) or fold(view[first[0] : opening_end]) != fold(copy):
            continue
        if _case_differs(view[first[0] : opening_end], copy) and not _glued(view, opening_end):
            continue  # the lede restating the headline printed at the end, not its copy
        if _stand_apart(view, first, last, start, opening_end, exact=True):
            return (first[0], opening_end), (start, last[1])
    return _edited_bookends(view, first, last, starts, set(joins))


def _case_differs(opening: str, ending: str) -> bool:
    """Whether one of two copies writes in lower case what the other capitalises (see
    :func:`lowers_a_capital`): at the top and the end of a text they are printed alike, unless
    the opening one is exact and glued to what follows (:func:`_glued`)."""
    return lowers_a_capital(ending, opening) or lowers_a_capital(opening, ending)


def _glued(view: str, end: int) -> bool:
    """Whether a copy ending at ``end`` is glued to what follows: a line break lost there, so the
    copy was a line of its own, in whatever case, where a lede restating its headline goes on
    after a space (as :func:`_glued_whole` judges a copy at the top)."""
    return end < len(view) and not view[end].isspace()


def _starts_word(view: str, start: int, last: Span, joins: Collection[int]) -> bool:
    """Whether an ending of the text from ``start`` starts a word: the last unit's start, after a
    space or a closing mark, or at a join (not the tail of a longer word)."""
    return start == last[0] or view[start - 1].isspace() or view[start - 1] in _CLOSERS or start in joins


def _stand_apart(view: str, first: Span, last: Span, start: int, opening_end: int, *, exact: bool = False) -> bool:
    """Whether an opening copy ``[first[0], opening_end)`` and an ending one from ``start`` stand apart from the body.

    The opening runs into a new sentence, glued or after a space (within the first unit: a copy
    that is the whole first unit is a line of its own, for the headline groups); the first unit
    may end right there, where boilerplate glued to the copy ("…CipinangJakarta, KOMPAS.com -")
    was cut off it. After a space, the copy at the end must stand apart too: after a sentence's
    end, not as the tail of one ("… Fans of Real Madrid" under "Real Madrid CF won …"), unless it
    is an ``exact`` copy of ``MIN_LOOSE_ENDING_WORDS`` words or more.
    """
    glued = _glued(view, opening_end)
    loose = exact and len(view[start : last[1]].split()) >= MIN_LOOSE_ENDING_WORDS
    spaced = (
        not glued and _skip_spaces(view, opening_end, first[1]) < first[1] and (loose or _after_sentence(view, start, last[0]))
    )
    return opening_end <= first[1] and (glued or spaced) and starts_sentence(view, opening_end, max(first[1], opening_end + 1))


def _edited_bookends(view: str, first: Span, last: Span, starts: Sequence[int], joins: set[int]) -> tuple[Span, Span] | None:
    """:func:`bookends` where the copy at the end is the opening one updated by a word (changed,
    added or dropped; ``MIN_EDITED_WORDS`` or more), and both stand apart from the body. The
    first two words are not the edited one: most endings fail on them, before any work."""
    opening_pair = fold(view[first[0] : first[0] + 2 * MAX_WORD_CHARS]).split(maxsplit=2)[:2]
    if len(opening_pair) < 2:
        return None
    opening = " ".join(opening_pair) + " "
    initial = opening[0]
    candidates = [
        start
        for start in starts
        if view[start : start + 1].lower() == initial and fold(view[start : start + len(opening)]) == opening
    ]
    if not candidates:
        return None
    opening_ends = [point for point in cut_points(view, first[0], first[1])[0] if point - first[0] >= MIN_COPY_CHARS]
    if not opening_ends:
        return None  # a first unit too short to be a copy ("Ab cd" over "… Ab cd ef gh")
    opening_words = {point: fold(view[first[0] : point]).split() for point in opening_ends}
    for start in candidates:
        text = view[start : last[1]]
        words = fold(text).split()
        if not MIN_EDITED_WORDS <= len(words) <= MAX_HEADLINE_WORDS or start <= opening_ends[0] or not is_open(text):
            continue
        if not _starts_word(view, start, last, joins):
            continue
        for point in opening_ends:
            if point >= start or abs(len(opening_words[point]) - len(words)) > 1:
                continue
            if not _one_word_apart(opening_words[point], words) or _case_differs(view[first[0] : point], text):
                continue
            if _stand_apart(view, first, last, start, point):
                return (first[0], point), (start, last[1])
    return None
