"""A real ``redis-server`` on a free port, for the tests of the Redis headline store.

Started from the ``redis-server`` binary (Debian's package; ``.ci/system-packages`` installs it,
from ``make test`` and ``.ci/run``). When it cannot start, the test FAILS; when it is not
installed, the tests skip on a developer machine and fail in CI (``conftest.unavailable``).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

import redis

#: Seconds to wait for the server to answer PING after start.
START_TIMEOUT_SECONDS = 10.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class RedisServer:
    """One redis-server process with its own directory and port; can be stopped and restarted."""

    @staticmethod
    def installed() -> bool:
        return shutil.which("redis-server") is not None

    def __init__(self, directory: Path) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("redis-server is not installed (apt-get install -y redis-server): the Redis tests cannot run.")
        self.binary = binary
        self.directory = directory
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        # Persistence on (appendonly, fsync each write): "stopped and restarted" must keep data,
        # as a production Redis would.
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.directory),
             "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--protected-mode", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.5)
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while True:
            try:
                if client.ping():
                    client.close()
                    return
            except redis.ConnectionError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start on port {self.port}") from None
                time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    def flush(self) -> None:
        client = redis.Redis(port=self.port)
        client.flushall()
        client.close()
