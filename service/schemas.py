"""Request and response models: the single source for validation and for the OpenAPI description.

The web layer feeds these with JSON fields, query parameters or form fields (all the same names)
and gets back the core's :class:`~service.models.SummaryOptions`, or an
:class:`~service.exceptions.InvalidOptions` listing every bad field.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .exceptions import FieldError, InvalidOptions
from .models import SummaryOptions
from .select import Budget

#: Bounds on the options, so that no option can make a request expensive or absurd.
MAX_SENTENCES = 1000
MAX_WORDS = 100_000
MAX_TITLE_CHARS = 1000
MAX_LANGUAGE_CHARS = 64


class Options(BaseModel):
    """Summary options; at most one of ``sentences``, ``ratio`` and ``words``."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    algorithm: Literal["lexrank", "textrank"] = Field("lexrank", description="Ranking algorithm.")
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

    @field_validator("sentences", "ratio", "words", "dedup_threshold", mode="before")
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
        )


class SummarizeRequest(Options):
    """``POST /v1/summarize`` with a JSON body."""

    text: str = Field(..., description="The article, as plain text; one paragraph per line is best.")


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
    algorithm: Literal["lexrank", "textrank"]
    stats: StatsOut


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
