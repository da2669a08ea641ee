"""What the benchmarks and the live-server tests share: the evaluation data's location, and a
real gunicorn started exactly as ``make serve`` starts it.

One module for both, so that the benchmark measures the same server the tests check, and the
shared-data path is written once (``../shared/data``: beside the repository, never inside it).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parents[1]
#: The evaluation data (see its README.md): a sibling of the repository, absent in users' clones.
SHARED_DATA = ROOT.parent / "shared" / "data"
#: Seconds to wait for gunicorn to load the app (the language model takes ~1 s; CI is slower).
STARTUP_SECONDS = 60.0
#: Seconds a server gets to stop after SIGTERM before it is killed (gunicorn.conf.py's
#: graceful_timeout is 10 s).
STOP_SECONDS = 20.0


def shared_data(dataset: str, split: str = "dev") -> Path:
    """The JSON-lines file of one data set in ``../shared/data`` (it may not exist)."""
    return SHARED_DATA / dataset / f"{split}.jsonl"


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """The rows of a JSON-lines file, in file order."""
    with path.open(encoding="utf-8") as rows:
        for row in rows:
            if row.strip():
                yield json.loads(row)


#: The report that ``make bench`` and ``make soak`` write their sections into.
PERFORMANCE = ROOT / "docs" / "PERFORMANCE.md"


def write_section(path: Path, name: str, lines: Sequence[str]) -> None:
    """Put a benchmark's section into a Markdown report: in place of the section it wrote before
    (between the markers ``<!-- name:begin -->`` and ``<!-- name:end -->``), else at the end. So a
    rerun replaces its own numbers and leaves every other section, hand-written ones included."""
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    section = "\n".join([begin, *lines, end])
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if begin in text and end in text:
        text = text[: text.index(begin)] + section + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")


def relative(path: Path | str) -> str:
    """``path`` relative to the repository (``../shared/...`` for the data): reports name no machine paths."""
    path = Path(path).resolve()
    for base, prefix in ((ROOT, ""), (ROOT.parent, "../")):
        if path.is_relative_to(base):
            return prefix + str(path.relative_to(base))
    return path.name


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def gunicorn_command(port: int, app: str = "wsgi:app", *extra: str) -> list[str]:
    """``make serve``'s command on a loopback port (``app`` may be another WSGI target)."""
    return [
        str(Path(sys.executable).with_name("gunicorn")), "--config", "gunicorn.conf.py",
        "--bind", f"127.0.0.1:{port}", *extra, app,
    ]


@dataclass(frozen=True)
class Server:
    """A running gunicorn: its base URL (``http://127.0.0.1:PORT``), port and master pid."""

    url: str
    port: int
    pid: int


@contextmanager
def running_server(
    app: str = "wsgi:app",
    *,
    env: Mapping[str, str] | None = None,
    log: IO[bytes] | None = None,
    extra: Sequence[str] = (),
    ready_path: str = "/healthz",
) -> Iterator[Server]:
    """Run gunicorn (gunicorn.conf.py, from the repository root) on a free port while the block runs.

    Ready when ``ready_path`` answers 200; stopped with SIGTERM, then SIGKILL after
    ``STOP_SECONDS``. ``env`` is added to this process's environment; the server's output goes
    to ``log`` (discarded when ``None``).

    Raises:
        RuntimeError: the server exited or was not ready within ``STARTUP_SECONDS``.
    """
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        gunicorn_command(port, app, *extra), cwd=ROOT, env={**os.environ, **(env or {})},
        stdout=log or subprocess.DEVNULL, stderr=subprocess.STDOUT if log else subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                with urllib.request.urlopen(base + ready_path, timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn ({app}) did not start: exit code {process.poll()}")
            time.sleep(0.2)
        yield Server(base, port, process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def bare_app() -> Any:
    """The floor: a Flask app that answers every POST and GET with ``ok`` (``bench._harness:bare_app()``)."""
    from flask import Flask

    app = Flask(__name__)

    @app.route("/", defaults={"path": ""}, methods=["GET", "POST"])
    @app.route("/<path:path>", methods=["GET", "POST"])
    def ok(path: str) -> str:
        return "ok"

    return app


def other_service(directory: str) -> str:
    """Import ``DIR/service`` (another checkout) as the package ``service_against`` and return
    that name: A/B benchmarks then time both revisions in one process, in turns, without the
    drift between two processes on a shared machine. Its imports are relative, so it never
    mixes with this checkout's ``service``."""
    import importlib.util

    name = "service_against"
    if name not in sys.modules:
        root = os.path.join(os.path.abspath(directory), "service")
        init = os.path.join(root, "__init__.py")
        spec = importlib.util.spec_from_file_location(name, init, submodule_search_locations=[root])
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return name


def in_turns(old: Callable[[], Any], new: Callable[[], Any], repeats: int) -> tuple[float, float]:
    """Minimum CPU time (``time.process_time``, ms) of ``old`` and of ``new``, run alternately
    ``repeats`` times: the A/B benchmarks' comparison, fair to both on a shared machine."""
    olds, news = [], []
    for _ in range(repeats):
        began = time.process_time()
        old()
        olds.append(time.process_time() - began)
        began = time.process_time()
        new()
        news.append(time.process_time() - began)
    return min(olds) * 1e3, min(news) * 1e3


def cpu_times(master: int) -> tuple[float, float]:
    """User and system CPU seconds so far of a gunicorn master and its live workers (``/proc``)."""
    user = system = 0
    for pid in [master, *map(int, Path(f"/proc/{master}/task/{master}/children").read_text().split())]:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        user, system = user + int(fields[11]), system + int(fields[12])  # utime, stime (fields 14, 15 of proc(5))
    ticks = os.sysconf("SC_CLK_TCK")
    return user / ticks, system / ticks


def against_arguments(argv: Sequence[str], usage: str | None, repeats: int) -> tuple[str, int, list[str]] | None:
    """``DIR [repeats] [more …]`` of the A/B benchmarks: the other checkout, the repeats (default
    ``repeats``) and the rest; ``None`` after printing ``usage`` when DIR is missing."""
    if not argv:
        print(usage)
        return None
    return argv[0], int(argv[1]) if len(argv) > 1 else repeats, list(argv[2:])
