"""Regenerate the golden reports in tests/golden/ (run deliberately, then review the diff).

python tests/regen_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
# name -> sources, given relative to the repository root so the report's paths are stable.
CASES = {"aleppo.json": ["fixtures/aleppo_a.txt", "fixtures/aleppo_b.txt"]}


def render(sources: list[str]) -> str:
    import factcheck
    from factcheck.report.json import dumps

    return dumps(factcheck.compare([Path(s) for s in sources]).to_dict())


def main() -> None:
    os.chdir(ROOT)
    for name, sources in CASES.items():
        (GOLDEN / name).write_text(render(sources), encoding="utf-8")
        print(f"wrote tests/golden/{name}")


if __name__ == "__main__":
    main()
