"""Align: features, scoring, blocking and grouping, on short hand-written claims (facts from the real extractor)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from factcheck import align as align_stage
from factcheck.align import (
    MAX_PARTNERS,
    _partial_bounds,
    align,
    build_index,
    candidate_pairs,
    group_claims,
    pair_features,
)
from factcheck.facts import extract_facts
from factcheck.model import Claim
from factcheck.settings import ALIGN_FEATURES, Settings


def make(cid: str, text: str, sentence: int = 0) -> Claim:
    return Claim(cid, cid[0], sentence, text, 0, len(text), 1, extract_facts(text, 0))


def _features(a: str, b: str) -> dict[str, float]:
    index, _ = build_index([make("A1", a), make("B1", b)], {})
    row = pair_features(index, np.array([0]), np.array([1]), "token_set_ratio")[0]
    return dict(zip(ALIGN_FEATURES, row.tolist(), strict=True))


def test_align_features_lie_in_unit_interval_and_see_identity() -> None:
    same = _features("Rebels seized the town of Saraqib.", "Rebels seized the town of Saraqib.")
    assert all(0.0 <= v <= 1.0 for v in same.values())
    assert same["cosine"] > 0.99 and same["unmatched"] == 0.0 and same["numbers_differ"] == 0.0


def test_align_features_flag_different_numbers_and_names() -> None:
    f = _features(
        "Police said 12 people were injured in Paris.", "Police said 18 people were injured in Lyon."
    )
    assert f["numbers_differ"] == 1.0 and f["names_differ"] == 1.0


def test_align_cover_short_sees_a_short_claim_inside_a_long_one() -> None:
    f = _features(
        "Rebels seized Saraqib.",
        "Rebels seized Saraqib on Friday after heavy fighting with government troops near the highway.",
    )
    assert f["cover_short"] > 0.99 and f["cover_long"] < 0.6


def test_align_blocking_proposes_only_pairs_sharing_a_term() -> None:
    claims = [make("A1", "Rebels seized Saraqib."), make("B1", "Saraqib fell."), make("B2", "Winter came.")]
    index, _ = build_index(claims, {})
    left, right = candidate_pairs(index)
    assert list(zip(left.tolist(), right.tolist(), strict=True)) == [(0, 1)]


def test_align_groups_do_not_chain_unrelated_claims() -> None:
    # A-B and B-C match, A-C do not: C must match the group on average, not only B.
    sources = np.array([0, 1, 2])
    left, right, scores = np.array([0, 1, 0]), np.array([1, 2, 2]), np.array([0.9, 0.6, 0.0])
    grouping = group_claims(3, sources, left, right, scores, 0.5)
    assert sorted(map(sorted, grouping.members.values())) == [[0, 1], [2]]


def test_align_groups_one_to_one_for_two_sources() -> None:
    sources = np.array([0, 0, 1])
    left, right, scores = np.array([0, 1]), np.array([2, 2]), np.array([0.9, 0.6])
    grouping = group_claims(3, sources, left, right, scores, 0.5)
    # 0.6 < 0.9 * ATTACH_RATIO: claim 1 does not join as a second restatement.
    assert sorted(map(sorted, grouping.members.values())) == [[0, 2], [1]]


def test_align_groups_paraphrases_and_leaves_the_rest_unique() -> None:
    a = (
        make("A1", "Rebels seized the strategic town of Saraqib on Friday."),
        make("A2", "The clashes have led to over 300 deaths.", 1),
    )
    b = (
        make("B1", "On Friday rebels seized the strategic town of Saraqib."),
        make("B2", "Thousands of families face freezing winter conditions.", 1),
    )
    groups = align({"A": a, "B": b}, Settings(), {})
    by_members = sorted(tuple(c.id for c in g.claims) for g in groups)
    assert by_members == [("A1", "B1"), ("A2",), ("B2",)]
    saraqib = next(g for g in groups if len(g.claims) == 2)
    assert "entity:saraqib" in saraqib.matched and 0.0 < saraqib.score <= 1.0
    # Most informative first: the rare name before the common word "town".
    assert saraqib.matched.index("saraqib") < saraqib.matched.index("town")


def test_align_one_sentence_sources_need_a_paraphrase() -> None:
    # MRPC-style: a sentence that says much more is not a paraphrase of a short one.
    a = (make("A1", "Rebels seized Saraqib."),)
    b = (make("B1", "Rebels seized Saraqib on Friday and then marched on Hama, killing 40 soldiers."),)
    groups = align({"A": a, "B": b}, Settings(), {})
    assert all(len(g.claims) == 1 for g in groups)


def test_align_headings_only_align_with_headings() -> None:
    a = (make("A1", "Saraqib Falls to Rebels"),)
    b = (make("B1", "Rebels took Saraqib, and it fell within hours."),)
    groups = align({"A": a, "B": b}, Settings(threshold=0.01), {})
    assert all(len(g.claims) == 1 for g in groups)


def _many_sources(sources: int, claims: int) -> list[Claim]:
    """``sources`` sources of ``claims`` claims that all share their words: every cross-source pair
    is a candidate unless the per-claim cap applies."""
    return [
        make(f"{chr(ord('A') + s)}{c}", f"Rebels seized the town of Saraqib on day {c} of the offensive.", c)
        for s in range(sources)
        for c in range(claims)
    ]


def test_align_candidates_per_claim_are_capped_beyond_two_sources() -> None:
    # Blocking alone would propose every cross-source pair (quadratic in the claims); with more than
    # two sources each claim keeps its MAX_PARTNERS best, so the count grows linearly.
    for sources in (8, 10):
        claims = _many_sources(sources, 20)
        index, _ = build_index(claims, {})
        left, right = candidate_pairs(index)
        everything = len(claims) * (len(claims) - 20) // 2
        assert len(left) <= MAX_PARTNERS * len(claims) < everything
        assert all(a < b and claims[a].source != claims[b].source for a, b in zip(left, right, strict=True))
        # Every claim keeps partners: the cap trims, it does not strand claims.
        assert set(left.tolist()) | set(right.tolist()) == set(range(len(claims)))


def test_align_two_sources_keep_every_candidate() -> None:
    claims = _many_sources(2, MAX_PARTNERS + 10)
    index, _ = build_index(claims, {})
    left, _ = candidate_pairs(index)
    assert len(left) == (MAX_PARTNERS + 10) ** 2


def test_alignment_terms_merge_synonyms_and_split_spellings() -> None:
    from factcheck.align import alignment_terms

    def content(text: str) -> list[str]:
        return [term for term, is_content in alignment_terms(text) if is_content]

    assert content("Shares rose 5 per cent") == content("Stock gained 5 percent")
    assert content("the Web site") == content("the website")
    assert content("the defence ministry") == content("the defense ministry")
    assert content("al-Qaeda health-care") == content("al Qaeda health care")
    assert content("the United States") == content("the U.S.") == content("the US")
    assert "al" not in content("Hayat Tahrir al-Sham")  # a name's particle is in every such name
    assert content("Sept. 9") == content("September 9")
    # Different things stay different.
    assert content("Shares rose") != content("Shares fell")


def test_synonym_groups_do_not_overlap() -> None:
    """A word in two groups would make the second group's merge depend on file order."""
    from importlib.resources import files

    from factcheck.words import stem

    seen: dict[str, int] = {}
    text = (files("factcheck") / "data" / "synonyms.txt").read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        if not line or line.startswith("#"):
            continue
        for word in line.split():
            assert word == word.lower(), (number, word)
            assert stem(word) not in seen or seen[stem(word)] == number, (word, seen.get(stem(word)), number)
            seen[stem(word)] = number


