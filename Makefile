# Ringkas — every target installs what it needs into .venv first (only python3 and make required).
PYTHON ?= python3
VENV ?= .venv
HOST ?= 127.0.0.1
PORT ?= 8000
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: serve test check bench eval train lint requirements clean soak

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python requirements.txt setup.cfg
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

## serve: run the API with gunicorn on HOST:PORT (default 127.0.0.1:8000), embedded default configuration
serve: $(STAMP)
	$(BIN)/gunicorn --config gunicorn.conf.py --bind $(HOST):$(PORT) wsgi:app

## test: the static checks (ruff, mypy --strict, import contracts), then the whole test suite; first
## installs the Debian packages the tests start for real (chromium, chromium-driver, redis-server)
## when missing and possible (.ci/system-packages); without them those tests skip (in CI they fail)
test: check
	@.ci/system-packages || echo "make test: the browser and Redis tests will skip (they fail in CI)" >&2
	$(BIN)/python -m pytest -q -n 2

## check: ruff, mypy (strict on service/) and the import-linter layer contracts (setup.cfg)
check: $(DEV_STAMP)
	$(BIN)/ruff check service tests bench
	$(BIN)/mypy service
	$(BIN)/lint-imports

## bench: speed and memory benchmarks (docs/PERFORMANCE.md); needs wrk (apt-get install wrk) and ../shared/data
bench: $(DEV_STAMP)
	$(BIN)/python -m bench.performance
	$(BIN)/python -m bench.headlines_bench

## eval: summary quality, headline stripping, headline dedup and sentence segmentation on ../shared/data (docs/EVALUATION.md, docs/HEADLINES_EVALUATION.md, docs/SEGMENTATION.md)
eval: $(DEV_STAMP)
	$(BIN)/python -m bench.evaluate
	$(BIN)/python -m bench.evaluate --one-line
	$(BIN)/python -m bench.headlines_eval
	$(BIN)/python -m bench.segmentation

## train: fit the learned scorer on ../shared/data (writes service/rank/data/scorer.json; deterministic)
train: $(DEV_STAMP)
	OMP_NUM_THREADS=1 $(BIN)/python -m bench.train

## soak: 60 s of mixed traffic from 16 clients against gunicorn; replaces its section of docs/PERFORMANCE.md (not in CI)
soak: $(DEV_STAMP)
	$(BIN)/python -m bench.soak

lint: check

## requirements: regenerate the exact pins from setup.cfg in a throw-away environment
requirements:
	rm -rf .req-venv && $(PYTHON) -m venv .req-venv
	.req-venv/bin/pip install --quiet --upgrade pip
	.req-venv/bin/pip install --quiet .
	.req-venv/bin/pip freeze --exclude ringkas > requirements.txt
	.req-venv/bin/pip install --quiet -c requirements.txt ".[test,eval,dev,dask]"
	.req-venv/bin/pip freeze --exclude ringkas | grep -v -x -F -f requirements.txt > requirements-dev.txt
	rm -rf .req-venv build *.egg-info

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
