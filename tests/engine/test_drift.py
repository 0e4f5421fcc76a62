"""Data reality: known answers on the bundled datasets, then bad input, one case per test."""

import numpy as np
import pandas as pd
import pytest

from realitycheck.compare.datasets import DatasetError, load_bundled
from realitycheck.drift import run as drift
from realitycheck.drift.result import FEATURE_KEYS, SUMMARY_KEYS, DriftResult
from realitycheck.drift.run import run_drift

FAST = {"folds": 3}


def halves(frame: pd.DataFrame, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    order = np.random.default_rng(seed).permutation(len(frame))
    half = len(frame) // 2
    return frame.iloc[order[:half]], frame.iloc[order[half:]]


def by_median(frame: pd.DataFrame, column: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    median = frame[column].median()
    return frame[frame[column] < median], frame[frame[column] >= median]


# --- known answers -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["adult", "california_housing"])
def test_two_random_halves_resemble_each_other(name):
    train, production = halves(load_bundled(name))
    result = run_drift(train, production, **FAST)
    assert result.drift_score < 0.1
    assert result.verdict == "Resembles production"
    low, high = result.adversarial_auc_ci95
    assert low <= 0.5 + 0.02
    assert low <= result.adversarial_auc <= high
    assert sum(f["shifted"] for f in result.features) <= 1
    assert result.models is None
    assert result.target is None


@pytest.mark.parametrize(
    ("name", "column"), [("adult", "age"), ("california_housing", "median_income")]
)
def test_split_by_a_features_median_is_shifted_with_that_feature_first(name, column):
    train, production = by_median(load_bundled(name), column)
    result = run_drift(train, production, **FAST)
    assert result.verdict == "Shifted"
    assert result.drift_score >= 0.9
    assert result.features[0]["name"] == column
    assert result.features[0]["shifted"]
    assert result.features[0]["importance"] > 0.5
    assert column in result.distributions


def test_a_model_trained_on_one_side_scores_worse_on_the_other():
    train, production = by_median(load_bundled("adult"), "age")
    result = run_drift(train, production, target="Y", **FAST)
    for name in ("baseline", "boosted"):
        model = result.models[name]
        assert model["metric"] == "roc_auc"
        assert model["production"] < model["cv"] - 0.02, (name, model)
    # Label shift: older people earn more.
    assert result.target["train"] < 0.2 < 0.3 < result.target["production"]
    assert "Y" not in result.columns_compared


def test_summary_has_exactly_the_documented_keys():
    train, production = halves(load_bundled("penguins"))
    result = run_drift(train, production, target="species", **FAST)
    summary = result.summary()
    assert list(summary) == list(SUMMARY_KEYS)
    assert all(list(f) == list(FEATURE_KEYS) for f in summary["features"])
    importances = [f["importance"] for f in summary["features"]]
    assert importances == sorted(importances, reverse=True)
    assert set(summary["models"]) == {"baseline", "boosted"}
    assert all(set(m) == {"metric", "cv", "production"} for m in summary["models"].values())
    assert set(summary["target"]["train"]) == {"Adelie", "Chinstrap", "Gentoo"}
    again = DriftResult.from_dict(result.to_dict())
    assert again.summary() == summary


def test_one_table_split_at_a_date_cutoff_leaves_the_date_out():
    rng = np.random.default_rng(0)
    days = pd.date_range("2024-01-01", periods=400, freq="D")
    frame = pd.DataFrame(
        {
            "day": days.strftime("%Y-%m-%d"),
            "x": np.r_[rng.normal(0, 1, 300), rng.normal(3, 1, 100)],
            "y": rng.normal(size=400),
        }
    )
    result = run_drift(frame, split_by="day", cutoff="2024-10-27", **FAST)
    assert (result.rows_train, result.rows_production) == (300, 100)
    assert "day" not in result.columns_compared
    assert result.features[0]["name"] == "x"
    assert result.samples["split"] == {"by": "day", "cutoff": "2024-10-27"}
    assert result.verdict == "Shifted"


def test_progress_reaches_the_end():
    seen = []
    train, production = halves(load_bundled("penguins"))
    run_drift(train, production, on_progress=lambda d, t, m: seen.append((d, t)), **FAST)
    assert seen[-1][0] == seen[-1][1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


# --- bad input: one clear message each ------------------------------------------------------


def small(n: int = 200, seed: int = 0, **extra) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({"a": rng.normal(size=n), "b": rng.choice(["p", "q", "r"], n)})
    return frame.assign(**extra)


def test_different_columns_compare_the_shared_ones_and_name_the_rest():
    result = run_drift(small(extra_t=1.0), small(seed=1).assign(only_p="z"), **FAST)
    assert set(result.columns_compared) == {"a", "b"}
    messages = " ".join(w["message"] for w in result.warnings)
    assert "Only in training" in messages
    assert "'extra_t'" in messages
    assert "Only in production" in messages
    assert "'only_p'" in messages


def test_no_shared_column_is_refused():
    with pytest.raises(DatasetError, match="share no column"):
        run_drift(pd.DataFrame({"a": range(50)}), pd.DataFrame({"b": range(50)}))


@pytest.mark.parametrize("rows", [0, 1])
def test_empty_or_one_row_sample_is_refused(rows):
    with pytest.raises(DatasetError, match=f"production sample has {rows} rows"):
        run_drift(small(), small().iloc[:rows])


def test_split_column_that_does_not_exist_is_refused():
    with pytest.raises(DatasetError, match="split column 'when' is not in the data"):
        run_drift(small(), split_by="when", cutoff="2024-01-01")


def test_cutoff_that_leaves_one_side_empty_is_refused():
    frame = small(t=np.arange(200.0))
    with pytest.raises(DatasetError, match="leaves the production sample empty"):
        run_drift(frame, split_by="t", cutoff=1000)
    with pytest.raises(DatasetError, match="leaves the training sample empty"):
        run_drift(frame, split_by="t", cutoff=-5)


@pytest.mark.parametrize(
    ("column", "cutoff", "message"),
    [
        ("b", "q", "neither dates nor numbers"),
        ("t", "soon", "not a number"),
        ("d", "not a day", "not a date"),
    ],
)
def test_split_values_and_cutoffs_that_do_not_parse(column, cutoff, message):
    frame = small(t=np.arange(200.0), d=pd.date_range("2024-01-01", periods=200).astype(str))
    with pytest.raises(DatasetError, match=message):
        run_drift(frame, split_by=column, cutoff=cutoff)


def test_both_modes_at_once_or_neither_is_refused():
    with pytest.raises(DatasetError, match="not both"):
        run_drift(small(), small(), split_by="a", cutoff=0)
    with pytest.raises(DatasetError, match="Give a production sample"):
        run_drift(small())


def test_target_in_only_one_sample_is_refused():
    with pytest.raises(DatasetError, match="in the training sample but not in production"):
        run_drift(small(y=1), small(), target="y")


def test_constant_target_is_a_warning_not_a_crash():
    result = run_drift(small(y=1), small(seed=1, y=1), target="y", **FAST)
    assert result.models is None
    assert any("constant" in w["message"] for w in result.warnings)


def test_constant_and_id_columns_are_reported_not_compared():
    train = small(k=5.0, row_id=np.arange(200))
    production = small(seed=1, k=5.0, row_id=np.arange(200, 400))
    result = run_drift(train, production, **FAST)
    assert set(result.columns_compared) == {"a", "b"}
    assert result.health["train"]["constant"] == ["k"]
    assert result.health["id_like"] == ["row_id"]


def test_nan_and_inf_are_handled():
    train = small()
    production = small(seed=1)
    train.loc[:20, "a"] = np.inf
    production.loc[:50, "a"] = np.nan
    result = run_drift(train, production, **FAST)
    assert np.isfinite(result.drift_score)
    assert result.health["production"]["missing"]["a"] == pytest.approx(51 / 200)
    assert any("infinite" in w["message"] for w in result.warnings)


def test_large_samples_are_sampled_with_a_note(monkeypatch):
    monkeypatch.setattr(drift, "SAMPLE_CAP", 300)
    result = run_drift(small(2000), small(500, seed=1), **FAST)
    assert (result.rows_train, result.rows_production) == (300, 300)
    assert any("Sampled 300 of 2,000 training rows" in w["message"] for w in result.warnings)


def test_all_columns_unusable_is_refused():
    with pytest.raises(DatasetError, match="No column can be compared"):
        run_drift(pd.DataFrame({"k": [1] * 30}), pd.DataFrame({"k": [1] * 30}))


def test_column_names_xgboost_refuses_are_handled():
    odd = {"a": "a[1]<2", "b": "b]"}
    train = small(y=np.r_[np.zeros(100), np.ones(100)]).rename(columns=odd)
    production = small(seed=1, y=np.r_[np.zeros(100), np.ones(100)]).rename(columns=odd)
    result = run_drift(train, production, target="y", **FAST)
    assert {f["name"] for f in result.features} == {"a[1]<2", "b]"}
    assert set(result.models) == {"baseline", "boosted"}
