"""Summary quality (ROUGE) and headline stripping on ../shared/data, written to docs/EVALUATION.md.

Run from the repository root: ``python -m bench.evaluate [--data DIR] [--limit N] [--processes P]``
(``make eval`` runs exactly ``python -m bench.evaluate``).

Systems, 3 sentences each, side by side on the same articles:

* LEAD-3: the first three sentences by our sentence splitting (sentencex, line by line).
* sumy LexRank / sumy TextRank, run "as a user would": our sentences (NLTK punkt is not
  available offline), words by the regex ``\\w+``, sumy's own stemmer and stop words where sumy
  has them (it has neither for Indonesian, so none there).
* Ringkas ``lexrank`` / ``textrank`` alone (language given, no position prior, no MMR),
  TextRank with the prior and MMR λ = 0.7, and the default (``SummaryOptions()``: the learned
  scorer), cross-validated: each article is summarised by a model fitted without it (its
  5-fold CV fold's), and by one fitted on the other corpus only.
* ORACLE: the best 3 labelled sentences (the labels' ceiling).

Every mean comes with a 95% bootstrap interval, and the differences that matter (learned vs
the anchors, our rankers vs sumy's) with paired-bootstrap intervals.

Scores are ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 (Google's ``rouge_score``), Porter stemming for
English only. Headline stripping is measured on ``syndicated/dev.jsonl`` for Ringkas (with
:func:`bench.dedup_eval.evaluate`) and for sumy's PlaintextParser + LexRank on the same raw text.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import multiprocessing
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from rouge_score import rouge_scorer
from tqdm import tqdm

from bench._harness import SHARED_DATA
from service.config import Config
from service.models import SummaryOptions
from service.pipeline import Resources, analyse, summarize
from service.rank.features import FEATURE_NAMES, PARAGRAPH_FEATURE_NAMES
from service.rank.learned import LearnedScorer
from service.rank.sumy_reference import sumy_scores
from service.text.normalise import processing_view
from service.text.segment import split_lines, split_sentences
from service.ties import best_indices

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = SHARED_DATA
DEFAULT_OUTPUT = REPO / "docs" / "EVALUATION.md"
#: ``--one-line``: the same run with every article flattened to one line.
ONE_LINE_OUTPUT = REPO / "docs" / "EVALUATION_ONE_LINE.md"
ONE_LINE_NOTE = (
    " Every summarised article was sent as one line (its line breaks as spaces), as two of the"
    " corpora we are judged on arrive; the models are the same as in EVALUATION.md (a text on one"
    " line goes to the model fitted on the IndoSum articles of its training files, as stored and on"
    " one line: EVALUATION.md, round 27). The headline-stripping table reads"
    " `syndicated/dev.jsonl` on one line too (line breaks as spaces; bench/glued_eval.py measures"
    " them dropped, as `curl -d` sends them)."
)
COMMAND = "python -m bench.evaluate"

#: (label, file relative to the data dir, language). The articles are the ``text`` field (no title).
SUMMARY_SETS: tuple[tuple[str, str, str], ...] = (
    ("BBC News Summary (en)", "bbc_news_summary/dev.jsonl", "en"),
    ("IndoSum (id)", "indosum/dev.jsonl", "id"),
)
SYNDICATED = "syndicated/dev.jsonl"
SENTENCES = 3
METRICS = ("rouge1", "rouge2", "rougeLsum")
METRIC_LABELS = {"rouge1": "R1", "rouge2": "R2", "rougeLsum": "RLsum"}
LEARNED_CV = "Ringkas learned (default), 5-fold CV"
LEARNED_CROSS = "Ringkas learned, trained on the other corpus"
ORACLE = "ORACLE (3 labelled sentences)"
SYSTEMS = (
    "LEAD-3",
    "sumy LexRank",
    "sumy TextRank",
    "Ringkas lexrank",
    "Ringkas textrank",
    "Ringkas textrank + prior",
    LEARNED_CV,
    LEARNED_CROSS,
    ORACLE,
)
#: (system, the system it must beat) pairs whose paired differences get a confidence interval.
COMPARISONS = (
    (LEARNED_CV, "LEAD-3"),
    (LEARNED_CV, "sumy TextRank"),
    (LEARNED_CROSS, "LEAD-3"),
    (LEARNED_CROSS, "sumy TextRank"),
    ("Ringkas lexrank", "sumy LexRank"),
    ("Ringkas textrank", "sumy TextRank"),
)
#: Bootstrap resamples of the articles for the 95% intervals (percentile method), fixed seed.
BOOTSTRAP = 1000
BOOTSTRAP_SEED = 7
#: sumy names its languages in English.
SUMY_LANGUAGE = {"en": "english", "id": "indonesian"}

_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")


# --------------------------------------------------------------------------- pure pieces


def skip_message(data_dir: Path) -> str | None:
    """The "skipped: ..." line when the data are missing, else ``None``."""
    missing = [name for _, name, _ in SUMMARY_SETS] + [SYNDICATED]
    missing = [name for name in missing if not (data_dir / name).is_file()]
    if not missing:
        return None
    return f"skipped: evaluation data not found in {data_dir} (missing {', '.join(missing)}); nothing was written."


def sentences_of(text: str, language: str) -> list[str]:
    """The sentences of ``text`` as the pipeline splits them (line by line, sentencex), without dedup."""
    view = processing_view(text)
    return [text[a:b] for line in split_lines(view) for a, b in split_sentences(view, line, language)]


def lead(text: str, language: str, count: int = SENTENCES) -> list[str]:
    """LEAD-k: the first ``count`` sentences of ``text``."""
    return sentences_of(text, language)[:count]


def regex_words(text: str) -> list[str]:
    """Words as a plain user would tokenise them for sumy: ``\\w+`` (sumy lower-cases them itself)."""
    return _WORD.findall(text)


class Rouge:
    """ROUGE-1/2/Lsum F1 of Google's ``rouge_score``, tokenising each distinct sentence once.

    The numbers are those of ``RougeScorer(["rouge1", "rouge2", "rougeLsum"]).score`` (a test
    checks it): the same tokenizer, and the same n-gram and summary-level LCS functions; ROUGE-1/2
    are computed on the concatenated tokens, exactly as on the ``"\\n"``-joined text. Six systems
    share one reference and many sentences, so caching the tokens halves the run time.

    rouge_score's default tokenizer lower-cases and keeps only ``[a-z0-9]`` runs, so any non-ASCII
    letter splits or drops a word. Both data sets are almost pure ASCII, so this barely matters
    here; it would for other languages. Porter stemming is for English only.
    """

    def __init__(self, language: str) -> None:
        self.scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=language == "en")
        self._tokens: dict[str, list[str]] = {}

    def tokens(self, sentence: str) -> list[str]:
        cached = self._tokens.get(sentence)
        if cached is None:
            cached = self._tokens[sentence] = self.scorer._tokenizer.tokenize(sentence)
        return cached

    def clear(self) -> None:
        """Forget cached tokens (call between articles to bound memory)."""
        self._tokens.clear()

    def f1(self, summary: Sequence[str], reference: str) -> dict[str, float]:
        """F1 × 100 of a summary (its sentences) against a reference with one sentence per line."""
        target, prediction = self._sentence_tokens(summary, reference)
        scores = self._ngram_scores(target, prediction)
        scores.append(rouge_scorer._summary_level_lcs(target, prediction))
        return {metric: 100.0 * score.fmeasure for metric, score in zip(METRICS, scores, strict=True)}

    def ngram_f1(self, summary: Sequence[str], reference: str) -> float:
        """The mean of ROUGE-1 and ROUGE-2 F1 × 100 alone (no LCS, ~20× cheaper than :meth:`f1`):
        the measure of the greedy oracle labels of Liu & Lapata (2019)."""
        scores = self._ngram_scores(*self._sentence_tokens(summary, reference))
        return 50.0 * (scores[0].fmeasure + scores[1].fmeasure)

    def _sentence_tokens(self, summary: Sequence[str], reference: str) -> tuple[list[list[str]], list[list[str]]]:
        target = [self.tokens(line) for line in reference.split("\n") if line]
        prediction = [self.tokens(squashed) for squashed in (_squash(s) for s in summary) if squashed]
        return target, prediction

    @staticmethod
    def _ngram_scores(target: list[list[str]], prediction: list[list[str]]) -> list[Any]:
        flat_target = [token for sentence in target for token in sentence]
        flat_prediction = [token for sentence in prediction for token in sentence]
        ngrams = rouge_scorer._create_ngrams
        return [rouge_scorer._score_ngrams(ngrams(flat_target, n), ngrams(flat_prediction, n)) for n in (1, 2)]


def make_scorer(language: str) -> Rouge:
    """ROUGE-1/2/Lsum scorer for ``language`` (Porter stemming for English only)."""
    return Rouge(language)


def rouge_f1(scorer: Rouge, summary: Sequence[str], reference: str) -> dict[str, float]:
    """F1 × 100 of one summary (a list of sentences) against a ``\\n``-joined reference.

    Sentences count as lines: ROUGE-Lsum works sentence by sentence; ROUGE-1/2 see one text.
    """
    return scorer.f1(summary, reference)


def sumy_stemmer_and_stop_words(language: str) -> tuple[Callable[[str], str] | None, frozenset[str]]:
    """sumy's stemmer and stop words for ``language``; none of either where sumy lacks them."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.utils import get_stop_words

    name = SUMY_LANGUAGE.get(language, language)
    try:
        stemmer: Callable[[str], str] | None = Stemmer(name)
    except LookupError:
        stemmer = None
    try:
        stop_words = frozenset(get_stop_words(name))
    except LookupError:
        stop_words = frozenset()
    return stemmer, stop_words


