"""Chart data from out-of-fold predictions, and the result tables people read."""

import numpy as np
import pytest
from sklearn.calibration import calibration_curve
from sklearn.metrics import auc, average_precision_score, precision_recall_curve, roc_auc_score

from realitycheck.compare.curves import calibration_bins, pr_points, residual_points, roc_points
from realitycheck.compare.report import costs_table, difference_numbers, folds_table, metrics_table
from realitycheck.compare.result import ComparisonResult, ModelReport

RNG = np.random.default_rng(3)
Y = RNG.integers(0, 2, 3000)
SCORE = np.clip(0.35 * Y + 0.65 * RNG.random(3000), 0, 1).round(3)  # ties on purpose


def test_roc_points_give_sklearns_auc():
    pts = roc_points(Y, SCORE)
    assert (pts["fpr"][0], pts["tpr"][0]) == (0.0, 0.0)
    assert (pts["fpr"][-1], pts["tpr"][-1]) == (1.0, 1.0)
    assert pts["fpr"] == sorted(pts["fpr"])
    assert auc(pts["fpr"], pts["tpr"]) == pytest.approx(roc_auc_score(Y, SCORE), abs=2e-3)
    assert len(pts["fpr"]) <= 400


def test_pr_points_run_from_no_recall_to_full_recall():
    pts = pr_points(Y, SCORE)
    precision, recall, _ = precision_recall_curve(Y, SCORE)
    assert (pts["recall"][0], pts["precision"][0]) == (0.0, 1.0)
    assert pts["recall"][-1] == 1.0
    assert pts["precision"][-1] == pytest.approx(precision[0], abs=1e-5)
    assert pts["recall"] == sorted(pts["recall"])
    step_area = np.sum(np.diff(pts["recall"]) * np.array(pts["precision"][1:]))
    assert step_area == pytest.approx(average_precision_score(Y, SCORE), abs=0.02)


def test_calibration_bins_are_sklearns_deciles():
    bins = calibration_bins(Y, SCORE)
    observed, predicted = calibration_curve(Y, SCORE, n_bins=10, strategy="quantile")
    assert bins["predicted"] == pytest.approx(predicted, abs=1e-5)
    assert bins["observed"] == pytest.approx(observed, abs=1e-5)
    assert bins["predicted"] == sorted(bins["predicted"])
    assert bins["observed"][-1] > bins["observed"][0]


def test_calibration_of_calibrated_scores_follows_the_diagonal():
    rng = np.random.default_rng(5)
    p = rng.random(20_000)
    bins = calibration_bins((rng.random(p.size) < p).astype(int), p)
    assert len(bins["predicted"]) == 10
    assert bins["observed"] == pytest.approx(bins["predicted"], abs=0.03)


def test_residuals():
    pts = residual_points([1.0, 2.0, 3.0], [1.5, 2.0, 2.0])
    assert pts["residual"] == [-0.5, 0.0, 1.0]


def _result() -> ComparisonResult:
    def m(mean, std, folds):
        return {"mean": mean, "std": std, "folds": folds}

    def model(metrics, **changes):
        costs = {
            "fit_seconds": 0.1,
            "fold_seconds": 0.05,
            "predict_ms_p50_1row": 1.0,
            "predict_ms_p95_1row": 2.0,
            "predict_ms_per_1000": 3.0,
            "predict_ms_p95_per_1000": 4.0,
            "size_bytes": 2048,
            "n_parameters": 10,
        }
        return ModelReport(metrics=metrics, **(costs | changes))  # fmt: skip

    return ComparisonResult(
        task="binary", rows=100, columns_used=["x"], columns_dropped=[], primary_metric="roc_auc",
        models={
            "dummy": model({"roc_auc": m(0.5, 0.0, [0.5, 0.5]), "log_loss": m(0.69, 0.0, [0.69, 0.69])}),
            "baseline": model({"roc_auc": m(0.90, 0.01, [0.89, 0.91]), "log_loss": m(0.30, 0.02, [0.28, 0.32])}),
            "boosted": model({"roc_auc": m(0.93, 0.01, [0.92, 0.94]), "log_loss": m(0.35, 0.02, [0.33, 0.37])},
                             fit_seconds=1.5, size_bytes=40960, n_parameters=900),
        },
        difference={}, verdict="Inconclusive", verdict_reason="", warnings=[],
    )  # fmt: skip


def test_metrics_table_marks_the_better_model_per_metric():
    table = metrics_table(_result())
    assert list(table.columns) == [
        "metric", "Dummy floor", "Baseline (linear)", "Boosted (XGBoost)", "better",
    ]  # fmt: skip
    assert table["metric"].tolist() == ["ROC AUC (primary)", "log loss"]
    # lower log loss is better
    assert table["better"].tolist() == ["Boosted (XGBoost)", "Baseline (linear)"]
    assert table.loc[0, "Baseline (linear)"] == "0.9000 ± 0.0100"


def test_costs_table_ratios():
    table = costs_table(_result()).set_index("cost")
    assert table.loc["Full refit (s)", "ratio"] == "15.0x"
    assert table.loc["Serialized size (KB)", "Boosted (XGBoost)"] == "40.0"
    assert table.loc["Parameters", "ratio"] == "90.0x"


def test_folds_table_has_every_fold():
    table = folds_table(_result())
    assert len(table) == 3 * 2 * 2
    assert set(table.columns) == {"model", "metric", "fold", "value"}


@pytest.mark.parametrize(
    ("difference", "expected"),
    [
        # The low end is just under the margin: at four decimals both would read +0.0100.
        (
            {"mean": 0.016, "ci95": [0.00996, 0.022], "margin": 0.01},
            {"mean": "+0.01600", "low": "+0.00996", "high": "+0.02200", "margin": "+0.01000"},
        ),
        (
            {"mean": 0.02, "ci95": [0.012, 0.028], "margin": 0.01},
            {"mean": "+0.0200", "low": "+0.0120", "high": "+0.0280", "margin": "+0.0100"},
        ),
        (  # RMSE in dollars: whole numbers, unless a whole number would cross the margin
            {"mean": -3648.2, "ci95": [-4100.7, -3195.1], "margin": 991.4},
            {"mean": "-3,648", "low": "-4,101", "high": "-3,195", "margin": "+991"},
        ),
    ],
)
def test_difference_numbers_agree_with_the_margin(difference, expected):
    assert difference_numbers(difference) == expected
