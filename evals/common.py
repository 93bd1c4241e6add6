"""Shared helpers of the eval scripts: where the data lives, MRPC reading, pair verdicts, metrics.

The data folder is ``$FACTCHECK_DATA`` when set, else ``../shared/data`` next to the repository.
Nothing here is copied into the project; the data is read in place.
"""

from __future__ import annotations

import csv
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
FIXTURE_PAIR = (REPO_ROOT / "fixtures" / "aleppo_a.txt", REPO_ROOT / "fixtures" / "aleppo_b.txt")


def data_dir() -> Path:
    """The shared data folder: $FACTCHECK_DATA, else <repo>/../shared/data."""
    override = os.environ.get("FACTCHECK_DATA")
    return Path(override) if override else REPO_ROOT.parent / "shared" / "data"


def require(path: Path) -> Path:
    """Return ``path``, or exit 2 with one line when it does not exist."""
    if not path.exists():
        print(f"data not found: {path} (set FACTCHECK_DATA to the shared data folder)", file=sys.stderr)
        raise SystemExit(2)
    return path


@dataclass(frozen=True, slots=True)
class Pair:
    label: int  # 1 = equivalent (paraphrase), 0 = not
    s1: str
    s2: str


def read_mrpc(split: str) -> list[Pair]:
    """MRPC rows of ``train`` or ``test`` (tab-separated, header row, no quoting)."""
    path = require(data_dir() / "mrpc" / f"{split}.tsv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    header, body = rows[0], rows[1:]
    col = {name: i for i, name in enumerate(header)}
    return [Pair(int(r[col["label"]]), r[col["s1"]], r[col["s2"]]) for r in body]


def pair_verdict(report: dict) -> str:
    """'equivalent' when every claim is in an agreement group; else why not.

    'discrepancy' when any group conflicts (takes precedence), 'unaligned' when
    some claim is left unique and nothing conflicts.
    """
    statuses = {g["status"] for g in report["groups"]}
    if "discrepancy" in statuses:
        return "discrepancy"
    if "unique" in statuses:
        return "unaligned"
    return "equivalent"


@dataclass(frozen=True, slots=True)
class Metrics:
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def total(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def accuracy(self) -> float:
        return (self.tp + self.tn) / self.total if self.total else 0.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def metrics(gold: Sequence[int], predicted: Sequence[bool]) -> Metrics:
    """Confusion counts with 'equivalent' (label 1) as the positive class."""
    tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == 1 and p)
    fp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == 0 and p)
    fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == 1 and not p)
    tn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == 0 and not p)
    return Metrics(tp, fp, fn, tn)


def majority_baseline(gold: Sequence[int]) -> Metrics:
    """Always predict the majority class of ``gold``."""
    majority = sum(gold) * 2 >= len(gold)
    return metrics(gold, [majority] * len(gold))


def format_metrics(name: str, m: Metrics) -> str:
    return (
        f"{name}: accuracy {100 * m.accuracy:.1f}%  precision {100 * m.precision:.1f}  "
        f"recall {100 * m.recall:.1f}  F1 {100 * m.f1:.1f}  (TP {m.tp} FP {m.fp} FN {m.fn} TN {m.tn}, n={m.total})"
    )
