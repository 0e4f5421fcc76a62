"""Harvest detailed time report CSV (decimal hours in the account's locale, no clock times)."""

from __future__ import annotations

from realitycheck.timelog import durations
from realitycheck.timelog.importers import entries
from realitycheck.timelog.importers.reading import Table
from realitycheck.timelog.importers.result import Draft


def parse(table: Table, day_first: bool | None = None) -> Draft:
    """Normalize a Harvest report; person is First + Last Name, seconds = round(hours * 3600)."""
    person = (table.text("First Name") + " " + table.text("Last Name")).str.strip()
    frame = entries.new_frame(
        table,
        person=person,
        description=table.text("Notes"),
        source_project=table.text("Project"),
        task=table.text("Task"),
    )
    frame, parsed = entries.apply_dates(frame, table.text("Date"), day_first)
    hours = table.text("Hours", "Hours Rounded")
    seconds = durations.parse_decimal_hours(hours)
    error = entries.hours_error(frame["error"], hours, seconds)
    frame = frame.assign(seconds=seconds, error=error)
    return Draft(frame, entries.ambiguity_note(parsed), parsed.ambiguous, parsed.day_first)