def _claims(texts: list[str]) -> list[Claim]:
    return [
        Claim(f"{chr(65 + k)}1", chr(65 + k), 0, text, 0, len(text), 1, extract_facts(text, 0))
        for k, text in enumerate(texts)
    ]


def _assert_partial_ratio_within_bounds(a: str, b: str) -> None:
    index, _ = build_index(_claims([a, b]), {})
    left, right = np.array([0]), np.array([1])
    # pair_scores gets ratio from rapidfuzz's cpdist as float32 percentages
    chars = np.array([fuzz.ratio(index.lower[0], index.lower[1]) / 100.0], dtype=np.float32).astype(float)
    low, high = _partial_bounds(index, left, right, chars)
    assert low[0] <= fuzz.partial_ratio(index.lower[0], index.lower[1]) / 100.0 <= high[0]


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=120), st.text(min_size=1, max_size=120))
def test_partial_ratio_lies_within_the_bounds_read_from_ratio(a: str, b: str) -> None:
    """``pair_scores`` skips partial_ratio where its bound cannot reach the floor: the bounds must hold."""
    _assert_partial_ratio_within_bounds(a, b)


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="abcde ", min_size=1, max_size=40),
    st.text(alphabet="abcde ", min_size=60, max_size=400),
)
def test_partial_ratio_bounds_hold_for_a_short_claim_in_a_long_one(a: str, b: str) -> None:
    _assert_partial_ratio_within_bounds(a, b)


