"""CSV the app writes, safe to open in a spreadsheet: no cell can start a formula (OWASP)."""

from __future__ import annotations

import pandas as pd

# A spreadsheet runs a cell starting with one of these as a formula (tab and CR too, per OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value: object) -> object:
    """A text cell that would start a formula, with a leading `'`; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(frame: pd.DataFrame) -> str:
    """`frame` as CSV text (no index), every text cell and header neutralized."""
    safe = frame.rename(columns=lambda name: neutralize(str(name)))
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].map(neutralize)
    return safe.to_csv(index=False, lineterminator="\n")
