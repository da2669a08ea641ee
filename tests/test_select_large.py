"""Selections of many sentences (``ratio=1`` on a long text): the plain greedy loop's picks, without
comparing every pick with every sentence.

The documents are wire digests: the seed articles' sentences, each introduced by a place of its
own ("In Kalobe, dockworkers at …"), so that sentences share terms the way news sentences do,
and the copies of one seed sentence are near-duplicates of each other (cosine ≥ 0.8) when the
sentence is long.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import scipy.sparse as sp

from service.models import Budget, SummaryOptions
from service.pipeline import Resources, analyse, rank_analysis
from service.select import NEAR_DUPLICATE, select_sentences, summary_worthy
from service.text.segment import split_lines, split_sentences
from service.ties import first_best

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SYLLABLES = ["ka", "lo", "ra", "be", "nu", "ti", "sa", "we", "mo", "da", "pi", "ren", "gu", "ha", "ve", "zo"]


def _places() -> Iterator[str]:
    """Made-up place names, each once: ``Kakaka``, ``Kakalo``, … (4,096 of three syllables, then of four)."""
    for syllables in itertools.chain(itertools.product(SYLLABLES, repeat=3), itertools.product(SYLLABLES, repeat=4)):
        yield "".join(syllables).capitalize()


def _digest(count: int) -> str:
    """``count`` sentences of the English seed articles' bodies, each in a place of its own, five to a paragraph."""
    seed: list[str] = []
    for name, headlines in (("001_en_headline_twice.txt", 2), ("002_en_no_headline.txt", 0)):
        view = (SEEDS / name).read_text(encoding="utf-8")
        seed += [view[a:b] for line in split_lines(view)[headlines:] for a, b in split_sentences(view, line, "en")]
    places = _places()
    made = [f"In {next(places)}, {s[0].lower()}{s[1:]}" for s, _ in zip(itertools.cycle(seed), range(count))]
    return "\n".join(" ".join(made[i : i + 5]) for i in range(0, count, 5))


_ANALYSED: dict[tuple[int, str], dict[str, Any]] = {}


def _inputs(resources: Resources, count: int, algorithm: str) -> dict[str, Any]:
    """The arguments the pipeline gives ``select_sentences`` for a digest of ``count`` sentences
    (a fresh ``eligible`` array each time: tests change it)."""
    if (count, algorithm) not in _ANALYSED:
        options = SummaryOptions.parse({"algorithm": algorithm, "ratio": 1})
        analysis = analyse(_digest(count), options, resources)
        ranking = rank_analysis(analysis, options, resources)
        word_counts = [len(tokens) for tokens in analysis.tokens]
        budget = options.budget(3)
        eligible = summary_worthy(analysis.view, analysis.lines, analysis.spans, budget, word_counts)
        assert isinstance(ranking.vectors, sp.csr_matrix) and len(analysis.spans) == count
        _ANALYSED[count, algorithm] = {
            "scores": ranking.scores,
            "word_counts": word_counts,
            "vectors": ranking.vectors,
            "mmr": options.selection_mmr,
            "eligible": eligible,
        }
    inputs = dict(_ANALYSED[count, algorithm])
    inputs["eligible"] = inputs["eligible"].copy()
    return inputs


def _plain(
    scores: np.ndarray,
    word_counts: list[int],
    vectors: sp.csr_matrix,
    budget: Budget,
    *,
    mmr: float = 1.0,
    eligible: np.ndarray | None = None,
) -> list[int]:
    """The selection as the docstring of ``select_sentences`` states it, straightforwardly: before
    each pick every sentence is valued again, and each pick is compared with every sentence."""
    n = len(scores)
    spread = float(scores.max() - scores.min())
    relevance = (scores - scores.min()) / spread if spread > 0 else np.ones(n)
    closest = np.zeros(n)
    available = np.ones(n, dtype=bool) if eligible is None else eligible.copy()
    lengths = np.asarray(word_counts)
    words_left = budget.value if budget.kind == "words" else math.inf
    chosen: list[int] = []
    while len(chosen) < budget.sentence_limit(n):
        value = scores.copy() if mmr >= 1.0 else mmr * relevance - (1.0 - mmr) * closest
        value[~available | (closest >= NEAR_DUPLICATE) | (lengths > words_left)] = -np.inf
        index = first_best(value)
        if value[index] == -np.inf:
            break
        chosen.append(index)
        available[index] = False
        words_left -= word_counts[index]
        closest = np.maximum(closest, vectors @ vectors[index].toarray().ravel())
    if not chosen and available.any():
        chosen = [first_best(np.where(available, scores, -np.inf))]
    return sorted(chosen)


