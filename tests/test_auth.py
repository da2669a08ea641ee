"""Bearer tokens: 401 + WWW-Authenticate on /v1/ without a valid token, open operational routes."""

import pytest
from flask import Flask

from service import create_app
from service.config import Config
from service.web.auth import token_checker
from tests.test_api import problem

TOKENS = ("alpha-token", "béta-token")


@pytest.fixture(scope="module")
def secured_app(resources) -> Flask:
    return create_app(Config.load({"api_tokens": ",".join(TOKENS)}), resources=resources)


@pytest.fixture()
def secured(secured_app: Flask):
    return secured_app.test_client()


ARTICLE = {"text": "A first sentence here. A second sentence there."}
V1_CALLS = [
    ("post", "/v1/summarize", {"json": ARTICLE}),
    ("post", "/v1/summarize/batch", {"json": {"documents": [ARTICLE]}}),
    ("get", "/v1/languages", {}),
    ("get", "/v1/nope", {}),  # an unknown /v1/ route does not reveal that it is unknown
    ("get", "/v1/summarize", {}),  # nor does a wrong method
]


@pytest.mark.parametrize(("method", "path", "kwargs"), V1_CALLS)
@pytest.mark.parametrize(
    "authorization",
    [
        None, "", "Bearer", "Bearer ", "Bearer wrong", "Basic YWxwaGEtdG9rZW4=",
        "alpha-token", "Bearer alpha-token-x", "Bearer alpha",
    ],
)
def test_v1_without_a_valid_token_is_401(secured, method: str, path: str, kwargs: dict, authorization: str | None) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}
    response = getattr(secured, method)(path, headers=headers, **kwargs)
    body = problem(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert "alpha" not in response.get_data(as_text=True)
    assert body["title"] == "Unauthorized"


@pytest.mark.parametrize("token", TOKENS)
@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status"), [*((*call, 200) for call in V1_CALLS[:3]), (*V1_CALLS[3], 404), (*V1_CALLS[4], 405)]
)
def test_a_valid_token_passes(secured, token: str, method: str, path: str, kwargs: dict, status: int) -> None:
    for scheme in ("Bearer", "bearer"):
        response = getattr(secured, method)(path, headers={"Authorization": f"{scheme} {token}"}, **kwargs)
        assert response.status_code == status


@pytest.mark.parametrize("path", ["/healthz", "/metrics", "/openapi.json", "/docs"])
def test_operational_routes_stay_open(secured, path: str) -> None:
    assert secured.get(path).status_code == 200


def test_no_tokens_means_no_auth(client) -> None:
    assert client.get("/v1/languages").status_code == 200


def test_checker_compares_every_token(monkeypatch) -> None:
    compared = []
    monkeypatch.setattr("service.web.auth.hmac.compare_digest", lambda a, b: compared.append(b) or a == b)
    check = token_checker(("one", "two", "three"))
    assert check("Bearer one") and not check("Bearer four") and not check(None)
    assert compared == [b"one", b"two", b"three"] * 3, "no early exit: timing must not depend on which token matched"


@pytest.mark.parametrize(
    ("sent", "valid"),
    [
        ("tök-2".encode().decode("latin-1"), True),  # UTF-8 bytes (curl), as a WSGI server hands them over
        ("tök-2", True),  # Latin-1 bytes (HTTP's historical header charset)
        ("t\u00f6k-2".encode().decode("latin-1")[:-1], False),
        ("東京-3".encode().decode("latin-1"), True),
        ("-3", False),  # never the token with its non-Latin-1 characters dropped
        ("東京-3", True),  # no server hands this over (a test client's str): read as UTF-8
    ],
)
def test_a_non_ascii_token_matches_as_the_client_sent_it(sent: str, valid: bool) -> None:
    """A WSGI server gives header bytes decoded as Latin-1: a UTF-8 token sent by curl was
    encoded once more as UTF-8 and never matched."""
    check = token_checker(("tök-2", "東京-3"))
    assert check(f"Bearer {sent}") is valid


def test_tokens_are_not_in_the_config_repr() -> None:
    assert "alpha-token" not in repr(Config.load({"api_tokens": "alpha-token"}))


def test_tokens_are_not_logged(secured, caplog, capsys) -> None:
    capsys.readouterr()
    with caplog.at_level("INFO"):
        secured.get("/v1/languages", headers={"Authorization": "Bearer alpha-token"})
        secured.get("/v1/languages", headers={"Authorization": "Bearer not-a-token"})
    written = capsys.readouterr()
    logged = written.out + written.err + caplog.text
    assert len(written.err.splitlines()) == 2, "one access line per request"
    assert "alpha-token" not in logged and "not-a-token" not in logged
