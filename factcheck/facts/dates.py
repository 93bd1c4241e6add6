"""Dates: full dates, months, years, weekdays and relative times.

``key`` is the granularity, which two dates must share to be compared, and
``value`` a normalised, ISO-like string:

=========== ======================================= ==========================
key         example text                             value
=========== ======================================= ==========================
day         "July 6, 2025", "6 July 2025"           "2025-07-06"
monthday    "July 6", "6th of July" (no year)       "--07-06"
month       "July 2025"                             "2025-07"
monthname   "in March"                              "03"
year        "2016", "since 2016", "mid-2016"         "2016"
decade      "the 1990s"                             "1990s"
weekday     "Since Wednesday"                       "wednesday"
relative    "7 months ago", "last week", "today"    "7 months ago", "last week"
=========== ======================================= ==========================

A four-digit number from 1800 to 2100 is a year unless a counted noun follows
it ("2000 people" is a quantity); after "in", "since", "by"... it is a year
whatever follows. Relative values have number words as digits ("seven months
ago" -> "7 months ago") so two wordings of one time compare equal.
"""

from __future__ import annotations

import re

from factcheck.facts.numbers import WORD_NUMBER, Scan, parse_number, scan
from factcheck.facts.quantities import counted_noun, is_counted
from factcheck.model import Fact

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# After these a four-digit number is a year even if a noun follows ("in 2016 rebels...", "the 2016 elections");
# after other words ("by", "of", "around") it is a year only when no counted noun follows.
YEAR_WORDS = frozenset(
    ["in", "since", "until", "till", "during", "before", "after", "through", "throughout", "early", "late", "mid", "circa", "the", "its", "their", "his", "her", "summer", "winter", "spring", "autumn"]
)

_FULL_MONTH = "January|February|March|April|May|June|July|August|September|October|November|December"
_ABBREVIATION = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
# Abbreviations only with a period or a day number, so "Jan" the name or "Mar" the verb stay words.
_MONTH = rf"(?:{_FULL_MONTH}|(?:{_ABBREVIATION})(?:\.|(?=\s+\d)))"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d|2100)"

