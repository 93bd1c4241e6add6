"""Run factcheck on pairs of real articles about one event (multi_source_news clusters).

Usage: .venv/bin/python evals/clusters.py [--max-pairs 6] [--discrepancies 10] [--agreements 5] [--threshold X]

For every cluster of ``multi_source_news/manifest.json`` the article pairs are ordered by
sha1 of their two file names and the first ``--max-pairs`` are compared (deterministic). There
are no gold labels: the script prints a readable sample (discrepancy groups with both claims
and the explanation, and agreement groups) under "sample", so that a person can judge them,
then the figures per collection last: pairs, mean claims per article, groups per pair by status,
discrepancies by type, ms per pair. Exits 2 if the data is missing.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from common import data_dir, require

import factcheck
from factcheck.errors import FactcheckError

STATUSES = ("agreement", "discrepancy", "unique")


def sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@dataclass
class Tally:
    pairs: int = 0
    errors: int = 0
    seconds: float = 0.0
    claims: dict[str, int] = field(default_factory=dict)  # article file -> claims
    groups: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class Item:
    """A group kept for the sample."""

    key: str
    cluster: str
    outlets: tuple[str, str]
    status: str
    claims: tuple[tuple[str, str], ...]  # (outlet, text)
    explanations: tuple[str, ...]
    score: float


def cluster_pairs(cluster: dict, cap: int) -> list[tuple[dict, dict]]:
    pairs = list(itertools.combinations(cluster["articles"], 2))
    pairs.sort(key=lambda p: sha(p[0]["file"] + "|" + p[1]["file"]))
    return pairs[:cap]


def short(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-pairs", type=int, default=6, help="pairs compared per cluster")
    parser.add_argument("--discrepancies", type=int, default=10, help="discrepancy groups in the sample")
    parser.add_argument("--agreements", type=int, default=5, help="agreement groups in the sample")
    parser.add_argument(
        "--threshold", type=float, default=None, help="alignment threshold (default: library's)"
    )
    args = parser.parse_args(argv)

    root = require(data_dir() / "multi_source_news")
    manifest = json.loads(require(root / "manifest.json").read_text(encoding="utf-8"))
    options = {} if args.threshold is None else {"threshold": args.threshold}

    tallies: dict[str, Tally] = defaultdict(Tally)
    pool: dict[str, list[Item]] = {"discrepancy": [], "agreement": []}
    for cluster in manifest["clusters"]:
        tally = tallies[cluster["collection"]]
        for left, right in cluster_pairs(cluster, args.max_pairs):
            paths = [require(root / left["file"]), require(root / right["file"])]
            outlets = (left["outlet"] or Path(left["file"]).stem, right["outlet"] or Path(right["file"]).stem)
            start = time.perf_counter()
            try:
                report = factcheck.compare(paths, **options).to_dict()
            except FactcheckError as error:
                tally.errors += 1
                print(f"error: {cluster['cluster_id']} {left['file']} vs {right['file']}: {error}")
                continue
            tally.seconds += time.perf_counter() - start
            tally.pairs += 1
            for source, article in zip(report["sources"], (left, right), strict=True):
                tally.claims[article["file"]] = source["claims"]
            text = {c["id"]: (c["source"], c["text"]) for c in report["claims"]}
            outlet_of = {"A": outlets[0], "B": outlets[1]}
            for group in report["groups"]:
                tally.groups[group["status"]] += 1
                tally.types.update(d["type"] for d in group["discrepancies"])
                if group["status"] in pool:
                    claims = tuple((outlet_of[text[c][0]], text[c][1]) for c in group["claims"])
                    pool[group["status"]].append(
                        Item(
                            key=sha(f"{left['file']}|{right['file']}|{group['id']}"),
                            cluster=cluster["cluster_id"],
                            outlets=outlets,
                            status=group["status"],
                            claims=claims,
                            explanations=tuple(
                                f"{d['type']}: {d['explanation']}" for d in group["discrepancies"]
                            ),
                            score=group.get("score", 0.0),
                        )
                    )

    print("== sample (deterministic: groups ordered by sha1 of pair + group id) ==")
    for status, count in (("discrepancy", args.discrepancies), ("agreement", args.agreements)):
        chosen = sorted(pool[status], key=lambda i: i.key)[:count]
        print(f"\n-- {len(chosen)} of {len(pool[status])} {status} groups --")
        for n, item in enumerate(chosen, start=1):
            print(
                f"[{status[0].upper()}{n}] {item.cluster} {item.outlets[0]} vs {item.outlets[1]} (score {item.score:.2f})"
            )
            for outlet, claim in item.claims:
                print(f"    {outlet}: {short(claim)}")
            for explanation in item.explanations:
                print(f"    => {explanation}")

    print("\n== figures per collection ==")
    header = (
        f"{'collection':12} {'pairs':>5} {'err':>3} {'claims/art':>10} {'agree/pair':>10} "
        f"{'disc/pair':>9} {'uniq/pair':>9} {'ms/pair':>8}  discrepancies by type"
    )
    print(header)
    total = Tally()
    for name in sorted(tallies):
        t = tallies[name]
        total.pairs += t.pairs
        total.errors += t.errors
        total.seconds += t.seconds
        total.claims.update(t.claims)
        total.groups.update(t.groups)
        total.types.update(t.types)
    for name, t in [*sorted(tallies.items()), ("ALL", total)]:
        pairs = max(t.pairs, 1)
        per_article = sum(t.claims.values()) / max(len(t.claims), 1)
        types = ", ".join(f"{k} {v}" for k, v in t.types.most_common()) or "-"
        print(
            f"{name:12} {t.pairs:5d} {t.errors:3d} {per_article:10.1f} {t.groups['agreement'] / pairs:10.2f} "
            f"{t.groups['discrepancy'] / pairs:9.2f} {t.groups['unique'] / pairs:9.2f} "
            f"{1000 * t.seconds / pairs:8.1f}  {types}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
