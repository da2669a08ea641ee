"""The OpenAPI 3.1 description of the API, generated from the one options model and the result
dataclasses (``service/models.py``) and the HTTP wrappers (``schemas.py``).

One source of truth: every request and response schema is produced by pydantic
(``TypeAdapter.json_schemas``), so the description cannot drift from what the views validate
and return. This module only adds what models cannot say: paths, media types, status codes,
query parameters (the same options as the JSON fields) and the security scheme when tokens are
configured. ``/docs`` renders it with Swagger UI, served from the swagger-ui-py package (no
script, stylesheet or font from elsewhere: the service often runs without internet).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from flask import Flask
from pydantic import TypeAdapter
from pydantic.json_schema import JsonSchemaMode
from swagger_ui import api_doc

from ..config import Config
from ..models import Summary, SummaryOptions
from ..text.extract import MAX_ATTRIBUTES_PER_ELEMENT, MAX_HTML_ELEMENTS
from .headlines import MODELS as HEADLINE_MODELS
from .headlines import headline_operations
from .schemas import (
    BATCH_HTML_BOUND,
    BatchOut,
    BatchRequest,
    HealthOut,
    LanguagesOut,
    Problem,
    SummarizeForm,
    SummarizeRequest,
)

OPENAPI_VERSION = "3.1.0"
API_VERSION = "1.0.0"
REF = "#/components/schemas/{model}"
PROBLEM_JSON = "application/problem+json"
#: The media type prometheus-client writes (text exposition format).
METRICS_MEDIA_TYPE = "text/plain"
SECURITY_SCHEME = "bearerAuth"

_MODELS: tuple[tuple[type, JsonSchemaMode], ...] = (
    (SummarizeRequest, "validation"),
    (SummarizeForm, "validation"),
    (BatchRequest, "validation"),
    (Summary, "serialization"),
    (BatchOut, "serialization"),
    (Problem, "serialization"),
    (LanguagesOut, "serialization"),
    (HealthOut, "serialization"),
    *HEADLINE_MODELS,
)

#: Error responses, by status: (component name, description).
_ERRORS = {
    400: ("BadRequest", "Malformed body: broken JSON, not a JSON object, bytes that do not decode, a multipart form "
          "that does not parse, or %-escapes in the query string that are not UTF-8."),
    401: ("Unauthorized", "Missing or invalid bearer token (only when tokens are configured)."),
    413: ("ContentTooLarge", "Body over max_body_bytes, a form of more than 1,000 parts, text over max_text_chars "
          f"or with more than max_sentences sentences, an HTML page over {MAX_HTML_ELEMENTS:,} elements or with a tag "
          f"of over {MAX_ATTRIBUTES_PER_ELEMENT:,} attributes, or too many documents (in a batch, a page past the "
          "batch's HTML budget is that document's 413)."),
    415: ("UnsupportedMediaType", "A media type or charset that is not read, or a compressed body (Content-Encoding)."),
    422: ("UnprocessableContent", "Invalid, unknown or conflicting options; an option given twice in the query "
          "string or a form; missing or empty text; both text and html; two files, or a file beside a text field; "
          "an HTML page with no article text; unknown language."),
    404: ("NotFound", "No such endpoint (a path parameter with a '/' in it, for example)."),
    503: ("ServiceUnavailable", "The headline store cannot be used right now (Redis down, disk full): "
          "retry after Retry-After seconds; nothing remembered is lost."),
    507: ("InsufficientStorage", "The namespace would exceed max_namespace_headlines."),
}


def build_openapi(config: Config) -> dict[str, Any]:
    """The OpenAPI 3.1 document for an app built with ``config``.

    The configuration matters: the batch size bound is ``config.max_batch_documents`` and
    the bearer scheme (and its 401 responses) appears only when ``config.api_tokens`` is set.
    """
    _, top = TypeAdapter.json_schemas(
        [(model.__name__, mode, TypeAdapter(model)) for model, mode in _MODELS], ref_template=REF
    )
    schemas: dict[str, Any] = top["$defs"]
    schemas["BatchRequest"]["properties"]["documents"]["maxItems"] = config.max_batch_documents
    secured = bool(config.api_tokens)
    headline_paths = headline_operations(config, schemas, _operation, secured)

    option_parameters = [_query_parameter(name, prop) for name, prop in SummaryOptions.model_json_schema()["properties"].items()]
    form = _without_nulls(schemas["SummarizeForm"])
    urlencoded = copy.deepcopy(form)
    del urlencoded["properties"]["file"]

    summarize = _operation(
        "summarize",
        "Summarise one article",
        "The article as JSON (`text` plus options), as a text/plain body (options in the query string), "
        "as a form (a `text` field or a file field, options as fields), or as an HTML page: a text/html body "
        "or an `html` field in JSON or a form (not both `text` and `html`: 422). From a page, the article text "
        "is extracted offline (trafilatura) and returned in the response's `text`; the page's og:title or "
        "<title> is the `title` unless one is given; a page with no article text is a 422, one with more than "
        f"{MAX_HTML_ELEMENTS:,} elements, or with a tag of more than {MAX_ATTRIBUTES_PER_ELEMENT:,} attributes, a 413. "
        "Query-string options work with every media type; body fields win. With "
        "`Accept: text/plain` the response is the summary alone, one sentence per line. For every sentence "
        "and removed span, `text == input[start:end]` (offsets in code points of the text as sent, or of the "
        "extracted `text` for HTML). News boilerplate (datelines, by-lines, related links, captions, credits, author "
        "tags) is removed with reason `boilerplate` unless `strip_boilerplate=false`.",
        tag="summaries",
        parameters=option_parameters,
        body={
            "application/json": {"schema": _ref("SummarizeRequest")},
            "text/plain": {"schema": {"type": "string"}},
            "text/html": {"schema": {"type": "string", "description": "An HTML page holding the article."}},
            "application/x-www-form-urlencoded": {"schema": urlencoded},
            "multipart/form-data": {"schema": form},
        },
        ok={"application/json": {"schema": _ref("Summary")}, "text/plain": {"schema": {"type": "string"}}},
        errors=(400, 413, 415, 422),
        secured=secured,
    )
    batch = _operation(
        "summarizeBatch",
        "Summarise many articles in one call",
        "Results come back in the order of `documents`, each a summary or a problem object for that document "
        "alone (one bad document does not fail the others). A document's own options override the shared "
        f"ones; at most {config.max_batch_documents} documents (413 above) and max_body_bytes in all. "
        + BATCH_HTML_BOUND,
        tag="summaries",
        parameters=option_parameters,
        body={"application/json": {"schema": _ref("BatchRequest")}},
        ok={"application/json": {"schema": _ref("BatchOut")}},
        errors=(400, 413, 415, 422),
        secured=secured,
    )
    languages = _operation(
        "languages",
        "Languages and their resources",
        "Every language the service handles, with what it has: detection, stop words, stemmer, sentence rules.",
        tag="summaries",
        ok={"application/json": {"schema": _ref("LanguagesOut")}},
        secured=secured,
    )
    health = _operation(
        "health", "Liveness", "The process is up and its resources are loaded. Never needs a token.",
        tag="operations", ok={"application/json": {"schema": _ref("HealthOut")}},
    )
    metrics = _operation(
        "metrics", "Prometheus metrics",
        "Requests by route and status, latency, input sizes, removed headlines, errors; summed over all "
        "gunicorn workers. Never needs a token.",
        tag="operations", ok={METRICS_MEDIA_TYPE: {"schema": {"type": "string"}}},
    )
    description = _operation(
        "openapi", "This description", "The OpenAPI 3.1 document. Never needs a token.",
        tag="operations", ok={"application/json": {"schema": {"type": "object"}}},
    )
    docs = _operation(
        "docs", "API reference page", "Swagger UI over this description, served locally. Never needs a token.",
        tag="operations", ok={"text/html": {"schema": {"type": "string"}}},
    )
    page = _operation(
        "page", "Try it in a browser",
        "An HTML page to summarise an article or group headlines with this API (its script and stylesheet "
        "are served under /static/). Never needs a token: the page asks for one when tokens are configured.",
        tag="operations", ok={"text/html": {"schema": {"type": "string"}}},
    )

    components: dict[str, Any] = {
        "schemas": schemas,
        "responses": {
            **{name: _problem_response(status, text) for status, (name, text) in _ERRORS.items()},
            # Answered by gunicorn before the app sees the request (as problem+json: web/server_errors.py),
            # hence without the app's X-Request-ID.
            "URITooLong": {
                "description": "414: the request line is over gunicorn's limit_request_line (4094 bytes): "
                "send long options such as title in the body, not the query string.",
                "content": {PROBLEM_JSON: {"schema": _ref("Problem")}},
            },
        },
        "headers": {
            "X-Request-ID": {
                "description": "The request id: the client's X-Request-ID if it is a sane token, else generated.",
                "schema": {"type": "string"},
            }
        },
        "parameters": {
            "X-Request-ID": {
                "name": "X-Request-ID", "in": "header", "required": False,
                "description": "Correlation id, echoed back and logged if it is up to 128 letters, digits and "
                "._:- (any other value is replaced by a generated id, never rejected).",
                "schema": {"type": "string"},
            }
        },
    }
    components["responses"]["ServiceUnavailable"]["headers"]["Retry-After"] = {
        "description": "Seconds to wait before retrying.", "schema": {"type": "integer"},
    }
    if secured:
        components["securitySchemes"] = {
            SECURITY_SCHEME: {
                "type": "http", "scheme": "bearer",
                "description": "One of the tokens in RINGKAS_API_TOKENS, required on every /v1/ route.",
            }
        }
        components["responses"]["Unauthorized"]["headers"]["WWW-Authenticate"] = {
            "description": "Bearer (RFC 6750).", "schema": {"type": "string"},
        }
    else:
        del components["responses"]["Unauthorized"]

    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "Ringkas",
            "version": API_VERSION,
            "summary": "Extractive news summaries with repeated syndication headlines stripped.",
            "description": "Errors are RFC 9457 problem details (application/problem+json). "
            "404 and 405 (with Allow) are answered as usual, also as problem details.",
        },
        "servers": [{"url": "/"}],
        "paths": {
            "/v1/summarize": {"post": summarize},
            "/v1/summarize/batch": {"post": batch},
            **headline_paths,
            "/v1/languages": {"get": languages},
            "/healthz": {"get": health},
            "/metrics": {"get": metrics},
            "/openapi.json": {"get": description},
            "/docs": {"get": docs},
            "/": {"get": page},
        },
        "components": components,
        "tags": [
            {"name": "summaries", "description": "The API (bearer token when configured)."},
            {"name": "headlines", "description": "Cross-article headline dedup (bearer token when configured)."},
            {"name": "operations", "description": "Health, metrics and this description (always open)."},
        ],
    }


def _operation(
    operation_id: str,
    summary: str,
    description: str,
    *,
    tag: str,
    ok: dict[str, Any],
    parameters: list[dict[str, Any]] | None = None,
    body: dict[str, Any] | None = None,
    errors: Iterable[int] = (),
    secured: bool = False,
) -> dict[str, Any]:
    responses: dict[str, Any] = {
        "200": {"description": "OK", "headers": {"X-Request-ID": {"$ref": "#/components/headers/X-Request-ID"}}, "content": ok}
    }
    statuses = sorted({*errors, *((401,) if secured else ())})
    for status in statuses:
        responses[str(status)] = {"$ref": f"#/components/responses/{_ERRORS[status][0]}"}
    if parameters:
        responses["414"] = {"$ref": "#/components/responses/URITooLong"}
    operation: dict[str, Any] = {
        "operationId": operation_id,
        "summary": summary,
        "description": description,
        "tags": [tag],
        "parameters": [{"$ref": "#/components/parameters/X-Request-ID"}, *(parameters or [])],
        "responses": responses,
        "security": [{SECURITY_SCHEME: []}] if secured else [],
    }
    if body is not None:
        operation["requestBody"] = {"required": True, "content": body}
    return operation


def _problem_response(status: int, description: str) -> dict[str, Any]:
    return {
        "description": f"{status}: {description}",
        "headers": {"X-Request-ID": {"$ref": "#/components/headers/X-Request-ID"}},
        "content": {PROBLEM_JSON: {"schema": _ref("Problem")}},
    }


def _query_parameter(name: str, prop: dict[str, Any]) -> dict[str, Any]:
    """An option as a query parameter: a query string cannot say null, so only the non-null branch."""
    schema = _without_nulls(prop)
    description = schema.pop("description", "")
    schema.pop("title", None)
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


def _without_nulls(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with every ``null`` alternative dropped (query strings and forms carry strings only)."""
    schema = copy.deepcopy(schema)
    for prop in [schema, *schema.get("properties", {}).values()]:
        branches = [b for b in prop.get("anyOf", ()) if b.get("type") != "null"]
        if "anyOf" in prop:
            del prop["anyOf"]
            if len(branches) == 1:
                prop.update(branches[0])
            else:
                prop["anyOf"] = branches
        if prop.get("default", 0) is None:
            del prop["default"]
    return schema


def _ref(name: str) -> dict[str, str]:
    return {"$ref": REF.format(model=name)}


def install_docs(app: Flask, document: dict[str, Any]) -> None:
    """Serve Swagger UI at ``/docs`` over ``document`` (static files from the swagger-ui-py package).

    ``validatorUrl: null`` stops Swagger UI from sending the description to validator.swagger.io,
    and ``host_inject=False`` keeps the OpenAPI 3.1 document as it is (``host`` is Swagger 2).
    """
    api_doc(
        app, config=document, url_prefix="/docs", title="Ringkas API", host_inject=False,
        parameters={"validatorUrl": "null", "layout": '"BaseLayout"', "presets": "[SwaggerUIBundle.presets.apis]"},
    )
