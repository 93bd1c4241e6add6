"""Align: score claims across sources and group those that state the same thing.

Score. Each candidate pair of claims (from different sources) gets a score in 0-1: a logistic
function of eight features (``pair_features``; weights in ``Settings.weights``, fitted on MRPC
TRAIN by evals/fit_threshold.py), so the score reads as the probability that the two claims are
paraphrases, and one threshold serves a pair of sentences and a pair of long articles alike.
The features compare the claims' *terms*: content-word stems (Snowball) and entity names, each
weighted by

- its background IDF: sentence frequency in public news text (factcheck/data/idf.txt, built by
  evals/build_idf.py), so sharing "Saraqib" counts for more than sharing "said" or "people";
- times a local damping, ``1 / (1 + ln k)`` where ``k`` is the most claims of one source that use
  the term: a word an article repeats in every claim ("Aleppo" in an article about Aleppo) is its
  topic, not what tells its claims apart. A one-sentence source has ``k = 1`` (no damping).

Candidates (blocking). An inverted index from terms to claims proposes only the pairs of claims
(different sources, both headings or both not) that share a term; a term in more than
``BLOCK_MAX_POSTINGS`` claims proposes nothing (it still counts in the score). Features are
computed for candidate pairs only, in chunks of ``CHUNK_PAIRS``, so time and memory grow with the
number of plausible pairs, not with the product of the sources' lengths. With more than two sources
each claim keeps only its ``MAX_PARTNERS`` closest candidates (by shared term weight), so the pairs
grow linearly with the number of claims; two sources keep every candidate. The costly string
features are computed only for pairs whose score could still reach the link floor (``pair_scores``).

Groups (N-way). Pairs at or above the threshold are taken by descending score, merging the groups
of their two claims when (1) the groups have no source in common and (2) the *average* score over
all pairs of claims across the two groups clears the threshold (a pair not scored counts as 0):
a new member must match the group, not only one member, so groups do not chain unrelated claims.
For two sources this is one-to-one matching by descending score. Then a claim left alone joins its
best partner's group when it scores at least ``ATTACH_RATIO`` of that partner's own link and
matches the group on average (one sentence restating two). A headline aligns only with a headline.

Explanation. ``Alignment.matched`` lists what the group's sources all state, most informative
first (highest weight): shared stems (``saraqib``), entity names (``entity:saraqib``), numbers
and dates from the extracted facts (``number:300``, ``date:2016``), and counted nouns
(``unit:death``). ``Alignment.score`` is the average pair score within the group.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate, chain, repeat

import numpy as np
from rapidfuzz import fuzz, process

from factcheck.casing import lower_case
from factcheck.claims import role_free
from factcheck.datafiles import read_data, without_leading_comments
from factcheck.facts import normalize_entity
from factcheck.facts.dates import is_deictic_day
from factcheck.facts.numbers import caseless
from factcheck.memo import IdentityMemo
from factcheck.model import Alignment, Claim, Fact
from factcheck.settings import ALIGN_FEATURES, Settings
from factcheck.words import content_stems, fold_accents, is_content, stem, words

# A left-over claim joins a group when it scores at least this share of its partner's own link.
ATTACH_RATIO = 0.9
# A term in more claims than this is too common to propose candidate pairs (it still counts in scores).
BLOCK_MAX_POSTINGS = 200
# The shared-fact route between articles: weight of the text score beside the local-IDF cosine.
FACT_TEXT_WEIGHT = 0.2
# Words and names two article claims must share before the shared-fact route applies.
FACT_MIN_SHARED = 2
# A shared event ("capture aleppo") says two claims report the same happening, whatever their words: it
# weighs as much as this many rare words in the shared-fact route.
EVENT_WEIGHT = 2.0
# String features that cost far more than the set overlaps (partial_ratio: ~70 µs a pair), and their
# columns in the feature matrix.
EXPENSIVE = ("text", "partial")
TEXT, PARTIAL = (ALIGN_FEATURES.index(name) for name in EXPENSIVE)
# Levenshtein ``ratio`` of the whole claims: cheaper than those two, yet worth computing only for pairs
# that can still reach the link floor (``pair_scores``).
CHARS = ALIGN_FEATURES.index("chars")
# Candidate pairs whose features are computed at once; bounds the memory of the vectorised join.
CHUNK_PAIRS = 50_000
# With more than two sources, a claim keeps only this many candidate partners (the closest by shared
# term weight); see ``candidate_pairs``. Two sources keep every candidate.
MAX_PARTNERS = 50

SCORER_FUNCTIONS: dict[str, Callable[..., float]] = {
    "token_set_ratio": fuzz.token_set_ratio,
    "token_sort_ratio": fuzz.token_sort_ratio,
    "token_ratio": fuzz.token_ratio,
    "ratio": fuzz.ratio,
    "partial_ratio": fuzz.partial_ratio,
    "WRatio": fuzz.WRatio,
}

# Kinds of term in the index. Only words, names and events carry IDF mass; the others are counted.
# Events are a kind of their own so that ``names_differ`` compares entity names only: "approved the
# legislation" / "passed the bill" are two wordings of one event, not two different names.
WORD, NAME, EVENT, VALUE, BIGRAM, TOKEN, GRAM4 = range(7)
KINDS = 7


@dataclass(frozen=True, slots=True)
class ClaimFeatures:
    """What alignment compares in one claim."""

    # The four bags of terms are tuples of distinct strings, not frozensets: only explaining a group
    # reads them, and the garbage collector walks every set the feature cache holds but no tuple of strings.
    stems: tuple[str, ...]
    """Content-word stems, each once."""
    names: tuple[str, ...]
    """``entity:<name>``, acronyms unified with their long form, and the ``event:`` terms, each once."""
    values: tuple[str, ...]
    """``number:<value>`` and ``date:<value>`` of the extracted facts, each once."""
    units: tuple[str, ...]
    """``unit:<counted noun>`` of the extracted quantities (explanation only), each once."""
    codes: tuple[int, ...]
    """The claim's terms as codes (``term_code``), each once: its content stems, their bigrams (wording
    shared beyond single words), the stems of all its words (function words included), their runs of
    four (same phrasing, same order), and its names, events and values."""
    kinds: bytes
    """The kind of each of ``codes`` (``WORD``, ``BIGRAM``, ``TOKEN``, ``GRAM4``, ``NAME``, ...), a byte each."""
    idf: tuple[float, ...]
    """The background IDF of each of ``codes`` that weighs (stems, names, events); 0 for the others.

    Python tuples and bytes: the index takes an article's claims together (``_Block.of``), one array per
    article rather than three per claim."""
    text: str
    """Sorted content stems joined by spaces: what the rapidfuzz scorer compares."""
    lower: str
    """The claim lower-cased: character-level similarity (spelling variants, numbers)."""
    heading: bool

    # Written out, not generated: compiled, it builds the record ~25 times faster (factcheck/model.py).
    def __init__(
        self,
        stems: tuple[str, ...],
        names: tuple[str, ...],
        values: tuple[str, ...],
        units: tuple[str, ...],
        codes: tuple[int, ...],
        kinds: bytes,
        idf: tuple[float, ...],
        text: str,
        lower: str,
        heading: bool,
    ) -> None:
        object.__setattr__(self, "stems", stems)
        object.__setattr__(self, "names", names)
        object.__setattr__(self, "values", values)
        object.__setattr__(self, "units", units)
        object.__setattr__(self, "codes", codes)
        object.__setattr__(self, "kinds", kinds)
        object.__setattr__(self, "idf", idf)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "lower", lower)
        object.__setattr__(self, "heading", heading)


NO_ALIASES: frozenset[tuple[str, str]] = frozenset()


def names_aliased(facts: tuple[Fact, ...], aliases: dict[str, str]) -> bool:
    """Whether ``aliases`` expand any name ``name_features`` reads from these facts (the only place
    aliases enter a claim's features)."""
    if not aliases:
        return False
    for fact in facts:
        if fact.type == "entity" and str(fact.value) in aliases:
            return True
        if (
            fact.type == "event"
            and fact.target
            and not fact.negated
            and normalize_entity(fact.target) in aliases
        ):
            return True
    return False


def name_features(facts: tuple[Fact, ...], aliases: dict[str, str]) -> frozenset[str]:
    """Entity names, acronyms unified with their long form, and events with a named target.

    An event ("capture aleppo") is a name-like term: two claims that say the same thing happened to the
    same place share it however they word it ("have taken control of most of Aleppo" / "take control of
    Aleppo").
    """
    names = {
        "entity:" + fold_accents(aliases.get(str(f.value), str(f.value))) for f in facts if f.type == "entity"
    }
    for fact in facts:
        if fact.type == "event" and fact.target and not fact.negated:
            target = normalize_entity(fact.target)
            names.add(f"event:{fact.value} {aliases.get(target, target)}")
    return frozenset(names)


def value_features(facts: tuple[Fact, ...]) -> frozenset[str]:
    """Normalised values of numbers and dates: "3,000 people" and "3000 persons" give number:3000.

    A day named from the moment of publication ("today" / "this morning") is no value two outlets can
    be expected to share.
    """
    return frozenset(
        f"number:{f.value}" if f.type == "quantity" else f"date:{f.value}"
        for f in facts
        if f.type in ("quantity", "date") and f.value is not None and not is_deictic_day(f)
    )


def unit_features(facts: tuple[Fact, ...]) -> frozenset[str]:
    return frozenset("unit:" + f.key for f in facts if f.type == "quantity" and f.key)


_CLOSING = frozenset(".!?…\"'”’)")


def is_heading(text: str) -> bool:
    return text.rstrip()[-1:] not in _CLOSING


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, str]:
    """Stem -> the stem of its group's first word (factcheck/data/synonyms.txt)."""
    text = read_data("synonyms.txt")
    canonical: dict[str, str] = {}
    for line in text.splitlines():
        group = line.split() if line and not line.startswith("#") else []
        for word in group:
            canonical[stem(word)] = stem(group[0])
    return canonical


