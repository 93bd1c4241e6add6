"""The terminal report, for people: sources, summary, discrepancies, agreements, what only one source says.

It reads the report record (the JSON export) and renders it with rich. It
must read well at 80 columns with and without colour: without colour no ANSI
escape is written and highlighted values are marked with ``*stars*`` instead,
so the differing values still stand out in a pipe or a file.

Each discrepancy group shows a fact-by-source matrix: a row per discrepant
fact, a column per source, each cell the source's value marked ``=`` (the
majority's), ``≠`` (another value) or ``—`` (silent). The marks carry the
meaning; colour only repeats it. With more sources than fit, or a terminal
too narrow, each fact becomes one line instead:
``= A, C, D: over 300 deaths · ≠ B: 200 · silent: E, F``.

The registry in ``factcheck.report`` imports this module only when the rich
format is asked for, since rich takes noticeable time to import.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, TextIO

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from factcheck.report import (
    MAJORITY_MARK,
    MARKS_LEGEND,
    SILENT_MARK,
    FactSides,
    Record,
    agreed_items,
    agreement_head,
    callout,
    claims_by_id,
    claims_per_source,
    discrepancy_line,
    discrepancy_spans,
    events_line,
    events_per_source,
    fact_cell,
    fact_counts,
    fact_sides,
    group_claims,
    groups_with_status,
    plural,
    printable_record,
    shared_terms,
    side_text,
    signature_parts,
    source_ids,
    split_at_spans,
    summary_line,
    truncate,
    unique_claims,
    use_matrix,
)

DEFAULT_WIDTH = 80
"""Width when the output is not a terminal and the caller fixed none."""

MAX_SIDE_BY_SIDE = 3
"""More sources than this in one discrepancy and claims are stacked instead of put in columns."""

MIN_COLUMN_WIDTH = 24
"""Narrower columns than this read badly, so claims are stacked instead."""

MATRIX_MIN_CELL = 7
"""Narrower matrix cells than this (``≠ 2024`` is six) and the facts are listed instead."""

MATRIX_LABEL_WIDTH = 14
"""At most this many columns for the fact names of the matrix; longer names wrap."""

MATRIX_LABEL_WIDE = 24
"""As many columns for the fact names when the source cells can spare them."""

INDENT = 2

FACTLESS_LISTED = 3
"""Claims with no numbers or names listed per source before the rest are only counted."""

_WHITESPACE = re.compile(r"\s+")

VALUE_STYLE = "bold red"
MAJORITY_STYLE = "bold"
CALLOUT_STYLE = "bold"
ID_STYLE = "bold cyan"
QUIET_STYLE = "dim"


def render_rich(
    data: dict[str, Any],
    out: TextIO,
    *,
    color: bool = False,
    width: int | None = None,
    show_dropped: bool = False,
) -> None:
    """Write the terminal report of the record ``data`` to ``out``."""
    data = printable_record(data)  # the report's own styling is rich's; the articles' text is shown inert
    console = make_console(out, color=color, width=width)
    with console.capture() as capture:
        for section in report_sections(data, console.width, color=color, show_dropped=show_dropped):
            console.print(section)
    out.write(capture.get() if color else strip_trailing_spaces(capture.get()))


def make_console(out: TextIO, *, color: bool, width: int | None) -> Console:
    """A console that writes exactly what the caller decided: colour or none, this width or the terminal's."""
    is_terminal = _is_terminal(out)
    return Console(
        file=out,
        width=width or (None if is_terminal else DEFAULT_WIDTH),
        # the caller already weighed NO_COLOR, pipes and --color; rich must not second-guess it
        force_terminal=color,
        no_color=not color,
        color_system=("auto" if is_terminal else "standard") if color else None,
        highlight=False,
        markup=False,  # claim text may hold [brackets] that are not markup
        emoji=False,
        soft_wrap=False,
        legacy_windows=False,
    )


