"""exits.write_atomically: where `--output` and `--write-baseline` write, and what a failed write leaves."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from factcheck import exits
from factcheck.errors import InputError

REPORT = '{"schema_version": 2}\n'


def test_a_new_file_is_written_and_no_temporary_is_left(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    exits.write_atomically(target, REPORT, "--output")
    assert target.read_text(encoding="utf-8") == REPORT
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_a_symlink_keeps_pointing_where_it_did_and_its_target_gets_the_report(tmp_path: Path) -> None:
    """Renaming over the link itself would replace the link by a file and leave its target stale."""
    (tmp_path / "reports").mkdir()
    target = tmp_path / "reports" / "latest.json"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "report.json"
    link.symlink_to(target)
    exits.write_atomically(link, REPORT, "--output")
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert target.read_text(encoding="utf-8") == REPORT


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_or_device_is_written_in_place_never_replaced(tmp_path: Path) -> None:
    """`-o /dev/stdout`, `-o /dev/null` or a named pipe: write to it. A rename would put a regular file in
    its place (run as root, over /dev/null itself)."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader, so that opening to write does not block
    try:
        exits.write_atomically(fifo, REPORT, "--output")
        received = os.read(reader, 65536).decode("utf-8")
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received == REPORT


def test_a_failed_write_in_place_is_a_one_line_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """As `-o /dev/full` fails: the report was not written, so the run must not succeed silently."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def full(path: Path, text: str) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(exits, "_write_in_place", full)
    with pytest.raises(InputError, match=r"^--output .*pipe: cannot be written \(No space left on device\)$"):
        exits.write_atomically(fifo, REPORT, "--output")


def test_a_failed_write_leaves_the_old_file_whole(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old\n", encoding="utf-8")

    def no_rename(self: Path, other: Path) -> None:
        raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))

    monkeypatch.setattr(Path, "replace", no_rename)
    with pytest.raises(InputError, match="cannot be written"):
        exits.write_atomically(target, REPORT, "--output")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]
