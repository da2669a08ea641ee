"""Request and response models: the single source for validation and for the OpenAPI description.

The web layer feeds these with JSON fields, query parameters or form fields (all the same names)
and gets back the core's :class:`~service.models.SummaryOptions`, or an
:class:`~service.exceptions.InvalidOptions` listing every bad field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..exceptions import FieldError, InvalidOptions, PayloadTooLarge
from ..models import SummaryOptions
from ..select import Budget

#: Bounds on the options, so that no option can make a request expensive or absurd.
MAX_SENTENCES = 1000
MAX_WORDS = 100_000
MAX_TITLE_CHARS = 1000
MAX_LANGUAGE_CHARS = 64
#: Longest field name repeated in an error message.
MAX_FIELD_NAME_ECHO = 60
#: Beyond α = 5 the prior is LEAD-n in all but name (the first sentence takes >96% of it).
MAX_POSITION_PRIOR = 5.0


class Options(BaseModel):
    """Summary options; at most one of ``sentences``, ``ratio`` and ``words``."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    algorithm: Literal["learned", "lexrank", "textrank"] = Field(
        "learned", description="Ranking algorithm: the learned scorer (default), or LexRank or TextRank alone."
    )
    sentences: int | None = Field(None, ge=1, le=MAX_SENTENCES, description="Number of sentences (default 3).")
    ratio: float | None = Field(None, gt=0, le=1, description="Share of the article's sentences, in (0, 1].")
    words: int | None = Field(None, ge=1, le=MAX_WORDS, description="Word budget of the summary.")
    language: str = Field(
        "auto", min_length=1, max_length=MAX_LANGUAGE_CHARS,
        description="'auto', an ISO 639 code ('id', 'en', …) or an English name ('indonesian').",
    )
    title: str | None = Field(
        None, max_length=MAX_TITLE_CHARS, description="A known headline: lines that near-duplicate it are stripped too."
    )
    strip_headlines: bool = Field(True, description="Remove repeated syndication headlines.")
    dedup_threshold: float | None = Field(
        None, gt=0, le=1, description="Cosine similarity at which two lines are copies (default: the tuned value)."
    )
    position_prior: float = Field(
        1.0, ge=0, le=MAX_POSITION_PRIOR,
        description="Exponent α of the position prior p_i ∝ (i+1)^-α on the random walk; 0 ignores position.",
    )
    lexrank_weights: Literal["continuous", "threshold"] = Field(
        "continuous", description="LexRank edges: the cosine similarity, or 1 where it reaches 0.1."
    )
    headline_bias: float = Field(
        0.0, ge=0, le=1, description="Share of the random jumps biased towards sentences like the headline."
    )
    mmr: float | None = Field(
        None, gt=0, le=1,
        description="Maximal Marginal Relevance λ: 1 selects by score, lower values favour diversity "
        "(default: 0.7 for lexrank and textrank, 1 for learned).",
    )

    @field_validator(
        "sentences", "ratio", "words", "dedup_threshold", "position_prior", "headline_bias", "mmr", mode="before"
    )
    @classmethod
    def _no_booleans(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError("Expected a number, not a boolean.")
        return value

    @model_validator(mode="after")
    def _one_length(self) -> Options:
        given = [name for name in ("sentences", "ratio", "words") if getattr(self, name) is not None]
        if len(given) > 1:
            raise ValueError(f"Give at most one of sentences, ratio and words (got {' and '.join(given)}).")
        return self

    def to_core(self, default_sentences: int) -> SummaryOptions:
        """The core's options; the budget defaults to ``default_sentences`` sentences."""
        if self.ratio is not None:
            budget = Budget("ratio", self.ratio)
        elif self.words is not None:
            budget = Budget("words", self.words)
        else:
            budget = Budget("sentences", self.sentences if self.sentences is not None else default_sentences)
        return SummaryOptions(
            algorithm=self.algorithm,
            budget=budget,
            language=self.language,
            title=self.title or None,
            strip_headlines=self.strip_headlines,
            dedup_threshold=self.dedup_threshold,
            position_prior=self.position_prior,
            lexrank_weights=self.lexrank_weights,
            headline_bias=self.headline_bias,
            mmr=self.mmr,
        )


class SummarizeRequest(Options):
    """``POST /v1/summarize`` with a JSON body."""

    text: str = Field(..., description="The article, as plain text; one paragraph per line is best.")


class SummarizeForm(Options):
    """``POST /v1/summarize`` with a form: a ``text`` field or a file field (any name), options as fields."""

    text: str | None = Field(None, description="The article, as plain text.")
    file: bytes | None = Field(None, description="The article as an uploaded UTF-8 text file (multipart only).")


#: Longest document id echoed back in a batch (an id is a label, not a payload).
MAX_DOCUMENT_ID_CHARS = 256


class BatchDocument(Options):
    """One document of a batch: its text, an optional id echoed back, and options that override the shared ones."""

    id: Annotated[str, Field(max_length=MAX_DOCUMENT_ID_CHARS)] | int | None = Field(
        None, description="The client's label for this document, echoed back in its result."
    )
    text: str = Field(..., description="The article, as plain text.")


class BatchRequest(Options):
    """``POST /v1/summarize/batch``: documents, and options shared by all of them (a document's own win)."""

    documents: list[BatchDocument] = Field(
        ..., min_length=1, description="The documents, at most max_batch_documents (413 above)."
    )


class SentenceOut(BaseModel):
    index: int = Field(..., description="Position among the article's sentences after stripping.")
    text: str
    score: float
    start: int = Field(..., description="Offset of the first character in the input (Unicode code points).")
    end: int = Field(..., description="Offset just past the last character.")


class RemovedOut(BaseModel):
    text: str
    start: int
    end: int
    reason: Literal["headline", "duplicate"]
    similarity: float


class StatsOut(BaseModel):
    characters: int
    lines: int
    sentences: int
    selected: int
    elapsed_ms: float


class SummaryOut(BaseModel):
    """``200`` response of ``POST /v1/summarize``."""

    summary: str
    sentences: list[SentenceOut]
    headline: str | None
    removed: list[RemovedOut]
    language: str
    algorithm: Literal["learned", "lexrank", "textrank"]
    stats: StatsOut


class BatchSummaryOut(SummaryOut):
    """A document of a batch that was summarised."""

    id: str | int | None
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

    results: list[BatchSummaryOut | BatchProblemOut]


class LanguageOut(BaseModel):
    code: str = Field(..., description="ISO 639 code.")
    name: str
    detectable: bool = Field(..., description="Whether automatic detection can return it.")
    stop_words: bool
    stemmer: str | None = Field(..., description="Snowball stemmer used, if any.")
    sentences: str = Field(..., description="Sentence splitter.")


class LanguagesOut(BaseModel):
    """``200`` response of ``GET /v1/languages``."""

    default: str
    fallback: str = Field(..., description="Used when detection is not confident.")
    languages: list[LanguageOut]


class HealthOut(BaseModel):
    """``200`` response of ``GET /healthz``."""

    status: Literal["ok"]


def parse_options(values: Mapping[str, Any], default_sentences: int) -> SummaryOptions:
    """Validate options given by name (JSON fields, query parameters or form fields).

    Raises:
        InvalidOptions: with one :class:`FieldError` per problem.
    """
    try:
        return Options.model_validate(dict(values)).to_core(default_sentences)
    except ValidationError as exc:
        raise invalid_options(exc) from None


def invalid_options(exc: ValidationError) -> InvalidOptions:
    """Turn pydantic's errors into our 422 with readable field messages."""
    errors = []
    for error in exc.errors(include_url=False):
        field = ".".join(str(part) for part in error["loc"]) or "options"
        if len(field) > MAX_FIELD_NAME_ECHO:  # never echo a whole article back as a field name
            field = field[:MAX_FIELD_NAME_ECHO] + "…"
        message = error["msg"]
        if error["type"] == "extra_forbidden":
            message = f"Unknown option {field!r}; known options: {', '.join(sorted(Options.model_fields))}."
        errors.append(FieldError(field=field, message=message.removeprefix("Value error, ")))
    if len(errors) == 1:
        only = errors[0]
        detail = only.message if only.field == "options" or only.field in only.message else f"{only.field}: {only.message}."
    else:
        detail = f"{len(errors)} options are invalid: {', '.join(e.field for e in errors)}; see errors."
    return InvalidOptions(detail, tuple(errors))


#: The length options: a document that gives one of them replaces the shared length entirely
#: (a shared ``sentences`` and a document's ``ratio`` are not a conflict).
LENGTH_OPTIONS = frozenset({"sentences", "ratio", "words"})


@dataclass(frozen=True)
class BatchItem:
    """One document of a batch, validated: its text and options, or the error that is its result."""

    id: str | int | None
    text: str = ""
    options: SummaryOptions | None = None
    error: InvalidOptions | None = None


def parse_batch(values: Mapping[str, Any], default_sentences: int, max_documents: int) -> list[BatchItem]:
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
        Options.model_validate(shared)
    except ValidationError as exc:
        raise invalid_options(exc) from None
    return [_batch_item(document, shared, default_sentences) for document in documents]


def _batch_item(document: Any, shared: dict[str, Any], default_sentences: int) -> BatchItem:
    if not isinstance(document, dict):
        return BatchItem(None, error=InvalidOptions(
            "A document must be an object with a 'text' field.", (FieldError("document", "Input should be an object."),)
        ))
    inherited = {k: v for k, v in shared.items() if not (k in LENGTH_OPTIONS and document.keys() & LENGTH_OPTIONS)}
    try:
        model = BatchDocument.model_validate({**inherited, **document})
    except ValidationError as exc:
        return BatchItem(_echoable_id(document.get("id")), error=invalid_options(exc))
    return BatchItem(model.id, model.text, model.to_core(default_sentences))


def _echoable_id(value: Any) -> str | int | None:
    """The id of an invalid document, if it is itself valid (an invalid id is not echoed)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return value if isinstance(value, str) and len(value) <= MAX_DOCUMENT_ID_CHARS else None