def _is_terminal(out: TextIO) -> bool:
    isatty = getattr(out, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed file
        return False


def strip_trailing_spaces(rendered: str) -> str:
    # rich pads table cells to their width; without colour the padding is only noise in files and diffs
    return "\n".join(line.rstrip() for line in rendered.split("\n"))


Section = tuple[str, list[RenderableType]]
"""A titled part of the report and its blocks, which are printed with a blank line between them."""


def report_sections(data: Record, width: int, *, color: bool, show_dropped: bool) -> Iterator[RenderableType]:
    """Everything the report prints, in reading order."""
    yield sources_block(data)
    yield Text()
    yield Text(summary_line(data), style="bold")
    sections = [
        discrepancies_section(data, width, color=color),
        agreements_section(data),
        unique_section(data, width),
    ]
    if show_dropped:
        sections.append(dropped_section(data))
    for title, blocks in sections:
        yield Text()
        yield Rule(Text(title, style="bold"), align="left", style=QUIET_STYLE)
        for index, block in enumerate(blocks):
            if index:
                yield Text()
            yield block
    yield from footer(data, width)


def quiet(message: str) -> Text:
    return Text(message, style=QUIET_STYLE)


# --- Sources -------------------------------------------------------------------------------------------


def sources_block(data: Record) -> RenderableType:
    sources = data.get("sources", [])
    table = Table.grid(padding=(0, 1))
    table.add_column(style=ID_STYLE, no_wrap=True)
    table.add_column(ratio=1)
    for source in sources:
        table.add_row(source.get("id", "?"), source_description(source))
    heading = Text(f"factcheck report · {plural(len(sources), 'source')}", style="bold")
    return Group(heading, table)


def source_description(source: Record) -> Text:
    """``aleppo_a.txt · 2024-11-30 · 15 sentences · 15 claims · 2 dropped lines``, the title below.

    The date and the title are shown when the input had them.
    """
    counts = [
        plural(source.get("sentences", 0), "sentence"),
        plural(source.get("claims", 0), "claim"),
        plural(len(source.get("dropped", [])), "dropped line"),
    ]
    if source.get("date"):
        counts.insert(0, str(source["date"]))
    text = Text.assemble(
        (source.get("name") or source.get("path") or "?", "bold"), " · " + " · ".join(counts)
    )
    if source.get("title"):
        text.append("\n")
        text.append(source["title"], style="italic")
    return text


# --- Discrepancies ---------------------------------------------------------------------------------


def discrepancies_section(data: Record, width: int, *, color: bool) -> Section:
    groups = groups_with_status(data, "discrepancy")
    if not groups:
        return "Discrepancies (0)", [quiet("No aligned claims disagree on a number, date or name.")]
    claims = claims_by_id(data)
    sources = source_ids(data)
    names = {source["id"]: source.get("name", "") for source in data.get("sources", [])}
    blocks: list[RenderableType] = [quiet(MARKS_LEGEND)]
    blocks += [
        discrepancy_group(group, group_claims(group, claims), sources, names, width, color=color)
        for group in groups
    ]
    return f"Discrepancies ({len(groups)})", blocks


def discrepancy_group(
    group: Record,
    claims: Sequence[Record],
    sources: Sequence[str],
    names: Mapping[str, str],
    width: int,
    *,
    color: bool,
) -> RenderableType:
    """One group: who gives which value, what the sources agree on, who did what, then the claims themselves."""
    discrepancies = group.get("discrepancies", [])
    parts: list[RenderableType] = [group_heading(group)]
    if discrepancies:
        parts.append(facts_by_source(discrepancies, sources, width))
    agreed = agreed_items(group, claims)
    if agreed:
        parts.append(indented(Text.assemble(("agreed: ", "bold"), " · ".join(agreed))))
    events = events_block(claims)
    if events is not None:
        parts.append(events)
    # a blank line sets the evidence apart from the facts drawn from it
    parts += [Text(), claims_block(claims, names, discrepancies, width, color=color)]
    return Group(*parts)


def group_heading(group: Record) -> Text:
    """``G2 · score 0.71 · silent: D · shared: observatory``, cut to one line."""
    silent = group.get("silent") or []
    shared = shared_terms(group)
    return Text.assemble(
        (group.get("id", "?"), "bold"),
        (f" · score {group.get('score', 0):.2f}", QUIET_STYLE),
        (f" · silent: {', '.join(silent)}" if silent else "", "bold"),
        (" · shared: " + ", ".join(shared) if shared else "", QUIET_STYLE),
        no_wrap=True,
        overflow="ellipsis",
    )


def indented(renderable: RenderableType, level: int = 1) -> Padding:
    return Padding(renderable, (0, 0, 0, INDENT * level))


def facts_by_source(discrepancies: Sequence[Record], sources: Sequence[str], width: int) -> RenderableType:
    """The matrix when it fits, else a list per fact; either way every explanation follows."""
    label_width = matrix_label_width(discrepancies, len(sources), width)
    if use_matrix(sources) and matrix_fits(len(sources), label_width, width):
        explained = [d for d in discrepancies if d.get("explanation")]
        lines = [discrepancy_text(discrepancy) for discrepancy in explained]
        return Group(indented(fact_matrix(discrepancies, sources, label_width)), *lines)
    return Group(*(fact_list_item(discrepancy, sources) for discrepancy in discrepancies))


def matrix_label_width(discrepancies: Sequence[Record], columns: int, width: int) -> int:
    """Room for the fact names: wide enough for most on one line if the cells can spare it."""
    longest = max(label_width_of(discrepancy) for discrepancy in discrepancies)
    for cap in (MATRIX_LABEL_WIDE, MATRIX_LABEL_WIDTH):
        if matrix_fits(columns, min(longest, cap), width):
            return min(longest, cap)
    return min(longest, MATRIX_LABEL_WIDTH)


def label_width_of(discrepancy: Record) -> int:
    return max(len(line) for line in matrix_label(discrepancy).plain.split("\n"))


def matrix_fits(columns: int, label_width: int, width: int) -> bool:
    # each column costs its cell, a space of padding and the box's blank divider
    per_column = (width - INDENT - label_width - 2) // columns - 2
    return per_column >= MATRIX_MIN_CELL


def fact_matrix(discrepancies: Sequence[Record], sources: Sequence[str], label_width: int) -> Table:
    """Rows are facts, columns sources; a cell is ``= value`` (majority), ``≠ value`` or ``—`` (silent)."""
    table = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        padding=(0, 1, 0, 0),
        header_style="",
        collapse_padding=True,
    )
    table.add_column(quiet("fact"), max_width=label_width, overflow="fold")
    for source_id in sources:
        table.add_column(Text(source_id, style=ID_STYLE), overflow="fold")
    for discrepancy in discrepancies:
        cells = [matrix_cell(*fact_cell(discrepancy, source_id)) for source_id in sources]
        table.add_row(matrix_label(discrepancy), *cells)
    return table


