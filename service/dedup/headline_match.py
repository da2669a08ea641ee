"""Is one headline a copy of another? The verification shared by batch grouping and the store check.

A candidate pair (found by shared anchors, see :mod:`.headline_keys`) is a copy when:

1. its texts are equal (``exact``), its keys are equal (``normalised``: case, typography,
   HTML entities), its cores are equal (``affix``: wire prefix, outlet suffix) or one core is a
   truncated start of the other (``truncated``) — no vectors needed; or
2. its numbers and dates agree, it shares at least ``MIN_WORD_OVERLAP`` of the shorter one's
   words, and the project's one copy measure, :class:`~.similarity.Similarity` (character
   n-gram TF-IDF cosine, with the shorter aligned against an end of the longer for cut and
   affixed copies), reaches the threshold on the keys or on the cores (``near-duplicate``,
   or ``affix``/``truncated`` when only the aligned comparison reaches it); or
3. it is an updated headline: one word in lower case changed, added or dropped in five or more
   (``near-duplicate``, with the cosine it reached), which in a short headline moves the
   character n-grams below the threshold.

Work is one vectorisation for all pairs of a request (scikit-learn's cost is per call).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

from ..text.shape import is_uncased_letter
from .copy_edits import changed_words
from .headline_keys import HeadlineKey, numbers_agree
from .headlines import MIN_WORD_OVERLAP
from .similarity import Similarity

#: A candidate: a position in the request, or a remembered headline's id.
T = TypeVar("T", int, str)
Reason = Literal["exact", "normalised", "affix", "truncated", "near-duplicate"]
#: Cosine at which two headlines are copies, on the keys or the cores. Tuned on
#: shared/data/headline_copies/dev.jsonl (bench/headlines_eval.py): differently worded
#: headlines of one UCI story reach 0.5–0.8 ("Gwyneth Paltrow thankful for support" / "…
#: Thanks Fans For Support Over Marriage Split": 0.79); 0.75 let 21 false pairs through,
#: 0.8 11, 0.85 2 but lost a fifth of the one-word edits (docs/HEADLINES_EVALUATION.md).
DEFAULT_THRESHOLD = 0.8
#: A truncated copy with fewer words than this (its cut last word aside) is only matched when
#: its key is equal: "Daniel Radcliffe…" says nothing about which headline it was cut from.
MIN_TRUNCATED_WORDS = 3
#: An edited copy (one word changed, added or dropped) keeps at least this many words.
MIN_EDITED_WORDS = 5
#: Pairs compared by vectors per call at most: at ~0.1–0.2 ms a pair (character n-grams of both
#: and of their aligned ends), a few seconds at worst. Real batches need far fewer (10,000 real
#: headlines: 1,518; every dev original with six kinds of copy, 28,084 headlines: 17,601).
MAX_VECTORISED_PAIRS = 20_000


@dataclass(frozen=True)
class Match:
    """Why a headline is a copy of another: the similarity (1.0 for equal forms) and the kind."""

    similarity: float
    reason: Reason


@dataclass(frozen=True)
class Keyed:
    """A headline's raw text with its normalised forms."""

    text: str
    key: HeadlineKey


def _direct(a: Keyed, b: Keyed) -> Match | None:
    """The copies decided without vectors (equal forms), else ``None``."""
    if a.text == b.text:
        return Match(1.0, "exact")
    if a.key.key == b.key.key:
        return Match(1.0, "normalised")
    ka, kb = a.key, b.key
    if ka.truncated == kb.truncated and not set(ka.cores).isdisjoint(kb.cores):
        return Match(1.0, "affix")
    if (ka.truncated or kb.truncated) and numbers_agree(ka, kb):
        short, long = (ka, kb) if len(ka.words) <= len(kb.words) else (kb, ka)
        cut_copy = (short.truncated and any(
            _starts_with(long_core.split(), short_core.split()) for short_core in short.cores for long_core in long.cores
        )) or _starts_with(long.words, short.words)
        # A cut copy needs enough words to name its headline, unless nothing was cut at all.
        if cut_copy and (_informative(short) or short.words == long.words):
            return Match(1.0, "truncated")
    return None


def _within_vector_budget(vector_pairs: list[int], owners: Sequence[int]) -> list[int]:
    """The pairs kept for vectors: each owner's first ones, ``MAX_VECTORISED_PAIRS`` in all."""
    by_owner: dict[int, list[int]] = {}
    for index in vector_pairs:
        by_owner.setdefault(owners[index], []).append(index)
    kept = within_budget(list(by_owner.values()), MAX_VECTORISED_PAIRS)
    return sorted(index for indices in kept for index in indices)


def within_budget(candidates: Sequence[list[T]], budget: int) -> list[list[T]]:
    """Each headline's candidates (best first), cut so that at most ``budget`` are kept in all.

    Every headline keeps its best ``c`` candidates, ``c`` the largest that fits the budget, so
    headlines with few candidates keep them all. Real feeds stay far below the budgets of
    :func:`.headline_groups.group_headlines` and :func:`verify`; a request of look-alike
    headlines (a few words in every order) would otherwise verify thousands of pairs per headline.
    """
    sizes = sorted(len(found) for found in candidates)
    if sum(sizes) <= budget:
        return list(candidates)
    cap, spent = 0, 0
    for rank, size in enumerate(sizes):  # the smaller lists are kept whole while the rest share what is left
        cap = (budget - spent) // (len(sizes) - rank)
        if cap < size:
            break
        spent += size
    return [found[:cap] for found in candidates]


