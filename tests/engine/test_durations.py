"""Duration parsing: what people type becomes whole seconds, or a clear error."""

import pytest

from realitycheck.timelog.durations import DurationError, format_hours, parse_duration


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("1.5", 5400),
        ("1,5", 5400),
        ("1:30", 5400),
        ("0:45:30", 2730),
        ("90m", 5400),
        ("90 min", 5400),
        ("2h 15m", 8100),
        ("1h30m", 5400),
        ("3 hours", 10800),
        ("45s", 45),
        (" 8 ", 28800),
        (2, 7200),
        (0.25, 900),
    ],
)
def test_parses(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "abc", "nan", "inf", "1:75", "h", "1h foo", "1..5"])
def test_refuses(text):
    with pytest.raises(DurationError):
        parse_duration(text)


def test_negative_parses_so_validation_can_say_why():
    assert parse_duration("-1") == -3600


def test_format_hours():
    assert format_hours(5400) == "1.5 h"
