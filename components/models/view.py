"""Pieces of the Baseline vs boosted page: data choice, verdict banner, tables, charts, history."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import streamlit as st

from components.figures import CONFIG
from components.markdown import plain
from components.models import charts as compare_charts
from realitycheck.compare.pipelines import MODEL_TITLES
from realitycheck.compare.report import (
    costs_table,
    difference_numbers,
    folds_table,
    metrics_table,
)
from realitycheck.compare.stats import FRAGILE_WARNING
from realitycheck.exports.csv_safe import to_csv

if TYPE_CHECKING:
    from realitycheck.compare.result import ComparisonResult

VERDICT_STYLE = {
    "Boosted wins": st.success,
    "Baseline is enough": st.info,
    "Inconclusive": st.warning,
}
CLASSIFICATION_CHARTS = ("Paired folds", "ROC", "Precision-recall", "Calibration", "Explanations")
REGRESSION_CHARTS = ("Paired folds", "Predicted vs actual", "Residuals", "Explanations")
CHARTS = {
    "Paired folds": compare_charts.paired_folds,
    "ROC": compare_charts.roc_figure,
    "Precision-recall": compare_charts.pr_figure,
    "Calibration": compare_charts.calibration_figure,
    "Predicted vs actual": compare_charts.predicted_vs_actual,
    "Residuals": compare_charts.residuals_figure,
    "Explanations": compare_charts.explanations_figure,
}
SCORE_COLUMNS = ["metric", MODEL_TITLES["baseline"], MODEL_TITLES["boosted"], "better"]
SCORE_COLUMNS += [MODEL_TITLES["dummy"]]


def verdict_banner(result: ComparisonResult) -> None:
    """The verdict, why, and what boosting costs for it, in one banner."""
    show = VERDICT_STYLE.get(result.verdict, st.info)
    show(
        f"**{plain(result.verdict)}.** {plain(result.verdict_reason)}\n\n{plain(result.cost_sentence)}"
    )


def difference_line(result: ComparisonResult) -> None:
    """The paired difference of the primary metric with its 95% interval and p-value."""
    d = result.difference
    shown = difference_numbers(d)
    cols = st.columns([1, 1.6, 0.8, 0.9])
    cols[0].metric("Boosted gain (mean)", shown["mean"])
    cols[1].metric("95% interval", f"[{shown['low']}, {shown['high']}]")
    cols[2].metric("p-value", "< 0.001" if d["p_value"] < 0.001 else f"{d['p_value']:.3f}")
    cols[3].metric("Practical margin", shown["margin"])
    st.caption(
        f"{d['orientation']}. Corrected resampled t-test (Nadeau & Bengio 2003) over "
        f"{len(d['folds'])} paired folds."
    )


def results(result: ComparisonResult, key: str) -> None:
    """Everything about one run: verdict with the data notes beside it, tables, a chart, downloads."""
    verdict, notes = st.columns([3, 2])
    with verdict:
        verdict_banner(result)
    with notes:
        data_notes(result)
    difference_line(result)
    left, right = st.columns([3, 2])
    left.markdown("**Scores (mean ± std over folds)**")
    # Baseline and Boosted beside the metric, the floor last: on a phone the pair stays in view.
    left.dataframe(
        metrics_table(result), hide_index=True, width="stretch", column_order=SCORE_COLUMNS
    )
    right.markdown("**What the boosted model costs**")
    right.dataframe(costs_table(result), hide_index=True, width="stretch")
    names = REGRESSION_CHARTS if result.task == "regression" else CLASSIFICATION_CHARTS
    if result.task == "multiclass":
        names = ("Paired folds", "Explanations")
    chart = st.segmented_control(
        "Chart", names, default=names[0], required=True, key=f"chart_{key}"
    )
    chart = chart or names[0]  # required: clicking the selected option keeps it selected
    st.plotly_chart(CHARTS[chart](result), width="stretch", key=f"fig_{key}_{chart}", config=CONFIG)
    cols = st.columns(2)
    cols[0].download_button(
        "Scores per fold (CSV)",
        to_csv(folds_table(result)),
        "scores_per_fold.csv",
        "text/csv",
        key=f"csv_{key}",
    )
    cols[1].download_button(
        "Whole run (JSON)",
        json.dumps(result.to_dict()),
        "comparison_run.json",
        "application/json",
        key=f"json_{key}",
    )


def data_notes(result: ComparisonResult) -> None:
    """What was done to the data, once each: warnings, dropped columns, then the other notes.

    Column names are the user's text, so every line is shown with st.text, never as Markdown.
    """
    dropped = result.columns_dropped
    # A fragile verdict is said in the banner beside these notes; once is enough.
    warnings = [w for w in result.warnings if not w["message"].startswith(FRAGILE_WARNING)]
    st.markdown(
        f"**Data notes:** {_count(len(dropped), 'column')} dropped, "
        f"{_count(len(warnings), 'warning')}"
    )
    lines = [f"⚠ {w['column']}: {w['message']}" if w["column"] else f"⚠ {w['message']}"
             for w in warnings]  # fmt: skip
    lines += [f"Dropped {d['column']}: {d['reason']}" for d in dropped]
    lines += list(result.notes)
    if not lines:
        st.caption("Every column was used as it is; no row was dropped.")
    for line in lines:
        st.text(line)


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"
