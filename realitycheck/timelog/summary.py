"""Time-log rules and arithmetic: validation, shares by group, expected vs actual, the gap."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd

from realitycheck.timelog.categories import DATA_WORK, GROUPS, MODELING, UNSORTED

MAX_SECONDS_PER_DAY = 24 * 3600
SHARE_TOLERANCE = 0.005


class EntryError(ValueError):
    """An entry we refuse to write, with a message fit to show the user."""


def validate_expected(expected: dict[str, float]) -> dict[str, float]:
    """Return the expected shares per group as fractions; they must add up to 100%."""
    unknown = set(expected) - set(GROUPS)
    if unknown:
        raise EntryError(
            f"Unknown group(s): {', '.join(sorted(unknown))}; use {', '.join(GROUPS)}."
        )
    shares = {g: float(expected.get(g, 0.0)) for g in GROUPS}
    if any(not 0.0 <= s <= 1.0 for s in shares.values()):
        raise EntryError("Each expected share must be between 0% and 100%.")
    total = sum(shares.values())
    if abs(total - 1.0) > SHARE_TOLERANCE:
        raise EntryError(f"Expected shares must add up to 100%; these add up to {total:.0%}.")
    return shares


def validate_entry(
    day: date, seconds: int, category: str, category_names: list[str], today: date
) -> None:
    """Refuse an entry with no time, over 24 h, too far in the future, or an unknown category."""
    if seconds <= 0:
        raise EntryError("Hours must be more than zero.")
    if seconds > MAX_SECONDS_PER_DAY:
        raise EntryError("One entry cannot be more than 24 hours.")
    if day > today + timedelta(days=1):
        raise EntryError(f"{day:%Y-%m-%d} is in the future; log time up to tomorrow.")
    if category not in category_names:
        raise EntryError(f"Unknown category '{category}'.")


@dataclass(frozen=True)
class GroupShare:
    """Hours and share of one activity group, with what was expected."""

    group: str
    seconds: int
    share: float
    expected_share: float

    @property
    def gap(self) -> float:
        """Actual share minus expected share (positive: more than planned)."""
        return self.share - self.expected_share


@dataclass(frozen=True)
class Summary:
    """Expected vs actual for one project over one date range.

    `total_seconds` counts every hour, sorted or not; the groups' shares are shares of the
    sorted hours, and `unsorted_seconds` is stated beside them.
    """

    total_seconds: int
    groups: dict[str, GroupShare]
    categories: pd.DataFrame = field(repr=False)  # columns: category, group, seconds
    unsorted_seconds: int = 0

    @property
    def hours_total(self) -> float:
        """Total logged hours, sorted or not."""
        return self.total_seconds / 3600

    @property
    def sorted_seconds(self) -> int:
        """The hours (in seconds) that sit in a category of one of the three groups."""
        return self.total_seconds - self.unsorted_seconds


def summarize(by_category: pd.DataFrame, expected: dict[str, float]) -> Summary:
    """Summarize per-category totals (`category`, `group`, `seconds`) against the expectation."""
    total = int(by_category["seconds"].sum()) if len(by_category) else 0
    per_group = by_category.groupby("group")["seconds"].sum() if total else pd.Series(dtype=int)
    unsorted = int(per_group.get(UNSORTED, 0))
    sorted_total = total - unsorted
    groups = {
        g: GroupShare(
            group=g,
            seconds=int(per_group.get(g, 0)),
            share=(int(per_group.get(g, 0)) / sorted_total) if sorted_total else 0.0,
            expected_share=expected.get(g, 0.0),
        )
        for g in GROUPS
    }
    return Summary(total, groups, by_category, unsorted)


def unsorted_note(summary: Summary) -> str | None:
    """'x h (y%) not yet sorted' when some hours sit in Unsorted, else None."""
    if not summary.unsorted_seconds:
        return None
    share = summary.unsorted_seconds / summary.total_seconds
    return f"{summary.unsorted_seconds / 3600:,.1f} h ({share:.0%}) not yet sorted"


GAP_POINTS = 5  # a group within this many percentage points (as shown) of its plan is "close"


def _compared(share: GroupShare) -> str:
    """'more than', 'close to' or 'less than' the plan, from this group's own gap as shown."""
    points = round(share.share * 100) - round(share.expected_share * 100)
    if points >= GAP_POINTS:
        return "more than"
    if points <= -GAP_POINTS:
        return "less than"
    return "close to"


def gap_sentence(summary: Summary) -> str:
    """Plain sentences that state each group's gap between the plan and the log."""
    if summary.sorted_seconds == 0 and summary.unsorted_seconds:
        return "No hours are sorted yet: sort the imported entries to see where the time goes."
    if summary.total_seconds == 0:
        return "No time logged yet: log a few entries to see where the time really goes."
    data = summary.groups[DATA_WORK]
    model = summary.groups[MODELING]
    words = (_compared(data), _compared(model))
    # Shares are of the sorted hours: with some not yet sorted, say so (the rest is stated apart).
    base = "sorted hours" if summary.unsorted_seconds else "logged hours"
    sentence = (
        f"Data work is {data.share:.0%} of {base}, {words[0]} the "
        f"{data.expected_share:.0%} planned. Modeling got {model.share:.0%}, {words[1]} the "
        f"{model.expected_share:.0%} planned."
    )
    return sentence + (" The plan is holding." if words == ("close to", "close to") else "")


DEFAULT_WEEKS = 8


def default_range(first: date, last: date, weeks: int = DEFAULT_WEEKS) -> tuple[date, date]:
    """The last `weeks` calendar weeks (Monday to the last day) of the data, or all of it."""
    monday = last - timedelta(days=last.weekday()) - timedelta(weeks=weeks - 1)
    return max(first, monday), last


def weekly_by_group(
    daily: pd.DataFrame, since: date | None = None, until: date | None = None
) -> pd.DataFrame:
    """Bucket per-day group totals (`day`, `group`, `seconds`) into weeks starting on Monday.

    `partial` marks weeks the range `since`..`until` covers only in part (their bars are low
    because the range cuts them, not because the team worked less).
    """
    if daily.empty:
        return pd.DataFrame(columns=["week", "group", "hours", "partial"])
    days = pd.to_datetime(daily["day"])
    week = (days - pd.to_timedelta(days.dt.day_of_week, unit="D")).dt.date
    out = (
        daily.assign(week=week)
        .groupby(["week", "group"], as_index=False)["seconds"]
        .sum()
        .assign(hours=lambda d: d["seconds"] / 3600)
    )
    starts_late = out["week"] < since if since else False
    ends_early = out["week"].map(lambda w: w + timedelta(days=6)) > until if until else False
    out["partial"] = starts_late | ends_early
    return out[["week", "group", "hours", "partial"]]


def summary_dict(project: str, since: date | None, until: date | None, summary: Summary) -> dict:
    """The summary as the plain JSON object the CLI prints."""
    return {
        "project": project,
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "hours_total": round(summary.hours_total, 4),
        "hours_unsorted": round(summary.unsorted_seconds / 3600, 4),
        "groups": {
            g: {
                "hours": round(s.seconds / 3600, 4),
                "share": round(s.share, 4),
                "expected_share": round(s.expected_share, 4),
            }
            for g, s in summary.groups.items()
        },
        "categories": {
            row.category: round(row.seconds / 3600, 4)
            for row in summary.categories.itertuples()
            if row.seconds
        },
    }
