"""Languages: detection, names, stop words and stemmers — all from installed packages.

No data is downloaded: py3langid ships its model, sumy and stopwordsiso their stop-word lists
(``text/stopwords.py``), and snowballstemmer (fast through PyStemmer) its algorithms. A
:class:`LanguageRegistry` is built once per process and injected; per-language resources are
built on first use and then shared, read-only, by every request.
"""

from __future__ import annotations

import dataclasses
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pycountry
import snowballstemmer
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from ..exceptions import UnsupportedLanguage
from .segment import sentence_rules
from .shape import IDEOGRAPHIC_RANGES
from .stopwords import load_stop_words, stop_word_languages

# Snowball algorithm names -> ISO 639-1 codes. "porter" and "dutch_porter" are older variants of
# "english" and "dutch" and are not offered.
SNOWBALL_CODES = {
    "arabic": "ar", "armenian": "hy", "basque": "eu", "catalan": "ca", "czech": "cs", "danish": "da",
    "dutch": "nl", "english": "en", "esperanto": "eo", "estonian": "et", "finnish": "fi", "french": "fr",
    "german": "de", "greek": "el", "hindi": "hi", "hungarian": "hu", "indonesian": "id", "irish": "ga",
    "italian": "it", "lithuanian": "lt", "nepali": "ne", "norwegian": "no", "persian": "fa", "polish": "pl",
    "portuguese": "pt", "romanian": "ro", "russian": "ru", "serbian": "sr", "sesotho": "st", "spanish": "es",
    "swedish": "sv", "tamil": "ta", "turkish": "tr", "yiddish": "yi",
}
_STEMMER_FOR_CODE = {code: name for name, code in SNOWBALL_CODES.items()}
# py3langid labels that are not languages a client would ask for.
_NOT_LANGUAGES = {"zxx"}
#: Alphabets written without spaces between words (Thai, Lao, Myanmar, Khmer): their letters are
#: sounds, not morphemes, so a token is a pair of adjacent letters (a run of one letter is
#: itself). As single letters, every two sentences shared most of their tokens: TF-IDF cosines of
#: 0.5–0.8 between distinct Thai news sentences (0.1–0.25 as letter pairs), so the graph could not
#: tell them apart and selection skipped real sentences as near-duplicates (NEAR_DUPLICATE).
_UNSPACED_LETTERS = r"\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff"
# Scripts written without spaces between words: each ideograph (a morpheme: the usual unit of
# CJK retrieval) is a token of its own, and the alphabets above are read as letter pairs.
_UNSPACED = re.compile(rf"[{IDEOGRAPHIC_RANGES}{_UNSPACED_LETTERS}]")
_LETTER_RUN = re.compile(rf"[{_UNSPACED_LETTERS}]+")
_TOKEN = re.compile(r"\w+")
#: Bytes of ASCII text with every non-word character (not ``[A-Za-z0-9_]``, which is all
#: ``\w`` matches in ASCII) turned into a space: for ASCII text, splitting the translated bytes
#: gives exactly ``_TOKEN.findall``'s words, about 2.5× faster (most news sentences are ASCII).
_ASCII_WORD_BREAKS = bytes(byte if chr(byte).isalnum() or chr(byte) == "_" else 32 for byte in range(128)) + bytes(
    range(128, 256)
)
#: Words whose index term is cached, per language (about 100 bytes each: at most ~20 MB).
MAX_CACHED_WORDS = 200_000


#: ISO 639-1 codes withdrawn in 1989 that clients still send: Java's ``Locale`` gave ``in`` for
#: Indonesian until Java 17.
_WITHDRAWN_CODES = {"in": "id", "iw": "he", "ji": "yi"}


def _two_letter_code(code: str) -> str:
    """The ISO 639-1 code of an ISO 639-1, 639-2 (T or B) or 639-3 code (``ind``, ``fre``), as
    pycountry has them; the code itself when there is none."""
    record = None
    if len(code) == 3 and code.isascii() and code.isalpha():
        record = pycountry.languages.get(alpha_3=code) or pycountry.languages.get(bibliographic=code)
    return getattr(record, "alpha_2", code)


