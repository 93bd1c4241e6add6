"""HTML pages and http(s) URLs -> Articles, with trafilatura (the optional extra ``factcheck[web]``).

trafilatura is imported only when an HTML file or a URL is given, so plain-text
use needs neither it nor lxml. Without it the user gets one line naming the
extra to install.

Offsets: an HTML source's ``Article.text`` is the main text trafilatura
extracts (navigation, ads, share bars, related links, comments and footer left
out; one paragraph or heading per line), so claim offsets point into that text,
not into the HTML file. The page's headline and publication date come from its
metadata (``<title>``, Open Graph, JSON-LD, ...) and are the source's ``title``
and ``date``; the headline is not repeated as the text's first line, so a page
gives the same claims as the article body saved as text.

URLs are fetched with the standard library (no extra dependency, and the
timeout and error messages are ours to control). The whole download must
finish within ``URL_TIMEOUT`` seconds, or ``FACTCHECK_URL_TIMEOUT`` when set.
"""

from __future__ import annotations

import os
import re
import time
from types import ModuleType
from typing import Any

from factcheck import __version__
from factcheck.errors import InputError
from factcheck.model import Article

__all__ = ["URL_TIMEOUT", "article_from_html", "fetch", "looks_like_html", "read_url", "url_timeout"]

URL_TIMEOUT = 20.0
TIMEOUT_VARIABLE = "FACTCHECK_URL_TIMEOUT"
# A news page is well under a megabyte; this only stops a wrong URL from filling memory.
MAX_BYTES = 20_000_000
_CHUNK = 65536
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
USER_AGENT = f"Mozilla/5.0 (compatible; factcheck/{__version__})"
INSTALL_HINT = "pip install 'factcheck[web]'"
_NETWORK_HINT = "check the address and the network, or save the page and give the file"

# What an HTML document starts with, after an optional XML declaration, comments and whitespace.
_HTML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]",
    re.IGNORECASE | re.DOTALL,
)
_SNIFF_BYTES = 4096


def looks_like_html(data: bytes) -> bool:
    """True when the content itself says it is an HTML document, whatever the file is called."""
    return _HTML_START.match(data[:_SNIFF_BYTES]) is not None


def read_url(url: str, source_id: str) -> Article:
    """Fetch an http(s) page and extract its article."""
    _trafilatura(url, "reading web pages")  # fail before the download when the extra is missing
    data, charset = fetch(url)
    return article_from_html(data, source_id, name=url, path=url, url=url, charset=charset, kind="url")


def article_from_html(
    data: bytes,
    source_id: str,
    *,
    name: str,
    path: str,
    where: str | None = None,
    url: str | None = None,
    charset: str | None = None,
    kind: str = "html",
) -> Article:
    """The main text, title and date of an HTML page.

    ``where`` names the source in error messages (default ``path``); ``kind`` is
    the Article's ``format``: "html" for a file, "url" for a fetched page.
    """
    where = where or path
    trafilatura = _trafilatura(where, "reading HTML")
    # trafilatura detects the encoding of bytes (meta charset, then guessing); a charset the
    # server named in its Content-Type header wins over both.
    content: bytes | str = data
    if charset:
        try:
            content = data.decode(charset, errors="replace")
        except LookupError:
            content = data
    document = trafilatura.bare_extraction(
        content,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        include_formatting=False,
    )
    fields = _as_dict(document)
    title = _one_line(fields.get("title")) or None
    text = _drop_headline(str(fields.get("text") or ""), title)
    if not text.strip():
        raise InputError(
            f"{where}: no article text found in the page; save the article text to a .txt file and give that"
        )
    date = fields.get("date")
    return Article(
        id=source_id,
        name=name,
        path=path,
        text=text,
        title=title,
        date=str(date) if date else None,
        format=kind,
    )