def _starts_with(words: Sequence[str], start: Sequence[str]) -> bool:
    """``start`` begins ``words``; its last word may be cut mid-word ("Call centre us…")."""
    if not start or len(start) > len(words):
        return False
    return list(words[: len(start) - 1]) == list(start[:-1]) and words[len(start) - 1].startswith(start[-1])


def _one_word_edited(a: Keyed, b: Keyed) -> bool:
    """An updated headline: the same words but one changed, added or dropped, in a headline long
    enough that the rest names it.

    The changed word must be written in lower case in both: a series of headlines differs in a
    number (``numbers_agree`` keeps those apart) or in a name ("Indonesian president to visit
    UK" / "… to visit Australia", "Ankara protesters clash with police" / "Peru …"), and a word
    in capitals may be one (in a headline in title case, every word is).
    """
    wa, wb = a.key.words, b.key.words
    changed = changed_words(wa, wb) if min(len(wa), len(wb)) >= MIN_EDITED_WORDS else None
    if changed is None:
        return False
    return all(_written_in_lower_case(word, item.text) for word in changed for item in (a, b) if word in item.key.words)


def _written_in_lower_case(word: str, text: str) -> bool:
    """Whether ``word`` (a key's word, folded) stands in ``text`` in lower case (a word of a script
    without case, Hangul or Arabic, cannot show that it is no name: it does not)."""
    found = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE)
    return found is not None and not found.group()[0].isupper() and not is_uncased_letter(found.group()[0])


def _informative(key: HeadlineKey) -> bool:
    return not key.truncated or len(key.words) > MIN_TRUNCATED_WORDS


def _plausible(a: HeadlineKey, b: HeadlineKey) -> bool:
    """Cheap necessary conditions: numbers agree and enough words are shared."""
    if not (numbers_agree(a, b) and _informative(a) and _informative(b)):
        return False
    wa, wb = set(a.words), set(b.words)
    if a.truncated or b.truncated:  # a cut last word may be partial
        wa = set(a.words[:-1]) if a.truncated and len(a.words) > 1 else wa
        wb = set(b.words[:-1]) if b.truncated and len(b.words) > 1 else wb
    smaller = min(len(wa), len(wb))
    return smaller > 0 and len(wa & wb) >= MIN_WORD_OVERLAP * smaller


def verify(
    pairs: Sequence[tuple[Keyed, Keyed]], threshold: float = DEFAULT_THRESHOLD, owners: Sequence[int] | None = None
) -> list[Match | None]:
    """The match of each pair, or ``None`` where the pair is not a copy.

    At most ``MAX_VECTORISED_PAIRS`` pairs are compared by vectors: past that, each headline
    (``owners``: the headline each pair is a candidate of, its pairs best first) keeps its first
    ones (:func:`within_budget`), and the rest count as no copy.
    """
    results: list[Match | None] = [None] * len(pairs)
    vector_pairs: list[int] = []
    for index, (a, b) in enumerate(pairs):
        direct = _direct(a, b)
        if direct is not None:
            results[index] = direct
        elif a.key.truncated or b.key.truncated:
            # A cut copy is judged by its words alone (above): similar characters at the start
            # of two different headlines of a series ("US STOCKS-Futures point to lower open
            # after…" / "… with indexes at records") say nothing about what was cut.
            continue
        elif _plausible(a.key, b.key):
            vector_pairs.append(index)
    if not vector_pairs:
        return results
    if len(vector_pairs) > MAX_VECTORISED_PAIRS:
        vector_pairs = _within_vector_budget(vector_pairs, owners or range(len(pairs)))
    texts = {text for i in vector_pairs for item in pairs[i] for text in (item.key.key, item.key.core)}
    similarity = Similarity(sorted(texts))

    def cut(key: HeadlineKey) -> str:  # the ellipsis back on, so that alignment treats it as cut
        return key.core + "…" if key.truncated else key.core

    keys = [(pairs[i][0].key.key, pairs[i][1].key.key) for i in vector_pairs]
    cores = [(cut(pairs[i][0].key), cut(pairs[i][1].key)) for i in vector_pairs]
    aligned, whole = similarity.aligned_and_whole(keys + cores)
    count = len(vector_pairs)
    for n, index in enumerate(vector_pairs):
        key_whole, core_whole = float(whole[n]), float(whole[count + n])
        # A truncated copy is aligned through its core only: its key's start may be an affix
        # shared by unrelated headlines ("Katie Holmes - Katie Holmes in awe…").
        truncated = pairs[index][0].key.truncated or pairs[index][1].key.truncated
        key_aligned = 0.0 if truncated else float(aligned[n])
        best = max(key_whole, core_whole, key_aligned, float(aligned[count + n]))
        a, b = pairs[index]
        if best < threshold:
            if _one_word_edited(a, b):
                results[index] = Match(round(best, 4), "near-duplicate")
            continue
        reason: Reason
        if max(key_whole, core_whole) >= threshold:
            reason = "near-duplicate"
        elif a.key.truncated or b.key.truncated:
            reason = "truncated"
        else:
            reason = "affix"
        results[index] = Match(round(min(best, 1.0), 4), reason)
    return results
