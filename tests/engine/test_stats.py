"""The corrected resampled t-test (checked by hand) and the verdict against the margin."""

import math
import re

import pytest

from realitycheck.compare import stats
from realitycheck.compare.stats import (
    BASELINE_ENOUGH,
    BOOSTED_WINS,
    INCONCLUSIVE,
    PairedTest,
    corrected_t_test,
    decide,
    format_signed,
)


def test_corrected_t_test_matches_hand_computation():
    # J = 5 differences, n_train = 80, n_test = 20 (5-fold CV on 100 rows).
    # mean = 0.02; sample variance = (1e-4 + 0 + 1e-4 + 4e-4 + 4e-4) / 4 = 2.5e-4
    # correction = 1/5 + 20/80 = 0.45; se = sqrt(0.45 * 2.5e-4) = 0.0106066
    # t = 0.02 / 0.0106066 = 1.88562 with 4 dof; t_0.975,4 = 2.776445 (tables)
    # CI = 0.02 -/+ 2.776445 * 0.0106066 = [-0.009449, 0.049449]; two-sided p = 0.1324
    result = corrected_t_test([0.01, 0.02, 0.03, 0.00, 0.04], n_train=80, n_test=20)
    assert result.mean == pytest.approx(0.02)
    assert result.std == pytest.approx(math.sqrt(2.5e-4))
    assert result.correction == pytest.approx(0.45)
    assert result.t_stat == pytest.approx(1.885618, rel=1e-5)
    assert result.dof == 4
    assert result.n_folds == 5
    assert result.ci_low == pytest.approx(-0.009449, abs=1e-6)
    assert result.ci_high == pytest.approx(0.049449, abs=1e-6)
    assert result.p_value == pytest.approx(0.1324, abs=1e-4)


def test_correction_is_wider_than_the_naive_paired_t_test():
    # The naive one-sample t-test on the same numbers gives t = 2.828 and p = 0.047:
    # "significant", which the overlapping training sets do not justify.
    result = corrected_t_test([0.01, 0.02, 0.03, 0.00, 0.04], n_train=80, n_test=20)
    naive_se = math.sqrt(2.5e-4 / 5)
    assert 0.02 / naive_se == pytest.approx(2.828427, rel=1e-6)
    assert result.p_value > 0.05
    assert result.t_stat < 0.02 / naive_se


@pytest.mark.parametrize(
    ("diffs", "t_stat", "p_value", "ci"),
    [
        ([0.0, 0.0, 0.0], 0.0, 1.0, (0.0, 0.0)),
        ([0.02, 0.02, 0.02], math.inf, 0.0, (0.02, 0.02)),
        ([-0.02, -0.02, -0.02], -math.inf, 0.0, (-0.02, -0.02)),
    ],
)
def test_zero_variance(diffs, t_stat, p_value, ci):
    result = corrected_t_test(diffs, n_train=90, n_test=10)
    assert result.t_stat == t_stat
    assert result.p_value == p_value
    assert (result.ci_low, result.ci_high) == pytest.approx(ci)


@pytest.mark.parametrize(
    ("diffs", "n_train", "n_test"),
    [([0.1], 80, 20), ([], 80, 20), ([0.1, 0.2], 0, 20), ([0.1, 0.2], 80, -1)],
)
def test_bad_test_inputs_raise(diffs, n_train, n_test):
    with pytest.raises(ValueError, match=r"at least two folds|must be positive"):
        corrected_t_test(diffs, n_train=n_train, n_test=n_test)


def _ci(low: float, high: float) -> PairedTest:
    mid = (low + high) / 2
    return PairedTest(mid, 0.01, low, high, 1.0, 0.3, 9, 10, 0.2)


@pytest.mark.parametrize(
    ("low", "high", "margin", "label", "phrase"),
    [
        (0.012, 0.030, 0.01, BOOSTED_WINS, "lies above"),
        (0.0101, 0.02, 0.01, BOOSTED_WINS, "lies above"),
        (-0.010, 0.009, 0.01, BASELINE_ENOUGH, "too small to matter"),
        (-0.050, -0.020, 0.01, BASELINE_ENOUGH, "The baseline is better"),
        (-0.004, 0.020, 0.01, INCONCLUSIVE, "more data, more folds or repeats"),
        (0.005, 0.015, 0.01, INCONCLUSIVE, "straddles"),
        (0.001, 0.003, 0.0, BOOSTED_WINS, "lies above"),
        (1200.0, 2400.0, 800.0, BOOSTED_WINS, "+800"),
        (100.0, 700.0, 800.0, BASELINE_ENOUGH, "+800"),
    ],
)
def test_verdict_against_margin(low, high, margin, label, phrase):
    verdict = decide(_ci(low, high), margin, "ROC AUC")
    assert verdict.label == label
    assert phrase in verdict.reason
    assert verdict.reason.count(".") >= 1
    assert "\n" not in verdict.reason


