"""Benchmark: the what-ifs (learning curve + label noise) against the bare loops they run.

The engine side is one `run_what_ifs` call at the defaults (5 folds x 2 repeats; 10-100% of the
rows, 0-20% label noise; the untouched point fitted once for both curves). The bare side is the
hand-written loop over the same points: the engine's prepared rows and folds, the same
pipelines, the same changed training folds, one `predict_proba` and scikit-learn's
`roc_auc_score` per fit. Each side runs in a fresh subprocess with one BLAS/OpenMP thread.

    python bench/bench_whatif.py                 # adult (the bundled 10,000-row sample)
    python bench/bench_whatif.py --rounds 2      # the fastest of two runs per side counts
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
THREAD_ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def engine(frame, target: str, folds: int, repeats: int) -> dict:
    """The product: one run_what_ifs call."""
    from realitycheck.compare.whatif import run_what_ifs

    out = run_what_ifs(frame, target, folds=folds, repeats=repeats, seed=0)
    return {"boosted_100": out["what_if"]["learning_curve"]["boosted"][-1]}


def bare(frame, target: str, folds: int, repeats: int) -> dict:
    """The same fits by hand: every point, both models, every fold."""
    import numpy as np
    from sklearn.base import clone
    from sklearn.metrics import roc_auc_score

    from realitycheck.compare import whatif
    from realitycheck.compare.columns import prepare
    from realitycheck.compare.pipelines import build_pipelines, make_folds

    prepared = prepare(frame, target, "auto", folds, 0)
    plan, X, y = prepared.plan, prepared.X, prepared.y
    splits = make_folds(y, plan.task, folds, repeats, 0)
    pipelines = build_pipelines(plan.task, plan.numeric, plan.categorical, 0)
    points = [("rows", f) for f in whatif.FRACTIONS] + [
        ("noise", p) for p in whatif.NOISE_RATES if p > 0
    ]
    last = None
    for kind, value in points:
        for name in ("baseline", "boosted"):
            for fold, (train, test) in enumerate(splits):
                rng = np.random.default_rng([0, fold])
                rows, labels = train, y[train]
                if kind == "rows":
                    rows = whatif.subsample(train, y, plan.task, value, rng)
                    labels = y[rows]
                else:
                    labels = whatif.corrupt_labels(labels, plan.task, value, rng)
                model = clone(pipelines[name]).fit(X.iloc[rows], labels)
                last = roc_auc_score(y[test], model.predict_proba(X.iloc[test])[:, 1])
    return {"last_auc": float(last)}


def worker(side: str, folds: int, repeats: int) -> None:
    """Time one side in this process; print one JSON line."""
    sys.path.insert(0, str(ROOT))
    import sklearn.compose  # noqa: F401 (imports are outside the clock)
    import xgboost  # noqa: F401

    import realitycheck.compare.whatif  # noqa: F401
    from realitycheck.compare.datasets import load_bundled

    frame = load_bundled("adult")
    cpu0, start = time.process_time(), time.perf_counter()
    out = (engine if side == "engine" else bare)(frame, "Y", folds, repeats)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu0
    print(json.dumps({"seconds": seconds, "cpu": cpu, **out}))


def measure(side: str, folds: int, repeats: int) -> dict:
    """One side in a fresh subprocess."""
    cmd = [sys.executable, __file__, "--worker", side, "--folds", str(folds)]
    cmd += ["--repeats", str(repeats)]
    env = {**os.environ, **THREAD_ENV, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{side} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    """Run both sides, alternating, and print their times and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--worker", choices=["engine", "bare"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args.worker, args.folds, args.repeats)
    runs = {"engine": [], "bare": []}
    for _ in range(args.rounds):
        for side in runs:
            runs[side].append(measure(side, args.folds, args.repeats))
    e = min(runs["engine"], key=lambda r: r["seconds"])
    b = min(runs["bare"], key=lambda r: r["seconds"])
    print(f"adult (bundled 10k), {args.folds} folds x {args.repeats} repeats, what-ifs at the "
          f"defaults; best of {args.rounds}")  # fmt: skip
    print(f"engine {e['seconds']:.1f} s (cpu {e['cpu']:.1f} s), bare {b['seconds']:.1f} s "
          f"(cpu {b['cpu']:.1f} s): time x {e['seconds'] / b['seconds']:.3f}, "
          f"cpu x {e['cpu'] / b['cpu']:.3f}")  # fmt: skip
    return None


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
