"""Headline copies run into each other or into a sentence, found character by character.

When line breaks are lost, copies of a headline are glued to each other and to the first
sentence, and start and end at cut points, not at word boundaries (see :mod:`.seams`). Three
questions, each answered on a bounded window at the start of a unit (a sentence):

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
How far a copy reaches is :mod:`.copy_extent`'s question, copies cut short or edited are
:mod:`.copy_edits`', and a headline at the top and the end of a text is :mod:`.bookends`'.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Sequence
from itertools import islice, pairwise

from ..models import Span
from ..text.shape import IDEOGRAPH, MAX_HEADLINE_WORDS, is_headline_like, is_open, is_uncased_letter, word_count
from .boilerplate_patterns import CALENDAR, CLOCK, CREDIT_LABEL
from .copy_edits import MIN_CUT_SHORT_WORDS, RUN_IN_SIMILARITY, cut_short_copy, edited_copy, glued_whole, lowers_a_capital
from .copy_extent import MIN_COPY_CHARS, MIN_HEADLINE_WORDS, best_copy, copy_ends
from .markup import PAIRED_MARKS, after_paired_mark, label_after, label_end, markup_end, with_tag
from .publishers import without_publisher
from .seams import (
    CLOSING_MARKS,
    MAX_PROBE_CHARS,
    RUN_IN_WINDOW_CHARS,
    SEPARATOR_MARKS,
    STOPS,
    TOKEN,
    WORD,
    cut_points,
    fold,
    skip_spaces,
    starts_sentence,
)
from .similarity import MIN_IDEOGRAPHIC_CHARS

#: Copies split off or cut from the start of one unit at most: real feeds repeat a headline two
#: or three times, and the bound keeps a text that repeats one phrase thousands of times linear.
MAX_RUN_IN_COPIES = 4
#: A known headline that makes up the rest of a unit must match it nearly exactly ...
RUN_IN_COPY_SIMILARITY = 0.95
#: ... and one cut off the start of a longer sentence exactly (up to case, typography, a
#: truncation or a suffix; 0.999 for the cosine's rounding), since the rest of that sentence is
#: body text: a lede that restates its headline with a word changed ("Dua film Indonesia
#: diputar pada Festival Film Internasional Toronto 2017 seperti …" under "… Diputar di …") is
#: the body's first sentence.
RUN_IN_CUT_SIMILARITY = 0.999
#: Words compared after a headline's two copies: none of their word pairs may recur.
PIECE_WORDS = 6
#: Second copies looked for at most per unit: where the unit's opening words recur, and the
#: first joins (a copy whose first word was edited starts at a join too).
MAX_SECOND_STARTS = 6
#: Commas of the scripts (Latin, ideographic, Japanese, Arabic): no headline ends with one.
_COMMAS = ",，、،"
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
_INNER_STOP = re.compile(rf"[{re.escape(STOPS)}][{re.escape(CLOSING_MARKS)}]*\s+(?=[\"“(\[]?[A-Z0-9])")
#: A capital after a lower-case letter inside a token: where a line break was lost ("levelBreaking").
_GLUED_CAPITAL_INSIDE = re.compile(r"[a-z][A-Z]")
#: The first three words (the words ``WORD`` finds first).
_FIRST_WORDS = re.compile(r"\W*(\w+)(?:\W+(\w+))?(?:\W+(\w+))?")


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
    lead = label_end(view, start, end) - start
    # (After markup alone, the first three words are those just tried: they skip it.)
    return lead > 0 and WORD.search(view, start, start + lead) is not None and _opening_recurs(window, lead)


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
    ellipsis (:func:`.copy_edits.cut_short_copy`) or with one word changed (:func:`.copy_edits.edited_copy`), and
    start where only its second and third words recur or its first and third a word apart (its
    first or second word edited: :func:`_first_word_edited`, :func:`_second_word_edited`), which
    a short headline's character n-grams cannot tell from another phrase; further down, a
    sentence that repeats a name ("The Official UK Charts are run by The Official UK Charts
    Company") is no such pair. Nor is a lede that restates the headline in lower case ("… JUARA.NET
    - Sebanyak 12 laga siap digelar pada seri pertama Indonesian …" under "12 Laga Siap Digelar
    pada Seri Pertama …", or under the same in capitals): a copy keeps the headline's capitals
    (:func:`.copy_edits.lowers_a_capital`). Only a bounded window is read.
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
    words_at = markup_end(view, start, end)
    markup, lead = words_at - start, label_after(view, words_at, end) - start
    if lead:
        seconds += [second for second in _recurrences(view, window, start, lead) if second not in seconds]
    if markup and set(view[start : start + markup]) <= PAIRED_MARKS:
        seconds = list(dict.fromkeys(after_paired_mark(view, start, second, markup) for second in seconds))
    seconds += [join for join in join_list if join - start >= MIN_COPY_CHARS and join not in seconds][:MAX_SECOND_STARTS]
    if at_text_start:  # last, a copy whose first or second word was edited, after a space
        seconds += [second for second in _first_word_edited(view, window, start) if second not in seconds]
        seconds += [second for second in _second_word_edited(window, start) if second not in seconds]
    joins = set(join_list)
    for second in seconds:
        first_text = view[start:second].rstrip()
        if not MIN_HEADLINE_WORDS <= len(first_text.split()) <= MAX_HEADLINE_WORDS or not is_open(first_text):
            continue
        copy_start = skip_spaces(view, second, end)
        # The copy repeats the headline, not a credit printed after it ("X Photo: Getty Images X
        # The Daily …": compared with the whole first copy, "X The" reads as "X Photo").
        credit = _CREDIT.search(first_text)
        reference = first_text[: credit.start()].rstrip() if credit is not None else first_text
        # Nor the markup before it, unless the copy has it too: "[UPDATED] X X The…" compared
        # with "[UPDATED] X" takes "X The" for the copy. (A wire's label stays: the similarity
        # knows labels, and a labelled copy cut short is aligned after its label.)
        skip = markup if markup and fold(view[copy_start : copy_start + markup]) != fold(view[start : start + markup]) else 0
        reference = reference[skip:]
        if skip and set(view[start : start + skip]) <= PAIRED_MARKS:  # and the mark that closes it: "**X**"
            reference = reference.removesuffix(view[start : start + skip]).rstrip()
        # A copy in capitals glued to a capital ends where the first copy's length (without its
        # publisher's suffix) says: "X - Reuters|X IN CAPITALS|UK mobile owners …".
        copy_points, copy_joins = _with_hidden_join(view, copy_start, without_publisher(fold(reference)), end, points, joins)
        found_copy = best_copy(
            view, reference, copy_ends(view, copy_start, reference, end, copy_points, copy_joins), copy_joins
        )
        if at_text_start and (found_copy is None or found_copy[1] < RUN_IN_SIMILARITY):
            headline = (start + skip, start + skip + len(reference))
            found_copy = cut_short_copy(view, headline, copy_start, end, points, joins) or edited_copy(
                view, reference, copy_start, end, points
            )
        if found_copy is not None and found_copy[1] >= RUN_IN_SIMILARITY:
            (copy_from, copy_to), _ = found_copy
            if lowers_a_capital(reference, view[copy_from:copy_to]) and not glued_whole(view, reference, found_copy[0], end):
                continue  # the lede restating the headline in lower case, not a copy of it
            return (start, start + len(first_text)), with_tag(view, found_copy[0], end)
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
            at = skip_spaces(view, copies[-1][1], end)
            while len(copies) < MAX_RUN_IN_COPIES and view.startswith(phrase, at, end):
                copies.append((at, at + len(phrase)))
                at = skip_spaces(view, at + len(phrase), end)
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
            found = best_copy(view, headline, copy_ends(view, second, headline, end, points, join_list), set(join_list))
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
    piece_start, piece_end = skip_spaces(view, start + len(headline), piece_end), len(view[:piece_end].rstrip())
    piece = view[piece_start:piece_end]
    credit = _CREDIT_PIECE.match(piece) is not None and len(piece.split()) <= MAX_CREDIT_WORDS
    if not credit and (not MIN_HEADLINE_WORDS - 1 <= len(piece.split()) <= MAX_HEADLINE_WORDS or _INNER_STOP.search(piece)):
        return None  # a piece is short and at most one sentence: not a body between two copies
    stripped = piece.rstrip(CLOSING_MARKS)
    sentence = bool(stripped) and stripped[-1] in STOPS and len(piece.split()) >= MIN_CUT_SHORT_WORDS
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
    after = skip_spaces(view, copy[1], len(view))
    following, key = fold(view[after : after + len(piece)]), fold(piece)
    shared = next((i for i, (a, b) in enumerate(zip(following, key, strict=False)) if a != b), len(following))
    if 2 * shared >= len(key) or not _word_pairs(key).isdisjoint(_word_pairs(following)):
        return None
    return (start, start + len(headline)), (piece_start, piece_end), copy


def _word_pairs(text: str) -> set[tuple[str, str]]:
    """The pairs of consecutive words among the first ``PIECE_WORDS`` of ``text``."""
    words = WORD.findall(text[:MAX_PROBE_CHARS * 4])[:PIECE_WORDS]
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
    words = list(islice(TOKEN.finditer(view, label.end(), end), MAX_CREDIT_WORDS))
    if len(words) < 2:
        return None
    # Word starts after the credit's first word, and joins (glued: "Getty Images|X X …").
    joins = cut_points(view, words[0].start(), words[-1].end())[1]
    edited: int | None = None
    for position in sorted({*(word.start() for word in words[1:]), *joins}):
        first_token = TOKEN.match(view, position)
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
        if view[join - 1] in SEPARATOR_MARKS or not any(char.isalnum() for char in view[start:join]):
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
    capitals there (a lede restating it in lower case goes on: :func:`.copy_edits.lowers_a_capital`; not
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
            ends = copy_ends(view, position, key, end, points, joins)
            found = best_copy(view, headline.strip(), ends, joins)
            if found is None:
                break
            rest = skip_spaces(view, found[0][1], end)
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
