"""`factcheck batch`: stories from folders and manifests, ordered records, bad stories, resume, engines.

The CLI runs in a subprocess (the real entry point, exit codes and streams as users see them); the
library functions are called directly. The dask tests (test_batch_dask_*) start their own cluster.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.batch import Story, discover_stories, done_ids, run_batch, run_story

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"

QUAKE_A = (
    "A magnitude 6.1 earthquake struck southern Iran on Sunday, officials said. "
    "At least 10 people were killed and 80 were injured in the town of Qeshm. "
    "Rescue teams reached the island by boat."
)
QUAKE_B = (
    "A magnitude 5.9 earthquake hit southern Iran on Sunday. "
    "Ten people were killed and 70 were injured in Qeshm, the governor said. "
    "Schools will stay closed on Monday."
)
TRIO = (
    "The council approved the new budget of 12 million dollars on Tuesday. The mayor welcomed the vote.",
    "On Tuesday the council approved a budget of 12 million dollars. Two members voted against it.",
    "The city council passed its 12 million dollar budget on Tuesday after a long debate.",
)


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    environment = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "factcheck", "batch", *args],
        capture_output=True,
        cwd=cwd,
        env=environment,
        timeout=300,
    )


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def good_corpus(tmp_path: Path) -> Path:
    """Three stories that compare cleanly."""
    root = tmp_path / "good"
    for name in ("aleppo_a.txt", "aleppo_b.txt"):
        write(root / "aleppo" / name, (FIXTURES / name).read_bytes())
    write(root / "quake" / "1_wire.txt", QUAKE_A)
    write(root / "quake" / "2_rewrite.txt", QUAKE_B)
    for n, text in enumerate(TRIO):
        write(root / "trio" / f"{n}.txt", text)
    return root


@pytest.fixture
def corpus(good_corpus: Path) -> Path:
    """The good stories, bad ones (an empty article, a single source, no source), and hidden entries."""
    write(good_corpus / "aleppo" / ".DS_Store", b"\x00\x01")
    write(good_corpus / "empty" / "a.txt", "")
    write(good_corpus / "empty" / "b.txt", QUAKE_B)
    write(good_corpus / "single" / "only.txt", QUAKE_A)
    (good_corpus / "void").mkdir()
    write(good_corpus / ".git" / "x.txt", "not a story")
    write(good_corpus / "README.txt", "a file beside the stories is not a story")
    return good_corpus


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# ---------------------------------------------------------------- discovery


def test_batch_folder_stories_sorted_hidden_skipped(corpus: Path) -> None:
    stories = discover_stories(corpus)
    assert [s.id for s in stories] == ["aleppo", "empty", "quake", "single", "trio", "void"]
    aleppo = stories[0]
    assert [Path(s).name for s in aleppo.sources] == ["aleppo_a.txt", "aleppo_b.txt"]
    assert all(Path(s).is_absolute() for s in aleppo.sources)
    assert stories[-1].sources == ()


def test_batch_manifest_stories(tmp_path: Path, good_corpus: Path) -> None:
    manifest = write(
        tmp_path / "stories.jsonl",
        "\n".join(
            [
                json.dumps({"id": "quake", "sources": ["good/quake/1_wire.txt", "good/quake/2_rewrite.txt"]}),
                "",
                "{not json",
                json.dumps({"id": "nosources"}),
                json.dumps({"id": 7, "sources": [str(good_corpus / "trio" / "0.txt"), "https://x.org/a"]}),
                json.dumps({"id": "quake", "sources": []}),
                json.dumps([1, 2]),
            ]
        ),
    )
    stories = discover_stories(manifest)
    assert [s.id for s in stories] == [
        "quake",
        "stories.jsonl:3",
        "nosources",
        "7",
        "quake",
        "stories.jsonl:7",
    ]
    assert stories[0].sources == (
        str(good_corpus / "quake" / "1_wire.txt"),
        str(good_corpus / "quake" / "2_rewrite.txt"),
    )
    assert stories[0].problem is None
    assert "line 3: not valid JSON" in (stories[1].problem or "")
    assert "'sources' must be a list" in (stories[2].problem or "")
    assert stories[3].sources[1] == "https://x.org/a"
    assert "duplicate id 'quake' (first on line 1)" in (stories[4].problem or "")
    assert "line 7" in (stories[5].problem or "")


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("not json at all\nreally not\n", "not a JSONL manifest"),
        ('{\n  "id": "pretty",\n  "sources": []\n}\n', "not a JSONL manifest"),
        ("\n\n", "is empty"),
        (b"\xff\xfe\x00x", "not UTF-8"),
    ],
)
def test_batch_manifest_that_is_not_jsonl_is_a_usage_error(
    tmp_path: Path, content: str | bytes, needle: str
) -> None:
    manifest = write(tmp_path / "m.jsonl", content)
    result = run(str(manifest))
    assert result.returncode == 2
    err = result.stderr.decode()
    assert needle in err and err.count("\n") == 1 and result.stdout == b""


def test_batch_manifest_error_shows_a_line_to_copy(tmp_path: Path) -> None:
    manifest = write(tmp_path / "m.jsonl", "not json\n")
    err = run(str(manifest)).stderr.decode()
    assert 'give one {"id": ..., "sources": [...]} object per line' in err


@pytest.mark.skipif(
    not (Path("/dev/full").exists() and Path("/dev/full").is_char_device()), reason="needs /dev/full"
)
def test_batch_cli_output_that_cannot_take_the_records_is_a_one_line_error(good_corpus: Path) -> None:
    result = run(str(good_corpus), "-o", "/dev/full")
    assert result.returncode == 2
    err = result.stderr.decode()
    assert (
        err.count("\n") == 1 and "--output /dev/full: cannot be written (No space left on device)" in err
    ), err


# ---------------------------------------------------------------- the library


def test_batch_run_batch_records_are_compare_reports(good_corpus: Path) -> None:
    import factcheck

    stories = discover_stories(good_corpus)
    results = list(run_batch(stories, jobs=1))
    assert [r["id"] for r in results] == ["aleppo", "quake", "trio"]
    assert all(list(r) == ["id", "status", "report"] and r["status"] == "ok" for r in results)
    expected = factcheck.compare([Path(s) for s in stories[1].sources]).to_dict()
    assert results[1]["report"] == expected


def test_batch_run_story_bad_stories_are_error_records(tmp_path: Path) -> None:
    empty = write(tmp_path / "empty.txt", "")
    good = write(tmp_path / "good.txt", QUAKE_A)
    cases = {
        "empty": Story("empty", (str(empty), str(good))),
        "one": Story("one", (str(good),)),
        "missing": Story("missing", (str(tmp_path / "nope.txt"), str(good))),
        # A closed port on this machine: the URL is read like any source, and its failure is one line.
        "url": Story("url", ("http://127.0.0.1:9/story", str(good))),
        "bad line": Story("bad line", problem="line 3: not valid JSON\n(detail)"),
    }
    messages = {}
    for name, story in cases.items():
        record = run_story(story)
        assert list(record) == ["id", "status", "error"] and record["status"] == "error"
        assert "\n" not in record["error"]
        messages[name] = record["error"]
    assert "is empty" in messages["empty"]
    assert "at least two sources" in messages["one"]
    assert "no such file" in messages["missing"]
    assert "cannot be fetched" in messages["url"]
    assert messages["bad line"] == "line 3: not valid JSON (detail)"


def test_batch_run_batch_jobs_give_the_same_records(corpus: Path) -> None:
    stories = discover_stories(corpus)
    assert list(run_batch(stories, jobs=1)) == list(run_batch(stories, jobs=2))


def test_batch_run_batch_checks_its_options(good_corpus: Path) -> None:
    from factcheck.errors import SettingsError

    stories = discover_stories(good_corpus)
    with pytest.raises(SettingsError, match="unknown engine"):
        run_batch(stories, engine="spark")
    with pytest.raises(SettingsError, match="jobs must be at least 1"):
        run_batch(stories, jobs=0)
    with pytest.raises(SettingsError, match="dask engine"):
        run_batch(stories, scheduler="tcp://127.0.0.1:8786")


# ---------------------------------------------------------------- the command


def test_batch_cli_folder_corpus_with_bad_stories(tmp_path: Path, corpus: Path) -> None:
    output = tmp_path / "out.jsonl"
    result = run(str(corpus), "-o", str(output), "--jobs", "2")
    assert result.returncode == 2, result.stderr.decode()  # some stories could not be compared
    assert result.stderr == b""  # no progress bar off a terminal
    lines = records(output)
    assert [(r["id"], r["status"]) for r in lines] == [
        ("aleppo", "ok"),
        ("empty", "error"),
        ("quake", "ok"),
        ("single", "error"),
        ("trio", "ok"),
        ("void", "error"),
    ]
    assert "a.txt: is empty" in lines[1]["error"]
    assert "got 1" in lines[3]["error"] and "got 0" in lines[5]["error"]
    summary = result.stdout.decode()
    for row in (
        "stories        6",
        "ok             3",
        "errors         3",
        "agreements",
        "unique claims",
        "time",
    ):
        assert row in summary
    assert "\x1b[" not in summary


def test_batch_cli_records_on_stdout_summary_on_stderr(good_corpus: Path) -> None:
    result = run(str(good_corpus), "--jobs", "1")
    assert result.returncode == 0, result.stderr.decode()
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r["id"] for r in lines] == ["aleppo", "quake", "trio"]
    assert "stories        3" in result.stderr.decode()


def test_batch_cli_jobs_1_and_2_write_identical_files(tmp_path: Path, corpus: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert run(str(corpus), "-o", str(one), "--jobs", "1").returncode == 2
    assert run(str(corpus), "-o", str(two), "--jobs", "2").returncode == 2
    assert one.read_bytes() == two.read_bytes()


def test_batch_cli_manifest(tmp_path: Path, good_corpus: Path) -> None:
    manifest = write(
        tmp_path / "stories.jsonl",
        json.dumps({"id": "quake", "sources": ["good/quake/1_wire.txt", "good/quake/2_rewrite.txt"]})
        + "\n{oops\n"
        + json.dumps({"id": "trio", "sources": [f"good/trio/{n}.txt" for n in range(3)]})
        + "\n",
    )
    output = tmp_path / "out.jsonl"
    result = run(
        str(manifest), "-o", str(output), "--jobs", "2", cwd=ROOT
    )  # paths resolve against the manifest
    assert result.returncode == 2
    lines = records(output)
    assert [(r["id"], r["status"]) for r in lines] == [
        ("quake", "ok"),
        ("stories.jsonl:2", "error"),
        ("trio", "ok"),
    ]
    assert lines[2]["report"]["sources"][2]["path"] == str(good_corpus / "trio" / "2.txt")


def test_batch_cli_resume_skips_done_stories(tmp_path: Path, corpus: Path) -> None:
    full = tmp_path / "full.jsonl"
    run(str(corpus), "-o", str(full), "--jobs", "1")
    lines = full.read_bytes().splitlines(keepends=True)
    partial = tmp_path / "partial.jsonl"
    partial.write_bytes(lines[0] + lines[1] + lines[2][:40])  # a crash in the middle of the third line
    assert done_ids(partial) == {"aleppo", "empty"}
    assert partial.read_bytes() == lines[0] + lines[1]  # the cut line is dropped
    result = run(str(corpus), "-o", str(partial), "--resume", "--jobs", "2")
    assert partial.read_bytes() == full.read_bytes()
    assert "skipped (done)  2" in result.stdout.decode()
    assert "stories         4" in result.stdout.decode()
    again = run(str(corpus), "-o", str(partial), "--resume")
    assert again.returncode == 0 and partial.read_bytes() == full.read_bytes()
    assert "stories         0" in again.stdout.decode()


def test_batch_cli_resume_refuses_a_file_that_is_not_batch_output(tmp_path: Path, good_corpus: Path) -> None:
    other = write(tmp_path / "notes.jsonl", '{"name": "x"}\n')
    result = run(str(good_corpus), "-o", str(other), "--resume")
    assert result.returncode == 2 and "not a factcheck batch record" in result.stderr.decode()
    assert other.read_text() == '{"name": "x"}\n'


def test_batch_cli_resume_refuses_to_mix_settings(tmp_path: Path, good_corpus: Path) -> None:
    """Resuming with other settings than the file's reports were made with gave a data set of two kinds."""
    output = tmp_path / "out.jsonl"
    assert run(str(good_corpus), "-o", str(output), "--threshold", "0.3", "-j", "1").returncode == 0
    before = output.read_bytes()
    result = run(str(good_corpus), "-o", str(output), "--resume", "-j", "1")
    assert result.returncode == 2 and output.read_bytes() == before
    err = result.stderr.decode()
    assert err.count("\n") == 1 and "made with other settings (threshold 0.3, now 0.45)" in err, err
    same = run(str(good_corpus), "-o", str(output), "--resume", "--threshold", "0.3", "-j", "1")
    assert same.returncode == 0 and output.read_bytes() == before


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file locks")
def test_batch_cli_refuses_an_output_another_batch_is_writing(tmp_path: Path, good_corpus: Path) -> None:
    """Two runs appending to one file interleaved their records into lines that are no JSON."""
    import fcntl

    output = write(tmp_path / "out.jsonl", "")
    with output.open("a") as other_run:
        fcntl.flock(other_run.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        for extra in ([], ["--resume"]):
            result = run(str(good_corpus), "-o", str(output), "-j", "1", *extra)
            assert result.returncode == 2 and output.read_bytes() == b""
            err = result.stderr.decode()
            assert err.count("\n") == 1 and "another factcheck batch is writing it" in err, err


def test_batch_cli_fail_on(good_corpus: Path) -> None:
    assert run(str(good_corpus), "--fail-on", "never", "-j", "1").returncode == 0
    assert run(str(good_corpus), "--fail-on", "unique", "-j", "1").returncode == 1


def test_batch_cli_passes_settings_through(good_corpus: Path) -> None:
    result = run(str(good_corpus), "--threshold", "0.9", "--scorer", "ratio", "-j", "1")
    assert result.returncode == 0, result.stderr.decode()
    settings = json.loads(result.stdout.decode().splitlines()[0])["report"]["tool"]["settings"]
    assert settings["threshold"] == 0.9 and settings["scorer"] == "ratio"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["nowhere"], "no such file or folder"),
        (["fixtures"], "holds no story folders"),
        (["{corpus}", "--resume"], "--resume needs --output"),
        (["{corpus}", "--scheduler", "tcp://127.0.0.1:1"], "add --engine dask"),
        (["{corpus}", "--scorer", "nope"], "unknown scorer"),
        (["{corpus}", "--jobs", "0"], "--jobs"),
        (["{corpus}", "-o", "{corpus}/quake/1_wire.txt"], "is an article of story 'quake'"),
        ([], "Missing argument"),
    ],
)
def test_batch_cli_usage_errors(good_corpus: Path, args: list[str], needle: str) -> None:
    result = run(*(a.format(corpus=good_corpus) for a in args))
    assert result.returncode == 2
    err = result.stderr.decode()
    assert needle in err and err.count("\n") == 1, err
    assert result.stdout == b""


