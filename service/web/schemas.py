"""HTTP request and response models: the request wrappers around the one options model and
the response shapes the results take on the wire, for validation and for the OpenAPI description.

The web layer feeds :class:`~service.models.SummaryOptions` with JSON fields, query parameters
or form fields (all the same names) and gets back validated options, or an
:class:`~service.exceptions.InvalidOptions` listing every bad field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError

from ..exceptions import FieldError, InvalidOptions, PayloadTooLarge
from ..models import BatchDocument, BatchItem, Summary, SummaryOptions, invalid_options, parse_document
from ..text.extract import MAX_ATTRIBUTES_PER_ELEMENT, MAX_BATCH_HTML_ELEMENTS, MAX_HTML_ELEMENTS

#: The bound on a batch's HTML pages together, as the OpenAPI description states it.
BATCH_HTML_BOUND = (
    f"A batch's HTML pages may have {MAX_BATCH_HTML_ELEMENTS:,} elements in all (each at most {MAX_HTML_ELEMENTS:,}): "
    "each page that does not fit in what the earlier pages left is its document's 413 (send it in another request)."
)

#: What the ``html`` field is, in every body that has one.
HTML_DESCRIPTION = (
    "The article as an HTML page, instead of text: its main text is extracted (trafilatura, offline) and "
    "returned in the response's `text`, which the offsets index; its og:title or <title> is the `title` "
    f"unless one is given. At most {MAX_HTML_ELEMENTS:,} elements, and {MAX_ATTRIBUTES_PER_ELEMENT:,} attributes on "
    "a tag (413 above); a page with no article text is a 422."
)


class SummarizeRequest(SummaryOptions):
    """``POST /v1/summarize`` with a JSON body: ``text`` or ``html`` (exactly one; 422 otherwise)."""

    text: str | None = Field(None, description="The article, as plain text; one paragraph per line is best.")
    html: str | None = Field(None, description=HTML_DESCRIPTION)


class SummarizeForm(SummaryOptions):
    """``POST /v1/summarize`` with a form: a ``text`` field, an ``html`` field or a file field (any name), options as fields."""

    text: str | None = Field(None, description="The article, as plain text.")
    html: str | None = Field(None, description=HTML_DESCRIPTION)
    file: bytes | None = Field(
        None,
        description="The article as an uploaded file (multipart only): text (UTF-8 unless its part names a charset), "
        "or an HTML page (a part of type text/html, or a file named .html, .htm or .xhtml), whose article is extracted.",
    )


class BatchRequest(SummaryOptions):
    """``POST /v1/summarize/batch``: documents, and options shared by all of them (a document's own win)."""

    documents: list[BatchDocument] = Field(
        ..., min_length=1, description="The documents, at most max_batch_documents (413 above). " + BATCH_HTML_BOUND
    )


@dataclass(frozen=True)
class BatchSummary(Summary):
    """A document of a batch that was summarised: the summary, with the document's id."""

    id: str | int | None = None
    status: Literal[200] = 200


class ProblemField(BaseModel):
    field: str = Field(..., description="The invalid field (dotted for nested fields).")
    message: str


class Problem(BaseModel):
    """RFC 9457 problem details: every error response (``application/problem+json``)."""

    type: str = Field("about:blank", description="Always about:blank: the status says what happened.")
    title: str = Field(..., description="The standard phrase of the status.")
    status: int
    detail: str = Field(..., description="What went wrong and what to change.")
    errors: list[ProblemField] | None = Field(None, description="One entry per invalid field (422 only).")


class BatchProblemOut(Problem):
    """A document of a batch that could not be summarised; the others are unaffected."""

    id: str | int | None


class BatchOut(BaseModel):
    """``200`` response of ``POST /v1/summarize/batch``: one result per document, in order."""

    results: list[BatchSummary | BatchProblemOut]


class LanguageOut(BaseModel):
    code: str = Field(..., description="ISO 639 code.")
    name: str
    detectable: bool = Field(..., description="Whether automatic detection can return it.")
    stop_words: bool
    stemmer: str | None = Field(..., description="Snowball stemmer used, if any.")
    sentences: Literal["sentencex", "spaces"] = Field(
        ..., description="How sentences are found: sentencex (with Ringkas's rules for quotes, titles and glued "
        "stops), or, for Thai and Lao, at spaces between letters of their script."
    )


class LanguagesOut(BaseModel):
    """``200`` response of ``GET /v1/languages``."""

    default: str
    fallback: str = Field(..., description="Used when detection is not confident.")
    languages: list[LanguageOut]


class HealthOut(BaseModel):
    """``200`` response of ``GET /healthz``."""

    status: Literal["ok"]


def parse_batch(values: Mapping[str, Any], max_documents: int) -> list[BatchItem]:
    """Validate a batch: ``documents`` plus shared options (query parameters and JSON fields).

    Errors of the batch as a whole raise; errors of one document become that document's item.

    Raises:
        PayloadTooLarge: more than ``max_documents`` documents.
        InvalidOptions: ``documents`` missing, not a list or empty, or invalid shared options.
    """
    shared = dict(values)
    documents = shared.pop("documents", None)
    if not isinstance(documents, list) or not documents:
        message = "Field required." if documents is None else "Input should be a non-empty list of documents."
        raise InvalidOptions(
            'Send the documents as {"documents": [{"id": ..., "text": "..."}, ...]}.', (FieldError("documents", message),)
        )
    if len(documents) > max_documents:
        raise PayloadTooLarge(f"The batch has {len(documents):,} documents; the limit is {max_documents:,}.")
    try:
        SummaryOptions.model_validate(shared)
    except ValidationError as exc:
        raise invalid_options(exc) from None
    return [parse_document(document, shared) for document in documents]
