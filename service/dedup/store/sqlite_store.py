"""The embedded headline store: one SQLite file in WAL mode, shared by every gunicorn worker.

A session holds its namespace's lock, so that its check-then-remember is atomic across threads
and processes (the others wait up to ``BUSY_TIMEOUT_MS``): an exclusive ``flock`` on one of
``LOCK_STRIPES`` lock files beside the database, chosen by a hash of the namespace. It reads
statement by statement (autocommit) and takes SQLite's write lock (``BEGIN IMMEDIATE``) only to
write, when it first asks for the namespace's size or remembers: no other session writes the
namespace while its lock is held, so its reads agree with each other without a transaction.

SQLite's write lock is the file's, for every namespace: a session that held it from its start
held up the checks of every other namespace while it compared its headlines (1,000 look-alikes:
about a second), and past ``BUSY_TIMEOUT_MS`` they answered 503. Nor may a session hold a read
transaction while it compares: SQLite starts its WAL afresh only when no reader holds an old
snapshot, and sessions of other namespaces that overlapped so kept it growing (to 894 MB in 30 s
of ``bench/store_contention.py``). Two namespaces that share a lock stripe do wait for each other.

Each thread has its own connection (sqlite3 connections are not shared between threads). The
file survives restarts; expired rows are purged a bounded batch at a time by the sessions of
their namespace that write.

A store that fails recovers by itself: after any SQLite error the thread's connection is dropped,
and the next session opens a new one (and creates the tables if the file is new). A session
first checks that the file it writes to is still the file at ``path`` (``os.stat``), so that
acknowledged writes never go into a deleted file: a removed file is a 503, then a new, empty
store; a removed directory is a 503 until it is made again.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from . import NewRecord, Remembered, StoreUnavailable

#: How long a session waits for another worker's write lock: sessions last milliseconds, so
#: 5 s means the store is stuck rather than busy.
BUSY_TIMEOUT_MS = 5000
#: Expired rows deleted per session: bounded so that no request pays for a big backlog.
PURGE_BATCH = 500
#: Lock files that namespaces share (by a hash of the name): a bounded number of files however
#: many namespaces clients make, and two namespaces rarely (1 in 256) wait for each other.
LOCK_STRIPES = 256
#: How long a waiter sleeps between tries of a namespace's lock, at most (it starts at 1 ms).
_LOCK_POLL_SECONDS = 0.02
#: Anchors looked up per statement: under SQLite's bound on compound SELECT terms (500).
_ANCHORS_PER_QUERY = 100
#: One anchor's term of :meth:`_Session.postings`: its newest postings.
_NEWEST_POSTINGS = (
    "SELECT {n}, id FROM (SELECT id FROM anchors WHERE namespace = ? AND anchor = ? AND +expires > ? "
    "ORDER BY expires DESC LIMIT ?)"
)
#: ... and of :meth:`_Session.posting_counts`: how many there are (the LIMIT bounds a common anchor's walk).
_POSTING_COUNT = "SELECT {n}, COUNT(*) FROM (SELECT 1 FROM anchors WHERE namespace = ? AND anchor = ? AND +expires > ? LIMIT ?)"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS headlines (
    namespace TEXT NOT NULL, id TEXT NOT NULL, text TEXT NOT NULL, status TEXT NOT NULL,
    duplicate_of TEXT, similarity REAL, first_seen REAL NOT NULL, expires REAL NOT NULL,
    PRIMARY KEY (namespace, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS headlines_expiry ON headlines (namespace, expires);
CREATE TABLE IF NOT EXISTS anchors (
    namespace TEXT NOT NULL, anchor BLOB NOT NULL, expires REAL NOT NULL, id TEXT NOT NULL,
    PRIMARY KEY (namespace, anchor, expires, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS anchors_expiry ON anchors (namespace, expires);
CREATE TABLE IF NOT EXISTS sizes (namespace TEXT PRIMARY KEY, size INTEGER NOT NULL) WITHOUT ROWID;
"""


