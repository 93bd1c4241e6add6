"""`factcheck check`: the manifest, globs, exit codes, the combined report and its errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import assert_one_line_error, run

from factcheck.checks import merge_sarif

WIRE = """Blast in the city centre

At least 12 people were injured in the blast on Monday.

Firefighters needed 40 minutes to put out the fire in the bakery.

Police closed the main square and diverted traffic around the old town.

The mayor visited the hospital in the evening.
"""
CONTRADICTING = WIRE.replace("At least 12", "At least 21")

MANIFEST = """[tool.factcheck]

[[tool.factcheck.check]]
name = "wire"
source = "wire/story.txt"
derived = ["rewrites/story-*.txt"]
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A wire story, one faithful rewrite and one that contradicts it, and the manifest."""
    write(tmp_path / "wire" / "story.txt", WIRE)
    write(tmp_path / "rewrites" / "story-1.txt", WIRE)
    write(tmp_path / "rewrites" / "story-2.txt", CONTRADICTING)
    write(tmp_path / "pyproject.toml", MANIFEST)
    return tmp_path


def test_a_contradicting_rewrite_fails_the_check(project: Path) -> None:
    result = run(project, "check", "--format", "json")
    assert result.returncode == 1, result.stderr.decode()
    data = json.loads(result.stdout)
    assert data["schema_version"] == 2
    assert [(c["name"], c["source"], c["derived"], c["failed"]) for c in data["checks"]] == [
        ("wire", "wire/story.txt", "rewrites/story-1.txt", False),
        ("wire", "wire/story.txt", "rewrites/story-2.txt", True),
    ]
    assert data["summary"] == {"checks": 2, "failed": 1, "discrepancies": 1, "unique": 0}
    second = data["checks"][1]["report"]
    assert second["summary"]["discrepancies"] == 1
    assert [s["path"] for s in second["sources"]] == ["wire/story.txt", "rewrites/story-2.txt"]


def test_consistent_rewrites_pass(project: Path) -> None:
    write(project / "rewrites" / "story-2.txt", WIRE)
    result = run(project, "check")
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    assert "check 'wire': rewrites/story-1.txt against wire/story.txt (passed)" in out
    assert out.rstrip().endswith("factcheck check: 2 comparisons, 0 failed")


def test_fail_on_from_the_file_the_entry_and_the_command_line(project: Path) -> None:
    write(
        project / "pyproject.toml",
        MANIFEST.replace("[tool.factcheck]\n", "[tool.factcheck]\nfail_on = 'never'\n"),
    )
    assert run(project, "check").returncode == 0
    assert run(project, "check", "--fail-on", "discrepancy").returncode == 1
    write(project / "pyproject.toml", MANIFEST + "fail_on = 'never'\n")  # the entry's own override
    assert run(project, "check").returncode == 0


def test_a_check_may_list_paths_and_globs_and_skips_its_source(tmp_path: Path) -> None:
    write(tmp_path / "story.txt", WIRE)
    write(tmp_path / "summary.txt", WIRE)
    write(tmp_path / "de" / "story.txt", CONTRADICTING)
    write(
        tmp_path / "factcheck.toml",
        "[[check]]\nsource = 'story.txt'\nderived = ['*.txt', '**/story.txt']\n",
    )
    result = run(tmp_path, "check", "--format", "json")
    data = json.loads(result.stdout)
    assert [c["derived"] for c in data["checks"]] == ["summary.txt", "de/story.txt"]
    assert data["checks"][0]["name"] == "story.txt"  # the source names an unnamed check
    assert result.returncode == 1


def test_paths_are_relative_to_the_config_file(project: Path) -> None:
    (project / "docs").mkdir()
    result = run(project / "docs", "check", "--format", "json")
    assert result.returncode == 1, result.stderr.decode()
    assert json.loads(result.stdout)["checks"][1]["derived"] == "../rewrites/story-2.txt"


def test_per_check_settings(project: Path) -> None:
    write(project / "pyproject.toml", MANIFEST + "threshold = 0.9\n")
    data = json.loads(run(project, "check", "--format", "json").stdout)
    assert {c["report"]["tool"]["settings"]["threshold"] for c in data["checks"]} == {0.9}
    flag = json.loads(run(project, "check", "--format", "json", "--threshold", "0.8").stdout)
    assert {c["report"]["tool"]["settings"]["threshold"] for c in flag["checks"]} == {0.8}


def test_several_entries_run_in_file_order(project: Path) -> None:
    write(project / "summaries" / "s.txt", WIRE)
    manifest = (
        MANIFEST
        + '\n[[tool.factcheck.check]]\nname = "summary"\nsource = "wire/story.txt"\nderived = "summaries/s.txt"\n'
    )
    write(project / "pyproject.toml", manifest)
    data = json.loads(run(project, "check", "--format", "json").stdout)
    assert [c["name"] for c in data["checks"]] == ["wire", "wire", "summary"]


def test_markdown_has_a_heading_per_comparison(project: Path) -> None:
    out = run(project, "check", "--format", "markdown").stdout.decode()
    assert out.startswith("# check 'wire': rewrites/story-1.txt against wire/story.txt (passed)")
    assert "# check 'wire': rewrites/story-2.txt against wire/story.txt (FAILED)" in out
    assert out.count("\n## ") == 2


def test_jsonl_is_one_report_per_line(project: Path) -> None:
    lines = run(project, "check", "--format", "jsonl").stdout.decode().splitlines()
    reports = [json.loads(line) for line in lines]
    assert [r["sources"][1]["path"] for r in reports] == ["rewrites/story-1.txt", "rewrites/story-2.txt"]


def test_sarif_is_one_log_with_one_run(project: Path) -> None:
    write(project / "rewrites" / "story-3.txt", WIRE.replace("40 minutes", "90 minutes"))
    result = run(project, "check", "--format", "sarif")
    assert result.returncode == 1, result.stderr.decode()
    log = json.loads(result.stdout)
    [sarif_run] = log["runs"]
    results = sarif_run["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"rewrites/story-2.txt", "rewrites/story-3.txt"}
    rules = [rule["id"] for rule in sarif_run["tool"]["driver"]["rules"]]
    assert all(rules[r["ruleIndex"]] == r["ruleId"] for r in results)
    assert {r["properties"]["check"] for r in results} == {"wire"}


def test_merge_sarif_renumbers_rules_and_artifacts() -> None:
    def log(rule: str, uri: str) -> dict:
        location = {"physicalLocation": {"artifactLocation": {"uri": uri, "index": 1}}}
        return {
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {"driver": {"name": "factcheck", "rules": [{"id": "x"}, {"id": rule}]}},
                    "artifacts": [{"location": {"uri": "wire.txt"}}, {"location": {"uri": uri}}],
                    "results": [{"ruleId": rule, "ruleIndex": 1, "locations": [location]}],
                }
            ],
        }

    merged = merge_sarif([log("a", "one.txt"), log("b", "two.txt"), log("a", "three.txt")])
    [merged_run] = merged["runs"]
    assert [r["id"] for r in merged_run["tool"]["driver"]["rules"]] == ["x", "a", "b"]
    assert [a["location"]["uri"] for a in merged_run["artifacts"]] == [
        "wire.txt",
        "one.txt",
        "two.txt",
        "three.txt",
    ]
    results = merged_run["results"]
    assert [r["ruleIndex"] for r in results] == [1, 2, 1]
    assert [r["locations"][0]["physicalLocation"]["artifactLocation"]["index"] for r in results] == [1, 2, 3]


def test_output_file(project: Path) -> None:
    result = run(project, "check", "--format", "json", "-o", "report.json")
    assert result.returncode == 1 and result.stdout == b""
    assert json.loads((project / "report.json").read_text(encoding="utf-8"))["summary"]["failed"] == 1


# --- errors -----------------------------------------------------------------------------------------------------


def test_a_glob_matching_nothing_is_an_error(project: Path) -> None:
    write(project / "pyproject.toml", MANIFEST.replace("story-*.txt", "nothing-*.txt"))
    assert_one_line_error(
        run(project, "check"),
        "pyproject.toml: [[tool.factcheck.check]] #1 'wire': derived 'rewrites/nothing-*.txt' matches no files",
    )


def test_a_missing_source_is_an_error(project: Path) -> None:
    write(project / "pyproject.toml", MANIFEST.replace("wire/story.txt", "wire/gone.txt"))
    assert_one_line_error(run(project, "check"), "#1 'wire': source 'wire/gone.txt': no such file")


def test_a_missing_derived_path_is_an_error(project: Path) -> None:
    write(project / "pyproject.toml", MANIFEST.replace('["rewrites/story-*.txt"]', '"rewrites/gone.txt"'))
    assert_one_line_error(run(project, "check"), "derived 'rewrites/gone.txt': no such file")


@pytest.mark.parametrize(
    ("entry", "needle"),
    [
        (
            'sorce = "a.txt"\nderived = "b.txt"',
            "[[tool.factcheck.check]] #1: unknown key 'sorce' (did you mean 'source'?)",
        ),
        ('derived = "b.txt"', "#1: needs source ="),
        ('source = "a.txt"', "#1: needs derived ="),
        ('source = "a.txt"\nderived = []', "#1: needs derived ="),
        (
            'source = "a.txt"\nderived = "b.txt"\nthreshold = 2',
            "#1 'a.txt': threshold must be between 0 and 1",
        ),
        ('source = "a.txt"\nderived = "b.txt"\nformat = "json"', "unknown key 'format'"),
    ],
)
def test_bad_entries_are_one_line_errors(tmp_path: Path, entry: str, needle: str) -> None:
    write(tmp_path / "pyproject.toml", f"[[tool.factcheck.check]]\n{entry}\n")
    assert_one_line_error(run(tmp_path, "check"), needle)


def test_duplicate_names_are_an_error(project: Path) -> None:
    write(project / "pyproject.toml", MANIFEST + MANIFEST.replace("[tool.factcheck]\n", ""))
    assert_one_line_error(run(project, "check"), "#2 'wire': duplicate check name 'wire' (also #1)")


def test_no_checks_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.factcheck]\nthreshold = 0.4\n")
    assert_one_line_error(run(tmp_path, "check"), "pyproject.toml: no checks to run")


def test_an_unreadable_article_is_an_error(project: Path) -> None:
    write(project / "rewrites" / "story-2.txt", "")
    assert_one_line_error(run(project, "check"), "story-2.txt", "empty")
