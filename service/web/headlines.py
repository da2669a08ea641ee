"""HTTP API for cross-article headline dedup: batch grouping, remembered streams, forgetting.

- ``POST /v1/headlines/dedup``: groups of copies among the request's headlines;
- ``POST /v1/headlines/check``: new or duplicate, against a namespace's remembered headlines;
- ``DELETE /v1/headlines/namespaces/{namespace}``: forget a namespace.

The request and response models live here, next to the views (the OpenAPI document is built
from them); the core's results are the frozen dataclasses of ``service.dedup``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

from flask import Blueprint, Flask, Response, current_app, jsonify, request
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..config import Config
from ..dedup.headline_check import NAMESPACE_PATTERN, check_headlines, valid_namespace
from ..dedup.headline_groups import Headline, group_headlines
from ..dedup.headline_match import DEFAULT_THRESHOLD
from ..dedup.store import HeadlineStore, open_store
from ..exceptions import FieldError, InvalidOptions, PayloadTooLarge, UnsupportedMediaType
from ..models import MAX_FIELD_ERRORS
from ..text.normalise import processing_view
from .body import json_body
from .views import JSON_TYPES

bp = Blueprint("headlines", __name__)
#: Longest headline id (a label, not a payload).
MAX_HEADLINE_ID_CHARS = 256
STORE_EXTENSION = "ringkas_headlines"
#: A headline must have a visible character: not a space, and not a format character such as a
#: zero-width space (looked for in the processing view, which makes those spaces, as the
#: summariser does; the schema says \\S).
_VISIBLE = re.compile(r"\S")

Reason = Literal["exact", "normalised", "affix", "truncated", "near-duplicate"]


class HeadlineIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    id: str = Field(..., min_length=1, max_length=MAX_HEADLINE_ID_CHARS, description="The client's id, unique in the request.")
    text: str = Field(..., description="The headline as received (not empty; at most max_headline_chars characters).")


class DedupRequest(BaseModel):
    """``POST /v1/headlines/dedup``."""

    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)

    headlines: list[HeadlineIn] = Field(
        ..., min_length=1, description="At most max_headlines (check: max_check_headlines; 413 above)."
    )
    threshold: float = Field(
        DEFAULT_THRESHOLD, gt=0, le=1,
        description="Character n-gram TF-IDF cosine at which two headlines are copies (default tuned on dev data).",
    )


class CheckRequest(DedupRequest):
    """``POST /v1/headlines/check``."""

    namespace: str = Field(..., pattern=NAMESPACE_PATTERN, description="The stream: headlines are compared within it.")
    remember: bool = Field(True, description="Remember the new headlines (and every answer, per id).")


class DedupResultOut(BaseModel):
    id: str
    group: int = Field(..., description="Group number, from 0 in order of first member.")
    duplicate_of: str | None = Field(..., description="Id of the group's first headline; null for that one.")
    similarity: float | None = Field(..., description="Similarity of the link that put it in its group (1 for equal forms).")
    reason: Reason | None = Field(..., description="Kind of copy; null for a group's first headline.")


class DedupOut(BaseModel):
    """``200`` response of ``POST /v1/headlines/dedup``: results in request order."""

    results: list[DedupResultOut]
    groups: int


class CheckResultOut(BaseModel):
    id: str
    status: Literal["new", "duplicate"]
    duplicate_of: str | None = Field(..., description="Id of the remembered (or earlier) headline it copies.")
    similarity: float | None
    first_seen: str = Field(..., description="When the original (or this new headline) was first seen, ISO 8601 UTC.")


class CheckOut(BaseModel):
    """``200`` response of ``POST /v1/headlines/check``: results in request order."""

    results: list[CheckResultOut]


class ForgetOut(BaseModel):
    """``200`` response of ``DELETE /v1/headlines/namespaces/{namespace}``."""

    namespace: str
    forgotten: int = Field(..., description="Headlines the namespace held.")


MODELS: tuple[tuple[type[BaseModel], Literal["validation", "serialization"]], ...] = (
    (DedupRequest, "validation"), (CheckRequest, "validation"),
    (DedupOut, "serialization"), (CheckOut, "serialization"), (ForgetOut, "serialization"),
)


def headline_operations(
    config: Config, schemas: dict[str, Any], operation: Callable[..., dict[str, Any]], secured: bool
) -> dict[str, Any]:
    """The OpenAPI paths of this module, with the configured bounds written into ``schemas``."""
    headline = schemas["HeadlineIn"]["properties"]
    headline["text"].update({"minLength": 1, "maxLength": config.max_headline_chars, "pattern": r"\S"})
    for name, most in (("DedupRequest", config.max_headlines), ("CheckRequest", config.max_check_headlines)):
        schemas[name]["properties"]["headlines"]["maxItems"] = most

    def ref(name: str) -> dict[str, Any]:
        return {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}}

    def bounds(most: int) -> str:
        return (f"At most {most:,} headlines (413 above) of at most {config.max_headline_chars} characters; ids "
                "unique in the request, texts not blank (422).")

    dedup = operation(
        "dedupHeadlines", "Group copies among headlines",
        "Results in request order: each headline's group (numbered in order of first member), the id of its "
        "group's first headline, and the kind of copy (exact, normalised, affix, truncated, near-duplicate). "
        "Copies differ by case, typography, HTML entities, wire prefixes, outlet suffixes, truncation or an "
        "edited word; headlines that differ in a number or a date are never copies. " + bounds(config.max_headlines),
        tag="headlines", body=ref("DedupRequest"), ok=ref("DedupOut"), errors=(400, 413, 415, 422), secured=secured,
    )
    check = operation(
        "checkHeadlines", "New or duplicate, against a remembered stream",
        "Each headline is compared with the namespace's remembered headlines and the request's earlier new ones. "
        "New ones are remembered (remember=true) for RINGKAS_HEADLINE_TTL seconds; answers are idempotent per id. "
        "Concurrent requests on one namespace, from any worker or replica, are serialised: exactly one of them "
        "calls a given new headline new. 503 with Retry-After when the store is down. " + bounds(config.max_check_headlines),
        tag="headlines", body=ref("CheckRequest"), ok=ref("CheckOut"), errors=(400, 413, 415, 422, 503, 507),
        secured=secured,
    )
    namespace_parameter = {
        "name": "namespace", "in": "path", "required": True, "description": "The namespace to forget.",
        "schema": {"type": "string", "pattern": NAMESPACE_PATTERN},
    }
    forget = operation(
        "forgetNamespace", "Forget a namespace", "Every remembered headline of the namespace is dropped.",
        tag="headlines", ok=ref("ForgetOut"), errors=(404, 422, 503), secured=secured,
        parameters=[namespace_parameter],
    )
    return {
        "/v1/headlines/dedup": {"post": dedup},
        "/v1/headlines/check": {"post": check},
        "/v1/headlines/namespaces/{namespace}": {"delete": forget},
    }


def install(app: Flask, settings: Config) -> None:
    """Open the headline store (creating the data directory) and register the views."""
    data_dir = Path(settings.data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    app.extensions[STORE_EXTENSION] = open_store(settings.headline_store, data_dir, settings.headline_ttl)
    app.register_blueprint(bp)


def _store() -> HeadlineStore:
    store: HeadlineStore = current_app.extensions[STORE_EXTENSION]
    return store


def _config() -> Config:
    config: Config = current_app.extensions["ringkas"].config
    return config


@bp.post("/v1/headlines/dedup")
def dedup_view() -> Response:
    """Group the copies among the request's headlines."""
    body = _parse(DedupRequest)
    results = group_headlines(body.headlines_core, body.model.threshold)
    return jsonify({
        "results": [
            {"id": r.id, "group": r.group, "duplicate_of": r.duplicate_of, "similarity": r.similarity, "reason": r.reason}
            for r in results
        ],
        "groups": 1 + max(r.group for r in results),
    })


