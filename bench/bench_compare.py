"""Benchmark: run_comparison against the bare scikit-learn loop (same pipelines, rows and folds).

Each measurement runs in a fresh subprocess so that its peak memory belongs to one side only:
the kernel's peak-RSS mark (VmHWM) is reset right before the timed call and read after it. The "bare" side is what a careful user would write by hand: encode the target, sample the
same rows, build the same three pipelines, `cross_validate` each on the same folds with the same
metrics, then refit each once on all rows. The engine side is one `run_comparison` call, which
also profiles columns, checks for leaks, measures latency, pickles the models, explains them and
runs the paired test. Both sides run with one BLAS/OpenMP thread (XGBoost's n_jobs is 1 in both).

    python bench/bench_compare.py                      # breast_cancer, adult, 10k, 100k
    python bench/bench_compare.py --cases 1m           # the 1M-row case (CV on a 100k sample)
    python bench/bench_compare.py --cases 1m --cv-row-cap 1000000 --sides engine,bare  # all 1M
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ADULT_FULL = ROOT.parent / "shared" / "samples" / "tabular" / "adult.csv"
SYNTHETIC = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
DEFAULT_CASES = "breast_cancer,adult,10k,100k"
THREAD_ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def synthetic(n: int, seed: int = 0):
    """n rows x 20 features (17 numeric, 3 categorical) with an interaction; binary target."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 17))
    frame = pd.DataFrame(X, columns=[f"num_{i}" for i in range(17)])
    for j, levels in enumerate((5, 12, 40)):
        frame[f"cat_{j}"] = pd.Series(rng.integers(0, levels, n)).map(lambda k: f"L{k}")
    signal = X[:, 0] - 0.7 * X[:, 1] + 1.2 * X[:, 2] * X[:, 3] + 0.8 * (frame["cat_0"] == "L1")
    frame["target"] = np.where(rng.random(n) < 1 / (1 + np.exp(-(signal - 1.5))), "yes", "no")
    return frame


def load_case(case: str):
    """(frame, target, description) for one benchmark case."""
    from realitycheck.compare.datasets import load_bundled, read_table

    if case == "breast_cancer":
        return load_bundled("breast_cancer"), "diagnosis", "scikit-learn breast cancer"
    if case == "adult":
        if ADULT_FULL.is_file():
            return read_table(ADULT_FULL.read_bytes(), "adult.csv"), "Y", "adult.csv (full)"
        return load_bundled("adult"), "Y", "adult (bundled 10k sample: shared samples absent)"
    return synthetic(SYNTHETIC[case]), "target", f"synthetic {SYNTHETIC[case]:,} x 20"


def run_engine(frame, target: str, args) -> dict:
    """The product: one run_comparison call."""
    from realitycheck.compare.run import run_comparison

    result = run_comparison(
        frame, target, folds=args.folds, repeats=args.repeats, seed=0, max_cv_rows=args.cv_row_cap
    )
    return {"rows": result.rows, "columns": result.columns_used, "verdict": result.verdict}


def _bare_inputs(frame, target: str, args) -> tuple:
    """What a hand-written loop needs: the engine's rows and folds, categories as category."""
    import numpy as np
    import pandas as pd

    from realitycheck.compare.pipelines import build_pipelines, make_folds
    from realitycheck.compare.target import sample_rows

    labels = frame[target]
    y_all = (labels == labels.value_counts().idxmin()).to_numpy().astype(np.int64)  # rare = 1
    rows = sample_rows(y_all, "binary", args.cv_row_cap, 0)  # the rows the engine samples
    X = frame.drop(columns=[target]).iloc[rows].reset_index(drop=True)
    text = [c for c in X.columns if not pd.api.types.is_numeric_dtype(X[c])]
    X[text] = X[text].astype("category")
    y = y_all[rows]
    splits = make_folds(y, "binary", args.folds, args.repeats, 0)
    numeric = [c for c in X.columns if c not in text]
    return X, y, splits, build_pipelines("binary", numeric, text, seed=0)