def language_name(code: str) -> str:
    """English name of an ISO 639 code, as pycountry has it (the code itself when unknown)."""
    record = pycountry.languages.get(alpha_2=code) if len(code) == 2 else pycountry.languages.get(alpha_3=code)
    return str(record.name) if record is not None else code


@dataclass(frozen=True)
class LanguageInfo:
    """What the service has for one language (the rows of ``GET /v1/languages``)."""

    code: str
    name: str
    detectable: bool
    stop_words: bool
    stemmer: str | None
    #: How its sentences are found (``segment.sentence_rules``): ``sentencex`` or ``spaces``.
    sentences: str


@dataclass(frozen=True)
class LanguageData:
    """Read-only resources of one language, shared by all requests."""

    code: str
    stop_words: frozenset[str]
    stem_words: Callable[[list[str]], list[str]] | None = field(default=None, compare=False)
    #: word -> its index term (``None``: a stop word); see :meth:`document_terms`.
    term_cache: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)

    def tokens(self, text: str) -> list[str]:
        """Lower-cased word tokens; kana and CJK ideographs one each, Thai, Lao, Myanmar and Khmer
        as pairs of adjacent letters (see ``_split_unspaced``)."""
        folded = text.casefold()
        if folded.isascii():
            return folded.encode("ascii").translate(_ASCII_WORD_BREAKS).decode("ascii").split()
        words = _TOKEN.findall(folded)
        if _UNSPACED.search(text):
            words = [piece for word in words for piece in _split_unspaced(word)]
        return words

    def terms(self, text: str) -> list[str]:
        """Index terms of a sentence: tokens minus stop words, stemmed where a stemmer exists."""
        return self.document_terms([self.tokens(text)])[0]

    def document_terms(self, sentences: Sequence[list[str]]) -> list[list[str]]:
        """Index terms of every sentence of a document, given their :meth:`tokens`.

        Each word's term (its stem, or ``None`` for a stop word) is kept in a per-language cache
        bounded at ``MAX_CACHED_WORDS`` words: news repeats its vocabulary, so after warm-up a
        document costs one dictionary lookup per token. Words not cached yet are stemmed in a
        single stemmer call (the per-call cost dominates on short sentences). The cache only
        grows, and only up to its bound, so concurrent requests never see a word vanish.
        """
        cache = self.term_cache
        new: dict[str, str | None] = {word: None for tokens in sentences for word in tokens if word not in cache}
        lookup = cache
        if new:
            content = [word for word in new if word not in self.stop_words]
            if content:
                new.update(zip(content, self.stem_words(content) if self.stem_words is not None else content, strict=True))
            if len(cache) + len(new) <= MAX_CACHED_WORDS:
                cache.update(new)
            else:  # full: this document's new words are looked up in their own dictionary
                lookup = {**{word: cache[word] for tokens in sentences for word in tokens if word not in new}, **new}
        return [[term for word in tokens if (term := lookup[word]) is not None] for tokens in sentences]


