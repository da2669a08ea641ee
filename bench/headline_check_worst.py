"""The worst headline check we know: a full request against a namespace of look-alike headlines.

Run: ``python -m bench.headline_check_worst [--stored 64000] [--checked 1000] [--words 41]
[--vocabulary 200] [--store sqlite|redis]``. Prints one line: the time of one
``check_headlines`` call (``remember=False``), the duplicates found, the process's peak RSS
(the namespace is built in a child process) and a digest of the answers, which must not change with
``PYTHONHASHSEED`` or with the memory bounds.

Every headline, remembered or checked, is ``--words`` words drawn (seeded) from a vocabulary
of ``--vocabulary`` made-up words, so every word pair (a headline's anchor) has dozens of
remembered headlines: each checked headline reads the most postings the check allows
(``MAX_POSTINGS_PER_HEADLINE``, from its first few word pairs: after the first chunk of
headlines, the store is asked for every pair's count, then for those pairs' postings only:
``COUNT_FIRST_RATIO``) and weighs up to ``MAX_CANDIDATES`` of them. Real
headlines share far fewer pairs (docs/PERFORMANCE.md, cross-article headline dedup). The
default request is ``max_check_headlines`` long, the largest the API accepts; memory is bounded
by ``ANCHORS_PER_READ`` and ``MAX_POSTINGS_HELD`` (service/dedup/headline_check.py).
The remembered namespace is built once per shape, under a temporary directory, and takes longer
than the check itself.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import os
import random
import resource
import tempfile
import time
from pathlib import Path

from service.config import Config
from service.dedup.headline_check import CheckResult, check_headlines
from service.dedup.headline_groups import Headline
from service.dedup.headline_keys import anchor_digest, headline_key
from service.dedup.store import HeadlineStore, NewRecord, Remembered, open_store
from tests.redis_server import RedisServer

NOW = 1.8e9
SYLLABLES = ("b", "d", "g", "k", "l", "m", "n", "r", "s", "t")


def vocabulary(size: int) -> list[str]:
    """``size`` made-up words of three letters or more, each once."""
    words = ("".join(p) for p in itertools.product(SYLLABLES, "aiueo", SYLLABLES, ("", *"aiu")))
    return list(itertools.islice(words, size))


def headlines(rng: random.Random, words: list[str], count: int, length: int) -> list[str]:
    return [" ".join(rng.choice(words) for _ in range(length)).capitalize() for _ in range(count)]


def remember(store: HeadlineStore, namespace: str, texts: list[str]) -> None:
    """The remembered headlines, written straight through a session (as the check writes new ones)."""
    with store.session(namespace, NOW) as session:
        session.remember(
            [
                NewRecord(
                    Remembered(f"s{n}", text, "new", None, None, NOW),
                    tuple(sorted({anchor_digest(a) for a in headline_key(text).anchors})),
                )
                for n, text in enumerate(texts)
            ]
        )


def worst_check(
    url: str, directory: Path, stored: int, checked: int, words: int, vocabulary_size: int
) -> tuple[list[CheckResult], float, float]:
    """(answers, wall seconds, CPU seconds) of one check of ``checked`` look-alike headlines against
    ``stored`` remembered ones, in the store at ``url`` ("" for SQLite under ``directory``). The
    namespace is built in a child process, so that this one's peak RSS is the check's."""
    chosen = vocabulary(vocabulary_size)
    request = [Headline(f"c{n}", t) for n, t in enumerate(headlines(random.Random(8), chosen, checked, words))]
    namespace = f"worst-{stored}-{words}-{vocabulary_size}"
    build = os.fork()
    if not build:
        failed = 1
        try:
            remember(open_store(url, directory, 10**8), namespace, headlines(random.Random(7), chosen, stored, words))
            failed = 0
        finally:
            os._exit(failed)
    if os.waitpid(build, 0)[1]:
        raise RuntimeError("building the namespace failed")
    store = open_store(url, directory, 10**8)
    began, cpu = time.perf_counter(), time.process_time()
    results = check_headlines(store, namespace, request, remember=False, now=NOW + 1, max_namespace_size=10**7)
    return results, time.perf_counter() - began, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stored", type=int, default=64_000)
    parser.add_argument("--checked", type=int, default=Config.load({}).max_check_headlines)
    parser.add_argument("--words", type=int, default=41, help="words per headline")
    parser.add_argument("--vocabulary", type=int, default=200)
    parser.add_argument("--store", choices=("sqlite", "redis"), default="sqlite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ringkas-check-") as tmp:
        server = RedisServer(Path(tmp)) if args.store == "redis" else None
        if server:
            server.start()
        try:
            shape = (args.stored, args.checked, args.words, args.vocabulary)
            results, wall, cpu = worst_check(server.url if server else "", Path(tmp), *shape)
        finally:
            if server:
                server.stop()
    duplicates = sum(r.status == "duplicate" for r in results)
    answers = hashlib.sha256(repr([(r.id, r.status, r.duplicate_of, r.similarity) for r in results]).encode())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{args.store}: {args.checked:,} headlines of {args.words} words checked against {args.stored:,} "
        f"({args.vocabulary} words): {wall:.2f} s ({cpu:.2f} s CPU in this process, "
        f"{1000 * wall / max(1, args.checked):.1f} ms a headline), {duplicates} duplicates, "
        f"peak RSS {peak:.0f} MB, answers {answers.hexdigest()[:16]}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
