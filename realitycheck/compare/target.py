"""The prediction target: its task (binary / multiclass / regression), its encoding, and leak checks."""

from __future__ import annotations

import numpy as np
import pandas as pd

from realitycheck.compare.datasets import DatasetError
from realitycheck.compare.settings import TASKS

MAX_CLASSES = 50
MAX_INTEGER_CLASSES = 10  # whole-number targets with at most this many values are classes
LEAK_SAMPLE = 4000
LEAK_SCORE = 0.98  # one feature alone: balanced accuracy or R^2 on held-out rows
LEAK_RANK_CORR = 0.995  # regression: |Spearman| of one numeric feature with the target


def target_values(column: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """The target as numbers when it holds only numbers, and the mask of missing/infinite rows."""
    values = column
    if pd.api.types.is_bool_dtype(values):
        values = values.astype("float64")
    elif not pd.api.types.is_numeric_dtype(values):
        head = values.dropna().iloc[:100]
        numbers = pd.to_numeric(head, errors="coerce")  # cheap look before parsing every row
        if numbers.notna().all():
            numbers = pd.to_numeric(values, errors="coerce")
            if numbers.notna().sum() == values.notna().sum():
                values = numbers
    if pd.api.types.is_numeric_dtype(values):
        values = values.astype("float64")
        missing = ~np.isfinite(values.to_numpy())
    else:
        missing = values.isna().to_numpy()
    return values, missing


def detect_task(y: pd.Series) -> str:
    """Guess the task from the target's values: two values, few whole numbers, or numbers."""
    present = y.dropna()
    n_unique = present.nunique()
    if n_unique == 2:
        return "binary"
    if pd.api.types.is_numeric_dtype(present):
        whole = bool(np.all(np.mod(present.to_numpy(dtype="float64"), 1) == 0))
        return "multiclass" if whole and n_unique <= MAX_INTEGER_CLASSES else "regression"
    return "multiclass"


def resolve_task(y: pd.Series, requested: str, target: str) -> str:
    """The task to run: the detected one for "auto", else the requested one if the target fits."""
    if requested != "auto" and requested not in TASKS:
        raise ValueError(f"Unknown task {requested!r}; choose auto or one of {', '.join(TASKS)}.")
    n_unique = y.nunique()
    if n_unique <= 1:
        raise DatasetError(
            f"The target {target!r} is constant ({_label(y.iloc[0])}): nothing to predict."
        )
    task = detect_task(y) if requested == "auto" else requested
    numeric = pd.api.types.is_numeric_dtype(y)
    if task == "regression" and not numeric:
        raise DatasetError(
            f"The target {target!r} holds text, so it cannot be a regression target."
        )
    if task == "binary" and n_unique != 2:
        raise DatasetError(f"Binary needs two classes; the target {target!r} has {n_unique:,}.")
    if task == "multiclass" and n_unique == 2:
        raise DatasetError(f"The target {target!r} has two classes: choose binary.")
    if task == "multiclass" and n_unique > MAX_CLASSES:
        hint = " Is it a regression target?" if numeric else ""
        raise DatasetError(
            f"The target {target!r} has {n_unique:,} classes; the limit is {MAX_CLASSES}.{hint}"
        )
    return task


def encode_target(
    y: pd.Series, task: str, folds: int, target: str
) -> tuple[np.ndarray, list[str], str | None]:
    """Encode the target: floats for regression, class codes (positive class = 1) otherwise."""
    if task == "regression":
        return y.to_numpy(dtype="float64"), [], None
    counts = y.value_counts()
    small = counts[counts < folds]
    if len(small):
        listed = ", ".join(f"'{_label(k)}' ({v} rows)" for k, v in small.items())
        raise DatasetError(
            f"Too few rows for {folds} folds in {target!r}: class {listed}. Use fewer folds, "
            "or merge or drop the class."
        )
    order = sorted(counts.index, key=_sort_key)
    positive = None
    if task == "binary":
        # The rarer class is the positive one (ties: the larger label), as PR AUC and F1 expect.
        rare = min(order, key=lambda v: (counts[v], -order.index(v)))
        order = [v for v in order if v != rare] + [rare]
        positive = _label(rare)
    codes = pd.Categorical(y, categories=order).codes.astype(np.int64)
    return codes, [_label(v) for v in order], positive


def sample_rows(y: np.ndarray, task: str, max_rows: int, seed: int) -> np.ndarray:
    """Sorted row positions to use: all of them, or a seeded sample (stratified for classes)."""
    n = len(y)
    if n <= max_rows:
        return np.arange(n)
    from sklearn.model_selection import train_test_split

    stratify = None if task == "regression" else y
    keep, _ = train_test_split(
        np.arange(n), train_size=max_rows, stratify=stratify, random_state=seed
    )
    return np.sort(keep)


def find_leaks(X: pd.DataFrame, y: np.ndarray, task: str, seed: int) -> dict[str, str]:
    """Features that alone predict the target almost perfectly on held-out rows: name -> reason."""
    idx = np.random.default_rng(seed).permutation(len(y))[:LEAK_SAMPLE]
    half = len(idx) // 2
    n_bins = int(max(2, min(50, half // 10)))
    leaks = {}
    for col in X.columns:
        values = X[col].iloc[idx]
        reason = _leak_reason(values, _bin_codes(values, n_bins), y[idx], half, task)
        if reason:
            leaks[col] = reason
    return leaks


def _leak_reason(
    values: pd.Series, codes: np.ndarray, y: np.ndarray, half: int, task: str
) -> str | None:
    """Why one feature looks like a leak (learned on the first half, scored on the second)."""
    fit, held = slice(None, half), slice(half, None)
    if task != "regression":
        score = _binned_balanced_accuracy(codes[fit], y[fit], codes[held], y[held])
        if score >= LEAK_SCORE:
            return f"target leak suspect: alone it reaches {score:.3f} balanced accuracy"
        return None
    if pd.api.types.is_numeric_dtype(values):
        corr = _rank_corr(values.to_numpy(dtype="float64"), y)
        if abs(corr) >= LEAK_RANK_CORR:
            return f"target leak suspect: rank correlation {corr:+.3f} with the target"
    score = _binned_r2(codes[fit], y[fit], codes[held], y[held])
    if score >= LEAK_SCORE:
        return f"target leak suspect: alone it explains R2 = {score:.3f} of the target"
    return None


def _rank_corr(x: np.ndarray, y: np.ndarray) -> float:
    """Spearman correlation over the rows where x is present (0 when either is constant)."""
    keep = ~np.isnan(x)
    rx, ry = pd.Series(x[keep]).rank().to_numpy(), pd.Series(y[keep]).rank().to_numpy()
    if keep.sum() < 3 or rx.std() == 0 or ry.std() == 0:
        return 0.0
    return float(np.corrcoef(rx, ry)[0, 1])


def _bin_codes(values: pd.Series, n_bins: int) -> np.ndarray:
    """Small non-negative integer codes: quantile bins for numbers, levels for categories."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = values.cat.codes.to_numpy().astype(np.int64)
        return np.where(codes < 0, len(values.cat.categories), codes)
    v = values.to_numpy(dtype="float64")
    nan = np.isnan(v)
    edges = np.unique(np.quantile(v[~nan], np.linspace(0, 1, n_bins + 1)[1:-1]))
    codes = np.searchsorted(edges, v, side="right")
    return np.where(nan, len(edges) + 1, codes)


def _binned_balanced_accuracy(
    c_fit: np.ndarray, y_fit: np.ndarray, c_held: np.ndarray, y_held: np.ndarray
) -> float:
    """Balanced accuracy of "majority class of the feature's bin" on held-out rows."""
    n_classes = int(max(y_fit.max(), y_held.max())) + 1
    n_codes = int(max(c_fit.max(), c_held.max())) + 1
    counts = np.bincount(c_fit * n_classes + y_fit, minlength=n_codes * n_classes)
    counts = counts.reshape(n_codes, n_classes)
    seen = _seen_rows(counts.sum(axis=1), c_held)
    if seen is None:
        return 0.0
    pred, truth = counts.argmax(axis=1)[c_held[seen]], y_held[seen]
    return float(np.mean([np.mean(pred[truth == k] == k) for k in np.unique(truth)]))


def _binned_r2(
    c_fit: np.ndarray, y_fit: np.ndarray, c_held: np.ndarray, y_held: np.ndarray
) -> float:
    """R^2 of "mean target of the feature's bin" on held-out rows."""
    n_codes = int(max(c_fit.max(), c_held.max())) + 1
    counts = np.bincount(c_fit, minlength=n_codes)
    seen = _seen_rows(counts, c_held)
    if seen is None:
        return 0.0
    means = np.bincount(c_fit, weights=y_fit, minlength=n_codes) / np.maximum(counts, 1)
    truth = y_held[seen]
    total = np.sum((truth - truth.mean()) ** 2)
    return float(1 - np.sum((truth - means[c_held[seen]]) ** 2) / total) if total > 0 else 0.0


def _seen_rows(fit_counts: np.ndarray, c_held: np.ndarray) -> np.ndarray | None:
    """Held-out rows whose bin or level occurred when fitting; None if under 90% (ID-like)."""
    seen = fit_counts[c_held] > 0
    return seen if seen.mean() >= 0.9 else None


def _sort_key(value: object) -> tuple:
    """Sort numbers numerically and everything else as text, numbers first."""
    if isinstance(value, (int, float, np.integer, np.floating)):
        return (0, float(value), "")
    return (1, 0.0, str(value))


def _label(value: object) -> str:
    """A class label as text: 1.0 -> "1", True -> "True"."""
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return str(int(value))
    return str(value)
