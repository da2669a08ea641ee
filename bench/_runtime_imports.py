"""Imports as in the environment ``make serve`` installs: packages outside ``requirements.txt`` hidden.

The benchmarks run in the development environment (``make bench`` installs the test, eval and
Dask extras), where optional imports find packages a server never has: scikit-learn imports
pandas whenever it is installed (``sklearn/utils/fixes.py``), which with pyarrow adds ~60 MB to
every process. A memory figure taken there would describe no deployment. :func:`hide_dev_packages`
makes such imports fail as they do in the runtime environment, so the measured process loads
what a ``make serve`` worker loads.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.metadata
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

REQUIREMENTS = Path(__file__).resolve().parents[1] / "requirements.txt"
#: This project's own distribution (installed editable, not pinned in requirements.txt).
PROJECT = "ringkas"


def _normalised(name: str) -> str:
    """A distribution name as PEP 503 compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_distributions(requirements: Path = REQUIREMENTS) -> set[str]:
    """The distributions ``requirements.txt`` pins (normalised names), and the project itself."""
    names = {PROJECT}
    for line in requirements.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            names.add(_normalised(re.split(r"[\s<>=!~;\[]", line, maxsplit=1)[0]))
    return names


def dev_only_modules(runtime: set[str]) -> set[str]:
    """Top-level modules that only distributions outside ``runtime`` provide (stdlib modules
    belong to no distribution and are never among them)."""
    provided = importlib.metadata.packages_distributions()
    return {
        module
        for module, distributions in provided.items()
        if not any(_normalised(name) in runtime for name in distributions)
    }


class _Hidden(importlib.abc.MetaPathFinder):
    def __init__(self, modules: set[str]) -> None:
        self.modules = modules

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname.partition(".")[0] in self.modules:
            raise ModuleNotFoundError(f"No module named {fullname!r} (not a runtime dependency)", name=fullname)
        return None


def hide_dev_packages() -> set[str]:
    """Make imports of development-only packages fail from now on; returns the hidden modules.

    Call it before the service is imported: a package already imported stays.
    """
    hidden = dev_only_modules(runtime_distributions()) - {name.partition(".")[0] for name in sys.modules}
    sys.meta_path.insert(0, _Hidden(hidden))
    return hidden
