"""One behaviour, two backends: every test runs on the SQLite store and on a real Redis."""

from __future__ import annotations

import math
import random
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from service.dedup import headline_check
from service.dedup.headline_check import CheckResult, check_headlines
from service.dedup.headline_groups import (
    MAX_POSTINGS_PER_HEADLINE,
    MAX_POSTINGS_READ,
    MIN_SHARED_ANCHORS,
    Headline,
    ranked_candidates,
)
from service.dedup.headline_keys import anchor_digest, headline_key
from service.dedup.headline_match import Keyed
from service.dedup.store import HeadlineStore, NamespaceFull, NewRecord, Remembered, Session, StoreUnavailable, open_store

from .redis_server import RedisServer

TTL = 3600.0
NOW = 1_700_000_000.0
NS = "feed"

Opener = Callable[[], HeadlineStore]


@pytest.fixture(params=["sqlite", "redis"])
def opener(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Opener]:
    """Opens a store on one shared backend: each call is another worker or replica."""
    opened: list[HeadlineStore] = []
    if request.param == "redis":
        server: RedisServer = request.getfixturevalue("redis_server")
        server.flush()
        url = server.url
    else:
        url = ""

    def open_one() -> HeadlineStore:
        store = open_store(url, tmp_path, TTL)
        opened.append(store)
        return store

    yield open_one
    for store in opened:
        store.close()


def check(store: HeadlineStore, *texts: str, ids: list[str] | None = None, now: float = NOW,
          remember: bool = True, namespace: str = NS, limit: int = 1000) -> list[CheckResult]:
    headlines = [Headline(ids[i] if ids else f"{now}-{i}", text) for i, text in enumerate(texts)]
    return check_headlines(store, namespace, headlines, remember=remember, now=now, max_namespace_size=limit)


def test_copies_of_remembered_headlines_are_duplicates(opener: Opener) -> None:
    store = opener()
    first = check(store, "Ousted Symantec CEO may get $18.5 mln in severance", "Tories plan migrant health checks", now=NOW)
    assert [r.status for r in first] == ["new", "new"]
    later = check(
        store, "UPDATE 1-Ousted Symantec CEO may get $18.5 mln in severance - Reuters", "TORIES PLAN MIGRANT HEALTH…",
        "Ousted Symantec CEO may get $19.5 mln in severance", now=NOW + 60,
    )
    assert [(r.status, r.duplicate_of) for r in later] == [
        ("duplicate", first[0].id), ("duplicate", first[1].id), ("new", None),
    ]
    assert later[0].first_seen == NOW and later[2].first_seen == NOW + 60


def test_the_request_s_earlier_headlines_count_too(opener: Opener) -> None:
    results = check(opener(), "Markets tumble as oil slides", "Markets tumble as oil slides | Kompas.com", ids=["a", "b"])
    assert [(r.status, r.duplicate_of) for r in results] == [("new", None), ("duplicate", "a")]


def test_answers_are_idempotent_per_id(opener: Opener) -> None:
    store = opener()
    first = check(store, "Obama visits Kenya for summit", ids=["x"])
    again = check(store, "Obama visits Kenya for summit", ids=["x"], now=NOW + 5)
    assert again == first
    assert check(store, "Obama visits Kenya for summit", ids=["y"], now=NOW + 6)[0].duplicate_of == "x"


def test_remember_false_compares_without_remembering(opener: Opener) -> None:
    store = opener()
    assert check(store, "Gold hits six-month high", ids=["a"], remember=False)[0].status == "new"
    assert check(store, "Gold hits six-month high", ids=["b"])[0].status == "new"


def test_entries_expire(opener: Opener) -> None:
    store = opener()
    check(store, "Rolls-Royce sells energy unit to Siemens", ids=["a"])
    assert check(store, "Rolls-Royce sells energy unit to Siemens", ids=["b"], now=NOW + TTL - 1)[0].status == "duplicate"
    after = check(store, "Rolls-Royce sells energy unit to Siemens", ids=["a"], now=NOW + TTL + 1)
    assert after[0].status == "new" and after[0].first_seen == NOW + TTL + 1


def test_forgetting_a_namespace_leaves_the_others(opener: Opener) -> None:
    store = opener()
    check(store, "Apple unveils bigger iPhone", ids=["a"], namespace="one")
    check(store, "Apple unveils bigger iPhone", ids=["a"], namespace="two")
    assert store.forget("one") == 1
    assert check(store, "Apple unveils bigger iPhone", ids=["b"], namespace="one")[0].status == "new"
    assert check(store, "Apple unveils bigger iPhone", ids=["b"], namespace="two")[0].status == "duplicate"


