"""Lines and sentences, as ``[start, end)`` spans of the processing view.

sentencex (rule-based, with abbreviation lists for many languages and generic rules for the
rest) is the only sentence splitter, and this is the only module that imports it. A line break
always ends a sentence: sentences are found line by line.

Around sentencex, a few rules that hold in any language written with these quote marks:

* **Quotes do not hide sentences.** sentencex keeps a quotation of several sentences in one
  piece; news corpora (BBC, IndoSum) count every sentence of a quotation as its own. So
  sentencex reads the line with its double quotes and brackets masked as spaces (the same
  length, so offsets hold), and the quotes are then given back to the right side of each cut.
  A piece that holds a quotation in single marks (``‘It was brutal. You don’t …’``, ``'I was
  there. I did my bit.'``: British news, the Daily Mail among them, quotes in single marks) is
  read again with its single quotes masked where a space stands beside them; an apostrophe in a
  word (``don’t``) stays, so that sentencex still reads ``can't.`` as a word and not as the
  initial ``t.``:
* **Closing quotes and brackets stay with their sentence**, opening ones start the next one
  (``…investment." "Mr Glazer…``, ``…said."We expect…`` when line breaks were lost).
* **An attribution stays with its quotation** (``"Is it over?" he asked.``).
* **A Japanese quotation followed by its quoting particle stays in its sentence**
  (``気象庁は「注意してください。」と呼びかけています。``): after ``」`` or ``』``, ``と`` or ``って``
  continues the sentence that quotes, as an attribution does in English.
* **A stop after a word that only looks like an abbreviation ends the sentence** before a
  capital. sentencex's lists hold everyday words (the English list has the state codes ``Me.``
  and ``Kan.``, the month ``May``, ``No.`` and ``OK``), and after one of them it cuts only before
  a common sentence opener (``… to me. Then``), not before a name (``… strengthened me. They've``,
  ``… in May. SSL was formed``). The pronoun ``me``, the answers ``no`` and ``ok``, the
  Indonesian particle ``kan`` and the month ``May`` written in full are words here, and in
  Italian, Spanish and German text ``ore`` (hours), ``set`` (a tennis set), ``mar`` (the sea)
  and ``Art`` (kind), which those lists hold for ``settembre``, ``marzo`` and ``Artikel``; so is a word
  in capitals (``… the SEC. Monsanto``: an abbreviation with a stop is written in lower or title
  case) before a word in lower case, and any word after a closing bracket (``(SEC). Monsanto``:
  an abbreviation's stop would be inside it).
* **Titles sentencex's lists lack are abbreviations.** Its Indonesian list has ``Dr.`` and
  ``Prof.`` but not ``Ir.`` (insinyur), ``Hj.``, ``Dra.``, ``Sdr.``, ``Alm.``, ``Plt.``, ``DR.``,
  the company forms ``PT.``, ``CV.``, ``UD.``, nor the address words ``Jl.``, ``Kab.``,
  ``Kec.``, ``Kel.``: ``… PUPR, Dr. Ir. Hendra Kusuma, M.T., mengatakan …`` was cut after
  ``Ir.``, and a summary picked the stub (the seed article). A cut after one of them before a
  capital is undone (:data:`TITLES_SENTENCEX_MISSES`), whichever rule made it.
* **A stop standing alone before a lower-case word is not a sentence end** (``a woman who .
  claims to``): converters that flatten hard-wrapped lines mark each wrap as `` . `` (the
  CNN/DailyMail texts do), and no sentence starts in lower case after a detached stop.
* **A cut between two letters with no space is undone when the glued token is one word**: a
  domain (``Example.com``, ``JUARA.NET``), an all-capitals compound (``ASP.NET``), dotted
  initials (``U.S.Army``). ``LST.Alibaba``, where line breaks were lost, stays cut.

And two for scripts sentencex does not cover:

* **Every Unicode sentence terminator ends a sentence** before a space: sentencex misses a few
  (the Khmer ``។``, vertical presentation forms), and cuts after the Burmese genitive ``၏``,
  which Unicode does not count as one (``…နိုင်ငံ၏ အကြီးဆုံး…`` is one sentence).
* **Thai and Lao sentences end at a space.** These scripts write words without spaces and have
  no sentence punctuation; writers put a space between sentences and clauses, so a space between
  two letters of the script is a cut (a space before or after a number or a Latin word is not).
  A piece shorter than ``MIN_SPACE_SENTENCE_CHARS`` stays with its neighbour, so that a title or
  a given name is not cut off the sentence it begins. Without this, a Thai article was one
  sentence and its "summary" the whole text.
"""

