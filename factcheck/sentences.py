"""Sentence segmentation: article text -> sentence spans.

This stage owns the decision of where each sentence of an article begins and ends; every later stage
(claim extraction, matching, the report) works on the spans it returns, so offsets always point into
the caller's original text.

How it decides, in order:

1. Layout boundaries that Punkt cannot see: blank lines, headline/subheading lines without closing
   punctuation, list items and bullets, and sentences glued together without a space ("end.Next").
2. Masking: a same-length copy of the text in which punctuation that must not end a sentence
   (titles such as "Mr.", "No. 5", list labels, spaced ellipses, a.m./p.m., "Yahoo!") is replaced by
   a neutral character. Because the copy has the same length, Punkt's offsets are offsets into the
   original text.
3. NLTK's Punkt algorithm with parameters built in code (abbreviations, frequent sentence starters,
   their orthographic context). No NLTK data is loaded, so it works without nltk_data.
4. Post rules: split after a masked a.m./p.m., "Yahoo!" or "…" when the next word starts a sentence;
   join pieces that start with a lower-case word or hold only punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Literal

from factcheck.casing import lower_case
from factcheck.datafiles import read_data

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

__all__ = ["sentence_spans", "split_sentences"]

Span = tuple[int, int]

# A symbol Punkt treats as part of a word: it is neither a sentence end nor punctuation for Punkt.
_MASK = "\u222f"

_OPENING_QUOTES = "\"'“‘«"
_CLOSERS = "\"'”’»)]}"
_BULLETS = "•◦▪●‣⁃"
_LINE_BULLETS = _BULLETS + "-–—*"


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words that, capitalised after an abbreviation, an initial or an ellipsis, show that a new sentence
# has begun ("I live in the U.S. How about you?"). Closed-class words only: they are rarely part of a
# name, unlike "May", "Will" or "Long", which are left out on purpose.
_SENTENCE_STARTERS = _word_set(
    """
    a an the this that these those there here it its he she they we you i his her their our my your
    what when where why how who whom whose which whether whatever whoever
    and but or nor so yet if then than because since although though while unless until once
    after before during despite about above across against along among around at by for from in into
    on onto over through under upon with within without toward towards
    however meanwhile moreover furthermore nevertheless nonetheless instead indeed thus therefore hence
    otherwise still also later earlier now today yesterday tomorrow tonight finally first next last
    some many most all both each every any several few other others such no not none one
    is are was were be been has have had do does did can could would should might must shall
    let please yes according as like unlike even just only perhaps maybe already soon
    """
)

# A capitalised word after "a.m."/"p.m." that still belongs to the time expression.
_TIME_CONTINUATIONS = _word_set(
    """
    monday tuesday wednesday thursday friday saturday sunday
    mon tue tues wed thu thur thurs fri sat sun
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    et est edt ct cst cdt mt mst mdt pt pst pdt akst hst gmt utc bst cet cest eet eest ist jst aest
    eastern central mountain pacific greenwich local
    """
)

# "At 5 a.m. Mr. Smith went ..." - an opening time phrase is not a sentence on its own.
_INTRO_TIME_WORDS = _word_set(
    "at by before after until till around about from since shortly just starting beginning "
    "between on early late sometime circa"
)
_INTRO_TIME_MAX_WORDS = 5

# A line ending in one of these words (or in a comma, dash, ...) was wrapped mid-phrase, even when
# the next line starts with a capital ("... a key ally of the\nSyrian government").
_CONTINUATION_WORDS = _word_set(
    """
    a an the of to in on at for from with by and or but nor as than that which who whom whose into onto
    over under about after before between against during without within via per is are was were be
    been being has have had will would can could should may might must shall do does did not its
    their his her our your my this these those
    """
)
_CONTINUATION_CHARS = ",;:-–—/&("

_TERMINAL_LINE_END = re.compile(r"[.!?…][\"'”’»)\]}]*$")
_FIRST_WORD = re.compile(r"[^\W_]+")
_NEXT_WORD = re.compile(r"\s+[\"'“‘«(\[]*(?P<word>[^\W\d_]+)")
# Scanning regexes start with a literal so that `re` can skip ahead quickly; the context before the
# match is checked in Python (a leading look-behind made each scan ~20x slower).
_PERIOD_BEFORE_SPACE = re.compile(r"\.(?=\s)")
_TIME_ABBREVIATION = re.compile(r"[aApP]\.[mM]\.(?!\w)")
_UNICODE_ELLIPSIS = re.compile(r"…")
_BRACKETED_ELLIPSIS = re.compile(r"\[\.{3,}\]|\(\.{3,}\)")
_SPACED_DOTS = re.compile(r"\.(?:[ \t]\.)+")
_NUMBER_AHEAD = re.compile(r"\s+\d")
_LIST_LABEL_END = re.compile(r"(?:\.\)|[.)])(?=\s)")
_LIST_LABEL = re.compile(r"(?:\d{1,2}|[a-z])$")
_INLINE_BULLET = re.compile(r"(?<=\s)[" + _BULLETS + "]")
_GLUED_PERIOD = re.compile(r"\.(?=[A-Z][a-z])")
_GLUED_PERIOD_AFTER = re.compile(r"(?:[a-z]{2}|\d)$")
_WORD_BEFORE = re.compile(r"[^\W\d_]+$")
_NON_SPACE_RUN = re.compile(r"\S*")
_CITATION = re.compile(r"(?:\[\d{1,3}\])+")


@dataclass(frozen=True)
class _Lexicon:
    """Abbreviation lists from data/abbreviations.txt (see that file for what each section means)."""

    titles: frozenset[str]
    general: frozenset[str]
    before_numbers: frozenset[str]
    exclamation: frozenset[str]

    def is_abbreviation(self, word: str) -> bool:
        lowered = lower_case(word)
        return lowered in self.titles or lowered in self.general or lowered in self.before_numbers


@dataclass(frozen=True)
class _SoftStop:
    """Masked punctuation that ends a sentence only if the next word says so (see _soft_stop_cut)."""

    mark: int
    kind: Literal["time", "name", "ellipsis"]


@dataclass(frozen=True)
class _ListMarker:
    start: int
    label: str
    style: tuple[str, bool]
    period: int | None


# ---------------------------------------------------------------------------------------------------
# Public API


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences, each stripped of surrounding whitespace; no empty sentences."""
    return [text[s:e] for s, e in sentence_spans(text)]


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Character spans ``(s, e)`` of the sentences of ``text[start:end]``, as offsets into ``text``.

    Each span is stripped of surrounding whitespace, so ``text[s:e]`` is exactly the sentence; spans
    are increasing and do not overlap.
    """
    end = len(text) if end is None else end
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"invalid range [{start}, {end}) for a text of length {len(text)}")
    region = text[start:end]
    return [(start + s, start + e) for s, e in _segment_cached(region)]


# ---------------------------------------------------------------------------------------------------
# Pipeline


@lru_cache(maxsize=8192)
def _segment_cached(text: str) -> tuple[Span, ...]:
    """``_segment``, remembered: a pure function of the block, and the same article is often split
    again (compared with each of its cluster's other articles, or re-run in a batch)."""
    return tuple(_segment(text))


def _segment(text: str) -> list[Span]:
    lexicon = _lexicon()
    markers = _list_markers(text)
    cuts = _hard_cuts(text, lexicon, markers)
    soft_stops = _soft_stops(text, lexicon)
    masked = _apply_mask(text, _masked_positions(text, lexicon, markers, soft_stops))
    punkt = _punkt()

    spans: list[Span] = []
    for block_start, block_end in _blocks(text, cuts):
        pieces = [
            (block_start + s, block_start + e) for s, e in punkt.span_tokenize(masked[block_start:block_end])
        ]
        pieces = _split_at_soft_stops(text, pieces, soft_stops)
        pieces = _attach_citations(text, pieces)
        for s, e in _merge_fragments(text, pieces):
            stripped = _strip(text, s, e)
            if stripped is not None:
                spans.append(stripped)
    return spans


def _blocks(text: str, cuts: Iterable[int]) -> Iterator[Span]:
    """Regions between hard cuts that hold some text; sentences never cross a block boundary."""
    previous = 0
    for cut in [*sorted(set(cuts)), len(text)]:
        if cut > previous and not text[previous:cut].isspace():
            yield previous, cut
        previous = max(previous, cut)


def _strip(text: str, s: int, e: int) -> Span | None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e) if s < e else None


