"""Is a headline new to a namespace? (``POST /v1/headlines/check``)

Each headline is compared with the namespace's remembered headlines and with the request's
earlier new ones, using the same anchors (:mod:`.headline_keys`) and the same verification
(:mod:`.headline_match`) as batch grouping. The whole request runs in one store session, so
that concurrent requests — other workers, other replicas — see each other's headlines and
exactly one of them calls a given new headline ``new``. Answers are remembered per id: asking
again about an id gives the answer it got first (idempotent), until it expires.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .headline_groups import (
    MAX_POSTINGS_PER_HEADLINE,
    MAX_POSTINGS_READ,
    MIN_SHARED_ANCHORS,
    PAIRS_PER_HEADLINE,
    AnchorIndex,
    Headline,
    anchors_read,
    ranked_candidates,
)
from .headline_keys import anchor_digest, headline_key
from .headline_match import DEFAULT_THRESHOLD, Keyed, Match, verify, within_budget
from .store import HeadlineStore, NamespaceFull, NewRecord, Remembered, Session, Status

#: Namespace names: a letter or digit, then letters, digits, ".", "_" or "-", 64 at most —
#: safe in a file name, a Redis key and a Redis SCAN pattern (no glob characters).
NAMESPACE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
_NAMESPACE = re.compile(NAMESPACE_PATTERN)
#: Remembered postings held in memory at once, at most (ids; an anchor without any counts as
#: one): a request's headlines are looked up a chunk at a time. Reading every anchor's postings
#: at once grew with the request: 10,000 look-alike headlines against 300,000 remembered ones
#: read 4.6M ids at once (+347 MB traced); a chunk at a time, 95 MB, the same answers.
MAX_POSTINGS_HELD = 2**20
#: Anchors looked up per chunk of headlines: with ``MAX_POSTINGS_READ`` postings each, half of
#: ``MAX_POSTINGS_HELD``, so that a chunk's postings always fit beside those it can reuse.
ANCHORS_PER_READ = MAX_POSTINGS_HELD // (2 * MAX_POSTINGS_READ)
#: A chunk whose anchors have more than this many times the postings its headlines read makes the
#: next chunks count postings before fetching them (:func:`_remembered_candidates`). Real headlines
#: read every posting their anchors have (at most 1, counting an anchor shared by two headlines
#: once); 1,000 headlines of 41 words against 64,000 look-alikes have ~4 (bench.headline_check_worst).
COUNT_FIRST_RATIO = 2


@dataclass(frozen=True)
class CheckResult:
    """One headline's answer: ``new``, or a ``duplicate`` of the remembered (or earlier) headline
    ``duplicate_of``; ``first_seen`` is when that headline (or this new one) was first seen."""

    id: str
    status: Status
    duplicate_of: str | None
    similarity: float | None
    first_seen: float


def valid_namespace(namespace: str) -> bool:
    return bool(_NAMESPACE.fullmatch(namespace))  # fullmatch: '$' would let a final newline through


def check_headlines(
    store: HeadlineStore,
    namespace: str,
    headlines: Sequence[Headline],
    *,
    remember: bool,
    now: float,
    max_namespace_size: int,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[CheckResult]:
    """Answer, and remember (when ``remember``), each headline; results in request order.

    Raises:
        StoreUnavailable: the store failed; nothing was remembered.
        NamespaceFull: remembering would take the namespace over ``max_namespace_size``.
    """
    if not valid_namespace(namespace):
        raise ValueError(f"Invalid namespace {namespace!r}")
    items = [Keyed(h.text, headline_key(h.text)) for h in headlines]
    # In the key's order, not a set's: which anchors are read first (count_hits) must not
    # depend on the process's string hashing, or two workers could answer differently.
    digests = [list(dict.fromkeys(anchor_digest(anchor) for anchor in item.key.anchors)) for item in items]
    core_digests = [{anchor_digest(f"={core}") for core in item.key.cores} for item in items]
    with store.session(namespace, now) as session:
        known = session.known([h.id for h in headlines])
        pending = [i for i, h in enumerate(headlines) if h.id not in known]
        ranked = _remembered_candidates(session, pending, items, digests, core_digests)
        # The same budgets as in a batch, for the remembered candidates and for the request's own.
        remembered = dict(zip(pending, within_budget(ranked, PAIRS_PER_HEADLINE * len(pending)), strict=True))
        records = session.known(sorted({record_id for ids in remembered.values() for record_id in ids}))
        stored_items = {r.id: (r, Keyed(r.text, headline_key(r.text))) for r in records.values() if r.status == "new"}

        index = AnchorIndex()
        earlier: list[list[int]] = []
        for i in pending:
            earlier.append(index.candidates(items[i].key))
            index.add(i, items[i].key)
        pairs: list[tuple[int, str | int]] = []  # (position, remembered id or earlier position)
        for i, others in zip(pending, within_budget(earlier, PAIRS_PER_HEADLINE * len(pending)), strict=True):
            pairs += [(i, record_id) for record_id in remembered[i] if record_id in stored_items]
            pairs += [(i, j) for j in others]
        matches = verify(
            [(items[i], _other(other, items, stored_items)) for i, other in pairs], threshold, owners=[i for i, _ in pairs]
        )
        found: dict[int, list[tuple[str | int, Match]]] = {}
        for (i, other), match in zip(pairs, matches, strict=True):
            if match is not None:
                found.setdefault(i, []).append((other, match))

        answers: dict[int, CheckResult] = {}
        for i in pending:
            best: tuple[float, float, str, Match] | None = None
            cut_from = {
                other for other, match in found.get(i, ())
                if match.reason == "truncated" and not _other(other, items, stored_items).key.truncated
                and (not isinstance(other, int) or answers[other].status == "new")
            }
            ambiguous = items[i].key.truncated and len(cut_from) > 1  # two new headlines start like it
            for other, match in () if ambiguous else found.get(i, ()):
                if isinstance(other, int):
                    if answers[other].status != "new":
                        continue  # an earlier duplicate: its original is a candidate itself
                    first_seen, other_id = now, headlines[other].id
                else:
                    first_seen, other_id = stored_items[other][0].first_seen, other
                if best is None or (match.similarity, -first_seen) > (best[0], -best[1]):
                    best = (match.similarity, first_seen, other_id, match)
            if best is None:
                answers[i] = CheckResult(headlines[i].id, "new", None, None, now)
            else:
                answers[i] = CheckResult(headlines[i].id, "duplicate", best[2], best[3].similarity, best[1])

        if remember and pending:
            if session.size() + len(pending) > max_namespace_size:
                raise NamespaceFull(
                    f"Namespace {namespace!r} would exceed its bound of {max_namespace_size:,} remembered headlines; "
                    "delete it or wait for entries to expire."
                )
            session.remember([
                NewRecord(
                    Remembered(a.id, headlines[i].text, a.status, a.duplicate_of, a.similarity, a.first_seen),
                    tuple(sorted(digests[i])) if a.status == "new" else (),
                )
                for i, a in answers.items()
            ])
    return [
        answers[i] if i in answers else _from_record(known[h.id]) for i, h in enumerate(headlines)
    ]


def _remembered_candidates(
    session: Session, pending: Sequence[int], items: Sequence[Keyed], digests: Sequence[list[str]],
    core_digests: Sequence[set[str]],
) -> list[list[str]]:
    """Each pending headline's remembered candidates, best first, by the rule and bounds of a
    batch (:func:`.headline_groups.ranked_candidates`).

    Which anchors a headline reads depends only on how many postings each has
    (:func:`.headline_groups.anchors_read`). Real headlines read every posting their anchors have,
    so the first chunk fetches them all, which gives the counts too. Where headlines read far
    fewer than their anchors have (a namespace in which every word pair has many postings: more
    than ``COUNT_FIRST_RATIO`` times as many), the next chunks count first
    (``Session.posting_counts``) and fetch only the postings of the anchors some headline reads.
    Either way the candidates are those of reading every anchor's postings: no other session
    writes the namespace meanwhile (they are ranked from the postings fetched, should one have
    gone).

    Anchors are looked up for ``ANCHORS_PER_READ`` anchors' worth of headlines at a time, and
    the postings fetched are kept for the next ones while they fit in ``MAX_POSTINGS_HELD``, so
    memory stays bounded however many headlines a request has and however many distinct anchors
    they bring (the counts, one integer an anchor, are kept for the whole request, as its digests are).
    """
    counts: dict[str, int] = {}  # anchor digest -> its postings, MAX_POSTINGS_READ at most (0 when none)
    held = _Held(session)
    count_first = False
    ranked: list[list[str]] = []
    for chunk in _chunks(pending, [len(digests[i]) for i in pending], ANCHORS_PER_READ):
        looked_up = {digest for i in chunk for digest in digests[i]}
        uncounted = sorted(looked_up - counts.keys())
        if count_first:
            found = session.posting_counts(uncounted, MAX_POSTINGS_READ)
            counts.update((digest, found.get(digest, 0)) for digest in uncounted)
        else:  # fetching every anchor's postings counts them too
            held.fetch(uncounted, keep=looked_up)
            counts.update((digest, len(held.postings[digest])) for digest in uncounted)
        read: list[list[str]] = []  # per headline of the chunk: the anchors whose postings it reads, in its order
        for i in chunk:
            shared = [digest for digest in digests[i] if counts[digest]]
            if count_first:  # only the anchors it reads (anchors_read: from the counts alone)
                plan = anchors_read([(counts[digest], _weight(digest, core_digests[i])) for digest in shared])
                shared = [shared[position] for position in sorted(position for position, _ in plan)]
            read.append(shared)
        wanted = {digest for anchors in read for digest in anchors}
        held.fetch(sorted(wanted - held.postings.keys()), keep=wanted)
        # What the chunk's headlines read, about (each at most MAX_POSTINGS_PER_HEADLINE), against
        # what their anchors have: far fewer, and the next chunks count first.
        taken = sum(min(MAX_POSTINGS_PER_HEADLINE, sum(counts[digest] for digest in digests[i])) for i in chunk)
        count_first = sum(counts[digest] for digest in looked_up) > COUNT_FIRST_RATIO * max(1, taken)
        for i, anchors in zip(chunk, read, strict=True):
            # Oldest first; ranked_candidates reads these anchors as it would have read all of them.
            shared_postings = [(held.postings[digest][::-1], _weight(digest, core_digests[i])) for digest in anchors]
            ranked.append(ranked_candidates(shared_postings, items[i].key))
    return ranked


def _weight(digest: str, core: set[str]) -> int:
    """How many times an anchor's postings count for a headline: more for one of its core pairs."""
    return MIN_SHARED_ANCHORS if digest in core else 1


