"""compare(): compose the stages into a Report.

read -> clean -> sentences -> claims (with facts) -> align -> judge -> Report.
Each stage is a function of its input and the settings; none reaches back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from factcheck import __version__
from factcheck.align import align, entity_aliases
from factcheck.claims import article_claims
from factcheck.clean import clean
from factcheck.errors import InputError, SettingsError
from factcheck.judge import judge
from factcheck.model import Alignment, Claim, CleanArticle, Report, SourceSummary
from factcheck.read import Url, is_stdin, read_source, source_ids
from factcheck.settings import Settings

Source = Path | str | Url


def _check_stdin_once(sources: Sequence[Source]) -> None:
    """Standard input can be read once: a second ``Path('-')`` would read as an empty article."""
    times = sum(map(is_stdin, sources))
    if times > 1:
        raise InputError(
            f"standard input ('-') is given {times} times; it can be read once: give the other articles as files"
        )


def compare(sources: Iterable[Source], settings: Settings | None = None, **options: object) -> Report:
    """Compare two or more articles about one event.

    Each source is a ``pathlib.Path`` (read from disk; ``Path('-')`` is
    standard input) or a ``str`` holding the article text itself. Keyword
    options are the fields of :class:`factcheck.settings.Settings`
    (``threshold=0.6``, ``scorer="token_sort_ratio"``, ...).
    """
    if isinstance(sources, (str, bytes, Path, Url)) or not isinstance(sources, Iterable):
        raise InputError("compare() takes a list of sources, e.g. compare([Path('a.txt'), Path('b.txt')])")
    sources = list(sources)  # a generator too
    if settings is None:
        settings = Settings.from_options(**options)
    elif options:
        raise InputError("pass either settings=Settings(...) or keyword options, not both")
    elif not isinstance(settings, Settings):
        raise SettingsError(
            f"settings= takes a factcheck.Settings, not a {type(settings).__name__}; pass options as keywords "
            "instead, e.g. compare(sources, threshold=0.3)"
        )
    if len(sources) < 2:
        raise InputError(
            f"need at least two sources to compare, got {len(sources)}; give two or more articles"
        )
    _check_stdin_once(sources)
    articles = [read_source(s, sid) for s, sid in zip(sources, source_ids(len(sources)), strict=True)]
    cleaned = [clean(a, settings.clean) for a in articles]
    claims_by_source = {c.article.id: _claims_of(c) for c in cleaned}
    all_claims = [claim for claims in claims_by_source.values() for claim in claims]
    aliases = entity_aliases(all_claims)
    alignments = align(claims_by_source, settings, aliases)  # in reading order
    source_order = list(claims_by_source)
    # Most groups are one claim: who is silent about it depends only on its source.
    others = {source: tuple(s for s in source_order if s != source) for source in source_order}
    groups = tuple(
        judge(a, f"G{n}", settings, aliases, silent=_silent(a, source_order, others))
        for n, a in enumerate(alignments, start=1)
    )
    return Report(
        version=__version__,
        settings=settings.to_dict(),
        sources=tuple(_summary(c, claims_by_source[c.article.id]) for c in cleaned),
        claims=tuple(all_claims),
        groups=groups,
        texts={c.article.id: c.article.text for c in cleaned},
    )


def clear_caches() -> None:
    """Forget what compare() remembers between calls.

    An article compared again (a wire story against each rewrite, every pair of a cluster) reuses its
    cleaning, claims, facts and alignment features, and words are stemmed once. Each memory of a whole
    article, sentence or claim is bounded (1,024 articles, 2,048 of their roles; 8,192 to 65,536
    sentences, claims or names); the per-word ones grow with the vocabulary. A long-running process can call this between unrelated
    batches; a benchmark calls it to time cold runs. Results never depend on it.
    """
    from factcheck import align as align_stage
    from factcheck import claims as claims_stage
    from factcheck import clean as clean_stage
    from factcheck import facts, sentences, words
    from factcheck import judge as judge_stage
    from factcheck.facts import entities, quantities

    for cached in (
        clean_stage._furniture,
        claims_stage._article_claims,
        claims_stage._claims_of_text,
        sentences._segment_cached,
        facts.extract_facts,
        entities._basic,
        entities.normalize_entity,
        quantities.noun_key,
        words.stem,
        align_stage._word_terms,
        align_stage._text_features,
        align_stage.background_idf,
        align_stage.name_idf,
        align_stage._damping,
        align_stage._damping_table,
        align_stage._local_idf_table,
        align_stage._upper,
        judge_stage._tokens_at,
        judge_stage._words_at,
        judge_stage._near_copy_at,
        judge_stage._word_counts,
    ):
        cached.cache_clear()
    for memo in (align_stage.FEATURES_BY_CLAIM, align_stage.BLOCKS, claims_stage.ROLE_FREE):
        memo.clear()


def _claims_of(cleaned: CleanArticle) -> tuple[Claim, ...]:
    claims = article_claims(cleaned)
    if not claims:
        where = cleaned.article.path or cleaned.article.name
        raise InputError(f"{where}: no article text left after removing page furniture; check the file")
    return claims


def _silent(
    alignment: Alignment, source_order: list[str], others: dict[str, tuple[str, ...]]
) -> tuple[str, ...]:
    """The sources that say nothing in this group, so N-way reports show who is silent (``others``: the
    answer for a group of one source's claims)."""
    if len(alignment.claims) == 1:
        return others[alignment.claims[0].source]
    speaking = {claim.source for claim in alignment.claims}
    return tuple(s for s in source_order if s not in speaking)


def _summary(cleaned: CleanArticle, claims: tuple[Claim, ...]) -> SourceSummary:
    article = cleaned.article
    return SourceSummary(
        id=article.id,
        name=article.name,
        path=article.path,
        title=article.title or cleaned.title,
        date=article.date,
        sentences=len({c.sentence for c in claims}),
        claims=len(claims),
        dropped=cleaned.dropped,
    )
