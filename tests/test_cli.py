"""CLI tests: run the real entry point in a subprocess so exit codes and streams are what users see."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        env=environment,
        timeout=120,
    )


def test_cli_without_a_command_prints_the_help_not_an_error() -> None:
    """It printed "factcheck: error: Usage: ..." with the whole help inside one error line."""
    result = run()
    assert result.returncode == 2 and result.stdout == b""
    err = result.stderr.decode()
    assert err.startswith("Usage: factcheck [OPTIONS] COMMAND") and "error:" not in err and "compare" in err


def test_cli_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.decode().startswith("factcheck ")


def test_cli_help_has_examples() -> None:
    result = run("compare", "--help")
    assert result.returncode == 0
    out = result.stdout.decode()
    assert "--fail-on" in out and "Examples" in out and "Exit codes" in out


def test_cli_compare_fixtures_rich_plain() -> None:
    result = run("compare", "fixtures/aleppo_a.txt", "fixtures/aleppo_b.txt", "--width", "80")
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    assert "\x1b[" not in out
    assert all(len(line) <= 80 for line in out.splitlines())
    for furniture in ("36 views", "2 mins read", "Leave a Reply", "Today:July"):
        assert furniture not in out


def test_cli_compare_json_is_the_library_dict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import factcheck

    monkeypatch.chdir(ROOT)  # the library is given the CLI's relative paths, which the report carries
    target = tmp_path / "report.json"
    result = run(
        "compare", "fixtures/aleppo_a.txt", "fixtures/aleppo_b.txt", "--format", "json", "-o", str(target)
    )
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == b""
    data = json.loads(target.read_text(encoding="utf-8"))
    expected = factcheck.compare([Path("fixtures/aleppo_a.txt"), Path("fixtures/aleppo_b.txt")]).to_dict()
    assert data == expected


def test_cli_markdown() -> None:
    result = run("compare", "fixtures/aleppo_a.txt", "fixtures/aleppo_b.txt", "--format", "markdown")
    assert result.returncode == 0
    assert result.stdout.decode().startswith("## ")


def test_cli_show_dropped_lists_furniture() -> None:
    result = run(
        "compare", "fixtures/aleppo_a.txt", "fixtures/aleppo_b.txt", "--show-dropped", "--width", "100"
    )
    assert result.returncode == 0
    out = result.stdout.decode()
    assert "36 views" in out and "Leave a Reply" in out


def test_cli_stdin_given_twice_is_a_usage_error() -> None:
    """Standard input can be read once: the second '-' would otherwise be reported as an empty article."""
    result = run("compare", "-", "-", stdin=(ROOT / "fixtures/aleppo_a.txt").read_bytes())
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr.decode() == (
        "factcheck: error: standard input ('-') is given 2 times; it can be read once: give the other "
        "articles as files\n"
    )


def test_cli_stdin_source() -> None:
    data = (ROOT / "fixtures/aleppo_b.txt").read_bytes()
    result = run("compare", "fixtures/aleppo_a.txt", "-", "--format", "json", stdin=data)
    assert result.returncode == 0, result.stderr.decode()
    sources = json.loads(result.stdout)["sources"]
    assert sources[1]["path"] == "-"


def _changed_copy(tmp_path: Path) -> Path:
    text = (ROOT / "fixtures/aleppo_a.txt").read_text(encoding="utf-8")
    assert "28 civilians" in text
    changed = tmp_path / "changed.txt"
    changed.write_text(text.replace("28 civilians", "29 civilians"), encoding="utf-8")
    return changed


def test_cli_fail_on_discrepancy_exits_1(tmp_path: Path) -> None:
    changed = _changed_copy(tmp_path)
    result = run(
        "compare", "fixtures/aleppo_a.txt", str(changed), "--fail-on", "discrepancy", "--format", "json"
    )
    assert result.returncode == 1, result.stderr.decode()
    summary = json.loads(result.stdout)["summary"]
    assert summary["discrepancies"] == 1


def test_cli_fail_on_never_and_identical_exit_0(tmp_path: Path) -> None:
    changed = _changed_copy(tmp_path)
    assert run("compare", "fixtures/aleppo_a.txt", str(changed)).returncode == 0
    same = run("compare", "fixtures/aleppo_a.txt", "fixtures/aleppo_a.txt", "--fail-on", "unique")
    assert same.returncode == 0


def test_cli_fail_on_unique_exits_1_for_the_fixtures() -> None:
    result = run("compare", "fixtures/aleppo_a.txt", "fixtures/aleppo_b.txt", "--fail-on", "unique")
    assert result.returncode == 1


def _assert_one_line_error(result: subprocess.CompletedProcess, needle: str) -> None:
    assert result.returncode == 2
    err = result.stderr.decode()
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("factcheck: error:")
    assert needle in err


@pytest.mark.parametrize(
    ("content", "needle"),
    [(b"", "is empty"), (b"\x00\x01\x02binary", "binary"), (b"caf\xe9 au lait", "not valid UTF-8")],
)
def test_cli_bad_file_errors(tmp_path: Path, content: bytes, needle: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    _assert_one_line_error(run("compare", "fixtures/aleppo_a.txt", str(bad)), needle)


def test_cli_missing_file_error() -> None:
    _assert_one_line_error(run("compare", "fixtures/aleppo_a.txt", "nope.txt"), "no such file")


def test_cli_directory_error() -> None:
    _assert_one_line_error(run("compare", "fixtures/aleppo_a.txt", "fixtures"), "is a directory")


def test_cli_unreadable_file_error(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    locked = tmp_path / "locked.txt"
    locked.write_text("Some text.")
    locked.chmod(0)
    _assert_one_line_error(run("compare", "fixtures/aleppo_a.txt", str(locked)), "permission denied")


def test_cli_furniture_only_file_error(tmp_path: Path) -> None:
    only = tmp_path / "only.txt"
    only.write_text("36 views\n2 mins read\nAdvertisement\n")
    _assert_one_line_error(run("compare", "fixtures/aleppo_a.txt", str(only)), "no article text left")


def test_cli_one_source_error() -> None:
    _assert_one_line_error(run("compare", "fixtures/aleppo_a.txt"), "at least two sources")


def test_cli_no_source_error() -> None:
    _assert_one_line_error(run("compare"), "SOURCE")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--format", "xml"], "--format"),
        (["--fail-on", "sometimes"], "--fail-on"),
        (["--threshold", "1.5"], "--threshold"),
        (["--threshold", "abc"], "--threshold"),
        (["--scorer", "nope"], "scorer"),
        (["--bogus"], "--bogus"),
    ],
)
def test_cli_bad_option_errors(args: list[str], needle: str) -> None:
    _assert_one_line_error(run("compare", "fixtures/aleppo_a.txt", "fixtures/aleppo_b.txt", *args), needle)


def test_cli_refuses_to_overwrite_a_source(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    original = (ROOT / "fixtures/aleppo_a.txt").read_bytes()
    source.write_bytes(original)
    result = run("compare", str(source), "fixtures/aleppo_b.txt", "-o", str(source))
    _assert_one_line_error(result, "would be overwritten")
    assert source.read_bytes() == original


def _check_project(tmp_path: Path) -> dict[str, Path]:
    """A folder with a checks manifest: its config file, source and derived article."""
    (tmp_path / "wire").mkdir()
    (tmp_path / "rw").mkdir()
    files = {
        "source": tmp_path / "wire" / "story.txt",
        "derived": tmp_path / "rw" / "story-1.txt",
        "config": tmp_path / "factcheck.toml",
    }
    files["source"].write_bytes((ROOT / "fixtures/aleppo_a.txt").read_bytes())
    files["derived"].write_bytes((ROOT / "fixtures/aleppo_b.txt").read_bytes())
    files["config"].write_text(
        '[[check]]\nsource = "wire/story.txt"\nderived = "rw/*.txt"\n', encoding="utf-8"
    )
    return files


@pytest.mark.parametrize("target", ["source", "derived", "config"])
@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_cli_check_refuses_to_overwrite_what_it_reads(tmp_path: Path, option: str, target: str) -> None:
    """--write-baseline over an article or the config file destroyed it (only --output was checked)."""
    files = _check_project(tmp_path)
    before = {name: path.read_bytes() for name, path in files.items()}
    result = run("check", "--config", str(files["config"]), option, str(files[target]))
    _assert_one_line_error(result, "would be overwritten")
    assert {name: path.read_bytes() for name, path in files.items()} == before


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_cli_compare_refuses_to_overwrite_a_source_or_the_config(tmp_path: Path, option: str) -> None:
    files = _check_project(tmp_path)
    before = {name: path.read_bytes() for name, path in files.items()}
    for target in ("source", "config"):
        result = run(
            "compare", str(files["source"]), str(files["derived"]), "--config", str(files["config"]),
            option, str(files[target]),
        )  # fmt: skip
        _assert_one_line_error(result, "would be overwritten")
    assert {name: path.read_bytes() for name, path in files.items()} == before


def test_cli_output_and_baseline_to_one_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    result = run(
        "compare", "fixtures/aleppo_a.txt", "fixtures/aleppo_b.txt", "-o", str(target),
        "--write-baseline", str(target),
    )  # fmt: skip
    _assert_one_line_error(result, "--output and --write-baseline name one file")
    assert not target.exists()


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize("fmt", ["json", "rich", "markdown", "github"])
def test_cli_writes_utf8_to_a_pipe_whose_locale_cannot_encode_the_report(encoding: str, fmt: str) -> None:
    """A locale that is not UTF-8 (LC_ALL=C without UTF-8 mode, a Windows code page when redirected) made
    printing the report an internal error: "·", "≠" and the articles' own quotes could not be encoded."""
    args = ("compare", "fixtures/aleppo_a.txt", "fixtures/aleppo_b.txt", "--format", fmt)
    expected = run(*args, env={"PYTHONIOENCODING": "utf-8"})
    result = run(*args, env={"PYTHONIOENCODING": encoding})
    assert result.returncode == expected.returncode == 0, result.stderr.decode()
    assert result.stdout == expected.stdout


