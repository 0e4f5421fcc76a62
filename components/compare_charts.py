"""Plotly figures for the model comparison, built from a result dict (no Streamlit calls here)."""

from __future__ import annotations

import plotly.graph_objects as go

from components.charts import _layout
from realitycheck import curves
from realitycheck.scoring import METRIC_LABELS

MODEL_COLORS = {"dummy": "#9AA5B1", "baseline": "#3E7CB1", "boosted": "#E8743B"}
MODEL_LABELS = {
    "dummy": "Dummy floor",
    "baseline": "Baseline (linear)",
    "boosted": "Boosted (XGBoost)",
}


def paired_folds(result: dict) -> go.Figure:
    """One line per fold from the baseline's score to the boosted model's (same fold, same rows)."""
    metric = result["primary_metric"]
    base = result["models"]["baseline"]["metrics"][metric]["folds"]
    boost = result["models"]["boosted"]["metrics"][metric]["folds"]
    fig = go.Figure()
    for i, (b, x) in enumerate(zip(base, boost, strict=True)):
        better = (x < b) if metric in ("rmse", "mae") else (x > b)
        fig.add_trace(
            go.Scatter(
                x=["Baseline", "Boosted"],
                y=[b, x],
                mode="lines+markers",
                line={"color": MODEL_COLORS["boosted" if better else "baseline"], "width": 1.5},
                name=f"fold {i + 1}",
                showlegend=False,
                hovertemplate=f"fold {i + 1}: %{{y:.4f}}<extra></extra>",
            )
        )
    title = f"{METRIC_LABELS[metric]} per fold (orange: boosted better on that fold)"
    return _layout(fig, title=title, yaxis_title=METRIC_LABELS[metric], height=420)


def _binary_scores(result: dict):
    oof = result["oof"]
    return oof["y_true"], {n: p for n, p in oof["pred"].items() if n != "dummy"}


def roc_figure(result: dict) -> go.Figure:
    """ROC curves of the baseline and boosted models (out-of-fold, first repeat)."""
    y, preds = _binary_scores(result)
    fig = go.Figure(
        go.Scatter(
            x=[0, 1],
            y=[0, 1],
            mode="lines",
            line={"dash": "dot", "color": "#CBD2D9"},
            name="chance",
        )
    )
    for name, score in preds.items():
        pts = curves.roc_points(y, score)
        fig.add_trace(
            go.Scatter(
                x=pts["fpr"],
                y=pts["tpr"],
                mode="lines",
                name=MODEL_LABELS[name],
                line={"color": MODEL_COLORS[name]},
            )
        )
    return _layout(
        fig,
        title="ROC curve",
        xaxis_title="false positive rate",
        yaxis_title="true positive rate",
        height=420,
    )


def pr_figure(result: dict) -> go.Figure:
    """Precision-recall curves of the baseline and boosted models."""
    y, preds = _binary_scores(result)
    fig = go.Figure()
    for name, score in preds.items():
        pts = curves.pr_points(y, score)
        fig.add_trace(
            go.Scatter(
                x=pts["recall"],
                y=pts["precision"],
                mode="lines",
                name=MODEL_LABELS[name],
                line={"color": MODEL_COLORS[name]},
            )
        )
    return _layout(
        fig,
        title="Precision-recall curve",
        xaxis_title="recall",
        yaxis_title="precision",
        height=420,
    )


def calibration_figure(result: dict) -> go.Figure:
    """Predicted probability against the observed rate, per decile of predictions."""
    y, preds = _binary_scores(result)
    fig = go.Figure(
        go.Scatter(
            x=[0, 1],
            y=[0, 1],
            mode="lines",
            line={"dash": "dot", "color": "#CBD2D9"},
            name="perfect",
        )
    )
    for name, score in preds.items():
        bins = curves.calibration_bins(y, score)
        fig.add_trace(
            go.Scatter(
                x=bins["predicted"],
                y=bins["observed"],
                mode="lines+markers",
                name=MODEL_LABELS[name],
                line={"color": MODEL_COLORS[name]},
            )
        )
    return _layout(
        fig,
        title="Calibration (deciles)",
        xaxis_title="mean predicted probability",
        yaxis_title="observed rate",
        height=420,
    )


def predicted_vs_actual(result: dict) -> go.Figure:
    """Regression: predicted against actual values for both models."""
    oof = result["oof"]
    fig = go.Figure()
    lo, hi = min(oof["y_true"]), max(oof["y_true"])
    fig.add_trace(
        go.Scatter(
            x=[lo, hi],
            y=[lo, hi],
            mode="lines",
            line={"dash": "dot", "color": "#CBD2D9"},
            name="perfect",
        )
    )
    for name in ("baseline", "boosted"):
        pts = curves.residual_points(oof["y_true"], oof["pred"][name])
        fig.add_trace(
            go.Scattergl(
                x=pts["actual"],
                y=pts["predicted"],
                mode="markers",
                marker={"size": 4, "opacity": 0.5, "color": MODEL_COLORS[name]},
                name=MODEL_LABELS[name],
            )
        )
    return _layout(
        fig, title="Predicted vs actual", xaxis_title="actual", yaxis_title="predicted", height=420
    )


def residuals_figure(result: dict) -> go.Figure:
    """Regression: residuals against predictions for both models."""
    oof = result["oof"]
    fig = go.Figure()
    for name in ("baseline", "boosted"):
        pts = curves.residual_points(oof["y_true"], oof["pred"][name])
        fig.add_trace(
            go.Scattergl(
                x=pts["predicted"],
                y=pts["residual"],
                mode="markers",
                marker={"size": 4, "opacity": 0.5, "color": MODEL_COLORS[name]},
                name=MODEL_LABELS[name],
            )
        )
    fig.add_hline(y=0, line={"dash": "dot", "color": "#9AA5B1"})
    return _layout(
        fig,
        title="Residuals (actual - predicted)",
        xaxis_title="predicted",
        yaxis_title="residual",
        height=420,
    )


def explanations_figure(result: dict, top: int = 15) -> go.Figure:
    """Baseline standardized coefficients beside XGBoost's mean |contribution|, per feature."""
    exp = result.get("explanations") or {}
    # Each model's weights as shares of its own total: the two are in different units.
    boosted, baseline = (_shares(exp.get(name, [])) for name in ("boosted", "baseline"))
    features = sorted(
        set(boosted) | set(baseline), key=lambda f: -(boosted.get(f, 0) + baseline.get(f, 0))
    )[:top][::-1]
    fig = go.Figure(
        [
            go.Bar(
                y=features,
                x=[baseline.get(f, 0) for f in features],
                orientation="h",
                name="Baseline: |standardized coefficients|",
                marker_color=MODEL_COLORS["baseline"],
            ),
            go.Bar(
                y=features,
                x=[boosted.get(f, 0) for f in features],
                orientation="h",
                name="Boosted: mean |contribution|",
                marker_color=MODEL_COLORS["boosted"],
            ),
        ]
    )
    title = "What each model leans on (share of each model's total weight)"
    return _layout(
        fig,
        barmode="group",
        title=title,
        xaxis_tickformat=".0%",
        height=max(360, 28 * len(features)),
    )


def _shares(entries: list[dict]) -> dict[str, float]:
    total = sum(e["value"] for e in entries) or 1.0
    return {e["feature"]: e["value"] / total for e in entries}
