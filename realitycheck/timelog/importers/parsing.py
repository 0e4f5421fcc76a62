"""Vectorized parsing of the dates, clock times, durations and numbers found in time exports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import pandas as pd

DAY = 86_400
Parsed = TypeVar("Parsed", pd.Series, pd.DataFrame)
# Bounded patterns only (no nested quantifiers): a hostile cell cannot make them backtrack.
_CLOCK = (
    r"^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:[.,]\d{1,9})?\s?"
    r"(?:([AaPp])\.?\s?[Mm]\.?|Z|[+-]\d{2}:?\d{2})?$"
)
_DATE = r"^(\d{1,4})([./-])(\d{1,2}|[^\W\d_]{3,9})\.?[./-](\d{1,4})(?:[T ,]\s?(.{1,40}))?$"
_SPAN = r"^(?:(\d{1,4})w)?\s?(?:(\d{1,5})d)?\s?(?:(\d{1,6})h)?\s?(?:(\d{1,6})m)?\s?(?:(\d{1,7})s)?$"
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january", "jän", "janv"),
            ("feb", "february", "febr", "févr"),
            ("mar", "march", "mär", "mrz", "mars"),
            ("apr", "april", "avr"),
            ("may", "mai"),
            ("jun", "june", "juin"),
            ("jul", "july", "juil"),
            ("aug", "august", "aoû"),
            ("sep", "sept", "september"),
            ("oct", "october", "okt"),
            ("nov", "november"),
            ("dec", "december", "dez", "déc"),
        ),
        start=1,
    )
    for name in names
}


@dataclass(frozen=True)
class ParsedDates:
    """Dates (and any clock time written in the same cell) read from one column."""

    dates: pd.Series  # datetime64, NaT where blank or impossible
    times: pd.Series  # float seconds since midnight, NaN where absent
    invalid: pd.Series  # bool: a non-blank cell that is not a possible date
    day_first: bool | None  # the order used for `03/04/2024`; None when no cell needed it
    ambiguous: bool  # True when the order was guessed (no cell settles it)


def by_unique(values: pd.Series, parse: Callable[[pd.Series], Parsed]) -> Parsed:
    """Apply `parse` to each distinct value once and spread the result back over `values`."""
    codes, uniques = pd.factorize(values.fillna(""))
    parsed = parse(pd.Series(np.asarray(uniques, dtype=object), dtype="str"))
    taken = parsed.take(codes)
    taken.index = values.index
    return taken


def _numbers(parts: pd.DataFrame) -> pd.DataFrame:
    return parts.apply(pd.to_numeric, errors="coerce").astype("float64")


def _fields(text: pd.Series, ok: pd.Series, hour_digits: int) -> tuple[pd.Series, ...]:
    """Hours, minutes and seconds of cells validated as `h:mm[:ss]` (`ok`); NaN elsewhere."""
    text = text.where(ok, "0:00:00")
    short = (text.str.slice(-6, -5) != ":").to_numpy()  # `h:mm` has no seconds part
    text = text.mask(short, text + ":00").str.pad(hour_digits + 6, fillchar="0")
    # Fixed width from here: plain digit arithmetic on the bytes, no per-cell parsing.
    raw = np.array(text.tolist(), dtype=f"S{hour_digits + 6}")
    digits = raw.view(np.uint8).reshape(len(text), hour_digits + 6).astype("int64") - ord("0")
    hours = digits[:, :hour_digits] @ (10 ** np.arange(hour_digits - 1, -1, -1))
    minutes = digits[:, hour_digits + 1] * 10 + digits[:, hour_digits + 2]
    seconds = digits[:, hour_digits + 4] * 10 + digits[:, hour_digits + 5]
    keep = ok.to_numpy(dtype=bool)
    return tuple(
        pd.Series(np.where(keep, part, np.nan), index=text.index)
        for part in (hours, minutes, np.where(short, np.nan, seconds))
    )


def parse_hms(values: pd.Series) -> pd.Series:
    """Read `h:mm:ss` or `h:mm` (any hour count, padded or not) as float seconds; NaN if not."""
    return parse_hms_detail(values)[0]


def parse_hms_detail(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """`parse_hms`, plus True where the cell had a seconds part (`h:mm:ss`, not `h:mm`)."""
    both = by_unique(values, lambda u: pd.DataFrame(dict(zip("ab", _hms(u), strict=True))))
    return both["a"], both["b"]


def _hms(u: pd.Series) -> tuple[pd.Series, pd.Series]:
    text = u.str.strip()
    ok = text.str.fullmatch(r"\d{1,6}:[0-5]\d(?::[0-5]\d)?").fillna(False)
    h, m, s = _fields(text, ok, 6)
    return (h * 3600 + m * 60 + s.fillna(0)).where(ok), s.notna()


def parse_clock_times(values: pd.Series) -> pd.Series:
    """Read 24-hour `HH:MM[:SS]` or 12-hour `10:23[:52] AM` as seconds since midnight; NaN if not."""
    return by_unique(values, _clock_times)


def _clock_times(u: pd.Series) -> pd.Series:
    text = u.str.strip()
    # Fast path for the common shapes; anything else goes through the full pattern.
    simple = text.str.fullmatch(r"\d{1,2}:\d\d(?::\d\d)?(?: ?[AaPp]\.?[Mm]\.?)?").fillna(False)
    meridiem = pd.Series("", index=text.index)
    if text.str.contains("m", case=False, regex=False).any():  # 12-hour times in the file
        pm, am = text.str.contains("[Pp]", regex=True), text.str.contains("[Aa]", regex=True)
        meridiem = pd.Series(np.where(pm, "p", np.where(am, "a", "")), index=text.index)
        text = text.str.replace(r" ?[AaPp]\.?[Mm]\.?$", "", regex=True)
    h, m, s = _fields(text, simple, 2)
    slow = ~simple & (text != "")
    if slow.any():
        parts = u.str.strip().where(slow, "").str.extract(_CLOCK)
        numbers = _numbers(parts[[0, 1, 2]])
        h, m, s = h.fillna(numbers[0]), m.fillna(numbers[1]), s.fillna(numbers[2])
        meridiem = meridiem.mask(slow, parts[3].str.lower().fillna(""))
    return _seconds_of_day(h, m, s, meridiem)


def _seconds_of_day(h: pd.Series, m: pd.Series, s: pd.Series, meridiem: pd.Series) -> pd.Series:
    twelve = (meridiem != "").to_numpy()
    ok = (h.notna() & (m < 60) & (s.fillna(0) < 60)).to_numpy() & np.where(
        twelve, (h >= 1) & (h <= 12), h <= 23
    )
    hour = np.where(twelve, h % 12 + np.where(meridiem == "p", 12, 0), h)
    return pd.Series(hour * 3600 + m * 60 + s.fillna(0), index=h.index).where(ok)


def parse_span(values: pd.Series) -> pd.Series:
    """Read Jira spans like `2h 30m` or `1d 4h` (1d = 8h, 1w = 5d) as float seconds; NaN if not."""

    def parse(u: pd.Series) -> pd.Series:
        text = u.str.strip().str.lower()
        parts = _numbers(text.str.extract(_SPAN))
        weights = np.array([5 * 8 * 3600, 8 * 3600, 3600, 60, 1], dtype="float64")
        seconds = parts.fillna(0).to_numpy() @ weights
        return pd.Series(seconds, index=u.index).where(parts.notna().any(axis=1) & (text != ""))

    return by_unique(values, parse)


def parse_decimal_hours(values: pd.Series) -> pd.Series:
    """Read decimal hours in any locale (`7.5`, `7,5`, `2.001,0`, `1,234.5`) as whole seconds."""
    hours = parse_number(values)
    return np.rint(hours * 3600).where(hours >= 0)


def parse_number(values: pd.Series) -> pd.Series:
    """Read numbers with the column's decimal comma or point and thousands separators; NaN if not."""
    return by_unique(values, _number)


