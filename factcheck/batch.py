"""Batch: compare every story of a corpus, on local worker processes or on a Dask cluster.

A *story* is the articles of one event. Stories come from a folder of story
folders or from a JSONL manifest (:func:`discover_stories`); :func:`run_batch`
yields one result record per story, in story order whatever the engine and
the number of workers. A story that cannot be compared (unreadable or empty
article, fewer than two sources, a bad manifest line) becomes an error record;
it never stops the others. Records hold no timings, so two runs of one corpus
give identical records on any engine.

Record shapes (docs/batch.md)::

    {"id": "<story id>", "status": "ok", "report": <Report.to_dict()>}
    {"id": "<story id>", "status": "error", "error": "<one-line message>"}
"""

from __future__ import annotations

import json
import os
import re
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any

from factcheck.errors import FactcheckError, InputError, SettingsError
from factcheck.read import Url, as_source
from factcheck.settings import Settings

ENGINES = ("local", "dask")
DASK_EXTRA_HINT = "pip install 'factcheck[dask]'"
CONNECT_TIMEOUT = "20s"  # how long to try a --scheduler address before giving up
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_ID_PREFIX = re.compile(r'^\{\s*"id"\s*:\s*("(?:[^"\\]|\\.)*")')

Record = dict[str, Any]


@dataclass(frozen=True)
class Story:
    """One event: an id and its sources (file paths). ``problem`` marks a story known to be bad."""

    id: str
    sources: tuple[str, ...] = ()
    problem: str | None = None


# ---------------------------------------------------------------- discovery


def discover_stories(path: Path) -> list[Story]:
    """The stories of a folder of story folders, or of a JSONL manifest, in order."""
    if path.is_dir():
        return folder_stories(path)
    if path.is_file():
        return manifest_stories(path)
    raise InputError(f"{path}: no such file or folder; give a folder of story folders or a JSONL manifest")


def folder_stories(root: Path) -> list[Story]:
    """One story per visible sub-folder (sorted by name); its articles are its visible regular files."""
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not folders:
        raise InputError(
            f"{root}: holds no story folders; put each story's articles in a folder of its own "
            "(to compare one story, use 'factcheck compare')"
        )
    base = root.absolute()
    return [Story(id=folder.name, sources=article_files(base / folder.name)) for folder in folders]


def article_files(folder: Path) -> tuple[str, ...]:
    """The regular files of a story folder, sorted by name, hidden files skipped."""
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return ()  # compare() then reports "need at least two sources" for this story
    return tuple(str(p) for p in entries if not p.name.startswith(".") and p.is_file())


def manifest_stories(manifest: Path) -> list[Story]:
    """One story per non-blank line of a JSONL manifest; a bad line becomes a story with a ``problem``."""
    lines = _manifest_lines(manifest)
    base = manifest.parent.absolute()
    stories: list[Story] = []
    first_line_of: dict[str, int] = {}
    parsed_any = False
    for number, line in lines:
        story, parsed = _story_from_line(line, number, base, manifest.name)
        parsed_any = parsed_any or parsed
        if story.problem is None and story.id in first_line_of:
            story = Story(
                id=story.id,
                problem=f"line {number}: duplicate id {story.id!r} (first on line {first_line_of[story.id]}); "
                "give each story its own id",
            )
        first_line_of.setdefault(story.id, number)
        stories.append(story)
    if not parsed_any:
        raise InputError(
            f'{manifest}: not a JSONL manifest (no line is a JSON object); give one {{"id": ..., "sources": '
            "[...]} object per line, or a folder of story folders"
        )
    return stories


def _manifest_lines(manifest: Path) -> list[tuple[int, str]]:
    try:
        text = manifest.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(
            f"{manifest}: not UTF-8 text; a manifest is JSONL, one JSON object per line"
        ) from None
    except OSError as error:
        raise InputError(f"{manifest}: cannot be read ({error.strerror or error}); check the file") from None
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if not lines:
        raise InputError(f'{manifest}: is empty; give one {{"id": ..., "sources": [...]}} object per line')
    return lines


