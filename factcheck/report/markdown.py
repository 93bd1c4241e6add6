"""The Markdown report: the terminal report's content as a document for a pull-request comment.

It reads the report record (the JSON export) and writes GitHub-flavoured
Markdown: a sources table, the summary, per discrepancy group a fact-by-source
table (``= value`` the majority's, ``**≠ value**`` another, ``—`` silent; a
list per fact when there are too many sources for columns), what the group
agrees on, who did what per source, and its claims with the differing values
in bold, the agreements (folded into ``<details>`` when
long), what only one source reports, optionally the dropped furniture, and the
settings signature last. Text from the articles is escaped so that ``|``,
``*`` or ``$`` in a claim cannot break a table, start emphasis or math.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TextIO

from factcheck.report import (
    MAJORITY_MARK,
    MARKS_LEGEND,
    SILENT_MARK,
    Record,
    agreed_items,
    agreement_head,
    callout,
    claims_by_id,
    discrepancy_line,
    discrepancy_spans,
    events_line,
    events_per_source,
    fact_cell,
    fact_label,
    fact_sides,
    group_claims,
    groups_with_status,
    plural,
    printable,
    shared_terms,
    side_text,
    signature,
    source_ids,
    split_at_spans,
    summary_line,
    truncate,
    unique_claims,
    use_matrix,
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
    out.write(printable("\n".join(squeeze_blank_lines(report_lines(data, show_dropped=show_dropped))) + "\n"))


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
    """A row per source; the Date column only when some input had a publication date."""
    sources = data.get("sources", [])
    dated = any(source.get("date") for source in sources)
    yield table_row(
        ["Source", "File", "Title", *(["Date"] if dated else []), "Sentences", "Claims", "Dropped lines"]
    )
    yield table_row(["---", "---", "---", *(["---"] if dated else []), "---:", "---:", "---:"])
    for source in sources:
        yield table_row(
            [
                f"**{escape(source.get('id', '?'))}**",
                escape(source.get("name") or source.get("path") or ""),
                escape(source.get("title") or ""),
                *([escape(source.get("date") or "")] if dated else []),
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
        return
    yield f"Marks: {escape(MARKS_LEGEND)}"
    yield ""
    claims = claims_by_id(data)
    sources = source_ids(data)
    for group in groups:
        yield from discrepancy_group(group, group_claims(group, claims), sources)


def discrepancy_group(group: Record, claims: Sequence[Record], sources: Sequence[str]) -> Iterator[str]:
    """A heading, who gives which value, what the sources agree on, who did what, then the claims."""
    discrepancies = group.get("discrepancies", [])
    yield group_heading(group)
    yield ""
    if discrepancies:
        yield from facts_by_source(discrepancies, sources)
        yield ""
    agreed = agreed_items(group, claims)
    if agreed:
        yield f"**Agreed:** {escape(' · '.join(agreed))}"
        yield ""
    yield from events_list(claims)
    yield table_row(["Source", "Claim"])
    yield table_row(["---", "---"])
    for claim in claims:
        yield table_row(
            [f"**{escape(claim['source'])}**", f"{claim_id(claim)} {bold_values(claim, discrepancies)}"]
        )
    yield ""


def group_heading(group: Record) -> str:
    """``#### G2 · score 0.71 · silent: D · shared: observatory``."""
    heading = f"#### {escape(group.get('id', '?'))} · score {group.get('score', 0):.2f}"
    if group.get("silent"):
        heading += " · silent: " + escape(", ".join(group["silent"]))
    if shared_terms(group):
        heading += " · shared: " + escape(", ".join(shared_terms(group)))
    return heading


def facts_by_source(discrepancies: Sequence[Record], sources: Sequence[str]) -> Iterator[str]:
    """A table with a row per fact and a column per source, or a list per fact beyond a handful of sources."""
    if not use_matrix(sources):
        for discrepancy in discrepancies:
            yield fact_list_item(discrepancy, sources)
        return
    yield table_row(["Fact", *(f"**{escape(source_id)}**" for source_id in sources)])
    yield table_row(["---"] * (len(sources) + 1))
    for discrepancy in discrepancies:
        cells = [matrix_cell(*fact_cell(discrepancy, source_id)) for source_id in sources]
        yield table_row([f"**{escape(fact_label(discrepancy))}**", *cells])
    yield ""
    for discrepancy in discrepancies:
        if discrepancy.get("explanation"):  # without one, the table already says it all
            kind, _, explanation = discrepancy_line(discrepancy).partition(": ")
            yield f"- **{escape(kind)}**: {escape(explanation)}"


def matrix_cell(mark: str, value: str | None) -> str:
    if value is None:
        return SILENT_MARK
    cell = f"{mark} {escape(value)}"
    return cell if mark == MAJORITY_MARK else f"**{cell}**"


def fact_list_item(discrepancy: Record, sources: Sequence[str]) -> str:
    """``- **quantity · deaths**: = A, C: over 300 · **≠ B: 200** · silent: E — explanation``."""
    sides = fact_sides(discrepancy, sources)
    pieces = [
        escape(side_text(side)) if side.majority else f"**{escape(side_text(side))}**" for side in sides.sides
    ]
    if sides.silent:
        pieces.append("silent: " + escape(", ".join(sides.silent)))
    item = f"- **{escape(sides.label)}**: {' · '.join(pieces)}"
    if not sides.has_majority:
        item += " (no majority)"
    explanation = discrepancy.get("explanation")
    return f"{item} — {escape(str(explanation))}" if explanation else item


def events_list(claims: Sequence[Record]) -> Iterator[str]:
    """``**Who did what:**`` and a line per source, ``actor — action — target``."""
    per_source = events_per_source(claims)
    if not any(per_source.values()):
        return
    yield "**Who did what:**"
    yield ""
    for source_id, phrases in per_source.items():
        yield f"- **{escape(source_id)}**: {escape('; '.join(phrases)) or SILENT_MARK}"
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
    """``- **G3 A4 ≈ B7 (0.82)**: The clashes have led to…``, and who did what below when there are events."""
    item = f"- **{escape(agreement_head(group, claims))}**"
    if not claims:
        return item
    item = f"{item}: {escape(truncate(claims[0].get('text', ''), AGREEMENT_TEXT_LIMIT))}"
    events = events_line(claims)
    return f"{item}\n  - who did what: {escape(events)}" if events else item


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
