"""Settings that shape a comparison, with defaults, validation and a signature.

Every field is recorded in the report (``tool.settings``) so that a result can
be reproduced, as sacrebleu does with its signature.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace

from factcheck.errors import SettingsError

SCORERS = ("token_set_ratio", "token_sort_ratio", "token_ratio", "ratio", "partial_ratio", "WRatio")


@dataclass(frozen=True, slots=True)
class Settings:
    """Knobs of the pipeline. Defaults are documented in docs/design.md."""

    threshold: float = 0.22
    """Minimum combined score (0-1) for two claims to be aligned."""
    scorer: str = "token_set_ratio"
    """rapidfuzz.fuzz scorer applied to the claims' normalised content words."""
    text_weight: float = 0.2
    """Weight of rapidfuzz's similarity of the claims' content-word stems."""
    overlap_weight: float = 0.8
    """Weight of the Dice overlap of content-word stems."""
    fact_weight: float = 0.0
    """Weight of the overlap of facts and entities (used when both claims carry some)."""
    quantity_tolerance: float = 0.1
    """Relative gap an approximate qualifier ("about", "nearly") tolerates."""
    clean: bool = True
    """Drop page furniture (view counters, ads, comment forms)."""
    splitter: str = "punkt"
    """Sentence splitter: NLTK Punkt with parameters built in code."""

    def __post_init__(self) -> None:
        if not 0.0 <= self.threshold <= 1.0:
            raise SettingsError(f"threshold must be between 0 and 1, got {self.threshold}")
        if self.scorer not in SCORERS:
            raise SettingsError(f"unknown scorer {self.scorer!r}; choose one of {', '.join(SCORERS)}")
        for name in ("text_weight", "overlap_weight", "fact_weight", "quantity_tolerance"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise SettingsError(f"{name} must be between 0 and 1, got {value}")
        if self.text_weight + self.overlap_weight + self.fact_weight <= 0:
            raise SettingsError("at least one of text_weight, overlap_weight, fact_weight must be above 0")
        if self.splitter != "punkt":
            raise SettingsError(f"unknown splitter {self.splitter!r}; the only splitter is 'punkt'")

    @classmethod
    def from_options(cls, **options: object) -> Settings:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise SettingsError(f"unknown setting {unknown[0]!r}; known settings: {', '.join(sorted(known))}")
        given = {k: v for k, v in options.items() if v is not None}
        return replace(cls(), **given)  # type: ignore[arg-type]

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    def signature(self, version: str) -> str:
        parts = [f"factcheck:{version}"] + [f"{k}:{v}" for k, v in self.to_dict().items()]
        return "|".join(parts)
