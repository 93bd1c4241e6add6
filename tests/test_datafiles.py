from __future__ import annotations

import pytest

from factcheck.datafiles import read_data, without_leading_comments


def test_leading_comment_lines_are_dropped_and_the_rest_kept() -> None:
    assert without_leading_comments("# one\n# two\na\tb\n# not at the top\n") == "a\tb\n# not at the top\n"
    assert without_leading_comments("a\n") == "a\n"


def test_package_data_is_read_as_text() -> None:
    assert read_data("idf.txt").startswith("#")


def test_a_missing_data_file_raises() -> None:
    with pytest.raises(FileNotFoundError):
        read_data("no-such-file.txt")
