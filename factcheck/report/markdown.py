"""The Markdown report: the terminal report's content as a document for a pull-request comment.

It reads the report record (the JSON export) and writes GitHub-flavoured
Markdown: a sources table, the summary, a table per discrepancy with the
differing values in bold, the agreements (folded into ``<details>`` when
long), what only one source reports, optionally the dropped furniture, and the
settings signature last. Text from the articles is escaped so that ``|``,
``*`` or ``$`` in a claim cannot break a table, start emphasis or math.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TextIO

from factcheck.report import (
    Record,
    agreement_head,
    callout,
    claims_by_id,
    discrepancy_line,
    discrepancy_spans,
    group_claims,
    groups_with_status,
    plural,
    shared_terms,
    signature,
    split_at_spans,
    summary_line,
    truncate,
    unique_claims,
)

AGREEMENTS_SHOWN_OPEN = 10
"""More agreements than this are folded into a ``<details>`` block."""

FACTLESS_SHOWN_OPEN = 3
"""More claims with no numbers or names than this (per source) are folded into ``<details>``."""

AGREEMENT_TEXT_LIMIT = 120
"""Characters of claim text shown per agreement: they agree, so a glimpse is enough."""

# Punctuation that can start emphasis, a link, code, HTML, an entity, strikethrough, GitHub's
# math or end a table cell anywhere in a line (CommonMark lets a backslash make any of them
# literal). Characters significant only at the start of a line are safe: no line starts with
# article text.
_SIGNIFICANT = re.compile(r"([\\`*_\[\]<>|~$&])")
_WHITESPACE = re.compile(r"\s+")


def render_markdown(
    data: dict[str, Any],
    out: TextIO,
    *,
    color: bool = False,
    width: int | None = None,
    show_dropped: bool = False,
) -> None:
    """Write the Markdown report of the record ``data`` to ``out``; ``color`` and ``width`` do not apply."""
    out.write("\n".join(squeeze_blank_lines(report_lines(data, show_dropped=show_dropped))) + "\n")


def report_lines(data: Record, *, show_dropped: bool) -> Iterator[str]:
    yield "## factcheck report"
    yield ""
    yield from sources_table(data)
    yield ""
    yield f"**{escape(summary_line(data))}**"
    yield from discrepancies_section(data)
    yield from agreements_section(data)
    yield from unique_section(data)
    if show_dropped:
        yield from dropped_section(data)
    yield ""
    yield f"<sub>{escape(signature(data))}</sub>"


def squeeze_blank_lines(lines: Iterable[str]) -> Iterator[str]:
    """Sections open and close with blank lines freely; one between blocks is enough."""
    previous = ""
    for line in lines:
        if line or previous:
            yield line
        previous = line


def escape(text: str) -> str:
    """Article text made literal for Markdown, on one line so it fits in a table cell or list item."""
    return _SIGNIFICANT.sub(r"\\\1", _WHITESPACE.sub(" ", text))


def table_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def sources_table(data: Record) -> Iterator[str]:
    yield table_row(["Source", "File", "Title", "Sentences", "Claims", "Dropped lines"])
    yield table_row(["---", "---", "---", "---:", "---:", "---:"])
    for source in data.get("sources", []):
        yield table_row(
            [
                f"**{escape(source.get('id', '?'))}**",
                escape(source.get("name") or source.get("path") or ""),
                escape(source.get("title") or ""),
                str(source.get("sentences", 0)),
                str(source.get("claims", 0)),
                str(len(source.get("dropped", []))),
            ]
        )


def claim_id(claim: Record) -> str:
    return f"`{claim['id']}`"


# --- Discrepancies ---------------------------------------------------------------------------------


def discrepancies_section(data: Record) -> Iterator[str]:
    groups = groups_with_status(data, "discrepancy")
    yield ""
    yield "### Discrepancies"
    yield ""
    if not groups:
        yield "No discrepancies: no aligned claims disagree on a number, date or name."
    claims = claims_by_id(data)
    for group in groups:
        yield from discrepancy_group(group, group_claims(group, claims))


def discrepancy_group(group: Record, claims: Sequence[Record]) -> Iterator[str]:
    """A heading, a table row per claim with the differing values in bold, a line per discrepancy."""
    discrepancies = group.get("discrepancies", [])
    heading = f"#### {escape(group.get('id', '?'))} · score {group.get('score', 0):.2f}"
    if shared_terms(group):
        heading += " · shared: " + escape(", ".join(shared_terms(group)))
    yield heading
    yield ""
    yield table_row(["Source", "Claim"])
    yield table_row(["---", "---"])
    for claim in claims:
        yield table_row(
            [f"**{escape(claim['source'])}**", f"{claim_id(claim)} {bold_values(claim, discrepancies)}"]
        )
    yield ""
    for discrepancy in discrepancies:
        kind, _, explanation = discrepancy_line(discrepancy).partition(": ")
        yield f"- **{escape(kind)}**: {escape(explanation)}"
    yield ""


def bold_values(claim: Record, discrepancies: Sequence[Record]) -> str:
    """The escaped claim text with the values the discrepancies name in bold."""
    pieces = []
    for piece, highlighted in split_at_spans(claim.get("text", ""), discrepancy_spans(claim, discrepancies)):
        pieces.append(strong(piece) if highlighted else escape(piece))
    return "".join(pieces).strip()


def strong(piece: str) -> str:
    # ** must touch the words it wraps to open and close emphasis, so spaces stay outside
    core = piece.strip()
    if not core:
        return escape(piece)
    lead = " " if piece[0].isspace() else ""
    trail = " " if piece[-1].isspace() else ""
    return f"{lead}**{escape(core)}**{trail}"


# --- Agreements ----------------------------------------------------------------------------------------


def agreements_section(data: Record) -> Iterator[str]:
    groups = groups_with_status(data, "agreement")
    yield "### Agreements"
    yield ""
    if not groups:
        yield "No agreements: no claims aligned without disagreeing."
        return
    claims = claims_by_id(data)
    items = [agreement_item(group, group_claims(group, claims)) for group in groups]
    if len(items) > AGREEMENTS_SHOWN_OPEN:
        yield f"<details><summary>{plural(len(items), 'agreement')}</summary>"
        yield ""
        yield from items
        yield ""
        yield "</details>"
    else:
        yield from items


def agreement_item(group: Record, claims: Sequence[Record]) -> str:
    """``- **G3 A4 ≈ B7 (0.82)**: The clashes have led to…``."""
    item = f"- **{escape(agreement_head(group, claims))}**"
    if not claims:
        return item
    return f"{item}: {escape(truncate(claims[0].get('text', ''), AGREEMENT_TEXT_LIMIT))}"


# --- Only one source reports -------------------------------------------------------------------------


def unique_section(data: Record) -> Iterator[str]:
    per_source = unique_claims(data)
    yield ""
    yield "### Only one source reports"
    if not any(per_source.values()):
        yield ""
        yield "Every claim was matched in another source."
    for source_id, claims in per_source.items():
        if claims:
            yield from unique_claims_of(source_id, claims)


def unique_claims_of(source_id: str, claims: Sequence[Record]) -> Iterator[str]:
    """Claims with numbers or names ranked, values first; the others folded away but not lost."""
    with_facts = [claim for claim in claims if claim.get("facts")]
    factless = [claim for claim in claims if not claim.get("facts")]
    yield ""
    yield f"**Only {escape(source_id)} reports** ({plural(len(claims), 'claim')}):"
    yield ""
    for claim in with_facts:
        values = ", ".join(callout(claim))
        called_out = f"**{escape(values)}** — " if values else ""
        yield f"- {claim_id(claim)} {called_out}{escape(claim.get('text', ''))}"
    factless_items = [f"- {claim_id(claim)} {escape(claim.get('text', ''))}" for claim in factless]
    if len(factless) <= FACTLESS_SHOWN_OPEN:
        yield from factless_items
        return
    yield ""
    yield f"<details><summary>{plural(len(factless), 'claim')} with no numbers or names</summary>"
    yield ""
    yield from factless_items
    yield ""
    yield "</details>"


# --- Dropped furniture ---------------------------------------------------------------------------------


def dropped_section(data: Record) -> Iterator[str]:
    yield ""
    yield "### Dropped lines"
    yield ""
    rows = [(source, dropped) for source in data.get("sources", []) for dropped in source.get("dropped", [])]
    if not rows:
        yield "Nothing was dropped as page furniture."
        return
    yield table_row(["Source", "Line", "Text", "Reason"])
    yield table_row(["---", "---:", "---", "---"])
    for source, dropped in rows:
        yield table_row(
            [
                escape(source.get("id", "?")),
                str(dropped.get("line", "")),
                escape(dropped.get("text", "")),
                escape(dropped.get("reason", "")),
            ]
        )
