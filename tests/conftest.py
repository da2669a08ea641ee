"""Shared fixtures: resources are built once per test session (py3langid's model takes ~1 s)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service import create_app
from service.config import ENV_PREFIX, Config
from service.models import SummaryOptions
from service.pipeline import Resources, summarize

from .redis_server import RedisServer

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current output")


@pytest.fixture(autouse=True)
def _no_configuration_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests build their configuration explicitly: a developer's RINGKAS_* variables must not leak in."""
    for name in list(os.environ):
        if name.startswith(ENV_PREFIX) or name == "PROMETHEUS_MULTIPROC_DIR":
            monkeypatch.delenv(name)


@pytest.fixture(scope="session")
def resources() -> Resources:
    return Resources.build(Config.load())


@pytest.fixture(scope="session")
def app(resources: Resources, tmp_path_factory: pytest.TempPathFactory) -> Flask:
    data_dir = str(tmp_path_factory.mktemp("data"))  # the SQLite headline store: never in the work tree
    settings = {"max_body_bytes": 256 * 1024, "max_text_chars": 200_000, "data_dir": data_dir}
    return create_app(Config.load(settings), resources=resources)


@pytest.fixture()
def client(app: Flask) -> Iterator[FlaskClient]:
    with app.test_client() as test_client:
        yield test_client


@pytest.fixture(scope="session")
def run(resources: Resources):
    """Summarise with keyword options: ``run(text, words=50)``."""

    def _run(text: str, **options):
        return summarize(text, SummaryOptions.parse(options), resources)

    return _run


def seed(name: str) -> str:
    """The text of a file in seeds/ (exact bytes, decoded as UTF-8)."""
    return (SEEDS / name).read_text(encoding="utf-8")


def unavailable(reason: str) -> None:
    """A real component a test needs is not installed: skip on a developer machine, FAIL in CI
    (``CI`` set, as .ci/run sets it): a backend that is never tested is not tested."""
    if os.environ.get("CI"):
        pytest.fail(f"CI needs it installed: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """A real redis-server for the whole session. Not installed: see :func:`unavailable`;
    installed but unable to start: the tests fail, always."""
    if not RedisServer.installed():
        unavailable("redis-server is not installed (.ci/system-packages, or apt-get install -y redis-server)")
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def pairs_weighed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts, per block, the sentence pairs the large graphs weigh (the products' pairs), by
    wrapping the real ``graph._pruned``."""
    from service.rank import graph

    counted: list[int] = []
    real = graph._pruned

    def counting(block, start, weigh):  # type: ignore[no-untyped-def]
        counted.append(block.nnz)
        return real(block, start, weigh)

    monkeypatch.setattr(graph, "_pruned", counting)
    return counted