class SQLiteStore:
    """Headlines in ``path`` (created with its directory), kept ``ttl_seconds``."""

    def __init__(self, path: Path, ttl_seconds: float) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.ttl = ttl_seconds
        self._local = threading.local()
        with self._guard():
            self._connection()

    def _connection(self) -> sqlite3.Connection:
        """This thread's connection to the file now at ``path``: a new one after a fork
        (gunicorn's preload_app), after an error (:meth:`_guard` drops it) or when the file was
        replaced; the tables are created on each new connection (a new file has none).

        Raises:
            sqlite3.Error: there is no file at ``path``, or it cannot be opened.
        """
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        try:
            identity = _file_identity(self.path)
        except FileNotFoundError:
            if connection is None:
                identity = None  # a new store: connect creates the file
            else:  # the file (or its directory) was removed under us: never write into the deleted one
                self._drop()
                raise sqlite3.OperationalError(f"the store's file {self.path} is gone") from None
        except OSError as error:  # a directory made unreadable, a file where the directory was
            self._drop()
            raise sqlite3.OperationalError(f"the store's file cannot be reached ({error.strerror})") from None
        if connection is not None and getattr(self._local, "pid", None) == os.getpid() and self._local.identity == identity:
            return connection
        self._drop()
        connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")  # WAL: durable at checkpoints, never corrupt
            connection.executescript(_SCHEMA)
        except sqlite3.Error:
            connection.close()
            raise
        self._local.connection, self._local.pid, self._local.identity = connection, os.getpid(), _file_identity(self.path)
        return connection

    def _drop(self) -> None:
        """Forget this thread's connection (closed if it is this process's)."""
        connection = getattr(self._local, "connection", None)
        if connection is not None and getattr(self._local, "pid", None) == os.getpid():
            with suppress(sqlite3.Error):
                connection.close()
        self._local.connection = None

    @contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as error:  # a full disk, a locked, unreadable or removed file
            self._drop()  # the next session opens the file afresh: the store recovers by itself
            raise StoreUnavailable(f"The headline store cannot be used right now ({error}); retry later.") from None

    def lock_file(self, namespace: str) -> Path:
        """The lock file of ``namespace``'s stripe (the name hashed: any namespace, a bounded set of files)."""
        digest = hashlib.sha256(namespace.encode("utf-8", "surrogatepass")).digest()
        return self.path.parent / "locks" / f"{int.from_bytes(digest[:4], 'big') % LOCK_STRIPES:03d}.lock"

    @contextmanager
    def _namespace_lock(self, namespace: str) -> Iterator[Callable[[], bool]]:
        """Hold ``namespace``'s lock, waiting up to ``BUSY_TIMEOUT_MS`` for another session's.
        Yields whether the lock is still held: an flock is on the file, and once the file is
        unlinked (``locks/`` cleared while a session runs) another session locks a new file of
        that name.

        Raises:
            sqlite3.OperationalError: still held by another session after that (a 503, as when
                SQLite's own lock cannot be had); the lock file cannot be opened or locked.
        """
        path = self.lock_file(namespace)
        try:
            path.parent.mkdir(exist_ok=True)  # not its parents: a removed data directory stays a 503
            descriptor = os.open(path, os.O_RDONLY | os.O_CREAT, 0o644)  # flock needs no write access
        except OSError as error:
            raise sqlite3.OperationalError(f"the store's lock file cannot be opened ({error.strerror})") from None
        try:
            deadline, pause = time.monotonic() + BUSY_TIMEOUT_MS / 1000, 0.001
            while True:
                try:
                    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise sqlite3.OperationalError(f"namespace {namespace[:64]!r} is busy") from None
                    time.sleep(pause)
                    pause = min(2 * pause, _LOCK_POLL_SECONDS)
                except OSError as error:  # ENOLCK (a network file system), not busy: still a 503
                    raise sqlite3.OperationalError(f"the store's lock file cannot be locked ({error.strerror})") from None

            def held() -> bool:
                try:
                    return _identity(os.fstat(descriptor)) == _identity(os.stat(path))
                except OSError:
                    return False

            yield held
        finally:
            os.close(descriptor)  # releases the lock

    @contextmanager
    def session(self, namespace: str, now: float) -> Iterator[_Session]:
        with self._guard():
            connection = self._connection()
            with self._namespace_lock(namespace) as held:
                session = _Session(connection, namespace, now, self.ttl, lambda: held() and self._still_the_file())
                try:
                    yield session
                    if session.writing:
                        connection.execute("COMMIT")
                except BaseException:
                    _roll_back(connection)
                    raise

    def forget(self, namespace: str) -> int:
        with self._guard(), self._namespace_lock(namespace):
            connection = self._connection()
            connection.execute("BEGIN IMMEDIATE")
            try:
                count = connection.execute("DELETE FROM headlines WHERE namespace = ?", (namespace,)).rowcount
                connection.execute("DELETE FROM anchors WHERE namespace = ?", (namespace,))
                connection.execute("DELETE FROM sizes WHERE namespace = ?", (namespace,))
                connection.execute("COMMIT")
            except BaseException:
                _roll_back(connection)
                raise
            return count

    def _still_the_file(self) -> bool:
        """Whether this thread's connection is to the file now at ``path`` (checked again before a
        session writes: the file may have been removed while it read and compared)."""
        try:
            return bool(_file_identity(self.path) == self._local.identity)
        except OSError:
            return False

    def close(self) -> None:
        self._drop()


