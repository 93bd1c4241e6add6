"""Score factcheck's sentence splitter on the English sentence-boundary "Golden Rules".

Usage: .venv/bin/python evals/golden_rules.py [--data DIR]

DIR is the folder holding the JSON files (see its README.md). Without --data it is
$FACTCHECK_DATA/sentence_golden_rules when FACTCHECK_DATA is set, else ../shared/data/sentence_golden_rules
next to the repository. Segments are compared after .strip(), as pySBD does.

Prints every failing case, then the pass rate per file; the headline figure (golden_rules_en.json) is
printed last. Exits 0 after scoring, 2 if the data folder is missing.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_SUBDIR = "sentence_golden_rules"
# Secondary files first: the headline figure comes last.
FILES = (
    "pysbd_regression_issues_en.json",
    "pragmatic_segmenter_golden_rules_en.json",
    "golden_rules_en.json",
)


@dataclass(frozen=True)
class Score:
    file: str
    passed: int
    total: int

    @property
    def rate(self) -> float:
        return self.passed / self.total if self.total else 0.0


def default_data_dir() -> Path:
    shared_data = os.environ.get("FACTCHECK_DATA")
    if shared_data:
        return Path(shared_data) / DATA_SUBDIR
    return REPO_ROOT.parent / "shared" / "data" / DATA_SUBDIR


def case_label(case: dict) -> str:
    """'#18 A.M. / P.M. ...' for golden rules, 'issue #27' for the pySBD regression cases."""
    if "id" in case:
        return f"#{case['id']} {case.get('name', '')}".rstrip()
    return f"issue {case.get('issue', '?')}"


def score_file(path: Path, split: Callable[[str], list[str]]) -> Score:
    cases = json.loads(path.read_text(encoding="utf-8"))
    passed = 0
    for case in cases:
        expected = [segment.strip() for segment in case["expected"]]
        got = [segment.strip() for segment in split(case["text"])]
        if got == expected:
            passed += 1
            continue
        print(f"FAIL {path.name} {case_label(case)}")
        if case.get("options"):
            print(f"  options:  {case['options']}")
        print(f"  text:     {case['text']!r}")
        print(f"  expected: {expected!r}")
        print(f"  got:      {got!r}")
    return Score(path.name, passed, len(cases))


def print_table(scores: list[Score]) -> None:
    width = max(len(score.file) for score in scores)
    print()
    print(f"{'file':<{width}}  passed  total    rate")
    for score in scores:
        print(f"{score.file:<{width}}  {score.passed:>6}  {score.total:>5}  {score.rate:>6.1%}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="folder with the golden-rule JSON files")
    args = parser.parse_args(argv)
    data_dir: Path = args.data if args.data is not None else default_data_dir()
    if not data_dir.is_dir():
        print(f"golden rules data folder not found: {data_dir}")
        return 2

    # The project need not be installed: import it from this checkout.
    sys.path.insert(0, str(REPO_ROOT))
    from factcheck.sentences import split_sentences

    scores = [score_file(data_dir / name, split_sentences) for name in FILES if (data_dir / name).is_file()]
    if not scores:
        print(f"no golden rules files in {data_dir}")
        return 2
    print_table(scores)
    return 0


if __name__ == "__main__":
    sys.exit(main())
