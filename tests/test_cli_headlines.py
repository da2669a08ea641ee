"""``ringkas headlines FILE``: plain lines or JSONL in, groups out; ``ringkas FILE`` still summarises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.cli import main
from service.cli.headlines import read_headlines
from service.exceptions import MalformedRequest


def test_plain_lines_print_the_groups(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "feed.txt"
    path.write_text(
        "Tories plan migrant health checks\nMarkets tumble as oil slides\n\n"
        "TORIES PLAN MIGRANT HEALTH CHECKS - BBC News\nTories plan migrant health…\n", encoding="utf-8",
    )
    assert main(["headlines", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "group 0: [1] Tories plan migrant health checks"
    assert out[1:] == [
        "  affix 1.00 [4] TORIES PLAN MIGRANT HEALTH CHECKS - BBC News", "  truncated 1.00 [5] Tories plan migrant health…",
    ]


def test_jsonl_keeps_the_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "feed.jsonl"
    rows = [
        {"id": "a", "text": "Swiss stocks - Factors to watch on May 20"},
        {"id": "b", "text": "Swiss stocks - Factors to watch on July 14"},
        {"id": "c", "text": "UPDATE 1-Swiss stocks - Factors to watch on May 20"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert main(["headlines", "--json", str(path)]) == 0
    body = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["group"], r["duplicate_of"]) for r in body["results"]] == [("a", 0, None), ("b", 1, None), ("c", 0, "a")]


def test_a_json_line_that_is_no_text_is_a_usage_error_not_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "a", "text": "Markets \\ud800 rally"}\n{"id": "b", "text": "Markets rally"}\n', encoding="utf-8")
    assert main(["headlines", str(path)]) == 2
    assert "line 1" in capsys.readouterr().err


def test_summarising_a_file_still_works(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "article.txt"
    path.write_text("Markets rallied on Monday. Oil prices fell sharply. Analysts expect more gains.\n", encoding="utf-8")
    assert main([str(path), "--sentences", "1"]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "data", ["Café ouvert\nCafé ouvert - Reuters\n".encode("latin-1"), "Markets rally\n".encode("utf-16")],
    ids=["latin-1", "utf-16"],
)
def test_a_file_that_is_not_utf8_is_a_usage_error(tmp_path: Path, data: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    """Latin-1, or UTF-16 with its byte-order mark: the file was decoded while read, outside any
    handler, and the command ended in a UnicodeDecodeError traceback (status 1)."""
    path = tmp_path / "feed.txt"
    path.write_bytes(data)
    assert main(["headlines", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"ringkas headlines: cannot read {path}: it is not UTF-8 text") and "Traceback" not in err


@pytest.mark.parametrize(("lines", "message"), [
    (['{"id": "a", "text": null}', '{"id": "b", "text": "None"}'], 'line 1 is a JSON object without a headline'),
    (['{"id": "a", "text": 7}', '{"id": "b", "text": "7"}'], 'line 1 is a JSON object without a headline'),
    (['{"id": "a", "text": ""}', '{"id": "b", "text": "  "}'], 'line 1 is a JSON object without a headline'),
    (['{"id": "a"}', '{"id": "b", "text": "Markets rally"}'], 'line 1 is a JSON object without a headline'),
    (['{"id": null, "text": "Markets rally"}', '{"id": "None", "text": "Oil slides"}'], 'line 1 has an "id" that is neither'),
    (['{"id": "a", "text": "Markets rally"}', '{"id": "a", "text": "Oil slides"}'], "line 2 repeats the id 'a' of line 1"),
    (["Markets rally", "Oil slides " * 50], "line 2 has a headline of 550 characters; the limit is 500"),
])
def test_a_line_that_is_no_headline_is_a_usage_error(
    tmp_path: Path, lines: list[str], message: str, capsys: pytest.CaptureFixture[str],
) -> None:
    """Each line is checked as POST /v1/headlines/dedup checks a headline (its 422s). A null or
    numeric text used to become the headline "None" or "7" (a copy of a real one), blank texts
    copies of each other, an object without text a headline of JSON, a null id the id "None",
    and a headline of any length was grouped (a line of 2 MB took 3 s and 300 MB)."""
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["headlines", "--json", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.startswith(f"ringkas headlines: {message}")


def test_a_line_longer_than_any_row_is_not_read_whole(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "feed.txt"
    path.write_text("Markets rally\n" + "x" * 200_000, encoding="utf-8")
    with path.open(encoding="utf-8") as stream:
        with pytest.raises(MalformedRequest, match="line 2 is longer than 1,000 characters"):
            read_headlines(stream, 100, 1000)
        assert stream.tell() < 10_000


def test_a_malformed_setting_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    """``headlines`` read no configuration: a malformed RINGKAS_* variable passed unnoticed here
    while every other command refused it."""
    path = tmp_path / "feed.txt"
    path.write_text("Markets rally\nMarkets rally - Reuters\n", encoding="utf-8")
    monkeypatch.setenv("RINGKAS_MAX_HEADLINE_CHARS", "many")
    assert main(["headlines", str(path)]) == 2
    assert "max_headline_chars" in capsys.readouterr().err


def test_json_of_a_file_without_headlines_is_still_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A feed with nothing new (an empty file, blank lines) printed nothing with ``--json``, which
    no JSON reader takes; it prints the empty result."""
    path = tmp_path / "feed.txt"
    path.write_text("\n  \n", encoding="utf-8")
    assert main(["headlines", "--json", str(path)]) == 0
    assert json.loads(capsys.readouterr().out) == {"results": [], "groups": 0}
    assert main(["headlines", str(path)]) == 0
    assert capsys.readouterr().out == ""
