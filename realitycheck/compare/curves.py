"""Chart data from out-of-fold predictions: ROC and PR curves, calibration, residuals."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

MAX_POINTS = 400  # a curve drawn from more points looks the same and costs the browser more


def _thin(*arrays: ArrayLike) -> list[list[float]]:
    n = len(arrays[0])
    keep = np.unique(np.linspace(0, n - 1, min(n, MAX_POINTS)).astype(int)) if n else []
    return [np.asarray(a)[keep].round(5).tolist() for a in arrays]


def _counts(y_true: ArrayLike, score: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """True positives and all positives predicted, at each distinct threshold, high to low."""
    y, s = np.asarray(y_true), np.asarray(score, dtype=float)
    order = np.argsort(-s, kind="mergesort")
    y, s = y[order], s[order]
    distinct = np.r_[np.flatnonzero(np.diff(s)), len(s) - 1]
    return np.cumsum(y)[distinct], 1 + distinct


def roc_points(y_true: ArrayLike, score: ArrayLike) -> dict[str, list[float]]:
    """False- and true-positive rates over every threshold (binary; y_true in {0, 1})."""
    tps, predicted = _counts(y_true, score)
    fps = predicted - tps
    tpr = np.r_[0, tps / max(tps[-1], 1)]
    fpr = np.r_[0, fps / max(fps[-1], 1)]
    fpr, tpr = _thin(fpr, tpr)
    return {"fpr": fpr, "tpr": tpr}


def pr_points(y_true: ArrayLike, score: ArrayLike) -> dict[str, list[float]]:
    """Precision and recall over every threshold (binary)."""
    tps, predicted = _counts(y_true, score)
    recall = tps / max(tps[-1], 1)
    precision = tps / predicted
    recall, precision = _thin(np.r_[0, recall], np.r_[1, precision])
    return {"recall": recall, "precision": precision}


def calibration_bins(y_true: ArrayLike, score: ArrayLike, bins: int = 10) -> dict[str, list[float]]:
    """Mean predicted probability against the observed rate, in equal-count bins."""
    y, s = np.asarray(y_true, dtype=float), np.asarray(score, dtype=float)
    order = np.argsort(s, kind="mergesort")
    groups = [g for g in np.array_split(order, min(bins, len(s))) if len(g)]
    return {
        "predicted": [round(float(s[g].mean()), 5) for g in groups],
        "observed": [round(float(y[g].mean()), 5) for g in groups],
        "count": [int(len(g)) for g in groups],
    }


def residual_points(y_true: ArrayLike, predicted: ArrayLike) -> dict[str, list[float]]:
    """Actual, predicted and residual (actual - predicted), thinned for plotting."""
    y, p = np.asarray(y_true, dtype=float), np.asarray(predicted, dtype=float)
    order = np.argsort(p, kind="mergesort")
    actual, pred = _thin(y[order], p[order])
    return {
        "actual": actual,
        "predicted": pred,
        "residual": (np.subtract(actual, pred)).round(5).tolist(),
    }
