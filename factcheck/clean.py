"""Clean: mark page furniture that is not reporting, keep everything else.

Furniture is recognised line by line from a table of patterns (view counters,
reading times, "N months ago", "Today:<date>", advertisements, share and
subscribe prompts, comment forms, bare datelines). Nothing is deleted from the
text: dropped lines are listed with their offsets and reason, and the kept
lines are returned as blocks (paragraphs) of offsets into the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from factcheck.model import Article, CleanArticle, Dropped

_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = rf"(?:{_MONTH}\s+{_DAY},?\s+\d{{4}}|{_DAY}\s+{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\s*/\s*\d{{1,2}}\s*/\s*\d{{2,4}})"
_WEEKDAY = (
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?)"
)
_TIME = r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?"

# Each line is tested against these in order; the first match names the reason.
FURNITURE: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern, re.IGNORECASE))
    for reason, pattern in (
        ("view counter", r"[\d.,]+\s*[km]?\s+(?:views?|reads?|hits)"),
        ("reading time", r"\d+\s*(?:-\s*)?(?:mins?|minutes?)\s+read"),
        (
            "relative age",
            r"(?:\d+|an?|one)\s+(?:seconds?|mins?|minutes?|hours?|days?|weeks?|months?|years?)\s+ago",
        ),
        ("today line", r"today\s*:.*"),
        (
            "advertisement",
            r"(?:advertisement|advertising|sponsored(?: content)?|ad|promoted|story continues below)",
        ),
        (
            "comment form",
            r"(?:leave a (?:reply|comment)|your email address will not be published\.?|required fields are marked\s*\*?|"
            r"(?:name|email|website|comment)\s*\*?|post comment|submit|cancel reply|"
            r"save my name, email, and website in this browser.*|\d+\s+comments?|comments?|reply)",
        ),
        (
            "share or subscribe",
            r"(?:share(?: this(?: article| story)?)?(?: on \w+)?|tweet|print|email this|"
            r"(?:facebook|twitter|whatsapp|telegram|linkedin|email|x|reddit)(?:[\s,|/·]+(?:facebook|twitter|whatsapp|telegram|linkedin|email|x|reddit))*|"
            r"subscribe(?: to [\w\s]{1,40})?|sign up (?:for|to) [\w\s]{1,60}|follow us on [\w\s,]{1,60}|"
            r"click here to [\w\s]{1,60}|related(?: articles| stories)?|read more|see also)[.:!]?",
        ),
        (
            "dateline",
            # "Published: 9 June 2013", "Last updated at 11:24, Tuesday, 18 June 2013",
            # "Published on: Fri, 11 Nov 2011", "Posted on April 4 2017 by Asharq Al-Awsat English"
            rf"(?:(?:published|updated|posted|last updated)(?:\s+(?:on|at))?\s*:?\s*)?(?:{_TIME}\s*,?\s*)?"
            rf"(?:{_WEEKDAY},?\s+)?{_DATE}(?:\s*(?:,|at|-)?\s*{_TIME})?(?:\s+(?:last\s+)?updated(?:\s+at)?\s+{_TIME})?"
            rf"(?:\s+by\s+[\w .'-]{{1,60}})?",
        ),
    )
)

# Furniture found inside a line, which then splits around it: sites that print a page as one line put
# their share-link stamp (date, update time, "Get short URL", topic and its count, share counters) there.
INLINE_FURNITURE: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "share link",
        re.compile(
            r"\d{2}\.\d{2}\.\d{4}\s*(?:\(updated \d{3,4} \d{2}\.\d{2}\.\d{4}\))?\s*Get short URL"
            r"(?:\s+Topic\s+[^()\n]{1,80}\(\d+\))?(?:\s+\d+\b)*",
            re.IGNORECASE,
        ),
    ),
)

# After one of these the rest of the page is the comment section, never the article.
COMMENT_SECTION = re.compile(r"(?:leave a (?:reply|comment)|\d+\s+comments?|comments?)\s*", re.IGNORECASE)


def line_starts(text: str) -> list[int]:
    """Offset of the first character of every line (``bisect_right(starts, offset)`` is its 1-based line)."""
    starts = [0]
    position = text.find("\n")
    while position != -1:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return starts


def iter_lines(text: str) -> Iterator[tuple[int, int, int]]:
    """Yield (line number from 1, start, end) for each line, end excluding the newline."""
    start = 0
    number = 1
    length = len(text)
    while start <= length:
        newline = text.find("\n", start)
        end = length if newline == -1 else newline
        stripped_end = end - 1 if end > start and text[end - 1] == "\r" else end
        yield number, start, stripped_end
        if newline == -1:
            return
        start = newline + 1
        number += 1


def furniture_reason(line: str) -> str | None:
    """Why a line is page furniture, or None when it may be reporting."""
    stripped = line.strip()
    if not stripped:
        return None
    for reason, pattern in FURNITURE:
        if pattern.fullmatch(stripped):
            return reason
    return None


def clean(article: Article, enabled: bool = True) -> CleanArticle:
    """Split the article into kept paragraphs and dropped furniture lines."""
    blocks, dropped, title = _furniture(article.text, enabled)
    return CleanArticle(article=article, blocks=blocks, dropped=dropped, title=title)


# Remembered per text: an article compared with several others is cleaned once.
@lru_cache(maxsize=1024)
def _furniture(
    text: str, enabled: bool
) -> tuple[tuple[tuple[int, int], ...], tuple[Dropped, ...], str | None]:
    """(kept blocks, dropped furniture, headline) of an article's text."""
    dropped: list[Dropped] = []
    blocks: list[tuple[int, int]] = []
    block_start: int | None = None
    block_end = 0
    in_comments = False
    for number, start, end in iter_lines(text):
        line = text[start:end]
        reason = None
        if enabled:
            reason = furniture_reason(line)
            if reason is None and in_comments and line.strip():
                reason = "comment section"
            if reason is not None and COMMENT_SECTION.fullmatch(line.strip()):
                in_comments = True
        if reason is not None:
            offset = len(line) - len(line.lstrip())
            dropped.append(
                Dropped(line.strip(), start + offset, start + offset + len(line.strip()), number, reason)
            )
        if reason is not None or not line.strip():
            if block_start is not None:
                blocks.append((block_start, block_end))
                block_start = None
            continue
        inline = _inline_furniture(line, start, number) if enabled else []
        dropped.extend(inline)
        for kept_start, kept_end in _kept_parts(start, end, inline):
            part = text[kept_start:kept_end]
            if not part.strip():
                continue
            if block_start is None:
                block_start = kept_start + len(part) - len(part.lstrip())
            block_end = kept_start + len(part.rstrip())
            if kept_end < end:  # furniture follows inside the line: the block ends here
                blocks.append((block_start, block_end))
                block_start = None
    if block_start is not None:
        blocks.append((block_start, block_end))
    return tuple(blocks), tuple(dropped), find_title(text, blocks)


def _inline_furniture(line: str, start: int, number: int) -> list[Dropped]:
    found = [
        Dropped(match.group(), start + match.start(), start + match.end(), number, reason)
        for reason, pattern in INLINE_FURNITURE
        for match in pattern.finditer(line)
    ]
    return sorted(found, key=lambda d: d.start)


def _kept_parts(start: int, end: int, inline: list[Dropped]) -> list[tuple[int, int]]:
    """The spans of a line around its inline furniture."""
    parts = []
    for piece in inline:
        parts.append((start, piece.start))
        start = piece.end
    parts.append((start, end))
    return parts


_TERMINAL = ".!?…:;\"'”’)"


def find_title(text: str, blocks: list[tuple[int, int]]) -> str | None:
    """The headline: a first kept line that reads as a title (no closing punctuation, short)."""
    if not blocks:
        return None
    start, end = blocks[0]
    first_line = text[start:end].split("\n", 1)[0].strip()
    if not first_line or first_line[-1] in _TERMINAL or len(first_line.split()) > 25:
        return None
    return first_line
