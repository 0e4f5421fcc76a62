"""A comparison runs in a worker process within a memory and time budget."""

import numpy as np
import pandas as pd
import pytest

from realitycheck.compare.run import run_comparison
from realitycheck.compare.worker import BudgetError, run_with_budget

OPTIONS = {"target": "y", "folds": 3, "repeats": 1, "seed": 0}


@pytest.fixture(scope="module")
def frame():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 4))
    return pd.DataFrame(x, columns=list("abcd")).assign(y=(x[:, 0] + x[:, 1] > 0).astype(int))


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
