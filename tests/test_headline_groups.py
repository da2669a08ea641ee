"""Cross-article headline grouping: every kind of copy is found, series and edits of meaning are not."""

from __future__ import annotations

import random
import tracemalloc

import pytest

from service.dedup import headline_groups, headline_match, similarity
from service.dedup.headline_groups import MAX_POSTINGS_READ, Headline, group_headlines
from service.dedup.headline_keys import headline_key, numbers_agree
from service.dedup.headline_match import verify, within_budget
from service.dedup.similarity import Similarity

ORIGINAL = "Freddie Mac Said to Plan Risk-Sharing Bonds After Debt Soars"


def groups(*texts: str) -> list[int]:
    return [r.group for r in group_headlines([Headline(f"h{i}", t) for i, t in enumerate(texts)])]


def link(original: str, copy: str) -> tuple[int, str | None]:
    """(number of groups, reason of the copy's link) for a pair."""
    results = group_headlines([Headline("a", original), Headline("b", copy)])
    return 1 + max(r.group for r in results), results[1].reason


@pytest.mark.parametrize(
    ("copy", "reason"),
    [
        (ORIGINAL, "exact"),
        (ORIGINAL.upper(), "normalised"),
        (ORIGINAL.lower(), "normalised"),
        ("Freddie\u00a0Mac  Said to Plan \u201cRisk-Sharing\u201d Bonds After Debt Soars", "near-duplicate"),
        (ORIGINAL + " - Reuters", "affix"),
        (ORIGINAL + " | Kompas.com", "affix"),
        (ORIGINAL + " \u2014 Yahoo News", "affix"),
        ("UPDATE 2-" + ORIGINAL, "affix"),
        ("BREAKING: " + ORIGINAL, "affix"),
        ("[UPDATED] " + ORIGINAL, "affix"),
        ("(LEAD) " + ORIGINAL, "affix"),
        ("Freddie Mac Said to Plan Risk-Sharing Bonds\u2026", "truncated"),
        ("Freddie Mac Said to Plan Risk-Sharing Bo...", "truncated"),
        ("Freddie Mac Said to Plan Risk-Sharing... - Reuters", "truncated"),
        ("Freddie Mac Said to Plan Risk-Sharing Bonds After Debt Jumps", "near-duplicate"),
    ],
)
def test_every_kind_of_copy_joins_its_original(copy: str, reason: str) -> None:
    assert link(ORIGINAL, copy) == (1, reason)


@pytest.mark.parametrize(
    ("original", "updated"),
    [
        # STS-B headline pairs scored 4.8 and 5.0 of 5, below the character n-gram threshold.
        ("Gunmen kill nine foreigners in Pakistan", "Gunmen kill nine tourists in Pakistan"),
        ("Two killed in Bahrain car explosion", "Two killed in Bahrain car blast"),
        ("Nobel author Doris Lessing dies at 94", "Nobel laureate Doris Lessing dies at 94"),
    ],
)
def test_an_updated_headline_with_one_lower_case_word_changed_is_a_copy(original: str, updated: str) -> None:
    assert link(original, updated) == (1, "near-duplicate")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # One word apart, but the word is a name: a series, not a copy (STS-B scores 1.4 and 1.8).
        ("Indonesian president to visit UK", "Indonesian president to visit Australia"),
        ("Ankara protesters clash with police", "Peru protesters clash with police"),
        ("Foreign exchange rates in India", "Foreign exchange rates in Singapore"),
        # Too short for the rest to name the story.
        ("Stocks rise in Asia", "Stocks fall in Asia"),
    ],
)
def test_headlines_one_name_or_one_word_of_four_apart_stay_apart(a: str, b: str) -> None:
    assert link(a, b)[0] == 2


