"""Paired statistics for baseline vs boosted: corrected resampled t-test and the verdict."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from realitycheck.compare.settings import MAX_REPEATS

BOOSTED_WINS = "Boosted wins"
BASELINE_ENOUGH = "Baseline is enough"
INCONCLUSIVE = "Inconclusive"
VERDICTS = (BOOSTED_WINS, BASELINE_ENOUGH, INCONCLUSIVE)
FRAGILE_WARNING = "Fragile verdict: "  # how the result's warnings repeat a fragile verdict
FRAGILE_SHARE = 0.25  # a deciding end this close to the margin (share of the width) is fragile


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
    fragile: bool = False  # firm, but the deciding end of the interval is close to the margin
    repeats_to_settle: int | None = None  # projected; None when repeats alone would not do it


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


def decide(
    test: PairedTest,
    margin: float,
    metric_label: str,
    folds: int | None = None,
    repeats: int = 1,
) -> Verdict:
    """Verdict of the CI of (boosted better by) against the practical margin.

    Given the folds per repeat, a firm verdict whose deciding end lies within a quarter of the
    interval's width of the margin is called fragile, and the sentence says how many repeats
    would likely settle it (projected from the folds' spread, or that repeats alone would not).
    """
    verdict = _verdict(test, margin, metric_label)
    if folds is None:
        return verdict
    needed = repeats_to_settle(test, margin, folds, repeats)
    end = test.ci_low if verdict.label == BOOSTED_WINS else test.ci_high
    fragile = verdict.label != INCONCLUSIVE and not _clear(end, margin, test)
    if verdict.label == INCONCLUSIVE:
        reason = verdict.reason.replace(
            "more data, more folds or repeats would settle it.", _settle(needed, folds, repeats)
        )
    elif fragile:
        digits = digits_against((end,), margin)
        side = "lower" if verdict.label == BOOSTED_WINS else "upper"
        reason = (
            f"{verdict.reason} The verdict is fragile: the interval's {side} end "
            f"({format_signed(end, digits)}) is within a quarter of its width of the margin, "
            f"so another seed could flip it; {_settle(needed, folds, repeats)}"
        )
    else:
        return verdict
    return Verdict(verdict.label, reason, fragile, needed)


def _clear(end: float, margin: float, test: PairedTest) -> bool:
    """The deciding end is at least a quarter of the interval's width away from the margin."""
    return abs(end - margin) >= FRAGILE_SHARE * (test.ci_high - test.ci_low)


def repeats_to_settle(test: PairedTest, margin: float, folds: int, repeats: int) -> int | None:
    """Fewest repeats (up to 20) whose projected interval clears the margin, not fragile.

    The projection keeps the mean and the spread of the per-fold differences seen here; only
    the number of folds J in the corrected variance (1/J + n_test/n_train) and in t changes.
    """
    from scipy import stats as sps

    ratio = test.correction - 1.0 / test.n_folds  # n_test / n_train
    for r in range(repeats + 1, MAX_REPEATS + 1):
        j = folds * r
        half = float(sps.t.ppf(0.975, j - 1)) * math.sqrt((1.0 / j + ratio) * test.std**2)
        low, high = test.mean - half, test.mean + half
        if (low > margin or high < margin) and min(abs(low - margin), abs(high - margin)) >= (
            FRAGILE_SHARE * 2 * half
        ):
            return r
    return None


def _settle(needed: int | None, folds: int, repeats: int) -> str:
    if needed is None:
        return (
            f"more repeats alone (up to {MAX_REPEATS}) would likely not settle it: the mean gain "
            "is too close to the margin; more data would."
        )
    return (
        f"about {needed} repeats of the {folds} folds (now {repeats}) would likely settle it, "
        "if the folds vary as they did here."
    )


def _verdict(test: PairedTest, margin: float, metric_label: str) -> Verdict:
    """The label and its one sentence."""
    if margin < 0:
        raise ValueError("The practical margin cannot be negative.")
    digits = digits_against((test.ci_low, test.ci_high), margin)
    low, high = format_signed(test.ci_low, digits), format_signed(test.ci_high, digits)
    ci = f"{low} to {high}"
    m = format_signed(margin, digits)
    if test.ci_low > margin:
        return Verdict(
            BOOSTED_WINS,
            f"The whole 95% interval of boosting's {metric_label} ({ci}) lies above "
            f"the practical margin of {m}.",
        )
    if test.ci_high < 0:
        lead = f"{format_signed(-test.ci_high, digits)[1:]} to {format_signed(-test.ci_low, digits)[1:]}"
        return Verdict(
            BASELINE_ENOUGH,
            f"The baseline is better: the whole 95% interval of boosting's {metric_label} ({ci}) "
            f"lies below zero, so the baseline leads by {lead}, and below the practical margin "
            f"of {m}.",
        )
    if test.ci_high < margin:
        return Verdict(
            BASELINE_ENOUGH,
            f"Even the top of the 95% interval of boosting's {metric_label} ({ci}) is below "
            f"the practical margin of {m}: any gain is too small to matter.",
        )
    return Verdict(
        INCONCLUSIVE,
        f"The 95% interval of boosting's {metric_label} ({ci}) straddles the practical "
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
