"""The one reader of durations: what people type and what exports hold, as whole seconds.

Three written forms, with one set of rules wherever they are read:

- decimal hours: `1.5`, `1,5`, `.25`, and in a column also `2.001,0` or `1,234.5` (the column's
  own decimal mark and thousands separators are inferred from all its cells);
- a clock-style `h:mm` or `h:mm:ss` (any number of hours: `125:03:00`);
- units: `2h 15m`, `1h30m`, `90 min`, `3 hours`, `45s`, `1.5h`, `1w 2d 4h` in that order. A day
  is HOURS_PER_DAY hours and a week DAYS_PER_WEEK days: the working day and week that Jira uses
  by default to write its own spans, so an imported `1d` means 8 hours of work, not 24 hours.

A leading `-` makes any form negative, so a form can say why it refuses the entry; importers
treat a negative duration as unreadable.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from realitycheck.dates import by_unique, clock_fields

HOURS_PER_DAY = 8
DAYS_PER_WEEK = 5
MAX_CHARS = 40  # a longer cell is not a duration (and no pattern ever scans it)
# Bounded patterns only (no nested quantifiers): a hostile cell cannot make them backtrack.
_HMS = r"\d{1,6}:[0-5]\d(?::[0-5]\d)?"
_NUMBER = r"(?:\d{1,3}(?:[.,]\d{3}){1,6}|\d{0,15})(?:[.,]\d{1,30})?"  # a float's repr fits
_UNIT_WORDS = r"(?<=[\d.,])\s?(weeks?|wks?|days?|hours?|hrs?|minutes?|mins?|seconds?|secs?)\b"
_N = r"(\d{1,6}(?:[.,]\d{1,6})?)"
_UNITS = rf"^(?:{_N}\s?w)?\s?(?:{_N}\s?d)?\s?(?:{_N}\s?h)?\s?(?:{_N}\s?m)?\s?(?:{_N}\s?s)?$"
_UNIT_SECONDS = np.array(
    [DAYS_PER_WEEK * HOURS_PER_DAY * 3600, HOURS_PER_DAY * 3600, 3600, 60, 1], dtype="float64"
)


class DurationError(ValueError):
    """The text is not a duration we understand."""


def parse_duration(text: str | float) -> int:
    """One typed duration in whole seconds: `1.5` and `1,5` are hours, `1:30` is h:mm, `90m`."""
    if isinstance(text, int | float):
        if not math.isfinite(text):
            raise DurationError(f"'{text}' is not a duration.")
        return round(text * 3600)
    if not str(text).strip():
        raise DurationError("Enter a duration, such as 1.5, 1:30 or 90m.")
    seconds = parse_durations(pd.Series([str(text)], dtype="str")).iloc[0]
    if math.isnan(seconds):
        raise DurationError(f"'{text}' is not a duration: use hours (1.5), h:mm (1:30) or 90m.")
    return int(seconds)


def parse_durations(values: pd.Series) -> pd.Series:
    """Read a column written in any of the three forms as whole seconds (float); NaN if not."""

    def parse(u: pd.Series) -> pd.Series:
        text = _tidy(u)
        negative = text.str.startswith("-")
        body = text.mask(negative, text.str.slice(1).str.lstrip())
        clock = body.str.contains(":", regex=False)
        seconds = _hms(body.where(clock, ""))[0]
        seconds = seconds.fillna(_number(body.where(~clock, "")) * 3600)
        seconds = seconds.fillna(_units(body.where(~clock & seconds.isna(), "")))
        return np.rint(seconds.mask(negative, -seconds))

    return by_unique(values, parse)


def parse_hms(values: pd.Series) -> pd.Series:
    """Read `h:mm:ss` or `h:mm` (any hour count, padded or not) as float seconds; NaN if not."""
    return parse_hms_detail(values)[0]


def parse_hms_detail(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """`parse_hms`, plus True where the cell had a seconds part (`h:mm:ss`, not `h:mm`)."""
    both = by_unique(values, lambda u: pd.DataFrame(dict(zip("ab", _hms(u), strict=True))))
    return both["a"], both["b"]


def parse_span(values: pd.Series) -> pd.Series:
    """Read unit spans (`2h 30m`, `1d 4h`, `90 min`) as whole seconds (float); NaN if not."""
    return by_unique(values, lambda u: np.rint(_units(_tidy(u))))


def parse_decimal_hours(values: pd.Series) -> pd.Series:
    """Read decimal hours in the column's locale (`7.5`, `7,5`, `2.001,0`) as whole seconds."""
    hours = parse_number(values)
    return np.rint(hours * 3600).where(hours >= 0)


