"""Golden outputs on the seeds: the chosen sentences, removed spans and headline, pinned.

Any change of behaviour on the seed articles shows up here as a diff to review. After an
intended change, regenerate with ``.venv/bin/python -m pytest tests/test_golden.py --update-golden``
and read the diff of ``tests/golden/`` before committing it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.models import ALGORITHMS
from tests.conftest import SEEDS

GOLDEN = Path(__file__).parent / "golden"


def observed(run, text: str, algorithm: str) -> dict:
    result = run(text, algorithm=algorithm)
    return {
        "language": result.language,
        "headline": result.headline,
        "sentences": [[s.index, s.start, s.end, s.text] for s in result.sentences],
        "removed": [[r.reason, r.start, r.end, r.text] for r in result.removed],
    }


@pytest.mark.parametrize("algorithm", ALGORITHMS)
@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem)
def test_seed_output_is_pinned(request, run, path: Path, algorithm: str) -> None:
    actual = observed(run, path.read_text(encoding="utf-8"), algorithm)
    golden = GOLDEN / f"{path.stem}.{algorithm}.json"
    if request.config.getoption("--update-golden"):
        golden.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert golden.exists(), f"no golden file for {path.name}: run with --update-golden"
    assert actual == json.loads(golden.read_text(encoding="utf-8"))
