"""`factcheck batch`: compare every story of a corpus and write one JSON record per line.

A thin layer over ``factcheck.batch``: find the stories, run them on the
chosen engine, write each record as it arrives (so a crash keeps the work
done and ``--resume`` continues), show progress and a summary table.
"""

import gc
import json
import os
import stat
import sys
import time
from contextlib import contextmanager, nullcontext
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from factcheck.errors import InputError, SettingsError
from factcheck.exits import EXIT_ERROR, EXIT_FINDINGS, EXIT_SUCCESS, FailOn, exit_code, unwritable

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from factcheck.batch import BatchSummary, Record, Story


class Engine(str, Enum):
    local = "local"
    dask = "dask"


EXAMPLES = """Examples:

  factcheck batch corpus/ -o reports.jsonl            # corpus/<story>/<articles>

  factcheck batch stories.jsonl -o reports.jsonl --jobs 8

  factcheck batch corpus/ -o reports.jsonl --resume    # skip the stories already in reports.jsonl

  factcheck batch corpus/ -o reports.jsonl --engine dask --scheduler tcp://10.0.0.5:8786

Each line: {"id": ..., "status": "ok", "report": {...}} or {"id": ..., "status": "error", "error": "..."}.

Exit codes: 0 every story compared and nothing matched --fail-on, 1 something did, 2 a usage error or a
story that could not be compared (its error line is in the output; the other stories still ran).
"""


def batch_command(
    path: Annotated[
        Path,
        typer.Argument(
            help="A folder of story folders (each holding one event's articles), or a JSONL manifest "
            'of {"id": ..., "sources": [...]} lines.'
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the JSONL records to FILE instead of standard output."),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Worker processes (default: the machine's cores)."),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="Skip the stories whose id is already in --output; append the rest."),
    ] = False,
    engine: Annotated[
        Engine, typer.Option(help="Where stories run: local worker processes, or a Dask cluster.")
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Address of a running Dask scheduler (default: start a local cluster)."),
    ] = None,
    fail_on: Annotated[
        FailOn,
        typer.Option(
            help="Exit 1 when a story's report has a discrepancy ('discrepancy'), or a discrepancy or a claim "
            "only one source makes ('unique'); 'never' does not look."
        ),
    ] = FailOn.never,
    threshold: Annotated[
        float | None, typer.Option(min=0.0, max=1.0, help="Minimum score (0-1) for two claims to be aligned.")
    ] = None,
    scorer: Annotated[str | None, typer.Option(help="rapidfuzz scorer for the text similarity.")] = None,
) -> int:
    """Compare the sources of every story in PATH and write one JSON report per line."""
    # `factcheck` pauses the cyclic collector for its one-shot commands; a batch is a long run.
    gc.enable()
    from factcheck.batch import discover_stories, done_ids, run_batch
    from factcheck.settings import Settings

    settings = Settings.from_options(threshold=threshold, scorer=scorer)
    workers = jobs or os.cpu_count() or 1
    _check_options(resume, output, engine, scheduler)
    stories = discover_stories(path)
    _check_output(output, path, stories)
    with _open_output(output, resume) as stream:  # locked first: resuming reads and may cut the file
        done = done_ids(output, settings) if resume and output is not None else set()
        todo = [story for story in stories if story.id not in done]
        records = run_batch(todo, settings, jobs=workers, engine=engine.value, scheduler=scheduler)
        summary, failing = _write_records(records, len(todo), stream, output, fail_on.value)
    summary.skipped = len(stories) - len(todo)
    _print_summary(summary, output)
    return _exit_code(summary, failing)


def _check_options(resume: bool, output: Path | None, engine: Engine, scheduler: str | None) -> None:
    if resume and output is None:
        raise SettingsError("--resume needs --output FILE: the file whose stories are already done")
    if scheduler is not None and engine is not Engine.dask:
        raise SettingsError("--scheduler only applies to the dask engine; add --engine dask")


