"""Plain, immutable data passed between the stages and returned by the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .rank import Algorithm
from .select import Budget


@dataclass(frozen=True)
class SummaryOptions:
    """Validated options of one summary (the API's ``schemas`` builds these from requests)."""

    algorithm: Algorithm = "lexrank"
    budget: Budget = field(default_factory=lambda: Budget("sentences", 3))
    language: str = "auto"
    title: str | None = None
    strip_headlines: bool = True
    #: ``None``: the configured default.
    dedup_threshold: float | None = None


@dataclass(frozen=True)
class Sentence:
    """A sentence of the input: ``text == input[start:end]``; ``index`` counts kept sentences."""

    index: int
    text: str
    start: int
    end: int
    score: float


@dataclass(frozen=True)
class RemovedSpan:
    """A span stripped before ranking: ``text == input[start:end]``."""

    text: str
    start: int
    end: int
    reason: Literal["headline", "duplicate"]
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
    """The result of :func:`service.pipeline.summarize`."""

    summary: str
    sentences: tuple[Sentence, ...]
    headline: str | None
    removed: tuple[RemovedSpan, ...]
    language: str
    algorithm: Algorithm
    stats: Stats
