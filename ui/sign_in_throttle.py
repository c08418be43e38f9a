"""A growing wait after wrong staff passwords, counted per browser session and per client address.

A few mistypes cost nothing; from the FREE-th wrong password in a row on, each one makes that session
and that address wait twice as long as the one before (2 s, 4 s, 8 s, ... up to MAX_WAIT), so guessing
gets nowhere: 40 tries take hours instead of 10 seconds. A right password clears the count, and so
does a quiet FORGET_AFTER. Pure Python and thread-safe: every session of the server shares one.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable

FREE = 3
FIRST_WAIT = 2.0
MAX_WAIT = 300.0
FORGET_AFTER = 3600.0
KEPT = 10_000  # at most this many sessions and addresses remembered (the oldest go first)


def wait_after(failures: int) -> float:
    """Seconds to wait after `failures` wrong passwords in a row: none for the first FREE - 1."""
    if failures < FREE:
        return 0.0
    return min(FIRST_WAIT * 2.0 ** (failures - FREE), MAX_WAIT)


class Throttle:
    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self._lock = threading.Lock()
        self._failures: dict[str, tuple[int, float]] = {}  # key -> (wrong in a row, when the last was)

    def wait(self, keys: Iterable[str]) -> float:
        """Seconds before any of `keys` may try again (0: now)."""
        now = self._clock()
        with self._lock:
            waits = [last + wait_after(count) - now for count, last in map(self._count, keys)]
        return max([0.0, *waits])

    def failed(self, keys: Iterable[str]) -> int:
        """Counts a wrong password for each key; returns the highest count in a row."""
        now = self._clock()
        with self._lock:
            counts = []
            for key in keys:
                count, _last = self._count(key)
                self._failures.pop(key, None)  # re-inserted last: the dict stays oldest first
                self._failures[key] = (count + 1, now)
                counts.append(count + 1)
            while len(self._failures) > KEPT:
                self._failures.pop(next(iter(self._failures)))
        return max(counts, default=0)

    def succeeded(self, keys: Iterable[str]) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)

    def _count(self, key: str) -> tuple[int, float]:
        count, last = self._failures.get(key, (0, 0.0))
        if count and self._clock() - last > FORGET_AFTER:
            return 0, 0.0
        return count, last
