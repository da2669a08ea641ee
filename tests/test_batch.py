"""POST /v1/summarize/batch: results in order, per-document problems, overrides, bounds."""

import pytest
from flask import Flask

from service import create_app
from service.config import Config
from tests.conftest import seed
from tests.test_api import check_contract, problem

SEED = seed("000_alibaba_id_double_headline.txt")
OTHER = seed("001_en_headline_twice.txt")


def results(client, body: dict, **kwargs) -> list[dict]:
    response = client.post("/v1/summarize/batch", json=body, **kwargs)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["results"]


def test_results_in_order_with_ids(client) -> None:
    out = results(client, {"documents": [{"id": "a", "text": SEED}, {"id": 7, "text": OTHER}, {"text": SEED}]})
    assert [r["id"] for r in out] == ["a", 7, None]
    assert all(r["status"] == 200 for r in out)
    for text, result in zip([SEED, OTHER, SEED], out, strict=True):
        check_contract(text, {k: v for k, v in result.items() if k not in ("id", "status")})
    assert out[0]["language"] == "id" and out[1]["language"] == "en"


@pytest.mark.parametrize(
    ("document", "status", "fragment"),
    [
        ({"id": "empty", "text": "   "}, 422, "empty"),
        ({"id": "no-text"}, 422, "text"),
        ({"id": "number", "text": 42}, 422, "string"),
        ({"id": "typo", "text": "Hello world.", "sentense": 2}, 422, "Unknown option"),
        ({"id": "lang", "text": "Hello world.", "language": "klingon"}, 422, "Unknown language"),
        ({"id": "big", "text": "a " * 100_001}, 413, "limit"),
        ("not an object", 422, "object"),
        ({"id": "x" * 300, "text": "Hello."}, 422, "id"),
        ({"id": True, "text": "Hello."}, 422, "id"),  # not echoed back as 1
        ({"id": 2.0, "text": "Hello."}, 422, "id"),
        ({"id": 2**63, "text": "Hello."}, 422, "64-bit"),  # not 19+ digits echoed back
        ({"id": -(2**63), "text": "   "}, 422, "empty"),  # a usable id: echoed with its error
    ],
)
def test_one_bad_document_does_not_fail_the_others(client, document, status: int, fragment: str) -> None:
    out = results(client, {"documents": [{"id": 1, "text": SEED}, document, {"id": 3, "text": OTHER}]})
    assert [r["status"] for r in out] == [200, status, 200]
    bad = out[1]
    assert bad["type"] == "about:blank" and bad["title"]
    assert fragment.casefold() in (bad["detail"] + str(bad.get("errors"))).casefold()
    sent = document.get("id") if isinstance(document, dict) else None
    usable = (type(sent) is int and -(2**63) <= sent < 2**63) or (isinstance(sent, str) and len(sent) <= 256)
    assert bad["id"] == (sent if usable else None) and type(bad["id"]) is type(sent if usable else None)
    assert "summary" not in bad


def test_document_options_override_shared_ones(client) -> None:
    body = {
        "sentences": 1, "algorithm": "textrank",
        "documents": [{"text": SEED}, {"text": SEED, "ratio": 0.5}, {"text": SEED, "algorithm": "lexrank", "sentences": 2}],
    }
    first, second, third = results(client, body)
    assert len(first["sentences"]) == 1 and first["algorithm"] == "textrank"
    assert len(second["sentences"]) == -(-second["stats"]["sentences"] // 2), "a document's ratio replaces the shared sentences"
    assert len(third["sentences"]) == 2 and third["algorithm"] == "lexrank"


def test_shared_options_from_the_query_string(client) -> None:
    (only,) = results(client, {"documents": [{"text": SEED}]}, query_string={"sentences": "1"})
    assert len(only["sentences"]) == 1


@pytest.mark.parametrize(
    ("kwargs", "status", "fragment"),
    [
        ({"json": {}}, 422, "documents"),
        ({"json": {"documents": []}}, 422, "documents"),
        ({"json": {"documents": "text"}}, 422, "documents"),
        ({"json": {"documents": [{"text": "a"}], "sentences": 0}}, 422, "sentences"),
        ({"json": {"documents": [{"text": "a"}], "text": "shared text?"}}, 422, "Unknown option"),
        ({"json": {"documents": [{"text": "a"}]}, "query_string": {"ratio": "2"}}, 422, "ratio"),
        ({"data": b"{oops", "content_type": "application/json"}, 400, "JSON"),
        ({"data": b"[]", "content_type": "application/json"}, 400, "object"),
        ({"data": b"documents", "content_type": "text/plain"}, 415, "application/json"),
    ],
)
def test_bad_batches_get_one_problem(client, kwargs: dict, status: int, fragment: str) -> None:
    body = problem(client.post("/v1/summarize/batch", **kwargs), status)
    assert fragment.casefold() in (body["detail"] + str(body.get("errors", ""))).casefold()


@pytest.fixture(scope="module")
def small_app(resources) -> Flask:
    return create_app(Config.load({"max_batch_documents": 3, "max_body_bytes": 4096}), resources=resources)


def test_too_many_documents(small_app: Flask) -> None:
    client = small_app.test_client()
    assert client.post("/v1/summarize/batch", json={"documents": [{"text": "Hello there."}] * 3}).status_code == 200
    body = problem(client.post("/v1/summarize/batch", json={"documents": [{"text": "Hello there."}] * 4}), 413)
    assert "limit is 3" in body["detail"]


def test_total_size_is_the_body_limit(small_app: Flask) -> None:
    client = small_app.test_client()
    body = problem(client.post("/v1/summarize/batch", json={"documents": [{"text": "word " * 500}] * 2}), 413)
    assert "4,096 bytes" in body["detail"]


def test_document_text_is_not_stripped_so_offsets_index_it_as_sent(client) -> None:
    """Regression: the options' whitespace stripping used to apply to a document's text too."""
    text = "\n\n  Port workers went on strike on Monday. Grain exports stopped.\nTalks resume next week.\n"
    result = client.post("/v1/summarize/batch", json={"documents": [{"id": "a", "text": text}]}).get_json()["results"][0]
    assert result["status"] == 200 and result["stats"]["characters"] == len(text)
    assert all(text[s["start"] : s["end"]] == s["text"] for s in result["sentences"])
