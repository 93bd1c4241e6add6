"""Judge: decide whether aligned claims agree, and name what differs.

A group of claims from two or more sources is a ``discrepancy`` when facts of
the same kind and role differ, an ``agreement`` otherwise; a lone claim is
``unique``. Two routes find a conflict, both conservative because one false
alarm costs the reader's trust:

1. Keyed facts: quantities that count the same thing (same counted-noun key:
   deaths with deaths) and dates of the same granularity. Values conflict only
   when no value of one source is compatible with a value of the other, with
   qualifiers respected ("over 300" agrees with "more than 300" and with 310;
   "about 300" agrees with 310 within ``quantity_tolerance``; two different
   bounds conflict).
2. Swapped facts: where a word-level diff of two claims replaces a short
   stretch that is a fact on both sides (a number for a number, a place for a
   place), the two facts are in the same role; if they differ, that is a
   conflict even when nothing names what the number counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import combinations

from rapidfuzz import fuzz

from factcheck.casing import lower_case
from factcheck.facts import normalize_entity, qualifier_kind
from factcheck.facts.dates import is_deictic_day, relative_dates_agree
from factcheck.facts.entities import STATE_ABBREVIATIONS, is_country
from factcheck.facts.events import ANY_ACTOR, actor_class, contradictory, is_known_actor, scope_words
from factcheck.facts.numbers import THOUSANDS_SPACES, plain_digits
from factcheck.facts.quantities import OWN_KIND_KEYS
from factcheck.model import AgreedFact, Alignment, Claim, Discrepancy, Fact, Group, Status
from factcheck.read import source_order
from factcheck.settings import Settings
from factcheck.worddiff import WordDiff
from factcheck.words import TOKEN, is_content, stem

# Facts of one key, per source.
PerSource = dict[str, list[tuple[Claim, Fact]]]
# (key, name, facts per source) of a group's quantities, as ``_quantities_by_key`` gives them.
KeyedQuantities = tuple[str, str, PerSource]
# Events grouped by (action, normalised target), per source: see ``_events_by_key``.
EventKey = tuple[str, str]
PerSourceEvents = PerSource

# A replaced stretch longer than this is a rewording, not a swapped fact.
MAX_SWAP_TOKENS = 6
# Word-level similarity (difflib ratio) two claims need before their diff is read as swapped facts.
MIN_SWAP_SIMILARITY = 0.5
# Lower-cased word tokens of a claim with their offsets into the original text.
Tokens = tuple[tuple[str, int, int], ...]
# difflib's (tag, i1, i2, j1, j2) edits turning one claim's words into the other's.
Opcodes = tuple[tuple[str, int, int, int, int], ...]
COMPARABLE_ENTITY_LABELS = frozenset({"person", "place", "org", "nationality"})
COMPARABLE_DATE_KEYS = frozenset({"year", "day", "month", "monthday", "weekday", "relative"})
# Only these identify one event across loosely aligned claims; a weekday in each of two claims is
# usually two different events ("met on Thursday" / "documents released on Friday").
KEYED_DATE_KEYS = frozenset({"year", "day", "month", "monthday"})
# Names this similar (rapidfuzz ratio, 0-100) are spellings of one name: Raqa/Raqqa, Nicholas/Nicolas.
SAME_NAME_SIMILARITY = 80
# A vague amount ("dozens") covers figures up to this multiple of its floor.
VAGUE_SPAN = 50


def judge(
    alignment: Alignment,
    group_id: str,
    settings: Settings,
    aliases: dict[str, str],
    silent: tuple[str, ...] = (),
) -> Group:
    """The group of an alignment: its status, discrepancies and agreed facts; ``silent`` names the sources
    with no claim in it."""
    claim_ids = tuple(c.id for c in alignment.claims)
    if len({c.source for c in alignment.claims}) < 2:
        return Group(group_id, "unique", 0.0, claim_ids, silent=silent)
    by_key = _events_by_key(alignment.claims, aliases)
    quantities = list(_quantities_by_key(alignment.claims))  # read by both the conflicts and the agreement
    found = find_discrepancies(alignment.claims, settings, aliases, alignment.score, by_key, quantities)
    status: Status = "discrepancy" if found else "agreement"
    agreed = tuple(agreed_facts(alignment.claims, found, settings, aliases, by_key, quantities))
    return Group(
        group_id,
        status,
        alignment.score,
        claim_ids,
        tuple(found),
        alignment.matched,
        silent=silent,
        agreed=agreed,
    )


def find_discrepancies(
    claims: tuple[Claim, ...],
    settings: Settings,
    aliases: dict[str, str],
    score: float = 1.0,
    by_key: dict[EventKey, PerSourceEvents] | None = None,
    quantities: list[KeyedQuantities] | None = None,
) -> list[Discrepancy]:
    """Every conflict among the claims; ``by_key`` is their events as ``_events_by_key`` groups them, and
    ``quantities`` their quantities as ``_quantities_by_key`` gives them."""
    if by_key is None:
        by_key = _events_by_key(claims, aliases)
    reported: set[tuple[str, int]] = set()
    found = keyed_quantity_conflicts(claims, settings, reported, score, quantities)
    if _one_happening(claims, by_key):
        found += keyed_date_conflicts(claims, reported)
    events = event_conflicts(claims, aliases, score, by_key)
    found += events
    for left, right in combinations(claims, 2):
        if left.source != right.source:
            found += swapped_fact_conflicts(left, right, settings, aliases, reported)
            edited = edited_polarity_or_scope(left, right)
            found += [d for d in edited if not any(e.type == d.type for e in events)]
    return _without_restated(found, events)


def _one_happening(claims: tuple[Claim, ...], by_key: dict[EventKey, PerSourceEvents]) -> bool:
    """Whether the group's dates are dates of one thing: the claims are near copies, or they report the
    same event ("a 1976 law" and "the 2001 attacks" are two years of two things)."""
    if any(_near_copy(a, b) is not None for a, b in combinations(claims, 2) if a.source != b.source):
        return True
    return any(target and len(per_source) > 1 for (_, target), per_source in by_key.items())


def _without_restated(found: list[Discrepancy], events: list[Discrepancy]) -> list[Discrepancy]:
    """A swapped name that an event conflict already names (its actor) is the same finding: keep one."""
    event_values = [set(map(str.lower, d.values.values())) for d in events]
    kept = []
    for item in found:
        if item.type == "entity" and any(
            all(
                any(lower_case(v) in ev or ev in lower_case(v) for ev in values) for v in item.values.values()
            )
            for values in event_values
        ):
            continue
        kept.append(item)
    return kept


def quantities_compatible(a: Fact, b: Fact, tolerance: float) -> bool:
    """Whether two counts of the same thing can both be true, qualifiers considered."""
    x, y = float(a.value or 0), float(b.value or 0)
    if x == y or _rounded(a, b, tolerance) or _rounded(b, a, tolerance):
        return True
    kind_a, kind_b = qualifier_kind(a.qualifier), qualifier_kind(b.qualifier)
    if "vague" in (kind_a, kind_b):
        if kind_a == kind_b:
            return False
        floor, other = (x, y) if kind_a == "vague" else (y, x)
        return floor <= other < floor * VAGUE_SPAN
    if "approx" in (kind_a, kind_b):
        bound_kind, bound, approx = (kind_b, y, x) if kind_a == "approx" else (kind_a, x, y)
        if bound_kind in ("min", "max"):
            # "at least 29" / "some three dozen": the rough figure may lie within the bound.
            return _within_bound(
                bound_kind, bound, approx * (1 + (tolerance if bound_kind == "min" else -tolerance))
            )
        return abs(x - y) <= tolerance * max(abs(x), abs(y))
    if kind_a is not None and kind_b is not None:
        # Two different bounds for one count: an editor must see both figures.
        return False
    return _within_bound(kind_a, x, y) or _within_bound(kind_b, y, x)


_MANTISSA = re.compile(rf"\d(?:[\d,]|[{THOUSANDS_SPACES}](?=\d))*(?:\.(\d+))?")


def _rounded(coarse: Fact, fine: Fact, tolerance: float) -> bool:
    """ "$114 million" / "$114.3 million", "1.2 percent" / "1.23 percent", "1,121" / "1,121.96": the same
    figure given to fewer decimals (rounded or cut) is no conflict."""
    coarse_digits, fine_digits = _MANTISSA.search(coarse.text), _MANTISSA.search(fine.text)
    if not coarse_digits or not fine_digits:
        return False
    coarse_places = len(coarse_digits.group(1) or "")
    fine_places = len(fine_digits.group(1) or "")
    coarse_number = float(plain_digits(coarse_digits.group()))
    fine_number = float(plain_digits(fine_digits.group()))
    if not coarse_number or not fine_number:
        return False
    coarse_scale = float(coarse.value or 0) / coarse_number
    fine_scale = float(fine.value or 0) / fine_number
    if coarse_scale > fine_scale * (1 + 1e-9):
        # "$43 million" / "$43,885,310", "$1.5 million" / "$1,512,000": a figure written in millions is
        # precise to the million (or to its last decimal of a million).
        # Only while the cut is small beside the figure: "$1 billion" / "$1,900,000,000" conflict.
        step = coarse_scale * 10.0**-coarse_places
        rough, exact = float(coarse.value or 0), float(fine.value or 0)
        return _within_step(rough, exact, step) and abs(exact - rough) <= tolerance * abs(exact)
    if coarse_places >= fine_places:
        return False
    # Same scale ("million" on both sides): the written figures, not the values, carry the precision.
    if abs(coarse_scale - fine_scale) > 1e-9 * max(1.0, abs(fine_scale)):
        return False
    step = 10.0**-coarse_places
    return abs(round(fine_number, coarse_places) - coarse_number) < step / 2 or (
        0 <= fine_number - coarse_number < step
    )


def _within_step(coarse: float, fine: float, step: float) -> bool:
    """Whether ``fine`` rounds or cuts to ``coarse`` at a precision of ``step``."""
    return abs(round(fine / step) * step - coarse) < step / 2 or 0 <= fine - coarse < step


def _within_bound(kind: str | None, bound: float, exact: float) -> bool:
    if kind == "min":
        return exact >= bound
    if kind == "max":
        return exact <= bound
    return False


def keyed_quantity_conflicts(
    claims: tuple[Claim, ...],
    settings: Settings,
    reported: set[tuple[str, int]],
    score: float = 1.0,
    quantities: list[KeyedQuantities] | None = None,
) -> list[Discrepancy]:
    found = []
    for key, name, per_source in _quantities_by_key(claims) if quantities is None else quantities:
        if len(per_source) < 2 or _lengths_of_several_things(key, per_source, score):
            continue
        if not _sources_conflict(per_source, settings.quantity_tolerance):
            continue
        found.append(
            _discrepancy(
                "quantity",
                per_source,
                _count_explanation(name, per_source),
                fact=name,
                tolerance=settings.quantity_tolerance,
            )
        )
        _mark(per_source, reported)
    return found


# What befell a count of people (``Fact.label``), as it reads in a fact's name.
_FATE_NAMES = {"death": "killed", "injur": "injured"}


def _quantities_by_key(claims: tuple[Claim, ...]) -> Iterator[KeyedQuantities]:
    """(key, name, facts per source) of the claims' quantities that have a key.

    Counts of people are split by what befell them when every one of them says ("killing three people",
    "dozens of people were injured": the dead and the injured are two counts); one count whose fate was not
    read keeps them together, compared as any counts of people are.
    """
    for key, per_source in _facts_by_key(claims, "quantity", lambda f: bool(f.key)).items():
        fates = _read_fates(key, per_source)
        if not fates:
            yield key, _count_name(key, per_source), per_source
            continue
        for fate in sorted(fates):
            split = {s: [(c, f) for c, f in facts if f.label == fate] for s, facts in per_source.items()}
            split = {s: facts for s, facts in split.items() if facts}
            yield key, _count_name(key, split), split


def _read_fates(key: str, per_source: PerSource) -> set[str]:
    """What befell the counted people (``Fact.label``), when every count of people here says; else none."""
    if key != "peopl":
        return set()
    fates = {f.label for facts in per_source.values() for _, f in facts}
    return set() if None in fates else {str(fate) for fate in fates}


def _lengths_of_several_things(
    key: str, per_source: dict[str, list[tuple[Claim, Fact]]], score: float
) -> bool:
    """Lengths of time and ages that need not measure one thing.

    Such a figure says what it measures but not of what: in a loose group one source's "three weeks" of
    funding meets the other's "35 days" of shutdown, and a source naming a month and a day, or two
    victims' ages, is about several things. They are compared one against one in a close alignment
    ("sentenced to 10 years" / "a 12-year prison sentence", "a 47-year-old" / "a 52-year-old"); a near
    copy still pairs them by position."""
    if key != "duration" and not key.endswith("-old"):
        return False
    several = any(len({float(f.value or 0) for _, f in facts}) > 1 for facts in per_source.values())
    return several or score < CLOSE_ALIGNMENT


def keyed_date_conflicts(claims: tuple[Claim, ...], reported: set[tuple[str, int]]) -> list[Discrepancy]:
    found = []
    keyed = {
        (c.id, f.start) for c in claims for f in c.facts if f.type == "date" and f.key in KEYED_DATE_KEYS
    }
    keyed -= _publication_relative(claims)
    for key, per_source in _facts_by_key(claims, "date", lambda f: f.key in KEYED_DATE_KEYS).items():
        per_source = _only(per_source, keyed)

        single_values = [{str(f.value) for _, f in facts} for facts in per_source.values()]
        # A claim naming several years is about several things; compare only one date against one date.
        if len(per_source) < 2 or any(len(values) != 1 for values in single_values):
            continue
        if len(set.union(*single_values)) > 1:
            found.append(
                _discrepancy("date", per_source, f"different {key}: {_values_line(per_source)}", fact=key)
            )
            _mark(per_source, reported)
    return found


def _only(
    per_source: dict[str, list[tuple[Claim, Fact]]], kept: set[tuple[str, int]]
) -> dict[str, list[tuple[Claim, Fact]]]:
    """``per_source`` with only the facts named in ``kept`` (by claim id and start), empty sources dropped."""
    out = {s: [(c, f) for c, f in facts if (c.id, f.start) in kept] for s, facts in per_source.items()}
    return {s: facts for s, facts in out.items() if facts}


def _facts_by_key(
    claims: tuple[Claim, ...], fact_type: str, keep
) -> dict[str, dict[str, list[tuple[Claim, Fact]]]]:
    grouped: dict[str, dict[str, list[tuple[Claim, Fact]]]] = {}
    for claim in claims:
        for fact in claim.facts:
            if fact.type == fact_type and keep(fact):
                grouped.setdefault(fact.key, {}).setdefault(claim.source, []).append((claim, fact))
    return grouped


def _sources_conflict(per_source: dict[str, list[tuple[Claim, Fact]]], tolerance: float) -> bool:
    """True when some two sources have no compatible pair of values for this count."""
    for left, right in combinations(per_source.values(), 2):
        if not any(quantities_compatible(a, b, tolerance) for _, a in left for _, b in right):
            return True
    return False


def swapped_fact_conflicts(
    left: Claim, right: Claim, settings: Settings, aliases: dict[str, str], reported: set[tuple[str, int]]
) -> list[Discrepancy]:
    """Conflicts where a diff of the two claims swaps one fact for another of the same kind."""
    opcodes = _near_copy(left, right)
    # Only a near copy has a reliable word-for-word correspondence; a free rewording pairs unrelated stretches.
    if opcodes is None:
        return []
    left_tokens, right_tokens = _tokens(left), _tokens(right)
    found = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag != "replace" or max(i2 - i1, j2 - j1) > MAX_SWAP_TOKENS or not _flanked(opcodes, index):
            continue
        left_facts = _judged_facts(left, _facts_in(left, left_tokens[i1:i2]))
        right_facts = _judged_facts(right, _facts_in(right, right_tokens[j1:j2]))
        exact = _only_names(left_facts, left_tokens[i1:i2]) and _only_names(right_facts, right_tokens[j1:j2])
        conflict = _swap_conflict(left_facts, right_facts, settings, aliases, exact)
        if conflict is None:
            continue
        fact_type, a, b = conflict
        if (left.id, a.start) in reported or (right.id, b.start) in reported:
            continue
        if fact_type == "entity" and (_names_entity(right, a, aliases) or _names_entity(left, b, aliases)):
            continue  # "Britain, ... and Spain" / "Spain and Britain": a list reordered, not a name swapped
        if fact_type == "date" and _states_date(right, a) and _states_date(left, b):
            continue  # "2002, 2001 and 2000" / "2000, 2001 and 2002": the same years in another order
        per_source = {left.source: [(left, a)], right.source: [(right, b)]}
        role = _role(fact_type, a)
        found.append(
            _discrepancy(
                fact_type,
                per_source,
                f"different {role}: {_values_line(per_source)}",
                fact=_count_name(a.key, per_source) if fact_type == "quantity" else role,
            )
        )
        _mark(per_source, reported)
    return found


def _only_names(facts: list[Fact], tokens: Tokens) -> bool:
    """Whether the replaced words are exactly one name (nothing else changed around it)."""
    names = [f for f in facts if f.type == "entity"]
    return (
        len(names) == 1 and bool(tokens) and names[0].start <= tokens[0][1] and tokens[-1][2] <= names[0].end
    )


def _names_entity(claim: Claim, entity: Fact, aliases: dict[str, str]) -> bool:
    """Whether ``claim`` also names ``entity`` somewhere."""
    name = aliases.get(str(entity.value), str(entity.value))
    return any(
        f.type == "entity" and _same_name(aliases.get(str(f.value), str(f.value)), name) for f in claim.facts
    )


def _states_date(claim: Claim, date: Fact) -> bool:
    """Whether ``claim`` also gives ``date`` somewhere."""
    return any(f.type == "date" and f.key == date.key and f.value == date.value for f in claim.facts)


def _judged_facts(claim: Claim, facts: list[Fact]) -> list[Fact]:
    """The facts of the event a claim reports, without who said it and when.

    Who a fact is attributed to ("told AFP" / "told Reuters") is never a conflict, nor is when it was
    said ("officials said Tuesday" / "said Wednesday": outlets quote different briefings), nor a day
    named relative to each outlet's own publication ("today" / "yesterday").
    """
    spans = [(f.start, f.end) for f in claim.facts if f.type == "attribution"]
    return [
        f
        for f in facts
        if f.type == "attribution"
        or not (any(f.start < e and f.end > s for s, e in spans) or is_publication_relative(claim, f))
    ]


_STATEMENT_BEFORE = re.compile(
    r"\b(?:said|says|added|stated|reported)"
    r"(?:\s+(?:in|at|during)\s+(?:an?|the|her|his|their)\s+(?:interview|statement|news conference|briefing))?"
    r"\s+(?:on\s+)?$",
    re.IGNORECASE,
)


def _publication_relative(claims: tuple[Claim, ...]) -> set[tuple[str, int]]:
    """(claim id, start) of the claims' dates that date the telling (only dates can)."""
    return {
        (c.id, f.start) for c in claims for f in c.facts if f.type == "date" and is_publication_relative(c, f)
    }