def test_cli_on_a_terminal_that_cannot_show_a_character_shows_a_stand_in() -> None:
    """On a terminal the terminal's encoding wins (it is what it can display); what it lacks becomes '?'."""
    import io

    from factcheck.cli import _writable_stdout

    class Terminal(io.TextIOWrapper):
        def isatty(self) -> bool:
            return True

    raw = io.BytesIO()
    terminal = Terminal(raw, encoding="ascii")
    stream = _writable_stdout(terminal)
    stream.write("A \u00b7 B \u2260 C\n")
    stream.flush()
    assert raw.getvalue() == b"A ? B ? C\n"


def test_cli_color_when_forced() -> None:
    result = run("compare", "fixtures/aleppo_a.txt", "fixtures/aleppo_b.txt", "--color")
    assert "\x1b[" in result.stdout.decode()


def test_cli_output_piped_to_a_closed_reader_is_quiet() -> None:
    environment = {**os.environ, "NO_COLOR": "1"}
    command = (
        f"'{sys.executable}' -m factcheck compare fixtures/aleppo_a.txt fixtures/aleppo_b.txt | head -c 10"
    )
    result = subprocess.run(command, shell=True, capture_output=True, cwd=ROOT, env=environment, timeout=120)
    assert b"Traceback" not in result.stderr


def test_cli_help_lists_check_and_config() -> None:
    result = run("--help")
    assert result.returncode == 0
    out = result.stdout.decode()
    assert "check" in out and "config" in out
    assert "--config" in run("compare", "--help").stdout.decode()
