"""Chart data from out-of-fold predictions: ROC and PR curves, calibration, residuals.

The curves are scikit-learn's (`roc_curve`, `precision_recall_curve`, `calibration_curve`); this
module only orders and thins them for drawing.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

MAX_POINTS = 400  # a curve drawn from more points looks the same and costs the browser more
CALIBRATION_BINS = 10


def _thin(*arrays: ArrayLike) -> list[list[float]]:
    """Keep at most MAX_POINTS evenly spaced points (the first and last always), rounded."""
    n = len(arrays[0])
    keep = np.unique(np.linspace(0, n - 1, min(n, MAX_POINTS)).astype(int)) if n else []
    return [np.asarray(a)[keep].round(5).tolist() for a in arrays]


def roc_points(y_true: ArrayLike, score: ArrayLike) -> dict[str, list[float]]:
    """False- and true-positive rates over the thresholds (binary; y_true in {0, 1})."""
    from sklearn.metrics import roc_curve

    fpr, tpr, _ = roc_curve(y_true, score)
    fpr, tpr = _thin(fpr, tpr)
    return {"fpr": fpr, "tpr": tpr}


def pr_points(y_true: ArrayLike, score: ArrayLike) -> dict[str, list[float]]:
    """Precision against recall over the thresholds, recall rising from 0 to 1 (binary)."""
    from sklearn.metrics import precision_recall_curve

    precision, recall, _ = precision_recall_curve(y_true, score)
    recall, precision = _thin(recall[::-1], precision[::-1])
    return {"recall": recall, "precision": precision}


def calibration_bins(
    y_true: ArrayLike, score: ArrayLike, bins: int = CALIBRATION_BINS
) -> dict[str, list[float]]:
    """Mean predicted probability against the observed rate, per quantile bin of the predictions."""
    from sklearn.calibration import calibration_curve

    observed, predicted = calibration_curve(y_true, score, n_bins=bins, strategy="quantile")
    return {"predicted": predicted.round(5).tolist(), "observed": observed.round(5).tolist()}


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
