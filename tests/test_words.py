"""The precomputed stem table (factcheck/data/stems.txt) must say what the stemmer says."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.words import IRREGULAR, _stem_table, fold_accents, snowball_stem, stem

STEMS = Path(__file__).resolve().parents[1] / "factcheck" / "data" / "stems.txt"


def test_every_table_entry_is_the_snowball_stem() -> None:
    table = _stem_table()
    assert len(table) > 1000
    wrong = {word: known for word, known in table.items() if snowball_stem(word) != known}
    assert not wrong, f"stale entries (rerun evals/build_stems.py): {sorted(wrong.items())[:10]}"


def test_the_table_file_parses_to_every_line() -> None:
    """Each word of the file is read, in both parts (own stems, then word and stem pairs)."""
    text = STEMS.read_text(encoding="utf-8")
    _, _, body = text.partition("\n\n")
    own, separator, pairs = body.partition("\n%%\n")
    assert separator
    rows = [line.split("\t") for line in pairs.splitlines()]
    assert all(len(row) == 2 for row in rows)
    own_words = own.split()
    assert not set(own_words) & {word for word, _ in rows}
    assert len(_stem_table()) == len(own_words) + len(rows)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("seized", "seiz"),
        ("seizure", "seiz"),  # irregular form first
        ("withdrew", "withdraw"),
        ("jiménez", "jimenez"),  # accents folded before the lookup
        ("rebels", "rebel"),
        ("zyxwvutsrq", "zyxwvutsrq"),  # not in the table: the stemmer
        ("running", "run"),
    ],
)
def test_stem_keeps_its_behaviour(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_stem_equals_the_stemmer_on_irregular_and_accented_words() -> None:
    samples = [*IRREGULAR, "jiménez", "façade", "naïve", "Über", "attacks", "attacked", "killings", "-"]
    for word in samples:
        folded = word if word.isascii() else fold_accents(word)
        assert stem(word) == snowball_stem(IRREGULAR.get(folded, folded)), word
