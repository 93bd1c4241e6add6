"""Machine formats (SARIF, GitHub annotations, JSON Lines): they run, and they report the JSON's findings."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from factcheck.report.findings import Finding, Location, findings
from factcheck.report.github import annotation, escape_data, escape_property
from factcheck.report.jsonl import dumps_line
from factcheck.report.sarif import artifact_uri, sarif_log

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ("fixtures/aleppo_a.txt", "fixtures/aleppo_b.txt")
LEVEL_OF_KIND = {"discrepancy": "error", "omission": "warning", "addition": "note"}
GITHUB_LEVELS = {"error": "error", "warning": "warning", "notice": "note"}

ARTICLE_A = (
    "Storm hits Brookfield\n"
    "\n"
    "A storm hit the town of Brookfield on Monday. 12 people were injured when the roof of the school "
    "collapsed. The mayor praised the rescue teams.\n"
)
ARTICLE_B = (
    "Storm hits Brookfield\n"
    "\n"
    "A storm hit the town of Brookfield on Monday. 21 people were injured when the roof of the school "
    "collapsed. Power was cut to 4,000 homes for two days.\n"
)

# The parts of SARIF 2.1.0 that code scanning needs, written here because tests have no internet.
MINIMAL_SARIF_SCHEMA: dict[str, Any] = {
    "$defs": {
        "message": {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}},
        "location": {
            "type": "object",
            "required": ["physicalLocation"],
            "properties": {
                "physicalLocation": {
                    "type": "object",
                    "required": ["artifactLocation", "region"],
                    "properties": {
                        "artifactLocation": {
                            "type": "object",
                            "required": ["uri"],
                            "properties": {"uri": {"type": "string", "minLength": 1}},
                        },
                        "region": {
                            "type": "object",
                            "required": ["startLine", "startColumn", "endLine", "endColumn"],
                            "properties": {
                                name: {"type": "integer", "minimum": 1}
                                for name in ("startLine", "startColumn", "endLine", "endColumn")
                            },
                        },
                    },
                },
                "message": {"$ref": "#/$defs/message"},
            },
        },
    },
    "type": "object",
    "required": ["$schema", "version", "runs"],
    "properties": {
        "$schema": {"const": "https://json.schemastore.org/sarif-2.1.0.json"},
        "version": {"const": "2.1.0"},
        "runs": {
            "type": "array",
            "minItems": 1,
            "maxItems": 1,
            "items": {
                "type": "object",
                "required": ["tool", "results"],
                "properties": {
                    "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name", "version", "rules"],
                                "properties": {
                                    "name": {"const": "factcheck"},
                                    "version": {"type": "string"},
                                    "rules": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "required": ["id", "shortDescription"],
                                            "properties": {
                                                "id": {"type": "string"},
                                                "shortDescription": {"$ref": "#/$defs/message"},
                                            },
                                        },
                                    },
                                },
                            }
                        },
                    },
                    "results": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["ruleId", "level", "message", "locations", "partialFingerprints"],
                            "properties": {
                                "ruleId": {"type": "string"},
                                "ruleIndex": {"type": "integer", "minimum": 0},
                                "level": {"enum": ["none", "note", "warning", "error"]},
                                "message": {"$ref": "#/$defs/message"},
                                "locations": {
                                    "type": "array",
                                    "minItems": 1,
                                    "items": {"$ref": "#/$defs/location"},
                                },
                                "relatedLocations": {"type": "array", "items": {"$ref": "#/$defs/location"}},
                                "partialFingerprints": {
                                    "type": "object",
                                    "required": ["factcheck/v1"],
                                    "additionalProperties": {"type": "string"},
                                },
                            },
                        },
                    },
                },
            },
        },
    },
}

ANNOTATION = re.compile(r"^::(error|warning|notice) (?P<properties>[^:]*)::(?P<message>.*)$")


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args],
        capture_output=True,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)},
        timeout=120,
    )


def compare(*sources: str, fmt: str, cwd: Path = ROOT) -> str:
    result = run("compare", *sources, "--format", fmt, cwd=cwd)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode("utf-8")


@pytest.fixture(scope="module")
def storm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two one-paragraph articles: a conflicting figure and one claim each that the other lacks."""
    directory = tmp_path_factory.mktemp("storm")
    (directory / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (directory / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    return directory


@pytest.fixture(scope="module")
def storm_outputs(storm: Path) -> dict[str, str]:
    # relative paths, as a CI job gives them, so every format names the files the same way
    return {
        fmt: compare("a.txt", "b.txt", fmt=fmt, cwd=storm) for fmt in ("json", "sarif", "github", "jsonl")
    }


def expected_findings(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(fingerprint, rule id, level) of every finding, read straight from the JSON record."""
    reference = data["sources"][0]["id"]
    source_of = {claim["id"]: claim["source"] for claim in data["claims"]}
    expected = []
    for group in data["groups"]:
        for discrepancy in group["discrepancies"]:
            expected.append((discrepancy["fingerprint"], f"discrepancy/{discrepancy['type']}", "error"))
        if group["status"] == "unique":
            kind = "omission" if source_of[group["claims"][0]] == reference else "addition"
            expected.append((group["fingerprint"], kind, LEVEL_OF_KIND[kind]))
    return sorted(expected)


def sarif_findings(log: dict[str, Any]) -> list[tuple[str, str, str]]:
    results = log["runs"][0]["results"]
    return sorted((r["partialFingerprints"]["factcheck/v1"], r["ruleId"], r["level"]) for r in results)


def github_findings(text: str) -> list[tuple[str, str, str]]:
    found = []
    for line in text.splitlines()[:-1]:
        match = ANNOTATION.match(line)
        assert match, line
        title = dict(part.split("=", 1) for part in match["properties"].split(","))["title"]
        fingerprint = re.search(r"\[fingerprint ([0-9a-f]{16})\]$", match["message"])
        assert fingerprint, line
        found.append((fingerprint[1], title.removeprefix("factcheck "), GITHUB_LEVELS[match[1]]))
    return sorted(found)


# --- Every format from the CLI -------------------------------------------------------------------------


def test_sarif_from_the_cli_is_valid_and_deterministic() -> None:
    first = compare(*FIXTURES, fmt="sarif")
    log = json.loads(first)
    jsonschema.validate(log, MINIMAL_SARIF_SCHEMA)
    run_ = log["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    rule_ids = [rule["id"] for rule in run_["tool"]["driver"]["rules"]]
    assert rule_ids == sorted(set(rule_ids)) == sorted({result["ruleId"] for result in run_["results"]})
    for result in run_["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
    assert compare(*FIXTURES, fmt="sarif") == first


def test_github_from_the_cli_is_one_annotation_per_line_then_a_summary() -> None:
    lines = compare(*FIXTURES, fmt="github").splitlines()
    assert lines[:-1] and all(ANNOTATION.match(line) for line in lines[:-1])
    assert not lines[-1].startswith("::")
    assert lines[-1].startswith(f"factcheck: {len(lines) - 1} findings (")


def test_jsonl_from_the_cli_is_the_json_on_one_line() -> None:
    text = compare(*FIXTURES, fmt="jsonl")
    assert text.endswith("\n") and text.count("\n") == 1
    assert json.loads(text) == json.loads(compare(*FIXTURES, fmt="json"))


# --- The same findings in every format -------------------------------------------------------------------


def test_the_small_articles_exercise_every_kind(storm_outputs: dict[str, str]) -> None:
    rules = {rule for _, rule, _ in expected_findings(json.loads(storm_outputs["json"]))}
    assert rules == {"discrepancy/quantity", "omission", "addition"}


def test_every_format_carries_the_json_findings(storm_outputs: dict[str, str]) -> None:
    data = json.loads(storm_outputs["json"])
    expected = expected_findings(data)
    assert sarif_findings(json.loads(storm_outputs["sarif"])) == expected
    assert github_findings(storm_outputs["github"]) == expected
    assert json.loads(storm_outputs["jsonl"]) == data
    assert sorted((f.fingerprint, f.rule_id, f.level) for f in findings(data)) == expected


def test_fixture_findings_agree_across_formats() -> None:
    data = json.loads(compare(*FIXTURES, fmt="json"))
    expected = expected_findings(data)
    assert len(expected) == sum(data["summary"]["unique"].values()) + sum(
        len(group["discrepancies"]) for group in data["groups"]
    )
    assert sarif_findings(sarif_log(data)) == expected
    out = io.StringIO()
    from factcheck.report import render

    render("github", data, out)
    assert github_findings(out.getvalue()) == expected


def test_discrepancy_points_into_the_derived_article(storm_outputs: dict[str, str]) -> None:
    result = next(
        r for r in json.loads(storm_outputs["sarif"])["runs"][0]["results"] if r["level"] == "error"
    )
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "b.txt"
    related = result["relatedLocations"]
    assert [r["physicalLocation"]["artifactLocation"]["uri"] for r in related] == ["a.txt"]
    assert related[0]["message"]["text"].startswith("A3: 12 people were injured")
    assert "12 people" in result["message"]["text"] and "21 people" in result["message"]["text"]


def test_omission_points_into_the_reference_and_addition_into_the_derived(
    storm_outputs: dict[str, str],
) -> None:
    results = json.loads(storm_outputs["sarif"])["runs"][0]["results"]
    by_rule = {r["ruleId"]: r for r in results}
    omission, addition = by_rule["omission"], by_rule["addition"]
    assert omission["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "a.txt"
    assert omission["message"]["text"] == "only A says: The mayor praised the rescue teams."
    assert addition["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "b.txt"
    assert addition["message"]["text"].startswith("only B says: Power was cut")
    assert "relatedLocations" not in omission and "relatedLocations" not in addition


def test_sarif_regions_start_and_end_at_the_claim_text(storm: Path, storm_outputs: dict[str, str]) -> None:
    texts = {claim["id"]: claim["text"] for claim in json.loads(storm_outputs["json"])["claims"]}
    places = []
    for result in json.loads(storm_outputs["sarif"])["runs"][0]["results"]:
        places.append((result["properties"]["claim"], result["locations"][0]))
        # a related location's message starts with its claim id: "A3: 12 people were injured..."
        places += [(r["message"]["text"].partition(":")[0], r) for r in result.get("relatedLocations", [])]
    assert len(places) == 4
    for claim_id, place in places:
        physical = place["physicalLocation"]
        lines = (storm / physical["artifactLocation"]["uri"]).read_text(encoding="utf-8").split("\n")
        region = physical["region"]
        line = lines[region["startLine"] - 1]
        assert line[region["startColumn"] - 1 :].startswith(texts[claim_id])
        assert region["endLine"] == region["startLine"]  # one-line paragraphs
        assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == texts[claim_id]


# --- GitHub escaping ----------------------------------------------------------------------------------


def test_github_escapes_message_and_properties() -> None:
    assert escape_data("50% said\r\nyes: a, b") == "50%25 said%0D%0Ayes: a, b"
    assert escape_property("50% said\r\nyes: a, b") == "50%25 said%0D%0Ayes%3A a%2C b"
    assert escape_data("%0A") == "%250A"  # an escape-like text stays text


def test_github_annotation_escapes_a_path_and_a_multiline_claim() -> None:
    place = Location("B", "B2", "news/x:y,z%.txt", 3, 5, 4, 10, "text")
    finding = Finding(
        rule_id="addition",
        kind="addition",
        level="note",
        message="only B says: 100% sure,\nthey said: yes",
        fingerprint="0123456789abcdef",
        group="G2",
        location=place,
    )
    line = annotation(finding)
    assert "\n" not in line
    assert line == (
        "::notice file=news/x%3Ay%2Cz%25.txt,line=3,endLine=4,col=5,endColumn=10,title=factcheck addition"
        "::only B says: 100%25 sure,%0Athey said: yes [fingerprint 0123456789abcdef]"
    )


def test_github_escapes_an_awkward_file_name_from_the_cli(tmp_path: Path) -> None:
    (tmp_path / "wire: 1,2.txt").write_text(ARTICLE_A, encoding="utf-8")
    (tmp_path / "rewrite 100%.txt").write_text(ARTICLE_B, encoding="utf-8")
    lines = compare("wire: 1,2.txt", "rewrite 100%.txt", fmt="github", cwd=tmp_path).splitlines()
    files = {
        dict(p.split("=", 1) for p in ANNOTATION.match(x)["properties"].split(","))["file"]
        for x in lines[:-1]
    }
    assert files == {"wire%3A 1%2C2.txt", "rewrite 100%25.txt"}


# --- Findings from a hand-made record ------------------------------------------------------------------


def claim(claim_id: str, line: int = 1) -> dict[str, Any]:
    return {
        "id": claim_id,
        "source": claim_id[0],
        "text": f"claim {claim_id}",
        "line": line,
        "column": 1,
        "end_line": line,
        "end_column": 9,
        "facts": [],
    }


def test_three_sources_with_the_reference_silent_point_at_a_source_that_gives_a_value() -> None:
    data = {
        "sources": [
            {"id": "A", "name": "a.txt", "path": "a.txt"},
            {"id": "B", "name": "<stdin>", "path": "-"},
            {"id": "C", "name": "c.txt", "path": None},
        ],
        "claims": [claim("B1"), claim("C1", 2)],
        "groups": [
            {
                "id": "G1",
                "status": "discrepancy",
                "claims": ["B1", "C1"],
                "discrepancies": [
                    {
                        "type": "date",
                        "values": {"C": "2016", "A": "2015"},
                        "explanation": "",
                        "fingerprint": "f1",
                    }
                ],
            }
        ],
    }
    (finding,) = findings(data)
    assert (finding.rule_id, finding.location.claim, finding.location.path) == (
        "discrepancy/date",
        "C1",
        "c.txt",
    )
    assert [(place.claim, place.path) for place in finding.related] == [("B1", "<stdin>")]
    assert finding.message == "different values: C: 2016; A: 2015"


def test_findings_come_errors_first_then_in_group_order() -> None:
    data = {
        "sources": [{"id": "A", "name": "a", "path": "a"}, {"id": "B", "name": "b", "path": "b"}],
        "claims": [claim("B1"), claim("A1"), claim("A2"), claim("B2")],
        "groups": [
            {"id": "G1", "status": "unique", "claims": ["B1"], "discrepancies": [], "fingerprint": "u1"},
            {"id": "G2", "status": "unique", "claims": ["A1"], "discrepancies": [], "fingerprint": "u2"},
            {
                "id": "G3",
                "status": "discrepancy",
                "claims": ["A2", "B2"],
                "discrepancies": [
                    {"type": "quantity", "values": {}, "explanation": "x", "fingerprint": "d1"}
                ],
            },
        ],
    }
    assert [(f.kind, f.fingerprint) for f in findings(data)] == [
        ("discrepancy", "d1"),
        ("omission", "u2"),
        ("addition", "u1"),
    ]


# --- SARIF URIs and JSON Lines --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("fixtures/aleppo_a.txt", "fixtures/aleppo_a.txt"),
        ("my news/a b.txt", "my%20news/a%20b.txt"),
        ("/tmp/a.txt", "file:///tmp/a.txt"),
        ("C:\\news\\a.txt", "file:///C:/news/a.txt"),
    ],
)
def test_sarif_artifact_uri(path: str, uri: str) -> None:
    assert artifact_uri(path) == uri


def test_jsonl_is_one_line_even_with_unicode_line_separators() -> None:
    data = {"text": "one\u2028two\u2029three\x85four\nfive", "name": "Zürich"}
    line = dumps_line(data)
    assert line.endswith("\n") and len(line.splitlines()) == 1
    assert "Zürich" in line
    assert json.loads(line) == data


def test_jsonl_lines_append_into_one_file(storm_outputs: dict[str, str], tmp_path: Path) -> None:
    target = tmp_path / "reports.jsonl"
    with target.open("a", encoding="utf-8") as handle:
        handle.write(storm_outputs["jsonl"])
        handle.write(compare(*FIXTURES, fmt="jsonl"))
    reports = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [report["sources"][0]["name"] for report in reports] == ["a.txt", "aleppo_a.txt"]
