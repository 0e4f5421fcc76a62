"""A small hand-run grid of XGBoost settings on every bundled dataset and a few cases of our own.

Which boosted recipe should the comparison use? Each candidate is cross-validated on the
engine's own prepared features and seeded folds (5 folds x 1 repeat, one thread); the table
gives each candidate's primary score and its fit+predict CPU seconds per fold, the gap to the
grid's best on that dataset, and whether it is within 1% RMSE / 0.003 AUC of that best.

    python bench/grid_boosted.py                                  # every case (~40 min, 2 cores)
    python bench/grid_boosted.py --cases adult,friedman --folds 3
    python bench/grid_boosted.py --samples DIR                    # adds DIR/bank_additional.csv
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
BUNDLED_CASES = (
    "breast_cancer",
    "diabetes",
    "adult",
    "california_housing",
    "telco_churn",
    "german_credit",
    "penguins",
)
OWN_CASES = ("penguins_mass", "friedman", "interactions", "bank")
AUC_TOLERANCE = 0.003
RMSE_TOLERANCE = 0.01  # relative
ES_SLICE = 0.15
ES_PATIENCE = 50
ES_MAX_TREES = 1000

# name -> (max_depth, learning_rate, n_estimators); each is fitted on the whole training fold
FIXED = {
    "d4 lr.05 n300": (4, 0.05, 300),
    "d3 lr.1 n300": (3, 0.1, 300),
    "d6 lr.1 n300": (6, 0.1, 300),
    "d6 lr.05 n600": (6, 0.05, 600),
}
# Early stopping at rate 0.1 on a 15% slice of the training fold (on RMSE, or AUC for classes),
# for depth 3 and depth 6.
# From those two fits come: "dN es" (the early-stopped model as it is), "dN es+refit" (that many
# trees refitted on the whole training fold), and "pick" (the depth whose slice loss is lower).
ES_DEPTHS = (3, 6)
# Classes only: the tree count by 3-fold CV inside the training fold (xgboost.cv, early stopping
# on the folds' mean AUC or log loss, patience 50 or 100), at depth 3 and rate 0.1, then a
# refit on the whole training fold.
CV_RUNS = (("auc", ES_PATIENCE), ("logloss", ES_PATIENCE), ("auc", 2 * ES_PATIENCE))


def friedman(n: int = 5000, seed: int = 0):
    """Friedman #1 (sin, square and interaction terms) plus two categorical columns; regression."""
    import pandas as pd
    from sklearn.datasets import make_friedman1

    X, y = make_friedman1(n_samples=n, n_features=8, noise=1.0, random_state=seed)
    frame = pd.DataFrame(X, columns=[f"x{i}" for i in range(8)])
    rng = np.random.default_rng(seed)
    frame["region"] = rng.choice(["north", "south", "east", "west"], n)
    frame["y"] = y + np.where(frame["region"] == "north", 2.0, 0.0) * X[:, 5]
    return frame, "y"


def interactions(n: int = 10_000, seed: int = 0):
    """The bench's synthetic classification case: 17 numbers, 3 categories, one interaction."""
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_compare import synthetic

    return synthetic(n, seed), "target"


def load_case(case: str, samples: Path | None):
    """(frame, target) for one case; None when its file is absent."""
    from realitycheck.compare.datasets import BUNDLED, load_bundled, read_table

    if case in BUNDLED:
        return load_bundled(case), BUNDLED[case].target
    if case == "penguins_mass":
        return load_bundled("penguins"), "body_mass_g"
    if case == "friedman":
        return friedman()
    if case == "interactions":
        return interactions()
    path = (samples or Path()) / "bank_additional.csv"
    if case == "bank" and samples and path.is_file():
        frame = read_table(path.read_bytes(), path.name)
        return frame.drop(columns="duration"), "y"  # duration leaks the target (its names file)
    return None


