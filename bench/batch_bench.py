"""Corpus throughput: ``ringkas batch`` with ``--workers 1`` and the default, and the Dask path.

Run from the repository root (needs ``../shared/data`` and the ``dask`` extra)::

    python -m bench.batch_bench            # prints the section and puts it in docs/PERFORMANCE.md

The same 1,000 articles for every path: 500 from ``bbc_news_summary/dev.jsonl`` and 500 from
``indosum/dev.jsonl``, alternating, each given as it would be scraped (its title on the first
line, then the body). Every path is timed end to end on wall-clock time, start-up included:
``ringkas batch`` as a subprocess (imports, resources loaded once per worker process, reading
and writing the JSON Lines files); Dask on a fresh ``LocalCluster`` of two single-threaded
worker processes, from ``read_text`` to ``to_textfiles`` (the cluster's own start is reported
apart). Rounds alternate the paths so that a change in the machine's load hits them all alike;
the table gives the median round. Then a check of the output itself: 600 other articles plus
one empty row, every row answered in order, offsets exact, a problem for the empty row.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from itertools import chain, islice
from pathlib import Path
from typing import Any

from bench._corpus import machine_info
from bench._harness import PERFORMANCE, SHARED_DATA, write_section

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = 1000
CHECK_ARTICLES = 600
BLAS_ENV = {name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}


def articles(count: int, *, bbc_skip: int = 0, indosum_split: str = "dev") -> list[dict[str, Any]]:
    """``count`` rows alternating BBC dev articles (after the first ``bbc_skip``) and IndoSum articles."""
    def rows(name: str, split: str, skip: int) -> list[dict[str, Any]]:
        with (SHARED_DATA / name / f"{split}.jsonl").open(encoding="utf-8") as lines:
            chosen = islice((json.loads(line) for line in lines if line.strip()), skip, skip + count // 2)
            return [{"id": f"{name}/{split}:{row['id']}", "text": f"{row['title']}\n{row['text']}"} for row in chosen]

    pairs = zip(rows("bbc_news_summary", "dev", bbc_skip), rows("indosum", indosum_split, 0), strict=True)
    return list(chain.from_iterable(pairs))


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")


def run_batch(source: Path, target: Path, workers: int | None, cpu: list[float] | None = None) -> float:
    """Wall-clock seconds of one ``ringkas batch`` run; its CPU seconds (every process of it,
    the workers included once waited for) are appended to ``cpu`` when given."""
    command = [sys.executable, "-m", "service.cli", "batch", str(source), "-o", str(target)]
    if workers is not None:
        command += ["--workers", str(workers)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, env={**os.environ, **BLAS_ENV})
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall


def run_dask(source: Path, folder: Path) -> tuple[float, float, float]:
    """(cluster start, workers' start-up, summarising from read_text to to_textfiles), in seconds.

    The workers' start-up is each worker importing Ringkas and building its summariser
    (``worker_summarizer``, run once on every worker), which the first partition would do anyway.
    """
    import dask.bag as db
    from distributed import Client, LocalCluster

    from service.integrations.dask import summarize_bag, worker_summarizer

    began = time.perf_counter()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      env=BLAS_ENV) as cluster, Client(cluster) as client:
        started = time.perf_counter()
        client.run(lambda: bool(worker_summarizer()))
        warm = time.perf_counter()
        corpus = db.read_text(str(source), blocksize=256 * 1024).map(json.loads)
        summarize_bag(corpus).map(lambda r: json.dumps(r, ensure_ascii=False)).to_textfiles(str(folder / "*.jsonl"))
        done = time.perf_counter()
    return started - began, warm - started, done - warm


def check_output(rows: list[dict[str, Any]], target: Path) -> dict[str, Any]:
    answers = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    in_order = [a["id"] for a in answers] == [r["id"] for r in rows]
    offsets = spans = 0
    for row, answer in zip(rows, answers, strict=False):
        for part in answer.get("sentences", []) + answer.get("removed", []):
            spans += 1
            offsets += row["text"][part["start"]:part["end"]] == part["text"]
    statuses = [a["status"] for a in answers]
    empty = next((a for a in answers if a["id"] == "empty"), {})
    return {
        "rows": len(rows), "answers": len(answers), "in_order": in_order, "spans": spans, "exact": offsets,
        "ok": statuses.count(200), "empty": f"{empty.get('status')} {empty.get('title')}: {empty.get('detail')}",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-append", action="store_true", help="do not write docs/PERFORMANCE.md")
    args = parser.parse_args()
    began = time.perf_counter()
    rows = articles(ARTICLES)
    # Other articles for the check: BBC dev beyond the first 500; IndoSum dev has only 750, so its
    # training split (a correctness check, not a quality measure: what a model saw does not matter).
    check_rows = articles(CHECK_ARTICLES, bbc_skip=ARTICLES // 2, indosum_split="train")
    check_rows.insert(CHECK_ARTICLES // 2, {"id": "empty", "text": ""})
    load = [os.getloadavg()]
    times: dict[str, list[float]] = {name: [] for name in ("one", "default", "dask", "one_start", "default_start",
                                                            "dask_start", "cluster", "one_cpu", "default_cpu")}
    with tempfile.TemporaryDirectory(prefix="ringkas-batch-bench-") as tmp:
        folder = Path(tmp)
        source, single = folder / "in.jsonl", folder / "single.jsonl"
        write_jsonl(source, rows)
        write_jsonl(single, rows[:1])  # start-up: the same command on one article
        paths: dict[str, Callable[[int], None]] = {
            "one": lambda i: times["one"].append(run_batch(source, folder / f"one-{i}.jsonl", 1, times["one_cpu"])),
            "one_start": lambda i: times["one_start"].append(run_batch(single, folder / "single-out.jsonl", 1)),
            "default": lambda i: times["default"].append(
                run_batch(source, folder / f"default-{i}.jsonl", None, times["default_cpu"])),
            "default_start": lambda i: times["default_start"].append(run_batch(single, folder / "single-out.jsonl", None)),
            "dask": lambda i: _record_dask(times, run_dask(source, folder / f"dask-{i}")),
        }
        for round_number in range(args.rounds):
            order = list(paths) if round_number % 2 == 0 else list(reversed(paths))
            for name in order:
                paths[name](round_number)
            load.append(os.getloadavg())
        same = _same_summaries(folder / "one-0.jsonl", folder / "default-0.jsonl", folder / "dask-0")
        check_source, check_target = folder / "check.jsonl", folder / "check-out.jsonl"
        write_jsonl(check_source, check_rows)
        run_batch(check_source, check_target, None)
        check = check_output(check_rows, check_target)
        load.append(os.getloadavg())
    lines = render(times, same, check, load, time.perf_counter() - began, args.rounds)
    print("\n".join(lines))
    if not args.no_append:
        write_section(PERFORMANCE, "batch-bench", lines)
    return 0


def _autogroup() -> str:
    """Whether Linux shares the CPU between sessions first (then more processes in one session
    get no more of a machine that other sessions keep busy)."""
    try:
        enabled = Path("/proc/sys/kernel/sched_autogroup_enabled").read_text().strip() == "1"
    except OSError:
        return ""
    if not enabled:
        return "Linux autogroup scheduling is off."
    return ("Linux autogroup scheduling is on: the CPU is shared between sessions first, so while other sessions "
            "keep the cores busy, the worker processes of one run share that run's slice instead of adding to it.")


def _record_dask(times: dict[str, list[float]], result: tuple[float, float, float]) -> None:
    times["cluster"].append(result[0])
    times["dask_start"].append(result[1])
    times["dask"].append(result[1] + result[2])


def _same_summaries(one: Path, default: Path, dask_folder: Path) -> bool:
    """The three paths give the same results (timings aside), row for row."""
    def load(lines: list[str]) -> list[Any]:
        answers = [json.loads(line) for line in lines if line.strip()]
        for answer in answers:
            answer.get("stats", {}).pop("elapsed_ms", None)
        return answers

    parts = sorted(dask_folder.glob("*.jsonl"), key=lambda part: int(part.stem))  # 0, 1, …, 10: not 0, 1, 10
    dask_lines = list(chain.from_iterable(part.read_text(encoding="utf-8").splitlines() for part in parts))
    reference = load(one.read_text(encoding="utf-8").splitlines())
    return reference == load(default.read_text(encoding="utf-8").splitlines()) == load(dask_lines)


def render(times: dict[str, list[float]], same: bool, check: dict[str, Any], load: list[tuple[float, float, float]],
           elapsed: float, rounds: int) -> list[str]:
    info = machine_info()
    median = {name: statistics.median(values) for name, values in times.items()}
    # Net of start-up: the rest of each round's time, for the other 999 articles.
    net = {name: [total - start for total, start in zip(times[name], times[f"{name}_start"], strict=True)]
           for name in ("one", "default", "dask")}
    net_median = {name: statistics.median(values) for name, values in net.items()}
    speedup = median["one"] / median["default"]
    net_speedup = net_median["one"] / net_median["default"]

    def row(name: str, label: str) -> str:
        return (f"| {label} | {ARTICLES / median[name]:,.1f} | {median[name]:.1f} s | {median[f'{name}_start']:.1f} s "
                f"| {(ARTICLES - 1) / net_median[name]:,.1f} | {'; '.join(f'{v:.1f}' for v in times[name])} |")

    workers = subprocess.run([sys.executable, "-c", "from service.cli.batch import default_workers as d; print(d())"],
                             capture_output=True, text=True, check=True, cwd=ROOT).stdout.strip()
    verdict = "met" if speedup >= 1.5 else "NOT met"
    net_verdict = "met" if net_speedup >= 1.5 else "NOT met"
    return [
        "## Corpus throughput: `ringkas batch` and Dask",
        "",
        f"`python -m bench.batch_bench` ({time.strftime('%Y-%m-%d')}, revision {info['Ringkas revision']}, "
        f"{info['CPU']}; {elapsed:.0f} s in all). The same {ARTICLES:,} articles "
        f"for every path: {ARTICLES // 2} BBC News Summary and {ARTICLES // 2} IndoSum development articles, alternating, "
        "each as scraped (title line, then the body); default options (the learned scorer, 3 sentences, `language=auto`). "
        "Wall-clock time end to end (imports, language resources loaded once per process, reading and writing "
        "JSON Lines); one BLAS thread per process. *Start-up* is the same command on one article (for Dask: every "
        "worker importing Ringkas and building its summariser; the cluster's own start is not counted); "
        f"*net* is the rest, for the other {ARTICLES - 1:,}. {rounds} rounds, the paths alternating in each; medians, "
        "then every round's total. Load average (1 min) before/between/after rounds: "
        + ", ".join(f"{entry[0]:.2f}" for entry in load) + " (other jobs share the machine: absolute rates vary "
        "between runs; the ratios within one run are the measure). " + _autogroup(),
        "",
        "| path | articles/s, end to end | time | start-up | articles/s, net of start-up | every round (s) |",
        "|---|---:|---:|---:|---:|---|",
        row("one", "`ringkas batch --workers 1` (in process, no pool)"),
        row("default", f"`ringkas batch` (default: {workers} worker processes)"),
        row("dask", "Dask bag on a `LocalCluster` (2 worker processes × 1 thread)"),
        "",
        f"Default workers against `--workers 1`: **{speedup:.2f}×** end to end (target ≥ 1.5×: **{verdict}**), "
        f"**{net_speedup:.2f}×** net of start-up (**{net_verdict}**). The Dask cluster's own start: median "
        f"{median['cluster']:.1f} s. CPU time of a whole run (every process; median): `--workers 1` "
        f"{median['one_cpu']:.1f} s, default {median['default_cpu']:.1f} s; cores kept busy on average (CPU time / "
        f"wall time): {median['one_cpu'] / median['one']:.2f} and {median['default_cpu'] / median['default']:.2f}. "
        "Same results on all three paths, row for row (timings aside): "
        f"**{'yes' if same else 'NO'}**.",
        "",
        f"Output check: `ringkas batch` (default workers) on {CHECK_ARTICLES} other articles (BBC development "
        f"articles {ARTICLES // 2 + 1}–{ARTICLES // 2 + CHECK_ARTICLES // 2}, IndoSum training articles "
        f"1–{CHECK_ARTICLES // 2}) plus one empty row in the middle: "
        f"{check['answers']:,} answers for {check['rows']:,} rows, in input order: **{'yes' if check['in_order'] else 'NO'}**; "
        f"{check['ok']:,} summaries; offsets exact (`text[start:end]` equals the span) for "
        f"**{check['exact']:,} of {check['spans']:,}** sentences and removed spans; the empty row: `{check['empty']}`.",
    ]


if __name__ == "__main__":
    sys.exit(main())