class _Identifier(LanguageIdentifier):  # type: ignore[misc]  # py3langid ships no types
    """py3langid's classifier, with its byte automaton walked by numpy: the same answers, ~10× faster.

    py3langid counts its features by walking an Aho–Corasick automaton over the text's bytes, one
    Python step per byte (most of a seed request's detection time). The automaton's state after a
    byte is the longest suffix of the text so far that is a node of its trie, so it depends only
    on the last ``depth`` bytes (``depth``: the deepest node). All states are therefore found at
    once by ``depth`` vectorised steps, each reading the byte ``k`` places back, started from the
    root. The counts are handed over in first-occurrence order, as py3langid's ``Counter`` holds
    them, so even the floating-point sums are the same (tests/test_language.py compares both).
    Only ``_raw_score`` is replaced; it and the tables it reads are py3langid 0.4's internals.
    """

    __slots__ = ("_depth", "_next", "_no_features", "_outputs", "_rows", "_table_bits", "_widen")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._next = np.frombuffer(self.tk_nextmove, dtype=np.uint32)
        self._rows = np.asarray(self._rowbase, dtype=np.intp)
        self._outputs = np.asarray(self.tk_output, dtype=np.intp)
        self._depth = self._trie_depth()
        # py3langid's scores of a text without features (its fill value, the same for any text),
        # taken once, so that the Python lists its own walk reads can go: 2 × 104,582 ints, ~9 MB
        # of every worker's memory (the numpy copies above replace them).
        self._no_features: np.ndarray = super()._raw_score(b"")
        del self._rowbase, self.tk_output, self.tk_row
        # py3langid 0.4 stores its table as float16: every bit pattern's float32 value (256 KB).
        self._widen: np.ndarray | None = None
        if self.nb_ptc.dtype == np.float16:
            self._table_bits = self.nb_ptc.view(np.uint16)
            self._widen = np.arange(1 << 16, dtype=np.uint32).astype(np.uint16).view(np.float16).astype(np.float32)

    def _trie_depth(self) -> int:
        """Breadth-first distance of the farthest state from the root: the deepest trie node."""
        seen = np.zeros(len(self._rows), dtype=bool)
        seen[0] = True
        frontier, depth = np.zeros(1, dtype=np.intp), 0
        table = self._next.reshape(-1, 256)  # one row of 256 successors per distinct state row
        rows = self._rows >> 8
        while True:
            reached = np.zeros(len(self._rows), dtype=bool)
            reached[table[np.unique(rows[frontier])].ravel()] = True
            frontier = np.flatnonzero(reached & ~seen)
            if not frontier.size:
                return depth
            seen[frontier] = True
            depth += 1

    def _raw_score(self, text: bytes) -> np.ndarray:
        data = np.frombuffer(text, dtype=np.uint8).astype(np.intp)
        states = np.zeros(len(data), dtype=np.intp)
        for back in range(self._depth - 1, -1, -1):  # the byte `back` places before each position
            if back < len(data):
                states[back:] = self._next[self._rows[states[back:]] + data[: len(data) - back]]
        features = self._outputs[states]
        features = features[features >= 0]
        if not features.size:
            return self._no_features.copy()  # the caller scales the scores in place
        # Distinct features in order of first occurrence, with their counts (one stable sort).
        order = np.argsort(features, kind="stable")
        ranked = features[order]
        starts = np.flatnonzero(np.concatenate(([True], ranked[1:] != ranked[:-1])))
        counts = np.diff(np.append(starts, len(ranked)))
        by_first = np.argsort(order[starts], kind="stable")
        found, counts = ranked[starts][by_first], counts[by_first]
        # py3langid's ``log1p(counts) @ nb_ptc[found]``, its float16 rows widened through a lookup
        # table: exact, and about twice as fast as numpy's own float16 cast (most of the matmul).
        rows = self.nb_ptc[found] if self._widen is None else np.take(self._widen, self._table_bits[found])
        scores: np.ndarray = np.log1p(counts.astype(np.float32)) @ rows + self.nb_pc
        return scores


def _split_unspaced(word: str) -> Iterable[str]:
    """Split a token at every character of an unspaced script, keeping runs of other letters;
    a run of Thai, Lao, Myanmar or Khmer letters becomes its overlapping letter pairs."""
    run = ""
    position = 0
    while position < len(word):
        ch = word[position]
        if not _UNSPACED.match(ch):
            run += ch
            position += 1
            continue
        if run:
            yield run
            run = ""
        letters = _LETTER_RUN.match(word, position)
        if letters is None:  # an ideograph
            yield ch
            position += 1
            continue
        text = letters.group()
        yield from ([text] if len(text) == 1 else (text[i : i + 2] for i in range(len(text) - 1)))
        position = letters.end()
    if run:
        yield run


