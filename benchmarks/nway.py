"""Time N-way comparison: N sources of about 40 claims each, built from multi_source_news articles.

Usage: .venv/bin/python benchmarks/nway.py [--sizes 2,5,10,20,50,100] [--claims 40] [--data DIR]

Each source is the first ``--claims`` sentences of one or more corpus articles (articles taken in
manifest order, joined until the source is long enough), so sources are real news text about
overlapping events. For each N it prints one CSV row: N, claims, candidate pairs scored, groups,
seconds for the whole ``compare()``, seconds in ``align`` alone, and peak memory of ``compare()``
(tracemalloc, a separate run) in MB. Measuring, not asserting; the issue's target is N=100 in
<= 10 s and <= 1 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import factcheck  # noqa: E402
from factcheck import align as align_module  # noqa: E402
from factcheck.sentences import split_sentences  # noqa: E402


def sources(data: Path, count: int, claims: int) -> list[str]:
    """``count`` texts of about ``claims`` sentences each, from the corpus in manifest order."""
    root = data / "multi_source_news"
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    files = [root / a["file"] for c in manifest["clusters"] for a in c["articles"]]
    texts: list[str] = []
    pending: list[str] = []
    for path in files:
        pending += split_sentences(path.read_text(encoding="utf-8"))
        if len(pending) >= claims:
            texts.append("\n".join(pending[:claims]))
            pending = []
            if len(texts) == count:
                return texts
    raise SystemExit(f"corpus too small for {count} sources of {claims} sentences")


class _AlignTimer:
    """Wraps factcheck.align.align to add up the time spent in it."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.original = align_module.align

    def __call__(self, *args: object, **kwargs: object) -> object:
        start = time.perf_counter()
        try:
            return self.original(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            self.seconds += time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2,5,10,20,50,100")
    parser.add_argument("--claims", type=int, default=40)
    parser.add_argument("--data", type=Path, default=None)
    args = parser.parse_args(argv)
    data = args.data or Path(os.environ.get("FACTCHECK_DATA") or REPO.parent / "shared" / "data")
    sizes = [int(s) for s in args.sizes.split(",")]
    texts = sources(data, max(sizes), args.claims)

    import factcheck.pipeline as pipeline

    timer = _AlignTimer()
    pipeline.align = timer  # type: ignore[assignment]
    counted: dict[str, int] = {}
    original_candidates = align_module.candidate_pairs

    def counting_candidates(index: object) -> object:
        pairs = original_candidates(index)  # type: ignore[arg-type]
        counted["pairs"] = len(pairs[0])
        return pairs

    align_module.candidate_pairs = counting_candidates  # type: ignore[assignment]
    factcheck.compare(texts[:2])  # warm-up: imports, caches
    print("sources,claims,candidate_pairs,groups,compare_s,align_s,peak_mb")
    for n in sizes:
        timer.seconds = 0.0
        start = time.perf_counter()
        report = factcheck.compare(texts[:n])
        elapsed = time.perf_counter() - start
        align_seconds = timer.seconds
        tracemalloc.start()
        factcheck.compare(texts[:n])
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        print(
            f"{n},{len(report.claims)},{counted.get('pairs', 0)},{len(report.groups)},"
            f"{elapsed:.2f},{align_seconds:.2f},{peak:.0f}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
