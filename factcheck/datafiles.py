"""The package's own data files (``factcheck/data/``), read as text.

``pkgutil.get_data`` reads a file in one call; ``importlib.resources.files`` builds a Traversable first,
which costs more than the read for the small files read at every start.
"""

from __future__ import annotations

import pkgutil


def read_data(name: str) -> str:
    """The text of ``factcheck/data/<name>``; FileNotFoundError when the package lacks it."""
    data = pkgutil.get_data("factcheck", f"data/{name}")
    if data is None:  # pragma: no cover - a loader that cannot read package data
        raise FileNotFoundError(f"factcheck/data/{name}")
    return data.decode("utf-8")


def without_leading_comments(text: str) -> str:
    """``text`` without the ``#`` comment lines at its top (data files keep their comments there)."""
    while text.startswith("#"):
        text = text.partition("\n")[2]
    return text