def is_publication_relative(claim: Claim, fact: Fact) -> bool:
    """A date that dates the telling, not the event: "said Tuesday", "said on Friday", "today"."""
    if fact.type != "date":
        return False
    if is_deictic_day(fact):
        return True
    before = claim.text[max(0, fact.start - claim.start - 30) : fact.start - claim.start]
    return bool(_STATEMENT_BEFORE.search(before))


def _flanked(opcodes: Opcodes, index: int) -> bool:
    """A swap is only trusted between unchanged words (or the claim's edge) on both sides."""
    before = index == 0 or opcodes[index - 1][0] == "equal"
    after = index == len(opcodes) - 1 or opcodes[index + 1][0] == "equal"
    return before and after


def _swap_conflict(
    left_facts: list[Fact],
    right_facts: list[Fact],
    settings: Settings,
    aliases: dict[str, str],
    exact_swap: bool = False,
) -> tuple[str, Fact, Fact] | None:
    for a in left_facts:
        if a.type == "quantity":
            counts = [b for b in right_facts if b.type == "quantity" and _same_count(a, b)]
            # A figure swapped for another conflicts only when no figure on the other side can be it:
            # "three-to-one" / "3-1" pairs 3 with 3, not 3 with 1.
            if counts and not any(quantities_compatible(a, b, settings.quantity_tolerance) for b in counts):
                return ("quantity", a, counts[0])
            continue
        for b in right_facts:
            if a.type != b.type:
                continue
            if a.type == "date" and a.key == b.key and a.key in COMPARABLE_DATE_KEYS and not _same_date(a, b):
                return ("date", a, b)
            if a.type == "entity" and _entities_differ(a, b, aliases, exact_swap):
                return ("entity", a, b)
    return None