def parse_number(values: pd.Series) -> pd.Series:
    """Read non-negative numbers with the column's decimal mark and thousands separators."""
    return by_unique(values, _number)


def format_hours(seconds: int) -> str:
    """Format seconds as hours with one decimal, e.g. 5400 -> '1.5 h'."""
    return f"{seconds / 3600:,.1f} h"


def _tidy(u: pd.Series) -> pd.Series:
    """Lower case, single spaces, nothing too long to be a duration."""
    text = u.str.strip().str.lower().mask(u.str.len() > MAX_CHARS, "")
    return text.str.replace(r"\s+", " ", regex=True)


def _hms(u: pd.Series) -> tuple[pd.Series, pd.Series]:
    text = u.str.strip()
    ok = text.str.fullmatch(_HMS).fillna(False)
    h, m, s = clock_fields(text, ok, 6)
    return (h * 3600 + m * 60 + s.fillna(0)).where(ok), s.notna()


def _units(text: pd.Series) -> pd.Series:
    words = text.str.replace(_UNIT_WORDS, lambda m: m.group(1)[0], regex=True)
    parts = words.str.extract(_UNITS).apply(lambda p: p.str.replace(",", ".", regex=False))
    numbers = parts.apply(pd.to_numeric, errors="coerce").astype("float64")
    seconds = numbers.fillna(0).to_numpy() @ _UNIT_SECONDS
    return pd.Series(seconds, index=text.index).where(numbers.notna().any(axis=1))


def _number(u: pd.Series) -> pd.Series:
    text = u.str.strip().mask(u.str.len() > MAX_CHARS, "")
    # Thousands separators seen in the wild: spaces and apostrophes before three digits.
    text = text.str.replace(r"(?<=\d)[ \u00a0\u202f'](?=\d{3}(?:\D|$))", "", regex=True)
    valid = text.str.fullmatch(_NUMBER).fillna(False) & text.str.contains(r"\d")
    text = text.where(valid, "")
    comma, dot = text.str.rfind(","), text.str.rfind(".")
    three = (text.str.len() - 1 - np.maximum(comma, dot)) == 3
    only_comma = (comma >= 0) & (dot < 0) & (text.str.count(",") == 1)
    only_dot = (dot >= 0) & (comma < 0) & (text.str.count(r"\.") == 1)
    # The column's locale: a separator that cannot be a thousands separator settles it.
    comma_seen = bool((((comma > dot) & (dot >= 0)) | (only_comma & ~three)).any())
    dot_seen = bool((((dot > comma) & (comma >= 0)) | (only_dot & ~three)).any())
    comma_locale, dot_locale = comma_seen and not dot_seen, dot_seen and not comma_seen
    decimal_comma = ((comma > dot) & (dot >= 0)) | (only_comma & ~(three & dot_locale))
    decimal_dot = ((dot > comma) & (comma >= 0)) | (only_dot & ~(three & comma_locale))
    no_dots = text.str.replace(".", "", regex=False)
    plain = no_dots.str.replace(",", "", regex=False)
    plain = plain.mask(decimal_comma, no_dots.str.replace(",", ".", regex=False))
    plain = plain.mask(decimal_dot, text.str.replace(",", "", regex=False))
    return pd.to_numeric(plain.mask(plain == ""), errors="coerce").astype("float64")
