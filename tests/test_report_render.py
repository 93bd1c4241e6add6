"""The reporters render the report record (the JSON export) for people and pull requests.

The records are built here by hand, with offsets computed the way the pipeline
computes them (into the original article), so the reporters are tested on
realistic input without running the pipeline. The two- and four-source records
keep the schema 1 shape (no ``fact``, ``majority``, ``silent`` or ``agreed``),
which a saved report may still have; the three- and eight-source records are
schema 2 and exercise what N sources add.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

import factcheck
from factcheck.errors import SettingsError
from factcheck.report import (
    REPORTERS,
    callout,
    discrepancy_spans,
    event_phrase,
    fact_counts,
    fact_sides,
    majority_of,
    plural,
    render,
    shared_terms,
    summary_line,
    truncate,
    unique_claims,
)

ANSI = re.compile(r"\x1b\[")
ROOT = Path(__file__).resolve().parent.parent

# --- Building records -------------------------------------------------------------------------------

Record = dict[str, Any]
Report = dict[str, Any]
FactSpec = tuple[str, str, Any, str]  # type, text as written in the claim, value, key


def make_claim(
    claim_id: str, start: int, text: str, facts: Sequence[FactSpec] = (), line: int = 1
) -> dict[str, Any]:
    """A claim at ``start`` in its article, with each fact's offsets pointing at its words."""
    source = claim_id.rstrip("0123456789")
    fact_records = []
    for kind, fact_text, value, key in facts:
        fact_start = start + text.index(fact_text)
        fact_records.append(
            {
                "type": kind,
                "text": fact_text,
                "value": value,
                "unit": None,
                "qualifier": None,
                "key": key,
                "label": key if kind == "entity" else None,
                "actor": None,
                "target": None,
                "negated": False,
                "start": fact_start,
                "end": fact_start + len(fact_text),
            }
        )
    return {
        "id": claim_id,
        "source": source,
        "sentence": int(claim_id[len(source) :]) - 1,
        "text": text,
        "start": start,
        "end": start + len(text),
        "line": line,
        "facts": fact_records,
    }


def make_source(
    source_id: str, name: str, claims: int, dropped: Sequence[tuple[int, str, str]] = ()
) -> dict[str, Any]:
    return {
        "id": source_id,
        "name": name,
        "path": f"fixtures/{name}",
        "title": None,
        "sentences": claims,
        "claims": claims,
        "dropped": [
            {"text": text, "start": 0, "end": len(text), "line": line, "reason": reason}
            for line, text, reason in dropped
        ],
    }


def make_group(
    group_id: str, status: str, claims: list[str], score: float = 1.0, **extra: Any
) -> dict[str, Any]:
    group = {
        "id": group_id,
        "status": status,
        "score": score,
        "claims": claims,
        "matched": extra.get("matched", []),
        "discrepancies": extra.get("discrepancies", []),
    }
    # schema 2 only: the schema 1 records of these tests leave the keys out, as a saved v1 report does
    for key in ("silent", "agreed"):
        if key in extra:
            group[key] = extra[key]
    return group


def make_event(
    claim_id: str,
    start: int,
    text: str,
    event: tuple[str | None, str, str | None],
    negated: bool = False,
    facts: Sequence[FactSpec] = (),
) -> dict[str, Any]:
    """A claim stating one event, ``(actor, action as written, target)``, after its other ``facts``."""
    claim = make_claim(claim_id, start, text, facts)
    actor, action, target = event
    action_start = start + text.index(action)
    claim["facts"].append(
        {
            "type": "event",
            "text": action,
            "value": action,
            "unit": None,
            "qualifier": None,
            "key": "event",
            "label": None,
            "actor": actor,
            "target": target,
            "negated": negated,
            "start": action_start,
            "end": action_start + len(action),
        }
    )
    return claim


def make_fact(claim: dict[str, Any], kind: str, words: str, value: str, target: str | None = None) -> None:
    """Add a scope or attribution fact (``value`` is the scope word, or who says it) to ``claim``."""
    fact_start = claim["start"] + claim["text"].index(words)
    claim["facts"].append(
        {
            "type": kind,
            "text": words,
            "value": value,
            "unit": None,
            "qualifier": None,
            "key": kind,
            "label": None,
            "actor": None,
            "target": target,
            "negated": False,
            "start": fact_start,
            "end": fact_start + len(words),
        }
    )


def make_discrepancy(
    kind: str, fact: str, values: dict[str, str], majority: Sequence[str], explanation: str = ""
) -> dict[str, Any]:
    return {
        "type": kind,
        "fact": fact,
        "values": values,
        "majority": list(majority),
        "explanation": explanation,
        "fingerprint": "0123456789abcdef",
    }


def make_report(
    sources: list[Record], claims: list[Record], groups: list[Record], schema_version: int = 1
) -> Report:
    unique: dict[str, int] = {source["id"]: 0 for source in sources}
    source_of = {claim["id"]: claim["source"] for claim in claims}
    for group in groups:
        if group["status"] == "unique":
            unique[source_of[group["claims"][0]]] += 1
    return {
        "schema_version": schema_version,
        "tool": {
            "name": "factcheck",
            "version": "0.1.0",
            "settings": {"threshold": 0.5, "scorer": "token_set_ratio", "text_weight": 0.6, "clean": True},
        },
        "sources": sources,
        "claims": claims,
        "groups": groups,
        "summary": {
            "agreements": sum(g["status"] == "agreement" for g in groups),
            "discrepancies": sum(g["status"] == "discrepancy" for g in groups),
            "unique": unique,
        },
    }


DEATH_TOLL = (
    "The clashes have led to over 300 deaths, including 183 from HTS and allied factions, "
    "100 government soldiers, and 28 civilians."
)