def test_a_full_namespace_refuses_new_headlines_and_keeps_its_own(opener: Opener) -> None:
    store = opener()
    check(store, "One headline here", "Another headline there", ids=["a", "b"], limit=2)
    with pytest.raises(NamespaceFull):
        check(store, "A third headline now", ids=["c"], limit=2)
    assert check(store, "One headline here", ids=["a"], limit=2)[0].status == "new"  # idempotent, not refused


def test_remembered_headlines_survive_a_restart(opener: Opener) -> None:
    check(opener(), "ECB's Draghi says banks should act before health check", ids=["a"])
    result = check(opener(), "ECB's Draghi says banks should act before health check - Reuters", ids=["b"])
    assert result[0].duplicate_of == "a"


def test_two_replicas_see_the_same_new_headline_exactly_one_says_new(opener: Opener) -> None:
    replicas = [opener(), opener()]
    barrier = threading.Barrier(8)
    answers: list[str] = []
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            barrier.wait()
            result = check(replicas[n % 2], "Nokia names new chief executive", f"filler {n} headline about nothing",
                           ids=[f"id{n}", f"f{n}"])
            answers.append(result[0].status)
        except BaseException as error:  # reported below: a thread's exception would be lost
            errors.append(error)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(answers) == ["duplicate"] * 7 + ["new"]


def remember_directly(store: HeadlineStore, records: list[tuple[str, str, list[str]]], now: float) -> None:
    """Remember ``(id, text, anchor digests)`` as new headlines, as a session does, with exactly these anchors."""
    with store.session(NS, now) as session:
        session.remember([NewRecord(Remembered(i, text, "new", None, None, now), tuple(anchors)) for i, text, anchors in records])


def pair_digests(text: str) -> list[str]:
    return [anchor_digest(f"{a} {b}") for a, b in pairwise(headline_key(text).words)]


#: Long headlines (18-20 words): more word pairs than a headline's postings cap lets it read.
LONG_HEADLINES = [
    "Pemerintah provinsi Jawa Barat menyiapkan tiga ribu posko mudik di sepanjang jalur selatan untuk mengurai "
    "kemacetan menjelang Lebaran tahun ini",
    "City council approves new cycle lanes along the river after months of debate over parking spaces and "
    "traffic for shops",
    "Bank Indonesia holds benchmark rate steady as rupiah weakens against dollar amid global uncertainty and "
    "slowing exports from trading partners",
    "Warga bantaran sungai Ciliwung diminta waspada banjir kiriman dari Bogor setelah hujan deras mengguyur "
    "kawasan puncak sejak kemarin sore",
]


def test_which_anchors_are_read_follows_the_headline_not_the_hash_seed(opener: Opener) -> None:
    """Every word pair of these headlines has a full page of newer headlines (64 postings), so each
    reads only its first pairs' postings (MAX_POSTINGS_PER_HEADLINE). The original of each edited
    copy is among the newest of the first two pairs only: it is found when pairs are read in the
    headline's order, as in a batch. Read in a set's order (the process's string hashing), both
    came among the pairs read in about one process in five per headline."""
    store = opener()
    originals = [text.rsplit(" ", 1)[0] + " kemarin" for text in LONG_HEADLINES]  # the last word edited
    remember_directly(store, [(f"orig{n}", text, pair_digests(text)) for n, text in enumerate(originals)], NOW)
    filler: list[tuple[str, str, list[str]]] = []
    for n, text in enumerate(LONG_HEADLINES):
        shared = pair_digests(text)[:-1]  # the last pair is the edit's
        assert len(shared) * MAX_POSTINGS_READ > MAX_POSTINGS_PER_HEADLINE  # only the first pairs are read
        for p, digest in enumerate(shared):
            # The original stays among the newest 64 postings of the first two pairs only.
            newer = MAX_POSTINGS_READ - 1 if p < 2 else MAX_POSTINGS_READ
            filler += [(f"f{n}-{p}-{k}", "Harga cabai di pasar induk naik menjelang puasa", [digest]) for k in range(newer)]
    remember_directly(store, filler, NOW + 1)
    results = check(store, *LONG_HEADLINES, remember=False, now=NOW + 2)
    assert [(r.status, r.duplicate_of) for r in results] == [("duplicate", f"orig{n}") for n in range(len(LONG_HEADLINES))]