from __future__ import annotations

import re
from itertools import islice

from sentencex import segment as _sentencex_segment

from ..models import Span
from .shape import CLOSERS

_LINE = re.compile(r"[^\n]+")
_WORD = re.compile(r"\w+")

#: Double quotes and brackets (Japanese corner brackets too): masked as spaces for sentencex (see the module docstring).
#: Single quotes are not masked (``'`` and ``’`` are apostrophes far more often), except a
#: straight one standing alone between spaces (see :func:`_masked`).
OPENING = "“„«‹([{「『"
CLOSING = "”»›)]}」』"
STRAIGHT = '"'
_MARKS = OPENING + CLOSING + STRAIGHT
#: Single quotes: quotation marks, and apostrophes (``don’t``, ``players’``).
SINGLE = "'‘’"
#: A single quote that is a quotation mark, or an apostrophe that may be masked as harmlessly:
#: ``‘``, or ``'``/``’`` with a space (or the line's edge) on one side (``said: 'I``, ``part.' Then``,
#: ``players' union``). One glued on both sides is left alone: ``can't`` must stay one word, and
#: ``poverty.'No UK apology'`` (line breaks lost) may close a quotation or open one.
#: (The mark first, then its sides looked at: a pattern that starts with a character class is
#: scanned for quickly.)
_SPACED_SINGLE_QUOTE = re.compile(r"['‘’](?:(?<=‘)|(?<!\S.)|(?!\S))")
#: A straight single quote with a space on each side: a quotation mark, masked like the above.
_LONE_QUOTE = " ' "
#: A sentence terminator followed by more text: a piece that may hide a sentence end.
_INNER_TERMINAL = re.compile(r"[.!?…][^.!?…]")
#: Japanese closing corner brackets, and the particles that continue a sentence after a quotation.
_CORNER_CLOSING = "」』"
_QUOTING_PARTICLES = ("と", "って")
#: What may close a sentence, before its closing quotes.
_TERMINAL = ".!?…。！？"
#: How far back (in characters) the quote before a glued quote is looked for: a long paragraph
#: (BBC dev paragraphs run to about 1,000 characters). Keeps hostile input linear.
QUOTE_LOOKBACK = 2000
#: Top-level domains that follow a glued dot in names (``Kompas.Com``, ``JUARA.NET``): a dot
#: glued to one of these is part of a domain name, not the end of a sentence.
DOMAIN_ENDINGS = frozenset({"com", "net", "org", "id", "co", "io", "js", "uk", "us", "info", "biz", "gov", "edu", "tv", "me"})
#: Sentence punctuation (and closing marks) glued to a capitalised word: a lost line break.
_GLUED_STOP = re.compile(r"(?<=\w)([.!?]+[\"”’)\]]*)[\"“]?([^\W\d_])")
#: Glued stops judged per line at most: a real article has a few dozen; hostile input is bounded.
MAX_GLUED_PROBES = 500
#: Characters read on each side of a cut to find the word it falls in: longer than any word.
MAX_TOKEN_CHARS = 100
#: Sentence terminators (Unicode's, ``shape.SENTENCE_TERMINALS``) that sentencex does not cut
#: after: a cut goes after each one followed by a space (tests/test_segment.py checks that every
#: terminator ends a sentence).
_STOPS_SENTENCEX_MISSES = "។៕︒︕︖᭎᭏᭿⳹⳺⳻⹠⹡𑏔𑏕𖵮𖵯"
#: Marks sentencex cuts after that are not sentence terminators: the Burmese genitive ``၏``.
_NOT_STOPS = frozenset("၏")
#: Letters of the Thai and Lao blocks (without their digits and the Thai repetition mark ``ๆ``,
#: after which a space is written inside a sentence).
_SPACE_SENTENCE_LETTER = r"[\u0e01-\u0e45\u0e47-\u0e4e\u0e81-\u0ecf]"
_MISSED_STOP = re.compile(rf"[{_STOPS_SENTENCEX_MISSES}][{re.escape(CLOSERS)}]*\s+(?=\S)")
#: Any character the script rules look at (most non-ASCII lines have none: one scan, then nothing).
_SCRIPT_MARK = re.compile(rf"[{_STOPS_SENTENCEX_MISSES}{''.join(_NOT_STOPS)}\u0e01-\u0ecf]")
_SPACE_BETWEEN_LETTERS = re.compile(rf"(?<={_SPACE_SENTENCE_LETTER})\s+(?={_SPACE_SENTENCE_LETTER})")
#: Languages written in those scripts: their sentences end at a space (``sentence_rules``).
SPACE_SENTENCE_LANGUAGES = frozenset({"th", "lo"})
#: A Thai or Lao piece shorter than this (in characters) is not cut off: a title ("นายกรัฐมนตรี")
#: or a given name is followed by a space, and so is a short clause; sentences are longer.
MIN_SPACE_SENTENCE_CHARS = 30
#: Words in sentencex's abbreviation lists that, written exactly so, are everyday words (see the
#: module docstring): a full stop after one ends the sentence before a capital.
EVERYDAY_WORDS = ("me", "no", "ok", "kan", "May")
#: ... and those of one language's list (Italian hours and a tennis set, the Spanish sea, the
#: German kind; the lists hold them for ``settembre``, ``marzo`` and ``Artikel``).
EVERYDAY_WORDS_BY_LANGUAGE = {"it": ("ore", "set"), "es": ("mar",), "de": ("Art",)}


