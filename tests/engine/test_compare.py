"""The comparison end to end: verdicts on clear cases, determinism, result shape, progress, caps."""

import json

import numpy as np
import pandas as pd
import pytest

from realitycheck.compare import pipelines as models
from realitycheck.compare import run as compare
from realitycheck.compare import settings
from realitycheck.compare.datasets import BUNDLED, DatasetError, load_bundled
from realitycheck.compare.report import costs_table, folds_table, metrics_table
from realitycheck.compare.result import SUMMARY_KEYS, SUMMARY_MODEL_KEYS, ComparisonResult
from realitycheck.compare.run import run_comparison
from realitycheck.compare.stats import BASELINE_ENOUGH, BOOSTED_WINS, INCONCLUSIVE, VERDICTS

FAST = {"folds": 3, "repeats": 2}


def _synthetic(kind: str, n: int = 900, seed: int = 0) -> pd.DataFrame:
    """Clear cases: a pure interaction (trees win) or an additive signal (linear is enough)."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, size=(n, 5))
    frame = pd.DataFrame(X, columns=[f"x{i}" for i in range(5)])
    if kind == "interaction_binary":
        signal = X[:, 0] * X[:, 1] * 8
    elif kind == "linear_binary":
        signal = X @ np.array([2.0, -1.5, 1.0, 0.5, 0.0]) * 2
    elif kind == "interaction_regression":
        frame["y"] = np.sin(3 * X[:, 0]) * np.sign(X[:, 1]) * 10 + rng.normal(size=n)
        return frame
    else:  # linear_regression
        frame["y"] = X @ np.array([3.0, -2.0, 1.0, 0.5, 0.0]) * 10 + rng.normal(scale=4, size=n)
        return frame
    frame["y"] = np.where(rng.random(n) < 1 / (1 + np.exp(-signal)), "pos", "neg")
    return frame


@pytest.fixture(scope="module")
def clear_case():
    """run_comparison on one synthetic kind, computed once per module (results are read-only)."""
    cache: dict[str, ComparisonResult] = {}

    def get(kind: str) -> ComparisonResult:
        if kind not in cache:
            cache[kind] = run_comparison(_synthetic(kind), "y", **FAST)
        return cache[kind]

    return get


@pytest.mark.parametrize(
    ("kind", "verdict"),
    [
        ("interaction_binary", BOOSTED_WINS),
        ("linear_binary", BASELINE_ENOUGH),
        ("interaction_regression", BOOSTED_WINS),
        ("linear_regression", BASELINE_ENOUGH),
    ],
)
def test_verdicts_on_clear_cases(clear_case, kind, verdict):
    result = clear_case(kind)
    assert result.verdict == verdict, result.verdict_reason
    lo, hi = result.difference["ci95"]
    margin = result.difference["margin"]
    assert (lo > margin) if verdict == BOOSTED_WINS else (hi < margin)
    assert result.models["dummy"].metrics[result.primary_metric]["mean"] is not None


def test_regression_difference_is_oriented_so_positive_means_boosted_better(clear_case):
    result = clear_case("interaction_regression")
    base = np.array(result.models["baseline"].metrics["rmse"]["folds"])
    boost = np.array(result.models["boosted"].metrics["rmse"]["folds"])
    assert result.primary_metric == "rmse"
    assert result.difference["folds"] == pytest.approx(list(base - boost))
    assert result.difference["mean"] > 0
    assert "positive means boosted is better" in result.difference["orientation"]
    assert result.difference["margin"] == pytest.approx(0.02 * base.mean())  # default: 2%
    assert "RMSE" in result.cost_sentence
    assert "lower with boosting" in result.cost_sentence


def test_same_seed_same_scores_other_seed_other_folds():
    frame = _synthetic("linear_binary", n=300)
    first = run_comparison(frame, "y", seed=7, **FAST)
    second = run_comparison(frame.copy(), "y", seed=7, **FAST)
    for name in models.MODEL_NAMES:
        assert first.models[name].metrics == second.models[name].metrics
    assert first.difference == second.difference
    assert first.oof == second.oof
    assert first.explanations == second.explanations
    y = (frame["y"] == "pos").to_numpy().astype(int)
    folds = [test.tolist() for _, test in models.make_folds(y, "binary", 3, 2, 7)]
    assert folds == [test.tolist() for _, test in models.make_folds(y, "binary", 3, 2, 7)]
    assert folds != [test.tolist() for _, test in models.make_folds(y, "binary", 3, 2, 8)]


def test_result_round_trips_and_summary_has_exactly_the_documented_keys():
    result = run_comparison(_synthetic("linear_binary", n=300), "y", **FAST)
    data = json.loads(json.dumps(result.to_dict()))  # JSON-safe
    again = ComparisonResult.from_dict(data)
    assert again.to_dict() == data
    summary = result.summary()
    assert tuple(summary) == SUMMARY_KEYS
    for report in summary["models"].values():
        assert tuple(report) == SUMMARY_MODEL_KEYS
    assert set(summary["difference"]) == {"metric", "mean", "ci95", "p_value"}
    assert summary["verdict"] in VERDICTS
    extras = {"oof", "explanations", "settings", "dataset", "cost_sentence", "notes"}
    assert extras <= set(data)
    assert "dropped_target_rows" in data


def test_a_saved_run_loads_back_as_the_same_result(store, project):
    result = run_comparison(
        _synthetic("linear_regression", n=300), "y", dataset_name="demo", fingerprint="f0", **FAST
    )
    run_id = store.save_run(project.id, result)
    loaded = store.get_run(run_id)
    assert isinstance(loaded, ComparisonResult)
    for table in (metrics_table, costs_table, folds_table):
        assert table(loaded).equals(table(result))
    assert loaded == ComparisonResult.from_dict(json.loads(json.dumps(result.to_dict())))
    assert loaded.models["boosted"] == result.models["boosted"]
    assert (loaded.difference, loaded.oof) == (result.difference, result.oof)
    [row] = store.list_runs(project.id)
    assert (row["dataset_name"], row["fingerprint"], row["target"]) == ("demo", "f0", "y")
    assert (row["task"], row["verdict"]) == ("regression", result.verdict)
    assert store.get_run(run_id + 1) is None


def test_binary_metrics_costs_oof_and_explanations():
    frame = _synthetic("interaction_binary", n=300)
    frame.loc[:9, "y"] = None
    result = run_comparison(frame, "y", dataset_name="demo", fingerprint="abc", **FAST)
    assert result.task == "binary"
    assert result.rows == 290
    assert result.dropped_target_rows == 10
    assert set(result.models["boosted"].metrics) == {
        "roc_auc", "pr_auc", "log_loss", "brier", "accuracy", "balanced_accuracy", "f1",
    }  # fmt: skip
    assert len(result.models["baseline"].metrics["roc_auc"]["folds"]) == 6
    boosted, baseline = result.models["boosted"], result.models["baseline"]
    assert boosted.n_parameters > baseline.n_parameters == 6  # 5 coefficients + intercept
    assert boosted.size_bytes > baseline.size_bytes > 0
    assert 0 < boosted.predict_ms_p50_1row <= boosted.predict_ms_p95_1row
    assert boosted.fit_seconds > 0
    assert boosted.fold_seconds > 0
    oof = result.oof
    assert oof["rows"] == 290
    assert len(oof["y_true"]) == 290
    assert set(oof["y_true"]) == {0, 1}
    assert all(0.0 <= p <= 1.0 for p in oof["pred"]["boosted"])
    assert result.positive_class in {"pos", "neg"}
    assert [e["feature"] for e in result.explanations["boosted"][:2]] in (
        ["x0", "x1"],
        ["x1", "x0"],
    )
    assert result.dataset == {
        "name": "demo", "fingerprint": "abc", "target": "y", "rows_input": 300, "columns_input": 6,
    }  # fmt: skip


def test_multiclass_on_bundled_penguins():
    result = run_comparison(load_bundled("penguins"), BUNDLED["penguins"].target, **FAST)
    assert result.task == "multiclass"
    assert result.classes == ["Adelie", "Chinstrap", "Gentoo"]
    assert result.primary_metric == "roc_auc_ovr"
    assert set(result.models["baseline"].metrics) == {
        "roc_auc_ovr",
        "log_loss",
        "accuracy",
        "f1_macro",
    }
    assert result.models["baseline"].metrics["roc_auc_ovr"]["mean"] > 0.95
    assert len(result.oof["pred"]["boosted"][0]) == 3
    terms = {t["term"] for t in result.explanations["baseline_terms"]}
    assert any(t.startswith("island = ") for t in terms)
    assert result.dropped_target_rows == 0


def test_bundled_breast_cancer_default_settings_say_baseline_is_enough():
    info = BUNDLED["breast_cancer"]
    result = run_comparison(load_bundled("breast_cancer"), info.target)
    assert result.verdict == BASELINE_ENOUGH
    assert info.expect.startswith(result.verdict)
    assert result.settings["folds"] == 5
    assert result.settings["repeats"] == 5  # under 2,000 rows


def test_progress_is_reported_per_fold():
    calls = []
    frame = _synthetic("linear_binary", n=200)
    run_comparison(frame, "y", folds=4, repeats=1, on_progress=lambda *a: calls.append(a))
    assert [c[0] for c in calls] == list(range(14))  # 3 models x 4 folds, then the refits
    assert {c[1] for c in calls} == {13}
    assert calls[0][2] == "Checking columns and building folds"
    assert calls[1][2] == "Dummy floor: fold 1 of 4, repeat 1 of 1"
    assert calls[12][2] == "Boosted (XGBoost): fold 4 of 4, repeat 1 of 1"
    assert calls[-1][2] == "Done"


def test_out_of_fold_predictions_are_subsampled_consistently(monkeypatch):
    from realitycheck.compare.target import sample_rows

    frame = _synthetic("interaction_binary", n=300)
    full = run_comparison(frame, "y", folds=3, repeats=1)
    monkeypatch.setattr(compare, "OOF_MAX_ROWS", 100)
    small = run_comparison(frame, "y", folds=3, repeats=1)
    rows = sample_rows(np.array(full.oof["y_true"]), "binary", 100, 0)
    assert (small.oof["rows"], small.oof["of_rows"], full.oof["rows"]) == (100, 300, 300)
    assert small.oof["y_true"] == [full.oof["y_true"][i] for i in rows]
    assert small.oof["pred"]["boosted"] == [full.oof["pred"]["boosted"][i] for i in rows]


def test_large_data_is_sampled_with_a_note():
    result = run_comparison(_synthetic("linear_binary", n=600), "y", max_cv_rows=250, **FAST)
    assert result.rows == 250
    assert any(n.startswith("Sampled 250 of 600 rows") for n in result.notes)


def test_explicit_margin_is_used():
    result = run_comparison(_synthetic("linear_binary", n=300), "y", margin=0.5, **FAST)
    assert result.difference["margin"] == 0.5
    assert result.settings["margin"] == 0.5
    assert "+0.500" in result.verdict_reason


def test_library_warnings_become_result_warnings(monkeypatch):
    monkeypatch.setattr(models, "BASELINE_MAX_ITER", 1)
    monkeypatch.setattr(compare, "BASELINE_MAX_ITER", 1)
    result = run_comparison(_synthetic("linear_binary", n=200), "y", folds=3, repeats=1)
    messages = [w["message"] for w in result.warnings if w["column"] is None]
    assert any("did not fully converge in 4 of 4 fits" in m for m in messages)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"folds": 1}, "Folds must be between 2 and 20"),
        ({"repeats": 0}, "Repeats must be between 1 and 20"),
        ({"folds": 2, "repeats": 1}, "at least 3 folds in total"),
        ({"margin": -0.1}, "non-negative"),
        ({"margin": float("nan")}, "non-negative"),
        ({"task": "ranking"}, "Unknown task"),
    ],
)
def test_bad_settings(settings, message):
    with pytest.raises(ValueError, match=message):
        run_comparison(_synthetic("linear_binary", n=100), "y", **settings)


def test_class_smaller_than_folds_is_a_dataset_error():
    frame = _synthetic("linear_binary", n=100)
    frame.loc[:, "y"] = ["a"] * 97 + ["b"] * 3
    with pytest.raises(DatasetError, match="Too few rows for 5 folds"):
        run_comparison(frame, "y", folds=5)


def _random_predictions(task: str, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(20, 400))
    if task == "regression":
        y = rng.normal(size=n) * 10
        return y, np.round(y + rng.normal(size=n) * 5, 1)
    k = 2 if task == "binary" else 4
    y = np.r_[np.arange(k), rng.integers(0, k, n - k)]
    counts = rng.integers(0, 6, size=(n, k)) + 0.5  # few distinct values: many ties
    return y, counts / counts.sum(axis=1, keepdims=True)


@pytest.mark.parametrize("task", ["binary", "multiclass", "regression"])
@pytest.mark.parametrize("seed", range(15))
def test_fast_metrics_equal_scikit_learn(task, seed):
    from sklearn import metrics as skm

    from realitycheck.compare.scoring import score

    y, pred = _random_predictions(task, seed)
    ours = score(task, y, pred)
    if task == "regression":
        ref = {
            "rmse": skm.root_mean_squared_error(y, pred),
            "mae": skm.mean_absolute_error(y, pred),
            "r2": skm.r2_score(y, pred),
        }
    elif task == "binary":
        p, label = pred[:, 1], (pred[:, 1] >= 0.5).astype(int)
        ref = {
            "roc_auc": skm.roc_auc_score(y, p),
            "pr_auc": skm.average_precision_score(y, p),
            "log_loss": skm.log_loss(y, pred),
            "brier": skm.brier_score_loss(y, p),
            "accuracy": skm.accuracy_score(y, label),
            "balanced_accuracy": skm.balanced_accuracy_score(y, label),
            "f1": skm.f1_score(y, label, zero_division=0.0),
        }
    else:
        label = pred.argmax(axis=1)
        ref = {
            "roc_auc_ovr": skm.roc_auc_score(y, pred, multi_class="ovr", labels=range(4)),
            "log_loss": skm.log_loss(y, pred, labels=range(4)),
            "accuracy": skm.accuracy_score(y, label),
            "f1_macro": skm.f1_score(y, label, average="macro", labels=range(4), zero_division=0),
        }
    assert ours == pytest.approx(ref, rel=1e-9, abs=1e-12)


def test_integer_codes_as_categories_give_the_baseline_its_due():
    rng = np.random.default_rng(0)
    n = 900
    job = rng.integers(0, 8, n)
    x = rng.normal(size=n)
    signal = np.array([1.5, -1.5, 1.0, -1.0, 2.0, -2.0, 0.5, -0.5])[job] + x
    frame = pd.DataFrame({"job": job, "x": x})
    frame["y"] = np.where(rng.random(n) < 1 / (1 + np.exp(-signal)), "yes", "no")
    as_numbers = run_comparison(frame, "y", folds=3, repeats=1)
    as_categories = run_comparison(frame, "y", folds=3, repeats=1, categorical=["job"])
    auc = {
        name: r.models["baseline"].metrics["roc_auc"]["mean"]
        for name, r in (("numbers", as_numbers), ("categories", as_categories))
    }
    assert auc["categories"] > auc["numbers"] + 0.1
    assert any(w["column"] == "job" for w in as_numbers.summary()["warnings"])
    assert {"column": "job", "as": "category"} in as_categories.summary()["columns_used"]
    assert as_categories.settings["categorical"] == ["job"]


def test_a_verdict_that_flips_with_the_seed_is_called_fragile():
    """Boosting's gain sits near the margin: at 5 folds x 1 repeat one seed says "Baseline is
    enough" and the next "Inconclusive"; the firm one must say it is fragile and what settles it."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(600, 4))
    frame = pd.DataFrame(X, columns=[f"x{i}" for i in range(4)])
    signal = X @ np.array([1.0, -0.8, 0.5, 0.3]) + 0.4 * np.sign(X[:, 0] * X[:, 1])
    frame["y"] = np.where(rng.random(600) < 1 / (1 + np.exp(-signal)), "yes", "no")
    runs = [run_comparison(frame, "y", folds=5, repeats=1, seed=seed) for seed in (0, 1)]
    assert [r.verdict for r in runs] == [INCONCLUSIVE, BASELINE_ENOUGH]
    firm = runs[1]
    assert firm.difference["fragile"] is True
    assert "The verdict is fragile: the interval's upper end (+0.006" in firm.verdict_reason
    assert "another seed could flip it" in firm.verdict_reason
    needed = firm.difference["repeats_to_settle"]
    assert needed is None or 1 < needed <= 20
    warning = firm.summary()["warnings"][-1]
    assert warning["column"] is None
    assert warning["message"].startswith("Fragile verdict: the interval's upper end")
    assert runs[0].difference["fragile"] is False  # inconclusive is not a firm statement
    assert "would settle it" in runs[0].verdict_reason or "would likely" in runs[0].verdict_reason