TWO_SOURCE_CLAIMS = [
    make_claim(
        "A1",
        0,
        "Syrian rebels, led by the jihadist group Hayat Tahrir al-Sham (HTS), "
        "have taken control of most of Aleppo.",
        [("entity", "Hayat Tahrir al-Sham", "hts", "org"), ("entity", "Aleppo", "aleppo", "place")],
    ),
    make_claim(
        "A5",
        700,
        "The rebels’ swift advances, including the seizure of the strategic town of Saraqib, "
        "demonstrate gains.",
        [("entity", "Saraqib", "saraqib", "place")],
        line=5,
    ),
    make_claim(
        "A6",
        900,
        DEATH_TOLL,
        [
            ("quantity", "over 300 deaths", 300, "death"),
            ("quantity", "183", 183, "death"),
            ("quantity", "100 government soldiers", 100, "soldier"),
            ("quantity", "28 civilians", 28, "civilian"),
        ],
        line=7,
    ),
    make_claim(
        "A7",
        1100,
        "The Observatory said 183 fighters from HTS and allied factions have been killed since Wednesday.",
        [("quantity", "183 fighters", 183, "fighter"), ("date", "Wednesday", "wednesday", "weekday")],
        line=8,
    ),
    make_claim(
        "A8",
        1300,
        "State media reported that HTS shelled a student residence, killing four civilians.",
        [("quantity", "four civilians", 4, "civilian")],
        line=9,
    ),
    make_claim(
        "A9", 1500, "Analysts suggest that this offensive underscores growing rebel strength.", line=10
    ),
    make_claim(
        "A10",
        1600,
        'Russia has intensified its aerial campaign against "extremist forces" | AFP',
        [("entity", "Russia", "russia", "country")],
        line=11,
    ),
    make_claim(
        "A11",
        1700,
        "Since Wednesday, HTS and allied Turkish-backed factions have launched a lightning assault in 2024.",
        [("date", "Wednesday", "wednesday", "weekday"), ("date", "2024", "2024", "year")],
        line=12,
    ),
    make_claim(
        "B3",
        400,
        "The swift offensive has seen HTS insurgents take control of Aleppo, Syria’s second-largest city.",
        [("entity", "HTS", "hts", "org"), ("entity", "Aleppo", "aleppo", "place")],
        line=10,
    ),
    make_claim(
        "B6",
        900,
        "Rebels also seized a critical military base to the south and the strategic town of Saraqib.",
        [("entity", "Saraqib", "saraqib", "place")],
        line=14,
    ),
    make_claim(
        "B8",
        1200,
        "At least 193 HTS fighters have been killed since Tuesday, according to the Observatory.",
        [
            ("quantity", "At least 193 HTS fighters", 193, "fighter"),
            ("date", "Tuesday", "tuesday", "weekday"),
        ],
        line=16,
    ),
    make_claim(
        "B12",
        2000,
        "Jolani, who carries a $10 million U.S. bounty, "
        "has tried to position HTS as a governing authority in Idlib.",
        [("quantity", "$10 million", 10_000_000, "usd"), ("entity", "Idlib", "idlib", "place")],
        line=24,
    ),
    make_claim("B16", 2600, "The conflict continues to devastate the region, with no end in sight.", line=30),
    make_claim("B17", 2700, "Whether HTS can expand its control remains to be seen.", line=32),
    make_claim("B18", 2800, "This loss represents a symbolic and strategic blow.", line=34),
    make_claim(
        "B19", 2900, "Heller suggested that fractured control might make a counterattack harder.", line=36
    ),
    make_claim(
        "B20", 3000, "The implications of this offensive could ripple far beyond the region.", line=38
    ),
]

TWO_SOURCE_GROUPS = [
    make_group(
        "G1",
        "agreement",
        ["A1", "B3"],
        0.82,
        matched=["aleppo", "control", "entity:aleppo", "entity:hts", "hts", "taken"],
    ),
    make_group(
        "G2",
        "discrepancy",
        ["A7", "B8"],
        0.71,
        matched=["entity:observatory", "fighter", "kill", "observatori", "unit:fighter"],
        discrepancies=[
            {
                "type": "quantity",
                "values": {"A": "183", "B": "193"},
                "explanation": "A: 183 fighters; B: 193 fighters",
            },
            {"type": "date", "values": {"A": "Wednesday", "B": "Tuesday"}, "explanation": ""},
        ],
    ),
    make_group(
        "G3", "agreement", ["A5", "B6"], 0.77, matched=["entity:saraqib", "saraqib", "strateg", "town"]
    ),
    *(
        make_group(f"G{4 + index}", "unique", [claim_id])
        for index, claim_id in enumerate(
            ["A6", "A8", "A9", "A10", "A11", "B12", "B16", "B17", "B18", "B19", "B20"]
        )
    ),
]

TWO_SOURCES = [
    make_source("A", "aleppo_a.txt", 15),
    make_source(
        "B",
        "aleppo_b.txt",
        38,
        [
            (1, "Today:July 6, 2025", "date line"),
            (3, "36 views", "view counter"),
            (52, "Advertisement", "advert"),
        ],
    ),
]
TWO_SOURCES[1]["title"] = "Rebels Overrun Aleppo in Surprise Offensive, Shaking Assad’s Grip on Power"


def two_source_report() -> dict[str, Any]:
    return make_report(TWO_SOURCES, TWO_SOURCE_CLAIMS, TWO_SOURCE_GROUPS)


