"""Comparisons, what-ifs and data-reality checks run in a worker process within a budget."""

import threading
import time

import numpy as np
import pandas as pd
import pytest

from realitycheck.compare.run import run_comparison
from realitycheck.compare.whatif import run_what_ifs
from realitycheck.compare.worker import BudgetError, Cancelled, run_job, run_with_budget
from realitycheck.drift.result import DriftResult

OPTIONS = {"target": "y", "folds": 3, "repeats": 1, "seed": 0}
WHAT_IFS = {"folds": 3, "repeats": 1, "seed": 0, "fractions": (0.5, 1.0), "rates": (0.0, 0.2)}


@pytest.fixture(scope="module")
def frame():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 4))
    return pd.DataFrame(x, columns=list("abcd")).assign(y=(x[:, 0] + x[:, 1] > 0).astype(int))


def _shifted(frame: pd.DataFrame, times: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    big = pd.concat([frame] * times, ignore_index=True)
    return big, big.assign(a=big["a"] + 1.0)


def test_worker_gives_the_same_result_as_running_in_process(frame):
    seen = []
    result = run_with_budget(frame, on_progress=lambda *p: seen.append(p), **OPTIONS)
    here = run_comparison(frame, **OPTIONS)
    assert result.verdict == here.verdict
    assert result.difference["folds"] == here.difference["folds"]
    assert seen
    assert seen[-1][0] == seen[-1][1]  # progress reached its total


def test_past_the_memory_budget_the_worker_is_stopped(frame):
    big = pd.concat([frame] * 2000, ignore_index=True)  # 800,000 rows
    with pytest.raises(BudgetError, match="more than 64 MB of memory"):
        run_with_budget(big, memory_mb=64, **OPTIONS)


def test_past_the_time_budget_the_worker_is_stopped(frame):
    big = pd.concat([frame] * 200, ignore_index=True)
    with pytest.raises(BudgetError, match="longer than 1 s"):
        run_with_budget(big, seconds=1, **{**OPTIONS, "folds": 10, "repeats": 5})


def test_a_bad_target_is_the_engine_message(frame):
    with pytest.raises(ValueError, match="nope"):
        run_with_budget(frame, **{**OPTIONS, "target": "nope"})


# --- what-ifs and data-reality checks: the same worker, the same budget --------------------


def test_what_ifs_in_a_worker_equal_the_in_process_ones(frame):
    seen = []
    out = run_job("what-ifs", frame, "y", on_progress=lambda *p: seen.append(p), **WHAT_IFS)
    assert out == run_what_ifs(frame, "y", **WHAT_IFS)
    assert seen[-1][0] == seen[-1][1]


def test_a_data_reality_check_in_a_worker_arrives_with_its_progress(frame):
    seen = []
    train, production = _shifted(frame, 1)
    result = run_job(
        "drift", train, production, target="y", folds=3, on_progress=lambda *p: seen.append(p)
    )
    assert isinstance(result, DriftResult)
    assert result.verdict == "Shifted"
    assert result.features[0]["name"] == "a"
    assert seen[-1][0] == seen[-1][1]


@pytest.mark.parametrize(
    ("job", "args", "options", "message"),
    [
        ("what-ifs", ("y",), WHAT_IFS, "The what-ifs needed more than 64 MB of memory and were "
                                       "stopped. Use fewer rows or columns."),
        ("drift", (), {"folds": 3}, "The data-reality check needed more than 64 MB of memory and "
                                    "was stopped. Use smaller samples or fewer columns."),
    ],
    ids=["what-ifs", "drift"],
)  # fmt: skip
def test_past_the_memory_budget_each_job_gets_one_line(frame, job, args, options, message):
    big, other = _shifted(frame, 500)  # 200,000 rows
    first = (big, *args) if job == "what-ifs" else (big, other)
    with pytest.raises(BudgetError) as caught:
        run_job(job, *first, memory_mb=64, **options)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("job", "message"),
    [
        ("what-ifs", "The what-ifs took longer than 1 s and were stopped. "
                     "Use fewer rows, folds or repeats."),
        ("drift", "The data-reality check took longer than 1 s and was stopped. "
                  "Use smaller samples or fewer columns, or check without a target."),
    ],
    ids=["what-ifs", "drift"],
)  # fmt: skip
def test_past_the_time_budget_each_job_gets_one_line(frame, job, message):
    big, other = _shifted(frame, 100)  # 40,000 rows
    args = (big, "y") if job == "what-ifs" else (big, other)
    options = {"folds": 10, "repeats": 3} if job == "what-ifs" else {"target": "y", "folds": 10}
    started = time.monotonic()
    with pytest.raises(BudgetError) as caught:
        run_job(job, *args, seconds=1, **options)
    assert str(caught.value) == message
    assert time.monotonic() - started < 15  # stopped at the deadline, not at the end


def test_a_cancelled_run_stops_its_worker(frame):
    big = pd.concat([frame] * 200, ignore_index=True)
    cancel = threading.Event()
    threading.Timer(1.0, cancel.set).start()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        run_job("comparison", big, cancel=cancel, **{**OPTIONS, "folds": 10, "repeats": 5})
    assert time.monotonic() - started < 10


def test_only_the_listed_engine_functions_run(frame):
    with pytest.raises(ValueError, match="Unknown job 'os.system'"):
        run_job("os.system", "true")
