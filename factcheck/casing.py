"""Lower case as Python gives it, in every build.

Compiled code (setup.py) has its own ``str.lower``, which lacks Python's final-sigma rule: "ΟΔΥΣΣΕΥΣ"
lowers to "οδυσσευσ", where Python gives "οδυσσευς" (the only difference over all of Unicode). The compiled
modules lower text through ``lower_case`` so that both builds read Greek alike (tests/test_casing.py).
"""

from __future__ import annotations


def lower_case(text: str) -> str:
    """``text.lower()``, Python's: ASCII text the quick way, any other through ``str.lower`` itself."""
    return text.lower() if text.isascii() else str.lower(text)
