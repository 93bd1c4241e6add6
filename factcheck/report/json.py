"""The JSON export: the one record shape that every reporter reads.

The layout is schema version 1, documented in docs/report-format.md and
docs/report.schema.json.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from factcheck.model import Claim, Dropped, Fact, Group, Report, SourceSummary


def _dropped(item: Dropped) -> dict[str, object]:
    return {"text": item.text, "start": item.start, "end": item.end, "line": item.line, "reason": item.reason}


def _source(source: SourceSummary) -> dict[str, object]:
    return {
        "id": source.id,
        "name": source.name,
        "path": source.path,
        "title": source.title,
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
        "start": fact.start,
        "end": fact.end,
    }


def _claim(claim: Claim) -> dict[str, object]:
    return {
        "id": claim.id,
        "source": claim.source,
        "sentence": claim.sentence,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "line": claim.line,
        "facts": [_fact(f) for f in claim.facts],
    }


def _group(group: Group) -> dict[str, object]:
    return {
        "id": group.id,
        "status": group.status,
        "score": round(group.score, 4),
        "claims": list(group.claims),
        "matched": list(group.matched),
        "discrepancies": [
            {"type": d.type, "values": dict(d.values), "explanation": d.explanation}
            for d in group.discrepancies
        ],
    }


def report_to_dict(report: Report) -> dict[str, object]:
    return {
        "schema_version": report.schema_version,
        "tool": {"name": "factcheck", "version": report.version, "settings": dict(report.settings)},
        "sources": [_source(s) for s in report.sources],
        "claims": [_claim(c) for c in report.claims],
        "groups": [_group(g) for g in report.groups],
        "summary": report.summary,
    }


def dumps(data: dict[str, object]) -> str:
    """Serialise deterministically: same input, byte-identical output."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_json(data: dict[str, object], out: TextIO, **_: object) -> None:
    out.write(dumps(data))
