"""The evidence board: every run's gain and interval on one scale, and the bundled references.

AUC runs are plotted as they are (gain in AUC against the baseline's AUC). RMSE runs differ in
scale by orders of magnitude (diabetes ~55, housing ~68,000), so their gain and interval are
shown as a share of the baseline's RMSE, beside the default margin of 2% on the same scale.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from realitycheck.compare.datasets import BUNDLED, bundled_fingerprint, load_bundled

if TYPE_CHECKING:
    from realitycheck.compare.result import ComparisonResult

ProgressCallback = Callable[[int, int, str], None]
DEFAULT_BAND = {"auc": 0.01, "rmse": 0.02}  # the default practical margins, on the board's scale


def bundled_results(
    on_progress: ProgressCallback | None = None,
    names: list[str] | None = None,
    **settings: int,
) -> list[ComparisonResult]:
    """Run the comparison on every bundled dataset (or `names`) at its default target."""
    from realitycheck.compare.run import run_comparison

    results = []
    names = list(BUNDLED) if names is None else names
    for i, name in enumerate(names):
        if on_progress is not None:
            on_progress(i, len(names), f"{BUNDLED[name].title} ({i + 1} of {len(names)})")
        info = BUNDLED[name]
        result = run_comparison(
            load_bundled(name),
            info.target,
            dataset_name=name,
            fingerprint=bundled_fingerprint(name),
            **settings,
        )
        results.append(result)
    if on_progress is not None:
        on_progress(len(names), len(names), "Done")
    return results


def board_points(rows: list[dict]) -> list[dict]:
    """One point per run: family (auc/rmse), x, y, interval, verdict, name, kind, margin."""
    points = []
    for row in rows:
        if row["metric"] == "rmse":
            base = row["baseline_score"]
            if not base:
                continue
            family, x, scale = "rmse", base, 1.0 / base
        else:
            family, x, scale = "auc", row["baseline_score"], 1.0
        points.append(
            {
                "family": family,
                "x": x,
                "y": row["gain"] * scale,
                "low": row["ci_low"] * scale,
                "high": row["ci_high"] * scale,
                "margin": (row["margin"] or 0.0) * scale,
                "verdict": row["verdict"],
                "name": _name(row),
                "kind": row["kind"],
            }
        )
    return points


def _name(row: dict) -> str:
    label = f" ({row['label']})" if row.get("label") and row["kind"] == "run" else ""
    day = f", {row['run_day']:%Y-%m-%d}" if row["kind"] == "run" and row.get("run_day") else ""
    return f"{row['dataset_name']} → {row['target']}{label}{day}"


def tally_sentence(enough: int, total: int) -> str:
    """'Baseline was enough on 5 of 8.' (with the runs counted in SQL)."""
    if total == 0:
        return "No scored runs yet."
    return f"Baseline was enough on {enough} of {total}."
