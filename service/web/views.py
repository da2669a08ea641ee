"""HTTP API, version 1: thin views that parse a request, call the pipeline and return JSON."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, unquote_to_bytes

from flask import Blueprint, Response, current_app, jsonify, request
from werkzeug.datastructures import FileStorage

from ..exceptions import FieldError, InvalidOptions, MalformedRequest, RingkasError, UnsupportedMediaType
from ..models import TEXT_OR_HTML, BatchItem, SummaryOptions, echoed_name
from ..pipeline import Resources, summarize, summarize_html, summarize_item
from ..text.extract import PAGE_SUFFIXES, BatchBudget
from .body import decode, decode_page, json_body, read_body, read_form, single_valued
from .metrics import Metrics
from .schemas import parse_batch

bp = Blueprint("v1", __name__)

JSON_TYPES = ("application/json",)
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
SUPPORTED = "application/json, text/plain, text/html, application/x-www-form-urlencoded or multipart/form-data"


def _resources() -> Resources:
    resources: Resources = current_app.extensions["ringkas"]
    return resources


def _metrics() -> Metrics:
    metrics: Metrics = current_app.extensions["ringkas_metrics"]
    return metrics


@bp.post("/v1/summarize")
def summarize_view() -> Response:
    """Summarise one article sent as JSON, plain text, HTML or a form."""
    raw_text, raw_options = read_request()
    html = raw_options.pop("html", None)  # an HTML page instead of the text (see read_request)
    resources = _resources()
    options = SummaryOptions.parse(raw_options)  # unknown fields first
    if html is None:
        summary = summarize(require_text(raw_text), options, resources)
    elif raw_text is not None:
        raise InvalidOptions(
            TEXT_OR_HTML,
            (FieldError("html", "Give either text or html."),),
        )
    else:
        summary = summarize_html(require_text(html, "html"), options, resources)
    _metrics().observe_summary(summary)
    if _wants_plain_text():
        response = Response("".join(s.text + "\n" for s in summary.sentences), mimetype="text/plain")
    else:
        response = jsonify(summary.to_dict())
    response.vary.add("Accept")
    return response


@bp.post("/v1/summarize/batch")
def summarize_batch_view() -> Response:
    """Summarise many articles in one call; each document gets a summary or its own problem."""
    if not (request.mimetype in JSON_TYPES or request.mimetype.endswith("+json")):
        raise UnsupportedMediaType(f"Content-Type {request.mimetype or '(none)'!r} is not supported: send application/json.")
    resources = _resources()
    config = resources.config
    items = parse_batch({**query_options(), **json_body()}, config.max_batch_documents)
    # The batch's pages share one budget of HTML elements (text.extract.MAX_BATCH_HTML_ELEMENTS): each
    # page is bounded on its own, but 1 MiB of element-dense pages took longer than gunicorn's 30 s.
    # A page that does not fit in what is left is its document's 413; the other documents are unaffected.
    budget = BatchBudget()
    return jsonify({"results": [_batch_result(item, resources, budget) for item in items]})


def _batch_result(item: BatchItem, resources: Resources, budget: BatchBudget) -> dict[str, Any]:
    """One document's result: its summary, or the problem that stopped it (never raises a RingkasError)."""
    try:
        summary = summarize_item(item, resources, budget)
    except RingkasError as error:
        _metrics().observe_document_error(request.path, error.status)
        return {"id": item.id, **error.problem()}
    _metrics().observe_summary(summary)
    return {"id": item.id, "status": 200, **summary.to_dict()}


@bp.get("/v1/languages")
def languages_view() -> Response:
    """Every language the service handles, with the resources it has for each."""
    resources = _resources()
    return jsonify(resources.languages.listing(resources.config.fallback_language))


@bp.get("/healthz")
def health_view() -> Response:
    """Liveness: the process is up and its resources are loaded."""
    return jsonify({"status": "ok"})


@bp.get("/metrics")
def metrics_view() -> Response:
    """Prometheus metrics of the whole server (all gunicorn workers)."""
    body, content_type = _metrics().exposition()
    return Response(body, content_type=content_type)


@bp.get("/openapi.json")
def openapi_view() -> Response:
    """The OpenAPI 3.1 description, generated from the models at start-up."""
    return jsonify(current_app.extensions["ringkas_openapi"])


def read_request() -> tuple[Any, dict[str, Any]]:
    """The text (unchecked: see :func:`require_text`) and the options of a request, whatever its media type.

    Options come from the query string, overridden by JSON fields or form fields of the same name.
    An HTML page (a ``text/html`` body, or an ``html`` JSON or form field) is returned among the
    options as ``html``, for the view to extract.

    Raises:
        MalformedRequest: unreadable JSON or undecodable bytes (400).
        UnsupportedMediaType: a media type or charset we do not read (415).
    """
    options = query_options()
    mimetype = request.mimetype
    if mimetype in JSON_TYPES or mimetype.endswith("+json"):
        body = json_body()
        text = body.pop("text", None)
        options.update(body)
    elif mimetype == "text/plain":
        text = decode(read_body(), request.mimetype_params.get("charset", "utf-8"))
    elif mimetype == "text/html":
        text = None
        options["html"] = decode_page(read_body(), request.mimetype_params.get("charset"))
    elif mimetype == "application/x-www-form-urlencoded":
        text, fields = _urlencoded_body()
        options.update(fields)
    elif mimetype in FORM_TYPES:
        fields = read_form()
        text = fields.pop("text", None)
        if upload := _one_upload(text):
            data = upload.read()
            if _is_page(upload) and "html" not in fields:
                fields["html"] = decode_page(data, upload.mimetype_params.get("charset"))
            else:
                text = decode(data, upload.mimetype_params.get("charset", "utf-8"))
        options.update(fields)
    elif not mimetype:
        sent = request.headers.get("Content-Type", "").strip()
        named = f"Content-Type {sent[:40]!r} names no media type" if sent else "Missing Content-Type"
        raise UnsupportedMediaType(f"{named}: send {SUPPORTED}.")
    else:
        raise UnsupportedMediaType(f"Content-Type {mimetype!r} is not supported: send {SUPPORTED}.")
    return text, options


