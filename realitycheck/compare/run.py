"""Baseline vs boosted: cross-validate the three pipelines on shared folds and judge the gap."""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from realitycheck.compare import costs, explain
from realitycheck.compare.columns import ColumnPlan, prepare
from realitycheck.compare.pipelines import (
    BASELINE_MAX_ITER,
    MODEL_NAMES,
    MODEL_TITLES,
    build_pipelines,
    make_folds,
)
from realitycheck.compare.result import ComparisonResult, ModelReport, cost_sentence
from realitycheck.compare.scoring import (
    LOWER_IS_BETTER,
    METRIC_LABELS,
    PRIMARY_METRIC,
    predict_for_scoring,
    score,
)
from realitycheck.compare.settings import (
    AUC_MARGIN,
    DEFAULT_FOLDS,
    RMSE_MARGIN_SHARE,
    check_settings,
    default_repeats,
)
from realitycheck.compare.stats import FRAGILE_WARNING, Verdict, corrected_t_test, decide
from realitycheck.compare.target import sample_rows

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

CV_ROW_CAP = 100_000  # above this many rows the comparison runs on a seeded sample
OOF_MAX_ROWS = 20_000
EXPLAIN_ROWS = 200  # exact pred_contribs cost grows with trees x leaves x depth^2 per row

ProgressCallback = Callable[[int, int, str], None]
Reporter = Callable[[int, str], None]
Splits = list[tuple[np.ndarray, np.ndarray]]


@dataclass
class _Folds:
    """Per-model fold scores, fold times and first-repeat out-of-fold predictions."""

    scores: dict[str, list[dict[str, float]]]
    seconds: dict[str, list[float]]
    oof: dict[str, np.ndarray]
    n_train: float
    n_test: float
    unconverged: int = 0


def run_comparison(
    df: pd.DataFrame,
    target: str,
    *,
    task: str = "auto",
    folds: int = DEFAULT_FOLDS,
    repeats: int | None = None,
    margin: float | None = None,
    seed: int = 0,
    on_progress: ProgressCallback | None = None,
    dataset_name: str = "uploaded",
    fingerprint: str | None = None,
    max_cv_rows: int = CV_ROW_CAP,
    categorical: Sequence[str] = (),
) -> ComparisonResult:
    """Compare dummy, baseline and boosted on the same seeded folds; verdict, costs, explanations.

    Columns named in categorical are treated as categories (integer codes, for example).
    Without repeats, small data (under 2,000 rows) gets 5 and larger data 2.
    """
    from threadpoolctl import threadpool_limits

    if repeats is None:
        repeats = default_repeats(len(df))
    check_settings(folds, repeats, margin, max_cv_rows)
    settings = _settings(task, folds, repeats, seed, margin, max_cv_rows)
    settings["categorical"] = list(categorical)
    # One BLAS thread, like XGBoost's n_jobs=1: on a busy 2-core host two threads per run
    # made the linear fits up to 8x slower (measured), and a hosted app runs several at once.
    df, target, renamed = xgboost_safe_names(df, target)
    with threadpool_limits(limits=1, user_api="blas"):
        result = _run(df, target, settings, on_progress)
    if renamed:
        result.notes.append(
            "Column names XGBoost cannot take ([, ] or <) were renamed: "
            + ", ".join(f"{old!r} → {new!r}" for old, new in renamed.items())
            + "."
        )
    result.dataset = {
        "name": dataset_name,
        "fingerprint": fingerprint,
        "target": target,
        "rows_input": int(len(df)),
        "columns_input": int(df.shape[1]),
    }
    return result


_XGBOOST_UNSAFE = str.maketrans({"[": "(", "]": ")", "<": "‹"})


def xgboost_safe_names(df: pd.DataFrame, target: str) -> tuple[pd.DataFrame, str, dict]:
    """Rename columns with [, ] or < (XGBoost refuses them); return the frame, target, renames."""
    taken = {str(c) for c in df.columns}
    renamed = {}
    for column in map(str, df.columns):
        safe = column.translate(_XGBOOST_UNSAFE)
        if safe == column:
            continue
        while safe in taken:
            safe += "_"
        taken.add(safe)
        renamed[column] = safe
    if not renamed:
        return df, target, {}
    return df.rename(columns=lambda c: renamed.get(str(c), c)), renamed.get(target, target), renamed


