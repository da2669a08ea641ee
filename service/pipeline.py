"""The one place that knows the order of the stages: normalise → lines → dedup → sentences → rank → select."""

from __future__ import annotations

import re
import time
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from .config import Config, ConfigError
from .dedup import Removal, dateline_at, find_boilerplate, find_duplicates, glued_title_end, spaced_title_end
from .exceptions import EmptyText, PayloadTooLarge
from .models import BatchItem, RemovedSpan, Sentence, Span, Stats, Summary, SummaryOptions
from .rank import Ranking, rank
from .rank.features import paragraph_indices
from .rank.graph import Vectors
from .rank.learned import LearnedScorer, load_scorer
from .rank.vectors import tfidf_vectors
from .select import select_sentences, summary_worthy
from .text.extract import BatchBudget, extract_article, looks_like_page
from .text.language import LanguageRegistry
from .text.normalise import processing_view
from .text.segment import split_lines, split_sentences
from .text.shape import CLOSERS, is_framing_line

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Resources:
    """Everything built once per process and shared read-only by all summaries."""

    config: Config
    languages: LanguageRegistry
    #: The ``learned`` algorithm's model; :func:`load_scorer` refuses a missing or outdated file.
    scorer: LearnedScorer

    def __post_init__(self) -> None:
        if self.config.fallback_language not in self.languages.catalogue:
            raise ConfigError(f"fallback_language {self.config.fallback_language!r} is not a supported language.")

    @classmethod
    def build(cls, config: Config) -> Resources:
        """Load the language data (about a second) and the learned scorer for ``config``.

        Raises:
            ScorerFileError: the learned scorer's data file is missing or of another version.
        """
        return cls(config=config, languages=LanguageRegistry(), scorer=load_scorer())

    def detect_language(self, view: str) -> str:
        """The language of ``view`` as this configuration detects it (prefix read, confidence, fallback)."""
        return self.languages.detect(
            view,
            chars=self.config.language_detection_chars,
            min_probability=self.config.language_detection_min_probability,
            fallback=self.config.fallback_language,
        )

    def with_config(self, config: Config) -> Resources:
        """The same loaded data under another configuration (every setting takes effect)."""
        return self if config == self.config else replace(self, config=config)


@dataclass(frozen=True)
class Analysis:
    """A text made ready for ranking: the stages before it, in the order the pipeline runs them."""

    view: str
    language: str
    #: Line pieces left after boilerplate, and how many lines the text had.
    lines: list[Span]
    line_count: int
    #: Sentences to rank (spans of ``view``), with their word tokens and index terms.
    spans: list[Span]
    tokens: list[list[str]]
    terms: list[list[str]]
    #: Everything stripped (boilerplate, headline copies, repeated lines), sorted by start.
    removed: list[Removal]
    #: The detected headline (a span of ``view``), and the text ranking treats as the headline:
    #: the client's title, else the detected headline.
    headline: Span | None
    headline_text: str | None

    @cached_property
    def vectors(self) -> Vectors:
        """The sentences' TF-IDF vectors, as ranking computes them (for evaluation and training)."""
        return tfidf_vectors(self.terms)


def summarize(text: str, options: SummaryOptions, resources: Resources) -> Summary:
    """Summarise ``text``: :func:`analyse`, rank, select. A ``text`` that is a whole HTML page
    (``text.extract.looks_like_page``: it begins with ``<!DOCTYPE html`` or ``<html``, as no
    article's text does) is summarised as one, by :func:`summarize_html`, whichever way it came.

    Args:
        text: the article as sent (offsets in the result index into this string; for a page,
            into the extracted text the summary carries).
        options: validated options.
        resources: per-process language resources, the learned scorer and configuration.

    Returns:
        The summary; every sentence and removed span satisfies ``text[start:end] == item.text``.

    Raises:
        PayloadTooLarge: the text is longer than ``config.max_text_chars`` or has more than
            ``config.max_sentences`` sentences.
        EmptyText: no words to summarise.
        UnsupportedLanguage: ``options.language`` is not known.
    """
    if looks_like_page(text):
        return summarize_html(text, options, resources)
    return _summarize_text(text, options, resources)


