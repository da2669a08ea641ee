"""Ringkas: extractive news summaries with repeated syndication headlines stripped.

Use it as a web service (``create_app``, served by ``wsgi.py``) or as a library::

    from service import Summarizer
    summarizer = Summarizer()            # loads language resources once (about a second)
    result = summarizer(article_text, sentences=5)
    print(result.summary, result.headline)
"""

from __future__ import annotations

from .config import Config
from .models import Summary, SummaryOptions
from .pipeline import summarize
from .summarizer import Summarizer
from .web import create_app

__all__ = ["Config", "Summarizer", "Summary", "SummaryOptions", "create_app", "summarize"]