def _word_stop_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """A full stop (and closing marks) before a space and a capital, after one of ``words``, two
    capitals (an acronym, checked by :func:`_word_stops`) or a closing bracket. (The stop first,
    then what precedes it looked behind: a pattern that starts with a literal is scanned for quickly.)"""
    return re.compile(
        r"\.(?:"
        + "|".join(rf"(?<=(?<![\w.]){word}\.)" for word in words)
        + r"|(?<=[A-Z][A-Z]\.)|(?<=[)\]]\.))"
        + r"[\"”’')\]]*\s+(?=[\"“‘'(]?[A-Z])"
    )


_WORD_STOP = _word_stop_pattern(EVERYDAY_WORDS)
_WORD_STOPS_BY_LANGUAGE = {
    language: _word_stop_pattern(EVERYDAY_WORDS + words) for language, words in EVERYDAY_WORDS_BY_LANGUAGE.items()
}

#: The word in capitals before a stop: letters only, read back at most ``MAX_TOKEN_CHARS``.
_CAPITALS_BEFORE = re.compile(r"(?<![\w.])[A-Z]+$")
#: Abbreviations written before a name that sentencex's list for the language lacks (titles,
#: and the words of an address), found in IndoSum and Detik text: a stop after one, before a
#: capital, does not end a sentence. Malay writes the same ones.
TITLES_SENTENCEX_MISSES = {
    language: frozenset(
        {"Ir", "Hj", "Dra", "Sdr", "Sdri", "Alm", "Almh", "Plt", "Pol", "Sp", "DR"}  # before a name
        | {"PT", "CV", "UD"}  # before a company's name: its legal form ("PT. Bank Mandiri")
        | {"Jl", "Kab", "Kec", "Kel"}  # before a place: street, regency, district, village
    )
    for language in ("id", "ms")
}
#: Letters read back from a stop for a title: more than the longest one.
_MAX_TITLE_LETTERS = 1 + max(len(title) for titles in TITLES_SENTENCEX_MISSES.values() for title in titles)
_DOTTED_INITIALS = re.compile(r"(?:[^\W\d_]\.)+(?:[^\W\d_]\.?)?")
_LETTERS = re.compile(r"[^\W\d_]+")


