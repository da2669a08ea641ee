"""Groups of copies among many headlines (``POST /v1/headlines/dedup``), in near-linear time.

1. Every headline gets its normalised forms (:func:`.headline_keys.headline_key`). Headlines
   with an equal key join the first one with it straight away (``exact``/``normalised``).
2. Candidates: an inverted index from *anchors* (the core, and consecutive word pairs) to the
   earlier headlines that have them. Each anchor's postings are read newest first and at most
   ``MAX_POSTINGS_READ`` of them, so a very common word pair ("to watch") cannot make the
   work quadratic: a real copy shares several anchors with its original, most of them rare.
3. Verification of every candidate pair at once (:func:`.headline_match.verify`).
4. Grouping in request order: a headline joins the group of its most similar earlier match
   whose numbers and dates agree with the whole group's, so that a truncated copy that lost
   its date cannot chain two instalments of a series ("… on May 20" / "… on July 14") together;
   for the same reason a whole headline joins through a truncated copy only a group that has no
   whole headline yet.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice

from .headline_keys import HeadlineKey, headline_key
from .headline_match import DEFAULT_THRESHOLD, Keyed, Match, Reason, T, verify, within_budget

#: Postings read per anchor: copies of one headline share most anchors, so reading the newest
#: 64 of a common pair's postings keeps recall (bench/headlines_eval.py) and bounds the work
#: per headline to anchors x 64 candidates.
MAX_POSTINGS_READ = 64
#: Word pairs a candidate must share (unless it shares a core): a copy keeps most of its
#: original's pairs — a one-word edit of a 5-word headline still two of four, a truncated copy
#: (4+ words, see MIN_TRUNCATED_WORDS) at least two — while one shared pair ("to watch") is
#: what unrelated headlines have in common.
MIN_SHARED_ANCHORS = 2
#: Postings read per headline at most (see :func:`count_hits`); on dev (12,431 headlines of
#: headline_copies and UCI) a headline reads 24 on average and 348 at most.
MAX_POSTINGS_PER_HEADLINE = 512
#: Candidates kept per headline, the best ranked. Real headlines can have more (headline_copies
#: dev 36 at most, with UCI 74, the extra kinds of bench.headlines_eval 88), but the copy is
#: among the best ranked: 64 changes no answer on any of them, 48 changes 32 on copies + UCI.
MAX_CANDIDATES = 64
#: Candidate pairs per headline on average at most (see :func:`within_budget`): real batches have
#: about one (10,000 real headlines: ~9,500 pairs), copy-dense ones a few (every dev original
#: with six kinds of copy: 3.5).
PAIRS_PER_HEADLINE = 8


@dataclass(frozen=True)
class Headline:
    """A headline as the client sent it."""

    id: str
    text: str


@dataclass(frozen=True)
class GroupedHeadline:
    """One headline's place: its group (numbered from 0 in order of first member), the id of
    the group's first headline (``None`` for that one), and how it was linked to the group."""

    id: str
    group: int
    duplicate_of: str | None
    similarity: float | None
    reason: Reason | None


class AnchorIndex:
    """Anchors -> positions of earlier items that have them (in-memory, for one request)."""

    def __init__(self) -> None:
        self._postings: defaultdict[str, list[int]] = defaultdict(list)

    def candidates(self, key: HeadlineKey) -> list[int]:
        """Earlier items that share a core with ``key`` or ``MIN_SHARED_ANCHORS`` word pairs, best
        first: most anchors shared, ties in the order read (see :func:`count_hits`)."""
        found = [(postings, MIN_SHARED_ANCHORS if anchor.startswith("=") else 1)
                 for anchor in key.anchors if (postings := self._postings.get(anchor))]
        return ranked_candidates(found, key)

    def add(self, position: int, key: HeadlineKey) -> None:
        for anchor in key.anchors:
            self._postings[anchor].append(position)