def _summarize_text(text: str, options: SummaryOptions, resources: Resources) -> Summary:
    """:func:`summarize` of a text that is an article's text (an extracted page's too)."""
    began = time.perf_counter()
    analysis = analyse(text, options, resources)
    view, spans, tokens = analysis.view, analysis.spans, analysis.tokens
    ranking = rank_analysis(analysis, options, resources)
    budget = options.budget(resources.config.default_sentences)
    word_counts = [len(sentence) for sentence in tokens]
    chosen = select_sentences(
        ranking.scores,
        word_counts,
        ranking.vectors,
        budget,
        mmr=options.selection_mmr,
        eligible=summary_worthy(view, analysis.lines, spans, budget, word_counts),
    )
    sentences = tuple(
        Sentence(index=i, text=text[start:end], start=start, end=end, score=round(float(ranking.scores[i]), 6))
        for i in chosen
        for start, end in [spans[i]]
    )
    removed = tuple(
        RemovedSpan(text=text[r.start : r.end], start=r.start, end=r.end, reason=r.reason, similarity=r.similarity)
        for r in analysis.removed
    )
    stats = Stats(
        characters=len(text),
        lines=analysis.line_count,
        sentences=len(spans),
        selected=len(sentences),
        elapsed_ms=round((time.perf_counter() - began) * 1000, 3),
    )
    return Summary(
        summary=joined([sentence.text for sentence in sentences]),
        sentences=sentences,
        headline=text[analysis.headline[0] : analysis.headline[1]] if analysis.headline else None,
        removed=removed,
        language=analysis.language,
        algorithm=options.algorithm,
        stats=stats,
    )


def rank_analysis(analysis: Analysis, options: SummaryOptions, resources: Resources) -> Ranking:
    """The ranking stage of :func:`summarize` for an analysed text (also timed alone by bench/learned_timeit)."""
    learned = options.algorithm == "learned"
    data = resources.languages.data(analysis.language)
    return rank(
        analysis.terms,
        algorithm=options.algorithm,
        position_prior=options.position_prior,
        lexrank_weights=options.lexrank_weights,
        headline_terms=data.terms(analysis.headline_text)
        if analysis.headline_text and (learned or options.headline_bias > 0)
        else None,
        headline_bias=options.headline_bias,
        texts=[analysis.view[start:end] for start, end in analysis.spans] if learned else (),
        tokens=analysis.tokens,
        scorer=resources.scorer,
        paragraphs=paragraph_indices(analysis.view, analysis.spans) if learned else None,
    )


#: A headline-like line above the body is reported as the detected headline when it has this many
#: words, numbers not counted: fewer are a place or a date over a match report ("Griffin Park",
#: "Saturday 20 November") or a kicker.
MIN_LONE_HEADLINE_WORDS = 3


#: Sentence-final marks of the scripts written without spaces (Chinese, Japanese; any closing
#: bracket or quote may follow them, ``shape.CLOSERS``), and the code points of those scripts: CJK
#: punctuation and kana, ideographs, full-width forms, and the supplementary ideographs.
_IDEOGRAPHIC_ENDS = ("。", "！", "？", "｡")
_UNSPACED = ((0x3000, 0x30FF), (0x3400, 0x9FFF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF), (0x20000, 0x3FFFF))


def joined(sentences: Sequence[str]) -> str:
    """The summary's text: its sentences separated by a space, but by nothing between two
    sentences of a script written without spaces (``…获胜。这是…``: a Chinese or Japanese reader
    would not write that space). A Latin sentence after a Japanese one still gets its space."""
    parts: list[str] = []
    for sentence in sentences:
        if parts and not (parts[-1].rstrip(CLOSERS).endswith(_IDEOGRAPHIC_ENDS) and _unspaced(sentence[0])):
            parts.append(" ")
        parts.append(sentence)
    return "".join(parts)


def _unspaced(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _UNSPACED)


