"""JSON Lines: the report record as one line of compact JSON.

The same dict as ``--format json`` (schema version 2), without indentation and
ended by a newline, so that many comparisons (``factcheck batch``, a loop in a
CI job) append to one file that line-oriented tools (``jq -c``, ``wc -l``,
pandas ``read_json(lines=True)``) read a report at a time. Non-ASCII is kept
as is, except the characters some readers take for line breaks although JSON
does not escape them (U+0085, U+2028, U+2029, e.g. in an article pasted from
a web page), so that a report is exactly one line for ``str.splitlines`` too.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

# JSON leaves these unescaped, yet str.splitlines() (and older JavaScript) end a line at them.
# They can only occur inside JSON strings, where \uXXXX means the same character.
_LINE_BREAKS = str.maketrans({"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def dumps_line(data: dict[str, Any]) -> str:
    """The record on one line, newline-terminated; same record, same bytes."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_LINE_BREAKS) + "\n"


def render_jsonl(data: dict[str, Any], out: TextIO, **_: object) -> None:
    """Write the record ``data`` to ``out`` as one JSON line; colour, width and dropped lines do not apply."""
    out.write(dumps_line(data))