def run_bare(frame, target: str, args) -> dict:
    """The bare loop: the same pipelines on the same rows and folds via cross_validate."""
    from sklearn.base import clone
    from sklearn.model_selection import cross_validate

    from realitycheck.compare.scoring import sklearn_scoring

    X, y, splits, pipelines = _bare_inputs(frame, target, args)
    for pipeline in pipelines.values():
        cross_validate(pipeline, X, y, cv=splits, scoring=sklearn_scoring("binary"))
        clone(pipeline).fit(X, y)
    return {"rows": len(y), "columns": list(X.columns), "verdict": ""}


def run_lean(frame, target: str, args) -> dict:
    """A leaner hand loop: one predict_proba per fold, scikit-learn's metric functions on it."""
    from sklearn import metrics as skm
    from sklearn.base import clone

    X, y, splits, pipelines = _bare_inputs(frame, target, args)
    for pipeline in pipelines.values():
        for train, test in splits:
            p = clone(pipeline).fit(X.iloc[train], y[train]).predict_proba(X.iloc[test])[:, 1]
            y_test, label = y[test], (p >= 0.5).astype(int)
            skm.roc_auc_score(y_test, p), skm.average_precision_score(y_test, p)
            skm.log_loss(y_test, p), skm.brier_score_loss(y_test, p)
            skm.accuracy_score(y_test, label), skm.balanced_accuracy_score(y_test, label)
            skm.f1_score(y_test, label)
        clone(pipeline).fit(X, y)
    return {"rows": len(y), "columns": list(X.columns), "verdict": ""}


RUNNERS = {"engine": run_engine, "bare": run_bare, "lean": run_lean}


def worker(side: str, case: str, args) -> None:
    """Load the data, then time one side; print one JSON line with seconds and memory."""
    sys.path.insert(0, str(ROOT))
    import gc

    # Import cost is not part of either side: load what both use before the clock starts.
    import sklearn.compose  # noqa: F401
    import sklearn.linear_model  # noqa: F401
    import sklearn.model_selection  # noqa: F401
    import xgboost  # noqa: F401

    import realitycheck.compare.run  # noqa: F401

    frame, target, _ = load_case(case)
    gc.collect()
    reset = _reset_peak()
    before = _status_mb("VmRSS")
    cpu_start, start = _cpu_seconds(), time.perf_counter()
    out = RUNNERS[side](frame, target, args)
    seconds, cpu = time.perf_counter() - start, _cpu_seconds() - cpu_start
    # VmHWM after a reset is the peak of the timed call alone (data generation excluded);
    # without the reset it is the process's lifetime peak, the same as ru_maxrss.
    peak = _status_mb("VmHWM")
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": peak, "before_mb": before,
                      "peak_reset": reset, **out}))  # fmt: skip


