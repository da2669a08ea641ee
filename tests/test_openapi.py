"""The OpenAPI description: valid 3.1 structure, every route, generated from the models; /docs offline."""

import dataclasses
import re

import pytest
from flask import Flask

from service.config import Config
from service.models import Summary, SummaryOptions
from service.web.openapi import build_openapi
from service.web.schemas import BatchRequest

ROUTES = {
    ("post", "/v1/summarize"), ("post", "/v1/summarize/batch"), ("get", "/v1/languages"),
    ("get", "/healthz"), ("get", "/metrics"), ("get", "/openapi.json"), ("get", "/docs"), ("get", "/"),
    ("post", "/v1/headlines/dedup"), ("post", "/v1/headlines/check"), ("delete", "/v1/headlines/namespaces/{namespace}"),
}


@pytest.fixture()
def document(client) -> dict:
    response = client.get("/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    return response.get_json()


def refs(node) -> set[str]:
    if isinstance(node, dict):
        return {node["$ref"]} if isinstance(node.get("$ref"), str) else set().union(*(refs(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(refs(v) for v in node)) if node else set()
    return set()


def test_structure(document: dict) -> None:
    assert document["openapi"].startswith("3.1") and document["info"]["title"] and document["info"]["version"]
    assert {(m, p) for p, item in document["paths"].items() for m in item} == ROUTES
    for ref in refs(document):  # every reference resolves
        node = document
        for part in ref.removeprefix("#/").split("/"):
            node = node[part]
    ids = [op["operationId"] for item in document["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids))


def test_every_app_route_is_described(app: Flask, document: dict) -> None:
    # Swagger UI's own static files and its copy of the description are not API routes.
    rules = [
        rule for rule in app.url_map.iter_rules()
        if rule.endpoint != "page.static"  # the page's files
        and not (rule.endpoint.startswith("bp_docs.") and rule.rule not in ("/docs", "/docs/"))
    ]
    routes = {
        (method.lower(), re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule.rstrip("/") or "/"))  # Flask's <name> is {name}
        for rule in rules
        for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}
    }
    assert routes == ROUTES and set(document["paths"]) == {p for _, p in ROUTES}


def test_summarize_media_types_and_errors(document: dict) -> None:
    operation = document["paths"]["/v1/summarize"]["post"]
    assert set(operation["requestBody"]["content"]) == {
        "application/json", "text/plain", "text/html", "application/x-www-form-urlencoded", "multipart/form-data",
    }
    assert {"200", "400", "413", "415", "422"} <= set(operation["responses"])
    assert {p["name"] for p in operation["parameters"] if p.get("in") == "query"} == set(SummaryOptions.model_fields)
    problem = document["components"]["responses"]["UnprocessableContent"]["content"]
    assert problem == {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}


def test_schemas_come_from_the_models(document: dict) -> None:
    schemas = document["components"]["schemas"]
    assert set(schemas["Summary"]["properties"]) == {field.name for field in dataclasses.fields(Summary)}
    assert set(schemas["BatchRequest"]["properties"]) == set(BatchRequest.model_fields)
    assert set(schemas["SummarizeRequest"]["properties"]) == {*SummaryOptions.model_fields, "text", "html"}
    sentences = schemas["SummarizeRequest"]["properties"]["sentences"]
    assert sentences == SummaryOptions.model_json_schema()["properties"]["sentences"]
    assert {"minimum": 1, "maximum": 1000, "type": "integer"}.items() <= sentences["anyOf"][0].items()


def test_open_without_tokens_secured_with_them(document: dict) -> None:
    assert "securitySchemes" not in document["components"]
    assert all(op["security"] == [] for item in document["paths"].values() for op in item.values())
    secured = build_openapi(Config.load({"api_tokens": "t", "max_batch_documents": 7}))
    scheme = secured["components"]["securitySchemes"]["bearerAuth"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer") and "RINGKAS_API_TOKENS" in scheme["description"]
    for path, item in secured["paths"].items():
        for operation in item.values():
            if path.startswith("/v1/"):
                assert operation["security"] == [{"bearerAuth": []}] and "401" in operation["responses"]
            else:
                assert operation["security"] == [] and "401" not in operation["responses"]
    assert secured["components"]["schemas"]["BatchRequest"]["properties"]["documents"]["maxItems"] == 7


def test_docs_page_is_served_locally(client, document: dict) -> None:
    response = client.get("/docs/")
    assert response.status_code == 200 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", html), "no external script, style or link"
    assets = re.findall(r"(?:src|href)=\"(/docs/static/[^\"]+)\"", html)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets) and any(a.endswith(".css") for a in assets)
    for asset in assets:
        served = client.get(asset)
        served.close()  # static files are streamed from disk
        assert served.status_code == 200, asset
    assert "validatorUrl: null" in html  # Swagger UI would otherwise send the description to validator.swagger.io
    described = client.get("/docs/swagger.json").get_json()
    assert described == document, "the page renders exactly the served description (no injected host)"