def four_source_report() -> dict[str, Any]:
    """The same death toll told four ways: too many sources for side-by-side columns."""
    tolls = {
        "A": "The Observatory said 183 fighters from HTS and allied factions have been killed.",
        "B": "At least 193 HTS fighters have been killed, according to the Observatory.",
        "C": "Some 190 fighters died in the first days of the offensive, the Observatory said.",
        "D": "The Observatory counted 183 dead fighters among HTS and its allies.",
    }
    numbers = {"A": "183", "B": "193", "C": "190", "D": "183"}
    claims = [
        make_claim(f"{source}2", 100, text, [("quantity", numbers[source], int(numbers[source]), "fighter")])
        for source, text in tolls.items()
    ]
    claims.append(make_claim("C3", 300, "Turkey called for a halt to Russian bombardments in Idlib."))
    sources = [make_source(source, f"aleppo_{source.lower()}.txt", 12) for source in tolls]
    groups = [
        make_group(
            "G1",
            "discrepancy",
            [claim["id"] for claim in claims[:4]],
            0.68,
            discrepancies=[
                {"type": "quantity", "values": numbers, "explanation": "A: 183; B: 193; C: 190; D: 183"}
            ],
        ),
        make_group("G2", "unique", ["C3"]),
    ]
    return make_report(sources, claims, groups)


def many_agreements_report() -> dict[str, Any]:
    claims, groups = [], []
    for number in range(1, 13):
        text = f"Rebels took district {number} of the city."
        claims += [make_claim(f"A{number}", number * 100, text), make_claim(f"B{number}", number * 100, text)]
        groups.append(make_group(f"G{number}", "agreement", [f"A{number}", f"B{number}"], 0.9))
    return make_report([make_source("A", "a.txt", 12), make_source("B", "b.txt", 12)], claims, groups)


def three_source_report() -> dict[str, Any]:
    """Three sources: a toll two of them share, an event only two report, an agreement C is silent in."""
    claims = [
        make_claim(
            "A1",
            0,
            "The clashes have led to over 300 deaths, including 28 civilians, since Wednesday.",
            [
                ("quantity", "over 300 deaths", 300, "death"),
                ("quantity", "28 civilians", 28, "civilian"),
                ("date", "Wednesday", "wednesday", "weekday"),
            ],
        ),
        make_claim(
            "B1",
            0,
            "The fighting has killed 200 people since Wednesday, 28 of them civilians.",
            [("quantity", "200", 200, "death"), ("date", "Wednesday", "wednesday", "weekday")],
        ),
        make_claim(
            "C1",
            0,
            "More than 300 people have died since Tuesday.",
            [("quantity", "More than 300", 300, "death"), ("date", "Tuesday", "tuesday", "weekday")],
        ),
        make_event(
            "A2", 200, "Rebels seized the strategic town of Saraqib.", ("rebels", "seized", "Saraqib")
        ),
        make_event("B2", 200, "HTS captured Saraqib on Friday.", ("HTS", "captured", "Saraqib")),
        make_event("A3", 400, "Russian jets struck Idlib overnight.", ("Russian jets", "struck", "Idlib")),
        make_event("C3", 400, "Russia bombed Idlib overnight.", ("Russia", "bombed", "Idlib")),
        make_event(
            "A4",
            600,
            "State media said HTS shelled a student residence, killing four civilians.",
            ("HTS", "shelled", "a student residence"),
            facts=[("quantity", "four civilians", 4, "civilian")],
        ),
        make_claim("B4", 600, "Most of Aleppo is now under rebel control."),
        make_event("B5", 700, "Jolani met commanders in Idlib.", ("Jolani", "met", "commanders")),
        make_claim("B6", 800, "Turkey called for calm.", [("entity", "Turkey", "turkey", "country")]),
        make_claim("B7", 900, "Protesters gathered on Friday.", [("date", "Friday", "friday", "weekday")]),
    ]
    claims_by = {claim["id"]: claim for claim in claims}
    make_fact(claims_by["A4"], "attribution", "State media", "state media")
    make_fact(claims_by["B4"], "scope", "Most", "most", target="Aleppo")
    groups = [
        make_group(
            "G1",
            "discrepancy",
            ["A1", "B1", "C1"],
            0.66,
            matched=["entity:observatory"],
            silent=[],
            agreed=[{"type": "quantity", "fact": "civilians", "values": {"A": "28 civilians", "B": "28"}}],
            discrepancies=[
                make_discrepancy(
                    "quantity",
                    "deaths",
                    {"A": "over 300 deaths", "B": "200", "C": "more than 300"},
                    ["A", "C"],
                    "B gives 200 deaths where A and C give over 300",
                ),
                make_discrepancy(
                    "date", "start", {"A": "Wednesday", "B": "Wednesday", "C": "Tuesday"}, ["A", "B"]
                ),
            ],
        ),
        make_group(
            "G2",
            "discrepancy",
            ["A2", "B2"],
            0.58,
            silent=["C"],
            agreed=[
                {"type": "event", "fact": "target of capture", "values": {"A": "Saraqib", "B": "Saraqib"}}
            ],
            discrepancies=[
                make_discrepancy(
                    "event", "actor of capture Saraqib", {"A": "rebels", "B": "HTS"}, [], "A: rebels; B: HTS"
                )
            ],
        ),
        make_group("G3", "agreement", ["A3", "C3"], 0.61, silent=["B"], agreed=[]),
        *(
            make_group(f"G{4 + index}", "unique", [claim_id], 0.0, silent=[], agreed=[])
            for index, claim_id in enumerate(["A4", "B4", "B5", "B6", "B7"])
        ),
    ]
    sources = [make_source(source_id, f"outlet_{source_id.lower()}.txt", 6) for source_id in "ABC"]
    for source in sources:
        source["date"] = None
    sources[0]["date"] = "2024-11-30"
    return make_report(sources, claims, groups, schema_version=2)


