"""The daily standup: per-person hours since the last working day, notes, and the team's week."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

import pandas as pd

from realitycheck.timelog.categories import GROUP_LABELS, GROUPS, UNSORTED
from realitycheck.timelog.summary import Summary, gap_sentence

if TYPE_CHECKING:
    from realitycheck.store import Project, Store

ACTIVE_DAYS = 14  # people who logged time in the last two weeks appear even with nothing new


def previous_working_day(day: date) -> date:
    """The working day before `day` (Friday for a Monday, a weekend or a Monday)."""
    back = {0: 3, 6: 2}.get(day.weekday(), 1)
    return day - timedelta(days=back)


def week_start(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class PersonUpdate:
    """One person's part of the standup."""

    person: str
    group_seconds: dict[str, int]
    top_categories: list[tuple[str, int]]
    note: dict[str, str] = field(default_factory=dict)
    unsorted_seconds: int = 0  # imported hours not yet sorted into a group

    @property
    def total_seconds(self) -> int:
        """Hours (in seconds) logged since the last standup, sorted or not."""
        return sum(self.group_seconds.values()) + self.unsorted_seconds


@dataclass(frozen=True)
class StandupReport:
    """Everything the standup screen shows, as plain data."""

    project: str
    day: date
    since: date
    people: list[PersonUpdate]
    week: Summary


def build_report(
    project: str,
    day: date,
    window: pd.DataFrame,
    recent_people: list[str],
    notes: dict[str, dict[str, str]],
    week: Summary,
) -> StandupReport:
    """Assemble the standup from per-person totals (`person`, `group`, `category`, `seconds`)."""
    names = sorted(set(window["person"]) | set(recent_people) | set(notes))
    people = []
    for name in names:
        rows = window[window["person"] == name]
        groups = rows.groupby("group")["seconds"].sum()
        top = rows.groupby("category")["seconds"].sum().sort_values(ascending=False).head(3)
        people.append(
            PersonUpdate(
                person=name,
                group_seconds={g: int(groups.get(g, 0)) for g in GROUPS},
                top_categories=[(c, int(s)) for c, s in top.items()],
                note=notes.get(name, {}),
                unsorted_seconds=int(groups.get(UNSORTED, 0)),
            )
        )
    return StandupReport(project, day, previous_working_day(day), people, week)


def _hours(seconds: int) -> str:
    return f"{seconds / 3600:.1f} h"


def to_markdown(report: StandupReport) -> str:
    """The standup as markdown to paste into chat."""
    lines = [f"**Standup — {report.project} — {report.day:%a %d %b %Y}**", ""]
    for p in report.people:
        parts = {**p.group_seconds, UNSORTED: p.unsorted_seconds}
        split = ", ".join(f"{GROUP_LABELS[g]} {_hours(s)}" for g, s in parts.items() if s)
        lines.append(
            f"- **{p.person}** ({_hours(p.total_seconds)} since {report.since:%a}): {split or 'nothing logged'}"
        )
        for key in ("yesterday", "today", "blockers"):
            if p.note.get(key):
                lines.append(f"  - {key.capitalize()}: {' '.join(p.note[key].split())}")
    lines += ["", f"**Team, week to date** ({_hours(report.week.total_seconds)}):"]
    for g, share in report.week.groups.items():
        lines.append(
            f"- {GROUP_LABELS[g]}: {share.share:.0%} (expected {share.expected_share:.0%})"
        )
    if report.week.unsorted_seconds:
        lines.append(f"- {GROUP_LABELS[UNSORTED]}: {_hours(report.week.unsorted_seconds)}")
    lines += ["", gap_sentence(report.week)]
    return "\n".join(lines)


def to_dict(report: StandupReport) -> dict:
    """The standup as a plain JSON-ready object."""
    return {
        "project": report.project,
        "date": report.day.isoformat(),
        "since": report.since.isoformat(),
        "people": [
            {
                "person": p.person,
                "hours": round(p.total_seconds / 3600, 4),
                "groups": {g: round(s / 3600, 4) for g, s in p.group_seconds.items()},
                "hours_unsorted": round(p.unsorted_seconds / 3600, 4),
                "top_categories": [
                    {"category": c, "hours": round(s / 3600, 4)} for c, s in p.top_categories
                ],
                "note": {k: p.note.get(k, "") for k in ("yesterday", "today", "blockers")},
            }
            for p in report.people
        ],
        "week": {
            "since": week_start(report.day).isoformat(),
            "hours_total": round(report.week.hours_total, 4),
            "hours_unsorted": round(report.week.unsorted_seconds / 3600, 4),
            "groups": {
                g: {"share": round(s.share, 4), "expected_share": round(s.expected_share, 4)}
                for g, s in report.week.groups.items()
            },
            "sentence": gap_sentence(report.week),
        },
    }


def load_report(store: Store, project: Project, day: date) -> StandupReport:
    """Build the standup for a project and day straight from the store."""
    from realitycheck.timelog.summary import summarize

    since = previous_working_day(day)
    window = store.person_totals(project.id, since, day)
    recent = store.person_totals(project.id, day - timedelta(days=ACTIVE_DAYS), day)
    week = summarize(store.totals_by_category(project.id, week_start(day), day), project.expected)
    notes = store.get_notes(project.id, day)
    return build_report(project.name, day, window, sorted(set(recent["person"])), notes, week)
