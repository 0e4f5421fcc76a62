"""The evidence board's points, and the boosted models choosing their size on training rows only."""

from datetime import date

import numpy as np
import pandas as pd
import pytest

from realitycheck.compare.boosted import InnerCVXGBClassifier, SliceTunedXGBRegressor
from realitycheck.compare.evidence import board_points, tally_sentence


def row(metric: str, base: float, gain: float, kind: str = "run") -> dict:
    return {
        "metric": metric,
        "baseline_score": base,
        "gain": gain,
        "ci_low": gain - 1.0 if metric == "rmse" else gain - 0.01,
        "ci_high": gain + 1.0 if metric == "rmse" else gain + 0.01,
        "margin": 0.02 * base if metric == "rmse" else 0.01,
        "verdict": "Inconclusive",
        "dataset_name": "data.csv",
        "target": "y",
        "label": "relabeled",
        "run_day": date(2026, 3, 2),
        "kind": kind,
    }


def test_rmse_runs_are_put_on_the_share_of_the_baseline_scale():
    auc, rmse = board_points([row("roc_auc", 0.8, 0.02), row("rmse", 50.0, 5.0, "bundled")])
    assert (auc["family"], auc["x"], auc["y"], auc["margin"]) == ("auc", 0.8, 0.02, 0.01)
    assert auc["name"] == "data.csv → y (relabeled), 2026-03-02"
    assert rmse["family"] == "rmse"
    assert (rmse["y"], rmse["low"], rmse["high"]) == pytest.approx((0.1, 0.08, 0.12))
    assert rmse["margin"] == pytest.approx(0.02)
    assert rmse["name"] == "data.csv → y"  # a bundled reference has no label or day


def test_tally_sentence():
    assert tally_sentence(5, 8) == "Baseline was enough on 5 of 8."
    assert tally_sentence(0, 0) == "No scored runs yet."


def _frame(n: int, seed: int = 0) -> tuple[pd.DataFrame, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = pd.DataFrame(rng.normal(size=(n, 3)), columns=["a", "b", "c"])
    X["kind"] = pd.Categorical(rng.choice(["x", "y"], n))
    return X, X["a"].to_numpy() * 2 + (X["kind"] == "x") + rng.normal(scale=0.5, size=n)


def test_regressor_chooses_depth_and_trees_then_refits_on_every_row():
    X, y = _frame(400)
    model = SliceTunedXGBRegressor(max_trees=200, patience=20).fit(X, y)
    assert model.depth_ in (3, 6)
    assert 1 <= model.n_trees_ <= 200
    assert model.model_.n_estimators == model.n_trees_
    assert model.get_booster().num_boosted_rounds() == model.n_trees_
    assert np.corrcoef(model.predict(X), y)[0, 1] > 0.8
    again = SliceTunedXGBRegressor(max_trees=200, patience=20).fit(X, y)
    assert (again.depth_, again.n_trees_) == (model.depth_, model.n_trees_)  # seeded


@pytest.mark.parametrize("classes", [2, 3])
def test_classifier_chooses_trees_by_inner_cv_and_predicts_probabilities(classes):
    X, y = _frame(300)
    labels = np.digitize(y, np.quantile(y, np.linspace(0, 1, classes + 1)[1:-1]))
    model = InnerCVXGBClassifier(max_trees=150, patience=20).fit(X, labels)
    assert 1 <= model.n_trees_ <= 150
    assert list(model.classes_) == list(range(classes))
    proba = model.predict_proba(X)
    assert proba.shape == (300, classes)
    assert np.allclose(proba.sum(axis=1), 1, atol=1e-5)
    assert model.predict(X).shape == (300,)
