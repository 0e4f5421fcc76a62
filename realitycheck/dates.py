"""Written dates and clock times in a column: formats, the day/month order, times of day."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import pandas as pd

Parsed = TypeVar("Parsed", pd.Series, pd.DataFrame)
# Bounded patterns only (no nested quantifiers): a hostile cell cannot make them backtrack.
_CLOCK = (
    r"^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:[.,]\d{1,9})?\s?"
    r"(?:([AaPp])\.?\s?[Mm]\.?|Z|[+-]\d{2}:?\d{2})?$"
)
_DATE = r"^(\d{1,4})([./-])(\d{1,2}|[^\W\d_]{3,9})\.?[./-](\d{1,4})(?:[T ,]\s?(.{1,40}))?$"
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
    evidence: str = ""  # what settled the order when no date could (the span, a hint)


def by_unique(values: pd.Series, parse: Callable[[pd.Series], Parsed]) -> Parsed:
    """Apply `parse` to each distinct value once and spread the result back over `values`."""
    codes, uniques = pd.factorize(values.fillna(""))
    parsed = parse(pd.Series(np.asarray(uniques, dtype=object), dtype="str"))
    taken = parsed.take(codes)
    taken.index = values.index
    return taken


def _numbers(parts: pd.DataFrame) -> pd.DataFrame:
    return parts.apply(pd.to_numeric, errors="coerce").astype("float64")


def clock_fields(text: pd.Series, ok: pd.Series, hour_digits: int) -> tuple[pd.Series, ...]:
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
    h, m, s = clock_fields(text, simple, 2)
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


def infer_day_first(first: pd.Series, second: pd.Series, prefer: bool) -> tuple[bool | None, bool]:
    """Day/month order of a column's `n/n/year` dates, and whether it had to be guessed.

    `first` and `second` are the two leading numbers of every date whose order is open. A date
    whose first number is above 12 votes day-first, one whose second is votes month-first, and
    the majority wins. Without a majority, `prefer` is used and marked a guess if any date reads
    differently either way; (None, False) when no date depends on the order (`01/01/2024`).
    """
    says_day = int(((first > 12) & (second <= 12)).sum())
    says_month = int(((second > 12) & (first <= 12)).sum())
    if says_day != says_month:
        return says_day > says_month, False
    unsure = bool(((first <= 12) & (second <= 12) & (first != second)).any())
    return (prefer, True) if unsure or says_day else (None, False)


SPAN_RATIO = 4  # a reading whose dates span 4x less than the other's wins
MIN_SPAN_DATES = 3  # distinct dates whose order is open, before their span counts


def _span_days(dates: pd.Series) -> int:
    return int((dates.max() - dates.min()).days) if dates.notna().any() else 0


def _describe(days: int) -> str:
    return f"{days + 1} days" if days < 60 else f"{round(days / 30.44)} months"


def span_evidence(parts: pd.DataFrame) -> tuple[bool | None, str]:
    """Read every date both ways; when one reading spans far less, it wins (and say why)."""
    open_dates = parts[
        ~parts["year_first"] & ~parts["fixed_day_first"] & (parts["a"] != parts["b"])
    ]
    if len(open_dates) < MIN_SPAN_DATES:  # two dates apart say little about a file's range
        return None, ""
    day = _span_days(_assemble(parts, True))
    month = _span_days(_assemble(parts, False))
    if max(day, month) < SPAN_RATIO * min(day, month) + 7:
        return None, ""
    first = day < month
    order = "day/month" if first else "month/day"
    return first, (
        f"read as {order} they span {_describe(min(day, month))}, read the other way "
        f"{_describe(max(day, month))}"
    )


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
    values: pd.Series,
    day_first: bool | None = None,
    *,
    prefer_day_first: bool = True,
    month_first_hint: str = "",
    weigh_span: bool = False,
) -> ParsedDates:
    """Read ISO, `DD/MM/YYYY`, `MM/DD/YYYY`, `DD.MM.YYYY`, `dd/MMM/yy` dates, inferring the order.

    The day/month order is inferred from the whole column (`infer_day_first`); when nothing
    settles it and `weigh_span` is set (the time log), a reading whose dates span far less
    wins (`span_evidence`), then a
    `month_first_hint` (a 12-hour clock, a USD column) decides for month first; only then is
    `prefer_day_first` used and `ambiguous` True. `evidence` says what decided. Dotted dates (`26.01.2015`)
    and month names are always day-first. A clock time in the
    same cell (`2016-8-1 14:33`, `2024-12-01T09:00:00.000+0000`) is returned in `times`.
    """
    codes, uniques = pd.factorize(values.fillna("").str.strip())
    parts = _date_parts(pd.Series(np.asarray(uniques, dtype=object), dtype="str"))
    free = parts[~parts["year_first"] & ~parts["fixed_day_first"] & parts["a"].notna()]
    used, ambiguous = (
        (day_first, False)
        if day_first is not None
        else infer_day_first(free["a"], free["b"], prefer_day_first)
    )
    evidence = ""
    if ambiguous:
        order, evidence = span_evidence(parts) if weigh_span else (None, "")
        if order is None and month_first_hint:
            order, evidence = False, month_first_hint
        if order is not None:
            used, ambiguous = order, False
    dates = _assemble(parts, bool(used) if used is not None else True)
    has_time = parts["time"].notna()
    times = pd.Series(np.nan, index=parts.index)
    if has_time.any():
        times = parse_clock_times(parts["time"].fillna(""))
    bad_time = has_time & times.isna()
    invalid = (dates.isna() | bad_time) & (pd.Series(uniques) != "").to_numpy()

    def spread(series: pd.Series) -> pd.Series:
        return pd.Series(series.to_numpy()[codes], index=values.index)

    return ParsedDates(spread(dates), spread(times), spread(invalid), used, ambiguous, evidence)
