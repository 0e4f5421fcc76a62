"""Paired statistics for baseline vs boosted: corrected resampled t-test and the verdict."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

BOOSTED_WINS = "Boosted wins"
BASELINE_ENOUGH = "Baseline is enough"
INCONCLUSIVE = "Inconclusive"
VERDICTS = (BOOSTED_WINS, BASELINE_ENOUGH, INCONCLUSIVE)


@dataclass(frozen=True)
class PairedTest:
    """Result of the corrected resampled t-test on per-fold differences."""

    mean: float
    std: float
    ci_low: float
    ci_high: float
    t_stat: float
    p_value: float
    dof: int
    n_folds: int
    correction: float


@dataclass(frozen=True)
class Verdict:
    """The plain-language verdict and the one sentence that explains it."""

    label: str
    reason: str


def corrected_t_test(
    differences: Sequence[float], n_train: float, n_test: float, confidence: float = 0.95
) -> PairedTest:
    """Nadeau & Bengio (2003) corrected resampled t-test of per-fold paired differences.

    The sample variance of the J differences is multiplied by (1/J + n_test/n_train) instead of
    1/J, because the training sets of the folds overlap; the statistic has J - 1 degrees of freedom.
    """
    from scipy import stats as sps

    diffs = [float(d) for d in differences]
    j = len(diffs)
    if j < 2:
        raise ValueError("The corrected t-test needs at least two folds.")
    if n_train <= 0 or n_test <= 0:
        raise ValueError("Training and test sizes must be positive.")
    mean = math.fsum(diffs) / j
    var = math.fsum((d - mean) ** 2 for d in diffs) / (j - 1)
    correction = 1.0 / j + n_test / n_train
    se = math.sqrt(correction * var)
    dof = j - 1
    half = float(sps.t.ppf(0.5 + confidence / 2.0, dof)) * se
    if se == 0.0:
        t_stat = 0.0 if mean == 0.0 else math.copysign(math.inf, mean)
        p_value = 1.0 if mean == 0.0 else 0.0
    else:
        t_stat = mean / se
        p_value = float(2.0 * sps.t.sf(abs(t_stat), dof))
    return PairedTest(
        mean=mean,
        std=math.sqrt(var),
        ci_low=mean - half,
        ci_high=mean + half,
        t_stat=t_stat,
        p_value=p_value,
        dof=dof,
        n_folds=j,
        correction=correction,
    )


def decide(test: PairedTest, margin: float, metric_label: str) -> Verdict:
    """Verdict of the CI of (boosted better by) against the practical margin."""
    if margin < 0:
        raise ValueError("The practical margin cannot be negative.")
    digits = digits_against((test.ci_low, test.ci_high), margin)
    low, high = format_signed(test.ci_low, digits), format_signed(test.ci_high, digits)
    ci = f"{low} to {high}"
    m = format_signed(margin, digits)
    if test.ci_low > margin:
        return Verdict(
            BOOSTED_WINS,
            f"The whole 95% interval of boosting's {metric_label} gain ({ci}) lies above "
            f"the practical margin of {m}.",
        )
    if test.ci_high < margin:
        return Verdict(
            BASELINE_ENOUGH,
            f"Even the top of the 95% interval of boosting's {metric_label} gain ({ci}) is below "
            f"the practical margin of {m}: any gain is too small to matter.",
        )
    return Verdict(
        INCONCLUSIVE,
        f"The 95% interval of boosting's {metric_label} gain ({ci}) straddles the practical "
        f"margin of {m}: more data, more folds or repeats would settle it.",
    )


def digits_against(values: Sequence[float], margin: float, least: int | None = None) -> int:
    """Decimals enough that each value, rounded, compares with the rounded margin as it really does.

    0.0099 against a margin of 0.01 needs four decimals: at three both read +0.010, and a
    sentence saying the interval "straddles" the margin would contradict its own numbers.
    """
    scale = max([abs(margin), *(abs(v) for v in values)])
    digits = (3 if scale < 10 else 0) if least is None else least
    while digits < 12:
        m = round(margin, digits)
        if all(_same_order(round(v, digits) - m, v - margin) for v in values):
            return digits
        digits += 1
    return digits


def _same_order(rounded: float, exact: float) -> bool:
    """Rounded and exact differences have the same sign (zero only when exactly equal)."""
    return (rounded > 0) == (exact > 0) and (rounded < 0) == (exact < 0)


def format_signed(value: float, digits: int | None = None) -> str:
    """Format a difference with an explicit sign and enough digits to read."""
    if digits is None:
        digits = 3 if abs(value) < 10 else 0
    return f"{value:+,.{digits}f}"
