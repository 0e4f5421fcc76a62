"""Passcode backoff: free tries, then waits that double up to a cap, per key, bounded memory."""

from components.backoff import Backoff


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_free_tries_then_doubling_waits_up_to_the_cap():
    clock = Clock()
    backoff = Backoff(free=3, first_wait=5, longest_wait=30, clock=clock)
    waits = []
    for _ in range(7):
        backoff.failed("a")
        waits.append(backoff.wait_left("a"))
    assert waits == [0, 0, 5, 10, 20, 30, 30]
    clock.now += 29
    assert backoff.wait_left("a") == 1
    assert backoff.wait_left("b") == 0  # other keys are not affected
    backoff.succeeded("a")
    assert backoff.wait_left("a") == 0


def test_memory_is_bounded():
    backoff = Backoff(free=0, max_keys=100)
    for i in range(1000):
        backoff.failed(f"client {i}")
    assert len(backoff._keys) == 100
    assert backoff.wait_left("client 999") > 0
    assert backoff.wait_left("client 0") == 0