def _run(
    df: pd.DataFrame, target: str, settings: dict, on_progress: ProgressCallback | None
) -> ComparisonResult:
    task, folds, repeats = settings["task_requested"], settings["folds"], settings["repeats"]
    seed, margin, max_cv_rows = settings["seed"], settings["margin"], settings["max_cv_rows"]
    prepared = prepare(
        df, target, task, folds, seed, max_rows=max_cv_rows, categorical=settings["categorical"]
    )
    plan, X, y = prepared.plan, prepared.X, prepared.y
    splits = make_folds(y, plan.task, folds, repeats, seed)
    pipelines = build_pipelines(plan.task, plan.numeric, plan.categorical, seed)
    steps = len(splits) * len(pipelines) + 1
    report = _progress_reporter(on_progress, steps)
    oof_rows = sample_rows(y, plan.task, OOF_MAX_ROWS, seed)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cv = _cross_validate(pipelines, X, y, plan.task, splits, folds, oof_rows, report)
        fitted, fit_seconds = _refit(pipelines, X, y)
    unconverged = cv.unconverged + _unconverged(fitted["baseline"])
    _convert_warnings(plan, caught, unconverged, len(splits) + 1)
    models = {
        name: _model_report(fitted[name], fit_seconds[name], cv, name, X, plan.task, seed)
        for name in MODEL_NAMES
    }
    result = _assemble(plan, X, y, cv, models, (margin, folds), fitted, seed, oof_rows)
    result.settings = settings
    report(steps, "Done")
    return result


def _progress_reporter(on_progress: ProgressCallback | None, total: int) -> Reporter:
    def report(done: int, message: str) -> None:
        """Forward progress to the caller's callback, if any."""
        if on_progress is not None:
            on_progress(done, total, message)

    report(0, "Checking columns and building folds")
    return report


def _cross_validate(
    pipelines: dict[str, Pipeline],
    X: pd.DataFrame,
    y: np.ndarray,
    task: str,
    splits: Splits,
    folds: int,
    oof_rows: np.ndarray,
    report: Reporter,
) -> _Folds:
    """Fit every pipeline on every training fold; score one prediction per test fold.

    Model by model (as cross_validate does): interleaving the models fold by fold made the
    loop's added memory about 15% larger at 100k rows (freed blocks are reused less well).
    Out-of-fold predictions are kept for the first repeat, on the oof_rows positions only.
    """
    from sklearn.base import clone

    out = _Folds({n: [] for n in pipelines}, {n: [] for n in pipelines}, {}, 0.0, 0.0)
    slot = np.full(len(y), -1)
    slot[oof_rows] = np.arange(len(oof_rows))
    step, repeats = 0, len(splits) // folds
    for name, pipeline in pipelines.items():
        for i, (train, test) in enumerate(splits):
            start = time.perf_counter()
            model = clone(pipeline).fit(X.iloc[train], y[train])
            pred = predict_for_scoring(model, X.iloc[test], task)
            out.seconds[name].append(time.perf_counter() - start)
            out.scores[name].append(score(task, y[test], pred))
            out.unconverged += _unconverged(model)
            if i < folds:  # the first repeat covers every row exactly once
                kept = slot[test] >= 0
                store = out.oof.setdefault(name, np.zeros((len(oof_rows),) + pred.shape[1:]))
                store[slot[test][kept]] = pred[kept]
            step += 1
            repeat, fold = divmod(i, folds)
            report(
                step,
                f"{MODEL_TITLES[name]}: fold {fold + 1} of {folds}, repeat {repeat + 1} of {repeats}",
            )
    out.n_train = float(np.mean([len(tr) for tr, _ in splits]))
    out.n_test = float(np.mean([len(te) for _, te in splits]))
    return out


def _unconverged(model: Pipeline) -> int:
    n_iter = getattr(model[-1], "n_iter_", None)
    return int(n_iter is not None and np.max(n_iter) >= BASELINE_MAX_ITER)


def _refit(
    pipelines: dict[str, Pipeline], X: pd.DataFrame, y: np.ndarray
) -> tuple[dict[str, Pipeline], dict[str, float]]:
    """One fit of each pipeline on all rows: the model whose costs are reported."""
    from sklearn.base import clone

    fitted, seconds = {}, {}
    for name, pipeline in pipelines.items():
        start = time.perf_counter()
        fitted[name] = clone(pipeline).fit(X, y)
        seconds[name] = time.perf_counter() - start
    return fitted, seconds


def _convert_warnings(plan: ColumnPlan, caught: list, unconverged: int, fits: int) -> None:
    """Turn library warnings the user should see into result warnings (once each).

    Deprecation and future warnings concern the code, not the data: they are re-issued as
    warnings for developers instead.
    """
    if unconverged:
        plan.warn(
            None,
            f"The baseline did not fully converge in {unconverged} of {fits} fits "
            f"({BASELINE_MAX_ITER} iterations): its scores may be slightly pessimistic.",
        )
    seen = set()
    for w in caught:
        if issubclass(w.category, (DeprecationWarning, PendingDeprecationWarning, FutureWarning)):
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
            continue
        text = str(w.message).splitlines()[0]
        # Expected: folds meet levels unseen in training (encoded as all zeros, by design);
        # non-convergence is counted exactly above.
        expected = "unknown categories" in text or w.category.__name__ == "ConvergenceWarning"
        if not expected and text not in seen and len(seen) < 5:
            seen.add(text)
            plan.warn(None, f"{w.category.__name__}: {text}")


