"""Reporters: turn the report record into text for people or machines.

Every reporter reads one record, the report dict of the JSON export (schema
version 2), never the pipeline's internal objects, so that a saved JSON file
can be re-rendered later and all formats say the same thing. The human
reporters also read a saved schema 1 record: without ``fact``, ``majority``,
``silent`` or ``agreed`` they say less, and work out the majority themselves.

This module holds the registry (``REPORTERS``, ``render``) and the small
readers of the record that the rich and Markdown reporters share: what to
highlight in a claim, which source gives which value of a discrepant fact
(majority, outliers, silent), who did what in each source's events, how to
rank what only one source reports, the summary line and the settings
signature. It imports nothing heavy: the rich reporter
is imported only when it is asked for, so ``--format json`` never loads rich.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple, Protocol, TextIO

from factcheck.errors import SettingsError

Record = Mapping[str, Any]
"""A JSON object of the report: the whole report, a source, a claim, a fact or a group."""


class Reporter(Protocol):
    def __call__(
        self,
        data: dict[str, Any],
        out: TextIO,
        *,
        color: bool = False,
        width: int | None = None,
        show_dropped: bool = False,
    ) -> None: ...


def _render_rich(data: dict[str, Any], out: TextIO, **options: Any) -> None:
    from factcheck.report.rich import render_rich  # deferred: rich costs import time

    render_rich(data, out, **options)


def _render_json(data: dict[str, Any], out: TextIO, **options: Any) -> None:
    from factcheck.report.json import render_json

    render_json(data, out, **options)


def _render_markdown(data: dict[str, Any], out: TextIO, **options: Any) -> None:
    from factcheck.report.markdown import render_markdown

    render_markdown(data, out, **options)


def _render_sarif(data: dict[str, Any], out: TextIO, **options: Any) -> None:
    from factcheck.report.sarif import render_sarif

    render_sarif(data, out, **options)


def _render_github(data: dict[str, Any], out: TextIO, **options: Any) -> None:
    from factcheck.report.github import render_github

    render_github(data, out, **options)


def _render_jsonl(data: dict[str, Any], out: TextIO, **options: Any) -> None:
    from factcheck.report.jsonl import render_jsonl

    render_jsonl(data, out, **options)


REPORTERS: dict[str, Reporter] = {
    "rich": _render_rich,
    "json": _render_json,
    "markdown": _render_markdown,
    "sarif": _render_sarif,
    "github": _render_github,
    "jsonl": _render_jsonl,
}


def render(fmt: str, data: dict[str, Any], out: TextIO, **options: Any) -> None:
    """Write the report record ``data`` to ``out`` in format ``fmt`` (a key of ``REPORTERS``)."""
    try:
        reporter = REPORTERS[fmt]
    except KeyError:
        known = ", ".join(sorted(REPORTERS))
        raise SettingsError(f"unknown report format {fmt!r}; choose one of {known}") from None
    reporter(data, out, **options)


# --- Untrusted text on a terminal ------------------------------------------------------------------------

# Article text is untrusted: an escape sequence in it, printed as it is, would drive the reader's terminal
# (retitle the window, recolour or hide lines, rewrite what was printed). The formats for people show every
# control character but tab and newline as a visible symbol (U+2400-2421, U+FFFD for C1); a carriage return
# is dropped (rich drops it too). The machine formats keep the text exact: JSON escapes control characters.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SHOWN_CONTROLS: dict[int, int | None] = {
    **{code: 0x2400 + code for code in range(0x20) if code not in (0x09, 0x0A)},
    0x0D: None,
    0x7F: 0x2421,
    **dict.fromkeys(range(0x80, 0xA0), 0xFFFD),
}


def printable(text: str) -> str:
    """``text`` with its control characters (but tab and newline) made visible and inert."""
    return text.translate(_SHOWN_CONTROLS) if _CONTROL.search(text) else text


def printable_record(record: Any) -> Any:
    """``record`` (a report record, or any part of one) with ``printable`` applied to every string in it."""
    if isinstance(record, str):
        return printable(record)
    if isinstance(record, Mapping):
        return {key: printable_record(value) for key, value in record.items()}
    if isinstance(record, list):
        return [printable_record(value) for value in record]
    return record


# --- Reading the record ----------------------------------------------------------------------------------


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 discrepancy``, ``2 discrepancies``, ``0 agreements``."""
    if count == 1:
        return f"{count} {singular}"
    if plural_form is None:
        plural_form = singular[:-1] + "ies" if singular.endswith("y") else singular + "s"
    return f"{count} {plural_form}"