_SPELLING_PIECES = st.sampled_from(
    ["per cent", "PER CENT", "web site", "Web Sites", "weB ſite", "US", "U.S.A.", "USA", "United States",
     "United  States", "the", "cent", "site", "İ", "ſ", "K", "a"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_SPELLING_PIECES, max_size=8).map(" ".join))
def test_alignment_terms_skip_the_spelling_substitutions_only_where_they_cannot_match(text: str) -> None:
    """The word pre-checks before the two substitutions change no term: same as always substituting."""
    from factcheck.align import _SPLIT_SPELLINGS, _UNITED_STATES, _word_terms, alignment_terms
    from factcheck.words import words

    always = _UNITED_STATES.sub(
        "U.S.", _SPLIT_SPELLINGS.sub(lambda m: "".join(g for g in m.groups() if g), text)
    )
    assert alignment_terms(text) == [term for word in words(always) for term in _word_terms(word)]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 5)), min_size=1, max_size=300, unique=True),
)
def test_claim_counts_by_sort_match_the_dense_table(entries: list[tuple[int, int]]) -> None:
    """Many sources count (source, term) cells by a sort; two articles by a table: the same counts."""
    import factcheck.align as align_module

    # One entry per (claim, term): make claims of each (term, source) cell by repeating it.
    ids = np.array([term for term, source in entries for _ in range(1 + (term + source) % 3)], dtype=np.int64)
    sources = np.array([source for term, source in entries for _ in range(1 + (term + source) % 3)])
    dense = align_module._claim_counts(ids, sources, 41)
    saved = align_module.DENSE_COUNT_CELLS
    try:
        align_module.DENSE_COUNT_CELLS = 0
        by_sort = align_module._claim_counts(ids, sources, 41)
    finally:
        align_module.DENSE_COUNT_CELLS = saved
    for a, b in zip(dense, by_sort, strict=True):
        assert a.tolist() == b.tolist()


def test_claims_without_terms_share_nothing() -> None:
    """No claim has a word: the index holds no keys, and the shared-term join finds nothing, no error."""
    from factcheck.align import _shared

    index, _ = build_index([make("A1", "!!!"), make("B1", "???")], {})
    counts, mass, square, local = _shared(index, np.array([0]), np.array([1]))
    assert (
        len(index.keys) == 0 and not counts.any() and not mass.any() and not square.any() and not local.any()
    )


