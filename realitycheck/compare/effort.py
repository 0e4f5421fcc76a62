"""Effort-to-lift: consecutive runs on the same target and metric, the hours logged between them.

Step i of a series covers the days after run i-1 up to and including run i's day; the hours in
it are summed in SQL by category and group (`Store.hours_between`), beside the change in each
model's score, oriented so that positive is better.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from realitycheck.compare.scoring import LOWER_IS_BETTER, METRIC_LABELS

if TYPE_CHECKING:
    from realitycheck.store import Store

SECONDS_PER_HOUR = 3600
RUN_KEYS = ("id", "dataset_name", "target", "metric", "run_day", "label", "verdict")


def effort_report(store: Store, project_id: int) -> dict:
    """{runs, steps}: every scored run of the project, and each step between consecutive runs."""
    runs = [r for r in store.project_runs(project_id) if r["metric"] is not None]
    series: dict[tuple, list[dict]] = defaultdict(list)
    for run in runs:
        series[(run["target"], run["metric"])].append(run)
    steps = []
    for chain in series.values():
        if len(chain) < 2:
            continue
        sums = store.hours_between(project_id, [r["run_day"] for r in chain])
        for i, (before, after) in enumerate(zip(chain, chain[1:], strict=False), start=1):
            steps.append(_step(before, after, [s for s in sums if s["step"] == i]))
    steps.sort(key=lambda s: (s["to"]["run_day"], s["to"]["id"]))
    return {"runs": [_run(r) for r in runs], "steps": steps}


def _run(run: dict) -> dict:
    out = {k: run[k] for k in RUN_KEYS}
    out["run_day"] = run["run_day"].isoformat()
    out["baseline"], out["boosted"] = run["baseline_score"], run["boosted_score"]
    return out


def _step(before: dict, after: dict, sums: list[dict]) -> dict:
    by_group: dict[str, float] = defaultdict(float)
    by_category: dict[str, float] = defaultdict(float)
    for row in sums:
        by_group[row["group"]] += row["seconds"] / SECONDS_PER_HOUR
        by_category[row["category"]] += row["seconds"] / SECONDS_PER_HOUR
    metric = after["metric"]
    sign = -1 if metric in LOWER_IS_BETTER else 1
    change = {
        "metric": metric,
        "baseline": sign * (after["baseline_score"] - before["baseline_score"]),
        "boosted": sign * (after["boosted_score"] - before["boosted_score"]),
    }
    step = {
        "from": _run(before),
        "to": _run(after),
        "hours_by_group": dict(by_group),
        "hours_by_category": dict(sorted(by_category.items(), key=lambda kv: -kv[1])),
        "change": change,
    }
    step["sentence"] = step_sentence(step)
    return step


def step_sentence(step: dict) -> str:
    """'12 h of Labeling, 1 h of Tuning: baseline +0.031 ROC AUC, boosted +0.029 ROC AUC'."""
    hours = [(c, h) for c, h in step["hours_by_category"].items() if h > 0]
    spent = ", ".join(f"{_hours(h)} of {c}" for c, h in hours[:3]) or "no hours logged"
    if len(hours) > 3:
        spent += f" and {_hours(sum(h for _, h in hours[3:]))} more"
    change = step["change"]
    label = METRIC_LABELS[change["metric"]]
    if change["metric"] in LOWER_IS_BETTER:  # show the raw change: RMSE -1,200 is a gain
        base, boost = -change["baseline"], -change["boosted"]
        return f"{spent}: baseline {label} {_signed(base)}, boosted {label} {_signed(boost)}"
    base, boost = _signed(change["baseline"]), _signed(change["boosted"])
    return f"{spent}: baseline {base} {label}, boosted {boost} {label}"


def _hours(value: float) -> str:
    return f"{value:,.1f} h".replace(".0 h", " h")


def _signed(value: float) -> str:
    return f"{value:+,.0f}" if abs(value) >= 100 else f"{value:+.3f}"
