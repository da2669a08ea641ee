"""The Dask integration on a real (in-process) distributed LocalCluster."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from service import Summarizer
from tests.conftest import SEEDS

dd = pytest.importorskip("dask.dataframe")
db = pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")

from service.integrations import dask as integration  # noqa: E402
from service.integrations.dask import RESULT_COLUMNS, summarize_bag, summarize_dataframe, summarize_lines  # noqa: E402


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """Two workers with two threads each, in this process (quick to start; same scheduler as a real cluster)."""
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=2, processes=False, dashboard_address=None) as cluster,
        distributed.Client(cluster) as dask_client,
    ):
        yield dask_client


def documents() -> list[dict[str, Any]]:
    paths = sorted(SEEDS.glob("*.txt"))
    rows: list[dict[str, Any]] = [{"id": path.stem, "text": path.read_text(encoding="utf-8")} for path in paths]
    rows *= 3  # several documents per partition, several partitions per worker
    rows = [{**row, "id": f"{row['id']}-{i}"} for i, row in enumerate(rows)]
    rows.insert(4, {"id": "empty", "text": "   "})
    rows.insert(7, {"id": "short", "text": rows[0]["text"], "sentences": 1})
    return rows


def stable(answer: dict[str, Any]) -> dict[str, Any]:
    return {**answer, "stats": {k: v for k, v in answer["stats"].items() if k != "elapsed_ms"}} if "stats" in answer else answer


def test_bag_of_documents(client) -> None:
    rows = documents()
    integration._build.cache_clear()
    results = summarize_bag(db.from_sequence(rows, npartitions=6), algorithm="textrank").compute()
    reference = Summarizer({})
    assert [r["id"] for r in results] == [row["id"] for row in rows]
    for row, result in zip(rows, results, strict=True):
        expected = reference.answer(row, {"algorithm": "textrank"})
        assert stable(result) == stable(expected)
        if row["id"] == "empty":
            assert result["status"] == 422
        else:
            assert result["status"] == 200
            for sentence in result["sentences"]:
                assert row["text"][sentence["start"]:sentence["end"]] == sentence["text"]
    assert len(results[7]["sentences"]) == 1
    # Six partitions on four threads of one process: the summariser was built once, not per partition.
    assert integration._build.cache_info().misses == 1


def test_json_lines_are_answered_as_ringkas_batch_answers_them(client, tmp_path) -> None:
    """``db.read_text`` rows straight in: a line that is no JSON object is that row's 400 (with
    ``.map(json.loads)``, the README's old recipe, it failed the whole job); blank lines are no rows."""
    import json

    from service.cli import main

    rows = [json.dumps(row, ensure_ascii=False) for row in documents()]
    rows[2:2] = ['{"id": "broken", "text": ', "", "[1, 2]"]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(rows) + "\n", encoding="utf-8")
    results = summarize_lines(db.read_text(str(corpus), blocksize=4_000), sentences=2).compute()
    assert main(["batch", str(corpus), "-o", str(tmp_path / "out.jsonl"), "--sentences", "2", "--workers", "1"]) == 0
    batch = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [stable(r) for r in results] == [stable(r) for r in batch]
    assert [r["status"] for r in results[2:4]] == [400, 400] and len(results) == len(rows) - 1


def test_dataframe_with_id_and_text_columns(client) -> None:
    rows = [row for row in documents() if "sentences" not in row]
    frame = dd.from_pandas(pd.DataFrame(rows), npartitions=3)
    result = summarize_dataframe(frame, sentences=2)
    assert list(result.columns) == list(RESULT_COLUMNS)
    table = result.compute()
    assert table["id"].tolist() == [row["id"] for row in rows]
    reference = Summarizer({})
    for row, (_, out) in zip(rows, table.iterrows(), strict=True):
        expected = reference.answer(row, {"sentences": 2})
        assert out["status"] == expected["status"]
        assert out["summary"] == expected.get("summary")
        assert out["detail"] == expected.get("detail")
        assert out["removed"] == expected.get("removed")


def test_a_row_too_long_is_answered_as_ringkas_batch_answers_it(client, tmp_path, monkeypatch) -> None:
    """A row over the batch's row bound (6 × max_text_chars + 64 KiB bytes) is its 413 unparsed in
    both; summarize_lines parsed it, and a page whose bulk is a script was summarised (200)."""
    import json

    from service.cli import main

    page = "<html><body><script>" + "x" * 70_000 + "</script><p>Markets rallied on Monday. Oil prices fell.</p></body></html>"
    rows = [json.dumps({"id": "long", "html": page}), json.dumps({"id": "short", "text": "One sentence here. Another one."})]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(rows) + "\n", encoding="utf-8")
    results = summarize_lines(db.read_text(str(corpus)), config={"max_text_chars": 100}).compute()
    monkeypatch.setenv("RINGKAS_MAX_TEXT_CHARS", "100")
    assert main(["batch", str(corpus), "-o", str(tmp_path / "out.jsonl"), "--workers", "1"]) == 0
    batch = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [stable(r) for r in results] == [stable(r) for r in batch]
    assert results[0]["status"] == 413 and results[0]["detail"] == "The row is longer than 66,136 bytes."
    assert results[1]["status"] == 200
