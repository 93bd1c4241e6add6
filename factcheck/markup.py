"""Markdown -> the same text with its markup blanked out, character for character.

Decision: a Markdown source's ``Article.text`` is the file text with every
markup character (``#`` of headings, ``*``/``_`` of emphasis, the ``[``,
``](url)`` of links, list markers, ``>`` of quotes, ...) replaced by a space.
Newlines are never touched, so the blanked text has exactly the length and the
line breaks of the original file: every offset and line number the pipeline
reports (claims, facts, dropped furniture, SARIF regions) points at the same
place in the ``.md`` file, and ``article.text[c.start:c.end] == c.text`` still
holds. The price is runs of spaces inside some claims ("the   HTS   group");
reporters and fingerprints collapse whitespace, so nobody sees them.

This is the same idea as the masking in ``sentences.py``: a same-length copy
instead of a shorter one with an offset map that every stage would need.

What is blanked whole, because it is not reporting: images, fenced code
blocks, HTML comments, reference-link definitions, front matter, horizontal
rules, autolinks and struck-through text (``~~old figure~~`` is a correction,
not a claim). What keeps its words: headings, emphasis, link text, inline
code, block quotes, list items and table cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Markdown", "strip_markdown"]

# Stands in for protected characters (inline code, escaped characters) in the copy the
# inline patterns search, so "`a*b*`" or "\*" never read as emphasis.
_PROTECTED = "\ue000"

_FRONT_MATTER = re.compile(
    r"\A(---|\+\+\+)[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.|\+\+\+)[ \t]*(?:\r?\n|\Z)", re.DOTALL
)
_FRONT_KEY = re.compile(r"^(title|date)\s*[:=]\s*(.+?)\s*$", re.IGNORECASE | re.MULTILINE)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_FOOTNOTE_DEFINITION = re.compile(r" {0,3}\[\^[^\]]+\]:")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[([^\]^][^\]]*)\]:\s*\S+", re.MULTILINE)
_RULE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*")
_QUOTE = re.compile(r" {0,3}>[ \t]?")
_LIST_MARKER = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+\[[ xX]\])?(?=[ \t]|$)")
_ATX_HEADING = re.compile(r" {0,3}(#{1,6})(?=[ \t]|$)")
_ATX_CLOSING = re.compile(r"[ \t]+#+[ \t]*$")
_TABLE_SEPARATOR = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*")

_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_DESTINATION = r"\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?[ \t]*\)"
_LABEL = r"\[([^\[\]\n]*(?:\n(?![ \t]*\n)[^\[\]\n]*)*)\]"
_IMAGE = re.compile(rf"!{_LABEL}(?:{_DESTINATION}|\[[^\]\n]*\])?")
_LINK = re.compile(rf"{_LABEL}(?:({_DESTINATION})|(\[[^\]\n]*\]))?")
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^\s<>]*>|<[\w.+-]+@[\w-]+(?:\.[\w-]+)+>", re.IGNORECASE)
_FOOTNOTE_REFERENCE = re.compile(r"\[\^[^\]\s]+\]")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
# Emphasis and code may run over a line break inside a paragraph, never over a blank line.
_SPAN = r"(?:[^\n]|\n(?![ \t]*\n))+?"
_CODE_SPAN = re.compile(rf"(`+)(?!`)({_SPAN})(?<!`)\1(?!`)")
_STAR = re.compile(rf"(?<![\\*])(\*{{1,3}})(?=[^\s*])({_SPAN})(?<=[^\s*])\1(?!\*)")
_UNDERSCORE = re.compile(rf"(?<![\w\\_])(_{{1,3}})(?=[^\s_])({_SPAN})(?<=[^\s_])\1(?![\w_])")
_STRIKE = re.compile(rf"~~(?=\S)({_SPAN})(?<=\S)~~")


@dataclass(frozen=True, slots=True)
class Markdown:
    """A Markdown document with its markup blanked: ``text`` has the original's length and lines."""

    text: str
    title: str | None
    date: str | None


class _Buffer:
    """The output text and the copy the patterns search, edited in step at the same offsets."""

    def __init__(self, text: str) -> None:
        self.out = list(text)
        self.work = list(text)

    def blank(self, start: int, end: int) -> None:
        for i in range(start, end):
            if self.out[i] not in "\r\n":
                self.out[i] = " "
                self.work[i] = " "

    def protect(self, start: int, end: int) -> None:
        for i in range(start, end):
            if self.work[i] not in "\r\n":
                self.work[i] = _PROTECTED

    def search_text(self) -> str:
        return "".join(self.work)


def strip_markdown(text: str) -> Markdown:
    """Blank the Markdown markup of ``text``; the title is front matter's or a leading ``# heading``."""
    buffer = _Buffer(text)
    title, date = _front_matter(text, buffer)
    for match in _HTML_COMMENT.finditer(text):
        buffer.blank(match.start(), match.end())
    labels = {m.group(1).casefold() for m in _REFERENCE_DEFINITION.finditer(text)}
    heading_lines = _blocks(buffer)
    _inline(buffer, labels)
    masked = "".join(buffer.out)
    if title is None:
        title = _leading_title(masked, heading_lines)
    return Markdown(text=masked, title=title, date=date)