def _number(u: pd.Series) -> pd.Series:
    text = u.str.strip()
    for space in (" ", "\u00a0", "\u202f", "'"):  # thousands separators seen in the wild
        text = text.str.replace(space, "", regex=False)
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


def _date_parts(u: pd.Series) -> pd.DataFrame:
    parts = u.str.strip().str.extract(_DATE)
    a, b, c = (pd.to_numeric(parts[i], errors="coerce") for i in (0, 2, 3))
    month_name = parts[2].str.lower().str[:4].map(_MONTHS).astype("float64")
    month_name = month_name.fillna(parts[2].str.lower().str[:3].map(_MONTHS).astype("float64"))
    year_first = parts[0].str.len() >= 3
    named = month_name.notna()
    return pd.DataFrame(
        {
            "a": a,
            "b": b.fillna(month_name),
            "c": c,
            "year_first": year_first,
            "fixed_day_first": named | (parts[1] == "."),  # 26.01.2015, 01/Dec/24
            "c_digits": parts[3].str.len(),
            "time": parts[4],
        }
    )


def _infer_day_first(parts: pd.DataFrame, day_first: bool | None, prefer: bool):
    """Return (day_first, ambiguous) for the slash/dash dates whose order is not fixed."""
    free = parts[~parts["year_first"] & ~parts["fixed_day_first"] & parts["a"].notna()]
    if day_first is not None:
        return day_first, False
    says_day = int(((free["a"] > 12) & (free["b"] <= 12)).sum())
    says_month = int(((free["b"] > 12) & (free["a"] <= 12)).sum())
    if says_day != says_month:
        return says_day > says_month, False
    unsure = bool(((free["a"] <= 12) & (free["b"] <= 12) & (free["a"] != free["b"])).any())
    return (prefer, True) if unsure or says_day else (None, False)


