"""Smoke tests of the benchmark's pure helpers on tiny inputs (no timing, no ../shared)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench._corpus import build_document, extrapolate, fit_exponent
from bench._harness import relative, running_server, write_section
from service.text.normalise import processing_view
from service.text.segment import split_lines, split_sentences

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
ENGLISH = [SEEDS / "001_en_headline_twice.txt", SEEDS / "002_en_no_headline.txt"]


def _sentence_count(text: str, language: str) -> int:
    view = processing_view(text)
    return sum(len(split_sentences(view, line, language)) for line in split_lines(view))


@pytest.mark.parametrize("size", [1, 5, 12])
def test_build_document_gives_exactly_n_sentences(size: int) -> None:
    articles = [path.read_text(encoding="utf-8") for path in ENGLISH]
    document = build_document(articles, language="en", sentences=size)
    assert len(document.sentences) == size
    assert _sentence_count(document.text, "en") == size
    assert all(sentence in document.text for sentence in document.sentences)
    # Deterministic, and a repeated paragraph (the seed's doubled headline) is taken once.
    assert build_document(articles, language="en", sentences=size) == document
    assert len(document.text.splitlines()) == len(set(document.text.splitlines()))


def test_build_document_respects_the_character_budget_and_runs_out_loudly() -> None:
    articles = [path.read_text(encoding="utf-8") for path in ENGLISH]
    document = build_document(articles, language="en", max_chars=600)
    assert 0 < len(document.text) <= 600
    with pytest.raises(ValueError, match="only"):
        build_document(articles, language="en", sentences=10_000)


def test_fit_exponent_recovers_the_growth_of_synthetic_data() -> None:
    sizes = [25, 100, 500, 1000, 2000]
    exponent, coefficient = fit_exponent(sizes, [3e-6 * n**2 for n in sizes])
    assert exponent == pytest.approx(2.0)
    assert coefficient == pytest.approx(3e-6)
    assert extrapolate((exponent, coefficient), 10_000) == pytest.approx(300.0)
    assert fit_exponent(sizes, [0.5 * n for n in sizes])[0] == pytest.approx(1.0)


def test_glue_and_the_segmentation_score_on_a_tiny_corpus() -> None:
    from bench._corpus import glue
    from bench.glued_eval import shift
    from bench.segmentation import as_sent, report, score

    text, dropped = glue("Headline here\r\nFirst sentence. Second one.\nThird.")
    assert text == "Headline hereFirst sentence. Second one.Third."
    assert text[slice(*shift([15, 30], dropped))] == "First sentence."
    article = 'He said. "It is over. We lost," she said.\nNext line.'
    rows = [{"text": article, "reference": '"It is over.\nNext line.\nAbsent.'}]
    counts, misses = score(rows, "en", "stored")
    assert (counts["found"], counts["one"], misses) == (2, 2, [])
    glued_counts, _ = score(rows, "en", "glued")
    assert glued_counts["found"] == 2
    assert as_sent("Headline here\nFirst sentence.", "spaces") == "Headline here First sentence."
    flat, flat_misses = score([{"text": "Headline here\nFirst sentence.", "reference": "Headline here"}], "en", "spaces")
    assert (flat["found"], flat["one"], flat_misses) == (1, 0, [("Headline here", ["Headline here First sentence."])])
    assert "| a table |" in report(["| a table |"])


def test_running_server_serves_then_stops_and_reports_relative_paths() -> None:
    import urllib.request

    with (
        running_server("bench._harness:bare_app()") as server,
        urllib.request.urlopen(server.url + "/anything", data=b"body", timeout=10) as response,
    ):
        assert response.read() == b"ok"
    with pytest.raises(OSError):
        urllib.request.urlopen(server.url + "/", timeout=2)
    assert relative(SEEDS / "README.md") == "seeds/README.md"
    assert relative(SEEDS.parents[1] / "shared" / "data") == "../shared/data"


def test_trigram_blocking_skips_a_sentence_repeating_three_words_of_a_chosen_one() -> None:
    import numpy as np

    from bench.train import Doc
    from bench.train_selection import trigram_blocking

    sentences = [
        "The central bank raised rates on Tuesday.",
        "Analysts said the central bank raised rates too early.",  # shares "the central bank"
        "Shares fell in Jakarta after the decision.",
        "Ineligible sentence with the highest score.",
        "The rupiah weakened against the dollar.",
    ]
    doc = Doc(
        id="x",
        corpus="indosum",
        file="f",
        language="en",
        reference="",
        sentences=sentences,
        features=np.zeros((5, 1)),
        labels=np.zeros(5),
        word_counts=[7, 9, 7, 6, 6],
        vectors=np.eye(5),
        eligible=np.array([True, True, True, False, True]),
    )
    scores = np.array([0.9, 0.8, 0.5, 1.0, 0.4])
    assert trigram_blocking(doc, scores) == [0, 2, 4]


def test_scaling_ab_compares_summaries_without_their_timing() -> None:
    from bench.scaling_ab import _answer

    first = {"summary": "A.", "stats": {"sentences": 3, "elapsed_ms": 1.5}}
    assert _answer(first) == _answer({**first, "stats": {"sentences": 3, "elapsed_ms": 9.0}})
    assert _answer(first) != _answer({**first, "summary": "B."})
    assert first["stats"]["elapsed_ms"] == 1.5  # the summary itself is not changed


def _doc(corpus: str, sentences: int) -> object:
    import numpy as np

    from bench.train import Doc
    from service.rank.features import FEATURE_NAMES

    rng = np.random.default_rng(sentences)
    return Doc(
        id=f"{corpus}{sentences}",
        corpus=corpus,
        file="f",
        language="en",
        reference="",
        sentences=["s"] * sentences,
        features=rng.random((sentences, len(FEATURE_NAMES))),
        labels=np.zeros(sentences),
        word_counts=[5] * sentences,
        vectors=np.eye(sentences),
        eligible=np.ones(sentences, dtype=bool),
    )


def test_length_balanced_weights_split_each_band_equally_between_the_corpora() -> None:
    import numpy as np

    from bench.train_renderings import length_balanced_weights

    # Short band: 1 BBC + 3 IndoSum documents; long band: 3 BBC + 1 IndoSum.
    short = [_doc("bbc", 5), *[_doc("indosum", 6 + i) for i in range(3)]]
    docs = [*short, *[_doc("bbc", 40 + i) for i in range(3)], _doc("indosum", 50)]
    weights = length_balanced_weights(docs)  # type: ignore[arg-type]
    assert np.isclose(weights.sum(), 1.0)
    for band in (slice(0, 4), slice(4, 8)):
        corpora = np.array([d.corpus for d in docs[band]])  # type: ignore[attr-defined]
        assert np.isclose(weights[band][corpora == "bbc"].sum(), 0.25)
        assert np.isclose(weights[band][corpora == "indosum"].sum(), 0.25)


def test_lede_columns_are_constant_over_the_document_and_rank_the_first_sentence() -> None:
    import numpy as np

    from bench.train_renderings import LEDE_FEATURES, with_lede
    from service.rank.features import FEATURE_NAMES

    doc = _doc("bbc", 6)
    lexrank = FEATURE_NAMES.index("lexrank")
    doc.features[:, lexrank] = [0.9, 0.1, 0.2, 0.3, 0.4, 0.5]  # type: ignore[attr-defined]
    extended = with_lede(doc, LEDE_FEATURES)  # type: ignore[arg-type]
    added = extended.features[:, len(FEATURE_NAMES) :]
    assert added.shape == (6, len(LEDE_FEATURES)) and np.all(added == added[0])
    assert added[0, LEDE_FEATURES.index("lede_lexrank_rank")] == 0.0  # the first sentence ranks first by LexRank


def test_bm25_textrank_variants_are_distributions() -> None:
    import numpy as np

    from bench.textrank_variants import VARIANTS

    terms = [["bank", "rate", "rise"], ["bank", "rate", "cut", "cut"], ["rupiah", "fall"], ["bank", "rupiah"]]
    for name, scores in VARIANTS.items():
        values = scores(terms)
        assert values.shape == (4,) and np.isclose(values.sum(), 1.0) and np.all(values > 0), name


def test_transfer_scores_every_system_on_a_csv_in_the_cnn_layout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import csv

    from bench import transfer

    body = ENGLISH[1].read_text(encoding="utf-8")
    first = split_lines(processing_view(body))[0]
    path = tmp_path / "sample.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "article", "highlights"])
        writer.writeheader()
        # The reference is the article's first paragraph: LEAD-3 after cleaning finds it whole,
        # while the by-line block in front takes LEAD-3's first places.
        writer.writerow(
            {
                "id": "a",
                "article": "By . Sam Webb . PUBLISHED: . 14:11 EST, 25 October 2013 . " + body,
                "highlights": body[first[0] : first[1]],
            }
        )
    rows = list(transfer.read_rows(path, "en"))
    assert [(row["id"], row["lang"]) for row in rows] == [("a", "en")]
    assert transfer.main([str(path), "--priors", "0.5"]) == 0
    printed = capsys.readouterr().out
    # Rows of the means table: "| system | R1 [low, high] | …"; the differences have signed cells.
    means = {match[1]: float(match[2]) for match in re.finditer(r"^\| ([^|]+?) \| (\d+\.\d+) \[", printed, re.M)}
    assert set(means) == {*transfer.SYSTEMS, "Ringkas default, position_prior=0.5"}
    assert means["LEAD-3 after cleaning"] > means["LEAD-3"]
    assert "Ringkas default − LEAD-3 after cleaning" in printed


def test_transfer_reads_named_columns_and_cuts_a_one_paragraph_reference_into_sentences(tmp_path: Path) -> None:
    import csv

    from bench import transfer

    path = tmp_path / "berita.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["isi_berita", "Summary"])
        writer.writeheader()
        writer.writerow({"isi_berita": "Harga beras naik. Pemerintah menambah stok.", "Summary": "Harga naik. Stok ditambah."})
        writer.writerow({"isi_berita": "Tanpa ringkasan.", "Summary": " "})  # no reference: skipped
    rows = list(transfer.read_rows(path, "id", "isi_berita", "Summary"))
    assert [(row["id"], row["lang"], row["reference"]) for row in rows] == [("0", "id", "Harga naik.\nStok ditambah.")]


def _outside_csv(tmp_path: Path) -> Path:
    """The two English seeds as a CNN-layout CSV, each referenced by its own first paragraph."""
    import csv

    path = tmp_path / "outside.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["article", "highlights"])
        writer.writeheader()
        for seed in ENGLISH:
            body = seed.read_text(encoding="utf-8")
            first = split_lines(processing_view(body))[1]
            writer.writerow({"article": body, "highlights": body[first[0] : first[1]]})
    return path


def test_transfer_docs_are_the_articles_on_one_line_analysed_as_training_analyses_them(tmp_path: Path) -> None:
    from bench.train import training_resources
    from bench.transfer import transfer_docs
    from service.rank.features import FEATURE_NAMES

    docs = transfer_docs(_outside_csv(tmp_path), "en", training_resources())
    assert [doc.corpus for doc in docs] == ["outside", "outside"]
    for doc, seed in zip(docs, ENGLISH, strict=True):
        body = " ".join(seed.read_text(encoding="utf-8").split())
        assert all(" ".join(sentence.split()) in body for sentence in doc.sentences)
        assert doc.features.shape == (len(doc.sentences), len(FEATURE_NAMES))
    # The doubled headline of the first seed is stripped as the service strips it.
    headline = ENGLISH[0].read_text(encoding="utf-8").splitlines()[0].strip()
    assert headline not in docs[0].sentences


def test_a_lead_only_variant_scores_exactly_lead_3_after_cleaning_on_outside_news(tmp_path: Path) -> None:
    import numpy as np

    from bench import train
    from bench.train_renderings import _position_prior as position_prior
    from bench.train_renderings import transfer_row
    from bench.transfer import transfer_docs
    from service.rank.features import FEATURE_NAMES
    from service.rank.learned import LearnedScorer

    docs = transfer_docs(_outside_csv(tmp_path), "en", train.training_resources())
    width = len(FEATURE_NAMES)
    weights = -10.0 * (np.arange(width) == FEATURE_NAMES.index("position_log"))  # later sentences: lower logits
    lead = LearnedScorer(FEATURE_NAMES, np.zeros(width), np.ones(width), weights, 0.0)
    scorers = {"en": train.Rouge("en")}
    row = transfer_row("lead", lead, lambda doc: doc, {"outside.csv": docs}, scorers)
    assert row == "| lead | +0.00 / +0.00 / +0.00 |"
    # Preferring the last sentences instead is worse than the lead on references taken from it.
    last = LearnedScorer(FEATURE_NAMES, np.zeros(width), np.ones(width), -weights, 0.0)
    later = transfer_row("last", last, lambda doc: doc, {"outside.csv": docs}, scorers)
    values = [float(value) for value in re.findall(r"[+-]\d+\.\d+", later)]
    assert len(values) == 3 and all(value < 0 for value in values)
    # A logit shift applies before selection: a steep position prior turns that model into the lead.
    shifted = transfer_row("last, prior 50", last, lambda doc: doc, {"outside.csv": docs}, scorers, position_prior(50.0))
    assert shifted == "| last, prior 50 | +0.00 / +0.00 / +0.00 |"


def test_a_lede_bonus_raises_only_the_first_sentence() -> None:
    import numpy as np

    from bench.train_renderings import LOGIT_SHIFTS, shifted_softmax

    doc = _doc("bbc", 5)
    raw = np.array([0.0, 2.0, 1.0, 0.5, 0.0])
    plain = shifted_softmax(raw, doc, lambda logits, _doc: logits)  # type: ignore[arg-type]
    raised = shifted_softmax(raw, doc, LOGIT_SHIFTS["lede bonus b = 2"])  # type: ignore[arg-type]
    assert np.isclose(raised.sum(), 1.0) and raised[0] > plain[0]
    assert np.allclose(raised[1:] / raised[1], plain[1:] / plain[1])  # the others keep their ratios
    assert np.argmax(shifted_softmax(raw, doc, LOGIT_SHIFTS["lede bonus b = 50"])) == 0  # type: ignore[arg-type]


def test_the_corpus_probe_finds_the_feature_that_tells_two_corpora_apart() -> None:

    from bench.corpus_probe import probe
    from service.rank.features import FEATURE_NAMES

    docs = [_doc("bbc", 8 + i % 5) for i in range(30)] + [_doc("indosum", 8 + i % 5) for i in range(30)]
    numerals = FEATURE_NAMES.index("numerals")
    for doc in docs[:30]:
        doc.features[:, numerals] += 2.0  # type: ignore[attr-defined]
    separated, shares = probe(docs, ["numerals"], {"like bbc": docs[:5], "like indosum": docs[30:35]})  # type: ignore[arg-type]
    assert separated == 1.0
    assert shares == {"like bbc": 1.0, "like indosum": 0.0}
    blind, _ = probe(docs, ["textrank"])  # type: ignore[arg-type]  # the same random draws in both corpora
    assert blind < 0.8


def test_lede_similarity_is_the_cosine_with_the_first_sentence_or_the_mean_with_the_first_three() -> None:
    import numpy as np
    from scipy import sparse

    from bench.train_renderings import with_lede_similarity
    from service.rank.features import FEATURE_NAMES

    doc = _doc("bbc", 4)
    rows = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.6, 0.8]])  # unit-length TF-IDF rows
    for vectors in (rows, sparse.csr_matrix(rows)):
        doc.vectors = vectors  # type: ignore[attr-defined]
        first = with_lede_similarity(doc, 1).features  # type: ignore[arg-type]
        lead = with_lede_similarity(doc, 3).features  # type: ignore[arg-type]
        assert first.shape == lead.shape == (4, len(FEATURE_NAMES) + 1)
        assert np.allclose(first[:, -1], [1.0, 1.0, 0.0, 0.6])
        # Each lead sentence against the other two; a later one against all three.
        assert np.allclose(lead[:, -1], [0.5, 0.5, 0.0, (0.6 + 0.6 + 0.8) / 3])
        assert np.array_equal(first[:, :-1], doc.features)  # type: ignore[attr-defined]


def test_one_line_rows_keep_their_spans() -> None:
    from bench.dedup_eval import on_one_line

    row = {"text": "Headline\r\nHeadline\nBody sentence.", "headline_spans": [[0, 8], [10, 18]], "body_spans": [[19, 33]]}
    flat = on_one_line(row)
    assert "\n" not in flat["text"] and "\r" not in flat["text"] and len(flat["text"]) == len(row["text"])
    assert [flat["text"][a:b] for a, b in flat["headline_spans"]] == ["Headline", "Headline"]
    assert flat["text"][19:33] == "Body sentence." and row["text"].startswith("Headline\r\n")  # the row is not changed


@pytest.mark.parametrize("separator", ["\n", " ", ""])
def test_headline_kinds_render_every_piece_at_its_span(separator: str) -> None:
    from bench.headline_kinds import _copies, _render

    body = [("First body line.", "body"), ("Second body line.", "body")]
    for build in _copies("Markets tumble on rate fears", "en").values():
        pieces = build(body)
        text, spans = _render(pieces, separator)
        assert [text[a:b] for a, b, _ in spans] == [piece for piece, _ in pieces]
        assert [kind for *_, kind in spans] == [kind for _, kind in pieces]


def test_oracle_on_top_raises_the_oracle_sentences_and_keeps_the_other_grades() -> None:
    from dataclasses import replace

    import numpy as np

    from bench.train_renderings import with_oracle_on_top

    sentences = [
        "The council met on Monday.",
        "Critics said the plan was rushed.",
        "It was sunny.",
        "The council approved the budget for schools.",
        "A vote is due in May.",
    ]
    doc = replace(
        _doc("bbc", 5),  # type: ignore[type-var]
        sentences=sentences,
        reference="Critics said the plan was rushed.\nThe council approved the budget for schools.",
        labels=np.array([1.0, 0, 0, 0, 1.0]),  # two positives: both on the top grade as shipped
    )
    graded = with_oracle_on_top(doc, 1.0, {}).grades  # type: ignore[arg-type]
    np.testing.assert_array_equal(graded, [3, 3, 0, 3, 3])
    assert doc.grades is None  # the document itself is left as it was


def test_word_frequency_columns_count_each_terms_other_occurrences_and_the_mass_covered() -> None:
    import math
    from dataclasses import replace

    import numpy as np

    from bench.train_renderings import with_word_frequency
    from service.rank.features import FEATURE_NAMES
    from service.text.language import LanguageRegistry

    languages = LanguageRegistry()
    sentences = ["Harbour port ship.", "Harbour port crane.", "Rain."]
    data = languages.data("en")
    terms = data.document_terms([data.tokens(s) for s in sentences])
    assert terms == [["harbour", "port", "ship"], ["harbour", "port", "crane"], ["rain"]]
    doc = replace(_doc("bbc", 3), sentences=sentences)  # type: ignore[type-var]
    added = with_word_frequency(doc, ("recurrence", "coverage"), languages).features  # type: ignore[arg-type]
    assert added.shape == (3, len(FEATURE_NAMES) + 2)
    # harbour and port each occur once in another sentence, ship, crane and rain nowhere else.
    np.testing.assert_allclose(added[:, -2], [2 * math.log(2) / 3, 2 * math.log(2) / 3, 0.0], rtol=1e-6)
    # Seven term occurrences: the first two sentences' terms cover 2 + 2 + 1 of them, rain 1.
    np.testing.assert_allclose(added[:, -1], [5 / 7, 5 / 7, 1 / 7], rtol=1e-6)
    np.testing.assert_array_equal(added[:, :-2], doc.features)  # type: ignore[attr-defined]



def test_degree_columns_sum_each_sentences_edges_relative_to_the_documents_mean() -> None:
    import math
    from dataclasses import replace

    import numpy as np

    from bench.train_renderings import DEGREES, with_degrees
    from service.rank.features import FEATURE_NAMES
    from service.rank.vectors import tfidf_vectors
    from service.text.language import LanguageRegistry

    languages = LanguageRegistry()
    sentences = ["Harbour port ship.", "Harbour port crane.", "Rain."]
    data = languages.data("en")
    terms = data.document_terms([data.tokens(s) for s in sentences])
    doc = replace(_doc("bbc", 3), sentences=sentences, vectors=tfidf_vectors(terms))  # type: ignore[type-var]
    added = with_degrees(doc, DEGREES, languages).features  # type: ignore[arg-type]
    assert added.shape == (3, len(FEATURE_NAMES) + 4)
    # TextRank: the first two share harbour and port, 2 / (log 3 + log 3); rain shares nothing.
    np.testing.assert_allclose(added[:, -4], [1.5, 1.5, 0.0], rtol=1e-6)
    # With sumy's self-loops: each sentence's own terms, 3 / (2 log 3), and rain's single term 1.
    shared, own = 1 / math.log(3), 3 / (2 * math.log(3))
    with_self = np.array([shared + own, shared + own, 1.0])
    np.testing.assert_allclose(added[:, -3], with_self / with_self.mean(), rtol=1e-6)
    # LexRank: one cosine edge between the first two (relative degree 1.5 each), which is over
    # the threshold: half of the other sentences each, none for rain.
    np.testing.assert_allclose(added[:, -2], [1.5, 1.5, 0.0], rtol=1e-6)
    np.testing.assert_allclose(added[:, -1], [0.5, 0.5, 0.0], rtol=1e-6)
    np.testing.assert_array_equal(added[:, :-4], doc.features)  # type: ignore[attr-defined]


def test_the_worst_check_bench_finds_the_same_copies_in_both_stores(tmp_path: Path, redis_server) -> None:  # type: ignore[no-untyped-def]
    """bench.headline_check_worst on a tiny shape (8-word headlines out of 14 words, so that some
    checked ones are near-copies of remembered ones): SQLite and a real Redis answer alike."""
    from bench.headline_check_worst import worst_check

    sqlite, _, _ = worst_check("", tmp_path, 400, 60, 8, 14)
    redis, _, _ = worst_check(redis_server.url, tmp_path, 400, 60, 8, 14)
    assert len(sqlite) == 60 and any(r.status == "duplicate" for r in sqlite)
    assert [(r.id, r.status, r.duplicate_of, r.similarity) for r in sqlite] == [
        (r.id, r.status, r.duplicate_of, r.similarity) for r in redis
    ]


def test_a_benchmark_section_is_replaced_on_every_run_and_nothing_else_moves(tmp_path: Path) -> None:
    """``make soak`` appended a new "Soak" section on every run (the report held two); each
    generated section now replaces the one it wrote before, between its markers."""
    report = tmp_path / "PERFORMANCE.md"
    report.write_text("# Performance\n\nHand-written analysis.\n", encoding="utf-8")
    write_section(report, "soak", ["## Soak", "", "| 1 | pass |"])
    write_section(report, "batch-bench", ["## Corpus throughput", "", "1.57x"])
    write_section(report, "soak", ["## Soak", "", "| 2 | pass |"])
    text = report.read_text(encoding="utf-8")
    assert text.count("## Soak") == 1 and "| 2 | pass |" in text and "| 1 | pass |" not in text
    assert text.index("Hand-written analysis.") < text.index("## Soak") < text.index("## Corpus throughput")
    assert text == (
        "# Performance\n\nHand-written analysis.\n\n"
        "<!-- soak:begin -->\n## Soak\n\n| 2 | pass |\n<!-- soak:end -->\n\n"
        "<!-- batch-bench:begin -->\n## Corpus throughput\n\n1.57x\n<!-- batch-bench:end -->\n"
    )


def test_the_performance_report_holds_each_generated_section_once() -> None:
    text = (Path(__file__).resolve().parents[1] / "docs" / "PERFORMANCE.md").read_text(encoding="utf-8")
    for name in ("soak", "batch-bench", "headlines-bench"):
        assert text.count(f"<!-- {name}:begin -->") == 1 and text.count(f"<!-- {name}:end -->") == 1
    for heading in ("## Soak", "## Corpus throughput", "## Cross-article headline dedup"):
        assert text.count(heading) == 1


def test_outside_samples_are_built_as_bench_transfer_reads_them(tmp_path: Path) -> None:
    """bench.outside_samples (EVALUATION.md rounds 8 and 27): frank's CNN/DailyMail files give
    their tokenised highlights as running text, one a line; its XSum files their one summary;
    a .story file its paragraphs as lines and its @highlight lines as the reference."""
    import json

    from bench.outside_samples import main

    frank = tmp_path / "frank"
    frank.mkdir()
    cnn = {"id": "dm-test-1", "article": "Gary Locke will be confirmed. More text.",
           "bart_reference": "Gary Locke will be confirmed as Kilmarnock boss on Friday . The club went unbeaten "
           "during Locke 's first six games in charge . `` It 's great , '' he said ( twice ) ."}
    (frank / "a.json").write_text(json.dumps(cnn), encoding="utf-8")
    for name, xsum in (("b", {"hash": "37", "article": "A BBC story.", "Gold": " A summary. "}),
                       ("c", {"hash": "38", "article": "Another.", "reference": "Its summary."})):
        (frank / f"{name}.json").write_text(json.dumps(xsum), encoding="utf-8")
    cnndm_out, xsum_out = tmp_path / "cnndm.jsonl", tmp_path / "xsum.jsonl"
    assert main(["frank", str(frank), str(cnndm_out), str(xsum_out)]) == 0
    [row] = [json.loads(line) for line in cnndm_out.read_text(encoding="utf-8").splitlines()]
    assert row["reference"].split("\n") == [
        "Gary Locke will be confirmed as Kilmarnock boss on Friday.",
        "The club went unbeaten during Locke's first six games in charge.",
        '"It\'s great," he said (twice).',
    ]
    assert [json.loads(line)["reference"] for line in xsum_out.read_text(encoding="utf-8").splitlines()] == [
        "A summary.", "Its summary."
    ]

    stories = tmp_path / "stories"
    stories.mkdir()
    for k in range(3):
        story = f"(CNN) -- First paragraph {k}.\n\nSecond paragraph.\n\n@highlight\n\nA highlight\n\n@highlight\n\nAnother one!\n"
        (stories / f"cnn_{k}.story").write_text(story, encoding="utf-8")
    (stories / "empty.story").write_text("@highlight\n\nNo body\n", encoding="utf-8")
    output = tmp_path / "stories.jsonl"
    assert main(["stories", str(stories), str(output), "--count", "4", "--seed", "0"]) == 0
    rows = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 3  # the story without a body is left out
    first = next(row for row in rows if row["id"] == "cnn_0.story")
    assert first["text"] == "(CNN) -- First paragraph 0.\nSecond paragraph."
    assert first["reference"] == "A highlight.\nAnother one!"
