"""Claims: split each kept block into sentences, and sentences into atomic claims.

A claim is one checkable statement. Most sentences are one claim; a sentence
is split where it carries separable facts, so each can agree, conflict or be
missing on its own:

- a breakdown list of counts: "The clashes have led to over 300 deaths,
  including 183 from HTS and allied factions, 100 government soldiers, and 28
  civilians" is four claims: the total and one per counted group;
- independent clauses joined by a semicolon;
- a list of targets of one action: "Rebels seized Saraqib, Maarat al-Numan and
  Khan Shaykhun" is three seizures.

Facts are extracted from the whole sentence first (so "183 from HTS" still
counts deaths, inherited from "over 300 deaths") and then given to the claim
whose span holds them. Every claim keeps its offsets into the original text,
and ``sentence``/``sentence_start``/``sentence_end`` name the sentence it came
from.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import pairwise

from factcheck.clean import line_starts
from factcheck.facts import extract_facts
from factcheck.memo import IdentityMemo
from factcheck.model import Claim, CleanArticle, Fact, Sentence
from factcheck.sentences import sentence_spans

# ", including A, B and C" or ": A, B and C" closing a sentence.
_BREAKDOWN = re.compile(r",\s+(?:including|among them|of whom|of which)\s+|:\s+", re.IGNORECASE)
_ITEM_SEPARATOR = re.compile(r",\s+(?:and\s+|or\s+)?")
_LAST_AND = re.compile(r"\s+and\s+")
_SEMICOLON = re.compile(r";\s+")
_TRAILING = " \t\n,;:.!?"
# A clause shorter than this many words is not a statement of its own.
MIN_CLAUSE_WORDS = 4


def article_claims(cleaned: CleanArticle) -> tuple[Claim, ...]:
    """The claims of a cleaned article: ``claims_from_sentences(split_article(cleaned))``."""
    return _article_claims(cleaned.article.id, cleaned.article.text, cleaned.blocks)


# Remembered per source id, text and kept blocks: an article compared with several others (a wire story
# and its rewrites, every pair of a cluster) is split once, and given each role it plays (A, B, ...) once.
@lru_cache(maxsize=1024)
def _article_claims(source: str, text: str, blocks: tuple[tuple[int, int], ...]) -> tuple[Claim, ...]:
    unassigned = _claims_of_text(text, blocks)
    claims = tuple(_as_source(claim, source) for claim in unassigned)
    ROLE_FREE.put(claims, unassigned)
    return claims


def role_free(claims: tuple[Claim, ...]) -> tuple[Claim, ...]:
    """The claims in no role that remembered ``claims`` are copies of (the same tuple whatever role the
    article plays), else ``claims`` themselves: what is remembered of an article's claims for alignment
    (their terms, not their ids) is then kept once, not once per role."""
    unassigned = ROLE_FREE.get(claims)
    return claims if unassigned is None else unassigned


# An article's claims in a role -> the claims in no role; bounded like ``_article_claims`` (each article in
# two roles).
ROLE_FREE: IdentityMemo[tuple[Claim, ...], tuple[Claim, ...]] = IdentityMemo(2048)


@lru_cache(maxsize=1024)
def _claims_of_text(text: str, blocks: tuple[tuple[int, int], ...]) -> tuple[Claim, ...]:
    """The claims of an article in no role: source "" and ids "1", "2", ..."""
    return claims_from_sentences(_sentences("", text, blocks))


def _as_source(claim: Claim, source: str) -> Claim:
    return Claim(
        id=source + claim.id,
        source=source,
        sentence=claim.sentence,
        text=claim.text,
        start=claim.start,
        end=claim.end,
        line=claim.line,
        facts=claim.facts,
        sentence_start=claim.sentence_start,
        sentence_end=claim.sentence_end,
    )


def split_article(cleaned: CleanArticle) -> tuple[Sentence, ...]:
    """Sentences of the kept blocks, numbered from 0, with 1-based line numbers."""
    return _sentences(cleaned.article.id, cleaned.article.text, cleaned.blocks)


def _sentences(source: str, text: str, blocks: tuple[tuple[int, int], ...]) -> tuple[Sentence, ...]:
    starts = line_starts(text)
    sentences: list[Sentence] = []
    for block_start, block_end in blocks:
        for start, end in sentence_spans(text, block_start, block_end):
            line = bisect_right(starts, start)
            sentences.append(Sentence(source, len(sentences), text[start:end], start, end, line))
    return tuple(sentences)


def claims_from_sentences(sentences: tuple[Sentence, ...]) -> tuple[Claim, ...]:
    """Atomic claims in reading order, ids A1, A2, ... numbered across the article."""
    claims: list[Claim] = []
    for sentence in sentences:
        facts = extract_facts(sentence.text, sentence.start)
        for start, end in claim_spans(sentence.text, facts, sentence.start):
            claims.append(_claim(sentence, len(claims) + 1, start, end, facts))
    return tuple(claims)


def _claim(sentence: Sentence, number: int, start: int, end: int, facts: tuple[Fact, ...]) -> Claim:
    """A claim over ``start:end`` of the sentence (offsets relative to it)."""
    absolute_start, absolute_end = sentence.start + start, sentence.start + end
    return Claim(
        id=f"{sentence.source}{number}",
        source=sentence.source,
        sentence=sentence.index,
        text=sentence.text[start:end],
        start=absolute_start,
        end=absolute_end,
        line=sentence.line + sentence.text.count("\n", 0, start),
        facts=_facts_within(
            facts, absolute_start, absolute_end, whole=start == 0 and end == len(sentence.text)
        ),
        sentence_start=sentence.start,
        sentence_end=sentence.end,
    )


def _facts_within(facts: tuple[Fact, ...], start: int, end: int, whole: bool) -> tuple[Fact, ...]:
    """The facts inside ``start:end``, else those overlapping it; a claim that is its whole sentence (most
    are) holds all of the sentence's facts, which were found inside it."""
    if whole:
        return facts
    return tuple(f for f in facts if start <= f.start and f.end <= end) or _overlapping(facts, start, end)