def matrix_label(discrepancy: Record) -> Text:
    """The fact on the first line, ``(type)`` dimmed below: two short lines leave the sources more room."""
    kind = str(discrepancy.get("type") or "value")
    fact = str(discrepancy.get("fact") or "")
    if not fact or fact == kind:
        return Text(kind, style="bold")
    return Text.assemble((fact, "bold"), "\n", (f"({kind})", QUIET_STYLE))


def matrix_cell(mark: str, value: str | None) -> Text:
    if value is None:
        return Text(SILENT_MARK, style=QUIET_STYLE)
    return Text(f"{mark} {value}", style=MAJORITY_STYLE if mark == MAJORITY_MARK else VALUE_STYLE)


def fact_list_item(discrepancy: Record, sources: Sequence[str]) -> RenderableType:
    """``quantity · deaths`` over ``= A, C, D: over 300 deaths · ≠ B: 200 · silent: E, F`` and the explanation."""
    sides = fact_sides(discrepancy, sources)
    label = Text(sides.label, style="bold yellow")
    if not sides.has_majority:
        label.append(" (no majority)", style=QUIET_STYLE)
    parts: list[RenderableType] = [indented(label), indented(sides_line(sides), 2)]
    if discrepancy.get("explanation"):
        parts.append(indented(Text(" ".join(str(discrepancy["explanation"]).split())), 2))
    return Group(*parts)


def sides_line(sides: FactSides) -> Text:
    text = Text()
    for index, side in enumerate(sides.sides):
        if index:
            text.append(" · ")
        text.append(side_text(side), style=MAJORITY_STYLE if side.majority else VALUE_STYLE)
    if sides.silent:
        text.append(" · ")
        text.append(f"silent: {', '.join(sides.silent)}", style=QUIET_STYLE)
    return text


def events_block(claims: Sequence[Record]) -> RenderableType | None:
    """``who did what:`` and per source its events, ``actor — action — target``, so they compare line by line."""
    per_source = events_per_source(claims)
    if not any(per_source.values()):
        return None
    table = Table.grid(padding=(0, 1))
    table.add_column(style=ID_STYLE, no_wrap=True)
    table.add_column(overflow="fold")
    for source_id, phrases in per_source.items():
        table.add_row(source_id, "; ".join(phrases) or SILENT_MARK)
    return Group(indented(Text("who did what:", style="bold")), indented(table, 2))


