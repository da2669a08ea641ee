"""The live server against its own description (schemathesis), and what only a real gunicorn shows.

One gunicorn per test module (per xdist worker), started exactly as ``make serve`` starts it
(gunicorn.conf.py, preloaded app, two sync workers, multiprocess metrics) on a free loopback
port, with bearer tokens configured so that the secured description and the 401s are exercised.
"""

from __future__ import annotations

import http.client
import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from prometheus_client.parser import text_string_to_metric_families
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from bench._harness import running_server
from service.config import Config
from service.web.openapi import build_openapi

TOKEN = "test-token-8d1f0c"
#: Examples per operation: 7 operations (×2 for negative cases) stay well under a minute.
EXAMPLES = 25


@dataclass(frozen=True)
class LiveServer:
    base_url: str
    log_path: Path
    metrics_dir: Path

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        request = urllib.request.Request(self.base_url + path, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    tmp = tmp_path_factory.mktemp("live")
    metrics_dir = tmp / "metrics"
    log_path = tmp / "gunicorn.log"
    env = {"RINGKAS_API_TOKENS": TOKEN, "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir),
           "RINGKAS_DATA_DIR": str(tmp / "data")}
    with log_path.open("wb") as log:
        try:
            with running_server(env=env, log=log, extra=["--workers", "2"]) as server:
                yield LiveServer(server.url, log_path, metrics_dir)
        except RuntimeError as error:
            pytest.fail(f"{error}:\n{log_path.read_text(errors='replace')[-3000:]}")


#: The description the live server serves (built here too, so that schemathesis can generate one
#: test per operation at collection time; test_served_description_is_this_one checks they agree).
DOCUMENT = build_openapi(Config.load({"api_tokens": TOKEN}))
schema = schemathesis.openapi.from_dict(DOCUMENT)


def test_served_description_is_this_one(live_server: LiveServer) -> None:
    assert json.loads(live_server.get("/openapi.json")[2]) == DOCUMENT


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_description(case: schemathesis.Case, live_server: LiveServer) -> None:
    """No 5xx; status codes, media types, headers and bodies as described (all default checks).

    Except "schema-valid data is accepted" on the summarising routes: some rules cannot be said
    in JSON Schema (at most one of sentences/ratio/words across query and body, a language that
    exists, a text with at least one word), and breaking them is a documented 422. The converse,
    "schema-invalid data is rejected", stays on, except for the batch: by design a schema-invalid
    document is answered by its own problem object inside a 200 (tests/test_batch.py covers the
    batch-level rejections), and for urlencoded bodies on /v1/summarize: a body that is one bare
    string without field names is, by design, the article itself (`curl -d @file`;
    tests/test_api.py covers it).
    """
    excluded = {
        "/v1/summarize": [positive_data_acceptance],
        "/v1/summarize/batch": [positive_data_acceptance, negative_data_rejection],
        # Unique ids cannot be said in JSON Schema (uniqueItems compares whole objects): a
        # repeated id is a documented 422.
        "/v1/headlines/dedup": [positive_data_acceptance],
        "/v1/headlines/check": [positive_data_acceptance],
    }.get(case.path, [])
    response = case.call(base_url=live_server.base_url, headers={"Authorization": f"Bearer {TOKEN}"})
    if case.path == "/v1/summarize" and case.media_type == "application/x-www-form-urlencoded":
        excluded = [*excluded, negative_data_rejection]
    if response.status_code == 413:
        # Too many headlines or a body over max_body_bytes: a documented refusal (413), which the
        # negative-data check does not count among its "rejected" statuses either.
        excluded = [*excluded, negative_data_rejection]
    if response.status_code == 414:
        # gunicorn refused the request line before the app could validate anything: a documented
        # refusal, which the negative-data check does not count among its "rejected" statuses.
        excluded = [*excluded, negative_data_rejection]
    case.validate_response(response, excluded_checks=excluded)


def _metric(text: str, name: str, **labels: str) -> float:
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items()):
                return float(sample.value)
    return 0.0


def test_metrics_add_up_over_the_workers(live_server: LiveServer) -> None:
    """Requests served by both workers are counted once each in /metrics, whichever worker answers.

    Which worker accepts a connection is the kernel's choice: one idle worker may take every
    request sent one at a time. Requests are therefore sent in concurrent bursts (a busy worker
    leaves the next connection to the other) until both have written their metrics file.
    """
    route = {"route": "/healthz", "method": "GET", "status": "200"}
    before = _metric(live_server.get("/metrics")[2].decode(), "ringkas_http_requests_total", **route)
    sent = 0
    with ThreadPoolExecutor(max_workers=4) as pool:
        for _ in range(10):
            statuses = list(pool.map(lambda _: live_server.get("/healthz")[0], range(20)))
            assert statuses == [200] * 20
            sent += 20
            if len(list(live_server.metrics_dir.glob("counter_*.db"))) >= 2:
                break
    assert len(list(live_server.metrics_dir.glob("counter_*.db"))) >= 2, "one file per worker"
    after = _metric(live_server.get("/metrics")[2].decode(), "ringkas_http_requests_total", **route)
    assert after - before == sent


def test_auth_on_the_live_server(live_server: LiveServer) -> None:
    status, headers, body = live_server.get("/v1/languages")
    assert status == 401 and headers["WWW-Authenticate"].startswith("Bearer")
    assert json.loads(body)["status"] == 401
    assert live_server.get("/v1/languages", {"Authorization": f"Bearer {TOKEN}"})[0] == 200
    for path in ("/healthz", "/metrics", "/openapi.json", "/docs"):
        assert live_server.get(path)[0] == 200, path