def model(task: str, depth: int, rate: float, trees: int, seed: int, early: bool = False):
    """One XGBoost model with the engine's fixed settings and the candidate's."""
    from xgboost import XGBClassifier, XGBRegressor

    from realitycheck.compare.pipelines import BOOSTED_PARAMS

    params = {**BOOSTED_PARAMS, "max_depth": depth, "learning_rate": rate, "n_estimators": trees}
    if early:
        params["early_stopping_rounds"] = ES_PATIENCE
    cls = XGBRegressor if task == "regression" else XGBClassifier
    return cls(**params, random_state=seed)


def _score(task: str, est, X, y, test) -> float:
    from realitycheck.compare.scoring import PRIMARY_METRIC, predict_for_scoring, score

    return score(task, y[test], predict_for_scoring(est, X.iloc[test], task))[PRIMARY_METRIC[task]]


def fit_fixed(task: str, spec: tuple, X, y, train, test, seed: int) -> tuple[float, float, int]:
    """(score, CPU seconds, trees) of one fixed candidate on one fold."""
    start = time.process_time()
    est = model(task, *spec, seed).fit(X.iloc[train], y[train])
    return _score(task, est, X, y, test), time.process_time() - start, spec[2]


def fit_early(task: str, depth: int, X, y, train, test, seed: int) -> dict:
    """Early stopping on a slice at one depth, then a refit of that many trees on the fold."""
    from sklearn.model_selection import train_test_split

    start = time.process_time()
    strat = None if task == "regression" else y[train]
    fit_rows, stop_rows = train_test_split(
        train, test_size=ES_SLICE, random_state=seed, stratify=strat
    )
    est = model(task, depth, 0.1, ES_MAX_TREES, seed, early=True)
    # Stop on the primary metric: for classes, log loss bottoms out long before AUC stops rising.
    est.set_params(eval_metric="rmse" if task == "regression" else "auc")
    est.fit(X.iloc[fit_rows], y[fit_rows], eval_set=[(X.iloc[stop_rows], y[stop_rows])],
            verbose=False)  # fmt: skip
    es_seconds, trees = time.process_time() - start, int(est.best_iteration) + 1
    es_score = _score(task, est, X, y, test)
    start = time.process_time()
    refit = model(task, depth, 0.1, trees, seed).fit(X.iloc[train], y[train])
    return {
        "loss": float(est.best_score) * (1 if task == "regression" else -1),  # lower is better
        "trees": trees,
        "es": (es_score, es_seconds, trees),
        "refit": (_score(task, refit, X, y, test), es_seconds + time.process_time() - start, trees),
        "refit_seconds": time.process_time() - start,
    }


def run_case(case: str, frame, target: str, folds: int, seed: int) -> dict:
    """Every candidate on the case's folds: mean score, CPU seconds per fold, trees used."""
    from realitycheck.compare.columns import prepare
    from realitycheck.compare.pipelines import make_folds

    prepared = prepare(frame, target, "auto", folds, seed)
    task, X, y = prepared.plan.task, prepared.X, prepared.y
    splits = make_folds(y, task, folds, 1, seed)
    out = {"task": task, "rows": len(y)}
    for name, spec in FIXED.items():
        out[name] = _summary([fit_fixed(task, spec, X, y, tr, te, seed) for tr, te in splits])
    early = {d: [fit_early(task, d, X, y, tr, te, seed) for tr, te in splits] for d in ES_DEPTHS}
    for d in ES_DEPTHS:
        out[f"d{d} es"] = _summary([f["es"] for f in early[d]])
        out[f"d{d} es+refit"] = _summary([f["refit"] for f in early[d]])
    pick, pick_refit = [], []
    for shallow, deep in zip(*early.values(), strict=True):
        best, sign = (shallow, 1) if shallow["loss"] <= deep["loss"] else (deep, -1)
        both = shallow["es"][1] + deep["es"][1]  # both early-stopping fits are paid for
        pick.append((best["es"][0], both, sign * best["trees"]))
        pick_refit.append((best["refit"][0], both + best["refit_seconds"], sign * best["trees"]))
    out["pick es"], out["pick es+refit"] = _summary(pick), _summary(pick_refit)
    if task != "regression":
        for metric, patience in CV_RUNS:
            fits = [fit_inner_cv(task, metric, X, y, tr, te, seed, patience) for tr, te in splits]
            name = f"d3 cv3 {metric}" + ("" if patience == ES_PATIENCE else f" p{patience}")
            out[name] = _summary(fits)
    return out


