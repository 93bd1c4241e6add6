"""The command line: a thin typer layer over ``factcheck.compare``.

Parse options, call the library, pick a reporter from the registry, map the
report to an exit code. Every error a user can cause ends as one line on
stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import io
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from factcheck import __version__
from factcheck.batch_cli import batch_command
from factcheck.errors import FactcheckError, InputError

# typer >= 0.24 ships its own copy of click; take its usage-error class from typer itself.
USAGE_ERROR: type[Exception] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")

EXIT_SUCCESS = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


class Format(str, Enum):
    rich = "rich"
    json = "json"
    markdown = "markdown"
    sarif = "sarif"
    github = "github"
    jsonl = "jsonl"


class FailOn(str, Enum):
    discrepancy = "discrepancy"
    unique = "unique"
    never = "never"


EXAMPLES = """Examples:

  factcheck compare wire.txt rewrite.txt

  factcheck compare a.txt b.txt --format json --output report.json

  factcheck compare source.txt summary.txt --fail-on discrepancy   # exit 1 on a conflict (CI)

  cat rewrite.txt | factcheck compare wire.txt -

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


@app.command(epilog=EXAMPLES)
def compare(
    sources: Annotated[
        list[Path],
        typer.Argument(
            metavar="SOURCE...", help="Two or more article files (UTF-8 text); '-' reads standard input."
        ),
    ],
    output_format: Annotated[Format, typer.Option("--format", "-f", help="Report format.")] = Format.rich,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the report to FILE instead of standard output."),
    ] = None,
    fail_on: Annotated[
        FailOn,
        typer.Option(
            help="Exit 1 when the report has a discrepancy ('discrepancy'), or a discrepancy or a claim only "
            "one source makes ('unique'); 'never' always exits 0."
        ),
    ] = FailOn.never,
    threshold: Annotated[
        float | None, typer.Option(min=0.0, max=1.0, help="Minimum score (0-1) for two claims to be aligned.")
    ] = None,
    scorer: Annotated[str | None, typer.Option(help="rapidfuzz scorer for the text similarity.")] = None,
    show_dropped: Annotated[
        bool, typer.Option("--show-dropped", help="List the page furniture removed from each source.")
    ] = False,
    color: Annotated[
        bool | None,
        typer.Option("--color/--no-color", help="Force colour on or off (default: on a terminal)."),
    ] = None,
    width: Annotated[int | None, typer.Option(min=40, help="Width of the rich report in columns.")] = None,
) -> int:
    """Compare two or more articles and report agreements, discrepancies and unique claims."""
    from factcheck.pipeline import compare as run_compare
    from factcheck.report import render

    _check_output_is_not_a_source(output, sources)
    report = run_compare(sources, threshold=threshold, scorer=scorer)
    data = report.to_dict()
    buffer = io.StringIO()
    use_color = _use_color(color, output)
    render(
        output_format.value,
        data,
        buffer,
        color=use_color,
        width=_width(width, output),
        show_dropped=show_dropped,
    )
    _write(buffer.getvalue(), output)
    return exit_code(data, fail_on.value)


# `factcheck batch` lives in its own module; registered here so `factcheck --help` lists it.
app.command("batch")(batch_command)


def exit_code(data: dict, fail_on: str) -> int:
    """EXIT_FINDINGS when the report holds what ``fail_on`` selects, else EXIT_SUCCESS."""
    summary = data["summary"]
    if fail_on == "never":
        return EXIT_SUCCESS
    failing = summary["discrepancies"] > 0
    if fail_on == "unique":
        failing = failing or any(summary["unique"].values())
    return EXIT_FINDINGS if failing else EXIT_SUCCESS


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


def _check_output_is_not_a_source(output: Path | None, sources: list[Path]) -> None:
    if output is None:
        return
    if output.is_dir():
        raise InputError(f"--output {output}: is a directory; give a file name")
    for source in sources:
        if str(source) != "-" and source.exists() and output.exists() and output.samefile(source):
            raise InputError(
                f"--output {output}: is one of the sources and would be overwritten; choose another file"
            )


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    # Written beside the target then renamed, so a failed run never leaves half a report.
    temporary = output.with_name(f".{output.name}.factcheck-tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(output)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise InputError(f"--output {output}: cannot be written ({error.strerror or error})") from None


def _error(message: str) -> None:
    sys.stderr.write(f"factcheck: error: {message}\n")


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app, turning every user-caused error into one line and exit code 2."""
    command = typer.main.get_command(app)
    try:
        code = command.main(args=argv, prog_name="factcheck", standalone_mode=False)
    except USAGE_ERROR as error:
        context = getattr(error, "ctx", None)
        where = context.command_path if context is not None else "factcheck"
        _error(f"{error.format_message()} (see '{where} --help')")  # type: ignore[attr-defined]
        sys.exit(EXIT_ERROR)
    except FactcheckError as error:
        _error(str(error))
        sys.exit(EXIT_ERROR)
    except typer.Abort:
        _error("interrupted")
        sys.exit(EXIT_ERROR)
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); point stdout at devnull so the exit flush cannot fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_SUCCESS)
    except Exception as error:  # a bug, not the user's doing: one line, the traceback on request
        if os.environ.get("FACTCHECK_DEBUG"):
            raise
        _error(
            f"internal error: {type(error).__name__}: {error} (rerun with FACTCHECK_DEBUG=1 and report it)"
        )
        sys.exit(EXIT_ERROR)
    sys.exit(code if isinstance(code, int) else EXIT_SUCCESS)
