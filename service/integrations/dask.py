"""Summarise a partitioned corpus on a Dask cluster (``pip install 'ringkas[dask]'``).

Three entry points, all lazy (they return a Dask collection; nothing runs until you compute or
write it):

- :func:`summarize_lines`: a bag of JSON Lines rows (``db.read_text``) → a bag of results, each
  exactly what ``ringkas batch`` answers that row (the API's batch result: the summary with
  ``"status": 200``, or a problem object for that row alone, a row that is no JSON object too);
- :func:`summarize_bag`: the same from a bag of documents ``{"id", "text", ...options}`` already
  parsed;
- :func:`summarize_dataframe`: a ``dask.dataframe.DataFrame`` with ``id`` and ``text`` columns →
  a DataFrame of flat result columns (:data:`RESULT_COLUMNS`), partition for partition, same index.

Each worker process builds its :class:`~service.Summarizer` once (about a second of language
resources), on its first partition, and reuses it for every later partition: the summariser is
cached per process and per configuration (:func:`worker_summarizer`). It holds only read-only
state, so the threads of one worker share it safely. Nothing is shipped with the tasks but the
documents and the options. Example::

    import dask.bag as db
    from distributed import Client
    from service.integrations.dask import summarize_lines

    client = Client("tcp://scheduler:8786")             # or LocalCluster() on one machine
    rows = db.read_text("s3://bucket/articles-*.jsonl")
    summarize_lines(rows, sentences=3).map(json.dumps).to_textfiles("s3://bucket/summaries-*.jsonl")
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

import dask.bag as db
import dask.dataframe as dd
import pandas as pd

from ..summarizer import Summarizer

#: Columns of :func:`summarize_dataframe`'s result: the id, the HTTP-like status, the summary
#: fields (None for a problem) and the problem's detail (None for a summary). ``sentences`` and
#: ``removed`` hold lists of dicts with exact code-point offsets into the text.
RESULT_COLUMNS = ("id", "status", "summary", "headline", "language", "algorithm", "sentences", "removed", "detail")


def summarize_bag(documents: db.Bag, *, config: Mapping[str, Any] | None = None, **options: Any) -> db.Bag:
    """Summarise every document of a bag.

    Args:
        documents: dicts ``{"id": ..., "text": "...", ...options}`` (a document's options win).
        config: overrides of :class:`~service.config.Config` (limits, defaults), as for ``create_app``;
            ``RINGKAS_*`` environment variables of the workers still apply.
        **options: options shared by every document (``sentences=3``, ``algorithm="textrank"`` …).

    Returns:
        A bag of result dicts, in the order of ``documents``.
    """
    results: db.Bag = documents.map_partitions(_answer_partition, _frozen(config), options)  # type: ignore[no-untyped-call]
    return results


def summarize_lines(rows: db.Bag, *, config: Mapping[str, Any] | None = None, **options: Any) -> db.Bag:
    """Summarise every JSON Lines row of a bag (``db.read_text(...)``), as ``ringkas batch`` does.

    Unlike ``summarize_bag(rows.map(json.loads))``, where one malformed line fails the whole job,
    a row that is no JSON object is answered as its own 400, and blank rows are skipped.

    Args:
        rows: strings, each one JSON object ``{"id": ..., "text": "...", ...options}`` (a trailing
            line break is fine).
        config, **options: as in :func:`summarize_bag`.

    Returns:
        A bag of result dicts, in the order of the non-blank ``rows``.
    """
    results: db.Bag = rows.filter(_not_blank).map_partitions(_answer_rows, _frozen(config), options)  # type: ignore[no-untyped-call]
    return results


def summarize_dataframe(
    frame: dd.DataFrame, *, id_column: str = "id", text_column: str = "text",
    config: Mapping[str, Any] | None = None, **options: Any,
) -> dd.DataFrame:
    """Summarise the ``text_column`` of every row of a DataFrame.

    Args:
        frame: a Dask DataFrame with (at least) ``id_column`` and ``text_column``.
        config: as in :func:`summarize_bag`.
        **options: options for every row (a DataFrame has no per-row options).

    Returns:
        A DataFrame with :data:`RESULT_COLUMNS`, on the same index and partitions as ``frame``.
    """
    meta = _empty_result()
    results: dd.DataFrame = frame[[id_column, text_column]].map_partitions(
        _answer_frame, id_column, text_column, _frozen(config), options, meta=meta,
    )
    return results


def worker_summarizer(config: tuple[tuple[str, Any], ...] = ()) -> Summarizer:
    """This process's summariser for a configuration: built on first use, then reused by every task.

    Dask runs many tasks per worker process, on several threads; this cache is what makes the
    resources load once per worker (not once per partition, nor once per thread: the lock makes
    the threads that start together wait for the one build). Keyed by the configuration so that
    two corpora with different limits in one cluster do not share one.
    """
    with _BUILD_LOCK:
        return _build(config)


_BUILD_LOCK = threading.Lock()


@lru_cache(maxsize=4)
def _build(config: tuple[tuple[str, Any], ...]) -> Summarizer:
    return Summarizer(dict(config))


def _answer_partition(
    documents: Iterable[Any], config: tuple[tuple[str, Any], ...], options: dict[str, Any],
) -> list[dict[str, Any]]:
    summarizer = worker_summarizer(config)
    return [_answer(summarizer, document, options) for document in documents]


def _not_blank(row: str | bytes) -> bool:
    return bool(row.strip())


def _answer_rows(
    rows: Iterable[str | bytes], config: tuple[tuple[str, Any], ...], options: dict[str, Any],
) -> list[dict[str, Any]]:
    summarizer = worker_summarizer(config)
    return [summarizer.answer_row(row, options) for row in rows]


def _answer(summarizer: Summarizer, document: Any, options: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(document, Mapping):  # a bag can hold anything: still one result per item
        document = {"text": document if isinstance(document, str) else None}
    return summarizer.answer(document, options)


def _answer_frame(part: pd.DataFrame, id_column: str, text_column: str,
                  config: tuple[tuple[str, Any], ...], options: dict[str, Any]) -> pd.DataFrame:
    summarizer = worker_summarizer(config)
    rows = []
    for row_id, text in zip(part[id_column].tolist(), part[text_column].tolist(), strict=True):
        answer = summarizer.answer({"text": text if isinstance(text, str) else None}, options)
        rows.append((
            row_id, answer["status"], answer.get("summary"), answer.get("headline"), answer.get("language"),
            answer.get("algorithm"), answer.get("sentences"), answer.get("removed"), answer.get("detail"),
        ))
    result = pd.DataFrame(rows, columns=list(RESULT_COLUMNS), index=part.index, dtype=object)
    return result.astype({"status": "int64"})


def _empty_result() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype="int64" if name == "status" else object) for name in RESULT_COLUMNS})


def _frozen(config: Mapping[str, Any] | None) -> tuple[tuple[str, Any], ...]:
    """The configuration as a hashable key (the per-process cache's)."""
    return tuple(sorted((config or {}).items()))


__all__ = ["RESULT_COLUMNS", "summarize_bag", "summarize_dataframe", "worker_summarizer"]
