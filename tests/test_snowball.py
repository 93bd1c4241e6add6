"""factcheck.snowball must stem every word as NLTK's English Snowball stemmer does."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from nltk.stem.snowball import SnowballStemmer

import factcheck
from factcheck import snowball
from factcheck.words import TOKEN

PACKAGE = Path(factcheck.__file__).parent
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
NLTK = SnowballStemmer("english")

# Endings that reach every step of the algorithm, and its special cases.
ENDINGS = (
    "s", "es", "ies", "ied", "sses", "us", "ss", "'s", "'", "’s", "ed", "eed", "eedly", "ing", "ingly", "edly",
    "ly", "li", "y", "ness", "ful", "fulness", "ization", "izer", "ational", "tional", "ation", "ator",
    "alism", "aliti", "alli", "ousli", "ousness", "iveness", "iviti", "biliti", "bli", "logi", "ogi",
    "fulli", "lessli", "entli", "enci", "anci", "abli", "alize", "icate", "iciti", "ical", "ative",
    "ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous", "ive",
    "ize", "ion", "sion", "tion", "al", "er", "ic", "e", "l", "ll",
)  # fmt: skip


def _words_of_the_package_and_fixtures() -> set[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted((PACKAGE / "data").glob("*.txt"))]
    texts += [path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*.txt"))]
    return {word.lower() for text in texts for word in TOKEN.findall(text)}


def test_every_word_of_the_data_and_fixtures_stems_as_nltk_does() -> None:
    words = _words_of_the_package_and_fixtures()
    assert len(words) > 10_000
    assert [w for w in sorted(words) if snowball.stem(w) != NLTK.stem(w)] == []


def test_the_words_with_every_ending_stem_as_nltk_does() -> None:
    bases = sorted(_words_of_the_package_and_fixtures())[::7]
    words = {base + ending for base in bases for ending in ENDINGS}
    assert [w for w in sorted(words) if snowball.stem(w) != NLTK.stem(w)] == []


@pytest.mark.parametrize("seed", range(3))
def test_made_up_words_stem_as_nltk_does(seed: int) -> None:
    # Short words over a few letters, vowels and 'y' among them: every region and step boundary.
    rng = random.Random(seed)
    letters = "aeiouybcdglmnrstwx'’"
    words = {"".join(rng.choice(letters) for _ in range(rng.randint(1, 12))) for _ in range(20_000)}
    words |= {rng.choice(["gener", "commun", "arsen", "y", "'"]) + w for w in list(words)[:3000]}
    assert [w for w in sorted(words) if snowball.stem(w) != NLTK.stem(w)] == []


def test_upper_case_and_special_words() -> None:
    for word in (
        "Skies",
        "DYING",
        "news",
        "Proceeding",
        "yearly",
        "ay",
        "a",
        "",
        "Ärger",
        "naïveté",
        "ΣΑΣ",
        "ΟΔΥΣΣΕΥΣ",
    ):
        assert snowball.stem(word) == NLTK.stem(word)
