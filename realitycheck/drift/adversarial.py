"""Do the samples look alike? A classifier learns to tell training rows from production rows.

Its cross-validated ROC AUC (with a DeLong 95% interval) becomes a drift score
max(0, 2 AUC - 1), as in Deepchecks' multivariate drift check; 0.25 is Deepchecks' default
limit. Both samples are cut to the same size first, as Deepchecks does, so the AUC means the
same whatever the two sizes were.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

DEFAULT_FOLDS = 5
ROW_CAP = 50_000  # rows per side the classifier sees (100,000 in all at most)
# Cheap and fixed, so every run's AUC is on the same scale; one thread, as in the comparison.
CLASSIFIER_PARAMS = {
    "n_estimators": 100,
    "learning_rate": 0.1,
    "max_depth": 4,
    "tree_method": "hist",
    "enable_categorical": True,
    "max_cat_to_onehot": 8,
    "n_jobs": 1,
}
VERDICTS = (  # (upper limit of the drift score, verdict)
    (0.1, "Resembles production"),
    (0.25, "Some shift"),
    (float("inf"), "Shifted"),
)
Z95 = 1.959963984540054


@dataclass
class Adversarial:
    """The classifier's cross-validated AUC, its interval, and what it leaned on."""

    auc: float
    ci95: tuple[float, float]
    importance: dict[str, float]  # feature -> share of the total gain, averaged over folds
    rows_per_side: int

    @property
    def drift_score(self) -> float:
        """max(0, 2 AUC - 1): 0 when the samples cannot be told apart, 1 when always."""
        return drift_score(self.auc)

    @property
    def drift_score_ci95(self) -> tuple[float, float]:
        """The AUC's interval on the drift score's scale."""
        return drift_score(self.ci95[0]), drift_score(self.ci95[1])


def drift_score(auc: float) -> float:
    """The drift score of an adversarial AUC."""
    return max(0.0, 2.0 * auc - 1.0)


def verdict(score: float) -> str:
    """Exactly one of: Resembles production, Some shift, Shifted."""
    return next(label for limit, label in VERDICTS if score < limit)


def make_classifier(seed: int):  # noqa: ANN201 (xgboost is imported only when used)
    """The adversarial classifier: the same cheap XGBoost settings for every run."""
    from xgboost import XGBClassifier

    return XGBClassifier(**CLASSIFIER_PARAMS, random_state=seed)


def balanced_rows(origin: np.ndarray, cap: int, seed: int) -> np.ndarray:
    """Sorted positions: the same number of training (0) and production (1) rows, at most cap."""
    rng = np.random.default_rng(seed)
    sides = [np.flatnonzero(origin == k) for k in (0, 1)]
    size = min(cap, *(len(s) for s in sides))
    picked = [s if len(s) == size else rng.choice(s, size, replace=False) for s in sides]
    return np.sort(np.concatenate(picked))


def make_folds(y: np.ndarray, folds: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Seeded stratified folds of the balanced rows."""
    from sklearn.model_selection import StratifiedKFold

    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    return list(splitter.split(np.zeros((len(y), 1)), y))


def cross_validate(
    X: pd.DataFrame,
    y: np.ndarray,
    folds: int,
    seed: int,
    report: Callable[[str], None] | None = None,
) -> Adversarial:
    """Out-of-fold probabilities of "production" for every row, their AUC and the importances."""
    oof = np.zeros(len(y))
    gains = []
    names = X.columns
    X = positional_names(X)
    for i, (train, test) in enumerate(make_folds(y, folds, seed)):
        model = make_classifier(seed).fit(X.iloc[train], y[train])
        oof[test] = model.predict_proba(X.iloc[test])[:, 1]
        gains.append(_gain_shares(model, X.columns))
        if report is not None:
            report(f"Telling training from production: fold {i + 1} of {folds}")
    auc, low, high = delong_interval(y, oof)
    importance = dict(zip(names, np.mean(gains, axis=0).tolist(), strict=True))
    return Adversarial(auc, (low, high), importance, int((y == 0).sum()))


def positional_names(X: pd.DataFrame) -> pd.DataFrame:
    """The same columns named f0, f1, ...: XGBoost refuses names holding [, ] or <."""
    return X.set_axis([f"f{i}" for i in range(X.shape[1])], axis=1)


def _gain_shares(model: object, columns: pd.Index) -> np.ndarray:
    """Each feature's share of the model's total gain (0 for features it never split on)."""
    gain = model.get_booster().get_score(importance_type="total_gain")
    values = np.array([gain.get(str(c), 0.0) for c in columns])
    total = values.sum()
    return values / total if total > 0 else values


def delong_interval(y: np.ndarray, score: np.ndarray) -> tuple[float, float, float]:
    """ROC AUC and its 95% interval from DeLong's variance (DeLong et al. 1988; Sun & Xu 2014)."""
    from scipy.stats import rankdata

    positive, negative = score[y == 1], score[y == 0]
    m, n = len(positive), len(negative)
    ranks = rankdata(np.concatenate([positive, negative]))
    auc = (ranks[:m].sum() - m * (m + 1) / 2) / (m * n)
    v10 = (ranks[:m] - rankdata(positive)) / n  # per positive: share of negatives below it
    v01 = 1.0 - (ranks[m:] - rankdata(negative)) / m  # per negative: share of positives above
    se = np.sqrt(np.var(v10, ddof=1) / m + np.var(v01, ddof=1) / n) if min(m, n) > 1 else 0.0
    return float(auc), float(max(0.0, auc - Z95 * se)), float(min(1.0, auc + Z95 * se))
