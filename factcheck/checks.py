"""The checks manifest: every derived article compared with its source, in one combined report.

Each ``[[tool.factcheck.check]]`` entry names a source article and one or more
derived articles (paths or globs, relative to the config file's directory).
Every derived article is compared with its source on its own, one pair at a
time, as a CI user expects: each rewrite is checked against the wire. The
reports are gathered into one combined report (see docs/ci.md), and the run
fails when any pair holds what its ``fail_on`` selects.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Sequence
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from factcheck import __version__
from factcheck.config import CheckEntry, Config
from factcheck.errors import InputError
from factcheck.exits import fails
from factcheck.settings import Settings

COMBINED_SCHEMA_VERSION = 2
"""The combined JSON of ``factcheck check`` follows the report's schema version."""
GLOB_CHARACTERS = frozenset("*?[")


@dataclass(frozen=True)
class Pair:
    """One comparison of ``factcheck check``: a derived article against its source."""

    check: str
    source: Path
    derived: Path
    settings: Settings
    fail_on: str


@dataclass(frozen=True)
class CheckResult:
    pair: Pair
    data: dict[str, Any]
    """The report record of the pair (after a baseline, when one is applied)."""

    @property
    def failed(self) -> bool:
        return fails(self.data, self.pair.fail_on)


# --- Manifest entries -> pairs ----------------------------------------------------------------------------


def plan(config: Config) -> list[Pair]:
    """Every (source, derived) pair of the manifest, in file order; derived globs sorted."""
    if not config.checks:
        if config.file is None:
            raise InputError(
                "no checks to run: no factcheck.toml, or pyproject.toml with [tool.factcheck], found from "
                "the working directory upward; add [[tool.factcheck.check]] entries (see docs/ci.md)"
            )
        array = "[[tool.factcheck.check]]" if config.file.table else "[[check]]"
        raise InputError(
            f"{config.file.label}: no checks to run; add {array} entries with source and derived (see docs/ci.md)"
        )
    pairs: list[Pair] = []
    for entry in config.checks:
        settings, fail_on = config.for_check(entry)
        source = _source(entry)
        for derived in _derived(entry, source):
            pairs.append(Pair(entry.name, _as_given(source), _as_given(derived), settings, fail_on))
    return pairs


def _source(entry: CheckEntry) -> Path:
    path = entry.base / entry.source
    if path.is_dir():
        raise InputError(f"{entry.where}: source {entry.source!r} is a directory; name an article file")
    if not path.is_file():
        raise InputError(f"{entry.where}: source {entry.source!r}: no such file")
    return path


def _derived(entry: CheckEntry, source: Path) -> list[Path]:
    found: list[Path] = []
    for pattern in entry.derived:
        matches = [m for m in _matches(entry.base, pattern) if m.is_file() and not _same(m, source)]
        if not matches:
            reason = " matches no files" if _is_glob(pattern) else ": no such file"
            raise InputError(f"{entry.where}: derived {pattern!r}{reason}")
        found.extend(m for m in matches if m not in found)
    return found


def _is_glob(pattern: str) -> bool:
    return any(char in GLOB_CHARACTERS for char in pattern)


def _matches(base: Path, pattern: str) -> list[Path]:
    if not _is_glob(pattern):
        return [base / pattern]
    # an absolute pattern replaces the base in os.path.join; the base itself is never a pattern
    full = os.path.join(glob.escape(str(base)), pattern)
    return sorted(Path(match) for match in glob.glob(full, recursive=True))


def _same(path: Path, other: Path) -> bool:
    try:
        return path.samefile(other)
    except OSError:
        return False


def _as_given(path: Path) -> Path:
    """The path as a user would type it from the working directory, so reports and annotations name it so."""
    try:
        return Path(os.path.relpath(path))
    except ValueError:  # another drive on Windows
        return path


# --- Running ----------------------------------------------------------------------------------------------


def run_pairs(pairs: Sequence[Pair]) -> list[CheckResult]:
    from factcheck.pipeline import compare

    return [
        CheckResult(pair, compare([pair.source, pair.derived], settings=pair.settings).to_dict())
        for pair in pairs
    ]


def run_checks(config: Config) -> list[CheckResult]:
    """Run every pair of the manifest in ``config``."""
    return run_pairs(plan(config))


# --- The combined report ----------------------------------------------------------------------------------


def combined(results: Sequence[CheckResult]) -> dict[str, Any]:
    """The combined JSON record of ``factcheck check --format json`` (documented in docs/ci.md)."""
    summary: dict[str, Any] = {
        "checks": len(results),
        "failed": sum(1 for r in results if r.failed),
        "discrepancies": sum(r.data["summary"]["discrepancies"] for r in results),
        "unique": sum(sum(r.data["summary"]["unique"].values()) for r in results),
    }
    if any("suppressed" in r.data["summary"] for r in results):
        summary["suppressed"] = sum(r.data["summary"].get("suppressed", 0) for r in results)
    return {
        "schema_version": COMBINED_SCHEMA_VERSION,
        "tool": {"name": "factcheck", "version": __version__},
        "checks": [
            {
                "name": r.pair.check,
                "source": r.pair.source.as_posix(),
                "derived": r.pair.derived.as_posix(),
                "fail_on": r.pair.fail_on,
                "failed": r.failed,
                "report": r.data,
            }
            for r in results
        ],
        "summary": summary,
    }


