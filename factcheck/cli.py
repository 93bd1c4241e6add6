"""The command line: a thin typer layer over ``factcheck.compare``.

Parse options, call the library, pick a reporter from the registry, map the
report to an exit code. Every error a user can cause ends as one line on
stderr and exit code 2, never a traceback.
"""

import codecs
import gc
import io
import os
import sys
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn, TextIO

# The cyclic collector is paused while typer and click load (two dozen collections, ~3 ms, and no cyclic
# garbage to find), then restored as it was; see _pause_gc for the run itself.
_GC_ENABLED = gc.isenabled()
gc.disable()
try:
    import typer

    from factcheck import __version__
    from factcheck.batch_cli import batch_command
    from factcheck.config import Config, resolve
    from factcheck.errors import FactcheckError, InputError
    from factcheck.exits import EXIT_ERROR, EXIT_FINDINGS, EXIT_SUCCESS, FailOn, exit_code, write_atomically
finally:
    if _GC_ENABLED:
        gc.enable()

# typer >= 0.24 ships its own copy of click; take its usage-error class from typer itself.
USAGE_ERROR: type[Exception] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")


class Format(str, Enum):
    rich = "rich"
    json = "json"
    markdown = "markdown"
    sarif = "sarif"
    github = "github"
    jsonl = "jsonl"


EXAMPLES = """Examples:

  factcheck compare wire.txt rewrite.txt

  factcheck compare a.txt b.txt --format json --output report.json

  factcheck compare source.txt summary.txt --fail-on discrepancy   # exit 1 on a conflict (CI)

  cat rewrite.txt | factcheck compare wire.txt -

Settings come from factcheck.toml or pyproject.toml [tool.factcheck] (see 'factcheck config'); flags win.

Exit codes: 0 nothing matched --fail-on, 1 something did, 2 usage or input error.
"""

app = typer.Typer(
    name="factcheck",
    help="Compare news articles about one event: which facts agree, which conflict, which only one source reports.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Compare news articles about one event: which facts agree, which conflict, which only one source reports."""


FormatOption = Annotated[
    Format | None, typer.Option("--format", "-f", help="Report format [default: rich, or the config file's].")
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write the report to FILE instead of standard output.")
]
FailOnOption = Annotated[
    FailOn | None,
    typer.Option(
        help="Exit 1 when the report has a discrepancy ('discrepancy'), or a discrepancy or a claim only "
        "one source makes ('unique'); 'never' always exits 0. [default: never for compare, discrepancy "
        "for check, or the config file's]"
    ),
]
ThresholdOption = Annotated[
    float | None, typer.Option(min=0.0, max=1.0, help="Minimum score (0-1) for two claims to be aligned.")
]
ScorerOption = Annotated[str | None, typer.Option(help="rapidfuzz scorer for the text similarity.")]
ShowDroppedOption = Annotated[
    bool | None,
    typer.Option(
        "--show-dropped/--no-show-dropped", help="List the page furniture removed from each source."
    ),
]
ColorOption = Annotated[
    bool | None, typer.Option("--color/--no-color", help="Force colour on or off (default: on a terminal).")
]
WidthOption = Annotated[int | None, typer.Option(min=40, help="Width of the rich report in columns.")]
ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="Read settings from FILE (a factcheck.toml, or a pyproject.toml's [tool.factcheck]) instead of "
        "looking for one from the working directory upward.",
    ),
]
BaselineOption = Annotated[
    Path | None,
    typer.Option(
        help="Leave out the findings accepted in FILE (written by --write-baseline); report new ones."
    ),
]
WriteBaselineOption = Annotated[
    Path | None,
    typer.Option(
        "--write-baseline",
        help="Record every current finding in FILE as accepted, then report as if --baseline FILE were given.",
    ),
]


def _command_line(**options: object) -> dict[str, object]:
    """Options as given on the command line (None: not given), enums as their values."""
    return {name: value.value if isinstance(value, Enum) else value for name, value in options.items()}


@app.command(epilog=EXAMPLES)
def compare(
    sources: Annotated[
        list[str],
        typer.Argument(
            metavar="SOURCE...",
            help="Two or more articles: text, Markdown or HTML files, or http(s) URLs; '-' reads standard input.",
        ),
    ],
    output_format: FormatOption = None,
    output: OutputOption = None,
    fail_on: FailOnOption = None,
    threshold: ThresholdOption = None,
    scorer: ScorerOption = None,
    show_dropped: ShowDroppedOption = None,
    color: ColorOption = None,
    width: WidthOption = None,
    baseline: BaselineOption = None,
    write_baseline: WriteBaselineOption = None,
    config_file: ConfigOption = None,
) -> int:
    """Compare two or more articles and report agreements, discrepancies and unique claims."""
    from factcheck.pipeline import compare as run_compare
    from factcheck.read import as_source

    parsed = [as_source(s) for s in sources]
    options = _command_line(
        format=output_format, fail_on=fail_on, threshold=threshold, scorer=scorer,
        show_dropped=show_dropped, baseline=baseline,
    )  # fmt: skip
    config = resolve(options, config=config_file)
    _check_writes(output, write_baseline, [s for s in parsed if isinstance(s, Path)], config)
    data = run_compare(parsed, settings=config.settings()).to_dict()
    [data] = _accept([(None, data)], config, write_baseline)
    _render_one(config, data, output, color, width)
    return exit_code(data, config["fail_on"])


