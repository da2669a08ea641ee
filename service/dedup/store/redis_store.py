"""The shared headline store: Redis through redis-py, for several replicas.

Keys of namespace ``ns`` (the braces are a Redis Cluster hash tag: one namespace, one slot):

- ``rkh:{ns}:rec``: hash, id -> the record (answer, first seen, expiry, text);
- ``rkh:{ns}:exp``: sorted set, id -> expiry (size, purge, forget);
- ``rkh:{ns}:a:<anchor digest>``: sorted set, id -> expiry of the ``new`` headlines with that
  anchor; read newest first, trimmed of expired members on every write, and given the lifetime of
  its newest member, so that Redis drops it by itself once all have expired.

A session holds the namespace's lock (redis-py ``Lock``: ``SET NX PX``, released by a Lua
script that checks its token), reads, and writes in one ``MULTI``/``EXEC`` transaction: a
Redis that stops mid-session leaves either all of a session's writes or none. The transaction
is fenced by the lock: it WATCHes the lock's key and runs only if the key still holds this
session's token, so a session that outlived its lock (a worker stalled past
``LOCK_TIMEOUT_SECONDS``) writes nothing and answers 503, where it would have answered "new"
next to the session that took the lock over. ``forget`` takes the same lock, so that it never
deletes a namespace under a running session (nor that session's lock).

A record is its fields joined by ``\x1f``, the text last; a record whose ``duplicate_of`` holds
that character (an id may) is a JSON array instead. Both are read, and replicas of an earlier
version still read every record they could before.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from . import NewRecord, Remembered, StoreUnavailable

#: A session takes milliseconds; a lock older than this belongs to a crashed worker.
LOCK_TIMEOUT_SECONDS = 10.0
#: How long a session waits for another replica's session on the same namespace.
LOCK_WAIT_SECONDS = 5.0
#: Socket timeouts: a Redis that does not answer within these is treated as down (503), so a
#: request never hangs for long on it.
CONNECT_TIMEOUT_SECONDS = 1.0
SOCKET_TIMEOUT_SECONDS = 2.0
#: Expired records purged per session (bounded work per request).
PURGE_BATCH = 500
#: The separator of a record's fields (status, duplicate_of, similarity, first seen, expiry, text).
_SEP = "\x1f"
#: A session's posting counts in one command (KEYS: the anchors' sorted sets; ARGV: the session's
#: ``(now`` and ``per_anchor``). A pipeline of one ZCOUNT an anchor cost the client more than
#: the fetches it saves on real headlines, whose anchors have few postings each (1,000 headlines
#: checked against 12,431 remembered: 0.86 s CPU reading everything, 1.10 s with pipelined
#: counts, 0.95 s with this script).
_COUNT_POSTINGS = """
local counts = {}
for i, key in ipairs(KEYS) do
    counts[i] = math.min(redis.call('ZCOUNT', key, ARGV[1], '+inf'), tonumber(ARGV[2]))
end
return counts
"""


class RedisStore:
    """Headlines in the Redis at ``url``, kept ``ttl_seconds``."""

    def __init__(self, url: str, ttl_seconds: float, *, prefix: str = "rkh") -> None:
        self.ttl = ttl_seconds
        self.prefix = prefix
        # One retry without back-off: a pooled connection broken by a Redis restart is
        # replaced once; a Redis that is really down fails fast.
        self.client: redis.Redis = redis.Redis.from_url(
            url, socket_connect_timeout=CONNECT_TIMEOUT_SECONDS, socket_timeout=SOCKET_TIMEOUT_SECONDS,
            retry=Retry(NoBackoff(), 1), decode_responses=True,
        )
        self.count_postings = self.client.register_script(_COUNT_POSTINGS)

    def _key(self, namespace: str, suffix: str) -> str:
        return f"{self.prefix}:{{{namespace}}}:{suffix}"

    @contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except redis.RedisError as error:
            detail = f"The headline store cannot be used right now ({type(error).__name__}); retry later."
            raise StoreUnavailable(detail) from None

    @contextmanager
    def _locked(self, namespace: str) -> Iterator[Any]:
        """Hold the namespace's lock (waiting up to ``LOCK_WAIT_SECONDS`` for another holder)."""
        lock = self.client.lock(self._key(namespace, "lock"), timeout=LOCK_TIMEOUT_SECONDS, blocking_timeout=LOCK_WAIT_SECONDS)
        if not lock.acquire():
            raise redis.exceptions.LockError("namespace busy")
        try:
            yield lock
        finally:
            with suppress(redis.exceptions.LockError):  # expired meanwhile: nothing to release
                lock.release()

    @contextmanager
    def session(self, namespace: str, now: float) -> Iterator[_Session]:
        with self._guard(), self._locked(namespace) as lock:
            session = _Session(self, namespace, now, lock)
            session.purge()
            yield session

    def forget(self, namespace: str) -> int:
        with self._guard(), self._locked(namespace) as lock:
            count = int(self.client.zcard(self._key(namespace, "exp")))
            batch: list[str] = []
            for key in self.client.scan_iter(match=self._key(namespace, "*"), count=1000):
                if key != lock.name:  # the lock this call holds goes with its release
                    batch.append(key)
                if len(batch) >= 1000:
                    self.client.unlink(*batch)
                    batch = []
                    lock.reacquire()  # a namespace of many keys takes longer than one lock's timeout
            if batch:
                self.client.unlink(*batch)
            return count

    def close(self) -> None:
        self.client.close()