def _check_output(output: Path | None, path: Path, stories: "list[Story]") -> None:
    """Refuse an --output that is the manifest or one of the articles, which the run would overwrite."""
    if output is None:
        return
    if output.is_dir():
        raise InputError(f"--output {output}: is a directory; give a file name")
    if not output.exists():
        return
    if path.is_file() and output.samefile(path):
        raise InputError(f"--output {output}: is the manifest and would be overwritten; choose another file")
    for story in stories:
        for source in story.sources:
            if Path(source).name == output.name and Path(source).exists() and output.samefile(source):
                raise InputError(
                    f"--output {output}: is an article of story {story.id!r} and would be overwritten; "
                    "choose a file outside the story folders"
                )


def _write_records(
    records: "Iterator[Record]", total: int, stream: TextIO, output: Path | None, fail_on: str
) -> "tuple[BatchSummary, bool]":
    """Write each record as it arrives; the summary of the run and whether any report matched --fail-on."""
    from factcheck.batch import BatchSummary

    summary = BatchSummary()
    failing = False
    started = time.perf_counter()
    with _progress(total, output) as advance:
        for record in records:
            _write_line(stream, json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n", output)
            summary.add(record)
            failing = failing or _is_failing(record, fail_on)
            advance(record["id"])
    summary.seconds = time.perf_counter() - started
    return summary, failing


def _write_line(stream: TextIO, line: str, output: Path | None) -> None:
    try:
        stream.write(line)
        stream.flush()  # each record whole on disk as it comes: --resume goes on from there
    except OSError as error:
        if output is None:
            raise  # standard output: what a closed pipe means is the caller's business
        then = "; the records written before it are kept, and --resume goes on from them"
        raise unwritable("--output", output, error, then) from None


def _is_failing(record: "Record", fail_on: str) -> bool:

    return record["status"] == "ok" and bool(exit_code(record["report"], fail_on))


@contextmanager
def _open_output(output: Path | None, append: bool) -> "Iterator[TextIO]":
    """The output, opened without emptying it until this run holds it alone (then emptied unless ``append``):
    two runs writing one file would interleave their records into lines that are no JSON."""
    if output is None:
        yield sys.stdout
        return
    try:
        handle = output.open("a", encoding="utf-8", newline="\n")
    except OSError as error:
        raise unwritable("--output", output, error) from None
    with handle:
        _lock(handle, output)
        regular = stat.S_ISREG(os.fstat(handle.fileno()).st_mode)  # a pipe or device has nothing to cut
        if not append and regular:
            handle.truncate(0)
        yield handle


def _lock(handle: TextIO, output: Path) -> None:
    """An exclusive lock on the open output for the rest of the run (released when it closes)."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; one run per output is the user's to keep
        return
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise InputError(
            f"--output {output}: another factcheck batch is writing it; wait for it to end, or give another file"
        ) from None
    except OSError:
        return  # a file system without locks (some network mounts): run as before


def _progress(total: int, output: Path | None) -> Any:
    """A rich progress bar on a terminal's stderr; nothing when stderr is not a terminal."""
    on_terminal = sys.stderr.isatty() and not (output is None and sys.stdout.isatty())
    if not on_terminal or total == 0:
        return nullcontext(_ignore)
    return _rich_progress(total)


def _ignore(_story_id: str) -> None:
    return None


@contextmanager
def _rich_progress(total: int) -> "Iterator[Callable[[str], None]]":
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("batch"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    console = Console(file=sys.stderr)
    with Progress(*columns, console=console, transient=True, redirect_stdout=False) as progress:
        task = progress.add_task("batch", total=total)
        yield lambda _story_id: progress.advance(task)


def _print_summary(summary: "BatchSummary", output: Path | None) -> None:
    """The summary goes to stdout when the records went to a file, else to stderr beside the records."""
    stream = sys.stdout if output is not None else sys.stderr
    if stream.isatty():
        _print_rich_table(summary, stream)
        return
    rows = summary.rows()
    width = max(len(name) for name, _ in rows)
    stream.write("".join(f"{name:<{width}}  {value}\n" for name, value in rows))
    stream.flush()


def _print_rich_table(summary: "BatchSummary", stream: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="factcheck batch", show_header=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    for name, value in summary.rows():
        table.add_row(name, value)
    Console(file=stream, no_color=bool(os.environ.get("NO_COLOR"))).print(table)


def _exit_code(summary: "BatchSummary", failing: bool) -> int:

    if summary.errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if failing else EXIT_SUCCESS
