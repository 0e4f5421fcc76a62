"""Exponential backoff after failed passcodes, per session and per client address."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable


class Backoff:
    """Counts failures per key; after `free` of them each next try waits twice as long as the last.

    Shared by every session of the server (one instance through `st.cache_resource`), so it
    is thread-safe and holds at most `max_keys` keys (the oldest are forgotten first).
    """

    def __init__(
        self,
        free: int,
        first_wait: float = 5.0,
        longest_wait: float = 300.0,
        max_keys: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.free, self.first_wait, self.longest_wait = free, first_wait, longest_wait
        self.max_keys, self.clock = max_keys, clock
        self._lock = threading.Lock()
        self._keys: OrderedDict[str, tuple[int, float]] = OrderedDict()

    def wait_left(self, key: str) -> float:
        """Seconds before `key` may try again (0 when it may try now)."""
        with self._lock:
            _, allowed_at = self._keys.get(key, (0, 0.0))
        return max(0.0, allowed_at - self.clock())

    def failed(self, key: str) -> int:
        """Record a failure for `key`; return how many it has had in a row."""
        with self._lock:
            failures = self._keys.pop(key, (0, 0.0))[0] + 1
            wait = 0.0
            if failures >= self.free:
                wait = min(self.first_wait * 2 ** (failures - self.free), self.longest_wait)
            self._keys[key] = (failures, self.clock() + wait)
            while len(self._keys) > self.max_keys:
                self._keys.popitem(last=False)
        return failures

    def succeeded(self, key: str) -> None:
        """Forget `key`'s failures."""
        with self._lock:
            self._keys.pop(key, None)
