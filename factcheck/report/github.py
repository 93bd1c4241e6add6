"""GitHub Actions workflow commands: one annotation per finding, then a plain summary line.

Each finding becomes ``::error``, ``::warning`` or ``::notice`` (for SARIF's
``note``) with the file, lines and columns of the claim (see
``factcheck.report.findings`` for where each kind points), the rule id as the
title, and a message that ends with the other sources' claims and the
finding's fingerprint, since an annotation has no other place for them. The
last line is a plain-text summary, not a command: it shows in the job log
without adding an annotation of its own.

Values are escaped as the runner expects: ``%``, CR and LF in the message;
those and ``:`` and ``,`` in property values, where they would otherwise end
the value. GitHub shows only the first few annotations of each level per step,
which is why findings come errors first.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, TextIO

from factcheck.report import Record, plural, printable
from factcheck.report.findings import Finding, findings

COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}
"""SARIF level -> workflow command."""

KIND_PLURALS = {"discrepancy": "discrepancies", "omission": "omissions", "addition": "additions"}


def render_github(data: dict[str, Any], out: TextIO, **_: object) -> None:
    """Write the annotations of the record ``data`` to ``out``; colour, width and dropped lines do not apply."""
    found = findings(data)
    for finding in found:
        out.write(printable(annotation(finding)) + "\n")
    out.write(printable(summary(data, found)) + "\n")


def annotation(finding: Finding) -> str:
    """``::error file=b.txt,line=3,endLine=3,col=47,endColumn=108,title=discrepancy/quantity::...``."""
    where = finding.location
    properties = {
        "file": where.path,
        "line": where.start_line,
        "endLine": where.end_line,
        "col": where.start_column,
        "endColumn": where.end_column,
        "title": f"factcheck {finding.rule_id}",
    }
    joined = ",".join(f"{name}={escape_property(str(value))}" for name, value in properties.items())
    return f"::{COMMANDS[finding.level]} {joined}::{escape_data(message(finding))}"


def message(finding: Finding) -> str:
    """The finding's message, where the other sources say it, and the fingerprint a baseline matches."""
    text = finding.message
    if finding.related:
        others = ", ".join(
            f"{other.claim} at {other.path}:{other.start_line}:{other.start_column}"
            for other in finding.related
        )
        text += f" (vs {others})"
    return f"{text} [fingerprint {finding.fingerprint}]"


def escape_data(text: str) -> str:
    """Escape a command's message: ``%`` first, so the escapes that follow are not escaped again."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as a message, plus ``:`` and ``,``, which end a value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def summary(data: Record, found: list[Finding]) -> str:
    """``factcheck: 3 findings (1 discrepancy, 1 omission, 1 addition); reference A; 2 agreements``.

    A run with a baseline adds ``; 4 suppressed by baseline``.
    """
    kinds = Counter(finding.kind for finding in found)
    counts = ", ".join(plural(kinds[kind], kind, KIND_PLURALS[kind]) for kind in KIND_PLURALS)
    sources = data.get("sources") or [{}]
    totals = data.get("summary") or {}
    line = (
        f"factcheck: {plural(len(found), 'finding')} ({counts}); "
        f"reference {sources[0].get('id', '?')}; {plural(totals.get('agreements', 0), 'agreement')}"
    )
    suppressed = totals.get("suppressed") or 0  # only a run with --baseline has the key
    return f"{line}; {suppressed} suppressed by baseline" if suppressed else line