# Month and weekday names are matched case-sensitively: "may" and "march" are also verbs.
_DATE = re.compile(
    rf"""
    (?<![\w.,/])(?:
        (?P<md_month>{_MONTH})\s+(?P<md_day>{_DAY})\b(?:,?\s+(?P<md_year>{_YEAR})\b)?
      | (?P<dm_day>{_DAY})\s+(?:of\s+)?(?P<dm_month>{_MONTH})(?:,?\s+(?P<dm_year>{_YEAR})\b)?
      | (?P<iso_year>{_YEAR})-(?P<iso_month>0[1-9]|1[0-2])-(?P<iso_day>0[1-9]|[12]\d|3[01])\b
      | (?P<my_month>{_MONTH})(?:\s+of)?,?\s+(?P<my_year>{_YEAR})\b
      | (?P<month>{_FULL_MONTH})\b
      | (?P<weekday>{"|".join(WEEKDAYS)})s?\b
      | (?P<decade>(?:1[89]|20)\d0)['’]?s\b
    )
    """,
    re.VERBOSE,
)
# Years separately: they need a look at the words around them (``_is_year``).
_YEAR_RE = re.compile(_YEAR)
_UNIT = r"(?:minute|hour|day|week|month|year|decade)s?"
_RELATIVE = re.compile(
    rf"""
    \b(?:
        (?:(?:\d+|{WORD_NUMBER}|a|an|a\s+few|several|a\s+couple\s+of)\s+)?{_UNIT}\s+ago
      | (?:the\s+)?(?:past|last|next|previous|coming)\s+(?:(?:\d+|{WORD_NUMBER}|few|several)\s+)?{_UNIT}
      | (?:(?:earlier|later|early|late)\s+)?(?:last|this|next)\s+(?:weekend|week|month|year|morning|afternoon|evening|night)
      | recent\s+(?:days|weeks|months|years)
      | yesterday|today|tonight|tomorrow|overnight
    )\b
    """,
    re.VERBOSE,
)
# Words without which a pattern cannot match: the patterns run only when one is in the sentence.
_RELATIVE_WORDS = frozenset({"ago", "recent", "yesterday", "today", "tonight", "tomorrow", "overnight"})
_RELATIVE_STARTS = frozenset({"last", "this", "next", "past", "previous", "coming"})
_TIME_UNITS = frozenset(
    ["minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "weekend", "month", "months", "year", "years", "decade", "decades", "morning", "afternoon", "evening", "night"]
)
_CALENDAR_WORDS = (
    frozenset(MONTHS).union(w.lower() for w in WEEKDAYS).union(w.lower() + "s" for w in WEEKDAYS)
)
_PREV_WORD = re.compile(r"([^\W\d_]+)\W*$")
_RANGE_OR_MID = re.compile(r"(?:\d|mid)[-–]$", re.IGNORECASE)
_PREV_CAPITALISED = re.compile(r"[A-Z][\w’'.-]*[ \t]+$")
_SPACES = re.compile(r"\s+")
_NUMBER_WORDS = re.compile(rf"\b(?:{WORD_NUMBER}|a|an)(?=\s+{_UNIT}\b)")


def find_dates(text: str, offset: int = 0, prepared: Scan | None = None) -> list[Fact]:
    """Every date in ``text``, non-overlapping, in order of position."""
    prepared = prepared or scan(text)
    words = prepared.words
    facts = []
    if not _RELATIVE_WORDS.isdisjoint(words) or (
        not _RELATIVE_STARTS.isdisjoint(words) and not _TIME_UNITS.isdisjoint(words)
    ):
        facts = _relative_dates(text, prepared.lower)
    taken = [(f.start, f.end) for f in facts]
    if prepared.has_digit or not _CALENDAR_WORDS.isdisjoint(words):
        for match in _DATE.finditer(text):
            if not _overlaps(match.start(), match.end(), taken):
                facts.append(_calendar_date(match))
                taken.append(match.span())
    if prepared.has_digit:
        for match in _YEAR_RE.finditer(text):
            if not _overlaps(match.start(), match.end(), taken) and _is_year(text, match):
                facts.append(
                    Fact("date", match.group(), match.start(), match.end(), match.group(), key="year")
                )
    facts.sort(key=lambda f: f.start)
    if offset:
        facts = [_shifted(f, offset) for f in facts]
    return facts


def _relative_dates(text: str, lower: str) -> list[Fact]:
    facts = []
    for match in _RELATIVE.finditer(lower):
        phrase = text[match.start() : match.end()]
        if phrase[0].isupper() and _PREV_CAPITALISED.search(text, max(0, match.start() - 40), match.start()):
            continue  # "Aleppo Today" is a channel's name, not a time
        facts.append(
            Fact("date", phrase, match.start(), match.end(), _relative_value(phrase), key="relative")
        )
    return facts


def _relative_value(phrase: str) -> str:
    phrase = _SPACES.sub(" ", phrase.lower())
    phrase = phrase[4:] if phrase.startswith("the ") else phrase
    return _NUMBER_WORDS.sub(lambda m: str(parse_number(m.group()) or m.group()), phrase)


def _calendar_date(match: re.Match[str]) -> Fact:
    groups = match.groupdict()
    text, start, end = match.group(), match.start(), match.end()
    month_name = groups["md_month"] or groups["dm_month"] or groups["my_month"]
    if groups["md_day"] or groups["dm_day"]:
        month = _month_number(month_name)
        day = int((groups["md_day"] or groups["dm_day"]).rstrip("stndrh"))
        year = groups["md_year"] or groups["dm_year"]
        if year:
            return Fact("date", text, start, end, f"{year}-{month:02d}-{day:02d}", key="day")
        return Fact("date", text, start, end, f"--{month:02d}-{day:02d}", key="monthday")
    if groups["iso_year"]:
        value = f"{groups['iso_year']}-{groups['iso_month']}-{groups['iso_day']}"
        return Fact("date", text, start, end, value, key="day")
    if groups["my_year"]:
        return Fact(
            "date", text, start, end, f"{groups['my_year']}-{_month_number(month_name):02d}", key="month"
        )
    if groups["month"]:
        return Fact("date", text, start, end, f"{_month_number(groups['month']):02d}", key="monthname")
    if groups["weekday"]:
        return Fact("date", text, start, end, groups["weekday"].lower(), key="weekday")
    return Fact("date", text, start, end, groups["decade"] + "s", key="decade")


def _month_number(name: str | None) -> int:
    return MONTHS[(name or "").rstrip(".").lower()]


def _is_year(text: str, match: re.Match[str]) -> bool:
    """A 1800-2100 number is a year after a date word, or when no counted noun follows it."""
    start, end = match.span()
    before = text[start - 1] if start else " "
    if before.isalnum() or before in "_.,:/$€£":
        return False  # inside a number or a word
    if before in "-–" and not _RANGE_OR_MID.search(text, max(0, start - 4), start):
        return False  # a name ("F-2016"); but "2011-2016" and "mid-2016" are years
    after = text[end : end + 2]
    if after and (after[0].isalnum() or after[0] in "_%" or (after[0] in ".," and after[1:].isdigit())):
        return False  # "2016th", "2016%", "2016.5"
    previous = _PREV_WORD.search(text, max(0, match.start() - 16), match.start())
    if previous and previous.group(1).lower() in YEAR_WORDS:
        return True
    noun = counted_noun(text, match.end())
    return noun is None or not is_counted(noun[0])


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < s_end and end > s_start for s_start, s_end in spans)


def _shifted(fact: Fact, offset: int) -> Fact:
    return Fact(
        fact.type,
        fact.text,
        fact.start + offset,
        fact.end + offset,
        fact.value,
        fact.unit,
        fact.qualifier,
        fact.key,
    )