def _same_date(a: Fact, b: Fact) -> bool:
    if a.key == "relative":
        return relative_dates_agree(str(a.value), str(b.value))
    return a.value == b.value


def _same_count(a: Fact, b: Fact) -> bool:
    """Counts of named things compare only when they count the same thing; unnamed counts by position,
    but never with a measure that only describes a noun ("a two-month slump", "an 8-ounce bottle")."""
    if a.key and b.key:
        # People killed and people injured are two counts, when both say (``Fact.label``).
        return a.key == b.key and (a.label is None or b.label is None or a.label == b.label)
    keyed, bare = (a, b) if a.key else (b, a)
    if not keyed.key:
        return True
    # A percentage is a share, and a count in words a count: "only six" / "only 1.5 percent". A bare
    # figure in digits may be the same level with its unit dropped ("rose to 7.4" / "to 5.2 percent").
    in_words = not any(c.isdigit() for c in bare.text)
    own_kind = keyed.key.startswith(OWN_KIND_KEYS)  # "1 in 3" / "3": not one figure
    return not (_is_measure_modifier(keyed) or own_kind or (keyed.key == "percent" and in_words))


def _is_measure_modifier(fact: Fact) -> bool:
    return bool(fact.unit) and lower_case(fact.text).endswith("-" + lower_case(str(fact.unit)))