def _front_matter(text: str, buffer: _Buffer) -> tuple[str | None, str | None]:
    """Blank a leading YAML (---) or TOML (+++) block and read its title and date."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return None, None
    buffer.blank(match.start(), match.end())
    values = {key.lower(): value.strip("\"'") for key, value in _FRONT_KEY.findall(match.group(2) or "")}
    date = values.get("date")
    # A timestamp keeps only its day, as dates read from HTML pages do.
    if date and re.match(r"\d{4}-\d{2}-\d{2}", date):
        date = date[:10]
    return values.get("title") or None, date or None


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, end before its line break."""
    spans = []
    start = 0
    # "\n" only, as clean.iter_lines counts lines; str.splitlines would also split at \x0c or U+2028.
    for line in text.split("\n"):
        end = start + len(line)
        spans.append((start, end - 1 if line.endswith("\r") else end))
        start = end + 1
    return spans


def _blocks(buffer: _Buffer) -> dict[int, int]:
    """Blank block-level markup line by line; return {line index: heading level} of the headings."""
    text = buffer.search_text()
    lines = _lines(text)
    headings: dict[int, int] = {}
    fence: str | None = None
    previous_is_text = False
    for index, (start, end) in enumerate(lines):
        line = "".join(buffer.work[start:end])
        if fence is not None:
            buffer.blank(start, end)
            closing = _FENCE.match(line)
            if (
                closing
                and closing.group(1)[0] == fence[0]
                and len(closing.group(1)) >= len(fence)
                and not line[closing.end() :].strip()
            ):
                fence = None
            previous_is_text = False
            continue
        opening = _FENCE.match(line)
        if opening:
            fence = opening.group(1)
            buffer.blank(start, end)
            previous_is_text = False
            continue
        if not line.strip():
            previous_is_text = False
            continue
        footnote = _FOOTNOTE_DEFINITION.match(line)
        if footnote:
            buffer.blank(start, start + footnote.end())
            previous_is_text = True
            continue
        if _REFERENCE_DEFINITION.match(line):
            buffer.blank(start, end)
            previous_is_text = False
            continue
        setext = _SETEXT.fullmatch(line)
        if setext and previous_is_text:
            headings[index - 1] = 1 if setext.group(1)[0] == "=" else 2
            buffer.blank(start, end)
            previous_is_text = False
            continue
        if _RULE.fullmatch(line) or _TABLE_SEPARATOR.fullmatch(line):
            if _TABLE_SEPARATOR.fullmatch(line):
                _blank_table(buffer, lines, index)
            buffer.blank(start, end)
            previous_is_text = False
            continue
        position = start
        while quote := _QUOTE.match(line, position - start):
            buffer.blank(position, start + quote.end())
            position = start + quote.end()
        marker = _LIST_MARKER.match(line, position - start)
        if marker:
            buffer.blank(position, start + marker.end())
            position = start + marker.end()
        heading = _ATX_HEADING.match(line, position - start)
        if heading:
            headings[index] = len(heading.group(1))
            buffer.blank(position, start + heading.end())
            closing = _ATX_CLOSING.search(line, heading.end())
            if closing:
                buffer.blank(start + closing.start(), end)
        previous_is_text = heading is None
    return headings


def _blank_table(buffer: _Buffer, lines: list[tuple[int, int]], separator: int) -> None:
    """Blank the cell pipes of the table around a separator row: the header above and the rows below."""
    rows = [separator - 1] if separator > 0 else []
    for index in range(separator + 1, len(lines)):
        start, end = lines[index]
        if "|" not in "".join(buffer.work[start:end]):
            break
        rows.append(index)
    for index in rows:
        start, end = lines[index]
        for offset in range(start, end):
            if buffer.work[offset] == "|":
                buffer.blank(offset, offset + 1)


def _inline(buffer: _Buffer, labels: set[str]) -> None:
    """Blank inline markup; the order matters: code and escapes first, so nothing inside them counts."""
    text = buffer.search_text()
    for match in _CODE_SPAN.finditer(text):
        ticks = len(match.group(1))
        buffer.blank(match.start(), match.start() + ticks)
        buffer.blank(match.end() - ticks, match.end())
        buffer.protect(match.start(2), match.end(2))
    text = buffer.search_text()
    for match in _ESCAPE.finditer(text):
        buffer.blank(match.start(), match.start() + 1)
        buffer.protect(match.start(1), match.end(1))
    for pattern in (_AUTOLINK, _HTML_TAG, _IMAGE, _FOOTNOTE_REFERENCE):
        for match in pattern.finditer(buffer.search_text()):
            buffer.blank(match.start(), match.end())
    for match in _LINK.finditer(buffer.search_text()):
        # "[text]" alone is a link only when a definition names it; otherwise it is plain brackets.
        if match.group(2) is None and match.group(3) is None and match.group(1).casefold() not in labels:
            continue
        buffer.blank(match.start(), match.start() + 1)
        buffer.blank(match.end(1), match.end())
    for match in _STRIKE.finditer(buffer.search_text()):
        buffer.blank(match.start(), match.end())
    # Nested emphasis ("**a *b* c**") needs one pass per level; three is the most anyone writes.
    for _ in range(3):
        changed = False
        for pattern in (_STAR, _UNDERSCORE):
            for match in pattern.finditer(buffer.search_text()):
                marks = len(match.group(1))
                buffer.blank(match.start(), match.start() + marks)
                buffer.blank(match.end() - marks, match.end())
                changed = True
        if not changed:
            break


def _leading_title(masked: str, headings: dict[int, int]) -> str | None:
    """A level-1 heading that is the first thing in the document is its title."""
    for index, (start, end) in enumerate(_lines(masked)):
        line = masked[start:end]
        if not line.strip():
            continue
        if headings.get(index) == 1:
            return " ".join(line.split()) or None
        return None
    return None
