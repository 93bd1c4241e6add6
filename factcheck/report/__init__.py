"""Reporters: turn the report record into text for people or machines.

Every reporter reads one record, the report dict of the JSON export (schema
version 1), never the pipeline's internal objects, so that a saved JSON file
can be re-rendered later and all formats say the same thing.

This module holds the registry (``REPORTERS``, ``render``) and the small
readers of the record that the rich and Markdown reporters share: what to
highlight in a claim, how to rank what only one source reports, the summary
line and the settings signature. It imports nothing heavy: the rich reporter
is imported only when it is asked for, so ``--format json`` never loads rich.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol, TextIO

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
    """``5 agreements · 1 discrepancy · unique: A 9, B 20``."""
    summary = data.get("summary") or {}
    agreements = summary.get("agreements", len(groups_with_status(data, "agreement")))
    discrepancies = summary.get("discrepancies", len(groups_with_status(data, "discrepancy")))
    unique = summary.get("unique") or {}
    counts = ", ".join(f"{source_id} {count}" for source_id, count in unique.items())
    parts = [plural(agreements, "agreement"), plural(discrepancies, "discrepancy")]
    if counts:
        parts.append(f"unique: {counts}")
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
    return [head] + [f"{name} {_setting_text(value)}" for name, value in settings.items()]


def signature(data: Record) -> str:
    """The settings signature on one line, sacrebleu-style."""
    return " · ".join(signature_parts(data))


def agreement_head(group: Record, claims: Sequence[Record]) -> str:
    """``G3 A4 ≈ B7 (0.82)``."""
    ids = " ≈ ".join(claim["id"] for claim in claims)
    return f"{group.get('id', '?')} {ids} ({group.get('score', 0):.2f})"


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
    """``quantity: A: 183 fighters killed; B: 193``: the explanation, or the values when there is none."""
    explanation = discrepancy.get("explanation") or " · ".join(
        f"{source_id}: {value}" for source_id, value in (discrepancy.get("values") or {}).items()
    )
    return f"{discrepancy.get('type', 'value')}: {explanation}"


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


# --- What only one source reports ---------------------------------------------------------------------


def fact_counts(claim: Record) -> tuple[int, int, int]:
    """How many quantities, dates and entities the claim carries."""
    types = [fact.get("type") for fact in claim.get("facts", [])]
    return types.count("quantity"), types.count("date"), types.count("entity")


def callout(claim: Record) -> list[str]:
    """The values worth calling out: numbers and dates, or the names when the claim has neither."""
    facts = claim.get("facts", [])
    values = [fact["text"] for fact in facts if fact.get("type") in ("quantity", "date")]
    if not values:
        values = [fact["text"] for fact in facts if fact.get("type") == "entity"]
    return list(dict.fromkeys(value for value in values if value))  # once each, in reading order


def unique_claims(data: Record) -> dict[str, list[Record]]:
    """Claims only one source reports, per source, ranked: most quantities, then dates, then entities.

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
        ranked.sort(key=lambda claim: (*(-count for count in fact_counts(claim)), order[claim["id"]]))
    return per_source
