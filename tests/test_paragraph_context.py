"""The linear paragraph revision gives jusText's classes, and trafilatura uses it.

jusText's own ``revise_paragraph_classification`` is the definition: both run on copies of the
same paragraph lists (random ones, with headings and with classes left from an earlier call, and
the lists of real pages), and every paragraph must end with the same class.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import justext.core
import pytest
import trafilatura.external
from hypothesis import given, settings
from hypothesis import strategies as st
from justext.utils import get_stoplist
from lxml.html import fromstring

from service.exceptions import EmptyText
from service.text import extract
from service.text.extract import extract_article
from service.text.paragraph_context import revise_paragraph_classification

FIXTURES = Path(__file__).parent / "fixtures"
CLASSES = ("good", "bad", "short", "neargood")


@dataclass
class FakeParagraph:
    """The attributes of a jusText paragraph that the revision reads and writes."""

    cf_class: str
    heading: bool
    text: str
    class_type: str = ""


def _classes(paragraphs: list[FakeParagraph]) -> list[str]:
    return [paragraph.class_type for paragraph in paragraphs]


def _both(paragraphs: list[FakeParagraph], distance: int) -> tuple[list[str], list[str]]:
    theirs, ours = copy.deepcopy(paragraphs), copy.deepcopy(paragraphs)
    justext.core.revise_paragraph_classification(theirs, distance)
    revise_paragraph_classification(ours, distance)
    return _classes(theirs), _classes(ours)


paragraph_lists = st.lists(
    st.builds(
        FakeParagraph,
        cf_class=st.sampled_from(CLASSES),
        heading=st.booleans(),
        text=st.text(alphabet="ab ", max_size=40),
        class_type=st.sampled_from(("", *CLASSES)),  # "" as jusText makes them; a class as a second call finds them
    ),
    max_size=40,
)


@settings(max_examples=600, deadline=None)
@given(paragraph_lists, st.sampled_from((0, 10, 30, 150, 200)))
def test_random_paragraph_lists_get_jusTexts_classes(paragraphs: list[FakeParagraph], distance: int) -> None:
    theirs, ours = _both(paragraphs, distance)
    assert ours == theirs


@pytest.mark.parametrize(
    "kinds",
    [
        "",
        "short",
        "neargood",
        "short short short",
        "good short short good",
        "bad short neargood short bad",
        "good neargood neargood bad neargood",
        "bad short bad neargood short short good",
        "neargood short bad",
    ],
)
def test_hand_made_sequences(kinds: str) -> None:
    paragraphs = [FakeParagraph(kind, heading=False, text="x") for kind in kinds.split()]
    theirs, ours = _both(paragraphs, 150)
    assert ours == theirs


def test_a_heading_before_a_good_paragraph_within_the_distance() -> None:
    """The heading passes, which trafilatura turns off (``no_headings``), still agree: a short
    heading stays short on the first pass (the paragraphs after it hold no class yet), and a
    heading made bad by its context is good again when a good paragraph follows close enough."""
    near = [
        FakeParagraph("short", True, "Title"),
        FakeParagraph("short", False, "a" * 20),
        FakeParagraph("good", False, "body"),
        FakeParagraph("short", True, "Far title"),
        FakeParagraph("bad", False, "b" * 300),
        FakeParagraph("good", False, "body"),
    ]
    theirs, ours = _both(near, 150)
    assert ours == theirs
    again = copy.deepcopy(near)  # a second call: the first pass now sees the first call's classes
    justext.core.revise_paragraph_classification(again, 150)
    theirs, ours = _both(again, 150)
    assert ours == theirs


def _justext_paragraphs(page: str) -> list[Any]:
    """A page's paragraphs, classified out of context as trafilatura's fallback classifies them."""
    paragraphs = justext.core.ParagraphMaker.make_paragraphs(fromstring(page))
    stoplist = frozenset(get_stoplist("English")) | frozenset(get_stoplist("Indonesian"))
    justext.core.classify_paragraphs(paragraphs, stoplist, 50, 150, 0.1, 0.2, 0.25, True)
    return paragraphs


@pytest.mark.parametrize("name", sorted(path.name for path in FIXTURES.glob("*.html")))
def test_real_pages_get_jusTexts_classes(name: str) -> None:
    paragraphs = _justext_paragraphs((FIXTURES / name).read_text(encoding="utf-8"))
    assert len(paragraphs) > 3
    theirs, ours = copy.deepcopy(paragraphs), copy.deepcopy(paragraphs)
    justext.core.revise_paragraph_classification(theirs, 150)
    revise_paragraph_classification(ours, 150)
    assert [p.class_type for p in ours] == [p.class_type for p in theirs]


def test_trafilatura_falls_back_on_the_linear_revision() -> None:
    assert extract is not None  # importing the extractor is what puts the revision in place
    assert trafilatura.external.revise_paragraph_classification is revise_paragraph_classification  # type: ignore[attr-defined]


def test_a_page_of_thousands_of_short_blocks_never_walks_its_neighbours(monkeypatch: pytest.MonkeyPatch) -> None:
    """The page that made the fallback quadratic: each short block's neighbours were found by a
    walk across the page. Extraction now takes no walk at all (jusText's walker is never called)."""
    walks: list[int] = []
    original = justext.core._get_neighbour

    def counting(*args: object) -> str:
        walks.append(1)
        return original(*args)  # type: ignore[no-any-return]

    monkeypatch.setattr(justext.core, "_get_neighbour", counting)
    page = "<html><body>" + "<div><div>Kalimat pendek.</div></div>" * 2_000
    with pytest.raises(EmptyText):
        extract_article(page)
    assert walks == []
