"""factcheck's build backend: setuptools', asking for mypy only for a build that compiles (setup.py).

With ``FACTCHECK_COMPILE=0`` (and for an editable install or an sdist) nothing beyond setuptools is
fetched, so an offline machine or a mirror without mypy can still install the pure-Python build.
"""

from __future__ import annotations

import os

from setuptools import build_meta
from setuptools.build_meta import *  # noqa: F403 (every hook pip may call, as setuptools defines it)

# The mypy whose mypyc was checked against these modules: a newer one may find new type errors, and a type
# error means a silently pure build.
MYPY = "mypy>=2.4,<2.5"


def get_requires_for_build_wheel(config_settings: dict[str, str | list[str]] | None = None) -> list[str]:
    requires = build_meta.get_requires_for_build_wheel(config_settings)
    return [*requires, MYPY] if os.environ.get("FACTCHECK_COMPILE", "1") != "0" else requires
