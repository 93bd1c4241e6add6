"""Build factcheck with its pipeline's hot modules compiled by mypyc where that can be done.

mypyc (part of mypy, as black and mypy themselves ship) turns the type-annotated modules listed below into
C extensions; each keeps its ``.py``, which Python runs wherever no extension was built. Compiling is
never required:

- ``FACTCHECK_COMPILE=0`` builds pure Python;
- an editable install (``pip install -e .``) never compiles, so that edits to the sources take effect;
- a failure to compile (no C compiler, no mypy, a type error) leaves a pure-Python build and a warning
  instead of a failed install.

The output does not depend on it: docs/performance.md ("Compiled modules") has the checks.
"""

from __future__ import annotations

import os
import sys
import warnings
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

from setuptools import setup
from setuptools.command.bdist_wheel import bdist_wheel
from setuptools.command.build_ext import build_ext

# The stages where a comparison spends its Python time. Not punkt.py (its classes extend NLTK's, whose code
# runs them) nor the CLI, reports and settings (no hot loops).
COMPILED = [
    "factcheck/align.py",
    "factcheck/casing.py",
    "factcheck/claims.py",
    "factcheck/clean.py",
    "factcheck/facts/__init__.py",
    "factcheck/facts/dates.py",
    "factcheck/facts/entities.py",
    "factcheck/facts/events.py",
    "factcheck/facts/numbers.py",
    "factcheck/facts/quantities.py",
    "factcheck/judge.py",
    "factcheck/memo.py",
    "factcheck/model.py",
    "factcheck/pipeline.py",
    "factcheck/sentences.py",
    "factcheck/snowball.py",
    "factcheck/words.py",
    "factcheck/worddiff.py",
]

# setup.py also runs to read metadata (egg_info, dist_info): compile only for a build that ships code.
BUILDING = {"bdist_wheel", "build", "build_ext", "install"}


def _warn(message: str) -> None:
    warnings.warn(f"factcheck: {message}; building pure Python instead", stacklevel=2)


def compiled_extensions() -> list:
    if os.environ.get("FACTCHECK_COMPILE", "1") == "0" or not BUILDING.intersection(sys.argv[1:]):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        _warn("mypyc is not installed")
        return []
    try:
        return mypycify(COMPILED, opt_level="3")  # paths relative to the project, where builds run
    except (Exception, SystemExit) as error:  # mypy exits on a type error
        _warn(f"mypyc could not compile the modules ({error})")
        return []


class OptionalBuildExt(build_ext):
    """Build the extensions if the machine can; otherwise ship none of them (all or nothing: a module
    whose extension is missing while others need it would fail to import)."""

    def run(self) -> None:
        if getattr(self, "editable_mode", False):
            self.extensions = []  # an editable checkout runs its sources
            return
        self._forget_stale_extensions()
        try:
            super().run()
        except Exception as error:  # CompileError, LinkError, a missing compiler
            self.extensions = []
            self._forget_stale_extensions()  # with no extension wanted, whatever was built goes too
            _warn(f"the C extensions could not be built ({error})")

    def _forget_stale_extensions(self) -> None:
        """Delete the extensions in ``build/`` that this build does not make (left by an earlier build, or
        half of this one): shipped, they would be imported instead of the module's ``.py``."""
        current = {str(Path(output).resolve()) for output in self.get_outputs()}
        for path in Path(self.build_lib).rglob("*"):
            if path.name.endswith(tuple(EXTENSION_SUFFIXES)) and str(path.resolve()) not in current:
                path.unlink()


class WheelPureIfNothingCompiled(bdist_wheel):
    """A wheel whose extensions all failed to build holds pure Python, and is tagged so (py3-none-any):
    tagged for this platform and interpreter, pip would refuse it on any other."""

    def run_command(self, command: str) -> None:
        super().run_command(command)
        # The tag is decided before the build (from the extensions asked for); what was built decides it.
        if command == "build" and not self.get_finalized_command("build_ext").extensions:
            self.root_is_pure = True


COMMANDS = {"build_ext": OptionalBuildExt, "bdist_wheel": WheelPureIfNothingCompiled}

if __name__ == "__main__":  # as pip's build backend runs it; tests import the parts above
    setup(ext_modules=compiled_extensions(), cmdclass=COMMANDS)
