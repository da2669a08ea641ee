"""Pure helpers of the performance benchmark: deterministic documents from real articles, the
log-log growth fit, and machine facts. No timing here, so that tests can run them on tiny input.
"""

from __future__ import annotations

import json
import math
import os
import platform
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from service.text.normalise import matching_key, processing_view
from service.text.segment import split_lines, split_sentences

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@dataclass(frozen=True)
class Document:
    """A benchmark document: ``text`` (one paragraph per line) and its sentences, in order."""

    text: str
    sentences: tuple[str, ...]


def read_rows(path: Path) -> Iterator[dict[str, Any]]:
    """Each row of a JSON-lines file, in file order."""
    with path.open(encoding="utf-8") as rows:
        for row in rows:
            if row.strip():
                yield json.loads(row)


def read_articles(path: Path) -> Iterator[str]:
    """The ``text`` field of each row of a JSON-lines file, in file order."""
    for row in read_rows(path):
        yield row["text"]


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
    """CPU model, cores, Python/numpy/scipy/scikit-learn versions, BLAS and OPENBLAS_* settings."""
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import scipy
    import sklearn

    info = {
        "CPU": cpu,
        "cores (os.cpu_count)": str(os.cpu_count()),
        "memory": _memory_total(),
        "OS": f"{platform.system()} {platform.release()}",
        "Python": sys.version.split()[0],
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "scikit-learn": sklearn.__version__,
        "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE", "not set"),
        "OPENBLAS_L2_SIZE": os.environ.get("OPENBLAS_L2_SIZE", "not set"),
        "BLAS threads env (OPENBLAS/OMP/MKL_NUM_THREADS)": "/".join(
            os.environ.get(name, "unset") for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
        ),
    }
    try:
        from threadpoolctl import threadpool_info

        blas = [
            f"{p.get('internal_api')} {p.get('version')} ({p.get('architecture')}, {p.get('num_threads')} threads)"
            for p in threadpool_info()
        ]
        info["BLAS (threadpoolctl)"] = "; ".join(blas) or "none loaded"
    except Exception as exc:  # threadpoolctl is optional
        info["BLAS (threadpoolctl)"] = f"unavailable ({exc.__class__.__name__})"
    info["Ringkas revision"] = _revision()
    try:
        import sumy

        info["sumy"] = getattr(sumy, "__version__", "installed")
    except ImportError:
        info["sumy"] = "not installed"
    return info


def _memory_total() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def _revision() -> str:
    """``git describe`` of the work tree, with the number of uncommitted changes under service/."""
    import subprocess

    root = Path(__file__).resolve().parents[1]
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True, check=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "service"], cwd=root, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git work tree)"
    changed = len(dirty.stdout.splitlines())
    return head.stdout.strip() + (f" + {changed} uncommitted change(s) under service/" if changed else "")
