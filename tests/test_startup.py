"""What the CLI does for its start-up time must not leak into a process that calls it in-process."""

from __future__ import annotations

import gc
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
