"""Issue 3's proof on the fixture pair: the findings an editor must see, side by side.

- both sources name rebels as taking Saraqib;
- A gives a death toll (over 300, with its breakdown) and B gives none, and the report leads with it;
- A says the rebels took most of Aleppo where B says they took the city.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import factcheck
from factcheck.report import unique_claims

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def data() -> dict:
    return factcheck.compare([ROOT / "fixtures/aleppo_a.txt", ROOT / "fixtures/aleppo_b.txt"]).to_dict()


def _texts(data: dict, group: dict) -> dict[str, str]:
    claims = {c["id"]: c for c in data["claims"]}
    return {c: claims[c]["text"] for c in group["claims"]}


def test_both_sources_name_rebels_as_taking_saraqib(data: dict) -> None:
    sides = [
        a["values"]
        for g in data["groups"]
        for a in g["agreed"]
        if a["type"] == "event" and "saraqib" in a["fact"].lower()
    ]
    assert sides, "no group sets the two accounts of Saraqib side by side"
    values = sides[0]
    assert set(values) == {"A", "B"}
    assert all(v.lower().startswith("rebels") and "capture" in v and "Saraqib" in v for v in values.values())


def test_only_a_gives_the_death_toll_with_its_breakdown_and_it_leads(data: dict) -> None:
    ranked = unique_claims(data)
    toll = ["over 300 deaths", "183", "100 government soldiers", "28 civilians"]
    a_texts = [c["text"] for c in ranked["A"]]
    for part in toll:
        assert any(part in text for text in a_texts), f"{part!r} is not unique to A"
    assert "over 300 deaths" in a_texts[0] or any(part in a_texts[0] for part in toll)
    b_facts = [f for c in data["claims"] if c["source"] == "B" for f in c["facts"]]
    assert not any(f["type"] == "quantity" and f["key"] == "death" for f in b_facts)


def test_a_says_most_of_aleppo_where_b_says_the_city(data: dict) -> None:
    scopes = [
        (g, d)
        for g in data["groups"]
        for d in g["discrepancies"]
        if d["type"] == "scope" and "aleppo" in d["fact"].lower()
    ]
    assert len(scopes) == 1, [(g["id"], _texts(data, g)) for g, _ in scopes]
    group, discrepancy = scopes[0]
    assert discrepancy["values"]["A"] == "most of Aleppo"
    assert discrepancy["values"]["B"] == "Aleppo"
    assert group["status"] == "discrepancy"
    assert len([d for g in data["groups"] for d in g["discrepancies"]]) == 1, (
        "no other discrepancy is expected"
    )


def test_the_conflicting_event_is_not_also_listed_as_agreed(data: dict) -> None:
    group = next(g for g in data["groups"] if any(d["type"] == "scope" for d in g["discrepancies"]))
    assert not [a for a in group["agreed"] if a["type"] == "event" and "aleppo" in a["fact"].lower()]
