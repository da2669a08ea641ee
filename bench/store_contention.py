"""Checks on one namespace while other workers remember large requests on another (SQLite).

Run from the repository root: ``python bench/store_contention.py [--seconds 20] [--rounds 2]
[--against DIR]``.

SQLite has one write lock for the whole file. Two writer processes (two gunicorn workers) each
check-and-remember requests of 1,000 look-alike headlines on namespace ``bulk`` (made-up words,
so that the comparisons are many: about a second of CPU a request), back to back, while a third
process checks one new headline on namespace ``feed`` every 50 ms, as a feed poller does. The
prober's latency and its 503s (``StoreUnavailable``: the write lock not had within
``BUSY_TIMEOUT_MS``, 5 s) are what a client of another namespace sees.

With ``--against DIR`` the same rounds run, in turns, with the service of another checkout
(``DIR``, e.g. a worktree of the previous commit): each process imports ``service`` from the tree
under test (``PYTHONPATH``), so both run in one invocation on the same machine. Every process
starts from a new, empty store. Prints one Markdown row per tree and round.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TTL = 86_400.0
BULK = 1_000  # headlines in a writer's request (the API's max_check_headlines)
PROBE_INTERVAL = 0.05


def _words(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(3)) for _ in range(count)]


def writer(data: Path, deadline: float, seed: int) -> dict[str, float]:
    """Remember requests of ``BULK`` look-alike headlines on ``bulk`` until ``deadline``."""
    from service.dedup.headline_check import check_headlines
    from service.dedup.headline_groups import Headline
    from service.dedup.store import StoreUnavailable, open_store

    store, rng, vocabulary = open_store("", data, TTL), random.Random(seed), _words(300, 1)
    done = failed = 0
    while time.time() < deadline:
        texts = [" ".join(rng.choice(vocabulary) for _ in range(12)) for _ in range(BULK)]
        headlines = [Headline(f"{seed}-{done}-{n}", text) for n, text in enumerate(texts)]
        try:
            check_headlines(store, "bulk", headlines, remember=True, now=time.time(), max_namespace_size=10**7)
            done += 1
        except StoreUnavailable:
            failed += 1
    store.close()
    return {"requests": done, "unavailable": failed}


def prober(data: Path, deadline: float) -> dict[str, float]:
    """Check one new headline on ``feed`` every ``PROBE_INTERVAL`` until ``deadline``."""
    from service.dedup.headline_check import check_headlines
    from service.dedup.headline_groups import Headline
    from service.dedup.store import StoreUnavailable, open_store

    store, rng, vocabulary = open_store("", data, TTL), random.Random(99), _words(2000, 2)
    latencies: list[float] = []
    failed, wal = 0, 0
    while time.time() < deadline:
        # Sessions of different namespaces now read at once: SQLite resets its WAL only when no
        # reader holds an old snapshot, so readers that never pause could keep it growing.
        with contextlib.suppress(OSError):
            wal = max(wal, os.path.getsize(data / "headlines.sqlite3-wal"))
        text = " ".join(rng.choice(vocabulary) for _ in range(8))
        started = time.perf_counter()
        try:
            check_headlines(store, "feed", [Headline(str(len(latencies)), text)], remember=True, now=time.time(),
                            max_namespace_size=10**7)
        except StoreUnavailable:
            failed += 1
        latencies.append(time.perf_counter() - started)
        time.sleep(PROBE_INTERVAL)
    store.close()
    latencies.sort()
    return {
        "probes": len(latencies), "unavailable": failed, "p50": statistics.median(latencies),
        "p99": latencies[int(0.99 * (len(latencies) - 1))], "max": latencies[-1], "wal": wal,
    }


def run_round(tree: Path, seconds: float) -> dict[str, dict[str, float]]:
    """One round with ``tree``'s service: two writers and the prober, in their own processes."""
    with tempfile.TemporaryDirectory(prefix="ringkas-contention-") as data:
        deadline = time.time() + 3 + seconds  # the processes start (imports) before it counts
        env = {**os.environ, "PYTHONPATH": str(tree), "OMP_NUM_THREADS": "1"}
        roles = [("writer", str(seed)) for seed in (1, 2)] + [("prober", "0")]
        processes = [
            subprocess.Popen(
                [sys.executable, __file__, "--role", role, "--data", data, "--deadline", str(deadline), "--seed", seed],
                stdout=subprocess.PIPE, env=env, cwd=tree, text=True,
            )
            for role, seed in roles
        ]
        results = [json.loads(process.communicate()[0]) for process in processes]
        results[2]["store"] = (Path(data) / "headlines.sqlite3").stat().st_size
    return {"writers": {key: sum(r[key] for r in results[:2]) for key in results[0]}, "prober": results[2]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--against", type=Path, default=None, help="another checkout, run in turns with this one")
    parser.add_argument("--role", choices=("writer", "prober"), default=None, help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--deadline", type=float, default=0.0, help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.role is not None:
        result = writer(args.data, args.deadline, args.seed) if args.role == "writer" else prober(args.data, args.deadline)
        print(json.dumps(result))
        return 0
    here = Path(__file__).resolve().parent.parent
    trees = [here] if args.against is None else [args.against.resolve(), here]
    print("| tree | round | writers' requests (1,000 headlines) | writers' 503s | probes | probe p50 | probe p99 | "
          "probe max | probes answered 503 | store | largest WAL |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for number in range(1, args.rounds + 1):
        for tree in trees:
            result = run_round(tree, args.seconds)
            w, p = result["writers"], result["prober"]
            print(f"| {tree.name} | {number} | {w['requests']:.0f} | {w['unavailable']:.0f} | {p['probes']:.0f} | "
                  f"{p['p50'] * 1000:.0f} ms | {p['p99'] * 1000:.0f} ms | {p['max'] * 1000:.0f} ms | {p['unavailable']:.0f} | "
                  f"{p['store'] / 2**20:.1f} MB | {p['wal'] / 2**20:.1f} MB |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