def test_html_entities_are_decoded() -> None:
    assert link("S&P 500 ends at record as tech rallies", "S&amp;P 500 ends at record as tech rallies") == (1, "normalised")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Swiss stocks - Factors to watch on May 20", "Swiss stocks - Factors to watch on July 14"),
        ("12 killed in Syria car bomb attack", "10 killed in Syria car bomb attack"),
        ("PRESS DIGEST- Hong Kong - March 17", "PRESS DIGEST - Hong Kong - June 25"),
        (
            "Katie Holmes - Katie Holmes in awe of 'spectacular' daughter",
            "Katie Holmes - Katie Holmes Goes Topless For Glamour Magazine Shoot",
        ),
        ("US STOCKS-Futures point to lower open with indexes at records", "US STOCKS-Futures point to lower open after…"),
        ("Obama visits Kenya", "Merkel visits Greece"),
    ],
)
def test_different_headlines_stay_apart(a: str, b: str) -> None:
    assert link(a, b)[0] == 2


def test_a_truncated_copy_cannot_chain_a_series_together() -> None:
    assert groups(
        "Swiss stocks - Factors to watch on May 20",
        "Swiss stocks - Factors to watch on…",
        "Swiss stocks - Factors to watch on July 14",
    ) == [0, 0, 1]


def test_results_are_in_request_order_and_point_at_the_groups_first_headline() -> None:
    results = group_headlines([
        Headline("x", "Tories plan migrant health checks"),
        Headline("y", "Markets tumble as oil prices slide"),
        Headline("z", "TORIES PLAN MIGRANT HEALTH CHECKS - BBC News"),
        Headline("w", "Tories plan migrant health…"),
    ])
    assert [r.id for r in results] == ["x", "y", "z", "w"]
    assert [r.group for r in results] == [0, 1, 0, 0]
    assert [r.duplicate_of for r in results] == [None, None, "x", "x"]
    assert results[0].reason is None and results[0].similarity is None


def test_numbers_must_agree_but_a_cut_copy_may_have_lost_them() -> None:
    whole = headline_key("Fed's Yellen says rates stay low until 2016")
    assert numbers_agree(headline_key("Fed's Yellen says rates stay low…"), whole)
    assert not numbers_agree(headline_key("Fed's Yellen says rates stay low until 2015"), whole)


def test_a_common_word_pair_does_not_hide_a_copy_among_many_headlines() -> None:
    rng = random.Random(3)
    words = ["markets", "oil", "gold", "bank", "shares", "profit", "talks", "deal", "vote", "court", "storm", "rally"]
    crowd = [f"{rng.choice(words)} {rng.choice(words)} to watch {i} {rng.choice(words)}" for i in range(3 * MAX_POSTINGS_READ)]
    texts = ["Stocks to watch as Apple unveils iPhone", *crowd, "UPDATE 1-Stocks to watch as Apple unveils iPhone"]
    result = groups(*texts)
    assert result[0] == result[-1]
    assert len(set(result)) == len(crowd) + 1


def test_a_cut_copy_that_starts_two_headlines_joins_neither() -> None:
    assert groups(
        "Everything You Need To Know About The Cannes 2014 Winners",
        "Everything You Need To Know About The End Of Net Neutrality",
        "Everything You Need To Know About The...",
    ) == [0, 1, 2]


def test_a_short_topic_label_is_not_taken_for_an_outlet() -> None:
    headline = "Andrew Garfield - Andrew Garfield's fatherly fears"
    assert headline_key(headline).core == "andrew garfield's fatherly fears"
    assert link(headline, headline + " — AP") == (1, "affix")


@pytest.mark.parametrize(
    ("original", "copy", "reason"),
    [
        ("北京宣布新的公共交通计划", "北京宣布新的公共交通计划 - 新华网", "affix"),
        ("北京宣布新的公共交通计划", "北京宣布新的公共交通…", "truncated"),
        ("東京都、新しい交通計画を発表", "東京都、新しい交通計画を発表 | 毎日新聞", "affix"),
        ("東京都、新しい交通計画を発表", "東京都、新しい交通…", "truncated"),
        ("القاهرة تعلن خطة جديدة للنقل العام", "القاهرة تعلن خطة جديدة…", "truncated"),
    ],
)
def test_copies_in_chinese_and_japanese_are_read_a_character_a_word(original: str, copy: str, reason: str) -> None:
    # As one run of word characters, a Chinese headline's outlet suffix had as many words as the
    # headline (so it was kept), and a cut copy shared no word with its original.
    assert link(original, copy) == (1, reason)
    assert groups(original, copy, "上海股市周一大幅下跌", "北京宣布新的地铁票价") == [0, 0, 1, 2]


