"""Figures that make the case: what-if curves, the evidence board, the effort timeline (no st)."""

from __future__ import annotations

import html

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from components.figures import styled
from components.models.charts import MODEL_COLORS
from components.time.charts import GROUP_COLORS
from realitycheck.compare.evidence import DEFAULT_BAND
from realitycheck.compare.pipelines import MODEL_TITLES
from realitycheck.compare.scoring import METRIC_LABELS
from realitycheck.timelog.categories import GROUP_LABELS

MODELS = ("baseline", "boosted")
UNSORTED_COLOR = "#CBD2D9"
VERDICT_COLORS = {
    "Boosted wins": "#E8743B",
    "Baseline is enough": "#3E7CB1",
    "Inconclusive": "#9AA5B1",
}
FAMILY_TITLES = {
    "auc": ("baseline ROC AUC", "boosted gain (ROC AUC)"),
    "rmse": ("baseline RMSE (log scale)", "boosted gain (share of the baseline's RMSE)"),
}


def what_if_figure(what_if: dict) -> go.Figure:
    """Learning curve and label-noise curve side by side, mean ± std over the folds."""
    panels = [
        (key, axis, title)
        for key, axis, title in (
            ("learning_curve", "fractions", "Share of each training fold"),
            ("label_noise", "rates", "Share of training labels corrupted"),
        )
        if key in what_if
    ]
    fig = make_subplots(rows=1, cols=len(panels), subplot_titles=[p[2] for p in panels])
    for col, (key, axis, _) in enumerate(panels, start=1):
        curve = what_if[key]
        for name in MODELS:
            fig.add_trace(
                go.Scatter(
                    x=curve[axis],
                    y=curve[name],
                    error_y={"type": "data", "array": curve[f"{name}_std"], "visible": True},
                    mode="lines+markers",
                    line={"color": MODEL_COLORS[name]},
                    name=MODEL_TITLES[name],
                    showlegend=col == 1,
                ),
                row=1,
                col=col,
            )
        fig.update_xaxes(tickformat=".0%", row=1, col=col)
    fig.update_yaxes(title_text=METRIC_LABELS[what_if["metric"]], row=1, col=1)
    return styled(fig, title="What-ifs: more rows, noisier labels", height=420)


def evidence_figure(points: list[dict]) -> go.Figure:
    """Each run's gain with its 95% interval against the baseline's score, with the margin's band.

    AUC runs and RMSE runs (as a share of the baseline's RMSE) get a panel each.
    """
    families = [f for f in ("auc", "rmse") if any(p["family"] == f for p in points)] or ["auc"]
    fig = make_subplots(rows=1, cols=len(families), horizontal_spacing=0.12)
    shown = set()
    for col, family in enumerate(families, start=1):
        band = DEFAULT_BAND[family]
        fig.add_hrect(y0=0, y1=band, fillcolor="#CBD2D9", opacity=0.35, line_width=0,
                      row=1, col=col)  # fmt: skip
        fig.add_hline(y=0, line={"color": "#9AA5B1", "width": 1}, row=1, col=col)
        for verdict, color in VERDICT_COLORS.items():
            mine = [p for p in points if p["family"] == family and p["verdict"] == verdict]
            if mine:
                fig.add_trace(_verdict_trace(mine, verdict, color, verdict not in shown), 1, col)
                shown.add(verdict)
        fig.update_xaxes(title_text=FAMILY_TITLES[family][0], row=1, col=col,
                         type="log" if family == "rmse" else None)  # fmt: skip
        fig.update_yaxes(title_text=FAMILY_TITLES[family][1], row=1, col=col,
                         tickformat=".0%" if family == "rmse" else None,
                         range=_gain_range(points, family, band))  # fmt: skip
    title = "Evidence: boosted gain and its 95% interval (grey band: gain below the default margin)"
    return styled(fig, title=title, height=460)


def _gain_range(points: list[dict], family: str, band: float) -> list[float]:
    """A y range that shows every interval, zero and the whole margin band."""
    mine = [p for p in points if p["family"] == family]
    low = min([0.0, *(p["low"] for p in mine)])
    high = max([band, *(p["high"] for p in mine)])
    pad = 0.08 * (high - low)
    return [low - pad, high + pad]


def _verdict_trace(points: list[dict], verdict: str, color: str, legend: bool) -> go.Scatter:
    return go.Scatter(
        x=[p["x"] for p in points],
        y=[p["y"] for p in points],
        error_y={
            "type": "data",
            "symmetric": False,
            "array": [p["high"] - p["y"] for p in points],
            "arrayminus": [p["y"] - p["low"] for p in points],
        },
        mode="markers",
        marker={
            "color": color,
            "size": 11,
            "symbol": ["diamond" if p["kind"] == "bundled" else "circle" for p in points],
        },
        text=[html.escape(p["name"]) for p in points],  # names are user text: no markup
        hovertemplate="%{text}<br>gain %{y:.4g}<extra></extra>",
        name=verdict,
        legendgroup=verdict,
        showlegend=legend,
    )


def effort_figure(report: dict) -> go.Figure:
    """Score per run for both models (top) and the hours logged before each run, by group."""
    runs, steps = report["runs"], report["steps"]
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.6, 0.4],
                        vertical_spacing=0.08)  # fmt: skip
    for series in _series(runs):
        label = f"{html.escape(series[0]['target'])} ({METRIC_LABELS[series[0]['metric']]})"
        for name in MODELS:
            fig.add_trace(
                go.Scatter(
                    x=[r["run_day"] for r in series],
                    y=[r[name] for r in series],
                    mode="lines+markers",
                    line={"color": MODEL_COLORS[name]},
                    name=f"{MODEL_TITLES[name]}: {label}",
                ),
                row=1,
                col=1,
            )
    for group, color in {**GROUP_COLORS, "unsorted": UNSORTED_COLOR}.items():
        if not any(s["hours_by_group"].get(group) for s in steps):
            continue
        fig.add_trace(
            go.Bar(
                x=[s["to"]["run_day"] for s in steps],
                y=[s["hours_by_group"].get(group, 0.0) for s in steps],
                marker_color=color,
                name=f"hours: {GROUP_LABELS.get(group, 'Unsorted')}",
            ),
            row=2,
            col=1,
        )
    fig.update_yaxes(title_text="score", row=1, col=1)
    fig.update_yaxes(title_text="hours since the run before", row=2, col=1)
    return styled(fig, title="Effort-to-lift: scores per run, hours between runs", height=560,
                  barmode="stack")  # fmt: skip


def _series(runs: list[dict]) -> list[list[dict]]:
    by_key: dict[tuple, list[dict]] = {}
    for run in runs:
        by_key.setdefault((run["target"], run["metric"]), []).append(run)
    return list(by_key.values())
