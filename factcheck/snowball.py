"""NLTK's English Snowball stemmer (``nltk.stem.snowball.EnglishStemmer``, NLTK 3.10.4), ported to
plain typed functions so that setup.py can compile it.

A comparison stems each distinct word once (``factcheck.words.stem`` caches it, and looks common words up in
``data/stems.txt`` first), but the words of a new article that the table lacks go to the stemmer, whose
pure Python was the largest cost of reading an article that compiling could not reach. The code is
NLTK's ``EnglishStemmer.stem`` as it is, with ``ignore_stopwords=False`` (what ``SnowballStemmer("english")``
gives) and its class attributes as module constants; ``tests/test_snowball.py`` holds it to NLTK's own
stemmer on every word of the package's data, the fixtures and thousands of made-up words.

Ported from the Natural Language Toolkit (https://www.nltk.org), Copyright (C) 2001-2024 NLTK Project,
Peter Michael Stahl, Peter Ljunglof, Lakhdar Benzahia; licensed under the Apache License, Version 2.0
(http://www.apache.org/licenses/LICENSE-2.0). Changes: the methods are module functions with type hints, and
lower case comes from ``factcheck.casing`` (compiled code's own ``str.lower`` lacks Python's final sigma).
"""

# ruff: noqa: SIM102, SIM108, SIM114 - NLTK's code as NLTK wrote it, so that it reads line for line against upstream

from __future__ import annotations

from factcheck.casing import lower_case

_VOWELS: str = "aeiouy"
_DOUBLE_CONSONANTS: tuple[str, ...] = ("bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt")
_LI_ENDING: str = "cdeghkmnrt"
_STEP0_SUFFIXES: tuple[str, ...] = ("'s'", "'s", "'")
_STEP1A_SUFFIXES: tuple[str, ...] = ("sses", "ied", "ies", "us", "ss", "s")
_STEP1B_SUFFIXES: tuple[str, ...] = ("eedly", "ingly", "edly", "eed", "ing", "ed")
_STEP2_SUFFIXES: tuple[str, ...] = (
    "ization",
    "ational",
    "fulness",
    "ousness",
    "iveness",
    "tional",
    "biliti",
    "lessli",
    "entli",
    "ation",
    "alism",
    "aliti",
    "ousli",
    "iviti",
    "fulli",
    "enci",
    "anci",
    "abli",
    "izer",
    "ator",
    "alli",
    "bli",
    "ogi",
    "li",
)
_STEP3_SUFFIXES: tuple[str, ...] = (
    "ational",
    "tional",
    "alize",
    "icate",
    "iciti",
    "ative",
    "ical",
    "ness",
    "ful",
)
_STEP4_SUFFIXES: tuple[str, ...] = (
    "ement",
    "ance",
    "ence",
    "able",
    "ible",
    "ment",
    "ant",
    "ent",
    "ism",
    "ate",
    "iti",
    "ous",
    "ive",
    "ize",
    "ion",
    "al",
    "er",
    "ic",
)
_STEP5_SUFFIXES: tuple[str, ...] = ("e", "l")
_SPECIAL_WORDS: dict[str, str] = {
    "skis": "ski",
    "skies": "sky",
    "dying": "die",
    "lying": "lie",
    "tying": "tie",
    "idly": "idl",
    "gently": "gentl",
    "ugly": "ugli",
    "early": "earli",
    "only": "onli",
    "singly": "singl",
    "sky": "sky",
    "news": "news",
    "howe": "howe",
    "atlas": "atlas",
    "cosmos": "cosmos",
    "bias": "bias",
    "andes": "andes",
    "inning": "inning",
    "innings": "inning",
    "outing": "outing",
    "outings": "outing",
    "canning": "canning",
    "cannings": "canning",
    "herring": "herring",
    "herrings": "herring",
    "earring": "earring",
    "earrings": "earring",
    "proceed": "proceed",
    "proceeds": "proceed",
    "proceeded": "proceed",
    "proceeding": "proceed",
    "exceed": "exceed",
    "exceeds": "exceed",
    "exceeded": "exceed",
    "exceeding": "exceed",
    "succeed": "succeed",
    "succeeds": "succeed",
    "succeeded": "succeed",
    "succeeding": "succeed",
}


