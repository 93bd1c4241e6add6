"""SARIF 2.1.0: the findings for code-scanning tools (GitHub code scanning, VS Code's SARIF viewer).

One run; ``tool.driver`` lists the rules the findings use, sorted by id; each
result points at a claim in the derived article with the other sources'
claims as related locations (see ``factcheck.report.findings`` for the
convention) and carries the record's fingerprint as
``partialFingerprints["factcheck/v1"]``. Columns count Unicode code points, as
the record's do, so the run says ``columnKind: unicodeCodePoints`` rather than
SARIF's default of UTF-16 code units. Output is deterministic: the same record
gives the same bytes.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Any, TextIO
from urllib.parse import quote

from factcheck.report import Record, truncate
from factcheck.report.findings import Finding, Location, findings, rule_description
from factcheck.report.json import dumps

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
FINGERPRINT_KEY = "factcheck/v1"
_DRIVE = re.compile(r"^[A-Za-z]:/")
RELATED_TEXT_LIMIT = 100
"""Characters of a related claim's text quoted in its location message."""


def render_sarif(data: dict[str, Any], out: TextIO, **_: object) -> None:
    """Write the SARIF log of the record ``data`` to ``out``; colour, width and dropped lines do not apply."""
    out.write(dumps(sarif_log(data)))  # json.dumps(..., ensure_ascii=False, indent=2) + "\n", faster


def sarif_log(data: Record) -> dict[str, Any]:
    found = findings(data)
    rule_ids = sorted({finding.rule_id for finding in found})
    index = {rule_id: n for n, rule_id in enumerate(rule_ids)}
    reference = (data.get("sources") or [{}])[0].get("id", "")
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {"driver": _driver(data, rule_ids)},
                "columnKind": "unicodeCodePoints",
                "properties": {"referenceSource": reference},
                "results": [_result(finding, index[finding.rule_id]) for finding in found],
            }
        ],
    }


def _driver(data: Record, rule_ids: list[str]) -> dict[str, Any]:
    tool = data.get("tool") or {}
    return {
        "name": "factcheck",
        "version": str(tool.get("version", "")),
        "rules": [_rule(rule_id) for rule_id in rule_ids],
    }


def _rule(rule_id: str) -> dict[str, Any]:
    return {
        "id": rule_id,
        "shortDescription": {"text": rule_description(rule_id)},
        "defaultConfiguration": {"level": _default_level(rule_id)},
    }


def _default_level(rule_id: str) -> str:
    return {"omission": "warning", "addition": "note"}.get(rule_id, "error")


def _result(finding: Finding, rule_index: int) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "ruleIndex": rule_index,
        "level": finding.level,
        "message": {"text": finding.message},
        "locations": [_location(finding.location)],
    }
    if finding.related:
        result["relatedLocations"] = [
            {**_location(related), "id": n, "message": {"text": _related_text(related)}}
            for n, related in enumerate(finding.related, start=1)
        ]
    result["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint}
    result["properties"] = {"kind": finding.kind, "group": finding.group, "claim": finding.location.claim}
    return result


def _location(location: Location) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(location.path)},
            "region": {
                "startLine": location.start_line,
                "startColumn": location.start_column,
                "endLine": location.end_line,
                "endColumn": location.end_column,
            },
        }
    }


def _related_text(location: Location) -> str:
    return f"{location.claim}: {truncate(location.text, RELATED_TEXT_LIMIT)}"


def artifact_uri(path: str) -> str:
    """A URI reference for a path: relative paths stay relative (code scanning resolves them
    against the checkout), absolute ones become ``file://`` URIs; spaces and the like are
    percent-encoded because a SARIF ``uri`` must be a valid URI reference."""
    posix = path.replace("\\", "/")  # a Windows path given on the command line
    if _DRIVE.match(posix):
        return "file:///" + quote(posix, safe="/:")
    if PurePosixPath(posix).is_absolute():
        return "file://" + quote(posix)
    return quote(posix)
