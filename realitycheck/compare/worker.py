"""Heavy analyses in their own process, within a memory and a time budget, a few at a time.

A hosted app runs comparisons, what-ifs and data-reality checks for several people at once:
one huge or slow upload must not starve the others. Each run is one of a fixed list of engine
functions (`JOBS`; a caller names one, never a module or function of its own), in a worker
process with an address-space limit (RLIMIT_AS); the caller gets a deadline. Past either, the
worker is killed and the caller gets a one-line `BudgetError`. Workers fork from a server that
has the engines (scikit-learn, XGBoost) imported already, so a run pays no import time, and the
app's own process never imports them. Arguments and results travel only between our own
processes. `Slots` lets at most a few runs go at once, and one per owner (a browser session).
"""

from __future__ import annotations

import multiprocessing
import resource
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from realitycheck.compare.result import ComparisonResult

DEFAULT_SECONDS = 300
DEFAULT_MEMORY_MB = 3072
_POLL_SECONDS = 0.25

ProgressCallback = Callable[[int, int, str], None]


class BudgetError(ValueError):
    """A run that went past its memory or time budget, whose worker died, or that was refused."""


class Cancelled(BudgetError):
    """A run stopped because its owner started another one."""


def _comparison() -> Callable[..., Any]:
    from realitycheck.compare.run import run_comparison

    return run_comparison


def _what_ifs() -> Callable[..., Any]:
    from realitycheck.compare.whatif import run_what_ifs

    return run_what_ifs


def _drift() -> Callable[..., Any]:
    from realitycheck.drift.run import run_drift

    return run_drift


@dataclass(frozen=True)
class Job:
    """One engine function a worker may run, and how its budget messages name it."""

    load: Callable[[], Callable[..., Any]]  # imports the engine (in the worker) and returns it
    subject: str  # "The comparison": the start of its budget messages
    stopped: str  # "was stopped" / "were stopped"
    smaller: str  # what to make smaller when it runs out of memory
    faster: str  # and when it runs out of time


# The only functions a worker runs: callers name one of these keys.
JOBS: dict[str, Job] = {
    "comparison": Job(
        _comparison,
        "The comparison",
        "was stopped",
        "Use fewer rows or columns.",
        "Use fewer rows, folds or repeats.",
    ),
    "what-ifs": Job(
        _what_ifs,
        "The what-ifs",
        "were stopped",
        "Use fewer rows or columns.",
        "Use fewer rows, folds or repeats.",
    ),
    "drift": Job(
        _drift,
        "The data-reality check",
        "was stopped",
        "Use smaller samples or fewer columns.",
        "Use smaller samples or fewer columns, or check without a target.",
    ),
}
PRELOAD = ["realitycheck.compare.run", "realitycheck.compare.whatif", "realitycheck.drift.run"]


def _context() -> multiprocessing.context.BaseContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


def _work(conn: Connection, memory_mb: int, job: str, args: tuple, options: dict[str, Any]) -> None:
    """The worker: limit memory, run the job, send progress messages and then the result."""
    limit = memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    def progress(done: int, total: int, message: str) -> None:
        conn.send(("progress", (done, total, message)))

    try:
        result = JOBS[job].load()(*args, on_progress=progress, **options)
        conn.send(("done", result))  # our own object, between our own processes
    except MemoryError:
        conn.send(("memory", None))
    except ValueError as exc:  # DatasetError and bad settings: the user's message
        conn.send(("error", str(exc)))


def run_job(
    job: str,
    *args: object,
    seconds: float = DEFAULT_SECONDS,
    memory_mb: int = DEFAULT_MEMORY_MB,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    **options: object,
) -> Any:  # noqa: ANN401 - the job's own result type
    """`JOBS[job]`'s function called with `(*args, **options)` in a worker, within the budget.

    Progress is relayed to `on_progress`; setting `cancel` stops the worker (`Cancelled`).
    """
    if job not in JOBS:
        raise ValueError(f"Unknown job {job!r}: one of {', '.join(JOBS)}.")
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(
        target=_work, args=(sender, memory_mb, job, args, options), daemon=True
    )
    worker.start()
    sender.close()
    budget = _Budget(JOBS[job], time.monotonic() + seconds, seconds, memory_mb)
    try:
        return _wait(receiver, budget, on_progress, cancel)
    finally:
        if worker.is_alive():
            worker.kill()
        worker.join(5)
        receiver.close()


