"""Importers' cell helpers: tidy tag lists, and the span between a start and an end."""

from __future__ import annotations

import pandas as pd

from realitycheck.dates import by_unique

DAY = 86_400


def normalize_tags(values: pd.Series, empty: str = "") -> pd.Series:
    """Tidy comma-separated tags to `a, b` (blank tags and the `empty` marker removed)."""

    def tidy(u: pd.Series) -> pd.Series:
        return u.map(lambda text: ", ".join(t for t in _split_tags(text) if t != empty))

    return by_unique(values, tidy).astype("str")


def _split_tags(text: str) -> list[str]:
    return [tag.strip() for tag in text.split(",") if tag.strip()]


def combine(dates: pd.Series, times: pd.Series) -> pd.Series:
    """Date plus seconds-since-midnight as a datetime (NaT where either is missing)."""
    return dates + pd.to_timedelta(times, unit="s")


def span_seconds(start: pd.Series, end: pd.Series) -> pd.Series:
    """Seconds from start to end; an end earlier the same day is taken as the next day."""
    seconds = (end - start).dt.total_seconds()
    return seconds.where(~((seconds < 0) & (seconds > -DAY)), seconds + DAY)
