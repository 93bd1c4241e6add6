"""NLTK's Punkt with hand-built parameters: the third step of sentence splitting (factcheck.sentences).

Its own module, imported only when a text is first split (importing NLTK takes ~0.5 s), and kept pure
Python: its classes extend NLTK's, whose code runs them anyway (setup.py compiles ``sentences``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from nltk.tokenize import punkt

# "u.s", "ph.d": a dotted initialism, as Punkt sees it (without its final period).
_DOTTED_INITIALISM = re.compile(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}")


class AbbreviationTypes(set[str]):
    """Punkt only asks ``type in abbrev_types``; also accept any dotted initialism (u.s, ph.d)."""

    def __contains__(self, item: object) -> bool:
        return super().__contains__(item) or (
            isinstance(item, str) and _DOTTED_INITIALISM.fullmatch(item) is not None
        )


class LanguageVars(punkt.PunktLanguageVars):
    """Same patterns as NLTK 3.10 (curly quotes count as closing punctuation on any version), but
    compiled with the standard ``re``: NLTK's time-limited regex wrapper makes Punkt ~5x slower."""

    re_boundary_realignment = re.compile(r"[\"')\]}\u2018\u2019\u201c\u201d\xab\xbb]+?(?:\s+|(?=--)|$)", re.M)

    @property
    def _re_non_word_chars(self) -> str:
        return r"(?:[)\";}\]\*:@\'\({\[\u2018\u2019\u201c\u201d\xab\xbb?!])"

    def _word_tokenizer_re(self) -> re.Pattern[str]:
        return _compiled(
            self._word_tokenize_fmt
            % {
                "NonWord": self._re_non_word_chars,
                "MultiChar": self._re_multi_char_punct,
                "WordStart": self._re_word_start,
            }
        )

    def period_context_re(self) -> re.Pattern[str]:
        return _compiled(
            self._period_context_fmt
            % {"NonWord": self._re_non_word_chars, "SentEndChars": self._re_sent_end_chars}
        )


class Token(punkt.PunktToken):
    __slots__ = ()
    _RE_ELLIPSIS = re.compile(r"\.\.+$")
    _RE_NUMERIC = re.compile(r"^-?[\.,]?\d[\d,\.-]*\.?$")
    _RE_INITIAL = re.compile(r"[^\W\d]\.$")
    _RE_ALPHA = re.compile(r"[^\W\d]+$")


class Tokenizer(punkt.PunktSentenceTokenizer):
    def __init__(self, params: punkt.PunktParameters, lang_vars: LanguageVars) -> None:
        super().__init__(params, lang_vars=lang_vars, token_cls=Token)
        self._abbreviations = params.abbrev_types
        self._collocations = params.collocations  # none are set; one would let the second pass undo a break
        # A candidate context of a plain word, its period and what follows: the next token ("said. The") or
        # a punctuation mark that Punkt's word tokenizer splits off ('it.”').
        self._plain_period = re.compile(r"([^\W\d_]{2,})\.(?:\s+\S+|" + lang_vars._re_non_word_chars + ")")

    def text_contains_sentbreak(self, text: str) -> bool:
        """Punkt's answer, without its token objects when the context is "word. Next" or 'word.”'.

        That is most candidate boundaries, and Punkt's own answer for it is fixed: a word of two or
        more letters that is no abbreviation is marked a break in the first pass, and the second
        pass reconsiders only abbreviations, ellipses, initials, numbers and known collocations
        (there are none); a token follows it.
        """
        plain = self._plain_period.fullmatch(text) if not self._collocations else None
        if plain is not None and plain.group(1).lower() not in self._abbreviations:
            return True
        return super().text_contains_sentbreak(text)


def build_punkt(abbreviations: Iterable[str], sentence_starters: Iterable[str]) -> Tokenizer:
    """Punkt knowing these abbreviations (without their final period) and sentence starters."""
    params = punkt.PunktParameters()
    params.abbrev_types = AbbreviationTypes(abbreviations)
    params.sent_starters = set(sentence_starters)
    # Orthographic evidence Punkt would learn from a corpus: these words are seen capitalised at the
    # start of sentences and lower-case inside them, so a capitalised one after an abbreviation or an
    # initial starts a new sentence ("you and I. Did you see ...").
    # The flag constants are private to NLTK but stable since Punkt was ported (2008).
    for word in params.sent_starters:
        params.add_ortho_context(word, punkt._ORTHO_BEG_UC | punkt._ORTHO_MID_LC)
    return Tokenizer(params, LanguageVars())


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.UNICODE | re.VERBOSE)