def top_k(scores: Sequence[float], count: int = SENTENCES) -> list[int]:
    """Indices of the ``count`` best scores in document order; ties go to the earlier sentence (as
    sumy), equal within ``ties.TIE_TOLERANCE`` so that no CPU's rounding decides them."""
    return sorted(best_indices(np.asarray(scores, dtype=np.float64), count))


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_jsonl(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if limit is not None and len(rows) >= limit:
                break
            if line.strip():
                rows.append(json.loads(line))
    return rows


def _squash(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _normal_words(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def labels_for(sentences: Sequence[str], gold: Sequence[str]) -> np.ndarray:
    """1 for a sentence that is a gold sentence (word for word), or covers or is covered by one
    for at least 60% of the longer's characters (our sentence boundaries differ a little)."""
    targets = [g for g in (_normal_words(text) for text in gold) if g]
    exact = set(targets)
    out = np.zeros(len(sentences))
    for i, sentence in enumerate(sentences):
        mine = _normal_words(sentence)
        if not mine:
            continue
        if mine in exact or any(
            (g in mine or mine in g) and min(len(g), len(mine)) >= 0.6 * max(len(g), len(mine)) for g in targets
        ):
            out[i] = 1.0
    return out


def oracle_summary(sentences: Sequence[str], labels: np.ndarray, reference: str, scorer: Rouge) -> list[str]:
    """The 3-sentence ORACLE from the labels: greedily, the labelled sentence that raises the
    mean of R1/R2/RLsum F1 most, until 3 are taken or none raises it."""

    def measure(summary: list[str]) -> float:
        return _mean(scorer.f1(summary, reference))

    return [sentences[j] for j in oracle_indices(sentences, labels, measure)]


def oracle_indices(sentences: Sequence[str], candidates: np.ndarray, measure: Callable[[list[str]], float]) -> list[int]:
    """Greedy oracle (Nallapati et al. 2017): among the sentences where ``candidates`` is
    non-zero, the one that raises ``measure`` of the summary most, until 3 are taken or none
    raises it; their indices in document order (ties: the earlier sentence)."""
    chosen: list[int] = []
    best = 0.0
    for _ in range(SENTENCES):
        gains = [
            (measure([sentences[j] for j in sorted([*chosen, int(i)])]), -int(i))
            for i in np.flatnonzero(candidates)
            if int(i) not in chosen
        ]
        if not gains:
            break
        value, negative = max(gains)
        if chosen and value <= best:
            break
        best = value
        chosen.append(-negative)
    return sorted(chosen)


def _mean(scores: dict[str, float]) -> float:
    return sum(scores.values()) / len(scores)


# --------------------------------------------------------------------------- per-process state


@dataclass
class _Worker:
    """What one worker process builds once: pipeline resources, ROUGE scorers, sumy settings,
    and the learned models fitted without each article (per fold, and per other corpus)."""

    resources: Resources
    scorers: dict[str, Rouge]
    sumy: dict[str, tuple[Callable[[str], str] | None, frozenset[str]]]
    models: dict[str, Resources] = field(default_factory=dict)


_STATE: dict[str, _Worker] = {}  # one entry per process, set by _init_worker (multiprocessing needs a global)


def _init_worker(models: dict[str, dict[str, Any]] | None = None) -> None:
    languages = [language for _, _, language in SUMMARY_SETS]
    resources = Resources.build(Config.load())
    _STATE["worker"] = _Worker(
        resources=resources,
        scorers={language: make_scorer(language) for language in languages},
        sumy={language: sumy_stemmer_and_stop_words(language) for language in languages},
        models={key: dataclasses.replace(resources, scorer=_scorer(model)) for key, model in (models or {}).items()},
    )


def _scorer(models: dict[str, Any]) -> LearnedScorer:
    """A refitted scorer from its two exported forests (``learned_models``)."""
    return LearnedScorer.from_dict(
        {"feature_names": list(FEATURE_NAMES), "paragraph_feature_names": list(PARAGRAPH_FEATURE_NAMES), **models}
    )


def system_summaries(
    text: str,
    language: str,
    worker: _Worker,
    models: tuple[str, str] | None = None,
    gold: Sequence[str] = (),
    reference: str = "",
) -> dict[str, list[str]]:
    """Every system's 3-sentence summary of one article, as lists of sentence strings.

    ``models`` names the learned models (in ``worker.models``) fitted without this article:
    its cross-validation fold's, and the other corpus's. ``gold``: its labelled sentences.
    """
    sentences = sentences_of(text, language)
    words = [regex_words(sentence) for sentence in sentences]
    stemmer, stop_words = worker.sumy[language]
    out = {"LEAD-3": sentences[:SENTENCES]}
    for name, algorithm in (("sumy LexRank", "lexrank"), ("sumy TextRank", "textrank")):
        scores = sumy_scores(algorithm, words, stemmer=stemmer, stop_words=stop_words)  # type: ignore[arg-type]
        out[name] = [sentences[i] for i in top_k(list(scores))]
    if models is not None:
        # The default options (the learned scorer) with models that never saw this article.
        for name, key in zip((LEARNED_CV, LEARNED_CROSS), models, strict=True):
            out[name] = [s.text for s in summarize(text, SummaryOptions(), worker.models[key]).sentences]
        analysis = analyse(text, SummaryOptions(language=language), worker.resources)
        sentences_here = [text[a:b] for a, b in analysis.spans]
        labels = labels_for([analysis.view[a:b] for a, b in analysis.spans], gold)
        out[ORACLE] = oracle_summary(sentences_here, labels, reference, worker.scorers[language])
    # The graph rankers as a client gets them by name, to compare with sumy's; then with the prior.
    variants = {
        "Ringkas lexrank": SummaryOptions(algorithm="lexrank", sentences=SENTENCES, language=language),
        "Ringkas textrank": SummaryOptions(algorithm="textrank", sentences=SENTENCES, language=language),
        "Ringkas textrank + prior": SummaryOptions(
            algorithm="textrank", sentences=SENTENCES, language=language, position_prior=1.0
        ),
    }
    for name, options in variants.items():
        out[name] = [s.text for s in summarize(text, options, worker.resources).sentences]
    return out


def _score_article(
    task: tuple[str, str, str, str, tuple[str, str] | None, list[str], int],
) -> tuple[str, int, dict[str, dict[str, float]]]:
    dataset, language, text, reference, models, gold, index = task
    worker = _STATE["worker"]
    summaries = system_summaries(text, language, worker, models, gold, reference)
    scorer = worker.scorers[language]
    scorer.clear()
    return dataset, index, {name: rouge_f1(scorer, summary, reference) for name, summary in summaries.items()}


def one_line(text: str) -> str:
    """``text`` as the one-line corpora deliver it: every line break a space."""
    return " ".join(text.splitlines())


def gold_of(row: dict[str, Any]) -> list[str]:
    """The labelled sentences of an article: IndoSum's ``gold_sentences``; for BBC, whose
    references are extractive, the reference's sentences."""
    if "gold_sentences" in row:
        return list(row["gold_sentences"])
    return [line for line in row["reference"].split("\n") if line]


def learned_models(
    data_dir: Path,
    limit: int | None,
    member_seed: int = 0,
    extra_params: dict[str, Any] | None = None,
    members: int | None = None,
) -> tuple[dict[str, dict[str, Any]], dict[tuple[str, str], tuple[str, str]]]:
    """The learned scorer refitted (as ``make train`` fits it, with the shipped hyperparameters)
    once per cross-validation fold and once per corpus, and for every article the two models
    that never saw it: its fold's, and the one fitted on the other corpus only.
    ``member_seed``: added to the members' bagging seeds (``--member-seed``: how much a refit
    alone moves the numbers); ``extra_params``: LightGBM settings added to the shipped ones
    (``--lightgbm``: a candidate setting judged in the harness before it is shipped); ``members``:
    another ensemble size (``--members``)."""
    from bench import train
    from service.rank.learned import DATA_FILE

    power = float(json.loads(DATA_FILE.read_text(encoding="utf-8"))["training"]["length_power"])
    size = members or train.MEMBERS

    def fitted(kept: list[train.Doc]) -> dict[str, Any]:
        model = train.fit_paired(kept, power, train.SEED + member_seed, extra_params=extra_params, members=size)
        return {"model": model.exported, "paragraph_model": model.paragraphs.exported}  # type: ignore[attr-defined,union-attr]

    docs, flat = train.load_renderings(data_dir, train.training_resources(), limit)
    folds = train.folds_of(docs)
    models: dict[str, dict[str, Any]] = {}
    for fold in range(train.FOLDS):  # each article as stored and on one line, as make train fits
        kept = [doc for rendering in (docs, flat) for doc, f in zip(rendering, folds, strict=True) if f != fold]
        models[f"fold {fold}"] = fitted(kept)
    for corpus in ("bbc", "indosum"):
        models[f"{corpus} only"] = fitted([doc for doc in (*docs, *flat) if doc.corpus == corpus])
    other = {"bbc": "indosum only", "indosum": "bbc only"}
    assignment = {(doc.file, doc.id): (f"fold {fold}", other[doc.corpus]) for doc, fold in zip(docs, folds, strict=True)}
    return models, assignment


def interval(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Column means of ``values`` (articles × measures) and their 95% percentile-bootstrap interval
    (``BOOTSTRAP`` resamples of the articles, seeded: every call with as many articles draws the same)."""
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    means = values[rng.integers(0, len(values), size=(BOOTSTRAP, len(values)))].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5], axis=0)
    return values.mean(axis=0), low, high


def _by_metric(values: np.ndarray) -> dict[str, tuple[float, float, float]]:
    mean, low, high = interval(values)
    return {metric: (float(mean[m]), float(low[m]), float(high[m])) for m, metric in enumerate(METRICS)}


def bootstrap(scores: np.ndarray) -> dict[str, dict[str, tuple[float, float, float]]]:
    """Mean and 95% percentile-bootstrap interval of every system and measure (articles resampled)."""
    return {system: _by_metric(scores[:, s_index, :]) for s_index, system in enumerate(SYSTEMS)}


def paired_difference(scores: np.ndarray, system: str, baseline: str) -> dict[str, tuple[float, float, float]]:
    """Mean difference ``system − baseline`` per measure, with its 95% paired-bootstrap interval."""
    return _by_metric(scores[:, SYSTEMS.index(system), :] - scores[:, SYSTEMS.index(baseline), :])


# --------------------------------------------------------------------------- headline stripping


class SentencexTokenizer:
    """A sumy tokenizer without NLTK data: sentencex sentences (line by line) and ``\\w+`` words."""

    def __init__(self, language: str) -> None:
        self.language = language

    def to_sentences(self, text: str) -> tuple[str, ...]:
        return tuple(sentences_of(text, self.language))

    def to_words(self, text: str) -> tuple[str, ...]:
        return tuple(regex_words(text))


def sumy_headline_case(row: dict[str, Any], sumy_settings: tuple[Callable[[str], str] | None, frozenset[str]]) -> Counter:
    """What sumy (PlaintextParser + LexRank, 3 sentences) does with one syndicated article.

    sumy removes nothing on purpose, but its PlaintextParser drops ALL-CAPS lines as headings and
    joins the lines of a paragraph before splitting sentences, so an unpunctuated headline is
    glued onto the first body sentence. Counted: headline copies that never become a candidate
    sentence (dropped as headings: sumy's accidental "recall"), body lines lost as headings,
    candidate sentences with a headline copy glued onto body text, and summaries with a copy.
    """
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer

    stemmer, stop_words = sumy_settings
    parser = PlaintextParser.from_string(row["text"], SentencexTokenizer(row["lang"]))
    summarizer = LexRankSummarizer(stemmer) if stemmer else LexRankSummarizer()
    summarizer.stop_words = stop_words
    candidates = [_squash(str(sentence)) for sentence in parser.document.sentences]
    summary = [_squash(str(sentence)) for sentence in summarizer(parser.document, SENTENCES)]
    # Presence is tested without any whitespace: the parser joins lines with " " and sentencex
    # may then move a closing quote across the old line break.
    joined = "".join(candidates).replace(" ", "")
    copies = [_squash(row["text"][a:b]) for a, b in row["headline_spans"]]
    copies = [copy for copy in copies if copy]
    counts: Counter = Counter(articles=1)
    for copy in copies:
        counts["headline"] += 1
        counts["headline_removed"] += copy.replace(" ", "") not in joined
    for a, b in row["body_spans"]:
        counts["body"] += 1
        counts["body_touched"] += _squash(row["text"][a:b]).replace(" ", "") not in joined
    counts["glued"] += any(copy in sentence and len(sentence) > len(copy) + 1 for copy in copies for sentence in candidates)
    counts["leaks"] += any(copy in sentence for copy in copies for sentence in summary)
    return counts


def _sumy_headline_chunk(rows: list[dict[str, Any]]) -> Counter:
    worker = _STATE["worker"]
    total: Counter = Counter()
    for row in rows:
        total.update(sumy_headline_case(row, worker.sumy[row["lang"]]))
    return total


def _ringkas_headline_chunk(rows: list[dict[str, Any]]) -> Counter:
    from bench.dedup_eval import evaluate as dedup_evaluate

    result = dedup_evaluate(rows, _STATE["worker"].resources, None)
    totals: Counter = result["totals"]
    totals["glued"] += 0
    return totals


def _chunks(rows: Sequence[Any], size: int) -> list[list[Any]]:
    return [list(rows[i : i + size]) for i in range(0, len(rows), size)]


# --------------------------------------------------------------------------- report


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.2f}%" if whole else "n/a"


def _cell(value: tuple[float, float, float], signed: bool = False) -> str:
    mean, low, high = value
    form = "+.2f" if signed else ".2f"
    return f"{mean:{form}} [{low:{form}}, {high:{form}}]"


def rouge_table(stats: dict[str, dict[str, dict[str, tuple[float, float, float]]]], datasets: Sequence[str]) -> str:
    """Markdown table: one row per system, R1/R2/RLsum (F1 × 100, [95% bootstrap CI]) per data set."""
    head = "| system | " + " | ".join(f"{d} {METRIC_LABELS[m]}" for d in datasets for m in METRICS) + " |"
    rule = "|---|" + "---:|" * (len(datasets) * len(METRICS))
    rows = [
        f"| {system} | " + " | ".join(_cell(stats[d][system][m]) for d in datasets for m in METRICS) + " |" for system in SYSTEMS
    ]
    return "\n".join([head, rule, *rows])


def difference_table(per_article: dict[str, np.ndarray], datasets: Sequence[str]) -> str:
    """Markdown table of paired differences (system − baseline) with 95% bootstrap intervals."""
    head = "| system − baseline | " + " | ".join(f"{d} {METRIC_LABELS[m]}" for d in datasets for m in METRICS) + " |"
    rule = "|---|" + "---:|" * (len(datasets) * len(METRICS))
    rows = []
    for system, baseline in COMPARISONS:
        cells = [paired_difference(per_article[d], system, baseline) for d in datasets]
        rows.append(f"| {system} − {baseline} | " + " | ".join(_cell(c[m], signed=True) for c in cells for m in METRICS) + " |")
    return "\n".join([head, rule, *rows])


def dedup_table(results: dict[str, Counter]) -> str:
    lines = [
        "| system | headline copies removed (recall) | body lines touched | summaries with a headline copy | "
        "articles with a headline copy glued onto a body sentence |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, t in results.items():
        glued = _percent(t["glued"], t["articles"]) if name.startswith("sumy") else "n/a (lines kept apart)"
        lines.append(
            f"| {name} | {_percent(t['headline_removed'], t['headline'])} ({t['headline_removed']}/{t['headline']}) "
            f"| {_percent(t['body_touched'], t['body'])} ({t['body_touched']}/{t['body']}) "
            f"| {_percent(t['leaks'], t['articles'])} ({t['leaks']}/{t['articles']}) | {glued} |"
        )
    return "\n".join(lines)


def data_table(files: Iterable[tuple[str, Path, int, int, str]]) -> str:
    lines = ["| file | rows in file | rows used | sha256 |", "|---|---:|---:|---|"]
    lines += [f"| `{name}` | {total:,} | {used:,} | `{digest}` |" for name, _path, total, used, digest in files]
    return "\n".join(lines)


MEANING = """\
## What the numbers mean

* ROUGE-1/2 F1 is unigram/bigram overlap with the reference; ROUGE-Lsum is the longest common
  subsequence computed sentence by sentence (summary and reference split on newlines). Numbers
  are means over articles of F1 × 100. rouge_score's default tokenizer lower-cases and keeps only
  ASCII letters and digits (non-ASCII letters split or drop words); both data sets are nearly
  pure ASCII, so this hardly matters here. Porter stemming is used for English only.
* Every system picks exactly 3 sentences. BBC references are extractive and long (about 45% of
  the article), so 3-sentence summaries are recall-limited there and systems preferring longer
  sentences gain; IndoSum references are short (median 3 sentences) and abstractive, written
  mostly from the lead, which is why LEAD-3 is so strong on IndoSum.
* "sumy" rows are sumy 0.13 as a user would run it, except that sentences come from our
  splitter (NLTK punkt cannot be downloaded) and words from `\\w+`. The adapter keeps duplicate
  sentences apart (plain sumy merges them), which only matters for repeated sentences.
* "Ringkas lexrank" and "Ringkas textrank" are the rankers as a client gets them by name
  (`algorithm=lexrank` or `textrank`, nothing else: no position prior, MMR λ = 0.7), the rows to
  compare with sumy's; "Ringkas textrank + prior" adds the position prior p_i ∝ 1/(i+1)
  (`position_prior=1`). All strip repeated headlines first (the pipeline always does, by default).
* "Ringkas learned (default), 5-fold CV" is `SummaryOptions()` — the learned scorer, language
  detected — with the model refitted by `bench/train.py` (the shipped hyperparameters) on the
  other four fifths of the three training files (BBC dev, IndoSum dev, IndoSum train; each
  article as stored and on one line, as `make train` fits; the model for texts of one paragraph
  on IndoSum's alone, round 27): the model that summarises an article never saw it in either
  form. Folds are by document, seeded. A refit that differs
  only in its bagging seeds moves these numbers by up to 0.6 (EVALUATION.md, round 7).
  "trained on the other corpus" is the same with a model fitted on the other corpus only
  (BBC for IndoSum, IndoSum dev + train for BBC): how the features transfer.
* "ORACLE" is the ceiling of the labels: up to 3 labelled sentences (IndoSum `gold_sentences`;
  BBC sentences found in its extractive reference), chosen greedily for mean F1.
* Brackets are 95% percentile-bootstrap intervals over articles (1,000 resamples, seed 7);
  the paired table resamples the per-article differences, so a margin whose interval
  includes 0 is not supported by these articles.
* Headline stripping: recall is the share of headline copies (≥ 90% of their characters)
  removed; "body lines touched" must be 0; "summaries with a headline copy" must be 0. sumy
  removes nothing on purpose: its only "removals" are ALL-CAPS lines that PlaintextParser takes
  for headings (so the `caps` copies, and any body line in capitals, vanish), and it joins the
  lines of a paragraph before splitting sentences, so an unpunctuated headline is glued onto the
  first body sentence and ranked with it.
* These are development sets (tuned on); the held-out splits decide.
"""


HAND_WRITTEN_MARK = "<!-- written by hand: kept when make eval rewrites this file -->"


def _hand_written(output: Path) -> str:
    """The hand-written part at the end of an existing report (from ``HAND_WRITTEN_MARK`` on)."""
    if not output.exists():
        return ""
    text = output.read_text(encoding="utf-8")
    return text[text.index(HAND_WRITTEN_MARK) :].rstrip() + "\n" if HAND_WRITTEN_MARK in text else ""


def write_report(
    output: Path,
    stats: dict[str, dict[str, dict[str, tuple[float, float, float]]]],
    per_article: dict[str, np.ndarray],
    datasets: Sequence[str],
    dedup: dict[str, Counter],
    files: list[tuple[str, Path, int, int, str]],
    command: str,
    elapsed: float,
    processes: int,
    one_line: bool = False,
) -> str:
    text = "\n\n".join(
        [
            ("# Evaluation, articles on one line" if one_line else "# Evaluation")
            + "\n\nGenerated by `bench/evaluate.py` (`make eval`), except the part after the"
            " hand-written marker at the end, which runs keep." + (ONE_LINE_NOTE if one_line else ""),
            f"Command (from the repository root):\n\n```\n{command}\n```\n\n{processes} worker processes, {elapsed:.0f} s.",
            "## Summary quality (ROUGE F1 × 100, 3 sentences, [95% bootstrap CI])\n\n" + rouge_table(stats, datasets),
            "### Paired differences (system − baseline, [95% paired bootstrap CI])\n\n" + difference_table(per_article, datasets),
            "## Headline stripping (`syndicated/dev.jsonl`, 3-sentence summaries: "
            "Ringkas with default options, sumy LexRank)\n\n" + dedup_table(dedup),
            "## Data\n\nFiles under `../shared/data` (see its README for provenance and licences).\n\n" + data_table(files),
            MEANING,
        ]
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    kept = _hand_written(output)
    output.write_text(text.rstrip() + "\n" + (f"\n{kept}" if kept else ""), encoding="utf-8")
    return text


# --------------------------------------------------------------------------- main


def lightgbm_setting(text: str) -> tuple[str, Any]:
    """``NAME=VALUE`` as a LightGBM setting: the value read as JSON (numbers, booleans), else kept as text."""
    name, equals, value = text.partition("=")
    if not (name and equals and value):
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    try:
        return name, json.loads(value)
    except json.JSONDecodeError:
        return name, value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="ROUGE and headline-stripping evaluation (writes docs/EVALUATION.md).")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="data directory (default: ../shared/data)")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles of each file")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument(
        "--one-line",
        action="store_true",
        help="send every article flattened to one line (line breaks as spaces), as two of the judged corpora arrive",
    )
    parser.add_argument(
        "--output", type=Path, default=None, help="report file (default: docs/EVALUATION.md, but not for --limit runs)"
    )
    parser.add_argument(
        "--member-seed", type=int, default=0,
        help="add this to the learned members' bagging seeds (a refit that differs only in its seeds); not the report's default",
    )
    parser.add_argument(
        "--lightgbm", action="append", type=lightgbm_setting, default=[], metavar="NAME=VALUE",
        help="a LightGBM setting added to the learned refits' (repeatable; e.g. min_data_in_leaf=80); not the report's default",
    )
    parser.add_argument(
        "--members", type=int, default=None,
        help="the learned refits' ensemble size (default: the shipped one's); not the report's default",
    )
    args = parser.parse_args(argv)
    message = skip_message(args.data)
    if message:
        print(message)
        return 0
    began = time.perf_counter()
    command = (
        COMMAND
        + (f" --limit {args.limit}" if args.limit else "")
        + (f" --data {args.data}" if args.data.resolve() != DEFAULT_DATA.resolve() else "")
        + (" --one-line" if args.one_line else "")
    )

    learned_began = time.perf_counter()
    models, assignment = learned_models(args.data, args.limit, args.member_seed, dict(args.lightgbm), args.members)
    print(f"learned models fitted per fold and per corpus ({time.perf_counter() - learned_began:.0f} s)", file=sys.stderr)
    files = []
    tasks = []
    datasets = []
    for label, name, language in SUMMARY_SETS:
        path = args.data / name
        rows = read_jsonl(path)
        used = rows[: args.limit] if args.limit else rows
        files.append((name, path, len(rows), len(used), sha256(path)))
        datasets.append(label)
        tasks += [
            (
                label,
                language,
                one_line(row["text"]) if args.one_line else row["text"],
                row["reference"],
                assignment[(name, row["id"])],
                gold_of(row),
                index,
            )
            for index, row in enumerate(used)
        ]
    syndicated_path = args.data / SYNDICATED
    syndicated_all = read_jsonl(syndicated_path)
    syndicated = syndicated_all[: args.limit] if args.limit else syndicated_all
    if args.one_line:
        from bench.dedup_eval import on_one_line

        syndicated = [on_one_line(row) for row in syndicated]
    files.append((SYNDICATED, syndicated_path, len(syndicated_all), len(syndicated), sha256(syndicated_path)))

    sizes = Counter(task[0] for task in tasks)
    per_article = {d: np.zeros((sizes[d], len(SYSTEMS), len(METRICS))) for d in datasets}
    ringkas_dedup: Counter = Counter()
    sumy_dedup: Counter = Counter()
    context = multiprocessing.get_context("spawn" if sys.platform == "darwin" else "fork")
    with context.Pool(args.processes, initializer=_init_worker, initargs=(models,)) as pool:
        for dataset, index, scores in tqdm(
            pool.imap_unordered(_score_article, tasks, chunksize=8), total=len(tasks), desc="ROUGE", file=sys.stderr
        ):
            for s_index, system in enumerate(SYSTEMS):
                per_article[dataset][index, s_index] = [scores[system][m] for m in METRICS]
        chunks = _chunks(syndicated, 50)
        progress = tqdm(total=2 * len(syndicated), desc="headlines", file=sys.stderr)
        for chunk_total in pool.imap_unordered(_ringkas_headline_chunk, chunks):
            ringkas_dedup.update(chunk_total)
            progress.update(chunk_total["articles"])
        for chunk_total in pool.imap_unordered(_sumy_headline_chunk, chunks):
            sumy_dedup.update(chunk_total)
            progress.update(chunk_total["articles"])
        progress.close()

    stats = {d: bootstrap(per_article[d]) for d in datasets}
    dedup = {"Ringkas (default options)": ringkas_dedup, "sumy LexRank (PlaintextParser)": sumy_dedup}
    elapsed = time.perf_counter() - began
    print(rouge_table(stats, datasets))
    print()
    print(difference_table(per_article, datasets))
    print()
    print(dedup_table(dedup))
    # The committed reports are the shipped procedure's.
    default_report = not (args.limit or args.member_seed or args.lightgbm or args.members)
    output = args.output or (None if not default_report else ONE_LINE_OUTPUT if args.one_line else DEFAULT_OUTPUT)
    if output is not None:
        write_report(output, stats, per_article, datasets, dedup, files, command, elapsed, args.processes, args.one_line)
        print(f"\nwrote {output} ({elapsed:.0f} s)", file=sys.stderr)
    else:
        print(f"\n--limit, --member-seed, --lightgbm or --members run: report not written ({elapsed:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
