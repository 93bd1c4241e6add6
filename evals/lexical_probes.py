"""Probe two lexical resources for the alignment score on MRPC TRAIN: do they raise cross-validated accuracy?

Usage: .venv/bin/python evals/lexical_probes.py [--l2 0.1] [--wordnet /usr/share/wordnet]

The shipped features (``factcheck.align.pair_features`` of each TRAIN pair, as ``fit_threshold.py`` builds
them) are the baseline; each probe adds columns and the 5-fold cross-validated accuracy at score 0.5 of the
same L2-penalised logistic regression is printed. TRAIN only: the TEST split is never read.

1. Supervised term weights (TF-KLD, Ji and Eisenstein 2013): each stem and stem bigram weighs the
   Kullback-Leibler divergence between "in both sentences, given in either" among paraphrase pairs and
   among the others. Features: the KLD-weighted Jaccard overlap of the two sentences, and the KLD mass
   of what only one has. The weights are learned on the training part of each fold and, for that part's
   own rows, cross-fitted (5 inner folds), so no row's feature has seen its own label.
2. WordNet synonyms (the WordNet 3.0 database files, e.g. Debian's ``wordnet-base`` in /usr/share/wordnet;
   skipped with a note when absent): a content word of one sentence counts as matched when the other has
   its stem or the stem of a word sharing one of its first ``senses`` synsets (optionally with derivational
   links or hypernyms). Features: IDF-weighted coverage of the lighter and heavier sentence.

Prints the table last; exits 2 if MRPC is missing.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np
from common import Pair, read_mrpc
from fit_threshold import (
    FOLDS,
    cross_validated_accuracy,
    fit_logistic,
    print_accuracy_table,
    sentence_features,
)

from factcheck.align import background_idf, logistic
from factcheck.words import is_content, stem, words

Terms = tuple[frozenset[str], frozenset[str]]
POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
# Regular inflections undone before a WordNet lookup (WordNet's own exception lists cover the rest).
_SUFFIXES = (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("ies", "y"))


# -- cross-validation with features fitted inside the fold ---------------------------------------


def cross_fitted_accuracy(
    base: np.ndarray, y: np.ndarray, l2: float, extra: Callable[[np.ndarray, np.ndarray], np.ndarray]
) -> float:
    """``cross_validated_accuracy`` of ``base`` plus columns learned inside each fold: ``extra(fit_rows,
    rows)`` gives the columns of ``rows`` learned from ``fit_rows``, so the training rows get theirs from
    inner folds that leave them out (no row's feature has seen its own label)."""
    order = np.random.default_rng(0).permutation(len(y))  # the folds of cross_validated_accuracy
    correct = 0
    for fold in np.array_split(order, FOLDS):
        rest = np.setdiff1d(order, fold)
        held = extra(rest, fold)
        columns = np.zeros((len(y), held.shape[1]))
        columns[fold] = held
        for inner in np.array_split(rest, FOLDS):
            columns[inner] = extra(np.setdiff1d(rest, inner), inner)
        x = np.hstack([base, columns])
        w = fit_logistic(x[rest], y[rest], l2)
        correct += int(((logistic(x[fold], tuple(w)) >= 0.5) == (y[fold] == 1)).sum())
    return correct / len(y)


# -- 1. TF-KLD ------------------------------------------------------------------------------------


def stem_terms(text: str) -> frozenset[str]:
    stems = [stem(w) for w in words(text)]
    return frozenset(stems) | frozenset(f"{a} {b}" for a, b in pairwise(stems))


def kld_weights(
    terms: list[Terms], y: np.ndarray, rows: Iterable[int], alpha: float = 1.0
) -> dict[str, float]:
    both: list[Counter[str]] = [Counter(), Counter()]
    either: list[Counter[str]] = [Counter(), Counter()]
    for i in rows:
        a, b = terms[i]
        label = int(y[i])
        both[label].update(a & b)
        either[label].update(a | b)
    weights = {}
    for term in either[0].keys() | either[1].keys():
        p = (both[1][term] + alpha) / (either[1][term] + 2 * alpha)
        q = (both[0][term] + alpha) / (either[0][term] + 2 * alpha)
        weights[term] = p * math.log(p / q) + (1 - p) * math.log((1 - p) / (1 - q))
    return weights


def kld_columns(terms: list[Terms], y: np.ndarray) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    def columns(fit_rows: np.ndarray, rows: np.ndarray) -> np.ndarray:
        weights = kld_weights(terms, y, fit_rows)
        default = float(np.median(list(weights.values())))
        out = []
        for i in rows:
            a, b = terms[i]
            shared = sum(weights.get(t, default) for t in a & b)
            union = sum(weights.get(t, default) for t in a | b)
            only = sum(weights.get(t, default) for t in a ^ b)
            out.append([shared / union if union else 0.0, min(only, 5.0) / 5.0])
        return np.array(out)

    return columns


# -- 2. WordNet ------------------------------------------------------------------------------------


Synset = tuple[str, str]  # (part of speech, offset)


@dataclass(frozen=True)
class WordNet:
    words: dict[Synset, list[str]]
    """The words of each synset."""
    links: dict[Synset, list[tuple[str, Synset]]]
    """(pointer symbol, target synset) of each synset: "+" derivation, "@" hypernym..."""
    senses: dict[str, list[Synset]]
    """A lemma's synsets, most frequent sense first within each part of speech."""


def read_wordnet(root: Path) -> WordNet:
    """WordNet 3.0's data.* and index.* files."""
    synset_words: dict[Synset, list[str]] = {}
    links: dict[Synset, list[tuple[str, Synset]]] = {}
    for pos, name in POS_FILES.items():
        for line in (root / f"data.{name}").read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):  # the licence header
                continue
            fields = line.split(" | ")[0].split()
            key = (pos, fields[0])
            count = int(fields[3], 16)
            synset_words[key] = [fields[4 + 2 * i].lower().split("(")[0] for i in range(count)]
            at = 4 + 2 * count
            pointers = [fields[at + 1 + 4 * i : at + 5 + 4 * i] for i in range(int(fields[at]))]
            links[key] = [
                (symbol, ("a" if tpos == "s" else tpos, offset)) for symbol, offset, tpos, _ in pointers
            ]
    senses: dict[str, list[Synset]] = {}
    for pos, name in POS_FILES.items():
        for line in (root / f"index.{name}").read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):
                continue
            fields = line.split()
            offsets = fields[4 + int(fields[3]) + 2 :]
            senses.setdefault(fields[0], []).extend((pos, offset) for offset in offsets)
    return WordNet(synset_words, links, senses)


