"""How far a copy of a headline reaches from where it starts.

A copy ends at a cut point (see :mod:`.seams`) followed by a new sentence, about as long as
its headline: longer only by a separated addition (a publisher's suffix, ``X - Reuters``), and
never by the body's first words, which may be words of the headline too ("… European|Shares in
Europe's …" under "… European shares"). :func:`copy_ends` lists the spans that may be the
copy, and :func:`best_copy` picks the one most like the headline.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from itertools import pairwise

from ..models import Span
from ..text.shape import ELLIPSIS
from .publishers import publisher_suffix
from .seams import (
    CURLY_OPENING,
    MAX_PROBE_CHARS,
    MAX_WORD_CHARS,
    SEPARATOR_MARKS,
    WORD,
    fold,
    skip_spaces,
    starts_sentence,
    without_full_stop,
)
from .similarity import Similarity, cut_before_suffix

#: A copy has at least two words; two-word headlines ("Markets tumble") exist.
MIN_HEADLINE_WORDS = 2
#: How much longer (in characters) a copy may be than the headline it repeats: a publisher
#: suffix (" - The Guardian", " | Kompas.com": under 20) or a word edited in (syndicated dev data).
COPY_SLACK_CHARS = 40
#: ... and at most this many more words: a suffix is a separator and a name or two.
COPY_SLACK_WORDS = 3
#: A copy cut short keeps at least this many characters (and a quarter of the headline, see
#: ``similarity.MAX_ALIGN_RATIO``): shorter stubs do not identify a headline.
MIN_COPY_CHARS = 10


def best_copy(view: str, reference: str, candidates: Sequence[Span], joins: set[int]) -> tuple[Span, float] | None:
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


def copy_ends(view: str, copy_start: int, headline: str, end: int, points: Sequence[int], joins: Collection[int]) -> list[Span]:
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
    headline_order = WORD.findall(fold(headline))
    headline_words = set(headline_order)
    capitalised = {fold(word) for word in WORD.findall(headline) if word[0].isupper()}
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
        if text.rstrip()[-1] in SEPARATOR_MARKS + CURLY_OPENING or not starts_sentence(view, point, end):
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
    said = WORD.findall(fold(text))
    if len(said) >= len(headline) or said != headline[: len(said)]:
        return False
    following = WORD.search(fold(view[point : min(end, point + MAX_WORD_CHARS)]))
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
        if inside and set(WORD.findall(fold(token))) <= words:
            inside = []
        inside = [at for at in inside if not _inside_a_word(headline, WORD.match(token, at))]
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
    following = view[skip_spaces(view, point, end) : min(end, point + MAX_PROBE_CHARS + MAX_WORD_CHARS)].split(maxsplit=1)
    words = WORD.findall(following[0]) if following else []
    if not words:
        return False
    word = fold(words[0])
    if words[0][0].isupper() and word not in capitalised:
        return False
    said = WORD.findall(fold(text))
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
    if any(token[0] in SEPARATOR_MARKS or token[-1] in SEPARATOR_MARKS for token in suffix):
        return True
    return any(token[-1] in SEPARATOR_MARKS for token in tokens[: extra + 1])