def look_alike_headlines(rng: random.Random, count: int) -> list[str]:
    """Headlines of a few words in every order: every word pair is shared by many of them."""
    words = ["harga", "minyak", "naik", "turun", "rupiah", "bank", "pasar", "saham", "warga", "banjir", "jakarta"]
    return [" ".join(rng.choice(words) for _ in range(8)).capitalize() for _ in range(count)]


@contextmanager
def postings_read(store: HeadlineStore, method: str = "postings") -> Iterator[list[int]]:
    """What each call of ``method`` of the store's sessions returned (a spy on the real sessions):
    for ``postings``, the ids; for ``posting_counts``, the anchors counted."""
    counts: list[int] = []
    real_session = store.session

    @contextmanager
    def session(namespace: str, now: float) -> Iterator[Session]:
        with real_session(namespace, now) as opened:
            real = getattr(opened, method)

            def spy(anchors: list[str], per_anchor: int) -> Any:
                found = real(anchors, per_anchor)
                counts.append(sum(map(len, found.values())) if method == "postings" else len(found))
                return found

            setattr(opened, method, spy)
            yield opened

    store.session = session  # type: ignore[method-assign]
    try:
        yield counts
    finally:
        del store.session


def test_remembered_postings_are_read_a_bounded_chunk_at_a_time(opener: Opener, monkeypatch: pytest.MonkeyPatch) -> None:
    """A large request against a namespace where every word pair has many postings holds at most
    MAX_POSTINGS_HELD of them (here made small), and answers exactly as when all are read at once."""
    store = opener()
    rng = random.Random(5)
    texts = look_alike_headlines(rng, 400)
    remembered = [(f"r{n}", text, sorted({anchor_digest(a) for a in headline_key(text).anchors})) for n, text in enumerate(texts)]
    remember_directly(store, remembered, NOW)
    asked = look_alike_headlines(rng, 150) + texts[:20]  # some remembered ones again, under new ids
    ids = [f"q{n}" for n in range(len(asked))]

    monkeypatch.setattr(headline_check, "ANCHORS_PER_READ", 10**9)
    monkeypatch.setattr(headline_check, "MAX_POSTINGS_HELD", 10**12)
    with postings_read(store) as at_once:
        expected = check(store, *asked, ids=ids, remember=False, now=NOW + 1)
    monkeypatch.setattr(headline_check, "MAX_POSTINGS_HELD", 2048)
    monkeypatch.setattr(headline_check, "ANCHORS_PER_READ", 2048 // (2 * MAX_POSTINGS_READ))
    with postings_read(store) as chunked:
        assert check(store, *asked, ids=ids, remember=False, now=NOW + 1) == expected
    assert max(at_once) > 2048  # the request needs more than the bound at once
    assert max(chunked) <= 2048 // 2 and len(chunked) > 1
    assert sum(r.status == "duplicate" for r in expected) >= 20


def candidates_reading_every_posting(
    session: Session, pending: list[int], items: list[Keyed], digests: list[list[str]], core_digests: list[set[str]],
) -> list[list[str]]:
    """The reference for ``headline_check._remembered_candidates``: every anchor's postings read
    at once (as the check did before it counted first), ranked by the batch's rule."""
    postings = session.postings(sorted({digest for i in pending for digest in digests[i]}), MAX_POSTINGS_READ)
    return [
        ranked_candidates([(postings[digest][::-1], MIN_SHARED_ANCHORS if digest in core_digests[i] else 1)
                           for digest in digests[i] if digest in postings], items[i].key)
        for i in pending
    ]


def check_and_candidates(store: HeadlineStore, texts: list[str], monkeypatch: pytest.MonkeyPatch, *,
                         reference: bool) -> tuple[list[CheckResult], list[list[str]]]:
    """A check's answers (``remember=False``) and each headline's remembered candidates, found by the
    check's own reading or by the reference's."""
    find = candidates_reading_every_posting if reference else headline_check._remembered_candidates
    candidates: list[list[str]] = []

    def spy(*args: Any) -> list[list[str]]:
        candidates.extend(found := find(*args))
        return found

    with monkeypatch.context() as patched:
        patched.setattr(headline_check, "_remembered_candidates", spy)
        results = check(store, *texts, ids=[f"q{n}" for n in range(len(texts))], remember=False, now=NOW + 10)
    return results, candidates


def copies_of(rng: random.Random, texts: list[str], words: list[str]) -> list[str]:
    """Real duplicates of ``texts``, in turn: a word edited, truncated, a publisher added, shouted."""
    copies = []
    for n, text in enumerate(texts):
        split = text.split()
        if n % 4 == 0:
            split[rng.randrange(len(split))] = rng.choice(words)
            copies.append(" ".join(split))
        elif n % 4 == 1:
            copies.append(" ".join(split[: len(split) * 2 // 3]) + "…")
        elif n % 4 == 2:
            copies.append(f"{text} - Reuters")
        else:
            copies.append(text.upper())
    return copies


def remember_look_alikes(store: HeadlineStore, rng: random.Random, words: list[str], weights: list[float],
                         count: int, length: int) -> list[str]:
    """``count`` headlines of ``length`` words drawn from ``words`` (skewed by ``weights``: some word pairs
    are rare, most have a page of postings or more), remembered in batches a second apart (newest
    postings are the later batches'), and each batch's last tenth copies of earlier ones."""
    texts: list[str] = []
    for batch in range(4):
        fresh = [" ".join(rng.choices(words, weights, k=length)).capitalize() for _ in range(count * 9 // 40)]
        texts += fresh + copies_of(rng, rng.sample(texts or fresh, count // 40), words)
        records = [(f"r{n}", text, sorted({anchor_digest(a) for a in headline_key(text).anchors}))
                   for n, text in enumerate(texts) if n >= len(texts) - count // 4]
        remember_directly(store, records, NOW + batch)
    return texts


def test_counting_then_fetching_finds_the_candidates_of_reading_every_posting(
    opener: Opener, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Whether a chunk fetches every anchor's postings or counts them first and fetches only those
    of the anchors each headline reads: the same candidates in the same order, so the same answers,
    as reading every posting; also when the request's anchors are looked up a few at a time (small
    MAX_POSTINGS_HELD), with chunks counting whenever they may, and never."""
    store = opener()
    rng = random.Random(11)
    words = ["harga", "minyak", "naik", "turun", "rupiah", "bank", "pasar", "saham", "warga", "banjir", "jakarta",
             "bogor", "cabai", "mudik"]
    weights = [1.0 / (1 + n) for n in range(len(words))]
    texts = remember_look_alikes(store, rng, words, weights, 800, 16)
    asked = [" ".join(rng.choices(words, weights, k=16)).capitalize() for _ in range(80)]
    asked += copies_of(rng, rng.sample(texts, 80), words)

    expected, expected_candidates = check_and_candidates(store, asked, monkeypatch, reference=True)
    assert sum(r.status == "duplicate" for r in expected) >= 60  # real copies are found
    assert sum(len(found) > 10 for found in expected_candidates) >= 100  # look-alikes: many candidates
    for held, ratio in ((None, None), (1024, 0.0), (1024, math.inf)):
        if held is not None:
            monkeypatch.setattr(headline_check, "MAX_POSTINGS_HELD", held)
            monkeypatch.setattr(headline_check, "ANCHORS_PER_READ", held // (2 * MAX_POSTINGS_READ))
            monkeypatch.setattr(headline_check, "COUNT_FIRST_RATIO", ratio)
        results, candidates = check_and_candidates(store, asked, monkeypatch, reference=False)
        assert candidates == expected_candidates
        assert results == expected


def test_postings_are_fetched_only_for_the_anchors_a_headline_reads(opener: Opener, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every word pair has about a page of postings: each headline reads MAX_POSTINGS_PER_HEADLINE of
    them, from its first few pairs. The first chunk fetches every pair's postings and finds that;
    the next chunks count first and fetch only what is read (chunks of about five headlines here):
    several times fewer postings than all of their pairs', which the check fetched before."""
    monkeypatch.setattr(headline_check, "ANCHORS_PER_READ", 200)
    store = opener()
    rng = random.Random(3)
    words = [f"kata{n}" for n in range(50)]
    texts = remember_look_alikes(store, rng, words, [1.0] * len(words), 4800, 41)
    asked = [" ".join(rng.choices(words, k=41)).capitalize() for _ in range(40)] + copies_of(rng, rng.sample(texts, 8), words)

    with postings_read(store) as everything:
        expected, _ = check_and_candidates(store, asked, monkeypatch, reference=True)
    with postings_read(store) as fetched:
        assert check_and_candidates(store, asked, monkeypatch, reference=False)[0] == expected
    assert sum(r.status == "duplicate" for r in expected) >= 4  # those that share a core at least
    first, later = fetched[0], fetched[1:]
    assert len(later) >= 8 and sum(later) <= MAX_POSTINGS_PER_HEADLINE * len(asked)
    assert sum(everything) > 3 * sum(later) and sum(everything) > 2 * (first + sum(later))


#: Headlines of distinct stories (word pairs with a posting or two each, as real ones have).
ORIGINALS = [
    "Bank Indonesia holds benchmark rate steady as rupiah weakens",
    "Harga beras naik menjelang Lebaran di pasar induk Jakarta",
    "Port Merrow dockworkers strike over pay, halting grain exports",
    "Pemerintah siapkan Rp 1,5 triliun untuk perbaikan irigasi Jawa Tengah",
    "Nokia names new chief executive after record quarterly loss",
    "Banjir rendam ribuan rumah di Bandung selatan",
    "City council approves new cycle lanes along the river",
    "Tesla recalls Model S cars over seat belt fault",
    "Alibaba menghadirkan pengiriman 5 hari ke AS untuk bersaing dengan Shein, Temu",
    "Swiss stocks end higher as drugmakers rally",
]


def test_real_headlines_are_fetched_without_counting_first(opener: Opener, monkeypatch: pytest.MonkeyPatch) -> None:
    """Headlines whose word pairs have few postings read all of them: counting first would only add
    a round of lookups, so no chunk counts (the common case keeps one read per chunk)."""
    monkeypatch.setattr(headline_check, "ANCHORS_PER_READ", 60)
    store = opener()
    check(store, *ORIGINALS, ids=[f"o{n}" for n in range(len(ORIGINALS))], now=NOW)
    with postings_read(store, "posting_counts") as counted:
        results = check(store, *[f"{text} - Reuters" for text in ORIGINALS], ids=[f"c{n}" for n in range(len(ORIGINALS))],
                        remember=False, now=NOW + 10)
    assert [r.duplicate_of for r in results] == [f"o{n}" for n in range(len(ORIGINALS))]
    assert counted == []


def test_sqlite_full_disk_is_503_and_loses_nothing(tmp_path: Path) -> None:
    store = open_store("", tmp_path, TTL)
    check(store, "Tesla recalls Model S cars", ids=["a"])
    connection = store._connection()  # type: ignore[attr-defined]
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count={pages}")  # the disk is full now
    with pytest.raises(StoreUnavailable):
        check(store, *[f"Headline number {i} about markets and {i * 7} other things" for i in range(400)])
    # The failed session dropped that connection (and its page cap, this test's full disk): the
    # next one opens the file afresh, as it would once the disk had room again.
    assert store._connection() is not connection  # type: ignore[attr-defined]
    assert check(store, "TESLA RECALLS MODEL S CARS", ids=["b"])[0].duplicate_of == "a"
    store.close()


def test_redis_stopped_is_503_and_restarted_keeps_everything(redis_server: RedisServer, tmp_path: Path) -> None:
    redis_server.flush()
    store = open_store(redis_server.url, tmp_path, TTL)
    check(store, "Microsoft Xbox One sales cross 5 million", ids=["a"])
    redis_server.stop()
    try:
        with pytest.raises(StoreUnavailable):
            check(store, "Microsoft Xbox One sales cross 5 million", ids=["b"])
        with pytest.raises(StoreUnavailable):
            store.forget(NS)
    finally:
        redis_server.start()
    assert check(store, "Microsoft Xbox One sales cross 5 million - AP", ids=["b"])[0].duplicate_of == "a"
    store.close()


def test_expired_headlines_do_not_fill_a_namespace(opener: Opener) -> None:
    """A purge takes PURGE_BATCH rows a session; SQLite counted the expired rows no purge had
    reached against the limit, so after a mass expiry a namespace full of expired headlines
    answered 507 to every request (and the 507 rolled the purge back)."""
    store = opener()
    for round_ in range(3):
        texts = [f"Round {round_} headline {i}: {i * 7919 % 10007} bushels of wheat sold" for i in range(1000)]
        results = check(store, *texts, now=NOW + round_ * (TTL + 1), limit=1500)
        assert {r.status for r in results} == {"new"}


def test_a_record_keeps_any_id(opener: Opener) -> None:
    """An id holding the old record separator (U+001F) made Redis's record unreadable: a 500 on
    every later request naming it, until it expired."""
    store = opener()
    check(store, "Bank of Japan holds rates", ids=["orig\x1fid"])
    first = check(store, "Bank of Japan holds rates - Reuters", ids=["copy\x1f1"])
    again = check(store, "Bank of Japan holds rates - Reuters", ids=["copy\x1f1"])
    assert first[0].duplicate_of == "orig\x1fid" and again == first


def test_sqlite_store_removed_is_503_until_it_is_back(tmp_path: Path) -> None:
    """The data directory removed under a running store: its connection wrote on into the
    deleted file (acknowledged, then lost at restart), and once the directory was back the store
    answered 'no such table' until restarted. Now 503 while it is gone, a store again after."""
    import shutil

    data = tmp_path / "data"
    store = open_store("", data, TTL)
    check(store, "Tesla recalls Model S cars", ids=["a"])
    shutil.rmtree(data)
    for _ in range(2):
        with pytest.raises(StoreUnavailable):
            check(store, "Oil slides as supply grows", ids=["b"])
    data.mkdir()
    assert check(store, "Oil slides as supply grows", ids=["b"])[0].status == "new"
    other = open_store("", data, TTL)  # another worker reads what was acknowledged: it is in the file
    assert check(other, "OIL SLIDES AS SUPPLY GROWS", ids=["c"])[0].duplicate_of == "b"
    store.close()
    other.close()


def test_redis_session_that_outlived_its_lock_writes_nothing(redis_server: RedisServer, tmp_path: Path) -> None:
    """A worker stalled past the lock's timeout, while another took the namespace over: its
    remember is refused (503, nothing written), where both answered 'new'."""
    redis_server.flush()
    store = open_store(redis_server.url, tmp_path, TTL)
    other = open_store(redis_server.url, tmp_path, TTL)
    stalled = store.session(NS, NOW)
    session = stalled.__enter__()
    store.client.delete(f"rkh:{{{NS}}}:lock")  # type: ignore[attr-defined]  # the lock expired meanwhile
    assert check(other, "Fed raises rates by a quarter point", ids=["b"])[0].status == "new"
    record = NewRecord(Remembered("a", "Fed raises rates by a quarter point", "new", None, None, NOW), ())
    with pytest.raises(StoreUnavailable):
        try:
            session.remember([record])
        except BaseException as error:
            stalled.__exit__(type(error), error, error.__traceback__)
            raise
    assert check(other, "Fed raises rates by a quarter point", ids=["a"], remember=False)[0].status == "duplicate"
    assert other.forget(NS) == 1  # only b was written


def test_redis_forget_waits_for_a_running_session(redis_server: RedisServer, tmp_path: Path) -> None:
    """``forget`` deleted the namespace's keys, the lock of a running session among them, so a
    check could run beside that session and the session's writes outlived the forget."""
    redis_server.flush()
    store = open_store(redis_server.url, tmp_path, TTL)
    forgetter = open_store(redis_server.url, tmp_path, TTL)
    done: list[int] = []
    with store.session(NS, NOW) as session:
        thread = threading.Thread(target=lambda: done.append(forgetter.forget(NS)))
        thread.start()
        thread.join(0.5)
        assert thread.is_alive() and not done  # waiting for the lock, not deleting under the session
        session.remember([NewRecord(Remembered("a", "Gold hits record high", "new", None, None, NOW), ())])
    thread.join(10)
    assert done == [1]
    assert check(store, "Gold hits record high", ids=["b"])[0].status == "new"  # forgotten after the session


def test_redis_reads_records_of_the_older_form(redis_server: RedisServer, tmp_path: Path) -> None:
    """Records written before the JSON form (fields joined by U+001F) are still answered: an
    upgrade loses nothing remembered."""
    redis_server.flush()
    store = open_store(redis_server.url, tmp_path, TTL)
    old = "\x1f".join(("duplicate", "a", "0.91", repr(NOW), repr(NOW + TTL), "Gold hits record high - AP"))
    store.client.hset(f"rkh:{{{NS}}}:rec", mapping={"b": old})  # type: ignore[attr-defined]
    store.client.zadd(f"rkh:{{{NS}}}:exp", {"b": NOW + TTL})  # type: ignore[attr-defined]
    again = check(store, "Gold hits record high - AP", ids=["b"])[0]
    assert (again.status, again.duplicate_of, again.similarity, again.first_seen) == ("duplicate", "a", 0.91, NOW)


def test_sqlite_purge_keeps_up_with_sessions_larger_than_its_batch(tmp_path: Path) -> None:
    """A session purged PURGE_BATCH expired rows; sessions adding more than that each let the
    backlog grow for good. Now a session also purges as many as it adds."""
    from service.dedup.store.sqlite_store import PURGE_BATCH

    store = open_store("", tmp_path, TTL)
    count = PURGE_BATCH * 2 + 100
    for round_ in range(2):
        texts = [f"Round {round_} story {i}: {i * 7919 % 10007} tonnes of rice shipped" for i in range(count)]
        check(store, *texts, now=NOW + round_ * (TTL + 1), limit=10 * count)
    db = store._connection()  # type: ignore[attr-defined]
    (backlog,) = db.execute("SELECT COUNT(*) FROM headlines WHERE expires <= ?", (NOW + TTL + 1,)).fetchone()
    assert backlog == 0
    store.close()


def test_redis_writes_records_older_replicas_read(redis_server: RedisServer, tmp_path: Path) -> None:
    """During a rolling upgrade, replicas of the earlier version read the same keys: a record is
    JSON only when its duplicate_of holds the field separator (which they could never read)."""
    redis_server.flush()
    store = open_store(redis_server.url, tmp_path, TTL)
    check(store, "Bank of Japan holds rates", ids=["a"])
    check(store, "Bank of Japan holds rates - Reuters", ids=["b"])
    check(store, "Bank of Japan holds rates - AP", ids=["c\x1fd"])
    stored = store.client.hgetall(f"rkh:{{{NS}}}:rec")  # type: ignore[attr-defined]
    assert not stored["a"].startswith("[") and stored["b"].split("\x1f")[:2] == ["duplicate", "a"]
    check(store, "BANK OF JAPAN HOLDS RATES!", ids=["e"])
    assert store.client.hget(f"rkh:{{{NS}}}:rec", "e").split("\x1f")[1] == "a"  # type: ignore[attr-defined]


@contextmanager
def paused_while_comparing(store: HeadlineStore, *texts: str, ids: list[str], namespace: str = NS,
                           fails: type[BaseException] | None = None) -> Iterator[list[list[CheckResult]]]:
    """A check of ``texts`` in another thread (another worker), held where it compares its
    headlines — its reads done, nothing written — for as long as the ``with`` body runs; its
    answers are in the yielded list afterwards (or, with ``fails``, it must have raised that)."""
    entered, release, answers = threading.Event(), threading.Event(), []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            answers.append(check(store, *texts, ids=ids, namespace=namespace))
        except BaseException as error:  # reported below: a thread's exception would be lost
            errors.append(error)
    real_verify = headline_check.verify

    def held_verify(*args: Any, **kwargs: Any) -> Any:
        if threading.current_thread() is worker and not release.is_set():
            entered.set()
            release.wait(30)
        return real_verify(*args, **kwargs)

    worker = threading.Thread(target=run)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(headline_check, "verify", held_verify)
        worker.start()
        try:
            assert entered.wait(30), "the check never reached its comparison"
            yield answers
        finally:
            release.set()
            worker.join(30)
    if fails is None:
        assert answers and not errors, f"the paused check failed: {errors!r}"
    else:
        assert not answers and [type(e) for e in errors] == [fails], f"the paused check answered {answers!r}, raised {errors!r}"


@pytest.fixture
def impatient_sqlite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Opener]:
    """SQLite stores that wait 0.3 s for the write lock, not 5 s: a check held up is a 503 at once."""
    from service.dedup.store import sqlite_store

    monkeypatch.setattr(sqlite_store, "BUSY_TIMEOUT_MS", 300)
    opened: list[HeadlineStore] = []

    def open_one() -> HeadlineStore:
        opened.append(open_store("", tmp_path, TTL))
        return opened[-1]

    yield open_one
    for store in opened:
        store.close()



def test_sqlite_a_check_comparing_holds_up_no_other_namespace(impatient_sqlite: Opener) -> None:
    """SQLite's write lock is the file's: a check held it while it compared its headlines, so a
    check on any other namespace waited (a second for 1,000 look-alikes) and, past the busy
    timeout, answered 503. A check now holds its namespace's lock, and SQLite's only to write."""
    store, other = impatient_sqlite(), impatient_sqlite()
    assert store.lock_file("feed-a") != store.lock_file("feed-b")  # type: ignore[attr-defined]
    with paused_while_comparing(store, "Tesla recalls Model S cars", ids=["a"], namespace="feed-a") as held:
        assert check(other, "Oil slides as supply grows", ids=["b"], namespace="feed-b")[0].status == "new"
        assert check(other, "OIL SLIDES AS SUPPLY GROWS", ids=["c"], namespace="feed-b")[0].duplicate_of == "b"
        other.forget("feed-b")
    assert held[0][0].status == "new"
    assert check(other, "Tesla recalls Model S cars - Reuters", ids=["d"], namespace="feed-a")[0].duplicate_of == "a"


def test_sessions_of_one_namespace_wait_for_each_other(opener: Opener) -> None:
    """Checks and deletes of one namespace still run one at a time: a copy checked while the
    original is being compared waits, and is its duplicate; a delete waits, then deletes both."""
    store, other = opener(), opener()
    later: list[Any] = []
    waiting = [
        threading.Thread(target=lambda: later.append(check(other, "Tesla recalls Model S cars - Reuters", ids=["b"]))),
    ]
    with paused_while_comparing(store, "Tesla recalls Model S cars", ids=["a"]) as held:
        waiting[0].start()
        waiting[0].join(0.5)
        assert waiting[0].is_alive()  # held up by the namespace's lock, not answered beside the first
    waiting[0].join(30)
    assert held[0][0].status == "new" and later[0][0].duplicate_of == "a"
    with paused_while_comparing(store, "TESLA RECALLS MODEL S CARS", ids=["c"]) as held:
        deleting = threading.Thread(target=lambda: later.append(other.forget(NS)))
        deleting.start()
        deleting.join(0.5)
        assert deleting.is_alive()
    deleting.join(30)
    assert held[0][0].duplicate_of == "a" and later[1] == 3
    assert check(other, "Tesla recalls Model S cars - AP", ids=["d"])[0].status == "new"


@pytest.mark.parametrize("removed", ["locks", "lock file"])
def test_sqlite_a_lock_file_removed_mid_session_never_gives_two_news(tmp_path: Path, removed: str) -> None:
    """A session's lock is an flock on a file: once that file is unlinked (its directory cleared
    as litter), the next session locks a new file of the same name and runs beside the first,
    and both answered 'new'. A session now checks, before writing, that its lock file is still
    the one at its path (else 503, nothing written)."""
    import shutil

    store, other = open_store("", tmp_path, TTL), open_store("", tmp_path, TTL)
    with paused_while_comparing(store, "Tesla recalls Model S cars", ids=["a"], namespace="feed-a",
                                fails=StoreUnavailable):
        lock = store.lock_file("feed-a")  # type: ignore[attr-defined]
        shutil.rmtree(lock.parent) if removed == "locks" else lock.unlink()
        second = check(other, "Tesla recalls Model S cars", ids=["b"], namespace="feed-a")
    assert second[0].status == "new"  # and the first, beside it, a 503 (checked on leaving the with)
    store.close()
    other.close()


def test_sqlite_a_store_file_removed_mid_session_is_a_503(tmp_path: Path) -> None:
    """The file's identity was checked when the session began only: a session that was comparing
    when the file was removed wrote into the deleted file and acknowledged it (lost)."""
    data = tmp_path / "data"
    store = open_store("", data, TTL)
    with paused_while_comparing(store, "Tesla recalls Model S cars", ids=["a"], fails=StoreUnavailable):
        (data / "headlines.sqlite3").unlink()
    with pytest.raises(StoreUnavailable):  # this thread's connection too was to the removed file
        check(store, "Tesla recalls Model S cars", ids=["b"])
    assert check(store, "Tesla recalls Model S cars", ids=["b"])[0].status == "new"  # then a new, empty store
    store.close()


def test_sqlite_a_lock_that_fails_otherwise_is_a_503(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """flock can fail other than busy (ENOLCK on a network file system): that was a 500."""
    import errno
    import fcntl

    store = open_store("", tmp_path, TTL)

    def no_locks(*_: Any) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    with pytest.raises(StoreUnavailable):
        check(store, "Tesla recalls Model S cars", ids=["a"])
    with pytest.raises(StoreUnavailable):
        store.forget(NS)
    store.close()


def test_sqlite_a_check_comparing_holds_no_read_transaction(impatient_sqlite: Opener) -> None:
    """SQLite starts its WAL afresh only when no reader holds an old snapshot. Sessions that read
    in one transaction, held while they compared, overlapped across namespaces and kept the WAL
    growing (894 MB in 30 s of bench/store_contention.py); a session's reads are statements now."""
    store, other = impatient_sqlite(), impatient_sqlite()
    with paused_while_comparing(store, "Tesla recalls Model S cars", ids=["a"], namespace="feed-a"):
        check(other, "Oil slides as supply grows", ids=["b"], namespace="feed-b")  # frames after the reads began
        busy, _, _ = other._connection().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()  # type: ignore[attr-defined]
        assert busy == 0  # no reader held it back: the WAL is empty again
    assert check(other, "TESLA RECALLS MODEL S CARS", ids=["c"], namespace="feed-a")[0].duplicate_of == "a"
