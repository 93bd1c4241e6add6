"""Read sources (files, standard input, URLs, or text given directly) into Articles.

Every later offset points into ``Article.text``, so what it holds is decided
here, per format (``Article.format``):

- ``text``: the file as decoded (UTF-8; UTF-16 or UTF-32 where a byte-order mark says so; the mark
  is dropped, and a lone CR line end reads as LF, one character for one; nothing else).
- ``markdown`` (``.md``, ``.markdown``): the file with its markup replaced by
  spaces (``markup.py``): same length, same lines, so offsets and line numbers
  are those of the ``.md`` file itself.
- ``html`` (``.html``, ``.htm``, ``.xhtml``, or content that starts like an
  HTML document) and ``url`` (a :class:`Url`): the main text trafilatura
  extracts (``web.py``, the optional extra ``factcheck[web]``); offsets point
  into that extracted text.

A ``str`` source is always the article text itself, never a path or a URL;
:func:`as_source` turns a command-line argument into a ``Path`` or a ``Url``.
Problems a user can fix (missing file, directory, empty or binary file, bad
encoding, unreachable page) raise ``InputError`` with a message that says what
to do.
"""

from __future__ import annotations

import codecs
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from factcheck import web
from factcheck.errors import InputError
from factcheck.model import Article

STDIN = "-"
_BINARY_PROBE = 8192
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_URL = re.compile(r"https?://\S+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Url:
    """An http(s) address to fetch, as a source (a ``str`` source is article text, never a URL)."""

    address: str

    def __str__(self) -> str:
        return self.address


def as_source(arg: str) -> Path | Url:
    """A command-line argument as a source: an http(s) address is a ``Url``, anything else a ``Path``.

    Decided on the raw string because ``Path("https://x/y")`` collapses ``//`` into ``/``.
    """
    return Url(arg) if _URL.fullmatch(arg) else Path(arg)


def is_stdin(source: object) -> bool:
    """Whether ``source`` is ``Path('-')``, standard input (readable once)."""
    return isinstance(source, Path) and str(source) == STDIN


def source_order(source_id: str) -> tuple[int, str]:
    """Sort key of source ids in the order ``source_ids`` gives them: A ... Z, AA, AB (a string sort would
    put AA between A and B)."""
    return (len(source_id), source_id)


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


def read_source(source: Path | Url | str, source_id: str) -> Article:
    """A ``Path`` is read from disk (``Path('-')`` is standard input), a ``Url`` fetched; a ``str`` is the article itself."""
    if isinstance(source, Path):
        if is_stdin(source):
            return _article_from_bytes(_read_stdin(), source_id, name="<stdin>", path=STDIN)
        return _article_from_bytes(
            _read_file(source), source_id, name=source.name, path=str(source), suffix=source.suffix.lower()
        )
    if isinstance(source, Url):
        scheme = urlsplit(source.address).scheme.lower()
        if scheme not in ("http", "https") or not urlsplit(source.address).netloc:
            raise InputError(f"{source.address}: not an http(s) address; give e.g. https://example.com/story")
        return web.read_url(source.address, source_id)
    if isinstance(source, str):
        _require_text(source, f"source {source_id} (text given directly)")
        text = _lone_carriage_returns_as_newlines(source)
        return Article(id=source_id, name=f"text {source_id}", path=None, text=text)
    raise InputError(
        f"source {source_id} is a {type(source).__name__}; pass a pathlib.Path to read a file, "
        "a factcheck.read.Url to fetch a page, or a str of article text"
    )


def _read_stdin() -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError("standard input is not available; pass the article as a file instead of '-'")
    return stream.read()


def _read_file(path: Path) -> bytes:
    # Read first and ask why only when that fails: two stat calls per file fewer (a batch reads thousands).
    try:
        # Unbuffered, read whole: the same bytes as Path.read_bytes, with less work around the read.
        with open(path, "rb", buffering=0) as stream:
            return stream.readall()
    except OSError as error:
        raise _unreadable(path, error) from None


def _unreadable(path: Path, error: OSError) -> InputError:
    """The one-line reason a file could not be read."""
    try:  # exists() itself raises for a name too long or a folder that may not be searched
        missing, folder = not path.exists(), path.is_dir()
    except OSError:
        missing = folder = False
    if missing:
        return InputError(f"{path}: no such file; check the path (use '-' to read standard input)")
    if folder:
        return InputError(f"{path}: is a directory; give the article files inside it")
    if isinstance(error, PermissionError):
        return InputError(f"{path}: permission denied; make the file readable (chmod +r)")
    return InputError(f"{path}: cannot be read ({error.strerror or error}); check the file")


def _article_from_bytes(data: bytes, source_id: str, name: str, path: str, suffix: str = "") -> Article:
    where = path if path != STDIN else "standard input"
    data = _as_utf8(data, where)
    if b"\x00" in data[:_BINARY_PROBE]:
        raise InputError(_binary_message(data, where))
    # A page saved as .txt (or piped in) is still a page: its content says so, whatever its name.
    if suffix in HTML_SUFFIXES or (suffix not in MARKDOWN_SUFFIXES and web.looks_like_html(data)):
        _require_text(data.decode("utf-8", errors="replace"), where)
        return web.article_from_html(data, source_id, name=name, path=path, where=where)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{where}: not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "convert it first, e.g. iconv -f latin1 -t utf-8"
        ) from None
    _require_text(text, where)
    text = _lone_carriage_returns_as_newlines(text)
    if suffix in MARKDOWN_SUFFIXES:
        from factcheck.markup import strip_markdown  # only Markdown sources need it

        markdown = strip_markdown(text)
        if not markdown.text.strip():
            raise InputError(f"{where}: holds only Markdown markup, no article text; check the file")
        return Article(
            id=source_id,
            name=name,
            path=path,
            text=markdown.text,
            title=markdown.title,
            date=markdown.date,
            format="markdown",
        )
    return Article(id=source_id, name=name, path=path, text=text)