def test_claim_features_found_by_identity_respect_the_aliases(monkeypatch: pytest.MonkeyPatch) -> None:
    """The claim -> features memo is keyed by the claim object and the comparison's aliases: the same
    claim under other aliases gets its features anew, and the memo stays within its size."""
    from factcheck.memo import IdentityMemo

    monkeypatch.setattr(align_stage, "FEATURES_BY_CLAIM", IdentityMemo(2))
    claim = make("A1", "The UN said 12 people died.")
    plain = align_stage.claim_features(claim, {})
    aliased = align_stage.claim_features(claim, {"united nations": "world body"})
    assert plain is not aliased and plain.names != aliased.names
    assert align_stage.claim_features(claim, {"united nations": "world body"}) is aliased
    others = [Claim(f"B{n}", "B", n, f"Claim number {n}.", 0, 16, 1) for n in range(3)]
    for other in others:
        align_stage.claim_features(other, {})
    assert len(align_stage.FEATURES_BY_CLAIM) == 2 and not align_stage.FEATURES_BY_CLAIM.holds(claim)
    again = align_stage.claim_features(claim, {})  # evicted, found again: the same
    assert (again.names, again.text) == (plain.names, plain.text)
    assert align_stage.FEATURES_BY_CLAIM.holds(claim)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(["troops", "seized", "Saraqib", "town", "300", "the", "rebels", "on", "Friday"]),
        min_size=0,
        max_size=12,
    ),
    st.lists(
        st.sampled_from(["troops", "took", "Saraqib", "city", "300", "a", "rebels", "Friday", "said"]),
        min_size=0,
        max_size=12,
    ),
)
def test_shared_terms_by_table_match_the_binary_search(left_words: list[str], right_words: list[str]) -> None:
    """Two articles' index keeps a (claim, term) table for lookups, many sources' a binary search in its sorted
    keys: the same keys, shared counts and masses."""
    from factcheck.align import _shared

    claims = [
        make("A1", " ".join(left_words) + "."),
        make("A2", "Rebels said so."),
        make("B1", " ".join(right_words) + "."),
    ]
    left, right = np.array([0, 1, 0]), np.array([2, 2, 1])
    with_table, _ = build_index(claims, {})
    saved = align_stage.DENSE_LOOKUP_CELLS
    try:
        align_stage.DENSE_LOOKUP_CELLS = 0
        without, _ = build_index(claims, {})
    finally:
        align_stage.DENSE_LOOKUP_CELLS = saved
    assert with_table.table is not None and without.table is None
    assert with_table.keys.tolist() == without.keys.tolist()
    for a, b in zip(_shared(with_table, left, right), _shared(without, left, right), strict=True):
        assert a.tolist() == b.tolist()


_VOCABULARY = [
    "rebels",
    "seized",
    "Saraqib",
    "town",
    "300",
    "the",
    "troops",
    "Aleppo",
    "killed",
    "on",
    "Friday",
]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.lists(st.sampled_from(_VOCABULARY), max_size=8), st.booleans()), max_size=6),
    st.lists(st.tuples(st.lists(st.sampled_from(_VOCABULARY), max_size=8), st.booleans()), max_size=6),
)
def test_two_articles_candidates_by_matrix_match_the_postings(
    first: list[tuple[list[str], bool]], second: list[tuple[list[str], bool]]
) -> None:
    """Two articles find their candidate pairs with bit sets of their blocking terms, any number of sources
    through the postings of those terms: the same pairs, in the same order (headings only meet headings)."""
    from factcheck.align import _posting_candidates, _two_source_pairs

    def claims_of(source: str, rows: list[tuple[list[str], bool]]) -> list[Claim]:
        return [
            make(f"{source}{n}", " ".join(words) + ("" if heading else "."), sentence=n)
            for n, (words, heading) in enumerate(rows, start=1)
        ]

    claims = claims_of("A", first) + claims_of("B", second)
    if len({c.source for c in claims}) < 2:
        return
    index, _ = build_index(claims, {})
    by_matrix, by_postings = _two_source_pairs(index), _posting_candidates(index)
    assert [a.tolist() for a in by_matrix] == [b.tolist() for b in by_postings]


