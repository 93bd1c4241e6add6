"""Entities: proper names of people, places and organisations, and nationalities.

Names are runs of capitalised words ("Hayat Tahrir al-Sham", "Bashar
al-Assad", "U.S.", "HTS"), joined across lower-case particles (al-, bin, de,
van) and, after a word like Observatory/Ministry/University, across "of"/"for"
("Syrian Observatory for Human Rights"). "and" joins only names the gazetteer
knows whole ("Bosnia and Herzegovina"), so "Iran and Russia" is two.

What is dropped: month and weekday names (they are dates), function words and
sentence adverbs ("The", "Despite", "Meanwhile"), common words capitalised only
because they open a sentence ("Rebels also seized"), titles ("President",
"Foreign Minister"; the name after one is a person), and in headline-case text
(where nearly every word is capitalised) every name the gazetteer does not know.

Each fact has ``value`` = ``normalize_entity(text)`` and ``key`` = ``label``,
one of person, place, org, nationality, other; nationality adjectives and
plurals ("Russian", "Turkish-backed", "Syrians") have the country as value.
The label comes from ``factcheck/data/gazetteer.txt`` first, then from
heuristics: a title before the name -> person; an organisation word in it
(Group, Council, Army...) -> org; a place word at its end (Province, River...)
-> place; an unknown acronym -> org; two or three plain capitalised words ->
person; anything else -> other. An acronym in parentheses after a name takes
the name's label, and ``acronym_aliases`` maps it to the name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from factcheck.casing import lower_case
from factcheck.datafiles import read_data
from factcheck.facts.numbers import NUMBER_WORDS, TIME_ZONES, word_set
from factcheck.model import Fact

LABELS = ("person", "place", "org", "nationality", "other")

# Capitalised function words and adverbs: never the start of a name, wherever they are; nor are number words.
FUNCTION_WORDS = (
    word_set(
        """the a an this that these those and or but nor in on at of for to by with from as if when while since
        despite meanwhile however moreover although though after before during amid among according"""
    )
    | NUMBER_WORDS
)
# Capitalised adjectives that are not names on their own ("Islamist rebels").
NOT_NAMES = word_set("islamist islamists jihadist jihadists salafist sunni shia shiite usd eur gbp")
ORG_WORDS = word_set(
    """group council observatory party army forces force ministry agency university foundation institute
    organisation organization commission committee association office court front union league federation
    church museum school college center centre board society fund corps coalition alliance movement brigade
    brigades battalion division assembly parliament senate congress embassy bank company corporation airlines
    network news times post press guard guards police service services department authority bureau
    command media channel tv radio watch international"""
)
PLACE_WORDS = word_set(
    """province governorate district region city county river mountains mountain valley square street island
    islands sea ocean lake bay gulf strait desert plain plains heights airport camp border crossing
    peninsula coast"""
)
# Words after which "at" stays inside the name: a campus ("University of Texas at Austin").
CAMPUS_HEADS = word_set("university college")
# Words after which "of"/"for"/"on" stay inside the name ("Ministry of Defence", "Gulf of Aden").
OF_HEADS = ORG_WORDS | PLACE_WORDS | word_set("republic kingdom emirate state states isle")
CORE_TITLES = word_set(
    """mr mrs ms dr gen general col colonel lt sgt capt captain sen senator rep gov governor prof professor
    president minister secretary chancellor king queen prince princess sheikh pope ayatollah emir mayor
    ambassador envoy spokesman spokeswoman spokesperson commander premier judge imam sir lord lady marshal
    brig lieutenant major"""
)
TITLE_MODIFIERS = word_set(
    """foreign prime vice deputy defence defense interior former acting interim chief supreme opposition
    health finance economy information crown grand field first"""
)
TITLE_ABBREVIATIONS = word_set("mr mrs ms dr gen col lt sgt capt sen rep gov st")
_PARTICLES = "de|da|di|du|del|della|der|den|van|von|la|le|bin|ibn|bint|abu|ben|y"
_ARABIC_PREFIXES = "al|el|ad|an|ar|as|ash|at|az|ud|ul|ez|es|bin|ibn|abu"
_MONTH_AND_DAY_NAMES = word_set(
    """january february march april may june july august september october november december monday tuesday
    wednesday thursday friday saturday sunday"""
)
# Characters that end a sentence or open a quotation: a word after them is sentence-initial.
_OPENERS = frozenset("“\"‘'([:;—–.!?…")

_UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x530)) if c.isupper() and c.isalpha() and c != "×")
# A capitalised word ("Aleppo", "Al-Qaeda", "O’Brien") or a dotted acronym ("U.S."). The pattern starts with
# a character class so the regex engine can skip ahead fast; what comes before a word (another letter, an
# Arabic article as in "al-Sham") is checked in ``_tokens``.
_TOKEN = re.compile(rf"[{_UPPER}](?:\.(?:[A-Z]\.)+|[^\W_]*(?:[-'’][{_UPPER}][^\W_]*)*)")
_ARABIC_ARTICLE = re.compile(rf"(?<![\w’'])(?:{_ARABIC_PREFIXES})-$")
_OF_GAP = re.compile(r" (?:of|for|on)(?: the)? ")
_PARTICLE_GAP = re.compile(rf" (?:{_PARTICLES}) ")
# No gap longer than " for the " (of _OF_GAP) joins two words into one name.
_LONGEST_JOINING_GAP = 9
_LEADING_PUNCTUATION = "\"“‘'([{—–-"
_SMALL_WORDS = word_set("a an the of in on at to for and or by with from as vs")
_ACRONYM_IN_PARENS = re.compile(r"\(((?:[A-Z]\.){2,}|[A-Z][A-Za-z&]*[A-Z])\)")
_POSSESSIVE = re.compile(r"'s?$")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def _basic(name: str) -> str:
    """Case-folded, possessive-free, single-spaced, without a leading "the"."""
    name = _POSSESSIVE.sub("", name.strip().replace("’", "'"))
    name = _SPACES.sub(" ", name.casefold())
    return name[4:] if name.startswith("the ") else name


def _plurals(name: str) -> list[str]:
    """ "Syrian" -> "Syrians", but not "Turkish"/"Chinese"/"Swiss", which have no plural in -s."""
    return [] if name.endswith(("ese", "ish", "ch", "ss", "sh", "s")) else [name + "s"]


def _load_words(name: str) -> frozenset[str]:
    text = read_data(name)
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


@lru_cache(maxsize=1)
def _gazetteer_text() -> str:
    """factcheck/data/gazetteer.txt, read once: the name table and the countries list both come from it."""
    return read_data("gazetteer.txt")


def _load_gazetteer() -> dict[str, tuple[str, str]]:
    """Basic form of each known name -> (label, canonical value)."""
    known: dict[str, tuple[str, str]] = {}
    for line in _gazetteer_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        label, name, *rest = line.split("|")
        entry = (label, rest[0] if rest else _basic(name))
        known[_basic(name)] = entry
        if label == "nationality":
            for plural in _plurals(name):
                known.setdefault(_basic(plural), entry)
    return known


GAZETTEER = _load_gazetteer()


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    """Canonical names in the gazetteer's countries section."""
    section = _gazetteer_text().split("# --- Countries", 1)[1].split("\n# ---", 1)[0]
    names = set()
    for line in section.splitlines():
        if line.startswith("place|"):
            _, name, *rest = line.split("|")
            names.add(rest[0] if rest else _basic(name))
    return frozenset(names)


