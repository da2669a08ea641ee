"""sumy's LexRank and TextRank run on *our* sentences and words: the reference for agreement
tests, quality evaluation and speed benchmarks. The only module that imports sumy's summarisers
(the service reads only sumy's stop-word lists, in ``text/stopwords.py``).

sumy normally splits and tokenises with NLTK's punkt, whose data must be downloaded; here every
sentence is handed over already split and tokenised. Each sumy ``Sentence`` gets its *index* as
text and a tokenizer that looks the words up, so that two sentences with the same text stay
distinct (sumy keys ratings by sentence text, which would merge duplicates).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal

import numpy as np

from ..ties import best_indices

# sumy's summarisers pull in NLTK (tens of MB per worker): they are imported only when a
# reference ranking is asked for.

SumyAlgorithm = Literal["lexrank", "textrank"]


class _LookupTokenizer:
    """A sumy tokenizer whose "sentences" are indices into pre-tokenised word lists."""

    def __init__(self, words: Sequence[Sequence[str]]) -> None:
        self._words = words

    def to_words(self, text: str) -> list[str]:
        return list(self._words[int(text)])


def _document(words: Sequence[Sequence[str]]) -> Any:
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    tokenizer = _LookupTokenizer(words)
    sentences = [Sentence(str(i), tokenizer) for i in range(len(words))]
    return ObjectDocumentModel([Paragraph(sentences)])


def sumy_scores(
    algorithm: SumyAlgorithm,
    words: Sequence[Sequence[str]],
    *,
    stemmer: Callable[[str], str] | None = None,
    stop_words: Iterable[str] = (),
) -> np.ndarray:
    """sumy's score of each sentence, in order.

    Args:
        algorithm: ``"lexrank"`` or ``"textrank"``.
        words: the words of each sentence. Pass our index terms (already stemmed, stop words
            out) with no stemmer to compare algorithms on identical input; pass raw words with
            sumy's stemmer and stop words to run sumy "as a user would".
        stemmer: word -> stem; none by default.
        stop_words: words sumy drops before ranking.
    """
    if not words:
        return np.zeros(0)
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    document = _document(words)
    if algorithm == "lexrank":
        lexrank = LexRankSummarizer(stemmer) if stemmer else LexRankSummarizer()
        lexrank.stop_words = stop_words
        # The steps of LexRankSummarizer.__call__, keeping the scores in sentence order.
        sentence_words = [lexrank._to_words_set(s) for s in document.sentences]
        tf = lexrank._compute_tf(sentence_words)
        idf = lexrank._compute_idf(sentence_words)
        matrix = lexrank._create_matrix(sentence_words, lexrank.threshold, tf, idf)
        return np.asarray(lexrank.power_method(matrix, lexrank.epsilon), dtype=np.float64)
    if algorithm == "textrank":
        textrank = TextRankSummarizer(stemmer) if stemmer else TextRankSummarizer()
        textrank.stop_words = stop_words
        matrix = textrank._create_matrix(document)
        return np.asarray(textrank.power_method(matrix, textrank.epsilon), dtype=np.float64)
    raise ValueError(f"Unknown algorithm {algorithm!r}.")


def sumy_top(algorithm: SumyAlgorithm, words: Sequence[Sequence[str]], count: int, **kwargs: object) -> list[int]:
    """Indices of sumy's ``count`` best sentences, in document order (ties: earlier first, as
    sumy's stable sort; equal within ``ties.TIE_TOLERANCE``, so that rounding does not decide)."""
    return sorted(best_indices(sumy_scores(algorithm, words, **kwargs), count))  # type: ignore[arg-type]
