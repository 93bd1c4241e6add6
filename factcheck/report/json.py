"""The JSON export: the one record shape that every reporter reads.

The layout is schema version 2, documented in docs/report-format.md and
docs/report.schema.json. Every finding (a discrepancy, or a group only one
source states) carries a ``fingerprint``: a hash of what the finding says
(its kind, type, values and the claims' words), not of where it sits, so an
edit elsewhere in the articles leaves it unchanged and a baseline can match it.
"""

from __future__ import annotations

import hashlib
import json
import re
from bisect import bisect_right
from typing import TYPE_CHECKING, TextIO

from factcheck.clean import line_starts

if TYPE_CHECKING:
    from factcheck.model import AgreedFact, Claim, Discrepancy, Dropped, Fact, Group, Report, SourceSummary

FINGERPRINT_VERSION = 1
_SPACE = re.compile(r"\s+")


def _dropped(item: Dropped) -> dict[str, object]:
    return {"text": item.text, "start": item.start, "end": item.end, "line": item.line, "reason": item.reason}


def _source(source: SourceSummary) -> dict[str, object]:
    return {
        "id": source.id,
        "name": source.name,
        "path": source.path,
        "title": source.title,
        "date": source.date,
        "sentences": source.sentences,
        "claims": source.claims,
        "dropped": [_dropped(d) for d in source.dropped],
    }


def _fact(fact: Fact) -> dict[str, object]:
    return {
        "type": fact.type,
        "text": fact.text,
        "value": fact.value,
        "unit": fact.unit,
        "qualifier": fact.qualifier,
        "key": fact.key,
        "label": fact.label,
        "actor": fact.actor,
        "target": fact.target,
        "negated": fact.negated,
        "start": fact.start,
        "end": fact.end,
    }


class _Lines:
    """1-based line and column of an offset, for editors and SARIF."""

    def __init__(self, text: str) -> None:
        self._starts = line_starts(text)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def _claim(claim: Claim, lines: _Lines | None) -> dict[str, object]:
    record: dict[str, object] = {
        "id": claim.id,
        "source": claim.source,
        "sentence": claim.sentence,
        "sentence_start": claim.sentence_start if claim.sentence_start >= 0 else claim.start,
        "sentence_end": claim.sentence_end if claim.sentence_end >= 0 else claim.end,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "line": claim.line,
    }
    if lines is not None:
        line, column = lines.position(claim.start)
        end_line, end_column = lines.position(max(claim.start, claim.end - 1))
        record.update(line=line, column=column, end_line=end_line, end_column=end_column + 1)
    else:
        record.update(column=1, end_line=claim.line, end_column=1 + len(claim.text))
    record["facts"] = [_fact(f) for f in claim.facts]
    return record


def _normal_words(text: str) -> str:
    return _SPACE.sub(" ", text.strip().lower())


def fingerprint(*parts: object) -> str:
    """A short stable hash of what a finding says (see the module docstring)."""
    payload = json.dumps([FINGERPRINT_VERSION, *parts], ensure_ascii=False, sort_keys=True)
    # surrogatepass: text handed to the library may hold a lone surrogate (no file read as UTF-8 can); the
    # same bytes as plain UTF-8 for every other string, so fingerprints do not change.
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _discrepancy(d: Discrepancy, claim_texts: list[str]) -> dict[str, object]:
    return {
        "type": d.type,
        "fact": d.fact,
        "values": dict(d.values),
        "majority": list(d.majority),
        "explanation": d.explanation,
        "fingerprint": fingerprint("discrepancy", d.type, d.fact, d.values, sorted(claim_texts)),
    }


def _agreed(a: AgreedFact) -> dict[str, object]:
    return {"type": a.type, "fact": a.fact, "values": dict(a.values)}


def _group(group: Group, claim_text: dict[str, tuple[str, str]]) -> dict[str, object]:
    texts = [_normal_words(claim_text[c][1]) for c in group.claims if c in claim_text]
    record: dict[str, object] = {
        "id": group.id,
        "status": group.status,
        "score": round(group.score, 4),
        "claims": list(group.claims),
        "silent": list(group.silent),
        "matched": list(group.matched),
        "agreed": [_agreed(a) for a in group.agreed],
        "discrepancies": [_discrepancy(d, texts) for d in group.discrepancies],
    }
    if group.status == "unique":
        source = claim_text[group.claims[0]][0] if group.claims else ""
        record["fingerprint"] = fingerprint("unique", source, texts)
    return record


def report_to_dict(report: Report) -> dict[str, object]:
    lines = {source_id: _Lines(text) for source_id, text in report.texts.items()}
    claim_text = {c.id: (c.source, c.text) for c in report.claims}
    return {
        "schema_version": report.schema_version,
        "tool": {"name": "factcheck", "version": report.version, "settings": dict(report.settings)},
        "sources": [_source(s) for s in report.sources],
        "claims": [_claim(c, lines.get(c.source)) for c in report.claims],
        "groups": [_group(g, claim_text) for g in report.groups],
        "summary": report.summary,
    }


def dumps(data: dict[str, object]) -> str:
    """Serialise deterministically: same input, byte-identical output.

    The text of ``json.dumps(data, ensure_ascii=False, indent=2)`` plus a newline. With an indent the
    standard library encodes in pure Python (its C encoder has no indent), ~3 ms for a two-article report
    at every CLI run; ``_indented`` writes the same text in about a third of that, and hands anything it
    does not know (a key that is not a string, an object of another type, a cycle) to ``json.dumps``.
    tests/test_json_encoder.py checks the two agree byte for byte on generated data.
    """
    try:
        parts: list[str] = []
        _indented(data, parts, "\n")
        return "".join(parts) + "\n"
    except (_Unsupported, RecursionError):
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


class _Unsupported(Exception):
    """A value the fast encoder leaves to ``json.dumps``."""


_string = json.encoder.encode_basestring  # what json.dumps uses with ensure_ascii=False (C when available)
_INFINITY = float("inf")


def _number(value: float) -> str:
    """A float as json.dumps writes it (allow_nan: NaN and Infinity as JavaScript spells them)."""
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


def _indented(value: object, parts: list[str], newline: str) -> None:
    """Append the text of ``value``; ``newline`` is a line break and the indent of its line."""
    if isinstance(value, str):
        parts.append(_string(value))
    elif value is None:
        parts.append("null")
    elif value is True:
        parts.append("true")
    elif value is False:
        parts.append("false")
    elif isinstance(value, int):
        parts.append(int.__repr__(value))
    elif isinstance(value, float):
        parts.append(_number(value))
    elif isinstance(value, (list, tuple)):
        if not value:
            parts.append("[]")
            return
        inner = newline + "  "
        separator = "," + inner
        parts.append("[" + inner)
        first = True
        for item in value:
            if not first:
                parts.append(separator)
            first = False
            _indented(item, parts, inner)
        parts.append(newline + "]")
    elif isinstance(value, dict):
        if not value:
            parts.append("{}")
            return
        inner = newline + "  "
        opening = "{" + inner
        for key, item in value.items():
            if not isinstance(key, str):
                raise _Unsupported
            parts.append(opening + _string(key) + ": ")
            opening = "," + inner
            _indented(item, parts, inner)
        parts.append(newline + "}")
    else:
        raise _Unsupported


def render_json(data: dict[str, object], out: TextIO, **_: object) -> None:
    out.write(dumps(data))
