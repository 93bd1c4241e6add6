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

from difflib import SequenceMatcher
from itertools import combinations

from rapidfuzz import fuzz

from factcheck.facts import qualifier_kind
from factcheck.model import Alignment, Claim, Discrepancy, Fact, Group
from factcheck.settings import Settings
from factcheck.words import TOKEN

# A replaced stretch longer than this is a rewording, not a swapped fact.
MAX_SWAP_TOKENS = 6
# Word-level similarity (difflib ratio) two claims need before their diff is read as swapped facts.
MIN_SWAP_SIMILARITY = 0.5
COMPARABLE_ENTITY_LABELS = frozenset({"person", "place", "org", "nationality"})
COMPARABLE_DATE_KEYS = frozenset({"year", "day", "month", "weekday"})
# Only these identify one event across loosely aligned claims; a weekday in each of two claims is
# usually two different events ("met on Thursday" / "documents released on Friday").
KEYED_DATE_KEYS = frozenset({"year", "day", "month"})
# Names this similar (rapidfuzz ratio, 0-100) are spellings of one name: Raqa/Raqqa, Nicholas/Nicolas.
SAME_NAME_SIMILARITY = 80
# A vague amount ("dozens") covers figures up to this multiple of its floor.
VAGUE_SPAN = 50


def judge(alignment: Alignment, group_id: str, settings: Settings, aliases: dict[str, str]) -> Group:
    claim_ids = tuple(c.id for c in alignment.claims)
    if len({c.source for c in alignment.claims}) < 2:
        return Group(group_id, "unique", 0.0, claim_ids)
    found = find_discrepancies(alignment.claims, settings, aliases)
    status = "discrepancy" if found else "agreement"
    return Group(group_id, status, alignment.score, claim_ids, tuple(found), alignment.matched)


def find_discrepancies(
    claims: tuple[Claim, ...], settings: Settings, aliases: dict[str, str]
) -> list[Discrepancy]:
    reported: set[tuple[str, int]] = set()
    found = keyed_quantity_conflicts(claims, settings, reported)
    found += keyed_date_conflicts(claims, reported)
    for left, right in combinations(claims, 2):
        if left.source != right.source:
            found += swapped_fact_conflicts(left, right, settings, aliases, reported)
    return found


def quantities_compatible(a: Fact, b: Fact, tolerance: float) -> bool:
    """Whether two counts of the same thing can both be true, qualifiers considered."""
    x, y = float(a.value or 0), float(b.value or 0)
    if x == y:
        return True
    kind_a, kind_b = qualifier_kind(a.qualifier), qualifier_kind(b.qualifier)
    if "vague" in (kind_a, kind_b):
        if kind_a == kind_b:
            return False
        floor, other = (x, y) if kind_a == "vague" else (y, x)
        return floor <= other < floor * VAGUE_SPAN
    if "approx" in (kind_a, kind_b):
        return abs(x - y) <= tolerance * max(abs(x), abs(y))
    if kind_a is not None and kind_b is not None:
        # Two different bounds for one count: an editor must see both figures.
        return False
    return _within_bound(kind_a, x, y) or _within_bound(kind_b, y, x)


def _within_bound(kind: str | None, bound: float, exact: float) -> bool:
    if kind == "min":
        return exact >= bound
    if kind == "max":
        return exact <= bound
    return False


def keyed_quantity_conflicts(
    claims: tuple[Claim, ...], settings: Settings, reported: set[tuple[str, int]]
) -> list[Discrepancy]:
    found = []
    for key, per_source in _facts_by_key(claims, "quantity", lambda f: bool(f.key)).items():
        if len(per_source) < 2 or not _sources_conflict(per_source, settings.quantity_tolerance):
            continue
        found.append(_discrepancy("quantity", per_source, _count_explanation(key, per_source)))
        _mark(per_source, reported)
    return found


def keyed_date_conflicts(claims: tuple[Claim, ...], reported: set[tuple[str, int]]) -> list[Discrepancy]:
    found = []
    for key, per_source in _facts_by_key(claims, "date", lambda f: f.key in KEYED_DATE_KEYS).items():
        single_values = [{str(f.value) for _, f in facts} for facts in per_source.values()]
        # A claim naming several years is about several things; compare only one date against one date.
        if len(per_source) < 2 or any(len(values) != 1 for values in single_values):
            continue
        if len(set.union(*single_values)) > 1:
            found.append(_discrepancy("date", per_source, f"different {key}: {_values_line(per_source)}"))
            _mark(per_source, reported)
    return found


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
    left_tokens, right_tokens = _tokens(left), _tokens(right)
    matcher = SequenceMatcher(
        None, [t for t, _, _ in left_tokens], [t for t, _, _ in right_tokens], autojunk=False
    )
    # Only a near copy has a reliable word-for-word correspondence; a free rewording pairs unrelated stretches.
    if matcher.ratio() < MIN_SWAP_SIMILARITY:
        return []
    found = []
    opcodes = matcher.get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag != "replace" or max(i2 - i1, j2 - j1) > MAX_SWAP_TOKENS or not _flanked(opcodes, index):
            continue
        left_facts = _facts_in(left, left_tokens[i1:i2])
        right_facts = _facts_in(right, right_tokens[j1:j2])
        conflict = _swap_conflict(left_facts, right_facts, settings, aliases)
        if conflict is None:
            continue
        fact_type, a, b = conflict
        if (left.id, a.start) in reported or (right.id, b.start) in reported:
            continue
        per_source = {left.source: [(left, a)], right.source: [(right, b)]}
        found.append(
            _discrepancy(
                fact_type, per_source, f"different {_role(fact_type, a)}: {_values_line(per_source)}"
            )
        )
        _mark(per_source, reported)
    return found


