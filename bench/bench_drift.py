"""Benchmark: run_drift against the bare calls it makes (the same classifier, rows and folds).

Each measurement runs in a fresh subprocess (peak RSS via VmHWM, reset just before the timed
call; see bench_compare.py). The "bare" side is what a careful user would write by hand: put
the two samples together with categories as `category`, take the same balanced rows, run
`cross_val_predict` of the same XGBoost classifier on the same seeded stratified folds, score
its ROC AUC, and run one `scipy.stats` test per feature on the whole samples (Wasserstein
distance over the training std for numbers, Jensen-Shannon distance for categories: the tests
the engine picks above 1,000 rows). The engine side is one `run_drift` call, which also
profiles the columns, averages the classifier's gain importances, computes the DeLong
interval, PSI, data health and the histograms the page draws.

    python bench/bench_drift.py                    # 100,000 x 20 per sample
    python bench/bench_drift.py --rows 20000 --rounds 3
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bench_compare import THREAD_ENV, _cpu_seconds, _reset_peak, _status_mb, synthetic

ROOT = Path(__file__).resolve().parents[1]


def samples(rows: int):
    """Training and production, rows x 20 each (17 numbers, 3 categories); production shifted."""
    train = synthetic(rows, seed=0).drop(columns="target")
    production = synthetic(rows, seed=1).drop(columns="target")
    production["num_0"] += 0.3
    production["num_1"] *= 1.2
    return train, production


def run_engine(train, production, folds: int) -> dict:
    """The product: one run_drift call."""
    from realitycheck.drift.run import run_drift

    result = run_drift(train, production, seed=0, folds=folds)
    return {"auc": result.adversarial_auc, "shifted": sum(f["shifted"] for f in result.features)}


def run_bare(train, production, folds: int) -> dict:
    """cross_val_predict of the same classifier on the same rows, plus one scipy test a feature."""
    import numpy as np
    import pandas as pd
    from scipy import stats
    from scipy.spatial.distance import jensenshannon
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    from realitycheck.drift.adversarial import ROW_CAP, balanced_rows, make_classifier

    X = pd.concat([train, production], ignore_index=True)
    text = [c for c in X.columns if not pd.api.types.is_numeric_dtype(X[c])]
    X[text] = X[text].astype("category")
    origin = np.r_[np.zeros(len(train), np.int64), np.ones(len(production), np.int64)]
    rows = balanced_rows(origin, ROW_CAP, 0)
    cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
    proba = cross_val_predict(
        make_classifier(0), X.iloc[rows], origin[rows], cv=cv, method="predict_proba"
    )[:, 1]
    auc = roc_auc_score(origin[rows], proba)
    shifted = 0
    for col in train.columns:
        if col in text:
            a, b = (s.value_counts(normalize=True) for s in (train[col], production[col]))
            a, b = a.align(b, fill_value=0)
            distance = jensenshannon(a.to_numpy(), b.to_numpy())
        else:
            distance = stats.wasserstein_distance(train[col], production[col]) / train[col].std()
        shifted += distance >= 0.1
    return {"auc": float(auc), "shifted": int(shifted)}


RUNNERS = {"engine": run_engine, "bare": run_bare}


def worker(side: str, args) -> None:
    """Make the samples, then time one side; print one JSON line with seconds and memory."""
    import sklearn.model_selection  # noqa: F401  (import cost is not part of either side)
    import xgboost  # noqa: F401

    import realitycheck.drift.run  # noqa: F401

    train, production = samples(args.rows)
    gc.collect()
    _reset_peak()
    before = _status_mb("VmRSS")
    cpu_start, start = _cpu_seconds(), time.perf_counter()
    out = RUNNERS[side](train, production, args.folds)
    seconds, cpu = time.perf_counter() - start, _cpu_seconds() - cpu_start
    peak = _status_mb("VmHWM")
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": peak, "before_mb": before, **out}))


def measure(side: str, args) -> dict:
    """Run one side in a fresh subprocess."""
    cmd = [sys.executable, __file__, "--worker", side, "--rows", str(args.rows)]
    cmd += ["--folds", str(args.folds)]
    env = {**os.environ, **THREAD_ENV, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{side} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    """Alternate the sides for --rounds rounds; print the best of each and the ratios."""
    args = _parser().parse_args()
    if args.worker:
        return worker(args.worker, args)
    runs = {side: [] for side in RUNNERS}
    for _ in range(args.rounds):
        for side in RUNNERS:
            runs[side].append(measure(side, args))
    best = {side: min(r, key=lambda run: run["seconds"]) for side, r in runs.items()}
    peak = {side: min(run["peak_mb"] for run in r) for side, r in runs.items()}
    cpu = {side: min(run["cpu"] for run in r) for side, r in runs.items()}
    e, b = best["engine"], best["bare"]
    print(
        f"{args.rows:,} x 20 per sample, {args.folds} folds, best of {args.rounds} round(s); "
        "peak = VmHWM of a fresh process, reset before the timed call"
    )
    print(
        f"{'side':<8}{'seconds':>9}{'cpu s':>8}{'peak MB':>9}{'added MB':>10}{'AUC':>8}{'shifted':>9}"
    )
    for side, r in best.items():
        added = peak[side] - r["before_mb"]
        print(f"{side:<8}{r['seconds']:>9.2f}{cpu[side]:>8.2f}{peak[side]:>9.0f}{added:>10.0f}"
              f"{r['auc']:>8.4f}{r['shifted']:>9}")  # fmt: skip
    print(
        f"engine / bare: time {e['seconds'] / b['seconds']:.3f}x, cpu "
        f"{cpu['engine'] / cpu['bare']:.3f}x, peak memory {peak['engine'] / peak['bare']:.3f}x"
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="rows per sample")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=1, help="runs per side; the fastest counts")
    parser.add_argument("--worker", choices=list(RUNNERS), help=argparse.SUPPRESS)
    return parser


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
