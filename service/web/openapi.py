"""The OpenAPI 3.1 description of the API, generated from the pydantic models in ``schemas.py``.

One source of truth: every request and response schema is produced by pydantic
(``models_json_schema``), so the description cannot drift from what the views validate. This
module only adds what models cannot say: paths, media types, status codes, query parameters
(the same options as the JSON fields) and the security scheme when tokens are configured.
``render_docs`` turns the document into the self-contained HTML page served at ``/docs``
(no script, no stylesheet or font from elsewhere: the service often runs without internet).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaMode, models_json_schema

from ..config import Config
from .headlines import MODELS as HEADLINE_MODELS
from .headlines import headline_operations
from .schemas import (
    BatchOut,
    BatchRequest,
    HealthOut,
    LanguagesOut,
    Options,
    Problem,
    SummarizeForm,
    SummarizeRequest,
    SummaryOut,
)

OPENAPI_VERSION = "3.1.0"
API_VERSION = "1.0.0"
REF = "#/components/schemas/{model}"
PROBLEM_JSON = "application/problem+json"
#: The media type prometheus-client writes (text exposition format).
METRICS_MEDIA_TYPE = "text/plain"
SECURITY_SCHEME = "bearerAuth"

_MODELS: tuple[tuple[type[BaseModel], JsonSchemaMode], ...] = (
    (SummarizeRequest, "validation"),
    (SummarizeForm, "validation"),
    (BatchRequest, "validation"),
    (SummaryOut, "serialization"),
    (BatchOut, "serialization"),
    (Problem, "serialization"),
    (LanguagesOut, "serialization"),
    (HealthOut, "serialization"),
    *HEADLINE_MODELS,
)

#: Error responses, by status: (component name, description).
_ERRORS = {
    400: ("BadRequest", "Malformed body: broken JSON, not a JSON object, or bytes that do not decode."),
    401: ("Unauthorized", "Missing or invalid bearer token (only when tokens are configured)."),
    413: ("ContentTooLarge", "Body over max_body_bytes, text over max_text_chars, or too many documents."),
    415: ("UnsupportedMediaType", "A media type or charset that is not read."),
    422: ("UnprocessableContent", "Invalid, unknown or conflicting options; missing or empty text; unknown language."),
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
    _, top = models_json_schema(_MODELS, ref_template=REF)
    schemas: dict[str, Any] = top["$defs"]
    schemas["BatchRequest"]["properties"]["documents"]["maxItems"] = config.max_batch_documents
    secured = bool(config.api_tokens)
    headline_paths = headline_operations(config, schemas, _operation, secured)

    option_parameters = [_query_parameter(name, prop) for name, prop in Options.model_json_schema()["properties"].items()]
    form = _without_nulls(schemas["SummarizeForm"])
    urlencoded = copy.deepcopy(form)
    del urlencoded["properties"]["file"]

    summarize = _operation(
        "summarize",
        "Summarise one article",
        "The article as JSON (`text` plus options), as a text/plain body (options in the query string) or "
        "as a form (a `text` field or a file field, options as fields). Query-string options work with every "
        "media type; body fields win. With `Accept: text/plain` the response is the summary alone, one "
        "sentence per line. For every sentence and removed span, `text == input[start:end]` "
        "(offsets in code points of the text as sent).",
        tag="summaries",
        parameters=option_parameters,
        body={
            "application/json": {"schema": _ref("SummarizeRequest")},
            "text/plain": {"schema": {"type": "string"}},
            "application/x-www-form-urlencoded": {"schema": urlencoded},
            "multipart/form-data": {"schema": form},
        },
        ok={"application/json": {"schema": _ref("SummaryOut")}, "text/plain": {"schema": {"type": "string"}}},
        errors=(400, 413, 415, 422),
        secured=secured,
    )
    batch = _operation(
        "summarizeBatch",
        "Summarise many articles in one call",
        "Results come back in the order of `documents`, each a summary or a problem object for that document "
        "alone (one bad document does not fail the others). A document's own options override the shared "
        f"ones; at most {config.max_batch_documents} documents (413 above) and max_body_bytes in all.",
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
        "docs", "API reference page", "A readable HTML rendering of this description. Never needs a token.",
        tag="operations", ok={"text/html": {"schema": {"type": "string"}}},
    )

    components: dict[str, Any] = {
        "schemas": schemas,
        "responses": {
            **{name: _problem_response(status, text) for status, (name, text) in _ERRORS.items()},
            # Answered by gunicorn before the app sees the request, hence not a problem+json.
            "URITooLong": {
                "description": "414: the request line is over gunicorn's limit_request_line (4094 bytes): "
                "send long options such as title in the body, not the query string.",
                "content": {"text/html": {"schema": {"type": "string"}}},
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


# --- the /docs page -------------------------------------------------------------------------


def render_docs(document: dict[str, Any]) -> str:
    """The reference page: every operation (parameters, bodies, responses) and every schema, as HTML.

    Rendered once at start-up; the template is autoescaped, so descriptions cannot inject markup.
    """
    environment = Environment(loader=PackageLoader("service.web", "templates"), autoescape=select_autoescape(["html"]))
    operations = [
        _operation_view(path, method, operation, document)
        for path, item in document["paths"].items()
        for method, operation in item.items()
    ]
    schemas = [_schema_view(name, schema) for name, schema in sorted(document["components"]["schemas"].items())]
    return environment.get_template("docs.html").render(
        info=document["info"],
        operations=operations,
        schemas=schemas,
        schema_names={schema["name"] for schema in schemas},
        secured="securitySchemes" in document["components"],
    )


def _resolve(node: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node and not node["$ref"].startswith("#/components/schemas/"):
        target: Any = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _operation_view(path: str, method: str, operation: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    parameters = []
    for parameter in operation.get("parameters", ()):
        parameter = _resolve(parameter, document)
        parameters.append({
            "name": parameter["name"], "in": parameter["in"], "type": type_label(parameter["schema"]),
            "constraints": constraints(parameter["schema"]), "description": parameter.get("description", ""),
        })
    bodies = [
        {"media": media, "type": type_label(content["schema"])}
        for media, content in operation.get("requestBody", {}).get("content", {}).items()
    ]
    responses = []
    for status, response in operation["responses"].items():
        response = _resolve(response, document)
        responses.append({
            "status": status, "description": response["description"],
            "content": [{"media": m, "type": type_label(c["schema"])} for m, c in response.get("content", {}).items()],
        })
    return {
        "id": operation["operationId"], "method": method.upper(), "path": path, "summary": operation["summary"],
        "description": operation["description"], "parameters": parameters, "bodies": bodies,
        "responses": responses, "secured": bool(operation.get("security")),
    }


def _schema_view(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    required = set(schema.get("required", ()))
    return {
        "name": name,
        "description": schema.get("description", ""),
        "properties": [
            {
                "name": prop_name, "type": type_label(prop), "required": prop_name in required,
                "constraints": constraints(prop), "description": prop.get("description", ""),
            }
            for prop_name, prop in schema.get("properties", {}).items()
        ],
    }


def type_label(schema: dict[str, Any]) -> str:
    """A short readable type: ``integer``, ``string | null``, ``array of SentenceOut``, ``"lexrank" | "textrank"``."""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(type_label(branch) for branch in schema["anyOf"])
    if "enum" in schema:
        return " | ".join(f'"{value}"' if isinstance(value, str) else str(value) for value in schema["enum"])
    if "const" in schema:
        return repr(schema["const"])
    kind = schema.get("type", "any")
    if kind == "array":
        return f"array of {type_label(schema.get('items', {}))}"
    if kind == "string" and schema.get("format") == "binary":
        return "file"
    return str(kind)


#: JSON Schema keywords shown as constraints, with their readable form.
_CONSTRAINTS = (
    ("minimum", "≥ {}"), ("exclusiveMinimum", "> {}"), ("maximum", "≤ {}"), ("exclusiveMaximum", "< {}"),
    ("minLength", "at least {} characters"), ("maxLength", "at most {} characters"),
    ("minItems", "at least {} items"), ("maxItems", "at most {} items"), ("default", "default {}"),
)


def constraints(schema: dict[str, Any]) -> str:
    """The bounds of a schema (and of its alternatives), e.g. ``≥ 1, ≤ 1000, default 3``."""
    parts = []
    for node in [schema, *schema.get("anyOf", ())]:
        for keyword, template in _CONSTRAINTS:
            if keyword in node:
                value = node[keyword]
                shown = "null" if value is None else str(value).lower() if isinstance(value, bool) else value
                parts.append(template.format(shown))
    return ", ".join(parts)
