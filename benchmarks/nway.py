"""Time N-way comparison: N sources of about 40 claims each, built from multi_source_news articles.

Usage: .venv/bin/python benchmarks/nway.py [--sizes 2,5,10,20,50,100] [--claims 40] [--runs 3]
                                           [--data DIR] [--png docs/nway.png | --no-png]

Each source is the first ``--claims`` sentences of one or more corpus articles (articles taken in
manifest order, joined until the source is long enough), so sources are real news text about
overlapping events. For each N it prints one CSV row: N, claims, candidate pairs scored, groups,
seconds for the whole ``compare()`` (median of ``--runs``), seconds in ``align`` alone (same run),
and peak memory of ``compare()`` (tracemalloc, a separate run) in MB. Every run starts cold: the
per-sentence caches (facts, sentence splits, judge tokens) are cleared first, so N sources are not
helped by the N/2 already seen. Then it draws the curve (time and peak memory against the number of
claims) to ``--png`` with matplotlib, the ``benchmark`` extra (``pip install -e '.[benchmark]'``).
Measuring, not asserting; the issue's target is N=100 in <= 10 s and <= 1 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import factcheck  # noqa: E402
from factcheck import align as align_module  # noqa: E402
from factcheck import facts, judge, sentences  # noqa: E402
from factcheck.sentences import split_sentences  # noqa: E402

# Per-sentence caches of the pipeline, cleared before every timed run (see the module docstring).
CACHES: list[Callable[[], None]] = [
    facts.extract_facts.cache_clear,
    sentences._segment_cached.cache_clear,
    judge._tokens_at.cache_clear,
    judge._words_at.cache_clear,
]


def cold() -> None:
    for clear in CACHES:
        clear()


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
    parser.add_argument("--runs", type=int, default=3, help="timed runs per size (median)")
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument(
        "--png", type=Path, default=REPO / "docs" / "nway.png", help="where to draw the curve"
    )
    parser.add_argument("--no-png", action="store_true", help="print the table only")
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
    factcheck.compare(texts[:2])  # warm-up: imports, module-level tables
    print(f"# python {platform.python_version()}, {platform.platform()}, nproc {os.cpu_count()}")
    print(f"# command: python benchmarks/nway.py {' '.join(sys.argv[1:])}".rstrip())
    print("sources,claims,candidate_pairs,groups,compare_s,align_s,peak_mb")
    rows: list[tuple[int, int, int, float, float, float]] = []
    for n in sizes:
        runs: list[tuple[float, float]] = []
        for _ in range(args.runs):
            cold()
            timer.seconds = 0.0
            start = time.perf_counter()
            report = factcheck.compare(texts[:n])
            runs.append((time.perf_counter() - start, timer.seconds))
        elapsed, align_seconds = sorted(runs)[len(runs) // 2]  # the median run (odd --runs)
        if len(runs) % 2 == 0:
            elapsed = statistics.median(r[0] for r in runs)
        cold()
        tracemalloc.start()
        factcheck.compare(texts[:n])
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        rows.append((n, len(report.claims), counted.get("pairs", 0), elapsed, align_seconds, peak))
        print(
            f"{n},{len(report.claims)},{counted.get('pairs', 0)},{len(report.groups)},"
            f"{elapsed:.2f},{align_seconds:.2f},{peak:.0f}",
            flush=True,
        )
    if not args.no_png:
        draw(rows, args.png)
    return 0


def draw(rows: list[tuple[int, int, int, float, float, float]], path: Path) -> None:
    """Time and peak memory against the number of claims, each beside a straight line through the
    largest run (what linear growth would look like)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print(
            "no PNG: matplotlib is missing; it is the benchmark extra: pip install -e '.[benchmark]'",
            file=sys.stderr,
        )
        return
    sizes = [r[0] for r in rows]
    claims = [r[1] for r in rows]
    figure, (left, right) = plt.subplots(1, 2, figsize=(10, 4), constrained_layout=True)
    for axis, values, label, unit in (
        (left, [r[3] for r in rows], "compare()", "seconds"),
        (right, [r[5] for r in rows], "peak memory (tracemalloc)", "MB"),
    ):
        axis.plot(claims, values, "o-", label=label)
        if axis is left:
            axis.plot(claims, [r[4] for r in rows], "s--", label="of which align")
        axis.plot([0, claims[-1]], [0, values[-1]], ":", color="grey", label="linear through the largest run")
        for n, x, y in zip(sizes, claims, values, strict=True):
            axis.annotate(f"{n} src", (x, y), textcoords="offset points", xytext=(4, -10), fontsize=8)
        axis.set_xlabel("claims (about 40 per source)")
        axis.set_ylabel(unit)
        axis.grid(alpha=0.3)
        axis.legend(fontsize=8)
    left.set_title("N-way compare: time")
    right.set_title("N-way compare: peak memory")
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    print(f"curve written to {path}")


if __name__ == "__main__":
    raise SystemExit(main())
