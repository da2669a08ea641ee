"""The data model: summary options and results, each defined once.

Everything else derives from here: the pipeline reads :class:`SummaryOptions`, the web layer
validates requests with it (JSON fields, query parameters and form fields share its names),
the OpenAPI description is generated from it and from the result dataclasses, and the library
and CLI accept the same keywords. Adding an option is one field here plus its use.
"""

from __future__ import annotations

import math
import numbers
import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    field_validator,
    model_validator,
)

from .exceptions import FieldError, InvalidOptions

Span = tuple[int, int]
Algorithm = Literal["learned", "lexrank", "textrank"]
ALGORITHMS: tuple[Algorithm, ...] = get_args(Algorithm)
LexRankWeights = Literal["continuous", "threshold"]
RemovalReason = Literal["headline", "duplicate", "boilerplate"]
BudgetKind = Literal["sentences", "ratio", "words"]
LENGTH_OPTIONS: tuple[BudgetKind, ...] = get_args(BudgetKind)

#: Bounds on the options, so that no option can make a request expensive or absurd.
MAX_SENTENCES = 1000
MAX_WORDS = 100_000
MAX_TITLE_CHARS = 1000
MAX_LANGUAGE_CHARS = 64
#: Beyond α = 5 the prior is LEAD-n in all but name (the first sentence takes >96% of it).
MAX_POSITION_PRIOR = 5.0
#: MMR λ per algorithm when the client gives none (see ``SummaryOptions.selection_mmr``).
DEFAULT_MMR: dict[str, float] = {"learned": 1.0, "lexrank": 0.7, "textrank": 0.7}
#: Longest document id echoed back in a batch or corpus result (an id is a label, not a payload).
MAX_DOCUMENT_ID_CHARS = 256
#: Longest field name repeated in an error message (never echo a whole article back).
MAX_FIELD_NAME_ECHO = 60
#: Problems listed in one error at most (a 1 MiB body can hold 130,000 unknown options, or a
#: request 10,000 bad headlines): the detail still counts them all.
MAX_FIELD_ERRORS = 20


@dataclass(frozen=True)
class Budget:
    """How long the summary may be: a number of sentences, a share of them, or a number of words."""

    kind: BudgetKind
    value: float

    def sentence_limit(self, available: int) -> int:
        """Most sentences the budget allows out of ``available`` (``words`` limits by length instead)."""
        if self.kind == "sentences":
            return min(int(self.value), available)
        if self.kind == "ratio":
            return min(available, max(1, math.ceil(self.value * available - 1e-9)))
        return available


