"""Build factcheck/data/idf.txt: sentence frequencies of content-word stems in public news text.

Usage: .venv/bin/python evals/build_idf.py [--min-df 2] [--out factcheck/data/idf.txt]

Documents are sentences (alignment compares sentences, so a word's rarity among sentences is what
makes sharing it informative): every sentence of every article of ``multi_source_news`` (split by
factcheck's own splitter) and every distinct sentence of the MRPC TRAIN split (never test). A
document counts a stem once. Only stems (``factcheck.words.content_stems``) and their counts are
written, never text; stems seen in fewer than ``--min-df`` sentences are left out (the library
treats an unlisted stem as seen in none, i.e. as rare as possible). Output is deterministic.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from common import REPO_ROOT, data_dir, read_mrpc, require

from factcheck import split_sentences
from factcheck.words import content_stems

HEADER = "# factcheck background document frequencies; built by evals/build_idf.py; do not edit by hand"


def news_sentences() -> list[str]:
    root = require(data_dir() / "multi_source_news")
    manifest = json.loads(require(root / "manifest.json").read_text(encoding="utf-8"))
    sentences: list[str] = []
    for cluster in manifest["clusters"]:
        for article in cluster["articles"]:
            text = (root / article["file"]).read_text(encoding="utf-8")
            sentences.extend(split_sentences(text))
    return sentences


def mrpc_train_sentences() -> list[str]:
    unique: dict[str, None] = {}
    for pair in read_mrpc("train"):
        unique[pair.s1] = None
        unique[pair.s2] = None
    return list(unique)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-df", type=int, default=2)
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "factcheck" / "data" / "idf.txt")
    args = parser.parse_args(argv)

    documents = news_sentences() + mrpc_train_sentences()
    frequency: Counter[str] = Counter()
    for sentence in documents:
        frequency.update(set(content_stems(sentence)))
    kept = sorted((stem, n) for stem, n in frequency.items() if n >= args.min_df and "\t" not in stem)
    lines = [HEADER, f"documents\t{len(documents)}", *(f"{stem}\t{n}" for stem, n in kept)]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(documents)} sentences, {len(frequency)} stems, {len(kept)} written (df >= {args.min_df})")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