def fetch(url: str, timeout: float | None = None) -> tuple[bytes, str | None]:
    """The body of an HTML page and the charset its server declares; InputError for anything else."""
    # Imported here: http.client and ssl cost tens of milliseconds that text-only runs should not pay.
    import http.client
    import urllib.error
    import urllib.request

    seconds = url_timeout() if timeout is None else timeout
    request = urllib.request.Request(
        url,
        headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"},
    )
    deadline = time.monotonic() + seconds
    try:
        with urllib.request.urlopen(request, timeout=seconds) as response:
            declared = response.headers.get("Content-Type")
            content_type = response.headers.get_content_type()
            if declared and content_type not in _HTML_TYPES and not content_type.startswith("text/"):
                raise _not_html(url, content_type)
            body = _read_body(response, url, deadline, seconds)
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as error:
        error.close()
        raise InputError(
            f"{url}: cannot be fetched (HTTP {error.code}); check the address, or save the page and give the file"
        ) from None
    except urllib.error.URLError as error:
        raise InputError(
            f"{url}: cannot be fetched ({_reason(error.reason, seconds)}); {_NETWORK_HINT}"
        ) from None
    except TimeoutError:
        raise InputError(
            f"{url}: cannot be fetched ({_reason(TimeoutError(), seconds)}); {_NETWORK_HINT}"
        ) from None
    except (http.client.HTTPException, OSError) as error:
        raise InputError(f"{url}: cannot be fetched ({_reason(error, seconds)}); {_NETWORK_HINT}") from None
    except ValueError as error:  # urllib's "unknown url type" and friends
        raise InputError(f"{url}: is not a web address urllib can fetch ({_one_line(str(error))})") from None
    if declared and content_type not in _HTML_TYPES and not looks_like_html(body):
        raise _not_html(url, content_type)
    if not declared and not looks_like_html(body):
        raise _not_html(url, "no content type")
    return body, charset


def url_timeout() -> float:
    """Seconds a download may take: ``FACTCHECK_URL_TIMEOUT`` when set, else ``URL_TIMEOUT``."""
    value = os.environ.get(TIMEOUT_VARIABLE, "").strip()
    if not value:
        return URL_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not seconds > 0 or seconds == float("inf"):
        raise InputError(
            f"{TIMEOUT_VARIABLE}={value}: not a number of seconds; set e.g. {TIMEOUT_VARIABLE}=30"
        )
    return seconds


def _read_body(response: Any, url: str, deadline: float, seconds: float) -> bytes:
    """Read in chunks so a server that trickles bytes cannot outlast the timeout or fill memory."""
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(_CHUNK):
        size += len(chunk)
        if size > MAX_BYTES:
            raise InputError(
                f"{url}: is larger than {MAX_BYTES // 1_000_000} MB, not a news page; save the article text and give the file"
            )
        if time.monotonic() > deadline:
            raise TimeoutError
        chunks.append(chunk)
    return b"".join(chunks)


def _not_html(url: str, content_type: str) -> InputError:
    return InputError(
        f"{url}: is not an HTML page ({content_type}); save the article text to a file and give that"
    )


def _reason(reason: object, seconds: float) -> str:
    """A few words for why a connection failed."""
    import socket
    import ssl

    if isinstance(reason, TimeoutError):
        return f"no answer within {seconds:g} s; raise {TIMEOUT_VARIABLE} to wait longer"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, socket.gaierror):
        return "unknown host"
    if isinstance(reason, ssl.SSLError):
        return f"TLS error: {_one_line(getattr(reason, 'reason', None) or reason)}"
    if isinstance(reason, OSError) and reason.strerror:
        return _one_line(reason.strerror).lower()
    return _one_line(str(reason)) or type(reason).__name__


def _trafilatura(where: str, doing: str) -> ModuleType:
    try:
        import trafilatura
    except ImportError:
        # Also raised when trafilatura is present but lxml's html cleaner (lxml_html_clean) is not.
        raise InputError(f"{where}: {doing} needs the optional extra: {INSTALL_HINT}") from None
    return trafilatura


def _as_dict(document: object) -> dict[str, Any]:
    """trafilatura 1.x returns a dict, 2.x a Document; None when it found nothing."""
    if document is None:
        return {}
    if isinstance(document, dict):
        return document
    as_dict = getattr(document, "as_dict", None)
    if callable(as_dict):
        return dict(as_dict())
    return {key: getattr(document, key, None) for key in ("title", "date", "text")}


def _drop_headline(text: str, title: str | None) -> str:
    """Remove the headline when trafilatura put it first in the text: it is the title, not a claim."""
    text = text.strip("\n")
    if not title:
        return text
    first, _, rest = text.partition("\n")
    if " ".join(first.split()).casefold() == title.casefold():
        return rest.lstrip("\n")
    return text


def _one_line(value: object) -> str:
    """Error text and titles on one line: a message with a line break would break the CLI's contract."""
    return "" if value is None else " ".join(str(value).split())