class SummaryOptions(BaseModel):
    """Options of one summary; at most one of ``sentences``, ``ratio`` and ``words``."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True, allow_inf_nan=False)

    algorithm: Algorithm = Field(
        "learned", description="Ranking algorithm: the learned scorer (default), or LexRank or TextRank alone."
    )
    sentences: int | None = Field(
        None, ge=1, le=MAX_SENTENCES,
        description="Number of sentences (default: the server's default_sentences, 3 unless configured).",
    )
    ratio: float | None = Field(None, gt=0, le=1, description="Share of the article's sentences, in (0, 1].")
    words: int | None = Field(None, ge=1, le=MAX_WORDS, description="Word budget of the summary.")
    language: str = Field(
        "auto", min_length=1, max_length=MAX_LANGUAGE_CHARS,
        description="'auto', an ISO 639 code ('id', 'en', 'ind', …), a language tag ('id-ID', 'en_US') or an English name "
        "('indonesian').",
    )
    title: str | None = Field(
        None, max_length=MAX_TITLE_CHARS, description="A known headline: lines that near-duplicate it are stripped too."
    )
    strip_headlines: bool = Field(True, description="Remove repeated syndication headlines.")
    strip_boilerplate: bool = Field(
        True, description="Remove news boilerplate: datelines, by-lines, 'Baca juga:' links, widgets, captions, author tags."
    )
    dedup_threshold: float | None = Field(
        None, gt=0, le=1, description="Cosine similarity at which two lines are copies (default: the tuned value)."
    )
    #: 0 for every algorithm: the learned scorer weighs position itself, and ``lexrank`` and
    #: ``textrank`` are the position-blind centralities their names promise (a prior of 1 cost
    #: TextRank 1.6 ROUGE-1 below sumy's on BBC dev; docs/EVALUATION.md, round 29).
    position_prior: float = Field(
        0.0, ge=0, le=MAX_POSITION_PRIOR,
        description="Exponent α of the position prior p_i ∝ (i+1)^-α, 0 ignoring position: the random walk's jumps "
        "for lexrank and textrank; the learned scores times (i+1)^-α. Raise it (1 is a harmonic prior) for news "
        "whose summaries come from the lead.",
    )
    lexrank_weights: LexRankWeights = Field(
        "continuous", description="LexRank edges: the cosine similarity, or 1 where it reaches 0.1."
    )
    headline_bias: float = Field(
        0.0, ge=0, le=1, description="Share of the random jumps biased towards sentences like the headline."
    )
    #: ``None``: the algorithm's own default, ``DEFAULT_MMR`` (docs/EVALUATION.md).
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

    @field_validator("position_prior", mode="before")
    @classmethod
    def _null_prior_is_the_default(cls, value: Any) -> Any:
        """``null`` asks for the default, as for ``mmr`` and ``dedup_threshold`` (and as for this
        option when its default was the algorithm's)."""
        return 0.0 if value is None else value

    @field_validator("title")
    @classmethod
    def _blank_title_is_none(cls, value: str | None) -> str | None:
        return value or None

    @model_validator(mode="after")
    def _one_length(self) -> SummaryOptions:
        given = [name for name in LENGTH_OPTIONS if getattr(self, name) is not None]
        if len(given) > 1:
            raise ValueError(f"Give at most one of sentences, ratio and words (got {' and '.join(given)}).")
        return self

    @classmethod
    def parse(cls, values: Mapping[str, Any]) -> SummaryOptions:
        """Validate options given by name (JSON fields, query parameters, form fields, keywords).

        Raises:
            InvalidOptions: with one :class:`FieldError` per problem.
        """
        try:
            return cls.model_validate(dict(values))
        except ValidationError as exc:
            raise invalid_options(exc) from None

    @property
    def selection_mmr(self) -> float:
        """The λ used: the option, else 0.7 for the graph rankers (it raised every ROUGE measure
        on both dev sets) and 1 for ``learned`` (its cross-validated selection: MMR lowered its
        CV scores)."""
        return self.mmr if self.mmr is not None else DEFAULT_MMR[self.algorithm]

    def budget(self, default_sentences: int) -> Budget:
        """The length budget; ``default_sentences`` sentences when no length was given."""
        if self.ratio is not None:
            return Budget("ratio", self.ratio)
        if self.words is not None:
            return Budget("words", self.words)
        return Budget("sentences", self.sentences if self.sentences is not None else default_sentences)


def echoed_name(name: str) -> str:
    """A field name as an error repeats it: cut at ``MAX_FIELD_NAME_ECHO`` characters, marked so."""
    return name[:MAX_FIELD_NAME_ECHO] + "…" if len(name) > MAX_FIELD_NAME_ECHO else name


def listed(shown: Sequence[str], total: int) -> str:
    """The first names of a longer list, and how many more there are (``a, b and 4,980 more``)."""
    return ", ".join(shown) + (f" and {total - len(shown):,} more" if total > len(shown) else "")


def invalid_options(exc: ValidationError) -> InvalidOptions:
    """Turn pydantic's errors into our 422 with readable field messages (the first
    ``MAX_FIELD_ERRORS`` of them: the answer to a body of unknown options stays small)."""
    errors = []
    for error in exc.errors(include_url=False)[:MAX_FIELD_ERRORS]:
        name = ".".join(str(part) for part in error["loc"])
        field = echoed_name(name) or "options"
        message = error["msg"]
        if error["type"] == "extra_forbidden":
            shown = repr(field) if name else "'' (a field without a name)"
            message = f"Unknown option {shown}; known options: {', '.join(sorted(SummaryOptions.model_fields))}."
        errors.append(FieldError(field=field, message=message.removeprefix("Value error, ")))
    total = exc.error_count()
    if total == 1:
        only = errors[0]
        sentence = only.message if only.message.endswith(".") else f"{only.message}."
        detail = only.message if only.field == "options" or only.field in only.message else f"{only.field}: {sentence}"
    else:
        detail = f"{total:,} options are invalid: {listed([e.field for e in errors], total)}; see errors."
    return InvalidOptions(detail, tuple(errors))


# --- documents of a batch or corpus ---------------------------------------------------------


#: The problem's detail when a request or document gives both ``text`` and ``html``.
TEXT_OR_HTML = "Send the article either as text or as an HTML page (html), not both."
#: What a batch document's ``html`` field is (the single endpoint's field, the same bounds).
BATCH_HTML_DESCRIPTION = (
    "The article as an HTML page, instead of text: its main text is extracted (trafilatura, offline) and returned "
    "in the result's `text`, which the offsets index; its og:title or <title> is the `title` unless one is given. "
    "Bounded like the single endpoint's html (413 above); a page with no article text is this document's 422."
)


def _integral(value: Any) -> Any:
    """An integer of another type (numpy's ``int64``, from a DataFrame or a bag) as a Python int;
    anything else as it is, for the strict check to judge (``True`` and ``2.0`` are not ids)."""
    return operator.index(value) if isinstance(value, numbers.Integral) and not isinstance(value, bool) else value


#: A document's id: a label, echoed back. Strict: JSON's ``true`` or ``2.0`` is no integer id (lax
#: mode would echo ``1`` or ``2`` back); 64-bit, as a label is (not 4,000 digits echoed back).
DocumentId = (
    Annotated[str, Field(max_length=MAX_DOCUMENT_ID_CHARS)]
    | Annotated[StrictInt, BeforeValidator(_integral), Field(ge=-(2**63), lt=2**63)]
)
_DOCUMENT_ID: TypeAdapter[str | int] = TypeAdapter(DocumentId)


class BatchDocument(SummaryOptions):
    """One document of a batch: its text or HTML page, an optional id echoed back, and options that
    override the shared ones."""

    id: DocumentId | None = Field(
        None, description="The client's label for this document, echoed back in its result."
    )
    #: Never stripped (unlike the options): offsets index the text exactly as sent.
    text: Annotated[str, StringConstraints(strip_whitespace=False)] | None = Field(
        None, description="The article, as plain text (exactly one of text and html)."
    )
    html: Annotated[str, StringConstraints(strip_whitespace=False)] | None = Field(None, description=BATCH_HTML_DESCRIPTION)

    @field_validator("id", mode="wrap")
    @classmethod
    def _one_id_error(cls, value: Any, handler: Any) -> Any:
        """One error named ``id`` (not one per branch of the union) when the id is unusable."""
        try:
            return handler(value)
        except ValidationError:
            raise ValueError(
                f"The id must be a string of at most {MAX_DOCUMENT_ID_CHARS} characters or a 64-bit integer."
            ) from None


@dataclass(frozen=True)
class BatchItem:
    """One document of a batch, validated: its text (or HTML page) and options, or the error that is its result."""

    id: str | int | None
    text: str = ""
    options: SummaryOptions | None = None
    error: InvalidOptions | None = None
    #: The HTML page to extract the article from, when the document gave ``html`` instead of text.
    html: str | None = None


def parse_document(document: Any, shared: Mapping[str, Any] | None = None) -> BatchItem:
    """Validate one document of a batch or corpus: its id, text and options, on top of ``shared``
    options (a document that gives a length replaces the shared length). An invalid document
    becomes an item carrying its error, so that one bad document never fails the others."""
    if not isinstance(document, dict):
        return BatchItem(None, error=InvalidOptions(
            "A document must be an object with a 'text' field.", (FieldError("document", "Input should be an object."),)
        ))
    given = [field for field in ("text", "html") if document.get(field) is not None]
    if len(given) != 1:
        return BatchItem(_echoable_id(document.get("id")), error=InvalidOptions(
            TEXT_OR_HTML if given
            else "The article is missing: send it in the 'text' field (or an HTML page in 'html').",
            (FieldError("html", "Give either text or html.") if given else FieldError("text", "Field required (or html)."),),
        ))
    own_length = bool(document.keys() & set(LENGTH_OPTIONS))
    inherited = {k: v for k, v in (shared or {}).items() if not (k in LENGTH_OPTIONS and own_length)}
    try:
        model = BatchDocument.model_validate({**inherited, **document})
    except ValidationError as exc:
        return BatchItem(_echoable_id(document.get("id")), error=invalid_options(exc))
    options = SummaryOptions.model_validate(model.model_dump(exclude={"id", "text", "html"}, exclude_unset=True))
    return BatchItem(model.id, model.text or "", options, html=model.html)


def _echoable_id(value: Any) -> str | int | None:
    """The id of an invalid document, if it is itself valid (an invalid id is not echoed)."""
    try:
        return _DOCUMENT_ID.validate_python(value)
    except ValidationError:
        return None


# --- results --------------------------------------------------------------------------------
# Plain frozen dataclasses (cheap to build per request); pydantic reads their annotations to
# describe them in the OpenAPI document.

Offset = Annotated[int, Field(description="Offset in the input as sent, in Unicode code points.")]


@dataclass(frozen=True)
class Sentence:
    """A sentence of the input: ``text == input[start:end]``."""

    index: Annotated[int, Field(description="Position among the article's sentences after stripping.")]
    text: str
    start: Offset
    end: Offset
    score: float


@dataclass(frozen=True)
class RemovedSpan:
    """A span stripped before ranking: ``text == input[start:end]``."""

    text: str
    start: Offset
    end: Offset
    reason: RemovalReason
    similarity: float


@dataclass(frozen=True)
class Stats:
    characters: int
    lines: int
    sentences: int
    selected: int
    elapsed_ms: float


@dataclass(frozen=True)
class Summary:
    """The result of :func:`service.pipeline.summarize` and the body of a ``200`` summary."""

    summary: str
    sentences: tuple[Sentence, ...]
    headline: str | None
    removed: tuple[RemovedSpan, ...]
    language: str
    algorithm: Algorithm
    stats: Stats
    #: The article text extracted from an HTML page (offsets index it); ``None`` for text input.
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form (field for field what ``dataclasses.asdict`` gives, without its
        recursive deep copy, which costs more than the rest of the view)."""
        return {
            "summary": self.summary,
            "sentences": [dict(vars(sentence)) for sentence in self.sentences],
            "headline": self.headline,
            "removed": [dict(vars(span)) for span in self.removed],
            "language": self.language,
            "algorithm": self.algorithm,
            "stats": dict(vars(self.stats)),
            **({"text": self.text} if self.text is not None else {}),
        }
