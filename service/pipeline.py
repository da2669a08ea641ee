"""The one place that knows the order of the stages: normalise → lines → dedup → sentences → rank → select."""

from __future__ import annotations

import re
import time
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .config import Config
from .dedup import DedupResult, Removal, find_duplicates
from .exceptions import EmptyText, PayloadTooLarge
from .models import RemovedSpan, Sentence, Stats, Summary, SummaryOptions
from .rank import rank_sentences
from .rank.graph import position_prior
from .rank.learned import LearnedScorer, load_scorer
from .rank.lexrank import tfidf_vectors
from .select import select_sentences
from .text.language import LanguageRegistry
from .text.normalise import processing_view
from .text.segment import Span, split_lines, split_sentences
from .text.shape import MAX_HEADLINE_WORDS, is_open

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Resources:
    """Everything built once per process and shared read-only by all summaries."""

    config: Config
    languages: LanguageRegistry
    #: The ``learned`` algorithm's model; :func:`load_scorer` refuses a missing or outdated file.
    scorer: LearnedScorer

    @classmethod
    def build(cls, config: Config) -> Resources:
        """Load everything; raises ``ScorerFileError`` if the learned scorer's file is unusable."""
        scorer = load_scorer()
        languages = LanguageRegistry(
            detection_chars=config.language_detection_chars,
            min_probability=config.language_detection_min_probability,
            fallback=config.fallback_language,
        )
        return cls(config=config, languages=languages, scorer=scorer)


@dataclass(frozen=True)
class Analysis:
    """A text made ready for ranking: its sentences (spans of ``view``), words, terms and vectors."""

    view: str
    language: str
    lines: list[Span]
    spans: list[Span]
    tokens: list[list[str]]
    terms: list[list[str]]
    vectors: sp.csr_matrix
    dedup: DedupResult
    #: The client's title, else the detected headline, else ``None``.
    headline_text: str | None


def summarize(text: str, options: SummaryOptions, resources: Resources) -> Summary:
    """Summarise ``text``.

    Args:
        text: the article as sent (offsets in the result index into this string).
        options: validated options.
        resources: per-process language resources and configuration.

    Returns:
        The summary; every sentence and removed span satisfies ``text[start:end] == item.text``.

    Raises:
        PayloadTooLarge: the text is longer than ``config.max_text_chars`` or has more than
            ``config.max_sentences`` sentences.
        EmptyText: no words to summarise.
        UnsupportedLanguage: ``options.language`` is not known.
    """
    began = time.perf_counter()
    analysis = analyse(text, options, resources)
    view, lines, spans, dedup = analysis.view, analysis.lines, analysis.spans, analysis.dedup
    scores = sentence_scores(analysis, options, resources)
    word_counts = [len(sentence) for sentence in analysis.tokens]
    chosen = select_sentences(
        scores,
        word_counts,
        analysis.vectors,
        options.budget,
        mmr=options.selection_mmr,
        eligible=_summary_worthy(view, lines, spans, options),
    )

    sentences = tuple(
        Sentence(index=i, text=text[start:end], start=start, end=end, score=round(float(scores[i]), 6))
        for i in chosen
        for start, end in [spans[i]]
    )
    removed = tuple(
        RemovedSpan(text=text[r.start : r.end], start=r.start, end=r.end, reason=r.reason, similarity=r.similarity)
        for r in dedup.removed
    )
    headline = text[dedup.headline[0] : dedup.headline[1]] if dedup.headline else None
    stats = Stats(
        characters=len(text),
        lines=len(lines),
        sentences=len(spans),
        selected=len(sentences),
        elapsed_ms=round((time.perf_counter() - began) * 1000, 3),
    )
    return Summary(
        summary=" ".join(sentence.text for sentence in sentences),
        sentences=sentences,
        headline=headline,
        removed=removed,
        language=analysis.language,
        algorithm=options.algorithm,
        stats=stats,
    )


def analyse(text: str, options: SummaryOptions, resources: Resources) -> Analysis:
    """Normalise, split, strip headlines and duplicates, tokenise: everything before ranking.

    Raises: as :func:`summarize`.
    """
    config = resources.config
    if len(text) > config.max_text_chars:
        raise PayloadTooLarge(f"The text has {len(text):,} characters; the limit is {config.max_text_chars:,}.")
    view = processing_view(text)
    if not _WORD.search(view):
        raise EmptyText("The text is empty: send an article with at least one word.")
    language = resources.languages.resolve(options.language) or resources.languages.detect(view)
    lines = split_lines(view)

    def sentences_of(span: Span) -> list[Span]:
        return split_sentences(view, span, language)

    threshold = options.dedup_threshold if options.dedup_threshold is not None else config.dedup_threshold
    dedup = find_duplicates(
        view, lines, sentences_of, threshold=threshold, title=options.title, strip_headlines=options.strip_headlines
    )
    spans = [piece for line in lines for sentence in sentences_of(line) for piece in _subtract(view, sentence, dedup.removed)]
    if len(spans) > config.max_sentences:
        raise PayloadTooLarge(
            f"The text has {len(spans):,} sentences; the limit is {config.max_sentences:,}: send a shorter text."
        )
    data = resources.languages.data(language)
    tokens = [data.tokens(view[start:end]) for start, end in spans]
    terms = data.document_terms(tokens)
    headline_text = options.title or (view[dedup.headline[0] : dedup.headline[1]] if dedup.headline else None)
    return Analysis(
        view=view,
        language=language,
        lines=lines,
        spans=spans,
        tokens=tokens,
        terms=terms,
        vectors=tfidf_vectors(terms),
        dedup=dedup,
        headline_text=headline_text,
    )


