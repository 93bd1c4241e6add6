"""Configuration files: find, load and validate them, and merge them with the command line.

Settings live in ``factcheck.toml`` (top-level keys) or in the ``[tool.factcheck]``
table of ``pyproject.toml``. The file is looked for from the working directory
upward; the first directory holding a ``factcheck.toml``, or a ``pyproject.toml``
with a ``[tool.factcheck]`` table, wins, and in that directory ``factcheck.toml``
wins over ``pyproject.toml``. Values are merged as default < file < command line,
and every effective value remembers where it came from (``factcheck config``).

The same file holds the checks manifest (``[[tool.factcheck.check]]``, or
``[[check]]`` in ``factcheck.toml``), read here and run by ``factcheck.checks``.
Every mistake in a file is a one-line :class:`SettingsError` naming the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, NamedTuple, SupportsFloat, cast

from factcheck.errors import SettingsError
from factcheck.settings import Settings

FACTCHECK_TOML = "factcheck.toml"
PYPROJECT_TOML = "pyproject.toml"
DEFAULT = "default"
COMMAND_LINE = "command line"
FAIL_ON = ("never", "discrepancy", "unique")
CHECK_FAIL_ON_DEFAULT = "discrepancy"
"""``factcheck check`` is a CI command: unless told otherwise it fails on a discrepancy."""


# Key, CheckEntry and ConfigFile are named tuples rather than frozen dataclasses: the same attributes, and
# building the class costs a tenth as much at every start (no generated methods to compile).
class Key(NamedTuple):
    """A setting a file or the command line may give."""

    name: str
    kind: str  # "number", "numbers" (an array of them), "string", "bool", "path" or "any"
    default: object
    choices: tuple[str, ...] = ()


def _setting_keys() -> list[Key]:
    kinds = {float: "number", int: "number", str: "string", bool: "bool", tuple: "numbers", list: "numbers"}
    defaults = Settings()
    return [
        Key(f.name, kinds.get(type(getattr(defaults, f.name)), "any"), getattr(defaults, f.name))
        for f in fields(Settings)
    ]


def _formats() -> tuple[str, ...]:
    from factcheck.report import REPORTERS

    return tuple(REPORTERS)


SETTING_KEYS: dict[str, Key] = {key.name: key for key in _setting_keys()}
"""The fields of :class:`factcheck.settings.Settings`."""
RUN_KEYS: dict[str, Key] = {
    "format": Key("format", "string", "rich", _formats()),
    "fail_on": Key("fail_on", "string", "never", FAIL_ON),
    "show_dropped": Key("show_dropped", "bool", False),
    "baseline": Key("baseline", "path", None),
}
"""Options of a run that are not comparison settings."""
KEYS: dict[str, Key] = {**SETTING_KEYS, **RUN_KEYS}
CHECK_KEYS: dict[str, Key] = {**SETTING_KEYS, "fail_on": RUN_KEYS["fail_on"]}
"""What a single check may override."""
CHECK_FIELDS = ("name", "source", "derived")


class CheckEntry(NamedTuple):
    """One ``[[tool.factcheck.check]]`` entry, validated but not yet expanded."""

    number: int
    """1-based position in the file (not ``index``, which would hide the tuple's method)."""
    name: str
    source: str
    derived: tuple[str, ...]
    overrides: dict[str, object]
    base: Path
    """The config file's directory: ``source`` and ``derived`` are relative to it."""
    where: str
    """``pyproject.toml: [[tool.factcheck.check]] #1 'wire'``, for error messages."""


class ConfigFile(NamedTuple):
    """A loaded, validated configuration file."""

    path: Path
    table: str
    """``[tool.factcheck]`` for pyproject.toml, empty for the top level of factcheck.toml."""
    values: dict[str, object]
    checks: tuple[CheckEntry, ...]
    shadowed: Path | None = None
    """A pyproject.toml with a ``[tool.factcheck]`` table ignored because factcheck.toml is beside it."""

    @property
    def label(self) -> str:
        return display_path(self.path)


@dataclass(frozen=True)
class Config:
    """The effective options: defaults < file < command line, each with its origin."""

    values: dict[str, object]
    origins: dict[str, str]
    file: ConfigFile | None = None
    command_line: dict[str, object] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def settings(self) -> Settings:
        return Settings.from_options(**{name: self.values[name] for name in SETTING_KEYS})

    @property
    def checks(self) -> tuple[CheckEntry, ...]:
        return self.file.checks if self.file else ()

    def for_check(self, entry: CheckEntry) -> tuple[Settings, str]:
        """The settings and ``fail_on`` of one check: file < the entry's overrides < command line."""
        values = {**self.values, **entry.overrides, **self.command_line}
        try:
            settings = Settings.from_options(**{name: values[name] for name in SETTING_KEYS})
        except SettingsError as error:
            raise SettingsError(f"{entry.where}: {error}") from None
        return settings, str(values["fail_on"])


def display_path(path: Path) -> str:
    """``path`` relative to the working directory when it lies inside it, else absolute."""
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


# --- Finding and reading the file ---------------------------------------------------------------------


def find_config(start: Path | None = None) -> ConfigFile | None:
    """The configuration that applies in ``start`` (default: the working directory), or None."""
    directory = (start or Path.cwd()).resolve()
    for folder in (directory, *directory.parents):
        own, pyproject = folder / FACTCHECK_TOML, folder / PYPROJECT_TOML
        document = _read_toml(pyproject) if pyproject.is_file() else {}
        has_table = _factcheck_table(document) is not None
        if own.is_file():
            return _load(own, _read_toml(own), shadowed=pyproject if has_table else None)
        if has_table:
            return _load(pyproject, document)
    return None


def load_config(path: Path) -> ConfigFile:
    """Load the file named by ``--config``: a pyproject.toml (its ``[tool.factcheck]``) or a factcheck.toml."""
    if not path.is_file():
        reason = "is a directory" if path.is_dir() else "no such file"
        raise SettingsError(f"--config {path}: {reason}")
    document = _read_toml(path)
    if path.name == PYPROJECT_TOML and _factcheck_table(document) is None:
        raise SettingsError(f"{display_path(path)}: has no [tool.factcheck] table")
    return _load(path, document)


def _read_toml(path: Path) -> dict[str, Any]:
    # Imported here: most runs find no config file and never parse TOML.
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]

    label = display_path(path)
    try:
        # utf-8-sig: Windows editors save "UTF-8" with a byte-order mark, which TOML itself does not allow.
        return tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"{label}: invalid TOML: {error}") from None
    except UnicodeDecodeError:
        raise SettingsError(f"{label}: not valid UTF-8") from None
    except OSError as error:
        raise SettingsError(f"{label}: cannot be read ({error.strerror or error})") from None


