"""The ``ringkas`` command: one article (``ringkas FILE``, ``ringkas summarize FILE``) and ``batch``."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from tqdm import tqdm

from service import Summarizer
from service.cli import main
from service.cli.batch import _rows, answer_row, default_workers
from service.web import create_app
from tests.conftest import SEEDS, seed

SEED = "000_alibaba_id_double_headline.txt"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def summarizer() -> Summarizer:
    return Summarizer({})


@pytest.mark.parametrize("prefix", [[], ["summarize"]])
def test_one_article(prefix: list[str], capsys, summarizer: Summarizer) -> None:
    assert main([*prefix, str(SEEDS / SEED), "--sentences", "2"]) == 0
    expected = summarizer(seed(SEED), sentences=2)
    assert capsys.readouterr().out == "".join(s.text + "\n" for s in expected.sentences)


def test_one_article_error_is_status_2(tmp_path: Path, capsys) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    assert main([str(empty)]) == 2
    assert "empty" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("variable", "command"),
    [("RINGKAS_DEFAULT_SENTENCES", [str(SEEDS / SEED)]), ("RINGKAS_MAX_TEXT_CHARS", ["batch", str(SEEDS / SEED)])],
)
def test_unusable_setting_is_status_2_without_traceback(variable: str, command: list[str], monkeypatch, capsys) -> None:
    """A malformed RINGKAS_* variable is a usage error (status 2, one line naming the key), as the
    service refuses to start with it; it used to escape as a ConfigError traceback (status 1)."""
    monkeypatch.setenv(variable, "abc")
    assert main(command) == 2
    err = capsys.readouterr().err
    assert err.startswith("ringkas: Invalid configuration: ") and variable.removeprefix("RINGKAS_").lower() in err
    assert "Traceback" not in err


def corpus() -> list[dict[str, Any]]:
    """The seeds as rows, with an empty row and per-row options in between."""
    paths = sorted(SEEDS.glob("*.txt"))
    rows: list[dict[str, Any]] = [{"id": path.stem, "text": path.read_text(encoding="utf-8")} for path in paths]
    rows.insert(2, {"id": "empty", "text": ""})
    rows.insert(3, {"id": 7, "text": "Satu kalimat di sini. Kalimat lain di sana. Dan yang ketiga.", "ratio": 0.5})
    rows.append({"id": "typo", "text": "One. Two.", "sentense": 2})
    return rows


def write_jsonl(path: Path, rows: list[Any], extra: list[str] = ()) -> None:
    lines = [json.dumps(row, ensure_ascii=False) for row in rows]
    path.write_text("\n".join([*lines[:4], *extra, *lines[4:]]) + "\n", encoding="utf-8")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def without_timing(answer: dict[str, Any]) -> dict[str, Any]:
    if "stats" in answer:
        answer = {**answer, "stats": {k: v for k, v in answer["stats"].items() if k != "elapsed_ms"}}
    return answer


def check_answers(rows: list[dict[str, Any]], answers: list[dict[str, Any]], summarizer: Summarizer) -> None:
    """Every row answered, in input order, as the library answers it, with exact offsets."""
    assert [a["id"] for a in answers] == [r["id"] for r in rows]
    for row, answer in zip(rows, answers, strict=True):
        options = {k: v for k, v in row.items() if k not in ("id", "text")}
        if row["id"] == "empty":
            assert answer["status"] == 422 and answer["title"] == "Unprocessable Content" and "empty" in answer["detail"]
            continue
        if row["id"] == "typo":
            assert answer["status"] == 422 and answer["errors"][0]["field"] == "sentense"
            continue
        expected = summarizer(row["text"], **options).to_dict()
        assert without_timing(answer) == without_timing({"id": row["id"], "status": 200, **expected})
        for part in answer["sentences"] + answer["removed"]:
            assert row["text"][part["start"]:part["end"]] == part["text"]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_batch_answers_every_row_in_order(tmp_path: Path, workers: str, summarizer: Summarizer, capsys) -> None:
    rows = corpus()
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    # A lone surrogate escape is JSON syntax but no text: the row's 400, not a crash writing its answer.
    surrogate = '{"id": "s", "text": "Broken \\ud800 first. A second sentence here."}'
    write_jsonl(source, rows, extra=["", "{not json", surrogate])
    assert main(["batch", str(source), "-o", str(target), "--workers", workers]) == 0
    answers = read_jsonl(target)
    broken = answers.pop(4)  # the line that is not JSON (the blank line is no row)
    assert broken["id"] is None and broken["status"] == 400 and "not valid JSON" in broken["detail"]
    no_text = answers.pop(4)
    assert no_text["status"] == 400 and "surrogate" in no_text["detail"]
    check_answers(rows, answers, summarizer)
    assert capsys.readouterr().err == ""  # not a terminal: no progress bar


def test_batch_options_on_the_command_line_yield_to_a_row_length(tmp_path: Path, summarizer: Summarizer) -> None:
    text = seed("002_en_no_headline.txt")
    rows = [{"id": "a", "text": text}, {"id": "b", "text": text, "ratio": 0.2}]
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(source, rows)
    assert main(["batch", str(source), "-o", str(target), "--workers", "1", "--sentences", "1", "--algorithm", "textrank"]) == 0
    first, second = read_jsonl(target)
    assert len(first["sentences"]) == 1 and first["algorithm"] == "textrank"
    assert without_timing(second) == without_timing(
        {"id": "b", "status": 200, **summarizer(text, ratio=0.2, algorithm="textrank").to_dict()})


def test_resume_skips_answered_ids_and_drops_a_cut_line(tmp_path: Path, summarizer: Summarizer) -> None:
    rows = corpus()
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(source, rows)
    assert main(["batch", str(source), "-o", str(target), "--workers", "1"]) == 0
    complete = target.read_bytes().splitlines(keepends=True)
    target.write_bytes(b"".join(complete[:3]) + complete[3][:40])  # a crash in the middle of row 4
    assert main(["batch", str(source), "-o", str(target), "--workers", "1", "--resume"]) == 0
    check_answers(rows, read_jsonl(target), summarizer)
    assert main(["batch", str(source), "-o", str(target), "--resume"]) == 0  # nothing left: nothing added
    assert len(read_jsonl(target)) == len(rows)


def test_stdin_to_stdout_quietly() -> None:
    rows = [{"id": "x", "text": seed(SEED)}, {"id": "y", "text": " "}]
    data = "".join(json.dumps(row) + "\n" for row in rows).encode()
    done = subprocess.run([sys.executable, "-m", "service.cli", "batch", "-", "-o", "-", "--workers", "1"], input=data,
                          capture_output=True, cwd=ROOT, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(a["id"], a["status"]) for a in answers] == [("x", 200), ("y", 422)]


def test_failures_of_the_run_itself(tmp_path: Path, capsys) -> None:
    assert main(["batch", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "out.jsonl")]) == 2
    assert "missing.jsonl" in capsys.readouterr().err
    assert main(["batch", str(tmp_path / "missing.jsonl"), "--resume"]) == 2  # resume needs a file
    for bad in (["--workers", "0"], ["--sentences", "0"], ["--ratio", "1.5"], ["--sentences", "2", "--words", "9"]):
        with pytest.raises(SystemExit) as exit_info:
            main(["batch", "in.jsonl", *bad])
        assert exit_info.value.code == 2


def test_a_row_too_long_is_skipped_without_reading_it_whole() -> None:
    data = b'{"id": 1, "text": "short"}\n' + b'{"id": 2, "text": "' + b"x" * 5000 + b'"}\n' + b'{"id": 3}\n'
    rows = list(_rows(io.BytesIO(data), 100, set(), tqdm(disable=True)))
    assert rows == [b'{"id": 1, "text": "short"}\n', None, b'{"id": 3}\n']
    answer = answer_row(None, None, {}, 100)  # type: ignore[arg-type]  # a long row never reaches the summariser
    assert answer["status"] == 413 and answer["id"] is None


@pytest.mark.parametrize(("line", "status", "field"), [
    (b"[1, 2]", 400, None),
    (b'"text"', 400, None),
    (b'{"id": 1}', 422, "text"),
    (b'{"id": 1, "text": 5}', 422, "text"),
    (b'{"id": [1], "text": "One. Two."}', 422, "id"),
    (b'{"id": "x", "text": "One. Two.", "sentences": 0}', 422, "sentences"),
    (b"\xff\xfe{", 400, None),
    (b"[" * 100_000, 400, None),
])
def test_bad_rows_are_problems(line: bytes, status: int, field: str | None, summarizer: Summarizer) -> None:
    answer = answer_row(line, summarizer, {}, 1 << 20)
    assert answer["status"] == status and answer["detail"]
    if field:
        assert answer["errors"][0]["field"] == field


def test_default_workers_is_the_usable_cores() -> None:
    assert 1 <= default_workers() <= len(os.sched_getaffinity(0))


def test_languages_lists_what_language_takes(capsys, monkeypatch) -> None:
    """``--json`` prints what ``GET /v1/languages`` answers (its help says so), with this
    environment's fallback language; the lines say where sentences end at spaces."""
    monkeypatch.setenv("RINGKAS_FALLBACK_LANGUAGE", "id")
    assert main(["languages", "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    with create_app({}).test_client() as client:
        assert listing == {**client.get("/v1/languages").get_json(), "fallback": "id"}
    rows = {row["code"]: row for row in listing["languages"]}
    assert rows["id"]["name"] == "Indonesian" and rows["id"]["stemmer"] and rows["en"]["stop_words"]
    assert main(["languages"]) == 0
    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()}
    assert lines["id"].split()[:2] == ["id", "Indonesian"] and "sentences at spaces" in lines["th"]
    assert "spaces" not in lines["id"]


def test_a_reader_that_stops_early_ends_the_command_quietly() -> None:
    """``ringkas languages | head -1``: the pipe closes under the command (here before it writes:
    loading the languages takes a second), which stops without a traceback and with the status a
    shell gives a command whose reader stopped (128 + SIGPIPE)."""
    with subprocess.Popen([sys.executable, "-m", "service.cli", "languages"], cwd=ROOT,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE) as command:
        assert command.stdout is not None and command.stderr is not None
        command.stdout.close()
        errors = command.stderr.read()
        assert command.wait(timeout=60) == 141 and errors == b""


@pytest.mark.parametrize("resume", [[], ["--resume"]])
def test_an_output_that_is_the_input_is_refused_before_it_is_touched(tmp_path: Path, resume: list[str], capsys) -> None:
    """``-o`` naming the input (here through a link) used to open it for writing first: the input
    was emptied and the run ended with status 0 and no answer; with ``--resume`` its rows were
    taken for answered ones and nothing was summarised."""
    source = tmp_path / "in.jsonl"
    write_jsonl(source, [{"id": "a", "text": "One sentence here. Another one there."}])
    before = source.read_bytes()
    (tmp_path / "link.jsonl").symlink_to(source)
    assert main(["batch", str(source), "-o", str(tmp_path / "link.jsonl"), "--workers", "1", *resume]) == 2
    assert "the output is the input file" in capsys.readouterr().err
    assert source.read_bytes() == before


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_setting_found_wrong_by_the_workers_is_status_2(tmp_path: Path, workers: str, monkeypatch, capsys) -> None:
    """An unknown fallback language is found only as a summariser is built: in a worker process
    this broke the pool (the worker's traceback, then "a worker process died", status 1)."""
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(source, [{"id": "a", "text": "One sentence here. Another one there."}])
    monkeypatch.setenv("RINGKAS_FALLBACK_LANGUAGE", "zz")
    assert main(["batch", str(source), "-o", str(target), "--workers", workers]) == 2
    assert capsys.readouterr().err == "ringkas: fallback_language 'zz' is not a supported language.\n"
    monkeypatch.delenv("RINGKAS_FALLBACK_LANGUAGE")
    assert main(["batch", str(source), "-o", str(target), "--workers", "1"]) == 0  # nothing of the failure is kept
    assert read_jsonl(target)[0]["status"] == 200


def test_ctrl_c_stops_the_pool_with_one_line() -> None:
    """Ctrl-C reaches every process of the command (the terminal's foreground group): each pool
    worker printed a KeyboardInterrupt traceback (from its initializer, or waiting for a task)
    before the command's own line. Here the workers are up, the reader waits for more input."""
    rows = "".join(json.dumps({"id": i, "text": seed(SEED)}) + "\n" for i in range(16)).encode()
    with subprocess.Popen([sys.executable, "-m", "service.cli", "batch", "-", "-o", os.devnull, "--workers", "2"], cwd=ROOT,
                          stdin=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                          preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL)) as command:
        assert command.stdin is not None and command.stderr is not None
        command.stdin.write(rows)  # one task: the pool starts its workers; the pipe stays open
        command.stdin.flush()
        children = Path(f"/proc/{command.pid}/task/{command.pid}/children")
        deadline = time.monotonic() + 60
        while not children.read_text().split() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)
        os.killpg(command.pid, signal.SIGINT)
        errors = command.stderr.read().decode()
        command.stdin.close()
        assert command.wait(timeout=60) == 130
    assert errors == "ringkas batch: interrupted; rerun with --resume to continue.\n"


def test_a_reader_that_stops_early_is_no_complete_batch(tmp_path: Path) -> None:
    """``ringkas batch in.jsonl | head -1``: the rows after the first are never answered, so the
    status is not 0 (that said every row was answered) but 141, as for every other command."""
    source = tmp_path / "in.jsonl"
    write_jsonl(source, [{"id": i, "text": "One sentence here. Another one there."} for i in range(64)])
    with subprocess.Popen([sys.executable, "-m", "service.cli", "batch", str(source), "--workers", "1"], cwd=ROOT,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE) as command:
        assert command.stdout is not None and command.stderr is not None
        command.stdout.close()
        errors = command.stderr.read()
        assert command.wait(timeout=60) == 141 and errors == b""


def test_building_the_parser_imports_no_summariser() -> None:
    """`ringkas --help` and every usage error took two seconds: building the parser imported each
    command's module, and with it scikit-learn and trafilatura. Those load when a command runs."""
    probe = ("import sys; from service.cli import build_parser; build_parser(); "
             "print(sorted(m for m in ('sklearn', 'trafilatura', 'service.summarizer', 'service.dedup') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"
