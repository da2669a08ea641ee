"""Which of two equal scores comes first: the earlier sentence, "equal" allowing for rounding.

Every ranking in the service (and sumy's, as the evaluation runs it) breaks ties in favour of the
earlier sentence. Scores that are equal in exact arithmetic do not always come out equal: graph
scores of sentences in symmetric places of the graph come out of LAPACK and BLAS a few ulps
apart, and which one comes out ahead depends on the CPU's kernels. Comparing with a tolerance
keeps the rule, so the same article gets the same summary on every machine.
"""

from __future__ import annotations

import math

import numpy as np

#: Values within this fraction of the best one count as equal to it. Rounding noise is ~1e-15
#: relative; real differences between ranked sentences are many orders larger.
TIE_TOLERANCE = 1e-9


def tie_floor(best: float) -> float:
    """The lowest value that ties with the finite value ``best``: equal within ``TIE_TOLERANCE``."""
    return best - abs(best) * TIE_TOLERANCE


def first_best(values: np.ndarray) -> int:
    """Index of the earliest value equal to the largest within ``TIE_TOLERANCE`` (``-inf`` is never a tie)."""
    index = int(np.argmax(values))
    best = float(values[index])
    if not math.isfinite(best):
        return index
    return int(np.flatnonzero(values >= tie_floor(best))[0])


def best_indices(scores: np.ndarray, count: int) -> list[int]:
    """The ``count`` best-scored indices, best first, equal scores (``first_best``) earliest first."""
    values = np.array(scores, dtype=np.float64)
    picked: list[int] = []
    for _ in range(min(count, len(values))):
        index = first_best(values)
        picked.append(index)
        values[index] = -np.inf
    return picked