def analyse(text: str, options: SummaryOptions, resources: Resources) -> Analysis:
    """Everything before ranking: normalise, detect the language, split, strip, tokenise.

    Raises: as :func:`summarize`.
    """
    config = resources.config
    if len(text) > config.max_text_chars:
        raise PayloadTooLarge(f"The text has {len(text):,} characters; the limit is {config.max_text_chars:,}.")
    view = processing_view(text)
    if not _WORD.search(view):
        raise EmptyText("The text is empty: send an article with at least one word.")
    language = resources.languages.resolve(options.language) or resources.detect_language(view)
    lines = split_lines(view)
    line_count = len(lines)
    split: dict[Span, list[Span]] = {}

    def sentences_of(span: Span) -> list[Span]:  # dedup and the stage below split the same lines
        if span not in split:
            split[span] = split_sentences(view, span, language)
        return split[span]

    # Boilerplate first, so that headline stripping and sentences see the lines without it (a
    # dateline cut off a line: its sentence starts after it).
    boilerplate = [
        Removal(m.start, m.end, "boilerplate", 1.0) for m in (find_boilerplate(view, lines) if options.strip_boilerplate else ())
    ]
    lines = [piece for line in lines for piece in _subtract(view, line, boilerplate)] if boilerplate else lines
    threshold = options.dedup_threshold if options.dedup_threshold is not None else config.dedup_threshold
    dedup = find_duplicates(
        view,
        lines,
        sentences_of,
        threshold=threshold,
        title=options.title,
        strip_headlines=options.strip_headlines,
        strip_boilerplate=options.strip_boilerplate,
    )
    removed = sorted([*boilerplate, *dedup.removed], key=lambda removal: removal.start)
    data = resources.languages.data(language)
    if dedup.headline is None and options.strip_headlines:
        lines, removed = _with_title_line(
            view, lines, removed, data.stop_words, glued=line_count == 1, dateline=options.strip_boilerplate
        )
    spans = [piece for line in lines for sentence in sentences_of(line) for piece in _subtract(view, sentence, removed)]
    if len(spans) > config.max_sentences:
        raise PayloadTooLarge(
            f"The text has {len(spans):,} sentences; the limit is {config.max_sentences:,}: send a shorter text."
        )
    spans, lone_headline = _below_opening_lines(view, lines, spans, detect=dedup.headline is None and not options.title)
    headline = dedup.headline or lone_headline
    tokens = [data.tokens(view[start:end]) for start, end in spans]
    headline_text = options.title or (view[headline[0] : headline[1]] if headline else None)
    return Analysis(
        view=view,
        language=language,
        lines=lines,
        line_count=line_count,
        spans=spans,
        tokens=tokens,
        terms=data.document_terms(tokens),
        removed=removed,
        headline=headline,
        headline_text=headline_text,
    )


def summarize_html(html: str, options: SummaryOptions, resources: Resources, budget: BatchBudget | None = None) -> Summary:
    """Summarise the article of an HTML page: its extracted text, with the page's title as the
    ``title`` option unless one is given. The summary carries the extracted text (``text``),
    which its offsets index. A batch's pages share its ``budget`` (``text.extract``).

    Raises:
        PayloadTooLarge: the page has too many elements (``text.extract``) or does not fit in
            ``budget``, or the text is too long.
        EmptyText: the page has no article text.
    """
    page = extract_article(html, budget)
    if options.title is None and page.title:
        options = options.model_copy(update={"title": page.title})
    return replace(_summarize_text(page.text, options, resources), text=page.text)


def summarize_item(item: BatchItem, resources: Resources, budget: BatchBudget | None = None) -> Summary:
    """Summarise one parsed batch or corpus document: its HTML page (charged to ``budget``, if
    any) or its text.

    Raises: ``item.error`` when the document was invalid, else as :func:`summarize`.
    """
    if item.error is not None:
        raise item.error
    assert item.options is not None  # parse_document gives options whenever there is no error
    if item.html is not None or looks_like_page(item.text):  # a page in "text" is charged like one in "html"
        return summarize_html(item.html if item.html is not None else item.text, item.options, resources, budget)
    return _summarize_text(item.text, item.options, resources)


