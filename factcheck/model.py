"""The data that flows between pipeline stages: frozen dataclasses, no logic.

Every span (dropped furniture, sentence, claim, fact) carries ``start``/``end``
character offsets into the *original* text of its article, so
``article.text[x.start:x.end]`` is always the span's words (spaCy-style views
by offset rather than copies that drift from the source).

Each record the pipeline builds in numbers writes out its ``__init__``, the one dataclass would generate
(tests/test_model.py holds the two alike). setup.py compiles this module, and mypyc compiles a written
``__init__`` but leaves dataclass's generated one interpreted: ~1.4 µs to build a ``Fact``, ~0.05 µs
written out. ``object.__setattr__`` is how a frozen record sets its fields; compiled, it is a plain store.
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

    def __init__(self, text: str, start: int, end: int, line: int, reason: str) -> None:
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "reason", reason)


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

    def __init__(
        self,
        id: str,
        name: str,
        path: str | None,
        text: str,
        title: str | None = None,
        date: str | None = None,
        format: str = "text",
    ) -> None:
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "title", title)
        object.__setattr__(self, "date", date)
        object.__setattr__(self, "format", format)


@dataclass(frozen=True, slots=True)
class CleanArticle(_Record):
    """An article with its furniture marked: ``blocks`` are the kept spans."""

    article: Article
    blocks: tuple[tuple[int, int], ...]
    dropped: tuple[Dropped, ...]
    title: str | None

    def __init__(
        self,
        article: Article,
        blocks: tuple[tuple[int, int], ...],
        dropped: tuple[Dropped, ...],
        title: str | None,
    ) -> None:
        object.__setattr__(self, "article", article)
        object.__setattr__(self, "blocks", blocks)
        object.__setattr__(self, "dropped", dropped)
        object.__setattr__(self, "title", title)


@dataclass(frozen=True, slots=True)
class Sentence(_Record):
    source: str
    index: int
    text: str
    start: int
    end: int
    line: int

    def __init__(self, source: str, index: int, text: str, start: int, end: int, line: int) -> None:
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "index", index)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "line", line)


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

    def __init__(
        self,
        type: FactType,
        text: str,
        start: int,
        end: int,
        value: int | float | str | None,
        unit: str | None = None,
        qualifier: str | None = None,
        key: str = "",
        label: str | None = None,
        actor: str | None = None,
        target: str | None = None,
        negated: bool = False,
    ) -> None:
        object.__setattr__(self, "type", type)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "unit", unit)
        object.__setattr__(self, "qualifier", qualifier)
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "label", label)
        object.__setattr__(self, "actor", actor)
        object.__setattr__(self, "target", target)
        object.__setattr__(self, "negated", negated)


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

    def __init__(
        self,
        id: str,
        source: str,
        sentence: int,
        text: str,
        start: int,
        end: int,
        line: int,
        facts: tuple[Fact, ...] = (),
        sentence_start: int = -1,
        sentence_end: int = -1,
    ) -> None:
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "sentence", sentence)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "facts", facts)
        object.__setattr__(self, "sentence_start", sentence_start)
        object.__setattr__(self, "sentence_end", sentence_end)


@dataclass(frozen=True, slots=True)
class Alignment(_Record):
    """Claims from two or more sources (or one lone claim) found to state the same thing."""

    claims: tuple[Claim, ...]
    score: float
    matched: tuple[str, ...] = ()

    def __init__(self, claims: tuple[Claim, ...], score: float, matched: tuple[str, ...] = ()) -> None:
        object.__setattr__(self, "claims", claims)
        object.__setattr__(self, "score", score)
        object.__setattr__(self, "matched", matched)


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

    def __init__(
        self,
        type: str,
        values: dict[str, str],
        explanation: str,
        fact: str = "",
        majority: tuple[str, ...] = (),
    ) -> None:
        object.__setattr__(self, "type", type)
        object.__setattr__(self, "values", values)
        object.__setattr__(self, "explanation", explanation)
        object.__setattr__(self, "fact", fact)
        object.__setattr__(self, "majority", majority)


@dataclass(frozen=True, slots=True)
class AgreedFact(_Record):
    """A fact the sources of a group state alike: ``values`` is each source's wording."""

    type: str
    fact: str
    values: dict[str, str]

    def __init__(self, type: str, fact: str, values: dict[str, str]) -> None:
        object.__setattr__(self, "type", type)
        object.__setattr__(self, "fact", fact)
        object.__setattr__(self, "values", values)


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

    def __init__(
        self,
        id: str,
        status: Status,
        score: float,
        claims: tuple[str, ...],
        discrepancies: tuple[Discrepancy, ...] = (),
        matched: tuple[str, ...] = (),
        silent: tuple[str, ...] = (),
        agreed: tuple[AgreedFact, ...] = (),
    ) -> None:
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "status", status)
        object.__setattr__(self, "score", score)
        object.__setattr__(self, "claims", claims)
        object.__setattr__(self, "discrepancies", discrepancies)
        object.__setattr__(self, "matched", matched)
        object.__setattr__(self, "silent", silent)
        object.__setattr__(self, "agreed", agreed)


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

    def __init__(
        self,
        id: str,
        name: str,
        path: str | None,
        title: str | None,
        date: str | None,
        sentences: int,
        claims: int,
        dropped: tuple[Dropped, ...],
    ) -> None:
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "title", title)
        object.__setattr__(self, "date", date)
        object.__setattr__(self, "sentences", sentences)
        object.__setattr__(self, "claims", claims)
        object.__setattr__(self, "dropped", dropped)


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
