"""factcheck.report.json.dumps writes exactly what json.dumps(indent=2, ensure_ascii=False) writes."""

from __future__ import annotations

import json
from enum import IntEnum

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.report.json import dumps

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
    | st.text(alphabet=st.characters(max_codepoint=0x7F))
    | st.sampled_from(["", '"', "\\", "\n\r\t\b\f", "\x00\x1f\x7f", "é—’“”…", "\u2028\u2029", "\ud800"])
)
keys = st.text() | st.sampled_from(["", "id", "\n", '"quoted"'])
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.lists(inner, max_size=5).map(tuple)
        | st.dictionaries(keys, inner, max_size=5)
    ),
    max_leaves=40,
)


def _expected(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


@settings(max_examples=500, deadline=None)
@given(documents)
def test_same_text_as_json_dumps(value: object) -> None:
    assert dumps(value) == _expected(value)  # type: ignore[arg-type]


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.integers() | st.floats() | st.booleans() | st.none(), scalars, min_size=1))
def test_keys_that_are_not_strings_are_left_to_json(value: dict) -> None:
    assert dumps(value) == _expected(value)


class Level(IntEnum):
    low = 1


class Name(str):
    pass


def test_subclasses_of_the_json_types() -> None:
    value = {Name("k"): [Level.low, Name("v"), 1.5, True], "nested": {"empty": {}, "list": [], "tuple": ()}}
    assert dumps(value) == _expected(value)


def test_what_json_cannot_encode_raises_as_json_does() -> None:
    with pytest.raises(TypeError):
        dumps({"a": object()})
    cycle: list[object] = []
    cycle.append(cycle)
    with pytest.raises(ValueError, match="Circular"):
        dumps({"a": cycle})


def test_a_lone_surrogate_in_library_text_gets_a_report() -> None:
    """Text given to the library (not read from a file) may hold a lone surrogate: fingerprinting it raised
    UnicodeEncodeError."""
    import factcheck

    texts = ["The fire killed 12 people \ud800 on Monday.", "The fire killed 15 people on Monday."]
    report = factcheck.compare(texts).to_dict()
    assert any(group["status"] == "discrepancy" for group in report["groups"])
