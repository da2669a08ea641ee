"""Pure helpers of the performance benchmark: deterministic documents from real articles, the
log-log growth fit, and machine facts. No timing here, so that tests can run them on tiny input.
"""

from __future__ import annotations

import math
import os
import platform
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from service.text.normalise import matching_key, processing_view
from service.text.segment import split_lines, split_sentences


@dataclass(frozen=True)
class Document:
    """A benchmark document: ``text`` (one paragraph per line) and its sentences, in order."""

    text: str
    sentences: tuple[str, ...]


def glue(text: str) -> tuple[str, list[int]]:
    """``text`` without CR and LF, as ``curl -d @file`` sends it, and the positions dropped (sorted)."""
    dropped = [i for i, char in enumerate(text) if char in "\r\n"]
    return text.replace("\r", "").replace("\n", ""), dropped


def segments(text: str, language: str) -> list[tuple[int, int]]:
    """The sentence spans of ``text`` exactly as the service finds them (line by line)."""
    view = processing_view(text)
    return [sentence for line in split_lines(view) for sentence in split_sentences(view, line, language)]


def build_document(
    articles: Iterable[str],
    *,
    language: str,
    sentences: int | None = None,
    max_chars: int | None = None,
) -> Document:
    """Concatenate articles, paragraph by paragraph, until ``sentences`` sentences or ``max_chars``
    characters (whichever comes first; at least one bound is required).

    Deterministic: articles in the given order, sentences as the service's own splitter finds
    them. A paragraph that repeats an earlier one (same matching key) is skipped, because the
    pipeline would drop it as a duplicate line; the last paragraph is cut at a sentence
    boundary so that the count is exact.

    Raises:
        ValueError: no bound given, or the articles run out before the requested sentence count.
    """
    if sentences is None and max_chars is None:
        raise ValueError("Give sentences, max_chars or both.")
    want = sentences if sentences is not None else math.inf
    limit = max_chars if max_chars is not None else math.inf
    paragraphs: list[str] = []
    chosen: list[str] = []
    seen: set[str] = set()
    size = 0
    for article in articles:
        view = processing_view(article)
        for line in split_lines(view):
            key = matching_key(view[line[0] : line[1]])
            if key in seen:
                continue
            spans = split_sentences(view, line, language)
            taken = spans[: int(min(len(spans), want - len(chosen)))]
            # Cut further while the paragraph would overflow the character budget.
            while taken and size + (1 if paragraphs else 0) + (taken[-1][1] - line[0]) > limit:
                taken.pop()
            if not taken:
                if size + 1 >= limit or len(chosen) >= want:
                    return Document("\n".join(paragraphs), tuple(chosen))
                continue
            seen.add(key)
            paragraph = article[line[0] : taken[-1][1]]
            size += len(paragraph) + (1 if paragraphs else 0)
            paragraphs.append(paragraph)
            chosen.extend(article[a:b] for a, b in taken)
            if len(chosen) >= want:
                return Document("\n".join(paragraphs), tuple(chosen))
            if len(taken) < len(spans):  # the character budget cut this paragraph: full
                return Document("\n".join(paragraphs), tuple(chosen))
    if sentences is not None and len(chosen) < sentences:
        raise ValueError(f"The articles hold only {len(chosen)} sentences; {sentences} were asked for.")
    return Document("\n".join(paragraphs), tuple(chosen))


def fit_exponent(sizes: Sequence[float], times: Sequence[float]) -> tuple[float, float]:
    """Least-squares fit of ``time = c * size**k`` in log-log space; returns ``(k, c)``."""
    if len(sizes) != len(times) or len(sizes) < 2:
        raise ValueError("Need at least two (size, time) points of equal count.")
    slope, intercept = np.polyfit(np.log(np.asarray(sizes, float)), np.log(np.asarray(times, float)), 1)
    return float(slope), float(math.exp(intercept))


def extrapolate(fit: tuple[float, float], size: float) -> float:
    """``c * size**k`` for a fit from :func:`fit_exponent`."""
    exponent, coefficient = fit
    return coefficient * size**exponent


def median(values: Sequence[float]) -> float:
    return float(np.median(np.asarray(values, float)))


def machine_info() -> dict[str, str]:
    """CPU model, cores, Python and numpy versions, BLAS threads, and the revision measured."""
    import subprocess

    from bench._harness import ROOT

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown")
    try:
        revision = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True,
                                  text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        revision = "unknown (not a git work tree)"
    return {
        "CPU": f"{cpu}, {os.cpu_count()} cores (shared with other work: see the load average)",
        "Python, numpy": f"{sys.version.split()[0]}, {np.__version__}",
        "BLAS threads (OPENBLAS/OMP/MKL_NUM_THREADS)": "/".join(
            os.environ.get(name, "unset") for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")),
        "Ringkas revision": revision,
    }
