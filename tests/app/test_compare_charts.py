"""The comparison's figures, built from a result without running the app (plotly only)."""

import numpy as np
import pytest

from components.models import charts
from realitycheck.compare.pipelines import MODEL_TITLES
from realitycheck.compare.result import ComparisonResult, ModelReport

RNG = np.random.default_rng(1)
Y = RNG.integers(0, 2, 500)
COSTS = {"fit_seconds": 0.1, "fold_seconds": 0.05, "predict_ms_p50_1row": 1.0,
         "predict_ms_p95_1row": 2.0, "predict_ms_per_1000": 3.0, "predict_ms_p95_per_1000": 4.0,
         "size_bytes": 2048, "n_parameters": 10}  # fmt: skip


def _result(task: str, y: list, preds: dict[str, list]) -> ComparisonResult:
    metric = "rmse" if task == "regression" else "roc_auc"
    folds = {"dummy": [0.5, 0.5, 0.5], "baseline": [0.8, 0.9, 0.85], "boosted": [0.85, 0.88, 0.9]}
    models = {
        name: ModelReport(metrics={metric: {"mean": 0.0, "std": 0.0, "folds": f}}, **COSTS)
        for name, f in folds.items()
    }
    return ComparisonResult(
        task=task, rows=len(y), columns_used=["x"], columns_dropped=[], primary_metric=metric,
        models=models, difference={}, verdict="Inconclusive", verdict_reason="", warnings=[],
        oof={"y_true": y, "pred": preds},
        explanations={"baseline": [{"feature": "x", "value": 2.0}],
                      "boosted": [{"feature": "x", "value": 1.0}]},
    )  # fmt: skip


BINARY = _result(
    "binary",
    Y.tolist(),
    {n: np.clip(0.3 * Y + 0.7 * RNG.random(500), 0, 1).tolist() for n in MODEL_TITLES},
)
REGRESSION = _result(
    "regression", [1.0, 2.0, 3.0, 4.0], {n: [1.5, 2.0, 2.5, 4.5] for n in MODEL_TITLES}
)
MODELS = [MODEL_TITLES["baseline"], MODEL_TITLES["boosted"]]


@pytest.mark.parametrize(
    ("figure", "result", "references"),
    [
        (charts.roc_figure, BINARY, ["chance"]),
        (charts.pr_figure, BINARY, []),
        (charts.calibration_figure, BINARY, ["perfect"]),
        (charts.predicted_vs_actual, REGRESSION, ["perfect"]),
        (charts.residuals_figure, REGRESSION, []),
    ],
)
def test_curves_have_one_trace_per_model_named_by_its_title(figure, result, references):
    fig = figure(result)
    assert [t.name for t in fig.data] == references + MODELS  # the dummy floor is left out
    assert all(len(t.x) == len(t.y) > 0 for t in fig.data)


def test_roc_traces_run_from_corner_to_corner():
    fig = charts.roc_figure(BINARY)
    for trace in fig.data[1:]:
        assert (trace.x[0], trace.y[0], trace.x[-1], trace.y[-1]) == (0, 0, 1, 1)


def test_paired_folds_draw_one_line_per_fold_between_the_model_titles():
    fig = charts.paired_folds(BINARY)
    assert len(fig.data) == 3
    assert all(list(t.x) == MODELS for t in fig.data)
    assert [t.y[1] > t.y[0] for t in fig.data] == [True, False, True]