def sentence_scores(analysis: Analysis, options: SummaryOptions, resources: Resources) -> np.ndarray:
    """One score per sentence of ``analysis`` by ``options.algorithm`` (higher is better)."""
    data = resources.languages.data(analysis.language)
    headline_terms = data.terms(analysis.headline_text) if analysis.headline_text else None
    if options.algorithm == "learned":
        texts = [analysis.view[start:end] for start, end in analysis.spans]
        return resources.scorer.rank(texts, analysis.tokens, analysis.terms, analysis.vectors, headline_terms)
    bias_terms = headline_terms if options.headline_bias > 0 else None
    teleport = _teleport(len(analysis.terms), options, bias_terms, analysis.terms)
    return rank_sentences(
        options.algorithm, analysis.terms, analysis.vectors, teleport=teleport, lexrank_weights=options.lexrank_weights
    )


def _summary_worthy(view: str, lines: Sequence[Span], spans: Sequence[Span], options: SummaryOptions) -> np.ndarray:
    """Which sentences may appear in the summary: all but headline-like lines framing the body.

    A headline-like line (short, no closing punctuation) above the first real sentence or below
    the last one is a headline, kicker or byline that was not repeated, so deduplication left it
    in place. It ranks high — it shares words with everything, and the position prior favours
    the top — but a headline must never reach the summary. Such lines stay in the graph and are
    only passed over, unless the text has too few other sentences for the budget. Headline-like
    lines inside the body (sub-headings, list items) stay eligible: on BBC dev they are often
    part of the reference summaries.
    """
    framing = [is_open(view[a:b]) and len(view[a:b].split()) <= MAX_HEADLINE_WORDS for a, b in lines]
    top = next((i for i, frame in enumerate(framing) if not frame), len(lines))
    bottom = next((i for i, frame in enumerate(reversed(framing)) if not frame), len(lines))
    edges = [*lines[:top], *lines[len(lines) - bottom :]]
    worthy = np.array([not any(a <= start < b for a, b in edges) for start, _ in spans], dtype=bool)
    needed = 1 if options.budget.kind == "words" else options.budget.sentence_limit(len(spans))
    if int(worthy.sum()) < needed:
        return np.ones(len(spans), dtype=bool)
    return worthy


def _teleport(
    count: int, options: SummaryOptions, headline_terms: list[str] | None, terms: list[list[str]]
) -> np.ndarray | None:
    """The random walk's jump distribution: the position prior, partly biased towards the headline.

    Biased LexRank (Otterbacher et al. 2005) jumps to sentences in proportion to their
    similarity to a query; here the query is the headline, mixed in with weight
    ``headline_bias`` (sentences sharing nothing with it keep the prior's share).
    """
    if count == 0:
        return None
    jump = position_prior(count, options.position_prior)
    if options.headline_bias > 0 and headline_terms:
        with_headline = tfidf_vectors([*terms, headline_terms])
        query = np.asarray((with_headline[:count] @ with_headline[count].T).todense()).ravel()
        if query.sum() > 0:
            jump = (1.0 - options.headline_bias) * jump + options.headline_bias * query / query.sum()
    return jump


def _subtract(view: str, span: Span, removed: Sequence[Removal]) -> list[Span]:
    """Pieces of ``span`` outside every removed span, trimmed, keeping only pieces with a word.

    ``removed`` is sorted and its spans do not overlap, so the ones that can touch ``span`` are
    found by bisection: a text with thousands of removed duplicate lines stays linear.
    """
    pieces = [span]
    index = bisect_right(removed, span[0], key=lambda removal: removal.end)
    while index < len(removed) and removed[index].start < span[1]:
        removal = removed[index]
        index += 1
        next_pieces = []
        for start, end in pieces:
            if removal.end <= start or removal.start >= end:
                next_pieces.append((start, end))
                continue
            if start < removal.start:
                next_pieces.append((start, removal.start))
            if removal.end < end:
                next_pieces.append((removal.end, end))
        pieces = next_pieces
    out = []
    for start, end in pieces:
        while start < end and view[start].isspace():
            start += 1
        while end > start and view[end - 1].isspace():
            end -= 1
        if start < end and _WORD.search(view, start, end):
            out.append((start, end))
    return out
