"""What-ifs: would more rows, cleaner labels or the fancier model pay off? Curves and advice.

Both models are refitted on the comparison's own folds with a change to the training folds
only (a share of their rows, or a share of their labels corrupted); the test folds stay as they
are. At 100% of the rows and 0% noise the training folds are untouched, so those points equal
the main comparison (a test checks it); the two what-ifs share that point.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from realitycheck.compare.columns import prepare
from realitycheck.compare.pipelines import MODEL_TITLES, build_pipelines, make_folds
from realitycheck.compare.run import CV_ROW_CAP
from realitycheck.compare.scoring import (
    LOWER_IS_BETTER,
    METRIC_LABELS,
    PRIMARY_METRIC,
    predict_for_scoring,
    score,
)
from realitycheck.compare.settings import DEFAULT_FOLDS, default_repeats

FRACTIONS = (0.1, 0.25, 0.5, 0.75, 1.0)
NOISE_RATES = (0.0, 0.05, 0.1, 0.2)
KINDS = ("learning-curve", "label-noise")
MODELS = ("baseline", "boosted")

ProgressCallback = Callable[[int, int, str], None]


@dataclass(frozen=True)
class _Setup:
    """What every what-if fit shares: features, target, folds, pipelines, task and seed."""

    X: pd.DataFrame
    y: np.ndarray
    splits: list[tuple[np.ndarray, np.ndarray]]
    pipelines: dict
    task: str
    seed: int
    fractions: tuple[float, ...]
    rates: tuple[float, ...]


def run_what_ifs(
    df: pd.DataFrame,
    target: str,
    *,
    kinds: Sequence[str] = KINDS,
    task: str = "auto",
    folds: int = DEFAULT_FOLDS,
    repeats: int | None = None,
    seed: int = 0,
    max_cv_rows: int = CV_ROW_CAP,
    categorical: Sequence[str] = (),
    on_progress: ProgressCallback | None = None,
    fractions: Sequence[float] = FRACTIONS,
    rates: Sequence[float] = NOISE_RATES,
) -> dict:
    """Learning curve and/or label-noise curve of baseline and boosted, and one line of advice.

    The settings mean what they mean for run_comparison (repeats: None picks the same default).
    `fractions` must end at 1.0 and `rates` start at 0.0: those points are the comparison itself.
    """
    from threadpoolctl import threadpool_limits

    _check(kinds, fractions, rates)
    repeats = default_repeats(len(df)) if repeats is None else repeats
    with threadpool_limits(limits=1, user_api="blas"):
        prepared = prepare(
            df, target, task, folds, seed, max_rows=max_cv_rows, categorical=categorical
        )
        plan = prepared.plan
        setup = _Setup(
            prepared.X,
            prepared.y,
            make_folds(prepared.y, plan.task, folds, repeats, seed),
            {
                n: p
                for n, p in build_pipelines(plan.task, plan.numeric, plan.categorical, seed).items()
                if n in MODELS
            },
            plan.task,
            seed,
            tuple(fractions),
            tuple(rates),
        )
        return _curves(setup, kinds, on_progress)


def _check(kinds: Sequence[str], fractions: Sequence[float], rates: Sequence[float]) -> None:
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown or not kinds:
        raise ValueError(f"Unknown what-if {', '.join(unknown)}: choose from {', '.join(KINDS)}.")
    if list(fractions) != sorted(fractions) or fractions[-1] != 1.0 or fractions[0] <= 0:
        raise ValueError("Row fractions must rise to 1.0 (the comparison itself), above 0.")
    if list(rates) != sorted(rates) or rates[0] != 0.0 or rates[-1] >= 0.5:
        raise ValueError("Label-noise rates must rise from 0.0 (the comparison itself), below 0.5.")


def _curves(setup: _Setup, kinds: Sequence[str], on_progress: ProgressCallback | None) -> dict:
    """Score every point (the untouched one once) and phrase the advice."""
    points = [("rows", f) for f in setup.fractions] if "learning-curve" in kinds else []
    if "label-noise" in kinds:
        points += [("noise", p) for p in setup.rates if p > 0 or not points]
    total, done = len(points) * len(MODELS) * len(setup.splits), 0
    scores: dict[tuple, dict[str, list[float]]] = {}
    for point in points:
        scores[point] = {}
        for name in MODELS:
            scores[point][name] = []
            for fold, (train, test) in enumerate(setup.splits):
                scores[point][name].append(_fit_score(setup, name, point, fold, train, test))
                done += 1
                if on_progress is not None:
                    on_progress(done, total, _message(name, point, fold, len(setup.splits)))
    untouched = scores.get(("rows", 1.0)) or scores[("noise", 0.0)]
    scores[("rows", 1.0)] = scores[("noise", 0.0)] = untouched
    metric = PRIMARY_METRIC[setup.task]
    out: dict = {"metric": metric, "folds": len(setup.splits)}
    if "learning-curve" in kinds:
        out["learning_curve"] = _summary(scores, "rows", setup.fractions, "fractions")
    if "label-noise" in kinds:
        out["label_noise"] = _summary(scores, "noise", setup.rates, "rates")
    return {"what_if": out, "advice": advice(out)}


def _message(name: str, point: tuple, fold: int, folds: int) -> str:
    kind, value = point
    what = f"{value:.0%} of the rows" if kind == "rows" else f"{value:.0%} label noise"
    return f"What-if, {MODEL_TITLES[name]}: {what}, fold {fold + 1} of {folds}"


def _summary(scores: dict, kind: str, values: Sequence[float], key: str) -> dict:
    out: dict = {key: list(values)}
    for name in MODELS:
        per_point = [np.asarray(scores[(kind, v)][name]) for v in values]
        out[name] = [float(s.mean()) for s in per_point]
        out[f"{name}_std"] = [float(s.std(ddof=1)) if len(s) > 1 else 0.0 for s in per_point]
    return out


def _fit_score(
    setup: _Setup, name: str, point: tuple, fold: int, train: np.ndarray, test: np.ndarray
) -> float:
    """Fit one model on a changed copy of one training fold; its primary score on the test fold."""
    from sklearn.base import clone

    kind, value = point
    rng = np.random.default_rng([setup.seed, fold])  # the same change for both models
    y_train = setup.y[train]
    if kind == "rows":
        train = subsample(train, setup.y, setup.task, value, rng)
        y_train = setup.y[train]
    else:
        y_train = corrupt_labels(y_train, setup.task, value, rng)
    model = clone(setup.pipelines[name]).fit(setup.X.iloc[train], y_train)
    pred = predict_for_scoring(model, setup.X.iloc[test], setup.task)
    return score(setup.task, setup.y[test], pred)[PRIMARY_METRIC[setup.task]]


def subsample(
    train: np.ndarray, y: np.ndarray, task: str, fraction: float, rng: np.random.Generator
) -> np.ndarray:
    """A seeded share of a training fold (every class kept for classes), in the fold's order."""
    if fraction >= 1.0:
        return train
    if task == "regression":
        groups = [train]
    else:
        groups = [train[y[train] == c] for c in np.unique(y[train])]
    kept = [rng.permutation(g)[: max(2, int(round(fraction * len(g))))] for g in groups]
    return np.sort(np.concatenate(kept))


