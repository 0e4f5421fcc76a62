"""A comparison's settings: the defaults and limits every entry point shares, checked up front.

Standard library only, so that the command line builds its parser from these values without
importing pandas or scikit-learn.
"""

from __future__ import annotations

import math

TASKS = ("binary", "multiclass", "regression")
TASK_CHOICES = ("auto", *TASKS)
DEFAULT_FOLDS = 5
DEFAULT_REPEATS = 2
# Small data gets more repeats by default: its intervals are wide and a verdict near the margin
# can flip with the seed. Measured (CPU seconds, 5 folds, a busy 2-core host): 768 rows x 8
# columns 3.9 s at 2 repeats, 5.3 s at 5, 10.6 s at 10; German credit (1,000 x 20) 3.6 s at 2
# and 6.3 s at 5. The refit, latency and explanation costs are fixed, so 5 repeats cost about
# 1.4-1.8x of 2 here, and the interval narrows (its t quantile drops from 2.26 to 2.06).
SMALL_DATA_ROWS = 2_000
SMALL_DATA_REPEATS = 5
MIN_FOLDS, MAX_FOLDS = 2, 20
MIN_REPEATS, MAX_REPEATS = 1, 20
MIN_TOTAL_FOLDS = 3  # folds x repeats: fewer leaves no spread for a confidence interval
MIN_CV_ROWS = 100
AUC_MARGIN = 0.01  # default practical margin for classification
RMSE_MARGIN_SHARE = 0.02  # default margin for regression: 2% of the baseline's RMSE


def check_settings(folds: int, repeats: int, margin: float | None, max_cv_rows: int) -> None:
    """Raise ValueError with a message for the user if a setting is out of range."""
    if not MIN_FOLDS <= folds <= MAX_FOLDS:
        raise ValueError(f"Folds must be between {MIN_FOLDS} and {MAX_FOLDS}.")
    if not MIN_REPEATS <= repeats <= MAX_REPEATS:
        raise ValueError(f"Repeats must be between {MIN_REPEATS} and {MAX_REPEATS}.")
    if folds * repeats < MIN_TOTAL_FOLDS:
        raise ValueError(
            f"Use at least {MIN_TOTAL_FOLDS} folds in total (folds x repeats) "
            "for a confidence interval."
        )
    if margin is not None and not (math.isfinite(margin) and margin >= 0):
        raise ValueError("The practical margin must be a non-negative number.")
    if max_cv_rows < MIN_CV_ROWS:
        raise ValueError(f"The row cap for cross-validation must be at least {MIN_CV_ROWS}.")


def default_repeats(n_rows: int) -> int:
    """Repeats of the folds when none are chosen: more on small data, where intervals are wide."""
    return SMALL_DATA_REPEATS if n_rows < SMALL_DATA_ROWS else DEFAULT_REPEATS
