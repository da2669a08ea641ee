"""gunicorn settings for a CPU-bound service (used by `make serve`; HOST and PORT come from make).

* sync workers, one per core: a summary is pure CPU work, so more workers than cores only adds
  contention; gthread workers were seen pinning all keep-alive connections to one worker.
* preload_app: language resources (py3langid's model, ~1 s) load once in the master and are
  shared copy-on-write by the workers.
* one BLAS thread per worker: waking a second BLAS thread costs more than the small matrix
  products of one article save. Must be set before numpy is imported, hence here.
* timeout: the hard per-request bound. The largest accepted input (1 MiB) takes a few seconds
  at most (docs/PERFORMANCE.md); a worker stuck longer is killed and replaced. Change it without
  editing this file: GUNICORN_CMD_ARGS="--timeout 60" make serve.
* metrics: prometheus-client's multiprocess mode, so that GET /metrics on any worker reports
  all of them. PROMETHEUS_MULTIPROC_DIR (given, or a fresh temporary directory) must be set
  before the app is loaded (prometheus-client reads it at import), is emptied at start (stale
  files would be summed in), and a temporary one is removed at exit. service/config.py reads it.
* gc.freeze() before each fork: the objects loaded with the app (tens of thousands: the
  language catalogue, stop-word lists, imported modules) leave the garbage collector's view, so
  a worker's full collections no longer walk them, and no longer write to their pages, which
  stay shared with the master (the recipe of Python's ``gc.freeze`` documentation).
* gunicorn's own error answers (a request line or headers over the limits below, a malformed
  request) are problem+json like every other error: post_fork installs
  service/web/server_errors.py's writer in each worker.
* access log: the app writes one JSON line per request (service/web/access_log.py); gunicorn's own
  access log is off so that no request is logged twice.
"""

import gc
import os
import shutil
import tempfile
from pathlib import Path

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

_METRICS_ENV = "PROMETHEUS_MULTIPROC_DIR"
_OWNED_ENV = "RINGKAS_OWNED_METRICS_DIR"  # marks a directory we created (survives a config reload)
if not os.environ.get(_METRICS_ENV):
    os.environ[_METRICS_ENV] = os.environ[_OWNED_ENV] = tempfile.mkdtemp(prefix="ringkas-metrics-")
Path(os.environ[_METRICS_ENV]).mkdir(parents=True, exist_ok=True)

worker_class = "sync"
# The cores this process may run on (a container's CPU set, taskset), not the host's count.
workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
preload_app = True
timeout = 30
# gunicorn ≥ 25 opens a control socket at a fixed per-user path, so two servers on one machine
# (make serve beside make bench, or the test suite) would collide; nothing here uses it.
control_socket_disable = True
graceful_timeout = 10
keepalive = 2
# Request line and header bounds (gunicorn's defaults, stated so that they are documented).
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
accesslog = None
errorlog = "-"


def on_starting(server):
    """Empty the metrics directory: files left by an earlier run would be added to this one's."""
    for stale in Path(os.environ[_METRICS_ENV]).glob("*.db"):
        stale.unlink()


def pre_fork(server, worker):
    """Move everything loaded so far to the collector's permanent generation (see above)."""
    gc.freeze()


def post_fork(server, worker):
    """Have the worker answer the requests gunicorn refuses itself as problem+json (see above)."""
    from service.web import server_errors

    server_errors.install()


def child_exit(server, worker):
    """Let prometheus-client drop a dead worker's live gauges (its counters stay summed in)."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    """Remove the metrics directory if this configuration created it."""
    if os.environ.get(_OWNED_ENV) == os.environ.get(_METRICS_ENV):
        shutil.rmtree(os.environ[_METRICS_ENV], ignore_errors=True)
