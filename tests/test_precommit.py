"""The pre-commit hook, run for real with `pre-commit try-repo`.

pre-commit installs the package into its own virtualenv with pip, so this test
needs PyPI (or a pip mirror) and takes a minute or so: it is marked
``precommit`` (deselect it with ``-m "not precommit"``).

``try-repo`` on a local path sees committed files and tracked changes but not
untracked ones, so the test snapshots the working tree's package (pyproject.toml,
README.md, .pre-commit-hooks.yaml, factcheck/) into a fresh git repository and
points ``try-repo`` at that: it tests exactly the code on disk.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
PACKAGE_FILES = ("pyproject.toml", "setup.py", "README.md", ".pre-commit-hooks.yaml")
WIRE = """Blast in the city centre

At least 12 people were injured in the blast on Monday.

Police closed the main square and diverted traffic around the old town.
"""
MANIFEST = """[tool.factcheck]

[[tool.factcheck.check]]
name = "wire"
source = "wire/story.txt"
derived = ["rewrites/*.txt"]
"""

pytestmark = [
    pytest.mark.precommit,
    pytest.mark.skipif(not PRE_COMMIT.exists(), reason="pre-commit is not installed next to this Python"),
]


def _git(cwd: Path, *args: str) -> None:
    environment = {
        **os.environ,
        "GIT_AUTHOR_NAME": "test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
    }
    subprocess.run(["git", *args], cwd=cwd, env=environment, check=True, capture_output=True, timeout=60)


def _snapshot_of_the_package(target: Path) -> Path:
    target.mkdir()
    for name in PACKAGE_FILES:
        shutil.copy2(ROOT / name, target / name)
    for folder in ("factcheck", "_build_backend"):
        shutil.copytree(ROOT / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    _git(target, "init", "-q")
    _git(target, "add", "-A")
    _git(target, "commit", "-q", "-m", "snapshot")
    return target


def _project(target: Path, rewrite: str) -> Path:
    for path, text in {
        "pyproject.toml": MANIFEST,
        "wire/story.txt": WIRE,
        "rewrites/story-1.txt": rewrite,
    }.items():
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        (target / path).write_text(text, encoding="utf-8")
    _git(target, "init", "-q")
    _git(target, "add", "-A")
    return target


def _try_repo(project: Path, repo: Path, home: Path) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        "NO_COLOR": "1",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        # The hook is under test, not the compiler (setup.py): a pure-Python install spares a minute.
        "FACTCHECK_COMPILE": "0",
    }
    environment.pop("VIRTUAL_ENV", None)
    return subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(repo), "factcheck", "--all-files", "--verbose", "--color", "never"],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_the_hook_fails_on_a_contradiction_and_passes_when_consistent(tmp_path: Path) -> None:
    repo = _snapshot_of_the_package(tmp_path / "factcheck-src")

    failing = _try_repo(_project(tmp_path / "bad", WIRE.replace("12", "21")), repo, tmp_path / "home")
    output = failing.stdout + failing.stderr
    setup_failed = "An unexpected error has occurred" in output
    assert not setup_failed, f"pre-commit could not install the hook (pip needs PyPI or a mirror):\n{output}"
    assert failing.returncode == 1, output
    assert "factcheck" in output and "Failed" in output, output
    assert "At least 21 people" in output and "1 failed" in output, output

    passing = _try_repo(_project(tmp_path / "good", WIRE), repo, tmp_path / "home")
    output = passing.stdout + passing.stderr
    assert passing.returncode == 0, output
    assert "Passed" in output, output
