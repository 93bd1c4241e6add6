"""Word-level normalisation shared by alignment and judging.

Content words are lower-cased, stripped of possessives, stemmed with NLTK's
Snowball stemmer (ported to ``factcheck/snowball.py``; no data needed) after mapping irregular forms
("withdrew" -> "withdraw", "seizure" -> "seize"), and stop words are dropped,
so that "rebels seized Saraqib" and "the seizure of Saraqib by rebels" share
their content.
"""

from __future__ import annotations

import pkgutil
import re
import unicodedata
from functools import cache, lru_cache

from factcheck import snowball
from factcheck.casing import lower_case

TOKEN = re.compile(r"[^\W_]+(?:[-'’.,][^\W_]+)*", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s$")

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "s",
        "t",
        "said",
        "says",
        "say",
        "according",
        "also",
        "would",
        "could",
        "may",
        "might",
        "must",
        "shall",
        "will",
        "just",
        "now",
        "ago",
        "since",
        "amid",
        "via",
        "per",
        "among",
        "upon",
        "within",
        "without",
    ]
)

# Forms Snowball cannot bring together with their base; news verbs first.
IRREGULAR = {
    "withdrew": "withdraw",
    "withdrawn": "withdraw",
    "withdrawal": "withdraw",
    "seizure": "seize",
    "took": "take",
    "taken": "take",
    "fell": "fall",
    "fallen": "fall",
    "held": "hold",
    "led": "lead",
    "began": "begin",
    "begun": "begin",
    "fought": "fight",
    "struck": "strike",
    "shot": "shoot",
    "killings": "kill",
    "dead": "death",
    "died": "death",
    "die": "death",
    "dies": "death",
    "deaths": "death",
    "children": "child",
    "men": "man",
    "women": "woman",
    "people": "person",
    "persons": "person",
    "bought": "buy",
    "sold": "sell",
    "told": "tell",
    "won": "win",
    "lost": "lose",
    "loss": "lose",
    "gave": "give",
    "given": "give",
    "went": "go",
    "gone": "go",
    "came": "come",
    "met": "meet",
    "left": "leave",
    "brought": "bring",
    "thought": "think",
    "sought": "seek",
    "caught": "catch",
    "spoke": "speak",
    "spoken": "speak",
    "wrote": "write",
    "written": "write",
    "chose": "choose",
    "chosen": "choose",
    "rose": "rise",
    "risen": "rise",
    "fled": "flee",
    "hit": "hit",
    "overran": "overrun",
}


@cache
def stem(word: str) -> str:
    """Stem of a lower-cased word, cached: Snowball costs about 10 µs a call.

    Accents are folded first: outlets spell one name "Jiménez" and "Jimenez". A word of the precomputed
    table (``factcheck/data/stems.txt``, Snowball's own stems) is looked up instead of stemmed again.
    """
    if not word.isascii():
        word = fold_accents(word)
    return known_stem(IRREGULAR.get(word, word))


def known_stem(word: str) -> str:
    """Snowball's stem of ``word`` exactly: from the precomputed table when it lists the word."""
    known = _stem_table().get(word)
    return known if known is not None else snowball_stem(word)


def snowball_stem(word: str) -> str:
    """NLTK's English Snowball stem of ``word``, as is: no accent folding, no irregular forms, no cache.
    (NLTK's stemmer ported, ``factcheck/snowball.py``, so that it can be compiled.)"""
    return snowball.stem(word)


@lru_cache(maxsize=1)
def _stem_table() -> dict[str, str]:
    """Word -> Snowball stem for common words (factcheck/data/stems.txt, built by evals/build_stems.py).

    The file is a comment, a blank line, the words that are their own stem, a line ``%%``, then word and
    stem pairs; it is read with whole-file splits, not line by line: this runs at every CLI start.
    """
    data = pkgutil.get_data("factcheck", "data/stems.txt")
    if data is None:  # pragma: no cover - a package without its data files
        return {}
    _, _, body = data.decode("utf-8").partition("\n\n")
    own, _, pairs = body.partition("\n%%\n")
    same = own.split()
    table = dict(zip(same, same, strict=True))
    cells = pairs.split()
    table.update(zip(cells[::2], cells[1::2], strict=True))
    return table


def fold_accents(text: str) -> str:
    """ "Jiménez" -> "Jimenez": letters without their accents (other characters kept)."""
    if text.isascii():  # nothing to fold, and most names are ASCII: skip the Unicode decomposition
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """Lower-cased word tokens, possessives removed."""
    # Most tokens have no apostrophe, and most texts none either: a test on the whole text spares the
    # test per token, which spares a regex substitution per token.
    lowered = lower_case(text)
    tokens = TOKEN.findall(lowered)
    if "'" not in lowered and "’" not in lowered:
        return tokens
    return [_POSSESSIVE.sub("", token) if "'" in token or "’" in token else token for token in tokens]


def is_content(word: str) -> bool:
    """A content word: not a stop word, not a single letter."""
    return word not in STOPWORDS and not (len(word) == 1 and word.isalpha())


def content_stems(text: str) -> list[str]:
    """Stems of the content words, in order, stop words dropped."""
    return [stem(w) for w in words(text) if is_content(w)]
