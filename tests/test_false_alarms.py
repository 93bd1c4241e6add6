"""False alarms seen on MRPC paraphrase pairs, as a table of cases in our own words.

Each row is two sentences that two outlets could print about one event and the discrepancy types an
editor expects between them (empty: none). The sentences are written for this table, modelled on the
kinds of pair that gave false discrepancies (docs/quality.md), with a fact-changing twin where the
rule that silences the false alarm could also silence a real one.
"""

from __future__ import annotations

import pytest

import factcheck

CASES = [
    # -- dates: when a statement was made, and dates relative to each outlet's publication ----------
    (
        "attribution-date",
        "The airline has expanded its refund policy to cover cancelled flights, company officials said Tuesday.",
        "The airline will now include cancelled flights in its refund policy, company officials said Wednesday.",
        set(),
    ),
    (
        "deictic-day",
        "The ministry asked parliament today for new powers to fight online fraud.",
        "The ministry asked parliament yesterday for new powers to fight online fraud.",
        set(),
    ),
    (
        "past-is-last",
        "In the last month the city has taken steps to move the market out of the old square.",
        "In the past month the city had taken steps to move the market out of the old square.",
        set(),
    ),
    (
        "this-past-week",
        "Both parties campaigned hard this past week ahead of the vote on June 24.",
        "Both parties campaigned hard last week ahead of the vote on June 24.",
        set(),
    ),
    (
        "evening-is-night",
        "The inspector appeared last evening at the house near the station.",
        "The inspector appeared last night at the house near the station.",
        set(),
    ),
    (
        "weekday-changed",
        "The port reopened on Monday after the storm.",
        "The port reopened on Friday after the storm.",
        {"date"},
    ),
    # -- negation: other ways to deny -----------------------------------------------------------------
    (
        "declined-comment",
        "A company spokesman said a search is under way but would not comment on its progress.",
        "A company spokesman said a search is under way but declined comment on its progress.",
        set(),
    ),
    (
        "neither-nor",
        "Police did not immediately release the names of the victims pending family notification.",
        "Neither police nor the mayor would release the names of the victims pending family notification.",
        set(),
    ),
    (
        "no-plans-to",
        "The agency said it would not release the name of the driver because he is a minor.",
        "The agency said it had no plans to release the name of the driver because he was a minor.",
        set(),
    ),
    (
        "declined-is-not-a-denial-of-shares",
        "Shares of the bank declined 2 percent in early trading.",
        "Shares of the bank fell 2 percent in early trading.",
        set(),
    ),
    (
        "negation-added",
        "The agency said it would release the name of the driver.",
        "The agency said it would not release the name of the driver.",
        {"negation"},
    ),
    # -- scope: universal words, "some" as an article, superlatives ------------------------------------
    (
        "entire-is-the-whole",
        "The carrier said it completed checks of its entire fleet of 120 aircraft and found nothing.",
        "The carrier said it had already checked its fleet of 120 aircraft and found nothing.",
        set(),
    ),
    (
        "some-as-article",
        "The council has taken some steps in response to the complaints, such as moving the bins.",
        "The council has taken steps in response to the complaints, such as moving the bins.",
        set(),
    ),
    (
        "most-superlative",
        "Common side effects include headache, nausea and a sore throat.",
        "The most common side effects were headache, nausea and a sore throat.",
        set(),
    ),
    (
        "some-versus-all",
        "The minister said some opposition factions would join the talks.",
        "The minister said all opposition factions would join the talks.",
        {"scope"},
    ),
    # -- quantities -------------------------------------------------------------------------------------
    (
        "dead-and-injured-people",
        "A strong earthquake struck the coast on Tuesday, killing at least three people.",
        "Dozens of people were injured when a strong earthquake struck the coast on Tuesday.",
        set(),
    ),
    (
        "injured-and-dead-people",
        "The quake damaged houses on Tuesday and injured at least five people, officials said.",
        "The quake damaged houses on Tuesday and killed at least one person, officials said.",
        set(),
    ),
    (
        "toll-of-people-changed",
        "A strong earthquake struck the coast on Tuesday, killing at least three people.",
        "A strong earthquake struck the coast on Tuesday, killing at least 10 people.",
        {"quantity"},
    ),
    (
        "injured-people-changed",
        "Police said 12 people were injured in the blast on Monday.",
        "Police said 18 people had been wounded in the blast on Monday.",
        {"quantity"},
    ),
    (
        "ratio-words",
        "The board is split three-to-one on whether to sell the site.",
        "The board is split 3-1 on whether to sell the site.",
        set(),
    ),
    (
        "age-is-not-a-duration",
        "The team had found the same pattern in children aged three and four.",
        "The team had found the same pattern in 3- and 4-year-olds.",
        set(),
    ),
    (
        "count-before-hyphenated-modifier",
        "Fees at the six two-year colleges will rise by $300, to $2,800.",
        "Fees at two-year colleges will rise by $300, to $2,800.",
        set(),
    ),
    (
        "bare-scale-word",
        "She will earn more than the $900,000 that the champion got for winning.",
        "She will earn more than the $900000 (about R7.5-million) the champion got for winning.",
        set(),
    ),
    # -- names ------------------------------------------------------------------------------------------
    (
        "acronym-of-short-words",
        "He has been at UCSD since 1991, after 22 years with Bell Labs.",
        "He has been at UC San Diego since 1991, after 22 years with Bell Labs.",
        set(),
    ),
    (
        "demonym-short-form",
        "Laotian officials called on France to help find another investor for the dam.",
        "Lao officials called on France to help find another investor for the dam.",
        set(),
    ),
    # -- times of day, vague counts of time, and names written two ways (MRPC train, round 2) ---------
    (
        "time-of-day-is-no-count",
        "The polling stations will be open from 8 a.m. to 6 p.m. on June 24 in every district.",
        "The polling stations will be open from 7 a.m. to 7 p.m. on June 24 in every district.",
        set(),
    ),
    (
        "clock-time-with-zone-is-no-count",
        "Shares of the utility were flat at 412 pence by 0940 GMT after the announcement.",
        "Shares of the utility were flat at 412 pence by 1130 GMT after the announcement.",
        set(),
    ),
    (
        "price-changed-beside-a-clock-time",
        "Shares of the utility were flat at 412 pence by 0940 GMT after the announcement.",
        "Shares of the utility were flat at 431 pence by 0940 GMT after the announcement.",
        {"quantity"},
    ),
    (
        "time-zone-is-no-organisation",
        "The organisers extended the online contest until 9am (AEST) on Monday.",
        "The organisers extended the online contest until 7 p.m. EDT on Monday.",
        set(),
    ),
    (
        "vague-count-of-years",
        "The contract will give the nurses real pay rises over the next few years, the union said.",
        "The contract will give the nurses real pay rises over the next three years, the union said.",
        set(),
    ),
    (
        "few-and-several-days",
        "The two suspects are expected to surrender to the police within the next few days.",
        "The two suspects are expected to surrender to the police within the next several days.",
        set(),
    ),
    (
        "counted-years-changed",
        "The contract will give the nurses real pay rises over the next two years, the union said.",
        "The contract will give the nurses real pay rises over the next five years, the union said.",
        {"date"},
    ),
    (
        "a-year-ago-is-last-year",
        "That compares with a profit of $12 million in the same quarter a year ago.",
        "That compares with a profit of $12 million in the same quarter last year.",
        set(),
    ),
    (
        "united-states-spelled-out",
        "The transfer was approved by a U.S. Treasury official working with the new central bank.",
        "The transfer was approved by a United States Treasury official working with the new central bank.",
        set(),
    ),
    (
        "street-and-saint-abbreviated",
        "Traders on Wall Street were cheered by the news from St Anne's hospital.",
        "Traders on WALL St were cheered by the news from Saint Anne's hospital.",
        set(),
    ),
    (
        "dollar-prefix-after-sign",
        "The printer maker rose $US2.10 to $US41.35, recovering part of the $US6.20 it lost on Monday.",
        "The printer maker rose $2.10 to $41.35, recovering part of the $6.20 it lost on Monday.",
        set(),
    ),
    (
        "range-shares-its-unit",
        "The patients weighed 100 kilograms on average and had to lose between 14 and 36 kilograms.",
        "The patients weighed 220 pounds on average and had to lose between 30 and 80 pounds.",
        set(),
    ),
    (
        "ratio-spelled-two-ways",
        "Twenty years ago the ratio of applicants to places was 4 to 1, the dean said.",
        "Twenty years ago the ratio of applicants to places was about 4-to-1, the dean said.",
        set(),
    ),
    (
        "duration-modifier-is-not-a-bare-figure",
        "The index rose to 52.3, recovering from a two-month slump that ended in May at 48.1.",
        "The index rose to 52.3 from 48.1 in May.",
        set(),
    ),
    (
        "none-seriously-is-no-denial",
        "Two grenades were thrown at the patrol on Thursday, wounding five soldiers.",
        "Two grenades were thrown at the patrol on Thursday, wounding five soldiers, none seriously.",
        set(),
    ),
    (
        "a-decade-is-ten-years",
        "Memories live on of the failed mission in the region 10 years ago, the last of its kind.",
        "Memories live on of the failed mission in the region a decade ago, the last of its kind.",
        set(),
    ),
    (
        "last-week-of-a-month-is-no-relative-date",
        "The outbreak threatened to run out of control on the island this month, officials feared.",
        "The outbreak threatened to run out of control on the island in the last week of May, officials feared.",
        set(),
    ),
    (
        "neither-admitted-nor-denied",
        "The bank neither admitted nor denied wrongdoing in the settlement.",
        "The bank did not admit wrongdoing in the settlement.",
        set(),
    ),
    (
        "third-and-final-is-no-share",
        "The final part of the series, The Long Road, opens in cinemas in November.",
        "The third and final part of the series, The Long Road, opens in cinemas in November.",
        set(),
    ),
    (
        "as-part-of-is-no-share",
        "More than half of the tickets were sold in bundles, the club said.",
        "The club said that half the tickets were sold as part of bundles.",
        set(),
    ),
    (
        "company-suffix",
        "The carrier has signed similar deals with Telco Corp. and Midland Networks Inc.",
        "The carrier has signed similar deals with Telco Communications and Midland Networks.",
        set(),
    ),
    (
        "approximate-count-within-a-bound",
        "At least 29 soldiers have been killed in the province since the ceasefire began in May.",
        "Some three dozen soldiers have been killed in the province since the ceasefire began in May.",
        set(),
    ),
    (
        "approximate-count-below-a-bound",
        "At least 29 soldiers have been killed in the province since the ceasefire began in May.",
        "Some 20 soldiers have been killed in the province since the ceasefire began in May.",
        {"quantity"},
    ),
    (
        "percent-is-no-bare-count",
        "But the inspector says only six of the bridges have been fully re-examined.",
        "The inspector said only 1.5 percent of the bridges have been fully re-examined.",
        set(),
    ),
    (
        "sentence-initial-adjective-lower",
        "Appellate courts have issued differing rulings on the question, allowing the displays in some cases.",
        "Lower courts have issued differing rulings on the question, allowing the displays in some cases.",
        set(),
    ),
    # -- names seen in the news clusters: short forms of one name ---------------------------------------
    (
        "state-abbreviation",
        "The governor made the announcement in his hometown of Hope, Arkansas, on Tuesday.",
        "The governor made the announcement in his hometown of Hope, Ark., on Tuesday.",
        set(),
    ),
    (
        "first-name-diminutive",
        "Zachary Barth, an aide to the congressman, was shot in the leg during the practice.",
        "Zack Barth, an aide to the congressman, was shot in the leg during the practice.",
        set(),
    ),
    (
        "first-name-changed",
        "Mark Barth, an aide to the congressman, was shot in the leg during the practice.",
        "Steve Barth, an aide to the congressman, was shot in the leg during the practice.",
        {"entity"},
    ),
    (
        "group-known-by-two-names-with-a-modifier",
        "The extremist Daesh group claimed responsibility for the attack on the checkpoint.",
        "The extremist Takfiri ISIL group claimed responsibility for the attack on the checkpoint.",
        set(),
    ),
    (
        "lengths-of-time-of-different-things",
        "The president said Friday he will sign a short-term bill to reopen the government, ending the partial shutdown that has dragged on for more than a month, a day after ruling it out.",
        "The president announced Friday a short-term bill that will reopen the government for three weeks, ending the partial shutdown.",
        set(),
    ),
    (
        "ages-of-different-people",
        "Police identified the other victims of the shooting as a 47-year-old man and a 48-year-old man.",
        "A 63-year-old woman and two men, ages 47 and 48, were the other victims of the shooting, police said.",
        set(),
    ),
    (
        "duration-swapped-in-a-near-copy",
        "The jury deliberated almost seven hours before finding the driver guilty.",
        "The jury deliberated almost three hours before finding the driver guilty.",
        {"quantity"},
    ),
    (
        "odds-written-two-ways",
        "But there is a 1 in 3 chance that the party could lose the seat.",
        "But there is a one-in-three chance the party could lose the seat, he said.",
        set(),
    ),
    (
        "exact-sum-and-the-same-sum-in-millions",
        "The campaign raised $43,885,310 in the quarter, its filing showed.",
        "The campaign raised $43 million in the quarter, its filing showed.",
        set(),
    ),
    (
        "exact-sum-outside-the-millions",
        "The campaign raised $45,885,310 in the quarter, its filing showed.",
        "The campaign raised $43 million in the quarter, its filing showed.",
        {"quantity"},
    ),
    (
        "a-figure-compared-to-a-count-counts-the-same",
        "Police said there were six arrests on Wednesday in the city, compared to 47 the previous night.",
        "Police in the city made 47 arrests the previous night, the department said on Wednesday.",
        set(),
    ),
    (
        "the-day-of-an-interview",
        "In the interview, Jane Ross said she heard the crash from the kitchen early Saturday morning.",
        "Jane Ross heard the crash from the kitchen, she said in an interview Tuesday.",
        set(),
    ),
    (
        "another-day-for-the-event",
        "Jane Ross said she heard the crash from the kitchen early Saturday morning.",
        "Jane Ross said she heard the crash from the kitchen early Tuesday morning.",
        {"date"},
    ),
    (
        "a-list-of-years-reordered",
        "Earlier this year, the company announced a restatement of its 2002, 2001 and 2000 financial results.",
        "Earlier this year, the company said it would restate its 2000, 2001 and 2002 financial results.",
        set(),
    ),
    (
        "a-list-of-years-changed",
        "Earlier this year, the company announced a restatement of its 2002, 2001 and 2000 financial results.",
        "Earlier this year, the company said it would restate its 1999, 2001 and 2002 financial results.",
        {"date"},
    ),
    (
        "stretches-of-time-that-reach-now",
        "The chief executive is the second to strike a deal with prosecutors in the past two weeks.",
        "The chief executive is the second to strike a deal with prosecutors this month.",
        set(),
    ),
    (
        "a-calendar-month-is-no-stretch-that-reaches-now",
        "The chief executive is the second to strike a deal with prosecutors last month.",
        "The chief executive is the second to strike a deal with prosecutors this month.",
        {"date"},
    ),
    (
        "acronym-of-a-name-that-opens-the-sentence",
        "Air Transport Association spokeswoman Dana Crane said bookings were down in June.",
        "ATA spokeswoman Dana Crane said bookings were down in June.",
        set(),
    ),
    (
        "another-organisation-for-the-one-that-opens-the-sentence",
        "Air Transport Association spokeswoman Dana Crane said bookings were down in June.",
        "NBAA spokeswoman Dana Crane said bookings were down in June.",
        {"entity"},
    ),
    (
        "odds-in-a-headline-and-hyphenated",
        "Boehner: '1 In 3 Chance' Republicans Lose Control Of House",
        "Boehner: '1-in-3 chance' Republicans could lose House in November",
        set(),
    ),
]