def _flanked(opcodes: list[tuple[str, int, int, int, int]], index: int) -> bool:
    """A swap is only trusted between unchanged words (or the claim's edge) on both sides."""
    before = index == 0 or opcodes[index - 1][0] == "equal"
    after = index == len(opcodes) - 1 or opcodes[index + 1][0] == "equal"
    return before and after


def _swap_conflict(
    left_facts: list[Fact], right_facts: list[Fact], settings: Settings, aliases: dict[str, str]
) -> tuple[str, Fact, Fact] | None:
    for a in left_facts:
        for b in right_facts:
            if a.type != b.type:
                continue
            if (
                a.type == "quantity"
                and _same_count(a, b)
                and not quantities_compatible(a, b, settings.quantity_tolerance)
            ):
                return ("quantity", a, b)
            if a.type == "date" and a.key == b.key and a.key in COMPARABLE_DATE_KEYS and a.value != b.value:
                return ("date", a, b)
            if a.type == "entity" and _entities_differ(a, b, aliases):
                return ("entity", a, b)
    return None


def _same_count(a: Fact, b: Fact) -> bool:
    """Counts of named things compare only when they count the same thing; unnamed counts by position."""
    return not (a.key and b.key and a.key != b.key)


def _entities_differ(a: Fact, b: Fact, aliases: dict[str, str]) -> bool:
    if not _labels_comparable(a.label, b.label):
        return False
    name_a, name_b = str(a.value), str(b.value)
    name_a, name_b = aliases.get(name_a, name_a), aliases.get(name_b, name_b)
    return not _same_name(name_a, name_b)


def _same_name(a: str, b: str) -> bool:
    """One name in two spellings, or a full name and its short form (Mike Butcher / Butcher)."""
    if a == b or fuzz.ratio(a, b) >= SAME_NAME_SIMILARITY:
        return True
    words_a, words_b = set(a.replace("-", " ").split()), set(b.replace("-", " ").split())
    return bool(words_a) and bool(words_b) and (words_a <= words_b or words_b <= words_a)


def _labels_comparable(a: str | None, b: str | None) -> bool:
    """Same kind of name; an unknown name ("other") may stand in a known one's role, but not for a nationality."""
    if a == b:
        return a in COMPARABLE_ENTITY_LABELS or a == "other"
    known = {a, b} - {"other"}
    return len(known) == 1 and known <= COMPARABLE_ENTITY_LABELS - {"nationality"}


def _tokens(claim: Claim) -> list[tuple[str, int, int]]:
    """Lower-cased tokens with offsets into the original text."""
    return [
        (m.group().lower(), claim.start + m.start(), claim.start + m.end())
        for m in TOKEN.finditer(claim.text)
    ]


def _facts_in(claim: Claim, tokens: list[tuple[str, int, int]]) -> list[Fact]:
    if not tokens:
        return []
    start, end = tokens[0][1], tokens[-1][2]
    return [f for f in claim.facts if f.start < end and f.end > start]


def _discrepancy(
    fact_type: str, per_source: dict[str, list[tuple[Claim, Fact]]], explanation: str
) -> Discrepancy:
    return Discrepancy(fact_type, _values(per_source), explanation)


def _values(per_source: dict[str, list[tuple[Claim, Fact]]]) -> dict[str, str]:
    values = {}
    for source in sorted(per_source):
        texts = list(dict.fromkeys(f.text for _, f in per_source[source]))
        values[source] = ", ".join(texts)
    return values


def _values_line(per_source: dict[str, list[tuple[Claim, Fact]]]) -> str:
    return "; ".join(f"{source}: {value}" for source, value in _values(per_source).items())


def _count_explanation(key: str, per_source: dict[str, list[tuple[Claim, Fact]]]) -> str:
    unit = next((f.unit for facts in per_source.values() for _, f in facts if f.unit), None) or key
    line = f"different counts of {unit}: {_values_line(per_source)}"
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
