"""Quantities: counts, money and percentages, with what they count.

A quantity fact's ``text`` runs from its qualifier to its counted noun ("over
300 deaths", "100 government soldiers", "$10 million"), so a report can quote
it whole. Its fields:

- ``value``: the number, an int when integral; scales are applied ("$1.8
  billion" -> 1800000000, "$10m" -> 10000000).
- ``unit``: the counted noun as written, lower-cased ("deaths", "soldiers" for
  "government soldiers"); "USD"/"EUR"/"GBP"/... for money; "%" for percent;
  None when nothing is counted.
- ``key``: what two counts must share to be compared: the Snowball stem of the
  singular head noun ("death", "civilian", "soldier"), merged for near-synonyms
  ("people"/"persons" -> "peopl", "dead"/"killed"/"fatalities" -> "death",
  "troops" -> "soldier", "wounded" -> "injur"), "money:USD", "percent", or ""
  when unknown.
- ``label``: for a count of people, what befell them when a verb next to it
  says: "death" ("killing three people", "three people were killed") or
  "injur" ("five people were wounded"); None otherwise.
- ``qualifier``: the normalised bound word ("over", "more than", "about", "up
  to", "or more", ...) or, for vague amounts, the amount phrase itself.

Vague amounts ("dozens", "hundreds", "thousands of families", "tens of
thousands", "several hundred") get their floor as ``value`` (dozens=24,
scores=40, hundreds=200, thousands=2000, tens of thousands=20000, several
hundred=200) and the lower-cased amount phrase as ``qualifier`` ("thousands"),
for which ``qualifier_kind`` answers "vague".

A number with no noun of its own that goes on with a preposition ("over 300
deaths, including 183 from HTS") counts what the previous count in the same
sentence counted: it inherits that quantity's unit and key.

Durations ("two weeks", "a decade", "14 days") are counted in days under the
one key "duration", so "two weeks" agrees with "14 days" and "a decade" differs
from "two decades". Ranks ("second-largest", "the largest", "3rd-biggest") are
quantities keyed "rank:<superlative>" with the position as value, so
"Syria's second-largest city" conflicts with "its third-largest city".

Not quantities: bare ordinals ("third", "21st"), model names ("F-16"), times
("10:30"), a pronoun "one" ("no one", "one of them").
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from factcheck.casing import lower_case
from factcheck.facts.numbers import (
    ATOM,
    DIGITS,
    MAX_DIGITS,
    NUMBER_SPLIT,
    NUMBER_WORDS,
    ONES,
    SCALES,
    SHORT_SCALES,
    TIME_ZONES,
    WORD_NUMBER,
    Scan,
    parse_decimal,
    parse_digits,
    parse_number,
    scan,
    to_number,
    word_positions,
    word_set,
)
from factcheck.model import Fact
from factcheck.words import known_stem

# Qualifier phrase -> the kind of bound it sets (used by ``qualifier_kind``).
QUALIFIERS: dict[str, str] = {
    "over": "min",
    "more than": "min",
    "at least": "min",
    "upwards of": "min",
    "in excess of": "min",
    "above": "min",
    "no fewer than": "min",
    "no less than": "min",
    "just over": "min",
    "well over": "min",
    "or more": "min",
    "plus": "min",
    "under": "max",
    "less than": "max",
    "fewer than": "max",
    "at most": "max",
    "up to": "max",
    "no more than": "max",
    "below": "max",
    "just under": "max",
    "as many as": "max",
    "about": "approx",
    "around": "approx",
    "nearly": "approx",
    "almost": "approx",
    "roughly": "approx",
    "approximately": "approx",
    "some": "approx",
    "an estimated": "approx",
    "estimated": "approx",
    "close to": "approx",
}
# Vague amount -> its floor.
VAGUE: dict[str, int] = {
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2_000,
    "millions": 2_000_000,
    "billions": 2_000_000_000,
    "tens of thousands": 20_000,
    "tens of millions": 20_000_000,
    "hundreds of thousands": 200_000,
    "hundreds of millions": 200_000_000,
}
# "several hundred", "a few thousand": vague, with twice the scale as floor.
FEW = ("several", "a few", "a couple of")

CURRENCIES = {
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "a$": "AUD",
    "c$": "CAD",
    "hk$": "HKD",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "¥": "JPY",
}
# Counted nouns that name a currency ("10 million dollars").
CURRENCY_NOUNS = {"dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR"}

# Stem -> shared key for counted nouns that mean the same count.
KEY_SYNONYMS = {
    "person": "peopl",
    "individu": "peopl",
    "dead": "death",
    "kill": "death",
    "fatal": "death",
    "live": "death",  # "claimed 300 lives"
    "troop": "soldier",
    "wound": "injur",
    "children": "child",
    "kid": "child",
    "men": "man",
    "women": "woman",
    "kilometr": "km",
    "kilomet": "km",
    "min": "minut",
    "hr": "hour",
    "yr": "year",
}
# Plurals that do not end in "s" (a year followed by one of these is a count, not a date).
IRREGULAR_PLURALS = word_set("people men women children police personnel dead killed wounded injured staff")
UNIT_ABBREVIATIONS = word_set("km kg mph kph mw gw kw ha sq bpd cm mm ft")
# Words that end a counted-noun phrase: function words, auxiliaries, adverbs, common verbs.
UNIT_STOP = word_set(
    """a an the this that these those his her its their our my your of in on at to from by with for about over
    under into onto through after before during since until as than and or but nor so yet if when while where which
    who whom whose what how why is are was were be been being am has have had do does did will would shall should
    can could may might must not no also only just still even already now then ago later earlier more less most
    least each per including include includes included such other others another same very all both some any many
    much few several own between among against across around along amid despite without within via toward towards
    upon up down out off near it they he she we you i them him us there here said says say reported according
    times percent cent plus alone apiece respectively instead again ever too
    fell rose left went came saw took got made held began fought ran won lost met die flee face remain live fight
    need wait stand"""
)
# Participles that are themselves what is counted ("300 killed", "10 wounded").
COUNT_PARTICIPLES = word_set(
    """killed wounded injured dead missing detained arrested displaced captured kidnapped abducted executed
    evacuated rescued hospitalised hospitalized infected jailed imprisoned"""
)
# What befell a count of people, when a verb right next to it says (``label`` "death" or "injur"): "killing
# three people", "three people were killed", "left three people dead" / "injuring five people", "five people
# had been wounded". The judge then never sets a toll of the dead against one of the injured; people whose fate
# is not read ("2.5 million people fled", "seven people were shot dead") keep no label and are compared with
# every count of people, as before. A verb joined to another ("killed or injured 100 people", "dead or
# missing") names no single fate. Bare and infinitive forms ("threatened to kill", "malaria kills") and
# "hurt" before a count ("will hurt 50,000 people") are left out: they rarely report a toll.
CASUALTY_BEFORE = {"killed": "death", "killing": "death", "injured": "injur", "injuring": "injur",
                   "wounded": "injur", "wounding": "injur"}  # fmt: skip
CASUALTY_AFTER = {"killed": "death", "died": "death", "dead": "death", "injured": "injur", "wounded": "injur",
                  "hurt": "injur"}  # fmt: skip
_FATES = "killed|killing|kill|died|dead|injured|injuring|wounded|wounding|hurt|missing"
_CASUALTY_BEFORE = re.compile(rf"\b({'|'.join(CASUALTY_BEFORE)})\s+$")
_CASUALTY_AFTER = re.compile(
    r"(?:\s+(?:were|was|are|is|have|has|had|been|being|also|reportedly|all|later|now))*"
    rf"\s+({'|'.join(CASUALTY_AFTER)})\b(?!,?\s+(?:or|and)\s+(?:{_FATES})\b)"
)
_JOINED_FATE_BEFORE = re.compile(rf"\b(?:{_FATES}),?\s+(?:or|and)\s+$")
_INHERIT_AFTER = word_set("from in among of on at belonging")
_WORD_SPAN = re.compile(r"\S+")
# A bare figure set against a count counts the same thing: "compared to 47", "up from 12", "versus 9".
_COMPARED_BEFORE = re.compile(r"\b(?:compared (?:to|with)|versus|vs\.?|up from|down from)\s+$")
_NOT_ONE_AFTER = word_set("no any every each the which that this someone anyone")


# Both patterns are matched at an anchor (a digit run or a number word found cheaply), never tried at every
# position of the sentence: see ``numbers.scan``.
_SUFFIX = r"(?P<pct>\s?%|\s(?:percent|per\s+cent)\b)?(?P<plus>\+|-plus\b|\s+or\s+more\b)?"
_NUMBER_AT = re.compile(
    rf"(?P<digits>{DIGITS})(?![.,]\d)(?:[\s-]?(?P<dscale>{'|'.join(SCALES)}|bn|mn|tn|m|b|k)\b)?(?![\w:/]){_SUFFIX}",
    re.IGNORECASE,
)
# Matched on the lower-cased sentence.
_WORDS_AT = re.compile(
    r"(?:(?P<vague>(?:tens|hundreds)\s+of\s+(?:thousands|millions)|dozens|hundreds|thousands|millions|billions"
    rf"|scores(?=\s+of\b))\b|(?P<words>{WORD_NUMBER})){_SUFFIX}"
)
# One number word alone: the first of two that do not make one number ("six two-year").
_ONE_WORD_AT = re.compile(rf"(?P<words>{ATOM})\b{_SUFFIX}")
_CURRENCY_CODES = frozenset({"USD", "EUR", "GBP"})
_SCALE_WORDS = frozenset([*SCALES, "dozen"])
_QUALIFIER_SIZE = {q: len(q.split()) for q in QUALIFIERS if q not in ("or more", "plus")}
_QUALIFIER_ENDS = frozenset(q.rsplit(" ", 1)[-1] for q in _QUALIFIER_SIZE)
# One word after spaces; hyphenated words ("year-old") stay whole.
_NEXT_WORD = re.compile(r"[ \t\u00a0]+([^\W\d_][^\W_]*(?:['’-][^\W\d_]+)*)")
_HYPHEN_WORD = re.compile(r"-([^\W\d_]+)")
_AGE_SUFFIX = re.compile(r"-olds?\b", re.IGNORECASE)
_PREV_WORD = re.compile(r"([^\W\d_]+)\W*$")
_SPACES = re.compile(r"\s+")
# A clock time: "5 p.m.", "5pm", "0835 GMT", "6 p.m. EDT". Matched after the digits.
_TIME_OF_DAY = re.compile(rf"(?:[:.]\d\d)?(?:\s?(?i:[ap]\.m\b\.?|[ap]m\b)|\s(?:{'|'.join(TIME_ZONES)})\b)")
# "$US14.10", "$A5": the country letters after the dollar sign (Australian and Asian style).
_DOLLAR_PREFIX = re.compile(r"(?<![\w$])\$(US|A|C|HK)$")
_NUMBER_LABEL = re.compile(r"(?:\bno\.|\bnumber|\bnos\.|#)\s*$")
# Dimensions: "four-by-four car", "2-by-4": neither figure counts anything.
_DIMENSION_AFTER = re.compile(r"-by-")
_DIMENSION_BEFORE = re.compile(r"\w-by-$")
# Odds and shares: "1 in 3", "one-in-three", "one in five".
_ODDS = re.compile(rf"([\s-])in[\s-](?P<of>\d{{1,3}}(?:,\d{{3}})*(?![\d.])|{WORD_NUMBER}\b)")
# The second term of a pair, which a hyphen before it does not make a model number ("F-16"): a ratio
# "3-to-1", a dimension "2-by-4", odds "1-in-3".
_SECOND_TERM_BEFORE = re.compile(r"(?:\d[- ]to|\w-by|\w-(?i:in))-$")
# Keys of the figures ``_figure_of_its_own`` reads: compared only with their own kind, never inherited.
OWN_KIND_KEYS = ("odds:", "dimension", "rank:no")


class _Number(NamedTuple):
    """A number as found, before its qualifier and counted noun are read."""

    start: int
    end: int
    match: re.Match[str]
    value: int | float
    vague: str | None = None
    currency: str | None = None
    scale: str = ""  # "m" of "$10m", "million" of "10 million"
    words: str = ""  # the number in words, lower-cased ("one", "twenty-eight")


@lru_cache(maxsize=8192)
def noun_key(noun: str) -> str:
    """The comparable class of a counted noun: its singular Snowball stem, synonyms merged."""
    lowered = lower_case(noun)
    if lowered in CURRENCY_NOUNS:
        return "money:" + CURRENCY_NOUNS[lowered]
    # Snowball's stem, from the precomputed table where it lists the word (factcheck.words.known_stem).
    stem = known_stem(lowered.rsplit(" ", 1)[-1])
    return KEY_SYNONYMS.get(stem, stem)


def counted_noun(text: str, pos: int, allow_of: bool = False) -> tuple[str, int] | None:
    """The head noun of the phrase starting at ``pos`` and where it ends, or None.

    No tagger is used: lower-case words are collected up to a function word,
    punctuation, a plural or three words, and the last one is the head
    ("government soldiers" -> "soldiers"). Capitalised words may only modify
    ("183 HTS fighters"). A participle before any noun modifies ("300 armed
    men") unless it is itself counted ("300 killed"); after a noun it ends the
    phrase ("five people killed").
    """
    hyphen = _HYPHEN_WORD.match(text, pos)
    if hyphen:  # "four-year war": the hyphenated word is what is counted
        word = lower_case(hyphen.group(1))
        if word in ("to", "in", "by"):
            return None  # "three-to-one", "one-in-three": a ratio, odds or a score, not a count of anything
        age = _AGE_SUFFIX.match(text, hyphen.end())
        if age:  # "4-year-olds": an age, not a duration of four years
            return f"{word}-old", age.end()
        return word, hyphen.end()
    head: tuple[str, int] | None = None
    for _ in range(3):
        match = _NEXT_WORD.match(text, pos)
        if not match:
            break
        word = match.group(1)
        lowered = lower_case(word)
        if allow_of and lowered == "of" and head is None:
            allow_of = False  # "thousands of families"
            pos = match.end()
            continue
        if lowered in UNIT_STOP:
            break
        if lowered.endswith(("ed", "ing")):
            if head is not None:
                break
            if lowered in COUNT_PARTICIPLES:
                return lowered, match.end()
            pos = match.end()
            continue
        pos = match.end()
        if not word[0].isupper():
            head = (lowered, pos)
            if is_counted(lowered):
                break  # a plural ends the phrase: "2 mins read"
    return head


def is_counted(noun: str) -> bool:
    """Whether a noun reads as counted by a number greater than one (so "2000 people" is a count)."""
    return (
        noun in IRREGULAR_PLURALS
        or noun in UNIT_ABBREVIATIONS
        or (noun.endswith("s") and not noun.endswith(("ss", "us", "is")))
    )


def find_quantities(
    text: str, offset: int = 0, taken: list[tuple[int, int]] | None = None, prepared: Scan | None = None
) -> list[Fact]:
    """Every quantity in ``text`` that does not overlap a ``taken`` span (dates)."""
    prepared = prepared or scan(text)
    numbers = _digit_numbers(text, prepared.digit_runs)
    present = NUMBER_WORDS.intersection(prepared.words)
    if present:
        numbers = sorted([*numbers, *_word_numbers(prepared.lower, present)], key=lambda n: n.start)
    facts: list[Fact] = []
    last_counted: Fact | None = None
    last_end = -1
    for number in numbers:
        if number.start < last_end or (taken and any(number.start < e and number.end > s for s, e in taken)):
            continue
        fact = _figure_of_its_own(text, prepared.lower, number, offset) or _quantity(
            text, prepared.lower, number, last_counted, offset
        )
        if fact is None:
            continue
        last_end = fact.end - offset
        if fact.key and not fact.key.startswith(("money:", "percent", *OWN_KIND_KEYS)):
            last_counted = fact
        facts.append(fact)
    facts = [_as_duration(f) for f in _ranges_share_units(text, facts, offset)]
    spans = [*(taken or []), *((f.start - offset, f.end - offset) for f in facts)]
    extra = [
        *_single_durations(prepared.lower, text, offset, spans),
        *_ranks(prepared.lower, text, offset, spans),
    ]
    return sorted([*facts, *extra], key=lambda f: f.start) if extra else facts


def _figure_of_its_own(text: str, lower: str, number: _Number, offset: int) -> Fact | None:
    """A figure that counts no noun but is compared with its own kind, position to position.

    - odds and rates: "1 in 3 chance", "one-in-three", "seven in 10 voters", "9 in 24 hours" are keyed
      "odds:<the second figure>" (so "1 in 3" / "one-in-three" agree and "seven in 10" / "four in 10"
      conflict), the second figure still counting its own noun;
    - dimensions: "6-by-8", "four-by-four" are keyed "dimension";
    - numbered labels and ranks: "No. 2", "number 10" are keyed "rank:no".
    """
    key = unit = None
    odds = _ODDS.match(lower, number.end)
    if odds is not None:
        of = parse_number(odds.group("of"))
        if of is not None:
            key, unit = f"odds:{of:g}", f"in {of:g}"
    elif _DIMENSION_AFTER.match(lower, number.end) or _DIMENSION_BEFORE.search(
        lower, max(0, number.start - 8), number.start
    ):
        key, unit = "dimension", "by"
    elif _NUMBER_LABEL.search(lower, max(0, number.start - 8), number.start):
        key, unit = "rank:no", "No."
    if key is None:
        return None
    start, end = number.start, number.end
    return Fact("quantity", text[start:end], start + offset, end + offset, number.value, unit, None, key)


# Between the two ends of a range: "between 30 and 80 pounds", "14 to 36 kilograms", "3-5 years".
_RANGE_JOIN = re.compile(r"\s*(?:and|to|or|-|–)\s*")


def _ranges_share_units(text: str, facts: list[Fact], offset: int) -> list[Fact]:
    """The first end of a range counts what the second counts: "between 30 and 80 pounds" is 30 pounds."""
    out = list(facts)
    for i, (low, high) in enumerate(pairwise(facts)):
        if low.key or low.unit or not high.key or high.key.startswith(("money:", "percent")):
            continue
        if _RANGE_JOIN.fullmatch(text, low.end - offset, high.start - offset):
            out[i] = replace(low, unit=high.unit, key=high.key)
    return out


# Days in one unit of a duration, by the counted noun's key.
DURATION_DAYS = {
    "day": 1,
    "week": 7,
    "fortnight": 14,
    "month": 30,
    "year": 365,
    "decad": 3650,
    "centuri": 36500,
    "century": 36500,
}
_RATE_BEFORE = re.compile(
    r"(?:[\d%]|\d[\d,.]*\s+[a-z]+s|\b(?:cents?|dollars?|euros?|pounds?|times|twice|once|thrice))\s+$"
)
_SINGLE_DURATION_UNITS = ("day", "week", "fortnight", "month", "year", "decade", "century")
_SINGLE_DURATION = re.compile(r"\b(?:a|an|one)\s+(" + "|".join(_SINGLE_DURATION_UNITS) + r")\b")
_NOT_DIGIT = re.compile(r"\D")
_ORDINALS = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10,
}  # fmt: skip
_SUPERLATIVE = r"(largest|biggest|smallest|highest|lowest|oldest|busiest|richest|poorest|deadliest|longest|tallest|most[ -]populous)"
# Every superlative above holds one of these: most sentences hold neither, and need no rank search.
_SUPERLATIVE_CUES = ("est", "most")
_RANK = re.compile(
    r"\b(?:(second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))[- ]|(?<=the )|(?<='s )|(?<=’s )|(?<=its ))"
    + _SUPERLATIVE
    + r"\b"
)


def _as_duration(fact: Fact) -> Fact:
    days = DURATION_DAYS.get(fact.key)
    if days is None or not isinstance(fact.value, (int, float)):
        return fact
    value = fact.value * days
    # An int stays one: float() of a count of years with 300 digits overflows.
    whole = isinstance(value, int) or value.is_integer()
    return replace(fact, key="duration", value=int(value) if whole else value)


def _free(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return not any(start < e and end > s for s, e in spans)


def _single_durations(lower: str, text: str, offset: int, spans: list[tuple[int, int]]) -> list[Fact]:
    """ "a decade", "one week": a duration of one unit, which the number scanner never sees."""
    facts: list[Fact] = []
    if not any(unit in lower for unit in _SINGLE_DURATION_UNITS):
        return facts  # substring tests: far cheaper than the pattern's search at every position
    for match in _SINGLE_DURATION.finditer(lower):
        if _RATE_BEFORE.search(lower, max(0, match.start() - 24), match.start()):
            continue  # "$600 a year", "twice a day": a rate, not a length of time
        if _free(match.start(), match.end(), spans):
            unit = match.group(1)
            days = DURATION_DAYS[noun_key(unit)] if noun_key(unit) in DURATION_DAYS else DURATION_DAYS[unit]
            facts.append(
                Fact("quantity", text[match.start() : match.end()], offset + match.start(), offset + match.end(),
                     days, unit=unit, key="duration")
            )  # fmt: skip
    return facts


def _ranks(lower: str, text: str, offset: int, spans: list[tuple[int, int]]) -> list[Fact]:
    """ "second-largest" -> 2, "the largest" -> 1, keyed by the superlative."""
    facts: list[Fact] = []
    if not any(cue in lower for cue in _SUPERLATIVE_CUES):
        return facts
    for match in _RANK.finditer(lower):
        if not _free(match.start(), match.end(), spans):
            continue
        ordinal = match.group(1)
        if ordinal is None:
            position = 1
        elif ordinal in _ORDINALS:
            position = _ORDINALS[ordinal]
        else:
            digits = _NOT_DIGIT.sub("", ordinal)  # "21st" -> "21"
            if len(digits) > MAX_DIGITS:
                continue
            position = int(digits)
        superlative = match.group(2).replace("-", " ")
        facts.append(
            Fact("quantity", text[match.start() : match.end()], offset + match.start(), offset + match.end(),
                 position, unit=superlative, key=f"rank:{superlative}")
        )  # fmt: skip
    return facts


def _digit_numbers(text: str, runs: tuple[tuple[int, int], ...]) -> list[_Number]:
    numbers = []
    for start, _ in runs:
        if start and (text[start - 1] in "_.,:/" or text[start - 1].isalnum()):
            prefix = _DOLLAR_PREFIX.search(text, max(0, start - 4), start)
            if prefix is None:
                continue  # inside a word, a number or a time ("F16", "10:30")
            number = _prefixed_money(text, start, prefix)  # "$US14.10", "$A5"
            if number is not None:
                numbers.append(number)
            continue
        if (
            start > 1
            and text[start - 1] == "-"
            and text[start - 2].isalpha()
            and not _SECOND_TERM_BEFORE.search(text, max(0, start - 8), start)
        ):
            continue  # a model name: "F-16", "COVID-19"; but "3-to-1" is a ratio
        match = _NUMBER_AT.match(text, start)
        if match is None or _TIME_OF_DAY.match(text, match.end("digits")):
            continue  # "5 p.m.", "0835 GMT": a time of day, which counts nothing
        currency, cur_start = _currency_before(text, start)
        number = _digits_number(match, cur_start, currency)
        if number is not None:
            numbers.append(number)
    return numbers


def _prefixed_money(text: str, start: int, prefix: re.Match[str]) -> _Number | None:
    match = _NUMBER_AT.match(text, start)
    if match is None:
        return None
    return _digits_number(match, prefix.start(), CURRENCIES[lower_case(prefix.group(1)) + "$"])


def _digits_number(match: re.Match[str], start: int, currency: str | None) -> _Number | None:
    """The number ``_NUMBER_AT`` matched, scale applied ("10m", "2.5 billion"); None if unreadable."""
    scale = lower_case(match.group("dscale") or "")
    multiplier = (SCALES.get(scale) or SHORT_SCALES[scale]) if scale else 1
    value = parse_digits(match.group("digits"), multiplier)
    return None if value is None else _Number(start, match.end(), match, value, None, currency, scale)


def _word_numbers(lower: str, present: frozenset[str]) -> list[_Number]:
    numbers = []
    last_end = -1
    for start in word_positions(lower, present):
        if start < last_end:
            continue  # the "hundred" of "one hundred"
        match = _WORDS_AT.match(lower, start)
        if not match:
            continue
        last_end = match.end()
        number = _word_number(lower, match)
        if number is not None:
            numbers.append(number)
    return numbers


def _word_number(lower: str, match: re.Match[str]) -> _Number | None:
    start = match.start()
    if match.group("vague"):
        phrase = _normalise(match.group("vague"))
        return _Number(start, match.end(), match, VAGUE[phrase], vague=phrase)
    words = _normalise(match.group("words"))
    if words in _SCALE_WORDS:
        for few in FEW:
            if lower.endswith(few + " ", 0, start):
                floor = 2 * (12 if words == "dozen" else SCALES[words])
                return _Number(start - len(few) - 1, match.end(), match, floor, vague=f"{few} {words}")
        for article in ("a ", "an "):  # "a dozen", "a million": the article is part of the number
            at = start - len(article)
            if lower.endswith(article, 0, start) and (at == 0 or not lower[at - 1].isalnum()):
                start = at
                break
        else:
            # A scale word with no number of its own ("R7.5-million": the figure is glued to a currency
            # we do not read) is no count of a million.
            return None
    first = _first_of_run(words)
    if first is not None:
        # "the six two-year colleges": two numbers side by side, not one ("six two" is no number).
        one_word = _ONE_WORD_AT.match(lower, start)
        if one_word is None:
            return None
        match, words = one_word, first
    value = parse_decimal(words)
    return (
        None if value is None else _Number(start, match.end(), match, to_number(value), None, None, "", words)
    )


def _first_of_run(words: str) -> str | None:
    """The first word of a run of number words that is not one number ("six two"), else None.

    Words make one number only as tens then units ("twenty-eight") or before a scale ("two hundred",
    "five million"); two units or two tens side by side are two numbers.
    """
    parts = [p for p in NUMBER_SPLIT.split(words) if p and p != "and"]
    for left, right in pairwise(parts):
        if right in SCALES or right in ("hundred", "dozen") or left in SCALES or left == "hundred":
            continue
        tens, unit = ONES.get(left), ONES.get(right)
        if tens is None or unit is None or not (20 <= tens <= 90 and tens % 10 == 0 and 0 < unit < 10):
            return parts[0]
    return None


def _currency_before(text: str, start: int) -> tuple[str | None, int]:
    """The currency written just before a number ("$", "US$", "€", "USD ") and where it starts."""
    # Decided by the last character, as most numbers have none.
    if not start:
        return None, start
    last = text[start - 1]
    if last == " ":  # "USD 5"
        at = start - 4
        code = text[max(0, at) : start - 1]
        found = code if code in _CURRENCY_CODES and at >= 0 else None
    elif last == "$":  # "$5", "US$5", "HK$5"
        at = start - 1
        for prefix in ("US", "HK", "A", "C"):
            if text.endswith(prefix, 0, at):
                at -= len(prefix)
                break
        found = text[at:start]
    elif last in "€£¥":
        at, found = start - 1, last
    else:
        return None, start
    if found is None or (at > 0 and text[at - 1].isalnum()):
        return None, start
    return CURRENCIES[lower_case(found)], at


def _qualifier_before(lower: str, start: int) -> tuple[str | None, int]:
    """The qualifier ("over", "more than", "an estimated"...) of one to three words just before ``start``."""
    window_start = max(0, start - 24)
    window = lower[window_start:start]
    if not window or not window[-1].isspace():
        return None, start
    words = window.split()
    if not words or words[-1] not in _QUALIFIER_ENDS:
        return None, start  # the usual case, decided by the last word
    for size in (3, 2, 1):
        if len(words) < size:
            continue
        phrase = " ".join(words[-size:])
        if _QUALIFIER_SIZE.get(phrase) == size:
            # Where the phrase's first word starts: counted back by words, since it may occur again inside
            # the phrase ("as many as").
            at = window_start + [m.start() for m in _WORD_SPAN.finditer(window)][-size]
            if at == 0 or (at > 0 and not lower[at - 1].isalnum()):
                return phrase, at
    return None, start


def _quantity(text: str, lower: str, number: _Number, previous: Fact | None, offset: int) -> Fact | None:
    match = number.match
    qualifier, start = _qualifier_before(lower, number.start)
    if match.group("plus"):
        qualifier = qualifier or ("or more" if "more" in match.group("plus") else "plus")
    if number.vague:
        qualifier = number.vague
    value, end, scale = number.value, number.end, number.scale
    noun = None
    unit: str | None
    if match.group("pct"):
        unit, key = "%", "percent"
    elif number.currency:
        unit, key = number.currency, "money:" + number.currency
    else:
        noun = counted_noun(text, end, allow_of=bool(number.vague or scale))
        unit, key = _unit_from_noun(noun)
        if scale == "m" and (noun is None or not is_counted(noun[0])):
            # "10m" with no currency and no plural counted is ten metres ("10m wide"), not ten million
            value, unit, key, noun = parse_digits(match.group("digits")) or 0, "m", "m", None
    if number.words == "one" and not qualifier and _is_pronoun_one(lower, start, noun):
        return None
    label = None
    if noun is not None:
        end = noun[1]
        if key == "peopl":
            label = _casualty(lower, start, end)
    elif (
        unit is None
        and previous is not None
        and (
            _next_word(text, end) in _INHERIT_AFTER
            or _COMPARED_BEFORE.search(lower, max(0, start - 16), start)
        )
    ):
        unit, key = previous.unit, previous.key  # "six arrests on Wednesday, compared to 47 the night before"
    return Fact("quantity", text[start:end], start + offset, end + offset, value, unit, qualifier, key, label)


def _casualty(lower: str, start: int, end: int) -> str | None:
    """ "death" or "injur" for people killed or injured, from the verb before the count or after the noun."""
    # ``\b`` sees the character before the window too: "skill" is no "kill" wherever the window starts.
    before = _CASUALTY_BEFORE.search(lower, max(0, start - 24), start)
    if before:
        joined = _JOINED_FATE_BEFORE.search(lower, max(0, before.start() - 16), before.start())
        return None if joined else CASUALTY_BEFORE[before.group(1)]
    after = _CASUALTY_AFTER.match(lower, end)
    return CASUALTY_AFTER[after.group(1)] if after else None


def _unit_from_noun(noun: tuple[str, int] | None) -> tuple[str | None, str]:
    if noun is None:
        return None, ""
    word = noun[0]
    if word in CURRENCY_NOUNS:
        return CURRENCY_NOUNS[word], "money:" + CURRENCY_NOUNS[word]
    return word, noun_key(word)


def _is_pronoun_one(lower: str, start: int, noun: tuple[str, int] | None) -> bool:
    """A lone "one" is a pronoun ("no one", "one of the") unless it counts a noun ("one civilian")."""
    if noun is None or noun[0].endswith("ed"):
        return True
    previous = _PREV_WORD.search(lower, max(0, start - 20), start)
    return previous is not None and previous.group(1) in _NOT_ONE_AFTER


def _next_word(text: str, pos: int) -> str:
    match = _NEXT_WORD.match(text, pos)
    return lower_case(match.group(1)) if match else ""


def _normalise(phrase: str) -> str:
    return _SPACES.sub(" ", lower_case(phrase.strip()))