@pytest.mark.parametrize(("name", "a", "b", "expected"), CASES, ids=[c[0] for c in CASES])
def test_paraphrase_gives_only_the_expected_discrepancies(
    name: str, a: str, b: str, expected: set[str]
) -> None:
    report = factcheck.compare([a, b])
    found = {d.type for g in report.groups for d in g.discrepancies}
    assert found == expected, [(d.type, d.values) for g in report.groups for d in g.discrepancies]


def test_a_title_is_no_part_of_a_name() -> None:
    report = factcheck.compare(
        [
            "Miss Stewart is being prosecuted not because of who she is but what she did, the prosecutor said.",
            "Martha Stewart is being prosecuted not because of who she is but what she did, the prosecutor said.",
        ]
    )
    assert [d for g in report.groups for d in g.discrepancies] == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "The Defense Department statement said access to a lawyer was not required by law.",
            "The Pentagon statement said access to a lawyer was not required by law.",
        ),
        (
            "Lesser rewards of $15 million each were offered for his two sons.",
            "Similar rewards of $15 million each were offered for his two sons.",
        ),
        (
            "Powerful earthquake shakes the coastal province, injuring dozens of people",
            "Strong earthquake shakes the coastal province, injuring dozens of people",
        ),
        (
            "Massive earthquake shakes the coastal province, injuring dozens of people",
            "Magnitude-6 earthquake shakes the coastal province, injuring dozens of people",
        ),
    ],
    ids=[
        "pentagon-is-the-defense-department",
        "sentence-initial-adjective-is-no-name",
        "headline-adjective-is-no-name",
        "headline-magnitude-is-no-name",
    ],
)
def test_one_organisation_two_names_and_adjectives_are_no_names(a: str, b: str) -> None:
    report = factcheck.compare([a, b])
    assert [d for g in report.groups for d in g.discrepancies] == []


