"""Lower case is Python's in both builds: compiled code's own str.lower lacks the final-sigma rule."""

from __future__ import annotations

import sys

import factcheck
from factcheck.casing import lower_case
from factcheck.words import words


def test_lower_case_is_pythons_for_every_character_in_every_position() -> None:
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code < 0xE000:
            continue
        c = chr(code)
        for text in (c, f"A{c}", f"A{c}A", f"Α{c} Σ"):
            assert lower_case(text) == text.lower(), hex(code)


def test_a_final_capital_sigma_lowers_to_final_sigma() -> None:
    assert lower_case("ΟΔΥΣΣΕΥΣ") == "οδυσσευς"
    assert words("ΟΔΥΣΣΕΥΣ said") == ["οδυσσευς", "said"]


def test_greek_capitals_give_the_report_python_gives() -> None:
    a = "ΟΔΥΣΣΕΥΣ ΚΑΙ ΣΑΣ: the ministry said 12 people were hurt in ΘΕΣΣΑΛΟΝΙΚΗ."
    b = "Οδυσσευς και σας: the ministry said 15 people were hurt in Θεσσαλονικη."
    report = factcheck.compare([a, b]).to_dict()
    values = [d["values"] for g in report["groups"] for d in g["discrepancies"]]
    assert values == [{"A": "12 people", "B": "15 people"}]
