"""Time factcheck: whole-process CLI runs against the bare import floor, and in-process pairs/second.

Run from anywhere:

    .venv/bin/python benchmarks/bench.py [--runs N] [--pair-runs N] [--max-pairs N] [--data DIR]

Prints the machine, then one table of medians. This is a measuring script, not a test: nothing here
asserts on time. The corpus part reads ``multi_source_news/manifest.json`` under the data directory
(``--data``, else ``$FACTCHECK_DATA``, else ``<repo>/../shared/data``) and is skipped with a note when it
is missing.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import itertools
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURE_A = REPO / "fixtures" / "aleppo_a.txt"
FIXTURE_B = REPO / "fixtures" / "aleppo_b.txt"
CORPUS = "multi_source_news"

# Whole-process targets from the project's issues.
FLOOR_RATIO_TARGET = 1.2
PAIRS_PER_SECOND_TARGET = 200.0


def machine() -> list[tuple[str, str]]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or "unknown"
    return [
        ("nproc", str(os.cpu_count())),
        ("usable cpus", str(len(os.sched_getaffinity(0))) if hasattr(os, "sched_getaffinity") else "?"),
        ("cpu", cpu),
        ("python", f"{platform.python_version()} ({sys.executable})"),
        ("platform", platform.platform()),
        ("factcheck", build()),
    ]


def build() -> str:
    """Where ``import factcheck`` finds the package, and which of its modules are compiled (setup.py)."""
    import factcheck.pipeline  # imports every stage

    loaded = [m for name, m in sys.modules.items() if name.split(".")[0] == "factcheck" and m is not None]
    compiled = sum(str(getattr(m, "__file__", "")).endswith(tuple(EXTENSION_SUFFIXES)) for m in loaded)
    kind = f"{compiled} of {len(loaded)} modules compiled (mypyc)" if compiled else "pure Python"
    return f"{kind}, from {Path(factcheck.pipeline.__file__).parent}"


def factcheck_command() -> list[str]:
    """The installed console script beside this interpreter, else ``python -m factcheck``."""
    script = Path(sys.executable).with_name("factcheck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "factcheck"]


def time_process(argv: Sequence[str], runs: int) -> tuple[list[float], str | None]:
    """Wall time of ``runs`` runs of ``argv`` (stdout to /dev/null); the error text if any run crashed.

    Exit codes 0 and 1 are normal for ``factcheck compare`` (1 = findings); a traceback or code >= 2 is not.
    """
    times: list[float] = []
    problem: str | None = None
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=REPO, check=False)
        times.append(time.perf_counter() - start)
        stderr = done.stderr.decode("utf-8", "replace")
        if done.returncode >= 2 or "Traceback" in stderr:
            last = stderr.strip().splitlines()[-1] if stderr.strip() else ""
            problem = f"exit {done.returncode}: {last}"
    return times, problem


def time_call(call: Callable[[], object], runs: int, warmup: int = 3) -> list[float]:
    for _ in range(warmup):
        call()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return times


def _round_robin(lists: Sequence[Sequence[object]]) -> list[object]:
    """[a1, b1, c1, a2, b2, ...]: one item from each list in turn, skipping exhausted lists."""
    return [item for row in itertools.zip_longest(*lists, fillvalue=_GAP) for item in row if item is not _GAP]


_GAP = object()


def corpus_pairs(data: Path, max_pairs: int) -> list[tuple[str, str, Path, Path]]:
    """(collection, cluster, a, b) for every pair (i < j) of articles within each cluster, capped.

    Deterministic and spread out: collections take turns, and inside a collection its clusters take turns
    (each in manifest order), so a cap of 400 samples all three collections instead of only the first.
    """
    root = data / CORPUS
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    by_collection: dict[str, list[list[tuple[str, str, Path, Path]]]] = {}
    for cluster in manifest["clusters"]:
        files = [root / article["file"] for article in cluster["articles"]]
        pairs = [
            (cluster["collection"], cluster["cluster_id"], a, b) for a, b in itertools.combinations(files, 2)
        ]
        by_collection.setdefault(cluster["collection"], []).append(pairs)
    per_collection = [_round_robin(clusters) for clusters in by_collection.values()]
    return _round_robin(per_collection)[:max_pairs]  # type: ignore[return-value]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="whole-process runs per command (>= 5)")
    parser.add_argument("--pair-runs", type=int, default=50, help="in-process runs of the fixture pair")
    parser.add_argument(
        "--max-pairs",
        type=int,
        default=None,
        help="cap on corpus article pairs (default: every pair, 1,253; 400 gives the sample balanced across "
        "the three collections that earlier figures used)",
    )
    parser.add_argument("--data", type=Path, default=None, help="shared data dir (holds multi_source_news/)")
    parser.add_argument(
        "--cold",
        action="store_true",
        help="clear every cache (factcheck.clear_caches()) before every corpus pair: an article then gains "
        "nothing from having been seen in an earlier pair of its cluster, and words are stemmed afresh",
    )
    args = parser.parse_args(argv)
    if args.runs < 5:
        parser.error("--runs must be >= 5")
    data = args.data or Path(os.environ.get("FACTCHECK_DATA") or REPO.parent / "shared" / "data")

    print("factcheck benchmark")
    print("command:", shlex.join([Path(sys.executable).name, *sys.argv]))
    for key, value in machine():
        print(f"{key:>12}: {value}")
    print()

    rows: list[tuple[str, str, str]] = []  # (measure, median, note)
    notes: list[str] = []

    # 1. Whole process.
    # Compile factcheck's bytecode first, as installing a wheel does: an editable checkout run with
    # PYTHONDONTWRITEBYTECODE=1 (as on this project's shared machines) would otherwise recompile every
    # factcheck module from source on every start (~100 ms), which no installed user pays.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "factcheck")], check=False)
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        notes.append("PYTHONDONTWRITEBYTECODE is set: factcheck's bytecode was compiled once with compileall")
    cli = factcheck_command()
    pair_argv = [*cli, "compare", str(FIXTURE_A), str(FIXTURE_B), "--format", "json"]
    floor_argv = [sys.executable, "-c", "import nltk, rich, typer, rapidfuzz"]
    version_argv = [*cli, "--version"]
    # Interleave the three commands run by run so drift (cache, frequency) hits all alike.
    samples: dict[str, list[float]] = {"pair": [], "floor": [], "version": []}
    problems: dict[str, str] = {}
    for _ in range(args.runs):
        for name, command in (("floor", floor_argv), ("version", version_argv), ("pair", pair_argv)):
            times, problem = time_process(command, 1)
            samples[name].extend(times)
            if problem:
                problems[name] = problem
    floor = statistics.median(samples["floor"])
    pair = statistics.median(samples["pair"])
    version = statistics.median(samples["version"])
    ratio = pair / floor
    rows.append(("import floor: python -c 'import nltk, rich, typer, rapidfuzz'", ms(floor), ""))
    rows.append(("factcheck --version", ms(version), f"{version / floor:.2f}x floor"))
    rows.append(
        (
            "factcheck compare aleppo_a aleppo_b --format json",
            ms(pair),
            f"{ratio:.2f}x floor (target <= {FLOOR_RATIO_TARGET}x: "
            f"{'met' if ratio <= FLOOR_RATIO_TARGET else 'NOT met'})",
        )
    )
    for name, problem in problems.items():
        notes.append(f"WARNING: the {name} command failed: {problem}")

    # 2. In process.
    sys.path.insert(0, str(REPO))
    import factcheck
    from factcheck.errors import FactcheckError

    def fixture_pair() -> object:
        return factcheck.compare([FIXTURE_A, FIXTURE_B])

    def cold_fixture_pair() -> object:
        factcheck.clear_caches()
        return factcheck.compare([FIXTURE_A, FIXTURE_B])

    try:
        fixture_times = time_call(fixture_pair, args.pair_runs)
    except Exception as error:  # a broken pipeline should not hide the other figures
        rows.append(("in-process compare(), fixture pair", "n/a", f"{type(error).__name__}: {error}"))
    else:
        median = statistics.median(fixture_times)
        rows.append(
            (
                f"in-process compare(), fixture pair ({args.pair_runs} runs, warm caches)",
                ms(median),
                f"{1 / median:.0f} pairs/s",
            )
        )
        median = statistics.median(time_call(cold_fixture_pair, args.pair_runs))
        rows.append(
            (
                f"in-process compare(), fixture pair ({args.pair_runs} runs, caches cleared)",
                ms(median),
                f"{1 / median:.0f} pairs/s",
            )
        )

    manifest = data / CORPUS / "manifest.json"
    if not manifest.exists():
        notes.append(f"corpus part skipped: {manifest} not found (set --data or FACTCHECK_DATA)")
    else:
        pairs = corpus_pairs(data, args.max_pairs if args.max_pairs is not None else sys.maxsize)
        clusters = len({cluster for _, cluster, _, _ in pairs})
        # Warm up on the first pair (lazy imports, regex compilation, caches).
        for _, _, a, b in pairs[:3]:
            with contextlib.suppress(Exception):
                factcheck.compare([a, b])
        skipped = 0
        crashed: dict[str, int] = {}
        per_pair: list[float] = []
        by_collection: dict[str, list[float]] = {}
        gc.collect()
        total_start = time.perf_counter()
        cpu_start = time.process_time()
        for collection, _, a, b in pairs:
            if args.cold:
                factcheck.clear_caches()
            start = time.perf_counter()
            try:
                factcheck.compare([a, b])
            except FactcheckError:
                skipped += 1
                continue
            except Exception as error:  # report, do not time, and keep going
                key = f"{type(error).__name__}: {error}"
                crashed[key] = crashed.get(key, 0) + 1
                continue
            elapsed = time.perf_counter() - start
            per_pair.append(elapsed)
            by_collection.setdefault(collection, []).append(elapsed)
        wall = time.perf_counter() - total_start
        cpu = time.process_time() - cpu_start
        if per_pair:
            median = statistics.median(per_pair)
            throughput = len(per_pair) / sum(per_pair)
            rows.append(
                (
                    f"in-process corpus pairs ({len(per_pair)} of {len(pairs)} pairs, {clusters} clusters"
                    f"{', caches cleared' if args.cold else ''})",
                    ms(median),
                    f"{throughput:.0f} pairs/s (target >= {PAIRS_PER_SECOND_TARGET:.0f}: "
                    f"{'met' if throughput >= PAIRS_PER_SECOND_TARGET else 'NOT met'}); "
                    f"p90 {ms(statistics.quantiles(per_pair, n=10)[-1])}, max {ms(max(per_pair))}",
                )
            )
            for collection, times in by_collection.items():
                rows.append(
                    (
                        f"  of which {collection} ({len(times)} pairs)",
                        ms(statistics.median(times)),
                        f"{len(times) / sum(times):.0f} pairs/s",
                    )
                )
        else:
            rows.append(("in-process corpus pairs", "n/a", "no pair completed"))
        notes.append(
            f"corpus: {len(pairs)} pairs from {data / CORPUS}, wall {wall:.2f} s, process CPU {cpu:.2f} s "
            f"({cpu / wall:.2f}x wall: above 1 means more than one core was used); "
            f"skipped (FactcheckError): {skipped}; crashed (other errors): {sum(crashed.values())}"
        )
        for key, count in sorted(crashed.items(), key=lambda kv: -kv[1]):
            notes.append(f"WARNING: {count} pair(s) crashed with {key}")

    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'median':>10}  note")
    print(f"{'-' * width}  {'-' * 10}  {'-' * 4}")
    for measure, median, note in rows:
        print(f"{measure:<{width}}  {median:>10}  {note}")
    if notes:
        print()
        for note in notes:
            print(note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
