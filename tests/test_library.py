"""The ``Summarizer`` library entry point, and the one-article ``ringkas`` command built on it."""

from __future__ import annotations

import io
import json
import re

import pytest

from service import Summarizer
from service.cli import main
from service.exceptions import InvalidOptions
from tests.conftest import SEEDS, seed

ALIBABA = "Alibaba menghadirkan pengiriman 5 hari ke AS untuk bersaing dengan Shein, Temu"


def test_cli_prints_one_sentence_per_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(SEEDS / "000_alibaba_id_double_headline.txt"), "--sentences", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and all(line in seed("000_alibaba_id_double_headline.txt") for line in lines)
    assert ALIBABA not in lines


def test_cli_json_has_offsets_into_the_file(capsys: pytest.CaptureFixture[str]) -> None:
    text = seed("001_en_headline_twice.txt")
    assert main([str(SEEDS / "001_en_headline_twice.txt"), "--json", "--algorithm", "textrank"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["algorithm"] == "textrank" and result["language"] == "en" and len(result["removed"]) == 2
    assert all(text[s["start"] : s["end"]] == s["text"] for s in result["sentences"])


def test_cli_reads_standard_input(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(seed("002_en_no_headline.txt")))
    assert main(["--words", "40"]) == 0
    out = capsys.readouterr().out
    assert out.strip() and len(out.split()) <= 40


@pytest.mark.parametrize(
    ("text", "args", "message"),
    [
        ("   \n  ", [], "The text is empty"),
        ("Some words here.", ["--language", "klingon"], "Unknown language 'klingon'"),
        ("Some words here.", ["--sentences", "5000"], "sentences: Input should be less than or equal to 1000"),
    ],
)
def test_cli_reports_errors_on_stderr_with_status_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], text: str, args: list[str], message: str
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and message in captured.err and "Traceback" not in captured.err


@pytest.fixture(scope="module")
def summarizer() -> Summarizer:
    return Summarizer()


def test_summarizer_takes_the_api_options(summarizer: Summarizer) -> None:
    text = seed("003_id_suffix_caps.txt")
    result = summarizer(text, ratio=0.5, algorithm="textrank")
    assert result.algorithm == "textrank" and result.language == "id"
    assert len(result.sentences) == -(-result.stats.sentences // 2)
    assert [r.reason for r in result.removed if r.reason == "headline"] == ["headline"] * 3
    assert [r.text for r in result.removed if r.reason == "boilerplate"] == ["SEMARANG, KOMPAS.com -"]


def test_summarizer_default_length_comes_from_its_configuration() -> None:
    assert len(Summarizer({"default_sentences": 1})(seed("002_en_no_headline.txt")).sentences) == 1


@pytest.mark.parametrize(
    ("options", "fields", "detail"),
    [
        ({"colour": "blue"}, ["colour"], "Unknown option 'colour'"),
        ({"sentences": 2, "words": 10}, ["options"], "Give at most one of sentences, ratio and words"),
        ({"mmr": True, "ratio": 2}, ["ratio", "mmr"], "2 options are invalid"),
    ],
)
def test_summarizer_rejects_bad_options_like_the_api(
    summarizer: Summarizer, options: dict, fields: list[str], detail: str
) -> None:
    with pytest.raises(InvalidOptions, match=detail) as caught:
        summarizer("Some text here.", **options)
    assert [error.field for error in caught.value.errors] == fields


def test_an_id_may_be_numpys_integer_but_not_a_boolean(summarizer: Summarizer) -> None:
    """Ids from a DataFrame or a bag are numpy integers: echoed back as Python ints (a strict int
    had refused them); booleans, numpy's too, and floats are still no ids."""
    import numpy as np

    text = "One sentence here. Another one follows."
    for given, expected in ((np.int64(5), 5), (np.int32(-3), -3)):
        answer = summarizer.answer({"id": given, "text": text})
        assert answer["status"] == 200 and answer["id"] == expected and type(answer["id"]) is int
    for bad in (True, np.bool_(True), 2.0):
        assert summarizer.answer({"id": bad, "text": text})["status"] == 422


class EndlessInput(io.TextIOBase):
    """Standard input that never ends (``yes | ringkas``): reading it whole never returns, so here
    it fails at once, as memory would."""

    def read(self, size: int | None = -1) -> str:
        if size is None or size < 0:
            raise MemoryError("read whole")
        return ("Words here. " * (size // 12 + 1))[:size]


def test_cli_reads_no_more_than_the_longest_article(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A file or stream longer than any text or page the service takes is refused after reading one
    character more than the bound (RINGKAS_MAX_TEXT_CHARS, or RINGKAS_MAX_BODY_BYTES for a page):
    it used to be read whole into memory (a 200 MB file took 650 MB), then refused by its length."""
    monkeypatch.setenv("RINGKAS_MAX_TEXT_CHARS", "1000")
    monkeypatch.setenv("RINGKAS_MAX_BODY_BYTES", "2000")
    monkeypatch.setattr("sys.stdin", EndlessInput())
    assert main([]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "standard input has more than 2,000 characters" in captured.err
    assert "RINGKAS_MAX_TEXT_CHARS" in captured.err


class InterruptedInput(io.TextIOBase):
    """Standard input that a user stops with Ctrl-C while the command waits for it (``ringkas`` typed alone)."""

    def read(self, size: int | None = -1) -> str:
        raise KeyboardInterrupt


def test_ctrl_c_ends_the_command_without_a_traceback(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Ctrl-C outside ``batch``'s loop (while loading, or waiting for standard input) escaped as a
    KeyboardInterrupt traceback; it ends the command with one line and 128 + SIGINT, as ``batch`` does."""
    monkeypatch.setattr("sys.stdin", InterruptedInput())
    try:
        status = main([])
    except KeyboardInterrupt:
        pytest.fail("KeyboardInterrupt escaped from main()")
    assert status == 130 and capsys.readouterr().err == "ringkas: interrupted\n"


@pytest.mark.parametrize(("args", "kwargs", "message"), [
    ((b"Markets rallied on Monday. Oil fell.",), {}, "text must be a str, not bytes (decode the bytes first"),
    ((12,), {}, "text must be a str, not int"),
    ((), {"html": b"<html><body><p>Markets rallied. Oil fell.</p></body></html>"}, "html must be a str, not bytes"),
])
def test_summarizer_names_a_text_that_is_no_str(summarizer: Summarizer, args: tuple, kwargs: dict, message: str) -> None:
    """Bytes (a file opened in binary) failed deep in the pipeline with "cannot use a string pattern
    on a bytes-like object", an int with "'int' object is not subscriptable"."""
    with pytest.raises(TypeError, match=re.escape(message)):
        summarizer(*args, **kwargs)


@pytest.mark.parametrize("command", [[], ["headlines", "-"]])
def test_standard_input_that_is_not_utf8_is_refused_as_a_file_is(
    command: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    """Standard input as Python opens it in a C or UTF-8 locale (``surrogateescape``): Latin-1 bytes
    became lone surrogates, were summarised and printed back as the same bytes (``--json`` wrote
    JSON that is not UTF-8), with status 0, where the same bytes in a named file are status 2."""
    data = "Café ouvert ici. Deux phrases ici.\n".encode("latin-1")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="surrogateescape"))
    assert main(command) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "it is not UTF-8 text" in captured.err
