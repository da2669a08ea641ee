"""Headline deduplication, one module per job.

- ``similarity``: the one copy measure (character n-gram TF-IDF cosine, aligned ends);
- ``headlines``: headline copies inside one article (whole lines, run-ins, the client's title);
- ``runin``: copies glued to each other or to a sentence when line breaks were lost, found
  character by character, at the cut points ``seams`` finds, with markup and labels read by
  ``markup``, a copy's end by ``copy_extent``, copies cut short or edited by ``copy_edits``, and
  a headline at the top and the end by ``bookends``;
- ``lone_title``: a headline that was not repeated, glued to the first sentence (its line break restored);
  ``spaced_title``: the same with a space between them, on a text flattened to one line;
- ``repeats``: repeated body lines;
- ``boilerplate``: datelines, related links, widgets, captions, credits and author tags
  (the patterns themselves, as data: ``boilerplate_patterns``);
- ``types``: the removed spans they report;
- ``headline_keys``, ``headline_match``, ``headline_groups``, ``headline_check``: copies of one
  headline across articles (normal forms and anchors, verification, batch groups, remembered
  streams), on the same similarity;
- ``store``: where remembered headlines live (SQLite or Redis).
"""

from .boilerplate import dateline_at, find_boilerplate
from .headlines import find_duplicates
from .lone_title import glued_title_end
from .spaced_title import spaced_title_end
from .types import DedupResult, Removal

__all__ = [
    "DedupResult",
    "Removal",
    "dateline_at",
    "find_boilerplate",
    "find_duplicates",
    "glued_title_end",
    "spaced_title_end",
]
