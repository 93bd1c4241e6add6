"""Baselines: accepted findings are left out by fingerprint, edits elsewhere do not bring them back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.baseline import apply_baseline, findings, load_baseline, write_baseline
from factcheck.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
WIRE = """Blast in the city centre

At least 12 people were injured in the blast on Monday.

Firefighters needed 40 minutes to put out the fire in the bakery.

Police closed the main square and diverted traffic around the old town.

The mayor visited the hospital in the evening.
"""
REWRITE = WIRE.replace("At least 12", "At least 21")
UNRELATED_EDIT = REWRITE.replace("in the evening.", "in the evening and thanked the nurses.")
NEW_DISCREPANCY = UNRELATED_EDIT.replace("40 minutes", "90 minutes")


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args], capture_output=True, cwd=cwd, env=environment, timeout=120
    )


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def discrepancies(data: dict) -> list[dict]:
    return [d for group in data["groups"] for d in group["discrepancies"]]


@pytest.fixture
def pair(tmp_path: Path) -> Path:
    write(tmp_path / "wire.txt", WIRE)
    write(tmp_path / "rewrite.txt", REWRITE)
    return tmp_path


COMPARE = ("compare", "wire.txt", "rewrite.txt", "--fail-on", "discrepancy", "--format", "json")


def test_compare_round_trip(pair: Path) -> None:
    assert run(pair, *COMPARE).returncode == 1

    written = run(pair, *COMPARE, "--write-baseline", "accepted.json")
    assert written.returncode == 0, written.stderr.decode()
    assert "wrote 1 accepted finding to accepted.json" in written.stderr.decode()
    baseline = json.loads((pair / "accepted.json").read_text(encoding="utf-8"))
    [entry] = baseline["findings"]
    assert baseline["factcheck_baseline"] == 1
    assert entry["type"] == "quantity" and "12" in entry["explanation"] and "21" in entry["explanation"]
    assert entry["source"] == "wire.txt vs rewrite.txt"

    again = run(pair, *COMPARE, "--baseline", "accepted.json")
    assert again.returncode == 0, again.stderr.decode()
    data = json.loads(again.stdout)
    assert data["summary"]["discrepancies"] == 0 and data["summary"]["suppressed"] == 1
    assert "1 accepted finding left out (baseline accepted.json)" in again.stderr.decode()

    write(pair / "rewrite.txt", UNRELATED_EDIT)
    assert run(pair, *COMPARE, "--baseline", "accepted.json").returncode == 0

    write(pair / "rewrite.txt", NEW_DISCREPANCY)
    new = run(pair, *COMPARE, "--baseline", "accepted.json")
    assert new.returncode == 1
    data = json.loads(new.stdout)
    [only] = discrepancies(data)
    assert "40" in only["explanation"] and "90" in only["explanation"]
    assert only["fingerprint"] != entry["fingerprint"]
    assert data["summary"]["discrepancies"] == 1 and data["summary"]["suppressed"] == 1


def test_check_round_trip_with_the_baseline_in_the_config(tmp_path: Path) -> None:
    write(tmp_path / "wire" / "story.txt", WIRE)
    write(tmp_path / "rewrites" / "a.txt", REWRITE)
    write(tmp_path / "rewrites" / "b.txt", WIRE)
    write(
        tmp_path / "pyproject.toml",
        '[tool.factcheck]\nbaseline = "ci/accepted.json"\n\n'
        '[[tool.factcheck.check]]\nname = "wire"\nsource = "wire/story.txt"\nderived = "rewrites/*.txt"\n',
    )
    assert_error = run(tmp_path, "check")
    assert assert_error.returncode == 2 and "--write-baseline" in assert_error.stderr.decode()

    (tmp_path / "ci").mkdir()
    assert run(tmp_path, "check", "--write-baseline", "ci/accepted.json").returncode == 0
    [entry] = json.loads((tmp_path / "ci" / "accepted.json").read_text(encoding="utf-8"))["findings"]
    assert entry["check"] == "wire" and entry["source"] == "wire/story.txt vs rewrites/a.txt"

    passed = run(tmp_path, "check", "--format", "json")
    assert passed.returncode == 0, passed.stderr.decode()
    assert json.loads(passed.stdout)["summary"]["suppressed"] == 1

    write(tmp_path / "rewrites" / "a.txt", UNRELATED_EDIT)
    assert run(tmp_path, "check").returncode == 0
    write(tmp_path / "rewrites" / "a.txt", NEW_DISCREPANCY)
    failed = run(tmp_path, "check", "--format", "json")
    assert failed.returncode == 1
    [check_a, _] = json.loads(failed.stdout)["checks"]
    [only] = discrepancies(check_a["report"])
    assert "90" in only["explanation"]


# --- apply_baseline on a record ------------------------------------------------------------------------------------


def _record() -> dict:
    import factcheck

    b = REWRITE.replace("40 minutes", "90 minutes") + "\nThe bakery had opened in 1998.\n"
    return factcheck.compare([WIRE, b]).to_dict()


def test_findings_are_discrepancies_and_unique_groups() -> None:
    data = _record()
    found = findings(data)
    assert [f.record["type"] for f in found] == ["quantity", "quantity", "unique"]
    assert found[2].record["text"] == "The bakery had opened in 1998."
    assert data["summary"]["discrepancies"] == 2


def test_apply_baseline_leaves_out_accepted_findings_and_recounts() -> None:
    data = _record()
    found = findings(data)
    result = apply_baseline(data, frozenset({found[0].fingerprint, found[2].fingerprint}))
    assert result["summary"]["discrepancies"] == 1 and result["summary"]["suppressed"] == 2
    assert result["summary"]["unique"] == {"A": 0, "B": 0}
    assert [d["fingerprint"] for d in discrepancies(result)] == [found[1].fingerprint]
    # the fully accepted discrepancy group is an agreement now; the unique claim is gone with its group
    assert result["summary"]["agreements"] == data["summary"]["agreements"] + 1
    grouped = {claim for group in result["groups"] for claim in group["claims"]}
    assert grouped == {claim["id"] for claim in result["claims"]}
    assert len(result["claims"]) == len(data["claims"]) - 1
    assert "suppressed" not in data["summary"] and len(discrepancies(data)) == 2  # the input is untouched


def test_a_record_with_a_baseline_matches_the_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    data = _record()
    result = apply_baseline(data, frozenset(f.fingerprint for f in findings(data)))
    jsonschema.validate(result, schema)
    assert result["summary"]["discrepancies"] == 0 and result["summary"]["suppressed"] == 3


def test_write_then_load(tmp_path: Path) -> None:
    data = _record()
    path = tmp_path / "b.json"
    assert write_baseline(path, [(None, data), ("again", data)]) == 3  # each fingerprint once
    assert load_baseline(path) == frozenset(f.fingerprint for f in findings(data))
    assert "check" not in json.loads(path.read_text(encoding="utf-8"))["findings"][0]


def test_a_baseline_saved_with_a_utf8_byte_order_mark_is_read(tmp_path: Path) -> None:
    """A baseline reviewed and saved in a Windows editor gains a BOM, which json.loads refuses."""
    data = _record()
    path = tmp_path / "b.json"
    write_baseline(path, [(None, data)])
    expected = load_baseline(path)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_baseline(path) == expected and expected


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (None, "no such file; create it with --write-baseline"),
        ("{not json", "not valid JSON"),
        ('{"findings": []}', "not a factcheck baseline"),
        ('{"factcheck_baseline": 9, "findings": []}', "version 9 is not supported"),
        ('{"factcheck_baseline": 1, "findings": [{"type": "quantity"}]}', "needs a fingerprint"),
    ],
)
def test_bad_baselines(tmp_path: Path, content: str | None, needle: str) -> None:
    path = tmp_path / "b.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=needle):
        load_baseline(path)


def test_a_bad_baseline_is_a_one_line_error(pair: Path) -> None:
    write(pair / "b.json", "[]")
    result = run(pair, "compare", "wire.txt", "rewrite.txt", "--baseline", "b.json")
    err = result.stderr.decode()
    assert result.returncode == 2 and len(err.strip().splitlines()) == 1
    assert err.startswith("factcheck: error: baseline b.json: not a factcheck baseline")
