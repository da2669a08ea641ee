"""Speed and memory of Ringkas (`make bench`), written to docs/PERFORMANCE.md.

Run: ``python -m bench.performance [--quick] [--only http|stages|scaling|memory] [--output PATH]``.
A full run writes docs/PERFORMANCE.md; ``--quick`` or ``--only`` runs print their Markdown
unless ``--output`` is given, so that they never overwrite the reference numbers by accident.

* http: the unique-article mix — ``MIX_ARTICLES`` different seed-sized articles (BBC English and
  IndoSum Indonesian dev articles, headline line(s) first, as scrapers deliver them), cycled so
  that no two requests in a row are alike — sent by wrk (``-t2 -c8``, a Lua script cycling the
  bodies) to gunicorn running ``wsgi:app`` and, in the same run, to a bare Flask app (``return
  "ok"``) on the same gunicorn setup: the floor. Rounds alternate floor and service.
* stages: microseconds per stage inside real requests: the same articles through the Flask app's
  WSGI callable in this process, each stage function wrapped by a timer.
* scaling: pipeline and ranking against sumy's same algorithm on 25 … 10,000 real sentences.
* memory: time and peak RSS of the largest accepted input (1 MiB) in a fresh process.

Like gunicorn.conf.py, one BLAS thread is used (set before numpy is imported).
"""

from __future__ import annotations

import os
import tempfile

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")
# Metrics as under gunicorn (multiprocess files), read by prometheus-client at import; a
# directory made here is removed at exit.
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    import atexit
    import shutil as _shutil

    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="ringkas-bench-metrics-")
    atexit.register(_shutil.rmtree, os.environ["PROMETHEUS_MULTIPROC_DIR"], True)

import argparse  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from bench._corpus import build_document, extrapolate, fit_exponent, machine_info, median  # noqa: E402
from bench._harness import ROOT, Server, cpu_times, read_jsonl, relative, running_server, shared_data  # noqa: E402

SEED = ROOT / "seeds" / "000_alibaba_id_double_headline.txt"
CORPUS = shared_data("bbc_news_summary")
OUTPUT = ROOT / "docs" / "PERFORMANCE.md"
#: Articles in the HTTP mix, half English, half Indonesian (issue 12: at least 200).
MIX_ARTICLES = 240
#: "Seed-sized": the seed articles are 1.7–3.1 KB; the mix takes bodies of this many characters.
MIX_CHARS = (1500, 4500)
HTTP_SECONDS, QUICK_HTTP_SECONDS = 10, 3
HTTP_ROUNDS, QUICK_HTTP_ROUNDS = 2, 1
WRK_THREADS, WRK_CONNECTIONS = 2, 8
SIZES, QUICK_SIZES = (25, 100, 500, 1000, 2000, 10_000), (25, 100, 500)
#: sumy is skipped where one run is predicted (quadratic, from its last size) to exceed this,
#: except up to the target's size (1,000), which is always measured.
SUMY_LIMIT_S, SUMY_ALWAYS_UP_TO = 20.0, 1000
#: The service's limit (Config.max_text_chars): the largest accepted input.
MAX_INPUT_CHARS = 1024 * 1024
# Targets (issue 12).
TARGET_FLOOR_SHARE = 0.25
TARGET_SPEEDUP_1000 = 100.0
TARGET_MAX_SECONDS, TARGET_MAX_MB = 1.0, 300.0
TARGET_TEXTRANK_10K_SECONDS = 1.0


def _timed(function: Callable[[], object], repeats: int) -> float:
    runs = []
    for _ in range(repeats):
        began = time.process_time()  # CPU time: on a shared machine wall time counts the waits for a core
        function()
        runs.append(time.process_time() - began)
    return median(runs)


def _resources(max_chars: int | None = None) -> Any:
    from service.config import Config
    from service.pipeline import Resources

    return Resources.build(Config.load({"max_text_chars": max_chars} if max_chars else None))


