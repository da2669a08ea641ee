"""Memory of the whole gunicorn server, with and without ``gc.freeze()`` before each fork.

``python -m bench.server_memory [rounds]`` starts ``make serve``'s gunicorn (gunicorn.conf.py)
and the same configuration without its ``pre_fork`` hook, in turns, ``rounds`` times each. Each
server answers the 240 articles of the HTTP mix twice and the 1 MiB document of the memory
benchmark twice; then the proportional set size (PSS: each shared page split between the
processes that map it) of the master and its workers is read from ``/proc/PID/smaps_rollup``.
Their sum is what the server costs the machine: copy-on-write pages a worker dirties stop being
shared and count twice.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from bench._corpus import build_document
from bench._harness import ROOT, read_jsonl, running_server
from bench.performance import CORPUS, article_mix

#: Characters of the large document: the 1 MiB limit less room for multi-byte characters.
LARGE_CHARS = 1_000_000


def _post(url: str, text: str) -> None:
    request = urllib.request.Request(url + "/v1/summarize", data=text.encode(), headers={"Content-Type": "text/plain"})
    with urllib.request.urlopen(request, timeout=120) as response:
        response.read()


def _pss_mb(pid: int) -> tuple[int, int]:
    """(PSS, private) MB of one process."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value, *_ = line.split()
        fields[name.rstrip(":")] = int(value)
    return fields["Pss"] // 1024, (fields["Private_Clean"] + fields["Private_Dirty"]) // 1024


def measure(config: Path | None, texts: list[str], large: str) -> list[tuple[int, int]]:
    """PSS and private MB of the master, then of each worker, after the traffic above."""
    extra = ("--config", str(config)) if config else ()
    with running_server(extra=extra) as server:
        for _ in range(2):
            for text in texts:
                _post(server.url, text)
        for _ in range(2):
            _post(server.url, large)
        workers = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True, check=True).stdout.split()
        return [_pss_mb(server.pid), *(_pss_mb(int(pid)) for pid in workers)]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    rounds = int(argv[0]) if argv else 2
    texts = article_mix()
    large = build_document((row["text"] for row in read_jsonl(CORPUS)), language="en", max_chars=LARGE_CHARS).text
    with tempfile.TemporaryDirectory() as folder:
        unfrozen = Path(folder) / "no_freeze.conf.py"
        # The shipped configuration without its pre_fork hook (the last --config wins).
        unfrozen.write_text(f"exec(open({str(ROOT / 'gunicorn.conf.py')!r}).read())\ndel pre_fork\n")
        print("| round | gc.freeze before fork | PSS master + workers (MB) | private MB: master, workers |")
        print("|---:|---|---:|---|")
        for number in range(1, rounds + 1):
            for label, config in (("no", unfrozen), ("yes (shipped)", None)):
                rows = measure(config, texts, large)
                private = ", ".join(str(p) for _, p in rows)
                print(f"| {number} | {label} | {sum(pss for pss, _ in rows)} | {private} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