def _assemble(parts: pd.DataFrame, day_first: bool) -> pd.Series:
    swap = ~parts["year_first"] & ~parts["fixed_day_first"] & (not day_first)
    day = np.where(parts["year_first"], parts["c"], np.where(swap, parts["b"], parts["a"]))
    month = np.where(parts["year_first"], parts["b"], np.where(swap, parts["a"], parts["b"]))
    year = np.where(parts["year_first"], parts["a"], parts["c"])
    two_digit = ~parts["year_first"] & (parts["c_digits"] == 2)
    year = np.where(two_digit, np.where(year < 70, 2000 + year, 1900 + year), year)
    bad_year = (~parts["year_first"] & ~parts["c_digits"].isin([2, 4])) | (year < 1900)
    year = np.where(bad_year | (year > 2200), np.nan, year)
    frame = pd.DataFrame({"year": year, "month": month, "day": day}, index=parts.index)
    return pd.to_datetime(frame, errors="coerce")


def parse_dates(
    values: pd.Series, day_first: bool | None = None, *, prefer_day_first: bool = True
) -> ParsedDates:
    """Read ISO, `DD/MM/YYYY`, `MM/DD/YYYY`, `DD.MM.YYYY`, `dd/MMM/yy` dates, inferring the order.

    The day/month order is inferred from the whole column (any day above 12 settles it); when
    nothing settles it, `prefer_day_first` is used and `ambiguous` is True. A clock time in the
    same cell (`2016-8-1 14:33`, `2024-12-01T09:00:00.000+0000`) is returned in `times`.
    """
    codes, uniques = pd.factorize(values.fillna("").str.strip())
    parts = _date_parts(pd.Series(np.asarray(uniques, dtype=object), dtype="str"))
    used, ambiguous = _infer_day_first(parts, day_first, prefer_day_first)
    dates = _assemble(parts, bool(used) if used is not None else True)
    has_time = parts["time"].notna()
    times = pd.Series(np.nan, index=parts.index)
    if has_time.any():
        times = parse_clock_times(parts["time"].fillna(""))
    bad_time = has_time & times.isna()
    invalid = (dates.isna() | bad_time) & (pd.Series(uniques) != "").to_numpy()

    def spread(series: pd.Series) -> pd.Series:
        return pd.Series(series.to_numpy()[codes], index=values.index)

    return ParsedDates(spread(dates), spread(times), spread(invalid), used, ambiguous)


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
