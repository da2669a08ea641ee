"""Headline deduplication: copies inside one article (and, later, across articles)."""

from .headlines import MAX_HEADLINE_WORDS, DedupResult, Removal, find_duplicates, is_headline_like, is_open

__all__ = ["MAX_HEADLINE_WORDS", "DedupResult", "Removal", "find_duplicates", "is_headline_like", "is_open"]