def render_checks(fmt: str, results: Sequence[CheckResult], out: TextIO, **options: Any) -> None:
    """Write the results of ``factcheck check`` in format ``fmt``: one combined report."""
    from factcheck.report import render

    if fmt == "json":
        from factcheck.report.json import dumps

        out.write(dumps(combined(results)))
    elif fmt == "sarif":
        _render_sarif(results, out, **options)
    elif fmt in ("jsonl", "github"):
        for result in results:  # one report per line / annotations only: nothing between them
            render(fmt, result.data, out, **options)
    else:
        for result in results:
            out.write(_heading(fmt, result))
            render(fmt, result.data, out, **options)
            out.write("\n")
        out.write(_total(fmt, results))


def _heading(fmt: str, result: CheckResult) -> str:
    pair = result.pair
    state = "FAILED" if result.failed else "passed"
    text = f"check {pair.check!r}: {pair.derived.as_posix()} against {pair.source.as_posix()} ({state})"
    if fmt == "markdown":
        return f"# {text}\n\n"
    return f"{text}\n{'=' * min(len(text), 100)}\n\n"


def _total(fmt: str, results: Sequence[CheckResult]) -> str:
    failed = [r for r in results if r.failed]
    text = (
        f"factcheck check: {len(results)} comparison{'s' if len(results) != 1 else ''}, {len(failed)} failed"
    )
    if failed:
        text += ": " + ", ".join(f"{r.pair.check!r} {r.pair.derived.as_posix()}" for r in failed)
    return f"**{text}**\n" if fmt == "markdown" else f"{text}\n"


def _render_sarif(results: Sequence[CheckResult], out: TextIO, **options: Any) -> None:
    """One SARIF log for all checks: the first report's run, with every other run's results merged in."""
    import io
    import json

    from factcheck.report import render

    logs = []
    for result in results:
        buffer = io.StringIO()
        render("sarif", result.data, buffer, **options)
        log = json.loads(buffer.getvalue())
        _label_results(log, result.pair)
        logs.append(log)
    out.write(json.dumps(merge_sarif(logs), ensure_ascii=False, indent=2) + "\n")


def _label_results(log: dict[str, Any], pair: Pair) -> None:
    """Group and claim ids repeat across checks: say which check each result comes from."""
    for run in log.get("runs", []):
        for result in run.get("results", []):
            properties = result.setdefault("properties", {})
            properties.update(
                check=pair.check, source=pair.source.as_posix(), derived=pair.derived.as_posix()
            )


def merge_sarif(logs: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Merge SARIF logs into one log with one run (GitHub code scanning wants one run per tool).

    Rules are merged by id and artifacts by URI; ``ruleIndex`` and artifact
    ``index`` references of the merged results are renumbered to match.
    """
    merged = deepcopy(logs[0])
    runs = merged.setdefault("runs", [])
    if not runs:
        runs.append({"tool": {"driver": {"name": "factcheck"}}, "results": []})
    for log in logs[1:]:
        for run in log.get("runs", []):
            _merge_run(runs[0], deepcopy(run))
    return merged


def _merge_run(into: dict[str, Any], run: dict[str, Any]) -> None:
    rule_map = _merge_by_key(
        into.setdefault("tool", {}).setdefault("driver", {}),
        run.get("tool", {}).get("driver", {}),
        "rules",
        lambda rule: rule.get("id"),
    )
    artifact_map = _merge_by_key(into, run, "artifacts", lambda a: (a.get("location") or {}).get("uri"))
    for result in run.get("results", []):
        if "ruleIndex" in result and result["ruleIndex"] in rule_map:
            result["ruleIndex"] = rule_map[result["ruleIndex"]]
        _renumber_artifacts(result, artifact_map)
        into.setdefault("results", []).append(result)


def _merge_by_key(into: dict[str, Any], other: dict[str, Any], name: str, key: Any) -> dict[int, int]:
    """Append ``other[name]`` items missing from ``into[name]``; old index -> new index."""
    items = other.get(name)
    if not items:
        return {}
    target = into.setdefault(name, [])
    position = {key(item): n for n, item in enumerate(target)}
    mapping: dict[int, int] = {}
    for n, item in enumerate(items):
        identity = key(item)
        if identity is None or identity not in position:
            position[identity] = len(target)
            target.append(item)
        mapping[n] = position[identity]
    return mapping


def _renumber_artifacts(node: object, mapping: dict[int, int]) -> None:
    if isinstance(node, dict):
        location = node.get("artifactLocation")
        if isinstance(location, dict) and location.get("index") in mapping:
            location["index"] = mapping[location["index"]]
        for value in node.values():
            _renumber_artifacts(value, mapping)
    elif isinstance(node, list):
        for value in node:
            _renumber_artifacts(value, mapping)