@pytest.fixture
def similarities_computed(monkeypatch: pytest.MonkeyPatch) -> Callable[[], list[int]]:
    """Starts counting the sentence similarities that scipy's products of CSR matrices compute
    (by wrapping the real ``csr_matrix.__matmul__``): one count per product, its values."""
    counted: list[int] = []
    real = sp.csr_matrix.__matmul__

    def counting(self: sp.csr_matrix, other: Any) -> Any:
        product = real(self, other)
        counted.append(product.nnz if sp.issparse(product) else np.asarray(product).size)
        return product

    def start() -> list[int]:
        monkeypatch.setattr(sp.csr_matrix, "__matmul__", counting)
        return counted

    return start


def _pairs_sharing_a_term(vectors: sp.csr_matrix) -> int:
    """Ordered pairs of sentences (a sentence with itself too) that share at least one term."""
    return int((vectors @ vectors.T).nnz)


@pytest.mark.parametrize("algorithm", ["learned", "lexrank"])  # MMR: off (λ 1) and on (λ 0.7)
def test_a_summary_of_every_sentence_compares_only_sentences_sharing_a_term(
    resources: Resources, similarities_computed: Callable[[], list[int]], algorithm: str
) -> None:
    """``ratio=1`` on 1,500 sentences: 1,010 picks, the rest near-duplicates of picks. The plain
    loop compared each pick with every sentence (1,010 × 1,500 = 1,515,000 similarities; on the
    1 MiB benchmark document, 8,528 picks, 3.4 s of a 5.5 s request). A pick changes only the
    sentences sharing a term with it, and only those similarities are computed: fewer than the
    590,000 pairs of sentences sharing a term."""
    inputs = _inputs(resources, 1_500, algorithm)
    pairs = _pairs_sharing_a_term(inputs["vectors"])
    counted = similarities_computed()
    chosen = select_sentences(**inputs, budget=Budget("ratio", 1.0))
    assert len(chosen) == 1_010
    assert counted and sum(counted) <= pairs < len(chosen) * 1_500


@pytest.mark.parametrize("mmr", [1.0, 0.7])
def test_equal_scores_over_unrelated_sentences_are_picked_in_document_order_pick_by_pick(
    resources: Resources, similarities_computed: Callable[[], list[int]], mmr: float
) -> None:
    """2,000 sentences of made-up names, all scored alike (a client can send such a text; LexRank
    without a position prior scores it flat): every value ties, and ties go to the earlier
    sentence. Hardly any two sentences share a term (a few names stem alike: 2,030 pairs, with
    themselves), and each pick is compared with those sharing a term with it, and a few likely
    picks ahead (the plain loop: with all 2,000, 4,000,000 similarities)."""
    names = list(itertools.islice(_places(), 6_000))
    text = "\n".join(f"{' '.join(names[i : i + 3])}." for i in range(0, 6_000, 3))
    options = SummaryOptions.parse({"algorithm": "lexrank", "ratio": 1, "language": "en"})
    analysis = analyse(text, options, resources)
    vectors = rank_analysis(analysis, options, resources).vectors
    assert isinstance(vectors, sp.csr_matrix) and vectors.shape[0] == 2_000
    pairs = _pairs_sharing_a_term(vectors)
    counted = similarities_computed()
    chosen = select_sentences(np.full(2_000, 0.5), [3] * 2_000, vectors, Budget("ratio", 1.0), mmr=mmr)
    assert chosen == list(range(2_000))
    assert counted and sum(counted) <= 2 * pairs < 5_000


@pytest.mark.parametrize("algorithm", ["learned", "lexrank"])
def test_sentences_without_index_terms_are_not_all_valued_again_for_each_pick(
    monkeypatch: pytest.MonkeyPatch, run: Callable[..., Any], algorithm: str
) -> None:
    """A text of stop words alone ("It was there for them.", 1,902 sentences as the splitter cuts
    it): no sentence has an index term, so none is like another, and ``ratio=1`` takes them all.
    The plain loop valued every sentence again before each pick and handed all of the values to
    ``ties.first_best`` (1,902 × 1,902 = 3,617,604; at 4,773 such sentences, 0.4-0.7 s of
    selection). A pick changes no value here, and the picks are read off blocks of values instead
    (counted by wrapping the real ``first_best``)."""
    from service import select, ties

    words = ["it", "was", "is", "the", "a", "of", "to", "in", "for", "on", "with", "as", "at", "by", "from", "that"]
    words += ["this", "there", "then", "them", "they", "we", "you", "he", "she"]
    rng = random.Random(0)
    sentences: set[str] = set()
    while len(sentences) < 2_000:
        sentences.add(" ".join(rng.choice(words) for _ in range(rng.randint(4, 9))).capitalize() + ".")
    valued: list[int] = []
    real = ties.first_best

    def counting(values: np.ndarray) -> int:
        valued.append(len(values))
        return real(values)

    monkeypatch.setattr(select, "first_best", counting)
    result = run(" ".join(sorted(sentences)), algorithm=algorithm, ratio=1, language="en")
    assert result.stats.sentences == result.stats.selected == 1_902
    assert sum(valued) <= result.stats.sentences


