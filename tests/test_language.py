import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.exceptions import UnsupportedLanguage
from service.rank.vectors import tfidf_vectors
from service.select import NEAR_DUPLICATE
from tests.conftest import SEEDS, seed


@pytest.mark.parametrize(
    ("requested", "code"),
    [
        ("auto", None), ("id", "id"), ("EN", "en"), ("indonesian", "id"), ("English", "en"), (" greek ", "el"),
        ("ind", "id"), ("fra", "fr"), ("fre", "fr"), ("en-US", "en"), ("id_ID", "id"), ("zh-Hant", "zh"), ("in", "id"),
        ("klingon", None), ("xx-YY", None), ("und", None),
    ],
)
def test_resolve(resources, requested: str, code: str | None) -> None:
    """Codes of ISO 639-1, 639-2 and 639-3, language tags by their language, the code Java's Locale
    gives Indonesian (``in``), and English names; anything else is a 422 that points to the list."""
    if code is None and requested != "auto":
        with pytest.raises(UnsupportedLanguage, match="GET /v1/languages"):
            resources.languages.resolve(requested)
    else:
        assert resources.languages.resolve(requested) == code


@pytest.mark.parametrize(
    ("name", "code"),
    [("000_alibaba_id_double_headline.txt", "id"), ("001_en_headline_twice.txt", "en"), ("004_id_no_headline.txt", "id")],
)
def test_detect_seeds(resources, name: str, code: str) -> None:
    assert resources.detect_language(seed(name)) == code


def test_detect_falls_back_without_words(resources) -> None:
    assert resources.detect_language("!!! ??? ...") == resources.config.fallback_language == "en"


def test_shared_resources_take_the_new_configuration(resources) -> None:
    """Regression: an app built on shared resources used to keep their fallback and detection settings."""
    from service import create_app
    from service.config import Config

    unsure = create_app(Config.load({"fallback_language": "id", "language_detection_min_probability": 1.0}), resources=resources)
    english = "The port workers went on strike on Monday. Grain exports stopped. Talks resume next week."
    response = unsure.test_client().post("/v1/summarize", json={"text": english})
    assert response.status_code == 200 and response.get_json()["language"] == "id"
    languages = unsure.test_client().get("/v1/languages").get_json()
    assert languages["fallback"] == "id"
    short = create_app(Config.load({"language_detection_chars": 1}), resources=resources)
    assert short.test_client().post("/v1/summarize", json={"text": english}).get_json()["language"] == "en"


def test_unknown_fallback_language_is_a_configuration_error(resources) -> None:
    from service.config import Config, ConfigError

    with pytest.raises(ConfigError, match="fallback_language 'xx'"):
        resources.with_config(Config.load({"fallback_language": "xx"}))


def test_indonesian_terms_are_stemmed_without_stop_words(resources) -> None:
    terms = resources.languages.data("id").terms("Alibaba menghadirkan pengiriman untuk bersaing dengan Shein")
    assert terms == ["alibaba", "hadir", "irim", "saing", "shein"]


def test_english_terms(resources) -> None:
    assert resources.languages.data("en").terms("The dockworkers were striking at the ports") == ["dockwork", "strike", "port"]


def test_language_without_stemmer_still_tokenises(resources) -> None:
    info = resources.languages.catalogue["vi"]
    assert info.stemmer is None
    assert resources.languages.data("vi").terms("Thị trường chứng khoán tăng mạnh") != []


def test_unspaced_scripts_split_into_characters(resources) -> None:
    assert resources.languages.data("ja").tokens("東京株式市場") == ["東", "京", "株", "式", "市", "場"]


def test_unspaced_alphabets_split_into_letter_pairs(resources) -> None:
    """Thai letters are sounds: a token is a pair of adjacent letters (Latin runs stay whole; a
    tone mark, not a word character, ends a run as before)."""
    assert resources.languages.data("th").tokens("ราคาข้าว BTS") == ["รา", "าค", "คา", "าข", "าว", "bts"]
    assert resources.languages.data("th").tokens("ก") == ["ก"]