def n_source_report(count: int) -> dict[str, Any]:
    """``count`` sources; all but the last two give the death toll, all of them but B the same one."""
    ids = [chr(ord("A") + index) for index in range(count)]
    speaking, silent = ids[:-2], ids[-2:]
    values = {
        source_id: "200" if source_id == "B" else "over 300 deaths"
        for index, source_id in enumerate(speaking)
    }
    claims = [
        make_claim(
            f"{source_id}1",
            0,
            f"Outlet {source_id} counts {value} so far.",
            [("quantity", value, 0, "death")],
        )
        for source_id, value in values.items()
    ]
    majority = [source_id for source_id, value in values.items() if value != "200"]
    group = make_group(
        "G1",
        "discrepancy",
        [claim["id"] for claim in claims],
        0.5,
        silent=silent,
        agreed=[{"type": "date", "fact": "year", "values": dict.fromkeys(speaking, "2024")}],
        discrepancies=[
            make_discrepancy("quantity", "deaths", values, majority, "most outlets count over 300")
        ],
    )
    sources = [make_source(source_id, f"outlet_{source_id.lower()}.txt", 1) for source_id in ids]
    return make_report(sources, claims, [group], schema_version=2)


def eight_source_report() -> dict[str, Any]:
    return n_source_report(8)


def six_source_report() -> dict[str, Any]:
    return n_source_report(6)


# --- Rendering helpers -----------------------------------------------------------------------------------


def rich_text(data: dict[str, Any], **options: Any) -> str:
    out = io.StringIO()
    render("rich", data, out, **{"color": False, "width": 80, **options})
    return out.getvalue()


def markdown_text(data: dict[str, Any], **options: Any) -> str:
    out = io.StringIO()
    render("markdown", data, out, **options)
    return out.getvalue()


def flat(text: str) -> str:
    """Text with wrapping undone, to look for phrases a narrow terminal split across lines."""
    return " ".join(text.split())


def section(text: str, start: str, end: str | None = None) -> str:
    begin = text.index(start)
    return text[begin : text.index(end, begin) if end else None]


# --- Registry ----------------------------------------------------------------------------------------------


def test_registry_offers_rich_json_and_markdown() -> None:
    assert {"rich", "json", "markdown"} <= set(REPORTERS)


def test_json_format_writes_the_record_itself() -> None:
    data = two_source_report()
    out = io.StringIO()
    render("json", data, out, color=True, width=80, show_dropped=True)
    assert json.loads(out.getvalue()) == data


def test_unknown_format_names_the_known_ones() -> None:
    with pytest.raises(SettingsError, match=r"choose one of .*json.*markdown.*rich"):
        render("html", two_source_report(), io.StringIO())


def test_importing_the_registry_and_writing_json_leave_rich_unloaded() -> None:
    script = (
        "import io, sys\n"
        "from factcheck.report import render\n"
        "assert 'rich' not in sys.modules, 'importing factcheck.report loaded rich'\n"
        "render('json', {'schema_version': 1}, io.StringIO())\n"
        "assert 'rich' not in sys.modules, 'the json reporter loaded rich'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


# --- Shared readers of the record --------------------------------------------------------------------------


def test_plural_and_summary_line() -> None:
    assert plural(1, "discrepancy") == "1 discrepancy"
    assert plural(0, "discrepancy") == "0 discrepancies"
    assert plural(2, "agreement") == "2 agreements"
    assert summary_line(two_source_report()) == "2 agreements · 1 discrepancy · unique: A 5, B 6"


def test_truncate_cuts_at_a_word_and_marks_the_cut() -> None:
    assert truncate("short enough", 20) == "short enough"
    cut = truncate("The clashes have led to over 300 deaths", 20)
    assert cut == "The clashes have…"
    assert len(cut) <= 20


def test_discrepancy_spans_point_at_the_named_fact() -> None:
    claim = TWO_SOURCE_CLAIMS[3]  # A7
    discrepancies = TWO_SOURCE_GROUPS[1]["discrepancies"]
    spans = discrepancy_spans(claim, discrepancies)
    assert [claim["text"][start:end] for start, end in spans] == ["183 fighters", "Wednesday"]


def test_shared_terms_prefer_names_and_numbers_to_stems_and_keys() -> None:
    group = make_group(
        "G1", "agreement", [], matched=["28", "entity:saraqib", "includ", "number:28", "saraqib"]
    )
    assert shared_terms(group) == ["saraqib", "28"]
    assert shared_terms(make_group("G2", "agreement", [], matched=["clash", "unit:death"])) == ["clash"]


def test_a_value_does_not_name_a_fact_that_merely_contains_its_digits() -> None:
    claim = make_claim(
        "A1", 50, "Rebels killed 100 government soldiers.", [("quantity", "100", 100, "soldier")]
    )
    assert discrepancy_spans(claim, [{"type": "quantity", "values": {"A": "1", "B": "2"}}]) == []


def test_discrepancy_spans_fall_back_to_the_words_when_offsets_are_off() -> None:
    claim = make_claim("B1", 50, "At least 193 fighters were killed.", [("quantity", "193", 193, "fighter")])
    claim["facts"][0]["start"] += 7  # offsets that no longer point at the words
    spans = discrepancy_spans(claim, [{"type": "quantity", "values": {"A": "183", "B": "193"}}])
    assert [claim["text"][start:end] for start, end in spans] == ["193"]


def test_fact_sides_put_the_majority_first_then_the_outliers_then_the_silent() -> None:
    discrepancy = make_discrepancy(
        "quantity", "deaths", {"A": "over 300 deaths", "B": "200", "C": "over 300", "D": "over 300"}, "ACD"
    )
    sides = fact_sides(discrepancy, ["A", "B", "C", "D", "E", "F"])
    assert sides.text() == "= A, C, D: over 300 deaths / over 300 · ≠ B: 200 · silent: E, F"
    assert sides.label == "quantity · deaths" and sides.has_majority


def test_without_a_majority_every_value_is_another_value() -> None:
    discrepancy = make_discrepancy("entity", "actor", {"A": "rebels", "B": "HTS", "C": "hts"}, [])
    assert fact_sides(discrepancy, ["A", "B", "C"]).text() == "≠ B, C: HTS · ≠ A: rebels"


def test_majority_is_worked_out_for_schema_1_records() -> None:
    assert majority_of({"values": {"A": "183", "B": "193", "C": "183"}}) == ["A", "C"]
    assert majority_of({"values": {"A": "183", "B": "193"}}) == []  # a tie: no majority
    assert majority_of({"values": {"A": "1", "B": "1"}, "majority": []}) == []  # the record's word stands


def test_summary_line_counts_findings_suppressed_by_a_baseline() -> None:
    data = three_source_report()
    assert "suppressed" not in summary_line(data)
    data["summary"]["suppressed"] = 0
    assert "suppressed" not in summary_line(data)
    data["summary"]["suppressed"] = 3
    assert (
        summary_line(data)
        == "1 agreement · 2 discrepancies · unique: A 1, B 4, C 0 · 3 suppressed by baseline"
    )


def test_event_phrase_is_who_did_what_to_whom() -> None:
    claim = make_event("A1", 0, "HTS did not capture Saraqib.", ("HTS", "capture", "Saraqib"), negated=True)
    assert event_phrase(claim["facts"][0]) == "HTS — not capture — Saraqib"
    claim = make_event("A2", 0, "Saraqib was seized.", (None, "seized", "Saraqib"))
    assert event_phrase(claim["facts"][0]) == "? — seized — Saraqib"


def test_unique_claims_rank_numbers_then_events_then_dates_then_names_then_scopes() -> None:
    ranked = unique_claims(three_source_report())
    assert [claim["id"] for claim in ranked["B"]] == ["B5", "B7", "B6", "B4"]
    assert callout(ranked["A"][0]) == ["four civilians", "HTS shelled a student residence"]
    assert callout(ranked["B"][3]) == ["Most"]  # a scope is called out when nothing weightier is there


def test_a_rank_weighs_less_than_a_count() -> None:
    ranked = make_claim(
        "A1", 0, "Aleppo is the second-largest city.", [("quantity", "second-largest", 2, "rank:largest")]
    )
    counted = make_claim(
        "A2", 0, "It was home to 2 million people.", [("quantity", "2 million people", 2e6, "person")]
    )
    assert fact_counts(ranked) == (0, 0, 0, 0, 1)
    assert fact_counts(counted) == (1, 0, 0, 0, 0)


# --- Rich terminal report ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "report",
    [
        two_source_report,
        four_source_report,
        many_agreements_report,
        three_source_report,
        six_source_report,
        eight_source_report,
    ],
)
@pytest.mark.parametrize("width", [40, 60, 80, 120])
def test_rich_without_colour_is_plain_and_fits_the_width(report: Callable[[], Report], width: int) -> None:
    text = rich_text(report(), width=width, show_dropped=True)
    assert not ANSI.search(text)
    too_long = [line for line in text.splitlines() if len(line) > width]
    assert too_long == []


