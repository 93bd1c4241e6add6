"""Settings that shape a comparison, with defaults, validation and a signature.

Every field is recorded in the report (``tool.settings``) so that a result can
be reproduced, as sacrebleu does with its signature.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from numbers import Real

from factcheck.errors import SettingsError

SCORERS = ("token_set_ratio", "token_sort_ratio", "token_ratio", "ratio", "partial_ratio", "WRatio")

# What alignment measures on a pair of claims, in the order of ``Settings.weights`` (after the bias).
# Each is described in factcheck/align.py (``pair_features``); all lie in 0-1.
ALIGN_FEATURES = (
    "cosine",
    "cover_short",
    "cover_long",
    "text",
    "bigrams",
    "numbers_differ",
    "names_differ",
    "words",
    "phrases",
    "chars",
    "partial",
    "unmatched",
)

# Logistic-regression weights (bias first, then one per ALIGN_FEATURES entry) and the threshold,
# fitted on MRPC TRAIN by `evals/fit_threshold.py --l2 0.1` (threshold: best mean of accuracy and F1
# among those keeping the fixture's alignments), which prints these lines.
FITTED_WEIGHTS: tuple[float, ...] = (
    -2.902,
    -0.381,
    1.647,
    1.668,
    -1.166,
    -2.516,
    -0.137,
    0.606,
    5.795,
    -0.971,
    10.043,
    -6.132,
    -3.794,
)
FITTED_THRESHOLD = 0.45


@dataclass(frozen=True, slots=True)
class Settings:
    """Knobs of the pipeline. Defaults are documented in docs/design.md."""

    threshold: float = FITTED_THRESHOLD
    """Minimum alignment score (0-1, a probability that two claims state the same thing) to align them."""
    scorer: str = "token_set_ratio"
    """rapidfuzz.fuzz scorer applied to the claims' content-word stems (the ``text`` feature)."""
    weights: tuple[float, ...] = FITTED_WEIGHTS
    """Logistic weights of the alignment score: bias, then one per ``ALIGN_FEATURES`` entry."""
    fact_threshold: float = 0.22
    """Between two articles (sources of several sentences), the shared-fact score (local-IDF overlap)
    at which two claims align even when they are not paraphrases; 0 turns this route off."""
    quantity_tolerance: float = 0.1
    """Relative gap an approximate qualifier ("about", "nearly") tolerates."""
    clean: bool = True
    """Drop page furniture (view counters, ads, comment forms)."""
    splitter: str = "punkt"
    """Sentence splitter: NLTK Punkt with parameters built in code."""

    def __post_init__(self) -> None:
        for name in ("threshold", "fact_threshold", "quantity_tolerance"):
            # Read as floats: compiled modules check the type of what they are given (an int, a numpy number).
            object.__setattr__(self, name, _fraction(name, getattr(self, name)))
        if not isinstance(self.scorer, str) or self.scorer not in SCORERS:
            raise SettingsError(f"unknown scorer {self.scorer!r}; choose one of {', '.join(SCORERS)}")
        object.__setattr__(self, "weights", _weights(self.weights))
        # The one setting that is no number or name: 0 / 1 and numpy's booleans read as false / true, and
        # anything else is refused, so that every build (compiled modules check the type) sees a bool.
        if self.clean not in (True, False):
            raise SettingsError(f"clean must be true or false, got {self.clean!r}")
        object.__setattr__(self, "clean", bool(self.clean))
        if self.splitter != "punkt":
            raise SettingsError(f"unknown splitter {self.splitter!r}; the only splitter is 'punkt'")

    @classmethod
    def from_options(cls, **options: object) -> Settings:
        known = set(_field_names(cls))
        unknown = sorted(set(options) - known)
        if unknown:
            raise SettingsError(f"unknown setting {unknown[0]!r}; known settings: {', '.join(sorted(known))}")
        given = {k: v for k, v in options.items() if v is not None}
        if not given and cls is Settings:
            return _defaults()  # frozen, so one instance serves every call (~20 µs of checks each)
        return replace(cls(), **given) if given else cls()  # type: ignore[arg-type]

    def to_dict(self) -> dict[str, object]:
        # Lists, not tuples: the dict is the JSON export and must equal its own round trip. Every field is a
        # number, string, flag or tuple of floats: nothing for asdict's deep copy to do (~90 µs a report).
        values = ((name, getattr(self, name)) for name in _field_names(type(self)))
        return {k: list(v) if isinstance(v, tuple) else v for k, v in values}

    def signature(self, version: str) -> str:
        parts = [f"factcheck:{version}"] + [f"{k}:{v}" for k, v in self.to_dict().items()]
        return "|".join(parts)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    # dataclasses.fields() rebuilds its tuple at every call (~3 µs), and a comparison asks twice.
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


def _is_number(value: object) -> bool:
    """A real number (an int, a float, a numpy number), not a flag: True is no threshold."""
    return isinstance(value, Real) and not isinstance(value, bool)


def _fraction(name: str, value: object) -> float:
    """``value`` as a float in 0-1; a flag, a string or anything else that is no real number is refused."""
    if not _is_number(value):
        raise SettingsError(f"{name} must be a number between 0 and 1, got {value!r}")
    number = float(value)  # type: ignore[arg-type]
    if not 0.0 <= number <= 1.0:
        raise SettingsError(f"{name} must be between 0 and 1, got {value}")
    return number


def _weights(given: object) -> tuple[float, ...]:
    size = len(ALIGN_FEATURES) + 1
    expected = f"weights must hold {size} numbers (bias, then {', '.join(ALIGN_FEATURES)})"
    if not isinstance(given, Iterable) or isinstance(given, (str, bytes)):
        raise SettingsError(f"{expected}, got {given!r}")
    values = tuple(given)
    if len(values) != size:
        raise SettingsError(f"{expected}, got {len(values)}")
    for value in values:
        if not _is_number(value):
            raise SettingsError(f"{expected}, got {value!r} among them")
    return tuple(float(v) for v in values)


@lru_cache(maxsize=1)
def _defaults() -> Settings:
    return Settings()