def is_country(canonical: str) -> bool:
    return canonical in _countries()


COMMON_WORDS = _load_words("common_words.txt")


# The news agencies' abbreviations of US states ("Hope, Ark."), where a plain prefix would also match
# Kent / Kentucky or Sam / Samantha.
STATE_ABBREVIATIONS = {
    "ala": "alabama", "ariz": "arizona", "ark": "arkansas", "calif": "california", "colo": "colorado",
    "conn": "connecticut", "del": "delaware", "fla": "florida", "ga": "georgia", "ill": "illinois",
    "ind": "indiana", "kan": "kansas", "kans": "kansas", "ky": "kentucky", "la": "louisiana",
    "md": "maryland", "mass": "massachusetts", "mich": "michigan", "minn": "minnesota",
    "miss": "mississippi", "mo": "missouri", "mont": "montana", "neb": "nebraska", "nev": "nevada",
    "okla": "oklahoma", "ore": "oregon", "pa": "pennsylvania", "tenn": "tennessee", "tex": "texas",
    "vt": "vermont", "va": "virginia", "wash": "washington", "wis": "wisconsin", "wyo": "wyoming",
}  # fmt: skip

US_STATES = word_set(
    """alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho
    illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota
    mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah
    vermont virginia washington wisconsin wyoming"""
) | {
    "new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota", "rhode island",
    "south carolina", "south dakota", "west virginia",
}  # fmt: skip
# Postal and agency forms written with dots ("N.Y.", "W.Va."), keyed without them.
_STATE_INITIALS = word_set("nh nj nm ny nc nd ri sc sd wva dc")
# A legislator's party and state: "R-Colo.", "D-N.Y.".
_PARTY_STATE = re.compile(r"[RDI]-(?P<state>[A-Za-z.]+)")


