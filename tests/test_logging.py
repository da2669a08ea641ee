"""Access log: one JSON line per request, with the request id; never the text or a token."""

import json

import pytest

from service.web.access_log import LOGGER_NAME, request_id

SECRET_TEXT = "Zyxwvut secret article sentence. Another confidential sentence follows here."


def access_lines(capsys) -> list[dict]:
    """The access lines written to standard error since the last call."""
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line.startswith("{")]
    return [line for line in lines if line.get("logger") == LOGGER_NAME]


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"json": {"text": SECRET_TEXT, "title": "Zyxwvut title"}}, 200),
        ({"data": SECRET_TEXT, "content_type": "text/plain", "query_string": {"title": "Zyxwvut title"}}, 200),
        ({"json": {"text": SECRET_TEXT, "sentences": 0}}, 422),
        ({"data": SECRET_TEXT, "content_type": "application/xml"}, 415),
    ],
)
def test_one_json_line_without_the_text(client, capsys, kwargs: dict, status: int) -> None:
    capsys.readouterr()
    response = client.post("/v1/summarize", **kwargs)
    assert response.status_code == status
    written = capsys.readouterr()
    (line,) = [json.loads(text) for text in written.err.splitlines()]
    assert line["status"] == status and line["method"] == "POST" and line["route"] == "/v1/summarize"
    assert line["request_id"] == response.headers["X-Request-ID"]
    assert line["request_bytes"] == int(response.request.headers["Content-Length"])
    assert line["response_bytes"] == len(response.data)
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["logger"] == LOGGER_NAME and not written.out
    assert "Zyxwvut" not in written.err and "secret" not in written.err


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("abc-123", True),
        ("0af7651916cd43dd8448eb211c80319c", True),
        ("trace:span.1_2", True),
        ("x" * 128, True),
        ("x" * 129, False),
        ("", False),
        ("has space", False),
        ('quote"', False),
        ("tab\there", False),
        ("semi;colon", False),
        ("ümlaut", False),
    ],
)
def test_request_id_reused_only_if_sane(client, capsys, given: str, kept: bool) -> None:
    capsys.readouterr()
    response = client.get("/healthz", headers={"X-Request-ID": given})
    echoed = response.headers["X-Request-ID"]
    assert (echoed == given) is kept
    assert access_lines(capsys)[0]["request_id"] == echoed
    assert (request_id(given) == given) is kept


def test_generated_ids_differ(client) -> None:
    assert client.get("/healthz").headers["X-Request-ID"] != client.get("/healthz").headers["X-Request-ID"]


def test_unmatched_routes_and_errors_are_logged(client, capsys) -> None:
    capsys.readouterr()
    client.get("/nope")
    client.put("/v1/summarize")
    assert [(line["route"], line["status"]) for line in access_lines(capsys)] == [("unmatched", 404), ("unmatched", 405)]