def _r1r2_standard(word: str) -> tuple[str, str]:
    """R1: the region after the first non-vowel following a vowel; R2: the same within R1."""
    r1 = ""
    r2 = ""
    for i in range(1, len(word)):
        if word[i] not in _VOWELS and word[i - 1] in _VOWELS:
            r1 = word[i + 1 :]
            break

    for i in range(1, len(r1)):
        if r1[i] not in _VOWELS and r1[i - 1] in _VOWELS:
            r2 = r1[i + 1 :]
            break

    return (r1, r2)


def suffix_replace(original: str, old: str, new: str) -> str:
    """Replaces the old suffix of the original string by a new suffix."""
    return original[: -len(old)] + new


def stem(word: str) -> str:
    """The English Snowball stem of ``word``, exactly as ``SnowballStemmer("english").stem(word)``."""
    word = lower_case(word)

    if len(word) <= 2:
        return word

    elif word in _SPECIAL_WORDS:
        return _SPECIAL_WORDS[word]

    # Map the different apostrophe characters to a single consistent one
    word = word.replace("\u2019", "\x27").replace("\u2018", "\x27").replace("\u201b", "\x27")

    if word.startswith("\x27"):
        word = word[1:]

    if word.startswith("y"):
        word = "".join(("Y", word[1:]))

    # In-place mutation joined once; a per-match rebuild was O(n**2) on a
    # crafted token (CWE-407).
    chars = list(word)
    for i in range(1, len(chars)):
        if chars[i - 1] in _VOWELS and chars[i] == "y":
            chars[i] = "Y"
    word = "".join(chars)

    step1a_vowel_found = False
    step1b_vowel_found = False

    r1 = ""
    r2 = ""

    if word.startswith(("gener", "commun", "arsen")):
        if word.startswith(("gener", "arsen")):
            r1 = word[5:]
        else:
            r1 = word[6:]

        for i in range(1, len(r1)):
            if r1[i] not in _VOWELS and r1[i - 1] in _VOWELS:
                r2 = r1[i + 1 :]
                break
    else:
        r1, r2 = _r1r2_standard(word)

    # STEP 0
    for suffix in _STEP0_SUFFIXES:
        if word.endswith(suffix):
            word = word[: -len(suffix)]
            r1 = r1[: -len(suffix)]
            r2 = r2[: -len(suffix)]
            break

    # STEP 1a
    for suffix in _STEP1A_SUFFIXES:
        if word.endswith(suffix):
            if suffix == "sses":
                word = word[:-2]
                r1 = r1[:-2]
                r2 = r2[:-2]

            elif suffix in ("ied", "ies"):
                if len(word[: -len(suffix)]) > 1:
                    word = word[:-2]
                    r1 = r1[:-2]
                    r2 = r2[:-2]
                else:
                    word = word[:-1]
                    r1 = r1[:-1]
                    r2 = r2[:-1]

            elif suffix == "s":
                for letter in word[:-2]:
                    if letter in _VOWELS:
                        step1a_vowel_found = True
                        break

                if step1a_vowel_found:
                    word = word[:-1]
                    r1 = r1[:-1]
                    r2 = r2[:-1]
            break

    # STEP 1b
    for suffix in _STEP1B_SUFFIXES:
        if word.endswith(suffix):
            if suffix in ("eed", "eedly"):
                if r1.endswith(suffix):
                    word = suffix_replace(word, suffix, "ee")

                    if len(r1) >= len(suffix):
                        r1 = suffix_replace(r1, suffix, "ee")
                    else:
                        r1 = ""

                    if len(r2) >= len(suffix):
                        r2 = suffix_replace(r2, suffix, "ee")
                    else:
                        r2 = ""
            else:
                for letter in word[: -len(suffix)]:
                    if letter in _VOWELS:
                        step1b_vowel_found = True
                        break

                if step1b_vowel_found:
                    word = word[: -len(suffix)]
                    r1 = r1[: -len(suffix)]
                    r2 = r2[: -len(suffix)]

                    if word.endswith(("at", "bl", "iz")):
                        word = "".join((word, "e"))
                        r1 = "".join((r1, "e"))

                        if len(word) > 5 or len(r1) >= 3:
                            r2 = "".join((r2, "e"))

                    elif word.endswith(_DOUBLE_CONSONANTS):
                        word = word[:-1]
                        r1 = r1[:-1]
                        r2 = r2[:-1]

                    elif (
                        r1 == ""
                        and len(word) >= 3
                        and word[-1] not in _VOWELS
                        and word[-1] not in "wxY"
                        and word[-2] in _VOWELS
                        and word[-3] not in _VOWELS
                    ) or (r1 == "" and len(word) == 2 and word[0] in _VOWELS and word[1] not in _VOWELS):
                        word = "".join((word, "e"))

                        if len(r1) > 0:
                            r1 = "".join((r1, "e"))

                        if len(r2) > 0:
                            r2 = "".join((r2, "e"))
            break

    # STEP 1c
    if len(word) > 2 and word[-1] in "yY" and word[-2] not in _VOWELS:
        word = "".join((word[:-1], "i"))
        if len(r1) >= 1:
            r1 = "".join((r1[:-1], "i"))
        else:
            r1 = ""

        if len(r2) >= 1:
            r2 = "".join((r2[:-1], "i"))
        else:
            r2 = ""

    # STEP 2
    for suffix in _STEP2_SUFFIXES:
        if word.endswith(suffix):
            if r1.endswith(suffix):
                if suffix == "tional":
                    word = word[:-2]
                    r1 = r1[:-2]
                    r2 = r2[:-2]

                elif suffix in ("enci", "anci", "abli"):
                    word = "".join((word[:-1], "e"))

                    if len(r1) >= 1:
                        r1 = "".join((r1[:-1], "e"))
                    else:
                        r1 = ""

                    if len(r2) >= 1:
                        r2 = "".join((r2[:-1], "e"))
                    else:
                        r2 = ""

                elif suffix == "entli":
                    word = word[:-2]
                    r1 = r1[:-2]
                    r2 = r2[:-2]

                elif suffix in ("izer", "ization"):
                    word = suffix_replace(word, suffix, "ize")

                    if len(r1) >= len(suffix):
                        r1 = suffix_replace(r1, suffix, "ize")
                    else:
                        r1 = ""

                    if len(r2) >= len(suffix):
                        r2 = suffix_replace(r2, suffix, "ize")
                    else:
                        r2 = ""

                elif suffix in ("ational", "ation", "ator"):
                    word = suffix_replace(word, suffix, "ate")

                    if len(r1) >= len(suffix):
                        r1 = suffix_replace(r1, suffix, "ate")
                    else:
                        r1 = ""

                    if len(r2) >= len(suffix):
                        r2 = suffix_replace(r2, suffix, "ate")
                    else:
                        r2 = "e"

                elif suffix in ("alism", "aliti", "alli"):
                    word = suffix_replace(word, suffix, "al")

                    if len(r1) >= len(suffix):
                        r1 = suffix_replace(r1, suffix, "al")
                    else:
                        r1 = ""

                    if len(r2) >= len(suffix):
                        r2 = suffix_replace(r2, suffix, "al")
                    else:
                        r2 = ""

                elif suffix == "fulness":
                    word = word[:-4]
                    r1 = r1[:-4]
                    r2 = r2[:-4]

                elif suffix in ("ousli", "ousness"):
                    word = suffix_replace(word, suffix, "ous")

                    if len(r1) >= len(suffix):
                        r1 = suffix_replace(r1, suffix, "ous")
                    else:
                        r1 = ""

                    if len(r2) >= len(suffix):
                        r2 = suffix_replace(r2, suffix, "ous")
                    else:
                        r2 = ""

                elif suffix in ("iveness", "iviti"):
                    word = suffix_replace(word, suffix, "ive")

                    if len(r1) >= len(suffix):
                        r1 = suffix_replace(r1, suffix, "ive")
                    else:
                        r1 = ""

                    if len(r2) >= len(suffix):
                        r2 = suffix_replace(r2, suffix, "ive")
                    else:
                        r2 = "e"

                elif suffix in ("biliti", "bli"):
                    word = suffix_replace(word, suffix, "ble")

                    if len(r1) >= len(suffix):
                        r1 = suffix_replace(r1, suffix, "ble")
                    else:
                        r1 = ""

                    if len(r2) >= len(suffix):
                        r2 = suffix_replace(r2, suffix, "ble")
                    else:
                        r2 = ""

                elif suffix == "ogi" and word[-4] == "l":
                    word = word[:-1]
                    r1 = r1[:-1]
                    r2 = r2[:-1]

                elif suffix in ("fulli", "lessli"):
                    word = word[:-2]
                    r1 = r1[:-2]
                    r2 = r2[:-2]

                elif suffix == "li" and word[-3] in _LI_ENDING:
                    word = word[:-2]
                    r1 = r1[:-2]
                    r2 = r2[:-2]
            break

    # STEP 3
    for suffix in _STEP3_SUFFIXES:
        if word.endswith(suffix):
            if r1.endswith(suffix):
                if suffix == "tional":
                    word = word[:-2]
                    r1 = r1[:-2]
                    r2 = r2[:-2]

                elif suffix == "ational":
                    word = suffix_replace(word, suffix, "ate")

                    if len(r1) >= len(suffix):
                        r1 = suffix_replace(r1, suffix, "ate")
                    else:
                        r1 = ""

                    if len(r2) >= len(suffix):
                        r2 = suffix_replace(r2, suffix, "ate")
                    else:
                        r2 = ""

                elif suffix == "alize":
                    word = word[:-3]
                    r1 = r1[:-3]
                    r2 = r2[:-3]

                elif suffix in ("icate", "iciti", "ical"):
                    word = suffix_replace(word, suffix, "ic")

                    if len(r1) >= len(suffix):
                        r1 = suffix_replace(r1, suffix, "ic")
                    else:
                        r1 = ""

                    if len(r2) >= len(suffix):
                        r2 = suffix_replace(r2, suffix, "ic")
                    else:
                        r2 = ""

                elif suffix in ("ful", "ness"):
                    word = word[: -len(suffix)]
                    r1 = r1[: -len(suffix)]
                    r2 = r2[: -len(suffix)]

                elif suffix == "ative" and r2.endswith(suffix):
                    word = word[:-5]
                    r1 = r1[:-5]
                    r2 = r2[:-5]
            break

    # STEP 4
    for suffix in _STEP4_SUFFIXES:
        if word.endswith(suffix):
            if r2.endswith(suffix):
                if suffix == "ion":
                    if word[-4] in "st":
                        word = word[:-3]
                        r1 = r1[:-3]
                        r2 = r2[:-3]
                else:
                    word = word[: -len(suffix)]
                    r1 = r1[: -len(suffix)]
                    r2 = r2[: -len(suffix)]
            break

    # STEP 5
    if r2.endswith("l") and word[-2] == "l":
        word = word[:-1]
    elif r2.endswith("e"):
        word = word[:-1]
    elif r1.endswith("e"):
        if len(word) >= 4 and (
            word[-2] in _VOWELS or word[-2] in "wxY" or word[-3] not in _VOWELS or word[-4] in _VOWELS
        ):
            word = word[:-1]

    word = word.replace("Y", "y")

    return word
