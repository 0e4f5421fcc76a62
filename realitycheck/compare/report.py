"""The tables of a comparison people read, on the page and from the command line alike.

Scores (mean ± std per model and which of baseline and boosted is better), costs and per-fold
scores. Model titles come from `pipelines.MODEL_TITLES` and metric labels from
`scoring.METRIC_LABELS`, so both front ends name things the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from realitycheck.compare.pipelines import MODEL_NAMES, MODEL_TITLES
from realitycheck.compare.scoring import LOWER_IS_BETTER, METRIC_LABELS

if TYPE_CHECKING:
    from realitycheck.compare.result import ComparisonResult

PRIMARY_SUFFIX = " (primary)"
TIE = "tie"
COSTS = (  # (label, ModelReport attribute, format)
    ("Full refit (s)", "fit_seconds", "{:.3f}"),
    ("Mean time per fold (s)", "fold_seconds", "{:.3f}"),
    ("Predict 1 row, p50 (ms)", "predict_ms_p50_1row", "{:.2f}"),
    ("Predict 1 row, p95 (ms)", "predict_ms_p95_1row", "{:.2f}"),
    ("Predict 1,000 rows (ms)", "predict_ms_per_1000", "{:.1f}"),
    ("Serialized size (KB)", "size_bytes", "{:,.1f}"),
    ("Parameters", "n_parameters", "{:,}"),
)


def metrics_table(result: ComparisonResult) -> pd.DataFrame:
    """One row per metric: mean ± std per model, and which of baseline/boosted is better.

    "Better" follows one rule on every row, the verdict's: the 95% interval of the paired
    per-fold difference (corrected resampled t-test) lies wholly on one side of zero; else tie.
    """
    models = result.models
    folds = int(result.settings.get("folds") or 5)
    rows = []
    for metric in models["baseline"].metrics:
        label = METRIC_LABELS.get(metric, metric)
        row = {"metric": label + (PRIMARY_SUFFIX if metric == result.primary_metric else "")}
        for name in MODEL_NAMES:
            m = models[name].metrics[metric]
            row[MODEL_TITLES[name]] = _mean_std(m["mean"], m["std"])
        base, boost = (models[n].metrics[metric]["folds"] for n in ("baseline", "boosted"))
        row["better"] = _better(metric, base, boost, folds)
        rows.append(row)
    return pd.DataFrame(rows)


def _mean_std(mean: float | None, std: float | None) -> str:
    if mean is None:
        return "n/a"
    return f"{mean:.4f} ± {std or 0:.4f}" if abs(mean) < 100 else f"{mean:,.0f} ± {std or 0:,.0f}"


def _better(metric: str, base: list, boost: list, folds: int) -> str:
    """The model the paired 95% interval favours, or a tie when it includes zero."""
    from realitycheck.compare.stats import corrected_t_test

    if len(base) < 2 or any(v is None for v in (*base, *boost)):
        return TIE
    sign = -1.0 if metric in LOWER_IS_BETTER else 1.0
    diffs = [sign * (b - a) for a, b in zip(base, boost, strict=True)]
    test = corrected_t_test(diffs, n_train=folds - 1, n_test=1)
    if test.ci_low > 0:
        return MODEL_TITLES["boosted"]
    if test.ci_high < 0:
        return MODEL_TITLES["baseline"]
    return TIE


def costs_table(result: ComparisonResult) -> pd.DataFrame:
    """What baseline and boosted cost: training, prediction latency, size and parameters."""
    base, boost = result.models["baseline"], result.models["boosted"]
    rows = []
    for label, attribute, fmt in COSTS:
        values = [getattr(model, attribute) for model in (base, boost)]
        if attribute == "size_bytes":
            values = [(v or 0) / 1024 for v in values]
        ratio = values[1] / values[0] if values[0] else None
        rows.append(
            {
                "cost": label,
                MODEL_TITLES["baseline"]: fmt.format(values[0]),
                MODEL_TITLES["boosted"]: fmt.format(values[1]),
                "ratio": f"{ratio:,.1f}x" if ratio else "n/a",
            }
        )
    return pd.DataFrame(rows)


def folds_table(result: ComparisonResult) -> pd.DataFrame:
    """Every metric of every model on every fold (the CSV download), by model and metric key."""
    rows = [
        {"model": name, "metric": metric, "fold": fold, "value": value}
        for name in MODEL_NAMES
        for metric, m in result.models[name].metrics.items()
        for fold, value in enumerate(m["folds"], start=1)
    ]
    return pd.DataFrame(rows)


def difference_numbers(difference: dict) -> dict[str, str]:
    """The paired difference's mean, interval ends and margin, as the page and CLI print them.

    Each gets as many decimals as it takes to sit on the same side of the margin as shown as it
    really does, so the numbers never contradict the verdict's words (0.00996 against 0.01 does
    not read +0.0100 against +0.0100). Scores get at least four decimals; differences in the
    hundreds (an RMSE in dollars) none.
    """
    from realitycheck.compare.stats import digits_against, format_signed

    low, high = difference["ci95"]
    scale = max(abs(difference["margin"]), abs(low), abs(high))
    digits = digits_against(
        [difference["mean"], low, high], difference["margin"], least=0 if scale >= 100 else 4
    )
    keys = {"mean": difference["mean"], "low": low, "high": high, "margin": difference["margin"]}
    return {key: format_signed(value, digits) for key, value in keys.items()}
