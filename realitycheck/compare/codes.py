"""Whole-number columns that may be category codes: few levels the target does not follow in order."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

MIN_LEVELS = 3  # two levels are the same to a linear model as a number or as categories
MAX_LEVELS = 30
P_VALUE = 0.001  # lack-of-fit test: the levels' means are not on one straight line
SAMPLE = 4000
MAX_CLASSES = 10


def find_codes(
    X: pd.DataFrame, y: np.ndarray, task: str, columns: Sequence[str], seed: int
) -> dict[str, str]:
    """Numeric columns that behave like category codes, each with the reason in words.

    A column qualifies when it holds 3 to 30 distinct whole numbers and the target's mean per
    level departs from the best straight line through them (lack-of-fit F-test, p < 0.001):
    as a number the linear baseline can use only that straight line, as categories every level.
    """
    idx = np.random.default_rng(seed).permutation(len(y))[:SAMPLE]
    targets = _target_columns(y[idx], task)
    found = {}
    for col in columns:
        values = X[col].to_numpy(dtype="float64")[idx]
        present = ~np.isnan(values)
        values = values[present]
        levels = np.unique(values)
        if not MIN_LEVELS <= levels.size <= MAX_LEVELS or np.any(np.mod(levels, 1) != 0):
            continue
        p = min(lack_of_fit_p(values, t[present]) for t in targets)
        if p < P_VALUE:
            found[col] = (
                f"{levels.size} whole-number values ({levels.min():g} to {levels.max():g}) that "
                f"the target does not follow in order (lack-of-fit p = {p:.1g}): if they are "
                "codes for categories, mark the column as a category."
            )
    return found


def lack_of_fit_p(x: np.ndarray, y: np.ndarray) -> float:
    """p-value that the means of y per value of x depart from one straight line in x."""
    from scipy import stats as sps

    levels, inverse, counts = np.unique(x, return_inverse=True, return_counts=True)
    n, k = len(y), len(levels)
    total = float(np.sum((y - y.mean()) ** 2))
    if k < MIN_LEVELS or n <= k or total == 0:
        return 1.0
    means = np.bincount(inverse, weights=y) / counts
    between = float(np.sum(counts * (means - y.mean()) ** 2))
    within = total - between
    linear = float(np.corrcoef(x, y)[0, 1] ** 2 * total) if x.std() > 0 else 0.0
    if within <= 0:
        return 0.0 if between - linear > 0 else 1.0
    f = ((between - linear) / (k - 2)) / (within / (n - k))
    return float(sps.f.sf(f, k - 2, n - k))


def _target_columns(y: np.ndarray, task: str) -> list[np.ndarray]:
    """The target as numbers: itself, the positive class, or one column per (common) class."""
    if task != "multiclass":
        return [y.astype("float64")]
    common = np.argsort(np.bincount(y))[::-1][:MAX_CLASSES]
    return [(y == k).astype("float64") for k in common]