def _encode(record: Remembered, expires: float) -> str:
    if _SEP in (record.duplicate_of or ""):  # the joined form could not be split again
        fields = [record.status, record.duplicate_of, record.similarity, record.first_seen, expires, record.text]
        return json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    similarity = "" if record.similarity is None else repr(record.similarity)
    return _SEP.join((record.status, record.duplicate_of or "", similarity, repr(record.first_seen), repr(expires), record.text))


def _decode(record_id: str, value: str) -> tuple[Remembered, float]:
    if value.startswith("["):
        status, duplicate_of, similarity, first_seen, expires, text = json.loads(value)
    else:  # fields joined by _SEP, the text last
        status, duplicate_of, similarity, first_seen, expires, text = value.split(_SEP, 5)
        duplicate_of, similarity = duplicate_of or None, float(similarity) if similarity else None
    record = Remembered(
        id=record_id, text=text, status="new" if status == "new" else "duplicate", duplicate_of=duplicate_of,
        similarity=similarity, first_seen=float(first_seen),
    )
    return record, float(expires)


class _Session:
    def __init__(self, store: RedisStore, namespace: str, now: float, lock: Any) -> None:
        self._client = store.client
        self._count_postings = store.count_postings
        self._key = lambda suffix: store._key(namespace, suffix)
        self._now = now
        self._ttl = store.ttl
        self._lock = lock

    def purge(self) -> None:
        expired = self._client.zrangebyscore(self._key("exp"), "-inf", self._now, start=0, num=PURGE_BATCH)
        if expired:
            pipe = self._client.pipeline(transaction=True)
            pipe.hdel(self._key("rec"), *expired)
            pipe.zrem(self._key("exp"), *expired)
            pipe.execute()

    def _records(self, ids: Sequence[str]) -> dict[str, Remembered]:
        if not ids:
            return {}
        values: list[Any] = self._client.hmget(self._key("rec"), list(ids))
        found: dict[str, Remembered] = {}
        for record_id, value in zip(ids, values, strict=True):
            if value is not None:
                record, expires = _decode(record_id, value)
                if expires > self._now:
                    found[record_id] = record
        return found

    def known(self, ids: Sequence[str]) -> dict[str, Remembered]:
        return self._records(ids)

    def postings(self, anchors: Sequence[str], per_anchor: int) -> dict[str, list[str]]:
        pipe = self._client.pipeline(transaction=False)
        for anchor in anchors:
            pipe.zrevrangebyscore(self._key(f"a:{anchor}"), "+inf", f"({self._now}", start=0, num=per_anchor)
        return {anchor: ids for anchor, ids in zip(anchors, pipe.execute(), strict=True) if ids}

    def posting_counts(self, anchors: Sequence[str], per_anchor: int) -> dict[str, int]:
        # ZCOUNT over the same score range as postings: one integer back instead of the ids.
        if not anchors:
            return {}
        counts = self._count_postings(keys=[self._key(f"a:{anchor}") for anchor in anchors], args=[f"({self._now}", per_anchor])
        return {anchor: int(count) for anchor, count in zip(anchors, counts, strict=True) if count}

    def size(self) -> int:
        return int(self._client.zcount(self._key("exp"), f"({self._now}", "+inf"))

    def remember(self, records: Sequence[NewRecord]) -> None:
        if not records:
            return
        expires = self._now + self._ttl
        # Relative to Redis's clock (the session's ``now`` may be a caller's logical time), and a
        # second late: scores decide what has expired, Redis only reclaims what surely has.
        lifetime_ms = int(self._ttl * 1000) + 1000
        with self._client.pipeline(transaction=True) as pipe:  # reset on leaving, whatever happens
            # Fenced by the lock: EXEC runs only if its key, watched from here, holds this session's
            # token (else WatchError or LockError: a 503, and nothing written).
            pipe.watch(self._lock.name)
            token = pipe.get(self._lock.name)
            if token is None or (token.encode() if isinstance(token, str) else token) != self._lock.local.token:
                raise redis.exceptions.LockError("the namespace's lock expired during the session")
            pipe.multi()
            pipe.hset(self._key("rec"), mapping={item.record.id: _encode(item.record, expires) for item in records})
            pipe.zadd(self._key("exp"), {item.record.id: expires for item in records})
            by_anchor: dict[str, list[str]] = {}
            for item in records:
                for anchor in item.anchors:
                    by_anchor.setdefault(anchor, []).append(item.record.id)
            for anchor, ids in by_anchor.items():
                key = self._key(f"a:{anchor}")
                pipe.zremrangebyscore(key, "-inf", self._now)
                pipe.zadd(key, dict.fromkeys(ids, expires))
                pipe.pexpire(key, lifetime_ms)
            pipe.pexpire(self._key("rec"), lifetime_ms)
            pipe.pexpire(self._key("exp"), lifetime_ms)
            pipe.execute()
