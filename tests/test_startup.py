"""What the CLI does for its start-up time must not leak into a process that calls it in-process."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.cli import main


def test_main_with_argv_restores_the_collector(fixture_a: Path, fixture_b: Path, capsys) -> None:
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    with pytest.raises(SystemExit) as done:
        main(["compare", str(fixture_a), str(fixture_b), "--format", "json"])
    assert done.value.code in (0, 1)
    assert capsys.readouterr().out.startswith("{")
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def test_main_with_argv_restores_the_collector_after_an_error(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as done:
        main(["compare", str(tmp_path / "missing.txt"), str(tmp_path / "other.txt")])
    assert done.value.code == 2
    assert "factcheck: error:" in capsys.readouterr().err
    assert gc.isenabled()


def test_main_with_argv_restores_the_collector_after_version_and_help(capsys) -> None:
    for argv in (["--version"], ["compare", "--help"], []):
        with pytest.raises(SystemExit):
            main(argv)
        assert gc.isenabled(), argv
    assert "factcheck" in capsys.readouterr().out


@pytest.mark.parametrize("enabled", [True, False])
def test_importing_the_cli_leaves_the_collector_as_it_was(enabled: bool) -> None:
    code = (
        f"import gc\nif not {enabled}: gc.disable()\nimport factcheck.cli\n"
        f"assert gc.isenabled() is {enabled}, gc.isenabled()"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
