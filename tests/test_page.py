"""The page at GET /: served by the service itself, open without a token, under a strict CSP."""

import re

import pytest
from flask import Flask

from service import create_app
from service.config import Config
from service.web.page import CONTENT_SECURITY_POLICY


def test_page_is_served_with_a_strict_policy(client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    policy = response.headers["Content-Security-Policy"]
    assert policy == CONTENT_SECURITY_POLICY
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'none'"
    for name in ("script-src", "style-src", "connect-src", "font-src"):
        assert directives[name] == "'self'", name  # no 'unsafe-inline', no other origin
    html = response.get_data(as_text=True)
    for element in ('id="text"', 'id="summarize"', 'id="summary"', 'id="removed"'):
        assert element in html  # the contract the browser tests (and users' own tests) rely on
    assert 'data-auth="off"' in html


def test_page_references_only_its_own_files(client) -> None:
    html = client.get("/").get_data(as_text=True)
    references = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert references, "the page links its script and stylesheet"
    for reference in references:
        assert not re.match(r"^(?:[a-z]+:)?//", reference), reference  # no other origin
        if reference.startswith("/static/"):
            with client.get(reference) as response:
                assert response.status_code == 200, reference
                assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
                assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "<script>" not in html and "style=" not in html  # nothing inline: the CSP would block it


@pytest.mark.parametrize("name", ["app.js", "app.css"])
def test_static_files_load_nothing_from_elsewhere(client, name: str) -> None:
    with client.get(f"/static/{name}") as response:
        body = response.get_data(as_text=True)
    assert not re.search(r"https?://|@import|url\((?!data:)", body), name


def test_unknown_static_file_is_a_problem(client) -> None:
    response = client.get("/static/nope.js")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"


@pytest.fixture(scope="module")
def secured_app(resources) -> Flask:
    return create_app(Config.load({"api_tokens": "page-token"}), resources=resources)


def test_page_stays_open_and_asks_for_a_token_when_auth_is_on(secured_app: Flask) -> None:
    client = secured_app.test_client()
    response = client.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'data-auth="required"' in html and 'id="token"' in html
    assert "page-token" not in html
    with client.get("/static/app.js") as script:
        assert script.status_code == 200
    assert client.post("/v1/summarize", json={"text": "One. Two."}).status_code == 401