def _trimmed(view: str, start: int, end: int) -> Span | None:
    """Shrink ``[start, end)`` to exclude surrounding whitespace; ``None`` when nothing is left."""
    while start < end and view[start].isspace():
        start += 1
    while end > start and view[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def split_lines(view: str) -> list[Span]:
    """Non-blank lines of ``view``, each trimmed of surrounding whitespace."""
    spans = (_trimmed(view, match.start(), match.end()) for match in _LINE.finditer(view))
    return [span for span in spans if span is not None]


def split_sentences(view: str, span: Span, language: str) -> list[Span]:
    """Sentences of the line ``view[span[0]:span[1]]``, trimmed, in order.

    sentencex returns pieces that concatenate back to its input, so its cuts are running sums;
    each cut is then moved across the quotes around it, or undone (see the module docstring).
    A piece without any word character (a stray quote or dash) is glued to its predecessor.
    """
    start, end = span
    line = view[start:end]
    position = start
    raw = []
    for piece in _sentencex_segment(language, _masked(line)):
        position += len(piece)
        raw.append(position)
    raw.pop()  # the end of the line
    if _may_quote_in_single_marks(line) and (quoted := _quoted_cuts(view, start, end, raw, language)):
        raw = sorted({*raw, *quoted})
    if words := _word_stops(view, start, end, language):
        raw = sorted({*raw, *words})
    if _maybe_glued(line):  # rare: domains, abbreviations, lost line breaks
        raw = sorted({*raw, *_glued_stops(view, start, end, language)})
    titles = TITLES_SENTENCEX_MISSES.get(language)
    if titles is not None and raw:  # last: no rule above may cut after a title ("PT. Bank" is in capitals)
        raw = [cut for cut in raw if not _after_title(view, start, cut, titles)]
    if not line.isascii() and _SCRIPT_MARK.search(line):
        raw = _script_cuts(view, start, end, raw)
    if not raw:
        trimmed = _trimmed(view, start, end)
        return [trimmed] if trimmed else []
    cuts: list[int] = []
    for position in raw:
        cut = _placed_cut(view, start, position, end)
        if cut is not None and start < cut < end and (not cuts or cut > cuts[-1]):
            cuts.append(cut)
    out: list[Span] = []
    for piece_start, piece_end in zip([start, *cuts], [*cuts, end], strict=True):
        trimmed = _trimmed(view, piece_start, piece_end)
        if trimmed is None:
            continue
        if out and not _WORD.search(view, trimmed[0], trimmed[1]):
            out[-1] = (out[-1][0], trimmed[1])
        else:
            out.append(trimmed)
    return out


def _after_title(view: str, start: int, cut: int, titles: frozenset[str]) -> bool:
    """Whether sentencex's cut at ``cut`` follows one of ``titles`` and a stop (``Ir. |Hendra``)."""
    if cut >= len(view) or not view[cut].isupper():
        return False
    stop = cut
    while stop > start and view[stop - 1].isspace():
        stop -= 1
    if stop <= start or view[stop - 1] != ".":
        return False
    begin = stop - 1
    while begin > start and stop - 1 - begin < _MAX_TITLE_LETTERS and view[begin - 1].isalpha():
        begin -= 1
    if begin > start and (view[begin - 1].isalnum() or view[begin - 1] == "."):
        return False  # a longer word, or dotted initials
    return view[begin : stop - 1] in titles


def _word_stops(view: str, start: int, end: int, language: str) -> list[int]:
    """Cuts after the full stops in ``view[start:end]`` that follow a word sentencex may have
    taken for an abbreviation but is not one (see the module docstring), before a capital.

    Each cut is at the next sentence's first character, where sentencex puts its own.
    """
    cuts = []
    for match in _WORD_STOPS_BY_LANGUAGE.get(language, _WORD_STOP).finditer(view, start, end):
        stop = match.start()
        if view[stop - 2 : stop].isupper() and view[stop - 1] not in ")]":  # an acronym, or a word in capitals
            capitals = _CAPITALS_BEFORE.search(view, max(start, stop - MAX_TOKEN_CHARS), stop)
            if capitals is None or not _lower_case_word_at(view, match.end(), end):
                continue
        cuts.append(match.end())
    return cuts


def _lower_case_word_at(view: str, position: int, end: int) -> bool:
    """Whether the word at ``position`` (after an opening mark) has a lower-case letter."""
    word = _LETTERS.search(view, position, min(end, position + MAX_TOKEN_CHARS))
    return word is not None and not word.group().isupper()


def sentence_rules(language: str) -> str:
    """How sentences of ``language`` are found, as ``GET /v1/languages`` lists it: ``sentencex``
    (with the rules of this module for quotes, titles and glued stops), or, for Thai and Lao,
    ``spaces`` between letters of their script."""
    return "spaces" if language in SPACE_SENTENCE_LANGUAGES else "sentencex"


def _script_cuts(view: str, start: int, end: int, raw: list[int]) -> list[int]:
    """sentencex's cuts ``raw`` in the line ``view[start:end]``, corrected for the scripts it
    does not cover (see the module docstring): without its cuts after a mark that is not a
    sentence terminator, with cuts after the terminators it misses and, in Thai and Lao, at the
    spaces between letters that leave no piece shorter than ``MIN_SPACE_SENTENCE_CHARS``."""
    cuts = {cut for cut in raw if (piece := _trimmed(view, start, cut)) is None or view[piece[1] - 1] not in _NOT_STOPS}
    cuts.update(match.end() for match in _MISSED_STOP.finditer(view, start, end))
    spaces = [match.end() for match in _SPACE_BETWEEN_LETTERS.finditer(view, start, end)]
    if not spaces:
        return sorted(cuts)
    fixed, kept = sorted(cuts), []
    last, index = start, 0  # the last cut at or before a space, and the first fixed cut after it
    for space in spaces:
        while index < len(fixed) and fixed[index] <= space:
            last, index = max(last, fixed[index]), index + 1
        after = fixed[index] if index < len(fixed) else end
        if space - last >= MIN_SPACE_SENTENCE_CHARS and after - space >= MIN_SPACE_SENTENCE_CHARS:
            kept.append(space)
            last = space
    return sorted({*fixed, *kept})


def _glued_stops(view: str, start: int, end: int, language: str) -> list[int]:
    """Sentence ends glued to the next sentence (``2004.House prices``) that sentencex missed.

    A candidate is sentence punctuation between a word and a capitalised word with no space.
    sentencex judges it as if the space were there, on the two words alone (so an abbreviation
    such as ``Mr.Smith`` or an initial stays); at most ``MAX_GLUED_PROBES`` per line are judged.
    """
    stops: list[int] = []
    for match in islice(_GLUED_STOP.finditer(view, start, end), MAX_GLUED_PROBES):
        stop = match.end(1)
        if not match.group(2).isupper() or _one_word(view, start, stop, stop, end):
            continue
        floor, ceiling = max(start, stop - MAX_TOKEN_CHARS), min(end, stop + MAX_TOKEN_CHARS)
        before = view[view.rfind(" ", floor, stop) + 1 or floor : stop]
        space = view.find(" ", stop, ceiling)
        after = view[stop : space if space >= 0 else ceiling]
        if len(list(_sentencex_segment(language, f"{before} {after}"))) > 1:
            stops.append(stop)
    return stops


def _maybe_glued(line: str) -> bool:
    """A quick test for :data:`_GLUED_STOP`: sentence punctuation (and quotes) followed by a letter.

    (A few ``str.find`` calls: far cheaper than a regular-expression scan of every line.)
    """
    for mark in ".!?":
        position = line.find(mark)
        while 0 <= position < len(line) - 1:
            following = line[position + 1 : position + 4].lstrip('"”’)]“')
            if following[:1].isalpha():
                return True
            position = line.find(mark, position + 1)
    return False


def _masked(line: str) -> str:
    """``line`` with its double quotes and brackets as spaces (same length): what sentencex reads.

    A straight single quote standing alone between spaces (``era ' 90-an``, ``cukup ' dingin. '``
    in tokenised text) is masked too: it is never an apostrophe, and sentencex would take it for
    a quotation that runs to the next one, hiding every sentence in between (a whole article,
    once its line breaks are gone). Other single quotes are read by :func:`_quoted_cuts`.
    """
    for mark in _MARKS:  # str.replace per mark is several times faster than str.translate here
        if mark in line:
            line = line.replace(mark, " ")
    if _LONE_QUOTE in line:
        line = line.replace(_LONE_QUOTE, "   ")
    return line


def _may_quote_in_single_marks(line: str) -> bool:
    """Whether ``line`` holds a single quote :data:`_SPACED_SINGLE_QUOTE` reads as a quotation mark
    (three ``in`` tests first: most lines hold no single quote, and the scan costs more)."""
    return ("'" in line or "’" in line or "‘" in line) and _SPACED_SINGLE_QUOTE.search(line) is not None


def _quoted_cuts(view: str, start: int, end: int, raw: list[int], language: str) -> list[int]:
    """Cuts inside the pieces sentencex made of ``view[start:end]`` (ends at ``raw``) that hold a
    quotation in single marks (``'I was there. I did my bit.'``): each such piece is read again
    with its single quotation marks masked too (:data:`_SPACED_SINGLE_QUOTE`), and the cuts found
    inside it are added. The pieces' own ends stay where they were, so a headline in single
    quotes run into the text (``poverty.'No UK apology' for …``) is cut as before.
    """
    cuts: list[int] = []
    for piece_start, piece_end in zip([start, *raw], [*raw, end], strict=True):
        piece = view[piece_start:piece_end]
        if not _SPACED_SINGLE_QUOTE.search(piece) or not _INNER_TERMINAL.search(piece.rstrip()):
            continue
        position = piece_start
        for part in _sentencex_segment(language, _SPACED_SINGLE_QUOTE.sub(" ", _masked(piece))):
            position += len(part)
            if position < piece_end:
                cuts.append(position)
    return cuts


def _sides(view: str, position: int, floor: int = 0) -> tuple[str, str]:
    """The characters before and after ``position``; a space beyond ``floor`` or the text's end."""
    before = view[position - 1] if position > floor else " "
    after = view[position + 1] if position + 1 < len(view) else " "
    return before, after


def _is_mark(view: str, position: int) -> bool:
    """Whether the character at ``position`` is a quote or bracket that the splitter masks (a
    single quote only as :data:`_SPACED_SINGLE_QUOTE` finds one: its look-behind reads the text
    before ``position`` too)."""
    char = view[position]
    return char in _MARKS or (char in SINGLE and _SPACED_SINGLE_QUOTE.match(view, position) is not None)


def _placed_cut(view: str, line_start: int, cut: int, line_end: int) -> int | None:
    """Where sentencex's cut at ``cut`` really falls, or ``None`` when there is no sentence break.

    The gap around the cut is the run of spaces and quote marks between the last word (or
    sentence mark) of one piece and the first word of the next. Closing marks right after the
    sentence mark stay left; the rest of the gap goes right.
    """
    if view[cut].islower() and _detached_stop(view, line_start, cut):
        return None
    if view[cut - 1] == " " and view[cut].isalnum() and not view[cut - 2].isspace() and not _is_mark(view, cut - 2):
        return cut  # the common case: one space between a sentence and a word
    left, right = cut, cut
    floor, ceiling = max(line_start, cut - MAX_TOKEN_CHARS), min(line_end, cut + MAX_TOKEN_CHARS)
    while left > floor and (view[left - 1].isspace() or _is_mark(view, left - 1)):
        left -= 1
    while right < ceiling and (view[right].isspace() or _is_mark(view, right)):
        right += 1
    gap = view[left:right]
    if not any(char.isspace() for char in gap) and _one_word(view, line_start, left, right, line_end):
        return None
    if _attribution(view, left, right, line_end) or _quoted_in_japanese(view, left, right):
        return None
    split = left
    for position in range(left, right):
        mark = view[position]
        if mark in OPENING or (mark == STRAIGHT and _opens(view, line_start, position)) or _opens_single(view, position):
            break
        if not mark.isspace():
            split = position + 1  # a closing mark: it ends the sentence on the left
    return split


def _detached_stop(view: str, line_start: int, cut: int) -> bool:
    """Whether spaces, a full stop and a space come before ``cut`` (``who . claims``): a wrapped
    line marked by a converter, not the end of a sentence (the caller checks the lower case)."""
    left = cut
    while left > line_start and view[left - 1] == " ":
        left -= 1
    return left < cut and left - 2 >= line_start and view[left - 1] == "." and view[left - 2] == " "


def _opens(view: str, line_start: int, position: int) -> bool:
    """Whether the straight quote at ``position`` opens a quotation.

    After a word and before a space it closes (``over." The``); after a space and before a word
    it opens (``said. "We``). Glued on both sides (``said."We``, line breaks lost), or spaced on
    both, it opens unless a quotation is open at that point (see :func:`_inside_quotation`).
    """
    before, after = _sides(view, position, line_start)
    if before.isspace() != after.isspace():
        return before.isspace()
    return not _inside_quotation(view, line_start, position)


def _opens_single(view: str, position: int) -> bool:
    """Whether the character at ``position`` is a single quote that opens a quotation: ``‘``,
    or ``'``/``’`` after a space and before a word (``said. 'We``); otherwise it closes one
    (``part.' Then``). Unlike a double quote, a single one cannot be counted: apostrophes share it."""
    mark = view[position]
    if mark == "‘":
        return True
    if mark not in SINGLE:
        return False
    before, after = _sides(view, position)
    return before.isspace() and not after.isspace()


def _inside_quotation(view: str, line_start: int, position: int) -> bool:
    """Whether a double quotation is open at ``position``, judged by the nearest quote before it.

    That quote opened a quotation when it stands before a word after a space (or a curly
    opening mark), and closed one when it stands after a word before a space or punctuation.
    A quote glued on both sides gives no sign: then the count of straight quotes decides.
    """
    line_start = max(line_start, position - QUOTE_LOOKBACK)  # bounded work on hostile input
    index = max(view.rfind(mark, line_start, position) for mark in (STRAIGHT, "“", "”"))
    if index < 0:
        return False
    if view[index] != STRAIGHT:
        return view[index] == "“"
    before = view[index - 1] if index > line_start else " "
    after = view[index + 1] if index + 1 < len(view) else " "
    if after.isspace() or after in ",.;:!?)]":
        return False
    if before.isspace() or before in "([":
        return True
    return view.count(STRAIGHT, line_start, position) % 2 == 1


def _attribution(view: str, left: int, right: int, line_end: int) -> bool:
    """A quotation ending in ``?`` or ``!`` followed by its attribution (``"Why?" he asked.``)."""
    if right >= line_end or not view[right].islower():
        return False
    before = view[left - 1] if left > 0 else ""
    closed = any(mark in view[left:right] for mark in CLOSING + STRAIGHT + SINGLE)
    return before in "?!" and closed


def _quoted_in_japanese(view: str, left: int, right: int) -> bool:
    """A quotation closed by a corner bracket and followed by its quoting particle
    (``「注意してください。」と呼びかけています``): one sentence, like ``"Why?" he asked``."""
    return any(mark in _CORNER_CLOSING for mark in view[left:right]) and view.startswith(_QUOTING_PARTICLES, right)


def _one_word(view: str, line_start: int, left: int, right: int, line_end: int) -> bool:
    """Whether a cut with no space at all falls inside one word that merely contains a dot.

    The glued token is read from the last space before to the first space after. It is one
    word when it is a URL or e-mail address, a domain name (the part after the dot is a known
    top-level domain), all capitals on both sides (``JUARA.NET``) or dotted initials
    (``U.S.Army``, ``e.g.The``).
    """
    if view[left - 1] not in _TERMINAL:
        return False
    after_word = _LETTERS.match(view, right, min(line_end, right + MAX_TOKEN_CHARS))
    if after_word is None:
        return False
    # Bounded: a 1 MiB "word" is not read. Inside a line of the view, spaces are " " or "\t".
    floor = max(line_start, left - MAX_TOKEN_CHARS)
    before = view[max(floor, view.rfind(" ", floor, left) + 1, view.rfind("\t", floor, left) + 1) : left]
    if "://" in before or "@" in before or before[:3].casefold() == "www":
        return True
    after_text = after_word.group()
    if after_text in DOMAIN_ENDINGS and not view[after_word.end() : after_word.end() + 1].isalpha():
        return True  # lower case only: "expectations.Net income" is two sentences
    if after_text.isupper() and len(after_text) > 1:  # "ITV.X Factor" is two sentences
        stem = before.rstrip(_TERMINAL)
        before_word = _LETTERS.search(stem)
        if before_word is not None and before_word.group().isupper() and before_word.end() == len(stem):
            return True
    return bool(_DOTTED_INITIALS.fullmatch(before.lstrip(_MARKS)))
