"""Exit codes and what makes a run fail: one vocabulary for every command (compare, check, batch).

Like sqlfluff's exit-code constants: scripts and CI jobs rely on these numbers, so they live in one place.
"""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Any

from factcheck.errors import InputError

EXIT_SUCCESS = 0
"""Nothing matched ``--fail-on``."""
EXIT_FINDINGS = 1
"""The report holds what ``--fail-on`` selects."""
EXIT_ERROR = 2
"""A usage or input error: one line on stderr, no report."""


class FailOn(str, Enum):
    """What fails a run; each level includes the one before (never < discrepancy < unique)."""

    discrepancy = "discrepancy"
    unique = "unique"
    never = "never"


def fails(data: dict[str, Any], fail_on: str) -> bool:
    """Whether a report record holds what ``fail_on`` selects."""
    summary = data["summary"]
    if fail_on == "never":
        return False
    failing = summary["discrepancies"] > 0
    if fail_on == "unique":
        failing = failing or any(summary["unique"].values())
    return bool(failing)


def exit_code(data: dict[str, Any], fail_on: str) -> int:
    """EXIT_FINDINGS when the report holds what ``fail_on`` selects, else EXIT_SUCCESS."""
    return EXIT_FINDINGS if fails(data, fail_on) else EXIT_SUCCESS


def write_atomically(path: Path, text: str, option: str) -> None:
    """Write ``text`` to the file ``path`` names: beside it, then renamed over it, so that a failed run never
    leaves half a file. A symlink's target is the file written (the link stays); a device or a pipe
    (``/dev/stdout``, ``/dev/null``, a named pipe) is written in place, never replaced.

    ``option`` names what the user gave (``--output``), for the one-line error.
    """
    try:
        if path.exists() and not path.is_file():  # both follow links: /dev/stdout is a link to a pipe
            _write_in_place(path, text)
            return
        target = Path(os.path.realpath(path))
    except OSError as error:
        raise unwritable(option, path, error) from None
    temporary = target.with_name(f".{target.name}.factcheck-tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise unwritable(option, path, error) from None


def unwritable(option: str, path: Path, error: OSError, then: str = "") -> InputError:
    """The one-line error for an output the user named (``--output``) that cannot be written."""
    return InputError(f"{option} {path}: cannot be written ({error.strerror or error}){then}")


def _write_in_place(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8") as stream:
        stream.write(text)
