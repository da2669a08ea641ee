"""Speed and memory of Ringkas against sumy, and HTTP throughput (`make bench`).

Run: ``python -m bench.performance [--quick] [--only scaling|memory|http|profile] [--output PATH]``.

A full run (no ``--quick``, no ``--only``) writes ``docs/PERFORMANCE.md``; partial or quick
runs print their Markdown to standard output unless ``--output`` is given, so that they never
overwrite the reference numbers by accident.

* scaling: whole pipeline and ranking alone on documents of 25 … 10,000 real sentences
  (bbc_news_summary dev articles, concatenated paragraph by paragraph), Ringkas vs sumy's same
  algorithm on the same index terms; sumy stops where one run would exceed ~20 s, and the rest
  is extrapolated with its fitted exponent (labelled as such).
* memory: peak RSS of a fresh process summarising the largest accepted input (1 MiB), Ringkas
  and sumy (sumy measured where it finishes, the rest estimated from its dense n×n matrices).
* http: gunicorn with ``gunicorn.conf.py`` on 127.0.0.1 (a free port), driven by wrk (installed
  with apt-get when missing) or by ``bench.http_load``; 8 concurrent clients.
* profile: where the pipeline's time goes (stage timings and cProfile) for the seed article and
  2,000- and 10,000-sentence documents.

Like gunicorn.conf.py, one BLAS thread is used (set before numpy is imported), so that in-process
numbers describe what one worker does.
"""

from __future__ import annotations

import os

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import argparse  # noqa: E402
import cProfile  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import pstats  # noqa: E402
import resource  # noqa: E402
import shlex  # noqa: E402
import shutil  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import urllib.request  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402

from bench._corpus import (  # noqa: E402
    SHARED_DATA,
    Document,
    build_document,
    extrapolate,
    fit_exponent,
    machine_info,
    median,
    read_articles,
)

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_alibaba_id_double_headline.txt"
CORPUS = SHARED_DATA / "bbc_news_summary" / "dev.jsonl"
CORPUS_LANGUAGE = "en"
OUTPUT = ROOT / "docs" / "PERFORMANCE.md"
ALGORITHMS = ("lexrank", "textrank")
SIZES = (25, 100, 500, 1000, 2000, 10_000)
QUICK_SIZES = (25, 100, 500)
#: sumy is not run where one run is predicted (from its last two sizes, quadratic) to pass this.
SUMY_LIMIT_S = 20.0
QUICK_SUMY_LIMIT_S = 3.0
#: ... except that the target's size (issue 4: ≥ 50× at 1,000 sentences) is always measured.
SUMY_ALWAYS_UP_TO = 1000
#: The service's limit (Config.max_text_chars, 1 MiB): the largest accepted input.
MAX_INPUT_CHARS = 1024 * 1024
HTTP_SECONDS = 10
QUICK_HTTP_SECONDS = 2
HTTP_CLIENTS = 8
HTTP_ARTICLE_SENTENCES = 200
# Targets of issue 4.
TARGET_SPEEDUP_1000 = 50.0
TARGET_MAX_SECONDS = 2.0
TARGET_MAX_MB = 300.0
TARGET_SEED_SHARE = 0.40


def repeats_for(size: int) -> int:
    """Median of 5 runs for small documents, 3 for medium, 1 for the largest."""
    return 5 if size <= 500 else 3 if size <= 2000 else 1


def _timed(function: Callable[[], object], repeats: int) -> float:
    runs = []
    for _ in range(repeats):
        began = time.perf_counter()
        function()
        runs.append(time.perf_counter() - began)
    return median(runs)


def _resources(max_chars: int | None = None):
    from service.config import Config
    from service.pipeline import Resources

    overrides = {"max_text_chars": max_chars} if max_chars else None
    return Resources.build(Config.load(overrides))


# ---------------------------------------------------------------------------------------------
# scaling


@dataclass
class ScalingRow:
    size: int
    sentences: int  # as the pipeline counted them
    pipeline: float
    rank: float
    sumy: float | None = None
    sumy_extrapolated: float | None = None


@dataclass
class Scaling:
    algorithm: str
    rows: list[ScalingRow] = field(default_factory=list)
    sumy_stopped_after: int | None = None
    sumy_limit: float = SUMY_LIMIT_S