def _term(word: str) -> str:
    """The alignment term of a word: its stem, or its synonym group's."""
    stemmed = stem(word)
    return _synonyms().get(stemmed, stemmed)


# Two spellings of one word that tokenising would split: "per cent" / "percent", "Web site" / "website".
_SPLIT_SPELLINGS = re.compile(r"\b(?:(per)\s+(cent)|(web)\s+(site)s?)\b", re.IGNORECASE)


# The United States, however written, is one term (that of "U.S.", whose IDF the background list has).
_UNITED_STATES = re.compile(r"\b(?:United\s+States|U\.S\.A\.?|USA|US)\b")


# Particles of names ("al" of "al-Sham" and "al Qaeda", "bin", "van"): in every such name, so no content.
NAME_PARTICLES = frozenset({"al", "el", "ar", "bin", "ibn", "abu", "de", "del", "van", "von"})


def _is_content_term(word: str) -> bool:
    return is_content(word) and word not in NAME_PARTICLES


def alignment_terms(text: str) -> list[tuple[str, bool]]:
    """(term, is content) of every word: its stem, synonyms merged ("rose" / "gained")."""
    lowered = caseless(text)  # lower case as re.IGNORECASE sees it
    # The substitutions only where their words appear: most claims have neither.
    if "cent" in lowered or "site" in lowered:
        text = _SPLIT_SPELLINGS.sub(lambda m: "".join(g for g in m.groups() if g), text)
    if "US" in text or "U.S.A" in text or "United" in text:
        text = _UNITED_STATES.sub("U.S.", text)
    return [term for word in words(text) for term in _word_terms(word)]


@cache
def _word_terms(word: str) -> tuple[tuple[str, bool], ...]:
    # "al-Qaeda" / "al Qaeda", "health-care" / "health care": a hyphenated word is its parts.
    return tuple((_term(part), _is_content_term(part)) for part in word.split("-") if part)


def claim_features(
    claim: Claim, aliases: dict[str, str], alias_key: frozenset[tuple[str, str]] | None = None
) -> ClaimFeatures:
    """The claim's features under the comparison's acronym ``aliases`` (``alias_key``: the same as a
    frozenset of items, when the caller has it)."""
    key = frozenset(aliases.items()) if alias_key is None else alias_key
    if key and not names_aliased(claim.facts, aliases):
        key = NO_ALIASES  # the aliases expand none of its names: its features are those without them
    features = FEATURES_BY_CLAIM.get(claim, key)
    if features is None:
        features = _features(claim.text, claim.facts, _whole_sentence(claim), key)
        FEATURES_BY_CLAIM.put(claim, features, key)
    return features


# Remembered per claim object and aliases: an article compared with several others (a wire story and its
# rewrites, every pair of a cluster) gives the same Claim objects each time (``claims._article_claims``,
# in no role: ``_block``). Found by identity, not by a key of the claim's wording and facts, whose hash
# (every field of every fact, in Python) cost ~10 µs a claim even where nothing was found. The wording's
# terms are remembered per text.
FEATURES_BY_CLAIM: IdentityMemo[Claim, ClaimFeatures] = IdentityMemo(32768)


def _features(
    text: str, facts: tuple[Fact, ...], whole_sentence: bool, alias_key: frozenset[tuple[str, str]]
) -> ClaimFeatures:
    wording = _text_features(text)
    names = name_features(facts, dict(alias_key))
    events = frozenset(n for n in names if n.startswith("event:"))
    entity_names = names - events
    values = value_features(facts)
    fact_terms = _TermCodes(
        codes=(*_codes(NAME, entity_names), *_codes(EVENT, events), *_codes(VALUE, values)),
        kinds=bytes((NAME,)) * len(entity_names)
        + bytes((EVENT,)) * len(events)
        + bytes((VALUE,)) * len(values),
        idf=(*map(name_idf, entity_names), *map(background_idf, events), *repeat(0.0, len(values))),
    )
    return ClaimFeatures(
        stems=wording.stems,
        names=tuple(names),
        values=tuple(values),
        units=tuple(unit_features(facts)),
        codes=wording.codes + fact_terms.codes,
        kinds=wording.kinds + fact_terms.kinds,
        idf=wording.idf + fact_terms.idf,
        text=wording.text,
        lower=lower_case(text),
        heading=whole_sentence and is_heading(text),
    )


