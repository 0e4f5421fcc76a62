"""Tables of a comparison result for people: metrics with their spread, costs, per-fold scores."""

from __future__ import annotations

import pandas as pd

from realitycheck.compare.scoring import LOWER_IS_BETTER, METRIC_LABELS

MODELS = ("dummy", "baseline", "boosted")
MODEL_TITLES = {"dummy": "Dummy floor", "baseline": "Baseline", "boosted": "Boosted"}


def metrics_table(result: dict) -> pd.DataFrame:
    """One row per metric: mean ± std per model, and which of baseline/boosted is better."""
    rows = []
    models = result["models"]
    for metric in models["baseline"]["metrics"]:
        row = {"metric": METRIC_LABELS.get(metric, metric)}
        for name in MODELS:
            m = models[name]["metrics"][metric]
            row[MODEL_TITLES[name]] = _mean_std(m["mean"], m["std"])
        base, boost = (models[n]["metrics"][metric]["mean"] for n in ("baseline", "boosted"))
        row["better"] = _better(metric, base, boost)
        if metric == result["primary_metric"]:
            row["metric"] += " (primary)"
        rows.append(row)
    return pd.DataFrame(rows)


def _mean_std(mean: float | None, std: float | None) -> str:
    if mean is None:
        return "n/a"
    return f"{mean:.4f} ± {std or 0:.4f}" if abs(mean) < 100 else f"{mean:,.0f} ± {std or 0:,.0f}"


def _better(metric: str, base: float | None, boost: float | None) -> str:
    if base is None or boost is None or abs(base - boost) <= 5e-4 * max(1.0, abs(base)):
        return "tie"
    lower = metric in LOWER_IS_BETTER
    return "Boosted" if (boost < base) == lower else "Baseline"


def costs_table(result: dict) -> pd.DataFrame:
    """What each model costs: training, prediction latency, size and parameters."""
    models = result["models"]
    rows = [
        ("Full refit (s)", "fit_seconds", "{:.3f}"),
        ("Mean time per fold (s)", "fold_seconds", "{:.3f}"),
        ("Predict 1 row, p50 (ms)", "predict_ms_p50_1row", "{:.2f}"),
        ("Predict 1 row, p95 (ms)", "predict_ms_p95_1row", "{:.2f}"),
        ("Predict 1,000 rows (ms)", "predict_ms_per_1000", "{:.1f}"),
        ("Serialized size (KB)", "size_bytes", "{:,.1f}"),
        ("Parameters", "n_parameters", "{:,}"),
    ]
    table = []
    for label, key, fmt in rows:
        values = {name: models[name].get(key) for name in ("baseline", "boosted")}
        if key == "size_bytes":
            values = {k: (v or 0) / 1024 for k, v in values.items()}
        ratio = values["boosted"] / values["baseline"] if values["baseline"] else None
        table.append(
            {
                "cost": label,
                "Baseline": fmt.format(values["baseline"]),
                "Boosted": fmt.format(values["boosted"]),
                "ratio": f"{ratio:,.1f}x" if ratio else "n/a",
            }
        )
    return pd.DataFrame(table)


def folds_table(result: dict) -> pd.DataFrame:
    """Every metric of every model on every fold (the CSV download)."""
    rows = []
    for name in MODELS:
        for metric, m in result["models"][name]["metrics"].items():
            for fold, value in enumerate(m["folds"], start=1):
                rows.append({"model": name, "metric": metric, "fold": fold, "value": value})
    return pd.DataFrame(rows)
