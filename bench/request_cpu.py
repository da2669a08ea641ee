"""CPU time of a whole request, for A/B comparisons of the request path between two checkouts.

``python -m bench.request_cpu [passes]`` sends the 240 articles of the HTTP mix
(``performance.article_mix``) through the Flask app's WSGI callable, ``passes`` times after one
warm-up pass, and prints the minimum and median of the mean CPU time (``time.thread_time``) per
request. It imports ``service`` from the current directory, so the same command run in a
checkout of another revision (``git archive <rev> | tar -x -C DIR``, next to ``../shared``)
measures that revision. On a shared machine, run the two in turns several times and compare
the minima (docs/PERFORMANCE.md, round 4).
"""

from __future__ import annotations

import os
import sys
import time
from statistics import median

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"  # before numpy is imported, as under gunicorn


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    passes = int(argv[0]) if argv else 7
    from werkzeug.test import EnvironBuilder

    import service
    from bench.performance import article_mix
    from service.web.app import create_app

    app = create_app()
    bodies = [text.encode() for text in article_mix()]

    def one_pass() -> float:
        environs = [
            EnvironBuilder(path="/v1/summarize", method="POST", data=body, content_type="text/plain; charset=utf-8").get_environ()
            for body in bodies
        ]
        total = 0.0
        for environ in environs:
            began = time.thread_time()
            b"".join(app(environ, lambda status, headers, exc_info=None: None))
            total += time.thread_time() - began
        return total / len(environs) * 1e6

    real_stderr, sys.stderr = sys.stderr, open(os.devnull, "w")  # noqa: SIM115 - the access lines go nowhere
    try:
        one_pass()  # warm: per-language data, lazy imports
        times = [one_pass() for _ in range(passes)]
    finally:
        sys.stderr.close()
        sys.stderr = real_stderr
    print(f"{os.path.dirname(service.__file__)}: {min(times):.0f} µs min, {median(times):.0f} µs median per request "
          f"({passes} passes of {len(bodies)} articles)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