def _factcheck_table(document: dict[str, Any]) -> object | None:
    tool = document.get("tool")
    return tool.get("factcheck") if isinstance(tool, dict) else None


def _load(path: Path, document: dict[str, Any], shadowed: Path | None = None) -> ConfigFile:
    label = display_path(path)
    table, where = _table_of(path, document, label)
    checks_key = "check"
    raw_checks = table.get(checks_key, [])
    values = _validate(table, KEYS, f"{label}: {where}".rstrip(), path.parent, skip=(checks_key,))
    _check_settings(values, f"{label}: {where}".rstrip())
    checks = _checks(raw_checks, path, where, values)
    return ConfigFile(path=path, table=where, values=values, checks=checks, shadowed=shadowed)


def _table_of(path: Path, document: dict[str, Any], label: str) -> tuple[dict[str, Any], str]:
    """The settings table and how to name it: ``[tool.factcheck]`` or the top level."""
    if path.name == PYPROJECT_TOML:
        table = document.get("tool", {}).get("factcheck")
        if not isinstance(table, dict):
            raise SettingsError(f"{label}: [tool.factcheck] must be a table")
        return table, "[tool.factcheck]"
    tool = document.get("tool")
    if isinstance(tool, dict) and "factcheck" in tool:
        # factcheck.toml may also spell its settings as [tool.factcheck], but not both ways at once
        others = sorted(set(document) - {"tool"}) + sorted(set(tool) - {"factcheck"})
        if others:
            raise SettingsError(
                f"{label}: use either top-level keys or a [tool.factcheck] table, not both "
                f"(found {others[0]!r} beside [tool.factcheck])"
            )
        if not isinstance(tool["factcheck"], dict):
            raise SettingsError(f"{label}: [tool.factcheck] must be a table")
        return tool["factcheck"], "[tool.factcheck]"
    return document, ""