def test_batch_cli_dask_missing_names_the_extra(good_corpus: Path) -> None:
    code = (
        "import sys; sys.modules['distributed'] = None; sys.modules['dask'] = None\n"
        "from factcheck.cli import main\n"
        f"main(['batch', {str(good_corpus)!r}, '--engine', 'dask'])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT, timeout=120)
    assert result.returncode == 2
    assert (
        result.stderr.decode()
        == "factcheck: error: --engine dask needs the dask extra: pip install 'factcheck[dask]'\n"
    )


# ---------------------------------------------------------------- dask


@pytest.fixture
def dask_cluster():  # type: ignore[no-untyped-def]
    distributed = pytest.importorskip("distributed")
    import logging

    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=False,
        protocol="tcp://",  # reachable from the CLI subprocess (threads alone would use inproc://)
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as cluster:
        yield cluster


def test_batch_dask_scheduler_matches_local_engine(tmp_path: Path, corpus: Path, dask_cluster) -> None:  # type: ignore[no-untyped-def]
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    run(str(corpus), "-o", str(local), "--jobs", "2")
    result = run(
        str(corpus), "-o", str(dask), "--engine", "dask", "--scheduler", dask_cluster.scheduler_address
    )
    assert result.returncode == 2, result.stderr.decode()  # the bad stories, as on the local engine
    assert dask.read_bytes() == local.read_bytes()


def test_batch_dask_default_local_cluster(corpus: Path) -> None:
    pytest.importorskip("distributed")
    stories = discover_stories(corpus)
    assert list(run_batch(stories, jobs=1, engine="dask")) == list(run_batch(stories, jobs=1))


def test_batch_dask_bad_scheduler_is_a_usage_error(
    good_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("distributed")
    from factcheck import batch
    from factcheck.errors import SettingsError

    monkeypatch.setattr(batch, "CONNECT_TIMEOUT", "1s")
    stories = discover_stories(good_corpus)
    with pytest.raises(SettingsError, match="cannot connect"):
        list(run_batch(stories, engine="dask", scheduler="tcp://127.0.0.1:1"))
