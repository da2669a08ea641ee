"""Ties go to the earlier sentence, also when rounding has made equal scores differ by a few ulps."""

import numpy as np

from service.ties import best_indices, first_best


def test_ties_survive_rounding_noise() -> None:
    """Scores equal in exact arithmetic but a few ulps apart (as LAPACK returns a graph's
    symmetric nodes, differently on different CPUs) still go to the earlier sentence."""
    third = 1.0 / 3.0
    scores = np.array([0.05, third, np.nextafter(third, 1.0), np.nextafter(np.nextafter(third, 1.0), 1.0), 0.1])
    assert scores[3] > scores[2] > scores[1]  # a plain argmax would pick 3, then 2
    assert best_indices(scores, 3) == [1, 2, 3]
    negative = np.array([-1.0, -third, -np.nextafter(third, 0.0), -0.9])  # MMR values can be negative
    assert negative[2] > negative[1] and best_indices(negative, 2) == [1, 2]


def test_real_differences_are_not_ties() -> None:
    scores = np.array([0.30, 0.30 * (1 + 1e-6), 0.1])
    assert first_best(scores) == 1
    assert best_indices(scores, 5) == [1, 0, 2]
    assert first_best(np.array([-np.inf, -np.inf])) == 0  # nothing left: the caller checks for -inf
