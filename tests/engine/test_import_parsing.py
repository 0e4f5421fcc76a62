"""Importers' cell helpers: tag lists, spans crossing midnight."""

from __future__ import annotations

import pandas as pd
import pytest

from realitycheck.timelog.importers import parsing


def series(*values: str) -> pd.Series:
    return pd.Series(list(values), dtype="str")


def test_span_crossing_midnight():
    day = pd.Series(pd.to_datetime(["2024-04-25", "2024-04-25", "2024-04-25"]))
    start = parsing.combine(day, pd.Series([84180.0, 84180.0, 3600.0]))
    same_day_end = parsing.combine(day, pd.Series([1740.0, 86000.0, 7200.0]))
    assert parsing.span_seconds(start, same_day_end).tolist() == [3960, 1820, 3600]


@pytest.mark.parametrize(
    ("text", "empty", "expected"),
    [
        ("Development, Backend", "", "Development, Backend"),
        (" a ,, b ,", "", "a, b"),
        ("-", "-", ""),
        ("x,-", "-", "x"),
        ("", "", ""),
    ],
)
def test_normalize_tags(text, empty, expected):
    assert parsing.normalize_tags(series(text), empty=empty).tolist() == [expected]
