"""The data that flows between pipeline stages: frozen dataclasses, no logic.

Every span (dropped furniture, sentence, claim, fact) carries ``start``/``end``
character offsets into the *original* text of its article, so
``article.text[x.start:x.end]`` is always the span's words (spaCy-style views
by offset rather than copies that drift from the source).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Literal

FactType = Literal["quantity", "date", "entity", "event", "scope", "attribution"]
Status = Literal["agreement", "discrepancy", "unique"]


class _Record:
    """Base of the records below: each pickles and deep-copies by calling its class with its fields.
    setup.py compiles this module, and a compiled frozen dataclass refuses the field-by-field restore
    (``object.__setattr__``) that pickle would use otherwise; a constructor call works in both builds."""

    __slots__ = ()

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        # Every subclass is a dataclass; the base, which has no fields, is never instantiated.
        return type(self), tuple(getattr(self, f.name) for f in fields(self))  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Dropped(_Record):
    """A piece of page furniture removed by the cleaner, kept so nothing is lost."""

    text: str
    start: int
    end: int
    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class Article(_Record):
    """One source as read from disk, stdin or a string, before any cleaning."""

    id: str
    name: str
    path: str | None
    text: str
    title: str | None = None
    date: str | None = None
    format: str = "text"


@dataclass(frozen=True, slots=True)
class CleanArticle(_Record):
    """An article with its furniture marked: ``blocks`` are the kept spans."""

    article: Article
    blocks: tuple[tuple[int, int], ...]
    dropped: tuple[Dropped, ...]
    title: str | None


@dataclass(frozen=True, slots=True)
class Sentence(_Record):
    source: str
    index: int
    text: str
    start: int
    end: int
    line: int


@dataclass(frozen=True, slots=True)
class Fact(_Record):
    """One checkable value in a claim.

    ``value`` is the normalised value (a number for quantities, an ISO-like
    string for dates, a canonical name for entities); ``key`` is what two facts
    must share to be comparable (the counted noun's stem, the date's
    granularity, the entity's kind).
    """

    type: FactType
    text: str
    start: int
    end: int
    value: int | float | str | None
    unit: str | None = None
    qualifier: str | None = None
    key: str = ""
    label: str | None = None
    actor: str | None = None
    target: str | None = None
    negated: bool = False


@dataclass(frozen=True, slots=True)
class Claim(_Record):
    id: str
    source: str
    sentence: int
    text: str
    start: int
    end: int
    line: int
    facts: tuple[Fact, ...] = ()
    sentence_start: int = -1
    sentence_end: int = -1


@dataclass(frozen=True, slots=True)
class Alignment(_Record):
    """Claims from two or more sources (or one lone claim) found to state the same thing."""

    claims: tuple[Claim, ...]
    score: float
    matched: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Discrepancy(_Record):
    """One fact the sources of a group state differently.

    ``values`` is keyed by every source that gives a value for the fact;
    ``majority`` holds the sources that share the most common value when
    there is one, the rest are outliers.
    """

    type: str
    values: dict[str, str]
    explanation: str
    fact: str = ""
    majority: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AgreedFact(_Record):
    """A fact the sources of a group state alike: ``values`` is each source's wording."""

    type: str
    fact: str
    values: dict[str, str]


@dataclass(frozen=True, slots=True)
class Group(_Record):
    id: str
    status: Status
    score: float
    claims: tuple[str, ...]
    discrepancies: tuple[Discrepancy, ...] = ()
    matched: tuple[str, ...] = ()
    silent: tuple[str, ...] = ()
    agreed: tuple[AgreedFact, ...] = ()


@dataclass(frozen=True, slots=True)
class SourceSummary(_Record):
    id: str
    name: str
    path: str | None
    title: str | None
    date: str | None
    sentences: int
    claims: int
    dropped: tuple[Dropped, ...]


@dataclass(frozen=True, slots=True)
class Report(_Record):
    """The result of a comparison; ``to_dict()`` is the JSON export."""

    version: str
    settings: dict[str, object]
    sources: tuple[SourceSummary, ...]
    claims: tuple[Claim, ...]
    groups: tuple[Group, ...]
    schema_version: int = 2
    texts: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def summary(self) -> dict[str, object]:
        agreements = sum(1 for g in self.groups if g.status == "agreement")
        discrepancies = sum(1 for g in self.groups if g.status == "discrepancy")
        claim_source = {c.id: c.source for c in self.claims}
        unique = {s.id: 0 for s in self.sources}
        for group in self.groups:
            if group.status == "unique":
                unique[claim_source[group.claims[0]]] += 1
        return {"agreements": agreements, "discrepancies": discrepancies, "unique": unique}

    def claim(self, claim_id: str) -> Claim:
        for claim in self.claims:
            if claim.id == claim_id:
                return claim
        raise KeyError(claim_id)

    def to_dict(self) -> dict[str, object]:
        from factcheck.report.json import report_to_dict

        return report_to_dict(self)
