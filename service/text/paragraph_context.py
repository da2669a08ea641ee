"""jusText's context-sensitive paragraph classification, in linear time.

trafilatura falls back on jusText when its own extraction looks unclean or short, and jusText's
``revise_paragraph_classification`` finds each short or near-good paragraph's neighbours by
walking the list from it, one paragraph at a time: on a page of thousands of short blocks
(``<div><p>x</p></div>`` repeated) every walk crosses the whole page, so the revision is
quadratic and took ~5 of the ~6.6 s such a page at the 10,000-element limit costs. The upstream
fix (miso-belica/jusText pull request 52) is not released.

:func:`revise_paragraph_classification` gives every paragraph the class jusText's gives, in the
same passes, with each neighbour looked up in a table built by one sweep instead of a walk.
jusText's passes read the classes as they stand at that moment, quirks included, and so does
this one (tests/test_paragraph_context.py compares the two on random paragraph lists):

* the first "good headings" pass copies each paragraph's context-free class as it goes, so
  the paragraphs after a heading still carry the class they had before the call;
* the "neargood" pass settles paragraphs in order, so a near-good paragraph's previous
  neighbour is already settled and its next one is not.

Paragraphs are jusText's (``cf_class``, ``class_type``, ``heading``, ``text``); nothing here
imports jusText. :mod:`service.text.extract` puts this function in trafilatura's place.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate
from typing import Protocol

#: The classes that end a search for a short paragraph's neighbour.
_GOOD_OR_BAD = frozenset({"good", "bad"})
#: The same, when near-good paragraphs count as neighbours too.
_GOOD_BAD_OR_NEARGOOD = frozenset({"good", "bad", "neargood"})
#: jusText's default (trafilatura passes 150).
MAX_HEADING_DISTANCE_DEFAULT = 200


class Paragraph(Protocol):
    """What the revision reads and writes of a jusText paragraph."""

    cf_class: str
    class_type: str
    heading: bool

    @property
    def text(self) -> str: ...


def revise_paragraph_classification(
    paragraphs: Sequence[Paragraph], max_heading_distance: int = MAX_HEADING_DISTANCE_DEFAULT
) -> None:
    """Set each paragraph's ``class_type`` from its ``cf_class`` and its neighbours', as jusText's
    function of the same name does (the same result), in time linear in the paragraphs."""
    count = len(paragraphs)
    classes = [paragraph.cf_class for paragraph in paragraphs]
    distance = _Distances(paragraphs)

    # Good headings: the paragraphs after each one still hold the class they had before the call.
    before = _next_of(_first_class([paragraph.class_type for paragraph in paragraphs], {"good"}, reverse=True))
    for i, paragraph in enumerate(paragraphs):
        if paragraph.heading and classes[i] == "short" and distance.within(i, before[i], max_heading_distance):
            classes[i] = "neargood"

    # Short paragraphs, all judged on the classes as they stand before any of them changes.
    previous = _first_class(classes, _GOOD_OR_BAD, reverse=False)
    following = _first_class(classes, _GOOD_OR_BAD, reverse=True)
    previous_any = _first_class(classes, _GOOD_BAD_OR_NEARGOOD, reverse=False)
    following_any = _first_class(classes, _GOOD_BAD_OR_NEARGOOD, reverse=True)
    revised = list(classes)
    for i in range(count):
        if classes[i] != "short":
            continue
        before_i, after_i = _class_at(classes, previous[i]), _class_at(classes, following[i + 1])
        if before_i == after_i:
            revised[i] = before_i
        elif (before_i == "bad" and _class_at(classes, previous_any[i]) == "neargood") or (
            after_i == "bad" and _class_at(classes, following_any[i + 1]) == "neargood"
        ):
            revised[i] = "good"
        else:
            revised[i] = "bad"
    classes = revised

    # Near-good paragraphs, settled in order: the one before is settled, the ones after are not.
    following = _first_class(classes, _GOOD_OR_BAD, reverse=True)
    settled = "bad"  # the class of the nearest good or bad paragraph before, "bad" before the first
    for i in range(count):
        if classes[i] == "neargood":
            classes[i] = "bad" if settled == "bad" and _class_at(classes, following[i + 1]) == "bad" else "good"
        if classes[i] in _GOOD_OR_BAD:
            settled = classes[i]

    # More good headings: a bad heading that was not bad out of context, before a good paragraph.
    good_after = _next_of(_first_class(classes, {"good"}, reverse=True))
    for i, paragraph in enumerate(paragraphs):
        bad_in_context = paragraph.heading and classes[i] == "bad" and paragraph.cf_class != "bad"
        if bad_in_context and distance.within(i, good_after[i], max_heading_distance):
            classes[i] = "good"

    for paragraph, kind in zip(paragraphs, classes, strict=True):
        paragraph.class_type = kind


def _first_class(classes: Sequence[str], wanted: set[str] | frozenset[str], *, reverse: bool) -> list[int]:
    """For each place, the index of the nearest paragraph whose class is ``wanted``: looking back
    from place ``i`` (``i`` excluded) when not ``reverse``, else looking on from place ``i`` (``i``
    included; place ``len(classes)`` is past the end). -1 where there is none."""
    count = len(classes)
    found = [-1] * (count + 1)
    if reverse:
        for i in range(count - 1, -1, -1):
            found[i] = i if classes[i] in wanted else found[i + 1]
    else:
        for i in range(count):
            found[i + 1] = i if classes[i] in wanted else found[i]
    return found


def _next_of(found_from: list[int]) -> list[int]:
    """From a ``reverse`` :func:`_first_class` table, the one for looking on from *after* each place."""
    return found_from[1:]


def _class_at(classes: Sequence[str], index: int) -> str:
    """The class at ``index``, or ``"bad"`` when there is no such paragraph (jusText's answer)."""
    return classes[index] if index >= 0 else "bad"


class _Distances:
    """Characters between two paragraphs (the text of those strictly between them), from prefix
    sums made on first use: only headings ask, and trafilatura turns headings off."""

    def __init__(self, paragraphs: Sequence[Paragraph]) -> None:
        self._paragraphs = paragraphs
        self._sums: list[int] | None = None

    def within(self, start: int, end: int, limit: int) -> bool:
        """Whether paragraph ``end`` exists (not -1) and jusText's walk from ``start`` reaches it:
        the text strictly between the two is at most ``limit`` characters."""
        if end < 0:
            return False
        if self._sums is None:
            self._sums = [0, *accumulate(len(paragraph.text) for paragraph in self._paragraphs)]
        return self._sums[end] - self._sums[start + 1] <= limit
