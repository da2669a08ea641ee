"""Where ``POST /v1/headlines/check`` remembers headlines: SQLite (embedded default) or Redis.

The store sits in the dedup layer, below the web layer: it persists exactly what the dedup
check needs (a namespace's remembered headlines and their anchors) and nothing HTTP-shaped,
so the CLI, a benchmark or a test can use it without Flask.

Both backends offer one operation, a :meth:`HeadlineStore.session` on one namespace, inside
which reads and writes are atomic with respect to every other session on the same namespace —
across threads, gunicorn workers and replicas. That is what makes "two replicas see the same
new headline at once: exactly one answers ``new``" hold:

- SQLite: a lock per namespace (``flock`` on a lock file, one of a fixed set), and SQLite's
  write lock (``BEGIN IMMEDIATE``: one writer at a time for the whole file) only to write;
- Redis: a lock per namespace (redis-py's ``Lock``: ``SET NX PX`` and a Lua release).

A failing store (Redis down, a full disk) raises :class:`StoreUnavailable` (503 with
Retry-After); nothing already remembered is touched by a failed session.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from ...exceptions import RingkasError

Status = Literal["new", "duplicate"]
#: Seconds a client should wait before retrying when the store is down: long enough for a
#: Redis restart or a failover, short enough for a feed poller.
RETRY_AFTER_SECONDS = 5


class StoreUnavailable(RingkasError):
    """The store cannot be read or written right now (503); retry later."""

    status = 503
    title = "Service Unavailable"
    headers = (("Retry-After", str(RETRY_AFTER_SECONDS)),)


class NamespaceFull(RingkasError):
    """Remembering these headlines would take a namespace over its bound (507)."""

    status = 507
    title = "Insufficient Storage"


@dataclass(frozen=True)
class Remembered:
    """A headline as remembered for one id: its text (to verify copies against) and its answer."""

    id: str
    text: str
    status: Status
    duplicate_of: str | None
    similarity: float | None
    first_seen: float


@dataclass(frozen=True)
class NewRecord:
    """What a session writes for one id; ``anchors`` (digests) only for ``new`` headlines."""

    record: Remembered
    anchors: tuple[str, ...]


class Session(Protocol):
    """Atomic reads and writes on one namespace (see the module docstring)."""

    def known(self, ids: Sequence[str]) -> dict[str, Remembered]:
        """Unexpired records of these ids."""

    def postings(self, anchors: Sequence[str], per_anchor: int) -> dict[str, list[str]]:
        """For each anchor digest, the ids of the newest ``per_anchor`` unexpired ``new`` headlines that have it
        (anchors without any are left out)."""

    def posting_counts(self, anchors: Sequence[str], per_anchor: int) -> dict[str, int]:
        """For each anchor digest, how many ids :meth:`postings` would give it (``per_anchor`` at most),
        without reading them (anchors without any are left out)."""

    def size(self) -> int:
        """Unexpired records in the namespace."""

    def remember(self, records: Sequence[NewRecord]) -> None:
        """Store the records (expiring ``ttl`` seconds after the session's ``now``)."""


class HeadlineStore(Protocol):
    """A headline store; thread-safe, shared by every worker that opens it."""

    def session(self, namespace: str, now: float) -> AbstractContextManager[Session]: ...

    def forget(self, namespace: str) -> int:
        """Drop a namespace; returns how many records it had (unexpired or not yet purged)."""

    def close(self) -> None: ...


def open_store(url: str, data_dir: Path, ttl_seconds: float) -> HeadlineStore:
    """The store that ``url`` names: empty for SQLite in ``data_dir``, ``redis://…`` for Redis."""
    if not url:
        from .sqlite_store import SQLiteStore

        return SQLiteStore(data_dir / "headlines.sqlite3", ttl_seconds)
    if url.startswith(("redis://", "rediss://", "unix://")):
        from .redis_store import RedisStore

        return RedisStore(url, ttl_seconds)
    raise ValueError(f"Unsupported headline store {url!r}: use an empty value (SQLite) or redis://host:port/db.")


__all__ = [
    "HeadlineStore", "NamespaceFull", "NewRecord", "Remembered", "Session", "Status", "StoreUnavailable", "open_store",
]