def run_scaling(
    sizes: Sequence[int], sumy_limit: float, log: Callable[[str], None], always_up_to: int = SUMY_ALWAYS_UP_TO
) -> list[Scaling]:
    from service.models import SummaryOptions
    from service.pipeline import summarize
    from service.rank import rank_sentences
    from service.rank.sumy_reference import sumy_scores

    resources = _resources(max_chars=100 * MAX_INPUT_CHARS)  # 10,000 sentences exceed 1 MiB
    data = resources.languages.data(CORPUS_LANGUAGE)
    documents = {n: build_document(read_articles(CORPUS), language=CORPUS_LANGUAGE, sentences=n) for n in sizes}
    terms = {n: [data.terms(s) for s in doc.sentences] for n, doc in documents.items()}
    summarize(documents[sizes[0]].text, SummaryOptions(), resources)  # warm caches and lazy imports
    results = []
    for algorithm in ALGORITHMS:
        result = Scaling(algorithm, sumy_limit=sumy_limit)
        options = SummaryOptions(algorithm=algorithm)  # type: ignore[arg-type]
        sumy_runs: list[tuple[int, float]] = []
        for n in sizes:
            repeats = repeats_for(n)
            summary = summarize(documents[n].text, options, resources)
            text, words = documents[n].text, terms[n]
            pipeline = _timed(lambda: summarize(text, options, resources), repeats)  # noqa: B023 - called at once
            rank = _timed(lambda: rank_sentences(algorithm, words), repeats)  # type: ignore[arg-type]  # noqa: B023
            row = ScalingRow(n, summary.stats.sentences, pipeline, rank)
            predicted = None
            if sumy_runs:
                last_n, last_t = sumy_runs[-1]
                predicted = last_t * (n / last_n) ** 2
            # Always measured up to the target's size (1,000), however long it takes.
            wanted = predicted is None or predicted <= sumy_limit or n <= always_up_to
            if result.sumy_stopped_after is None and wanted:
                sumy_repeats = min(repeats, 3) if n <= 500 else 1
                row.sumy = _timed(lambda: sumy_scores(algorithm, words), sumy_repeats)  # type: ignore[arg-type]  # noqa: B023
                sumy_runs.append((n, row.sumy))
                if row.sumy > sumy_limit:
                    result.sumy_stopped_after = n
            elif result.sumy_stopped_after is None:
                result.sumy_stopped_after = sumy_runs[-1][0]
            log(f"scaling {algorithm} n={n}: pipeline {pipeline * 1e3:.1f} ms, rank {rank * 1e3:.1f} ms, sumy {row.sumy}")
            result.rows.append(row)
        if result.sumy_stopped_after is not None and len(sumy_runs) >= 2:
            fit = fit_exponent([size for size, _ in sumy_runs[-3:]], [t for _, t in sumy_runs[-3:]])
            for row in result.rows:
                if row.sumy is None:
                    row.sumy_extrapolated = extrapolate(fit, row.size)
        results.append(result)
    return results


