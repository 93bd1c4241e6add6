"""Facts in a claim: quantities, dates and entities, with offsets into the original text.

``extract_facts`` runs the three extractors on one sentence: dates first (so a
year is a date, not a quantity, and "7 months ago" is one relative date), then
quantities outside the dates' spans, then entities. Each extractor's module
documents its values and keys; ``qualifier_kind`` says what a quantity's
qualifier does to the number.
"""

from __future__ import annotations

from functools import lru_cache

from factcheck.casing import lower_case
from factcheck.facts.dates import find_dates
from factcheck.facts.entities import acronym_aliases, find_entities, normalize_entity
from factcheck.facts.events import find_attributions, find_events, find_scopes
from factcheck.facts.numbers import parse_number, scan
from factcheck.facts.quantities import FEW, QUALIFIERS, VAGUE, find_quantities
from factcheck.model import Fact

__all__ = ["acronym_aliases", "extract_facts", "normalize_entity", "parse_number", "qualifier_kind"]


# Remembered per (sentence, offset): a pure function returning frozen facts, about a third of a
# comparison's time, and the same article is often compared again (with each of its cluster's other
# articles, in a batch, or in an N-way run beside the pairwise ones). 32768 sentences is ~800 articles
# (a few tens of MB): a researcher's pairwise run over a corpus revisits each article many times.
@lru_cache(maxsize=32768)
def extract_facts(text: str, offset: int = 0) -> tuple[Fact, ...]:
    """All facts in ``text``, sorted by (start, end); offsets are ``offset`` + position in ``text``."""
    prepared = scan(text)
    dates = find_dates(text, offset, prepared)
    taken = [(f.start - offset, f.end - offset) for f in dates]
    facts = [*dates, *find_quantities(text, offset, taken, prepared), *find_entities(text, offset, taken)]
    facts += find_events(text, offset, facts)
    facts += find_scopes(text, offset, facts, prepared)
    facts += find_attributions(text, offset)
    facts.sort(key=lambda f: (f.start, f.end, f.type))
    return tuple(facts)


def qualifier_kind(qualifier: str | None) -> str | None:
    """ "min", "max", "approx" or "vague" for a quantity's qualifier; None for an exact figure."""
    if not qualifier:
        return None
    qualifier = " ".join(lower_case(qualifier).split())
    kind = QUALIFIERS.get(qualifier)
    if kind:
        return kind
    if qualifier == "vague" or qualifier in VAGUE or qualifier.startswith(FEW):
        return "vague"
    return None