def is_state(name: str) -> bool:
    """A US state as news agencies write it after a town: "Texas", "Wash.", "N.Y.", or a party and state,
    "R-Colo."."""
    party = _PARTY_STATE.fullmatch(name)
    if party:
        name = party.group("state")
    key = lower_case(name).replace(".", "")
    return key in US_STATES or key in STATE_ABBREVIATIONS or key in _STATE_INITIALS


@lru_cache(maxsize=65536)
def normalize_entity(name: str) -> str:
    """The form two mentions of one entity share: "the U.S." and "United States" -> "united states"."""
    basic = _basic(name)
    entry = GAZETTEER.get(basic) or GAZETTEER.get(basic.replace(".", ""))
    return entry[1] if entry else basic


def find_entities(text: str, offset: int = 0, taken: list[tuple[int, int]] | None = None) -> list[Fact]:
    """Every entity in ``text``, in order of position; words inside ``taken`` spans (dates) split names."""
    tokens = _tokens(text)
    if not tokens:
        return []
    headline = _is_headline(text, len(tokens))
    facts: list[Fact] = []
    for run in _runs(text, tokens, taken or ()):
        facts.extend(_run_entities(text, run, offset, headline))
    _inherit_acronym_labels(text, facts, offset)
    return facts


def _tokens(text: str) -> list[tuple[int, int]]:
    """Spans of the capitalised words of ``text``, each with its Arabic article ("al-Assad")."""
    spans = []
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        if start:
            before = text[start - 1]
            if before.isalnum() or before in "’'_$":
                continue  # inside a word ("iPhone", "McDonald") or a currency ("$US5")
            if before == "-":
                article = _ARABIC_ARTICLE.search(text, max(0, start - 5), start)
                if article:
                    start = article.start()
                    if start and text[start - 1] == "$":
                        continue
        if text.startswith("$", end):
            continue  # a currency: "US$5", "HK$3bn"
        if end - start <= _LONGEST_CLOCK_WORD and _is_clock_word(text, start, end):
            continue  # "0835 GMT", "7 PM": part of a time of day
        spans.append((start, end))
    return spans


_CLOCK_SUFFIXES = frozenset({"AM", "PM", "A.M.", "P.M."})
_LONGEST_CLOCK_WORD = max(map(len, TIME_ZONES | _CLOCK_SUFFIXES))


def _is_clock_word(text: str, start: int, end: int) -> bool:
    word = text[start:end]
    if word in TIME_ZONES:
        return True
    return word in _CLOCK_SUFFIXES and text[:start].rstrip()[-1:].isdigit()


def acronym_aliases(text: str) -> dict[str, str]:
    """Normalised acronym -> normalised long name, from "Long Name (ACRONYM)" in ``text``."""
    aliases: dict[str, str] = {}
    if "(" not in text:
        return aliases
    for match in _ACRONYM_IN_PARENS.finditer(text):
        letters = "".join(c for c in match.group(1) if c.isupper())
        name = _name_before(text, match.start(), letters)
        if name and normalize_entity(name) != normalize_entity(match.group(1)):
            aliases[normalize_entity(match.group(1))] = normalize_entity(name)
    return aliases


def _name_before(text: str, paren: int, letters: str) -> str | None:
    """The shortest run of capitalised words just before ``paren`` whose initials spell ``letters``."""
    head = text[max(0, paren - 120) : paren].rstrip()
    runs = _runs(head, _tokens(head))
    if not runs or runs[-1][-1][1] != len(head):
        return None
    run = runs[-1]
    for first in range(len(run) - 1, -1, -1):
        words = [head[s:e] for s, e in run[first:]]
        initials = "".join(_initial(w) for w in words)
        if initials.upper() == letters.upper():
            return head[run[first][0] : run[-1][1]]
        capitals = "".join(c for w in words for c in w if c.isupper())
        if capitals == letters and "".join(words) != letters:  # "GlaxoSmithKline (GSK)"
            return head[run[first][0] : run[-1][1]]
    return None