def group_headlines(headlines: Sequence[Headline], threshold: float = DEFAULT_THRESHOLD) -> list[GroupedHeadline]:
    """Group copies among ``headlines``; results in request order."""
    items = [Keyed(h.text, headline_key(h.text)) for h in headlines]
    first_of_key: dict[str, int] = {}
    same_key: dict[int, int] = {}  # position -> first position with its key
    representatives: list[int] = []
    for position, item in enumerate(items):
        earlier = first_of_key.setdefault(item.key.key, position)
        if earlier != position:
            same_key[position] = earlier
        else:
            representatives.append(position)

    index = AnchorIndex()
    found: list[list[int]] = []
    for position in representatives:
        found.append(index.candidates(items[position].key))
        index.add(position, items[position].key)
    kept = within_budget(found, PAIRS_PER_HEADLINE * len(found))
    pairs = [(position, other) for position, others in zip(representatives, kept, strict=True) for other in others]
    matches = verify([(items[a], items[b]) for a, b in pairs], threshold, owners=[a for a, _ in pairs])
    linked: defaultdict[int, list[tuple[float, int, Match]]] = defaultdict(list)
    for (a, b), match in zip(pairs, matches, strict=True):
        if match is not None:
            linked[a].append((match.similarity, b, match))

    group_of: dict[int, int] = {}
    group_first: list[int] = []
    group_numbers: list[set[str]] = []
    group_whole: list[bool] = []  # has a member that is not truncated
    link: dict[int, Match] = {}
    for position in range(len(items)):
        if position in same_key:
            earlier = same_key[position]
            group_of[position] = group_of[earlier]
            link[position] = Match(1.0, "exact" if items[position].text == items[earlier].text else "normalised")
            continue
        key = items[position].key
        if key.truncated and len(_cut_from(linked[position], items, group_of)) > 1:
            group_of[position] = len(group_first)  # cut from which? Two headlines start like it: alone
            group_first.append(position)
            group_numbers.append(set(key.numbers))
            group_whole.append(False)
            continue
        for _, other, match in sorted(linked[position], key=lambda entry: (-entry[0], entry[1])):
            group = group_of[other]
            # A truncated copy says nothing beyond its start: a whole headline joins through it
            # only a group of truncated copies, never one that already has a whole headline.
            if items[other].key.truncated and not key.truncated and group_whole[group]:
                continue
            if _numbers_fit(key, group_numbers[group]):
                group_of[position] = group
                group_numbers[group] |= key.numbers
                group_whole[group] = group_whole[group] or not key.truncated
                link[position] = match
                break
        else:
            group_of[position] = len(group_first)
            group_first.append(position)
            group_numbers.append(set(key.numbers))
            group_whole.append(not key.truncated)
    results = []
    for position, headline in enumerate(headlines):
        group = group_of[position]
        first = group_first[group]
        match = link.get(position)
        results.append(GroupedHeadline(
            id=headline.id,
            group=group,
            duplicate_of=None if first == position else headlines[first].id,
            similarity=None if match is None else match.similarity,
            reason=None if match is None else match.reason,
        ))
    return results


def ranked_candidates(found: Sequence[tuple[Sequence[T], int]], key: HeadlineKey) -> list[T]:
    """The candidates of the headline of ``key``, best first, from its anchors' postings (oldest
    first) and weights (``MIN_SHARED_ANCHORS`` for a core): the items that share a core with it or
    ``MIN_SHARED_ANCHORS`` word pairs (all its pairs, when it has fewer). One rule for a batch
    (:class:`AnchorIndex`) and for a check against a store."""
    word_pairs = len(key.anchors) - len(key.cores)
    return ranked_hits(count_hits(found), min(MIN_SHARED_ANCHORS, word_pairs))


def count_hits(postings: Sequence[tuple[Sequence[T], int]]) -> Counter[T]:
    """How many anchors each earlier item shares, from the postings (oldest first) of a headline's
    anchors and each anchor's weight.

    Each anchor's newest ``MAX_POSTINGS_READ`` postings are read, rarest anchors first, and at
    most ``MAX_POSTINGS_PER_HEADLINE`` in all: a copy shares its original's rare anchors, and
    a headline whose every anchor is common (a few words in every order) cannot cost more.
    """
    read: list[T] = []
    for position, taken in anchors_read([(len(items), weight) for items, weight in postings]):
        items, weight = postings[position]
        read.extend(list(items[len(items) - taken :]) * weight)
    return Counter(read)


def anchors_read(sizes: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Which anchors :func:`count_hits` reads, from their sizes alone: ``(position, taken)`` in the
    order read, where ``sizes[position]`` is an anchor's postings available and its weight and
    ``taken`` the number of its newest postings read.

    Rarest first (a stable sort: ties in the headline's order), each anchor's newest
    ``MAX_POSTINGS_READ`` at most, until ``MAX_POSTINGS_PER_HEADLINE`` postings (weighted) are
    read. Only sizes are needed, so a check against a store can learn which anchors it will read
    before reading any (:func:`.headline_check._remembered_candidates`).
    """
    plan: list[tuple[int, int]] = []
    read = 0
    for position in sorted(range(len(sizes)), key=lambda p: sizes[p][0]):
        size, weight = sizes[position]
        taken = min(size, MAX_POSTINGS_READ, MAX_POSTINGS_PER_HEADLINE - read)
        plan.append((position, taken))
        read += taken * weight
        if read >= MAX_POSTINGS_PER_HEADLINE:
            break
    return plan


def ranked_hits(hits: Counter[T], needed: int) -> list[T]:
    """The best ``MAX_CANDIDATES`` items with at least ``needed`` hits, most hits first (ties in the
    order read: see :func:`count_hits`)."""
    return [item for item, count in islice(hits.most_common(), MAX_CANDIDATES) if count >= needed]


def _cut_from(links: list[tuple[float, int, Match]], items: Sequence[Keyed], group_of: dict[int, int]) -> set[int]:
    """The groups of the whole headlines that a truncated copy is a cut start of."""
    return {group_of[other] for _, other, match in links if match.reason == "truncated" and not items[other].key.truncated}


def _numbers_fit(key: HeadlineKey, group: set[str]) -> bool:
    """A headline's numbers fit a group's when one set contains the other (a truncated copy may
    have lost some; a date it names must not contradict the group's)."""
    return key.numbers <= group or (not key.truncated and group <= key.numbers)