def _story_from_line(line: str, number: int, base: Path, manifest_name: str) -> tuple[Story, bool]:
    """The story of one manifest line, and whether the line was a JSON object at all."""
    fallback_id = f"{manifest_name}:{number}"
    try:
        entry = json.loads(line)
    except json.JSONDecodeError as error:
        return Story(id=fallback_id, problem=f"line {number}: not valid JSON ({error.msg})"), False
    if not isinstance(entry, dict):
        return Story(
            id=fallback_id, problem=f'line {number}: expected {{"id": ..., "sources": [...]}}'
        ), False
    story_id = entry.get("id")
    if isinstance(story_id, int) and not isinstance(story_id, bool):
        story_id = str(story_id)
    if not isinstance(story_id, str) or not story_id.strip():
        return Story(id=fallback_id, problem=f"line {number}: 'id' must be a non-empty string"), True
    sources = entry.get("sources")
    if not isinstance(sources, list) or not all(isinstance(s, str) and s for s in sources):
        problem = f"line {number}: 'sources' must be a list of file paths or URLs"
        return Story(id=story_id, problem=problem), True
    return Story(id=story_id, sources=tuple(_resolve(s, base) for s in sources)), True


def _resolve(entry: str, base: Path) -> str:
    """URLs as given; file paths made absolute against the manifest's folder, so any worker can read them."""
    if _URL.match(entry):
        return entry
    path = Path(entry).expanduser()
    return str(path if path.is_absolute() else base / path)


# ---------------------------------------------------------------- one story (runs in the workers)


def run_story(story: Story, settings: Settings | None = None) -> Record:
    """Compare one story and return its record; never raises (top level, so that it pickles)."""
    if story.problem is not None:
        return error_record(story.id, story.problem)
    try:
        from factcheck.pipeline import compare

        report = compare([_source(s) for s in story.sources], settings or Settings())
        return {"id": story.id, "status": "ok", "report": report.to_dict()}
    except FactcheckError as error:
        return error_record(story.id, str(error))
    except Exception as error:  # a bug must not stop the other stories; the record says what it was
        return error_record(story.id, f"internal error: {type(error).__name__}: {error}")


def error_record(story_id: str, message: str) -> Record:
    return {"id": story_id, "status": "error", "error": " ".join(message.split())}


def _source(entry: str) -> Path | Url:
    return as_source(entry)


# ---------------------------------------------------------------- engines


def run_batch(
    stories: Sequence[Story],
    settings: Settings | None = None,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
) -> Iterator[Record]:
    """Yield one record per story, in story order.

    ``engine="local"`` runs ``jobs`` worker processes (in-process when
    ``jobs == 1``); ``engine="dask"`` runs on the Dask scheduler at
    ``scheduler``, or on a ``distributed.LocalCluster`` of ``jobs`` worker
    processes started (and stopped) here. Engine and options are checked
    before anything runs, so a missing dask raises at the call.
    """
    if engine not in ENGINES:
        raise SettingsError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if jobs < 1:
        raise SettingsError(f"jobs must be at least 1, got {jobs}")
    if scheduler is not None and engine != "dask":
        raise SettingsError("a scheduler address only applies to the dask engine; add --engine dask")
    settings = settings or Settings()
    if engine == "dask":
        distributed = import_distributed()
        return _run_dask(distributed, stories, settings, jobs, scheduler)
    return _run_local(stories, settings, jobs)