def test_headline_adjectives_are_no_names_among_many_sources_and_a_name_still_is() -> None:
    # Seen on a 14-outlet earthquake cluster: "Powerful" and "Strong" reported as two different names.
    headlines = [
        "Powerful earthquake shakes the coastal province, injuring dozens of people",
        "Strong earthquake shakes the coastal province, injuring dozens of people",
        "Deadly earthquake shakes the coastal province, injuring dozens of people",
    ]
    report = factcheck.compare(headlines)
    assert [d for g in report.groups for d in g.discrepancies] == []
    # The twin: a name at the same place is still compared.
    names = factcheck.compare(
        [
            "Jakarta earthquake shakes the coastal province, injuring dozens of people",
            "Manila earthquake shakes the coastal province, injuring dozens of people",
        ]
    )
    assert [d.type for g in names.groups for d in g.discrepancies] == ["entity"]
    # A name that opens with an adjective too common in names to be on the list keeps its first word.
    bells = factcheck.compare(
        ["Big Ben was damaged in the storm on Monday.", "Big Bertha was damaged in the storm on Monday."]
    )
    assert [d.values for g in bells.groups for d in g.discrepancies] == [{"A": "Big Ben", "B": "Big Bertha"}]


@pytest.mark.parametrize(
    ("a", "b", "fact"),
    [
        ("An earthquake struck the coast on Tuesday, killing at least three people.",
         "An earthquake struck the coast on Tuesday, killing at least 10 people.", "people killed"),
        ("Police said 12 people were injured in the blast on Monday.",
         "Police said 18 people had been wounded in the blast on Monday.", "people injured"),
        # A fate read on one side only: compared as people, named as people.
        ("Seven people were shot dead in the attack on Monday, police said.",
         "Eight people were killed in the attack on Monday, police said.", "people"),
    ],
)  # fmt: skip
def test_a_toll_of_people_is_named_by_what_befell_them(a: str, b: str, fact: str) -> None:
    report = factcheck.compare([a, b]).to_dict()
    assert [d["fact"] for g in report["groups"] for d in g["discrepancies"]] == [fact]