def test_index_from_remembered_article_blocks_matches_one_built_at_once() -> None:
    """align() builds the index from each article's remembered block (its codes sorted once) and merges
    them; the result is the index built from all the claims at once, array for array."""
    from factcheck.align import BLOCKS, _index_of_runs

    first = tuple(make(f"A{n}", text, n) for n, text in enumerate(_ARTICLE_A, start=1))
    second = tuple(make(f"B{n}", text, n) for n, text in enumerate(_ARTICLE_B, start=1))
    whole, _ = build_index([*first, *second], {})
    for _ in range(2):  # built, then remembered
        merged, _ = _index_of_runs([first, second], {}, remember=True)
        for name in (
            "distinct",
            "kind",
            "sources",
            "weight",
            "local",
            "keys",
            "terms",
            "indptr",
            "count",
            "mass",
        ):
            assert getattr(merged, name).tolist() == getattr(whole, name).tolist(), name
    assert BLOCKS.holds(first)
    aliased, _ = _index_of_runs([first, second], {"hts": "hayat tahrir al-sham"}, remember=True)
    assert aliased.distinct.tolist() != whole.distinct.tolist()  # other aliases: the block is built anew


_ARTICLE_A = (
    "Rebels led by HTS seized Saraqib on Friday.",
    "Over 300 people were killed, the monitor said.",
    "Government troops withdrew from Aleppo.",
)
_ARTICLE_B = (
    "Hayat Tahrir al-Sham fighters took Saraqib.",
    "The Syrian army pulled out of Aleppo on Saturday.",
    "Four civilians died in the shelling.",
)


def test_align_returns_alignments_in_reading_order() -> None:
    """compare() reports groups in the order align() gives them: by each group's first claim, the
    sources taken in turn and each source's claims in order, so a reader meets them as in the text."""
    first = tuple(make(f"A{n}", text, n) for n, text in enumerate(_ARTICLE_A, start=1))
    second = tuple(make(f"B{n}", text, n) for n, text in enumerate(reversed(_ARTICLE_B), start=1))
    order = {c.id: n for n, c in enumerate((*first, *second))}
    alignments = align({"A": first, "B": second}, Settings(), {})
    firsts = [min(order[c.id] for c in a.claims) for a in alignments]
    assert firsts == sorted(firsts)
    assert all([order[c.id] for c in a.claims] == sorted(order[c.id] for c in a.claims) for a in alignments)
    assert sorted(c.id for a in alignments for c in a.claims) == sorted(order)


def test_an_article_in_either_role_has_one_remembered_block() -> None:
    from factcheck import clear_caches, compare
    from factcheck.align import BLOCKS

    clear_caches()
    one, other = "\n\n".join(_ARTICLE_A), "\n\n".join(_ARTICLE_B)
    first = compare([one, other])
    second = compare([other, one])
    assert len(BLOCKS) == 2  # one per article, not one per article and role
    assert len(first.groups) == len(second.groups)


def test_index_ranks_sources_as_sorted_strings() -> None:
    """Source ranks are those of the sorted ids ("AA" before "B"), whatever order the claims come in."""
    claims = [make(cid, "Rebels seized Saraqib on Friday.") for cid in ("B1", "AA1", "A1", "B2")]
    claims = [Claim(c.id, c.id.rstrip("12"), 0, c.text, 0, len(c.text), 1, c.facts) for c in claims]
    index, _ = build_index(claims, {})
    assert index.sources.tolist() == [2, 1, 0, 2] and index.source_count == 3


def test_index_rows_are_each_claims_terms_in_order_of_term_id() -> None:
    """The blocks keep each claim's entries in code order, so the index's keys need no sort per comparison:
    they must equal every (claim, term id) recomputed from the claims' own codes, sorted, once each."""
    first = tuple(make(f"A{n}", text, n) for n, text in enumerate(_ARTICLE_A, start=1))
    second = tuple(make(f"B{n}", text, n) for n, text in enumerate(_ARTICLE_B, start=1))
    for runs in ([first, second], [(*first, *second)]):
        index, features = align_stage._index_of_runs(runs, {}, remember=False)
        expected = sorted(
            {
                claim * index.size + int(np.searchsorted(index.distinct, code))
                for claim, f in enumerate(features)
                for code in f.codes
            }
        )
        assert index.keys.tolist() == expected
        assert np.all(np.diff(index.keys) > 0)
        kinds = [list(f.kinds) for f in features]
        assert index.count.tolist() == [[float(ks.count(kind)) for kind in range(7)] for ks in kinds]
        assert index.texts == [f.text for f in features] and index.lower == [f.lower for f in features]


