"""Align: score claims across sources and group those that state the same thing.

For every pair of sources, all claims of one are scored against all claims of
the other at once (rapidfuzz ``process.cdist`` for the text score, numpy
matrix products for the overlaps), never in a Python double loop. The combined
score is a weighted mean of three similarities of the two claims:

- ``text``: the rapidfuzz scorer over their content-word stems;
- ``overlap``: the cosine of their content-word stems and entity names, each
  weighted by its inverse document frequency over all the claims being
  compared, so that a rare shared name ("Saraqib") counts for more than a word
  every claim uses ("Aleppo" in an article about Aleppo);
- ``facts``: the Dice overlap of their numbers, counted nouns and dates, used
  only when both claims carry some.

A headline or subheading (a claim with no closing punctuation) is aligned only
with another headline: a title and a body sentence share words, not a fact.

Pairs are matched one-to-one by descending score above the threshold; a claim
left over joins the group of its best partner when that score also clears the
threshold (one sentence restating two). Matches across every pair of sources
are merged into groups; a claim with no partner stays alone (unique).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from factcheck.model import Alignment, Claim, Fact
from factcheck.settings import Settings
from factcheck.words import content_stems

# A left-over claim joins a group when it scores at least this share of the group's own pair.
ATTACH_RATIO = 0.9

SCORER_FUNCTIONS = {
    "token_set_ratio": fuzz.token_set_ratio,
    "token_sort_ratio": fuzz.token_sort_ratio,
    "token_ratio": fuzz.token_ratio,
    "ratio": fuzz.ratio,
    "partial_ratio": fuzz.partial_ratio,
    "WRatio": fuzz.WRatio,
}


@dataclass(frozen=True, slots=True)
class ClaimFeatures:
    """What alignment compares: content stems, names and fact features of one claim."""

    stems: frozenset[str]
    text: str
    facts: frozenset[str]
    names: frozenset[str]
    heading: bool
    terms: frozenset[str]
    """Stems and names together: the bag that IDF weights and the overlap cosine compares."""


def name_features(facts: tuple[Fact, ...], aliases: dict[str, str]) -> frozenset[str]:
    """Entity names, acronyms unified with their long form."""
    names = (str(f.value) for f in facts if f.type == "entity")
    return frozenset("entity:" + aliases.get(name, name) for name in names)


def fact_features(facts: tuple[Fact, ...]) -> frozenset[str]:
    """Comparable features of numbers and dates: counted nouns, values, dates."""
    features: set[str] = set()
    for fact in facts:
        if fact.type == "entity":
            continue
        if fact.type == "quantity":
            if fact.key:
                features.add("unit:" + fact.key)
            features.add(f"number:{fact.value}")
        else:
            features.add(f"date:{fact.value}")
    return frozenset(features)


_CLOSING = frozenset(".!?…\"'”’)")


def is_heading(text: str) -> bool:
    return text.rstrip()[-1:] not in _CLOSING


def claim_features(claim: Claim, aliases: dict[str, str]) -> ClaimFeatures:
    stems = frozenset(content_stems(claim.text))
    names = name_features(claim.facts, aliases)
    return ClaimFeatures(
        stems=stems,
        text=" ".join(sorted(stems)),
        facts=fact_features(claim.facts),
        names=names,
        heading=is_heading(claim.text),
        terms=stems | names,
    )


def idf_weights(bags: list[frozenset[str]]) -> dict[str, float]:
    """Smoothed inverse document frequency of each item over the claims being compared."""
    frequency: dict[str, int] = {}
    for bag in bags:
        for item in bag:
            frequency[item] = frequency.get(item, 0) + 1
    total = len(bags)
    return {item: float(np.log((1 + total) / (1 + count)) + 1.0) for item, count in frequency.items()}


def idf_cosine_matrix(
    rows: list[frozenset[str]], cols: list[frozenset[str]], idf: dict[str, float]
) -> np.ndarray:
    """Cosine of IDF-weighted bags, every row against every column, by one matrix product."""
    vocabulary = {item: i for i, item in enumerate(sorted(set().union(*rows, *cols)))}
    weights = np.array([idf.get(item, 1.0) for item in vocabulary], dtype=np.float32)
    left = _incidence(rows, vocabulary) * weights
    right = _incidence(cols, vocabulary) * weights
    norms = np.linalg.norm(left, axis=1)[:, None] * np.linalg.norm(right, axis=1)[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(norms > 0, (left @ right.T) / norms, 0.0)


def dice_matrix(rows: list[frozenset[str]], cols: list[frozenset[str]]) -> np.ndarray:
    """Dice coefficient of every row set against every column set, by one matrix product."""
    vocabulary = {item: i for i, item in enumerate(sorted(set().union(*rows, *cols)))}
    left = _incidence(rows, vocabulary)
    right = _incidence(cols, vocabulary)
    shared = left @ right.T
    sizes = left.sum(axis=1)[:, None] + right.sum(axis=1)[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(sizes > 0, 2.0 * shared / sizes, 0.0)


def _incidence(sets: list[frozenset[str]], vocabulary: dict[str, int]) -> np.ndarray:
    matrix = np.zeros((len(sets), max(len(vocabulary), 1)), dtype=np.float32)
    for row, items in enumerate(sets):
        matrix[row, [vocabulary[item] for item in items]] = 1.0
    return matrix


def score_matrix(
    left: list[ClaimFeatures], right: list[ClaimFeatures], settings: Settings, idf: dict[str, float]
) -> np.ndarray:
    """Combined similarity (0-1) of every claim of one source against every claim of another."""
    if not left or not right:
        return np.zeros((len(left), len(right)))
    scorer = SCORER_FUNCTIONS[settings.scorer]
    text = (
        process.cdist([f.text for f in left], [f.text for f in right], scorer=scorer, dtype=np.float32)
        / 100.0
    )
    overlap = idf_cosine_matrix([f.terms for f in left], [f.terms for f in right], idf)
    weighted = settings.text_weight * text + settings.overlap_weight * overlap
    combined = weighted / max(settings.text_weight + settings.overlap_weight, 1e-9)
    # With no weight on facts their overlap cannot change a score, so it is not computed.
    if settings.fact_weight > 0:
        facts = dice_matrix([f.facts for f in left], [f.facts for f in right])
        has_facts = (
            np.array([bool(f.facts) for f in left])[:, None]
            & np.array([bool(f.facts) for f in right])[None, :]
        )
        with_facts = (weighted + settings.fact_weight * facts) / (
            settings.text_weight + settings.overlap_weight + settings.fact_weight
        )
        combined = np.where(has_facts, with_facts, combined)
    same_kind = np.array([f.heading for f in left])[:, None] == np.array([f.heading for f in right])[None, :]
    return np.where(same_kind, combined, 0.0)


def match_pairs(scores: np.ndarray, threshold: float) -> list[tuple[int, int, float]]:
    """Pairs (row, col, score) matched one-to-one by descending score, then close seconds attached.

    A claim left over after the one-to-one pass joins its best partner's group
    only when it scores nearly as well as the pair already there
    (``ATTACH_RATIO``): one sentence restating two, not a loose association.
    """
    candidates = np.argwhere(scores >= threshold)
    # Ties are broken by position so that output is deterministic.
    order = sorted((-float(scores[r, c]), int(r), int(c)) for r, c in candidates)
    row_match: dict[int, float] = {}
    col_match: dict[int, float] = {}
    pairs = []
    for negative, row, col in order:
        if row not in row_match and col not in col_match:
            row_match[row] = col_match[col] = -negative
            pairs.append((row, col, -negative))
    for negative, row, col in order:
        score = -negative
        if row not in row_match and score >= ATTACH_RATIO * col_match[col]:
            row_match[row] = score
            pairs.append((row, col, score))
        elif col not in col_match and score >= ATTACH_RATIO * row_match[row]:
            col_match[col] = score
            pairs.append((row, col, score))
    return pairs


class _Groups:
    """Union-find over claim ids, keeping the best score of each merged group."""

    def __init__(self, ids: list[str]) -> None:
        self.parent = {i: i for i in ids}
        self.score = dict.fromkeys(ids, 0.0)

    def find(self, item: str) -> str:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str, score: float) -> None:
        root_a, root_b = self.find(a), self.find(b)
        best = max(self.score[root_a], self.score[root_b], score)
        if root_a != root_b:
            self.parent[root_b] = root_a
        self.score[root_a] = best


def entity_aliases(claims: list[Claim]) -> dict[str, str]:
    """Acronym -> long name, learned from "Long Name (ACRONYM)" in any of the texts."""
    from factcheck.facts.entities import acronym_aliases

    aliases: dict[str, str] = {}
    for claim in claims:
        aliases.update(acronym_aliases(claim.text))
    return aliases


def align(
    claims_by_source: dict[str, tuple[Claim, ...]], settings: Settings, aliases: dict[str, str]
) -> list[Alignment]:
    """Group claims across sources; every claim lands in exactly one alignment."""
    all_claims = [c for claims in claims_by_source.values() for c in claims]
    features = {c.id: claim_features(c, aliases) for c in all_claims}
    idf = idf_weights([f.terms for f in features.values()])
    groups = _Groups([c.id for c in all_claims])
    source_ids = list(claims_by_source)
    for i, left_id in enumerate(source_ids):
        for right_id in source_ids[i + 1 :]:
            left, right = claims_by_source[left_id], claims_by_source[right_id]
            scores = score_matrix(
                [features[c.id] for c in left], [features[c.id] for c in right], settings, idf
            )
            for row, col, score in match_pairs(scores, settings.threshold):
                groups.union(left[row].id, right[col].id, score)
    return _collect(all_claims, groups, features)


def _collect(all_claims: list[Claim], groups: _Groups, features: dict[str, ClaimFeatures]) -> list[Alignment]:
    members: dict[str, list[Claim]] = {}
    for claim in all_claims:
        members.setdefault(groups.find(claim.id), []).append(claim)
    alignments = []
    for root, claims in members.items():
        matched = _shared(claims, features) if len(claims) > 1 else ()
        alignments.append(Alignment(tuple(claims), groups.score[root] if len(claims) > 1 else 0.0, matched))
    return alignments


def _shared(claims: list[Claim], features: dict[str, ClaimFeatures]) -> tuple[str, ...]:
    """What the sources' claims share: content stems and fact features, for explaining the score."""
    by_source: dict[str, set[str]] = {}
    for claim in claims:
        f = features[claim.id]
        by_source.setdefault(claim.source, set()).update(f.stems, f.names, f.facts)
    common = set.intersection(*by_source.values())
    return tuple(sorted(common))
