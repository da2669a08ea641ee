"""Soak test (``make soak``, not in CI): 60 s of mixed valid and invalid requests from 16 clients.

Starts gunicorn exactly as ``make serve`` does (gunicorn.conf.py, wsgi:app) on a free loopback
port, drives it with 16 keep-alive clients (threads), and checks: zero 5xx, zero connection
errors, worker RSS growth under 10% from minute 0 (after a 5 s warm-up) to minute 1. The result
replaces the "Soak" section of docs/PERFORMANCE.md (``bench._harness.write_section``).
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import threading
import time
from collections import Counter
from pathlib import Path

from bench._harness import PERFORMANCE, ROOT, running_server, write_section

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
#: Warm-up before the minute-0 RSS sample: the first requests load per-language caches.
WARMUP_SECONDS = 5.0
#: The issue's bound on worker memory growth over the soak.
MAX_RSS_GROWTH = 0.10


def _requests() -> list[tuple[str, str, dict[str, str], bytes]]:
    """(method, path, headers, body) of the mix: mostly valid, a fair share of client errors."""
    texts = [p.read_text(encoding="utf-8") for p in SEEDS[:6]]
    json_type = {"Content-Type": "application/json"}
    mix = []
    for text in texts:
        mix.append(("POST", "/v1/summarize", json_type, json.dumps({"text": text, "sentences": 3}).encode()))
        mix.append(("POST", "/v1/summarize?algorithm=textrank", {"Content-Type": "text/plain"}, text.encode()))
    mix.append(("POST", "/v1/summarize/batch", json_type,
                json.dumps({"documents": [{"id": i, "text": t} for i, t in enumerate(texts)] + [{"id": "bad"}]}).encode()))
    mix += [
        ("POST", "/v1/summarize", json_type, b"{not json"),                                   # 400
        ("POST", "/v1/summarize", json_type, b'{"text": "x y.", "sentences": 0}'),            # 422
        ("POST", "/v1/summarize", {"Content-Type": "application/xml"}, b"<a/>"),              # 415
        ("POST", "/v1/summarize", json_type, b'{"text": "   "}'),                             # 422
        ("GET", "/v1/summarize", {}, b""),                                                    # 405
        ("GET", "/v1/languages", {}, b""),
        ("GET", "/healthz", {}, b""),
        ("GET", "/metrics", {}, b""),
    ]
    return mix


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _workers(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--no-append", action="store_true", help="do not write docs/PERFORMANCE.md")
    args = parser.parse_args()

    log_path = ROOT / ".soak-gunicorn.log"
    with log_path.open("wb") as log, running_server(log=log) as server:
        port = server.port
        mix = _requests()
        statuses: Counter[int] = Counter()
        connection_errors: Counter[str] = Counter()
        lock = threading.Lock()
        stop = time.monotonic() + args.seconds

        def client(seed: int) -> None:
            rng = random.Random(seed)
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            while time.monotonic() < stop:
                method, path, headers, body = rng.choice(mix)
                try:
                    connection.request(method, path, body=body or None, headers=headers)
                    response = connection.getresponse()
                    response.read()
                    status = response.status
                    if response.getheader("Connection", "").lower() == "close":
                        connection.close()
                except (OSError, http.client.HTTPException) as exc:
                    with lock:
                        connection_errors[type(exc).__name__] += 1
                    connection.close()
                    continue
                with lock:
                    statuses[status] += 1

        threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(args.clients)]
        began = time.monotonic()
        for thread in threads:
            thread.start()
        time.sleep(WARMUP_SECONDS)
        workers = _workers(server.pid)
        rss_start = {pid: _rss_kib(pid) for pid in workers}
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - began
        rss_end = {pid: _rss_kib(pid) for pid in workers if Path(f"/proc/{pid}").exists()}

    total = sum(statuses.values())
    five_xx = sum(n for s, n in statuses.items() if s >= 500)
    growth = max((rss_end.get(pid, 0) - rss_start[pid]) / rss_start[pid] for pid in rss_start) if rss_start else float("nan")
    replaced = len(rss_start) - len(rss_end)
    ok = five_xx == 0 and not connection_errors and growth < MAX_RSS_GROWTH and replaced == 0
    lines = [
        "## Soak",
        "",
        f"`make soak` ({time.strftime('%Y-%m-%d')}): {args.clients} clients, {elapsed:.0f} s of mixed valid and invalid "
        f"requests (JSON, text/plain, batch, 400/405/415/422) against gunicorn ({len(rss_start)} sync workers, "
        "gunicorn.conf.py) on loopback; the clients share the machine's cores with the server.",
        "",
        "| requests | req/s | statuses | 5xx | connection errors | worker RSS minute 0 → 1 (KiB) | max growth | verdict |",
        "|---|---|---|---|---|---|---|---|",
        f"| {total:,} | {total / elapsed:,.0f} | {', '.join(f'{s}: {n:,}' for s, n in sorted(statuses.items()))} "
        f"| {five_xx} | {sum(connection_errors.values())} "
        f"| {'; '.join(f'{rss_start[p]:,} → {rss_end.get(p, 0):,}' for p in rss_start)} | {growth:+.1%} "
        f"| {'pass' if ok else 'FAIL'} |",
    ]
    print("\n".join(lines))
    if not args.no_append:
        write_section(PERFORMANCE, "soak", lines)
    log_path.unlink(missing_ok=True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
