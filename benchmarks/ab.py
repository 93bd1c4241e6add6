"""Compare two checkouts' in-process speed back to back: the corpus pairs, old and new taking turns.

Usage (from the repository, with an older commit checked out beside it):

    git worktree add /tmp/old bb90304
    .venv/bin/python benchmarks/ab.py /tmp/old . [--runs 5] [--max-pairs N] [--data DIR]

Each run is a fresh process that imports ``factcheck`` from one checkout, compares three corpus pairs to
warm up, clears the caches, then times ``factcheck.compare`` over the pairs (``bench.py``'s order and
data directory). The two checkouts alternate run by run, so drift of the machine's speed hits both
alike; the medians and their ratio are printed last. A measuring script, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bench import CORPUS, REPO, corpus_pairs

# What each run executes: argv[1] the checkout, argv[2] a JSON list of [a, b] paths. Prints pairs/s.
CHILD = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import factcheck
pairs = [(Path(a), Path(b)) for a, b in json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))]
for a, b in pairs[:3]:
    factcheck.compare([a, b])
factcheck.clear_caches()
start = time.perf_counter()
for a, b in pairs:
    factcheck.compare([a, b])
print(len(pairs) / (time.perf_counter() - start))
"""


def run_once(checkout: Path, pairs_file: str) -> float:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(checkout), pairs_file],
        capture_output=True,
        text=True,
        check=False,
        cwd=tempfile.gettempdir(),  # not a checkout: its factcheck must not shadow the one asked for
    )
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        raise SystemExit(f"ab.py: the run of {checkout} failed: {last}")
    return float(result.stdout.strip().splitlines()[-1])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path, help="checkout measured first in each round")
    parser.add_argument("new", type=Path, help="checkout measured second in each round")
    parser.add_argument("--runs", type=int, default=5, help="runs of each checkout (default 5)")
    parser.add_argument("--max-pairs", type=int, default=None, help="cap on corpus pairs (default: all)")
    parser.add_argument("--data", type=Path, default=None, help="shared data dir (holds multi_source_news/)")
    args = parser.parse_args(argv)
    data = args.data or Path(os.environ.get("FACTCHECK_DATA") or REPO.parent / "shared" / "data")
    if not (data / CORPUS / "manifest.json").exists():
        parser.error(f"{data / CORPUS / 'manifest.json'} not found (set --data or FACTCHECK_DATA)")
    for checkout in (args.old, args.new):
        if not (checkout / "factcheck" / "__init__.py").exists():
            parser.error(f"{checkout}: no factcheck/ package there")
    pairs = corpus_pairs(data, args.max_pairs if args.max_pairs is not None else sys.maxsize)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as handle:
        json.dump([[str(a), str(b)] for _, _, a, b in pairs], handle)
    try:
        speeds: dict[str, list[float]] = {"old": [], "new": []}
        for run in range(1, args.runs + 1):
            for name, checkout in (("old", args.old), ("new", args.new)):
                speeds[name].append(run_once(checkout.resolve(), handle.name))
                print(f"run {run} {name:>3} {checkout}: {speeds[name][-1]:.1f} pairs/s", flush=True)
    finally:
        os.unlink(handle.name)
    old, new = statistics.median(speeds["old"]), statistics.median(speeds["new"])
    print(
        f"{len(pairs)} corpus pairs, {args.runs} runs each, medians: old {old:.1f}, new {new:.1f} pairs/s "
        f"({new / old - 1:+.1%})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