def test_rich_with_colour_uses_ansi_styles() -> None:
    assert ANSI.search(rich_text(two_source_report(), color=True))


def test_rich_lists_sources_with_their_counts_and_titles() -> None:
    text = rich_text(two_source_report())
    assert "factcheck report · 2 sources" in text
    assert "aleppo_b.txt · 38 sentences · 38 claims · 3 dropped lines" in text
    assert "Rebels Overrun Aleppo in Surprise Offensive" in text
    assert "2 agreements · 1 discrepancy · unique: A 5, B 6" in text


def test_rich_sections_come_in_order() -> None:
    text = rich_text(two_source_report())
    positions = [
        text.index(heading) for heading in ("Discrepancies (1)", "Agreements (2)", "Only one source")
    ]
    assert positions == sorted(positions)
    footer = flat(text.rstrip().rsplit("─" * 20, 1)[-1])
    assert footer == "factcheck 0.1.0 · threshold 0.5 · scorer token_set_ratio · text_weight 0.6 · clean true"


def test_rich_discrepancy_shows_both_sides_with_values_marked() -> None:
    discrepancies = flat(section(rich_text(two_source_report()), "Discrepancies", "Agreements"))
    assert "*183 fighters*" in discrepancies
    assert "*193*" in discrepancies or "*At least 193 HTS fighters*" in discrepancies
    assert "*Wednesday*" in discrepancies and "*Tuesday*" in discrepancies
    assert "quantity: A: 183 fighters; B: 193 fighters" in discrepancies
    # a schema 1 record names no majority and here none can be worked out: both values are "other"
    assert "date ≠ Wednesday ≠ Tuesday" in discrepancies


def test_rich_puts_two_sources_side_by_side() -> None:
    discrepancies = section(rich_text(two_source_report()), "Discrepancies", "Agreements")
    header = next(line for line in discrepancies.splitlines() if "aleppo_a.txt" in line)
    assert "aleppo_b.txt" in header
    assert "│" in discrepancies


def test_rich_stacks_claims_of_many_sources() -> None:
    discrepancies = section(rich_text(four_source_report()), "Discrepancies", "Agreements")
    starts = [line.split()[0] for line in discrepancies.splitlines() if line.strip()]
    assert {"A2", "B2", "C2", "D2"} <= set(starts)
    assert "│" not in discrepancies
    assert "*190*" in discrepancies


def test_rich_agreements_are_one_line_each() -> None:
    agreements = section(rich_text(two_source_report()), "Agreements", "Only one source")
    lines = [line for line in agreements.splitlines() if line.startswith("G")]
    assert [line.split(" (")[0] for line in lines] == ["G1 A1 ≈ B3", "G3 A5 ≈ B6"]
    assert lines[0].startswith("G1 A1 ≈ B3 (0.82) Syrian rebels")
    assert lines[0].endswith("…")