@bp.post("/v1/headlines/check")
def check_view() -> Response:
    """New or duplicate, against the namespace's remembered headlines and the request's earlier ones."""
    body = _parse(CheckRequest)
    model = body.model
    assert isinstance(model, CheckRequest)
    results = check_headlines(
        _store(), model.namespace, body.headlines_core, remember=model.remember, now=time.time(),
        max_namespace_size=_config().max_namespace_headlines, threshold=model.threshold,
    )
    return jsonify({"results": [
        {"id": r.id, "status": r.status, "duplicate_of": r.duplicate_of, "similarity": r.similarity,
         "first_seen": _iso(r.first_seen)}
        for r in results
    ]})


@bp.delete("/v1/headlines/namespaces/<namespace>")
def forget_view(namespace: str) -> Response:
    """Forget every headline of a namespace."""
    if not valid_namespace(namespace):
        raise InvalidOptions(
            f"Invalid namespace: use 1 to 64 letters, digits, '.', '_' or '-' (pattern {NAMESPACE_PATTERN}).",
            (FieldError("namespace", "Invalid namespace."),),
        )
    return jsonify({"namespace": namespace, "forgotten": _store().forget(namespace)})


class _Parsed:
    def __init__(self, model: DedupRequest) -> None:
        self.model = model
        self.headlines_core = [Headline(h.id, h.text) for h in model.headlines]


