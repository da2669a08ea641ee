"""One behaviour, two backends: every test runs on the SQLite store and on a real Redis."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from service.dedup.headline_check import CheckResult, check_headlines
from service.dedup.headline_groups import Headline
from service.dedup.store import HeadlineStore, NamespaceFull, StoreUnavailable, open_store

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


def test_sqlite_full_disk_is_503_and_loses_nothing(tmp_path: Path) -> None:
    store = open_store("", tmp_path, TTL)
    check(store, "Tesla recalls Model S cars", ids=["a"])
    connection = store._connection()  # type: ignore[attr-defined]
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count={pages}")  # the disk is full now
    with pytest.raises(StoreUnavailable):
        check(store, *[f"Headline number {i} about markets and {i * 7} other things" for i in range(400)])
    connection.execute("PRAGMA max_page_count=1073741823")
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