# ---------------------------------------------------------------------------------------------------
# 1. Hard cuts (layout)


def _hard_cuts(text: str, lexicon: _Lexicon, markers: list[_ListMarker]) -> list[int]:
    cuts = list(_line_cuts(text))
    cuts.extend(marker.start for marker in markers)
    if any(bullet in text for bullet in _BULLETS):  # the look-behind pattern is slow to scan with
        cuts.extend(match.start() for match in _INLINE_BULLET.finditer(text))
    cuts.extend(_glued_sentence_cuts(text, lexicon))
    return cuts


def _line_cuts(text: str) -> Iterator[int]:
    """Start offsets of lines that begin a new sentence regardless of punctuation."""
    if "\n" not in text:
        return
    offset = 0
    previous_line: str | None = None
    for raw_line in text.split("\n"):
        line = raw_line.strip()
        if previous_line is not None and _newline_ends_sentence(previous_line, line):
            yield offset
        previous_line = line
        offset += len(raw_line) + 1


def _newline_ends_sentence(previous_line: str, next_line: str) -> bool:
    if not previous_line or not next_line:
        return True  # a blank line always ends a paragraph
    if next_line[0] in _LINE_BULLETS:
        return True
    if _TERMINAL_LINE_END.search(previous_line):
        return False  # the line closes itself; Punkt decides, as for any other space
    if not _starts_like_new_line(next_line):
        return False  # hard-wrapped sentence continuing in lower case
    return not _ends_mid_phrase(previous_line)  # otherwise a headline or subheading


