"""What a fitted model costs: prediction latency, serialized size and number of parameters."""

from __future__ import annotations

import pickle
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

# A small sample of calls keeps the measurement cheap next to the fits (a scikit-learn
# ColumnTransformer costs ~30 ms per call whatever the row count); p95 of 12 calls is rough.
ONE_ROW_CALLS = 12
BATCH_CALLS = 3
BATCH_ROWS = 1000


def measure_latency(model: Pipeline, X: pd.DataFrame, task: str, seed: int = 0) -> dict[str, float]:
    """p50/p95 milliseconds to predict one row and 1,000 rows (inputs sliced before timing)."""
    rng = np.random.default_rng(seed)
    predict = model.predict if task == "regression" else model.predict_proba
    singles = [X.iloc[[i]] for i in rng.integers(0, len(X), ONE_ROW_CALLS)]
    batch = X.iloc[np.resize(rng.permutation(len(X)), BATCH_ROWS)]
    predict(singles[0])  # warm-up: first calls pay for lazy set-up
    one = _timed_calls(predict, singles)
    many = _timed_calls(predict, [batch] * BATCH_CALLS)
    return {
        "predict_ms_p50_1row": float(np.percentile(one, 50)),
        "predict_ms_p95_1row": float(np.percentile(one, 95)),
        "predict_ms_per_1000": float(np.percentile(many, 50)),
        "predict_ms_p95_per_1000": float(np.percentile(many, 95)),
    }


def _timed_calls(predict: Callable, inputs: list[pd.DataFrame]) -> np.ndarray:
    times = []
    for frame in inputs:
        start = time.perf_counter()
        predict(frame)
        times.append((time.perf_counter() - start) * 1000.0)
    return np.asarray(times)


def serialized_size(model: Pipeline) -> int:
    """Bytes of the fitted pipeline pickled in memory (our own object; never unpickle uploads)."""
    return len(pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL))


def count_parameters(model: Pipeline) -> int:
    """Learned numbers: coefficients + intercepts, tree nodes, or the dummy's constants."""
    final = model[-1]
    if hasattr(final, "get_booster"):
        dump = final.get_booster().get_dump()
        return sum(1 for tree in dump for line in tree.splitlines() if line.strip())
    if hasattr(final, "coef_"):
        return int(np.size(final.coef_) + np.size(final.intercept_))
    if hasattr(final, "class_prior_"):
        return int(np.size(final.class_prior_))
    return int(np.size(getattr(final, "constant_", 1)))
