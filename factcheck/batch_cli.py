"""`factcheck batch`: compare every story of a corpus (placeholder until the batch engine lands)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from factcheck.errors import SettingsError


def batch_command(
    path: Annotated[Path, typer.Argument(help="A folder of story folders, or a JSONL manifest.")],
) -> int:
    """Compare the sources of every story in PATH and write one JSON report per line."""
    raise SettingsError("factcheck batch is not available yet")
