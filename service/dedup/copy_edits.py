"""Copies that differ from their headline: cut short with no ellipsis, edited by a word, or
printed in another case.

Each is weaker evidence than a copy that matches, so each is accepted only where it follows its
headline at once or stands glued to what follows (a line break lost there), and a lede that
restates its headline is told apart by case: a copy keeps the headline's capitals
(:func:`lowers_a_capital`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from ..models import Span
from .copy_extent import MIN_COPY_CHARS
from .publishers import without_publisher
from .seams import MAX_WORD_CHARS, fold, skip_spaces, starts_sentence

#: Copies that run into each other are adjacent and should agree almost exactly: a strict bar
#: keeps a headline-like phrase that merely recurs inside a sentence from being cut.
RUN_IN_SIMILARITY = 0.8
#: A copy cut short with no ellipsis keeps at least this many words (and more than half).
MIN_CUT_SHORT_WORDS = 3
#: A copy with a word changed needs a headline of at least this many words (three the same).
MIN_EDITED_WORDS = 4
#: A publisher's suffix after a copy has at most this many words, its separator one of them
#: (" - The Wall Street Journal").
MAX_SUFFIX_WORDS = 5


def edited_copy(view: str, headline: str, copy_start: int, end: int, points: Sequence[int]) -> tuple[Span, float] | None:
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
        if not one_word_apart(reference, words) or not starts_sentence(view, point, end):
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


def one_word_apart(a: Sequence[str], b: Sequence[str]) -> bool:
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


def cut_short_copy(
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
        after = skip_spaces(view, point, end)
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


def glued_whole(view: str, headline: str, copy: Span, end: int) -> bool:
    """Whether ``copy`` repeats the whole ``headline`` (in any case) and is glued to what follows
    (``…SpeechDollar gains on Greenspan speechThe dollar …``): a lost line break, so a copy in
    another case, where a lede that restates its headline goes on after a space."""
    return copy[1] < end and not view[copy[1]].isspace() and fold(view[copy[0] : copy[1]]).split() == fold(headline).split()


def _initial(word: str) -> str:
    """A word's first letter ("C" of "'Comeback'"), or "" if it has none."""
    return next((char for char in word if char.isalpha()), "")