def claims_by_id(data: Record) -> dict[str, Record]:
    return {claim["id"]: claim for claim in data.get("claims", [])}


def groups_with_status(data: Record, status: str) -> list[Record]:
    return [group for group in data.get("groups", []) if group.get("status") == status]


def group_claims(group: Record, claims: Mapping[str, Record]) -> list[Record]:
    """The claims of a group in the group's order, skipping ids the record does not hold."""
    return [claims[claim_id] for claim_id in group.get("claims", []) if claim_id in claims]


def claims_per_source(claims: Iterable[Record]) -> dict[str, list[Record]]:
    """Claims keyed by source id, sources in order of first appearance."""
    per_source: dict[str, list[Record]] = {}
    for claim in claims:
        per_source.setdefault(claim["source"], []).append(claim)
    return per_source


def summary_line(data: Record) -> str:
    """``5 agreements · 1 discrepancy · unique: A 9, B 20 · 2 suppressed by baseline``."""
    summary = data.get("summary") or {}
    agreements = summary.get("agreements", len(groups_with_status(data, "agreement")))
    discrepancies = summary.get("discrepancies", len(groups_with_status(data, "discrepancy")))
    unique = summary.get("unique") or {}
    counts = ", ".join(f"{source_id} {count}" for source_id, count in unique.items())
    parts = [plural(agreements, "agreement"), plural(discrepancies, "discrepancy")]
    if counts:
        parts.append(f"unique: {counts}")
    suppressed = summary.get("suppressed") or 0
    if suppressed > 0:  # only a run with --baseline has the key; 0 says nothing worth a word
        parts.append(f"{suppressed} suppressed by baseline")
    return " · ".join(parts)


def _setting_text(value: object) -> str:
    # JSON spelling, so the signature reads the same as the exported settings
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    return str(value)


def signature_parts(data: Record) -> list[str]:
    """``["factcheck 0.1.0", "threshold 0.5", ...]``: what reproduces this result."""
    tool = data.get("tool") or {}
    head = f"{tool.get('name', 'factcheck')} {tool.get('version', '?')}".strip()
    settings = tool.get("settings") or {}
    return [head] + [f"{name} {_setting_value(name, value)}" for name, value in settings.items()]


def _setting_value(name: str, value: object) -> str:
    """The fitted alignment weights are a dozen numbers: "fitted" says it when they are the shipped ones."""
    if name == "weights" and isinstance(value, (list, tuple)):
        from factcheck.settings import FITTED_WEIGHTS

        return "fitted" if tuple(value) == FITTED_WEIGHTS else "custom " + _setting_text(list(value))
    return _setting_text(value)


def signature(data: Record) -> str:
    """The settings signature on one line, sacrebleu-style."""
    return " · ".join(signature_parts(data))


def agreement_head(group: Record, claims: Sequence[Record]) -> str:
    """``G3 A4 ≈ B7 (0.82)``, or ``G3 A4 ≈ B7 (0.82, silent: C)`` when a source has no claim in the group."""
    ids = " ≈ ".join(claim["id"] for claim in claims)
    silent = group.get("silent") or []
    note = f", silent: {', '.join(silent)}" if silent else ""
    return f"{group.get('id', '?')} {ids} ({group.get('score', 0):.2f}{note})"


def shared_terms(group: Record, limit: int = 6) -> list[str]:
    """What the group's claims share, for a reader: names and numbers first, at most ``limit``.

    ``matched`` mixes feature keys (``entity:saraqib``, ``number:28``, ``unit:death``) with
    word stems (``saraqib``, ``includ``). Stems read like typos and keys like code, so names
    come from the ``entity:`` keys and numbers from the plain terms; the other stems are shown
    only when the claims share nothing else.
    """
    matched = [str(term) for term in group.get("matched", [])]
    names = [term.partition(":")[2] for term in matched if term.startswith("entity:")]
    numbers = [term for term in matched if ":" not in term and any(char.isdigit() for char in term)]
    terms = list(dict.fromkeys(names + numbers))
    if not terms:
        terms = [term for term in matched if ":" not in term]
    return terms[:limit]


def discrepancy_line(discrepancy: Record) -> str:
    """``quantity · deaths: A: 183 fighters killed; B: 193``: the explanation, or the values when there is none.

    Schema 1 records name no ``fact``; their line is ``quantity: …``.
    """
    explanation = discrepancy.get("explanation") or " · ".join(
        f"{source_id}: {value}" for source_id, value in (discrepancy.get("values") or {}).items()
    )
    return f"{fact_label(discrepancy)}: {explanation}"