def _ms(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    if seconds >= 100:
        return f"{seconds:,.0f} s"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    return f"{seconds * 1e3:.1f} ms"


def scaling_markdown(results: list[Scaling]) -> str:
    out = []
    for result in results:
        rows = result.rows
        sumy_measured = [(r.size, r.sumy) for r in rows if r.sumy is not None]
        out.append(f"### {result.algorithm}\n")
        out.append(
            "| sentences | Ringkas pipeline | Ringkas ranking | sumy ranking | ranking speed-up | "
            "pipeline with sumy ranking¹ | end-to-end speed-up |"
        )
        out.append("|---:|---:|---:|---:|---:|---:|---:|")
        for r in rows:
            sumy = r.sumy if r.sumy is not None else r.sumy_extrapolated
            mark = "" if r.sumy is not None else " (extrapolated)"
            if sumy is None:
                out.append(f"| {r.size:,} | {_ms(r.pipeline)} | {_ms(r.rank)} | not run | – | – | – |")
                continue
            with_sumy = r.pipeline - r.rank + sumy
            out.append(
                f"| {r.size:,} | {_ms(r.pipeline)} | {_ms(r.rank)} | {_ms(sumy)}{mark} | {sumy / r.rank:,.0f}×{mark} | "
                f"{_ms(with_sumy)}{mark} | {with_sumy / r.pipeline:,.0f}×{mark} |"
            )
        fits = [
            ("Ringkas pipeline", fit_exponent([r.size for r in rows], [r.pipeline for r in rows])),
            ("Ringkas ranking", fit_exponent([r.size for r in rows], [r.rank for r in rows])),
        ]
        big = [r for r in rows if r.size >= 500]
        if len(big) >= 2:
            fits.append(("Ringkas pipeline, ≥ 500 sentences", fit_exponent([r.size for r in big], [r.pipeline for r in big])))
            fits.append(("Ringkas ranking, ≥ 500 sentences", fit_exponent([r.size for r in big], [r.rank for r in big])))
        if len(sumy_measured) >= 2:
            fits.append(
                (
                    "sumy ranking (measured sizes)",
                    fit_exponent([size for size, _ in sumy_measured], [t for _, t in sumy_measured]),
                )
            )
        out.append("")
        out.append(
            "Fitted growth exponent k (time ∝ sentences^k, log-log least squares): "
            + "; ".join(f"{name}: **{k:.2f}**" for name, (k, _) in fits)
            + "."
        )
        if result.sumy_stopped_after is not None:
            out.append(
                f"sumy was run up to {result.sumy_stopped_after:,} sentences (the next size was predicted to take "
                f"> {result.sumy_limit:.0f} s per run); "
                "larger sizes are *extrapolated* from the fit over its largest measured sizes, not measured."
            )
        thousand = next((r for r in rows if r.size == 1000), None)
        if thousand is not None and (thousand.sumy or thousand.sumy_extrapolated):
            sumy = thousand.sumy or thousand.sumy_extrapolated or 0.0
            ok = sumy / thousand.rank >= TARGET_SPEEDUP_1000
            out.append(
                f"Target (Ringkas ≥ {TARGET_SPEEDUP_1000:.0f}× faster than sumy at 1,000 sentences): "
                f"ranking {sumy / thousand.rank:,.0f}× — **{'met' if ok else 'NOT met'}**; "
                f"end-to-end {(thousand.pipeline - thousand.rank + sumy) / thousand.pipeline:,.0f}×."
            )
        out.append("")
    out.append(
        "¹ sumy cannot run its own pipeline here (its tokenizer needs NLTK's downloaded punkt data), so this column is "
        "Ringkas's pipeline with its ranking swapped for sumy's: pipeline − Ringkas ranking + sumy ranking."
    )
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# memory


def _status_mb(field_name: str) -> float:
    """A ``/proc/self/status`` memory field (``VmRSS``, ``VmHWM``) in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field_name + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _reset_peak() -> bool:
    """Reset this process's VmHWM to its current RSS (Linux ≥ 4.0); False when not possible."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _memory_child(engine: str, path: str) -> None:
    """In a fresh process: imports, resources, one warm-up, then the big input; JSON to stdout."""
    text = Path(path).read_text(encoding="utf-8")
    from service.models import SummaryOptions
    from service.pipeline import summarize

    if engine == "ringkas":
        resources = _resources(max_chars=max(len(text), MAX_INPUT_CHARS))
        summarize(SEED.read_text(encoding="utf-8"), SummaryOptions(), resources)
        baseline, baseline_peak = _status_mb("VmRSS"), _status_mb("VmHWM")
        reset = _reset_peak()
        timings = []
        for _ in range(2):
            began = time.perf_counter()
            summary = summarize(text, SummaryOptions(), resources)
            timings.append(time.perf_counter() - began)
        sentences = summary.stats.sentences
    else:
        from service.rank.sumy_reference import sumy_scores
        from service.text.normalise import processing_view
        from service.text.segment import split_lines, split_sentences

        resources = _resources(max_chars=max(len(text), MAX_INPUT_CHARS))
        data = resources.languages.data(CORPUS_LANGUAGE)
        sumy_scores("lexrank", [["warm", "up"], ["up"]])
        baseline, baseline_peak = _status_mb("VmRSS"), _status_mb("VmHWM")
        reset = _reset_peak()
        began = time.perf_counter()
        view = processing_view(text)
        terms = [data.terms(view[a:b]) for line in split_lines(view) for a, b in split_sentences(view, line, CORPUS_LANGUAGE)]
        sumy_scores("lexrank", terms)
        timings = [time.perf_counter() - began]
        sentences = len(terms)
    peak = max(_status_mb("VmHWM"), baseline_peak) if not reset else _status_mb("VmHWM")
    print(
        json.dumps(
            {
                "baseline_mb": baseline,
                "baseline_peak_mb": baseline_peak,
                "peak_mb": peak,
                "peak_reset": reset,
                "ru_maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "seconds": timings,
                "sentences": sentences,
                "chars": len(text),
            }
        )
    )


@dataclass
class MemoryRow:
    engine: str
    chars: int
    sentences: int
    baseline_mb: float
    peak_mb: float
    seconds: list[float]
    baseline_peak_mb: float
    peak_reset: bool
    ru_maxrss_mb: float


def _run_child(engine: str, document: Document) -> MemoryRow:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as handle:
        handle.write(document.text)
        path = handle.name
    try:
        done = subprocess.run(
            [sys.executable, "-m", "bench.performance", "--_memory-child", engine, path],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=1800,
        )
    finally:
        os.unlink(path)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return MemoryRow(
        engine,
        result["chars"],
        result["sentences"],
        result["baseline_mb"],
        result["peak_mb"],
        result["seconds"],
        result["baseline_peak_mb"],
        result["peak_reset"],
        result["ru_maxrss_mb"],
    )


def run_memory(quick: bool, log: Callable[[str], None]) -> list[MemoryRow]:
    rows = []
    largest = build_document(read_articles(CORPUS), language=CORPUS_LANGUAGE, max_chars=MAX_INPUT_CHARS)
    rows.append(_run_child("ringkas", largest))
    log(f"memory ringkas: {rows[-1]}")
    for n in (200, 500) if quick else (500, 1000):
        document = build_document(read_articles(CORPUS), language=CORPUS_LANGUAGE, sentences=n)
        rows.append(_run_child("sumy", document))
        log(f"memory sumy n={n}: {rows[-1]}")
    return rows


def memory_markdown(rows: list[MemoryRow]) -> str:
    out = [
        "| process | input | sentences | RSS after imports + warm-up | peak RSS during the request | growth "
        "| time of the request |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        engine = "Ringkas `summarize` (lexrank)" if r.engine == "ringkas" else "sumy LexRank (our segmentation + terms)"
        time_text = " / ".join(_ms(s) for s in r.seconds) + (" (1st / 2nd call)" if len(r.seconds) > 1 else "")
        out.append(
            f"| {engine} | {r.chars:,} chars | {r.sentences:,} | {r.baseline_mb:.0f} MB | {r.peak_mb:.0f} MB | "
            f"{r.peak_mb - r.baseline_mb:+.0f} MB | {time_text} |"
        )
    ringkas = next(r for r in rows if r.engine == "ringkas")
    sumy = [r for r in rows if r.engine == "sumy"]
    ok_time = max(ringkas.seconds) <= TARGET_MAX_SECONDS
    ok_mem = ringkas.peak_mb <= TARGET_MAX_MB
    out.append("")
    out.append(
        f"Target (largest accepted input ≤ {TARGET_MAX_SECONDS:.0f} s and ≤ {TARGET_MAX_MB:.0f} MB): "
        f"time {max(ringkas.seconds):.2f} s — "
        f"**{'met' if ok_time else 'NOT met'}**; peak RSS {ringkas.peak_mb:.0f} MB — **{'met' if ok_mem else 'NOT met'}**."
    )
    if len(sumy) >= 2:
        big = sumy[-1]
        k, c = fit_exponent([r.sentences for r in sumy], [r.seconds[0] for r in sumy])
        dense_mb = 8 * ringkas.sentences**2 / 2**20
        out.append(
            f"sumy is not run on the 1 MiB input: *extrapolated* from its {sumy[0].sentences:,}- and "
            f"{big.sentences:,}-sentence runs "
            f"(k = {k:.2f}), it would take ~{extrapolate((k, c), ringkas.sentences):,.0f} s; its LexRank builds a dense "
            f"n×n float64 matrix (`numpy.zeros((n, n))`), {dense_mb:,.0f} MB alone at n = {ringkas.sentences:,} "
            "*(computed, not measured)*, "
            "plus its per-pair Python work."
        )
    out.append(
        "Each row is a fresh `python -m bench.performance --_memory-child …` process: it imports the service, builds the "
        "language resources and summarises the seed article once (the baseline), then handles the input. Peak RSS is the "
        "child's `VmHWM` (high-water RSS) after it was reset to the baseline (`echo 5 > /proc/self/clear_refs`), so it "
        "includes the baseline and measures the request alone. `getrusage(…).ru_maxrss` (RUSAGE_SELF or RUSAGE_CHILDREN) is "
        "not used: on Linux it survives fork + exec, so a child started from the (larger) benchmark process reports the "
        "parent's peak. Start-up peaks (`VmHWM` before the reset, while importing): "
        + ", ".join(f"{r.engine} {r.baseline_peak_mb:.0f} MB" for r in rows)
        + "."
    )
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# http


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _gunicorn_command(port: int) -> list[str]:
    binary = Path(sys.executable).with_name("gunicorn")
    return [str(binary), "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}", "wsgi:app"]


def _wait_ready(url: str, process: subprocess.Popen, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode} before it was ready")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.25)
    raise RuntimeError(f"gunicorn not ready after {timeout:.0f} s")


def ensure_wrk(log: Callable[[str], None]) -> str | None:
    """Path of wrk, installing Debian's package when missing and possible (root); else None."""
    found = shutil.which("wrk")
    if found or os.geteuid() != 0 or not shutil.which("apt-get"):
        return found
    log("wrk missing: apt-get install -y wrk")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (
        ["apt-get", "install", "-y", "-qq", "wrk"],
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "wrk"],
    ):
        subprocess.run(command, env=env, capture_output=True, timeout=600)
        found = shutil.which("wrk")
        if found:
            return found
    return None


_WRK_SCRIPT = """
{setup}
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRKJSON %d %d %d %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), e.connect, e.read, e.write, e.status, e.timeout))
end
"""


@dataclass
class HttpRow:
    name: str
    body_bytes: int
    requests: int
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    error_detail: str
    tool: str


def _wrk(wrk: str, url: str, body: Path | None, seconds: int, name: str) -> tuple[HttpRow, str]:
    if body is None:
        setup = ""
    else:
        setup = (
            'wrk.method = "POST"\nwrk.headers["Content-Type"] = "text/plain; charset=utf-8"\n'
            f'local f = assert(io.open("{body}", "rb"))\nwrk.body = f:read("*a")\nf:close()\n'
        )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(_WRK_SCRIPT.format(setup=setup))
        script = handle.name
    command = [wrk, "-t1", f"-c{HTTP_CLIENTS}", f"-d{seconds}s", "--timeout", "10s", "-s", script, url]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    finally:
        os.unlink(script)
    line = next(x for x in done.stdout.splitlines() if x.startswith("WRKJSON "))
    keys = ("requests", "duration_us", "p50_us", "p99_us", "connect", "read", "write", "status", "timeout")
    data = dict(zip(keys, (int(float(v)) for v in line.split()[1:]), strict=True))
    errors = {k: data[k] for k in ("connect", "read", "write", "status", "timeout")}
    duration = data["duration_us"] / 1e6
    display = " ".join(shlex.quote(part) for part in command[:-3]) + " -s <script> " + url
    return (
        HttpRow(
            name,
            body.stat().st_size if body else 0,
            data["requests"],
            data["requests"] / duration,
            data["p50_us"] / 1e3,
            data["p99_us"] / 1e3,
            sum(errors.values()),
            ", ".join(f"{k} {v}" for k, v in errors.items() if v),
            "wrk",
        ),
        display,
    )


def run_http(seconds: int, log: Callable[[str], None], force_python: bool = False) -> tuple[list[HttpRow], list[str]]:
    from bench import http_load

    workdir = Path(tempfile.mkdtemp(prefix="ringkas-bench-"))
    seed = workdir / "seed.txt"
    seed.write_bytes(SEED.read_bytes())
    article = workdir / "article200.txt"
    article.write_text(
        build_document(read_articles(CORPUS), language=CORPUS_LANGUAGE, sentences=HTTP_ARTICLE_SENTENCES).text, encoding="utf-8"
    )
    wrk = None if force_python else ensure_wrk(log)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    server = subprocess.Popen(_gunicorn_command(port), cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rows: list[HttpRow] = []
    commands = [" ".join(_gunicorn_command(port)) + "   # started by the benchmark, cwd = repository root"]
    try:
        _wait_ready(base + "/healthz", server)
        cases = [
            ("GET /healthz", "/healthz", None),
            ("POST seed article (text/plain)", "/v1/summarize", seed),
            (f"POST {HTTP_ARTICLE_SENTENCES}-sentence article (text/plain)", "/v1/summarize", article),
        ]
        for name, path, body in cases:
            if wrk:
                row, command = _wrk(wrk, base + path, body, seconds, name)
            else:
                stats = http_load.run(base + path, body.read_bytes() if body else None, clients=HTTP_CLIENTS, seconds=seconds)
                row = HttpRow(
                    name,
                    body.stat().st_size if body else 0,
                    stats.requests,
                    stats.rps,
                    stats.p50_ms,
                    stats.p99_ms,
                    stats.errors,
                    stats.error_detail,
                    "bench.http_load",
                )
                command = f"python -m bench.http_load {base + path} --clients {HTTP_CLIENTS} --seconds {seconds}" + (
                    f" --body {body.name}" if body else ""
                )
            commands.append(command)
            rows.append(row)
            log(f"http {name}: {row}")
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        shutil.rmtree(workdir, ignore_errors=True)
    return rows, commands


def http_markdown(rows: list[HttpRow], commands: list[str], seconds: int) -> str:
    out = [
        f"{HTTP_CLIENTS} concurrent connections for {seconds} s per case, one after the other, against one gunicorn "
        f"(`gunicorn.conf.py`: {os.cpu_count()} sync workers, preload) on 127.0.0.1; "
        f"load generator: {rows[0].tool if rows else '–'} "
        "(one thread) on the same 2-core machine, so the server gets somewhat less than both cores.",
        "",
        "| case | body | requests | requests/s | p50 latency | p99 latency | errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        errors = f"{r.errors} ({r.error_detail})" if r.errors else "0"
        out.append(
            f"| {r.name} | {r.body_bytes:,} B | {r.requests:,} | {r.rps:,.1f} | {r.p50_ms:.1f} ms | {r.p99_ms:.1f} ms "
            f"| {errors} |"
        )
    if len(rows) >= 2 and rows[0].rps:
        share = rows[1].rps / rows[0].rps
        ok = share >= TARGET_SEED_SHARE and all(r.errors == 0 for r in rows)
        out.append("")
        out.append(
            f"Target (seed article ≥ {TARGET_SEED_SHARE:.0%} of /healthz req/s in the same run, zero errors): "
            f"{share:.1%}, {sum(r.errors for r in rows)} errors — **{'met' if ok else 'NOT met'}**."
        )
    out.append("")
    out.append("Commands:")
    out.append("")
    out.append("```")
    out.extend(commands)
    out.append("```")
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# profile


#: Names in ``service.pipeline``'s namespace timed as stages (exclusive time; missing ones skipped).
STAGES = {
    "processing_view": "normalise (processing_view)",
    "split_lines": "split lines",
    "find_duplicates": "dedup (find_duplicates), excluding its sentence splitting",
    "split_sentences": "segment sentences (sentencex), incl. calls from dedup",
    "_subtract": "subtract removed spans",
    "tfidf_vectors": "tfidf_vectors",
    "rank_sentences": "rank (lexrank), excluding tfidf_vectors",
    "select_sentences": "select",
}


def stage_times(text: str, resources) -> dict[str, float]:  # resources: service.pipeline.Resources
    """Seconds spent in each stage of one ``summarize`` call.

    The stage functions that ``service.pipeline`` calls are wrapped (exclusive time: a stage
    called inside another is not counted twice), so this follows the pipeline as it is, without
    copying it. What no wrapper covers — tokens, terms, stemming, building the result — is "other".
    """
    from unittest import mock

    from service import pipeline
    from service.models import SummaryOptions

    times: dict[str, float] = {}
    stack: list[float] = []

    def wrap(name: str, function: Callable) -> Callable:
        def timed(*args: object, **kwargs: object) -> object:
            began = time.perf_counter()
            stack.append(0.0)
            try:
                return function(*args, **kwargs)
            finally:
                inner = stack.pop()
                elapsed = time.perf_counter() - began
                times[name] = times.get(name, 0.0) + elapsed - inner
                if stack:
                    stack[-1] += elapsed

        return timed

    patches = [
        mock.patch.object(pipeline, attr, wrap(label, getattr(pipeline, attr)))
        for attr, label in STAGES.items()
        if hasattr(pipeline, attr)
    ]
    patches.append(
        mock.patch.object(resources.languages, "detect", wrap("language detection (py3langid)", resources.languages.detect))
    )
    for patch in patches:
        patch.start()
    try:
        began = time.perf_counter()
        pipeline.summarize(text, SummaryOptions(), resources)
        total = time.perf_counter() - began
    finally:
        for patch in reversed(patches):
            patch.stop()
    times["other (tokens, terms + stemming, result)"] = total - sum(times.values())
    return times


@dataclass
class ProfileResult:
    name: str
    sentences: int
    total: float
    stages: dict[str, float]
    top_tottime: list[tuple[str, int, float, float]]
    top_cumulative: list[tuple[str, int, float, float]]


def _function_name(key: tuple[str, int, str]) -> str:
    filename, line, name = key
    for marker in ("site-packages/", "/work/main/"):
        if marker in filename:
            filename = filename.split(marker, 1)[1]
    return f"{filename}:{line}({name})" if line else name


def run_profile(log: Callable[[str], None], sizes: Sequence[int] = (2000, 10_000)) -> list[ProfileResult]:
    from service.models import SummaryOptions
    from service.pipeline import summarize

    resources = _resources(max_chars=100 * MAX_INPUT_CHARS)
    inputs = [("seed article", SEED.read_text(encoding="utf-8"), 30)]
    for n in sizes:
        inputs.append((f"{n:,} sentences", build_document(read_articles(CORPUS), language=CORPUS_LANGUAGE, sentences=n).text, 1))
    summarize(inputs[0][1], SummaryOptions(), resources)
    results = []
    for name, text, repeats in inputs:
        summarize(text, SummaryOptions(), resources)
        runs = max(repeats, 3) if repeats > 1 else 2
        total = _timed(lambda: summarize(text, SummaryOptions(), resources), runs)  # noqa: B023 - called at once
        stage_runs = [stage_times(text, resources) for _ in range(max(repeats // 3, 2))]
        stages = {k: median([run.get(k, 0.0) for run in stage_runs]) for k in stage_runs[0]}
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(repeats):
            summary = summarize(text, SummaryOptions(), resources)
        profiler.disable()
        stats = pstats.Stats(profiler, stream=io.StringIO())
        entries = stats.stats  # type: ignore[attr-defined]
        own = sum(v[2] for v in entries.values())
        tottime = sorted(entries.items(), key=lambda kv: -kv[1][2])[:12]
        cumulative = sorted(entries.items(), key=lambda kv: -kv[1][3])[:22]
        results.append(
            ProfileResult(
                name,
                summary.stats.sentences,
                total,
                stages,
                [(_function_name(k), v[1], v[2] / repeats, v[2] / own) for k, v in tottime],
                [(_function_name(k), v[1], v[3] / repeats, v[3] / own) for k, v in cumulative],
            )
        )
        log(f"profile {name}: {total * 1e3:.1f} ms")
    return results


def profile_markdown(results: list[ProfileResult]) -> str:
    out = []
    for r in results:
        out.append(f"### {r.name} ({r.sentences:,} sentences; `summarize` {_ms(r.total)}, median, without profiler)\n")
        stage_total = sum(r.stages.values())
        out.append("| stage (wrapped timers, no profiler) | time | share |")
        out.append("|---|---:|---:|")
        for name, seconds in sorted(r.stages.items(), key=lambda kv: -kv[1]):
            out.append(f"| {name} | {_ms(seconds)} | {seconds / stage_total:.0%} |")
        out.append("")
        out.append(
            "cProfile, top functions by own time (per summary; share of all profiled time — the profiler "
            "inflates Python-heavy code):\n"
        )
        out.append("| function | calls | own time | share |")
        out.append("|---|---:|---:|---:|")
        for name, calls, seconds, share in r.top_tottime:
            out.append(f"| `{name}` | {calls:,} | {_ms(seconds)} | {share:.0%} |")
        out.append("")
        out.append("<details><summary>cProfile, top by cumulative time</summary>\n")
        out.append("| function | calls | cumulative | share |")
        out.append("|---|---:|---:|---:|")
        for name, calls, seconds, share in r.top_cumulative:
            out.append(f"| `{name}` | {calls:,} | {_ms(seconds)} | {share:.0%} |")
        out.append("\n</details>\n")
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# report


def report(
    sections: dict[str, str], argv: Sequence[str], started: float, loads: list[tuple[str, tuple[float, float, float]]]
) -> str:
    info = machine_info()
    info["load average (1/5/15 min) during the run"] = "; ".join(f"{name}: {a:.2f}/{b:.2f}/{c:.2f}" for name, (a, b, c) in loads)
    command = "python -m bench.performance" + ("" if not argv else " " + " ".join(shlex.quote(a) for a in argv))
    out = [
        "# Ringkas — performance",
        "",
        f"Generated by `{command}` (`make bench` runs the full benchmark) in {time.monotonic() - started:,.0f} s. "
        "Reproduce with the same command from the repository root; see `bench/performance.py` for the method.",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
    ]
    out += [f"| {k} | {v} |" for k, v in info.items()]
    out += [
        "",
        "In-process timings use one BLAS thread, as each gunicorn worker does (`gunicorn.conf.py`). "
        "Times are medians (5 runs up to 500 sentences, 3 up to 2,000, 1 beyond; sumy 3 / 1). "
        "Documents are built from `shared/data/bbc_news_summary/dev.jsonl` (English): articles in file order, one paragraph "
        "per line, repeated paragraphs skipped, the last one cut at a sentence boundary (`bench/_corpus.py`). "
        "sumy gets exactly the same sentences and index terms (`service/rank/sumy_reference.py`).",
        "",
    ]
    titles = {
        "scaling": "## Scaling: time against document length",
        "memory": "## Memory: the largest accepted input (1 MiB)",
        "http": "## HTTP throughput",
        "profile": "## Where the time goes (profile)",
    }
    for key, body in sections.items():
        out += [titles[key], "", body, ""]
    return "\n".join(out)


def wait_for_quiet(limit: float, level: float = 1.0) -> None:
    """Sleep until the 1-minute load average is below ``level`` or ``limit`` seconds have passed."""
    deadline = time.monotonic() + limit
    while os.getloadavg()[0] >= level and time.monotonic() < deadline:
        print(f"waiting for a quiet machine: load {os.getloadavg()[0]:.2f}", file=sys.stderr, flush=True)
        time.sleep(15)


ANALYSIS_MARK = "<!-- analysis: written by hand, kept when the benchmark rewrites this file -->"


def kept_analysis(path: Path) -> str:
    """The hand-written analysis at the end of an existing report (from ``ANALYSIS_MARK`` on)."""
    try:
        previous = path.read_text(encoding="utf-8")
    except OSError:
        return ""
    at = previous.find(ANALYSIS_MARK)
    return "\n" + previous[at:].rstrip("\n") if at >= 0 else ""


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--_memory-child"]:
        _memory_child(argv[1], argv[2])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes and 2 s HTTP runs (a smoke run, minutes → seconds)")
    parser.add_argument(
        "--only", choices=("scaling", "memory", "http", "profile"), action="append", help="run only these parts (repeatable)"
    )
    parser.add_argument(
        "--output",
        type=Path,
        help=f"write the Markdown here (default: {OUTPUT.relative_to(ROOT)} for a full run, stdout otherwise)",
    )
    parser.add_argument("--python-load", action="store_true", help="use bench.http_load even when wrk is available")
    parser.add_argument(
        "--wait-quiet",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="first wait (at most this long) until the 1-minute load average is below 1: other work skews every number",
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    if args.wait_quiet > 0:
        wait_for_quiet(args.wait_quiet)

    def log(message: str) -> None:
        print(f"[{time.monotonic() - started:7.1f} s] {message}", file=sys.stderr, flush=True)

    parts = args.only or ["scaling", "memory", "http", "profile"]
    sections: dict[str, str] = {}
    # Another process busy on this 2-core machine slows every number: the load average says so.
    loads: list[tuple[str, tuple[float, float, float]]] = [("start", os.getloadavg())]
    if loads[0][1][0] > 0.5:
        log(f"warning: load average {loads[0][1][0]:.2f} at start: other processes compete for the 2 cores")
    if "scaling" in parts:
        sizes = QUICK_SIZES if args.quick else SIZES
        limit = QUICK_SUMY_LIMIT_S if args.quick else SUMY_LIMIT_S
        sections["scaling"] = scaling_markdown(
            run_scaling(sizes, limit, log, always_up_to=0 if args.quick else SUMY_ALWAYS_UP_TO)
        )
    if "memory" in parts:
        loads.append(("before memory", os.getloadavg()))
        sections["memory"] = memory_markdown(run_memory(args.quick, log))
    if "http" in parts:
        loads.append(("before http", os.getloadavg()))
        seconds = QUICK_HTTP_SECONDS if args.quick else HTTP_SECONDS
        rows, commands = run_http(seconds, log, force_python=args.python_load)
        sections["http"] = http_markdown(rows, commands, seconds)
    if "profile" in parts:
        loads.append(("before profile", os.getloadavg()))
        sections["profile"] = profile_markdown(run_profile(log, sizes=(500,) if args.quick else (2000, 10_000)))
    loads.append(("end", os.getloadavg()))
    text = report(sections, argv, started, loads)
    output = args.output or (OUTPUT if not args.quick and not args.only else None)
    if output is None:
        print(text)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        text += kept_analysis(output)
        output.write_text(text + "\n", encoding="utf-8")
        log(f"wrote {output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
