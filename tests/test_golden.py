"""The fixture pair's JSON report must equal the golden file byte for byte.

When a change to the pipeline changes the report on purpose, regenerate with
`python tests/regen_golden.py` and review the diff before committing it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from regen_golden import CASES, GOLDEN, ROOT, render


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_report_unchanged(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    assert render(CASES[name]) == expected, (
        "report changed: run `python tests/regen_golden.py` and review the diff"
    )