def test_small_data_gets_more_repeats_by_default():
    assert settings.default_repeats(1_999) == settings.SMALL_DATA_REPEATS == 5
    assert settings.default_repeats(2_000) == settings.DEFAULT_REPEATS == 2
    result = run_comparison(_synthetic("linear_binary", n=300), "y", folds=3)
    assert result.settings["repeats"] == 5
    assert len(result.difference["folds"]) == 15


@pytest.mark.parametrize(
    "kind", ["interaction_binary", "linear_binary", "interaction_regression", "linear_regression"]
)
def test_scores_table_says_better_by_the_verdicts_rule(clear_case, kind):
    result = clear_case(kind)
    table = metrics_table(result)
    primary = table[table["metric"].str.endswith("(primary)")].iloc[0]
    low, high = result.difference["ci95"]
    expected = "Boosted (XGBoost)" if low > 0 else "Baseline (linear)" if high < 0 else "tie"
    assert primary["better"] == expected
    assert "reduction gain" not in result.verdict_reason
    if high < 0:
        assert result.verdict_reason.startswith("The baseline is better")


def test_a_gap_inside_the_paired_interval_is_a_tie(clear_case):
    table = metrics_table(clear_case("linear_binary")).set_index("metric")
    # 0.8450 vs 0.8272 accuracy: a gap the paired interval cannot tell from zero
    assert table.loc["accuracy", "better"] == "tie"
    assert table.loc["ROC AUC (primary)", "better"] == "Baseline (linear)"