CHECK_EXAMPLES = """Examples:

  factcheck check                     # every [[tool.factcheck.check]] entry

  factcheck check --format github     # annotations in a GitHub Actions log

  factcheck check --write-baseline factcheck-baseline.json

  factcheck check --baseline factcheck-baseline.json   # only new findings

Exit codes: 0 no comparison matched its fail_on (default: discrepancy), 1 one did, 2 usage, input or
config error. See docs/ci.md.
"""


@app.command(epilog=CHECK_EXAMPLES)
def check(
    output_format: FormatOption = None,
    output: OutputOption = None,
    fail_on: FailOnOption = None,
    threshold: ThresholdOption = None,
    scorer: ScorerOption = None,
    show_dropped: ShowDroppedOption = None,
    color: ColorOption = None,
    width: WidthOption = None,
    baseline: BaselineOption = None,
    write_baseline: WriteBaselineOption = None,
    config_file: ConfigOption = None,
) -> int:
    """Compare every derived article of the checks manifest with its source, in one combined report."""
    from factcheck.checks import plan, render_checks, run_pairs

    options = _command_line(
        format=output_format, fail_on=fail_on, threshold=threshold, scorer=scorer,
        show_dropped=show_dropped, baseline=baseline,
    )  # fmt: skip
    config = resolve(options, config=config_file, command="check")
    pairs = plan(config)
    _check_writes(output, write_baseline, [p for pair in pairs for p in (pair.source, pair.derived)], config)
    results = run_pairs(pairs)
    accepted = _accept([(r.pair.check, r.data) for r in results], config, write_baseline)
    results = [replace(result, data=data) for result, data in zip(results, accepted, strict=True)]
    buffer = io.StringIO()
    render_checks(config["format"], results, buffer, **_render_options(config, output, color, width))
    _write(buffer.getvalue(), output)
    return EXIT_FINDINGS if any(result.failed for result in results) else EXIT_SUCCESS


@app.command("config")
def show_config(
    output_format: FormatOption = None,
    fail_on: FailOnOption = None,
    threshold: ThresholdOption = None,
    scorer: ScorerOption = None,
    show_dropped: ShowDroppedOption = None,
    baseline: BaselineOption = None,
    config_file: ConfigOption = None,
) -> int:
    """Print the effective settings and where each comes from (default, a config file, the command line)."""
    from factcheck.config import describe

    options = _command_line(
        format=output_format, fail_on=fail_on, threshold=threshold, scorer=scorer,
        show_dropped=show_dropped, baseline=baseline,
    )  # fmt: skip
    typer.echo(describe(resolve(options, config=config_file)), nl=False)
    return EXIT_SUCCESS


def _accept(
    reports: list[tuple[str | None, dict]], config: Config, write_baseline: Path | None
) -> list[dict]:
    """The records with the baseline's accepted findings left out (writing the baseline first if asked)."""
    if config["baseline"] is None and write_baseline is None:
        return [dict(data) for _, data in reports]  # what accept() does without a baseline, unimported
    from factcheck.baseline import accept

    records, notes = accept(reports, baseline=config["baseline"], write=write_baseline)
    for note in notes:
        _note(note)
    return records


def _render_one(
    config: Config, data: dict, output: Path | None, color: bool | None, width: int | None
) -> None:
    from factcheck.report import render

    buffer = io.StringIO()
    render(config["format"], data, buffer, **_render_options(config, output, color, width))
    _write(buffer.getvalue(), output)


def _render_options(config: Config, output: Path | None, color: bool | None, width: int | None) -> dict:
    return {
        "color": _use_color(color, output),
        "width": _width(width, output),
        "show_dropped": bool(config["show_dropped"]),
    }


# `factcheck batch` lives in its own module; registered here so `factcheck --help` lists it.
app.command("batch")(batch_command)


def _use_color(color: bool | None, output: Path | None) -> bool:
    if color is not None:
        return color
    if output is not None or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _width(width: int | None, output: Path | None) -> int | None:
    """The terminal's width when writing to one; the report is rendered into a buffer that has none."""
    if width is not None or output is not None or not sys.stdout.isatty():
        return width
    import shutil

    return shutil.get_terminal_size().columns


