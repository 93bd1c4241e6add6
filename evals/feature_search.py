"""Search for alignment features: does a candidate feature raise the cross-validated accuracy on MRPC TRAIN?

Usage: .venv/bin/python evals/feature_search.py [--l2 0.1]

The shipped features (``factcheck.align.pair_features`` of each TRAIN pair, as ``fit_threshold.py``
builds them) are the baseline. Each candidate below is added alone, then all together, then all with
their pairwise products (a quadratic logistic model); each line gives the 5-fold cross-validated accuracy
at score 0.5 of the L2-penalised logistic regression ``fit_threshold.py`` fits. TRAIN only: the TEST split
is never read. Prints the table last; exits 2 if the data is missing.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import Counter
from collections.abc import Callable
from difflib import SequenceMatcher

import numpy as np
from common import read_mrpc
from fit_threshold import cross_validated_accuracy, print_accuracy_table, sentence_features
from rapidfuzz import fuzz

from factcheck.align import background_idf
from factcheck.words import is_content, stem, words

_NUMBER = re.compile(r"\d[\d,.]*\d|\d")


def _stems(text: str) -> list[str]:
    return [stem(w) for w in words(text)]


def _bleu(hypothesis: list[str], reference: list[str]) -> float:
    """Smoothed BLEU-4 of one word list against another."""
    precisions = []
    for n in range(1, 5):
        ours = Counter(tuple(hypothesis[i : i + n]) for i in range(len(hypothesis) - n + 1))
        theirs = Counter(tuple(reference[i : i + n]) for i in range(len(reference) - n + 1))
        total = sum(ours.values())
        matched = sum(min(c, theirs[g]) for g, c in ours.items())
        precisions.append((matched + 0.1) / (total + 0.1) if total else 1e-3)
    brevity = min(1.0, math.exp(1 - len(reference) / max(len(hypothesis), 1)))
    return brevity * math.exp(sum(map(math.log, precisions)) / 4)


def _extra_mass(s1: str, s2: str) -> tuple[float, float]:
    """Share of each sentence's content IDF mass the other lacks: (larger, smaller)."""
    a = {stem(w) for w in words(s1) if is_content(w)}
    b = {stem(w) for w in words(s2) if is_content(w)}
    mass_a = sum(map(background_idf, a)) or 1.0
    mass_b = sum(map(background_idf, b)) or 1.0
    only_a = sum(map(background_idf, a - b)) / mass_a
    only_b = sum(map(background_idf, b - a)) / mass_b
    return max(only_a, only_b), min(only_a, only_b)


def _longest_extra_run(s1: str, s2: str) -> float:
    """Longest run of consecutive words of one sentence whose stems the other lacks (an added clause),
    as a share of that sentence's length: rewordings scatter their differences, additions bunch them."""
    a, b = _stems(s1), _stems(s2)
    best = 0.0
    for mine, other in ((a, set(b)), (b, set(a))):
        run = longest = 0
        for term in mine:
            run = run + 1 if term not in other else 0
            longest = max(longest, run)
        best = max(best, longest / max(len(mine), 1))
    return best


_QUOTED = re.compile(r"[\"“”]([^\"“”]{12,})(?:[\"“”]|$)")


def _quote(text: str) -> str:
    """The longest quotation in ``text`` (an unclosed one runs to the end), or ""."""
    quotes = _QUOTED.findall(text)
    return max(quotes, key=len).strip(" ,.") if quotes else ""


def _quote_core(text: str) -> str:
    """What a sentence says without who said it: its quotation when it has one of 4+ words."""
    quote = _quote(text)
    return quote if len(quote.split()) >= 4 else text


def _shared_quote(a: str, b: str) -> float:
    qa, qb = _quote(a), _quote(b)
    if len(qa.split()) < 4 or len(qb.split()) < 4:
        return 0.0
    return fuzz.token_set_ratio(" ".join(_stems(qa)), " ".join(_stems(qb))) / 100


CANDIDATES: dict[str, Callable[[str, str], float]] = {
    "shared quotation": _shared_quote,
    "quote core token_set": lambda a, b: (
        fuzz.token_set_ratio(" ".join(_stems(_quote_core(a))), " ".join(_stems(_quote_core(b)))) / 100
    ),
    "longest added run": _longest_extra_run,
    "bleu (both ways)": lambda a, b: (_bleu(_stems(a), _stems(b)) + _bleu(_stems(b), _stems(a))) / 2,
    "length difference": lambda a, b: (
        abs(len(words(a)) - len(words(b))) / max(len(words(a)), len(words(b)), 1)
    ),
    "word LCS ratio": lambda a, b: SequenceMatcher(None, _stems(a), _stems(b), autojunk=False).ratio(),
    "extra content (larger side)": lambda a, b: _extra_mass(a, b)[0],
    "extra content (smaller side)": lambda a, b: _extra_mass(a, b)[1],
    "same numbers": lambda a, b: float(
        bool(_NUMBER.findall(a + b)) and set(_NUMBER.findall(a)) == set(_NUMBER.findall(b))
    ),
    "token_sort_ratio": lambda a, b: fuzz.token_sort_ratio(" ".join(_stems(a)), " ".join(_stems(b))) / 100,
}


def _quadratic(x: np.ndarray) -> np.ndarray:
    n = x.shape[1]
    return np.hstack([x, *[(x[:, i] * x[:, j])[:, None] for i in range(n) for j in range(i, n)]])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--l2", type=float, default=0.1)
    args = parser.parse_args(argv)
    pairs = read_mrpc("train")
    y = np.array([p.label for p in pairs], dtype=np.float64)
    base = np.array([sentence_features(p.s1, p.s2, "token_set_ratio") for p in pairs])
    extra = np.array([[f(p.s1, p.s2) for f in CANDIDATES.values()] for p in pairs])
    rows = [("shipped features", cross_validated_accuracy(base, y, args.l2))]
    for column, name in enumerate(CANDIDATES):
        rows.append(
            (f"+ {name}", cross_validated_accuracy(np.hstack([base, extra[:, [column]]]), y, args.l2))
        )
    every = np.hstack([base, extra])
    rows.append(("+ all candidates", cross_validated_accuracy(every, y, args.l2)))
    rows.append(("shipped, quadratic (l2 1.0)", cross_validated_accuracy(_quadratic(base), y, 1.0)))
    rows.append(("+ all candidates, quadratic (l2 1.0)", cross_validated_accuracy(_quadratic(every), y, 1.0)))
    print_accuracy_table(len(y), rows, width=40)
    return 0


if __name__ == "__main__":
    sys.exit(main())
