from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.clean import clean, furniture_reason
from factcheck.read import read_source


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("36 views", "view counter"),
        ("1,204 Views", "view counter"),
        ("2 mins read", "reading time"),
        ("5 min read", "reading time"),
        ("7 months ago", "relative age"),
        ("an hour ago", "relative age"),
        ("Today:July 6, 2025", "today line"),
        ("Advertisement", "advertisement"),
        ("Leave a Reply", "comment form"),
        ("Your email address will not be published.", "comment form"),
        ("Share on Facebook", "share or subscribe"),
        ("Facebook Twitter WhatsApp", "share or subscribe"),
        ("Subscribe to our newsletter", "share or subscribe"),
        ("July 6, 2025", "dateline"),
        ("Updated: 12 March 2024 10:45 GMT", "dateline"),
        # Real page datelines from the news clusters, compared as facts before they were recognised.
        ("Last updated at 11:24, Tuesday, 18 June 2013", "dateline"),
        ("Published: 09th June 2013", "dateline"),
        ("Published on: Fri, 11 Nov 2011", "dateline"),
        ("Sat Nov 12 2011", "dateline"),
        ("Updated 4 / 9 / 2007 6:04 PM", "dateline"),
        ("21 July 2013 Last updated at 11:11 GMT", "dateline"),
        ("Posted on April 4 2017 by Asharq Al-Awsat English", "dateline"),
    ],
)
def test_clean_recognises_furniture(line: str, reason: str) -> None:
    assert furniture_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "A Rapid Offensive",
        "The clashes have led to over 300 deaths.",
        "Rebels Overrun Aleppo in Surprise Offensive, Shaking Assad’s Grip on Power",
        "36 views of the city were published by the agency.",
        "Advertisement revenue fell by 4%.",
        "",
    ],
)
def test_clean_keeps_reporting(line: str) -> None:
    assert furniture_reason(line) is None


def test_clean_fixture_b_drops_furniture_and_keeps_headline(fixture_b: Path) -> None:
    cleaned = clean(read_source(fixture_b, "B"))
    dropped = [d.text for d in cleaned.dropped]
    assert dropped[:4] == ["Today:July 6, 2025", "7 months ago", "36 views", "2 mins read"]
    assert "Leave a Reply" in dropped
    assert "Your email address will not be published." in dropped
    assert dropped.count("Advertisement") == 2
    assert cleaned.title == "Rebels Overrun Aleppo in Surprise Offensive, Shaking Assad’s Grip on Power"
    text = cleaned.article.text
    kept = " ".join(text[s:e] for s, e in cleaned.blocks)
    assert cleaned.title in kept
    for item in cleaned.dropped:
        assert text[item.start : item.end] == item.text
        assert all(item.end <= start or item.start >= end for start, end in cleaned.blocks)


def test_clean_fixture_a_has_no_furniture(fixture_a: Path) -> None:
    cleaned = clean(read_source(fixture_a, "A"))
    assert cleaned.dropped == ()
    assert cleaned.title is None


def test_clean_disabled_keeps_everything(fixture_b: Path) -> None:
    cleaned = clean(read_source(fixture_b, "B"), enabled=False)
    assert cleaned.dropped == ()
    assert any("36 views" in cleaned.article.text[s:e] for s, e in cleaned.blocks)


def test_clean_line_numbers_and_crlf() -> None:
    from factcheck.model import Article

    text = "Headline here\r\n12 views\r\nBody sentence one.\r\n"
    cleaned = clean(Article("A", "a", None, text))
    assert [(d.text, d.line) for d in cleaned.dropped] == [("12 views", 2)]
    assert [text[s:e] for s, e in cleaned.blocks] == ["Headline here", "Body sentence one."]


@pytest.mark.parametrize(
    ("text", "blocks", "dropped"),
    [
        (
            "07.04.2017(updated 1121 07.04.2017) Get short URL Topic US Missile Attack on Syrian Air Base (200) "
            "0 38 A US missile strike near Homs killed five people.",
            ["A US missile strike near Homs killed five people."],
            [
                "07.04.2017(updated 1121 07.04.2017) Get short URL Topic US Missile Attack on Syrian Air Base (200) 0 38"
            ],
        ),
        (
            "18.05.2017Get short URL 0 15 The death toll reached 51 people.",
            ["The death toll reached 51 people."],
            ["18.05.2017Get short URL 0 15"],
        ),
        (
            "Death Toll Rises to 70 Middle East 1735 15.04.2017(updated 2033 15.04.2017) Get short URL 9832 "
            "A source told reporters that a blast hit the buses.",
            [
                "Death Toll Rises to 70 Middle East 1735",
                "A source told reporters that a blast hit the buses.",
            ],
            ["15.04.2017(updated 2033 15.04.2017) Get short URL 9832"],
        ),
    ],
    ids=["at-the-start", "no-update-stamp", "after-the-headline"],
)
def test_clean_drops_a_share_link_stamp_inside_a_line(
    text: str, blocks: list[str], dropped: list[str]
) -> None:
    """News sites that print the page as one line put their share-link stamp (date, update time, "Get short
    URL", topic, counters) before the story: it is dropped, and the line splits around it."""
    from factcheck.model import Article

    cleaned = clean(Article("A", "a", None, text))
    assert [text[s:e] for s, e in cleaned.blocks] == blocks
    assert [(d.text, text[d.start : d.end], d.reason) for d in cleaned.dropped] == [
        (d, d, "share link") for d in dropped
    ]
