"""The headline endpoints over HTTP: shapes, problem+json for bad input, replicas, a failing store."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service import create_app
from service.config import Config
from service.pipeline import Resources

from .redis_server import RedisServer

PROBLEM = "application/problem+json"
FEED = [
    {"id": "r1", "text": "UPDATE 2-AbbVie presses case for Shire deal and urges talks"},
    {"id": "r2", "text": "Swiss stocks - Factors to watch on May 20"},
    {"id": "r3", "text": "AbbVie presses case for Shire deal and urges talks - Reuters"},
    {"id": "r4", "text": "Swiss stocks - Factors to watch on July 14"},
    {"id": "r5", "text": "ABBVIE PRESSES CASE FOR SHIRE DEAL…"},
    {"id": "r6", "text": "S&amp;P 500 ends at record as tech rallies"},
    {"id": "r7", "text": "S&P 500 ends at record as tech rallies | Kompas.com"},
]


def make_app(resources: Resources, **settings: Any) -> Flask:
    return create_app(Config.load(settings), resources=resources)


def test_dedup_groups_in_request_order(client: FlaskClient) -> None:
    response = client.post("/v1/headlines/dedup", json={"headlines": FEED})
    assert response.status_code == 200
    body = response.get_json()
    assert body["groups"] == 4
    assert [(r["id"], r["group"], r["duplicate_of"], r["reason"]) for r in body["results"]] == [
        ("r1", 0, None, None), ("r2", 1, None, None), ("r3", 0, "r1", "affix"), ("r4", 2, None, None),
        ("r5", 0, "r1", "truncated"), ("r6", 3, None, None), ("r7", 3, "r6", "affix"),
    ]


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"headlines": [{"id": "a", "text": "Markets rally"}, {"id": "a", "text": "Oil slides"}]}, 422, "headlines.1.id"),
        ({"headlines": [{"id": "a", "text": "  \n"}]}, 422, "headlines.0.text"),
        ({"headlines": [{"id": "a", "text": "\u200b \u2060\ufeff"}]}, 422, "headlines.0.text"),  # invisible: empty
        ({"headlines": [{"id": "a", "text": "x" * 501}]}, 422, "headlines.0.text"),
        ({"headlines": []}, 422, "headlines"),
        ({"headlines": [{"id": "a"}]}, 422, "headlines.0.text"),
        ({"headlines": [{"id": "a", "text": "Oil"}], "colour": "red"}, 422, "colour"),
        ({"headlines": [{"id": "a", "text": "Oil"}], "threshold": 0}, 422, "threshold"),
        ({"headlines": [{"id": "a", "text": "Oil"}], "threshold": float("nan")}, 422, "threshold"),
        ({"headlines": [{"id": "a", "text": "Oil"}], "?": "threshold=0.9"}, 422, "query"),  # was ignored
    ],
)
def test_bad_input_is_problem_json(client: FlaskClient, body: dict[str, Any], status: int, field: str) -> None:
    query = f"?{body.pop('?')}" if "?" in body else ""
    for path, extra in (("/v1/headlines/dedup", {}), ("/v1/headlines/check", {"namespace": "bad-input"})):
        response = client.post(path + query, json={**body, **extra})
        assert response.status_code == status and response.mimetype == PROBLEM
        assert field in {e["field"] for e in response.get_json()["errors"]}


def test_too_many_headlines_is_413(resources: Resources, tmp_path: Path) -> None:
    client = make_app(resources, data_dir=str(tmp_path), max_headlines=3).test_client()
    response = client.post("/v1/headlines/dedup", json={"headlines": [{"id": str(i), "text": f"Headline {i}"} for i in range(4)]})
    assert response.status_code == 413 and response.mimetype == PROBLEM


def test_a_check_takes_fewer_headlines_than_a_dedup(client: FlaskClient) -> None:
    """Each checked headline is looked up in the store (up to ~6 ms against a namespace of look-alike
    headlines), so a check has its own, smaller bound; the default config, as served."""
    config = client.application.extensions["ringkas"].config
    assert config.max_check_headlines < config.max_headlines
    many = [{"id": str(i), "text": f"Harga cabai naik di pasar {i}"} for i in range(config.max_check_headlines + 1)]
    response = client.post("/v1/headlines/check", json={"namespace": "bulk", "headlines": many})
    assert response.status_code == 413 and response.mimetype == PROBLEM
    assert f"limit is {config.max_check_headlines:,}" in response.get_json()["detail"]
    assert client.post("/v1/headlines/dedup", json={"headlines": many}).status_code == 200
    at_most = client.post("/v1/headlines/check", json={"namespace": "bulk", "headlines": many[:-1], "remember": False})
    assert at_most.status_code == 200 and len(at_most.get_json()["results"]) == config.max_check_headlines


@pytest.mark.parametrize(("sent", "kind"), [("Harga cabai naik", "a string"), (7, "a number"), (None, "null")])
def test_a_headline_that_is_no_object_is_told_what_a_headline_is(client: FlaskClient, sent: object, kind: str) -> None:
    """A bare list of strings is the natural first try: the 422 says the shape (it named a model class)."""
    response = client.post("/v1/headlines/dedup", json={"headlines": [sent]})
    assert response.status_code == 422 and response.mimetype == PROBLEM
    assert response.get_json()["errors"][0] == {
        "field": "headlines.0",
        "message": f'A headline is an object {{"id": "...", "text": "..."}}, not {kind}.',
    }


@pytest.mark.parametrize("namespace", ["", "bad namespace", "a" * 65, "-leading", "star*"])
def test_bad_namespace_is_422(client: FlaskClient, namespace: str) -> None:
    response = client.post("/v1/headlines/check", json={"namespace": namespace, "headlines": FEED[:1]})
    assert response.status_code == 422 and response.mimetype == PROBLEM
    if namespace:
        assert client.delete(f"/v1/headlines/namespaces/{namespace}").status_code == 422


def test_a_namespace_with_a_final_newline_is_422_on_delete_too(client: FlaskClient) -> None:
    # '$' in the pattern matches before a final newline in Python's re: the check is a full match.
    response = client.delete("/v1/headlines/namespaces/feed%0A")
    assert response.status_code == 422 and response.mimetype == PROBLEM


def test_a_lone_surrogate_in_a_headline_is_400(client: FlaskClient) -> None:
    body = b'{"namespace": "surrogates", "headlines": [{"id": "a", "text": "Markets \\ud800 rally"}]}'
    for path in ("/v1/headlines/dedup", "/v1/headlines/check"):
        response = client.post(path, data=body, content_type="application/json")
        assert response.status_code == 400 and response.mimetype == PROBLEM, path
        assert "surrogate" in response.get_json()["detail"]


def test_not_json_is_415(client: FlaskClient) -> None:
    response = client.post("/v1/headlines/dedup", data="Markets rally", content_type="text/plain")
    assert response.status_code == 415 and response.mimetype == PROBLEM


def test_check_remembers_and_delete_forgets(client: FlaskClient) -> None:
    first = client.post("/v1/headlines/check", json={"namespace": "api-feed", "headlines": FEED[:2]}).get_json()
    assert [r["status"] for r in first["results"]] == ["new", "new"]
    assert first["results"][0]["first_seen"].endswith("Z")
    later = client.post("/v1/headlines/check", json={"namespace": "api-feed", "headlines": FEED[2:4]}).get_json()
    assert [(r["status"], r["duplicate_of"]) for r in later["results"]] == [("duplicate", "r1"), ("new", None)]
    assert later["results"][0]["first_seen"] == first["results"][0]["first_seen"]
    forgotten = client.delete("/v1/headlines/namespaces/api-feed")
    assert forgotten.status_code == 200 and forgotten.get_json() == {"namespace": "api-feed", "forgotten": 4}
    again = client.post("/v1/headlines/check", json={"namespace": "api-feed", "headlines": FEED[2:3]}).get_json()
    assert again["results"][0]["status"] == "new"


@pytest.mark.parametrize("backend", ["sqlite", "redis"])
def test_two_app_instances_on_one_store_answer_new_once(
    backend: str, resources: Resources, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    settings: dict[str, Any] = {"data_dir": str(tmp_path)}
    if backend == "redis":
        server: RedisServer = request.getfixturevalue("redis_server")
        server.flush()
        settings["headline_store"] = server.url
    replicas = [make_app(resources, **settings), make_app(resources, **settings)]
    barrier = threading.Barrier(6)
    statuses: list[str] = []

    def post(n: int) -> None:
        with replicas[n % 2].test_client() as client:
            barrier.wait()
            body = {"namespace": "race", "headlines": [{"id": f"c{n}", "text": "Nokia names Rajeev Suri chief executive"}]}
            statuses.append(client.post("/v1/headlines/check", json=body).get_json()["results"][0]["status"])

    threads = [threading.Thread(target=post, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == ["duplicate"] * 5 + ["new"]


def test_store_down_is_503_for_check_and_delete_only(resources: Resources, redis_server: RedisServer, tmp_path: Path) -> None:
    redis_server.flush()
    client = make_app(resources, data_dir=str(tmp_path), headline_store=redis_server.url).test_client()
    body = {"namespace": "outage", "headlines": FEED[:1]}
    assert client.post("/v1/headlines/check", json=body).get_json()["results"][0]["status"] == "new"
    redis_server.stop()
    try:
        for response in (
            client.post("/v1/headlines/check", json={**body, "headlines": FEED[2:3]}),
            client.delete("/v1/headlines/namespaces/outage"),
        ):
            assert response.status_code == 503 and response.mimetype == PROBLEM
            assert int(response.headers["Retry-After"]) > 0
        assert client.post("/v1/headlines/dedup", json={"headlines": FEED}).status_code == 200
        assert client.post("/v1/summarize", json={"text": "Markets rallied today. Oil prices fell sharply."}).status_code == 200
        assert client.get("/healthz").status_code == 200
    finally:
        redis_server.start()
    after = client.post("/v1/headlines/check", json={**body, "headlines": FEED[2:3]}).get_json()
    assert after["results"][0]["duplicate_of"] == "r1"
