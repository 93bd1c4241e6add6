"""Configuration files: discovery, precedence (default < file < command line), errors, `factcheck config`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import assert_one_line_error, run

from factcheck.config import COMMAND_LINE, DEFAULT, describe, find_config, load_config, resolve
from factcheck.errors import SettingsError
from factcheck.settings import Settings

ARTICLE = "Blast in the city centre\n\nAt least 12 people were injured in the blast on Monday.\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- discovery ---------------------------------------------------------------------------------------------


def test_no_config_gives_the_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    config = resolve()
    assert config.file is None
    assert config.settings() == Settings()
    assert config["format"] == "rich" and config["fail_on"] == "never"
    assert set(config.origins.values()) == {DEFAULT}


def test_found_from_a_subdirectory_upward(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "pyproject.toml", "[tool.factcheck]\nthreshold = 0.4\n")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    config = resolve()
    assert config.file is not None and config.file.path == tmp_path / "pyproject.toml"
    assert config.settings().threshold == 0.4


def test_a_pyproject_without_the_table_is_passed_over(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.factcheck]\nthreshold = 0.4\n")
    write(tmp_path / "pkg" / "pyproject.toml", "[project]\nname = 'pkg'\n")
    found = find_config(tmp_path / "pkg")
    assert found is not None and found.path == tmp_path / "pyproject.toml"


def test_the_nearest_directory_wins(tmp_path: Path) -> None:
    write(tmp_path / "factcheck.toml", "threshold = 0.4\n")
    write(tmp_path / "pkg" / "pyproject.toml", "[tool.factcheck]\nthreshold = 0.6\n")
    found = find_config(tmp_path / "pkg")
    assert found is not None and found.values["threshold"] == 0.6


def test_factcheck_toml_wins_over_pyproject_in_the_same_directory(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.factcheck]\nthreshold = 0.6\n")
    write(tmp_path / "factcheck.toml", "threshold = 0.4\n")
    found = find_config(tmp_path)
    assert found is not None
    assert found.path.name == "factcheck.toml" and found.values["threshold"] == 0.4
    assert found.shadowed == tmp_path / "pyproject.toml"


def test_a_config_file_saved_with_a_utf8_byte_order_mark_is_read(tmp_path: Path) -> None:
    """Windows editors save "UTF-8" with a BOM, which TOML parsers refuse ("Invalid statement" at 1:1)."""
    (tmp_path / "factcheck.toml").write_bytes("\ufeffthreshold = 0.4\n".encode())
    found = find_config(tmp_path)
    assert found is not None and found.values["threshold"] == 0.4


def test_factcheck_toml_may_use_a_tool_factcheck_table(tmp_path: Path) -> None:
    write(tmp_path / "factcheck.toml", "[tool.factcheck]\nthreshold = 0.4\n")
    found = load_config(tmp_path / "factcheck.toml")
    assert found.values["threshold"] == 0.4 and found.table == "[tool.factcheck]"


def test_explicit_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "pyproject.toml", "[tool.factcheck]\nthreshold = 0.6\n")
    other = write(tmp_path / "ci" / "strict.toml", "fail_on = 'unique'\n")
    monkeypatch.chdir(tmp_path)
    config = resolve(config=other)
    assert config["fail_on"] == "unique" and config.settings().threshold == Settings().threshold


# --- precedence ---------------------------------------------------------------------------------------------


def test_precedence_default_file_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(
        tmp_path / "pyproject.toml", "[tool.factcheck]\nthreshold = 0.4\nscorer = 'ratio'\nformat = 'json'\n"
    )
    monkeypatch.chdir(tmp_path)
    config = resolve({"threshold": 0.3, "scorer": None, "fail_on": None})
    assert config.settings().threshold == 0.3 and config.origins["threshold"] == COMMAND_LINE
    assert config.settings().scorer == "ratio" and config.origins["scorer"] == "pyproject.toml"
    assert config["format"] == "json" and config.origins["format"] == "pyproject.toml"
    assert config["fail_on"] == "never" and config.origins["fail_on"] == DEFAULT


def test_check_fails_on_discrepancy_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert resolve(command="check")["fail_on"] == "discrepancy"
    write(tmp_path / "factcheck.toml", "fail_on = 'never'\n")
    assert resolve(command="check")["fail_on"] == "never"


def test_baseline_path_is_relative_to_the_config_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "factcheck.toml", "baseline = 'ci/accepted.json'\n")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    assert resolve()["baseline"] == tmp_path / "ci" / "accepted.json"


def test_the_command_line_overrides_the_file_in_compare(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "b.txt", ARTICLE)
    write(tmp_path / "pyproject.toml", "[tool.factcheck]\nthreshold = 0.4\nformat = 'json'\n")
    from_file = run(tmp_path, "compare", "a.txt", "b.txt")
    assert from_file.returncode == 0, from_file.stderr.decode()
    assert json.loads(from_file.stdout)["tool"]["settings"]["threshold"] == 0.4
    from_flag = run(tmp_path, "compare", "a.txt", "b.txt", "--threshold", "0.3")
    assert json.loads(from_flag.stdout)["tool"]["settings"]["threshold"] == 0.3


def test_fail_on_from_the_file_sets_the_exit_code(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "b.txt", ARTICLE.replace("12", "21"))
    write(tmp_path / "factcheck.toml", "fail_on = 'discrepancy'\n")
    assert run(tmp_path, "compare", "a.txt", "b.txt").returncode == 1
    assert run(tmp_path, "compare", "a.txt", "b.txt", "--fail-on", "never").returncode == 0


# --- errors ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "needles"),
    [
        (
            "treshold = 0.3",
            ["pyproject.toml: [tool.factcheck] unknown key 'treshold' (did you mean 'threshold'?)"],
        ),
        ("threshold = 1.5", ["pyproject.toml: [tool.factcheck] threshold must be between 0 and 1, got 1.5"]),
        ("threshold = 'high'", ['threshold must be a number, got "high"']),
        ("fail_on = 'sometimes'", ["fail_on must be one of never, discrepancy, unique"]),
        ("format = 'xml'", ["format must be one of"]),
        ("clean = 'yes'", ["clean must be true or false"]),
        ("scorer = 'nope'", ["unknown scorer 'nope'"]),
        ("threshold =", ["pyproject.toml: invalid TOML"]),
        ("zzz = 1", ["unknown key 'zzz' (known keys:"]),
    ],
)
def test_file_errors_are_one_line(tmp_path: Path, text: str, needles: list[str]) -> None:
    write(tmp_path / "pyproject.toml", f"[tool.factcheck]\n{text}\n")
    write(tmp_path / "a.txt", ARTICLE)
    assert_one_line_error(run(tmp_path, "compare", "a.txt", "a.txt"), *needles)
    assert_one_line_error(run(tmp_path, "config"), *needles)


def test_factcheck_toml_errors_name_the_file(tmp_path: Path) -> None:
    write(tmp_path / "factcheck.toml", "treshold = 0.3\n")
    assert_one_line_error(
        run(tmp_path, "config"), "factcheck.toml: unknown key 'treshold' (did you mean 'threshold'?)"
    )


def test_factcheck_toml_cannot_mix_both_spellings(tmp_path: Path) -> None:
    write(tmp_path / "factcheck.toml", "threshold = 0.3\n[tool.factcheck]\nscorer = 'ratio'\n")
    with pytest.raises(SettingsError, match="not both"):
        load_config(tmp_path / "factcheck.toml")


def test_missing_explicit_config_is_an_error(tmp_path: Path) -> None:
    assert_one_line_error(
        run(tmp_path, "config", "--config", "nope.toml"), "--config nope.toml: no such file"
    )


def test_an_explicit_pyproject_needs_the_table(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    assert_one_line_error(run(tmp_path, "config", "--config", "pyproject.toml"), "no [tool.factcheck] table")


# --- `factcheck config` -------------------------------------------------------------------------------------


def test_config_command_says_where_each_value_comes_from(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.factcheck]\nthreshold = 0.4\nformat = 'markdown'\n")
    result = run(tmp_path, "config", "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    lines = result.stdout.decode().splitlines()
    assert lines[0] == "# config file: pyproject.toml [tool.factcheck]"
    by_key = {line.split(" = ")[0]: line for line in lines if " = " in line and not line.startswith("#")}
    assert by_key["threshold"].startswith("threshold = 0.4") and by_key["threshold"].endswith(
        "# pyproject.toml"
    )
    assert by_key["format"].startswith('format = "json"') and by_key["format"].endswith("# command line")
    assert by_key["scorer"].endswith("# default")


def test_config_command_without_a_file(tmp_path: Path) -> None:
    result = run(tmp_path, "config")
    assert result.returncode == 0
    assert "none found" in result.stdout.decode().splitlines()[0]


def test_describe_lists_checks_and_a_shadowed_pyproject(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "pyproject.toml", "[tool.factcheck]\nthreshold = 0.6\n")
    write(
        tmp_path / "factcheck.toml",
        "[[check]]\nname = 'wire'\nsource = 'wire.txt'\nderived = ['rewrites/*.txt']\nthreshold = 0.3\n",
    )
    monkeypatch.chdir(tmp_path)
    text = describe(resolve())
    assert "# ignored: pyproject.toml [tool.factcheck] (factcheck.toml wins)" in text
    assert "# check 'wire': wire.txt -> rewrites/*.txt (threshold = 0.3)" in text


def test_describe_does_not_pad_every_line_to_the_long_weights_line(tmp_path: Path) -> None:
    text = run(tmp_path, "config").stdout.decode()
    threshold_line = next(line for line in text.splitlines() if line.startswith("threshold"))
    assert threshold_line.index("#") <= 42, threshold_line
