"""Shared by the cell-parser tests: a text column, and equality that counts NaN as equal."""

from __future__ import annotations

import math

import pandas as pd

NAN = float("nan")


def series(*values: str) -> pd.Series:
    return pd.Series(list(values), dtype="str")


def same(actual: pd.Series, expected: list[float]) -> bool:
    return all(
        (math.isnan(a) and math.isnan(e)) or a == e
        for a, e in zip(actual.tolist(), expected, strict=True)
    )
