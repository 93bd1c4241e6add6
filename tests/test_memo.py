"""factcheck.memo.IdentityMemo: found by identity and key, bounded, usable from several threads."""

from __future__ import annotations

import sys
import threading

from factcheck.memo import IdentityMemo


class Thing:
    pass


def test_a_memo_finds_the_same_object_under_an_equal_key_only() -> None:
    memo: IdentityMemo[Thing, str] = IdentityMemo(4)
    thing, twin = Thing(), Thing()
    memo.put(thing, "value", key=frozenset({("hts", "hayat tahrir al-sham")}))
    assert memo.get(thing, frozenset({("hts", "hayat tahrir al-sham")})) == "value"
    assert memo.get(thing, frozenset()) is None  # other aliases
    assert memo.get(twin, frozenset({("hts", "hayat tahrir al-sham")})) is None  # an equal object is not it
    assert memo.holds(thing) and not memo.holds(twin)


def test_a_memo_forgets_its_oldest_entries_beyond_its_size() -> None:
    memo: IdentityMemo[Thing, int] = IdentityMemo(2)
    things = [Thing() for _ in range(3)]
    for n, thing in enumerate(things):
        memo.put(thing, n)
    assert len(memo) == 2 and not memo.holds(things[0])
    assert [memo.get(t) for t in things] == [None, 1, 2]
    memo.clear()
    assert len(memo) == 0 and memo.get(things[2]) is None


def test_a_memo_forgets_the_least_recently_used_entry() -> None:
    """A wire story compared with every rewrite is asked for again and again: it stays while others go."""
    memo: IdentityMemo[Thing, int] = IdentityMemo(2)
    wire, first, second = Thing(), Thing(), Thing()
    memo.put(wire, 0)
    memo.put(first, 1)
    assert memo.get(wire) == 0  # used: now the most recent
    memo.put(second, 2)
    assert memo.holds(wire) and not memo.holds(first) and memo.holds(second)


def test_a_memo_replacing_an_entry_forgets_no_other() -> None:
    memo: IdentityMemo[Thing, int] = IdentityMemo(2)
    one, two = Thing(), Thing()
    memo.put(one, 1)
    memo.put(two, 2)
    memo.put(two, 3, key="other aliases")
    assert memo.get(one) == 1 and memo.get(two, "other aliases") == 3 and len(memo) == 2


def test_a_memo_of_size_zero_remembers_nothing() -> None:
    memo: IdentityMemo[Thing, int] = IdentityMemo(0)
    thing = Thing()
    memo.put(thing, 1)
    assert memo.get(thing) is None and len(memo) == 0


def test_a_memo_survives_threads_evicting_at_once() -> None:
    """Several threads filling a tiny memo evict the same oldest entries concurrently: no error, and the
    memo stays about its size (the eviction used to raise KeyError when two threads raced for one key)."""
    memo: IdentityMemo[Thing, int] = IdentityMemo(2)
    errors: list[BaseException] = []

    def fill() -> None:
        try:
            for n in range(20_000):
                thing = Thing()
                memo.put(thing, n)
                memo.get(thing)
        except BaseException as error:  # any error fails the test below
            errors.append(error)

    threads = [threading.Thread(target=fill) for _ in range(4)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible: the race shows within a run
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert not errors
    assert len(memo) <= 2 + len(threads)
