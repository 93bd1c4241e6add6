"""Atomic claims: a sentence splits where it carries separable facts, offsets kept."""

from __future__ import annotations

import pytest

from factcheck.claims import article_claims, claims_from_sentences, split_article
from factcheck.clean import clean
from factcheck.model import Claim, Fact
from factcheck.read import read_source

TOLL = (
    "The clashes have led to over 300 deaths, including 183 from HTS and allied factions, "
    "100 government soldiers, and 28 civilians."
)


def claims_of(text: str):
    return claims_from_sentences(split_article(clean(read_source(text, "A"))))


def test_a_breakdown_list_is_one_claim_per_count() -> None:
    claims = claims_of(TOLL)
    assert [c.text for c in claims] == [
        "The clashes have led to over 300 deaths",
        "183 from HTS and allied factions",
        "100 government soldiers",
        "28 civilians",
    ]
    assert {c.sentence for c in claims} == {0}
    assert all(TOLL[c.start : c.end] == c.text for c in claims)
    assert all((c.sentence_start, c.sentence_end) == (0, len(TOLL)) for c in claims)


def test_each_part_keeps_what_it_counts() -> None:
    keys = [[(f.value, f.key) for f in c.facts if f.type == "quantity"] for c in claims_of(TOLL)]
    assert keys == [[(300, "death")], [(183, "death")], [(100, "soldier")], [(28, "civilian")]]


def test_semicolon_clauses_are_separate_claims_and_short_ones_are_not() -> None:
    text = "Rebels seized the airport on Friday; government forces withdrew from the city center."
    assert [c.text for c in claims_of(text)] == [
        "Rebels seized the airport on Friday",
        "government forces withdrew from the city center.",
    ]
    assert len(claims_of("It rained; so what.")) == 1


def test_a_sentence_without_a_breakdown_stays_whole() -> None:
    text = "Rebels seized a base, a town, and an airport."
    assert [c.text for c in claims_of(text)] == [text]


def test_a_list_of_seized_places_is_one_claim_per_seizure() -> None:
    text = "Rebels seized Saraqib, Maarat al-Numan and Khan Shaykhun on Friday."
    claims = claims_of(text)
    assert [c.text for c in claims] == [
        "Rebels seized Saraqib",
        "Maarat al-Numan",
        "Khan Shaykhun on Friday.",
    ]
    events = [[(f.value, f.actor, f.target) for f in c.facts if f.type == "event"] for c in claims]
    assert events == [
        [("capture", "rebels", "Saraqib")],
        [("capture", "rebels", "Maarat al-Numan")],
        [("capture", "rebels", "Khan Shaykhun")],
    ]
    assert all(text[c.start : c.end] == c.text for c in claims)


def test_a_possessive_ends_the_list() -> None:
    text = "HTS insurgents took control of Aleppo, Syria’s second-largest city."
    assert [c.text for c in claims_of(text)] == [text]


@pytest.mark.parametrize(
    "text",
    [
        "The men were smuggled into Blaine, Wash., from Canada last month.",
        "The doctor was killed in his home in Amherst, N.Y., by a sniper.",
        "The Schaumburg, Ill.-based company attacked the rival bid.",
        "The House backed the bill sponsored by Rep. Scott McInnis, R-Colo.",
        "Gunmen attacked a bank in Dallas, Texas, on Monday.",
        "Rebels seized Saraqib, Syria, on Friday.",
    ],
    ids=[
        "state-abbreviation",
        "postal-abbreviation",
        "state-before-hyphen",
        "party-and-state",
        "state",
        "country",
    ],
)
def test_a_place_and_its_state_or_country_are_no_list(text: str) -> None:
    """ "Blaine, Wash." names one place: the state or country after a comma qualifies it."""
    assert [c.text for c in claims_of(text)] == [text]


def test_a_list_of_places_skips_their_states() -> None:
    text = "The agency closed bookstores in Chicago, Birmingham, Ala., Cleveland, Columbus, Ohio, and Boston."
    assert [c.text for c in claims_of(text)] == [
        "The agency closed bookstores in Chicago",
        "Birmingham, Ala",
        "Cleveland",
        "Columbus, Ohio",
        "Boston.",
    ]


def test_a_name_with_a_title_after_it_is_no_list_item() -> None:
    text = '"We make no apologies," said Barbara Comstock, Justice Department spokeswoman.'
    assert [c.text for c in claims_of(text)] == [text]


def test_claims_given_a_role_copy_every_field_but_the_source_and_id() -> None:
    """An article is split once and its claims handed to each role (A, B, ...) it plays: the copy keeps
    every other field, so a field added to Claim must be copied too."""
    from dataclasses import fields, replace

    from factcheck.claims import _as_source

    def distinct(name: str, kind: str, n: int) -> object:
        """A value of the field's type that no other field has (compiled modules check the types)."""
        if kind == "int":
            return 1000 + n
        if kind.startswith("tuple"):
            return (Fact("entity", f"{name}-value", n, n + 1, f"{name}-value"),)
        return f"{name}-value"

    def type_name(kind: object) -> str:
        # A string under ``from __future__ import annotations``; the class itself in the compiled build.
        return kind if isinstance(kind, str) else str(getattr(kind, "__name__", kind))

    values = {f.name: distinct(f.name, type_name(f.type), n) for n, f in enumerate(fields(Claim))}
    unlabelled = Claim(**values)  # type: ignore[arg-type]
    expected = replace(unlabelled, id="B" + unlabelled.id, source="B")
    assert _as_source(unlabelled, "B") == expected


def test_an_article_gives_the_same_claims_in_each_role() -> None:
    text = "Rebels seized Saraqib on Friday. Over 300 people were killed, the monitor said."
    as_a = article_claims(clean(read_source(text, "A")))
    as_b = article_claims(clean(read_source(text, "B")))
    assert [c.id for c in as_a] == ["A1", "A2"] and [c.id for c in as_b] == ["B1", "B2"]
    assert {c.source for c in as_b} == {"B"}
    assert [(c.text, c.start, c.facts) for c in as_a] == [(c.text, c.start, c.facts) for c in as_b]


def test_an_article_in_any_role_leads_back_to_its_claims_in_no_role() -> None:
    """role_free gives the one tuple of claims an article's roles were copied from, so what alignment
    remembers of the article (its block of terms) is kept once, not once per role."""
    from factcheck.claims import role_free

    text = "Rebels seized Saraqib on Friday. Over 300 people were killed, the monitor said."
    as_a = article_claims(clean(read_source(text, "A")))
    as_b = article_claims(clean(read_source(text, "B")))
    assert role_free(as_a) is role_free(as_b)
    assert [c.id for c in role_free(as_a)] == ["1", "2"] and {c.source for c in role_free(as_a)} == {""}
    unknown = tuple(as_a)[:1]
    assert role_free(unknown) is unknown  # claims not remembered as an article's are their own
