"""The diff of two claims' words: ``difflib.SequenceMatcher(None, a, b, autojunk=False)`` as the judge uses it.

The same algorithm (the longest matching block, then recursively left and right of it) written for
the one case the judge needs, no junk and no popular words, so that setup.py can compile it: the
judge diffs every pair of claims in a group that could be near copies, and difflib's pure Python
was its largest single cost. ``tests/test_worddiff.py`` holds it to difflib on thousands of pairs.
"""

from __future__ import annotations

# difflib's (tag, i1, i2, j1, j2) edits turning one claim's words into the other's.
Opcode = tuple[str, int, int, int, int]


class WordDiff:
    """``ratio()`` and ``opcodes()`` of two word sequences, as ``SequenceMatcher`` gives them."""

    def __init__(self, a: tuple[str, ...], b: tuple[str, ...]) -> None:
        self.a = a
        self.b = b
        positions: dict[str, list[int]] = {}
        for j, word in enumerate(b):
            positions.setdefault(word, []).append(j)
        self.positions = positions
        self._blocks: list[tuple[int, int, int]] | None = None

    def longest_match(self, alo: int, ahi: int, blo: int, bhi: int) -> tuple[int, int, int]:
        """(i, j, k): a[i:i+k] == b[j:j+k] is the longest common run in a[alo:ahi] and b[blo:bhi], the
        earliest in ``a`` among equals, then the earliest in ``b``."""
        a, positions = self.a, self.positions
        best_i, best_j, best_size = alo, blo, 0
        # run[j]: length of the common run ending at a[i-1] and b[j]
        run: dict[int, int] = {}
        nothing: list[int] = []
        for i in range(alo, ahi):
            new_run: dict[int, int] = {}
            for j in positions.get(a[i], nothing):
                if j < blo:
                    continue
                if j >= bhi:
                    break
                k = run.get(j - 1, 0) + 1
                new_run[j] = k
                if k > best_size:
                    best_i, best_j, best_size = i - k + 1, j - k + 1, k
            run = new_run
        return best_i, best_j, best_size

    def matching_blocks(self) -> list[tuple[int, int, int]]:
        """The matching runs (i, j, k) in order, adjacent runs joined, ending with (len(a), len(b), 0)."""
        if self._blocks is not None:
            return self._blocks
        size_a, size_b = len(self.a), len(self.b)
        queue = [(0, size_a, 0, size_b)]
        found: list[tuple[int, int, int]] = []
        while queue:
            alo, ahi, blo, bhi = queue.pop()
            i, j, k = match = self.longest_match(alo, ahi, blo, bhi)
            if k:
                found.append(match)
                if alo < i and blo < j:
                    queue.append((alo, i, blo, j))
                if i + k < ahi and j + k < bhi:
                    queue.append((i + k, ahi, j + k, bhi))
        found.sort()
        blocks: list[tuple[int, int, int]] = []
        i1 = j1 = k1 = 0
        for i2, j2, k2 in found:
            if i1 + k1 == i2 and j1 + k1 == j2:
                k1 += k2
            else:
                if k1:
                    blocks.append((i1, j1, k1))
                i1, j1, k1 = i2, j2, k2
        if k1:
            blocks.append((i1, j1, k1))
        blocks.append((size_a, size_b, 0))
        self._blocks = blocks
        return blocks

    def ratio(self) -> float:
        """2 x matched words / all words; 1.0 for two empty sequences."""
        total = len(self.a) + len(self.b)
        if not total:
            return 1.0
        matched = 0
        for _, _, k in self.matching_blocks():
            matched += k
        return 2.0 * matched / total

    def opcodes(self) -> tuple[Opcode, ...]:
        """The edits turning ``a`` into ``b``: equal, replace, delete and insert stretches, in order."""
        i = j = 0
        edits: list[Opcode] = []
        for ai, bj, size in self.matching_blocks():
            if i < ai and j < bj:
                edits.append(("replace", i, ai, j, bj))
            elif i < ai:
                edits.append(("delete", i, ai, j, bj))
            elif j < bj:
                edits.append(("insert", i, ai, j, bj))
            i, j = ai + size, bj + size
            if size:
                edits.append(("equal", ai, i, bj, j))
        return tuple(edits)
