"""gunicorn settings for a CPU-bound service (used by `make serve`; HOST and PORT come from make).

* sync workers, one per core: a summary is pure CPU work, so more workers than cores only adds
  contention; gthread workers were seen pinning all keep-alive connections to one worker.
* preload_app: language resources (py3langid's model, ~1 s) load once in the master and are
  shared copy-on-write by the workers.
* one BLAS thread per worker: waking a second BLAS thread costs more than the small matrix
  products of one article save. Must be set before numpy is imported, hence here.
* timeout: the hard per-request bound. The largest accepted input (1 MiB) takes a few seconds
  at most (docs/PERFORMANCE.md); a worker stuck longer is killed and replaced.
"""

import multiprocessing
import os

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

worker_class = "sync"
workers = multiprocessing.cpu_count()
preload_app = True
timeout = 30
graceful_timeout = 10
keepalive = 2
# Request line and header bounds (gunicorn's defaults, stated so that they are documented).
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
accesslog = "-"
errorlog = "-"