def _model_report(
    model: Pipeline,
    fit_seconds: float,
    cv: _Folds,
    name: str,
    X: pd.DataFrame,
    task: str,
    seed: int,
) -> ModelReport:
    metrics = {}
    for metric in cv.scores[name][0]:
        values = [float(s[metric]) for s in cv.scores[name]]
        metrics[metric] = {
            "mean": float(np.mean(values)),
            "std": float(np.std(values, ddof=1)),
            "folds": values,
        }
    return ModelReport(
        metrics=metrics,
        fit_seconds=fit_seconds,
        fold_seconds=float(np.mean(cv.seconds[name])),
        size_bytes=costs.serialized_size(model),
        n_parameters=costs.count_parameters(model),
        **costs.measure_latency(model, X, task, seed),
    )


def _assemble(
    plan: ColumnPlan,
    X: pd.DataFrame,
    y: np.ndarray,
    cv: _Folds,
    models: dict[str, ModelReport],
    judge: tuple[float | None, int],
    fitted: dict[str, Pipeline],
    seed: int,
    oof_rows: np.ndarray,
) -> ComparisonResult:
    """The result: scores, paired difference and verdict, costs, OOF and explanations."""
    difference, verdict = _difference(plan.task, models, cv, *judge)
    if verdict.fragile:
        plan.warn(None, FRAGILE_WARNING + verdict.reason.split("The verdict is fragile: ")[1])
    return ComparisonResult(
        task=plan.task,
        rows=int(len(y)),
        columns_used=plan.treatment(),
        columns_dropped=list(plan.dropped),
        primary_metric=difference["metric"],
        models=models,
        difference=difference,
        verdict=verdict.label,
        verdict_reason=verdict.reason,
        warnings=list(plan.warnings),
        cost_sentence=cost_sentence(plan.task, difference, models),
        notes=list(plan.notes),
        dropped_target_rows=plan.dropped_target_rows,
        classes=list(plan.classes),
        positive_class=plan.positive_class,
        oof=_oof(plan, y, cv.oof, oof_rows),
        explanations=explain.explain(
            fitted, X, plan.numeric, plan.categorical, plan.task, seed, EXPLAIN_ROWS
        ),
    )


def _difference(
    task: str,
    models: dict[str, ModelReport],
    cv: _Folds,
    margin: float | None,
    folds: int,
) -> tuple[dict, Verdict]:
    """Paired test of the primary metric, oriented so that positive means boosted is better."""
    metric = PRIMARY_METRIC[task]
    name = METRIC_LABELS[metric]
    base = np.asarray(models["baseline"].metrics[metric]["folds"])
    boost = np.asarray(models["boosted"].metrics[metric]["folds"])
    lower = metric in LOWER_IS_BETTER
    diffs = base - boost if lower else boost - base
    test = corrected_t_test(diffs, cv.n_train, cv.n_test)
    if margin is None:
        margin = RMSE_MARGIN_SHARE * float(base.mean()) if lower else AUC_MARGIN
    repeats = len(diffs) // folds
    verdict = decide(test, margin, f"{name} reduction" if lower else f"{name} gain", folds, repeats)
    orientation = (
        f"baseline {name} - boosted {name}" if lower else f"boosted {name} - baseline {name}"
    )
    difference = {
        "metric": metric,
        "mean": test.mean,
        "ci95": [test.ci_low, test.ci_high],
        "p_value": test.p_value,
        "std": test.std,
        "t": test.t_stat if np.isfinite(test.t_stat) else None,
        "dof": test.dof,
        "margin": float(margin),
        "orientation": f"{orientation}: positive means boosted is better",
        "folds": [float(d) for d in diffs],
        "fragile": verdict.fragile,
        "repeats_to_settle": verdict.repeats_to_settle,
    }
    return difference, verdict


def _oof(plan: ColumnPlan, y: np.ndarray, oof: dict[str, np.ndarray], rows: np.ndarray) -> dict:
    """First-repeat out-of-fold predictions on the sampled rows, rounded (compact JSON)."""
    if plan.task == "regression":
        y_true = [float(f"{v:.6g}") for v in y[rows]]
        pred = {n: [float(f"{v:.6g}") for v in p] for n, p in oof.items()}
        kind = "value"
    else:
        y_true = [int(v) for v in y[rows]]
        binary = plan.task == "binary"
        pred = {n: np.round(p[:, 1] if binary else p, 4).tolist() for n, p in oof.items()}
        kind = "probability of the positive class" if binary else "class probabilities"
    return {
        "repeat": 1,
        "rows": len(rows),
        "of_rows": len(y),
        "kind": kind,
        "y_true": y_true,
        "pred": pred,
    }


def _settings(
    task: str, folds: int, repeats: int, seed: int, margin: float | None, max_cv_rows: int
) -> dict:
    return {
        "task_requested": task,
        "folds": folds,
        "repeats": repeats,
        "seed": seed,
        "margin": margin,
        "max_cv_rows": max_cv_rows,
    }
