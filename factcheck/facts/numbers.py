"""Numbers written in digits or words, and the one cheap pass over a sentence.

``parse_number`` turns "four", "one hundred and twenty", "twenty-eight",
"a dozen", "1,300", "2.5" or "1.8 billion" into a number. The regex fragments
here (``DIGITS``, ``WORD_NUMBER``) are shared by the quantity and date
extractors so both agree on what a number looks like.

``scan`` prepares a sentence once for every extractor: a lower-cased copy, its
set of words and where its digits are. Python's regex engine tries a pattern
at every position of the text, and a pattern that starts with an alternation
of words is slow there; so each extractor checks the word set for its cue
words first and runs its patterns only at (or around) the places they occur.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from factcheck.casing import lower_case


def word_set(words: str) -> frozenset[str]:
    """A frozenset from whitespace-separated words (keeps long word lists readable)."""
    return frozenset(words.split())


ONES = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
# Abbreviated scales as in "$10m", "$1.8bn", "5k".
SHORT_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "b": 10**9, "bn": 10**9, "tn": 10**12}
NUMBER_WORDS = frozenset([*ONES, *SCALES]) | word_set(
    "dozen dozens hundreds thousands millions billions scores tens"
)

# Thousands separators only in groups of three so "2,3" (a list) is two numbers. Besides the comma, the
# spaces that typesetting puts there ("1 500" with a no-break, narrow no-break or thin space: SI style, UN and
# European reports, translations); a plain space is not one ("10 100-metre runners" are ten).
THOUSANDS_SPACES = "\u00a0\u202f\u2009"
DIGITS = rf"\d{{1,3}}(?:[,{THOUSANDS_SPACES}]\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NO_SEPARATORS = str.maketrans(dict.fromkeys("," + THOUSANDS_SPACES))
_ATOM = ATOM = "|".join(sorted([*ONES, *SCALES, "dozen"], key=len, reverse=True))
# "and" may only follow a scale word ("one hundred and twenty"), so "four and five" stays two numbers.
WORD_NUMBER = (
    rf"(?:(?:a|an)\s+(?=(?:dozen|{'|'.join(SCALES)})\b))?(?:{_ATOM})"
    rf"(?:(?:(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion))\s+and\s+|[\s-]+)(?:{_ATOM}))*\b"
)

_SPLIT = re.compile(r"[\s-]+")
# Splits a run of number words ("twenty-eight", "two hundred") into its words.
NUMBER_SPLIT = _SPLIT
# "10m" -> "10 m": a scale glued to its digits.
_GLUED_SCALE = re.compile(r"(?<=\d)(?=[a-z])")
_DIGIT_RE = re.compile(rf"^(?:{DIGITS})$")
# Punctuation that may stick to a word ("civilians," "“No") becomes a space before splitting.
# (A regex substitution: str.translate looks each character up in a dict once the text is not ASCII.)
_PUNCTUATION = re.compile("[" + re.escape(",.;:!?\"“”‘’'()[]{}—–-/%$€£¥&*…") + "]")
_DIGIT = re.compile(r"[0-9]")
_DIGIT_RUN = re.compile(rf"[0-9](?:[0-9,.]|[{THOUSANDS_SPACES}](?=[0-9]{{3}}))*")
_ASCII_LOWER = str.maketrans({chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})


class Scan(NamedTuple):
    """One sentence, prepared once for every extractor (a NamedTuple: cheaper to build than a dataclass)."""

    text: str
    lower: str  # same length as ``text``, so offsets found in one are valid in the other
    words: frozenset[str]  # lower-cased, punctuation stripped
    # Spans of "1,300", "2.5", "2025" (maybe with a trailing "," or ".").
    digit_runs: tuple[tuple[int, int], ...]
    folded: str  # see ``caseless``


def scan(text: str) -> Scan:
    lower = lower_case(text)
    if len(lower) != len(text):  # "İ".lower() is two characters; keep offsets aligned
        lower = text.translate(_ASCII_LOWER)
    words = frozenset(_PUNCTUATION.sub(" ", lower).split())
    runs = tuple(m.span() for m in _DIGIT_RUN.finditer(text)) if _DIGIT.search(text) else ()
    return Scan(text, lower, words, runs, caseless(text, lower))


# The only characters besides A-Z that ``re.IGNORECASE`` matches to an ASCII letter and ``str.lower``
# does not lower to one (K, the Kelvin sign, lowers to "k").
_ODD_CASE = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})


def caseless(text: str, lower: str | None = None) -> str:
    """``text`` lower-cased so that a cue test is safe: wherever a pattern of ASCII words matches ``text``
    under ``re.IGNORECASE``, its lower-case form is a substring of this string, at the same offset.

    ``lower`` is ``text.lower()`` when the caller has it.
    """
    if "İ" in text or "ı" in text or "ſ" in text:
        return lower_case(text.translate(_ODD_CASE))
    return lower_case(text) if lower is None else lower


def word_positions(lower: str, words: frozenset[str]) -> list[int]:
    """Sorted starts of every whole-word occurrence of ``words`` in ``lower`` (str.find, not a regex)."""
    positions = []
    size = len(lower)
    for word in words:
        at = lower.find(word)
        while at >= 0:
            after = at + len(word)
            if (at == 0 or not lower[at - 1].isalnum()) and (after == size or not lower[after].isalnum()):
                positions.append(at)
            at = lower.find(word, after)
    positions.sort()
    return positions


def to_number(value: Decimal) -> int | float:
    """An int when the value is integral (300, not 300.0), else a float."""
    return int(value) if value == value.to_integral_value() else float(value)


def parse_number(words: str) -> int | float | None:
    """Read a number written in digits, words or both; None when it is not one.

    >>> parse_number("one hundred and twenty"), parse_number("1,300"), parse_number("$1.8 billion")
    (120, 1300, 1800000000)
    """
    parsed = parse_decimal(words)
    return None if parsed is None else to_number(parsed)


# No figure a news story states runs to 100 digits (a googol has 101): a longer run is an ID, a code or noise.
# Read as a number it would break what follows: float() refuses 309 digits, int() and str() 4,300.
MAX_DIGITS = 100
_TOO_LARGE = Decimal(10) ** MAX_DIGITS


def plain_digits(digits: str) -> str:
    """``digits`` without thousands separators: "1,500" and "1\u00a0500" -> "1500"."""
    return digits.translate(_NO_SEPARATORS)


def parse_digits(digits: str, scale: int = 1) -> int | float | None:
    """("1,300") -> 1300, ("2.5") -> 2.5, ("1.8", 10**9) -> 1800000000: the fast path for digits. None for
    a run of more than ``MAX_DIGITS`` digits."""
    plain = plain_digits(digits)
    if len(plain) > MAX_DIGITS:
        return None
    if plain.isdigit():
        return int(plain) * scale
    parsed = _decimal(plain)
    return None if parsed is None else to_number(parsed * scale)


def parse_decimal(words: str) -> Decimal | None:
    """Like ``parse_number`` but exact: Decimal keeps "1.8 billion" from becoming 1800000000.0000002. None
    for a value of ``MAX_DIGITS`` digits or more."""
    text = _GLUED_SCALE.sub(" ", lower_case(words.strip()).lstrip("$€£"))
    parts = [p for p in _SPLIT.split(text) if p and p != "and"]
    if not parts:
        return None
    total = Decimal(0)
    current: Decimal | None = None
    for part in parts:
        if part in ("a", "an") and current is None:
            current = Decimal(1)
        elif _DIGIT_RE.match(part):
            current = _add(current, _decimal(plain_digits(part)))
        elif part in ONES:
            current = _add(current, Decimal(ONES[part]))
        elif part == "dozen":
            current = (current or Decimal(1)) * 12
        elif part == "hundred":
            current = (current or Decimal(1)) * 100
        elif part in SCALES or part in SHORT_SCALES:
            total += (current or Decimal(1)) * (SCALES.get(part) or SHORT_SCALES[part])
            current = None
        else:
            return None
    value = total + (current or Decimal(0))
    return value if abs(value) < _TOO_LARGE else None


def _add(current: Decimal | None, value: Decimal | None) -> Decimal | None:
    if value is None:
        return current
    return value if current is None else current + value


def _decimal(digits: str) -> Decimal | None:
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


# Time zones written after a clock time ("0835 GMT", "6 p.m. EDT"): neither counts nor names.
TIME_ZONES = frozenset(
    [
        "GMT",
        "UTC",
        "BST",
        "CET",
        "CEST",
        "EET",
        "EEST",
        "WET",
        "MSK",
        "IST",
        "PKT",
        "JST",
        "KST",
        "HKT",
        "SGT",
        "AEST",
        "AEDT",
        "ACST",
        "AWST",
        "NZST",
        "NZDT",
        "EST",
        "EDT",
        "CST",
        "CDT",
        "MST",
        "MDT",
        "PST",
        "PDT",
        "AKST",
        "HST",
    ]
)