def _coarse(scores: np.ndarray) -> np.ndarray:
    """Scores in 20 steps, a few ulps apart within a step: ties everywhere (``ties.TIE_TOLERANCE``)."""
    steps = np.round(scores / scores.max() * 20) / 20
    coarse: np.ndarray = np.where(np.arange(len(scores)) % 3 == 0, np.nextafter(steps, np.inf), steps)
    return coarse


@pytest.mark.parametrize(
    "budget",
    [Budget("ratio", 1.0), Budget("ratio", 0.5), Budget("sentences", 250), Budget("words", 5_000)],
    ids=["ratio 1", "ratio 0.5", "250 sentences", "5,000 words"],
)
@pytest.mark.parametrize(
    ("algorithm", "mmr", "scores"),
    [
        ("learned", None, None),
        ("lexrank", None, None),
        ("lexrank", 0.3, None),
        ("learned", None, _coarse),
        ("lexrank", None, _coarse),
    ],
    ids=["learned", "lexrank", "lexrank mmr 0.3", "learned ties", "lexrank ties"],
)
def test_a_large_selection_makes_the_plain_loops_picks(
    resources: Resources,
    similarities_computed: Callable[[], list[int]],
    budget: Budget,
    algorithm: str,
    mmr: float | None,
    scores: Callable[[np.ndarray], np.ndarray] | None,
) -> None:
    """700 sentences: the same picks as the straightforward loop (near-duplicates skipped, MMR,
    ties, sentences too long for the words left), while computing fewer similarities than there are
    pairs of sentences sharing a term (the plain loop computes picks × 700 of them)."""
    inputs = _inputs(resources, 700, algorithm)
    if mmr is not None:
        inputs["mmr"] = mmr
    if scores is not None:
        inputs["scores"] = scores(inputs["scores"])
    inputs["eligible"][::50] = False  # sentences that must not be picked, as summary_worthy's
    expected = _plain(**inputs, budget=budget)
    pairs = _pairs_sharing_a_term(inputs["vectors"])
    counted = similarities_computed()
    assert select_sentences(**inputs, budget=budget) == expected
    assert counted and sum(counted) <= pairs


@pytest.mark.parametrize("mmr", [1.0, 0.7])
def test_sentences_all_sharing_a_word_are_selected_by_the_plain_loop(
    resources: Resources, similarities_computed: Callable[[], list[int]], mmr: float
) -> None:
    """1,000 sentences that all name the rupiah (and two made-up places each): every pair shares a
    term, so comparing a pick only with the sentences sharing a term with it compares it with every
    sentence anyway, each comparison dearer (1.4-2.7× slower on 9,990 such sentences:
    ``select.MAX_SHARING_PAIRS``). The plain loop's picks come from one product of all sentences
    per pick, after one product of a sample of sentences that finds most pairs sharing a term."""
    names = list(itertools.islice(_places(), 2_000))
    text = "\n".join(f"Rupiah {names[i]} {names[i + 1]}." for i in range(0, 2_000, 2))
    options = SummaryOptions.parse({"algorithm": "lexrank", "ratio": 1, "language": "en"})
    analysis = analyse(text, options, resources)
    ranking = rank_analysis(analysis, options, resources)
    vectors = ranking.vectors
    assert isinstance(vectors, sp.csr_matrix) and vectors.shape[0] == 1_000
    expected = _plain(ranking.scores, [3] * 1_000, vectors, Budget("ratio", 1.0), mmr=mmr)
    counted = similarities_computed()
    chosen = select_sentences(ranking.scores, [3] * 1_000, vectors, Budget("ratio", 1.0), mmr=mmr)
    assert chosen == expected and len(chosen) == 1_000
    assert len(counted) == 1 + len(chosen) and set(counted[1:]) == {1_000}