def test_rich_only_one_source_calls_out_the_numbers() -> None:
    unique = flat(section(rich_text(two_source_report()), "only A reports", "only B reports"))
    assert (
        "over 300 deaths, 183, 100 government soldiers, 28 callouts".replace("callouts", "civilians")
        in unique
    )
    assert "four civilians — State media reported" in unique
    assert "Wednesday, 2024 — Since Wednesday" in unique
    assert "Russia — Russia has intensified" in unique  # names are called out when there is no number


def test_rich_ranks_claims_with_numbers_before_names_before_none() -> None:
    unique = section(rich_text(two_source_report()), "only A reports", "only B reports")
    order = [unique.index(f"A{number} ") for number in (6, 8, 11, 10, 9)]
    assert order == sorted(order)


def test_rich_counts_the_many_claims_with_no_numbers_or_names() -> None:
    unique = flat(section(rich_text(two_source_report()), "only B reports"))
    assert "$10 million — Jolani" in unique
    assert "B16" in unique and "B18" in unique
    assert "B19" not in unique and "B20" not in unique
    assert "and 2 more claims with no numbers or names" in unique


def test_rich_lists_dropped_lines_only_when_asked() -> None:
    assert "Dropped lines" not in rich_text(two_source_report())
    dropped = section(rich_text(two_source_report(), show_dropped=True), "Dropped lines")
    assert re.search(r"line  3  view counter  36 views", dropped)
    assert re.search(r"line 52  advert        Advertisement", dropped)


def test_rich_claim_text_is_never_read_as_markup() -> None:
    data = two_source_report()
    data["claims"][5]["text"] = "[bold]Analysts[/bold] suggest growing rebel strength."
    assert "[bold]Analysts[/bold]" in rich_text(data)


def matrix_row(text: str, label: str) -> list[str]:
    """The cells of the matrix row starting with ``label``, split at the runs of spaces between columns."""
    line = next(line for line in text.splitlines() if line.strip().startswith(label))
    return re.split(r" {2,}", line.strip())


def test_rich_three_sources_get_a_fact_by_source_matrix() -> None:
    discrepancies = section(rich_text(three_source_report()), "Discrepancies", "Agreements")
    assert "= majority value · ≠ other value · — silent (no value)" in discrepancies
    assert matrix_row(discrepancies, "fact") == ["fact", "A", "B", "C"]
    assert matrix_row(discrepancies, "deaths") == ["deaths", "= over 300 deaths", "≠ 200", "= more than 300"]
    assert matrix_row(discrepancies, "start") == ["start", "= Wednesday", "= Wednesday", "≠ Tuesday"]
    # C makes no claim in G2: its cell says it is silent, and so does the heading
    assert matrix_row(discrepancies, "actor of capture") == [
        "actor of capture Saraqib",
        "≠ rebels",
        "≠ HTS",
        "—",
    ]
    assert "G2 · score 0.58 · silent: C" in discrepancies


def test_rich_names_each_discrepancy_with_its_type_and_explanation() -> None:
    discrepancies = flat(section(rich_text(three_source_report()), "Discrepancies", "Agreements"))
    assert "(quantity)" in discrepancies and "(date)" in discrepancies and "(event)" in discrepancies
    assert "quantity · deaths: B gives 200 deaths where A and C give over 300" in discrepancies
    assert "event · actor of capture Saraqib: A: rebels; B: HTS" in discrepancies


def test_rich_lists_what_a_discrepant_group_agrees_on() -> None:
    discrepancies = flat(section(rich_text(three_source_report()), "Discrepancies", "Agreements"))
    # C gives no civilian toll, so the sources that agree on it are named
    assert "agreed: civilians: 28 civilians / 28 (A, B)" in discrepancies
    assert "agreed: target of capture: Saraqib" in discrepancies


def test_rich_shows_who_did_what_side_by_side() -> None:
    text = rich_text(three_source_report())
    discrepancies = section(text, "G2 ·", "Agreements")
    assert "who did what:" in discrepancies
    assert re.search(r"^ +A rebels — seized — Saraqib$", discrepancies, flags=re.MULTILINE)
    assert re.search(r"^ +B HTS — captured — Saraqib$", discrepancies, flags=re.MULTILINE)
    agreements = section(text, "Agreements (1)", "Only one source")
    assert "G3 A3 ≈ C3 (0.61, silent: B) Russian jets struck Idlib overnight." in agreements
    assert "who did what: A: Russian jets — struck — Idlib | C: Russia — bombed — Idlib" in agreements


def test_rich_eight_sources_list_each_fact_instead_of_a_matrix() -> None:
    discrepancies = section(rich_text(eight_source_report()), "Discrepancies", "Agreements")
    assert "= A, C, D, E, F: over 300 deaths · ≠ B: 200 · silent: G, H" in discrepancies
    assert "most outlets count over 300" in discrepancies
    assert not any(line.strip().startswith("fact ") for line in discrepancies.splitlines())


def test_rich_six_sources_get_the_matrix_at_80_columns_and_the_list_at_60() -> None:
    wide = section(rich_text(six_source_report(), width=80), "Discrepancies", "Agreements")
    assert matrix_row(wide, "fact") == ["fact", "A", "B", "C", "D", "E", "F"]
    cells = matrix_row(wide, "deaths")  # values wrap in the narrow cells: each cell starts with its mark
    assert cells[0] == "deaths" and cells[2] == "≠ 200" and cells[-2:] == ["—", "—"]
    assert [cell[0] for cell in cells[1:]] == ["=", "≠", "=", "=", "—", "—"]
    narrow = flat(section(rich_text(six_source_report(), width=60), "Discrepancies", "Agreements"))
    assert "= A, C, D: over 300 deaths · ≠ B: 200 · silent: E, F" in narrow


