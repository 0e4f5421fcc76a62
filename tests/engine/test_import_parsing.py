"""Importers' shared parsing: durations, clock times, locale numbers, dates, tags."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from realitycheck.timelog.importers import parsing

NAN = float("nan")


def series(*values: str) -> pd.Series:
    return pd.Series(list(values), dtype="str")


def same(actual: pd.Series, expected: list[float]) -> bool:
    return all(
        (math.isnan(a) and math.isnan(e)) or a == e
        for a, e in zip(actual.tolist(), expected, strict=True)
    )


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("08:03:27", 29007),  # Toggl 2017, zero-padded
        ("3:00:00", 10800),  # Toggl 2023, not padded
        ("0:30:00", 1800),
        ("1:30", 5400),  # Clockify h:mm
        ("125:03:00", 450180),  # more than a day
        (" 0:00:20 ", 20),
        ("00:00:00", 0),
        ("", NAN),
        ("soon", NAN),
        ("1:75:00", NAN),
        ("-1:00:00", NAN),
        ("1.5", NAN),
    ],
)
def test_parse_hms(text, seconds):
    assert same(parsing.parse_hms(series(text)), [seconds])


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
    assert same(parsing.parse_clock_times(series(text)), [seconds])


@pytest.mark.parametrize(
    ("column", "seconds"),
    [
        (["7.5", "4", "0.5"], [27000, 14400, 1800]),
        (["7,5", "20,0"], [27000, 72000]),  # decimal comma
        (["2.001,0", "7,5"], [2001 * 3600, 27000]),  # thousands dot, decimal comma
        (["1,234.5", "7.5"], [1234.5 * 3600, 27000]),  # thousands comma, decimal point
        (["1,500", "7.25"], [1500 * 3600, 26100]),  # the column's points settle `1,500`
        (["1.500", "7,25"], [1500 * 3600, 26100]),  # ... and its commas settle `1.500`
        (["1,500"], [5400]),  # alone it is read as a decimal (1500 hours in one entry is not)
        (["1 234,5"], [1234.5 * 3600]),
        (["0.00", "0.01"], [0, 36]),
        (["", "x", "-1"], [NAN, NAN, NAN]),
    ],
)
def test_parse_decimal_hours_in_any_locale(column, seconds):
    assert same(parsing.parse_decimal_hours(series(*column)), seconds)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("2h 30m", 9000), ("45m", 2700), ("1d", 28800), ("1w 2d", 201600), ("", NAN), ("3x", NAN)],
)
def test_parse_jira_spans(text, seconds):
    assert same(parsing.parse_span(series(text)), [seconds])


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
    result = parsing.parse_dates(series(*column), day_first, prefer_day_first=True)
    assert result.dates.dt.strftime("%Y-%m-%d").tolist() == expected
    assert (result.day_first, result.ambiguous) == (used, ambiguous)
    assert not result.invalid.any()


def test_parse_dates_prefers_the_callers_guess_when_nothing_settles_it():
    result = parsing.parse_dates(series("03/04/2024"), prefer_day_first=False)
    assert result.dates.dt.strftime("%Y-%m-%d").tolist() == ["2024-03-04"]
    assert (result.day_first, result.ambiguous) == (False, True)


def test_parse_dates_reports_impossible_dates_per_cell():
    result = parsing.parse_dates(series("13/15/2024", "2024-02-30", "junk", "", "2024-02-29"))
    assert result.invalid.tolist() == [True, True, True, False, False]
    assert result.dates.isna().tolist() == [True, True, True, True, False]


def test_times_in_date_cells_are_returned():
    result = parsing.parse_dates(series("2016-8-1 14:33", "01/Dec/24 9:00 AM", "2024-01-02"))
    assert same(result.times, [52380, 32400, NAN])


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


def test_parsers_keep_the_index_and_repeat_work_per_distinct_value():
    values = pd.Series(["1:00:00", "", "1:00:00"], index=[10, 20, 30], dtype="str")
    out = parsing.parse_hms(values)
    assert out.index.tolist() == [10, 20, 30]
    assert same(out, [3600, NAN, 3600])
