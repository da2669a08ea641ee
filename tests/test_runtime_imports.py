"""The memory benchmark's runtime environment: development-only packages hidden, runtime ones kept."""

from __future__ import annotations

import subprocess
import sys

from bench._runtime_imports import dev_only_modules, runtime_distributions


def test_runtime_distributions_are_the_pinned_ones_and_the_project() -> None:
    runtime = runtime_distributions()
    assert {"numpy", "flask", "scikit-learn", "py3langid", "ringkas"} <= runtime
    assert "pytest" not in runtime and "pandas" not in runtime


def test_dev_only_modules_hide_test_tools_but_not_the_service_stack() -> None:
    hidden = dev_only_modules(runtime_distributions())
    assert {"pytest", "hypothesis"} <= hidden
    assert not {"numpy", "scipy", "sklearn", "flask", "service", "json"} & hidden


def test_a_hidden_package_fails_to_import_as_if_absent() -> None:
    """In a fresh process: an optional import of a dev-only package takes its ImportError
    branch, and the service still imports."""
    code = (
        "from bench._runtime_imports import hide_dev_packages\n"
        "hide_dev_packages()\n"
        "try:\n    import hypothesis\nexcept ImportError:\n    print('hidden')\n"
        "import service.pipeline\nprint('service')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert done.stdout.split() == ["hidden", "service"]