def test_rich_marks_read_without_colour_and_colour_repeats_them() -> None:
    plain = rich_text(three_source_report())
    assert not ANSI.search(plain)
    coloured = rich_text(three_source_report(), color=True)
    assert ANSI.search(coloured)
    # the marks are text, not only style: stripping the escapes leaves the same cells
    unstyled = re.sub(r"\x1b\[[0-9;]*m", "", coloured)
    assert matrix_row(unstyled, "deaths")[:3] == ["deaths", "= over 300 deaths", "≠ 200"]


def test_rich_shows_the_source_date_and_the_suppressed_count() -> None:
    data = three_source_report()
    data["summary"]["suppressed"] = 2
    text = rich_text(data)
    assert "A outlet_a.txt · 2024-11-30 · 6 sentences" in text
    assert "B outlet_b.txt · 6 sentences" in text
    assert "1 agreement · 2 discrepancies · unique: A 1, B 4, C 0 · 2 suppressed by baseline" in text


def test_rich_unique_claims_lead_with_numbers_and_events() -> None:
    unique = flat(section(rich_text(three_source_report()), "only B reports"))
    assert "B5 Jolani met commanders — Jolani met commanders in Idlib." in unique
    order = [unique.index(f"{claim_id} ") for claim_id in ("B5", "B7", "B6", "B4")]
    assert order == sorted(order)
    only_a = flat(section(rich_text(three_source_report()), "only A reports", "only B reports"))
    assert "A4 four civilians, HTS shelled a student residence — State media said" in only_a


# --- Markdown ----------------------------------------------------------------------------------------------


def test_markdown_has_the_headings_in_order_and_the_signature_last() -> None:
    text = markdown_text(two_source_report(), show_dropped=True)
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings[:3] == [
        "## factcheck report",
        "### Discrepancies",
        "#### G2 · score 0.71 · shared: observatory",
    ]
    assert headings[3:] == ["### Agreements", "### Only one source reports", "### Dropped lines"]
    assert text.splitlines()[-1] == (
        "<sub>factcheck 0.1.0 · threshold 0.5 · scorer token\\_set\\_ratio · "
        "text\\_weight 0.6 · clean true</sub>"
    )
    assert "**2 agreements · 1 discrepancy · unique: A 5, B 6**" in text


def test_markdown_sources_table() -> None:
    text = markdown_text(two_source_report())
    assert "| **A** | aleppo\\_a.txt |  | 15 | 15 | 0 |" in text
    assert (
        "| **B** | aleppo\\_b.txt | Rebels Overrun Aleppo in Surprise Offensive, "
        "Shaking Assad’s Grip on Power | 38 | 38 | 3 |"
    ) in text


def test_markdown_discrepancy_table_bolds_the_values() -> None:
    discrepancies = section(markdown_text(two_source_report()), "### Discrepancies", "### Agreements")
    assert "| **A** | `A7` The Observatory said **183 fighters** from HTS" in discrepancies
    assert "have been killed since **Wednesday**. |" in discrepancies
    assert "| **B** | `B8` **At least 193 HTS fighters** have been killed since **Tuesday**," in discrepancies
    assert "- **quantity**: A: 183 fighters; B: 193 fighters" in discrepancies


def test_markdown_escapes_claim_text() -> None:
    text = markdown_text(two_source_report())
    assert '"extremist forces" \\| AFP' in text
    assert "\\$10 million" in text
    rows = [line for line in text.splitlines() if line.startswith("|")]
    assert all(line.count("|") - line.count("\\|") == len(rows[0].split("|")) - 1 for line in rows[:4])


def test_markdown_agreements_are_a_compact_list() -> None:
    agreements = section(markdown_text(two_source_report()), "### Agreements", "### Only one")
    assert "- **G1 A1 ≈ B3 (0.82)**: Syrian rebels, led by the jihadist group" in agreements
    assert "<details>" not in agreements


def test_markdown_folds_many_agreements() -> None:
    agreements = section(markdown_text(many_agreements_report()), "### Agreements", "### Only one")
    assert "<details><summary>12 agreements</summary>" in agreements
    assert agreements.count("\n- **G") == 12


def test_markdown_only_one_source_ranked_with_values_called_out() -> None:
    unique = section(markdown_text(two_source_report()), "**Only A reports**", "**Only B reports**")
    assert "- `A6` **over 300 deaths, 183, 100 government soldiers, 28 civilians** — The clashes" in unique
    order = [unique.index(f"`A{number}`") for number in (6, 8, 11, 10, 9)]
    assert order == sorted(order)
    b_unique = section(markdown_text(two_source_report()), "**Only B reports**")
    assert "<details><summary>5 claims with no numbers or names</summary>" in b_unique
    assert "`B20` The implications" in b_unique


def test_markdown_dropped_lines() -> None:
    dropped = section(markdown_text(two_source_report(), show_dropped=True), "### Dropped lines", "<sub>")
    assert "| B | 3 | 36 views | view counter |" in dropped
    assert "### Dropped lines" not in markdown_text(two_source_report())


def test_markdown_three_sources_get_a_table_per_discrepancy_group() -> None:
    discrepancies = section(markdown_text(three_source_report()), "### Discrepancies", "### Agreements")
    assert "Marks: = majority value · ≠ other value · — silent (no value)" in discrepancies
    assert "| Fact | **A** | **B** | **C** |" in discrepancies
    assert "| **quantity · deaths** | = over 300 deaths | **≠ 200** | = more than 300 |" in discrepancies
    assert "| **event · actor of capture Saraqib** | **≠ rebels** | **≠ HTS** | — |" in discrepancies
    assert "- **quantity · deaths**: B gives 200 deaths where A and C give over 300" in discrepancies
    assert "#### G2 · score 0.58 · silent: C" in discrepancies


