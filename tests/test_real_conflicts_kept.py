"""Real conflicts that the false-alarm rules of tests/test_false_alarms.py must not silence.

Found by reviewing those rules (2026-11-25): each row is a pair where a fact-checker wants the
discrepancy, written in our own words; most sit next to a row of test_false_alarms.py that the same rule
keeps quiet.
"""

from __future__ import annotations

import pytest

import factcheck
from factcheck.facts import extract_facts

CASES = [
    # A count of people whose fate is not read is still compared with one whose fate is (test_facts).
    ("shot-dead-against-killed", "Seven people were shot dead in the attack on Monday, police said.",
     "Eight people were killed in the attack on Monday, police said.", "quantity"),
    ("all-on-board-changed", "The plane crashed into the sea, killing all 150 people on board.",
     "The plane crashed into the sea, killing 148 people on board.", "quantity"),
    ("found-dead-against-died", "Seven people were found dead after the floods, officials said.",
     "Nine people died in the floods, officials said.", "quantity"),
    ("odds-changed", "Seven in 10 voters oppose the new tax, the poll found.",
     "Four in 10 voters oppose the new tax, the poll found.", "quantity"),
    ("toll-in-hours-changed", "Clashes in the north killed 9 in 24 hours, the monitor said.",
     "Clashes in the north killed 19 in 24 hours, the monitor said.", "quantity"),
    ("age-reworded", "Police arrested a 47-year-old man from the town on Sunday.",
     "A 52-year-old man from the town was arrested by police on Sunday.", "quantity"),
    ("prison-term-reworded", "The former mayor was sentenced to 10 years in prison for bribery.",
     "The former mayor received a 12-year prison sentence for bribery.", "quantity"),
    ("percent-against-a-bare-level", "Unemployment in the region rose to 5.2 percent in March.",
     "Unemployment in the region rose to 7.4 in March.", "quantity"),
    ("none-reportedly", "All of the passengers reportedly survived the crash, officials said.",
     "None of the passengers reportedly survived the crash, officials said.", "negation"),
    ("actor-backed-by", "Government troops backed by Russian air strikes recaptured the town on Monday.",
     "Rebels backed by Turkish artillery recaptured the town on Monday.", "event"),
    ("vague-against-many-years", "The party has run the city for the past few years, critics say.",
     "The party has run the city for the past 30 years, critics say.", "date"),
    ("state-prefix-is-no-short-form", "The senator from Kentucky spoke first at the hearing.",
     "The senator from Kent spoke first at the hearing.", "entity"),
    ("given-name-prefix", "Samantha Brown, the club's treasurer, resigned on Friday.",
     "Sam Brown, the club's treasurer, resigned on Friday.", "entity"),
    ("cut-of-most-of-a-unit", "The company paid $1,900,000,000 for the stake last year.",
     "The company paid $1 billion for the stake last year.", "quantity"),
    ("ranking-changed", "She rose to world No. 3 after the final on Sunday.",
     "She rose to world No. 5 after the final on Sunday.", "quantity"),
    ("cell-size-changed", "The prisoners were held in 6-by-8 foot cells, the report said.",
     "The prisoners were held in 10-by-12 foot cells, the report said.", "quantity"),
    ("relative-date-before-of", "Over the past week of clashes the army lost ground in the north.",
     "Over the past month of clashes the army lost ground in the north.", "date"),
    ("noncommittal-against-denial", "The ministry neither confirmed nor denied the report on Monday.",
     "The ministry denied the report on Monday.", "negation"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "a", "b", "expected"), CASES, ids=[c[0] for c in CASES])
def test_the_real_change_is_reported(name: str, a: str, b: str, expected: str) -> None:
    report = factcheck.compare([a, b])
    found = {d.type for g in report.groups for d in g.discrepancies}
    assert expected in found, [(d.type, d.values) for g in report.groups for d in g.discrepancies]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On 12 June 3 soldiers died in the attack.", [("date", "12 June"), ("quantity", "3 soldiers")]),
        ("On 5 May 12 people were killed.", [("date", "5 May"), ("quantity", "12 people")]),
        ("Fifteen of the 19 Sept. 11 hijackers were Saudis.",
         [("quantity", "Fifteen"), ("quantity", "19"), ("date", "Sept. 11")]),
    ],
)  # fmt: skip
def test_a_day_month_date_keeps_its_day_unless_the_phrase_says_otherwise(
    text: str, expected: list[tuple[str, str]]
) -> None:
    facts = [(f.type, f.text) for f in extract_facts(text) if f.type in ("date", "quantity")]
    assert facts == expected