def _file_identity(path: Path) -> tuple[int, int]:
    """Which file ``path`` names now: a file removed and made anew differs."""
    return _identity(os.stat(path))


def _identity(status: os.stat_result) -> tuple[int, int]:
    """A file's device and inode."""
    return status.st_dev, status.st_ino


def _roll_back(connection: sqlite3.Connection) -> None:
    """Roll back, if there is anything to roll back: a failed ROLLBACK ("no transaction is
    active", after a full disk ended it) must not hide the error that made it needed."""
    with suppress(sqlite3.Error):
        connection.execute("ROLLBACK")


class _Session:
    def __init__(self, connection: sqlite3.Connection, namespace: str, now: float, ttl: float,
                 still_ours: Callable[[], bool]) -> None:
        self._db = connection
        self._still_ours = still_ours
        self._namespace = namespace
        self._now = now
        self._ttl = ttl
        self.writing = False  # holding SQLite's write lock, in a transaction the session commits

    def _write(self) -> None:
        """Take SQLite's write lock (once a session), then purge. The reads so far need no check:
        no other session has written this namespace since they began, as its lock is ours —
        which is checked, with the file, once the write lock is had.

        Raises:
            sqlite3.OperationalError: the namespace's lock file or the store's file was removed
                while the session read (a 503: it might not be the only session, or would write
                into a deleted file).
        """
        if self.writing:
            return
        self._db.execute("BEGIN IMMEDIATE")
        self.writing = True
        if not self._still_ours():
            raise sqlite3.OperationalError("the namespace's lock file or the store's file was removed during the session")
        self.purge()

    def purge(self, batch: int = PURGE_BATCH) -> None:
        """Delete up to ``batch`` expired rows of the namespace, keeping its size exact."""
        ns, now = self._namespace, self._now
        deleted = self._db.execute(
            "DELETE FROM headlines WHERE namespace = ? AND id IN "
            "(SELECT id FROM headlines WHERE namespace = ? AND expires <= ? LIMIT ?)",
            (ns, ns, now, batch),
        ).rowcount
        self._db.execute(
            "DELETE FROM anchors WHERE namespace = ? AND (anchor, expires, id) IN "
            "(SELECT anchor, expires, id FROM anchors WHERE namespace = ? AND expires <= ? LIMIT ?)",
            (ns, ns, now, batch * 16),
        )
        if deleted:
            self._db.execute("UPDATE sizes SET size = size - ? WHERE namespace = ?", (deleted, ns))

    def known(self, ids: Sequence[str]) -> dict[str, Remembered]:
        found: dict[str, Remembered] = {}
        for start in range(0, len(ids), 500):  # SQLite's bound on host parameters
            chunk = list(ids[start : start + 500])
            rows = self._db.execute(
                "SELECT id, text, status, duplicate_of, similarity, first_seen FROM headlines "
                # "+expires": look ids up by the primary key, never by scanning the expiry index.
                f"WHERE namespace = ? AND +expires > ? AND id IN ({','.join('?' * len(chunk))})",
                (self._namespace, self._now, *chunk),
            )
            found.update((row[0], Remembered(*row)) for row in rows)
        return found

    def postings(self, anchors: Sequence[str], per_anchor: int) -> dict[str, list[str]]:
        result: dict[str, list[str]] = {}
        for anchor, record_id in self._per_anchor(_NEWEST_POSTINGS, anchors, per_anchor):
            result.setdefault(anchor, []).append(record_id)
        return result

    def posting_counts(self, anchors: Sequence[str], per_anchor: int) -> dict[str, int]:
        return {anchor: count for anchor, count in self._per_anchor(_POSTING_COUNT, anchors, per_anchor) if count}

    def _per_anchor(self, term: str, anchors: Sequence[str], per_anchor: int) -> Iterator[tuple[str, Any]]:
        """``(anchor, value)`` rows of ``term`` for each anchor: one compound statement per chunk of
        anchors (few round trips), each term walking its anchor's range of the primary key, at most
        ``per_anchor`` rows of it. Terms are told apart by their number (``{n}``), not by the anchor,
        which a term without rows (a count of 0) would not give back."""
        for start in range(0, len(anchors), _ANCHORS_PER_QUERY):
            chunk = anchors[start : start + _ANCHORS_PER_QUERY]
            query = " UNION ALL ".join(term.format(n=n) for n in range(len(chunk)))
            parameters = [value for anchor in chunk for value in (self._namespace, bytes.fromhex(anchor), self._now, per_anchor)]
            for n, value in self._db.execute(query, parameters):
                yield chunk[n], value

    def size(self) -> int:
        """Headlines remembered and not expired: the kept count less the expired rows no purge has
        reached yet (a purge takes ``PURGE_BATCH`` a session, so after a mass expiry the backlog
        would otherwise count against ``max_namespace_headlines`` and answer a wrong 507).

        Asked only before remembering, so it takes the write lock and purges first: the backlog is
        then rarely there to count."""
        self._write()
        row = self._db.execute("SELECT size FROM sizes WHERE namespace = ?", (self._namespace,)).fetchone()
        if not row:
            return 0
        backlog = self._db.execute(  # one index probe: after the session's purge there is rarely any
            "SELECT 1 FROM headlines WHERE namespace = ? AND expires <= ? LIMIT 1", (self._namespace, self._now)
        ).fetchone()
        if backlog is None:
            return int(row[0])
        (expired,) = self._db.execute(
            "SELECT COUNT(*) FROM headlines WHERE namespace = ? AND expires <= ?", (self._namespace, self._now)
        ).fetchone()
        return int(row[0]) - int(expired)

    def remember(self, records: Sequence[NewRecord]) -> None:
        if not records:
            return
        self._write()
        # As many expired rows go as the session adds, beyond the purge it began with: a backlog
        # never grows with the traffic (sessions adding more than PURGE_BATCH each would outpace it).
        self.purge(len(records))
        expires = self._now + self._ttl
        ns = self._namespace
        added = 0
        for item in records:
            r = item.record
            values = (r.text, r.status, r.duplicate_of, r.similarity, r.first_seen, expires)
            inserted = self._db.execute(
                "INSERT OR IGNORE INTO headlines VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (ns, r.id, *values)
            ).rowcount
            if not inserted:  # an expired row not purged yet: this id is remembered anew
                self._db.execute(
                    "UPDATE headlines SET text = ?, status = ?, duplicate_of = ?, similarity = ?, first_seen = ?, "
                    "expires = ? WHERE namespace = ? AND id = ? AND expires <= ?",
                    (*values, ns, r.id, self._now),
                )
            added += inserted
            self._db.executemany(
                "INSERT OR IGNORE INTO anchors VALUES (?, ?, ?, ?)",
                [(ns, bytes.fromhex(anchor), expires, r.id) for anchor in item.anchors],
            )
        self._db.execute(
            "INSERT INTO sizes VALUES (?, ?) ON CONFLICT (namespace) DO UPDATE SET size = size + excluded.size",
            (ns, added),
        )
