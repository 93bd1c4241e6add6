"""The findings that every machine format (SARIF, GitHub annotations) reports.

A finding is one thing a CI job may act on, read from the report record (the
JSON export) and nothing else:

- a **discrepancy**: one per entry in ``groups[].discrepancies``; rule id
  ``discrepancy/<type>`` (``discrepancy/quantity``, ``discrepancy/date``, ...),
  level ``error``;
- an **omission**: a group with status ``unique`` whose claim comes from the
  first source; rule id ``omission``, level ``warning``;
- an **addition**: a ``unique`` group whose claim comes from a later source;
  rule id ``addition``, level ``note``.

Convention: the FIRST source is the reference (the original article, e.g. the
wire story) and every later source is derived from it (a rewrite, translation
or summary). A finding is located where an editor fixes it, in the derived
article, and the reference's claim is a related location. The one exception is
an omission: the derived articles have no span for what they left out, so its
location is the reference claim itself, with no related location.

Each finding carries the fingerprint the record already holds
(``groups[].discrepancies[].fingerprint``, or ``groups[].fingerprint`` on a
unique group), so a baseline written from one format matches the others.
Findings are ordered by level (errors first), then by group order, because
GitHub shows only the first few annotations of each level.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from factcheck.report import Record, claims_by_id, group_claims, truncate

LEVELS = ("error", "warning", "note")
"""SARIF's levels, most severe first; GitHub's ``error``/``warning``/``notice`` map onto them."""

UNIQUE_TEXT_LIMIT = 120
"""Characters of claim text quoted in an omission's or addition's message."""

RULE_DESCRIPTIONS: dict[str, str] = {
    "discrepancy/quantity": "The sources give different numbers for the same quantity.",
    "discrepancy/date": "The sources give different dates for the same event.",
    "discrepancy/entity": "The sources name different people, places or organisations.",
    "discrepancy/negation": "One source affirms what another denies.",
    "discrepancy/scope": "The sources describe a different extent of what happened.",
    "discrepancy/attribute": "The sources attribute the claim differently.",
    "discrepancy/event": "The sources describe a different action or who did it.",
    "omission": "The reference article states this claim; the derived article leaves it out.",
    "addition": "Only a derived article states this claim; the reference does not.",
}
"""One-line descriptions of the rules, for SARIF's ``shortDescription``."""


@dataclass(frozen=True)
class Location:
    """A claim's place in its article: 1-based lines and columns, ``end_column`` just past the claim."""

    source: str
    claim: str
    path: str
    start_line: int
    start_column: int
    end_line: int
    end_column: int
    text: str


@dataclass(frozen=True)
class Finding:
    rule_id: str
    kind: str
    """``discrepancy``, ``omission`` or ``addition``."""
    level: str
    """``error``, ``warning`` or ``note`` (SARIF's names)."""
    message: str
    fingerprint: str
    group: str
    location: Location
    related: tuple[Location, ...] = ()


def rule_description(rule_id: str) -> str:
    """The rule's one-line description; a discrepancy type unknown here still gets a generic one."""
    if rule_id in RULE_DESCRIPTIONS:
        return RULE_DESCRIPTIONS[rule_id]
    return f"The sources disagree on a {rule_id.partition('/')[2] or 'fact'}."


def findings(data: Record) -> list[Finding]:
    """Every finding of the report record ``data``, errors first, then in group order."""
    sources = data.get("sources", [])
    reference = sources[0]["id"] if sources else ""
    paths = {source["id"]: source_path(source) for source in sources}
    claims = claims_by_id(data)
    found: list[Finding] = []
    for group in data.get("groups", []):
        members = group_claims(group, claims)
        if not members:
            continue  # a group whose claims the record does not hold has nowhere to point
        if group.get("status") == "unique":
            found.append(_unique_finding(group, members[0], reference, paths))
        for discrepancy in group.get("discrepancies", []):
            found.append(_discrepancy_finding(group, discrepancy, members, reference, paths))
    # sorted() is stable, so within a level the group order is kept
    return sorted(found, key=lambda finding: LEVELS.index(finding.level))


def source_path(source: Record) -> str:
    """The path as given on the command line; the name for standard input or text passed as a string."""
    path = source.get("path")
    if path and path != "-":
        return str(path)
    return str(source.get("name") or source.get("id", ""))


def location(claim: Record, paths: Mapping[str, str]) -> Location:
    line = int(claim.get("line", 1))
    return Location(
        source=claim["source"],
        claim=claim["id"],
        path=paths.get(claim["source"], claim["source"]),
        start_line=line,
        start_column=int(claim.get("column", 1)),
        end_line=int(claim.get("end_line", line)),
        end_column=int(claim.get("end_column", 1 + len(claim.get("text", "")))),
        text=claim.get("text", ""),
    )


def _unique_finding(group: Record, claim: Record, reference: str, paths: Mapping[str, str]) -> Finding:
    kind = "omission" if claim["source"] == reference else "addition"
    text = truncate(claim.get("text", ""), UNIQUE_TEXT_LIMIT)
    return Finding(
        rule_id=kind,
        kind=kind,
        level="warning" if kind == "omission" else "note",
        message=f"only {claim['source']} says: {text}",
        fingerprint=str(group.get("fingerprint", "")),
        group=str(group.get("id", "")),
        location=location(claim, paths),
    )


def _discrepancy_finding(
    group: Record,
    discrepancy: Record,
    members: Sequence[Record],
    reference: str,
    paths: Mapping[str, str],
) -> Finding:
    primary = primary_claim(members, discrepancy, reference)
    kind_type = discrepancy.get("type") or "fact"
    return Finding(
        rule_id=f"discrepancy/{kind_type}",
        kind="discrepancy",
        level="error",
        message=_discrepancy_message(discrepancy),
        fingerprint=str(discrepancy.get("fingerprint", "")),
        group=str(group.get("id", "")),
        location=location(primary, paths),
        related=tuple(location(claim, paths) for claim in members if claim is not primary),
    )


def primary_claim(members: Sequence[Record], discrepancy: Record, reference: str) -> Record:
    """Where a discrepancy is reported: the first derived claim that gives a value, else any derived one.

    A group can lack the reference (three sources, the first silent) or hold a
    derived claim that gives no value for this fact; the fallbacks keep a
    location in a derived article whenever the group has one.
    """
    valued = set(discrepancy.get("values") or {})
    derived = [claim for claim in members if claim["source"] != reference]
    for claim in derived:
        if claim["source"] in valued:
            return claim
    return derived[0] if derived else members[0]


def _discrepancy_message(discrepancy: Record) -> str:
    explanation = discrepancy.get("explanation")
    if explanation:
        return str(explanation)
    values: Mapping[str, Any] = discrepancy.get("values") or {}
    return "different values: " + "; ".join(f"{source}: {value}" for source, value in values.items())
