"""setup.py: compiling with mypyc is optional, and a failed compile gives a pure-Python build."""

from __future__ import annotations

import importlib.util
import shutil
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest
from setuptools import Distribution, Extension
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def setup_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("factcheck_setup", ROOT / "setup.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_compiled_module_exists(setup_module: ModuleType) -> None:
    assert setup_module.COMPILED and all((ROOT / path).is_file() for path in setup_module.COMPILED)


@pytest.mark.parametrize(
    ("argv", "compile_setting"),
    [
        (["setup.py", "bdist_wheel"], "0"),  # the user asked for pure Python
        (["setup.py", "egg_info"], "1"),  # reading metadata builds nothing
        (["setup.py", "editable_wheel"], "1"),  # an editable checkout runs its sources
    ],
)
def test_no_extensions_are_asked_for(
    setup_module: ModuleType, monkeypatch: pytest.MonkeyPatch, argv: list[str], compile_setting: str
) -> None:
    monkeypatch.setattr(sys, "argv", argv)
    monkeypatch.setenv("FACTCHECK_COMPILE", compile_setting)
    assert setup_module.compiled_extensions() == []


def _command(setup_module: ModuleType, tmp_path: Path) -> build_ext:
    distribution = Distribution({"name": "x", "ext_modules": [Extension("x.fast", ["x/fast.c"])]})
    command = setup_module.OptionalBuildExt(distribution)
    command.initialize_options()
    command.build_lib = str(tmp_path)
    command.finalize_options()
    return command


def test_a_failed_compile_ships_no_extension_and_warns(
    setup_module: ModuleType, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    command = _command(setup_module, tmp_path)
    [output] = command.get_outputs()

    def half_built(self: build_ext) -> None:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_bytes(b"one extension built before the compiler failed")
        raise OSError("gcc: not found")

    monkeypatch.setattr(build_ext, "run", half_built)
    with pytest.warns(UserWarning, match="building pure Python instead"):
        command.run()
    assert not Path(output).exists() and command.extensions == []


def test_an_editable_install_compiles_nothing(
    setup_module: ModuleType, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    command = _command(setup_module, tmp_path)
    command.editable_mode = True

    def must_not_run(self: build_ext) -> None:
        raise AssertionError("compiled an editable install")

    monkeypatch.setattr(build_ext, "run", must_not_run)
    command.run()
    assert command.extensions == []


def test_an_extension_left_from_an_earlier_build_is_not_shipped(
    setup_module: ModuleType, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A module taken off the compiled list must not come back from an old build's ``build/`` folder."""
    command = _command(setup_module, tmp_path)
    [current] = command.get_outputs()
    suffix = Path(current).name.removeprefix("fast")
    stale = [tmp_path / "x" / f"slow{suffix}", tmp_path / f"old__mypyc{suffix}"]
    for path in [Path(current), *stale]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"an extension")
    monkeypatch.setattr(build_ext, "run", lambda self: None)
    command.run()
    assert Path(current).exists() and not any(path.exists() for path in stale)


@pytest.mark.parametrize(("compile_setting", "wants_mypy"), [("1", True), ("0", False)])
def test_the_build_asks_for_mypy_only_when_it_compiles(
    monkeypatch: pytest.MonkeyPatch, compile_setting: str, wants_mypy: bool
) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "_build_backend"))
    monkeypatch.setenv("FACTCHECK_COMPILE", compile_setting)
    import factcheck_build

    # What setuptools itself asks for is its business (and needs a setuptools that reads pyproject.toml).
    monkeypatch.setattr(factcheck_build.build_meta, "get_requires_for_build_wheel", lambda settings: [])
    requires = factcheck_build.get_requires_for_build_wheel()
    assert [r.startswith("mypy") for r in requires] == ([True] if wants_mypy else [])


def _build_wheel(setup_module: ModuleType, project: Path, source: str) -> Path:
    """Build a wheel of a one-extension project with setup.py's commands; return the wheel."""
    (project / "x").mkdir(parents=True)
    (project / "x" / "__init__.py").write_text("", encoding="utf-8")
    (project / "x" / "fast.c").write_text(source, encoding="utf-8")
    distribution = Distribution(
        {
            "name": "x",
            "version": "1",
            "packages": ["x"],
            "ext_modules": [Extension("x.fast", ["x/fast.c"])],
            "cmdclass": setup_module.COMMANDS,
            "script_name": "setup.py",
        }
    )
    command = distribution.get_command_obj("bdist_wheel")
    command.dist_dir = str(project / "dist")
    command.bdist_dir = str(project / "bdist")
    distribution.get_command_obj("build").build_base = str(project / "build")
    distribution.run_command("bdist_wheel")
    [wheel] = (project / "dist").glob("*.whl")
    return wheel


def _wheel_is_pure(wheel: Path) -> bool:
    with zipfile.ZipFile(wheel) as archive:
        metadata = next(name for name in archive.namelist() if name.endswith(".dist-info/WHEEL"))
        return "Root-Is-Purelib: true" in archive.read(metadata).decode()


def test_a_wheel_whose_extensions_failed_to_compile_is_tagged_pure(
    setup_module: ModuleType, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A pure-Python wheel must say so (py3-none-any): tagged for this platform and interpreter, pip would
    refuse it elsewhere, and an index or cache would file it as a binary."""
    monkeypatch.chdir(tmp_path)
    with pytest.warns(UserWarning, match="building pure Python instead"):
        wheel = _build_wheel(setup_module, tmp_path, "this is not C;\n")
    assert wheel.name == "x-1-py3-none-any.whl" and _wheel_is_pure(wheel)
    with zipfile.ZipFile(wheel) as archive:
        assert not [name for name in archive.namelist() if name.startswith("x/fast")]


@pytest.mark.skipif(shutil.which("cc") is None, reason="needs a C compiler")
def test_a_wheel_with_compiled_extensions_keeps_its_platform_tag(
    setup_module: ModuleType, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    module = (
        "#include <Python.h>\n"
        'static struct PyModuleDef fast = {PyModuleDef_HEAD_INIT, "fast", NULL, -1, NULL};\n'
        "PyMODINIT_FUNC PyInit_fast(void) { return PyModule_Create(&fast); }\n"
    )
    wheel = _build_wheel(setup_module, tmp_path, module)
    assert not wheel.name.endswith("-none-any.whl") and not _wheel_is_pure(wheel)
    with zipfile.ZipFile(wheel) as archive:
        assert [name for name in archive.namelist() if name.startswith("x/fast")]