def _run_local(stories: Sequence[Story], settings: Settings, jobs: int) -> Iterator[Record]:
    if jobs == 1 or len(stories) <= 1:
        for story in stories:
            yield run_story(story, settings)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # forkserver: no fork of a parent that runs threads (the progress bar); the default from Python 3.14.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(method))
    try:
        # map() yields in input order; small chunks keep the workers busy and the progress bar live.
        chunksize = max(1, min(8, len(stories) // (jobs * 8)))
        yield from executor.map(run_story, stories, repeat(settings), chunksize=chunksize)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def import_distributed() -> Any:
    """The ``distributed`` module, or a one-line SettingsError naming the extra to install."""
    try:
        import distributed
    except ImportError:
        raise SettingsError(f"--engine dask needs the dask extra: {DASK_EXTRA_HINT}") from None
    return distributed


def _run_dask(
    distributed: Any, stories: Sequence[Story], settings: Settings, jobs: int, scheduler: str | None
) -> Iterator[Record]:
    cluster = None
    if scheduler is None:
        import logging

        cluster = distributed.LocalCluster(
            n_workers=jobs,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
    try:
        client = _connect(distributed, scheduler or cluster)
        try:
            yield from _in_order(client, stories, settings)
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()


def _connect(distributed: Any, address: Any) -> Any:
    try:
        return distributed.Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as error:
        raise SettingsError(f"--scheduler {address}: cannot connect ({error}); check the address") from None


def _in_order(client: Any, stories: Sequence[Story], settings: Settings) -> Iterator[Record]:
    """Keep a window of stories in flight on the cluster; yield their records in story order."""
    threads = sum(client.nthreads().values()) or 1
    window = max(4 * threads, 16)
    pending: deque[Any] = deque()
    queue = iter(stories)
    for story in queue:
        pending.append(client.submit(run_story, story, settings, pure=False))
        if len(pending) >= window:
            break
    while pending:
        record = pending.popleft().result()
        following = next(queue, None)
        if following is not None:
            pending.append(client.submit(run_story, following, settings, pure=False))
        yield record


# ---------------------------------------------------------------- resume and summary


def done_ids(output: Path, settings: Settings | None = None) -> set[str]:
    """The story ids already in a batch output file (for ``--resume``).

    A last line cut short by a crash is removed, so that appending continues
    on a line of its own; any other line that is not a batch record is an
    InputError, so a wrong ``--output`` is never appended to. With ``settings``,
    a report made with other settings is an InputError too: resuming would mix
    two kinds of report in one data set.
    """
    if not output.exists():
        return set()
    _drop_partial_last_line(output)
    ids: set[str] = set()
    wanted = settings.to_dict() if settings is not None else None  # JSON's own shape: lists, not tuples
    with output.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if line.strip():
                ids.add(_record_id(line, output, number))
                if wanted is not None:
                    _check_same_settings(line, wanted, output, number)
    return ids


# A report's settings, near the start of its line: a flat object (numbers, strings, one list of weights).
_SETTINGS = re.compile(r'"settings":(\{[^{}]*\})')


def _check_same_settings(line: str, wanted: dict[str, Any], output: Path, number: int) -> None:
    found = _SETTINGS.search(line, 0, 4096)
    if found is None:
        return  # an error record: no report, no settings
    made = json.loads(found.group(1))
    for name, value in wanted.items():
        if made.get(name) != value:
            shown = "other weights" if name == "weights" else f"{name} {made.get(name)}, now {value}"
            raise InputError(
                f"--output {output}: line {number} was made with other settings ({shown}); --resume would "
                "mix two kinds of report: rerun with its settings, or give another file"
            )


def _record_id(line: str, output: Path, number: int) -> str:
    prefix = _ID_PREFIX.match(line)  # records start with their id: no need to parse a whole report
    if prefix is not None and '"status"' in line:
        return str(json.loads(prefix.group(1)))
    try:
        record = json.loads(line)
    except json.JSONDecodeError:
        record = None
    if not isinstance(record, dict) or not isinstance(record.get("id"), str) or "status" not in record:
        raise InputError(
            f"--output {output}: line {number} is not a factcheck batch record; "
            "give the file an earlier batch wrote, or another file name"
        )
    return record["id"]


def _drop_partial_last_line(output: Path) -> None:
    data = output.read_bytes()
    if not data or data.endswith(b"\n"):
        return
    cut = data.rfind(b"\n") + 1
    try:
        complete = isinstance(json.loads(data[cut:]), dict)
    except (json.JSONDecodeError, UnicodeDecodeError):
        complete = False
    with output.open("r+b") as handle:
        if complete:
            handle.seek(0, os.SEEK_END)
            handle.write(b"\n")
        else:
            handle.truncate(cut)


@dataclass
class BatchSummary:
    """Totals over the records of one run (``skipped``: stories already done, with ``--resume``)."""

    stories: int = 0
    ok: int = 0
    errors: int = 0
    agreements: int = 0
    discrepancies: int = 0
    unique_claims: int = 0
    skipped: int = 0
    seconds: float = 0.0
    error_ids: list[str] = field(default_factory=list)

    def add(self, record: Record) -> None:
        self.stories += 1
        if record["status"] != "ok":
            self.errors += 1
            self.error_ids.append(record["id"])
            return
        self.ok += 1
        summary = record["report"]["summary"]
        self.agreements += summary["agreements"]
        self.discrepancies += summary["discrepancies"]
        self.unique_claims += sum(summary["unique"].values())

    def rows(self) -> list[tuple[str, str]]:
        rate = f" ({self.stories / self.seconds:.1f} stories/s)" if self.seconds > 0 and self.stories else ""
        rows = [
            ("stories", str(self.stories)),
            ("ok", str(self.ok)),
            ("errors", str(self.errors)),
            ("agreements", str(self.agreements)),
            ("discrepancies", str(self.discrepancies)),
            ("unique claims", str(self.unique_claims)),
            ("time", f"{self.seconds:.1f} s{rate}"),
        ]
        if self.skipped:
            rows.insert(1, ("skipped (done)", str(self.skipped)))
        return rows


def summarize(records: Iterable[Record]) -> BatchSummary:
    summary = BatchSummary()
    for record in records:
        summary.add(record)
    return summary
