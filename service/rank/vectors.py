"""Term vectors of sentences: counts and TF-IDF, dense for small documents, CSR otherwise.

Computed once per document: LexRank links sentences by the cosine of these vectors, and
selection uses the same vectors to skip near-duplicates and for MMR.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from .graph import DENSE_MAX_CELLS, DENSE_MAX_NODES, Vectors


def term_counts(terms: Sequence[Sequence[str]]) -> Vectors:
    """Sentence × term count matrix (float64) of pre-analysed sentences.

    Built directly (a vocabulary dict and the index arrays): the same matrix as scikit-learn's
    CountVectorizer without its per-call validation cost. A small document (the usual news
    article) gets a dense numpy array: every later step (TF-IDF, the similarity products,
    PageRank's solve, MMR) is then plain numpy, without scipy.sparse's fixed cost per
    operation; a large one gets a CSR matrix, so memory stays proportional to the words.
    """
    vocabulary: dict[str, int] = {}
    indices: list[int] = []
    indptr = [0]
    for sentence in terms:
        indices.extend(vocabulary.setdefault(term, len(vocabulary)) for term in sentence)
        indptr.append(len(indices))
    rows, width = len(terms), len(vocabulary)
    if rows <= DENSE_MAX_NODES and rows * width <= DENSE_MAX_CELLS:
        cells = np.repeat(np.arange(rows) * width, np.diff(indptr)) + np.asarray(indices, dtype=np.intp)
        return np.bincount(cells, minlength=rows * width).reshape(rows, width).astype(np.float64)
    matrix = sp.csr_matrix(
        (np.ones(len(indices)), np.asarray(indices, dtype=np.int32), np.asarray(indptr, dtype=np.int32)),
        shape=(rows, width),
    )
    matrix.sum_duplicates()
    return matrix


def scale_rows_and_columns(matrix: sp.csr_matrix, column_weights: np.ndarray | None = None) -> sp.csr_matrix:
    """Multiply each column by its weight, then scale every non-zero row to unit length.

    Works on the CSR arrays directly (no sparse products), so its cost is a few numpy calls.
    """
    data = matrix.data.copy()
    if column_weights is not None:
        data *= column_weights[matrix.indices]
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    norms = np.sqrt(np.bincount(rows, weights=data * data, minlength=matrix.shape[0]))
    data /= norms[rows]  # a row with data has a positive norm
    return sp.csr_matrix((data, matrix.indices, matrix.indptr), shape=matrix.shape)


def tfidf_vectors(terms: Sequence[Sequence[str]]) -> Vectors:
    """L2-normalised TF-IDF rows, IDF computed over the document's own sentences (dense when small)."""
    return tfidf_from_counts(term_counts(terms))


def tfidf_from_counts(counts: Vectors) -> Vectors:
    """:func:`tfidf_vectors` from the document's :func:`term_counts` (TextRank uses the counts too)."""
    n = counts.shape[0]
    if isinstance(counts, np.ndarray):
        idf = np.log((1.0 + n) / (1.0 + np.count_nonzero(counts, axis=0))) + 1.0
        weighted = counts * idf
        norms = np.sqrt(np.square(weighted).sum(axis=1, keepdims=True))
        return np.divide(weighted, norms, out=weighted, where=norms > 0)  # a row without terms stays zero
    document_frequency = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log((1.0 + n) / (1.0 + document_frequency)) + 1.0
    return scale_rows_and_columns(counts, idf)