def _entities_differ(a: Fact, b: Fact, aliases: dict[str, str], exact_swap: bool = False) -> bool:
    if not _labels_comparable(a.label, b.label, exact_swap):
        return False
    name_a, name_b = str(a.value), str(b.value)
    name_a, name_b = aliases.get(name_a, name_a), aliases.get(name_b, name_b)
    # "Greece" / "Athens": a country and a place that may lie in it are different scales, not a conflict.
    if {a.label, b.label} <= {"place", "other"} and is_country(name_a) != is_country(name_b):
        return False
    return not _same_name(name_a, name_b)


def _skeleton(name: str) -> str:
    """Transliterations differ in vowels, doubled letters and a final h: Hasaka/Hasakeh, Raqa/Raqqa."""
    name = _FINAL_H.sub("", lower_case(name))
    name = _VOWELS.sub("a", name)
    return _DOUBLED.sub(r"\1", name)


# Compiled once: a pattern given as a string is looked up in re's cache at every call.
_FINAL_H, _VOWELS, _DOUBLED = re.compile(r"h\b"), re.compile(r"[aeiouy]+"), re.compile(r"(.)\1+")


def _same_name(a: str, b: str) -> bool:
    """One name in two spellings, or a full name and its short form (Mike Butcher / Butcher)."""
    a, b = _common_spelling(a), _common_spelling(b)
    if a == b or fuzz.ratio(a, b) >= SAME_NAME_SIMILARITY or _skeleton(a) == _skeleton(b):
        return True
    if _acronym_of(a, b) or _acronym_of(b, a):
        return True
    if _short_form(a.split(), b.split()):
        return True
    words_a, words_b = _name_words(a), _name_words(b)
    return bool(words_a) and bool(words_b) and (words_a <= words_b or words_b <= words_a)


# Given names and their usual short forms, where the short form is no prefix of the name.
DIMINUTIVES = {
    "zack": "zachary", "mike": "michael", "bill": "william", "billy": "william", "bob": "robert",
    "bobby": "robert", "jim": "james", "jimmy": "james", "dick": "richard", "rick": "richard",
    "joe": "joseph", "ted": "edward", "ned": "edward", "nick": "nicholas", "tony": "anthony",
    "liz": "elizabeth", "beth": "elizabeth", "betty": "elizabeth", "kate": "katherine", "kathy": "katherine",
    "peggy": "margaret", "maggie": "margaret", "chuck": "charles", "hank": "henry", "jack": "john",
    "larry": "lawrence", "andy": "andrew", "jerry": "gerald", "steve": "stephen", "dave": "david",
    "sandy": "alexandra", "sasha": "alexander", "jenny": "jennifer", "sue": "susan", "peg": "margaret",
}  # fmt: skip


def _short_form(a: list[str], b: list[str]) -> bool:
    """Word by word one name, some words shortened: "Ark" / "Arkansas", "Zack Barth" / "Zachary Barth"
    (tables only: a plain prefix would make Kent / Kentucky and Sam / Samantha one name)."""
    if len(a) != len(b) or a == b:
        return False
    return all(x == y or _shortens(x, y) or _shortens(y, x) for x, y in zip(a, b, strict=True))


def _shortens(short: str, full: str) -> bool:
    return DIMINUTIVES.get(short) == full or STATE_ABBREVIATIONS.get(short) == full


# One country, one street, one saint, written out or abbreviated inside a longer name.
_NAME_SPELLINGS = {
    "united states": "us",
    "united states of america": "us",
    "usa": "us",
    "united kingdom": "uk",
    "street": "st",
    "saint": "st",
    "mount": "mt",
    "fort": "ft",
}
_NAME_SPELLING = re.compile(r"\b(?:" + "|".join(sorted(_NAME_SPELLINGS, key=len, reverse=True)) + r")\b")


def _common_spelling(name: str) -> str:
    """Lower case, no dots (I.R.S. / IRS), and the short form of words written two ways in names."""
    name = lower_case(name).replace(".", "")
    return _NAME_SPELLING.sub(lambda m: _NAME_SPELLINGS[m.group()], name) if " " in name else name


_ACRONYM_SKIP = frozenset({"of", "the", "and", "&", "for", "de", "on"})


def _acronym_of(short: str, long: str) -> bool:
    """ "dnc" / "democratic national committee", "s&p" / "standard & poor": initials, small words skipped."""
    letters = short.replace("&", "").replace(" ", "")
    words = [w for w in long.replace("-", " ").split() if w not in _ACRONYM_SKIP]
    if not 2 <= len(letters) <= 6 or len(words) < 2:
        return False
    initials = "".join(w[0] for w in words)
    # A short word may be an acronym itself and give all its letters: "UC San Diego" / "UCSD".
    spelled = "".join(w if len(w) <= 2 else w[0] for w in words)
    return any(i.startswith(letters) or letters.startswith(i) for i in (initials, spelled))


# Titles are no part of who a name is: "Miss Stewart" / "Martha Stewart", "Mr. Comey" / "Comey".
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "madam", "mme"})


# A company's legal form is no part of which company it is: "Sprint Corp." / "Sprint".
COMPANY_SUFFIXES = frozenset(
    {"corp", "corporation", "inc", "incorporated", "co", "ltd", "limited", "plc", "llc", "ag", "sa", "group",
     "holdings"}
)  # fmt: skip


def _known_canonical(word: str) -> str:
    canonical = normalize_entity(word)
    return canonical if canonical != word and " " not in word else word


def _name_words(name: str) -> set[str]:
    """Words of a name without a possessive or plural s, so "Kohls" / "Kohl's" / "Kohl" are one word."""
    words = [w for w in name.replace("-", " ").split() if w.rstrip(".") not in HONORIFICS]
    # One group under two of its names, inside a longer mention: "Takfiri ISIL" / "Daesh".
    words = [part for w in words for part in _known_canonical(w).split()]
    if len(words) > 1 and lower_case(words[-1].rstrip(".")) in COMPANY_SUFFIXES:
        words = words[:-1]
    return {w.removesuffix("'s").removesuffix("’s").rstrip("s") or w for w in words}


def _labels_comparable(a: str | None, b: str | None, exact_swap: bool = False) -> bool:
    """Two names of one known kind (two places, two people). A name of unknown kind ("other") may stand in
    a known one's role only where one name is exactly swapped for the other ("the Detroit police" / "the
    Troy police"); in a looser rewording ("the White House" / "Bush", "Kansas law" / "Kline noted") two
    kinds of name are as often a rewording as a conflict."""
    if a == b:
        return a in COMPARABLE_ENTITY_LABELS or (exact_swap and a == "other")
    known = {a, b} - {"other"}
    return exact_swap and len(known) == 1 and known <= COMPARABLE_ENTITY_LABELS - {"nationality"}


def _tokens(claim: Claim) -> Tokens:
    """Lower-cased tokens with offsets into the original text."""
    return _tokens_at(claim.text, claim.start)


# A claim is diffed against every other member of its group, twice (swaps, then polarity/scope).
@lru_cache(maxsize=4096)
def _tokens_at(text: str, start: int) -> Tokens:
    return tuple((lower_case(m.group()), start + m.start(), start + m.end()) for m in TOKEN.finditer(text))


def _words(claim: Claim) -> tuple[str, ...]:
    return _words_at(claim.text, claim.start)


@lru_cache(maxsize=16384)
def _words_at(text: str, start: int) -> tuple[str, ...]:
    # The words of ``_tokens_at`` without their offsets: most claims are only ever tested as near copies
    # (which needs the words alone), and findall builds no match objects.
    return tuple([lower_case(word) for word in TOKEN.findall(text)])