def test_align_of_claims_in_a_list_sees_the_list_as_it_is_now() -> None:
    """A tuple of claims is remembered by identity (an article's claims do not change); a list may change
    between two calls of align() and must be read again (found by review: the old block was reused)."""
    saraqib = make("A1", "Rebels seized the strategic town of Saraqib on Friday.")
    winter = make("A1", "Thousands of families face freezing winter conditions.")
    b = (
        make("B1", "Thousands of families face freezing winter conditions.", 0),
        make("B2", "On Friday rebels seized the strategic town of Saraqib.", 1),
    )
    a = [saraqib]
    first = align({"A": a, "B": b}, Settings(), {})  # type: ignore[dict-item]
    assert ("A1", "B2") in [tuple(c.id for c in g.claims) for g in first]
    a[0] = winter
    second = align({"A": a, "B": b}, Settings(), {})  # type: ignore[dict-item]
    assert ("A1", "B1") in [tuple(c.id for c in g.claims) for g in second]
    a.append(make("A2", "The clashes have led to over 300 deaths.", 1))
    assert sum(len(g.claims) for g in align({"A": a, "B": b}, Settings(), {})) == 4  # type: ignore[dict-item]


def _same_features(a: object, b: object) -> bool:
    from dataclasses import fields

    return all(
        np.array_equal(getattr(a, f.name), getattr(b, f.name))
        if isinstance(getattr(a, f.name), np.ndarray)
        else getattr(a, f.name) == getattr(b, f.name)
        for f in fields(a)  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    "aliases",
    [
        {},
        {"un": "united nations"},
        {"hts": "hayat tahrir al-sham"},
        {"saraqib": "a town"},
        {"hts": "x", "un": "y"},
    ],
)
def test_claim_features_under_aliases_that_name_nothing_in_it_are_those_without(
    aliases: dict[str, str],
) -> None:
    """A claim whose names the comparison's acronyms do not expand reuses its features without aliases (and
    an article none of whose claims they touch, its block): the same features as computed under them."""
    from factcheck import clear_caches
    from factcheck.align import _features, _whole_sentence, names_aliased

    clear_caches()
    texts = [*_ARTICLE_A, "The UN said 12 people died.", "Rebels of HTS captured Saraqib."]
    for n, text in enumerate(texts, start=1):
        claim = make(f"A{n}", text)
        direct = _features(claim.text, claim.facts, _whole_sentence(claim), frozenset(aliases.items()))
        assert _same_features(align_stage.claim_features(claim, aliases), direct), text
        if not names_aliased(claim.facts, aliases):
            assert _same_features(
                direct, _features(claim.text, claim.facts, _whole_sentence(claim), frozenset())
            )
    hts = make("A1", "Rebels of HTS captured Saraqib.").facts
    assert names_aliased(hts, {"hts": "hayat tahrir al-sham"}) and not names_aliased(
        hts, {"un": "united nations"}
    )


def test_average_link_adds_scores_in_order() -> None:
    """Ten links of 0.1 average to what adding them in order gives (0.09999999999999999), on every Python
    and build: Python 3.12's sum() would give 0.1, compiled code the former, and a merge at a threshold of
    0.1 would then depend on the version."""
    from factcheck.align import _Grouping

    links = {(a, b): 0.1 for a in range(5) for b in range(5, 7)}
    grouping = _Grouping(7, [0] * 5 + [1] * 2, links)
    total = 0.0
    for _ in range(10):
        total += 0.1
    assert grouping.average(list(range(5)), [5, 6]) == total / 10 == 0.09999999999999999