def _parse(model: type[DedupRequest]) -> _Parsed:
    """Validate a headlines request: media type (415), JSON (400), count (413), fields (422)."""
    if not (request.mimetype in JSON_TYPES or request.mimetype.endswith("+json")):
        raise UnsupportedMediaType(f"Content-Type {request.mimetype or '(none)'!r} is not supported: send application/json.")
    raw = json_body()
    if request.args:  # its options are JSON fields: a query parameter would be ignored without a word
        names = ", ".join(repr(name[:40]) for name in list(request.args)[:5])
        raise InvalidOptions(
            f"This endpoint takes no query parameters (got {names}): send threshold and the other fields in the JSON body.",
            (FieldError("query", "No query parameters."),),
        )
    config = _config()
    headlines = raw.get("headlines")
    most = config.max_check_headlines if model is CheckRequest else config.max_headlines
    if isinstance(headlines, list) and len(headlines) > most:
        advice = " (send the rest in another request)" if model is CheckRequest else ""
        raise PayloadTooLarge(f"The request has {len(headlines):,} headlines; the limit is {most:,}{advice}.")
    try:
        parsed = model.model_validate(raw)
    except ValidationError as exc:
        raise _invalid(exc) from None
    errors = _headline_errors(parsed.headlines, config.max_headline_chars)
    if errors:
        shown = errors[:MAX_FIELD_ERRORS]
        raise InvalidOptions(f"{len(errors)} headline(s) are invalid, first: {shown[0].field}: {shown[0].message}", tuple(shown))
    return _Parsed(parsed)


def _headline_errors(headlines: Sequence[HeadlineIn], max_chars: int) -> list[FieldError]:
    errors: list[FieldError] = []
    first: dict[str, int] = {}
    for index, headline in enumerate(headlines):
        if not _VISIBLE.search(processing_view(headline.text)):
            errors.append(FieldError(f"headlines.{index}.text", "Empty headline."))
        elif len(headline.text) > max_chars:
            errors.append(FieldError(f"headlines.{index}.text", f"Longer than {max_chars:,} characters."))
        earlier = first.setdefault(headline.id, index)
        if earlier != index:
            errors.append(FieldError(f"headlines.{index}.id", f"Duplicate id (also headlines.{earlier}.id)."))
    return errors


#: What a JSON value that is no object is, in the client's terms (for a headline sent as one).
_JSON_KINDS = {str: "a string", int: "a number", float: "a number", bool: "true or false", list: "an array", type(None): "null"}


def _invalid(exc: ValidationError) -> InvalidOptions:
    errors = []
    for error in exc.errors(include_url=False)[:MAX_FIELD_ERRORS]:
        field = ".".join(str(part) for part in error["loc"])[:80] or "body"
        message = error["msg"]
        if error["type"] == "model_type" and len(error["loc"]) == 2 and error["loc"][0] == "headlines":
            kind = _JSON_KINDS.get(type(error["input"]), "another value")
            message = f'A headline is an object {{"id": "...", "text": "..."}}, not {kind}.'
        errors.append(FieldError(field=field, message=message))
    count = exc.error_count()
    return InvalidOptions(f"{count} field(s) are invalid, first: {errors[0].field}: {errors[0].message}", tuple(errors))


def _iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, tz=timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


