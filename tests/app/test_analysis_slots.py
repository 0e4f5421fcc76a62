"""At most MAX_RUNNING analyses run at once on a server, one per session; a third waits, told so.

Threads stand in for sessions and call the app's cached functions, so the real slots, queue and
progress messages are in play; only the worker process is replaced by a slow fake that counts
how many run at the same time.
"""

from __future__ import annotations

import threading
import time

import pandas as pd
import pytest
import streamlit as st

from components import cached
from realitycheck.compare import worker

FRAME = pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0], "y": [0, 1, 0, 1]})
BUDGET = (60.0, 512)


class FakeWorker:
    """Stands in for `run_job`: runs `seconds` (stopping when cancelled), counting overlap."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.lock = threading.Lock()
        self.running: list[str] = []
        self.peak = 0
        self.overlap: list[tuple[str, ...]] = []  # what ran at the same time, at each start
        self.cancelled: list[str] = []
        self.jobs: list[str] = []

    def __call__(self, job, *args, seconds, memory_mb, on_progress, cancel, **options):
        session = cached.session_id()
        with self.lock:
            self.jobs.append(job)
            self.running.append(session)
            self.peak = max(self.peak, len(self.running))
            self.overlap.append(tuple(self.running))
        try:
            end = time.monotonic() + self.seconds
            while time.monotonic() < end:
                if cancel.is_set():
                    self.cancelled.append(session)
                    raise worker.Cancelled("replaced")
                on_progress(1, 2, "working")
                time.sleep(0.02)
            on_progress(2, 2, "Done")
            return f"result for {session}"
        finally:
            with self.lock:
                self.running.remove(session)


@pytest.fixture
def fake(monkeypatch):
    """A 1.5 s fake worker, fresh slots, a session per thread and recorded progress texts."""
    st.cache_data.clear()
    st.cache_resource.clear()
    sessions = threading.local()
    monkeypatch.setattr(cached, "session_id", lambda: getattr(sessions, "name", None))
    fake = FakeWorker(1.5)
    monkeypatch.setattr(worker, "run_job", fake)
    fake.texts = {}

    class Bar:
        def __init__(self, text):
            fake.texts.setdefault(sessions.name, []).append(text)

        def progress(self, value, text=None):
            fake.texts.setdefault(sessions.name, []).append(text)

        def empty(self):
            pass

    monkeypatch.setattr(st, "progress", lambda value, text=None: Bar(text))
    fake.sessions = sessions
    yield fake
    st.cache_data.clear()
    st.cache_resource.clear()


def _start(fake, session: str, call, results: dict, errors: dict) -> threading.Thread:
    def body():
        fake.sessions.name = session
        try:
            results[session] = call()
        except Exception as exc:  # noqa: BLE001 - the test reads it
            errors[session] = exc

    thread = threading.Thread(target=body, name=session)
    thread.start()
    return thread


def _comparison(fingerprint: str):
    return lambda: cached.comparison(
        fingerprint, "d.csv", "y", "binary", 3, 1, None, 0, (), BUDGET, _frame=FRAME
    )


def test_two_run_at_once_and_a_third_waits_told_so_then_completes(fake):
    results, errors = {}, {}
    threads = [_start(fake, "ana", _comparison("a"), results, errors)]
    threads.append(_start(fake, "ben", _comparison("b"), results, errors))
    time.sleep(0.5)  # both are running
    assert len(fake.running) == 2
    threads.append(_start(fake, "cleo", _comparison("c"), results, errors))
    time.sleep(0.5)
    assert sorted(fake.running) == ["ana", "ben"]  # Cleo waits
    assert fake.texts["cleo"][-1] == cached.waiting_message()
    assert fake.texts["cleo"][-1] == (
        "Two analyses are running on this server; yours starts when one ends."
    )
    for thread in threads:
        thread.join(30)
    assert errors == {}
    assert results == {s: f"result for {s}" for s in ("ana", "ben", "cleo")}
    assert fake.peak == cached.MAX_RUNNING == 2
    assert "cleo" in fake.overlap[-1]  # Cleo ran, after a slot freed
    # Only the one that waited was told it waits; the others went straight to work.
    assert cached.waiting_message() not in fake.texts["ana"] + fake.texts["ben"]


def test_what_ifs_and_data_checks_take_the_same_slots(fake):
    results, errors = {}, {}
    what_ifs = lambda: cached.what_ifs("w", "y", "binary", 3, 1, 0, (), BUDGET, _frame=FRAME)  # noqa: E731
    drift = lambda: cached.drift_check(  # noqa: E731
        "t", "p", "t.csv", "p.csv", None, None, None, 0, BUDGET, _train=FRAME, _production=FRAME
    )
    threads = [
        _start(fake, "ana", _comparison("a"), results, errors),
        _start(fake, "ben", what_ifs, results, errors),
        _start(fake, "cleo", drift, results, errors),
    ]
    for thread in threads:
        thread.join(30)
    assert errors == {}
    assert sorted(fake.jobs) == ["comparison", "drift", "what-ifs"]
    assert fake.peak == 2
    assert sum(cached.waiting_message() in texts for texts in fake.texts.values()) == 1


def test_a_session_runs_one_analysis_at_a_time(fake):
    # A page rerun (a click while an analysis runs) starts a new script run beside the old
    # one: a second analysis of the same session stops the first before it starts.
    results, errors = {}, {}
    first = _start(fake, "ana", _comparison("first"), results, errors)
    time.sleep(0.5)
    second = _start(fake, "ana", _comparison("second"), results, errors)
    first.join(30)
    second.join(30)
    assert all(len(set(running)) == len(running) for running in fake.overlap)
    assert fake.peak == 1
    assert fake.cancelled == ["ana"]  # the first, stopped
    assert results == {"ana": "result for ana"}  # the second's
    assert isinstance(errors["ana"], worker.Cancelled)


def test_a_session_waiting_in_line_gives_way_to_its_newer_run(fake):
    results, errors = {}, {}
    threads = [
        _start(fake, "ana", _comparison("a"), results, errors),
        _start(fake, "ben", _comparison("b"), results, errors),
    ]
    time.sleep(0.3)
    threads.append(_start(fake, "cleo", _comparison("c1"), results, errors))
    time.sleep(0.3)
    threads.append(_start(fake, "cleo", _comparison("c2"), results, errors))
    for thread in threads:
        thread.join(30)
    assert fake.peak == 2
    assert isinstance(errors.get("cleo"), worker.Cancelled)  # c1 left the line
    assert results["cleo"] == "result for cleo"  # c2 ran
    assert fake.jobs.count("comparison") == 3  # c1 never reached a worker


def test_past_the_queue_time_a_run_is_refused(fake, monkeypatch):
    monkeypatch.setattr(cached, "QUEUE_SECONDS", 0.3)
    results, errors = {}, {}
    threads = [_start(fake, s, _comparison(s), results, errors) for s in ("ana", "ben")]
    time.sleep(0.3)
    threads.append(_start(fake, "cleo", _comparison("c"), results, errors))
    for thread in threads:
        thread.join(30)
    assert str(errors["cleo"]) == "The server is busy with other analyses; try again in a minute."
    assert set(results) == {"ana", "ben"}


def test_the_bundled_results_run_in_workers_one_slot_at_a_time(fake, monkeypatch):
    from components import writes
    from realitycheck.compare.datasets import BUNDLED

    stored = []

    class Store:
        def replace_bundled(self, results):
            stored.extend(results)
            return len(results)

    monkeypatch.setattr(cached, "get_store", lambda url: Store())
    fake.seconds = 0.05
    fake.sessions.name = "ana"
    assert writes.compute_bundled("sqlite://") == len(BUNDLED)
    assert fake.jobs == ["comparison"] * len(BUNDLED)  # each in a worker, none in-process
    assert fake.peak == 1  # one session: one at a time
    assert stored == ["result for ana"] * len(BUNDLED)