def _overlapping(facts: tuple[Fact, ...], start: int, end: int) -> tuple[Fact, ...]:
    return tuple(f for f in facts if f.start < end and f.end > start and f.type != "event")


def claim_spans(text: str, facts: tuple[Fact, ...], offset: int = 0) -> list[tuple[int, int]]:
    """Where ``text`` (one sentence) splits into claims, as (start, end) offsets within it."""
    spans = []
    for start, end in _clauses(text):
        spans += _breakdown(text, start, end, facts, offset) or _action_list(text, start, end, facts, offset)
    return spans


def _action_list(
    text: str, start: int, end: int, facts: tuple[Fact, ...], offset: int
) -> list[tuple[int, int]]:
    """ "Rebels seized Saraqib, Maarat al-Numan and Khan Shaykhun": one claim per seizure.

    The events extractor gives each further name of the list its own event spanning just that name;
    the clause is cut before each of them.
    """
    cuts = sorted(
        f.start - offset
        for f in facts
        if f.type == "event" and f.text == f.target and start < f.start - offset < end
    )
    if not cuts:
        return [(start, end)]
    bounds = [start, *cuts, end]
    spans = [(a, _trim_list_end(text, a, b)) for a, b in pairwise(bounds)]
    spans[-1] = (spans[-1][0], end)
    return [(a, b) for a, b in spans if b > a]


def _trim_list_end(text: str, start: int, end: int) -> int:
    end = _trim_end(text, start, end)
    for joint in (" and", " or"):
        if text[start:end].endswith(joint):
            end = _trim_end(text, start, end - len(joint))
    return end


def _clauses(text: str) -> list[tuple[int, int]]:
    """Semicolon-joined clauses, each long enough to be a statement; else the whole sentence."""
    cuts = list(_SEMICOLON.finditer(text)) if ";" in text else []
    if not cuts:
        return [(0, len(text))]
    bounds = [0, *(m.start() for m in cuts), len(text)]
    starts = [0, *(m.end() for m in cuts)]
    clauses = [(s, _trim_end(text, s, e)) for s, e in zip(starts, bounds[1:], strict=True)]
    if any(len(text[s:e].split()) < MIN_CLAUSE_WORDS for s, e in clauses):
        return [(0, len(text))]
    # The last clause keeps the sentence's closing punctuation.
    clauses[-1] = (clauses[-1][0], len(text))
    return clauses


def _breakdown(
    text: str, start: int, end: int, facts: tuple[Fact, ...], offset: int
) -> list[tuple[int, int]] | None:
    """A total followed by a list of counted parts, each part a claim; None when there is no such list."""
    quantities = [f for f in facts if f.type == "quantity"]
    if not quantities:
        return None  # no total to break down
    for marker in _BREAKDOWN.finditer(text, start, end):
        head_quantities = [q for q in quantities if start <= q.start - offset < marker.start()]
        if not head_quantities:
            continue
        items = _items(text, marker.end(), _trim_end(text, marker.end(), end))
        items = [*items[:-1], *_split_last(text, items[-1], quantities, offset)] if items else items
        counted = [i for i in items if any(i[0] <= q.start - offset < i[1] for q in quantities)]
        if len(items) >= 2 and len(counted) == len(items):
            return [(start, _trim_end(text, start, marker.start())), *items]
    return None


def _items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    items = []
    position = start
    for separator in _ITEM_SEPARATOR.finditer(text, start, end):
        items.append((position, separator.start()))
        position = separator.end()
    items.append((position, end))
    items = [(s, _trim_end(text, s, e)) for s, e in items]
    return [(s, e) for s, e in items if e > s]


def _split_last(
    text: str, item: tuple[int, int], quantities: list[Fact], offset: int
) -> list[tuple[int, int]]:
    """ "100 soldiers and 28 civilians" ends a list without a comma: two items when both sides count."""
    for joint in _LAST_AND.finditer(text, item[0], item[1]):
        left, right = (item[0], joint.start()), (joint.end(), item[1])
        if all(any(s <= q.start - offset < e for q in quantities) for s, e in (left, right)):
            return [left, right]
    return [item]


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return end