def test_markdown_lists_agreed_facts_and_who_did_what() -> None:
    text = markdown_text(three_source_report())
    discrepancies = section(text, "### Discrepancies", "### Agreements")
    assert "**Agreed:** civilians: 28 civilians / 28 (A, B)" in discrepancies
    assert (
        "**Who did what:**\n\n- **A**: rebels — seized — Saraqib\n- **B**: HTS — captured — Saraqib"
        in discrepancies
    )
    agreements = section(text, "### Agreements", "### Only one")
    assert "  - who did what: A: Russian jets — struck — Idlib \\| C: Russia — bombed — Idlib" in agreements


def test_markdown_eight_sources_list_each_fact() -> None:
    discrepancies = section(markdown_text(eight_source_report()), "### Discrepancies", "### Agreements")
    assert (
        "- **quantity · deaths**: = A, C, D, E, F: over 300 deaths · **≠ B: 200** · silent: G, H"
        " — most outlets count over 300"
    ) in discrepancies
    assert "| Fact |" not in discrepancies


def test_markdown_shows_dates_and_the_suppressed_count() -> None:
    data = three_source_report()
    data["summary"]["suppressed"] = 2
    text = markdown_text(data)
    assert "| Source | File | Title | Date | Sentences | Claims | Dropped lines |" in text
    assert "| **A** | outlet\\_a.txt |  | 2024-11-30 | 6 | 6 | 0 |" in text
    assert "**1 agreement · 2 discrepancies · unique: A 1, B 4, C 0 · 2 suppressed by baseline**" in text


# --- The real pipeline's record ----------------------------------------------------------------------------


def test_the_fixture_pair_renders_in_every_format(fixture_a: Path, fixture_b: Path) -> None:

    data = factcheck.compare([fixture_a, fixture_b]).to_dict()
    text = rich_text(data, show_dropped=True)
    assert not ANSI.search(text)
    assert [line for line in text.splitlines() if len(line) > 80] == []
    assert summary_line(data) in text
    assert "only A reports" in text and "over 300 deaths" in text
    assert "36 views" in text  # dropped furniture of source B
    document = markdown_text(data)
    assert f"**{summary_line(data)}**" in document
    assert document.rstrip().splitlines()[-1].startswith(f"<sub>factcheck {factcheck.__version__}")


def test_the_saved_fixture_record_made_three_way_renders_within_the_width() -> None:
    """The real record (the golden export), with one group turned into a conflict that a third source is silent on."""
    data = json.loads((ROOT / "tests" / "golden" / "aleppo.json").read_text(encoding="utf-8"))
    data["sources"].append({**data["sources"][0], "id": "C", "name": "outlet_c.txt", "dropped": []})
    group = next(group for group in data["groups"] if group["status"] == "agreement")
    group.update(
        status="discrepancy",
        silent=["C"],
        discrepancies=[
            make_discrepancy(
                "quantity", "deaths", {"A": "over 300 deaths", "B": "200"}, [], "A: over 300; B: 200"
            )
        ],
    )
    data["summary"].update(agreements=data["summary"]["agreements"] - 1, discrepancies=1, suppressed=1)
    for width in (60, 80):
        text = rich_text(data, width=width)
        assert [line for line in text.splitlines() if len(line) > width] == []
        discrepancies = section(text, "Discrepancies", "Agreements")
        assert matrix_row(discrepancies, "deaths")[1:] == ["≠ over 300 deaths", "≠ 200", "—"]
        assert f"{group['id']} · score" in discrepancies and "silent: C" in discrepancies
        assert "1 suppressed by baseline" in flat(text)
    document = markdown_text(data)
    assert "| **quantity · deaths** | **≠ over 300 deaths** | **≠ 200** | — |" in document


HOSTILE = "\x1b]0;PWNED\x07\x1b[2J\x1b[31m\x9b31m\x7f\x08\r"
"""An article's escape sequences: retitle the terminal, clear it, recolour, C1 CSI, DEL, backspace, CR."""


def _hostile_report() -> dict[str, Any]:
    return factcheck.compare(
        [
            f"Rebels took Saraqib on Monday, {HOSTILE}killing 12 people.\nThe army withdrew.",
            "Rebels took Saraqib on Monday, killing 15 people.\nThe army withdrew.",
        ]
    ).to_dict()


@pytest.mark.parametrize(
    ("fmt", "color", "shows_text"),
    [("rich", False, True), ("rich", True, True), ("markdown", False, True), ("github", False, False)],
)
def test_escape_sequences_in_articles_reach_no_terminal(fmt: str, color: bool, shows_text: bool) -> None:
    """Text from the articles is untrusted: the formats for people show its control characters inert."""
    out = io.StringIO()
    render(fmt, _hostile_report(), out, color=color, width=100)
    shown = out.getvalue()
    for raw in ("\x1b]", "\x07", "\x1b[2J", "\x1b[31m", "\x9b", "\x7f", "\x08", "\r"):
        assert raw not in shown, repr(raw)
    if shows_text:  # still there, visibly
        assert "PWNED" in shown and "\u241b" in shown and "\u2407" in shown


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_machine_formats_keep_the_articles_text_exact(fmt: str) -> None:
    out = io.StringIO()
    render(fmt, _hostile_report(), out)
    assert "\x1b" not in out.getvalue()  # JSON escapes it
    exact = HOSTILE.replace("\r", "\n")  # a lone CR is a line end, read as LF (docs/input.md)
    assert any(exact in claim["text"] for claim in json.loads(out.getvalue())["claims"])
