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
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


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
    """Serialise deterministically: same input, byte-identical output."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_json(data: dict[str, object], out: TextIO, **_: object) -> None:
    out.write(dumps(data))
