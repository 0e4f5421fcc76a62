"""Which features moved: the per-feature test Evidently picks by default, and PSI.

Evidently's default choice (its "data drift algorithm"): with at most 1,000 training values,
a two-sample Kolmogorov-Smirnov test for numbers with more than 5 distinct values, a
chi-square test for categories (and numbers with at most 5 values), and a Z-test of two
proportions when there are only two values, each shifted at p < 0.05; above 1,000 values, the
Wasserstein distance divided by the training standard deviation for numbers, and the
Jensen-Shannon distance for categories, each shifted at 0.1 or more.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

SMALL_SAMPLE = 1000  # training values at or below this: a significance test
FEW_VALUES = 5  # numbers with at most this many distinct values are tested as categories
P_THRESHOLD = 0.05
DISTANCE_THRESHOLD = 0.1
PSI_BINS = 10  # training deciles
PSI_BANDS = (0.1, 0.25)  # below: stable; between: moderate; at or above: major shift
PSI_FLOOR = 1e-4  # an empty bin counts as this share (PSI is infinite otherwise)
MIN_STD = 0.001  # Evidently's floor for the training standard deviation

TEST_LABELS = {
    "ks": "Kolmogorov-Smirnov p-value",
    "chi_square": "chi-square p-value",
    "z_test": "Z-test (two proportions) p-value",
    "wasserstein_normed": "Wasserstein distance / training std",
    "jensen_shannon": "Jensen-Shannon distance",
    "none": "not tested (no values on one side)",
}


def compare_feature(name: str, kind: str, train: pd.Series, production: pd.Series) -> dict:
    """Test one feature (training vs production values) and compute its PSI."""
    a, b = train.dropna(), production.dropna()
    row = {"name": name, "kind": kind, "test": "none", "statistic": None, "p_value": None}
    row |= {"psi": None, "shifted": False}
    if a.empty or b.empty:
        return row
    values = "categorical" if kind == "categorical" else _value_kind(a, b)
    if values == "numeric":
        x, y = a.to_numpy(dtype="float64"), b.to_numpy(dtype="float64")
        row |= _numeric_test(x, y) | {"psi": psi_numeric(x, y)}
    else:
        counts = _counts(a, b)
        row |= _categorical_test(counts) | {"psi": psi_counts(counts)}
    return row


def _value_kind(a: pd.Series, b: pd.Series) -> str:
    if len(pd.unique(a.iloc[:1000])) > FEW_VALUES:  # the common case, without a full pass
        return "numeric"
    distinct = pd.concat([a, b], ignore_index=True).nunique()
    return "numeric" if distinct > FEW_VALUES else "few"


def _numeric_test(x: np.ndarray, y: np.ndarray) -> dict:
    from scipy import stats

    if len(x) <= SMALL_SAMPLE:
        result = stats.ks_2samp(x, y)
        return _p_result("ks", result.statistic, result.pvalue)
    distance = stats.wasserstein_distance(x, y) / max(float(np.std(x)), MIN_STD)
    return _distance_result("wasserstein_normed", distance)


def _counts(a: pd.Series, b: pd.Series) -> np.ndarray:
    """A 2 x k table of counts: training and production, over every value either side has."""
    table = pd.concat(
        [a.astype(object).value_counts(), b.astype(object).value_counts()], axis=1
    ).fillna(0)
    return table.to_numpy(dtype="float64").T


def _categorical_test(counts: np.ndarray) -> dict:
    from scipy import stats
    from scipy.spatial.distance import jensenshannon

    n_train = counts[0].sum()
    if counts.shape[1] < 2:
        return _p_result("chi_square", 0.0, 1.0)  # one value on both sides: nothing moved
    if n_train <= SMALL_SAMPLE:
        if counts.shape[1] == 2:
            return _z_test(counts)
        chi2, p, _, _ = stats.chi2_contingency(counts, correction=False)
        return _p_result("chi_square", chi2, p)
    shares = counts / counts.sum(axis=1, keepdims=True)
    return _distance_result("jensen_shannon", jensenshannon(shares[0], shares[1]))


def _z_test(counts: np.ndarray) -> dict:
    """Two-proportion Z-test on the share of the first value (pooled standard error)."""
    from scipy import stats

    n1, n2 = counts.sum(axis=1)
    p1, p2 = counts[0, 0] / n1, counts[1, 0] / n2
    pooled = (counts[0, 0] + counts[1, 0]) / (n1 + n2)
    se = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    z = 0.0 if se == 0 else (p1 - p2) / se
    return _p_result("z_test", z, 2 * stats.norm.sf(abs(z)))


def _p_result(test: str, statistic: float, p_value: float) -> dict:
    p = float(p_value)
    return {"test": test, "statistic": float(statistic), "p_value": p, "shifted": p < P_THRESHOLD}


def _distance_result(test: str, distance: float) -> dict:
    d = float(distance)
    return {"test": test, "statistic": d, "p_value": None, "shifted": d >= DISTANCE_THRESHOLD}


def psi_numeric(x: np.ndarray, y: np.ndarray, bins: int = PSI_BINS) -> float:
    """Population stability index over the training sample's quantile bins.

    Each bin edge is also a bin of its own, so a value most rows share (a column that is
    mostly 0) is one bin rather than swallowing its neighbours.
    """
    edges = np.unique(np.quantile(x, np.linspace(0, 1, bins + 1)[1:-1]))
    size = 2 * len(edges) + 1
    counts = np.vstack([np.bincount(_bin_codes(edges, v), minlength=size) for v in (x, y)])
    return psi_counts(counts.astype("float64"))


def _bin_codes(edges: np.ndarray, values: np.ndarray) -> np.ndarray:
    """2i between edges i-1 and i, 2i+1 exactly on edge i."""
    right = np.searchsorted(edges, values, side="right")  # edges at or below each value
    on_edge = (right > 0) & (edges[np.maximum(right - 1, 0)] == values)
    return 2 * right - on_edge


def psi_counts(counts: np.ndarray) -> float:
    """PSI of a 2 x k table of counts: sum of (production - training) x ln(production / training)."""
    shares = np.clip(counts / counts.sum(axis=1, keepdims=True), PSI_FLOOR, None)
    expected, actual = shares
    return float(np.sum((actual - expected) * np.log(actual / expected)))


def psi_band(psi: float | None) -> str:
    """The conventional reading of a PSI value."""
    if psi is None:
        return "n/a"
    if psi < PSI_BANDS[0]:
        return "stable"
    return "moderate" if psi < PSI_BANDS[1] else "major"