def test_a_word_changed_in_a_script_without_case_may_be_a_name_and_is_no_update() -> None:
    # "Seoul announces new public transport plan" / "… new housing plan": a Hangul word cannot show
    # that it is not a name, so the pair stays apart (as "Ankara …" / "Peru …" do).
    assert groups("서울시, 새 대중교통 계획 발표", "서울시, 새 주택 계획 발표") == [0, 1]


def look_alikes(count: int, seed: int = 0) -> list[str]:
    """Headlines of a few words in every order: each shares most word pairs with most others."""
    rng = random.Random(seed)
    words = ["the", "of", "and", "to", "in", "market", "oil", "price", "rises", "falls", "after", "talks", "deal",
             "government", "plan", "new"]
    return [" ".join(rng.choice(words) for _ in range(12)) for _ in range(count)]


def test_within_budget_keeps_short_lists_whole_and_cuts_the_long_ones_to_one_length() -> None:
    found = [list(range(3)), list(range(10)), list(range(50)), list(range(100))]
    assert [len(kept) for kept in within_budget(found, 60)] == [3, 10, 23, 23]
    assert within_budget(found, 1_000) == found
    assert within_budget(found, 60)[3] == list(range(23))  # the best first: a list's head is kept


def test_look_alike_headlines_verify_at_most_the_budgets_of_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    candidates: list[int] = []
    vectorised: list[int] = []

    def counting_verify(pairs, threshold, owners=None):  # the real verification, its pairs counted
        candidates.append(len(pairs))
        return verify(pairs, threshold, owners)

    def counting_aligned(self, pairs):  # the real comparison: keys and cores of each vectorised pair
        vectorised.append(len(pairs) // 2)
        return aligned_and_whole(self, pairs)

    aligned_and_whole = Similarity.aligned_and_whole
    monkeypatch.setattr(headline_groups, "verify", counting_verify)
    monkeypatch.setattr(Similarity, "aligned_and_whole", counting_aligned)
    monkeypatch.setattr(headline_match, "MAX_VECTORISED_PAIRS", 1_000)
    texts = look_alikes(400)
    results = group_headlines([Headline(str(i), text) for i, text in enumerate(texts)])
    # Every candidate pair (~20,000 here) was verified, and vectorised, before.
    assert sum(candidates) <= headline_groups.PAIRS_PER_HEADLINE * 400 and sum(vectorised) <= 1_000
    assert [r.id for r in results] == [str(i) for i in range(400)]
    assert all(r.duplicate_of is None or int(r.duplicate_of) < int(r.id) for r in results)


def test_look_alike_headlines_are_grouped_in_bounded_memory() -> None:
    # 600 of them were ~50,000 candidate pairs, all vectorised at once (now 18 MB traced).
    tracemalloc.start()
    try:
        group_headlines([Headline(str(i), text) for i, text in enumerate(look_alikes(600, seed=1))])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 60 * 2**20  # the old code: 156 MB traced here (and twice that resident)


def test_similarities_compared_in_chunks_are_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [*look_alikes(120, seed=2), ORIGINAL, ORIGINAL + " - Reuters", ORIGINAL[:30] + "…"]
    pairs = [(texts[i], texts[j]) for i in range(len(texts)) for j in range(i)]
    whole = Similarity(texts).aligned_and_whole(pairs)
    monkeypatch.setattr(similarity, "PAIRS_PER_CHUNK", 97)
    chunked = Similarity(texts).aligned_and_whole(pairs)
    assert all((a == b).all() for a, b in zip(whole, chunked, strict=True))
