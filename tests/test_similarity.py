"""The copy measure: the small-corpus path gives scikit-learn's TF-IDF cosine, value for value."""

from __future__ import annotations

import re

import numpy as np
import pytest

from service.dedup.similarity import MAX_SMALL_CORPUS, Similarity, SmallTfidf, char_wb_ngrams, cut_before_suffix, vectorizer
from service.text.normalise import matching_key

from .conftest import seed

HEADLINES = [
    "Alibaba menghadirkan pengiriman 5 hari ke AS untuk bersaing dengan Shein, Temu",
    "ALIBABA MENGHADIRKAN PENGIRIMAN 5 HARI KE AS UNTUK BERSAING DENGAN SHEIN, TEMU",
    "Alibaba menghadirkan pengiriman 5 hari ke AS untuk bersaing… | Kompas.com",
    "Dollar gains on Greenspan speech",
    "Dollar gains after Greenspan speech - Reuters",
    "UPDATE 1-Dollar gains on Greenspan speech",
    "a I  x  —  ‘quoted’ words, “more” — and İstanbul’s ß",
    "",
    "   ",
    "Real Madrid",
]


def sklearn_cosines(corpus: list[str], pairs: list[tuple[str, str]]) -> np.ndarray:
    """The definition: scikit-learn fitted on the corpus, unseen texts transformed."""
    keys = [matching_key(text) for text in corpus]
    model = vectorizer()
    model.fit(keys)
    left = model.transform([matching_key(a) for a, _ in pairs])
    right = model.transform([matching_key(b) for _, b in pairs])
    return np.asarray(left.multiply(right).sum(axis=1)).ravel()


@pytest.mark.parametrize("text", [*HEADLINES, "a", "ab", "abc abcd abcde", "x\ty\n z"])
def test_ngrams_are_scikit_learns(text: str) -> None:
    assert char_wb_ngrams(text) == vectorizer().build_analyzer()(text)


def test_small_path_equals_scikit_learn_on_headlines_and_seed_sentences() -> None:
    lines = [line for line in seed("000_alibaba_id_double_headline.txt").splitlines() if line.strip()]
    corpus = HEADLINES + lines[:20]
    unseen = ["Dolar menguat setelah pidato Greenspan", "Shein dan Temu bersaing", "zzz qqq"]
    pairs = [(a, b) for a in corpus + unseen for b in corpus[:12]]
    assert len(corpus) <= MAX_SMALL_CORPUS
    small = Similarity(corpus).cosines(pairs)
    expected = sklearn_cosines(corpus, pairs)
    np.testing.assert_allclose(small, expected, rtol=0, atol=1e-12)
    assert (small > 0.5).sum() > 10  # real copies among the pairs, not only zeros


def test_aligned_uses_the_same_values_either_way() -> None:
    pairs = [(HEADLINES[0], f"{HEADLINES[0]} | Kompas.com"), (HEADLINES[3], HEADLINES[4]), (HEADLINES[3], HEADLINES[5])]
    small = Similarity(HEADLINES).aligned_and_whole(pairs)
    large_corpus = HEADLINES + [f"filler line number {i}" for i in range(MAX_SMALL_CORPUS)]
    large = Similarity(large_corpus)  # scikit-learn's path
    assert large._small is None
    # Fitted on different corpora the idf differs, so compare each path with its own definition.
    for similarity, corpus in ((Similarity(HEADLINES), HEADLINES), (large, large_corpus)):
        whole = similarity.cosines(pairs)
        np.testing.assert_allclose(whole, sklearn_cosines(corpus, pairs), rtol=0, atol=1e-12)
    assert small[0][0] > 0.99 and small[0][2] > 0.99  # a suffixed and a prefixed copy align
    assert small[1][0] < 0.99  # an edited one does not


def test_empty_and_unseen_texts() -> None:
    model = SmallTfidf(["abc", ""])
    assert model.row(1) == {}
    assert model.transform("zzz") == {}
    values = Similarity(["abc", ""]).cosines([("", "abc"), ("zzz", "abc"), ("abc", "ABC")]).tolist()
    assert values == pytest.approx([0.0, 0.0, 1.0], abs=1e-12)


def test_headline_groups_are_scipys_connected_components() -> None:
    """The union-find that groups copies gives scipy's components, in order of first member."""
    from scipy.sparse.csgraph import connected_components

    from service.dedup.headlines import _groups

    generator = np.random.default_rng(7)
    for size in (1, 2, 5, 12, 19):
        for density in (0.0, 0.1, 0.3, 0.8):
            upper = np.triu(generator.random((size, size)) < density, 1)
            adjacent = upper | upper.T | np.eye(size, dtype=bool)
            _, labels = connected_components(adjacent, directed=False)
            expected: dict[int, list[int]] = {}
            for node, label in enumerate(labels.tolist()):
                expected.setdefault(label, []).append(node)
            assert _groups(adjacent) == sorted(expected.values())