def _starts_like_new_line(line: str) -> bool:
    first = line[0]
    return first in _OPENING_QUOTES or first.isupper() or first.isdigit()


def _ends_mid_phrase(line: str) -> bool:
    if line[-1] in _CONTINUATION_CHARS:
        return True
    last_word = line.rsplit(maxsplit=1)[-1]
    return last_word.islower() and last_word in _CONTINUATION_WORDS


def _list_markers(text: str) -> list[_ListMarker]:
    """Labels such as "1." / "2)" / "b." that belong to a run of consecutive labels of one style."""
    found = [marker for match in _LIST_LABEL_END.finditer(text) if (marker := _list_marker(text, match))]
    # A label that opens a line is a list item even when it is the only one ("1. Rebels advance").
    in_sequence = {i for i, marker in enumerate(found) if _opens_line(text, marker.start)}
    for style in {marker.style for marker in found}:
        same_style = [i for i, marker in enumerate(found) if marker.style == style]
        for a, b in pairwise(same_style):
            if _next_label(found[a].label) == found[b].label:
                in_sequence.update((a, b))
    return [found[i] for i in sorted(in_sequence)]


def _list_marker(text: str, label_end: re.Match[str]) -> _ListMarker | None:
    """The list label ending at ``label_end`` if it starts an item: "2.)", "b)", "• 9.", "⁃10."."""
    label = _LIST_LABEL.search(text, max(0, label_end.start() - 2), label_end.start())
    if label is None:
        return None
    start = label.start()
    if start > 0 and text[start - 1] in _BULLETS:
        start -= 1
    elif start > 0 and not text[start - 1].isspace():
        return None
    while start > 1 and text[start - 1].isspace() and text[start - 2] in _BULLETS:
        start -= 2  # "• 9." - the item starts at its bullet
    punct = label_end.group()
    return _ListMarker(
        start=start,
        label=label.group(),
        style=(punct, label.group().isdigit()),
        period=label_end.start() if punct.startswith(".") else None,
    )


def _opens_line(text: str, position: int) -> bool:
    line_start = text.rfind("\n", 0, position) + 1
    return text[line_start:position].strip() == ""


def _next_label(label: str) -> str:
    return str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)