def _near_copy(left: Claim, right: Claim) -> Opcodes | None:
    """The word diff of two claims (difflib's opcodes), or None when they are not near copies (ratio <
    MIN_SWAP_SIMILARITY).

    ``quick_ratio`` (multiset overlap) is an upper bound of ``ratio``: most aligned claims are
    rewordings, and it turns them away without the quadratic longest-match search.
    """
    return _near_copy_at(left.text, left.start, right.text, right.start)


# One pair of claims is asked about up to four times per group (dates, swaps, polarity, actors). The
# opcodes are kept, not the matcher: a tuple of numbers, where a matcher holds a list per distinct word
# for the garbage collector to walk (~20 objects per cached pair).
@lru_cache(maxsize=4096)
def _near_copy_at(left_text: str, left_start: int, right_text: str, right_start: int) -> Opcodes | None:
    left, right = _words_at(left_text, left_start), _words_at(right_text, right_start)
    if _quickly_too_different(left, right):
        return None
    diff = WordDiff(left, right)
    if diff.ratio() < MIN_SWAP_SIMILARITY:
        return None
    return diff.opcodes()


def _quickly_too_different(left: tuple[str, ...], right: tuple[str, ...]) -> bool:
    """``SequenceMatcher.quick_ratio() < MIN_SWAP_SIMILARITY``, computed as difflib does, without building
    a matcher (its index of the right side) for the two pairs in three it turns away."""
    total = len(left) + len(right)
    if not total:
        return False  # difflib rates two empty sequences 1.0
    # real_quick_ratio (shorter over total), an upper bound of quick_ratio, may already be too low.
    if 2.0 * min(len(left), len(right)) / total < MIN_SWAP_SIMILARITY:
        return True
    # Shared words counted as difflib does (each word of the right side used once): per distinct word, the
    # fewer of its two counts. A claim's counts are kept: it meets every claim of the other article.
    fewer, more = _word_counts(left), _word_counts(right)
    if len(more) < len(fewer):
        fewer, more = more, fewer
    shared = 0
    for word, mine in fewer.items():  # the smaller side's words looked up in the other's
        theirs = more.get(word, 0)
        shared += mine if mine < theirs else theirs
    return 2.0 * shared / total < MIN_SWAP_SIMILARITY


