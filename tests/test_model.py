"""The records' written-out ``__init__`` (factcheck/model.py says why) must be the one dataclass would
generate: the same parameters, annotations and defaults, in field order, each field set once."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

import factcheck
from factcheck.model import Claim, Fact

PACKAGE = Path(factcheck.__file__).parent
MODULES = ["model.py", "align.py"]


def _dataclasses_with_init(module: str) -> list[ast.ClassDef]:
    tree = ast.parse((PACKAGE / module).read_text(encoding="utf-8"))
    return [
        node
        for node in tree.body
        if isinstance(node, ast.ClassDef)
        and any(ast.unparse(d).startswith("dataclass") for d in node.decorator_list)
        and any(isinstance(s, ast.FunctionDef) and s.name == "__init__" for s in node.body)
    ]


def _fields(node: ast.ClassDef) -> list[tuple[str, str, str | None]]:
    return [
        (s.target.id, ast.unparse(s.annotation), None if s.value is None else ast.unparse(s.value))
        for s in node.body
        if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
    ]


def _init_parameters(init: ast.FunctionDef) -> list[tuple[str, str, str | None]]:
    args = init.args.args
    defaults = [None] * (len(args) - len(init.args.defaults)) + [ast.unparse(d) for d in init.args.defaults]
    assert args[0].arg == "self" and not init.args.kwonlyargs and init.args.vararg is None
    pairs = list(zip(args, defaults, strict=True))[1:]
    return [(a.arg, ast.unparse(a.annotation) if a.annotation else "", d) for a, d in pairs]


def _stores(init: ast.FunctionDef) -> list[str]:
    return [ast.unparse(statement) for statement in init.body]


CLASSES = [(module, node) for module in MODULES for node in _dataclasses_with_init(module)]


def test_the_hot_records_write_their_init_out() -> None:
    names = {node.name for _, node in CLASSES}
    assert {"Fact", "Claim", "Sentence", "Alignment", "Group", "ClaimFeatures", "_TermCodes"} <= names


@pytest.mark.parametrize(("module", "node"), CLASSES, ids=[f"{m}:{n.name}" for m, n in CLASSES])
def test_a_written_init_is_the_generated_one(module: str, node: ast.ClassDef) -> None:
    init = next(s for s in node.body if isinstance(s, ast.FunctionDef) and s.name == "__init__")
    fields = _fields(node)
    assert _init_parameters(init) == fields
    assert _stores(init) == [f"object.__setattr__(self, '{name}', {name})" for name, _, _ in fields]
    assert ast.unparse(init.returns) == "None"


def test_records_stay_frozen_and_compare_by_value() -> None:
    fact = Fact("quantity", "300 deaths", 1, 11, 300, unit="death")
    with pytest.raises(dataclasses.FrozenInstanceError):
        fact.value = 200  # type: ignore[misc]
    assert fact == Fact(type="quantity", text="300 deaths", start=1, end=11, value=300, unit="death")
    assert hash(fact) == hash(Fact("quantity", "300 deaths", 1, 11, 300, "death"))
    assert (fact.qualifier, fact.key, fact.negated) == (None, "", False)
    claim = Claim("A1", "A", 0, "Over 300 died.", 0, 14, 1, (fact,))
    assert (claim.sentence_start, claim.sentence_end) == (-1, -1)
    assert repr(claim).startswith("Claim(id='A1', source='A', sentence=0")
    assert dataclasses.replace(claim, source="B").source == "B"
