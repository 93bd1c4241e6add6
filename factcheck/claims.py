"""Claims: split each kept block into sentences, and sentences into claims.

In schema version 1 a claim is a whole sentence; each claim carries the facts
extracted from it and its offsets and line number in the original text.
"""

from __future__ import annotations

from bisect import bisect_right

from factcheck.facts import extract_facts
from factcheck.model import Claim, CleanArticle, Sentence
from factcheck.sentences import sentence_spans


def line_starts(text: str) -> list[int]:
    starts = [0]
    position = text.find("\n")
    while position != -1:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return starts


def split_article(cleaned: CleanArticle) -> tuple[Sentence, ...]:
    """Sentences of the kept blocks, numbered from 0, with 1-based line numbers."""
    text = cleaned.article.text
    starts = line_starts(text)
    sentences = []
    for block_start, block_end in cleaned.blocks:
        for start, end in sentence_spans(text, block_start, block_end):
            line = bisect_right(starts, start)
            sentences.append(Sentence(cleaned.article.id, len(sentences), text[start:end], start, end, line))
    return tuple(sentences)


def claims_from_sentences(sentences: tuple[Sentence, ...]) -> tuple[Claim, ...]:
    """One claim per sentence, ids A1, A2, ... in reading order."""
    return tuple(
        Claim(
            id=f"{s.source}{n}",
            source=s.source,
            sentence=s.index,
            text=s.text,
            start=s.start,
            end=s.end,
            line=s.line,
            facts=extract_facts(s.text, s.start),
        )
        for n, s in enumerate(sentences, start=1)
    )
