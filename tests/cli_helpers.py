"""Shared by the CLI tests: run the real command in a subprocess, and check the one-line error contract."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """``python -m factcheck ARGS`` in ``cwd``, without colour, output captured as bytes."""
    environment = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args], capture_output=True, cwd=cwd, env=environment, timeout=120
    )


def assert_one_line_error(result: subprocess.CompletedProcess, *needles: str) -> None:
    """Exit 2, one line on stderr starting 'factcheck: error:', no traceback, naming every needle."""
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("factcheck: error:")
    for needle in needles:
        assert needle in err, err