def fact_label(discrepancy: Record) -> str:
    """``quantity · deaths``: the discrepancy's type, then what its values are values of."""
    kind = str(discrepancy.get("type") or "value")
    fact = str(discrepancy.get("fact") or "")
    return f"{kind} · {fact}" if fact and fact != kind else kind


def truncate(text: str, limit: int) -> str:
    """Shorten ``text`` to at most ``limit`` characters at a word boundary, marking the cut with …."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 1)]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-—") + "…"


# --- Highlighting the values a discrepancy names -----------------------------------------------------------


def _normal(text: object) -> str:
    return " ".join(str(text).lower().split())


def _value_spellings(fact: Record) -> set[str]:
    """How a discrepancy may name a fact: its text, its normalised value, a float value without ``.0``."""
    spellings = {_normal(fact.get("text", ""))}
    value = fact.get("value")
    if value is not None:
        spellings.add(_normal(value))
        if isinstance(value, float) and value.is_integer():
            spellings.add(str(int(value)))
    spellings.discard("")
    return spellings


def _contains_word(haystack: str, needle: str) -> bool:
    # word-bounded, so that "1" does not name the fact "100 soldiers"
    return bool(needle) and re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack) is not None


def fact_named_by(fact: Record, named: str) -> bool:
    """Whether a discrepancy value such as ``"183"`` or ``"183 fighters"`` names this fact."""
    named = _normal(named)
    spellings = _value_spellings(fact)
    if named in spellings:
        return True
    text = _normal(fact.get("text", ""))
    return _contains_word(text, named) or _contains_word(named, text)


def fact_span(claim: Record, fact: Record) -> tuple[int, int] | None:
    """Where the fact sits in the claim's text.

    Both carry offsets into the original article, so the fact's span inside the
    claim is its offsets minus the claim's start. When those offsets do not
    point at the fact's words (a claim text tidied after offsets were taken),
    fall back to finding the words.
    """
    text = claim.get("text", "")
    fact_text = fact.get("text", "")
    try:
        start = int(fact["start"]) - int(claim["start"])
        end = int(fact["end"]) - int(claim["start"])
    except (KeyError, TypeError, ValueError):
        start, end = -1, -1
    if 0 <= start < end <= len(text) and text[start:end] == fact_text:
        return start, end
    found = text.lower().find(fact_text.lower()) if fact_text else -1
    return (found, found + len(fact_text)) if found >= 0 else None


def _word_span(text: str, named: str) -> tuple[int, int] | None:
    match = re.search(rf"(?<!\w){re.escape(named)}(?!\w)", text, flags=re.IGNORECASE)
    return match.span() if match else None


def discrepancy_spans(claim: Record, discrepancies: Iterable[Record]) -> list[tuple[int, int]]:
    """Character spans of ``claim["text"]`` holding the values the discrepancies name for its source.

    A value is matched to the claim's facts of the discrepancy's type; if no
    fact matches, the value's words are looked for in the text itself.
    """
    spans: list[tuple[int, int]] = []
    for discrepancy in discrepancies:
        named = (discrepancy.get("values") or {}).get(claim.get("source"))
        if named is None:
            continue
        named = str(named)
        facts = [
            fact
            for fact in claim.get("facts", [])
            if fact.get("type") == discrepancy.get("type") and fact_named_by(fact, named)
        ]
        found = [span for span in (fact_span(claim, fact) for fact in facts) if span]
        if not found:
            found = [span for span in [_word_span(claim.get("text", ""), named)] if span]
        spans.extend(found)
    return merge_spans(spans)


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def split_at_spans(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[str, bool]]:
    """Cut ``text`` into ``(piece, highlighted)`` pieces; ``spans`` must be sorted and disjoint."""
    pieces: list[tuple[str, bool]] = []
    position = 0
    for start, end in spans:
        if start > position:
            pieces.append((text[position:start], False))
        pieces.append((text[start:end], True))
        position = end
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces


# --- Who gives which value: N sources --------------------------------------------------------------------

MATRIX_MAX_SOURCES = 6
"""More sources than this and a fact's values are listed per value instead of put in a source-by-fact table."""

MAJORITY_MARK = "="
"""Marks a value held by the majority of the sources that give one."""

OTHER_MARK = "≠"
"""Marks a value outside the majority, or any value when no value has a majority."""

SILENT_MARK = "—"
"""Marks a source that gives no value for the fact."""

MARKS_LEGEND = f"{MAJORITY_MARK} majority value · {OTHER_MARK} other value · {SILENT_MARK} silent (no value)"