# UTF-32's marks first: UTF-32-LE's begins with UTF-16-LE's.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _as_utf8(data: bytes, where: str) -> bytes:
    """UTF-16 or UTF-32 text as UTF-8 (its byte-order mark dropped), where a byte-order mark says which it
    is: what Windows editors save as "Unicode". Anything else is returned as it is."""
    for mark, codec in _WIDE_BOMS:
        if data.startswith(mark):
            try:
                return data.decode(codec).encode("utf-8")
            except UnicodeDecodeError as error:
                raise InputError(
                    f"{where}: starts as {codec.upper()} text but is not valid {codec.upper()} "
                    f"(at offset {error.start}); check the file"
                ) from None
    return data


def _binary_message(data: bytes, where: str) -> str:
    """Text in UTF-16 without a byte-order mark has a zero in every other byte: say how to convert it."""
    probe = data[: _BINARY_PROBE - _BINARY_PROBE % 2]
    for zeros, codec in ((probe[1::2], "utf-16le"), (probe[0::2], "utf-16be")):
        if zeros and zeros.count(0) >= 0.9 * len(zeros):
            return (
                f"{where}: looks like UTF-16 text without a byte-order mark; convert it first, "
                f"e.g. iconv -f {codec} -t utf-8"
            )
    return f"{where}: looks like a binary file, not article text; give a UTF-8 text file"


_LONE_CR = re.compile(r"\r(?!\n)")


def _lone_carriage_returns_as_newlines(text: str) -> str:
    """Lines that end in a lone CR (classic Mac OS, some scrapers) as lines: every later stage finds lines by
    their newline. One character for one, so offsets are those of the file; CRLF stays as it is."""
    return _LONE_CR.sub("\n", text) if "\r" in text else text


def _require_text(text: str, where: str) -> None:
    if not text.strip():
        raise InputError(f"{where}: is empty; give an article with some text")