def _frozen(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False  # shared by every comparison of the claim
    return array


def term_code(kind: int, term: str) -> int:
    """The index's code of a one-word term (a stem, name, event or value): one integer per (kind, term),
    so the index joins integers, not strings. A run of words is coded ``hash((kind, *words))``.

    Python's 64-bit hash: two terms of one comparison share a code by chance with odds of about one in
    10^12 for the ~5,000 terms of two long articles.
    """
    return hash((kind, term))


def _codes(kind: int, terms: Iterable[str]) -> tuple[int, ...]:
    return tuple(map(hash, zip(repeat(kind), terms)))  # term_code, in C


@dataclass(frozen=True, slots=True)
class _TermCodes:
    """Terms of a claim as codes, with their kinds (one byte each) and background IDF (0 for terms that
    do not weigh). Tuples and bytes, not lists: the cache holds thousands, and the garbage collector
    skips tuples of numbers."""

    codes: tuple[int, ...]
    kinds: bytes
    idf: tuple[float, ...]
    stems: tuple[str, ...] = ()
    text: str = ""

    # Written out, not generated: compiled, it builds the record ~25 times faster (factcheck/model.py).
    def __init__(
        self,
        codes: tuple[int, ...],
        kinds: bytes,
        idf: tuple[float, ...],
        stems: tuple[str, ...] = (),
        text: str = "",
    ) -> None:
        object.__setattr__(self, "codes", codes)
        object.__setattr__(self, "kinds", kinds)
        object.__setattr__(self, "idf", idf)
        object.__setattr__(self, "stems", stems)
        object.__setattr__(self, "text", text)


# Remembered per claim text, like ``extract_facts``: a claim's words do not depend on the comparison.
@lru_cache(maxsize=32768)
def _text_features(text: str) -> _TermCodes:
    """The terms of the claim's wording: its content stems (with their IDF), their bigrams, the stems of
    all its words, and their runs of four; the sorted content stems joined, for the text scorer."""
    terms = alignment_terms(text)
    every = [term for term, _ in terms]
    stems = [term for term, content in terms if content]
    unique_stems = frozenset(stems)
    # A set of codes, not of word tuples: each run is hashed once, and only its code is kept.
    bigrams = set(map(hash, zip(repeat(BIGRAM), stems, stems[1:])))
    tokens = set(map(hash, zip(repeat(TOKEN), every)))
    grams = set(map(hash, zip(repeat(GRAM4), every, every[1:], every[2:], every[3:])))
    runs = len(bigrams) + len(tokens) + len(grams)
    return _TermCodes(
        # The WORD codes first, in the order of their IDF: a frozenset iterates alike each time.
        codes=(*_codes(WORD, unique_stems), *bigrams, *tokens, *grams),
        kinds=bytes((WORD,)) * len(unique_stems)
        + bytes((BIGRAM,)) * len(bigrams)
        + bytes((TOKEN,)) * len(tokens)
        + bytes((GRAM4,)) * len(grams),
        idf=(*map(background_idf, unique_stems), *repeat(0.0, runs)),
        stems=tuple(unique_stems),
        text=" ".join(sorted(unique_stems)),
    )


def _whole_sentence(claim: Claim) -> bool:
    """A part of a split sentence (an item of a breakdown list) is no headline, punctuated or not."""
    return claim.sentence_start < 0 or (claim.start, claim.end) == (claim.sentence_start, claim.sentence_end)


# -- term weights -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _background() -> tuple[dict[str, int], int]:
    """Stem -> number of sentences using it, and the number of sentences (factcheck/data/idf.txt)."""
    # One split over the whole file instead of a loop over 11,000 lines: this runs at every CLI start.
    body = without_leading_comments(read_data("idf.txt")).strip("\n")
    cells = body.replace("\n", "\t").split("\t")
    frequency = dict(zip(cells[::2], map(int, cells[1::2]), strict=True))
    documents = frequency.pop("documents", 1)
    return frequency, documents


@cache
def background_idf(stem: str) -> float:
    """Smoothed IDF of a stem over the background sentences; an unlisted stem is as rare as can be."""
    frequency, documents = _background()
    return math.log((documents + 1) / (frequency.get(stem, 0) + 1)) + 1.0


@cache
def name_idf(name: str) -> float:
    """IDF of an ``entity:`` term: that of its rarest word ("entity:united states" -> "united")."""
    stems = content_stems(name.partition(":")[2])
    return max((background_idf(s) for s in stems), default=background_idf(""))


@cache
def _damping(repeats: int) -> float:
    return 1 + math.log(repeats)


# Both tables are asked for again with the same few sizes (the claims of two articles): kept, read-only.
@lru_cache(maxsize=256)
def _damping_table(most: int) -> np.ndarray:
    """``_damping(k)`` for k = 0..most (0 unused), from ``math.log`` so each weight is what it always was."""
    return _frozen(np.array([1.0, *map(_damping, range(1, most + 1))], dtype=np.float64))


@lru_cache(maxsize=256)
def _local_idf_table(total: int) -> np.ndarray:
    """Local IDF of a term in n of ``total`` claims, for n = 0..total (n = 0 unused)."""
    table = [math.log((1 + total) / (1 + n)) + 1.0 for n in range(total + 1)]
    return _frozen(np.array(table, dtype=np.float64))


def term_weights(
    ids: np.ndarray, kinds: np.ndarray, sources: np.ndarray, idf: np.ndarray, size: int, claims: int
) -> tuple[np.ndarray, np.ndarray]:
    """Weight and local IDF of every term id, from its entries (``ids``, ``kinds``, the ``sources`` of
    their claims, ``idf``: background IDF, 0 for what weighs nothing).

    Words, names and events: background IDF damped by the most claims of one source that use the term,
    and the local IDF over the claims being compared (the shared-fact route; events weigh
    ``EVENT_WEIGHT`` times as much). Other terms: weight 1, local 0. A claim lists each term once, so
    counting entries counts claims.
    """
    weight = np.ones(size, dtype=np.float64)
    local = np.zeros(size, dtype=np.float64)
    weighed = kinds <= EVENT
    ids, kinds, sources, idf = ids[weighed], kinds[weighed], sources[weighed], idf[weighed]
    if not len(ids):
        return weight, local
    present, repeats, frequency = _claim_counts(ids, sources, size)
    term_idf = np.zeros(size, dtype=np.float64)
    term_idf[ids] = idf
    weight[present] = term_idf[present] / _damping_table(int(np.maximum.reduce(repeats)))[repeats]
    local[present] = _local_idf_table(claims)[frequency]
    is_event = np.zeros(size, dtype=bool)
    is_event[ids[kinds == EVENT]] = True
    local[is_event] *= EVENT_WEIGHT
    return weight, local


# Above this many (source, term) cells, claims per source and term are counted by a sort, not a dense table.
DENSE_COUNT_CELLS = 1 << 20


def _claim_counts(
    ids: np.ndarray, sources: np.ndarray, size: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(the term ids present in increasing order, the most claims of one source using each, the claims
    using each) from one entry per claim and term."""
    count = int(np.maximum.reduce(sources)) + 1
    if count * size <= DENSE_COUNT_CELLS:  # two articles: one bincount over a small table
        per_source = np.bincount(sources * size + ids, minlength=count * size).reshape(count, size)
        present = np.logical_or.reduce(per_source, axis=0).nonzero()[0]
        return (
            present,
            np.maximum.reduce(per_source, axis=0)[present],
            np.add.reduce(per_source, axis=0)[present],
        )
    # Many sources: the table would grow with sources x terms (0.7 GB at 300 sources); sort the entries.
    cells, which = _unique(ids * count + sources, return_inverse=True)
    per_cell = np.bincount(which, minlength=len(cells))
    term = cells // count
    starts = np.concatenate(([True], term[1:] != term[:-1])).nonzero()[0]
    return term[starts], np.maximum.reduceat(per_cell, starts), np.add.reduceat(per_cell, starts)


# -- numpy helpers -------------------------------------------------------------------------------
# np.unique and np.intersect1d import numpy.ma on first use (about 35 ms of a CLI run); these do the same
# for the plain arrays used here with a sort.
#
# Throughout this module arrays are small (a pair of articles: hundreds of entries) and numpy is called
# thousands of times a second, so the calls take the shortest way to numpy's C: array methods
# (``a.repeat``, ``a.argsort``, ``a.nonzero()[0]``) rather than the ``np.`` functions, which wrap the same
# C in Python-level dispatch, and the ufunc reductions (``np.logical_or.reduce``, ``np.maximum.reduce``,
# ``np.add.reduce``) that ``a.any()``, ``a.max()`` and ``a.sum()`` call through a Python function. Same
# results, ~1 us less a call.


def _unique(values: np.ndarray, return_inverse: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct values, and (if asked) each value's index among them."""
    if values.size == 0:
        return values, np.zeros(0, dtype=np.int64)
    order = values.argsort(kind="stable")
    ordered = values[order]
    first = np.concatenate(([True], ordered[1:] != ordered[:-1]))
    distinct = ordered[first]
    if not return_inverse:
        return distinct, np.zeros(0, dtype=np.int64)
    inverse = np.empty(len(values), dtype=np.int64)
    inverse[order] = first.cumsum() - 1
    return distinct, inverse


def _steps(values: np.ndarray) -> np.ndarray:
    """``np.diff`` of a 1-D array of numbers: the same subtraction, without its Python wrapper."""
    return values[1:] - values[:-1]


# -- the index: every claim's terms as integer ids, for vectorised joins ------------------------


@dataclass(frozen=True, slots=True)
class _Block:
    """A run of claims' terms as the index takes them: an article's, built once per article and aliases.

    Each claim's entries are in the order of their codes: term ids are ranks of codes, so the index's
    rows come out sorted by term id without a sort per comparison. Per-claim columns that do not depend
    on the other claims of a comparison are kept here too.
    """

    features: tuple[ClaimFeatures, ...]
    lengths: np.ndarray
    """How many codes each claim has."""
    kinds: np.ndarray
    idf: np.ndarray
    distinct: np.ndarray
    """The run's distinct codes, sorted."""
    inverse: np.ndarray
    """Each code's position in ``distinct``, claim by claim, each claim's in increasing order."""
    counts: np.ndarray
    """(claims, KINDS): how many terms of each kind each claim has."""
    heading: np.ndarray
    texts: tuple[str, ...]
    lower: tuple[str, ...]
    length: np.ndarray
    """Characters of each claim's lower-cased text."""

    @classmethod
    def of(cls, features: tuple[ClaimFeatures, ...]) -> _Block:
        rows = len(features)
        lengths = np.fromiter((len(f.codes) for f in features), dtype=np.int64, count=rows)
        texts, lower = tuple(f.text for f in features), tuple(f.lower for f in features)
        heading = np.array([f.heading for f in features], dtype=bool)
        length = np.fromiter(map(len, lower), dtype=np.float64, count=rows)
        if not features:
            empty = np.zeros(0, dtype=np.int64)
            counts = np.zeros((0, KINDS))
            return cls(
                features,
                lengths,
                np.zeros(0, dtype=np.int8),
                np.zeros(0),
                empty,
                empty,
                counts,
                heading,
                texts,
                lower,
                length,
            )
        total = int(np.add.reduce(lengths))
        codes = np.fromiter(chain.from_iterable(f.codes for f in features), dtype=np.int64, count=total)
        kinds = np.frombuffer(b"".join(f.kinds for f in features), dtype=np.int8)
        idf = np.fromiter(chain.from_iterable(f.idf for f in features), dtype=np.float64, count=total)
        distinct, inverse = _unique(codes, return_inverse=True)
        owner = np.arange(rows).repeat(lengths)
        # A claim lists each code once, so (claim, rank of code) orders its entries without ties.
        order = (owner * len(distinct) + inverse).argsort(kind="stable")
        kinds, idf, inverse = kinds[order], idf[order], inverse[order]
        counts = _count_kinds(owner, kinds.astype(np.int64), rows)
        arrays = (lengths, kinds, idf, distinct, inverse, counts, heading, length)
        lengths, kinds, idf, distinct, inverse, counts, heading, length = map(_frozen, arrays)  # shared
        return cls(features, lengths, kinds, idf, distinct, inverse, counts, heading, texts, lower, length)


def _merged_ids(blocks: list[_Block]) -> tuple[np.ndarray, np.ndarray]:
    """(the sorted distinct codes of all the blocks, each code's position among them): what ``_unique``
    gives for all their codes at once, from the blocks' own sorted codes (a merge of sorted runs, not a
    sort of every code)."""
    if len(blocks) == 1:
        return blocks[0].distinct, blocks[0].inverse
    # The stable sort in _unique merges the blocks' sorted runs; its inverse places each block's codes.
    distinct, position = _unique(np.concatenate([b.distinct for b in blocks]), return_inverse=True)
    ends = list(accumulate(len(b.distinct) for b in blocks))
    starts = [0, *ends[:-1]]
    ids = [position[start:end][b.inverse] for b, start, end in zip(blocks, starts, ends, strict=True)]
    return distinct, np.concatenate(ids) if ids else np.zeros(0, dtype=np.int64)


class _Index:
    """Claims' terms as sorted integer ids (CSR layout) with per-claim totals."""

    def __init__(self, blocks: list[_Block], sources: list[str], articles: list[bool]) -> None:
        lengths = np.concatenate([b.lengths for b in blocks])
        count = len(lengths)
        owner = np.arange(count).repeat(lengths)
        kinds = np.concatenate([b.kinds for b in blocks])
        idf = np.concatenate([b.idf for b in blocks])
        # Term ids 0..size-1: the rank of each distinct code. A claim's terms come coded with its features
        # (cached), so the index costs a few array operations, not a dictionary lookup per term.
        distinct, ids = _merged_ids(blocks)
        self.distinct = distinct
        self.size = size = max(len(distinct), 1)
        self.kind = np.zeros(len(distinct), dtype=np.int64)
        self.kind[ids] = kinds
        # Each claim's source as its rank among the sources, as _unique would give it: one dict, not an
        # array of strings sorted.
        rank = {source: n for n, source in enumerate(sorted(set(sources)))}
        self.sources = np.fromiter(map(rank.__getitem__, sources), dtype=np.int64, count=len(sources))
        self.source_count = len(rank)
        # Only words, names and events weigh: their IDF (damped) and local IDF; other kinds count 1 / 0.
        self.weight, self.local = term_weights(ids, kinds, self.sources[owner], idf, size, count)
        # Rows in claim order, each by term id (the blocks' entries come so): sorted keys for the joins.
        self.keys = keys = owner * size + ids
        self.terms = ids
        if count * size <= DENSE_LOOKUP_CELLS:  # a few articles: a table of every (claim, term)
            self.table: np.ndarray | None = np.zeros(count * size, dtype=bool)
            self.table[keys] = True
        else:
            self.table = None
        self.article = np.array(articles, dtype=bool)
        self.indptr = np.concatenate([[0], lengths.cumsum()])
        # Kept for the candidates and the joins, which would otherwise rebuild them from ``indptr``.
        self.terms_per_claim = lengths
        """How many terms each claim has."""
        self.owner = owner
        """The claim of each entry of ``terms``."""
        self.heading = np.concatenate([b.heading for b in blocks])
        self.texts = [text for b in blocks for text in b.texts]
        self.lower = [text for b in blocks for text in b.lower]
        self.length = np.concatenate([b.length for b in blocks])
        # Per claim: number of terms of each kind, and the IDF mass (and squared mass) of words and names.
        self.count = np.concatenate([b.counts for b in blocks])
        weighted = np.where(kinds <= EVENT, self.weight[self.terms], 0.0)
        self.mass = np.bincount(owner, weights=weighted, minlength=count)
        self.square = np.bincount(owner, weights=weighted**2, minlength=count)
        self.local_square = np.bincount(owner, weights=self.local[self.terms] ** 2, minlength=count)

    def entries(self, claims: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(position in ``claims``, term id) of every term of the given claims, flattened."""
        starts = self.indptr[claims]
        lengths = self.terms_per_claim[claims]
        ends = lengths.cumsum()
        owner = np.arange(len(claims)).repeat(lengths)
        # Entry e of claim k sits at starts[k] + (e - where claim k's entries begin in the output).
        shift = (starts - (ends - lengths)).repeat(lengths)
        return owner, self.terms[np.arange(int(ends[-1]) if len(ends) else 0) + shift]

    def weights_of(self, terms: list[str]) -> list[float]:
        """The weight of each term: a word, ``entity:`` name or ``event:`` of these claims weighs what
        alignment gave it; the other terms (values, counted nouns) weigh as much as the heaviest."""
        weighed = self.kind <= EVENT
        if not np.logical_or.reduce(weighed, axis=None):
            return [1.0] * len(terms)
        heaviest = float(np.maximum.reduce(self.weight[weighed], axis=None))
        codes = np.fromiter(map(_weighed_code, terms), dtype=np.int64, count=len(terms))
        at = np.minimum(self.distinct.searchsorted(codes), len(self.distinct) - 1)
        found = (self.distinct[at] == codes) & weighed[at]
        return np.where(found, self.weight[at], heaviest).tolist()


def _weighed_code(term: str) -> int:
    """The code the term has if it weighs: as a word, an ``entity:`` name or an ``event:``. A value or
    counted noun ("number:300", "unit:death") gets a code of no weighed term."""
    kind = EVENT if term.startswith("event:") else NAME if term.startswith("entity:") else WORD
    return term_code(kind, term)


def _count_kinds(owner: np.ndarray, kind: np.ndarray, rows: int) -> np.ndarray:
    """(rows, KINDS) counts of (owner, kind) pairs: one bincount instead of the slow ``np.add.at``."""
    flat = np.bincount(owner * KINDS + kind, minlength=rows * KINDS)
    return flat.reshape(rows, KINDS).astype(np.float64)


# -- candidates (blocking) ----------------------------------------------------------------------


@cache
def _upper(size: int) -> tuple[np.ndarray, np.ndarray]:
    """``np.triu_indices(size, 1)``, cached: postings repeat the same few lengths."""
    return np.triu_indices(size, 1)


def _posting_pairs(index: _Index) -> tuple[np.ndarray, np.ndarray, int]:
    """Every (pair code ``i * n + j``, i < j; blocking term) of two claims that share the term.

    Postings of one length are expanded together (one fancy index per length, not one numpy call
    per posting: thousands of tiny calls cost more than the work).
    """
    n = len(index.indptr) - 1
    owner = index.owner
    blocking = index.kind[index.terms] <= VALUE  # words, names, numbers: not function words
    by_term = index.terms[blocking].argsort(kind="stable")
    terms, claims = index.terms[blocking][by_term], owner[blocking][by_term]
    if not len(terms):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), n
    starts = np.concatenate([[0], _steps(terms).nonzero()[0] + 1])
    lengths = _steps(np.concatenate([starts, [len(terms)]]))
    # Claims within a posting are in increasing order (stable sort), so left < right in each pair.
    codes, shared = [], []
    for size in _unique(lengths[(lengths >= 2) & (lengths <= BLOCK_MAX_POSTINGS)])[0].tolist():
        first = starts[lengths == size]
        block = claims[first[:, None] + np.arange(size)]
        left, right = _upper(size)
        codes.append((block[:, left] * n + block[:, right]).ravel())
        shared.append(terms[first].repeat(len(left)))
    if not codes:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), n
    return np.concatenate(codes), np.concatenate(shared), n


def candidate_pairs(index: _Index) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) of claims of different sources and the same kind that share an informative term.

    With more than two sources, each claim keeps only its ``MAX_PARTNERS`` best candidates (see
    ``_best_partners``), so the pairs grow linearly with the number of claims, not quadratically.
    """
    if index.source_count == 2 and index.table is not None and len(index.texts) <= BLOCK_MAX_POSTINGS:
        return _two_source_pairs(index)
    return _posting_candidates(index)


def _posting_candidates(index: _Index) -> tuple[np.ndarray, np.ndarray]:
    """``candidate_pairs`` from the postings of the blocking terms."""
    codes, terms, n = _posting_pairs(index)
    capped = index.source_count > 2
    weight: np.ndarray
    if capped:
        unique, which = _unique(codes, return_inverse=True)
        weight = np.bincount(which.ravel(), weights=index.weight[terms], minlength=len(unique))
    else:
        unique, weight = _unique(codes)[0], np.zeros(0)
    left, right = unique // n, unique % n
    keep = (index.sources[left] != index.sources[right]) & (index.heading[left] == index.heading[right])
    left, right = left[keep], right[keep]
    if capped:
        return _best_partners(index, left, right, weight[keep], MAX_PARTNERS)
    return left, right


def _two_source_pairs(index: _Index) -> tuple[np.ndarray, np.ndarray]:
    """``candidate_pairs`` of two articles, from the index's (claim, term) table: the blocking terms both
    articles use, as bit sets per claim, and each claim of one source AND-ed with each of the other's,
    where the postings cost a numpy call per distinct posting length. (Bit sets, not a matrix product:
    BLAS would run it on every core.) With at most ``BLOCK_MAX_POSTINGS`` claims no posting is too long to
    block, so the pairs are the postings' own."""
    count = len(index.texts)
    if not len(index.kind) or index.table is None:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    blocking = index.table.reshape(count, index.size)[:, index.kind <= VALUE]
    first, second = (index.sources == 0).nonzero()[0], (index.sources == 1).nonzero()[0]
    ours, theirs = blocking[first], blocking[second]
    both = np.logical_or.reduce(ours, axis=0) & np.logical_or.reduce(theirs, axis=0)
    ours, theirs = np.packbits(ours[:, both], axis=1), np.packbits(theirs[:, both], axis=1)
    i, j = np.logical_or.reduce(ours[:, None, :] & theirs[None, :, :], axis=2).nonzero()
    i, j = first[i], second[j]
    left, right = np.minimum(i, j), np.maximum(i, j)
    keep = index.heading[left] == index.heading[right]
    codes = left[keep] * count + right[keep]
    codes.sort()  # in the postings' order: by left, then right
    return codes // count, codes % count


def _best_partners(
    index: _Index, left: np.ndarray, right: np.ndarray, shared: np.ndarray, partners: int
) -> tuple[np.ndarray, np.ndarray]:
    """The pairs that are among the ``partners`` best of either of their claims.

    Best = highest shared blocking-term weight (background IDF, local damping) over the geometric
    mean of the two claims' weights: a cosine of the term sets that costs no string comparison.
    Ties go to the lower claim number, so the choice is deterministic.
    """
    count = len(left)
    if count == 0:
        return left, right
    blocking = index.kind[index.terms] <= VALUE
    mass = np.bincount(
        index.owner[blocking], weights=index.weight[index.terms[blocking]], minlength=len(index.texts)
    )
    closeness = (shared / np.sqrt(mass[left] * mass[right])).clip(0.0, 1.0)
    ends = np.concatenate([left, right])
    others = np.concatenate([right, left])
    # Sort by (claim, closest first, partner) with one int64 key (closeness to 20 bits): an argsort of
    # one key is several times faster than np.lexsort over three at a million pairs.
    distance = np.rint((1.0 - np.concatenate([closeness, closeness])) * (2**20 - 1)).astype(np.int64)
    if len(index.texts) < 2**21:
        order = ((ends << 42) | (distance << 22) | others).argsort()
    else:  # too many claims for the packed key
        order = np.lexsort((others, distance, ends))
    ranked = ends[order]
    rank = np.arange(len(order)) - ranked.searchsorted(ranked, side="left")
    keep = np.zeros(count, dtype=bool)
    keep[order[rank < partners] % count] = True
    return left[keep], right[keep]


# -- features and score -------------------------------------------------------------------------


def _shared(
    index: _Index, left: np.ndarray, right: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """What each pair (left[k], right[k]) shares: counts per kind of term, IDF mass, squared IDF mass,
    squared local IDF mass.

    Found by looking up the terms of one side of each pair among the other claim's (claim, term) keys,
    with no Python loop over pairs; the side with fewer terms is the one expanded.
    """
    lengths = index.terms_per_claim
    if np.add.reduce(lengths[left]) < np.add.reduce(lengths[right]):
        left, right = right, left
    pair, term = index.entries(right)
    wanted = left[pair] * index.size + term
    if index.table is not None:  # a few articles: a table lookup, not a binary search
        found = index.table[wanted]
    else:
        at = index.keys.searchsorted(wanted)
        found = index.keys[np.minimum(at, len(index.keys) - 1)] == wanted  # no keys: no entries either
    # In (pair, term) order, as the sums below have always been taken: the masses are the same to the bit.
    pair, term = pair[found], term[found]
    kind = index.kind[term]
    counts = _count_kinds(pair, kind, len(left))
    weight = np.where(kind <= EVENT, index.weight[term], 0.0)
    mass = np.bincount(pair, weights=weight, minlength=len(left))
    square = np.bincount(pair, weights=weight**2, minlength=len(left))
    local = np.bincount(pair, weights=index.local[term] ** 2, minlength=len(left))
    return counts, mass, square, local


# Up to this many (claim, term) cells (bytes), the index keeps a table of them (two articles, or a few):
# ``_shared`` looks terms up in it instead of by binary search, and two sources find candidates in it.
DENSE_LOOKUP_CELLS = 1 << 22


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """numerator / denominator where the denominator is positive, else 0."""
    # ``where=`` skips the division by 0 instead of silencing it: np.errstate costs ~10 µs a call.
    return np.divide(numerator, denominator, out=np.zeros(denominator.shape), where=denominator > 0)


def _pairwise(scorer: Callable[..., float], a: list[str], b: list[str]) -> np.ndarray:
    """scorer(a[k], b[k]) / 100 for every k."""
    if hasattr(process, "cpdist"):  # rapidfuzz >= 3.6: element-wise, in C
        # One thread: starting a pool costs ~0.1 ms a call, more than a pair's whole scoring, and
        # throughput comes from running pairs in parallel processes (``batch --jobs``), not threads.
        return process.cpdist(a, b, scorer=scorer, dtype=np.float32, workers=1).astype(np.float64) / 100.0
    return np.array([scorer(x, y) for x, y in zip(a, b, strict=True)], dtype=np.float64) / 100.0


# Unmatched content words saturate: 4 extra words on either side read as 0.5.
UNMATCHED_HALF = 4.0


def pair_features(
    index: _Index, left: np.ndarray, right: np.ndarray, scorer: str, cheap_only: bool = False
) -> np.ndarray:
    """The ``ALIGN_FEATURES`` of each pair (left[k], right[k]), each in 0-1.

    - cosine: of the IDF-weighted word+name vectors (what both say, weighted by rarity);
    - cover_short / cover_long: share of the lighter / heavier claim's IDF mass the other states;
    - text: the ``scorer`` (rapidfuzz) over sorted content stems;
    - bigrams: Dice overlap of adjacent content stems;
    - numbers_differ / names_differ: share of the numbers and dates / entity names stated by one only;
    - words: Dice overlap of the stems of all words, function words included;
    - phrases: Dice overlap of runs of four words (same phrasing, same order);
    - chars / partial: rapidfuzz ``ratio`` / ``partial_ratio`` of the lower-cased claims;
    - unmatched: content words only one claim has, u / (u + 4): what one says and the other does not.

    With ``cheap_only`` the costly string features (``EXPENSIVE``) are left at 0, to be filled in later.
    """
    features = _cheap_features(index, left, right, _shared(index, left, right))
    if not cheap_only:
        features[:, TEXT] = _text_feature(index, left, right, scorer)
        features[:, PARTIAL] = _partial_feature(index, left, right)
    return features


def _cheap_features(
    index: _Index,
    left: np.ndarray,
    right: np.ndarray,
    shared_terms: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    with_chars: bool = True,
) -> np.ndarray:
    """``pair_features`` with the ``EXPENSIVE`` columns at 0 (and ``chars`` too, unless ``with_chars``)."""
    shared, mass, square, _ = shared_terms
    count_l, count_r = index.count[left], index.count[right]
    mass_l, mass_r = index.mass[left], index.mass[right]
    # Every feature but chars is a ratio: numerators and denominators side by side, then one division
    # (a column left at 0 / 0 is 0: text, partial, and chars until it is filled in).
    numerator, denominator = (
        np.zeros((len(left), len(ALIGN_FEATURES))),
        np.zeros((len(left), len(ALIGN_FEATURES))),
    )
    numerator[:, COSINE] = square
    denominator[:, COSINE] = np.sqrt(index.square[left] * index.square[right])
    numerator[:, [COVER_SHORT, COVER_LONG]] = mass[:, None]
    denominator[:, COVER_SHORT], denominator[:, COVER_LONG] = (
        np.minimum(mass_l, mass_r),
        np.maximum(mass_l, mass_r),
    )
    # Dice overlap of bigrams, all words and runs of four: 2 shared / (left + right).
    numerator[:, DICE_COLUMNS] = 2 * shared[:, DICE_KINDS]
    denominator[:, DICE_COLUMNS] = count_l[:, DICE_KINDS] + count_r[:, DICE_KINDS]
    # Share of the numbers and names of either claim that the other lacks.
    both = count_l[:, DIFFER_KINDS] + count_r[:, DIFFER_KINDS]
    numerator[:, DIFFER_COLUMNS] = both - 2 * shared[:, DIFFER_KINDS]
    denominator[:, DIFFER_COLUMNS] = both - shared[:, DIFFER_KINDS]
    unmatched = count_l[:, WORD] + count_r[:, WORD] - 2 * shared[:, WORD]
    numerator[:, UNMATCHED], denominator[:, UNMATCHED] = unmatched, unmatched + UNMATCHED_HALF
    features = _ratio(numerator, denominator)
    if with_chars:
        features[:, CHARS] = _chars_feature(index, left, right)
    return features.clip(0.0, 1.0)


# Columns of the features computed as ratios, and the kinds of term they count.
COSINE, COVER_SHORT, COVER_LONG, UNMATCHED = (
    ALIGN_FEATURES.index(name) for name in ("cosine", "cover_short", "cover_long", "unmatched")
)
DICE_COLUMNS = [ALIGN_FEATURES.index(name) for name in ("bigrams", "words", "phrases")]
DICE_KINDS = [BIGRAM, TOKEN, GRAM4]
DIFFER_COLUMNS = [ALIGN_FEATURES.index(name) for name in ("numbers_differ", "names_differ")]
DIFFER_KINDS = [VALUE, NAME]


def _partial_bounds(
    index: _Index, left: np.ndarray, right: np.ndarray, chars: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Bounds (low, high) of ``partial_ratio`` from ``ratio``, at no string cost.

    ``ratio`` = 2L / (|s| + |t|), L the longest common subsequence of the claims, s the shorter. A window
    w of t of s's length shares at most L characters in order with s, so ratio(s, w) = 2 LCS(s, w) /
    (|s| + |w|) <= 2L / (|s| + L) (high). And the ceil(|t| / |s|) windows that tile t hold all L matched
    characters between them, so one holds at least L / ceil(|t| / |s|): ratio(s, w) >= that / |s| (low).
    partial_ratio, the best window's ratio, lies between the two.
    """
    size_l, size_r = index.length[left], index.length[right]
    common = chars * (size_l + size_r) / 2.0
    shorter, longer = np.minimum(size_l, size_r), np.maximum(size_l, size_r)
    high = np.where(shorter > 0, _ratio(2.0 * common, shorter + common) + PARTIAL_BOUND_SLACK, 1.0)
    tiles = np.ceil(_ratio(longer, shorter))
    low = np.where(shorter > 0, _ratio(common, tiles * shorter) - PARTIAL_BOUND_SLACK, 0.0)
    return low.clip(0.0, 1.0), high.clip(0.0, 1.0)


# ``ratio`` comes back as float32 percentages: a margin keeps the bound above the true value.
PARTIAL_BOUND_SLACK = 1e-4


def _chars_feature(index: _Index, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    return _pairwise(fuzz.ratio, _picked(index.lower, left), _picked(index.lower, right))


def _text_feature(index: _Index, left: np.ndarray, right: np.ndarray, scorer: str) -> np.ndarray:
    texts_l, texts_r = _picked(index.texts, left), _picked(index.texts, right)
    return _pairwise(SCORER_FUNCTIONS[scorer], texts_l, texts_r).clip(0.0, 1.0)


def _partial_feature(index: _Index, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    lower_l, lower_r = _picked(index.lower, left), _picked(index.lower, right)
    return _pairwise(fuzz.partial_ratio, lower_l, lower_r).clip(0.0, 1.0)


def _picked(strings: list[str], positions: np.ndarray) -> list[str]:
    # Python ints index a list faster than numpy's, one by one.
    return list(map(strings.__getitem__, positions.tolist()))


def logistic(features: np.ndarray, weights: tuple[float, ...]) -> np.ndarray:
    """P(same fact) = sigmoid(bias + w . x)."""
    w = np.asarray(weights, dtype=np.float64)
    return 1.0 / (1.0 + np.exp(-(w[0] + features @ w[1:])))


def _chunks(left: np.ndarray, right: np.ndarray) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    for start in range(0, len(left), CHUNK_PAIRS):
        yield left[start : start + CHUNK_PAIRS], right[start : start + CHUNK_PAIRS]


def pair_scores(index: _Index, left: np.ndarray, right: np.ndarray, settings: Settings) -> np.ndarray:
    """One score per pair on the paraphrase scale: the paraphrase probability, or, between two
    articles, the shared-fact score (0.2 x the ``text`` feature + 0.8 x local-IDF cosine) rescaled so
    that ``fact_threshold`` lands on ``threshold``, whichever is higher.

    Pairs below half the threshold (the link floor) count as 0 in grouping, so the costly string
    features are computed only where they can matter, cheapest first. Each unknown feature is set to
    its most favourable value (1 for a positive weight, 0 for a negative one), which bounds the score:

    1. with all three unknown, a pair whose bound is under the floor scores 0; then again with
       ``chars`` (Levenshtein ratio of the whole claims) known, and ``partial`` at the most favourable
       value ``chars`` allows (``_partial_bounds``): this spares a third of the ``text`` scores;
    2. with the ``text`` scorer known (~10 µs a pair), the same test again; and a pair whose
       shared-fact score already reaches the bound scores exactly that, whatever ``partial`` says;
    3. only the rest pay for ``partial_ratio`` (~70 µs a pair) and get their exact score.
    """
    weights = settings.weights
    favourable = {column: 1.0 if weights[1 + column] > 0 else 0.0 for column in (TEXT, PARTIAL, CHARS)}
    floor = settings.threshold / 2
    shared_terms = _shared(index, left, right)
    features = _cheap_features(index, left, right, shared_terms, with_chars=False)
    for column, value in favourable.items():
        features[:, column] = value
    bound = logistic(features, weights)
    articles = index.article[left] & index.article[right]
    rescale = settings.threshold / settings.fact_threshold if settings.fact_threshold > 0 else 0.0
    shared, _, _, local = shared_terms
    cosine = _ratio(local, np.sqrt(index.local_square[left] * index.local_square[right]))
    # One shared word is a topic, not a fact: the shared-fact route needs two words or names.
    articles &= shared[:, WORD] + shared[:, NAME] + shared[:, EVENT] >= FACT_MIN_SHARED
    # token_set_ratio is at most 1: a bound on the shared-fact score before computing it.
    fact_bound = np.where(articles, (FACT_TEXT_WEIGHT + (1 - FACT_TEXT_WEIGHT) * cosine) * rescale, 0.0)
    live = (np.maximum(bound, fact_bound) >= floor).nonzero()[0]
    scores = np.zeros(len(left))
    if not len(live):
        return scores
    exact = features[live]
    exact[:, CHARS] = _chars_feature(index, left[live], right[live]).clip(0.0, 1.0)
    # partial_ratio at its most favourable value that ``chars`` allows: a bound from below or above.
    partial_bound = _partial_bounds(index, left[live], right[live], exact[:, CHARS])
    exact[:, PARTIAL] = partial_bound[1] if favourable[PARTIAL] == 1.0 else partial_bound[0]
    keep = np.maximum(logistic(exact, weights), fact_bound[live]) >= floor  # the bound, chars known
    live, exact = live[keep], exact[keep]
    if not len(live):
        return scores
    text = exact[:, TEXT] = _text_feature(index, left[live], right[live], settings.scorer)
    facts = np.minimum((FACT_TEXT_WEIGHT * text + (1 - FACT_TEXT_WEIGHT) * cosine[live]) * rescale, 1.0)
    fact_route = articles[live]
    bound = logistic(exact, weights)  # still a bound of the score: partial is not known yet
    # max(paraphrase score, shared-fact score) is the shared-fact score when that reaches the bound.
    settled = fact_route & (facts >= bound)
    scores[live[settled]] = facts[settled]
    rest = (~settled & (bound >= floor)).nonzero()[0]
    if len(rest):
        pairs = live[rest]
        exact = exact[rest]
        exact[:, PARTIAL] = _partial_feature(index, left[pairs], right[pairs])
        paraphrase = logistic(exact, weights)
        scores[pairs] = np.where(fact_route[rest], np.maximum(paraphrase, facts[rest]), paraphrase)
    return scores


def scored_pairs(index: _Index, settings: Settings) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(left, right, score) of every candidate pair, scored chunk by chunk."""
    left, right = candidate_pairs(index)
    scores = [pair_scores(index, lc, rc, settings) for lc, rc in _chunks(left, right)]
    return left, right, np.concatenate(scores) if scores else np.zeros(0)


# -- grouping -----------------------------------------------------------------------------------


class _Grouping:
    """Groups of claim indices, merged greedily under the average-link rule."""

    def __init__(self, count: int, sources: list[int], link: dict[tuple[int, int], float]) -> None:
        self.group = list(range(count))
        self.members: dict[int, list[int]] = {i: [i] for i in range(count)}
        self.sources = sources
        self.link = link

    def score(self, a: int, b: int) -> float:
        return self.link.get((a, b) if a < b else (b, a), 0.0)

    def average(self, group_a: list[int], group_b: list[int]) -> float:
        """Mean score over the pairs of claims of different sources across two groups."""
        pairs = [(a, b) for a in group_a for b in group_b if self.sources[a] != self.sources[b]]
        if not pairs:
            return 0.0
        # Added in order, as Python 3.11's sum() did: 3.12's sum() compensates rounding (and compiled
        # code does not), which would move a score at the threshold or at its fourth decimal.
        total = 0.0
        for a, b in pairs:
            total += self.score(a, b)
        return total / len(pairs)

    def merge(self, a: int, b: int) -> None:
        ga, gb = self.group[a], self.group[b]
        if len(self.members[ga]) < len(self.members[gb]):
            ga, gb = gb, ga
        for claim in self.members.pop(gb):
            self.group[claim] = ga
            self.members[ga].append(claim)

    def try_merge(self, a: int, b: int, threshold: float, allow_same_source: bool) -> bool:
        ga, gb = self.group[a], self.group[b]
        if ga == gb:
            return False
        members_a, members_b = self.members[ga], self.members[gb]
        if not allow_same_source and {self.sources[i] for i in members_a} & {
            self.sources[i] for i in members_b
        }:
            return False
        if self.average(members_a, members_b) < threshold:
            return False
        self.merge(a, b)
        return True


def group_claims(
    count: int, sources: np.ndarray, left: np.ndarray, right: np.ndarray, scores: np.ndarray, threshold: float
) -> _Grouping:
    """Greedy N-way grouping by descending score; see the module docstring for the rules."""
    above = (scores >= threshold).nonzero()[0]
    # Ties broken by position so that output is deterministic.
    order = above[np.lexsort((right[above], left[above], -scores[above]))]
    # Pairs below the threshold still count in the average link between groups; those below half of
    # it are too weak to matter and count as 0, which keeps this table small.
    keep = (scores >= threshold / 2).nonzero()[0]
    pairs = zip(left[keep].tolist(), right[keep].tolist(), strict=True)
    link = dict(zip(pairs, scores[keep].tolist(), strict=True))
    grouping = _Grouping(count, sources.tolist(), link)  # Python ints: compared pair by pair below
    best = [0.0] * count
    ranked = list(zip(left[order].tolist(), right[order].tolist(), scores[order].tolist(), strict=True))
    for i, j, score in ranked:
        if grouping.try_merge(i, j, threshold, allow_same_source=False):
            best[i], best[j] = max(best[i], score), max(best[j], score)
    for i, j, score in ranked:
        for alone, partner in ((i, j), (j, i)):
            if len(grouping.members[grouping.group[alone]]) == 1 and score >= ATTACH_RATIO * best[partner]:
                grouping.try_merge(alone, partner, threshold, allow_same_source=True)
    return grouping


# -- entry point --------------------------------------------------------------------------------


def entity_aliases(claims: list[Claim]) -> dict[str, str]:
    """Acronym -> long name, learned from "Long Name (ACRONYM)" in any of the texts."""
    from factcheck.facts.entities import acronym_aliases

    aliases: dict[str, str] = {}
    for claim in claims:
        if "(" in claim.text:  # most claims have no parenthesis: spare the call
            aliases.update(acronym_aliases(claim.text))
    return aliases


def build_index(claims: list[Claim], aliases: dict[str, str]) -> tuple[_Index, list[ClaimFeatures]]:
    return _index_of_runs([tuple(claims)], aliases, remember=False)


def _index_of_runs(
    runs: list[Sequence[Claim]], aliases: dict[str, str], remember: bool
) -> tuple[_Index, list[ClaimFeatures]]:
    """The index of the claims of every run, in order; with ``remember``, each run's block is kept for
    the next comparison that brings the same run (the same tuple: a remembered article's claims)."""
    alias_key = frozenset(aliases.items())
    blocks = [_block(run, aliases, alias_key, remember) for run in runs]
    claims = [claim for run in runs for claim in run]
    # An article is a source of more than one sentence; a one-sentence source is a single statement.
    sentences: dict[str, set[int]] = defaultdict(set)
    for claim in claims:
        sentences[claim.source].add(claim.sentence)
    articles = [len(sentences[c.source]) > 1 for c in claims]
    index = _Index(blocks, [c.source for c in claims], articles)
    return index, [f for block in blocks for f in block.features]


def _block(
    run: Sequence[Claim], aliases: dict[str, str], alias_key: frozenset[tuple[str, str]], remember: bool
) -> _Block:
    # Only a tuple is found by identity: a list given to align() may change between calls.
    if not remember or type(run) is not tuple:
        return _Block.of(tuple(claim_features(c, aliases, alias_key) for c in run))
    # A claim's terms do not depend on its source: an article in role A or B has one block.
    run = role_free(run)
    if alias_key and not any(names_aliased(claim.facts, aliases) for claim in run):
        aliases, alias_key = {}, NO_ALIASES  # the other article's acronyms name nothing here
    block = BLOCKS.get(run, alias_key)
    if block is None:
        block = _Block.of(tuple(claim_features(c, aliases, alias_key) for c in run))
        BLOCKS.put(run, block, alias_key)
    return block


# An article's claims come back as the same tuple while it is remembered (``claims._article_claims``):
# its block of the index (codes, kinds, IDF, sorted distinct codes) is built once, and two articles'
# blocks merge without sorting every code again.
BLOCKS: IdentityMemo[tuple[Claim, ...], _Block] = IdentityMemo(1024)


def align(
    claims_by_source: Mapping[str, Sequence[Claim]], settings: Settings, aliases: dict[str, str]
) -> list[Alignment]:
    """Group claims across sources; every claim lands in exactly one alignment. The alignments come in
    reading order: by their first claim, the sources taken in turn, each source's claims in order."""
    all_claims = [c for claims in claims_by_source.values() for c in claims]
    index, features = _index_of_runs(list(claims_by_source.values()), aliases, remember=True)
    left, right, scores = scored_pairs(index, settings)
    grouping = group_claims(len(all_claims), index.sources, left, right, scores, settings.threshold)
    groups = sorted(grouping.members.values(), key=min)
    for members in groups:
        members.sort()
    commons = {
        n: common_terms(all_claims, features, members) for n, members in enumerate(groups) if len(members) > 1
    }
    # Every group's shared terms weighed at once: one lookup in the index for the whole comparison.
    # Values and counted nouns are facts: they rank with the rarest words.
    terms = list(set().union(*commons.values()))
    weight = dict(zip(terms, index.weights_of(terms), strict=True))
    alignments = []
    for n, members in enumerate(groups):
        claims = tuple(all_claims[i] for i in members)
        if len(members) == 1:
            alignments.append(Alignment(claims, 0.0))
            continue
        matched = tuple(sorted(commons[n], key=lambda t: (-weight[t], t)))
        alignments.append(Alignment(claims, round(grouping.average(members, members), 4), matched))
    return alignments


def common_terms(claims: list[Claim], features: list[ClaimFeatures], members: list[int]) -> set[str]:
    """What every source of a group states: words, names, values, counted nouns."""
    by_source: dict[str, set[str]] = {}
    for i in members:
        f = features[i]
        by_source.setdefault(claims[i].source, set()).update(f.stems, f.names, f.values, f.units)
    return set.intersection(*by_source.values())
