"""Align: scoring and matching, on short hand-written claims (facts from the real extractor)."""

from __future__ import annotations

import numpy as np

from factcheck.align import align, idf_cosine_matrix, idf_weights, match_pairs
from factcheck.facts import extract_facts
from factcheck.model import Claim
from factcheck.settings import Settings


def make(cid: str, text: str) -> Claim:
    return Claim(cid, cid[0], 0, text, 0, len(text), 1, extract_facts(text, 0))


def test_align_idf_cosine_weights_rare_items_more() -> None:
    bags = [
        frozenset({"aleppo", "saraqib"}),
        frozenset({"aleppo", "citadel"}),
        frozenset({"aleppo", "saraqib"}),
    ]
    idf = idf_weights(bags)
    assert idf["saraqib"] > idf["aleppo"]
    scores = idf_cosine_matrix(bags[:1], bags[1:], idf)
    assert scores[0, 1] > 0.99 and scores[0, 0] < scores[0, 1]


def test_align_match_pairs_is_one_to_one_by_score() -> None:
    scores = np.array([[0.9, 0.8], [0.85, 0.1]])
    pairs = match_pairs(scores, 0.5)
    assert (0, 0, 0.9) in [(r, c, round(s, 2)) for r, c, s in pairs]
    # Row 1's only partner is taken by a better pair; 0.85 >= 0.9 * ATTACH_RATIO so it joins that group.
    assert {(r, c) for r, c, _ in pairs} == {(0, 0), (1, 0)}


def test_align_match_pairs_respects_threshold() -> None:
    assert match_pairs(np.array([[0.2, 0.1]]), 0.5) == []


def test_align_groups_paraphrases_and_leaves_the_rest_unique() -> None:
    a = (
        make("A1", "Rebels seized the strategic town of Saraqib on Friday."),
        make("A2", "The clashes have led to over 300 deaths."),
    )
    b = (
        make("B1", "The strategic town of Saraqib was captured by rebels."),
        make("B2", "Thousands of families face freezing winter conditions."),
    )
    groups = align({"A": a, "B": b}, Settings(), {})
    by_members = sorted(tuple(c.id for c in g.claims) for g in groups)
    assert by_members == [("A1", "B1"), ("A2",), ("B2",)]
    saraqib = next(g for g in groups if len(g.claims) == 2)
    assert "entity:saraqib" in saraqib.matched


def test_align_headings_only_align_with_headings() -> None:
    a = (make("A1", "Saraqib Falls to Rebels"),)
    b = (make("B1", "Rebels took Saraqib, and it fell within hours."),)
    groups = align({"A": a, "B": b}, Settings(threshold=0.01), {})
    assert all(len(g.claims) == 1 for g in groups)
