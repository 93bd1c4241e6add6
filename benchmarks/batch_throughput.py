"""Batch throughput: stories/second of ``factcheck batch`` over the multi_source_news clusters.

Run from anywhere:

    .venv/bin/python benchmarks/batch_throughput.py [--jobs 1 2] [--runs N] [--dask] [--data DIR] [--corpus DIR]

Builds one story folder per cluster of ``multi_source_news/manifest.json`` (132 stories, 530 articles)
in a temporary folder (or ``--corpus DIR``, which must not be inside the repository), then times the
real command, ``python -m factcheck batch CORPUS -o FILE --jobs N``, as a whole process (start-up,
worker start, every story, writing the JSONL). Prints the machine and one row per setting: the median
wall time of ``--runs`` runs and stories/second. It also checks that every setting wrote the same file.
The data directory is ``--data``, else ``$FACTCHECK_DATA``, else ``<repo>/../shared/data``.
This is a measuring script, not a test: nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = "multi_source_news"


def data_dir(given: str | None) -> Path:
    if given:
        return Path(given)
    if os.environ.get("FACTCHECK_DATA"):
        return Path(os.environ["FACTCHECK_DATA"])
    return REPO.parent / "shared" / "data"


def build_corpus(data: Path, target: Path) -> tuple[int, int]:
    """One folder per cluster, its articles copied in manifest order; (stories, articles)."""
    manifest = json.loads((data / CORPUS / "manifest.json").read_text(encoding="utf-8"))
    articles = 0
    for cluster in manifest["clusters"]:
        folder = target / cluster["cluster_id"]
        folder.mkdir(parents=True, exist_ok=True)
        for n, article in enumerate(cluster["articles"], start=1):
            source = data / CORPUS / article["file"]
            shutil.copyfile(source, folder / f"{n:02d}_{source.name}")
            articles += 1
    return len(manifest["clusters"]), articles


def time_batch(corpus: Path, output: Path, extra: list[str]) -> float:
    command = [sys.executable, "-m", "factcheck", "batch", str(corpus), "-o", str(output), *extra]
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, cwd=REPO, env={**os.environ, "NO_COLOR": "1"})
    seconds = time.perf_counter() - started
    if result.returncode not in (0, 2):  # 2: some story could not be compared (counted below)
        sys.exit(f"batch failed ({result.returncode}): {result.stderr.decode().strip()}")
    return seconds


def outcome(output: Path, corpus: Path) -> tuple[int, int, str]:
    """Ok and error records, and a digest of the file (every setting must write the same bytes).

    The records name their articles' paths: the digest reads the corpus folder as ``<corpus>``, so that
    it does not change with the temporary folder of each invocation and can be compared across runs.
    """
    content = output.read_bytes()
    lines = content.splitlines()
    errors = sum(json.loads(line)["status"] == "error" for line in lines)
    for spelling in {str(corpus), json.dumps(str(corpus))[1:-1]}:
        content = content.replace(spelling.encode(), b"<corpus>")
    return len(lines) - errors, errors, hashlib.sha256(content).hexdigest()[:12]


def machine() -> str:
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        f"python {platform.python_version()}, {platform.platform()}, nproc {os.cpu_count()}, usable {usable}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dask", action="store_true", help="also time --engine dask (a LocalCluster)")
    parser.add_argument("--data")
    parser.add_argument("--corpus", help="build the story folders here (default: a temporary folder)")
    args = parser.parse_args()

    data = data_dir(args.data)
    if not (data / CORPUS / "manifest.json").exists():
        sys.exit(f"{data / CORPUS}/manifest.json not found; pass --data or set FACTCHECK_DATA")
    with tempfile.TemporaryDirectory(prefix="factcheck-batch-") as scratch:
        corpus = Path(args.corpus) if args.corpus else Path(scratch) / "corpus"
        if corpus.resolve().is_relative_to(REPO):
            sys.exit("--corpus must be outside the repository (the news texts are not ours to commit)")
        stories, articles = build_corpus(data, corpus)
        settings = [(f"local --jobs {j}", ["--jobs", str(j)]) for j in args.jobs]
        if args.dask:
            settings += [(f"dask --jobs {j}", ["--engine", "dask", "--jobs", str(j)]) for j in args.jobs]
        print(machine())
        print(f"corpus: {stories} stories, {articles} articles ({CORPUS}), {args.runs} runs each\n")
        print(f"{'setting':<18} {'ok':>4} {'errors':>6} {'median s':>9} {'stories/s':>10}  output sha256")
        for name, extra in settings:
            output = Path(scratch) / f"{name.replace(' ', '_')}.jsonl"
            seconds = statistics.median(time_batch(corpus, output, extra) for _ in range(args.runs))
            ok, errors, digest = outcome(output, corpus)
            print(f"{name:<18} {ok:>4} {errors:>6} {seconds:>9.2f} {stories / seconds:>10.1f}  {digest}")
        command = " ".join(["python", "benchmarks/batch_throughput.py", *sys.argv[1:]])
        print(f"\ncommand: {command}")


if __name__ == "__main__":
    main()
