"""Per-fold metrics for each task, all computed from one prediction (probabilities or values)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pandas as pd
    from sklearn.pipeline import Pipeline

PRIMARY_METRIC = {"binary": "roc_auc", "multiclass": "roc_auc_ovr", "regression": "rmse"}
METRICS = {
    "binary": ("roc_auc", "pr_auc", "log_loss", "brier", "accuracy", "balanced_accuracy", "f1"),
    "multiclass": ("roc_auc_ovr", "log_loss", "accuracy", "f1_macro"),
    "regression": ("rmse", "mae", "r2"),
}
METRIC_LABELS = {
    "roc_auc": "ROC AUC",
    "pr_auc": "PR AUC",
    "log_loss": "log loss",
    "brier": "Brier score",
    "accuracy": "accuracy",
    "balanced_accuracy": "balanced accuracy",
    "f1": "F1",
    "roc_auc_ovr": "macro OvR ROC AUC",
    "f1_macro": "macro F1",
    "rmse": "RMSE",
    "mae": "MAE",
    "r2": "R²",
}
LOWER_IS_BETTER = frozenset({"log_loss", "brier", "rmse", "mae"})


def predict_for_scoring(model: Pipeline, X: pd.DataFrame, task: str) -> np.ndarray:
    """One prediction per row: class probabilities (n, k) for classes, values (n,) otherwise."""
    if task == "regression":
        return np.asarray(model.predict(X), dtype="float64")
    proba = np.asarray(model.predict_proba(X), dtype="float64")
    return proba / proba.sum(axis=1, keepdims=True)  # float32 outputs can miss 1 by ~1e-7


def score(task: str, y_true: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    """All metrics of the task for one fold, from the output of predict_for_scoring.

    Plain NumPy formulas, equal to scikit-learn's metric functions (a test checks it) without
    their input validation, which cost more than fitting a small fold.
    """
    if task == "binary":
        return _binary(y_true, pred)
    if task == "multiclass":
        return _multiclass(y_true, pred)
    return _regression(y_true, pred)


def _binary(y: np.ndarray, proba: np.ndarray) -> dict[str, float]:
    p = proba[:, 1]
    label = (p >= 0.5).astype(np.int64)
    return {
        "roc_auc": _roc_auc(y == 1, p),
        "pr_auc": _average_precision(y == 1, p),
        "log_loss": _log_loss(y, proba),
        "brier": float(np.mean((p - y) ** 2)),
        "accuracy": float(np.mean(label == y)),
        "balanced_accuracy": _balanced_accuracy(y, label),
        "f1": _f1(y == 1, label == 1),
    }


def _multiclass(y: np.ndarray, proba: np.ndarray) -> dict[str, float]:
    classes = range(proba.shape[1])
    label = proba.argmax(axis=1)
    return {
        "roc_auc_ovr": float(np.mean([_roc_auc(y == k, proba[:, k]) for k in classes])),
        "log_loss": _log_loss(y, proba),
        "accuracy": float(np.mean(label == y)),
        "f1_macro": float(np.mean([_f1(y == k, label == k) for k in classes])),
    }


def _regression(y: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    error = y - pred
    sse, sst = float(np.sum(error**2)), float(np.sum((y - y.mean()) ** 2))
    r2 = 1.0 - sse / sst if sst > 0 else (1.0 if sse == 0 else 0.0)
    return {
        "rmse": float(np.sqrt(np.mean(error**2))),
        "mae": float(np.mean(np.abs(error))),
        "r2": r2,
    }


def _average_ranks(x: np.ndarray) -> np.ndarray:
    """1-based ranks, ties sharing their average rank."""
    order = np.argsort(x, kind="mergesort")
    xs = x[order]
    starts = np.flatnonzero(np.r_[True, xs[1:] != xs[:-1]])
    ends = np.r_[starts[1:], len(x)]
    group = np.cumsum(np.r_[True, xs[1:] != xs[:-1]]) - 1
    ranks = np.empty(len(x))
    ranks[order] = ((starts + 1 + ends) / 2.0)[group]
    return ranks


def _roc_auc(positive: np.ndarray, score_: np.ndarray) -> float:
    """Area under the ROC curve (Mann-Whitney U / (n_pos * n_neg), ties count one half)."""
    n_pos = int(positive.sum())
    n_neg = len(positive) - n_pos
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    u = _average_ranks(score_)[positive].sum() - n_pos * (n_pos + 1) / 2.0
    return float(u / (n_pos * n_neg))


def _average_precision(positive: np.ndarray, score_: np.ndarray) -> float:
    """Step-wise area under the precision-recall curve, as scikit-learn computes it."""
    order = np.argsort(-score_, kind="mergesort")
    ys, ss = positive[order], score_[order]
    last = np.r_[np.flatnonzero(ss[1:] != ss[:-1]), len(ss) - 1]  # end of each tie group
    tps = np.cumsum(ys)[last]
    if tps[-1] == 0:
        return 0.0
    precision = tps / (last + 1)
    recall = tps / tps[-1]
    return float(np.sum(np.diff(np.r_[0.0, recall]) * precision))


def _log_loss(y: np.ndarray, proba: np.ndarray) -> float:
    eps = np.finfo(proba.dtype).eps
    p_true = np.clip(proba[np.arange(len(y)), y], eps, 1 - eps)
    return float(-np.mean(np.log(p_true)))


def _balanced_accuracy(y: np.ndarray, label: np.ndarray) -> float:
    return float(np.mean([np.mean(label[y == k] == k) for k in np.unique(y)]))


def _f1(actual: np.ndarray, predicted: np.ndarray) -> float:
    tp = int(np.sum(actual & predicted))
    denominator = int(actual.sum() + predicted.sum())
    return 2.0 * tp / denominator if denominator else 0.0


def sklearn_scoring(task: str) -> dict[str, str]:
    """The same metrics as scikit-learn scorer names (for cross_validate in the benchmark)."""
    names = {
        "roc_auc": "roc_auc",
        "pr_auc": "average_precision",
        "log_loss": "neg_log_loss",
        "brier": "neg_brier_score",
        "accuracy": "accuracy",
        "balanced_accuracy": "balanced_accuracy",
        "f1": "f1",
        "roc_auc_ovr": "roc_auc_ovr",
        "f1_macro": "f1_macro",
        "rmse": "neg_root_mean_squared_error",
        "mae": "neg_mean_absolute_error",
        "r2": "r2",
    }
    return {metric: names[metric] for metric in METRICS[task]}
