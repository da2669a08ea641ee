"""Plain, immutable data passed between the stages and returned by the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from .rank import Algorithm, LexRankWeights
from .select import Budget

#: MMR λ per algorithm when the client gives none (see ``SummaryOptions.selection_mmr``).
DEFAULT_MMR: dict[str, float] = {"learned": 1.0, "lexrank": 0.7, "textrank": 0.7}


@dataclass(frozen=True)
class SummaryOptions:
    """Validated options of one summary (the API's ``schemas`` builds these from requests)."""

    algorithm: Algorithm = "learned"
    budget: Budget = field(default_factory=lambda: Budget("sentences", 3))
    language: str = "auto"
    title: str | None = None
    strip_headlines: bool = True
    #: ``None``: the configured default.
    dedup_threshold: float | None = None
    #: Exponent α of the position prior ``p_i ∝ (i + 1)^-α`` that personalises the random walk
    #: (0: plain, position-blind ranking). 1 by default: docs/EVALUATION.md.
    position_prior: float = 1.0
    #: LexRank edge weights: the cosine similarity itself, or 1 above the 0.1 threshold.
    lexrank_weights: LexRankWeights = "continuous"
    #: Share β of the random jumps that go to sentences like the headline (``title``, or the
    #: detected headline): biased LexRank with the headline as the query. 0 by default.
    headline_bias: float = 0.0
    #: Maximal Marginal Relevance trade-off λ in (0, 1]; 1 selects by score alone. ``None``: the
    #: algorithm's own default, ``DEFAULT_MMR`` (EVALUATION.md).
    mmr: float | None = None

    @property
    def selection_mmr(self) -> float:
        """The λ used: the option, else 0.7 for the graph rankers (it raised every ROUGE measure
        on both dev sets) and 1 for ``learned`` (its cross-validated selection; the model
        already weighs redundancy-prone features, and MMR lowered its CV scores)."""
        return self.mmr if self.mmr is not None else DEFAULT_MMR[self.algorithm]


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

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form of the response (field for field what ``dataclasses.asdict``
        gives, without its recursive deep copy, which costs more than the rest of the view)."""
        return {
            "summary": self.summary,
            "sentences": [dict(vars(sentence)) for sentence in self.sentences],
            "headline": self.headline,
            "removed": [dict(vars(span)) for span in self.removed],
            "language": self.language,
            "algorithm": self.algorithm,
            "stats": dict(vars(self.stats)),
        }