def _ms(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    return f"{seconds:,.0f} s" if seconds >= 100 else f"{seconds:.2f} s" if seconds >= 1 else f"{seconds * 1e3:.1f} ms"


# --- the article mix --------------------------------------------------------------------------


def article_mix(count: int = MIX_ARTICLES) -> list[str]:
    """``count`` different seed-sized articles, English and Indonesian alternating, in file order.

    Each is its headline line then the body, as scrapers deliver it; every other article carries
    its headline twice (a syndicated copy), so headline stripping has work as in the seeds.
    """
    sources = [read_jsonl(shared_data("bbc_news_summary")), read_jsonl(shared_data("indosum"))]
    picked: list[str] = []
    while len(picked) < count:
        for rows in sources:
            for row in rows:
                title = " ".join(row["title"].split())
                text = ((title + "\n") * (1 + len(picked) % 2) if title else "") + row["text"]
                if MIX_CHARS[0] <= len(text) <= MIX_CHARS[1]:
                    picked.append(text)
                    break
            else:
                raise RuntimeError(f"Not enough seed-sized articles in {relative(shared_data(''))}.")
    return picked[:count]


# --- http -------------------------------------------------------------------------------------

_WRK_SCRIPT = """
local f = assert(io.open("{bodies}", "rb"))
local data = f:read("*a")
f:close()
local bodies = {{}}
for body in string.gmatch(data, "([^%z]+)") do bodies[#bodies + 1] = body end
local headers = {{["Content-Type"] = "text/plain; charset=utf-8"}}
local threads = 0
function setup(thread) thread:set("offset", threads); threads = threads + 1 end
local i = nil
function request()
  -- each thread starts at its own place in the cycle, then takes the next body every time
  if i == nil then i = (offset or 0) * math.floor(#bodies / {threads}) end
  i = i % #bodies + 1
  return wrk.format("POST", "/v1/summarize", headers, bodies[i])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRKJSON %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), e.connect + e.read + e.write + e.status + e.timeout))
end
"""


def _cpu_seconds(master: int) -> float:
    """User + system CPU seconds of a gunicorn master and its live workers so far."""
    return sum(cpu_times(master))


def _wrk(server: Server, script: Path, seconds: int) -> dict[str, float]:
    command = ["wrk", f"-t{WRK_THREADS}", f"-c{WRK_CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script),
               server.url]
    cpu = _cpu_seconds(server.pid)
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=True)
    cpu = _cpu_seconds(server.pid) - cpu
    line = next(x for x in done.stdout.splitlines() if x.startswith("WRKJSON "))
    requests, duration_us, p50_us, p99_us, errors = (int(float(v)) for v in line.split()[1:])
    return {"requests": requests, "rps": requests / (duration_us / 1e6), "p50": p50_us / 1e3, "p99": p99_us / 1e3,
            "errors": errors, "cpu_ms": cpu / max(requests, 1) * 1e3}


def run_http(seconds: int, rounds: int, log: Callable[[str], None]) -> list[tuple[str, dict[str, float]]]:
    """(server, wrk result) per round, floor and service alternating, both servers up throughout."""
    work = Path(tempfile.mkdtemp(prefix="ringkas-bench-"))
    try:
        bodies = work / "bodies.bin"
        bodies.write_bytes(b"\0".join(text.encode("utf-8") for text in article_mix()))
        script = work / "mix.lua"
        script.write_text(_WRK_SCRIPT.format(bodies=bodies, threads=WRK_THREADS), encoding="utf-8")
        rows = []
        with running_server("bench._harness:bare_app()") as floor, running_server() as service:
            for _ in range(rounds):
                for name, server in (("bare Flask floor", floor), ("Ringkas", service)):
                    rows.append((name, _wrk(server, script, seconds)))
                    log(f"http {name}: {rows[-1][1]}")
        return rows
    finally:
        shutil.rmtree(work, ignore_errors=True)


