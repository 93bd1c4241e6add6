"""Bounded memories keyed by object identity, for work derived from objects that come back unchanged.

A remembered article gives the same ``Claim`` objects (and the same tuple of them) to every comparison it
is in, so what is derived from them (alignment features, the article's block of the index, the claims in
no role) can be found by identity: no hash of their fields, which for a claim's facts is Python code per
field. Each entry holds its object, so the object's ``id`` cannot be reused by another object while the
entry is there. ``compare()`` may run in several threads of one process (a Dask worker with several
threads): a memory tolerates concurrent use, at worst forgetting an entry or holding a few too many.
"""

from __future__ import annotations

from collections.abc import Hashable
from contextlib import suppress
from typing import Generic, TypeVar

T = TypeVar("T")
V = TypeVar("V")


class IdentityMemo(Generic[T, V]):
    """Values remembered per object (by identity) and a key; beyond ``size``, the least recently used
    entry is forgotten (a wire story compared with every rewrite stays while newer articles come and go)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: dict[int, tuple[T, Hashable, V]] = {}

    def get(self, obj: T, key: Hashable = None) -> V | None:
        """The value remembered for this very object under an equal ``key``, else None."""
        entries = self._entries
        entry = entries.get(id(obj))
        if entry is not None and entry[0] is obj and (entry[1] is key or entry[1] == key):
            with suppress(KeyError):  # to the end: used last (another thread may have evicted it)
                entries[id(obj)] = entries.pop(id(obj))
            return entry[2]
        return None

    def put(self, obj: T, value: V, key: Hashable = None) -> None:
        entries = self._entries
        entries.pop(id(obj), None)  # replaced, not a reason to forget another entry
        while len(entries) >= self.size > 0:
            # Another thread may evict the same oldest entry, or insert while we look: either is fine.
            with suppress(KeyError, RuntimeError, StopIteration):
                del entries[next(iter(entries))]
        if self.size > 0:
            entries[id(obj)] = (obj, key, value)

    def holds(self, obj: T) -> bool:
        entry = self._entries.get(id(obj))
        return entry is not None and entry[0] is obj

    def clear(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