@lru_cache(maxsize=16384)
def _word_counts(words: tuple[str, ...]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for word in words:
        counts[word] = counts.get(word, 0) + 1
    return counts


def _facts_in(claim: Claim, tokens: Tokens) -> list[Fact]:
    if not tokens:
        return []
    start, end = tokens[0][1], tokens[-1][2]
    return [f for f in claim.facts if f.start < end and f.end > start]


def _discrepancy(
    fact_type: str,
    per_source: dict[str, list[tuple[Claim, Fact]]],
    explanation: str,
    fact: str = "",
    tolerance: float = 0.0,
) -> Discrepancy:
    values = _values(per_source)
    majority = _majority(per_source, tolerance) if fact_type == "quantity" else _majority_by_text(values)
    return Discrepancy(fact_type, values, explanation, fact=fact or fact_type, majority=majority)


def _majority_by_text(values: dict[str, str]) -> tuple[str, ...]:
    clusters: dict[str, list[str]] = {}
    for source, value in values.items():
        clusters.setdefault(" ".join(lower_case(value).split()), []).append(source)
    return _largest(list(clusters.values()))


def _by_source(item: tuple[str, object]) -> tuple[int, str]:
    """Sort key of (source id, value) items in the sources' order."""
    return source_order(item[0])


def _majority(per_source: dict[str, list[tuple[Claim, Fact]]], tolerance: float) -> tuple[str, ...]:
    """Sources whose values are all compatible with one another, when they outnumber every other such set."""
    clusters: list[list[str]] = []
    for source in sorted(per_source, key=source_order):
        for cluster in clusters:
            if all(
                _compatible_sources(per_source[source], per_source[other], tolerance) for other in cluster
            ):
                cluster.append(source)
                break
        else:
            clusters.append([source])
    return _largest(clusters)


def _compatible_sources(
    left: list[tuple[Claim, Fact]], right: list[tuple[Claim, Fact]], tolerance: float
) -> bool:
    return any(quantities_compatible(a, b, tolerance) for _, a in left for _, b in right)


def _largest(clusters: list[list[str]]) -> tuple[str, ...]:
    """The biggest cluster when it is strictly bigger than every other and holds two or more sources."""
    sizes = sorted((len(c) for c in clusters), reverse=True)
    if not sizes or sizes[0] < 2 or (len(sizes) > 1 and sizes[0] == sizes[1]):
        return ()
    biggest = max(clusters, key=len)
    return tuple(sorted(biggest))


def _values(per_source: dict[str, list[tuple[Claim, Fact]]]) -> dict[str, str]:
    values = {}
    for source in sorted(per_source, key=source_order):
        texts = list(dict.fromkeys(_shown(f) for _, f in per_source[source]))
        values[source] = ", ".join(texts)
    return values


def _shown(fact: Fact) -> str:
    """A fact as the report quotes it: its text, and for odds the base it is out of ("1" -> "1 in 3")."""
    if fact.type == "quantity" and (fact.key or "").startswith("odds:") and fact.unit:
        return f"{fact.text} {fact.unit}"
    return fact.text


def _values_line(per_source: dict[str, list[tuple[Claim, Fact]]]) -> str:
    return values_line(_values(per_source))


def values_line(values: dict[str, str]) -> str:
    """ "A, C: over 300 deaths; B: 200 deaths": sources that say the same thing share one entry."""
    by_value: dict[str, list[str]] = {}
    for source, value in values.items():
        by_value.setdefault(value, []).append(source)
    return "; ".join(f"{', '.join(sources)}: {value}" for value, sources in by_value.items())


def _count_name(key: str, per_source: dict[str, list[tuple[Claim, Fact]]]) -> str:
    if key.startswith("odds:"):
        return "odds"  # "different odds: A: 1 in 3; B: two in 3", not "different counts of in 3"
    name = next((f.unit for facts in per_source.values() for _, f in facts if f.unit), None) or key
    fates = _read_fates(key, per_source)
    return f"{name} {_FATE_NAMES[fates.pop()]}" if len(fates) == 1 else name  # "people killed"


def _count_explanation(name: str, per_source: dict[str, list[tuple[Claim, Fact]]]) -> str:
    line = f"different {name if name == 'odds' else 'counts of ' + name}: {_values_line(per_source)}"
    bounded = any(qualifier_kind(f.qualifier) == "min" for facts in per_source.values() for _, f in facts)
    return line + " (a lower bound may be an earlier toll, since updated)" if bounded else line


def _role(fact_type: str, fact: Fact) -> str:
    if fact_type == "entity":
        return {
            "place": "places",
            "org": "organisations",
            "person": "people",
            "nationality": "countries",
        }.get(fact.label or "", "names")
    if fact_type == "date":
        return fact.key or "dates"
    return "figures"


def _mark(per_source: dict[str, list[tuple[Claim, Fact]]], reported: set[tuple[str, int]]) -> None:
    for facts in per_source.values():
        for claim, fact in facts:
            reported.add((claim.id, fact.start))


# --- Events: who did what to whom, denied or not, to how much of the target -------------------------------


def _events_by_key(claims: tuple[Claim, ...], aliases: dict[str, str]) -> dict[EventKey, PerSourceEvents]:
    """Events grouped by (action, normalised target); events with no target are keyed by action alone."""
    grouped: dict[EventKey, PerSourceEvents] = {}
    for claim in claims:
        for fact in claim.facts:
            if fact.type == "event":
                key = (str(fact.value), _target_key(claim, fact, aliases))
                grouped.setdefault(key, {}).setdefault(claim.source, []).append((claim, fact))
    return grouped


def _target_key(claim: Claim, event: Fact, aliases: dict[str, str]) -> str:
    if not event.target:
        return ""
    for fact in claim.facts:
        if fact.text == event.target and fact.type == "quantity":
            return f"{fact.value} {fact.key}"
    name = normalize_entity(event.target)
    return aliases.get(name, name)


# Alignment score above which two claims are taken to tell one event even when worded apart.
CLOSE_ALIGNMENT = 0.75


def _closely_related(per_source: PerSourceEvents, score: float) -> bool:
    """Whether the claims telling these events are one account: near copies, or a strong alignment. Who
    did something is read from a few words before a verb; in a loose group that reading is too often of
    another sentence's event to call a different actor a conflict."""
    if score >= CLOSE_ALIGNMENT:
        return True
    firsts = [events[0][0] for events in per_source.values()]
    return any(_near_copy(a, b) is not None for a, b in combinations(firsts, 2))


def event_conflicts(
    claims: tuple[Claim, ...],
    aliases: dict[str, str],
    score: float = 1.0,
    by_key: dict[EventKey, PerSourceEvents] | None = None,
) -> list[Discrepancy]:
    """Different actors, a denial, a different scope, or a contradicting action for one event."""
    if by_key is None:
        by_key = _events_by_key(claims, aliases)
    found: list[Discrepancy] = []
    for (action, target), per_source in by_key.items():
        if len(per_source) < 2:
            continue
        shown = _shown_target(per_source) if target else ""
        if _closely_related(per_source, score):
            found += _actor_conflict(action, shown, per_source)
        found += _negation_conflict(action, shown, per_source)
        found += _scope_conflict(action, shown, per_source)
    found += _contradicting_actions(by_key)
    return _distinct(found)


def _shown_target(per_source: PerSourceEvents) -> str:
    """The target as the first source words it ("50 people", not the key "50 peopl")."""
    first = per_source[min(per_source)][0][1]
    return str(first.target or "")


def _distinct(found: list[Discrepancy]) -> list[Discrepancy]:
    """One finding per (type, values): "HTS shelled ..., killing" names one actor change, not two."""
    seen: set[tuple[str, tuple[tuple[str, str], ...]]] = set()
    kept = []
    for item in found:
        key = (item.type, tuple(sorted((s, lower_case(v)) for s, v in item.values.items())))
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def _first_per_source(per_source: PerSourceEvents, keep) -> dict[str, tuple[Claim, Fact]]:
    chosen = {}
    for source, events in sorted(per_source.items(), key=_by_source):
        for claim, fact in events:
            if keep(fact):
                chosen[source] = (claim, fact)
                break
    return chosen


def _event_name(action: str, target: str) -> str:
    return f"{action} {target}".strip()


def _actor_conflict(action: str, target: str, per_source: PerSourceEvents) -> list[Discrepancy]:
    if not target:
        return []
    chosen = _first_per_source(per_source, lambda f: bool(f.actor) and not f.negated)
    if not all(_reliable_actor(claim, fact) for claim, fact in chosen.values()):
        return []
    classes = {source: actor_class(fact.actor) for source, (_, fact) in chosen.items()}
    classes = {source: c for source, c in classes.items() if c != ANY_ACTOR}
    if len(set(classes.values())) < 2 or _one_named_actor(list(classes.values())):
        return []
    values = {source: str(fact.actor) for source, (_, fact) in chosen.items()}
    name = _event_name(action, target)
    return [
        Discrepancy(
            "event",
            values,
            f"different actors for {name}: {values_line(values)}",
            fact=f"who: {name}",
            majority=_majority_by_text({s: str(c) for s, c in classes.items()}),
        )
    ]


def _reliable_actor(claim: Claim, event: Fact) -> bool:
    """An actor worth a conflict: a known kind of actor (rebels, government forces) or a person,
    organisation or country the claim names, not whatever words stood before the verb."""
    if is_known_actor(event.actor):
        return True
    actor = lower_case(str(event.actor))
    return any(
        f.type == "entity"
        and len(f.text) > 2
        and lower_case(f.text) in actor
        # a nationality alone ("Syrian") is no actor; modifying an actor noun ("Kurdish forces") it is
        and (f.label in {"org", "person"} or (f.label == "nationality" and len(actor.split()) > 1))
        for f in claim.facts
    )


def _negation_conflict(action: str, target: str, per_source: PerSourceEvents) -> list[Discrepancy]:
    chosen = _first_per_source(per_source, lambda f: True)
    denied = {source for source, (_, fact) in chosen.items() if fact.negated}
    if not denied or len(denied) == len(chosen):
        return []
    values = {source: fact.text for source, (_, fact) in chosen.items()}
    name = _event_name(action, target)
    polarity = {s: ("denied" if s in denied else "stated") for s in chosen}
    return [
        Discrepancy(
            "negation",
            values,
            f"one source denies what another states ({name}): {values_line(values)}",
            fact=name,
            majority=_majority_by_text(polarity),
        )
    ]


def _scope_conflict(action: str, target: str, per_source: PerSourceEvents) -> list[Discrepancy]:
    if not target:
        return []
    chosen = _first_per_source(per_source, lambda f: not f.negated)
    scopes = {source: fact.qualifier or "all" for source, (_, fact) in chosen.items()}
    if len(set(scopes.values())) < 2:
        return []
    values = {source: _scoped_target(fact) for source, (_, fact) in chosen.items()}
    name = _event_name(action, target)
    return [
        Discrepancy(
            "scope",
            values,
            f"different extent of {name}: {values_line(values)}",
            fact=f"extent: {name}",
            majority=_majority_by_text(scopes),
        )
    ]


def _scoped_target(event: Fact) -> str:
    words = scope_words(event.text) if event.qualifier else None
    return f"{words} {event.target}" if words else str(event.target)


def _contradicting_actions(by_key: dict[EventKey, PerSourceEvents]) -> list[Discrepancy]:
    found = []
    for (action_a, target_a), (action_b, target_b) in combinations(sorted(by_key), 2):
        if target_a != target_b or not target_a or not contradictory(action_a, action_b):
            continue
        left, right = by_key[(action_a, target_a)], by_key[(action_b, target_b)]
        for source_a, source_b in (
            (a, b) for a in sorted(left, key=source_order) for b in sorted(right, key=source_order) if a != b
        ):
            if source_a in right or source_b in left:
                continue  # "killed 44 and injured 140": a source telling both is telling two things
            (_, fact_a), (_, fact_b) = left[source_a][0], right[source_b][0]
            if fact_a.negated or fact_b.negated or not _same_actor(fact_a, fact_b):
                continue
            values = {source_a: fact_a.text, source_b: fact_b.text}
            found.append(
                Discrepancy(
                    "attribute",
                    dict(sorted(values.items(), key=_by_source)),
                    f"contradicting accounts of {fact_a.target}: {action_a} vs {action_b}: {values_line(values)}",
                    fact=f"what happened to {fact_a.target}",
                )
            )
            return found
    return found


_NOT_NAME = re.compile(r"[^\w\s-]")


def _one_named_actor(classes: list[str | None]) -> bool:
    """Actors outside the class lexicon are names: "president george w. bush" and "george w" are one."""
    names = [_NOT_NAME.sub("", c or "") for c in classes]
    return all(_same_name(names[0], other) for other in names[1:])


def _same_actor(a: Fact, b: Fact) -> bool:
    """Unknown actors may be the same; known actors of one class are."""
    classes = {actor_class(a.actor), actor_class(b.actor)}
    return not a.actor or not b.actor or ANY_ACTOR in classes or len(classes) == 1


# --- Facts the sources state alike ------------------------------------------------------------------------


def agreed_facts(
    claims: tuple[Claim, ...],
    found: list[Discrepancy],
    settings: Settings,
    aliases: dict[str, str],
    by_key: dict[EventKey, PerSourceEvents] | None = None,
    quantities: list[KeyedQuantities] | None = None,
) -> list[AgreedFact]:
    """The facts two or more sources share without conflict, and every attribution (never a conflict)."""
    if by_key is None:
        by_key = _events_by_key(claims, aliases)
    conflicting = {d.fact for d in found}
    agreed = []
    for _, name, per_source in _quantities_by_key(claims) if quantities is None else quantities:
        if len(per_source) >= 2 and name not in conflicting:
            agreed.append(AgreedFact("quantity", name, _values(per_source)))
    keyed = {
        (c.id, f.start) for c in claims for f in c.facts if f.type == "date" and f.key in KEYED_DATE_KEYS
    }
    keyed -= _publication_relative(claims)
    for key, per_source in _facts_by_key(claims, "date", lambda f: f.key in KEYED_DATE_KEYS).items():
        per_source = _only(per_source, keyed)

        if len(per_source) >= 2 and key not in conflicting:
            agreed.append(AgreedFact("date", key, _values(per_source)))
    for (action, target), per_source in by_key.items():
        name = _event_name(action, target)
        if (
            target
            and len(per_source) >= 2
            and not any(lower_case(name) in lower_case(c) for c in conflicting)
        ):
            values = {
                s: _describe_event(events[0][1]) for s, events in sorted(per_source.items(), key=_by_source)
            }
            agreed.append(AgreedFact("event", name, values))
    attributions = _facts_by_key(claims, "attribution", lambda f: True).get("attribution", {})
    if attributions:
        agreed.append(AgreedFact("attribution", "attributed to", _values(attributions)))
    return agreed


def _describe_event(event: Fact) -> str:
    """ "rebels · capture · most of Aleppo": who did what to whom, as the report shows it side by side."""
    action = f"not {event.value}" if event.negated else str(event.value)
    target = _scoped_target(event) if event.target else "?"
    return f"{event.actor or '?'} · {action} · {target}"


# --- Near copies: a denial or a scope word edited in -----------------------------------------------------

NEGATORS = frozenset(
    {"not", "n't", "no", "never", "none", "neither", "nor", "nobody", "nothing", "denied", "denies", "deny"}
)
SCOPE_WORDS = frozenset(
    {"some", "all", "most", "half", "part", "parts", "entire", "whole", "majority", "bulk", "none", "third",
     "thirds", "quarter", "quarters"}
)  # fmt: skip
SCOPE_FILLER = frozenset(
    {"of", "the", "between", "and", "two", "three", "a", "an", "central", "large", "small", "much", "key",
     "northern", "southern", "eastern", "western", "-"}
)  # fmt: skip
# "didn't", "didn’t", and as scraped text spells it, "didnt".
_CONTRACTION = re.compile(
    r"(?:n['’]t|^(?:do|does|did|is|are|was|were|has|have|had|ca|wo|could|would|should|must)nt)$"
)
# Contracted stems that are not the long form with "n't" cut off: "won't" is "will not", "can't" "can not".
_CONTRACTED = {"wo": "will", "ca": "can", "sha": "shall"}
# Auxiliaries that come and go with a negation ("survived" / "did not survive").
_AUXILIARIES = frozenset(
    {"did", "does", "do", "has", "have", "had", "was", "were", "is", "are", "will", "would"}
)


def edited_polarity_or_scope(left: Claim, right: Claim) -> list[Discrepancy]:
    """In a near copy, an inserted or removed denial, or a changed scope word, is a conflict on its own."""
    opcodes = _near_copy(left, right)
    if opcodes is None:
        return []
    left_tokens, right_tokens = _tokens(left), _tokens(right)
    a_words, b_words = list(_words(left)), list(_words(right))
    negation_edits = []
    found = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            continue
        removed, added = a_words[i1:i2], b_words[j1:j2]
        if _is_negation_edit(removed, added):
            negation_edits.append((i1, i2, j1, j2))
        elif _is_scope_edit(
            _scope_words_in(a_words, i1, i2), _scope_words_in(b_words, j1, j2), removed, added
        ) and not _scope_word_is_not_scope(a_words, i2, b_words, j2):
            values = {
                left.source: _stretch(left, left_tokens, i1, i2),
                right.source: _stretch(right, right_tokens, j1, j2),
            }
            found.append(
                Discrepancy("scope", values, f"different extent: {values_line(values)}", fact="extent")
            )
    polarity_left = _negation_count(a_words) % 2
    polarity_right = _negation_count(b_words) % 2
    # "neither confirmed nor denied" answers nothing; "denied" answers: they differ though both count one.
    noncommittal_left, noncommittal_right = _noncommittal(a_words), _noncommittal(b_words)
    answered = noncommittal_left != noncommittal_right and (_plain_denial(a_words) or _plain_denial(b_words))
    if negation_edits and (polarity_left != polarity_right or answered):
        values = _polarity_values(left, right, left_tokens, right_tokens, a_words, b_words, negation_edits[0])
        found.append(
            Discrepancy("negation", values, f"one source denies what the other states: {values_line(values)}",
                        fact="polarity")
        )  # fmt: skip
    return found


def _polarity_values(
    left: Claim,
    right: Claim,
    left_tokens: Tokens,
    right_tokens: Tokens,
    a_words: list[str],
    b_words: list[str],
    edit: tuple[int, int, int, int],
) -> dict[str, str]:
    """What each side says, quoted as far as the next content word both share after the edit: "a total
    Hoax" / "not a hoax", "exploded" / "never exploded"; a word swapped for another as it is ("denied" /
    "confirmed")."""
    i1, i2, j1, j2 = edit
    replaced = i1 < i2 and j1 < j2
    ends = (i2, j2) if replaced else _through_shared_word(a_words, i2, b_words, j2)
    if ends is None:
        return {
            left.source: _stretch(left, left_tokens, i1, i2),
            right.source: _stretch(right, right_tokens, j1, j2),
        }
    return {
        left.source: _quote(left, left_tokens, i1, ends[0]),
        right.source: _quote(right, right_tokens, j1, ends[1]),
    }


# How far after an edit the next shared content word is looked for.
_ANCHOR_WORDS = 5


def _through_shared_word(a_words: list[str], i: int, b_words: list[str], j: int) -> tuple[int, int] | None:
    """Ends (exclusive) just past the first content word after ``i`` in ``a_words`` that also follows ``j``
    in ``b_words``, both within ``_ANCHOR_WORDS``."""
    ahead = b_words[j : j + _ANCHOR_WORDS]
    for k in range(i, min(len(a_words), i + _ANCHOR_WORDS)):
        word = a_words[k]
        if is_content(word) and word in ahead:
            return k + 1, j + ahead.index(word) + 1
    return None


def _quote(claim: Claim, tokens: Tokens, i1: int, i2: int) -> str:
    """The claim's own text from token ``i1`` to token ``i2`` (exclusive)."""
    start, end = tokens[i1][1] - claim.start, tokens[i2 - 1][2] - claim.start
    return claim.text[start:end]


def _expanded(words: list[str]) -> list[str]:
    """ "didn't" -> "did", "not", so a contraction and its long form are one wording."""
    out = []
    for word in words:
        stem_part = _strip_contraction(word)
        if stem_part != word:
            out += [_CONTRACTED.get(stem_part, stem_part), "not"]
        else:
            out.append(word)
    return out


def _strip_contraction(word: str) -> str:
    """ "didn't" / "didnt" -> "did"; other words as they are."""
    if not _CONTRACTION.search(word):
        return word
    return _NT.sub("", word)


_NT = re.compile(r"n['’]?t$")


def _is_negator(word: str) -> bool:
    return word in NEGATORS or bool(_CONTRACTION.search(word))


# Verbs that deny what follows them: "declined to comment", "refused comment" say "did not comment".
_DENYING_VERBS = frozenset({"declined", "declines", "declining", "refused", "refuses", "refusing"})
_DENIED_AFTER = frozenset({"to", "comment", "comments"})


_DENIAL_VERBS = frozenset({"denied", "denies", "deny"})


def _noncommittal(words: list[str]) -> bool:
    """ "neither confirmed nor denied": a denial verb answering a "neither"."""
    return "neither" in words and any(
        w in _DENIAL_VERBS and k and words[k - 1] == "nor" for k, w in enumerate(words)
    )


def _plain_denial(words: list[str]) -> bool:
    return any(w in _DENIAL_VERBS and not (k and words[k - 1] == "nor") for k, w in enumerate(words))


def _negation_count(words: list[str]) -> int:
    """How many denials a claim's words make: "neither ... nor" is one, and "declined to" is one (but
    "shares declined 2 percent" is none)."""
    count = 0
    neither = False
    words = _without_qualifying_none(words)
    previous = ""
    for word, following in zip(words, [*words[1:], ""], strict=True):
        # "neither admitted nor denied": one denial of two verbs, "denied" among them.
        skip = neither and (word == "nor" or (previous == "nor" and word in _DENIAL_VERBS))
        previous = word
        if skip:
            continue
        neither = neither or word == "neither"
        if _is_negator(word) or (word in _DENYING_VERBS and following in _DENIED_AFTER):
            count += 1
    return count


def _without_qualifying_none(words: list[str]) -> list[str]:
    """Without a "none" that qualifies a count ("wounding five, none seriously"): it denies nothing."""
    if "none" not in words:
        return words
    return [
        w
        for w, following in zip(words, [*words[1:], ""], strict=True)
        if not (w == "none" and following in _HOW_BADLY)
    ]


# "none seriously (hurt)": how badly the counted were hurt, not a denial of the count.
_HOW_BADLY = frozenset({"seriously", "critically", "badly", "fatally", "severely", "gravely"})


def _is_negation_edit(removed: list[str], added: list[str]) -> bool:
    removed, added = _expanded(_without_qualifying_none(removed)), _expanded(_without_qualifying_none(added))
    if removed == added:
        return False
    changed = set(removed) ^ set(added)
    if not changed & NEGATORS:
        return False
    rest = [w for w in (*removed, *added) if w not in NEGATORS and w not in _AUXILIARIES]
    # What is left besides the negation is one verb in two forms (survived / survive), or nothing.
    return len(rest) <= 2 and len({stem(w) for w in rest}) <= 1


# Words that name the whole: against no scope word at all they say the same ("its entire fleet" / "its
# fleet"); a share ("most of the city" / "the city") does not.
WHOLE_WORDS = frozenset({"all", "entire", "whole"})
# "some" not followed by "of": an article unless the other side names a share or the whole.
WEAK_SOME = "some?"


_FRACTIONS = frozenset({"third", "thirds", "quarter", "quarters"})
_FRACTION_COUNTS = frozenset({"a", "one", "two", "three", "one-third", "two-thirds"})


def _scope_words_in(words: list[str], i1: int, i2: int) -> list[str]:
    """The scope words of ``words[i1:i2]``, read in context: "the most common" is a superlative, and
    "some" is a share only as "some of" ("some steps" is an article)."""
    found = []
    for k in range(i1, i2):
        before = words[k - 1] if k else ""
        after = words[k + 1] if k + 1 < len(words) else ""
        for part in words[k].split("-"):
            if part not in SCOPE_WORDS:
                continue
            if part == "most" and before in ("the", "a", "an"):
                continue
            if part in _FRACTIONS and after != "of" and not (before in _FRACTION_COUNTS or before.isdigit()):
                continue  # "the third and final film": an ordinal, not a third of anything
            if part in ("part", "parts") and before == "as":
                continue  # "sold as part of bundles": a manner, not a share
            found.append(WEAK_SOME if part == "some" and after != "of" else part)
    return found


def _is_scope_edit(
    scopes_removed: list[str], scopes_added: list[str], removed: list[str], added: list[str]
) -> bool:
    # "some steps" / "steps": an article. "some factions" / "all factions": a share against the whole.
    if WEAK_SOME in scopes_removed + scopes_added:
        strong_removed = [w for w in scopes_removed if w != WEAK_SOME]
        strong_added = [w for w in scopes_added if w != WEAK_SOME]
        if not (strong_removed or strong_added):
            return False
        scopes_removed = [w.replace(WEAK_SOME, "some") for w in scopes_removed]
        scopes_added = [w.replace(WEAK_SOME, "some") for w in scopes_added]
    if scopes_removed == scopes_added:
        return False
    if not (scopes_removed and scopes_added) and set(scopes_removed + scopes_added) <= WHOLE_WORDS:
        return False
    return all(_scope_or_filler(w) for w in (*removed, *added))


def _scope_word_is_not_scope(a_words: list[str], i2: int, b_words: list[str], j2: int) -> bool:
    """ "some 230,000 people" is an approximate figure and "we are all deeply shocked" an adverb: what
    follows the edit tells (a number, or an -ly word)."""
    following = [w[i] for w, i in ((a_words, i2), (b_words, j2)) if i < len(w)]
    if any(word[:1].isdigit() or word.endswith("ly") for word in following):
        return True
    # "they were all members" / "they were members": a floating "all" after a pronoun or a verb.
    preceding = [w[i - 1] for w, i in ((a_words, i2), (b_words, j2)) if 0 < i <= len(w)]
    return any(word in _FLOATING_BEFORE for word in preceding)


_FLOATING_BEFORE = frozenset(
    {"were", "are", "was", "is", "we", "they", "you", "have", "had", "has", "will", "would", "be", "been"}
)


def _scope_or_filler(word: str) -> bool:
    return all(part in SCOPE_WORDS or part in SCOPE_FILLER for part in word.split("-") if part)


def _stretch(claim: Claim, tokens: Tokens, i1: int, i2: int) -> str:
    """The edited words as written, or, for a deletion point, the two words that follow it."""
    if not tokens:
        return claim.text
    if i2 <= i1:
        if i1 >= len(tokens):
            # An edit at the very end: quote the words it follows.
            i1 = max(0, len(tokens) - 2)
        i2 = min(len(tokens), i1 + 2)
    if i1 < i2 and i2 - i1 == 1 and tokens[i1][0] in NEGATORS | _AUXILIARIES:
        i2 = min(len(tokens), i2 + 1)
    return _quote(claim, tokens, i1, i2)
