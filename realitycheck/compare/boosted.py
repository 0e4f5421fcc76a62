"""The boosted models: XGBoost whose size is chosen on the training rows only, then refitted.

Chosen with the hand-run grid in bench/grid_boosted.py (figures in bench/README.md). No fixed
setting was within 0.003 AUC / 1% RMSE of the grid's best everywhere: 300 trees overfit small or
noisy sets (diabetes and penguins RMSE 5-10% worse, bank marketing AUC -0.012), while depth 3
underfits large regression sets (California housing 8% worse than depth 6) and too few trees
cost AUC on others (german credit). Classes: depth 3, rate 0.1, the tree count by 3-fold CV
inside the training rows (early stopping on the mean AUC after 100 rounds without a gain; a
single slice's AUC was too noisy, and log loss stopped too early for AUC).
Regression: depth 3 and 6 early-stopped on a 15% slice, the lower slice RMSE wins. Either way
the chosen model is refitted on all the training rows it was given.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import xgboost as xgb
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
from sklearn.model_selection import train_test_split
from xgboost import XGBClassifier, XGBRegressor

FALLBACK_TREES = 300  # if the inner CV cannot run (a class too rare to split three ways)
BASE_PARAMS = {"tree_method": "hist", "enable_categorical": True}  # under xgb_params


class SliceTunedXGBRegressor(RegressorMixin, BaseEstimator):
    """XGBoost regression whose depth and tree count are chosen on a held-out slice of its rows.

    Fitted attributes: `depth_`, `n_trees_` (the refitted model's) and `model_`.
    """

    def __init__(
        self,
        depths: tuple[int, ...] = (3, 6),
        learning_rate: float = 0.1,
        max_trees: int = 1000,
        patience: int = 50,
        slice_share: float = 0.15,
        xgb_params: dict | None = None,
        random_state: int = 0,
    ) -> None:
        self.depths = depths
        self.learning_rate = learning_rate
        self.max_trees = max_trees
        self.patience = patience
        self.slice_share = slice_share
        self.xgb_params = xgb_params
        self.random_state = random_state

    def _model(self, depth: int, trees: int, **extra: object) -> XGBRegressor:
        params = BASE_PARAMS | (self.xgb_params or {})
        params.update(max_depth=depth, learning_rate=self.learning_rate, n_estimators=trees)
        return XGBRegressor(**params, random_state=self.random_state, **extra)

    def fit(self, X: pd.DataFrame, y: np.ndarray) -> SliceTunedXGBRegressor:
        """Early-stop each depth on the slice, keep the better, refit it on every row."""
        rows = np.arange(len(y))
        fit_rows, stop_rows = train_test_split(
            rows, test_size=self.slice_share, random_state=self.random_state
        )
        X_fit, y_fit = X.iloc[fit_rows], np.asarray(y)[fit_rows]
        eval_set = [(X.iloc[stop_rows], np.asarray(y)[stop_rows])]
        best = None
        for depth in self.depths:
            model = self._model(depth, self.max_trees, early_stopping_rounds=self.patience)
            model.fit(X_fit, y_fit, eval_set=eval_set, verbose=False)
            trial = (float(model.best_score), depth, int(model.best_iteration) + 1)
            best = trial if best is None or trial[0] < best[0] else best
        _, self.depth_, self.n_trees_ = best
        self.model_ = self._model(self.depth_, self.n_trees_).fit(X, y)
        return self

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        """Predictions of the refitted model."""
        return self.model_.predict(X)

    def get_booster(self):  # noqa: ANN201 (xgboost.Booster)
        """The refitted model's booster (for contributions, size and parameter counts)."""
        return self.model_.get_booster()


class InnerCVXGBClassifier(ClassifierMixin, BaseEstimator):
    """XGBoost classification whose tree count is chosen by k-fold CV inside its training rows.

    Fitted attributes: `n_trees_`, `classes_` and `model_` (the refitted XGBClassifier).
    """

    def __init__(
        self,
        max_depth: int = 3,
        learning_rate: float = 0.1,
        max_trees: int = 1000,
        patience: int = 100,
        inner_folds: int = 3,
        xgb_params: dict | None = None,
        random_state: int = 0,
    ) -> None:
        self.max_depth = max_depth
        self.learning_rate = learning_rate
        self.max_trees = max_trees
        self.patience = patience
        self.inner_folds = inner_folds
        self.xgb_params = xgb_params
        self.random_state = random_state

    def fit(self, X: pd.DataFrame, y: np.ndarray) -> InnerCVXGBClassifier:
        """Choose the tree count on inner folds (mean AUC), then refit on every row."""
        y = np.asarray(y)
        self.n_trees_ = self._inner_cv_trees(X, y)
        params = BASE_PARAMS | (self.xgb_params or {})
        params.update(
            max_depth=self.max_depth, learning_rate=self.learning_rate, n_estimators=self.n_trees_
        )
        self.model_ = XGBClassifier(**params, random_state=self.random_state).fit(X, y)
        self.classes_ = self.model_.classes_
        return self

    def _inner_cv_trees(self, X: pd.DataFrame, y: np.ndarray) -> int:
        n_classes = len(np.unique(y))
        params = {
            "objective": "binary:logistic" if n_classes == 2 else "multi:softprob",
            "max_depth": self.max_depth,
            "eta": self.learning_rate,
            "eval_metric": "auc",
            "seed": self.random_state,
        }
        given = BASE_PARAMS | (self.xgb_params or {})
        params["tree_method"] = given["tree_method"]
        if "max_cat_to_onehot" in given:
            params["max_cat_to_onehot"] = given["max_cat_to_onehot"]
        params["nthread"] = given.get("n_jobs", 1)
        if n_classes > 2:
            params["num_class"] = n_classes
        try:
            history = xgb.cv(
                params,
                xgb.DMatrix(X, y, enable_categorical=True),
                num_boost_round=self.max_trees,
                nfold=self.inner_folds,
                stratified=True,
                early_stopping_rounds=self.patience,
                maximize=True,
                seed=self.random_state,
            )
        except (ValueError, xgb.core.XGBoostError):
            return FALLBACK_TREES
        return max(1, len(history))

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        """Class probabilities of the refitted model."""
        return self.model_.predict_proba(X)

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        """Most likely class of the refitted model."""
        return self.model_.predict(X)

    def get_booster(self):  # noqa: ANN201 (xgboost.Booster)
        """The refitted model's booster (for contributions, size and parameter counts)."""
        return self.model_.get_booster()