def http_markdown(rows: list[tuple[str, dict[str, float]]], seconds: int) -> str:
    out = [
        f"wrk -t{WRK_THREADS} -c{WRK_CONNECTIONS} -d{seconds}s (a Lua script cycling {MIX_ARTICLES} different "
        "seed-sized articles, half BBC English, half IndoSum Indonesian, as `text/plain` POSTs to `/v1/summarize`) "
        "against gunicorn (`gunicorn.conf.py`: 2 sync workers, preload) on 127.0.0.1, serving `wsgi:app` or "
        "the bare Flask floor (`bench._harness:bare_app()`, `return \"ok\"`); wrk shares the 2 cores with the server.",
        "",
        "| round | server | requests | requests/s | p50 | p99 | errors | server CPU per request |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for i, (name, r) in enumerate(rows):
        out.append(f"| {i // 2 + 1} | {name} | {r['requests']:,.0f} | {r['rps']:,.0f} | {r['p50']:.1f} ms "
                   f"| {r['p99']:.1f} ms | {r['errors']:.0f} | {r['cpu_ms']:.2f} ms |")

    def mean(key: str, ours: bool) -> float:
        return median([r[key] for name, r in rows if (name == "Ringkas") == ours])

    share, cpu_share = mean("rps", True) / mean("rps", False), mean("cpu_ms", False) / mean("cpu_ms", True)
    errors = sum(r["errors"] for _, r in rows)
    ok = share >= TARGET_FLOOR_SHARE and errors == 0
    out += ["", f"Unique articles at **{share:.1%} of the bare-Flask floor** (median req/s over the rounds), "
            f"{errors:.0f} errors. Target (≥ {TARGET_FLOOR_SHARE:.0%}, zero errors): **{'met' if ok else 'NOT met'}**.",
            f"By server CPU per request (user + system time of gunicorn's master and workers, from `/proc`, over each "
            f"run): {cpu_share:.1%} — the same ratio without the time the servers spent waiting for a core, which "
            f"the load average above says they did."]
    return "\n".join(out)


# --- stages -----------------------------------------------------------------------------------


def _stage_targets() -> list[tuple[object, str, str]]:
    """(owner, attribute, stage) of every function timed; owners are looked up where callers find them."""
    from service import pipeline
    from service.models import Summary, SummaryOptions
    from service.text.language import LanguageData
    from service.web import app as web_app
    from service.web import views
    from service.web.metrics import Metrics

    return [
        (views, "read_request", "request body and options"),
        (SummaryOptions, "parse", "request body and options"),
        (pipeline, "processing_view", "normalise, lines, spans"),
        (pipeline, "split_lines", "normalise, lines, spans"),
        (pipeline, "_subtract", "normalise, lines, spans"),
        (pipeline.Resources, "detect_language", "language detection"),
        (pipeline, "find_boilerplate", "boilerplate (datelines, bylines, links)"),
        (pipeline, "find_duplicates", "headline dedup (without its sentencex calls)"),
        (pipeline, "split_sentences", "sentencex"),
        (LanguageData, "tokens", "tokenising"),
        (LanguageData, "document_terms", "stop words and stemming"),
        (sys.modules["service.rank"], "term_counts", "term counts and TF-IDF"),
        (sys.modules["service.rank"], "tfidf_from_counts", "term counts and TF-IDF"),
        (pipeline, "rank", "ranking (graph, PageRank, prior)"),
        (pipeline, "select_sentences", "selection"),
        (pipeline, "summary_worthy", "selection"),
        (Summary, "to_dict", "response and JSON"),
        (views, "jsonify", "response and JSON"),
        (Metrics, "observe_request", "metrics"),
        (Metrics, "observe_summary", "metrics"),
        (web_app, "access_record", "access log"),
        (web_app, "log_access", "access log"),
    ]


REST = "Flask, werkzeug, request hooks and pipeline glue (the rest)"


def run_stages(texts: Sequence[str], log: Callable[[str], None]) -> tuple[dict[str, float], float, float]:
    """Mean µs per request of each stage (exclusive times), the wrapped whole, and the unwrapped whole."""
    from unittest import mock

    from werkzeug.test import EnvironBuilder

    import service.rank  # noqa: F401 - imported for _stage_targets
    from service.web.app import create_app

    app = create_app()
    bodies = [t.encode() for t in texts]

    def run_all() -> list[float]:
        times = []
        environs = [EnvironBuilder(path="/v1/summarize", method="POST", data=body,
                                   content_type="text/plain; charset=utf-8").get_environ() for body in bodies]
        real_stderr, sys.stderr = sys.stderr, open(os.devnull, "w")  # noqa: SIM115 - the access lines go nowhere
        try:
            for environ in environs:
                began = time.thread_time()
                body = b"".join(app(environ, lambda status, headers, exc_info=None: None))
                times.append(time.thread_time() - began)
                assert body.startswith(b'{"summary"'), body[:200]
        finally:
            sys.stderr.close()
            sys.stderr = real_stderr
        return times

    run_all()  # warm: per-language data, lazy imports
    bare = median([sum(run_all()) / len(bodies) for _ in range(3)])
    totals: dict[str, float] = {}
    stack: list[float] = []

    def wrap(label: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            began = time.thread_time()
            stack.append(0.0)
            try:
                return function(*args, **kwargs)
            finally:
                inner, elapsed = stack.pop(), time.thread_time() - began
                totals[label] = totals.get(label, 0.0) + elapsed - inner
                if stack:
                    stack[-1] += elapsed

        return timed

    patches = [mock.patch.object(owner, name, wrap(label, getattr(owner, name))) for owner, name, label in _stage_targets()]
    for patch in patches:
        patch.start()
    try:
        run_all()
        totals.clear()
        whole = sum(run_all())
    finally:
        for patch in reversed(patches):
            patch.stop()
    count = len(bodies)
    stages = {label: seconds / count * 1e6 for label, seconds in totals.items()}
    # Each timer's own cost (~1.3 µs a call, about half of it outside its stage) is in the rest.
    stages[REST] = (whole - sum(totals.values())) / count * 1e6
    log(f"stages: whole {whole / count * 1e6:.0f} µs wrapped, {bare * 1e6:.0f} µs bare")
    return stages, whole / count * 1e6, bare * 1e6


def stages_markdown(stages: dict[str, float], whole: float, bare: float, count: int) -> str:
    out = [
        f"Mean µs per request over the {count} articles of the HTTP mix, each sent through the Flask app's WSGI callable "
        "in one process (`create_app()`, default options, metrics in multiprocess mode as under gunicorn). Each "
        "stage function is wrapped by a timer (exclusive time: a stage called inside another counts once). Times are "
        "CPU time of the thread (`time.thread_time`), not wall time: on a shared machine, time spent waiting for a core "
        "would otherwise be charged to whichever stage was running. The rest includes the timers' own cost (~1.3 µs per "
        "timed call, about 70 calls a request).",
        "",
        "| stage | µs | share |",
        "|---|---:|---:|",
    ]
    for label, micros in sorted(stages.items(), key=lambda kv: -kv[1]):
        out.append(f"| {label} | {micros:,.0f} | {micros / whole:.0%} |")
    out.append(f"| **whole WSGI request** (timers on; without them: {bare:,.0f} µs) | **{whole:,.0f}** | |")
    return "\n".join(out)


# --- scaling ----------------------------------------------------------------------------------


def run_scaling(sizes: Sequence[int], quick: bool, log: Callable[[str], None]) -> dict[str, list[dict[str, Any]]]:
    """Per algorithm: pipeline, ranking alone and sumy's ranking (or its extrapolation) per size."""
    from service.models import SummaryOptions
    from service.pipeline import summarize
    from service.rank import rank_sentences
    from service.rank.sumy_reference import sumy_scores

    resources = _resources(max_chars=100 * MAX_INPUT_CHARS)  # 10,000 sentences exceed 1 MiB
    data = resources.languages.data("en")
    articles = [row["text"] for row in read_jsonl(CORPUS)]
    documents = {n: build_document(articles, language="en", sentences=n) for n in sizes}
    results: dict[str, list[dict[str, Any]]] = {}
    for algorithm in ("lexrank", "textrank"):
        options = SummaryOptions(algorithm=algorithm)  # type: ignore[arg-type]
        rows: list[dict[str, Any]] = []
        sumy_runs: list[tuple[int, float]] = []
        for n in sizes:
            repeats = 5 if n <= 500 else 3 if n <= 2000 else 1
            text, words = documents[n].text, [data.terms(s) for s in documents[n].sentences]
            summarize(text, options, resources)
            row = {"size": n, "pipeline": _timed(lambda: summarize(text, options, resources), repeats),  # noqa: B023
                   "rank": _timed(lambda: rank_sentences(algorithm, words), repeats), "sumy": None, "estimated": False}  # type: ignore[arg-type]  # noqa: B023
            predicted = sumy_runs[-1][1] * (n / sumy_runs[-1][0]) ** 2 if sumy_runs else 0.0
            if predicted <= (3.0 if quick else SUMY_LIMIT_S) or (n <= SUMY_ALWAYS_UP_TO and not quick):
                row["sumy"] = _timed(lambda: sumy_scores(algorithm, words), 3 if n <= 500 else 1)  # type: ignore[arg-type]  # noqa: B023
                sumy_runs.append((n, row["sumy"]))
            log(f"scaling {algorithm} {row}")
            rows.append(row)
        if len(sumy_runs) >= 2:
            fit = fit_exponent([s for s, _ in sumy_runs[-3:]], [t for _, t in sumy_runs[-3:]])
            for row in rows:
                if row["sumy"] is None:
                    row["sumy"], row["estimated"] = extrapolate(fit, row["size"]), True
        results[algorithm] = rows
    return results


def scaling_markdown(results: dict[str, list[dict[str, Any]]]) -> str:
    out = []
    for algorithm, rows in results.items():
        out += [f"### {algorithm}", "", "| sentences | Ringkas pipeline | Ringkas ranking | sumy ranking | ranking "
                "speed-up | pipeline with sumy ranking¹ | end-to-end speed-up |", "|---:|---:|---:|---:|---:|---:|---:|"]
        for r in rows:
            mark = " (extrapolated)" if r["estimated"] else ""
            if r["sumy"] is None:
                out.append(f"| {r['size']:,} | {_ms(r['pipeline'])} | {_ms(r['rank'])} | not run | – | – | – |")
                continue
            with_sumy = r["pipeline"] - r["rank"] + r["sumy"]
            out.append(f"| {r['size']:,} | {_ms(r['pipeline'])} | {_ms(r['rank'])} | {_ms(r['sumy'])}{mark} | "
                       f"{r['sumy'] / r['rank']:,.0f}×{mark} | {_ms(with_sumy)}{mark} | "
                       f"{with_sumy / r['pipeline']:,.0f}×{mark} |")
        k = fit_exponent([r["size"] for r in rows], [r["pipeline"] for r in rows])[0]
        out += ["", f"Pipeline time ∝ sentences^{k:.2f} (log-log least squares)."]
        thousand = next((r for r in rows if r["size"] == 1000 and r["sumy"] and not r["estimated"]), None)
        if thousand:
            speedup = (thousand["pipeline"] - thousand["rank"] + thousand["sumy"]) / thousand["pipeline"]
            out.append(f"Target (end-to-end ≥ {TARGET_SPEEDUP_1000:.0f}× sumy at 1,000 sentences): {speedup:,.0f}× — "
                       f"**{'met' if speedup >= TARGET_SPEEDUP_1000 else 'NOT met'}**.")
        big = next((r for r in rows if r["size"] == 10_000), None)
        if big and algorithm == "textrank":
            ok = big["pipeline"] <= TARGET_TEXTRANK_10K_SECONDS
            out.append(f"Target (10,000 sentences of TextRank ≤ {TARGET_TEXTRANK_10K_SECONDS:.0f} s): "
                       f"{_ms(big['pipeline'])} — **{'met' if ok else 'NOT met'}**.")
        out.append("")
    out.append("Documents: `../shared/data/bbc_news_summary/dev.jsonl` articles in file order, one paragraph per line, "
               "repeated paragraphs skipped (`bench/_corpus.py`); CPU time of the process (`time.process_time`, one BLAS "
               "thread), medians of 5 runs up to 500 sentences, 3 up to 2,000, "
               "1 beyond. sumy gets exactly our sentences and index terms (`service/rank/sumy_reference.py`); it is not run "
               f"where one run would take over {SUMY_LIMIT_S:.0f} s, and is extrapolated there (labelled).\n\n"
               "¹ sumy's own pipeline needs NLTK's downloaded punkt data, so this is Ringkas's pipeline with its ranking "
               "swapped for sumy's: pipeline − Ringkas ranking + sumy ranking.")
    return "\n".join(out)


# --- memory -----------------------------------------------------------------------------------


def _status_mb(name: str) -> float:
    line = next(x for x in Path("/proc/self/status").read_text().splitlines() if x.startswith(name + ":"))
    return int(line.split()[1]) / 1024


def _memory_child() -> None:
    """In a fresh process: imports, resources, the seed once; then the 1 MiB input twice (JSON to stdout).

    Only runtime dependencies can be imported (``_runtime_imports``): the process loads what a
    ``make serve`` worker loads, not the development environment's optional extras.
    """
    from bench._runtime_imports import hide_dev_packages

    hide_dev_packages()
    from service.models import SummaryOptions
    from service.pipeline import summarize

    text = build_document((row["text"] for row in read_jsonl(CORPUS)), language="en", max_chars=MAX_INPUT_CHARS).text
    resources = _resources()
    summarize(SEED.read_text(encoding="utf-8"), SummaryOptions(), resources)
    gc.freeze()  # as gunicorn.conf.py's pre_fork does before a worker starts
    baseline = _status_mb("VmRSS")
    Path("/proc/self/clear_refs").write_text("5")  # reset the high-water mark to the current RSS
    seconds = []
    for _ in range(2):
        began = time.process_time()
        summary = summarize(text, SummaryOptions(), resources)
        seconds.append(time.process_time() - began)
    print(json.dumps({"chars": len(text), "sentences": summary.stats.sentences, "baseline": baseline,
                      "peak": _status_mb("VmHWM"), "seconds": seconds}))


def run_memory(log: Callable[[str], None]) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-m", "bench.performance", "--_memory-child"], cwd=ROOT,
                          capture_output=True, text=True, check=True, timeout=600)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    log(f"memory: {result}")
    return result


def memory_markdown(r: dict[str, Any]) -> str:
    ok_time, ok_mem = max(r["seconds"]) <= TARGET_MAX_SECONDS, r["peak"] <= TARGET_MAX_MB
    return "\n".join([
        "| input | sentences | RSS before | peak RSS during the request | time (1st / 2nd call) |",
        "|---:|---:|---:|---:|---:|",
        f"| {r['chars']:,} chars | {r['sentences']:,} | {r['baseline']:.0f} MB | {r['peak']:.0f} MB | "
        + " / ".join(_ms(s) for s in r["seconds"]) + " |",
        "",
        f"Target (≤ {TARGET_MAX_SECONDS:.0f} s and ≤ {TARGET_MAX_MB:.0f} MB): time {max(r['seconds']):.2f} s — "
        f"**{'met' if ok_time else 'NOT met'}**; peak {r['peak']:.0f} MB — **{'met' if ok_mem else 'NOT met'}**.",
        "A fresh `python -m bench.performance --_memory-child` process imports the service with only the runtime "
        "dependencies importable (`bench/_runtime_imports.py`: scikit-learn would otherwise import the development "
        "environment's pandas, ~60 MB no `make serve` worker has), builds its resources, "
        "summarises the seed once and freezes what it loaded (`gc.freeze()`, as gunicorn's master does before it forks "
        "a worker); then its high-water RSS (`VmHWM`) is reset to the current RSS "
        "(`echo 5 > /proc/self/clear_refs`) and the 1 MiB document (BBC dev articles, default options: the learned "
        "scorer) is summarised twice. "
        "Times are CPU time of the process (`time.process_time`, one BLAS thread).",
    ])


# --- report -----------------------------------------------------------------------------------

ANALYSIS_MARK = "<!-- analysis: written by hand, kept when the benchmark rewrites this file -->"
TITLES = {"http": "HTTP: unique articles against the bare-Flask floor", "stages": "Where a request's time goes",
          "scaling": "Scaling: time against document length", "memory": "Memory: the largest accepted input (1 MiB)"}


def report(sections: dict[str, str], argv: Sequence[str], seconds: float, loads: list[str]) -> str:
    info = machine_info()
    info["load average (1 min) at each part"] = "; ".join(loads)
    out = ["# Ringkas — performance", "",
           f"Generated by `python -m bench.performance{''.join(' ' + a for a in argv)}` (`make bench`) in {seconds:,.0f} s, "
           "from the repository root; the method is in `bench/performance.py`.", "", "## Machine", "", "| | |", "|---|---|"]
    out += [f"| {k} | {v} |" for k, v in info.items()]
    for key, body in sections.items():
        out += ["", f"## {TITLES[key]}", "", body]
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv == ["--_memory-child"]:
        _memory_child()
        return 0
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes and short HTTP runs (a smoke run)")
    parser.add_argument("--only", choices=tuple(TITLES), action="append", help="run only these parts (repeatable)")
    parser.add_argument("--output", type=Path, help="write the Markdown here (default: docs/PERFORMANCE.md for a full run)")
    args = parser.parse_args(argv)
    started = time.monotonic()

    def log(message: str) -> None:
        print(f"[{time.monotonic() - started:6.1f} s] {message}", file=sys.stderr, flush=True)

    parts = args.only or list(TITLES)
    if "http" in parts and not shutil.which("wrk"):
        print("wrk is needed for the HTTP benchmark and is not installed: `apt-get install wrk` (Debian/Ubuntu), "
              "or run the other parts with --only stages --only scaling --only memory.", file=sys.stderr)
        return 2
    if not CORPUS.exists():
        print(f"The benchmark reads the evaluation data in {relative(CORPUS.parents[1])}, which is missing.", file=sys.stderr)
        return 2
    sections: dict[str, str] = {}
    loads: list[str] = []
    for part in parts:
        loads.append(f"{part} {os.getloadavg()[0]:.2f}")
        if part == "http":
            seconds = QUICK_HTTP_SECONDS if args.quick else HTTP_SECONDS
            sections[part] = http_markdown(run_http(seconds, QUICK_HTTP_ROUNDS if args.quick else HTTP_ROUNDS, log), seconds)
        elif part == "stages":
            texts = article_mix()
            sections[part] = stages_markdown(*run_stages(texts, log), count=len(texts))
        elif part == "scaling":
            sections[part] = scaling_markdown(run_scaling(QUICK_SIZES if args.quick else SIZES, args.quick, log))
        elif part == "memory":
            sections[part] = memory_markdown(run_memory(log))
    loads.append(f"end {os.getloadavg()[0]:.2f}")
    text = report(sections, argv, time.monotonic() - started, loads)
    output = args.output or (OUTPUT if not args.quick and not args.only else None)
    if output is None:
        print(text)
        return 0
    previous = output.read_text(encoding="utf-8") if output.exists() else ""
    kept = previous[previous.find(ANALYSIS_MARK):].rstrip("\n") if ANALYSIS_MARK in previous else ""
    output.write_text(text + ("\n\n" + kept if kept else "") + "\n", encoding="utf-8")
    log(f"wrote {relative(output)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
