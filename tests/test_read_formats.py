"""Markdown, HTML and URL sources: the same article in any of them gives the same claims.

URL tests fetch from an HTTP server on 127.0.0.1 that the test starts; nothing
is downloaded from the internet.
"""

from __future__ import annotations

import re
import socket
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

import factcheck
from factcheck.clean import clean
from factcheck.errors import InputError
from factcheck.markup import strip_markdown
from factcheck.pipeline import _claims_of
from factcheck.read import Url, as_source, read_source
from factcheck.web import TIMEOUT_VARIABLE, looks_like_html

pytest.importorskip("trafilatura", reason="HTML and URL input need the 'web' extra")

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PLAIN = FIXTURES / "aleppo_a.txt"
MARKDOWN = FIXTURES / "aleppo_a.md"
HTML = FIXTURES / "aleppo_a.html"
HEADLINE = "Syrian Rebels Take Control of Most of Aleppo"
EXTRA = "needs the optional extra: pip install 'factcheck[web]'"


def _words(text: str) -> str:
    """A claim's words: blanked markup leaves runs of spaces, and a space before a closing mark."""
    return re.sub(r"\s+([,.;:!?])", r"\1", " ".join(text.split()))


def _claim_texts(source: Path | Url | str) -> list[str]:
    return [_words(claim.text) for claim in _claims_of(clean(read_source(source, "A")))]


# --- Markdown -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("# Title #\n", "  Title  \n"),
        ("Some **bold**, *it* and _em_ text.", "Some   bold  ,  it  and  em  text."),
        ("snake_case_name and 5 * 3 stay.", "snake_case_name and 5 * 3 stay."),
        ('A [link](https://x.org/a_(b) "T") here.', "A  link                           here."),
        ("See ![a photo](p.jpg) now.", "See                   now."),
        (
            "[ref][r] and [r] but [plain]\n\n[r]: https://r.example\n",
            " ref     and  r  but [plain]\n\n                      \n",
        ),
        ("> quoted\n> > nested\n", "  quoted\n    nested\n"),
        ("- one\n* two\n1. three\n2) four\n", "  one\n  two\n   three\n   four\n"),
        ("```\nx = 300\n```\nAfter.\n", "   \n       \n   \nAfter.\n"),
        ("Kept <!-- a\ncomment --> text.", "Kept       \n            text."),
        ("Inline `a*b*` and \\*stars\\*.", "Inline  a*b*  and  *stars *."),
        ("Was ~~300~~ 350 dead.", "Was         350 dead."),
        ("Title\n=====\n\n***\n", "Title\n     \n\n   \n"),
        ("| a | b |\n|---|---|\n| 1 | 2 |\n", "  a   b  \n         \n  1   2  \n"),
        ("Text[^1] and <https://auto.link>.\n", "Text     and                    .\n"),
    ],
)
def test_markdown_markup_becomes_spaces(markdown: str, expected: str) -> None:
    assert strip_markdown(markdown).text == expected


def test_markdown_keeps_length_and_lines_of_the_fixture() -> None:
    original = MARKDOWN.read_text(encoding="utf-8")
    masked = strip_markdown(original).text
    assert len(masked) == len(original)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [i for i, c in enumerate(original) if c == "\n"]
    assert not set("#*[]>`") & set(masked)


def test_markdown_title_and_date() -> None:
    assert strip_markdown("# The Headline\n\nBody.").title == "The Headline"
    assert strip_markdown("Intro first.\n\n# Not the title\n").title is None
    front = strip_markdown('---\ntitle: "From front matter"\ndate: 2024-11-30T09:42:00Z\n---\n# Heading\n')
    assert (front.title, front.date) == ("From front matter", "2024-11-30")
    assert front.text.strip() == "Heading"


def test_markdown_file_gives_the_claims_of_the_plain_text() -> None:
    article = read_source(MARKDOWN, "A")
    assert (article.format, article.title, article.date) == ("markdown", HEADLINE, "2024-11-30")
    # The Markdown version adds a "# headline", which is a claim as in any text with a headline.
    assert _claim_texts(MARKDOWN) == [HEADLINE, *_claim_texts(PLAIN)]


def test_markdown_offsets_point_into_the_original_file() -> None:
    original = MARKDOWN.read_text(encoding="utf-8")
    report = factcheck.compare([MARKDOWN, PLAIN])
    text = report.texts["A"]
    claims = [c for c in report.claims if c.source == "A"]
    assert claims
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text
        # The same offsets in the .md file hold the same words, with their markup.
        assert strip_markdown(original).text[claim.start : claim.end] == claim.text
        # Its first and last words are where they are in the file (a claim may end in blanked markup).
        first = claim.start + len(claim.text) - len(claim.text.lstrip())
        last = claim.start + len(claim.text.rstrip()) - 1
        assert original[first] == text[first] and original[last] == text[last]
        assert claim.line == original.count("\n", 0, claim.start) + 1
        for fact in claim.facts:
            assert text[fact.start : fact.end] == fact.text
    source = report.to_dict()["sources"][0]
    assert (source["title"], source["date"]) == (HEADLINE, "2024-11-30")


def test_markdown_of_only_markup_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.md"
    path.write_text("---\ntitle: x\n---\n<!-- nothing -->\n![img](a.png)\n", encoding="utf-8")
    with pytest.raises(InputError, match="only Markdown markup"):
        read_source(path, "A")


# --- HTML -----------------------------------------------------------------------------------


