"""Parse what people type as a duration ("1.5", "1:30", "90m", "2h 15m") into whole seconds."""

from __future__ import annotations

import math
import re

_UNIT_SECONDS = {"h": 3600, "m": 60, "s": 1}
_UNITS = re.compile(
    r"(\d+(?:[.,]\d+)?)\s*(h|hr|hrs|hours?|m|min|mins|minutes?|s|sec|secs|seconds?)(?![a-z])"
)
_CLOCK = re.compile(r"(\d{1,3}):([0-5]\d)(?::([0-5]\d))?")


class DurationError(ValueError):
    """The text is not a duration we understand."""


def parse_duration(text: str | float | int) -> int:
    """Return the duration in whole seconds: `1.5` and `1,5` are hours, `1:30` is h:mm."""
    if isinstance(text, int | float):
        return _hours_to_seconds(float(text), str(text))
    raw = str(text).strip().lower()
    if not raw:
        raise DurationError("Enter a duration, such as 1.5, 1:30 or 90m.")
    if clock := _CLOCK.fullmatch(raw):
        hours, minutes, seconds = (int(g or 0) for g in clock.groups())
        return hours * 3600 + minutes * 60 + seconds
    try:
        return _hours_to_seconds(float(raw.replace(",", ".")), raw)
    except ValueError:
        pass
    parts = _UNITS.findall(raw)
    if not parts or _UNITS.sub("", raw).strip():
        raise DurationError(f"'{text}' is not a duration: use hours (1.5), h:mm (1:30) or 90m.")
    total = sum(float(num.replace(",", ".")) * _UNIT_SECONDS[unit[0]] for num, unit in parts)
    return round(total)


def _hours_to_seconds(hours: float, raw: str) -> int:
    if not math.isfinite(hours):
        raise DurationError(f"'{raw}' is not a duration.")
    return round(hours * 3600)


def format_hours(seconds: int) -> str:
    """Format seconds as hours with one decimal, e.g. 5400 -> '1.5 h'."""
    return f"{seconds / 3600:,.1f} h"
