"""Speed and size of cross-article headline dedup, against datasketch (`make bench`).

Run: ``python -m bench.headlines_bench [--sizes 100000,1000000] [--output PATH]``; writes the
section between the ``headlines-bench`` markers of docs/PERFORMANCE.md (``--output -`` prints).

* batch: ``group_headlines`` (the core of ``POST /v1/headlines/dedup``) on 10,000 real headlines
  (headline_copies + UCI dev, copies included), and through the Flask app (JSON in and out);
* check: p50/p99 of one ``check_headlines`` call (10 headlines: 5 copies of remembered ones, 5
  new, remembered) against N remembered headlines, on SQLite and on a real redis-server started
  for the run; bytes per remembered headline (SQLite file size, Redis ``used_memory`` growth);
* datasketch: MinHashLSH (threshold 0.5, 128 permutations, word shingles) holding the same N,
  in memory (tracemalloc) and with its Redis storage: query p50/p99 and bytes per entry.

The N remembered headlines are synthetic (words of the real headlines drawn at random, plus a
serial number), loaded straight through a store session: verifying a million inserts one by one
would measure the loader, not the check.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench._harness import PERFORMANCE, write_section
from service.dedup.headline_check import check_headlines
from service.dedup.headline_groups import Headline, group_headlines
from service.dedup.headline_keys import anchor_digest, headline_key
from service.dedup.store import HeadlineStore, NewRecord, Remembered, open_store
from tests.redis_server import RedisServer

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
BATCH_SIZE = 10_000
CHECKS = 200
LOAD_CHUNK = 5_000
TTL = 7 * 24 * 3600.0
_WORDS = re.compile(r"\w+")


def real_headlines() -> list[str]:
    copies = [json.loads(line)["text"] for line in (DATA / "headline_copies" / "dev.jsonl").open(encoding="utf-8")]
    uci = [json.loads(line)["headline"] for line in (DATA / "uci_news_headlines" / "dev.jsonl").open(encoding="utf-8")]
    return (copies + uci)[:BATCH_SIZE]


def synthetic(count: int, vocabulary: list[str], seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choices(vocabulary, k=rng.randint(5, 11))).capitalize() + f" {n}" for n in range(count)]


def _rss() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def bench_batch(texts: list[str]) -> list[str]:
    from service import create_app
    from service.config import Config

    headlines = [Headline(str(i), t) for i, t in enumerate(texts)]
    group_headlines(headlines[:200])  # warm-up (imports, first vectoriser)
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        group_headlines(headlines)
        runs.append(time.perf_counter() - started)
    with tempfile.TemporaryDirectory() as data_dir:
        app = create_app(Config.load({"data_dir": data_dir}))  # default limits: 10,000 fit
        body = {"headlines": [{"id": h.id, "text": h.text} for h in headlines]}
        size = len(json.dumps(body).encode("utf-8"))
        with app.test_client() as client:
            started = time.perf_counter()
            status = client.post("/v1/headlines/dedup", json=body).status_code
            http = time.perf_counter() - started
    best = min(runs)
    return [
        "### Batch: `POST /v1/headlines/dedup`", "",
        f"{len(texts):,} real headlines ({size / 1e6:.2f} MB of JSON): `group_headlines` best of 3 **{best:.2f} s** "
        f"({len(texts) / best:,.0f} headlines/s); through the Flask app (JSON parsing and response included): "
        f"{http:.2f} s (status {status}).", "",
    ]


def load(store: HeadlineStore, texts: list[str], now: float) -> float:
    started = time.perf_counter()
    for start in range(0, len(texts), LOAD_CHUNK):
        records = []
        for offset, text in enumerate(texts[start : start + LOAD_CHUNK]):
            record_id = f"s{start + offset}"
            anchors = tuple(sorted({anchor_digest(a) for a in headline_key(text).anchors}))
            records.append(NewRecord(Remembered(record_id, text, "new", None, None, now), anchors))
        with store.session("bench", now) as session:
            session.remember(records)
    return time.perf_counter() - started


def time_checks(store: HeadlineStore, remembered: list[str], now: float, rng: random.Random) -> list[float]:
    times = []
    for n in range(CHECKS):
        originals = rng.sample(remembered, 5)
        copies = [t + " - Reuters" if n % 2 else "UPDATE 1-" + t.upper() for t in originals]
        fresh = [f"Fresh headline {n} {k} about {rng.choice(remembered).split()[0]} markets" for k in range(5)]
        headlines = [Headline(f"q{n}-{k}", t) for k, t in enumerate(copies + fresh)]
        started = time.perf_counter()
        results = check_headlines(store, "bench", headlines, remember=True, now=now + 1, max_namespace_size=10**8)
        times.append(time.perf_counter() - started)
        assert [r.status for r in results] == ["duplicate"] * 5 + ["new"] * 5, results
    return times


def bench_store(name: str, make: Callable[[], HeadlineStore], size_of: Callable[[], int], texts: list[str]) -> str:
    store = make()
    before = size_of()
    now = time.time()
    seconds = load(store, texts, now)
    grown = size_of() - before
    times = time_checks(store, texts, now, random.Random(5))
    store.close()
    return (f"| {name} | {len(texts):,} | {seconds:.0f} s | {1000 * percentile(times, 0.5):.1f} ms | "
            f"{1000 * percentile(times, 0.99):.1f} ms | {grown / len(texts):,.0f} |")


def bench_datasketch(texts: list[str], server: RedisServer | None) -> str:
    from datasketch import MinHash, MinHashLSH

    def sketch(text: str) -> MinHash:
        m = MinHash(num_perm=128)
        m.update_batch([w.encode() for w in set(_WORDS.findall(text.casefold()))])
        return m

    storage: dict[str, Any] = {}
    if server is not None:
        storage = {"storage_config": {"type": "redis", "redis": {"host": "127.0.0.1", "port": server.port}}}
    import redis

    client = redis.Redis(port=server.port) if server else None
    before = int(client.info("memory")["used_memory"]) if client else 0
    rss_before = _rss()
    started = time.perf_counter()
    lsh = MinHashLSH(threshold=0.5, num_perm=128, **storage)
    with lsh.insertion_session() as session:
        for i, text in enumerate(texts):
            session.insert(f"s{i}", sketch(text))
    seconds = time.perf_counter() - started
    if server is None:
        grown = _rss() - rss_before  # resident set growth: tracemalloc would slow the inserts 10-fold
    else:
        assert client is not None
        grown = int(client.info("memory")["used_memory"]) - before
    rng = random.Random(5)
    times = []
    for _ in range(CHECKS):
        query = sketch(rng.choice(texts) + " - Reuters")
        started = time.perf_counter()
        lsh.query(query)
        times.append(time.perf_counter() - started)
    where = "Redis storage" if server else "in memory"
    return (f"| datasketch MinHashLSH, {where} (query only, no verification, not remembered) | {len(texts):,} | "
            f"{seconds:.0f} s | {1000 * percentile(times, 0.5):.1f} ms | {1000 * percentile(times, 0.99):.1f} ms | "
            f"{grown / len(texts):,.0f} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000", help="remembered headlines, comma-separated")
    parser.add_argument("--datasketch-size", type=int, default=100_000)
    parser.add_argument("--datasketch-redis-size", type=int, default=20_000,
                        help="datasketch's Redis storage inserts ~200 headlines/s here: 100,000 would take ~10 min")
    parser.add_argument("--backends", default="sqlite,redis")
    parser.add_argument("--output", default=str(PERFORMANCE))
    args = parser.parse_args(argv)
    texts = real_headlines()
    vocabulary = sorted({w for t in texts for w in _WORDS.findall(t)})
    lines = ["## Cross-article headline dedup", "",
             "Written by `python -m bench.headlines_bench` (part of `make bench`); one process, one core.", ""]
    lines += bench_batch(texts)
    print("\n".join(lines), flush=True)
    rows = ["### Check: `check_headlines` (10 headlines per call: 5 copies, 5 new, remembered)", "",
            "| store | remembered | load | p50 | p99 | bytes per remembered headline |", "|---|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as tmp:
        server = RedisServer(Path(tmp) / "redis")
        server.directory.mkdir()
        server.start()
        try:
            import redis

            client = redis.Redis(port=server.port)
            for size in [int(s) for s in args.sizes.split(",")]:
                remembered = synthetic(size, vocabulary)
                data_dir = Path(tmp) / f"sqlite-{size}"
                db = data_dir / "headlines.sqlite3"

                def sqlite_size(db: Path = db) -> int:
                    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) if db.exists() else 0

                if "sqlite" in args.backends:
                    rows.append(bench_store("SQLite (WAL)", lambda d=data_dir: open_store("", d, TTL), sqlite_size, remembered))
                    print(rows[-1], flush=True)
                if "redis" in args.backends:
                    client.flushall()
                    rows.append(bench_store(
                        "Redis", lambda: open_store(server.url, Path(tmp), TTL),
                        lambda: int(client.info("memory")["used_memory"]), remembered,
                    ))
                    print(rows[-1], flush=True)
                    client.flushall()
            if args.datasketch_size:
                sample = synthetic(args.datasketch_size, vocabulary)
                rows.append(bench_datasketch(sample, None))
                print(rows[-1], flush=True)
                rows.append(bench_datasketch(sample[: args.datasketch_redis_size], server))
                print(rows[-1], flush=True)
        finally:
            server.stop()
    lines += [*rows, ""]
    if args.output == "-":
        print("\n".join(lines))
        return 0
    write_section(Path(args.output), "headlines-bench", lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
