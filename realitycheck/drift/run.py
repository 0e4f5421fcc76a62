"""Data reality: compare a training sample with a production sample, end to end."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from realitycheck.compare.columns import features_only
from realitycheck.drift import adversarial, health, holdup
from realitycheck.drift.distributions import distributions
from realitycheck.drift.features import compare_feature
from realitycheck.drift.inputs import DatasetError, cutoff_text, split_frame
from realitycheck.drift.result import DriftResult

SAMPLE_CAP = 100_000  # rows per sample; larger samples are sampled (seeded), with a note
MIN_ROWS = 20
DEFAULT_FOLDS = adversarial.DEFAULT_FOLDS

ProgressCallback = Callable[[int, int, str], None]


def run_drift(
    train: pd.DataFrame,
    production: pd.DataFrame | None = None,
    *,
    split_by: str | None = None,
    cutoff: object = None,
    target: str | None = None,
    seed: int = 0,
    folds: int = DEFAULT_FOLDS,
    on_progress: ProgressCallback | None = None,
    names: tuple[str, str] = ("training", "production"),
    fingerprints: tuple[str | None, str | None] = (None, None),
) -> DriftResult:
    """Adversarial validation, per-feature shift, health and, with a target, model hold-up.

    Either two samples, or one table (`train`) split by `split_by` at `cutoff`: rows before
    it are training, the rest production, and the split column is left out.
    """
    from threadpoolctl import threadpool_limits

    if not 2 <= folds <= 20:
        raise ValueError("Folds must be between 2 and 20.")
    rows_input = (len(train), None if production is None else len(production))
    train, production, notes = _samples(train, production, split_by, cutoff)
    steps = 3 + folds + (2 * folds + 2 if target else 0)
    report = _reporter(on_progress, steps)
    with threadpool_limits(limits=1, user_api="blas"):  # as the comparison: see its run.py
        result = _run(train, production, target, seed, folds, notes, report)
    split = None if split_by is None else {"by": split_by, "cutoff": cutoff_text(cutoff)}
    result.samples = {
        "names": list(names),
        "fingerprints": list(fingerprints),
        "rows_input": list(rows_input),
        "split": split,
    }
    result.settings = {
        "seed": seed,
        "folds": folds,
        "target": target,
        "split": split,
        "sample_cap": SAMPLE_CAP,
    }
    report("Done", final=True)
    return result


def _samples(
    train: pd.DataFrame, production: pd.DataFrame | None, split_by: str | None, cutoff: object
) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    if production is not None and split_by is not None:
        raise DatasetError("Give a production sample or a split column, not both.")
    if production is None and split_by is None:
        raise DatasetError("Give a production sample, or a column to split one table by.")
    if split_by is None:
        return train, production, []
    if cutoff is None or cutoff == "":
        raise DatasetError(f"Splitting by {split_by!r} needs a cutoff value.")
    return split_frame(train, split_by, cutoff)


def _reporter(on_progress: ProgressCallback | None, total: int) -> Callable[..., None]:
    done = [0]

    def report(message: str, final: bool = False) -> None:
        """Count one step done and forward it to the caller's callback, if any."""
        done[0] = total if final else min(done[0] + 1, total - 1)
        if on_progress is not None:
            on_progress(done[0], total, message)

    return report


def _run(train, production, target, seed, folds, notes, report) -> DriftResult:  # noqa: ANN001
    warnings = [{"column": None, "message": n} for n in notes]
    shared = _shared_columns(train, production, target, warnings)
    train, production = (
        _cap(frame, label, seed, warnings)
        for frame, label in ((train, "training"), (production, "production"))
    )
    combined = pd.concat([train[shared], production[shared]], ignore_index=True)
    origin = np.r_[np.zeros(len(train), np.int64), np.ones(len(production), np.int64)]
    report("Reading the columns")
    features = [c for c in shared if c != target]
    plan, X = features_only(combined[features])
    warnings += plan.warnings
    if not plan.used:
        reasons = "; ".join(f"{d['column']!r}: {d['reason']}" for d in plan.dropped)
        raise DatasetError(f"No column can be compared: {reasons}.")
    rows = adversarial.balanced_rows(origin, adversarial.ROW_CAP, seed)
    _check_folds(rows, folds)
    adv = adversarial.cross_validate(X.iloc[rows], origin[rows], folds, seed, report)
    _sampling_note(adv.rows_per_side, len(train), len(production), warnings)
    tested = _feature_rows(X, origin, plan, adv.importance)
    report("Testing each feature")
    checked = _health(train[shared], production[shared], X, origin, plan)
    report("Checking data health")
    label, models = _target_part(combined, target, origin, X, folds, seed, report, warnings)
    return DriftResult(
        rows_train=len(train),
        rows_production=len(production),
        columns_compared=list(plan.used),
        drift_score=adv.drift_score,
        adversarial_auc=adv.auc,
        adversarial_auc_ci95=list(adv.ci95),
        verdict=adversarial.verdict(adv.drift_score),
        features=tested,
        health=checked,
        target=label,
        models=models,
        warnings=warnings,
        drift_score_ci95=list(adv.drift_score_ci95),
        headline=_headline(adv, tested),
        distributions=distributions(X, origin, tested, plan.categorical),
    )


