from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def fixture_a() -> Path:
    return FIXTURES / "aleppo_a.txt"


@pytest.fixture
def fixture_b() -> Path:
    return FIXTURES / "aleppo_b.txt"