def _check_writes(
    output: Path | None, write_baseline: Path | None, sources: list[Path], config: Config
) -> None:
    """Refuse to write over a file the run reads (an article, the config file, the baseline it reads), or
    to write --output and --write-baseline to one file: what the user gave is never lost."""
    writes = [
        (name, path) for name, path in (("--output", output), ("--write-baseline", write_baseline)) if path
    ]
    for option, path in writes:
        if path.is_dir():
            raise InputError(f"{option} {path}: is a directory; give a file name")
    if output is not None and write_baseline is not None and _same_file(output, write_baseline):
        raise InputError(f"--output and --write-baseline name one file ({output}); give each its own")
    from factcheck.read import is_stdin

    read = [(source, "one of the sources") for source in sources if not is_stdin(source)]
    if config.file is not None:
        read.append((config.file.path, "the config file"))
    for option, path in writes:
        # Updating the baseline it reads is what --write-baseline is for; a report over it is a mistake.
        baseline = config["baseline"] if option == "--output" else None
        for source, what in read + ([(baseline, "the baseline it reads")] if baseline else []):
            if _same_file(path, source):
                raise InputError(f"{option} {path}: is {what} and would be overwritten; choose another file")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.realpath(a) == os.path.realpath(b) or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_atomically(output, text, "--output")


def _writable_stdout(stream: TextIO) -> TextIO:
    """``stream`` (standard output) made able to take any report: a report holds "·", "≠" and whatever the
    articles quote, which a locale that is not UTF-8 cannot encode. Into a file or a pipe it writes UTF-8
    (what report-format.md promises); on a terminal, the terminal's own encoding, '?' for what it lacks."""
    encoding = getattr(stream, "encoding", None)
    if not encoding or codecs.lookup(encoding).name == "utf-8" or not isinstance(stream, io.TextIOWrapper):
        return stream
    if stream.isatty():
        stream.reconfigure(errors="replace")
    else:
        stream.reconfigure(encoding="utf-8")
    return stream


def _note(message: str) -> None:
    sys.stderr.write(f"factcheck: {message}\n")


def _error(message: str) -> None:
    sys.stderr.write(f"factcheck: error: {message}\n")


def _pause_gc() -> None:
    """Run the command without the cyclic garbage collector.

    A one-shot ``compare`` or ``check`` builds many small objects (nltk, numpy and factcheck's own modules
    and tables, claims, features) and leaves almost no cyclic garbage, so the collector's passes over an
    ever larger heap are pure cost (about 15 % of a run). ``factcheck batch``, a long run, turns it back
    on. ``_exit`` restores it, or, when main ends the process, freezes the heap instead.
    """
    global _GC_PAUSED
    if gc.isenabled():
        gc.disable()
        _GC_PAUSED = True


_GC_PAUSED = False


def _exit(code: int, argv: list[str] | None) -> NoReturn:
    """sys.exit(code), restoring the collector ``_pause_gc`` turned off.

    Called with no ``argv``, main is the process's entry point, about to end: if the collector is still off,
    the heap is frozen instead, so the interpreter's exit skips one last collection over it. The exit is
    otherwise the normal one (standard streams flushed, atexit handlers run); only cyclic garbage left at
    that point goes uncollected.
    """
    global _GC_PAUSED
    if _GC_PAUSED:
        _GC_PAUSED = False
        if argv is not None:
            gc.enable()
        elif not gc.isenabled():
            gc.freeze()
    sys.exit(code)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app, turning every user-caused error into one line and exit code 2."""
    _pause_gc()
    _writable_stdout(sys.stdout)
    command = typer.main.get_command(app)
    try:
        code = command.main(args=argv, prog_name="factcheck", standalone_mode=False)
    except USAGE_ERROR as error:
        context = getattr(error, "ctx", None)
        if type(error).__name__ == "NoArgsIsHelpError" and context is not None:
            sys.stderr.write(context.get_help() + "\n")  # `factcheck` alone: the help, not an error line
            _exit(EXIT_ERROR, argv)
        where = context.command_path if context is not None else "factcheck"
        _error(f"{error.format_message()} (see '{where} --help')")  # type: ignore[attr-defined]
        _exit(EXIT_ERROR, argv)
    except FactcheckError as error:
        _error(str(error))
        _exit(EXIT_ERROR, argv)
    except typer.Abort:
        _error("interrupted")
        _exit(EXIT_ERROR, argv)
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); point stdout at devnull so the exit flush cannot fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        _exit(EXIT_SUCCESS, argv)
    except Exception as error:  # a bug, not the user's doing: one line, the traceback on request
        if os.environ.get("FACTCHECK_DEBUG"):
            raise
        _error(
            f"internal error: {type(error).__name__}: {error} (rerun with FACTCHECK_DEBUG=1 and report it)"
        )
        _exit(EXIT_ERROR, argv)
    _exit(code if isinstance(code, int) else EXIT_SUCCESS, argv)