def _glued_sentence_cuts(text: str, lexicon: _Lexicon) -> Iterator[int]:
    """Sentences joined without a space ("in Syria.The offensive"), common in scraped text."""
    for match in _GLUED_PERIOD.finditer(text):
        if not _GLUED_PERIOD_AFTER.search(text, max(0, match.start() - 2), match.start()):
            continue
        token_start = max(text.rfind(ch, 0, match.start()) for ch in " \t\n") + 1
        token_end = _token_end(text, match.end())
        token = text[token_start:token_end]
        if "@" in token or "/" in token or "www" in lower_case(token):
            continue  # e-mail address, URL or path
        word = _WORD_BEFORE.search(text, token_start, match.start())
        if word and lexicon.is_abbreviation(word.group()):
            continue
        yield match.end()


def _token_end(text: str, position: int) -> int:
    match = _NON_SPACE_RUN.match(text, position)
    return match.end() if match else position


# ---------------------------------------------------------------------------------------------------
# 2. Masking


def _masked_positions(
    text: str, lexicon: _Lexicon, markers: list[_ListMarker], soft_stops: list[_SoftStop]
) -> list[int]:
    positions = [marker.period for marker in markers if marker.period is not None]
    positions.extend(_abbreviation_periods(text, lexicon))
    positions.extend(_ellipsis_dots(text))
    # "…" is not a Punkt candidate anyway; the other soft stops must be hidden from it.
    positions.extend(stop.mark for stop in soft_stops if stop.kind != "ellipsis")
    return positions


def _apply_mask(text: str, positions: list[int]) -> str:
    if not positions:
        return text
    chars = list(text)
    for position in positions:
        chars[position] = _MASK
    return "".join(chars)


def _abbreviation_periods(text: str, lexicon: _Lexicon) -> Iterator[int]:
    """Periods after titles, "No. 5"-style labels and lone lower-case letters ("p. 55", "v. If")."""
    for match in _PERIOD_BEFORE_SPACE.finditer(text):
        period = match.start()
        word = _word_before(text, period)
        if not word:
            continue
        lowered = lower_case(word)
        if (
            (lowered in lexicon.titles and word[0].isupper())
            or (lowered in lexicon.before_numbers and _NUMBER_AHEAD.match(text, period + 1))
            or (len(word) == 1 and word.islower())
        ):
            yield period


def _word_before(text: str, period: int) -> str | None:
    """The whole word ending at ``period`` ("Mr", "N°", "p"); None for dotted forms ("U.S") and "$5"."""
    start = period
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in _OPENING_QUOTES + "([{":
        start -= 1
    word = text[start:period]
    if not word or not word[0].isalpha() or "." in word:
        return None
    return word


def _ellipsis_dots(text: str) -> Iterator[int]:
    """Dots of ellipses that do not end a sentence.

    Spaced ellipses follow the usual style rules: ". . ." marks an omission inside a sentence;
    ". . . ." after a space is an omission plus the sentence's period (keep the last dot);
    "word. . . ." is the sentence's period followed by an omission that opens the next sentence
    (keep the first dot). "[...]" is always an omission.
    """
    for match in _BRACKETED_ELLIPSIS.finditer(text):
        yield from range(match.start(), match.end())
    for match in _SPACED_DOTS.finditer(text):
        dots = list(range(match.start(), match.end(), 2))
        attached = match.start() > 0 and not text[match.start() - 1].isspace()
        if len(dots) >= 4 and attached:
            yield from dots[1:]
        elif len(dots) >= 4:
            yield from dots[:-1]
        else:
            yield from dots


def _soft_stops(text: str, lexicon: _Lexicon) -> list[_SoftStop]:
    stops = [
        _SoftStop(match.end() - 1, "time")
        for match in _TIME_ABBREVIATION.finditer(text)
        if match.start() == 0 or not (text[match.start() - 1].isalnum() or text[match.start() - 1] == ".")
    ]
    if lexicon.exclamation and "!" in text:
        for match in _exclamation_names(lexicon).finditer(text):
            stops.append(_SoftStop(match.end() - 1, "name"))
    if "…" in text:
        stops.extend(_SoftStop(match.start(), "ellipsis") for match in _UNICODE_ELLIPSIS.finditer(text))
    return stops


@cache
def _exclamation_names(lexicon: _Lexicon) -> re.Pattern[str]:
    names = "|".join(re.escape(name) for name in sorted(lexicon.exclamation))
    return re.compile(rf"(?<!\w)(?:{names})!(?=\s)", re.IGNORECASE)


