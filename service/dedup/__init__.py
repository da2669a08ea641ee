"""Headline deduplication, one module per job.

- ``similarity``: the one copy measure (character n-gram TF-IDF cosine, aligned ends);
- ``headlines``: headline copies inside one article (whole lines, run-ins, the client's title);
- ``runin``: copies glued to each other or to a sentence when line breaks were lost, found
  character by character;
- ``repeats``: repeated body lines;
- ``types``: the removed spans they report.
"""

from .headlines import find_duplicates
from .types import DedupResult, Removal

__all__ = ["DedupResult", "Removal", "find_duplicates"]
