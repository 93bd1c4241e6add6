"""Read sources (files, standard input, or text given directly) into Articles.

The original text is kept exactly as decoded (a UTF-8 BOM is dropped, nothing
else), because every later offset points into it. Problems a user can fix
(missing file, directory, empty or binary file, bad encoding) raise
``InputError`` with a message that says what to do.
"""

from __future__ import annotations

import sys
from pathlib import Path

from factcheck.errors import InputError
from factcheck.model import Article

STDIN = "-"
_BINARY_PROBE = 8192


def source_ids(count: int) -> list[str]:
    """A, B, ... Z, then AA, AB, ... so any number of sources gets a stable id."""
    ids = []
    for n in range(count):
        label = ""
        n += 1
        while n:
            n, rem = divmod(n - 1, 26)
            label = chr(ord("A") + rem) + label
        ids.append(label)
    return ids


def read_source(source: Path | str, source_id: str) -> Article:
    """A ``Path`` is read from disk (``Path('-')`` is standard input); a ``str`` is the article itself."""
    if isinstance(source, Path):
        if str(source) == STDIN:
            return _article_from_bytes(_read_stdin(), source_id, name="<stdin>", path=STDIN)
        return _article_from_bytes(_read_file(source), source_id, name=source.name, path=str(source))
    if isinstance(source, str):
        _require_text(source, f"source {source_id} (text given directly)")
        return Article(id=source_id, name=f"text {source_id}", path=None, text=source)
    raise InputError(
        f"source {source_id} is a {type(source).__name__}; pass a pathlib.Path to read a file or a str of article text"
    )


def _read_stdin() -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError("standard input is not available; pass the article as a file instead of '-'")
    return stream.read()


def _read_file(path: Path) -> bytes:
    if not path.exists():
        raise InputError(f"{path}: no such file; check the path (use '-' to read standard input)")
    if path.is_dir():
        raise InputError(f"{path}: is a directory; give the article files inside it")
    try:
        return path.read_bytes()
    except PermissionError:
        raise InputError(f"{path}: permission denied; make the file readable (chmod +r)") from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error}); check the file") from None


def _article_from_bytes(data: bytes, source_id: str, name: str, path: str) -> Article:
    where = path if path != STDIN else "standard input"
    if b"\x00" in data[:_BINARY_PROBE]:
        raise InputError(f"{where}: looks like a binary file, not article text; give a UTF-8 text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{where}: not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "convert it first, e.g. iconv -f latin1 -t utf-8"
        ) from None
    _require_text(text, where)
    return Article(id=source_id, name=name, path=path, text=text)


def _require_text(text: str, where: str) -> None:
    if not text.strip():
        raise InputError(f"{where}: is empty; give an article with some text")
