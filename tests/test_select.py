import numpy as np
import pytest
import scipy.sparse as sp

from service.models import Budget
from service.select import select_sentences

SCORES = np.array([0.1, 0.4, 0.2, 0.25, 0.05])
WORDS = [10, 30, 12, 8, 5]
VECTORS = sp.csr_matrix(np.eye(5))


@pytest.mark.parametrize(
    ("budget", "expected"),
    [
        (Budget("sentences", 1), [1]),
        (Budget("sentences", 3), [1, 2, 3]),
        (Budget("sentences", 99), [0, 1, 2, 3, 4]),
        (Budget("ratio", 0.4), [1, 3]),
        (Budget("ratio", 0.01), [1]),
        (Budget("ratio", 1.0), [0, 1, 2, 3, 4]),
        (Budget("words", 38), [1, 3]),
        (Budget("words", 20), [2, 3]),  # the best sentence (30 words) does not fit: skip it
        (Budget("words", 1), [1]),  # nothing fits: the best sentence alone
    ],
)
def test_budgets_in_document_order(budget: Budget, expected: list[int]) -> None:
    assert select_sentences(SCORES, WORDS, VECTORS, budget) == expected


def test_near_duplicates_are_skipped() -> None:
    vectors = sp.csr_matrix(np.array([[1, 0], [1, 0.01], [0, 1]], dtype=float))
    vectors = sp.csr_matrix(vectors.multiply(1 / np.sqrt(vectors.multiply(vectors).sum(axis=1))))
    chosen = select_sentences(np.array([0.5, 0.4, 0.1]), [5, 5, 5], vectors, Budget("sentences", 2))
    assert chosen == [0, 2]


def test_ties_prefer_earlier_sentences() -> None:
    assert select_sentences(np.array([0.2, 0.2, 0.2]), [1, 1, 1], sp.csr_matrix(np.eye(3)), Budget("sentences", 2)) == [0, 1]
