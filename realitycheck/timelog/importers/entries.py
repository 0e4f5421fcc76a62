"""Build a format's draft rows: dates, start/end spans, duration preference and row errors."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from realitycheck.dates import ParsedDates, parse_clock_times, parse_dates
from realitycheck.timelog import durations
from realitycheck.timelog.importers import parsing
from realitycheck.timelog.importers.reading import Table
from realitycheck.timelog.importers.result import DRAFT_COLUMNS, TEXT_COLUMNS, Draft

_AMBIGUOUS = (
    "Dates such as 03/04/2024 could be day/month or month/day and nothing in the file settles "
    "it; they were read as {order}. Choose the order if that is wrong."
)


@dataclass
class Times:
    """The start/end/duration cells of a timed export (any may be None)."""

    start_date: pd.Series
    start_time: pd.Series | None = None
    end_date: pd.Series | None = None
    end_time: pd.Series | None = None
    hms: pd.Series | None = None  # `h:mm:ss` or `h:mm` duration
    decimal: pd.Series | None = None  # decimal hours
    seconds: pd.Series | None = None  # already in seconds (the generic CSV's other units)
    usd: bool = False  # a column in US dollars: evidence of month-first dates


def new_frame(table: Table, **text: pd.Series) -> pd.DataFrame:
    """A draft frame for `table`: source lines, empty fields, then the given text columns."""
    index = table.frame.index
    blank = pd.Series("", index=index, dtype="str")
    columns = {
        "row": pd.Series(table.lines.astype("int64"), index=index),
        "date": pd.Series(pd.NaT, index=index, dtype="datetime64[us]"),
        "start": blank,
        "seconds": pd.Series(np.nan, index=index),
        "error": pd.Series("", index=index, dtype=object),
    }
    for name in TEXT_COLUMNS:
        value = text.get(name)
        columns[name] = blank if value is None else value.fillna("").astype("str")
    return pd.DataFrame({name: columns[name] for name in DRAFT_COLUMNS}, index=index)


def flag(
    error: pd.Series, bad: pd.Series | np.ndarray, message: str, values: pd.Series | None = None
) -> pd.Series:
    """Give rows that are `bad` and have no error yet `message` (plus `'value'` if given)."""
    return flag_all(error, [(bad, message, values)])


def flag_all(error: pd.Series, checks: list[tuple]) -> pd.Series:
    """Apply `(bad, message, values)` checks in order; a row keeps its first error."""
    out = error.to_numpy(dtype=object)
    open_rows = out == ""
    copied = False
    for bad, message, values in checks:
        bad = bad.fillna(False) if isinstance(bad, pd.Series) else bad
        hit = open_rows & np.asarray(bad, dtype=bool)
        if not hit.any():
            continue
        if not copied:
            out, copied = out.copy(), True
        if values is None:
            out[hit] = message
        else:  # messages are built for the failing rows only
            cells = values.to_numpy(dtype=object)[hit]
            out[hit] = [f"{message} '{str(v)[:40]}'" for v in cells]
        open_rows &= ~hit
    return pd.Series(out, index=error.index, dtype=object) if copied else error


def start_keys(dates: pd.Series, times: pd.Series) -> pd.Series:
    """Key part for the entry's start: `T<epoch seconds>` with a time, else `D<epoch days>`."""
    days = dates.to_numpy(dtype="datetime64[D]").astype("int64")
    clock = times.to_numpy(dtype="float64")
    has_time = ~np.isnan(clock)
    stamp = days * parsing.DAY + np.nan_to_num(clock).astype("int64")
    timed = "T" + pd.Series(stamp, index=dates.index).astype("str")
    if has_time.all():
        return timed
    dated = "D" + pd.Series(days, index=dates.index).astype("str")
    return dated.mask(has_time, timed)


def ambiguity_note(parsed: ParsedDates) -> list[str]:
    """The warning to show when the day/month order had to be guessed, or what settled it."""
    order = "day/month" if parsed.day_first else "month/day"
    if parsed.evidence and not parsed.ambiguous:
        return [f"Dates such as 03/04/2024 were read as {order}: {parsed.evidence}."]
    if not parsed.ambiguous:
        return []
    return [_AMBIGUOUS.format(order="day/month" if parsed.day_first else "month/day")]


def apply_dates(
    frame: pd.DataFrame, values: pd.Series, day_first: bool | None, prefer_day_first: bool = True
) -> tuple[pd.DataFrame, ParsedDates]:
    """Set `date` and `start` from a date (or date-time) column; flag missing/impossible dates."""
    parsed = parse_dates(values, day_first, prefer_day_first=prefer_day_first, weigh_span=True)
    checks = [(values == "", "no date", None), (parsed.invalid, "impossible date", values)]
    error = flag_all(frame["error"], checks)
    frame = frame.assign(
        date=parsed.dates, start=start_keys(parsed.dates, parsed.times), error=error
    )
    return frame, parsed