def fit_inner_cv(
    task: str, metric: str, X, y, train, test, seed: int, patience: int = ES_PATIENCE
) -> tuple:
    """Trees chosen by 3-fold CV on the training fold (early stopping on the mean), refitted."""
    import xgboost as xgb

    from realitycheck.compare.pipelines import BOOSTED_PARAMS

    start = time.process_time()
    classes = len(np.unique(y))
    params = {
        "objective": "binary:logistic" if classes == 2 else "multi:softprob",
        "max_depth": 3,
        "eta": 0.1,
        "tree_method": "hist",
        "max_cat_to_onehot": BOOSTED_PARAMS["max_cat_to_onehot"],
        "nthread": 1,
        "eval_metric": metric if classes == 2 or metric == "auc" else "mlogloss",
        "seed": seed,
    }
    if classes > 2:
        params["num_class"] = classes
    data = xgb.DMatrix(X.iloc[train], y[train], enable_categorical=True)
    history = xgb.cv(params, data, num_boost_round=ES_MAX_TREES, nfold=3, stratified=True,
                     early_stopping_rounds=patience, maximize=metric == "auc", seed=seed)  # fmt: skip
    trees = len(history)
    est = model(task, 3, 0.1, trees, seed).fit(X.iloc[train], y[train])
    return _score(task, est, X, y, test), time.process_time() - start, trees


def _summary(rows: list[tuple]) -> dict:
    scores, seconds, used = zip(*rows, strict=True)
    return {"score": float(np.mean(scores)), "seconds": float(np.mean(seconds)), "trees": used}


def print_table(case: str, res: dict) -> None:
    """One block per case: candidates by cost, gap to the best, within tolerance or not."""
    lower = res["task"] == "regression"
    scores = {n: v["score"] for n, v in res.items() if isinstance(v, dict)}
    best = min(scores.values()) if lower else max(scores.values())
    print(f"\n{case} ({res['task']}, {res['rows']:,} rows)")
    print(f"  {'candidate':<16}{'score':>12}{'gap':>10}{'s/fold':>9}  ok  trees used per fold")
    for name, value in sorted(scores.items(), key=lambda kv: res[kv[0]]["seconds"]):
        gap = (value / best - 1) if lower else (best - value)
        ok = gap <= (RMSE_TOLERANCE if lower else AUC_TOLERANCE) + 1e-12
        shown = f"{value:,.1f}" if lower and abs(value) >= 100 else f"{value:.4f}"
        gap_shown = f"{gap:+.2%}" if lower else f"{-gap:+.4f}"
        trees = res[name]["trees"]
        print(f"  {name:<16}{shown:>12}{gap_shown:>10}{res[name]['seconds']:>9.2f}  "
              f"{'yes' if ok else 'NO ':<3} {','.join(str(t) for t in trees)}")  # fmt: skip


def main() -> None:
    """Run the grid over the chosen cases and print one table per case."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default=",".join(BUNDLED_CASES + OWN_CASES))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--samples", type=Path, default=None, help="folder with bank_additional")
    args = parser.parse_args()
    from threadpoolctl import threadpool_limits

    print(
        f"{args.folds} folds x 1 repeat, seed {args.seed}, one thread; s/fold = CPU seconds of "
        "fit + predict; gap to the best candidate; pick: trees < 0 mean depth 6 was chosen"
    )
    for case in args.cases.split(","):
        loaded = load_case(case, args.samples)
        if loaded is None:
            print(f"\n{case}: skipped (file not found; pass --samples)")
            continue
        with threadpool_limits(limits=1):
            print_table(case, run_case(case, *loaded, args.folds, args.seed))
        sys.stdout.flush()


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