def _initial(word: str) -> str:
    """ "al-Sham" -> "S": the first capital, past an Arabic article."""
    return next((c for c in word if c.isupper()), word[0])


def _is_headline(text: str, capitalised: int) -> bool:
    """Headline case: almost every content word capitalised ("Death Toll and Airstrikes").

    A full stop at the end marks a sentence, however many names it holds ("Trump met Lavrov.").
    """
    if text.rstrip(" \t\n\"'”’)").endswith("."):
        return False
    lower = 0
    for word in text.split():
        word = word.lstrip(_LEADING_PUNCTUATION)
        if word and word[0].islower() and word not in _SMALL_WORDS:
            lower += 1
            if lower * 4 > capitalised:
                return False
    return True


def _runs(
    text: str, tokens: list[tuple[int, int]], taken: Sequence[tuple[int, int]] = ()
) -> list[list[tuple[int, int]]]:
    """Group name tokens into runs of one name each, split at dates and at month and weekday names."""
    runs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    # Dates start at a word, so a name word overlaps one only if it starts inside it.
    in_dates = {i for s, e in taken for i in range(s, e)}
    for start, end in tokens:
        if start in in_dates or lower_case(text[start:end]) in _MONTH_AND_DAY_NAMES:
            if current:
                runs.append(current)
            current = []
            continue
        if current and _joins(text, current, start, end):
            current.append((start, end))
        else:
            if current:
                runs.append(current)
            current = [(start, end)]
    if current:
        runs.append(current)
    return runs