def claims_block(
    claims: Sequence[Record],
    names: Mapping[str, str],
    discrepancies: Sequence[Record],
    width: int,
    *,
    color: bool,
) -> RenderableType:
    """The claims with the values highlighted: side by side for a few sources, stacked for more."""
    per_source = claims_per_source(claims)
    side_by_side = (
        len(per_source) <= MAX_SIDE_BY_SIDE and width // max(len(per_source), 1) >= MIN_COLUMN_WIDTH
    )
    if side_by_side:
        return claims_in_columns(per_source, names, discrepancies, color=color)
    return claims_stacked(claims, discrepancies, color=color)


def discrepancy_text(discrepancy: Record) -> RenderableType:
    """``  quantity · deaths: A: 183 fighters killed; B: 193`` with the type stressed."""
    kind, _, explanation = discrepancy_line(discrepancy).partition(": ")
    return indented(Text.assemble((kind, "bold yellow"), ": ", (explanation, "bold")))


def highlighted_claim(claim: Record, discrepancies: Sequence[Record], *, color: bool) -> Text:
    """The claim text with the values the discrepancies name in bold red, or in ``*stars*`` without colour."""
    text = Text()
    spans = discrepancy_spans(claim, discrepancies)
    for raw_piece, highlighted in split_at_spans(claim.get("text", ""), spans):
        piece = _WHITESPACE.sub(" ", raw_piece)  # a line break inside a claim would break the columns
        if highlighted:
            text.append(piece if color else f"*{piece}*", style=VALUE_STYLE)
        else:
            text.append(piece)
    return text


def claims_in_columns(
    per_source: Mapping[str, Sequence[Record]],
    names: Mapping[str, str],
    discrepancies: Sequence[Record],
    *,
    color: bool,
) -> Table:
    """One column per source, headed by its id and name, its claims one under the other."""
    table = Table(box=box.MINIMAL, expand=True, padding=(0, 1), show_edge=False)
    for source_id in per_source:
        header = Text.assemble((source_id, ID_STYLE), (f" {names.get(source_id, '')}".rstrip(), QUIET_STYLE))
        table.add_column(header, ratio=1, overflow="fold", header_style="")
    cells = []
    for claims in per_source.values():
        cell = Text("\n\n").join(claim_with_id(claim, discrepancies, color=color) for claim in claims)
        cells.append(cell)
    table.add_row(*cells)
    return table


def claim_with_id(claim: Record, discrepancies: Sequence[Record], *, color: bool) -> Text:
    return Text.assemble((claim["id"], ID_STYLE), " ", highlighted_claim(claim, discrepancies, color=color))


def claims_stacked(
    claims: Sequence[Record], discrepancies: Sequence[Record], *, color: bool
) -> RenderableType:
    """Claims one under the other, each behind its id: many sources make side-by-side columns too narrow."""
    table = Table.grid(padding=(0, 1))
    table.add_column(style=ID_STYLE, no_wrap=True)
    table.add_column(ratio=1, overflow="fold")
    for claim in claims:
        table.add_row(claim["id"], highlighted_claim(claim, discrepancies, color=color))
    return Padding(table, (0, 0, 0, 2))


# --- Agreements ----------------------------------------------------------------------------------------


def agreements_section(data: Record) -> Section:
    groups = groups_with_status(data, "agreement")
    if not groups:
        return "Agreements (0)", [quiet("No claims were aligned without disagreeing.")]
    claims = claims_by_id(data)
    # a Group renders each line on its own, so each keeps its no-wrap and ellipsis
    lines = Group(*(line for group in groups for line in agreement_lines(group, group_claims(group, claims))))
    return f"Agreements ({len(groups)})", [lines]


def agreement_lines(group: Record, claims: Sequence[Record]) -> Iterator[RenderableType]:
    """The agreement on one line, and below it who did what per source when the claims state events."""
    yield agreement_line(group, claims)
    events = events_line(claims)
    if events:
        # wrapped, not cut: whether the sources name the same actor is the point of the line
        yield indented(Text.assemble(("who did what: ", QUIET_STYLE), events), 2)