def source_ids(data: Record) -> list[str]:
    """The report's source ids in report order."""
    return [str(source.get("id", "?")) for source in data.get("sources", [])]


# Side and FactSides are named tuples, not frozen dataclasses: this module is imported by every run (even
# --format json), and a named tuple class is built in a tenth of the time.
class Side(NamedTuple):
    """One value of a fact and the sources that give it."""

    sources: tuple[str, ...]
    wording: str
    """How those sources word it; different wordings of one majority value are joined by `` / ``."""
    majority: bool


class FactSides(NamedTuple):
    """Who says what about one discrepant fact: the majority first, then the other values, then who is silent."""

    label: str
    sides: tuple[Side, ...]
    silent: tuple[str, ...]
    has_majority: bool

    def text(self) -> str:
        """``= A, C, D: over 300 deaths · ≠ B: 200 · silent: E, F``: the list form, readable without colour."""
        parts = [side_text(side) for side in self.sides]
        if self.silent:
            parts.append(f"silent: {', '.join(self.silent)}")
        return " · ".join(parts)


def side_text(side: Side) -> str:
    mark = MAJORITY_MARK if side.majority else OTHER_MARK
    return f"{mark} {', '.join(side.sources)}: {side.wording}"


def majority_of(discrepancy: Record) -> list[str]:
    """The record's ``majority``; a schema 1 record has none, so it is worked out the way schema 2 defines it."""
    if "majority" in discrepancy:
        return [str(source_id) for source_id in discrepancy.get("majority") or []]
    values = {str(key): _normal(value) for key, value in (discrepancy.get("values") or {}).items()}
    ranked = Counter(values.values()).most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return []  # a tie, or every source its own value: nobody is the majority
    return [source_id for source_id, value in values.items() if value == ranked[0][0]]


def fact_sides(discrepancy: Record, sources: Sequence[str]) -> FactSides:
    """Group the sources of one discrepancy by the value they give, majority first.

    The majority keeps its sources together even when they word the value
    differently (the judge found them equal); other sources are grouped by
    identical wording. Values of sources the report does not list still show.
    """
    values = {
        str(key): " ".join(str(value).split()) for key, value in (discrepancy.get("values") or {}).items()
    }
    order = [source_id for source_id in sources if source_id in values]
    order += [source_id for source_id in values if source_id not in order]
    in_majority = set(majority_of(discrepancy))
    majority = [source_id for source_id in order if source_id in in_majority]
    sides = []
    if majority:
        wordings = dict.fromkeys(values[source_id] for source_id in majority)
        sides.append(Side(tuple(majority), " / ".join(wordings), majority=True))
    others: dict[str, list[str]] = {}
    for source_id in order:
        if source_id not in majority:
            others.setdefault(_normal(values[source_id]), []).append(source_id)
    # the most widely held values first; equal counts keep the report's source order
    for grouped in sorted(others.values(), key=lambda ids: -len(ids)):
        sides.append(Side(tuple(grouped), values[grouped[0]], majority=False))
    silent = tuple(source_id for source_id in sources if source_id not in values)
    return FactSides(fact_label(discrepancy), tuple(sides), silent, has_majority=bool(majority))


def fact_cell(discrepancy: Record, source_id: str) -> tuple[str, str | None]:
    """``("=", "over 300 deaths")``, ``("≠", "200")`` or ``("—", None)``: one source's cell of the matrix."""
    values = discrepancy.get("values") or {}
    if source_id not in values:
        return SILENT_MARK, None
    value = " ".join(str(values[source_id]).split())
    return (MAJORITY_MARK if source_id in majority_of(discrepancy) else OTHER_MARK), value


def use_matrix(sources: Sequence[str]) -> bool:
    """Whether a source-by-fact table stays readable: beyond a handful of sources a list per fact reads better."""
    return 0 < len(sources) <= MATRIX_MAX_SOURCES


def agreed_items(group: Record, claims: Iterable[Record]) -> list[str]:
    """``deaths: over 300 deaths``, ``year: 2024 (A, C)``: what the group's sources state alike.

    Wordings are listed when they differ; the sources are named only when not
    all the sources of the group's ``claims`` give the fact.
    """
    speaking = {claim["source"] for claim in claims}
    items = []
    for agreed in group.get("agreed") or []:
        values = {
            str(key): " ".join(str(value).split()) for key, value in (agreed.get("values") or {}).items()
        }
        label = agreed.get("fact") or agreed.get("type") or "fact"
        item = f"{label}: {' / '.join(dict.fromkeys(values.values()))}"
        if set(values) < speaking:
            item += f" ({', '.join(values)})"
        items.append(item)
    return items


