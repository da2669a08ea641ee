"""Remembered headlines reach other gunicorn workers, the same server after a restart, and
another replica on one Redis (real gunicorn processes, real HTTP)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .redis_server import RedisServer, free_port

ROOT = Path(__file__).resolve().parents[1]
STARTUP_SECONDS = 60
ORIGINALS = [
    {"id": "o1", "text": "UPDATE 2-AbbVie presses case for Shire deal and urges talks"},
    {"id": "o2", "text": "Swiss stocks - Factors to watch on May 20"},
    {"id": "o3", "text": "Tories plan migrant health checks"},
]
COPIES = [
    {"id": "c1", "text": "AbbVie presses case for Shire deal and urges talks - Reuters"},
    {"id": "c2", "text": "SWISS STOCKS - FACTORS TO WATCH ON MAY 20"},
    {"id": "c3", "text": "Tories plan migrant health…"},
    {"id": "c4", "text": "Swiss stocks - Factors to watch on July 14"},
]
EXPECTED = {"c1": "o1", "c2": "o2", "c3": "o3", "c4": None}


def post(base: str, path: str, body: dict) -> dict:
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


@contextmanager
def gunicorn(tmp: Path, **env: str) -> Iterator[str]:
    port = free_port()
    environment = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp / f"metrics-{port}"), **env}
    command = [str(Path(sys.executable).with_name("gunicorn")), "--config", "gunicorn.conf.py",
               "--bind", f"127.0.0.1:{port}", "--workers", "2", "--no-control-socket", "wsgi:app"]
    log = (tmp / f"gunicorn-{port}.log").open("wb")
    process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=5):
                    break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline, (tmp / f"gunicorn-{port}.log").read_text()
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def answers(base: str, namespace: str) -> dict[str, str | None]:
    # Several requests on fresh connections, so that both workers answer some of them.
    found: dict[str, str | None] = {}
    for copy in COPIES:
        body = {"namespace": namespace, "headlines": [copy], "remember": False}
        result = post(base, "/v1/headlines/check", body)["results"][0]
        found[result["id"]] = result["duplicate_of"]
    return found


def test_every_worker_and_a_restarted_server_know_the_remembered_headlines(tmp_path: Path) -> None:
    settings = {"RINGKAS_DATA_DIR": str(tmp_path / "data")}
    with gunicorn(tmp_path, **settings) as base:
        remembered = post(base, "/v1/headlines/check", {"namespace": "live", "headlines": ORIGINALS})["results"]
        assert [r["status"] for r in remembered] == ["new"] * 3
        assert answers(base, "live") == EXPECTED
    with gunicorn(tmp_path, **settings) as base:  # the same server, restarted
        assert answers(base, "live") == EXPECTED


def test_another_replica_on_one_redis_knows_them(tmp_path: Path, redis_server: RedisServer) -> None:
    redis_server.flush()
    settings = {"RINGKAS_HEADLINE_STORE": redis_server.url}
    with gunicorn(tmp_path, RINGKAS_DATA_DIR=str(tmp_path / "a"), **settings) as first, \
            gunicorn(tmp_path, RINGKAS_DATA_DIR=str(tmp_path / "b"), **settings) as second:
        post(first, "/v1/headlines/check", {"namespace": "live", "headlines": ORIGINALS})
        assert answers(second, "live") == EXPECTED