# ---------------------------------------------------------------------------------------------------
# 3. Punkt


@cache
def _punkt() -> PunktSentenceTokenizer:
    """Punkt with hand-built parameters, created on first use (importing NLTK takes ~0.5 s)."""
    from factcheck.punkt import build_punkt

    lexicon = _lexicon()
    return build_punkt(lexicon.titles | lexicon.general | {"a.m", "p.m"}, _SENTENCE_STARTERS)


@cache
def _lexicon() -> _Lexicon:
    source = read_data("abbreviations.txt")
    sections: dict[str, set[str]] = {}
    current: set[str] | None = None
    for raw_line in source.splitlines():
        line = lower_case(raw_line.split("#", 1)[0].strip())
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], set())
        elif current is not None:
            current.add(line.rstrip("."))
    return _Lexicon(
        titles=frozenset(sections.get("titles", ())),
        general=frozenset(sections.get("general", ())),
        before_numbers=frozenset(sections.get("before_numbers", ())),
        exclamation=frozenset(sections.get("exclamation", ())),
    )


# ---------------------------------------------------------------------------------------------------
# 4. Post rules


def _split_at_soft_stops(text: str, pieces: list[Span], stops: list[_SoftStop]) -> list[Span]:
    if not stops:
        return pieces
    result: list[Span] = []
    for piece_start, piece_end in pieces:
        start = piece_start
        for stop in stops:
            if start <= stop.mark < piece_end:
                cut = _soft_stop_cut(text, start, piece_end, stop)
                if cut is not None:
                    result.append((start, cut))
                    start = cut
        result.append((start, piece_end))
    return result


def _soft_stop_cut(text: str, piece_start: int, piece_end: int, stop: _SoftStop) -> int | None:
    """Where the sentence ends after a soft stop, or None if it goes on."""
    after = stop.mark + 1
    while after < piece_end and text[after] in _CLOSERS:
        after += 1
    following = _NEXT_WORD.match(text, after, piece_end)
    if following is None:
        return None
    word = following["word"]
    if not word[0].isupper():
        return None
    if stop.kind == "time":
        if lower_case(word) in _TIME_CONTINUATIONS or _is_intro_time_phrase(text[piece_start : stop.mark]):
            return None
        return after
    return after if lower_case(word) in _SENTENCE_STARTERS else None


def _is_intro_time_phrase(before_time: str) -> bool:
    words = before_time.split()
    if not words or len(words) > _INTRO_TIME_MAX_WORDS:
        return False
    return lower_case(words[0].lstrip(_OPENING_QUOTES + "(")) in _INTRO_TIME_WORDS


def _attach_citations(text: str, pieces: list[Span]) -> list[Span]:
    """Footnote marks glued to a sentence's end belong to it: "... martyr.[1] The emperor ..."."""
    result: list[Span] = []
    for s, e in pieces:
        citation = _CITATION.match(text, s, e) if result and result[-1][1] == s else None
        if citation:
            result[-1] = (result[-1][0], citation.end())
            s = citation.end()
        if s < e:
            result.append((s, e))
    return result


def _merge_fragments(text: str, pieces: list[Span]) -> list[Span]:
    """Join pieces that cannot be sentences on their own.

    A piece that starts with a lower-case word continues the previous one (`"Great." she said`,
    "Yahoo! in", "(... engineer.) at the"); a piece of punctuation only (". . .", "!") belongs to its
    neighbour.
    """
    merged: list[Span] = []
    for s, e in pieces:
        if merged and (_starts_lowercase(text, s, e) or not _has_word(text, s, e)):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    if len(merged) > 1 and not _has_word(text, *merged[0]):
        merged[:2] = [(merged[0][0], merged[1][1])]
    return merged


def _starts_lowercase(text: str, s: int, e: int) -> bool:
    match = _FIRST_WORD.search(text, s, e)
    if match is None:
        return False
    word = match.group()
    # "iPhone", "eBay", "mRNA" start sentences too.
    return word[0].islower() and not any(ch.isupper() for ch in word[1:])


def _has_word(text: str, s: int, e: int) -> bool:
    return _FIRST_WORD.search(text, s, e) is not None