def _joins(text: str, run: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether the token at start:end continues the name in ``run``."""
    prev_start, prev_end = run[-1]
    gap = text[prev_end:start]
    if gap == " " or gap == "\u00a0":
        return True
    if len(gap) > _LONGEST_JOINING_GAP:
        return False  # most capitalised words of a sentence are words apart
    previous = lower_case(text[prev_start:prev_end])
    if gap == ". ":
        return previous in TITLE_ABBREVIATIONS
    if gap == " & " or gap == "&":
        return True
    if _PARTICLE_GAP.fullmatch(gap):
        return True
    if _OF_GAP.fullmatch(gap):
        return previous in OF_HEADS
    if gap == " and ":
        return _basic(text[run[0][0] : end]) in GAZETTEER
    if gap == " at ":
        return previous in CAMPUS_HEADS  # "University of Texas at Austin", "State University at Stony Brook"
    return False


def _run_entities(text: str, run: list[tuple[int, int]], offset: int, headline: bool) -> list[Fact]:
    run = _drop_leading(text, run)
    if not run:
        return []
    if headline:
        return _known_names(text, run, offset)
    known = GAZETTEER.get(_basic(text[run[0][0] : run[-1][1]]))
    if known:
        return [_fact(text, run, offset, known[0])]
    facts: list[Fact] = []
    before, person = _split_title(text, run)
    if before:
        facts.extend(_segment(text, before, offset))
    if person:
        known = GAZETTEER.get(_basic(text[person[0][0] : person[-1][1]]))
        facts.append(_fact(text, person, offset, known[0] if known else "person"))
    return facts


def _drop_leading(text: str, run: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop "The", "Despite"... and, at a sentence start, common words ("Rebels", "State"), unless they
    open an organisation's name ("Air Transport Association", "State University at Stony Brook")."""
    first = run[0][0]
    initial: bool | None = None  # whether the run opens a sentence: looked at only for a common word
    while run:
        word = lower_case(text[run[0][0] : run[0][1]])
        if word in FUNCTION_WORDS:
            run = run[1:]
            continue
        if word in COMMON_WORDS:
            if initial is None:
                initial = _is_initial(text, first)
            if (
                initial
                and not _opens_organisation(text, run)
                and _basic(text[run[0][0] : run[-1][1]]) not in GAZETTEER
            ):
                run = run[1:]
                continue
        break
    return run


def _opens_organisation(text: str, run: list[tuple[int, int]]) -> bool:
    """An organisation word after the run's first word: "Air Transport Association"; but "(The) Police Chief
    Sam Reed" names a person, not the police."""
    return not ORG_WORDS.isdisjoint(lower_case(text[s:e]) for s, e in run[1:])


def _is_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i < 0 or text[i] in _OPENERS


def _known_names(text: str, run: list[tuple[int, int]], offset: int) -> list[Fact]:
    """In headline-case text keep only the gazetteer's names and acronyms, longest first."""
    facts = []
    i = 0
    while i < len(run):
        for size in range(min(4, len(run) - i), 0, -1):
            window = run[i : i + size]
            known = GAZETTEER.get(_basic(text[window[0][0] : window[-1][1]]))
            if known or (size == 1 and _is_acronym(text[window[0][0] : window[0][1]])):
                facts.append(_fact(text, window, offset, known[0] if known else "org"))
                i += size
                break
        else:
            i += 1
    return facts


def _split_title(
    text: str, run: list[tuple[int, int]]
) -> tuple[list[tuple[int, int]], list[tuple[int, int]] | None]:
    """Split "Russian Foreign Minister Sergei Lavrov" into ("Russian", "Sergei Lavrov"); titles dropped."""
    words = [lower_case(text[s:e]) for s, e in run]
    if not ORG_WORDS.isdisjoint(words):
        return run, None
    core = next((i for i, w in enumerate(words) if _is_title(w)), None)
    if core is None:
        return run, None
    first = core
    while first > 0 and words[first - 1] in TITLE_MODIFIERS:
        first -= 1
    last = core
    while last + 1 < len(run) and (_is_title(words[last + 1]) or words[last + 1] in TITLE_MODIFIERS):
        last += 1
    person = run[last + 1 :]
    if person and _OF_GAP.fullmatch(text[run[last][1] : person[0][0]]):
        person = []  # "Minister of Defence" names a post, not a person
    return run[:first], person or None


def _is_title(word: str) -> bool:
    """ "President", "Gen", "Secretary-General"."""
    return word in CORE_TITLES or ("-" in word and any(part in CORE_TITLES for part in word.split("-")))


def _segment(text: str, run: list[tuple[int, int]], offset: int) -> list[Fact]:
    """Facts for a title-free run: a leading nationality split off unless the whole is an organisation."""
    known = GAZETTEER.get(_basic(text[run[0][0] : run[-1][1]]))
    if known:
        return [_fact(text, run, offset, known[0])]
    words = [text[s:e] for s, e in run]
    lowered = [lower_case(w) for w in words]
    first = GAZETTEER.get(_basic(words[0]))
    if len(run) > 1 and first and first[0] == "nationality" and ORG_WORDS.isdisjoint(lowered):
        return [_fact(text, run[:1], offset, first[0]), *_segment(text, run[1:], offset)]
    if len(run) == 1 and (len(words[0]) < 2 or lowered[0] in NOT_NAMES):
        return []
    return [_fact(text, run, offset, _label(words, lowered))]


def _label(words: list[str], lowered: list[str]) -> str:
    if not ORG_WORDS.isdisjoint(lowered):
        return "org"
    if lowered[-1] in PLACE_WORDS:
        return "place"
    if len(words) == 1:
        return "org" if _is_acronym(words[0]) else "other"
    if len(words) <= 3 and all(_is_plain_name(w) for w in words):
        return "person"
    return "other"


def _is_plain_name(word: str) -> bool:
    """A word that can be part of a person's name: not known, not common, not an acronym."""
    return not (lower_case(word) in COMMON_WORDS or _basic(word) in GAZETTEER or _is_acronym(word))


def _is_acronym(word: str) -> bool:
    if word.isascii():
        # In ASCII every letter is cased: a word not isupper() has a lower-case letter or no letter at all.
        if not word.isupper():
            return False
        if word.isalpha():
            return len(word) >= 2
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _fact(text: str, run: list[tuple[int, int]], offset: int, label: str) -> Fact:
    start, end = run[0][0], run[-1][1]
    name = text[start:end]
    return Fact("entity", name, start + offset, end + offset, normalize_entity(name), key=label, label=label)


def _inherit_acronym_labels(text: str, facts: list[Fact], offset: int) -> None:
    """ "Hayat Tahrir al-Sham (HTS)": an unknown acronym takes the label of the name it abbreviates."""
    for i in range(1, len(facts)):
        fact, previous = facts[i], facts[i - 1]
        local = fact.start - offset
        if (
            fact.label != previous.label
            and _basic(fact.text) not in GAZETTEER
            and text[local - 1 : local] == "("
            and text[local + len(fact.text) : local + len(fact.text) + 1] == ")"
            and not text[previous.end - offset : local - 1].strip()
        ):
            # An entity's key is its label (``_fact``).
            facts[i] = Fact(
                "entity", fact.text, fact.start, fact.end, fact.value, key=previous.key, label=previous.label
            )
