"""Prometheus metrics (prometheus-client), summed over gunicorn workers in multiprocess mode.

Each app owns its :class:`Metrics` (its own registry, so tests and several apps in one process
never share counters through a module-level global). When ``Config.prometheus_multiproc_dir`` is
set (gunicorn.conf.py sets it), prometheus-client writes every value to per-process files in that
directory and :meth:`Metrics.exposition` reads them all, so ``GET /metrics`` on any worker
reports the whole server.
"""

from __future__ import annotations

from dataclasses import dataclass

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector

from ..models import Summary

#: Latency buckets in seconds: a typical article takes milliseconds, the largest accepted input
#: a few seconds (docs/PERFORMANCE.md); 30 s is gunicorn's hard timeout (gunicorn.conf.py).
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
#: Size buckets, powers of 4 from 256 to 1 MiB (the default body limit): a news article is
#: typically 2–20 KB.
SIZE_BUCKETS = tuple(float(4**k * 256) for k in range(7))
#: Route label of requests that matched no route (never the raw path: unbounded cardinality).
UNMATCHED = "unmatched"
#: Method labels kept as sent: RFC 9110's methods and PATCH. Any other token a client sends as a
#: method is counted as ``OTHER_METHOD``: each new label is a new series, kept until restart.
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"})
OTHER_METHOD = "other"


@dataclass(frozen=True)
class Metrics:
    """The service's metrics and the registry that exposes them."""

    registry: CollectorRegistry
    multiproc_dir: str | None
    requests: Counter
    latency: Histogram
    request_bytes: Histogram
    text_characters: Histogram
    removed: Counter
    errors: Counter

    @classmethod
    def build(cls, multiproc_dir: str | None = None) -> Metrics:
        """Create the metrics in a fresh registry (``multiproc_dir``: see the module docstring)."""
        registry = CollectorRegistry(auto_describe=True)
        return cls(
            registry=registry,
            multiproc_dir=multiproc_dir,
            requests=Counter(
                "ringkas_http_requests", "HTTP requests by route, method and status.",
                ["route", "method", "status"], registry=registry,
            ),
            latency=Histogram(
                "ringkas_http_request_duration_seconds", "Time to answer a request, by route.",
                ["route", "method"], buckets=LATENCY_BUCKETS, registry=registry,
            ),
            request_bytes=Histogram(
                "ringkas_http_request_body_bytes", "Request body sizes (Content-Length), by route.",
                ["route"], buckets=SIZE_BUCKETS, registry=registry,
            ),
            text_characters=Histogram(
                "ringkas_input_characters", "Characters of each text summarised (each document of a batch).",
                buckets=SIZE_BUCKETS, registry=registry,
            ),
            removed=Counter(
                "ringkas_removed_spans", "Spans stripped before ranking: headline copies, repeated paragraphs, boilerplate.",
                ["reason"], registry=registry,
            ),
            errors=Counter(
                "ringkas_errors", "Error responses (scope=request) and failed batch documents (scope=document), by status.",
                ["route", "status", "scope"], registry=registry,
            ),
        )

    def observe_request(self, route: str, method: str, status: int, seconds: float, body_bytes: int) -> None:
        """Record one answered request (a method outside ``KNOWN_METHODS`` as ``other``)."""
        method = method if method in KNOWN_METHODS else OTHER_METHOD
        self.requests.labels(route, method, str(status)).inc()
        self.latency.labels(route, method).observe(seconds)
        if body_bytes:
            self.request_bytes.labels(route).observe(body_bytes)
        if status >= 400:
            self.errors.labels(route, str(status), "request").inc()

    def observe_summary(self, summary: Summary) -> None:
        """Record one summarised text: its size and what was stripped from it."""
        self.text_characters.observe(summary.stats.characters)
        for span in summary.removed:
            self.removed.labels(span.reason).inc()

    def observe_document_error(self, route: str, status: int) -> None:
        """Record a batch document answered with a problem (the request itself succeeded)."""
        self.errors.labels(route, str(status), "document").inc()

    def exposition(self) -> tuple[bytes, str]:
        """The text exposition format and its content type; all workers' values in multiprocess mode."""
        if self.multiproc_dir:
            registry = CollectorRegistry()
            MultiProcessCollector(registry, path=self.multiproc_dir)  # type: ignore[no-untyped-call]
            return generate_latest(registry), CONTENT_TYPE_LATEST
        return generate_latest(self.registry), CONTENT_TYPE_LATEST