def _shared_columns(train, production, target, warnings) -> list[str]:  # noqa: ANN001
    for frame, label in ((train, "training"), (production, "production")):
        if len(frame) < MIN_ROWS:
            raise DatasetError(
                f"The {label} sample has {len(frame):,} rows; each sample needs at least "
                f"{MIN_ROWS}."
            )
    shared = [c for c in train.columns if c in set(production.columns)]
    only = {
        "training": [c for c in train.columns if c not in set(shared)],
        "production": [c for c in production.columns if c not in set(shared)],
    }
    if target is not None:
        _check_target(target, train, production)
    if not [c for c in shared if c != target]:
        raise DatasetError(
            "The samples share no column to compare: training has "
            f"{_names(train.columns)}; production has {_names(production.columns)}."
        )
    for label, missing in only.items():
        if missing:
            warnings.append(
                {"column": None, "message": f"Only in {label}, not compared: {_names(missing)}."}
            )
    return shared


def _check_target(target: str, train: pd.DataFrame, production: pd.DataFrame) -> None:
    present = [target in train.columns, target in production.columns]
    if not any(present):
        raise DatasetError(f"The target {target!r} is in neither sample.")
    if not all(present):
        where, lacking = ("training", "production") if present[0] else ("production", "training")
        raise DatasetError(
            f"The target {target!r} is in the {where} sample but not in {lacking}: leave the "
            "target out, or add it."
        )


def _names(columns: object, limit: int = 8) -> str:
    names = [repr(str(c)) for c in columns]
    more = f" and {len(names) - limit} more" if len(names) > limit else ""
    return ", ".join(names[:limit]) + more


def _cap(frame: pd.DataFrame, label: str, seed: int, warnings: list[dict]) -> pd.DataFrame:
    if len(frame) <= SAMPLE_CAP:
        return frame
    warnings.append(
        {
            "column": None,
            "message": f"Sampled {SAMPLE_CAP:,} of {len(frame):,} {label} rows (seed {seed}): "
            "every figure refers to the sample.",
        }
    )
    return frame.sample(SAMPLE_CAP, random_state=seed).sort_index()


def _check_folds(rows: np.ndarray, folds: int) -> None:
    if len(rows) // 2 < folds:
        raise DatasetError(f"Too few rows for {folds} folds: each sample needs at least {folds}.")


def _sampling_note(per_side: int, n_train: int, n_prod: int, warnings: list[dict]) -> None:
    if per_side < max(n_train, n_prod):
        warnings.append(
            {
                "column": None,
                "message": f"The adversarial classifier saw {per_side:,} rows of each sample "
                "(the same number from both, so its AUC does not depend on their sizes).",
            }
        )


def _feature_rows(X: pd.DataFrame, origin: np.ndarray, plan, importance: dict) -> list[dict]:  # noqa: ANN001
    rows = []
    for col in plan.used:
        kind = "categorical" if col in plan.categorical else "numeric"
        row = compare_feature(col, kind, X[col][origin == 0], X[col][origin == 1])
        rows.append(row | {"importance": float(importance.get(col, 0.0))})
    return sorted(rows, key=lambda r: -r["importance"])


def _health(train, production, X, origin, plan) -> dict:  # noqa: ANN001
    dropped = plan.dropped
    return {
        "train": health.sample_health(train),
        "production": health.sample_health(production),
        "id_like": [d["column"] for d in dropped if d["reason"].startswith("ID-like")],
        "dropped": dropped,
        "unseen_categories": health.unseen_categories(X, origin, plan.categorical),
        "out_of_range": health.out_of_range(X, origin, plan.numeric),
    }


def _target_part(combined, target, origin, X, folds, seed, report, warnings) -> tuple:  # noqa: ANN001
    if target is None:
        return None, None
    try:
        encoded = holdup.encode(combined[target], origin, target, folds)
    except DatasetError as exc:
        warnings.append({"column": target, "message": f"Models not compared: {exc}"})
        return None, None
    models, notes = holdup.hold_up(X, encoded, folds, seed, report)
    warnings += [{"column": target, "message": n} for n in notes]
    return holdup.label_shift(encoded), models


def _headline(adv: adversarial.Adversarial, features: list[dict]) -> str:
    low, high = adv.ci95
    text = (
        f"A classifier tells training rows from production rows with ROC AUC {adv.auc:.3f} "
        f"(95% CI {low:.3f} to {high:.3f}): drift score {adv.drift_score:.2f}."
    )
    shifted = [f["name"] for f in features if f["shifted"]][:3]
    if shifted:
        text += f" Shifted the most (by importance): {', '.join(shifted)}."
    return text
