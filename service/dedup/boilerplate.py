"""News boilerplate: datelines, by-lines, related-link and widget lines, photo credits, author tags.

Scraped and syndicated news carries text that is not the article: a dateline before the first
sentence (``JAKARTA, KOMPAS.com -``, ``LONDON (Reuters) -``, ``Liputan6.com, Jakarta:``), a
by-line and publication time stamps (``By . Daily Mail Reporter . PUBLISHED: . 14:11 EST, 25
October 2013 .``, as flattened corpora carry them; left in, they split into short "sentences"
ahead of the lead and shift every position the ranker reads), links to other stories
(``Baca juga: …``, ``Read more: …``), widget labels (``ADVERTISEMENT``), photo captions and
credit lines (``(Foto: …)``, ``Editor: …``) and the author's initials at the end (``(ant/tsa)``).
Left in, they rank as sentences or start the summary's first one.

Every pattern is one named entry of the table ``boilerplate_patterns.PATTERNS`` (data: where
it may match, what it removes); this module only applies them. Indonesian and English first,
from the conventions of Indonesian portals (Kompas, CNN Indonesia, detik, ANTARA, Merdeka,
Suara, JUARA) and the wires (Reuters, AP, AFP). The patterns were written from ``../shared/data/indosum/train.jsonl`` and
checked on the dev files with ``python -m bench.boilerplate_eval``.

Where a pattern may match (``scope``):

* ``"head"``: datelines. Only in the first :data:`HEAD_LINES` lines, within their first
  :data:`HEAD_CHARS` characters, and only the first one found: a dateline opens an article.
  It may start a line, or follow a headline copy that runs into it when line breaks were lost
  (``…TemuJAKARTA, KOMPAS.com - Body``).
* ``"first"``: what prose can resemble, so only at the start of one of the first
  :data:`FIRST_LINES` lines: a bare place in capitals before a dash (``SEMARANG -``), a
  publisher's dateline closed by a colon, a wire credit alone or glued to the first word
  (``(CNN) --``, ``(CNN)Five …``), a by-line and its time stamps.
* ``"anywhere"``: anywhere its ``after`` rule allows (see :func:`_starts_well`: the start of
  a line, after sentence-final punctuation, or glued on by a lost line break). The rule is
  checked in code rather than by a lookbehind, so that each regex starts with its marker and
  scans a megabyte in milliseconds.

What a match removes (``extent``):

* ``"match"``: the matched text.
* ``"link"``: the marker and the linked headline after it: to the end of the line, a closing
  bracket, or the point where the next sentence is glued on (``…Jadi BesarPresiden``), at most
  :data:`MAX_LINK_CHARS` characters; past that, the run of title-case words after the marker.
* ``"line"``: the marker and the rest of its line, if that is short (:data:`MAX_CREDIT_CHARS`);
  otherwise nothing (a long line after ``Sumber:`` is prose).
* ``"caption"``: a credit in parentheses; the whole line when what precedes it on the line is a
  short phrase without closing punctuation (a photo caption, ``Tim Cook, CEO Apple (Foto: …)``).

A pattern never looks further than its bounds, and every regex is linear (no nested
quantifiers), so the work is linear in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..models import Span
from ..text.shape import MAX_HEADLINE_WORDS, is_open
from .boilerplate_patterns import PATTERNS, TITLE_FUNCTION_WORDS, After, Pattern

__all__ = ["PATTERNS", "Match", "find_boilerplate"]


#: A dateline opens the article: after at most a few headline, kicker and byline lines.
HEAD_LINES = 12
#: ... and within the first characters of its line: two glued headline copies (2 x 30 words)
#: and the dateline fit in 1000 characters.
HEAD_CHARS = 1000
#: A bare place before a dash (``SEMARANG -``) is a dateline only on one of the first lines.
FIRST_LINES = 3
#: Longest linked headline after ``Baca juga:`` (headlines run 5-15 words, 30 at most).
MAX_LINK_CHARS = 250
#: A credit line runs to the end of its line, and is short (30 words or so; ``Penulis: Moh.
#: Shofan, aktivis Muhammadiyah, kandidat doktor …`` is 95 characters).
MAX_CREDIT_CHARS = 200
#: Characters before a photo credit that can still be its caption line (30 words).
MAX_CAPTION_CHARS = 300

#: Two words glued by a lost line break: a lower-case letter or closing punctuation straight
#: before a capital that starts a word (``BesarPresiden``, ``April.Kehadiran``).
_GLUE = re.compile(r"(?<=[a-z0-9%)\]\"”’!?.])(?=[A-Z“\"][a-z])|(?<=[a-z])(?=[A-Z]{3})")
_TOKEN = re.compile(r"\S+")
#: The end of a dateline's separator (``boilerplate_patterns._SEP``: a dash, then spaces and the
#: article): every head pattern ends with it, so a head line where it does not occur is not
#: searched (most lines with a dash have it inside a word, ``long-term``). It starts with the
#: dash, so the regex engine skips ahead to dashes (``_SEP`` itself starts with optional spaces).
_DATELINE_END = re.compile(r"[-–—](?=[^\S\n]+\S)")

@dataclass(frozen=True)
class Match:
    """A span of boilerplate (trimmed: no surrounding white space) and the pattern that found it."""

    start: int
    end: int
    pattern: str


def find_boilerplate(view: str, lines: Sequence[Span]) -> list[Match]:
    """Boilerplate spans of ``view``, sorted and not overlapping.

    Args:
        view: the processing view of the text (offsets are offsets of the input).
        lines: its non-blank lines (``segment.split_lines``), in order.
    """
    starts = [start for start, _ in lines]

    def line_of(position: int) -> Span:
        index = bisect_right(starts, position) - 1
        return lines[index] if index >= 0 else (position, position)

    dateline = _first_dateline(view, lines)
    found: list[Match | None] = [dateline]
    for pattern in PATTERNS:
        if pattern.scope == "anywhere" and (not pattern.requires or pattern.requires in view) and (
            not pattern.needles or any(n in view for n in pattern.needles)
        ):
            found.extend(
                _extend(view, line_of, pattern, match)
                for match in pattern.regex.finditer(view)
                if _starts_well(view, match.start(), pattern.after)
            )
        elif pattern.scope == "first":
            for start, end in lines[:FIRST_LINES]:
                hit = pattern.regex.match(view, start, min(end, start + HEAD_CHARS))
                if hit:
                    found.append(_extend(view, line_of, pattern, hit))
    spans = [t for m in found if m is not None and (t := _trim(view, m)) is not None]
    spans.sort(key=lambda m: (m.start, -m.end))
    kept: list[Match] = []
    for span in spans:
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


def _first_dateline(view: str, lines: Sequence[Span]) -> Match | None:
    """The first dateline of the head lines (the earliest of the head patterns on that line)."""
    heads = [p for p in PATTERNS if p.scope == "head"]
    for start, end in lines[:HEAD_LINES]:
        limit = min(end, start + HEAD_CHARS)
        if not _DATELINE_END.search(view, start, limit):
            continue  # every dateline ends with a separator: a line without one is not searched
        hits = [(m, p.name) for p in heads if (m := _search_joined(p.regex, view, start, limit))]
        if hits:
            best, name = min(hits, key=lambda hit: (hit[0].start(), -hit[0].end()))
            return Match(best.start(), best.end(), name)
    return None


def dateline_at(view: str, line: Span) -> Match | None:
    """The dateline :func:`_first_dateline` finds in ``line`` read as a line of its own, whatever is
    glued before it: the line whose break ``dedup.lone_title`` restored ("… Payung Nuklir
    AS|Jakarta, CNN Indonesia -- Jepang …"). In the text as sent, a place glued to a capital is no
    dateline (``_PLACE_ALONE``); the line is read from a copy that starts with it."""
    start, end = line
    head = view[start : min(end, start + HEAD_CHARS)]
    found = _first_dateline(head, [(0, len(head))])
    return None if found is None else _trim(view, Match(start + found.start, start + found.end, found.pattern))


def _search_joined(regex: re.Pattern[str], view: str, start: int, limit: int) -> re.Match[str] | None:
    """The first match at the line's start or glued to what precedes it (a lost line break),
    never after a space inside the line, where a place and a dash may be prose."""
    position = start
    while (match := regex.search(view, position, limit)) is not None:
        if match.start() == start or not view[match.start() - 1].isspace():
            return match
        position = match.start() + 1
    return None


#: Punctuation after which a marker may follow (with spaces or glued): the end of a sentence,
#: or of a clause that introduces it (``Baca juga`` after a colon).
_SENTENCE_END = frozenset('.!?:;"”’)]')
#: ... and the end of a sentence only: what credits and author tags follow.
_CLOSING = frozenset('.!?"”’)]')
#: Spaces looked back over from a marker to the punctuation before it.
MAX_LEAD_SPACES = 40


def _starts_well(view: str, start: int, after: After) -> bool:
    """Whether a marker at ``start`` stands where the pattern's ``after`` allows.

    * ``sentence``: a line start, after sentence-final punctuation (and spaces), or glued to
      the end of a word by a lost line break (``…kata dia.Baca juga:``, ``…diaBaca juga:``);
    * ``glued``: a line start, or straight after punctuation or a word (a lost line break),
      never after a space inside a paragraph (``… kata dia. Sumber: …`` may be prose);
    * ``closing``: a line start, or after closing punctuation (and spaces): an author tag
      follows the last sentence;
    * ``word`` / ``caps``: not inside a word / not after another capital.
    """
    if after == "any":
        return True
    before = view[start - 1] if start else "\n"
    if after == "word":
        return not before.isalnum()
    if after == "caps":
        return not before.isupper()
    position = start
    floor = max(0, start - MAX_LEAD_SPACES)
    while position > floor and view[position - 1] in " \t":
        position -= 1
    if position == 0 or view[position - 1] == "\n":
        return True  # the start of a line, perhaps indented
    before = view[position - 1]
    if after == "closing":
        return before in _CLOSING
    if position < start:  # spaces between the marker and what precedes it
        return after == "sentence" and before in _SENTENCE_END
    if after == "glued":
        return before in _CLOSING or before.islower() or before.isdigit()
    return before in _SENTENCE_END or before.islower() or before.isdigit()


#: The rest of a line is blank.
_BLANK_TO_LINE_END = re.compile(r"[^\S\n]*(?:\n|\Z)")


def _extend(view: str, line_of: Callable[[int], Span], pattern: Pattern, match: re.Match[str]) -> Match | None:
    """The span a match removes, by the pattern's ``extent`` (``None``: nothing after all)."""
    start, end = match.span()
    line_start, line_end = line_of(start)
    line_end = max(line_end, end)
    if pattern.extent == "line":
        if line_end - end > MAX_CREDIT_CHARS or line_end == end:
            return None
        end = line_end
    elif pattern.extent == "link":
        end = _link_end(view, start, end, line_end)
    elif pattern.extent == "caption" and 0 < start - line_start <= MAX_CAPTION_CHARS:
        before = view[line_start:start]
        if is_open(before) and len(before.split()) <= MAX_HEADLINE_WORDS and _BLANK_TO_LINE_END.match(view, end):
            start = line_start  # the whole line is the photo's caption
    return Match(start, end, pattern.name)


#: The bracket that closes a link opened by one.
_CLOSER = {"[": "]", "(": ")"}


def _link_end(view: str, marker_start: int, marker_end: int, line_end: int) -> int:
    """Where the headline linked after a ``Baca juga:`` marker ends (see the module docstring).

    A link opened by a bracket ends at the bracket that closes it. A short rest of the line that
    does not end like a sentence is the headline. Otherwise (the next sentence follows on the
    same line, or the line breaks were lost) the headline is the run of title-case words after
    the marker, up to a glued word or the capitalised word that starts a sentence (``… 6 GB
    Selain itu, …``).
    """
    limit = min(line_end, marker_end + MAX_LINK_CHARS)
    closer = _CLOSER.get(view[marker_start])
    if closer:
        bracket = view.find(closer, marker_end, limit)
        if bracket >= 0:
            return bracket + 1
    if line_end == limit and not view[marker_end:line_end].rstrip().endswith("."):
        return line_end
    tokens = list(_TOKEN.finditer(view, marker_end, limit))
    end = marker_end
    for i, token in enumerate(tokens):
        word = token.group()
        glue = _GLUE.search(word, 1)
        if glue:
            return token.start() + glue.start() if _title_word(word) else end
        follower = tokens[i + 1].group() if i + 1 < len(tokens) else ""
        if not _title_word(word) or (i > 0 and word[0].isupper() and _prose_word(follower)):
            return end
        end = token.end()
    return end


def _title_word(word: str) -> bool:
    return word[0].isupper() or word[0].isdigit() or word[0] in "\"“‘'([" or word.lower() in TITLE_FUNCTION_WORDS


def _prose_word(word: str) -> bool:
    """A lower-case word that a title-case headline would capitalise: prose has begun."""
    return bool(word) and word[0].islower() and word.rstrip(",.;:").lower() not in TITLE_FUNCTION_WORDS


def _trim(view: str, match: Match) -> Match | None:
    start, end = match.start, match.end
    while start < end and view[start].isspace():
        start += 1
    while end > start and view[end - 1].isspace():
        end -= 1
    if (start, end) == (match.start, match.end):
        return match
    return Match(start, end, match.pattern) if start < end else None
