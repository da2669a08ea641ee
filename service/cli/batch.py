"""``ringkas batch IN.jsonl -o OUT.jsonl``: summarise a corpus, one JSON object per line.

Each input row is ``{"id": ..., "text": "...", ...options}`` (the options of the API; a row's own
length replaces the one given on the command line, as in ``POST /v1/summarize/batch``). Each
output row is the row's ``id`` with ``"status": 200`` and the summary exactly as the API returns
it, or with a problem object (``status`` ≥ 400, ``title``, ``detail``) for that row alone.

How it runs, and why:
- one process per usable core by default, each loading the language resources once (the pool
  initializer); ``--workers 1`` runs in this process, without a pool;
- rows travel in small tasks (``TASK_ROWS`` rows), at most ``IN_FLIGHT_PER_WORKER`` tasks per
  worker in flight, and are written in input order as soon as the oldest task is done: memory
  stays flat whatever the size of the file (``Pool.imap`` would read the whole input ahead);
- a row longer than ``max_line_bytes`` is skipped without being read into memory (a 413 row);
- ``--resume`` appends to the output and skips every id already answered there (a line cut
  short by a crash is removed first);
- exit status 0 when every row was answered, whatever the rows' statuses; 1 when the run itself
  failed (a worker died), 2 for unusable arguments or files; 141 when the reader of standard
  output stopped early (``ringkas batch ... | head``: the rows after are not answered, so not 0;
  ``cli.main`` handles the BrokenPipeError as for every command).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import stat
import sys
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack
from typing import IO, TYPE_CHECKING, Any

from threadpoolctl import threadpool_limits
from tqdm import tqdm

from ..config import Config, ConfigError
from .summarize import add_summary_options, positive_int, summary_options

if TYPE_CHECKING:
    from ..summarizer import Summarizer

#: Rows per task: enough to make the inter-process hand-over (~0.1 ms) small against the rows'
#: own cost (2-20 ms for a news article, docs/PERFORMANCE.md), few enough to keep workers even.
TASK_ROWS = 16
#: A task also closes at this many bytes, so a window of long rows stays small in memory.
TASK_BYTES = 1 << 20
#: Tasks in flight per worker: one running, the rest queued so that no worker waits for the reader.
IN_FLIGHT_PER_WORKER = 3

#: One worker process's summariser and shared options, set once by :func:`_init_worker` (the pool
#: initializer: a process-wide constant from then on, never changed by a row).
_worker: dict[str, Any] = {}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "batch", help="summarise a JSON Lines corpus, on every core",
        description="Summarise every row {\"id\", \"text\", ...options} of a JSON Lines file; "
        "write one JSON object per row, in input order.",
    )
    parser.add_argument("input", help="JSON Lines file, or - for standard input")
    parser.add_argument("-o", "--output", default="-", help="JSON Lines file, or - for standard output (default)")
    parser.add_argument("--workers", type=positive_int, default=None,
                        help=f"worker processes (default: one per usable core, here {default_workers()})")
    parser.add_argument("--resume", action="store_true", help="append to OUTPUT, skipping the ids it already has")
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help="progress bar on standard error (default: only on a terminal)")
    add_summary_options(parser)
    parser.set_defaults(func=run)


def default_workers() -> int:
    """The cores this process may use (its CPU affinity, not the machine's count)."""
    counter = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if counter is not None:
        return max(1, counter() or 1)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def run(args: argparse.Namespace) -> int:
    workers = args.workers or default_workers()
    shared = summary_options(args)
    if args.resume and args.output == "-":
        return _fail("--resume needs an output file, not standard output.", 2)
    from ..summarizer import max_row_bytes  # not at the top: building the parser needs no summariser

    max_line = max_row_bytes(Config.load())
    with ExitStack() as stack:
        try:
            source = sys.stdin.buffer if args.input == "-" else stack.enter_context(open(args.input, "rb"))
            if args.output != "-" and _same_file(source, args.output):
                return _fail(f"the output is the input file ({args.output}): writing it would destroy the input; "
                             "name another output.", 2)
            done = _answered_ids(args.output) if args.resume else set()
            sink = sys.stdout.buffer if args.output == "-" else stack.enter_context(
                open(args.output, "ab" if args.resume else "wb"))
        except OSError as error:
            return _fail(f"{error.strerror}: {error.filename}", 2)
        show = sys.stderr.isatty() if args.progress is None else args.progress
        progress = stack.enter_context(tqdm(
            total=_size(source), unit="B", unit_scale=True, unit_divisor=1024, desc="ringkas batch",
            disable=not show, file=sys.stderr, dynamic_ncols=True,
        ))
        tasks = _tasks(_rows(source, max_line, done, progress))
        try:
            counts = _process_all(tasks, sink, workers, shared, max_line, progress)
        except BrokenProcessPool:
            return _fail("a worker process died (out of memory?); rerun with --resume to continue.", 1)
        except KeyboardInterrupt:
            return _fail("interrupted; rerun with --resume to continue.", 130)
    if show:
        print(f"ringkas batch: {counts[0]:,} rows answered, {counts[1]:,} problems, {len(done):,} ids already answered",
              file=sys.stderr)
    return 0


def _process_all(tasks: Iterator[list[bytes | None]], sink: IO[bytes], workers: int, shared: dict[str, Any],
                 max_line: int, progress: tqdm) -> tuple[int, int]:
    """Run every task, ``workers`` processes wide, writing results in input order; (rows, problems)."""
    rows = problems = 0
    pending: deque[Future[tuple[list[bytes], int]]] = deque()
    with ExitStack() as stack:
        if workers > 1:
            pool = stack.enter_context(ProcessPoolExecutor(
                workers, initializer=_init_worker, initargs=(shared, max_line, True)))
        else:
            _init_worker(shared, max_line, False)

        def write_oldest() -> None:
            nonlocal rows, problems
            lines, failed = pending.popleft().result()
            sink.writelines(lines)
            sink.flush()
            rows += len(lines)
            problems += failed
            progress.set_postfix(rows=rows, problems=problems, refresh=False)

        try:
            for task in tasks:
                if workers > 1:
                    pending.append(pool.submit(_answer_task, task))
                else:
                    done: Future[tuple[list[bytes], int]] = Future()
                    done.set_result(_answer_task(task))
                    pending.append(done)
                while len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                    write_oldest()
            while pending:
                write_oldest()
        except KeyboardInterrupt:  # the workers ignore it: drop the queued tasks, let the running ones end
            for future in pending:
                future.cancel()
            raise
    return rows, problems


def _init_worker(shared: dict[str, Any], max_line: int, pool_worker: bool) -> None:
    """Pool initializer: load the language resources once for this process.

    A pool already has one process per core, so each process gets one BLAS thread (as each
    gunicorn worker does): more would only make the processes fight over the cores. A pool's
    process ignores Ctrl-C, which a terminal sends to every process of the command: the command
    stops the pool and says so once. (Each worker printed a KeyboardInterrupt traceback, from its
    initializer or while it waited for a task.)
    """
    if pool_worker:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        _worker["blas"] = threadpool_limits(1)  # kept referenced: the limit holds for the process's life
    _worker.update(shared=shared, max_line=max_line)
    _worker.pop("config_error", None)  # --workers 1 initialises this process, once per run
    from ..summarizer import Summarizer  # here: building the parser (`ringkas --help`) needs no summariser

    try:
        _worker["summarizer"] = Summarizer()
    except ConfigError as error:
        # A setting found wrong only as the resources are built (an unknown fallback language).
        # Raised from an initializer it broke the pool: a worker's traceback, then "a worker
        # died", status 1. Raised from each task it reaches the command, which says so (status 2).
        _worker["config_error"] = error


def _answer_task(task: list[bytes | None]) -> tuple[list[bytes], int]:
    """The output lines of a task's rows and how many are problems (run in a worker process).

    Raises:
        ConfigError: the worker could not build its summariser with this configuration.
    """
    if "config_error" in _worker:
        raise _worker["config_error"]
    answers = [answer_row(line, _worker["summarizer"], _worker["shared"], _worker["max_line"]) for line in task]
    lines = [json.dumps(answer, ensure_ascii=False).encode() + b"\n" for answer in answers]
    return lines, sum(answer["status"] != 200 for answer in answers)


def answer_row(line: bytes | None, summarizer: Summarizer, shared: dict[str, Any], max_line: int) -> dict[str, Any]:
    """One row's result: ``{"id", "status": 200, **summary}`` or ``{"id", **problem}``; never raises
    for anything a row can hold (``None`` stands for a row over ``max_line`` bytes)."""
    if line is None:
        from ..summarizer import row_too_long

        return row_too_long(max_line)
    return summarizer.answer_row(line, shared)


def _rows(source: IO[bytes], max_line: int, done: set[str], progress: tqdm) -> Iterator[bytes | None]:
    """The input's rows as bytes, never more than ``max_line`` bytes in memory (``None`` for a
    longer row); blank lines are not rows; ids in ``done`` are skipped."""
    while line := source.readline(max_line + 1):
        progress.update(len(line))
        if len(line) > max_line and not line.endswith(b"\n"):
            while (rest := source.readline(TASK_BYTES)) and not rest.endswith(b"\n"):
                progress.update(len(rest))
            progress.update(len(rest))
            yield None
        elif line.strip():
            if done and _id_key(line) in done:
                continue
            yield line


def _tasks(rows: Iterator[bytes | None]) -> Iterator[list[bytes | None]]:
    """Rows grouped into tasks of at most ``TASK_ROWS`` rows or about ``TASK_BYTES`` bytes."""
    task: list[bytes | None] = []
    size = 0
    for row in rows:
        task.append(row)
        size += len(row or b"")
        if len(task) >= TASK_ROWS or size >= TASK_BYTES:
            yield task
            task, size = [], 0
    if task:
        yield task


def _answered_ids(path: str) -> set[str]:
    """The ids (as JSON) already in an output file; a last line cut short by a crash is removed."""
    ids: set[str] = set()
    if not os.path.exists(path):
        return ids
    with open(path, "rb+") as handle:
        complete = 0
        for line in handle:
            if not line.endswith(b"\n"):
                break
            complete += len(line)
            key = _id_key(line)
            if key is not None:
                ids.add(key)
        handle.truncate(complete)
    return ids


def _id_key(line: bytes) -> str | None:
    """A row's id as a comparable key (``"7"`` and ``7`` differ), or None when it has none."""
    try:
        row = json.loads(line)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    row_id = row.get("id") if isinstance(row, dict) else None
    return None if row_id is None else json.dumps(row_id, ensure_ascii=False)


def _same_file(source: IO[bytes], path: str) -> bool:
    """Whether ``path`` is the regular file ``source`` reads (``-o`` naming the input, by any path or
    link, or a file redirected to standard input): opening it for writing would empty the input
    before a row is read, and ``--resume`` would take the input's ids for answered ones."""
    try:
        read, written = os.fstat(source.fileno()), os.stat(path)
    except (OSError, ValueError, AttributeError):  # no output yet, or an input that is no file
        return False
    return stat.S_ISREG(read.st_mode) and (read.st_dev, read.st_ino) == (written.st_dev, written.st_ino)


def _size(source: IO[bytes]) -> int | None:
    try:
        return os.fstat(source.fileno()).st_size or None
    except (OSError, ValueError, AttributeError):
        return None


def _fail(message: str, status: int) -> int:
    print(f"ringkas batch: {message}", file=sys.stderr)
    return status
