"""The edit-pair suite (tests/edit_pairs/*.jsonl): every pair must pass, and the data must be sound.

The loading and judging logic lives in evals/edit_pairs.py (also a script printing pass rates per
kind); evals/ is not a package, so its folder is put on sys.path here.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "evals"))

from edit_pairs import (  # noqa: E402
    KEEP_ONLY_KINDS,
    KINDS,
    PAIRS_FOLDER,
    EditPair,
    check_pair,
    describe,
    load_pairs,
)

PAIRS = load_pairs(PAIRS_FOLDER)
SHARED_DATA = Path(os.environ.get("FACTCHECK_DATA") or REPO_ROOT.parent / "shared" / "data")


@pytest.mark.parametrize("pair", PAIRS, ids=[p.id for p in PAIRS])
def test_edit_pair(pair: EditPair) -> None:
    outcome = check_pair(pair)
    if not outcome.passed:
        pytest.fail(describe(outcome), pytrace=False)


def test_edit_pairs_cover_every_kind_both_ways() -> None:
    assert len(PAIRS) >= 60
    counts = Counter((p.kind, p.changes_fact) for p in PAIRS)
    for kind in KINDS:
        assert counts[(kind, False)] >= 4, f"{kind}: too few fact-keeping edits"
        if kind not in KEEP_ONLY_KINDS:
            assert counts[(kind, True)] >= 4, f"{kind}: too few fact-changing edits"
    assert {p.kind for p in PAIRS} <= set(KINDS)


def test_edit_pair_ids_name_their_kind_and_file() -> None:
    for pair in PAIRS:
        assert pair.file == f"{pair.kind}.jsonl", pair.id
        assert pair.id.startswith(f"{pair.kind}-"), pair.id
        assert pair.a != pair.b, pair.id


def test_edit_pairs_quote_real_sentences() -> None:
    """Every original sentence is verbatim in the file its origin names (shared data when present)."""
    checked = 0
    for pair in PAIRS:
        if pair.origin.startswith("fixtures/"):
            path = REPO_ROOT / pair.origin
        elif pair.origin.startswith("multi_source_news/"):
            path = SHARED_DATA / pair.origin
            if not path.exists():
                continue
        else:
            pytest.fail(f"{pair.id}: unknown origin {pair.origin!r}")
        assert pair.a in path.read_text(encoding="utf-8"), f"{pair.id}: A is not verbatim in {pair.origin}"
        checked += 1
    assert checked > 0
