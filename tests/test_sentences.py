"""Tests for the sentence splitter (factcheck.sentences)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factcheck.sentences import sentence_spans, split_sentences

REPO_ROOT = Path(__file__).resolve().parents[1]
SINCE_WEDNESDAY = (
    "Since Wednesday, HTS and allied Turkish-backed factions have launched a lightning assault against "
    "Iranian- and Russian-supported government forces."
)

ABBREVIATIONS = [
    ("Mr. Smith went to Washington. He stayed.", ["Mr. Smith went to Washington.", "He stayed."]),
    ("Gen. Smith met Lt. Col. Jones. They talked.", ["Gen. Smith met Lt. Col. Jones.", "They talked."]),
    ("Dr. Who? No, Dr. Jekyll.", ["Dr. Who?", "No, Dr. Jekyll."]),
    ("I work for the U.S. Government in Virginia.", ["I work for the U.S. Government in Virginia."]),
    ("I live in the U.S. How about you?", ["I live in the U.S.", "How about you?"]),
    (
        "The U.N. Security Council met on Jan. 5. It voted.",
        ["The U.N. Security Council met on Jan. 5.", "It voted."],
    ),
    ("They fled to the U.K. Many stayed.", ["They fled to the U.K.", "Many stayed."]),
    ("He arrived at 5 p.m. Then he left.", ["He arrived at 5 p.m.", "Then he left."]),
    (
        "In Baghdad, police Lieut. Mothana Ali said the crowd grew. It left.",
        ["In Baghdad, police Lieut. Mothana Ali said the crowd grew.", "It left."],
    ),
    (
        '"We saw it through the prism of Sept. 11." He paused.',
        ['"We saw it through the prism of Sept. 11."', "He paused."],
    ),
    ("It began on Sept. 11. Then it spread.", ["It began on Sept. 11.", "Then it spread."]),
    ("The attack began at 5 a.m. Tuesday.", ["The attack began at 5 a.m. Tuesday."]),
    ("It ended at 9 p.m. ET, officials said.", ["It ended at 9 p.m. ET, officials said."]),
    (
        "At 6 a.m. Mr. Lee called. He left at 7 a.m. Mr. Lee then slept.",
        ["At 6 a.m. Mr. Lee called.", "He left at 7 a.m.", "Mr. Lee then slept."],
    ),
    (
        "Pitt, Briggs & Co. at noon. Briggs & Co. It closed.",
        ["Pitt, Briggs & Co. at noon.", "Briggs & Co.", "It closed."],
    ),
    (
        "The No. 1 seed lost. The answer was no. We left.",
        ["The No. 1 seed lost.", "The answer was no.", "We left."],
    ),
    ("Allies (e.g. Russia) helped, etc. and more.", ["Allies (e.g. Russia) helped, etc. and more."]),
    (
        "Jonas E. Smith met John F. Kennedy. We did too.",
        ["Jonas E. Smith met John F. Kennedy.", "We did too."],
    ),
    (
        "Sen. Warren (D-Mass.) said it. Rep. Jordan disagreed.",
        ["Sen. Warren (D-Mass.) said it.", "Rep. Jordan disagreed."],
    ),
    (
        "She works at Yahoo! in Paris. Yahoo! It was fun.",
        ["She works at Yahoo! in Paris.", "Yahoo!", "It was fun."],
    ),
]

LAYOUT = [
    (f"A Rapid Offensive\n{SINCE_WEDNESDAY}", ["A Rapid Offensive", SINCE_WEDNESDAY]),
    ("Today:July 6, 2025\n7 months ago\n36 views", ["Today:July 6, 2025", "7 months ago", "36 views"]),
    ("Headline\n\nFirst paragraph. Second sentence.", ["Headline", "First paragraph.", "Second sentence."]),
    ("No stop\n\nafter blank line", ["No stop", "after blank line"]),
    (
        "The rebels seized the strategic\ntown of Saraqib.",
        ["The rebels seized the strategic\ntown of Saraqib."],
    ),
    (
        "Hezbollah, a key ally of the\nSyrian government.",
        ["Hezbollah, a key ally of the\nSyrian government."],
    ),
    ("Key facts:\n- rebels advance\n- army retreats", ["Key facts:", "- rebels advance", "- army retreats"]),
    ("Line one\r\nLine Two\r\n", ["Line one", "Line Two"]),
    ("1. The first item 2. The second item", ["1. The first item", "2. The second item"]),
    ("1) The first item. 2) The second item.", ["1) The first item.", "2) The second item."]),
    ("a. First b. Second c. Third", ["a. First", "b. Second", "c. Third"]),
    ("• 9. The first item • 10. The second item", ["• 9. The first item", "• 10. The second item"]),
    ("Rebels seized Aleppo.The offensive began.", ["Rebels seized Aleppo.", "The offensive began."]),
    ("1. Rebels advance on Hama.", ["1. Rebels advance on Hama."]),
    ("It is a martyr.[1] The emperor ruled.[2][3]", ["It is a martyr.[1]", "The emperor ruled.[2][3]"]),
]

QUOTES_AND_PUNCTUATION = [
    ('He said "no." Then he left.', ['He said "no."', "Then he left."]),
    ("He said “no.” Then he left.", ["He said “no.”", "Then he left."]),
    ("She said, ‘We will win.’ Then she left.", ["She said, ‘We will win.’", "Then she left."]),
    ('She turned to him, "This is great." she said.', ['She turned to him, "This is great." she said.']),
    ("“Why?” he asked. “Because.”", ["“Why?” he asked.", "“Because.”"]),
    ("He (an engineer.) works here.", ["He (an engineer.) works here."]),
    ("What?! No way!! Really?", ["What?!", "No way!!", "Really?"]),
    ("I never meant that.... She left.", ["I never meant that....", "She left."]),
    ("It was . . . fine. Next.", ["It was . . . fine.", "Next."]),
    ("“We will win…” The crowd cheered.", ["“We will win…”", "The crowd cheered."]),
    ("“We will win…” he said.", ["“We will win…” he said."]),
    ("iPhone sales rose. eBay fell.", ["iPhone sales rose.", "eBay fell."]),
]

NUMBERS_AND_ADDRESSES = [
    ("It cost $10.5 million. Pi is 3.14 roughly.", ["It cost $10.5 million.", "Pi is 3.14 roughly."]),
    ("She has $100.00. It is in her bag.", ["She has $100.00.", "It is in her bag."]),
    ("Prices rose 3.5% in 2024. Analysts agreed.", ["Prices rose 3.5% in 2024.", "Analysts agreed."]),
    ("Turn to p. 55. Then stop.", ["Turn to p. 55.", "Then stop."]),
    ("Mail jane.doe@example.com. She replies.", ["Mail jane.doe@example.com.", "She replies."]),
    ("See https://example.com/a.html. It helps.", ["See https://example.com/a.html.", "It helps."]),
]

EDGE_CASES = [
    ("", []),
    ("   \n\n  ", []),
    ("HEADLINE ONLY", ["HEADLINE ONLY"]),
    ("  Leading space. Trailing space.  ", ["Leading space.", "Trailing space."]),
    ("! ! !", ["! ! !"]),
]


def _check(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize(("text", "expected"), ABBREVIATIONS)
def test_abbreviations(text: str, expected: list[str]) -> None:
    _check(text, expected)


@pytest.mark.parametrize(("text", "expected"), LAYOUT)
def test_headlines_wrapped_lines_and_lists(text: str, expected: list[str]) -> None:
    _check(text, expected)


@pytest.mark.parametrize(("text", "expected"), QUOTES_AND_PUNCTUATION)
def test_quotes_and_punctuation(text: str, expected: list[str]) -> None:
    _check(text, expected)


@pytest.mark.parametrize(("text", "expected"), NUMBERS_AND_ADDRESSES)
def test_numbers_money_and_addresses(text: str, expected: list[str]) -> None:
    _check(text, expected)


@pytest.mark.parametrize(("text", "expected"), EDGE_CASES)
def test_edge_cases(text: str, expected: list[str]) -> None:
    _check(text, expected)


def _assert_valid_spans(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    previous_end = start
    for s, e in spans:
        assert previous_end <= s < e <= end, "spans increasing, non-overlapping, inside [start, end)"
        assert text[s:e] == text[s:e].strip()
        previous_end = e


@pytest.mark.parametrize(
    "text",
    [case[0] for case in ABBREVIATIONS + LAYOUT + QUOTES_AND_PUNCTUATION + EDGE_CASES],
)
def test_spans_match_sentences(text: str) -> None:
    spans = sentence_spans(text)
    _assert_valid_spans(text, spans, 0, len(text))
    assert [text[s:e] for s, e in spans] == split_sentences(text)


def test_spans_of_a_sub_range_are_offsets_into_the_whole_text() -> None:
    text = "Ignored prefix. Mr. Smith left. He came back.\nIgnored suffix."
    start = text.index("Mr.")
    end = text.index("\n")
    spans = sentence_spans(text, start, end)
    _assert_valid_spans(text, spans, start, end)
    assert [text[s:e] for s, e in spans] == ["Mr. Smith left.", "He came back."]


def test_invalid_range_is_rejected() -> None:
    with pytest.raises(ValueError):
        sentence_spans("abc", 2, 1)
    with pytest.raises(ValueError):
        sentence_spans("abc", 0, 10)


def test_news_fixture(fixture_a: Path) -> None:
    text = fixture_a.read_text(encoding="utf-8")
    sentences = split_sentences(text)
    assert sentences[2:4] == ["A Rapid Offensive", SINCE_WEDNESDAY]
    assert sentences[0].startswith("Syrian rebels, led by the jihadist group")
    assert sentences[1].endswith("as reported by the Syrian Observatory for Human Rights.")
    assert "Russian and Turkish Reactions" in sentences
    assert (
        'Russia has intensified its aerial campaign, describing the targets as "extremist forces."'
        in sentences
    )
    assert len(sentences) == 24
    _assert_valid_spans(text, sentence_spans(text), 0, len(text))


def test_fixture_page_furniture_lines_stand_alone(fixture_b: Path) -> None:
    sentences = split_sentences(fixture_b.read_text(encoding="utf-8"))
    assert sentences[:5] == [
        "Today:July 6, 2025",
        "7 months ago",
        "36 views",
        "Rebels Overrun Aleppo in Surprise Offensive, Shaking Assad’s Grip on Power",
        "2 mins read",
    ]
    assert (
        "Jolani, who carries a $10 million U.S. bounty, has been trying to position HTS as a governing"
        in (" ".join(sentences))
    )
    assert sentences[-2:] == ["Advertisement", "Advertisement"]


def test_splitting_an_article_is_fast(fixture_b: Path) -> None:
    text = fixture_b.read_text(encoding="utf-8")
    split_sentences(text)  # warm-up: builds the Punkt tokenizer
    runs = 20
    started = time.perf_counter()
    for _ in range(runs):
        split_sentences(text)
    per_call = (time.perf_counter() - started) / runs
    assert per_call < 0.02  # ~1.3 ms on a laptop; generous for slow CI machines


def test_works_without_any_nltk_data(tmp_path: Path) -> None:
    """No nltk_data anywhere, and any attempt to load or download NLTK resources fails loudly."""
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    script = (
        "import nltk, nltk.data\n"
        "def refuse(*args, **kwargs):\n"
        "    raise AssertionError('NLTK data must not be used')\n"
        "nltk.data.load = nltk.data.find = nltk.download = refuse\n"
        "from factcheck.sentences import split_sentences\n"
        "print(split_sentences('Mr. Smith went to the U.S. He left at 5 p.m. Then he slept.'))\n"
    )
    env = {
        **os.environ,
        "NLTK_DATA": str(empty),
        "HOME": str(tmp_path),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])),
    }
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(["Mr. Smith went to the U.S.", "He left at 5 p.m.", "Then he slept."])
    assert list(empty.iterdir()) == []


@pytest.mark.parametrize(
    "context",
    [
        "said. The",
        "Aleppo. Rebels",
        "city.\n\nThe",
        "Jan. 5",
        "approx. 300",
        "etc. The",
        "vs. Syria",
        "J. Bach",
        "2004. The",
        "it.” The",
        "Damas\u0130. The",
        "Ph. D",
        "said. “We",
        "eine Straße. Die",
        "it.”",
        'that."',
        "people.'",
        "word.)",
        "Ave.)",
        "St.”",
        "U.S.”",
        "5.”",
        "J.”",
    ],
)
def test_plain_period_shortcut_gives_punkts_own_answer(context: str) -> None:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from factcheck.sentences import _punkt

    tokenizer = _punkt()
    assert tokenizer.text_contains_sentbreak(context) == PunktSentenceTokenizer.text_contains_sentbreak(
        tokenizer, context
    )
