"""Run the edit-pair suite (tests/edit_pairs/*.jsonl) through factcheck and report pass rates per kind.

Usage: .venv/bin/python evals/edit_pairs.py [--folder DIR] [--kind KIND ...] [--passing]

Each pair is one real sentence (``a``) and an edited copy (``b``), compared as two one-sentence
sources with ``factcheck.compare([a, b])``. A pair passes when

- ``expect: "discrepancy"``: the report has exactly one discrepancy over all groups, of the expected
  ``type``, whose ``values`` for A and B contain the expected substrings (case-insensitive), and no
  group is ``unique`` (every claim of one sentence is aligned with a claim of the other);
- ``expect: "none"``: the report has no discrepancy and no ``unique`` group.

The format and the sources are described in tests/edit_pairs/README.md. Prints the failures first
(id, expected, got), then the figures last: passes per kind, fact-changing and fact-keeping edits
separately. Exit codes: 0 when every pair ran (whether it passed or not), 1 when factcheck raised on
some pair, 2 when the data files are missing or malformed. tests/test_edit_pairs.py imports
``load_pairs`` and ``check_pair`` from here.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import factcheck

REPO_ROOT = Path(__file__).resolve().parents[1]
PAIRS_FOLDER = REPO_ROOT / "tests" / "edit_pairs"
# The order of the table; a kind not listed here is appended after these.
KINDS = (
    "quantity",
    "date",
    "entity",
    "event",
    "negation",
    "scope",
    "attribute",
    "attribution",
    "wording",
)
DISCREPANCY_TYPES = frozenset(KINDS[:7])
# Kinds whose edits never change a fact.
KEEP_ONLY_KINDS = frozenset({"attribution", "wording"})
EXPECTATIONS = frozenset({"discrepancy", "none"})
REQUIRED = ("id", "kind", "origin", "a", "b", "expect", "note")


class PairFormatError(ValueError):
    """A data file line that is not a valid edit pair (message names file and line)."""


@dataclass(frozen=True, slots=True)
class EditPair:
    id: str
    kind: str
    origin: str
    a: str
    b: str
    expect: str  # "discrepancy" | "none"
    note: str
    type: str | None = None  # the discrepancy type, when expect == "discrepancy"
    values: dict[str, str] | None = None  # substrings of the values A and B, when expect == "discrepancy"
    file: str = ""
    line: int = 0

    @property
    def changes_fact(self) -> bool:
        return self.expect == "discrepancy"


@dataclass(frozen=True, slots=True)
class Outcome:
    pair: EditPair
    passed: bool
    reason: str  # "" when passed; else why not, in one line
    discrepancies: tuple[dict[str, Any], ...] = ()
    unique: tuple[tuple[str, ...], ...] = ()  # claim texts of each unique group
    error: str | None = None  # traceback summary when factcheck raised
    groups: tuple[dict[str, Any], ...] = field(default=(), repr=False)

    def got(self) -> str:
        """What the report said, in one line: its discrepancies and unaligned claims."""
        if self.error is not None:
            return f"error: {self.error}"
        parts = [f"{d.get('type')} {_values_text(d.get('values') or {})}" for d in self.discrepancies]
        parts += [f"unique {' | '.join(texts)!r}" for texts in self.unique]
        return "; ".join(parts) if parts else "no discrepancy, all aligned"


def _values_text(values: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {v!r}" for k, v in values.items()) + "}"


def load_pairs(folder: Path = PAIRS_FOLDER) -> list[EditPair]:
    """Every pair of every ``*.jsonl`` file in ``folder`` (sorted by file name, then line).

    Raises PairFormatError on a malformed line, an unknown expectation or type, a duplicate id, or
    an expected value that is not a substring of its sentence.
    """
    pairs: list[EditPair] = []
    seen: dict[str, str] = {}
    files = sorted(folder.glob("*.jsonl"))
    if not files:
        raise PairFormatError(f"no *.jsonl files in {folder}")
    for path in files:
        for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not raw.strip():
                continue
            where = f"{path.name}:{number}"
            pair = _parse(raw, where, path.name, number)
            if pair.id in seen:
                raise PairFormatError(f"{where}: duplicate id {pair.id!r} (first in {seen[pair.id]})")
            seen[pair.id] = where
            pairs.append(pair)
    return pairs


def _parse(raw: str, where: str, file: str, line: int) -> EditPair:
    try:
        record = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise PairFormatError(f"{where}: not JSON ({exc})") from exc
    if not isinstance(record, dict):
        raise PairFormatError(f"{where}: not a JSON object")
    missing = [key for key in REQUIRED if not isinstance(record.get(key), str) or not record[key]]
    if missing:
        raise PairFormatError(f"{where}: missing or empty {', '.join(missing)}")
    expect, kind = record["expect"], record["kind"]
    if expect not in EXPECTATIONS:
        raise PairFormatError(f"{where}: expect must be one of {sorted(EXPECTATIONS)}, not {expect!r}")
    if expect == "discrepancy" and kind in KEEP_ONLY_KINDS:
        raise PairFormatError(f"{where}: a {kind!r} edit never changes a fact (expect must be 'none')")
    fact_type, values = record.get("type"), record.get("values")
    if expect == "discrepancy":
        if fact_type not in DISCREPANCY_TYPES:
            raise PairFormatError(f"{where}: type must be one of {sorted(DISCREPANCY_TYPES)}")
        if not (
            isinstance(values, dict)
            and set(values) == {"A", "B"}
            and all(isinstance(v, str) and v for v in values.values())
        ):
            raise PairFormatError(f'{where}: values must be {{"A": "...", "B": "..."}}')
        for source, text in (("A", record["a"]), ("B", record["b"])):
            if values[source].lower() not in text.lower():
                raise PairFormatError(
                    f"{where}: values.{source} {values[source]!r} is not in {source}'s text"
                )
    elif fact_type is not None or values is not None:
        raise PairFormatError(f"{where}: type and values are only for expect='discrepancy'")
    return EditPair(
        id=record["id"],
        kind=kind,
        origin=record["origin"],
        a=record["a"],
        b=record["b"],
        expect=expect,
        note=record["note"],
        type=fact_type,
        values=values,
        file=file,
        line=line,
    )


def check_pair(pair: EditPair, **settings: Any) -> Outcome:
    """Compare the pair's two sentences and judge the report against the pair's expectation."""
    try:
        report = factcheck.compare([pair.a, pair.b], **settings).to_dict()
    except Exception as exc:  # a crash is a result to report, not a reason to stop the suite
        summary = traceback.format_exception_only(type(exc), exc)[-1].strip()
        return Outcome(pair, False, f"factcheck raised {summary}", error=summary)
    return judge_report(pair, report)


def judge_report(pair: EditPair, report: dict[str, Any]) -> Outcome:
    """The outcome of one pair given the report dict of ``compare([pair.a, pair.b])``."""
    groups = tuple(report["groups"])
    texts = {c["id"]: c["text"] for c in report["claims"]}
    discrepancies = tuple(d for g in groups for d in g.get("discrepancies", ()))
    unique = tuple(
        tuple(texts.get(cid, cid) for cid in g["claims"]) for g in groups if g["status"] == "unique"
    )
    reason = _failure(pair, discrepancies, unique)
    return Outcome(pair, not reason, reason, discrepancies, unique, groups=groups)


def _failure(pair: EditPair, discrepancies: Sequence[dict[str, Any]], unique: Sequence[Any]) -> str:
    if unique:
        return f"{len(unique)} unique group(s): the sentences are not fully aligned"
    if pair.expect == "none":
        return f"{len(discrepancies)} discrepancy(ies) where none was expected" if discrepancies else ""
    if len(discrepancies) != 1:
        return f"{len(discrepancies)} discrepancies where exactly one was expected"
    (found,) = discrepancies
    if found.get("type") != pair.type:
        return f"type {found.get('type')!r} where {pair.type!r} was expected"
    assert pair.values is not None
    values = found.get("values") or {}
    for source in ("A", "B"):
        if pair.values[source].lower() not in str(values.get(source, "")).lower():
            return f"value {source} {values.get(source)!r} does not name {pair.values[source]!r}"
    return ""


def ordered_kinds(kinds: Iterable[str]) -> list[str]:
    present = set(kinds)
    return [k for k in KINDS if k in present] + sorted(present - set(KINDS))


def table(outcomes: Sequence[Outcome]) -> str:
    """Passes per kind: fact-changing edits, fact-keeping edits, all (a text table)."""
    rows = [("kind", "fact-changing", "fact-keeping", "all")]
    for kind in [*ordered_kinds(o.pair.kind for o in outcomes), None]:
        chosen = [o for o in outcomes if kind is None or o.pair.kind == kind]
        rows.append(
            (
                kind or "total",
                _rate([o for o in chosen if o.pair.changes_fact]),
                _rate([o for o in chosen if not o.pair.changes_fact]),
                _rate(chosen),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [_row(row, widths) for row in rows]
    rule = "  ".join("-" * w for w in widths)
    lines.insert(1, rule)
    lines.insert(len(lines) - 1, rule)
    return "\n".join(lines)


def _row(cells: Sequence[str], widths: Sequence[int]) -> str:
    """The first column left-aligned, the figures right-aligned."""
    return "  ".join(
        [cells[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True)]
    )


def _rate(outcomes: Sequence[Outcome]) -> str:
    if not outcomes:
        return "-"
    passed = sum(o.passed for o in outcomes)
    return f"{passed}/{len(outcomes)} ({100 * passed / len(outcomes):.0f}%)"


def describe(outcome: Outcome) -> str:
    pair = outcome.pair
    expected = (
        f"{pair.type} {_values_text(pair.values or {})}"
        if pair.changes_fact
        else "no discrepancy, all aligned"
    )
    return "\n".join(
        [
            f"{pair.id} ({pair.note}) [{outcome.reason}]",
            f"  A: {pair.a}",
            f"  B: {pair.b}",
            f"  expected: {expected}",
            f"  got:      {outcome.got()}",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--folder", type=Path, default=PAIRS_FOLDER, help="folder of *.jsonl edit pairs")
    parser.add_argument("--kind", action="append", help="only this kind (repeatable)")
    parser.add_argument("--passing", action="store_true", help="also list the pairs that pass")
    args = parser.parse_args(argv)
    try:
        pairs = load_pairs(args.folder)
    except (OSError, PairFormatError) as exc:
        print(f"edit pairs: {exc}", file=sys.stderr)
        return 2
    if args.kind:
        pairs = [p for p in pairs if p.kind in set(args.kind)]
    outcomes = [check_pair(p) for p in pairs]
    failures = [o for o in outcomes if not o.passed]
    shown = outcomes if args.passing else failures
    if shown:
        print(f"{'pairs' if args.passing else 'failures'} ({len(shown)}):\n")
        for outcome in shown:
            print(("PASS " if outcome.passed else "FAIL ") + describe(outcome) + "\n")
    print(f"edit pairs: {len(outcomes)} from {args.folder}")
    print(table(outcomes))
    return 1 if any(o.error is not None for o in outcomes) else 0


if __name__ == "__main__":
    raise SystemExit(main())
