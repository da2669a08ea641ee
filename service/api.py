"""HTTP API, version 1: thin views that parse a request, call the pipeline and return JSON."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request

from .exceptions import FieldError, InvalidOptions, MalformedRequest, UnsupportedMediaType
from .pipeline import Resources, summarize
from .schemas import parse_options

bp = Blueprint("v1", __name__)

JSON_TYPES = ("application/json",)
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
SUPPORTED = "application/json, text/plain, application/x-www-form-urlencoded or multipart/form-data"


def _resources() -> Resources:
    return current_app.extensions["ringkas"]


@bp.post("/v1/summarize")
def summarize_view() -> Response:
    """Summarise one article sent as JSON, plain text or a form."""
    raw_text, raw_options = read_request()
    resources = _resources()
    options = parse_options(raw_options, resources.config.default_sentences)  # unknown fields first
    summary = summarize(require_text(raw_text), options, resources)
    if _wants_plain_text():
        response = Response("".join(s.text + "\n" for s in summary.sentences), mimetype="text/plain")
    else:
        response = jsonify(dataclasses.asdict(summary))
    response.vary.add("Accept")
    return response


@bp.get("/v1/languages")
def languages_view() -> Response:
    """Every language the service handles, with the resources it has for each."""
    registry = _resources().languages
    rows = [
        {**dataclasses.asdict(info), "sentences": "sentencex"}
        for info in registry.catalogue.values()
    ]
    return jsonify({"default": "auto", "fallback": registry.fallback, "languages": rows})


@bp.get("/healthz")
def health_view() -> Response:
    """Liveness: the process is up and its resources are loaded."""
    return jsonify({"status": "ok"})


def read_request() -> tuple[Any, dict[str, Any]]:
    """The text (unchecked: see :func:`require_text`) and the options of a request, whatever its media type.

    Options come from the query string, overridden by JSON fields or form fields of the same name.

    Raises:
        MalformedRequest: unreadable JSON or undecodable bytes (400).
        UnsupportedMediaType: a media type or charset we do not read (415).
    """
    options: dict[str, Any] = request.args.to_dict()
    mimetype = request.mimetype
    if mimetype in JSON_TYPES or mimetype.endswith("+json"):
        body = _json_body()
        text = body.pop("text", None)
        options.update(body)
    elif mimetype == "text/plain":
        text = _decode(request.get_data(cache=False), request.mimetype_params.get("charset", "utf-8"))
    elif mimetype in FORM_TYPES:
        fields = request.form.to_dict()
        text = fields.pop("text", None)
        if text is None and request.files:
            upload = next(iter(request.files.values()))
            text = _decode(upload.read(), upload.mimetype_params.get("charset", "utf-8"))
        options.update(fields)
    elif not mimetype:
        raise UnsupportedMediaType(f"Missing Content-Type: send {SUPPORTED}.")
    else:
        raise UnsupportedMediaType(f"Content-Type {mimetype!r} is not supported: send {SUPPORTED}.")
    return text, options


def require_text(text: Any) -> str:
    """The article text, or a 422 saying what is wrong with the ``text`` field."""
    if text is None:
        raise InvalidOptions(
            "The article text is missing: send it in the 'text' field.", (FieldError("text", "Field required."),)
        )
    if not isinstance(text, str):
        raise InvalidOptions("The 'text' field must be a string.", (FieldError("text", "Input should be a string."),))
    return text


def _json_body() -> dict[str, Any]:
    raw = request.get_data(cache=False)
    if not raw.strip():
        raise MalformedRequest("The request body is empty: send a JSON object such as {\"text\": \"...\"}.")
    try:
        body = json.loads(raw)
    except UnicodeDecodeError as exc:
        raise MalformedRequest(f"The JSON body is not valid UTF-8 (byte {exc.start}).") from None
    except json.JSONDecodeError as exc:
        raise MalformedRequest(f"The body is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}.") from None
    except RecursionError:
        raise MalformedRequest("The JSON body is nested too deeply.") from None
    if not isinstance(body, dict):
        raise MalformedRequest(f"The JSON body must be an object with a 'text' field, not {type(body).__name__}.")
    return body


def _decode(data: bytes, charset: str) -> str:
    try:
        return data.decode(charset)
    except LookupError:
        raise UnsupportedMediaType(f"Unknown charset {charset!r}: send UTF-8.") from None
    except UnicodeDecodeError as exc:
        raise MalformedRequest(f"The body is not valid {charset} (byte {exc.start}): send UTF-8 text.") from None


def _wants_plain_text() -> bool:
    best = request.accept_mimetypes.best_match(["application/json", "text/plain"], default="application/json")
    return best == "text/plain"
