"""Does the model hold up on production? Its cross-validated promise beside its real score.

The comparison's own baseline and boosted pipelines are cross-validated on training, then
fitted on all of training and scored on production; the label shift comes with them.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from realitycheck.compare.datasets import DatasetError
from realitycheck.compare.pipelines import build_baseline, build_boosted, make_folds
from realitycheck.compare.scoring import PRIMARY_METRIC, predict_for_scoring, score
from realitycheck.compare.target import (
    encode_target,
    find_leaks,
    resolve_task,
    sample_rows,
    target_values,
)
from realitycheck.drift.adversarial import positional_names

MODEL_ROW_CAP = 50_000  # training rows the two models are cross-validated and fitted on
MODELS = ("baseline", "boosted")


@dataclass
class Target:
    """The encoded target of the rows that have one, and where those rows came from."""

    name: str
    task: str
    y: np.ndarray
    kept: np.ndarray  # positions (in the combined rows) whose target is present
    origin: np.ndarray  # 0 training, 1 production, for the kept rows
    classes: list[str]
    positive: str | None


def encode(column: pd.Series, origin: np.ndarray, name: str, folds: int) -> Target:
    """Resolve the task over both samples and encode the target the way the comparison does."""
    values, missing = target_values(column)
    kept = np.flatnonzero(~missing)
    for side, label in ((0, "training"), (1, "production")):
        if not np.any(origin[kept] == side):
            raise DatasetError(f"The target {name!r} has no values in the {label} sample.")
    present = values.iloc[kept]
    task = resolve_task(present, "auto", name)
    y, classes, positive = encode_target(present, task, folds, name)
    return Target(name, task, y, kept, origin[kept], classes, positive)


def label_shift(target: Target) -> dict:
    """The target rate (binary), class shares (multiclass) or mean (regression) on each side."""
    out = {"name": target.name, "task": target.task, "positive_class": target.positive}
    for side, key in ((0, "train"), (1, "production")):
        y = target.y[target.origin == side]
        if target.task == "binary":
            out[key] = float(np.mean(y == 1))
        elif target.task == "multiclass":
            shares = np.bincount(y, minlength=len(target.classes)) / len(y)
            out[key] = dict(zip(target.classes, shares.tolist(), strict=True))
        else:
            out[key] = float(np.mean(y))
    out["measure"] = {
        "binary": f"share of {target.positive!r}",
        "multiclass": "share of each class",
        "regression": "mean",
    }[target.task]
    return out


def hold_up(
    X: pd.DataFrame,
    target: Target,
    folds: int,
    seed: int,
    report: Callable[[str], None],
) -> tuple[dict | None, list[str]]:
    """Each model's cross-validated score on training beside its score on production."""
    X = X.iloc[target.kept].reset_index(drop=True)
    leaks = find_leaks(X, target.y, target.task, seed)
    notes = [f"{col!r} left out of the models: {why}." for col, why in leaks.items()]
    X = X.drop(columns=list(leaks))
    kinds = [isinstance(dtype, pd.CategoricalDtype) for dtype in X.dtypes]
    X = positional_names(X)
    train = np.flatnonzero(target.origin == 0)
    train = train[sample_rows(target.y[train], target.task, MODEL_ROW_CAP, seed)]
    if len(train) < (target.origin == 0).sum():
        notes.append(f"The models were trained on a sample of {len(train):,} training rows.")
    refusal = _refusal(target, target.y[train], folds)
    if refusal:
        return None, [*notes, refusal]
    prod = np.flatnonzero(target.origin == 1)
    numeric = [c for c, categorical in zip(X.columns, kinds, strict=True) if not categorical]
    categorical = [c for c in X.columns if c not in set(numeric)]
    builders = {
        "baseline": build_baseline(target.task, numeric, categorical, seed),
        "boosted": build_boosted(target.task, seed),
    }
    metric = PRIMARY_METRIC[target.task]
    data = (X.iloc[train], target.y[train], X.iloc[prod], target.y[prod])
    models = {}
    with warnings.catch_warnings():
        # Expected here: production levels the encoder never saw, and slow baseline convergence.
        warnings.filterwarnings("ignore", message=".*unknown categories.*")
        warnings.filterwarnings("ignore", category=Warning, module="sklearn.linear_model")
        for name, pipeline in builders.items():
            models[name] = _promise_and_reality(pipeline, data, target.task, folds, seed, report)
            models[name] = {"metric": metric} | models[name]
    if any(m["production"] is None for m in models.values()):
        notes.append("Production's score is undefined: it lacks some of the target's classes.")
    return models, notes


def _refusal(target: Target, y_train: np.ndarray, folds: int) -> str | None:
    """Why the models cannot be compared on these samples, or None."""
    if target.task == "regression":
        return None
    counts = np.bincount(y_train, minlength=len(target.classes))
    prod = np.bincount(target.y[target.origin == 1], minlength=len(target.classes))
    new = [target.classes[k] for k in np.flatnonzero((counts == 0) & (prod > 0))]
    if new:
        return (
            f"Models not compared: production has target classes training lacks ({', '.join(new)})."
        )
    thin = [f"{target.classes[k]!r}" for k in np.flatnonzero(counts < folds)]
    if thin:
        return f"Models not compared: training has fewer than {folds} rows of {', '.join(thin)}."
    return None


def _promise_and_reality(pipeline, data, task: str, folds: int, seed: int, report) -> dict:  # noqa: ANN001
    """Mean score over seeded folds of training, then the score of a full fit on production."""
    from sklearn.base import clone

    X_train, y_train, X_prod, y_prod = data
    metric = PRIMARY_METRIC[task]
    fold_scores = []
    for train, test in make_folds(y_train, task, folds, 1, seed):
        model = clone(pipeline).fit(X_train.iloc[train], y_train[train])
        pred = predict_for_scoring(model, X_train.iloc[test], task)
        fold_scores.append(score(task, y_train[test], pred)[metric])
        report(f"Cross-validating on training: fold {len(fold_scores)} of {folds}")
    model = clone(pipeline).fit(X_train, y_train)
    pred = predict_for_scoring(model, X_prod, task)
    production = score(task, y_prod, pred)[metric]
    report("Scoring on production")
    return {
        "cv": float(np.mean(fold_scores)),
        "production": float(production) if np.isfinite(production) else None,
    }