class _Held:
    """Postings fetched from a session, kept for later chunks while they fit in ``MAX_POSTINGS_HELD``."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.postings: dict[str, list[str]] = {}  # anchor digest -> its postings, newest first ([] when none)
        self.count = 0  # postings held, an empty list counting as one

    def fetch(self, missing: Sequence[str], keep: set[str]) -> None:
        """Fetch ``missing`` anchors' postings; first drop those not in ``keep`` if they would not fit."""
        if self.count + len(missing) * MAX_POSTINGS_READ > MAX_POSTINGS_HELD:
            self.postings = {digest: ids for digest, ids in self.postings.items() if digest in keep}
            self.count = sum(max(1, len(ids)) for ids in self.postings.values())
        fetched = self.session.postings(missing, MAX_POSTINGS_READ) if missing else {}
        for digest in missing:
            self.postings[digest] = fetched.get(digest, [])
            self.count += max(1, len(self.postings[digest]))


def _chunks(positions: Sequence[int], weights: Sequence[int], budget: int) -> Iterator[Sequence[int]]:
    """``positions`` in consecutive runs whose ``weights`` add up to ``budget`` at most (a
    position heavier than that alone)."""
    start, total = 0, 0
    for n, weight in enumerate(weights):
        if total + weight > budget and n > start:
            yield positions[start:n]
            start, total = n, 0
        total += weight
    if start < len(positions):
        yield positions[start:]


def _other(other: str | int, items: Sequence[Keyed], stored: dict[str, tuple[Remembered, Keyed]]) -> Keyed:
    return items[other] if isinstance(other, int) else stored[other][1]


def _from_record(record: Remembered) -> CheckResult:
    return CheckResult(record.id, record.status, record.duplicate_of, record.similarity, record.first_seen)