# --- Validation -------------------------------------------------------------------------------------------


def _validate(
    table: Mapping[str, Any], keys: Mapping[str, Key], where: str, base: Path, skip: tuple[str, ...] = ()
) -> dict[str, object]:
    values: dict[str, object] = {}
    for name, value in table.items():
        if name in skip:
            continue
        key = keys.get(name)
        if key is None:
            raise SettingsError(f"{where} unknown key {name!r}{_suggestion(name, [*keys, *skip])}".lstrip())
        values[name] = _value(key, value, where, base)
    return values


def _suggestion(name: str, known: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if close:
        return f" (did you mean {close[0]!r}?)"
    return f" (known keys: {', '.join(sorted(known))})"


def _value(key: Key, value: object, where: str, base: Path) -> object:
    prefix = f"{where} {key.name}".lstrip()
    if key.kind == "number":
        if not _is_number(value):
            raise SettingsError(f"{prefix} must be a number, got {_toml(value)}")
        return float(cast("SupportsFloat", value))
    if key.kind == "numbers":
        if not isinstance(value, list) or not all(_is_number(v) for v in value):
            raise SettingsError(f"{prefix} must be an array of numbers, got {_toml(value)}")
        return tuple(float(v) for v in value)
    if key.kind == "any":
        return value
    if key.kind == "bool":
        if not isinstance(value, bool):
            raise SettingsError(f"{prefix} must be true or false, got {_toml(value)}")
        return value
    if not isinstance(value, str) or not value:
        raise SettingsError(f"{prefix} must be a non-empty string, got {_toml(value)}")
    if key.choices and value not in key.choices:
        raise SettingsError(f"{prefix} must be one of {', '.join(key.choices)}, got {_toml(value)}")
    if key.kind == "path":
        return base / value
    return value


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return str(value)


def _check_settings(values: Mapping[str, object], where: str) -> None:
    """Range checks of :class:`Settings`, reported against the file."""
    try:
        Settings.from_options(**{k: v for k, v in values.items() if k in SETTING_KEYS})
    except SettingsError as error:
        raise SettingsError(f"{where} {error}".lstrip()) from None


# --- The checks manifest ----------------------------------------------------------------------------------


def _checks(raw: object, path: Path, table: str, values: Mapping[str, object]) -> tuple[CheckEntry, ...]:
    label = display_path(path)
    array = f"[[{table.strip('[]')}.check]]" if table else "[[check]]"
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        where = f"{label}: {table}".rstrip()
        raise SettingsError(f"{where} check must be an array of tables ({array})")
    entries = [_check(item, n, path, f"{label}: {array} #{n}", values) for n, item in enumerate(raw, start=1)]
    seen: dict[str, CheckEntry] = {}
    for entry in entries:
        if entry.name in seen:
            raise SettingsError(
                f"{entry.where}: duplicate check name {entry.name!r} (also #{seen[entry.name].number})"
            )
        seen[entry.name] = entry
    return tuple(entries)


def _check(
    item: dict[str, Any], index: int, path: Path, where: str, values: Mapping[str, object]
) -> CheckEntry:
    settings = {k: v for k, v in item.items() if k not in CHECK_FIELDS}
    overrides = _validate(settings, CHECK_KEYS, f"{where}:", path.parent, skip=CHECK_FIELDS)
    source = item.get("source")
    if not isinstance(source, str) or not source:
        raise SettingsError(f'{where}: needs source = "path/to/the/source/article"')
    derived = item.get("derived")
    if isinstance(derived, str):
        derived = [derived]
    if not isinstance(derived, list) or not derived or not all(isinstance(d, str) and d for d in derived):
        raise SettingsError(f'{where}: needs derived = ["path or glob", ...] (one or more)')
    name = item.get("name", source)
    if not isinstance(name, str) or not name:
        raise SettingsError(f"{where}: name must be a non-empty string, got {_toml(name)}")
    where = f"{where} {name!r}"
    _check_settings({**values, **overrides}, f"{where}:")
    return CheckEntry(index, name, source, tuple(derived), overrides, path.parent, where)


# --- Merging ----------------------------------------------------------------------------------------------


def resolve(
    command_line: Mapping[str, object] | None = None,
    *,
    config: Path | None = None,
    start: Path | None = None,
    command: str = "compare",
) -> Config:
    """The effective options: defaults < the config file < ``command_line`` (None means "not given").

    ``config`` names the file explicitly (``--config``); otherwise it is looked for
    upward from ``start``. ``command`` is ``"check"`` for ``factcheck check``, whose
    ``fail_on`` defaults to ``"discrepancy"``.
    """
    given = {name: value for name, value in (command_line or {}).items() if value is not None}
    unknown = sorted(set(given) - set(KEYS))
    if unknown:
        raise SettingsError(f"unknown option {unknown[0]!r}")
    file = load_config(config) if config is not None else find_config(start)
    values = {name: key.default for name, key in KEYS.items()}
    origins = dict.fromkeys(KEYS, DEFAULT)
    if command == "check":
        values["fail_on"] = CHECK_FAIL_ON_DEFAULT
    if file is not None:
        values.update(file.values)
        origins.update(dict.fromkeys(file.values, file.label))
    values.update(given)
    origins.update(dict.fromkeys(given, COMMAND_LINE))
    resolved = Config(values=values, origins=origins, file=file, command_line=given)
    resolved.settings()  # the merged settings must be valid too (e.g. the weights' sum)
    return resolved


# --- `factcheck config` ------------------------------------------------------------------------------------


COMMENT_COLUMN = 40


def describe(config: Config) -> str:
    """The effective settings as TOML lines, each with a comment saying where it came from."""
    lines = [_file_line(config)]
    if config.file is not None and config.file.shadowed is not None:
        lines.append(
            f"# ignored: {display_path(config.file.shadowed)} [tool.factcheck] ({FACTCHECK_TOML} wins)"
        )
    rows = [(_assignment(name, config.values[name]), _origin(config, name)) for name in KEYS]
    # Comments line up after the usual short settings; a long value (the 13 fitted weights) is not padded to.
    width = max((len(text) for text, _ in rows if len(text) <= COMMENT_COLUMN), default=0)
    lines += [f"{text.ljust(width)}  # {origin}" for text, origin in rows]
    lines += [_check_line(entry) for entry in config.checks]
    if config.file is not None and not config.checks:
        lines.append("# no checks defined (factcheck check needs [[tool.factcheck.check]] entries)")
    return "\n".join(lines) + "\n"


def _file_line(config: Config) -> str:
    if config.file is None:
        return (
            "# config file: none found (looked for factcheck.toml or pyproject.toml [tool.factcheck] upward)"
        )
    table = f" {config.file.table}" if config.file.table else ""
    return f"# config file: {config.file.label}{table}"


def _origin(config: Config, name: str) -> str:
    origin = config.origins[name]
    if name == "fail_on" and origin == DEFAULT:
        return f"{DEFAULT} (factcheck check: {CHECK_FAIL_ON_DEFAULT!r} unless set)"
    return origin


def _assignment(name: str, value: object) -> str:
    if value is None:
        return f"# {name} (not set)"
    if isinstance(value, Path):
        return f'{name} = "{display_path(value)}"'
    return f"{name} = {_toml(value)}"


def _check_line(entry: CheckEntry) -> str:
    overrides = ", ".join(f"{k} = {_toml(v)}" for k, v in entry.overrides.items())
    derived = ", ".join(entry.derived)
    text = f"# check {entry.name!r}: {entry.source} -> {derived}"
    return f"{text} ({overrides})" if overrides else text
