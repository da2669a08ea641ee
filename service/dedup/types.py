"""The data dedup's stages pass around: spans of the processing view and what was removed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..models import Span

Reason = Literal["headline", "duplicate", "boilerplate"]


@dataclass(frozen=True)
class Removal:
    """A span taken out of the text, and why."""

    start: int
    end: int
    reason: Reason
    similarity: float


@dataclass(frozen=True)
class DedupResult:
    """What deduplication removed, and the headline it detected (a span of the input)."""

    removed: tuple[Removal, ...]
    headline: Span | None
