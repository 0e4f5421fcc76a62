"""Plotly figures for the model comparison, built from its result (no Streamlit calls here)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import plotly.graph_objects as go

from components.figures import styled
from realitycheck.compare import curves
from realitycheck.compare.pipelines import MODEL_TITLES
from realitycheck.compare.scoring import LOWER_IS_BETTER, METRIC_LABELS

if TYPE_CHECKING:
    from realitycheck.compare.result import ComparisonResult

MODEL_COLORS = {"dummy": "#9AA5B1", "baseline": "#3E7CB1", "boosted": "#E8743B"}
HEIGHT = 420


def _reference(x: list[float], y: list[float], name: str) -> go.Scatter:
    """A dotted grey line to read the models against (chance, perfect)."""
    return go.Scatter(x=x, y=y, mode="lines", line={"dash": "dot", "color": "#CBD2D9"}, name=name)


def _model(
    name: str, x: Sequence[float], y: Sequence[float], mode: str = "lines"
) -> go.Scatter | go.Scattergl:
    """One model's trace in its colour, named by its title."""
    if mode == "markers":  # many points: WebGL, small and translucent
        marker = {"size": 4, "opacity": 0.5, "color": MODEL_COLORS[name]}
        return go.Scattergl(x=x, y=y, mode=mode, marker=marker, name=MODEL_TITLES[name])
    line = {"color": MODEL_COLORS[name]}
    return go.Scatter(x=x, y=y, mode=mode, line=line, name=MODEL_TITLES[name])


def _figure(traces: list, title: str, xaxis: str, yaxis: str) -> go.Figure:
    """The traces in the shared figure style."""
    fig = go.Figure(traces)
    return styled(fig, title=title, xaxis_title=xaxis, yaxis_title=yaxis, height=HEIGHT)


def paired_folds(result: ComparisonResult) -> go.Figure:
    """One line per fold from the baseline's score to the boosted model's (same fold, same rows)."""
    metric = result.primary_metric
    base = result.models["baseline"].metrics[metric]["folds"]
    boost = result.models["boosted"].metrics[metric]["folds"]
    traces = []
    for i, (b, x) in enumerate(zip(base, boost, strict=True)):
        better = (x < b) if metric in LOWER_IS_BETTER else (x > b)
        color = MODEL_COLORS["boosted" if better else "baseline"]
        traces.append(
            go.Scatter(
                x=[MODEL_TITLES["baseline"], MODEL_TITLES["boosted"]],
                y=[b, x],
                mode="lines+markers",
                line={"color": color, "width": 1.5},
                showlegend=False,
                hovertemplate=f"fold {i + 1}: %{{y:.4f}}<extra></extra>",
            )
        )
    title = f"{METRIC_LABELS[metric]} per fold (orange: boosted better on that fold)"
    return _figure(traces, title, "", METRIC_LABELS[metric])


def _scored(result: ComparisonResult) -> tuple[list, dict[str, list]]:
    """Out-of-fold truth and the baseline's and boosted model's predictions."""
    oof = result.oof
    return oof["y_true"], {n: p for n, p in oof["pred"].items() if n != "dummy"}


def _curve_traces(
    result: ComparisonResult, points: Callable[..., dict], x: str, y: str, mode: str = "lines"
) -> list[go.Scatter | go.Scattergl]:
    """One trace per model: `points` (from curves) of its out-of-fold predictions, x against y."""
    truth, preds = _scored(result)
    traces = []
    for name, pred in preds.items():
        pts = points(truth, pred)
        traces.append(_model(name, pts[x], pts[y], mode))
    return traces


def roc_figure(result: ComparisonResult) -> go.Figure:
    """ROC curves of the baseline and boosted models (out-of-fold, first repeat)."""
    traces = [_reference([0, 1], [0, 1], "chance")]
    traces += _curve_traces(result, curves.roc_points, "fpr", "tpr")
    return _figure(traces, "ROC curve", "false positive rate", "true positive rate")


def pr_figure(result: ComparisonResult) -> go.Figure:
    """Precision-recall curves of the baseline and boosted models."""
    traces = _curve_traces(result, curves.pr_points, "recall", "precision")
    return _figure(traces, "Precision-recall curve", "recall", "precision")


def calibration_figure(result: ComparisonResult) -> go.Figure:
    """Mean predicted probability against the observed rate, per decile of the predictions."""
    traces = [_reference([0, 1], [0, 1], "perfect")]
    traces += _curve_traces(
        result, curves.calibration_bins, "predicted", "observed", "lines+markers"
    )
    return _figure(traces, "Calibration (deciles)", "mean predicted probability", "observed rate")


def predicted_vs_actual(result: ComparisonResult) -> go.Figure:
    """Regression: predicted against actual values for both models."""
    low, high = min(result.oof["y_true"]), max(result.oof["y_true"])
    traces = [_reference([low, high], [low, high], "perfect")]
    traces += _curve_traces(result, curves.residual_points, "actual", "predicted", "markers")
    return _figure(traces, "Predicted vs actual", "actual", "predicted")


def residuals_figure(result: ComparisonResult) -> go.Figure:
    """Regression: residuals against predictions for both models."""
    traces = _curve_traces(result, curves.residual_points, "predicted", "residual", "markers")
    fig = _figure(traces, "Residuals (actual - predicted)", "predicted", "residual")
    fig.add_hline(y=0, line={"dash": "dot", "color": "#9AA5B1"})
    return fig


def explanations_figure(result: ComparisonResult, top: int = 15) -> go.Figure:
    """Baseline standardized coefficients beside XGBoost's mean |contribution|, per feature."""
    exp = result.explanations
    # Each model's weights as shares of its own total: the two are in different units.
    boosted, baseline = (_shares(exp.get(name, [])) for name in ("boosted", "baseline"))
    ranked = sorted(
        set(boosted) | set(baseline), key=lambda f: -(boosted.get(f, 0) + baseline.get(f, 0))
    )
    features = ranked[:top][::-1]
    bars = [
        go.Bar(
            y=features,
            x=[weights.get(f, 0) for f in features],
            orientation="h",
            name=label,
            marker_color=MODEL_COLORS[name],
        )
        for name, weights, label in (
            ("baseline", baseline, "Baseline: |standardized coefficients|"),
            ("boosted", boosted, "Boosted: mean |contribution|"),
        )
    ]
    title = "What each model leans on (share of each model's total weight)"
    fig = go.Figure(bars)
    return styled(
        fig,
        barmode="group",
        title=title,
        xaxis_tickformat=".0%",
        height=max(360, 28 * len(features)),
    )


def _shares(entries: list[dict]) -> dict[str, float]:
    """Each feature's weight as a share of the model's total weight."""
    total = sum(e["value"] for e in entries) or 1.0
    return {e["feature"]: e["value"] / total for e in entries}