def test_one_json_access_line_per_request_and_no_token(live_server: LiveServer) -> None:
    request_id = f"live-{time.monotonic_ns()}"
    status, headers, _ = live_server.get("/v1/languages", {"Authorization": f"Bearer {TOKEN}", "X-Request-ID": request_id})
    assert status == 200 and headers["X-Request-ID"] == request_id
    deadline = time.monotonic() + 5
    while request_id not in live_server.log_path.read_text(errors="replace") and time.monotonic() < deadline:
        time.sleep(0.05)
    log = live_server.log_path.read_text(errors="replace")
    lines = [line for line in log.splitlines() if request_id in line]
    assert len(lines) == 1, "gunicorn's own access log must be off"
    record = json.loads(lines[0])
    assert record["route"] == "/v1/languages" and record["status"] == 200 and record["method"] == "GET"
    assert TOKEN not in log


def _send_raw(live_server: LiveServer, head: str, body: bytes) -> tuple[int, str, dict[str, Any], str]:
    """Send bytes exactly as written (what http.client will not write: a broken chunk) and read the
    answer: its status, media type, JSON body and the status line's reason phrase."""
    host, port = urllib.parse.urlsplit(live_server.base_url).netloc.split(":")
    with socket.create_connection((host, int(port)), timeout=30) as connection:
        connection.sendall(head.replace("\n", "\r\n").encode() + b"\r\n" + body)
        response = http.client.HTTPResponse(connection)
        response.begin()
        return response.status, response.getheader("Content-Type", ""), json.loads(response.read()), response.reason


def _chunked(chunks: list[bytes]) -> bytes:
    return b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for chunk in chunks) + b"0\r\n\r\n"


CHUNKED_HEAD = (f"POST /v1/summarize HTTP/1.1\nHost: localhost\nConnection: close\nAuthorization: Bearer {TOKEN}\n"
                "Content-Type: text/plain\nTransfer-Encoding: chunked\n")


def test_a_malformed_chunk_is_a_400_problem(live_server: LiveServer) -> None:
    status, media_type, body, _ = _send_raw(live_server, CHUNKED_HEAD, b"zz\r\nabc\r\n0\r\n\r\n")
    assert status == 400 and media_type == "application/problem+json"
    assert "could not be read" in body["detail"]


_HOST = "Host: localhost\nConnection: close\n"
TITLES = {400: "Bad Request", 414: "URI Too Long", 431: "Request Header Fields Too Large", 501: "Not Implemented"}


@pytest.mark.parametrize(
    ("head", "status", "advice"),
    [
        (f"GET /v1/languages?title={'x' * 5_000} HTTP/1.1\n{_HOST}", 414, "send options in the body"),
        (f"GET /healthz HTTP/1.1\n{_HOST}" + "".join(f"X-Trace-{n}: {n}\n" for n in range(101)), 431, "too many"),
        (f"GET /healthz HTTP/1.1\n{_HOST}X-Trace: {'y' * 9_000}\n", 431, "too long"),
        (f"GET /healthz HTTP/1.1\n{_HOST}X Trace: 1\n", 400, "could not read"),
        (f"GET /healthz HTTP/7.3\n{_HOST}", 400, "could not read"),
        (f"POST /v1/summarize HTTP/1.1\n{_HOST}Transfer-Encoding: br, chunked\n", 501, "could not read"),
    ],
    ids=["request line over 4094 bytes", "101 header fields", "a header over 8190 bytes", "a malformed header",
         "an unknown HTTP version", "an unknown transfer coding"],
)
def test_what_gunicorn_refuses_is_a_problem_too(live_server: LiveServer, head: str, status: int, advice: str) -> None:
    """gunicorn answers these itself, before the app sees them (its HTML page, until server_errors)."""
    answer, media_type, body, reason = _send_raw(live_server, head, b"")
    assert (answer, media_type) == (status, "application/problem+json")
    assert reason == TITLES[status]  # the status line as the title: gunicorn's 501 said "Bad Request"
    assert body["status"] == status and body["title"] == TITLES[status] and advice in body["detail"]
    assert "x" * 300 not in body["detail"]  # the request line is quoted, not copied whole


def test_a_chunked_body_over_the_limit_is_refused_not_cut(live_server: LiveServer) -> None:
    """Without Content-Length, the limit is found only by reading: past it, a 413, not a summary of its first MiB."""
    limit = Config.load({}).max_body_bytes
    sentence = b"Harga beras naik lagi minggu ini menurut pedagang pasar induk di ibu kota "
    text = sentence * (limit // len(sentence) + 1)  # one long sentence, so no other bound is met first
    chunks = [text[start:start + 65536] for start in range(0, len(text), 65536)]
    status, media_type, body, _ = _send_raw(live_server, CHUNKED_HEAD, _chunked(chunks))
    assert status == 413 and media_type == "application/problem+json"
    assert "larger than the limit" in body["detail"]
    short = b"Harga beras naik lagi minggu ini. Pedagang pasar mengeluh. Pemerintah berjanji turun tangan."
    status, _, body, _ = _send_raw(live_server, CHUNKED_HEAD, _chunked([short[:40], short[40:]]))
    assert status == 200 and body["summary"] == short.decode()