def test_html_page_gives_the_claims_of_the_plain_text() -> None:
    article = read_source(HTML, "A")
    assert (article.format, article.title, article.date) == ("html", HEADLINE, "2024-11-30")
    assert (article.name, article.path) == ("aleppo_a.html", str(HTML))
    assert _claim_texts(HTML) == _claim_texts(PLAIN)
    # None of the page chrome reaches the text.
    for junk in (
        "Advertisement",
        "Share",
        "Related Articles",
        "Nobody saw this coming",
        "Leave a Reply",
        "©",
    ):
        assert junk not in article.text


def test_html_title_and_date_reach_the_report() -> None:
    report = factcheck.compare([HTML, PLAIN])
    source = report.to_dict()["sources"][0]
    assert (source["title"], source["date"]) == (HEADLINE, "2024-11-30")
    assert [c.text for c in report.claims if c.source == "A"] == [
        c.text for c in report.claims if c.source == "B"
    ]
    for claim in report.claims:
        assert report.texts[claim.source][claim.start : claim.end] == claim.text


def test_html_is_recognised_by_its_content(tmp_path: Path) -> None:
    saved = tmp_path / "saved-page.txt"
    saved.write_bytes(HTML.read_bytes())
    assert read_source(saved, "A").format == "html"
    assert looks_like_html(b"\xef\xbb\xbf<?xml version='1.0'?>\n<!-- x --><html lang='en'>")
    assert not looks_like_html(b"Rebels <b>took</b> Aleppo.")


def test_html_without_article_text_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>T</title></head><body><script>var x;</script></body></html>", encoding="utf-8"
    )
    with pytest.raises(InputError, match="no article text found"):
        read_source(path, "A")


def test_missing_trafilatura_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    # A None entry in sys.modules makes `import trafilatura` raise ImportError.
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    with pytest.raises(InputError) as raised:
        read_source(HTML, "A")
    assert str(raised.value) == f"{HTML}: reading HTML {EXTRA}"
    # A URL fails the same way before any download is tried.
    with pytest.raises(InputError, match=re.escape(f"reading web pages {EXTRA}")):
        read_source(Url("http://127.0.0.1:9/story"), "A")
    # Plain text and Markdown do not need it.
    assert read_source(MARKDOWN, "A").format == "markdown"


# --- URLs -----------------------------------------------------------------------------------


class _Pages(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, str, bytes]]] = {
        "/story": (200, "text/html; charset=utf-8", HTML.read_bytes()),
        "/plain": (200, "text/plain; charset=utf-8", PLAIN.read_bytes()),
        "/report.pdf": (200, "application/pdf", b"%PDF-1.4\n"),
    }

    def do_GET(self) -> None:
        if self.path == "/slow":
            time.sleep(1.5)
        status, content_type, body = self.routes.get(self.path, (404, "text/html", b"<h1>Not found</h1>"))
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up first (the timeout test, a refused content type)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    httpd.daemon_threads = True
    httpd.block_on_close = False
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A proxy set in the environment must not stand between the test and its local server."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


def test_as_source_tells_urls_from_paths() -> None:
    assert as_source("https://example.com/a/b?x=1") == Url("https://example.com/a/b?x=1")
    assert as_source("HTTP://example.com") == Url("HTTP://example.com")
    assert as_source("story.md") == Path("story.md")
    assert as_source("-") == Path("-")
    assert as_source("https://example.com/a b") == Path("https://example.com/a b")


def test_url_source_is_fetched_and_compared(server: str) -> None:
    report = factcheck.compare([Url(f"{server}/story"), PLAIN])
    data = report.to_dict()
    source = data["sources"][0]
    assert (source["name"], source["path"]) == (f"{server}/story", f"{server}/story")
    assert (source["title"], source["date"]) == (HEADLINE, "2024-11-30")
    assert [c.text for c in report.claims if c.source == "A"] == [
        c.text for c in report.claims if c.source == "B"
    ]
    assert read_source(as_source(f"{server}/story"), "A").format == "url"


def _one_line_error(source: Url) -> str:
    with pytest.raises(InputError) as raised:
        read_source(source, "A")
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith(f"{source.address}: ")
    return message


def test_url_http_error(server: str) -> None:
    message = _one_line_error(Url(f"{server}/missing"))
    assert "cannot be fetched (HTTP 404)" in message


def test_url_unreachable() -> None:
    with socket.socket() as probe:  # a port that was free a moment ago and has no listener now
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    message = _one_line_error(Url(f"http://127.0.0.1:{port}/story"))
    assert "cannot be fetched (connection refused)" in message


def test_url_that_is_not_a_page(server: str) -> None:
    assert "is not an HTML page (application/pdf)" in _one_line_error(Url(f"{server}/report.pdf"))
    assert "is not an HTML page (text/plain)" in _one_line_error(Url(f"{server}/plain"))


def test_url_timeout(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TIMEOUT_VARIABLE, "0.3")
    started = time.monotonic()
    message = _one_line_error(Url(f"{server}/slow"))
    assert "no answer within 0.3 s" in message and TIMEOUT_VARIABLE in message
    assert time.monotonic() - started < 1.4


def test_url_timeout_setting_must_be_seconds(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TIMEOUT_VARIABLE, "soon")
    with pytest.raises(InputError, match=f"{TIMEOUT_VARIABLE}=soon: not a number of seconds"):
        read_source(Url(f"{server}/story"), "A")


def test_url_must_be_http() -> None:
    with pytest.raises(InputError, match="not an http"):
        read_source(Url("ftp://example.com/story"), "A")
