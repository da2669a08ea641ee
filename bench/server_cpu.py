"""CPU time per request inside one gunicorn worker, the service against the bare-Flask floor.

Run from the repository root: ``python -m bench.server_cpu [requests]``. Starts ``make serve``'s
gunicorn (``gunicorn.conf.py``) with one worker, for ``wsgi:app`` and for the floor
(``_harness.bare_app``), sends the 240 articles of the HTTP mix from one sequential client (one
connection per request, as wrk's requests arrive at a sync worker), ``requests`` of them (default
2,400) after 480 to warm up, and prints the user and system CPU time per request of master and
worker, from ``/proc``. With no second worker and no wrk competing for the cores, it shows what the
serving path costs beyond the app itself (docs/PERFORMANCE.md, "No cost hides in the serving path").
"""

from __future__ import annotations

import http.client
import sys

from bench._harness import cpu_times, running_server
from bench.performance import article_mix

WARM_UP = 480


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    count = int(argv[0]) if argv else 2_400
    bodies = [text.encode() for text in article_mix()]
    print("| server | user ms per request | system ms per request |\n|---|---:|---:|")
    for label, app, ready in (("bare Flask floor", "bench._harness:bare_app()", "/"), ("Ringkas", "wsgi:app", "/healthz")):
        with running_server(app, extra=("--workers", "1"), ready_path=ready) as server:

            def send(n: int) -> None:
                for i in range(n):
                    connection = http.client.HTTPConnection("127.0.0.1", server.port)
                    connection.request(
                        "POST", "/v1/summarize", body=bodies[i % len(bodies)],
                        headers={"Content-Type": "text/plain; charset=utf-8"},
                    )
                    connection.getresponse().read()
                    connection.close()

            send(WARM_UP)
            user, system = cpu_times(server.pid)
            send(count)
            user_after, system_after = cpu_times(server.pid)
            print(f"| {label} | {(user_after - user) / count * 1e3:.2f} | {(system_after - system) / count * 1e3:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