def _reset_peak() -> bool:
    """Reset the kernel's peak-RSS mark for this process (Linux: clear_refs 5)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024  # kB
    raise RuntimeError(f"{field} not in /proc/self/status")


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(side: str, case: str, args) -> dict:
    """Run one side of one case in a fresh subprocess."""
    cmd = [sys.executable, __file__, "--worker", side, "--cases", case, "--folds", str(args.folds)]
    cmd += ["--repeats", str(args.repeats), "--cv-row-cap", str(args.cv_row_cap)]
    env = {**os.environ, **THREAD_ENV, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{side} {case} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def best_of(case: str, args) -> dict[str, dict]:
    """Per side, the fastest of --rounds runs (the least disturbed by other load), lowest peak.

    The sides alternate within each round, so a burst of load from elsewhere hits all of them.
    """
    runs: dict[str, list[dict]] = {side: [] for side in args.sides}
    for _ in range(args.rounds):
        for side in args.sides:
            runs[side].append(measure(side, case, args))
    best = {side: min(r, key=lambda run: run["seconds"]) for side, r in runs.items()}
    for side, r in runs.items():  # peak memory also varies from run to run: the lowest counts
        lowest = min(r, key=lambda run: run["peak_mb"])
        best[side] |= {"cpu": min(run["cpu"] for run in r), "peak_mb": lowest["peak_mb"]}
        best[side]["before_mb"] = lowest["before_mb"]
    return best


def main() -> None:
    """Measure every case side by side and print the table of figures and ratios."""
    args = _parser().parse_args()
    if args.cv_row_cap is None:
        from realitycheck.compare.run import CV_ROW_CAP

        args.cv_row_cap = CV_ROW_CAP
    cases = [c.strip() for c in args.cases.split(",") if c.strip()]
    if not {"engine", "bare"} <= set(args.sides) <= set(RUNNERS):
        raise SystemExit("--sides must include engine and bare (and may add lean)")
    if args.worker:
        return worker(args.worker, cases[0], args)
    print(
        f"{args.folds} folds x {args.repeats} repeats, CV row cap {args.cv_row_cap:,}, "
        f"best of {args.rounds} round(s); time x = engine / bare wall time, cpu x = the same for "
        "user+sys CPU time (steadier when other work shares the cores); peak memory = the peak "
        "RSS (VmHWM, reset just before the timed call) of a fresh subprocess per run; 'added' = "
        "peak minus RSS just before the timed call (the loaded data)."
    )
    print(_header())
    results = []
    for case in cases:
        best = best_of(case, args)
        engine, bare, lean = best["engine"], best["bare"], best.get("lean")
        if engine["rows"] != bare["rows"] or sorted(engine["columns"]) != sorted(bare["columns"]):
            print(f"  ! {case}: sides differ in rows or columns: {engine} vs {bare}")
        results.append((case, engine, bare, lean))
        print(_line(case, engine, bare, lean), flush=True)
    _growth(results)


def _header() -> str:
    return (
        f"{'case':<14}{'CV rows':>9}{'engine s':>10}{'bare s':>9}{'time x':>8}{'cpu x':>7}"
        f"{'lean s':>8}{'vs lean':>8}{'eng peak MB':>12}{'bare peak MB':>13}{'mem x':>7}"
        f"{'eng added':>10}{'bare added':>11}  verdict"
    )


def _line(case: str, e: dict, b: dict, lean: dict) -> str:
    e_add, b_add = e["peak_mb"] - e["before_mb"], b["peak_mb"] - b["before_mb"]
    return (
        f"{case:<14}{e['rows']:>9,}{e['seconds']:>10.2f}{b['seconds']:>9.2f}"
        f"{e['seconds'] / b['seconds']:>8.3f}{e['cpu'] / b['cpu']:>7.3f}"
        + (f"{lean['seconds']:>8.2f}{e['seconds'] / lean['seconds']:>8.3f}" if lean else " " * 16)
        + f"{e['peak_mb']:>12.0f}{b['peak_mb']:>13.0f}"
        f"{e['peak_mb'] / b['peak_mb']:>7.3f}{e_add:>10.0f}{b_add:>11.0f}  {e['verdict']}"
    )


def _growth(results: list) -> None:
    synth = [(SYNTHETIC[c], e, b) for c, e, b, _ in results if c in SYNTHETIC]
    if len(synth) < 2:
        return
    print("\nGrowth with rows (synthetic cases; CV rows are capped at --cv-row-cap):")
    for (n0, e0, b0), (n1, e1, b1) in zip(synth, synth[1:], strict=False):
        print(
            f"  {n0:,} -> {n1:,} rows (CV rows x{e1['rows'] / e0['rows']:.1f}): time x"
            f"{e1['seconds'] / e0['seconds']:.1f} engine, x{b1['seconds'] / b0['seconds']:.1f} "
            f"bare; added memory {e0['peak_mb'] - e0['before_mb']:.0f} -> "
            f"{e1['peak_mb'] - e1['before_mb']:.0f} MB engine, {b0['peak_mb'] - b0['before_mb']:.0f}"
            f" -> {b1['peak_mb'] - b1['before_mb']:.0f} MB bare"
        )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default=DEFAULT_CASES, help="comma-separated: breast_cancer, "
                        "adult, 10k, 100k, 1m (default: %(default)s)")  # fmt: skip
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=1, help="runs per side; the fastest counts")
    parser.add_argument("--cv-row-cap", type=int, default=None, help="default: the engine's cap")
    parser.add_argument(
        "--sides",
        type=lambda text: [s for s in text.split(",") if s],
        default=list(RUNNERS),
        help="which loops to run: engine,bare[,lean] (default: all three)",
    )
    parser.add_argument("--worker", choices=list(RUNNERS), help=argparse.SUPPRESS)
    return parser


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
