import numpy as np
import pytest
import scipy.sparse as sp

from service.models import Budget
from service.select import select_sentences, summary_worthy
from service.text.language import LanguageData
from service.text.segment import split_lines, split_sentences

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
    # Above the bar (the pair's cosine is ~0.99995), the second sentence is kept.
    loose = select_sentences(np.array([0.5, 0.4, 0.1]), [5, 5, 5], vectors, Budget("sentences", 2), near_duplicate=1.0)
    assert loose == [0, 1]


def test_ties_prefer_earlier_sentences() -> None:
    assert select_sentences(np.array([0.2, 0.2, 0.2]), [1, 1, 1], sp.csr_matrix(np.eye(3)), Budget("sentences", 2)) == [0, 1]
    # Equal in exact arithmetic, a few ulps apart after rounding: still a tie.
    third = 1.0 / 3.0
    scores = np.array([0.05, third, np.nextafter(third, 1.0), np.nextafter(np.nextafter(third, 1.0), 1.0), 0.1])
    assert select_sentences(scores, [1] * 5, sp.csr_matrix(np.eye(5)), Budget("sentences", 2)) == [1, 2]


def _unit_rows(rows: list[list[float]]) -> sp.csr_matrix:
    matrix = np.asarray(rows, dtype=float)
    return sp.csr_matrix(matrix / np.linalg.norm(matrix, axis=1, keepdims=True))


# Sentences 0 and 1 overlap (cosine 0.75, below the near-duplicate bar); 2 and 3 stand apart.
MMR_VECTORS = _unit_rows([[1, 0, 0, 0], [0.75, 0.66, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]])
MMR_SCORES = np.array([0.5, 0.45, 0.4, 0.1])  # relevance 1, 0.875, 0.75, 0


@pytest.mark.parametrize(
    ("mmr", "expected"),
    [
        (1.0, [0, 1]),  # by score alone: the two similar sentences
        # After 0: sentence 1 is worth 0.7·0.875 − 0.3·0.75 = 0.39, sentence 2 is worth 0.7·0.75 = 0.53.
        (0.7, [0, 2]),
    ],
)
def test_mmr_trades_score_for_diversity(mmr: float, expected: list[int]) -> None:
    assert select_sentences(MMR_SCORES, [5, 5, 5, 5], MMR_VECTORS, Budget("sentences", 2), mmr=mmr) == expected


def test_ineligible_sentences_are_never_chosen() -> None:
    eligible = np.array([False, True, True, True, True])
    assert select_sentences(SCORES, WORDS, VECTORS, Budget("sentences", 2), eligible=eligible) == [1, 3]
    nothing = np.zeros(5, dtype=bool)
    assert select_sentences(SCORES, WORDS, VECTORS, Budget("sentences", 2), eligible=nothing) == []


@pytest.mark.parametrize(
    ("text", "budget", "worthy"),
    [
        # A headline above the body and a kicker below it frame the body: passed over.
        ("Port strike halts exports\nWorkers walked out on Monday. Talks failed.\nMore on this story", 2, [0, 1, 1, 0]),
        # A sub-heading inside the body stays eligible.
        ("Workers walked out on Monday.\nWhat happens next\nTalks resume on Friday.", 2, [1, 1, 1]),
        # Too few other sentences for the budget: everything is eligible again.
        ("Port strike halts exports\nWorkers walked out on Monday.", 2, [1, 1]),
    ],
)
def test_summary_worthy_passes_over_framing_headlines(text: str, budget: int, worthy: list[int]) -> None:
    assert _worthy(text, budget) == worthy


def _worthy(text: str, budget: int, language: str = "en") -> list[int]:
    lines = split_lines(text)
    spans = [sentence for line in lines for sentence in split_sentences(text, line, language)]
    tokens = LanguageData(language, frozenset()).tokens
    words = [len(tokens(text[a:b])) for a, b in spans]
    return summary_worthy(text, lines, spans, Budget("sentences", budget), words).astype(int).tolist()


#: A Daily Mail article on one line: a photo caption (no stop) runs into the next sentence.
GLUED_CAPTION = (
    "A spring snowstorm caught Colorado drivers by surprise on Friday, causing a 39-vehicle pileup near Boulder. "
    "No serious injuries were reported, but tow-truck drivers were kept busy hauling away damaged cars. "
    "Emergency personnel and tow truck drivers work to clear the scene of a multi-vehicle pileup on U.S. Highway 36 "
    "between Boulder and Denver on Friday morning after the heavy overnight snow (Photo: Helen H. Richardson) "
    "A storm brought up to 11 inches of snow on Thursday and Friday to parts of the Colorado mountains and foothills, "
    "and more is expected over the weekend. "
    "In the mountains, Interstate 70 was closed for a time after several trucks spun out on snowy Vail Pass."
)


def test_a_unit_too_long_for_one_sentence_is_passed_over() -> None:
    """The caption and the sentence it ran into make one unit of 63 words: longer than 99.9% of
    reference summary sentences, it is passed over; with too few other sentences it is eligible."""
    assert _worthy(GLUED_CAPTION, 3) == [1, 1, 0, 1]
    assert _worthy(GLUED_CAPTION, 4) == [1, 1, 1, 1]


def test_a_long_sentence_of_a_script_without_spaces_stays_eligible() -> None:
    """A Chinese sentence is a token per character: 70 characters is an ordinary sentence."""
    sentence = (
        "国家统计局今天发布的数据显示今年第三季度国内生产总值同比增长百分之四点八"
        "增速比上一季度有所放缓但仍然高于市场此前的普遍预期。"
    )
    text = "经济增长放缓。" + sentence + "专家表示明年经济有望回暖。"
    assert len(sentence) > 60
    assert _worthy(text, 2, "zh") == [1, 1, 1]