def _one_upload(text: str | None) -> FileStorage | None:
    """The form's file, if it sends the article as one: at most one file, and not beside a
    ``text`` field with text in it (either was ignored without a word: which article would be
    summarised?). A blank ``text`` beside a file is the textarea of a plain HTML form left empty.

    Raises:
        InvalidOptions: two files or more, or a file and a ``text`` field that is not blank (422).
    """
    uploads = [(name, upload) for name, upload in request.files.items(multi=True) if _chosen(upload)]
    if len(uploads) > 1:
        raise InvalidOptions(
            f"The form has {len(uploads):,} files: send one article a request (POST /v1/summarize/batch takes many).",
            (FieldError(echoed_name(uploads[1][0]), "A second file."),),
        )
    if uploads and text is not None and text.strip():
        raise InvalidOptions(
            "The form has both a 'text' field and a file: send the article in one of them.",
            (FieldError(echoed_name(uploads[0][0]), "A file beside the 'text' field."),),
        )
    return uploads[0][1] if uploads else None


def _chosen(upload: FileStorage) -> bool:
    """Whether a file part holds a file: a browser sends a file input left empty as a part with
    an empty name and no content (HTML's form submission), which is no article."""
    if upload.filename:
        return True
    empty = not upload.stream.read(1)
    upload.stream.seek(0)
    return not empty


def _is_page(upload: FileStorage) -> bool:
    """An uploaded file is an HTML page (its article extracted, as a ``text/html`` body's) when its
    part says ``text/html`` (as ``curl -F file=@page.html`` and browsers send it), or says nothing
    more specific than ``application/octet-stream`` and its name is a page's (``PAGE_SUFFIXES``)."""
    if upload.mimetype in ("text/html", "application/xhtml+xml"):
        return True
    return upload.mimetype in ("", "application/octet-stream") and (upload.filename or "").lower().endswith(PAGE_SUFFIXES)


#: Fields read from a urlencoded body at most (the body-size limit bounds it too).
MAX_FORM_FIELDS = 100
#: The field names of a form of ours: the text and the options.
FORM_FIELDS = frozenset({"text", "html", *SummaryOptions.model_fields})
#: What a field name of ours looks like (``text``, ``sentences``, ``dedup_threshold``).
_FIELD_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _urlencoded_body() -> tuple[str | None, dict[str, str]]:
    """The text and option fields of an ``application/x-www-form-urlencoded`` body.

    ``curl -d @article.txt`` sends a file with this media type, without field names (and
    without its line breaks). So a body is read as a form only when it is a form of ours: every
    field name an identifier, and at least one of them ``text`` or a known option. Anything
    else is the article itself, exactly as sent: no ``&``, ``=``, ``+`` or ``%`` in it is
    decoded or split on.
    """
    raw = decode(read_body(), request.mimetype_params.get("charset", "utf-8"))
    try:
        pairs = parse_qsl(raw, keep_blank_values=True, max_num_fields=MAX_FORM_FIELDS, errors="replace")
    except ValueError:  # more fields than any form of ours: an article full of '&'
        return raw, {}
    names = {name for name, _ in pairs}
    if not names or not all(_FIELD_NAME.fullmatch(name) for name in names) or not names & FORM_FIELDS:
        return raw, {}  # not a form of known fields: the article itself, byte for byte
    try:  # a form of ours: its %-escapes must be UTF-8, not silently replaced by U+FFFD
        pairs = parse_qsl(raw, keep_blank_values=True, max_num_fields=MAX_FORM_FIELDS, errors="strict")
    except UnicodeDecodeError as exc:
        raise MalformedRequest(f"A form field's %-escapes are not valid UTF-8 (byte {exc.start} of the field).") from None
    fields = single_valued(pairs, "The form")
    return fields.pop("text", None), fields


def query_options() -> dict[str, Any]:
    """The options in the query string, checked on their own first: a body field of the same
    name wins, but must not hide an invalid query parameter.

    Raises:
        MalformedRequest: %-escapes that are not UTF-8 (400; werkzeug would put U+FFFD in their place).
        InvalidOptions: an unknown or invalid query parameter (422).
    """
    try:
        unquote_to_bytes(request.query_string).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise MalformedRequest(f"The query string's %-escapes are not valid UTF-8 (byte {exc.start}).") from None
    options: dict[str, Any] = single_valued(request.args.items(multi=True), "The query string")
    if options:
        SummaryOptions.parse(options)
    return options


def require_text(text: Any, field: str = "text") -> str:
    """The article text (or HTML page), or a 422 saying what is wrong with the field."""
    if text is None:
        raise InvalidOptions(
            "The article text is missing: send it in the 'text' field (or an HTML page in 'html').",
            (FieldError(field, "Field required."),),
        )
    if not isinstance(text, str):
        raise InvalidOptions(f"The '{field}' field must be a string.", (FieldError(field, "Input should be a string."),))
    return text


def _wants_plain_text() -> bool:
    best = request.accept_mimetypes.best_match(["application/json", "text/plain"], default="application/json")
    return best == "text/plain"