def _below_opening_lines(
    view: str, lines: Sequence[Span], spans: list[Span], *, detect: bool
) -> tuple[list[Span], Span | None]:
    """The sentences of the body, below the lines that frame it from above, and the headline.

    Headline-like lines above the first sentence (short, no closing punctuation: the headline
    sent once, a kicker, a date line) are not body text. Ranked with it, they took the first
    places, and every sentence's position was counted from them: an article sent with its
    headline on the first line was summarised worse than the same article without it (BBC and
    IndoSum dev, docs/EVALUATION.md round 24). They are left out, unless nothing else is left.
    The first, of ``MIN_LONE_HEADLINE_WORDS`` words with letters or more, is returned as the
    detected headline when asked to ``detect`` one (no copy named one, and the client gave no
    title): it is reported, and compared with the sentences as a title is.
    """
    top = next((i for i, (start, end) in enumerate(lines) if not is_framing_line(view[start:end])), len(lines))
    if top == 0 or top == len(lines):
        return spans, None
    body = [span for span in spans if span[0] >= lines[top][0]]
    if not body:
        return spans, None
    first = lines[0]
    words = sum(any(char.isalpha() for char in word) for word in view[first[0] : first[1]].split())
    return body, first if detect and words >= MIN_LONE_HEADLINE_WORDS else None


def _with_title_line(
    view: str, lines: list[Span], removed: list[Removal], stop_words: frozenset[str], *, glued: bool, dateline: bool
) -> tuple[list[Span], list[Removal]]:
    """``lines`` with a lone headline before the text's first sentence made a line of its own
    again, when nothing was removed before its end: glued to it, in a text of one line
    (``glued``; ``dedup.lone_title``: the line break ``curl -d`` dropped), or spaced before it on
    the first line (``dedup.spaced_title``: a text flattened to one line, or a headline and a
    first paragraph joined with a space; ``stop_words`` are the text's language's), so that the
    summary passes it over as it passes over a stored one. The line after it may then open with
    a ``dateline``, removed as boilerplate as it would be there."""
    if not lines or view[: lines[0][0]].strip():
        return lines, removed  # boilerplate was cut off the text's start: no headline stands there
    title_end = glued_title_end(view, lines[0]) if glued else None
    if title_end is None:
        title_end = spaced_title_end(view, lines[0], stop_words)
    if title_end is None or any(removal.start < title_end for removal in removed):
        return lines, removed
    title = (lines[0][0], len(view[:title_end].rstrip()))  # without the space before the lede
    rest = (title_end, lines[0][1])
    found = dateline_at(view, rest) if dateline else None
    if found is None:
        return [title, rest, *lines[1:]], removed
    cut = Removal(found.start, found.end, "boilerplate", 1.0)
    restored = [title, *_subtract(view, rest, [cut]), *lines[1:]]
    return restored, sorted([*removed, cut], key=lambda removal: removal.start)


def _subtract(view: str, span: Span, removed: Sequence[Removal]) -> list[Span]:
    """Pieces of ``span`` outside every removed span, trimmed, keeping only pieces with a word.

    ``removed`` is sorted and its spans do not overlap, so the ones that can touch ``span`` are
    found by bisection and the pieces are the gaps between them: linear in the removals, so a
    text with thousands of removed lines (or one line with thousands of glued links) stays fast.
    """
    gaps = []
    cursor = span[0]
    index = bisect_right(removed, span[0], key=lambda removal: removal.end)
    while index < len(removed) and removed[index].start < span[1]:
        removal = removed[index]
        index += 1
        if removal.start > cursor:
            gaps.append((cursor, removal.start))
        cursor = max(cursor, removal.end)
    if cursor < span[1]:
        gaps.append((cursor, span[1]))
    out = []
    for start, end in gaps:
        while start < end and view[start].isspace():
            start += 1
        while end > start and view[end - 1].isspace():
            end -= 1
        if start < end and _WORD.search(view, start, end):
            out.append((start, end))
    return out
