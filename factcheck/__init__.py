"""factcheck: which facts agree, which conflict, and which only one source reports.

Public API: ``compare(sources, **settings) -> Report``,
``split_sentences(text) -> list[str]`` and ``clear_caches()``. Imported lazily so that
``factcheck --version`` and ``--help`` stay fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

if TYPE_CHECKING:
    from factcheck.model import Report
    from factcheck.pipeline import clear_caches, compare
    from factcheck.sentences import split_sentences

__all__ = ["Report", "__version__", "clear_caches", "compare", "split_sentences"]

_LAZY = {
    "compare": "factcheck.pipeline",
    "clear_caches": "factcheck.pipeline",
    "Report": "factcheck.model",
    "split_sentences": "factcheck.sentences",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'factcheck' has no attribute {name!r}")
