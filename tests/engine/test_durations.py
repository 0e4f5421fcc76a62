"""Durations: one table of what is accepted and refused, the same for a typed value and a column."""

import pandas as pd
import pytest

from realitycheck.timelog import durations
from realitycheck.timelog.durations import DurationError, format_hours, parse_duration
from tests.engine.cells import NAN, same, series

# Every written form, with its answer in seconds, or None where it is refused. The Log time form,
# the CLI and the importers all read durations by these rules.
TABLE = [
    ("1.5", 5400),
    ("1,5", 5400),
    (".25", 900),
    (" 8 ", 28800),
    (str(4000 / 3600), 4000),  # how an edited table cell comes back
    (str(1 / 3600), 1),
    ("1 234,5", 4444200),  # a thousands separator
    ("1:30", 5400),
    ("0:45:30", 2730),
    ("08:03:27", 29007),
    ("125:03:00", 450180),  # more than a day
    ("90m", 5400),
    ("90 min", 5400),
    ("2h 15m", 8100),
    ("2H  15M", 8100),
    ("1h30m", 5400),
    ("3 hours", 10800),
    ("1 hr 5 mins", 3900),
    ("45s", 45),
    ("1.5h", 5400),
    ("1,5 h", 5400),
    ("1d", 8 * 3600),  # a working day, as Jira writes it
    ("2 days", 16 * 3600),
    ("1w 2d", 56 * 3600),  # a working week is five days
    ("1w 2d 3h 30m 10s", 214210),
    ("-1", -3600),  # parsed, so the form can say why it refuses it
    ("-1:30", -5400),
    ("-90m", -5400),
    ("", None),
    ("abc", None),
    ("nan", None),
    ("inf", None),
    ("1e3", None),
    ("1:75", None),
    ("1:5", None),
    ("h", None),
    ("1h foo", None),
    ("1..5", None),
    ("1,2,3", None),
    ("1 2", None),
    ("30m 1h", None),  # units are written largest first
    ("--1", None),
    ("3x", None),
    ("1" * 100, None),
]


@pytest.mark.parametrize(("text", "seconds"), TABLE)
def test_typed_durations(text, seconds):
    if seconds is None:
        with pytest.raises(DurationError):
            parse_duration(text)
    else:
        assert parse_duration(text) == seconds


def test_a_column_gets_the_same_answers_as_typed_values():
    parsed = durations.parse_durations(series(*(text for text, _ in TABLE)))
    assert same(parsed, [NAN if s is None else s for _, s in TABLE])


@pytest.mark.parametrize(("value", "seconds"), [(2, 7200), (0.25, 900), (1.0001, 3600)])
def test_numbers_are_hours(value, seconds):
    assert parse_duration(value) == seconds


def test_messages():
    with pytest.raises(DurationError, match="Enter a duration"):
        parse_duration("  ")
    with pytest.raises(DurationError, match="use hours"):
        parse_duration("soon")
    with pytest.raises(DurationError, match="not a duration"):
        parse_duration(float("nan"))


def test_format_hours():
    assert format_hours(5400) == "1.5 h"


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("3:00:00", 10800),  # Toggl 2023, not padded
        (" 0:00:20 ", 20),
        ("00:00:00", 0),
        ("", NAN),
        ("-1:00:00", NAN),
        ("1.5", NAN),  # an `h:mm:ss` column reads only that form
        ("90m", NAN),
    ],
)
def test_hms_columns_read_only_clock_durations(text, seconds):
    assert same(durations.parse_hms(series(text)), [seconds])


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
        (["", "x", "-1", "inf", "1..5", "1e3"], [NAN] * 6),
        (["1..5", "1.500"], [NAN, 1.5 * 3600]),  # an unreadable cell does not set the locale
    ],
)
def test_decimal_hours_take_the_columns_locale(column, seconds):
    assert same(durations.parse_decimal_hours(series(*column)), seconds)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("2h 30m", 9000), ("45m", 2700), ("1d", 28800), ("1w 2d", 201600), ("", NAN), ("3x", NAN)],
)
def test_jira_spans(text, seconds):
    assert same(durations.parse_span(series(text)), [seconds])


def test_parsers_keep_the_index_and_repeat_work_per_distinct_value():
    values = pd.Series(["1:00:00", "", "1:00:00"], index=[10, 20, 30], dtype="str")
    out = durations.parse_hms(values)
    assert out.index.tolist() == [10, 20, 30]
    assert same(out, [3600, NAN, 3600])