def agreement_line(group: Record, claims: Sequence[Record]) -> Text:
    """``G3 A4 ≈ B7 (0.82) The clashes have led to…``, cut to one line."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(agreement_head(group, claims), style="bold")
    if claims:
        text.append(" " + " ".join(claims[0].get("text", "").split()))
    return text


# --- Only one source reports -------------------------------------------------------------------------


def unique_section(data: Record, width: int) -> Section:
    per_source = unique_claims(data)
    blocks = [
        unique_claims_of(source_id, claims, width) for source_id, claims in per_source.items() if claims
    ]
    return "Only one source reports", blocks or [quiet("Every claim was matched in another source.")]


def unique_claims_of(source_id: str, claims: Sequence[Record], width: int) -> RenderableType:
    """All claims carrying numbers or names, in rank order; the others listed briefly, then counted."""
    with_facts = [claim for claim in claims if claim.get("facts")]
    factless = [claim for claim in claims if not claim.get("facts")]
    heading = Text.assemble(
        (f"only {source_id} reports", "bold"), (f" ({plural(len(claims), 'claim')}):", QUIET_STYLE)
    )
    table = Table.grid(padding=(0, 1))
    table.add_column(style=ID_STYLE, no_wrap=True)
    table.add_column(ratio=1, overflow="fold")
    text_width = max(width - 8, 20)  # the id column, its padding and the indent
    for claim in with_facts:
        # numbers, events and dates are what a reader checks, so they get room; names alone get one line
        lines = 2 if any(fact_counts(claim)[:3]) else 1
        table.add_row(claim["id"], unique_claim_text(claim, text_width, lines))
    for claim in factless[:FACTLESS_LISTED]:
        table.add_row(claim["id"], Text(claim.get("text", ""), no_wrap=True, overflow="ellipsis"))
    rest = len(factless) - FACTLESS_LISTED
    if rest > 0:
        table.add_row("", quiet(f"and {rest} more {_claims_word(rest)} with no numbers or names"))
    return Group(heading, Padding(table, (0, 0, 0, 2)))


def _claims_word(count: int) -> str:
    return "claim" if count == 1 else "claims"


def unique_claim_text(claim: Record, text_width: int, lines: int) -> Text:
    """``over 300 deaths, 183 — The clashes have led to…``: values first, then the text in about ``lines``."""
    values = ", ".join(callout(claim))
    if lines == 1:
        text = " — " + " ".join(claim.get("text", "").split())
        return Text.assemble((values, CALLOUT_STYLE), text, no_wrap=True, overflow="ellipsis")
    budget = max(lines * text_width - len(values) - 3, 40)
    return Text.assemble((values, CALLOUT_STYLE), " — " + truncate(claim.get("text", ""), budget))


# --- Dropped furniture, footer -----------------------------------------------------------------------


def dropped_section(data: Record) -> Section:
    sources = [source for source in data.get("sources", []) if source.get("dropped")]
    blocks = [dropped_of(source) for source in sources] or [quiet("Nothing was dropped as page furniture.")]
    return "Dropped lines", blocks


def dropped_of(source: Record) -> RenderableType:
    """``line  3  view counter  36 views``: short reasons before the text keep the columns straight."""
    heading = Text.assemble((source.get("id", "?"), ID_STYLE), (f" {source.get('name', '')}", "bold"))
    dropped = source["dropped"]
    digits = max(len(str(item.get("line", "?"))) for item in dropped)
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style=QUIET_STYLE)
    table.add_column(no_wrap=True, style=QUIET_STYLE)
    table.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    for item in dropped:
        line = f"line {item.get('line', '?'):>{digits}}"
        table.add_row(line, item.get("reason", ""), " ".join(item.get("text", "").split()))
    return Group(heading, Padding(table, (0, 0, 0, 2)))


def footer(data: Record, width: int) -> Iterator[RenderableType]:
    yield Text()
    yield Rule(style=QUIET_STYLE)
    yield quiet("\n".join(pack_parts(signature_parts(data), width, separator=" · ")))


def pack_parts(parts: Sequence[str], width: int, *, separator: str) -> list[str]:
    """Join ``parts`` into lines of at most ``width`` characters, breaking only between parts.

    Word wrapping could split ``threshold 0.5`` from its value; this keeps each setting whole.
    A broken line ends with the separator's mark, so the reader sees the list goes on.
    """
    mark = separator.rstrip()
    lines: list[str] = []
    for part in parts:
        if lines and len(lines[-1]) + len(separator) + len(part) + len(mark) <= width:
            lines[-1] += separator + part
        elif lines:
            lines[-1] += mark
            lines.append(part)
        else:
            lines.append(part)
    return lines
