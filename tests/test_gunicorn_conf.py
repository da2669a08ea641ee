"""gunicorn.conf.py's hooks, run as gunicorn runs them (the module executed, the hook called)."""

import gc
import runpy
from pathlib import Path

import pytest

CONFIG = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"


def test_the_master_freezes_what_it_loaded_before_each_fork(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # The configuration reads and may create the metrics directory: give it one of the test's own.
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    settings = runpy.run_path(str(CONFIG))
    assert settings["preload_app"] is True  # freezing only helps when the app is loaded before the fork
    loaded = [{"headline": "Harga beras naik"} for _ in range(100)]  # objects the collector tracks
    gc.unfreeze()
    try:
        settings["pre_fork"](None, None)
        assert gc.get_freeze_count() >= len(loaded)
        assert not any(item is loaded[0] for item in gc.get_objects())  # out of the collector's view
    finally:
        gc.unfreeze()
