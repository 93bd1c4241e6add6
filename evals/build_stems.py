"""Build factcheck/data/stems.txt: Snowball stems of common words, looked up before running the stemmer.

Usage: .venv/bin/python evals/build_stems.py [--min-df 5] [--out factcheck/data/stems.txt]

A fresh ``factcheck compare`` stems about 800 distinct words, at ~7 µs each in NLTK's Snowball stemmer;
a table lookup costs a fraction of that, and loading the table (whole-file splits, ~0.2 µs a word)
is cheaper than the stemming it saves. ``factcheck.words.stem`` consults the table, and falls back to
``snowball_stem`` for any word not in it, so the table changes no result (tests/test_words.py checks
every entry against ``snowball_stem``).

The words come from the repository only: the background IDF list's stems seen in at least
``--min-df`` sentences, each read as a word (most frequent stems are words too: "attack", "rebel"); the
word lists of ``factcheck/data`` (common words, synonyms, actions, actors, the gazetteer's names); the
stop words and irregular forms of ``factcheck.words``; and the fixtures' words. Every word is keyed as
``stem`` sees it: lower-cased, accents folded, irregular forms mapped. Output is deterministic.

Sizes: on 27 corpus article pairs (not the fixtures), the table answers 77 % of the stemmer calls
of a cold comparison with ``--min-df 5`` (6.5k words) and 79 % with every IDF stem (11.6k words, 1 ms
more to load); generated inflections ("attacks", "attacked") added 3-12 points for 2-5x the size.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from common import REPO_ROOT

from factcheck.words import IRREGULAR, STOPWORDS, fold_accents, snowball_stem, words

DATA = REPO_ROOT / "factcheck" / "data"
HEADER = """\
# factcheck Snowball stems: word, or word and stem; built by evals/build_stems.py; do not edit by hand.
# First the words that are their own stem (space-separated), then, after a line %%, one
# "word<TAB>stem" per line. factcheck.words.stem looks a word up here before calling the stemmer.
"""
SEPARATOR = "%%"
_SPACE = re.compile(r"\s")


def _data_words(name: str) -> list[str]:
    """The words of a data file, comments left out; names, forms and labels split into words."""
    text = (DATA / name).read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    return words(body.replace("|", " ").replace("_", " "))


def _background_stems(min_df: int) -> list[str]:
    """The stems of the background IDF list seen in at least ``min_df`` sentences."""
    text = (DATA / "idf.txt").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return [stem for stem, count in rows if stem != "documents" and int(count) >= min_df]


def _keyed(word: str) -> str:
    """A word as ``stem`` looks it up: accents folded, irregular forms mapped."""
    word = word if word.isascii() else fold_accents(word)
    return IRREGULAR.get(word, word)


def listed_words(min_df: int) -> set[str]:
    """The words to put in the table, as ``stem`` receives them."""
    found = list(_background_stems(min_df))
    for name in ("common_words.txt", "synonyms.txt", "actions.txt", "actors.txt", "gazetteer.txt"):
        found.extend(_data_words(name))
    found.extend(STOPWORDS)
    found.extend(IRREGULAR.values())
    for path in sorted((REPO_ROOT / "fixtures").iterdir()):
        found.extend(words(path.read_text(encoding="utf-8")))
    # alignment stems each part of a hyphenated word
    keyed = {_keyed(part) for word in found for part in word.split("-")}
    return {w for w in keyed if w and w != SEPARATOR and not _SPACE.search(w)}


def table(min_df: int) -> dict[str, str]:
    """Word -> its Snowball stem, in word order."""
    return {word: snowball_stem(word) for word in sorted(listed_words(min_df))}


def render(entries: dict[str, str]) -> str:
    same = [word for word, stem in entries.items() if word == stem]
    other = [(word, stem) for word, stem in entries.items() if word != stem]
    lines = [HEADER]  # ends with a newline: a blank line after the comment
    line: list[str] = []
    for word in same:  # wrapped at about 100 characters
        if line and sum(len(w) + 1 for w in line) + len(word) > 100:
            lines.append(" ".join(line))
            line = []
        line.append(word)
    if line:
        lines.append(" ".join(line))
    lines.append(SEPARATOR)
    lines += [f"{word}\t{stem}" for word, stem in other]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA / "stems.txt")
    parser.add_argument(
        "--min-df", type=int, default=5, help="IDF stems seen in fewer sentences are left out"
    )
    args = parser.parse_args(argv)
    entries = table(args.min_df)
    args.out.write_text(render(entries), encoding="utf-8")
    same = sum(1 for word, stem in entries.items() if word == stem)
    print(f"{len(entries)} words ({same} their own stem, {len(entries) - same} not); wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
