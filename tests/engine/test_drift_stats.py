"""The drift statistics checked against scipy, worked examples and their definitions."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from scipy.spatial.distance import jensenshannon

from realitycheck.drift.adversarial import balanced_rows, delong_interval, drift_score, verdict
from realitycheck.drift.features import compare_feature, psi_band, psi_counts, psi_numeric
from realitycheck.drift.health import health_messages, out_of_range, unseen_categories

RNG = np.random.default_rng(7)


def series(values) -> pd.Series:
    return pd.Series(values)


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (0.0, "Resembles production"),
        (0.0999, "Resembles production"),
        (0.1, "Some shift"),
        (0.2499, "Some shift"),
        (0.25, "Shifted"),
        (1.0, "Shifted"),
    ],
)
def test_verdict_bands(score, expected):
    assert verdict(score) == expected


def test_drift_score_is_two_auc_minus_one_never_negative():
    assert drift_score(0.5) == 0.0
    assert drift_score(0.45) == 0.0
    assert drift_score(0.8) == pytest.approx(0.6)


def test_delong_matches_its_definition():
    y = RNG.integers(0, 2, 120)
    score = np.round(y * 0.7 + RNG.normal(size=120), 1)  # ties on purpose
    pos, neg = score[y == 1], score[y == 0]
    psi = (pos[:, None] > neg[None, :]) + 0.5 * (pos[:, None] == neg[None, :])
    auc = psi.mean()
    v10, v01 = psi.mean(axis=1), psi.mean(axis=0)
    se = np.sqrt(v10.var(ddof=1) / len(pos) + v01.var(ddof=1) / len(neg))
    got, low, high = delong_interval(y, score)
    assert got == pytest.approx(auc)
    assert low == pytest.approx(auc - 1.959964 * se)
    assert high == pytest.approx(auc + 1.959964 * se)


def test_balanced_rows_take_the_same_number_from_each_side():
    origin = np.r_[np.zeros(900, int), np.ones(150, int)]
    rows = balanced_rows(origin, cap=10_000, seed=0)
    assert np.bincount(origin[rows]).tolist() == [150, 150]
    assert np.all(np.diff(rows) > 0)
    capped = balanced_rows(origin, cap=100, seed=0)
    assert np.bincount(origin[capped]).tolist() == [100, 100]


def test_small_numeric_sample_uses_kolmogorov_smirnov():
    a, b = RNG.normal(size=800), RNG.normal(0.3, 1, size=300)
    row = compare_feature("x", "numeric", series(a), series(b))
    expected = stats.ks_2samp(a, b)
    assert row["test"] == "ks"
    assert row["statistic"] == pytest.approx(expected.statistic)
    assert row["p_value"] == pytest.approx(expected.pvalue)
    assert row["shifted"] == (expected.pvalue < 0.05)


def test_large_numeric_sample_uses_wasserstein_over_the_training_std():
    a, b = RNG.normal(10, 2, size=3000), RNG.normal(10.5, 2, size=2000)
    row = compare_feature("x", "numeric", series(a), series(b))
    assert row["test"] == "wasserstein_normed"
    assert row["statistic"] == pytest.approx(stats.wasserstein_distance(a, b) / np.std(a))
    assert row["p_value"] is None
    assert row["shifted"]  # about 0.25 standard deviations


def test_large_categorical_sample_uses_jensen_shannon():
    a = RNG.choice(list("xyz"), 2000, p=[0.5, 0.3, 0.2])
    b = RNG.choice(list("xyz"), 1000, p=[0.3, 0.3, 0.4])
    row = compare_feature("c", "categorical", series(a), series(b))
    shares = [pd.Series(v).value_counts(normalize=True).reindex(list("xyz")) for v in (a, b)]
    assert row["test"] == "jensen_shannon"
    assert row["statistic"] == pytest.approx(jensenshannon(shares[0], shares[1]))
    assert row["shifted"]


def test_small_categorical_sample_uses_chi_square_and_two_values_a_z_test():
    a = RNG.choice(list("xyz"), 500)
    b = RNG.choice(list("xyz"), 400)
    row = compare_feature("c", "categorical", series(a), series(b))
    table = pd.crosstab(np.r_[np.zeros(500), np.ones(400)], np.r_[a, b]).to_numpy()
    chi2, p, _, _ = stats.chi2_contingency(table, correction=False)
    assert (row["test"], row["statistic"], row["p_value"]) == ("chi_square", chi2, p)
    # Worked example: 50 of 100 vs 60 of 100 -> pooled 0.55, z = -1.4213, p = 0.1552.
    z = compare_feature(
        "s", "categorical", series(["m"] * 50 + ["f"] * 50), series(["m"] * 60 + ["f"] * 40)
    )
    assert z["test"] == "z_test"
    assert abs(z["statistic"]) == pytest.approx(1.4213, abs=1e-4)
    assert z["p_value"] == pytest.approx(0.1552, abs=1e-4)
    assert not z["shifted"]


def test_numbers_with_few_values_are_tested_as_categories():
    a, b = RNG.integers(0, 4, 3000).astype(float), RNG.integers(0, 4, 2000).astype(float)
    assert compare_feature("n", "numeric", series(a), series(b))["test"] == "jensen_shannon"


def test_a_side_with_no_values_is_not_tested():
    row = compare_feature("x", "numeric", series([1.0, 2.0, 3.0]), series([np.nan, np.nan]))
    assert (row["test"], row["shifted"], row["psi"]) == ("none", False, None)


def test_psi_worked_example_and_bands():
    # 50/50 in training, 25/75 in production: -0.25 ln 0.5 + 0.25 ln 1.5 = 0.2747.
    assert psi_counts(np.array([[50.0, 50.0], [25.0, 75.0]])) == pytest.approx(0.27465, abs=1e-5)
    same = RNG.normal(size=5000)
    assert psi_numeric(same, same) == pytest.approx(0.0)
    assert [psi_band(v) for v in (0.05, 0.1, 0.2, 0.25, None)] == [
        "stable",
        "moderate",
        "moderate",
        "major",
        "n/a",
    ]


def test_psi_sees_a_shift_in_a_mostly_zero_column():
    train = np.r_[np.zeros(900), RNG.uniform(1, 100, 100)]
    prod = np.r_[np.zeros(500), RNG.uniform(1, 100, 500)]
    assert psi_numeric(train, prod) > 0.25


def test_unseen_categories_and_out_of_range_values():
    X = pd.DataFrame(
        {
            "c": pd.Categorical(["a", "b", "a", "b", "a", "new", "new", "other"]),
            "n": [1.0, 5.0, 3.0, 2.0, 0.0, 9.0, 4.0, np.nan],
        }
    )
    origin = np.array([0, 0, 0, 0, 1, 1, 1, 1])
    [unseen] = unseen_categories(X, origin, ["c"])
    assert unseen["levels"] == 2
    assert unseen["rows"] == 3
    assert unseen["share"] == 0.75
    assert unseen["examples"] == ["new", "other"]
    [outside] = out_of_range(X, origin, ["n"])
    assert (outside["below"], outside["above"]) == (1, 1)
    assert outside["share"] == pytest.approx(2 / 3)
    messages = health_messages({"unseen_categories": [unseen], "out_of_range": [outside]})
    assert messages[0].startswith("75.0% of production rows have a c value training never had")
    assert "outside the training range [1, 5]" in messages[1]