def test_negative_margin_is_refused():
    with pytest.raises(ValueError, match="margin"):
        decide(_ci(0.0, 0.1), -0.01, "ROC AUC")


@pytest.mark.parametrize(
    ("value", "text"),
    [(0.0123, "+0.012"), (-0.004, "-0.004"), (0.0, "+0.000"), (22350.4, "+22,350"), (-15.6, "-16")],
)
def test_format_signed(value, text):
    assert format_signed(value) == text


def _numbers(text: str) -> list[float]:
    return [float(n.replace(",", "")) for n in re.findall(r"[+-][\d,]+\.?\d*", text)]


@pytest.mark.parametrize(
    ("low", "high", "margin"),
    [
        (0.0099, 0.022, 0.01),  # spambase: printed +0.010, "straddles" the margin of +0.010
        (0.01004, 0.03, 0.01),
        (-0.02, 0.00996, 0.01),
        (0.00042, 0.002, 0.0),
        (799.6, 2400.0, 800.0),
    ],
)
def test_printed_numbers_agree_with_the_words(low, high, margin):
    verdict = decide(_ci(low, high), margin, "ROC AUC")
    ci_low, ci_high, printed_margin = _numbers(verdict.reason)
    assert (ci_low > printed_margin) == (low > margin)
    assert (ci_high < printed_margin) == (high < margin)
    assert ci_low != printed_margin
    assert ci_high != printed_margin


def test_digits_against_adds_decimals_only_when_needed():
    assert stats.digits_against([0.012, 0.03], 0.01) == 3
    assert stats.digits_against([0.0099, 0.03], 0.01) == 4
    assert stats.digits_against([0.0099996], 0.01) == 7
    assert stats.digits_against([1200.0], 800.0) == 0


def test_firm_verdict_near_the_margin_is_fragile_and_says_what_settles_it():
    verdict = decide(_ci(-0.02, 0.009), 0.01, "ROC AUC", folds=5, repeats=1)
    assert verdict.label == BASELINE_ENOUGH
    assert verdict.fragile
    assert "The verdict is fragile: the interval's upper end (+0.009)" in verdict.reason
    clear = decide(_ci(-0.05, -0.02), 0.01, "ROC AUC", folds=5, repeats=1)
    assert not clear.fragile
    assert "fragile" not in clear.reason
    assert decide(_ci(-0.02, 0.009), 0.01, "ROC AUC").reason.count("fragile") == 0


def test_repeats_to_settle_follows_the_corrected_variance():
    # mean -0.01, sd 0.01, 5 folds of 1 repeat (correction 1/5 + 0.25): clears +0.01 at r repeats
    # when t(5r - 1) * sqrt((1/(5r) + 0.25) * 1e-4) is small enough, computed here by hand.
    test = PairedTest(-0.01, 0.01, -0.03, 0.01, -1.0, 0.3, 4, 5, 0.2 + 0.25)
    expected = next(
        r
        for r in range(2, 21)
        if 0.01 - (-0.01 + (h := sps_t(5 * r - 1) * math.sqrt((1 / (5 * r) + 0.25) * 1e-4)))
        >= 0.5 * h
    )
    assert stats.repeats_to_settle(test, 0.01, folds=5, repeats=1) == expected
    on_the_margin = PairedTest(0.01, 0.01, -0.01, 0.03, 1.0, 0.3, 4, 5, 0.45)
    assert stats.repeats_to_settle(on_the_margin, 0.01, folds=5, repeats=1) is None


def sps_t(dof: int) -> float:
    from scipy import stats as sps

    return float(sps.t.ppf(0.975, dof))


def test_clearly_worse_boosting_says_the_baseline_is_better_and_by_how_much():
    verdict = decide(_ci(-9.77, -2.17), 1.09, "RMSE reduction")
    assert verdict.label == BASELINE_ENOUGH
    assert verdict.reason == (
        "The baseline is better: the whole 95% interval of boosting's RMSE reduction "
        "(-9.770 to -2.170) lies below zero, so the baseline leads by 2.170 to 9.770, and below "
        "the practical margin of +1.090."
    )
    assert "too small to matter" not in verdict.reason