def corrupt_labels(y: np.ndarray, task: str, rate: float, rng: np.random.Generator) -> np.ndarray:
    """Labels with a seeded share replaced: another class for classes, shuffled targets else."""
    n_bad = int(round(rate * len(y)))
    if n_bad == 0:
        return y
    y = y.copy()
    rows = rng.choice(len(y), n_bad, replace=False)
    if task == "regression":
        y[rows] = y[rng.permutation(rows)] if n_bad > 1 else y[rng.integers(len(y))]
        return y
    classes = np.unique(y)
    shift = rng.integers(1, len(classes), n_bad)  # never the row's own class
    position = np.searchsorted(classes, y[rows])
    y[rows] = classes[(position + shift) % len(classes)]
    return y


def advice(what_if: dict) -> str:
    """One or two sentences from the curves: do more rows help, and does boosting's edge last?"""
    metric = what_if["metric"]
    parts = []
    if "learning_curve" in what_if:
        parts.append(_rows_advice(what_if["learning_curve"], metric))
    if "label_noise" in what_if:
        parts.append(_noise_advice(what_if["label_noise"], metric))
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


def _gain(metric: str, before: float, after: float) -> float:
    """After minus before, oriented so that positive is better."""
    return before - after if metric in LOWER_IS_BETTER else after - before


def _amount(metric: str, value: float) -> str:
    label = METRIC_LABELS[metric]
    if metric in LOWER_IS_BETTER:  # a gain in RMSE is a reduction
        shown = f"{abs(value):,.0f}" if abs(value) >= 100 else f"{abs(value):.3g}"
        return f"{label} {'-' if value >= 0 else '+'}{shown}"
    return f"{value:+.3f} {label}"


def _rows_advice(curve: dict, metric: str) -> str:
    """Compare half of the rows (or the nearest fraction above) with all of them, per model."""
    fractions = curve["fractions"]
    half = next((i for i, f in enumerate(fractions) if f >= 0.5), 0)
    gains = {n: _gain(metric, curve[n][half], curve[n][-1]) for n in MODELS}
    # "Still helps": the last half of the rows moved the score by more than the folds' noise.
    helps = {n: gains[n] > max(curve[f"{n}_std"][-1] / 2, 1e-4) for n in MODELS}
    span = (
        f"from {fractions[half]:.0%} to 100% of the rows: baseline {_amount(metric, gains['baseline'])}, "
        f"boosted {_amount(metric, gains['boosted'])}"
    )
    if all(helps.values()):
        return f"more rows still help both models ({span})"
    if any(helps.values()):
        who = next(n for n in MODELS if helps[n])
        return f"more rows still help the {who} model only ({span})"
    return f"more rows of the same kind barely help ({span})"


def _noise_advice(curve: dict, metric: str) -> str:
    """Where boosting's edge over the baseline ends as label noise grows."""
    edges = [_gain(metric, b, s) for b, s in zip(curve["baseline"], curve["boosted"], strict=True)]
    rates = curve["rates"]
    if edges[0] <= 0:
        behind = sum(e <= 0 for e in edges)
        return (
            f"with clean labels boosting has no edge ({_amount(metric, edges[0])}), and it is "
            f"behind or level at {behind} of {len(rates)} noise rates"
        )
    gone = next((r for r, e in zip(rates, edges, strict=True) if e <= 0), None)
    if gone is None:
        return (
            f"boosting keeps its edge up to {rates[-1]:.0%} label noise "
            f"({_amount(metric, edges[0])} clean, {_amount(metric, edges[-1])} at {rates[-1]:.0%})"
        )
    return (
        f"boosting's edge ({_amount(metric, edges[0])} clean) disappears at {gone:.0%} label noise"
    )