def hours_error(error: pd.Series, raw: pd.Series, seconds: pd.Series) -> pd.Series:
    """Flag blank and unreadable duration cells."""
    checks = [(raw == "", "no duration", None), (seconds.isna(), "unreadable duration", raw)]
    return flag_all(error, checks)


def _or(values: pd.Series | None, index: pd.Index) -> pd.Series:
    return values if values is not None else pd.Series("", index=index, dtype="str")


def _fallback_seconds(times: Times, seconds: pd.Series) -> pd.Series:
    missing = seconds.isna().to_numpy()
    if times.decimal is not None and missing.any():  # parsed only where still needed
        hours = durations.parse_decimal_hours(times.decimal[missing])
        seconds = seconds.fillna(hours.reindex(seconds.index))
    if times.seconds is not None:
        seconds = seconds.fillna(times.seconds)
    return seconds


def _spans(
    times: Times, need: np.ndarray, start_day: pd.Series, start_sec: pd.Series, parsed: ParsedDates
) -> tuple[pd.Series, list[tuple]]:
    """End - start for the rows in `need`, with the checks of their end cells."""
    n, index = len(start_day), start_day.index
    if not need.any():
        return pd.Series(np.nan, index=index), []
    end_d, end_t = _or(times.end_date, index), _or(times.end_time, index)
    end_day = pd.Series(parsed.dates.to_numpy()[n:], index=index[need])
    end_sec = parse_clock_times(end_t[need])
    end = parsing.combine(end_day.fillna(start_day[need]), end_sec)
    span = pd.Series(np.nan, index=index)
    span[need] = parsing.span_seconds(parsing.combine(start_day[need], start_sec[need]), end)
    bad_date, bad_time = np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
    bad_date[need] = parsed.invalid.to_numpy()[n:]
    bad_time[need] = ((end_t[need] != "") & end_sec.isna()).to_numpy()
    return span, [
        (bad_date, "impossible end date", end_d),
        (bad_time, "unreadable end time", end_t),
    ]


def _timed_dates(times: Times, need: np.ndarray, day_first: bool | None) -> ParsedDates:
    """Start dates, then the end dates of the rows in `need`, with one day/month order."""
    dates = times.start_date.reset_index(drop=True)
    if need.any():  # end dates take part in the inference only where they are read
        end = _or(times.end_date, times.start_date.index)[need]
        dates = pd.concat([dates, end], ignore_index=True)
    start_t = times.start_time
    hints = []
    if start_t is not None and start_t.str.contains("m", case=False).any():
        hints.append("the times use a 12-hour clock (AM/PM)")
    if times.usd:
        hints.append("amounts are in USD")
    hint = " and ".join(hints) + (", as US settings write them" if hints else "")
    return parse_dates(dates, day_first, month_first_hint=hint, weigh_span=True)


def timed_draft(frame: pd.DataFrame, times: Times, day_first: bool | None) -> Draft:
    """Fill dates, start keys and seconds of an export with start/end columns; flag bad rows.

    Seconds by preference: `h:mm:ss`, then end - start (an end earlier than the start is on
    the next day), then `h:mm`, then decimal hours. End cells are read only where needed.
    """
    index, n = frame.index, len(frame)
    start_t, hms = _or(times.start_time, index), _or(times.hms, index)
    duration, has_seconds = durations.parse_hms_detail(hms)
    precise = duration.where(has_seconds)
    need = precise.isna().to_numpy() & (times.end_time is not None)
    parsed = _timed_dates(times, need, day_first)
    start_day = pd.Series(parsed.dates.to_numpy()[:n], index=index)
    start_sec = parse_clock_times(start_t)
    span, end_checks = _spans(times, need, start_day, start_sec, parsed)
    seconds = _fallback_seconds(times, precise.fillna(span).fillna(duration))
    checks = [
        (times.start_date == "", "no start date", None),
        (parsed.invalid.to_numpy()[:n], "impossible date", times.start_date),
        ((start_t != "") & start_sec.isna(), "unreadable time", start_t),
        *end_checks,
        (seconds.isna() & (hms != ""), "unreadable duration", hms),
        (seconds.isna(), "no duration, and no start and end times", None),
        (seconds < 0, "ends before it starts", None),
    ]
    error = flag_all(frame["error"], checks)
    start = start_keys(start_day, start_sec)
    frame = frame.assign(date=start_day, start=start, seconds=seconds, error=error)
    return Draft(frame, ambiguity_note(parsed), parsed.ambiguous, parsed.day_first)
