from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from factcheck.errors import InputError
from factcheck.read import read_source, source_ids


def test_read_source_ids_run_past_z() -> None:
    ids = source_ids(28)
    assert ids[:3] == ["A", "B", "C"]
    assert ids[25:] == ["Z", "AA", "AB"]


def test_read_file_keeps_text_and_drops_bom(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffRebels took Aleppo.\n".encode())
    article = read_source(path, "A")
    assert article.text == "Rebels took Aleppo.\n"
    assert (article.id, article.name, article.path) == ("A", "a.txt", str(path))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le"])
def test_read_file_in_utf16_or_utf32_with_a_byte_order_mark(tmp_path: Path, encoding: str) -> None:
    """What Windows editors save as "Unicode": the byte-order mark says how to read it, so it is read."""
    path = tmp_path / "a.txt"
    text = "Rebels took Saraqib, Idlib \u2014 \u00abover 300\u00bb dead.\n"
    path.write_bytes(
        ("\ufeff" + text).encode(encoding) if encoding[-3:] in ("-le", "-be") else text.encode(encoding)
    )
    assert read_source(path, "A").text == text


@pytest.mark.parametrize(("encoding", "name"), [("utf-16-le", "utf-16le"), ("utf-16-be", "utf-16be")])
def test_read_utf16_without_a_byte_order_mark_says_how_to_convert(
    tmp_path: Path, encoding: str, name: str
) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Rebels took Saraqib.\n".encode(encoding))
    with pytest.raises(
        InputError, match=f"UTF-16 text without a byte-order mark; .*iconv -f {name} -t utf-8"
    ):
        read_source(path, "A")


def test_read_a_byte_order_mark_with_undecodable_text_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xff\xfeR\x00\x00\xd8")  # a lone high surrogate after "R"
    with pytest.raises(InputError, match="not valid UTF-16"):
        read_source(path, "A")


def test_read_old_mac_line_ends_are_line_ends(tmp_path: Path) -> None:
    """A file whose lines end in a lone CR (classic Mac OS, some scrapers) read as one long line: its
    headline and furniture were missed and its report differed. CR -> LF keeps every offset."""
    lf = (Path(__file__).resolve().parents[1] / "fixtures" / "aleppo_a.txt").read_text(encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_bytes(lf.replace("\n", "\r").encode())
    assert read_source(path, "A").text == lf
    path.write_bytes(lf.replace("\n", "\r\n").encode())  # Windows line ends stay as they are
    assert read_source(path, "A").text == lf.replace("\n", "\r\n")


def test_read_string_is_the_article_itself() -> None:
    article = read_source("Rebels took Aleppo.", "B")
    assert article.text == "Rebels took Aleppo."
    assert article.path is None


def test_read_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"From stdin.")))
    assert read_source(Path("-"), "A").text == "From stdin."


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"  \n\t\n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        ("Caf\u00e9".encode("latin-1"), "not valid UTF-8"),
    ],
)
def test_read_rejects_unusable_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_source(path, "A")


def test_read_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_source(tmp_path / "missing.txt", "A")
    with pytest.raises(InputError, match="is a directory"):
        read_source(tmp_path, "A")


def test_read_a_name_too_long_is_a_one_line_error(tmp_path: Path) -> None:
    """Path.exists() itself raises for such a name: the diagnosis must not turn into a traceback."""
    with pytest.raises(InputError, match=r"cannot be read \(File name too long\)"):
        read_source(tmp_path / ("x" * 300 + ".txt"), "A")


def test_read_rejects_other_types() -> None:
    with pytest.raises(InputError, match=r"pathlib.Path"):
        read_source(b"bytes", "A")  # type: ignore[arg-type]
