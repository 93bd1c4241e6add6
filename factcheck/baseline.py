"""Accepted findings: write a baseline, read it back, and leave its findings out of a report.

A finding is a discrepancy or a group that only one source states; each carries a
``fingerprint`` in the report record (see ``factcheck.report.json``): a hash of what
it says, not of where it sits, so edits elsewhere in the articles leave it unchanged.

The baseline file is JSON a reviewer can read::

    {"factcheck_baseline": 1,
     "findings": [{"fingerprint": "0b34ea7c4d0f14f6", "type": "quantity",
                   "explanation": "different counts of people: ...",
                   "source": "wire.txt vs rewrite.txt", "check": "wire"}]}

Only ``fingerprint`` is matched; the other fields say what was accepted.

Applying a baseline to a report record removes every discrepancy whose
fingerprint is listed; a discrepancy group left with none becomes an agreement
(the claims still align and their difference has been accepted). A unique
group whose fingerprint is listed is removed together with its claims, since
a claim belongs to exactly one group. ``summary`` is recomputed and
``summary.suppressed`` counts what was left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.errors import InputError
from factcheck.exits import write_atomically

BASELINE_VERSION = 1
Record = dict[str, Any]


@dataclass(frozen=True)
class Finding:
    fingerprint: str
    record: dict[str, object]


def findings(data: Mapping[str, Any], check: str | None = None) -> list[Finding]:
    """Every finding of a report record, as the machine formats list them, with a readable description.

    The list is ``factcheck.report.findings``'s, so a baseline accepts exactly what SARIF and GitHub report.
    """
    from factcheck.report.findings import findings as report_findings

    names = [str(source.get("path") or source.get("name")) for source in data.get("sources", [])]
    compared = " vs ".join(names)
    found = []
    for finding in report_findings(data):
        record: dict[str, object] = {"fingerprint": finding.fingerprint}
        if finding.kind == "discrepancy":
            record |= {
                "type": finding.rule_id.partition("/")[2],
                "explanation": finding.message,
                "source": compared,
            }
        else:
            record |= {"type": "unique", "text": finding.location.text, "source": finding.location.path}
        found.append(Finding(finding.fingerprint, _with_check(record, check)))
    return found


def _with_check(record: dict[str, object], check: str | None) -> dict[str, object]:
    return {**record, "check": check} if check is not None else record


def write_baseline(path: Path, reports: Iterable[tuple[str | None, Mapping[str, Any]]]) -> int:
    """Record every finding of ``reports`` (``(check name or None, report record)``) in ``path``.

    Returns the number of findings written. Each fingerprint is written once.
    """
    unique: dict[str, dict[str, object]] = {}
    for check, data in reports:
        for finding in findings(data, check):
            unique.setdefault(finding.fingerprint, finding.record)
    document = {"factcheck_baseline": BASELINE_VERSION, "findings": list(unique.values())}
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    write_atomically(path, text, "--write-baseline")
    return len(unique)


def load_baseline(path: Path) -> frozenset[str]:
    """The fingerprints a baseline file accepts."""
    where = f"baseline {path}"
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))  # a BOM from a Windows editor
    except FileNotFoundError:
        raise InputError(f"{where}: no such file; create it with --write-baseline {path}") from None
    except IsADirectoryError:
        raise InputError(f"{where}: is a directory") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{where}: cannot be read ({getattr(error, 'strerror', None) or error})") from None
    except json.JSONDecodeError as error:
        raise InputError(f"{where}: not valid JSON ({error.msg}, line {error.lineno})") from None
    return _fingerprints(document, where)


def _fingerprints(document: object, where: str) -> frozenset[str]:
    shape = '{"factcheck_baseline": 1, "findings": [...]}'
    if not isinstance(document, dict) or "factcheck_baseline" not in document:
        raise InputError(f"{where}: not a factcheck baseline (expected {shape})")
    version = document["factcheck_baseline"]
    if version != BASELINE_VERSION:
        raise InputError(f"{where}: baseline version {version!r} is not supported (this factcheck reads 1)")
    entries = document.get("findings")
    if not isinstance(entries, list) or not all(
        isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in entries
    ):
        raise InputError(f"{where}: every entry of findings needs a fingerprint string")
    return frozenset(entry["fingerprint"] for entry in entries)


def apply_baseline(data: Mapping[str, Any], accepted: frozenset[str]) -> Record:
    """A copy of the report record without the accepted findings; ``summary.suppressed`` counts them."""
    result: Record = deepcopy(dict(data))
    suppressed = 0
    dropped_claims: set[str] = set()
    groups: list[Record] = []
    for group in result.get("groups", []):
        if group.get("status") == "unique" and group.get("fingerprint") in accepted:
            suppressed += 1
            dropped_claims.update(group.get("claims", []))
            continue
        kept = [d for d in group.get("discrepancies", []) if d.get("fingerprint") not in accepted]
        suppressed += len(group.get("discrepancies", [])) - len(kept)
        group["discrepancies"] = kept
        if group.get("status") == "discrepancy" and not kept:
            group["status"] = "agreement"
        groups.append(group)
    result["groups"] = groups
    result["claims"] = [c for c in result.get("claims", []) if c["id"] not in dropped_claims]
    result["summary"] = {**result.get("summary", {}), **summarise(result), "suppressed": suppressed}
    return result


def summarise(data: Mapping[str, Any]) -> dict[str, object]:
    """``summary`` recomputed from the groups (as ``Report.summary`` computes it)."""
    groups = data.get("groups", [])
    claim_source = {claim["id"]: claim["source"] for claim in data.get("claims", [])}
    unique = {source["id"]: 0 for source in data.get("sources", [])}
    for group in groups:
        if group.get("status") == "unique" and group.get("claims"):
            source = claim_source.get(group["claims"][0])
            if source is not None:
                unique[source] = unique.get(source, 0) + 1
    return {
        "agreements": sum(1 for g in groups if g.get("status") == "agreement"),
        "discrepancies": sum(1 for g in groups if g.get("status") == "discrepancy"),
        "unique": unique,
    }


def accept(
    reports: Sequence[tuple[str | None, Mapping[str, Any]]], *, baseline: Path | None, write: Path | None
) -> tuple[list[Record], list[str]]:
    """What ``--baseline`` / ``--write-baseline`` do to the records of a run, and the lines to tell the user.

    ``write`` records every current finding there first and is then applied as the baseline.
    """
    path = write or baseline
    if path is None:
        return [dict(data) for _, data in reports], []
    notes = []
    if write is not None:
        count = write_baseline(write, reports)
        notes.append(f"wrote {_findings(count)} to {write}")
    accepted = load_baseline(path)
    records = [apply_baseline(data, accepted) for _, data in reports]
    suppressed = sum(record["summary"]["suppressed"] for record in records)
    notes.append(f"{_findings(suppressed)} left out (baseline {path})")
    return records, notes


def _findings(count: int) -> str:
    return f"{count} accepted finding{'' if count == 1 else 's'}"
