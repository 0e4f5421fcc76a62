"""Clockify detailed report CSV (any date/time settings, localized `Activity` header)."""

from __future__ import annotations

from realitycheck.timelog.importers import entries, parsing
from realitycheck.timelog.importers.reading import Table
from realitycheck.timelog.importers.result import Draft


def parse(table: Table, day_first: bool | None = None) -> Draft:
    """Normalize a Clockify detailed report; seconds from `Duration (h)` or start/end first."""
    person = table.text("User")
    person = person.mask(person == "", table.text("Email"))
    frame = entries.new_frame(
        table,
        person=person,
        description=table.text("Description"),
        source_project=table.text("Project"),
        task=table.text("Task", "Activity"),
        tags=parsing.normalize_tags(table.text("Tags")),
    )
    times = entries.Times(
        start_date=table.text("Start Date"),
        start_time=table.get("Start Time"),
        end_date=table.get("End Date"),
        end_time=table.get("End Time"),
        hms=table.get("Duration (h)"),
        decimal=table.get("Duration (decimal)"),
        usd=any("(usd)" in name.lower() for name in table.header),
    )
    return entries.timed_draft(frame, times, day_first)