class LanguageRegistry:
    """Language catalogue, detector and per-language resources for one process.

    It holds data only, no settings: how much text to read and when to fall back are the
    caller's configuration, passed to :meth:`detect`, so one registry (a second of loading)
    can serve apps with different configurations.
    """

    def __init__(self) -> None:
        self._identifier = _Identifier.from_model_file(MODEL_FILE, norm_probs=True)
        detectable = set(self._identifier.nb_classes) - _NOT_LANGUAGES
        stop_langs = stop_word_languages()
        codes = detectable | stop_langs | set(_STEMMER_FOR_CODE)
        self.catalogue: dict[str, LanguageInfo] = {
            code: LanguageInfo(
                code=code,
                name=language_name(code),
                detectable=code in detectable,
                stop_words=code in stop_langs,
                stemmer=_STEMMER_FOR_CODE.get(code),
                sentences=sentence_rules(code),
            )
            for code in sorted(codes)
        }
        self._by_name = {info.name.casefold(): code for code, info in self.catalogue.items()}
        self._by_name.update(SNOWBALL_CODES)
        self._data: dict[str, LanguageData] = {}
        self._lock = threading.Lock()
        self._rows = tuple(dataclasses.asdict(info) for info in self.catalogue.values())  # built once

    def listing(self, fallback: str) -> dict[str, Any]:
        """The answer of ``GET /v1/languages`` (and ``ringkas languages --json``): the default
        (``auto``), the language of undetectable texts, and every catalogue row."""
        return {"default": "auto", "fallback": fallback, "languages": list(self._rows)}

    def resolve(self, requested: str) -> str | None:
        """Map a code or English name to a catalogue code; ``None`` for ``"auto"``. A code may be
        of ISO 639-1, 639-2 or 639-3 (``id``, ``ind``, ``fre``), or a language tag (``id-ID``,
        ``en_US``: its language subtag), as clients' locales give them.

        Raises:
            UnsupportedLanguage: neither a known code nor a known name.
        """
        key = requested.strip().casefold()
        if key == "auto":
            return None
        if key in self.catalogue:
            return key
        if key in self._by_name:
            return self._by_name[key]
        primary = re.split(r"[-_]", key, maxsplit=1)[0]  # a BCP 47 tag (en-US, pt_BR, zh-Hant): its language
        code = _WITHDRAWN_CODES.get(primary) or _two_letter_code(primary)
        if code in self.catalogue:
            return code
        raise UnsupportedLanguage(
            f"Unknown language {requested!r}: use 'auto', an ISO 639 code such as 'id' or 'en' (or a tag such as 'id-ID'), "
            "or an English name such as 'indonesian'; GET /v1/languages (ringkas languages) lists them."
        )

    def detect(self, text: str, *, chars: int, min_probability: float, fallback: str) -> str:
        """Most likely language of ``text``, or ``fallback`` when detection is not confident.

        Args:
            text: the text; only its first ``chars`` characters are read.
            chars: how many characters to read (detection is linear in its input).
            min_probability: below this probability the ``fallback`` is returned.
            fallback: a catalogue code.
        """
        sample = text[:chars]
        if not _TOKEN.search(sample):
            return fallback
        code, probability = self._identifier.classify(sample)
        if probability < min_probability or code not in self.catalogue:
            return fallback
        return str(code)

    def data(self, code: str) -> LanguageData:
        """Resources of a catalogue language, built on first use and then reused."""
        data = self._data.get(code)
        if data is None:
            with self._lock:
                data = self._data.get(code) or self._build(code)
                self._data[code] = data
        return data

    def _build(self, code: str) -> LanguageData:
        info = self.catalogue[code]
        stem_words = None
        if info.stemmer is not None:
            stemmer = snowballstemmer.stemmer(info.stemmer)
            lock = threading.Lock()  # PyStemmer objects keep a cache and are not thread-safe

            def stem_words(words: list[str]) -> list[str]:
                with lock:
                    return list(stemmer.stemWords(words))

        return LanguageData(code=code, stop_words=load_stop_words(code), stem_words=stem_words)
