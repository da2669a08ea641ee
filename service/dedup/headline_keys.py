"""What a headline is made of, for cross-article dedup: its key, its core, its words and numbers.

Syndicated copies of one headline differ by *artefacts* around the same words, so every
comparison is between normalised forms rather than raw strings:

- **key**: HTML entities decoded (``S&amp;P 500``), then the project's one
  :func:`~service.text.normalise.matching_key` (NFKC, case-folded, plain quotes and dashes,
  single spaces) — copies that differ only by case or typography share it;
- **core**: the key without a wire prefix (``UPDATE 2-``, ``BREAKING:``) or an outlet suffix
  (``- Reuters``, ``| Kompas.com``), and without a final ellipsis — copies that differ only by
  such affixes share it;
- **words** and **anchors**: the core's words and the consecutive word pairs that find
  candidate copies through an inverted index (see :mod:`.headline_groups`);
- **numbers**: digits, month and weekday names of the core. A series headline that differs
  only in a date or a count (``Factors to watch on May 20`` / ``… on July 14``, ``12 killed``
  / ``10 killed``) is a different headline however similar its characters are.

The prefix and suffix patterns describe the *shape* of an affix (a short segment cut off by a
separator), not a list of outlets, so that unseen outlets and wire codes are handled too.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import re
from dataclasses import dataclass

from ..text.normalise import matching_key
from ..text.shape import ELLIPSIS
from ..text.shape import words as words_of
from .markup import BRACKET_LABEL

#: A wire prefix: a word or two in capitals (``UPDATE``, ``BREAKING``, ``REFILE``, ``FOREX``),
#: perhaps a version number, then a separator before the headline proper. Read on the raw text
#: (case matters: ``NATO-led`` is a word, ``FOREX-Euro`` a prefix), so the separator must be
#: followed by a capital, a digit or a space.
#: A label in brackets is one too (``markup.BRACKET_LABEL``: ``[UPDATED] ``, ``(LEAD) ``), before a
#: capital or a digit.
_WIRE_PREFIX = re.compile(
    r"^\s*(?:[A-Z]{3,}(?:\s+[A-Z]{2,})?(?:\s+\d{1,2})?\s*(?:--?|:|—|–|\|)\s*(?=[A-Z0-9\s\"'‘“])"
    rf"|{BRACKET_LABEL}\s*(?=[A-Z0-9\"'‘“]))"
)
#: An outlet suffix: a spaced separator and at most ``MAX_AFFIX_WORDS`` words at the end
#: ("- Reuters", "| The Guardian", "— Yahoo News"); a topic label: the same at the start
#: ("Katie Holmes - Katie Holmes in awe…", UCI News).
MAX_AFFIX_WORDS = 4
#: Wire codes stripped at most from one headline ("RPT-UPDATE 2-" is two).
MAX_WIRE_PREFIXES = 3
#: A wire prefix glued to the next word by one hyphen, without a version number: in capitals
#: it may be a hyphenated word ("ROLLS-").
_GLUED = re.compile(r"[A-Z]{3,}(?:\s+[A-Z]{2,})?-")
_SUFFIX = re.compile(r"\s+(?:-|\||::|—|–|·|•)\s+(?P<affix>[^-|—–·•]+)$")
_TOPIC = re.compile(r"^\s*(?P<affix>[^-|—–·•:]+?)\s+(?:-|\||::|—|–|·|•)\s+")
#: Word pairs indexed per headline: real headlines have under 30 words; the bound keeps what a
#: remembered headline costs in the store fixed whatever its text (max_headline_chars).
MAX_WORD_PAIR_ANCHORS = 40
_DIGIT = re.compile(r"\d")
#: Month and weekday names (English and Indonesian, the service's two evaluated languages):
#: like digits, they tell one instalment of a series headline from another.
CALENDAR_WORDS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "januari", "februari", "maret", "mei",
    "juni", "juli", "agustus", "oktober", "desember", "senin", "selasa", "rabu", "kamis", "jumat", "sabtu",
    "minggu"
})


@dataclass(frozen=True)
class HeadlineKey:
    """The normalised forms of one headline that copies are recognised by."""

    key: str
    core: str
    truncated: bool
    words: tuple[str, ...]
    numbers: frozenset[str]
    #: Other readings of the core, when capitals make the wire prefix ambiguous.
    alternatives: tuple[str, ...] = ()

    @property
    def cores(self) -> tuple[str, ...]:
        return (self.core, *self.alternatives)

    @property
    def anchors(self) -> tuple[str, ...]:
        """Index keys that a copy shares with its original: the core itself, and its word pairs.

        A copy keeps most word pairs of its original — a truncated one its first pairs, an
        edited one all pairs but the one or two around the edit — so two copies share an anchor
        even when they share no whole form. A truncated copy's last word may be cut mid-word
        and is left out.
        """
        words = self.words[:-1] if self.truncated and len(self.words) > 2 else self.words
        pairs = [f"{a} {b}" for a, b in itertools.pairwise(words)] if len(words) > 1 else list(words)
        return (*(f"={core}" for core in self.cores), *list(dict.fromkeys(pairs))[:MAX_WORD_PAIR_ANCHORS])


def headline_key(text: str) -> HeadlineKey:
    """The key, core, words and numbers of ``text`` (see the module docstring).

    In capitals, a code glued to the next word cannot be told from a hyphenated word
    (``FOREX-EURO`` / ``ROLLS-ROYCE``): the core then keeps it, and the stripped reading is kept
    as an alternative core, so that copies in capitals still meet their mixed-case originals.
    """
    plain = html.unescape(text)
    key = matching_key(plain)
    capitals = plain.upper() == plain
    rest, kept_rest = plain, None
    for _ in range(MAX_WIRE_PREFIXES):  # stacked codes: "RPT-UPDATE 2-…", "BREAKING: UPDATE 1-…"
        prefix = _WIRE_PREFIX.match(rest)
        if prefix is None:
            break
        if kept_rest is None and capitals and _GLUED.fullmatch(prefix.group().strip()):
            kept_rest = rest  # from here on the reading is ambiguous
        rest = rest[prefix.end() :]
    stripped = _strip_affixes(rest)
    ambiguous = kept_rest is not None
    core, truncated = _cut(_strip_affixes(kept_rest) if kept_rest is not None else stripped)
    alternatives = (_cut(stripped)[0],) if ambiguous else ()
    words = tuple(words_of(core))
    numbers = frozenset(w for w in words if w in CALENDAR_WORDS or _DIGIT.search(w))
    return HeadlineKey(
        key=key, core=core or key, truncated=truncated, words=words or tuple(words_of(key)), numbers=numbers,
        alternatives=alternatives,
    )


def _strip_affixes(text: str) -> str:
    """``text`` without an outlet suffix and a topic label (the wire prefix is already gone)."""
    match = _SUFFIX.search(text)
    outlet = match.group("affix") if match else ""
    # An outlet's name never ends with an ellipsis: "X - Y Z…" is a cut headline, not a suffix.
    # Nor does it hold a number or a date: "PRESS DIGEST - Hong Kong - March 17" keeps its date.
    # And it is shorter than the headline it follows: "Andrew Garfield - Andrew Garfield's fatherly
    # fears" is a topic label and a headline, not a headline and an outlet.
    words_before = len(words_of(text[: match.start()])) if match else 0
    if (
        match and len(outlet.split()) <= MAX_AFFIX_WORDS and len(words_of(outlet)) < words_before
        and not ELLIPSIS.search(outlet.rstrip()) and not _has_number(outlet)
    ):
        text = _at_least_two_words(text[: match.start()], text)
    match = _TOPIC.match(text)
    if match and len(match.group("affix").split()) <= MAX_AFFIX_WORDS:
        text = _at_least_two_words(text[match.end() :], text)
    return text


def _cut(text: str) -> tuple[str, bool]:
    """The matching key of ``text`` without a final ellipsis, and whether it had one."""
    core = matching_key(text)
    truncated = bool(ELLIPSIS.search(core))
    if truncated:
        core = ELLIPSIS.sub("", core).rstrip(" ,;:-")
    return core, truncated


def _has_number(text: str) -> bool:
    return any(w in CALENDAR_WORDS or _DIGIT.search(w) for w in words_of(text.casefold()))


def _at_least_two_words(candidate: str, fallback: str) -> str:
    """``candidate`` unless it has under two words ("A - B" keeps both: neither is an affix)."""
    return candidate if len(words_of(candidate)) >= 2 else fallback


def numbers_agree(a: HeadlineKey, b: HeadlineKey) -> bool:
    """True unless the two headlines name different numbers or dates.

    A truncated copy may have lost the end of its original, numbers included, so its numbers
    need only be among the other's; otherwise they must be the same.
    """
    if a.truncated and not b.truncated:
        return a.numbers <= b.numbers
    if b.truncated and not a.truncated:
        return b.numbers <= a.numbers
    if a.truncated and b.truncated:
        return a.numbers <= b.numbers or b.numbers <= a.numbers
    return a.numbers == b.numbers


def anchor_digest(anchor: str) -> str:
    """A short fixed-size name for an anchor in a store (16 hex digits of BLAKE2b: collisions
    among a namespace's anchors only add candidates, which verification then rejects)."""
    return hashlib.blake2b(anchor.encode("utf-8"), digest_size=8).hexdigest()
