"""Judge: which aligned claims conflict, on hand-built claims and facts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.judge import judge, quantities_compatible
from factcheck.model import Alignment, Claim, Fact
from factcheck.settings import Settings


def qty(value: float, unit: str | None = None, qualifier: str | None = None, key: str = "") -> Fact:
    text = " ".join(x for x in (qualifier, str(value), unit) if x)
    return Fact("quantity", text, 0, len(text), value, unit, qualifier, key)


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        (qty(300, qualifier="over"), qty(300, qualifier="more than"), True),
        (qty(300, qualifier="over"), qty(310), True),
        (qty(300, qualifier="over"), qty(200), False),
        (qty(300, qualifier="about"), qty(310), True),
        (qty(300, qualifier="about"), qty(400), False),
        (qty(43, qualifier="at least"), qty(112, qualifier="at least"), False),
        (qty(100, qualifier="up to"), qty(80), True),
        (qty(183), qty(193), False),
        (qty(4), qty(4.0), True),
    ],
)
def test_judge_quantities_compatible(a: Fact, b: Fact, compatible: bool) -> None:
    assert quantities_compatible(a, b, 0.1) is compatible
    assert quantities_compatible(b, a, 0.1) is compatible


def claim(cid: str, text: str, facts: tuple[Fact, ...] = ()) -> Claim:
    return Claim(cid, cid[0], 0, text, 0, len(text), 1, facts)


def fact_in(text: str, words: str, fact_type: str, value: object, **extra: object) -> Fact:
    start = text.index(words)
    return Fact(fact_type, words, start, start + len(words), value, **extra)  # type: ignore[arg-type]


def test_judge_lone_claim_is_unique() -> None:
    group = judge(Alignment((claim("A1", "Rebels took the city."),), 0.0), "G1", Settings(), {})
    assert group.status == "unique" and group.discrepancies == ()


def test_judge_keyed_counts_conflict_and_name_both_values() -> None:
    a_text, b_text = "The clashes killed over 300 people.", "The clashes killed 200 people."
    a = claim(
        "A1", a_text, (fact_in(a_text, "over 300 people", "quantity", 300, qualifier="over", key="person"),)
    )
    b = claim("B1", b_text, (fact_in(b_text, "200 people", "quantity", 200, key="person"),))
    group = judge(Alignment((a, b), 0.8), "G1", Settings(), {})
    assert group.status == "discrepancy"
    (finding,) = group.discrepancies
    assert finding.type == "quantity"
    assert finding.values == {"A": "over 300 people", "B": "200 people"}
    assert "A: over 300 people; B: 200 people" in finding.explanation


def test_judge_counts_of_different_things_never_conflict() -> None:
    a_text, b_text = "Four civilians were killed.", "Twelve soldiers were killed."
    a = claim("A1", a_text, (fact_in(a_text, "Four civilians", "quantity", 4, key="civilian"),))
    b = claim("B1", b_text, (fact_in(b_text, "Twelve soldiers", "quantity", 12, key="soldier"),))
    assert judge(Alignment((a, b), 0.5), "G1", Settings(), {}).status == "agreement"


def test_judge_different_years_conflict() -> None:
    a_text, b_text = "The army seized Aleppo in 2016.", "The army seized Aleppo in 2015."
    a = claim("A1", a_text, (fact_in(a_text, "2016", "date", "2016", key="year"),))
    b = claim("B1", b_text, (fact_in(b_text, "2015", "date", "2015", key="year"),))
    (finding,) = judge(Alignment((a, b), 0.9), "G1", Settings(), {}).discrepancies
    assert finding.type == "date" and finding.values == {"A": "2016", "B": "2015"}


def test_judge_swapped_place_in_a_near_copy_conflicts() -> None:
    a_text, b_text = (
        "Rebels seized the town of Saraqib on Friday.",
        "Rebels seized the town of Hama on Friday.",
    )
    a = claim("A1", a_text, (fact_in(a_text, "Saraqib", "entity", "saraqib", key="place", label="place"),))
    b = claim("B1", b_text, (fact_in(b_text, "Hama", "entity", "hama", key="place", label="place"),))
    (finding,) = judge(Alignment((a, b), 0.9), "G1", Settings(), {}).discrepancies
    assert finding.type == "entity" and finding.values == {"A": "Saraqib", "B": "Hama"}


def test_judge_acronym_alias_is_the_same_entity() -> None:
    a_text, b_text = "Fighters of HTS entered the city.", "Fighters of Hayat Tahrir al-Sham entered the city."
    a = claim("A1", a_text, (fact_in(a_text, "HTS", "entity", "hts", key="org", label="org"),))
    name = "Hayat Tahrir al-Sham"
    b = claim("B1", b_text, (fact_in(b_text, name, "entity", name.lower(), key="org", label="org"),))
    aliases = {"hts": "hayat tahrir al-sham"}
    assert judge(Alignment((a, b), 0.9), "G1", Settings(), aliases).status == "agreement"


def test_judge_free_rewording_never_reads_as_swap() -> None:
    a_text = "Despite the claims, rebels seized the town of Saraqib southwest of Aleppo."
    b_text = "Rebels also took a base and the town of Saraqib, on the highway to Damascus."
    a = claim("A1", a_text, (fact_in(a_text, "Aleppo", "entity", "aleppo", key="place", label="place"),))
    b = claim("B1", b_text, (fact_in(b_text, "Damascus", "entity", "damascus", key="place", label="place"),))
    assert judge(Alignment((a, b), 0.5), "G1", Settings(), {}).status == "agreement"


@pytest.mark.parametrize(
    ("left", "right"),
    [("Raqa", "Raqqa"), ("Nicholas Sarkozy", "Nicolas Sarkozy"), ("Butcher", "Mike Butcher")],
)
def test_judge_spelling_variants_are_one_name(left: str, right: str) -> None:
    a_text, b_text = (
        f"Officials in {left} said the town was calm.",
        f"Officials in {right} said the town was calm.",
    )
    a = claim("A1", a_text, (fact_in(a_text, left, "entity", left.lower(), key="place", label="place"),))
    b = claim("B1", b_text, (fact_in(b_text, right, "entity", right.lower(), key="place", label="place"),))
    assert judge(Alignment((a, b), 0.9), "G1", Settings(), {}).status == "agreement"


def test_judge_weekdays_in_loose_claims_do_not_conflict() -> None:
    a_text = "Smith met the governor on Thursday evening in the capital."
    b_text = "Documents about the governor's meeting with Smith were released on Friday."
    a = claim("A1", a_text, (fact_in(a_text, "Thursday", "date", "thursday", key="weekday"),))
    b = claim("B1", b_text, (fact_in(b_text, "Friday", "date", "friday", key="weekday"),))
    assert judge(Alignment((a, b), 0.4), "G1", Settings(), {}).status == "agreement"


# --- Issue 6: N sources, values keyed by every source, majority and outliers ------------------------------


def test_n_way_quantity_discrepancy_names_every_source_and_the_majority() -> None:
    import factcheck

    texts = [
        "The clashes have led to over 300 deaths in Aleppo, monitors said.",
        "The clashes have led to 200 deaths in Aleppo, monitors said.",
        "The clashes have led to more than 300 deaths in Aleppo, monitors said.",
        "The clashes have led to over 300 deaths in Aleppo, monitors said.",
    ]
    data = factcheck.compare(texts).to_dict()
    found = [d for g in data["groups"] for d in g["discrepancies"]]
    assert len(found) == 1
    discrepancy = found[0]
    assert set(discrepancy["values"]) == {"A", "B", "C", "D"}
    assert discrepancy["majority"] == ["A", "C", "D"]
    assert "A, D: over 300 deaths" in discrepancy["explanation"]
    assert "B: 200 deaths" in discrepancy["explanation"]


def test_beyond_26_sources_values_and_explanations_follow_the_source_order() -> None:
    """Ids past Z (AA, AB) were sorted as strings: "AA, C, F" in the explanation, "C, F, AA" in the matrix."""
    import factcheck
    from factcheck.read import source_ids

    texts = [
        f"The clashes have led to {200 + 100 * (n % 2)} deaths in Aleppo, monitors said." for n in range(28)
    ]
    data = factcheck.compare(texts).to_dict()
    [discrepancy] = [d for g in data["groups"] for d in g["discrepancies"]]
    ids = source_ids(28)
    assert list(discrepancy["values"]) == ids
    assert discrepancy["explanation"].endswith(", ".join(ids[1::2]) + ": 300 deaths")
    assert ": 200 deaths; " in discrepancy["explanation"] and discrepancy["explanation"].count("AA") == 1


def test_silent_sources_are_listed_per_group() -> None:
    import factcheck

    texts = [
        "Rebels seized the town of Saraqib on Friday.",
        "Rebels seized the town of Saraqib on Friday.",
        "The weather in Geneva was mild as diplomats met.",
    ]
    data = factcheck.compare(texts).to_dict()
    aligned = [g for g in data["groups"] if g["status"] == "agreement"]
    assert aligned and aligned[0]["silent"] == ["C"]


# --- False alarms found on MRPC train and in the news clusters (regressions) ------------------------------


def _discrepancies(a: str, b: str) -> list[dict]:
    import factcheck

    data = factcheck.compare([a, b]).to_dict()
    return [d for g in data["groups"] for d in g["discrepancies"]]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a figure rounded or cut to fewer decimals
        ("It spent $114.3 million on disaster relief.", "It spent $114 million on disaster relief."),
        ("The index slipped 1.23 percent to 981.73.", "The index slipped 1.2 percent to 981.73."),
        ("The index closed at 1,121 points.", "The index closed at 1,121.96 points."),
        # an acronym and its long form, a dotted acronym
        (
            "The AP quotes a local policeman as saying so.",
            "Associated Press quotes a local policeman as saying so.",
        ),
        ("The IRS audited the charity last year.", "The I.R.S. audited the charity last year."),
        # a list in another order
        (
            "The other nations are Britain, Germany, Italy and Spain.",
            "The other nations are Germany, Italy, Spain and Britain.",
        ),
        # two kinds of name in a free rewording
        (
            "Missouri Gov. Bob Holden asked the White House to declare a disaster.",
            "Gov. Bob Holden asked Bush to declare a disaster.",
        ),
        # a contraction, an approximate figure, an adverb
        ("He did not say what agent was used.", "He didn't say what agent was used."),
        ("The attack claimed the lives of some 80 people.", "The attack claimed the lives of 80 people."),
        ("We are all deeply shocked by the attack.", "We are deeply shocked by the attack."),
        # a floating "all", a contraction as scraped text spells it
        (
            "The narrator said they were all members of a single family.",
            "A voice-over said they were members of a single family.",
        ),
        ("He did not say what agent was used.", "He didnt say what agent was used."),
        # "dozens injured, child dead" is no contradiction of "injures dozens"
        (
            "Dozens injured, child dead as 6.1-magnitude earthquake hits Indonesia's Aceh",
            "Powerful 6.1 magnitude earthquake injures dozens in Indonesia's Aceh province",
        ),
        # a country and a city in it
        (
            "Rioters set fire to a bank in Greece on Wednesday.",
            "Rioters set fire to a bank in Athens on Wednesday.",
        ),
    ],
)
def test_no_false_alarm(a: str, b: str) -> None:
    assert _discrepancies(a, b) == []


def test_a_rounded_figure_still_conflicts_with_a_different_one() -> None:
    found = _discrepancies("The toll rose to 12 dead on Monday.", "The toll rose to 13 dead on Monday.")
    assert [d["values"] for d in found] == [{"A": "12 dead", "B": "13 dead"}]


def test_an_exactly_swapped_unknown_name_still_conflicts() -> None:
    found = _discrepancies(
        "He is expected to be handed over to the Detroit police.",
        "He is expected to be handed over to the Troy police.",
    )
    assert [(d["type"], d["values"]) for d in found] == [("entity", {"A": "Detroit", "B": "Troy"})]


@given(
    st.lists(st.sampled_from(["a", "b", "c", "d", "e", "f"]), max_size=12),
    st.lists(st.sampled_from(["a", "b", "c", "d", "e", "f"]), max_size=12),
)
def test_quick_too_different_test_is_difflibs_quick_ratio(left: list[str], right: list[str]) -> None:
    from difflib import SequenceMatcher

    from factcheck.judge import MIN_SWAP_SIMILARITY, _quickly_too_different

    quick = SequenceMatcher(None, left, right, autojunk=False).quick_ratio()
    assert _quickly_too_different(tuple(left), tuple(right)) == (quick < MIN_SWAP_SIMILARITY)


def test_odds_are_shown_with_what_they_are_out_of() -> None:
    import factcheck

    report = factcheck.compare(
        [
            'The senator said there is a "1 in 3" chance that the party will lose the seat.',
            'The senator said there is a "two in 3" chance that the party will lose the seat.',
        ]
    )
    [found] = [d for g in report.groups for d in g.discrepancies]
    assert (found.fact, found.values) == ("odds", {"A": "1 in 3", "B": "two in 3"})
    assert found.explanation == "different odds: A: 1 in 3; B: two in 3"


@pytest.mark.parametrize(
    ("a", "b", "values"),
    [
        (
            "It is a total hoax, she said.",
            "It is not a hoax, she said.",
            {"A": "a total hoax", "B": "not a hoax"},
        ),
        (
            "Officials said the bomb exploded near the market.",
            "Officials said the bomb never exploded near the market.",
            {"A": "exploded", "B": "never exploded"},
        ),
        (
            "The company denied the report.",
            "The company confirmed the report.",
            {"A": "denied", "B": "confirmed"},
        ),
    ],
    ids=["through-the-shared-word", "inserted-negator", "word-for-word"],
)
def test_a_denial_quotes_what_each_side_says(a: str, b: str, values: dict[str, str]) -> None:
    import factcheck

    [found] = [d for g in factcheck.compare([a, b]).groups for d in g.discrepancies]
    assert (found.type, found.values) == ("negation", values)
