"""A small, bounded HTTP load generator for 127.0.0.1 (used by bench.performance when wrk is missing).

Run: ``python -m bench.http_load URL [--clients 8] [--seconds 10] [--body FILE] [--content-type T]``.

Each client is a thread with its own keep-alive ``http.client`` connection (reopened when the
server closes it, as gunicorn's sync workers do after every response). The run is bounded in
time and in requests, and only loopback URLs are accepted. In CPython the clients share one
core's worth of interpreter, so on a small machine this generator takes CPU from the server:
prefer wrk for absolute numbers.
"""

from __future__ import annotations

import argparse
import http.client
import ipaddress
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np

#: A hard cap on requests per client, whatever the duration (keeps every run bounded).
MAX_REQUESTS_PER_CLIENT = 1_000_000


@dataclass(frozen=True)
class LoadStats:
    requests: int
    seconds: float
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    error_detail: str


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def percentile_ms(latencies: list[float], q: float) -> float:
    """The ``q``-th percentile of latencies given in seconds, in milliseconds (nan when empty)."""
    return float(np.percentile(np.asarray(latencies) * 1e3, q)) if latencies else float("nan")


def run(
    url: str,
    body: bytes | None = None,
    *,
    clients: int = 8,
    seconds: float = 10.0,
    content_type: str = "text/plain; charset=utf-8",
    timeout: float = 30.0,
) -> LoadStats:
    """Send requests (POST ``body`` when given, else GET) from ``clients`` threads for ``seconds``.

    Raises:
        ValueError: the URL is not http:// on a loopback address.
    """
    parts = urlsplit(url)
    if parts.scheme != "http" or not parts.hostname or not _loopback(parts.hostname):
        raise ValueError(f"Only http:// URLs on the loopback interface are allowed, not {url!r}.")
    host, port = parts.hostname, parts.port or 80
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    method = "POST" if body is not None else "GET"
    headers = {"Content-Type": content_type} if body is not None else {}
    lock = threading.Lock()
    latencies: list[float] = []
    errors: dict[str, int] = {}
    start_gate = threading.Barrier(clients + 1)
    deadline = 0.0

    def client() -> None:
        own: list[float] = []
        own_errors: dict[str, int] = {}
        connection: http.client.HTTPConnection | None = None
        start_gate.wait()
        for _ in range(MAX_REQUESTS_PER_CLIENT):
            if time.perf_counter() >= deadline:
                break
            began = time.perf_counter()
            try:
                if connection is None:
                    connection = http.client.HTTPConnection(host, port, timeout=timeout)
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    own_errors[f"status {response.status}"] = own_errors.get(f"status {response.status}", 0) + 1
                else:
                    own.append(time.perf_counter() - began)
                if response.getheader("Connection", "").lower() == "close" or response.will_close:
                    connection.close()
                    connection = None
            except (OSError, http.client.HTTPException) as exc:
                name = exc.__class__.__name__
                own_errors[name] = own_errors.get(name, 0) + 1
                if connection is not None:
                    connection.close()
                connection = None
                if isinstance(exc, (ConnectionRefusedError, socket.gaierror)):
                    time.sleep(0.05)
        if connection is not None:
            connection.close()
        with lock:
            latencies.extend(own)
            for key, value in own_errors.items():
                errors[key] = errors.get(key, 0) + value

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    began = time.perf_counter()
    deadline = began + seconds
    start_gate.wait()
    for thread in threads:
        thread.join(seconds + timeout + 5)
    elapsed = time.perf_counter() - began
    total_errors = sum(errors.values())
    count = len(latencies) + total_errors
    return LoadStats(
        requests=count,
        seconds=elapsed,
        rps=len(latencies) / elapsed if elapsed else 0.0,
        p50_ms=percentile_ms(latencies, 50),
        p99_ms=percentile_ms(latencies, 99),
        errors=total_errors,
        error_detail=", ".join(f"{k} {v}" for k, v in sorted(errors.items())),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--body", type=Path, help="POST this file's bytes (GET when absent)")
    parser.add_argument("--content-type", default="text/plain; charset=utf-8")
    args = parser.parse_args()
    stats = run(
        args.url,
        args.body.read_bytes() if args.body else None,
        clients=args.clients,
        seconds=args.seconds,
        content_type=args.content_type,
    )
    print(
        f"{stats.requests} requests in {stats.seconds:.1f} s: {stats.rps:.1f} req/s (successful), "
        f"p50 {stats.p50_ms:.1f} ms, p99 {stats.p99_ms:.1f} ms, errors {stats.errors}"
        + (f" ({stats.error_detail})" if stats.errors else "")
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