def test_distinct_thai_sentences_are_not_near_duplicates(resources) -> None:
    """As single letters, distinct Thai news sentences shared most tokens (a TF-IDF cosine of
    0.82 between two of these), so selection skipped real sentences as near-duplicates of chosen ones."""
    sentences = [
        "กรุงเทพมหานครประกาศแผนพัฒนาระบบขนส่งสาธารณะใหม่เมื่อวันจันทร์ที่ผ่านมา",
        "แผนนี้จะใช้งบประมาณหลายหมื่นล้านบาทในห้าปีข้างหน้าเจ้าหน้าที่ระบุว่ารถไฟฟ้าสายใหม่จะเชื่อมย่านธุรกิจสำคัญของเมือง",
        "ผู้เชี่ยวชาญเชื่อว่าแผนนี้จะช่วยลดปัญหารถติดได้มาก",
        "ราคาข้าวในตลาดปรับตัวสูงขึ้นต่อเนื่องเป็นสัปดาห์ที่สาม",
    ]
    data = resources.languages.data("th")
    vectors = np.asarray(tfidf_vectors(data.document_terms([data.tokens(s) for s in sentences])))
    cosines = vectors @ vectors.T
    np.fill_diagonal(cosines, 0.0)
    assert cosines.max() < NEAR_DUPLICATE


#: Every ASCII character, and non-ASCII ones that casefold to ASCII (ß, the Kelvin sign), are not
#: words (a no-break space, curly quotes) or are letters of spaced scripts (unspaced ones are
#: split further: test_unspaced_scripts_split_into_characters).
_TOKEN_TEXT = st.text(alphabet=st.one_of(st.characters(max_codepoint=127), st.sampled_from("ßKé’“\u00a0İЖ")), max_size=60)


@settings(max_examples=3000, deadline=None)
@given(_TOKEN_TEXT)
def test_tokens_are_the_word_matches_of_the_casefolded_text(resources, text: str) -> None:
    """The ASCII fast path (translate and split) and the regex path give \\w+'s matches."""
    data = resources.languages.data("en")
    assert data.tokens(text) == re.findall(r"\w+", text.casefold())


def test_catalogue_covers_packages(resources) -> None:
    catalogue = resources.languages.catalogue
    assert {"id", "en", "ms", "de", "zh"} <= set(catalogue)
    assert catalogue["id"].stemmer == "indonesian" and catalogue["id"].stop_words and catalogue["id"].detectable
    assert catalogue["id"].name == "Indonesian"


def test_the_numpy_walk_gives_py3langid_s_own_answers(resources) -> None:
    """The registry's detector walks py3langid's byte automaton with numpy: same labels, same
    probabilities (bit for bit) as py3langid's own loop, on text of every script and size."""
    import random

    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    reference = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ours = resources.languages._identifier
    rng = random.Random(12)
    seeds = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    texts = [seed[start : start + size] for seed in seeds for start in (0, 7, 301) for size in (1, 5, 60, 600)]
    texts += ["".join(rng.choice("aéß漢Жй .,\n🙂x") for _ in range(rng.randint(0, 50))) for _ in range(300)]
    texts += ["", "   ", "123 456", "HEADLINE IN CAPITALS", "\ufffd\x00\x7f"]
    assert ours._depth >= 1
    for text in texts:
        assert ours.classify(text) == reference.classify(text), text


def test_cached_terms_match_fresh_ones_and_the_cache_stays_bounded(resources, monkeypatch) -> None:
    """The per-word term cache gives the terms a fresh stemmer gives, full or not, and never
    grows past its bound."""
    import service.text.language as language

    cached = resources.languages.data("id")
    article = [cached.tokens(line) for line in seed("000_alibaba_id_double_headline.txt").splitlines() if line.strip()]
    fresh = language.LanguageData(code="id", stop_words=cached.stop_words, stem_words=cached.stem_words)
    expected = fresh.document_terms(article)
    assert cached.document_terms(article) == expected == cached.document_terms(article)
    monkeypatch.setattr(language, "MAX_CACHED_WORDS", 5)
    small = language.LanguageData(code="id", stop_words=cached.stop_words, stem_words=cached.stem_words)
    assert small.document_terms([["alibaba", "dengan"]]) == [["alibaba"]]
    assert small.term_cache == {"alibaba": "alibaba", "dengan": None}
    assert small.document_terms(article) == expected  # too many new words: looked up beside the cache
    assert len(small.term_cache) == 2