# --- Who did what to whom ------------------------------------------------------------------------------


def event_phrase(fact: Record) -> str:
    """``rebels — seized — Saraqib``; ``?`` where the extractor found no actor or target, ``not`` when negated."""
    action = str(fact.get("value") or fact.get("text") or "?")
    if fact.get("negated"):
        action = f"not {action}"
    return " — ".join([str(fact.get("actor") or "?"), action, str(fact.get("target") or "?")])


def events_per_source(claims: Iterable[Record]) -> dict[str, list[str]]:
    """Each source's events in the claims, as phrases; a source whose claims state no event maps to ``[]``."""
    per_source: dict[str, list[str]] = {}
    for claim in claims:
        phrases = per_source.setdefault(claim["source"], [])
        for fact in claim.get("facts", []):
            if fact.get("type") == "event" and event_phrase(fact) not in phrases:
                phrases.append(event_phrase(fact))
    return per_source


def events_line(claims: Iterable[Record]) -> str:
    """``A: rebels — seized — Saraqib | B: HTS — captured — Saraqib``, or ``""`` when no claim states an event."""
    per_source = events_per_source(claims)
    if not any(per_source.values()):
        return ""
    return " | ".join(
        f"{source_id}: {'; '.join(phrases) or SILENT_MARK}" for source_id, phrases in per_source.items()
    )


# --- What only one source reports ---------------------------------------------------------------------


def fact_counts(claim: Record) -> tuple[int, int, int, int, int]:
    """How much the claim carries, in the order it ranks: amounts, events, dates, entities, the rest.

    A death toll or who-did-what that another source leaves out is the
    consequential omission; a date or a name alone matters less, and scopes,
    attributions and ranks ("second-largest", keyed ``rank:``) least.
    """
    facts = claim.get("facts", [])
    types = [fact.get("type") for fact in facts]
    ranks = sum(
        fact.get("type") == "quantity" and str(fact.get("key", "")).startswith("rank:") for fact in facts
    )
    rest = types.count("scope") + types.count("attribution") + ranks
    amounts = types.count("quantity") - ranks
    return amounts, types.count("event"), types.count("date"), types.count("entity"), rest


def callout(claim: Record) -> list[str]:
    """The values worth calling out: numbers, dates and events, or else names, scopes and attributions."""
    facts = claim.get("facts", [])
    values = [fact_callout(fact) for fact in facts if fact.get("type") in ("quantity", "date", "event")]
    if not values:
        values = [fact_callout(fact) for fact in facts]
    return list(dict.fromkeys(value for value in values if value))  # once each, in reading order


def fact_callout(fact: Record) -> str:
    if fact.get("type") == "event":
        # as prose: the callout is followed by `` — `` and the claim, which event_phrase's dashes would blur
        action = f"not {fact.get('value')}" if fact.get("negated") else fact.get("value") or fact.get("text")
        return " ".join(str(part) for part in (fact.get("actor"), action, fact.get("target")) if part)
    if fact.get("type") == "attribution" and fact.get("value"):
        return f"according to {fact['value']}"
    return str(fact.get("text") or "")


def unique_claims(data: Record) -> dict[str, list[Record]]:
    """Claims only one source reports, per source, ranked by ``fact_counts``: most quantities first.

    Every source of the report is a key (with an empty list if it reports
    nothing alone); ties keep the reading order.
    """
    claims = claims_by_id(data)
    order = {claim_id: index for index, claim_id in enumerate(claims)}
    per_source: dict[str, list[Record]] = {source["id"]: [] for source in data.get("sources", [])}
    for group in groups_with_status(data, "unique"):
        for claim in group_claims(group, claims):
            per_source.setdefault(claim["source"], []).append(claim)
    for ranked in per_source.values():
        ranked.sort(
            key=lambda claim: (
                -casualties(claim),
                *(-count for count in fact_counts(claim)),
                order[claim["id"]],
            )
        )
    return per_source


# Counted things whose omission an editor must see first: a toll of lives or injuries.
CASUALTY_KEYS = frozenset({"death", "injur", "civilian", "peopl", "soldier", "child", "victim", "casualti"})


def casualties(claim: Record) -> float:
    """The largest casualty figure the claim gives (0 for none), so "over 300 deaths" leads "four civilians"."""
    figures = [
        float(fact.get("value") or 0)
        for fact in claim.get("facts", [])
        if fact.get("type") == "quantity" and fact.get("key") in CASUALTY_KEYS
    ]
    return max(figures, default=0.0)
