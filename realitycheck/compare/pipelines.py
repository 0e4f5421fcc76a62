"""The three pipelines compared (dummy floor, linear baseline, XGBoost) and the shared folds."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

MODEL_NAMES = ("dummy", "baseline", "boosted")
MODEL_TITLES = {
    "dummy": "Dummy floor",
    "baseline": "Baseline (linear)",
    "boosted": "Boosted (XGBoost)",
}
RARE_LEVEL_SHARE = 0.01  # one-hot levels rarer than this share of the fold are grouped
BASELINE_MAX_ITER = 2000
# The boosted recipe, chosen with a hand-run grid (bench/grid_boosted.py; figures in
# bench/README.md) so that a "Baseline is enough" verdict is not an artefact of a weak boosted
# model: within 0.003 AUC or 1% RMSE of the grid's best on every dataset tried (the reasons are
# in boosted.py). Classes: depth 3, rate 0.1, trees by 3-fold CV inside the training rows
# (patience 100: with 50 the mean AUC's plateaus stopped it short on the interactions case).
# Regression: depth 3 or 6 and the tree count early-stopped on a 15% slice. Both refit.
CLASSIFIER_SEARCH = {"max_depth": 3, "learning_rate": 0.1, "max_trees": 1000, "patience": 100}
REGRESSOR_SEARCH = {"depths": (3, 6), "learning_rate": 0.1, "max_trees": 1000, "patience": 50}
BOOSTED_PARAMS = {
    "tree_method": "hist",
    "enable_categorical": True,
    "max_cat_to_onehot": 8,
    # One thread: predictable on a shared 2-core host serving several users, and OpenMP
    # threads collapse when the cores are busy (measured: 80k rows, 5 s with 1 thread, 31 s
    # with 2 under load).
    "n_jobs": 1,
}


def build_pipelines(
    task: str, numeric: Sequence[str], categorical: Sequence[str], seed: int = 0
) -> dict[str, Pipeline]:
    """The dummy, baseline and boosted pipelines for a task, keyed by MODEL_NAMES."""
    return {
        "dummy": build_dummy(task),
        "baseline": build_baseline(task, numeric, categorical, seed),
        "boosted": build_boosted(task, seed),
    }


def build_dummy(task: str) -> Pipeline:
    """Floor model: class priors (majority for labels) or the mean."""
    from sklearn.dummy import DummyClassifier, DummyRegressor
    from sklearn.pipeline import Pipeline

    if task == "regression":
        return Pipeline([("model", DummyRegressor(strategy="mean"))])
    return Pipeline([("model", DummyClassifier(strategy="prior"))])


def build_baseline(
    task: str, numeric: Sequence[str], categorical: Sequence[str], seed: int = 0
) -> Pipeline:
    """Impute + scale numbers, impute + one-hot categories (rare levels grouped), then linear."""
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression, Ridge
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    numbers = Pipeline(
        [
            (
                "impute",
                SimpleImputer(strategy="median", add_indicator=True, keep_empty_features=True),
            ),
            ("scale", StandardScaler()),
        ]
    )
    categories = Pipeline(
        [
            ("impute", SimpleImputer(strategy="constant", fill_value="(missing)")),
            (
                "onehot",
                OneHotEncoder(handle_unknown="infrequent_if_exist", min_frequency=RARE_LEVEL_SHARE),
            ),
        ]
    )
    prep = ColumnTransformer(
        [("num", numbers, list(numeric)), ("cat", categories, list(categorical))],
        remainder="drop",
    )
    if task == "regression":
        model = Ridge(alpha=1.0)
    else:
        model = LogisticRegression(C=1.0, max_iter=BASELINE_MAX_ITER, random_state=seed)
    return Pipeline([("prep", prep), ("model", model)])


def build_boosted(task: str, seed: int = 0) -> Pipeline:
    """XGBoost with histogram trees and native categorical splits (inputs: float + category)."""
    from sklearn.pipeline import Pipeline

    from realitycheck.compare.boosted import InnerCVXGBClassifier, SliceTunedXGBRegressor

    if task == "regression":
        model = SliceTunedXGBRegressor(
            **REGRESSOR_SEARCH, xgb_params=BOOSTED_PARAMS, random_state=seed
        )
    else:
        model = InnerCVXGBClassifier(
            **CLASSIFIER_SEARCH, xgb_params=BOOSTED_PARAMS, random_state=seed
        )
    return Pipeline([("model", model)])


def make_folds(y: np.ndarray, task: str, folds: int, repeats: int, seed: int) -> list[tuple]:
    """The seeded (stratified for classes) repeated k-fold splits every model shares."""
    from sklearn.model_selection import RepeatedKFold, RepeatedStratifiedKFold

    if folds < 2 or repeats < 1:
        raise ValueError("Use at least 2 folds and 1 repeat.")
    splitter = RepeatedKFold if task == "regression" else RepeatedStratifiedKFold
    cv = splitter(n_splits=folds, n_repeats=repeats, random_state=seed)
    return list(cv.split(np.zeros((len(y), 1)), y))