def related_stems(word: str, wordnet: WordNet, senses: int, relations: str) -> set[str]:
    """Stems of the words sharing one of ``word``'s first ``senses`` synsets per part of speech, and of
    those linked to them by derivation ("der") or as hypernyms ("hyp") when ``relations`` names them."""
    lemmas = {word} | {
        word[: -len(s)] + r for s, r in _SUFFIXES if word.endswith(s) and len(word) > len(s) + 2
    }
    wanted = ({"+"} if "der" in relations else set()) | ({"@", "@i"} if "hyp" in relations else set())
    related: set[str] = set()
    for lemma in lemmas & wordnet.senses.keys():
        by_pos: dict[str, list[Synset]] = {}
        for key in wordnet.senses[lemma]:
            by_pos.setdefault(key[0], []).append(key)
        for keys in by_pos.values():
            for key in keys[:senses]:
                targets = [key] + [
                    t for symbol, t in wordnet.links[key] if symbol in wanted and t in wordnet.words
                ]
                for target in targets:
                    related.update(w for w in wordnet.words[target] if "_" not in w)
    return {stem(w) for w in related}


def wordnet_columns(pairs: list[Pair], wordnet: WordNet, senses: int, relations: str) -> np.ndarray:
    """IDF-weighted coverage of the lighter and heavier sentence, synonyms counting as matches."""
    out = []
    related: dict[str, set[str]] = {}
    for pair in pairs:
        a = {w for w in words(pair.s1) if is_content(w)}
        b = {w for w in words(pair.s2) if is_content(w)}
        stems_a, stems_b = {stem(w) for w in a}, {stem(w) for w in b}
        covers = []
        for mine, theirs in ((a, stems_b), (b, stems_a)):
            total = matched = 0.0
            for word in mine:
                weight = background_idf(stem(word))
                total += weight
                if word not in related:
                    related[word] = related_stems(word, wordnet, senses, relations)
                if stem(word) in theirs or related[word] & theirs:
                    matched += weight
            covers.append(matched / total if total else 1.0)
        out.append([min(covers), max(covers)])
    return np.array(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--l2", type=float, default=0.1)
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    args = parser.parse_args(argv)
    pairs = read_mrpc("train")
    y = np.array([p.label for p in pairs], dtype=np.float64)
    base = np.array([sentence_features(p.s1, p.s2, "token_set_ratio") for p in pairs])
    rows = [("shipped features", cross_validated_accuracy(base, y, args.l2))]

    terms = [(stem_terms(p.s1), stem_terms(p.s2)) for p in pairs]
    rows.append(
        ("+ TF-KLD overlap and one-side mass", cross_fitted_accuracy(base, y, args.l2, kld_columns(terms, y)))
    )

    notes = []
    if (args.wordnet / "data.noun").exists():
        wordnet = read_wordnet(args.wordnet)
        for relations in ("syn", "syn+der", "syn+hyp"):
            for senses in (1, 3, 99):
                extra = wordnet_columns(pairs, wordnet, senses, relations)
                accuracy = cross_validated_accuracy(np.hstack([base, extra]), y, args.l2)
                rows.append((f"+ WordNet cover ({relations}, first {senses} senses)", accuracy))
    else:
        notes.append(
            f"WordNet probes skipped: no {args.wordnet / 'data.noun'} (Debian: apt install wordnet-base)"
        )

    for note in notes:
        print(note)
    print_accuracy_table(len(y), rows, width=50)
    return 0


if __name__ == "__main__":
    sys.exit(main())