def reference_cut_points(view: str, start: int, end: int) -> tuple[list[int], list[int]]:
    """The definition of cut points: every character of every token of the window tried in turn."""
    from itertools import islice

    from service.dedup import seams

    limit = min(end, start + seams.RUN_IN_WINDOW_CHARS)
    points: list[int] = []
    joins: list[int] = []
    after_separator = False
    for match in islice(re.finditer(r"\S+", view[:limit]), 0, None):
        if match.end() <= start:
            continue
        token_start, token_end = max(match.start(), start), match.end()
        if len(points) - len(joins) == seams.RUN_IN_WINDOW_WORDS:
            break
        inside = seams._capitals_joins(view, token_start, token_end) if after_separator else range(0)
        for position in range(token_start + 1, token_end):
            if position in inside or seams._is_join(view, position, token_end):
                points.append(position)
                joins.append(position)
        points.append(token_end)
        after_separator = token_end - token_start == 1 and view[token_start] in seams.SEPARATOR_MARKS
    return points, joins


@pytest.mark.parametrize("glued", [False, True])
def test_cut_points_are_every_join_of_the_window(glued: bool) -> None:
    from service.dedup.seams import cut_points

    texts = [seed(name) for name in ("000_alibaba_id_double_headline.txt", "001_en_headline_twice.txt", "003_id_suffix_caps.txt")]
    texts.append("Durex maker SSL awaits firm bid | APUK condom maker SSL said.X - AFPUS troops 'quoted'“ Rasa” cut2,000 jobs")
    for text in texts:
        view = text.replace("\n", "") if glued else text
        for start in [0, *range(1, len(view), 37)]:
            for end in (len(view), min(len(view), start + 90)):
                assert cut_points(view, start, end) == reference_cut_points(view, start, end), (start, end)


@pytest.mark.parametrize(
    ("key", "cut"),
    [
        ("telegraph newspapers axe... - reuters", "telegraph newspapers axe..."),
        ("harga beras naik… | kompas.com", "harga beras naik…"),
        # Not a suffix: a sentence after the ellipsis, or no separator.
        ("he paused... - then he said no.", "he paused... - then he said no."),
        ("telegraph newspapers axe... reuters", "telegraph newspapers axe... reuters"),
        ("telegraph newspapers axe 90 jobs - reuters", "telegraph newspapers axe 90 jobs - reuters"),
    ],
)
def test_a_cut_copy_is_read_before_its_suffix(key: str, cut: str) -> None:
    assert cut_before_suffix(key) == cut


def test_a_cut_and_suffixed_copy_aligns_with_its_headlines_start() -> None:
    headline, copy = "Telegraph newspapers axe 90 jobs", "Telegraph newspapers axe... - Reuters"
    similarity = Similarity([headline, copy])
    assert similarity.aligned([(headline, copy)])[0] > 0.99
    assert similarity.cosines([(headline, copy)])[0] < 0.8  # whole, the suffix and the cut tell them apart


def test_a_labelled_cut_copy_aligns_after_its_label_with_a_headline_only() -> None:
    from service.dedup.similarity import _aligned_ends

    cut, headline = "update 2-telegraph newspapers axe...", "telegraph newspapers axe 90 jobs"
    assert ("telegraph newspapers axe", "telegraph newspapers axe") in _aligned_ends(cut, headline)
    assert ("telegraph newspapers axe", "telegraph newspapers axe") in _aligned_ends(headline, cut)
    sentence = "telegraph newspapers axe 90 jobs, the union says."  # a sentence, not a headline
    assert ("telegraph newspapers axe", "telegraph newspapers axe") not in _aligned_ends(cut, sentence)


def test_copies_are_also_compared_without_a_known_publishers_suffix() -> None:
    from service.dedup.publishers import without_publisher
    from service.dedup.similarity import Similarity, _aligned_ends

    assert without_publisher("dollar gains after greenspan speech - reuters") == "dollar gains after greenspan speech"
    assert without_publisher("harga beras naik | kompas.com") == "harga beras naik"
    assert without_publisher("spurs beat arsenal - tottenham") == "spurs beat arsenal - tottenham"  # not a publisher
    a, b = "Dollar gains on Greenspan speech", "Dollar gains after Greenspan speech - Reuters"
    assert ("dollar gains on greenspan speech", "dollar gains after greenspan speech") in _aligned_ends(a.lower(), b.lower())
    aligned, whole = Similarity([a, b]).aligned_and_whole([(a, b)])
    assert whole[0] < 0.8 <= aligned[0]  # a run-in copy (RUN_IN_SIMILARITY) only without the suffix


@pytest.mark.parametrize(
    ("text", "position", "join"),
    [
        ("Spider-Man creator", 7, False),  # a compound: no line ends with a hyphen
        ("Turkey-Iran deal", 7, False),
        ("Whitehall shredding increasing -Civil servants", 32, True),  # a spaced dash may end a line
        ("jobsTelegraph", 4, True),
    ],
)
def test_a_capital_after_a_hyphen_joins_only_after_a_spaced_dash(text: str, position: int, join: bool) -> None:
    from service.dedup.seams import _is_join

    token_end = text.find(" ", position) if " " in text[position:] else len(text)
    assert _is_join(text, position, token_end) is join