def run_with_budget(
    frame: pd.DataFrame,
    *,
    seconds: float = DEFAULT_SECONDS,
    memory_mb: int = DEFAULT_MEMORY_MB,
    on_progress: ProgressCallback | None = None,
    **options: object,
) -> ComparisonResult:
    """`run_comparison(frame, **options)` in a worker process, within the budget."""
    return run_job(
        "comparison", frame, seconds=seconds, memory_mb=memory_mb, on_progress=on_progress,
        **options,
    )  # fmt: skip


@dataclass(frozen=True)
class _Budget:
    job: Job
    deadline: float
    seconds: float
    memory_mb: int

    def out_of_memory(self) -> BudgetError:
        return BudgetError(
            f"{self.job.subject} needed more than {self.memory_mb:,} MB of memory and "
            f"{self.job.stopped}. {self.job.smaller}"
        )

    def out_of_time(self) -> BudgetError:
        return BudgetError(
            f"{self.job.subject} took longer than {self.seconds:,.0f} s and "
            f"{self.job.stopped}. {self.job.faster}"
        )


def _wait(
    receiver: Connection,
    budget: _Budget,
    on_progress: ProgressCallback | None,
    cancel: threading.Event | None,
) -> Any:  # noqa: ANN401 - the job's own result type
    """Relay progress until the result arrives, the deadline passes, the worker dies or stops."""
    while (left := budget.deadline - time.monotonic()) > 0:
        if cancel is not None and cancel.is_set():
            raise Cancelled(f"{budget.job.subject} {budget.job.stopped}: a newer run replaced it.")
        if not receiver.poll(min(left, _POLL_SECONDS)):
            continue
        try:
            kind, payload = receiver.recv()
        except EOFError:  # the worker died without a word: the kernel killed it, or a crash
            raise budget.out_of_memory() from None
        if kind == "progress" and on_progress is not None:
            on_progress(*payload)
        elif kind == "done":
            return payload
        elif kind == "memory":
            raise budget.out_of_memory()
        elif kind == "error":
            raise ValueError(payload)
    raise budget.out_of_time()


class Slots:
    """At most `size` runs at once, and one per owner: an owner's newer run stops its older one.

    An owner is whoever sees the result (a browser session): once it starts another run, the
    older one's result has no one to go to, so it is cancelled and its slot freed.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._free = threading.BoundedSemaphore(size)
        self._lock = threading.Lock()
        self._owners: dict[object, tuple[threading.Event, threading.Event]] = {}

    @contextmanager
    def take(
        self, owner: object, timeout: float, on_wait: Callable[[], None]
    ) -> Iterator[threading.Event]:
        """Hold a slot while the block runs; yields the run's cancel flag (set: stop it).

        Calls `on_wait` first when every slot is taken; past `timeout` seconds of waiting the
        run is refused with a `BudgetError`. `owner` None: a run of no one in particular.
        """
        cancel, done = threading.Event(), threading.Event()
        previous = self._claim(owner, (cancel, done))
        try:
            deadline = time.monotonic() + timeout
            if previous is not None:  # its worker stops within a poll; then this one goes
                previous[0].set()
                if not previous[1].wait(timeout):
                    raise BudgetError("Your previous run is still stopping; try again in a moment.")
            if not self._free.acquire(blocking=False):
                on_wait()
                self._acquire(deadline, cancel)
            try:
                yield cancel
            finally:
                self._free.release()
        finally:
            done.set()
            with self._lock:
                if owner is not None and self._owners.get(owner) == (cancel, done):
                    del self._owners[owner]

    def _claim(
        self, owner: object, mine: tuple[threading.Event, threading.Event]
    ) -> tuple[threading.Event, threading.Event] | None:
        if owner is None:
            return None
        with self._lock:
            previous = self._owners.get(owner)
            self._owners[owner] = mine
        return previous

    def _acquire(self, deadline: float, cancel: threading.Event) -> None:
        while not self._free.acquire(timeout=_POLL_SECONDS):
            if cancel.is_set():
                raise Cancelled("A newer run replaced this one while it waited.")
            if time.monotonic() > deadline:
                raise BudgetError("The server is busy with other analyses; try again in a minute.")
