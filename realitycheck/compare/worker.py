"""A comparison in its own process, within a memory and a time budget.

A hosted app runs comparisons for several people at once: one huge or slow upload must not
starve the others. The worker gets an address-space limit (RLIMIT_AS) and the caller a
deadline; past either, the worker is killed and the caller gets a one-line `BudgetError`.
Workers fork from a server that has scikit-learn and XGBoost imported already, so a run
pays no import time, and the app's own process never imports them.
"""

from __future__ import annotations

import multiprocessing
import resource
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from realitycheck.compare.result import ComparisonResult

DEFAULT_SECONDS = 300
DEFAULT_MEMORY_MB = 3072
_POLL_SECONDS = 0.25


class BudgetError(ValueError):
    """A comparison that went past its memory or time budget, or whose worker died."""


def _context() -> multiprocessing.context.BaseContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["realitycheck.compare.run"])
    return context


def _work(conn: Connection, memory_mb: int, frame: pd.DataFrame, options: dict) -> None:
    """The worker: limit memory, run, send progress messages and then the result."""
    limit = memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from realitycheck.compare.run import run_comparison

    def progress(done: int, total: int, message: str) -> None:
        conn.send(("progress", (done, total, message)))

    try:
        result = run_comparison(frame, on_progress=progress, **options)
        conn.send(("done", result))  # our own object, between our own processes
    except MemoryError:
        conn.send(("memory", None))
    except ValueError as exc:  # DatasetError and bad settings: the user's message
        conn.send(("error", str(exc)))


def run_with_budget(
    frame: pd.DataFrame,
    *,
    seconds: float = DEFAULT_SECONDS,
    memory_mb: int = DEFAULT_MEMORY_MB,
    on_progress: Callable[[int, int, str], None] | None = None,
    **options: object,
) -> ComparisonResult:
    """`run_comparison(frame, **options)` in a worker process, within the budget."""
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(target=_work, args=(sender, memory_mb, frame, options), daemon=True)
    worker.start()
    sender.close()
    try:
        return _wait(worker, receiver, time.monotonic() + seconds, seconds, memory_mb, on_progress)
    finally:
        if worker.is_alive():
            worker.kill()
        worker.join(5)
        receiver.close()


def _wait(
    worker: multiprocessing.process.BaseProcess,
    receiver: Connection,
    deadline: float,
    seconds: float,
    memory_mb: int,
    on_progress: Callable[[int, int, str], None] | None,
) -> ComparisonResult:
    """Relay progress until the result arrives, the deadline passes or the worker dies."""
    out_of_memory = BudgetError(
        f"The comparison needed more than {memory_mb:,} MB of memory and was stopped. "
        "Use fewer rows or columns."
    )
    while (left := deadline - time.monotonic()) > 0:
        if not receiver.poll(min(left, _POLL_SECONDS)):
            continue
        try:
            kind, payload = receiver.recv()
        except EOFError:  # the worker died without a word: the kernel killed it, or a crash
            raise out_of_memory from None
        if kind == "progress" and on_progress is not None:
            on_progress(*payload)
        elif kind == "done":
            return payload
        elif kind == "memory":
            raise out_of_memory
        elif kind == "error":
            raise ValueError(payload)
    raise BudgetError(
        f"The comparison took longer than {seconds:,.0f} s and was stopped. "
        "Use fewer rows, folds or repeats."
    )
