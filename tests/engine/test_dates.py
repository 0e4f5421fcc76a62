"""Written dates and clock times: formats, one day/month order per column, times of day."""

from __future__ import annotations

import pandas as pd
import pytest

from realitycheck import dates
from tests.engine.cells import NAN, same, series


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("10:23:52 AM", 37432),
        ("10:23 AM", 37380),
        ("12:05 AM", 300),
        ("12:05 PM", 43500),
        ("11:59:59 pm", 86399),
        ("10:00 a.m.", 36000),
        ("23:23:00", 84180),
        ("00:29", 1740),
        ("9:00", 32400),
        ("09:00:00.000+0000", 32400),
        ("24:00", NAN),
        ("13:00 PM", NAN),
        ("0:30 AM", NAN),
        ("noon", NAN),
        ("", NAN),
    ],
)
def test_parse_clock_times_24_and_12_hour(text, seconds):
    assert same(dates.parse_clock_times(series(text)), [seconds])


@pytest.mark.parametrize(
    ("column", "day_first", "expected", "used", "ambiguous"),
    [
        (["03/04/2024", "13/04/2024"], None, ["2024-04-03", "2024-04-13"], True, False),
        (["03/04/2024", "04/13/2024"], None, ["2024-03-04", "2024-04-13"], False, False),
        (["03/04/2024", "05/04/2024"], None, ["2024-04-03", "2024-04-05"], True, True),
        (["03/04/2024"], False, ["2024-03-04"], False, False),
        (["01/01/2024", "2024-8-1"], None, ["2024-01-01", "2024-08-01"], None, False),
        (["26.01.2015"], None, ["2015-01-26"], None, False),
        (["01/Dec/24"], None, ["2024-12-01"], None, False),
        (["2016-8-1 14:33"], None, ["2016-08-01"], None, False),
        (["2024-12-01T09:00:00.000+0000"], None, ["2024-12-01"], None, False),
    ],
)
def test_parse_dates_infers_the_order_from_the_whole_column(
    column, day_first, expected, used, ambiguous
):
    result = dates.parse_dates(series(*column), day_first, prefer_day_first=True)
    assert result.dates.dt.strftime("%Y-%m-%d").tolist() == expected
    assert (result.day_first, result.ambiguous) == (used, ambiguous)
    assert not result.invalid.any()


def test_parse_dates_prefers_the_callers_guess_when_nothing_settles_it():
    result = dates.parse_dates(series("03/04/2024"), prefer_day_first=False)
    assert result.dates.dt.strftime("%Y-%m-%d").tolist() == ["2024-03-04"]
    assert (result.day_first, result.ambiguous) == (False, True)


def test_parse_dates_reports_impossible_dates_per_cell():
    result = dates.parse_dates(series("13/15/2024", "2024-02-30", "junk", "", "2024-02-29"))
    assert result.invalid.tolist() == [True, True, True, False, False]
    assert result.dates.isna().tolist() == [True, True, True, True, False]


def test_times_in_date_cells_are_returned():
    result = dates.parse_dates(series("2016-8-1 14:33", "01/Dec/24 9:00 AM", "2024-01-02"))
    assert same(result.times, [52380, 32400, NAN])


@pytest.mark.parametrize(
    ("pairs", "prefer", "expected"),
    [
        ([(13, 4), (3, 4)], True, (True, False)),  # a day above 12 settles it
        ([(4, 13), (3, 4)], True, (False, False)),
        ([(13, 4), (4, 13), (4, 14)], True, (False, False)),  # the majority wins
        ([(13, 4), (4, 13)], False, (False, True)),  # a tie is a guess
        ([(3, 4), (5, 4)], True, (True, True)),  # nothing settles it: the caller's preference
        ([(3, 4)], False, (False, True)),
        ([(1, 1), (2, 2)], True, (None, False)),  # no date depends on the order
        ([], True, (None, False)),
    ],
)
def test_infer_day_first(pairs, prefer, expected):
    first = pd.Series([a for a, _ in pairs], dtype="float64")
    second = pd.Series([b for _, b in pairs], dtype="float64")
    assert dates.infer_day_first(first, second, prefer) == expected
