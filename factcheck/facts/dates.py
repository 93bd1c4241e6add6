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

A four-digit number from 1800 to 2100 is a year unless a plural counted noun
follows it ("2000 people" is a quantity); after "in", "since", "the"... it is a
year whatever follows. Relative values have number words as digits ("seven
months ago" -> "7 months ago") and no leading "the", so two wordings of one
time compare equal. Month and weekday names count only capitalised ("may" and
"march" are verbs); abbreviations only with a period or a day ("Jan. 5").
"""

from __future__ import annotations

import re

from factcheck.casing import lower_case
from factcheck.facts.numbers import WORD_NUMBER, Scan, parse_number, scan, word_positions, word_set
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
YEAR_WORDS = word_set(
    "in since until till during before after through throughout early late mid circa the its their his her "
    "summer winter spring autumn"
)

_FULL_MONTH = "January|February|March|April|May|June|July|August|September|October|November|December"
_ABBREVIATION = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_MONTH = rf"(?:{_FULL_MONTH}|(?:{_ABBREVIATION})(?:\.|(?=\s+\d)))"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d|2100)"

# Matched only at a month or weekday name or a digit (see ``_calendar_dates``).
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
# Relative dates, matched on the lower-cased sentence at a cue word ("ago" is read backwards: ``_ago``).
_RELATIVE_AT = re.compile(
    rf"""(?:
        (?:past|last|next|previous|coming)\s+(?:(?:\d+|{WORD_NUMBER}|few|several)\s+)?{_UNIT}
      | (?:last|this|next)\s+(?:weekend|week|month|year|morning|afternoon|evening|night)
      | recent\s+(?:days|weeks|months|years)
      | yesterday|today|tonight|tomorrow|overnight
    )\b""",
    re.VERBOSE,
)
_BEFORE_RELATIVE = ("the ", "earlier ", "later ", "early ", "late ")
_UNITS = word_set("minute minutes hour hours day days week weeks month months year years decade decades")
_FEW_COUNTS = ("a couple of", "a few", "several", "a", "an")
# Cue words: without one in the sentence a pattern cannot match, so it is not run.
_RELATIVE_WORDS = word_set("ago recent yesterday today tonight tomorrow overnight")
# "last", "this"... make a relative date only with a unit of time ("last week").
_RELATIVE_CUES = _RELATIVE_WORDS | word_set("last this next past previous coming")
_TIME_UNITS = word_set(
    "minute minutes hour hours day days week weeks weekend month months year years decade decades "
    "morning afternoon evening night"
)
_CALENDAR_WORDS = (
    frozenset(MONTHS) | {lower_case(w) for w in WEEKDAYS} | {lower_case(w) + "s" for w in WEEKDAYS}
)
_DECADE_OR_ISO = frozenset("-s'’")
_PREV_WORD = re.compile(r"([^\W\d_]+)\W*$")
_RANGE_OR_MID = re.compile(r"(?:\d|mid)[-–]$", re.IGNORECASE)
_PREV_CAPITALISED = re.compile(r"[A-Z][\w’'.-]*[ \t]+$")
_SPACES = re.compile(r"\s+")
_NUMBER_WORDS = re.compile(rf"\b(?:{WORD_NUMBER}|a|an)(?=\s+{_UNIT}\b)")

_Found = tuple[int, int, str, str]  # start, end, value, key


def find_dates(text: str, offset: int = 0, prepared: Scan | None = None) -> list[Fact]:
    """Every date in ``text``, non-overlapping, in order of position."""
    prepared = prepared or scan(text)
    found = _relative_dates(text, prepared)
    found.extend(_calendar_dates(text, prepared, found))
    for start, end in prepared.digit_runs:
        if end - start < 4 or text[start] not in "12":
            continue
        match = _YEAR_RE.match(text, start)
        if match and not _overlaps(start, match.end(), found) and _is_year(text, match):
            found.append((start, match.end(), match.group(), "year"))
    found.sort()
    return [Fact("date", text[s:e], s + offset, e + offset, value, key=key) for s, e, value, key in found]


def _relative_dates(text: str, prepared: Scan) -> list[_Found]:
    """ "7 months ago", "last week", "today", each read at its cue word."""
    words, lower = prepared.words, prepared.lower
    cues = _RELATIVE_CUES.intersection(words)
    if not cues or (_RELATIVE_WORDS.isdisjoint(cues) and _TIME_UNITS.isdisjoint(words)):
        return []
    found: list[_Found] = []
    for at in word_positions(lower, cues):
        span = _ago(lower, at) if lower.startswith("ago", at) else _relative_at(lower, at)
        if span is None or _overlaps(span[0], span[1], found):
            continue
        start, end = span
        if lower.startswith(" of ", end) and _CALENDAR_AFTER_OF.match(lower, end + 4):
            continue  # "the last week of May" is a calendar week, named by its month
        if text[start].isupper() and _PREV_CAPITALISED.search(text, max(0, start - 40), start):
            continue  # "Aleppo Today" is a channel's name, not a time
        found.append((start, end, _relative_value(lower[start:end]), "relative"))
    return found


def _relative_at(lower: str, at: int) -> tuple[int, int] | None:
    match = _RELATIVE_AT.match(lower, at)
    if match is None:
        return None
    for word in _BEFORE_RELATIVE:  # "the past week", "earlier this month"
        start = at - len(word)
        if lower.endswith(word, 0, at) and (start == 0 or not lower[start - 1].isalnum()):
            return start, match.end()
    return at, match.end()


def _ago(lower: str, at: int) -> tuple[int, int] | None:
    """ "days ago", "seven months ago", "a few weeks ago": the unit and its count, read backwards from "ago"."""
    before = lower[max(0, at - 40) : at]
    words = before.split()
    if not words or words[-1] not in _UNITS or not before[-1].isspace():
        return None
    start = at - len(before) + before.rfind(words[-1])
    counted = words[:-1]
    for size in (3, 2, 1):
        phrase = " ".join(counted[-size:])
        if (
            len(counted) >= size
            and counted[-size] != "and"  # "... and 10 years ago": "and" joins, it does not count
            and (phrase in _FEW_COUNTS or parse_number(phrase) is not None)
        ):
            at_phrase = lower.rfind(counted[-size], 0, start)
            if at_phrase == 0 or not lower[at_phrase - 1].isalnum():
                start = at_phrase
            break
    return start, at + 3


def _relative_value(phrase: str) -> str:
    phrase = _SPACES.sub(" ", phrase)
    phrase = phrase[4:] if phrase.startswith("the ") else phrase
    # "the past month" / "the previous month" / "the last month" are one stretch of time, and
    # "last evening" is "last night".
    first, _, rest = phrase.partition(" ")
    if rest and first in _LAST_SYNONYMS:
        phrase = f"last {rest}"
    if phrase == "last evening":
        phrase = "last night"
    phrase = _NUMBER_WORDS.sub(lambda m: str(parse_number(m.group()) or m.group()), phrase)
    # "a decade ago" is "10 years ago"; "the same period a year ago" is "the same period last year".
    phrase = _DECADES.sub(lambda m: f"{int(m.group(1)) * 10} years", phrase)
    return _ONE_UNIT_AGO.sub(r"last \1", phrase)


_LAST_SYNONYMS = frozenset({"past", "previous"})
_DECADES = re.compile(r"\b(\d+) decades?\b")
_ONE_UNIT_AGO = re.compile(r"^1 (week|month|year) ago$")
# A count of time given vaguely ("the next few years") and a count given exactly ("the next four years").
_VAGUE_COUNT = re.compile(r"\b(?:a couple of|a few|few|several|some|many)\b")
_EXACT_COUNT = re.compile(r"\b\d+(?:\.\d+)?\b")


_CALENDAR_AFTER_OF = re.compile(
    r"(?:(?:the\s+)?(?:"
    + "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
    + r")\b|(?:1[89]|20)\d\d\b)"
)


def relative_dates_agree(a: str, b: str) -> bool:
    """Whether two relative dates can name one stretch of time: equal, or one counts vaguely where the
    other gives a number ("the next few years" / "the next three years"); a vague count is no conflict."""
    if a == b:
        return True
    unit_a, unit_b = _up_to_now(a), _up_to_now(b)
    if unit_a and unit_b and unit_a != unit_b:
        return True  # "the past two weeks" / "this month": stretches that both reach now overlap
    vague_a, vague_b = _VAGUE_COUNT.sub("#", a), _VAGUE_COUNT.sub("#", b)
    if vague_a == a and vague_b == b:
        return False
    # "a few" or "several" is two to ten: "the past few years" / "the past 30 years" still conflict.
    exact = [float(n) for n in _EXACT_COUNT.findall(vague_a + " " + vague_b)]
    if any(not FEW_LOW <= n <= FEW_HIGH for n in exact):
        return False
    return _EXACT_COUNT.sub("#", vague_a) == _EXACT_COUNT.sub("#", vague_b)


FEW_LOW, FEW_HIGH = 2, 10

# "last 11 years", "last few weeks", "last decade" (a stretch that ends now) and "this month" (one that
# holds now); not "last month", the calendar month before this one.
_UP_TO_NOW = re.compile(
    r"(?:last|past) (?:(?:\d+|a couple of|a few|few|several|some|many) )?(?P<plural>day|week|month|year)s"
    r"|(?:last|past) (?P<long>decade|century)"
    r"|this (?P<current>day|week|month|year|decade|century)"
)


def _up_to_now(value: str) -> str | None:
    """The unit of a relative date that reaches the present, else None."""
    match = _UP_TO_NOW.fullmatch(value)
    return next((unit for unit in match.groups() if unit), None) if match else None


def _calendar_dates(text: str, prepared: Scan, taken: list[_Found]) -> list[_Found]:
    """Dates with a month or weekday name, ISO dates and decades: each starts at a name or a digit."""
    cues = _CALENDAR_WORDS.intersection(prepared.words)
    anchors = word_positions(prepared.lower, cues) if cues else []
    # A digit starts a date only before a month name ("6 July") or as "2025-07-06" or "1990s".
    digits = [s for s, e in prepared.digit_runs if (cues and e - s <= 4) or text[e : e + 1] in _DECADE_OR_ISO]
    if digits:
        anchors = sorted([*anchors, *digits])
    found: list[_Found] = []
    last_end = -1
    for start in anchors:
        if start < last_end:
            continue
        match = _DATE.match(text, start)
        if match and _count_before_month_day(text, match):
            continue  # "the 19 Sept. 11 hijackers": the month takes the day after it, 19 counts
        if match and not _overlaps(start, match.end(), taken):
            found.append((start, match.end(), *_calendar_value(match)))
            last_end = match.end()
    return found


def _count_before_month_day(text: str, match: re.Match[str]) -> bool:
    """ "the 19 Sept. 11 hijackers": a count after "the", then a month and its day. "On 12 June 3
    soldiers died" is a date and a count, as is anything with a year."""
    if not match.group("dm_day") or match.group("dm_year"):
        return False
    return bool(_DAY_AFTER.match(text, match.end())) and lower_case(text[: match.start()]).endswith("the ")


_DAY_AFTER = re.compile(r"[ \t]+(?:[1-9]|[12]\d|3[01])\b(?![:.,]\d)")


def _calendar_value(match: re.Match[str]) -> tuple[str, str]:
    """(value, key) of a calendar date."""
    groups = match.groupdict()
    month_name = groups["md_month"] or groups["dm_month"] or groups["my_month"]
    if groups["md_day"] or groups["dm_day"]:
        month = _month_number(month_name)
        day = int((groups["md_day"] or groups["dm_day"]).rstrip("stndrh"))
        year = groups["md_year"] or groups["dm_year"]
        if year:
            return f"{year}-{month:02d}-{day:02d}", "day"
        return f"--{month:02d}-{day:02d}", "monthday"
    if groups["iso_year"]:
        return f"{groups['iso_year']}-{groups['iso_month']}-{groups['iso_day']}", "day"
    if groups["my_year"]:
        return f"{groups['my_year']}-{_month_number(month_name):02d}", "month"
    if groups["month"]:
        return f"{_month_number(groups['month']):02d}", "monthname"
    if groups["weekday"]:
        return lower_case(groups["weekday"]).rstrip("s"), "weekday"
    return groups["decade"] + "s", "decade"


def _month_number(name: str | None) -> int:
    return MONTHS[lower_case((name or "").rstrip("."))]


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
    previous = _PREV_WORD.search(text, max(0, start - 16), start)
    if previous and lower_case(previous.group(1)) in YEAR_WORDS:
        return True
    if _AFTER_A_LISTED_YEAR.search(text, max(0, start - 24), start):
        return True  # "its 2000, 2001 and 2002 financial results": the list's last year, not 2002 results
    noun = counted_noun(text, end)
    return noun is None or not is_counted(noun[0])


# The end of a list of at least three years; two ("in 2016 and 2000 people fled") may be a year and a count.
_AFTER_A_LISTED_YEAR = re.compile(rf"\b{_YEAR}\s*,\s*{_YEAR}\s*,?\s*(?:and|or)\s+$")


def _overlaps(start: int, end: int, found: list[_Found]) -> bool:
    return any(start < f_end and end > f_start for f_start, f_end, _, _ in found)


# Days named from the moment of publication: two outlets publishing a day apart word one day two ways.
DEICTIC_DAYS = frozenset(
    {"today", "yesterday", "tomorrow", "tonight", "overnight", "last night", "this morning",
     "this afternoon", "this evening"}
)  # fmt: skip


def is_deictic_day(fact: Fact) -> bool:
    """ "today", "yesterday", "last night": a day that depends on when each source was published."""
    return fact.type == "date" and fact.key == "relative" and fact.value in DEICTIC_DAYS
