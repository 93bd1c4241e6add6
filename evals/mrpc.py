"""Score factcheck as a paraphrase detector on MRPC (Microsoft Research Paraphrase Corpus).

Usage: .venv/bin/python evals/mrpc.py [--split test|train] [--threshold X] [--examples N]

Each pair's two sentences are compared as two one-sentence sources; the pair is predicted
"equivalent" when every claim lands in an agreement group (no unique claim, no discrepancy).
Positive class = equivalent (MRPC label 1). Prints a few misclassified pairs, then the figures
last: accuracy, precision, recall, F1, confusion counts, the majority baseline, and why pairs were
predicted non-equivalent (a discrepancy vs claims left unaligned). Exits 2 if the data is missing.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter

from common import format_metrics, majority_baseline, metrics, pair_verdict, read_mrpc

import factcheck
from factcheck.errors import FactcheckError


def run(split: str, threshold: float | None) -> tuple[list[int], list[str], list[dict | None], float]:
    pairs = read_mrpc(split)
    options = {} if threshold is None else {"threshold": threshold}
    verdicts: list[str] = []
    reports: list[dict | None] = []
    start = time.perf_counter()
    for pair in pairs:
        try:
            report = factcheck.compare([pair.s1, pair.s2], **options).to_dict()
        except FactcheckError:
            verdicts.append("error")
            reports.append(None)
            continue
        verdicts.append(pair_verdict(report))
        reports.append(report)
    elapsed = time.perf_counter() - start
    return [p.label for p in pairs], verdicts, reports, elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("test", "train"), default="test")
    parser.add_argument(
        "--threshold", type=float, default=None, help="alignment threshold (default: library's)"
    )
    parser.add_argument("--examples", type=int, default=5, help="misclassified pairs shown per kind")
    args = parser.parse_args(argv)

    pairs = read_mrpc(args.split)
    gold, verdicts, reports, elapsed = run(args.split, args.threshold)
    predicted = [v == "equivalent" for v in verdicts]

    # Examples first, figures last.
    shown: Counter[str] = Counter()
    print("== misclassified examples ==")
    for pair, verdict, report in zip(pairs, verdicts, reports, strict=True):
        kind = None
        if pair.label == 0 and verdict == "equivalent":
            kind = "FP (said equivalent)"
        elif pair.label == 1 and verdict != "equivalent":
            kind = f"FN ({verdict})"
        if kind is None or shown[kind] >= args.examples:
            continue
        shown[kind] += 1
        print(f"[{kind}]\n  s1: {pair.s1}\n  s2: {pair.s2}")
        if report:
            for group in report["groups"]:
                for d in group["discrepancies"]:
                    print(f"  -> {d['type']}: {d['explanation']}")
    print()

    m = metrics(gold, predicted)
    base = majority_baseline(gold)
    settings = "default" if args.threshold is None else f"{args.threshold}"
    reasons = Counter(v for v in verdicts if v != "equivalent")
    reasons_by_label = {
        label: Counter(v for g, v in zip(gold, verdicts, strict=True) if g == label and v != "equivalent")
        for label in (0, 1)
    }
    types: Counter[str] = Counter()
    for verdict, report in zip(verdicts, reports, strict=True):
        if verdict == "discrepancy" and report:
            for group in report["groups"]:
                types.update({d["type"] for d in group["discrepancies"]})
    print(
        f"== MRPC {args.split}: {len(gold)} pairs, threshold {settings}, {1000 * elapsed / len(gold):.1f} ms/pair =="
    )
    print(format_metrics("factcheck", m))
    print(format_metrics("majority baseline", base))
    non_eq = sum(reasons.values())
    print(
        f"predicted non-equivalent: {non_eq} = discrepancy {reasons['discrepancy']} + unaligned "
        f"{reasons['unaligned']} + input error {reasons['error']}"
    )
    for label, name in ((1, "gold equivalent (FN)"), (0, "gold non-equivalent (TN)")):
        r = reasons_by_label[label]
        print(
            f"  of which {name}: discrepancy {r['discrepancy']}, unaligned {r['unaligned']}, error {r['error']}"
        )
    print(
        "discrepancy types (pairs with >=1 of the type): "
        + ", ".join(f"{t} {n}" for t, n in types.most_common())
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
