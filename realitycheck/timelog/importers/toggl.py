"""Toggl Track detailed report CSV (2017-18, 2023 and newer report exports)."""

from __future__ import annotations

import pandas as pd

from realitycheck.timelog.importers import entries, parsing
from realitycheck.timelog.importers.reading import Table
from realitycheck.timelog.importers.result import Draft

# Newer report exports write `-` for an empty field.
_EMPTY = "-"


def _clean(table: Table, *names: str) -> pd.Series:
    """The first of `names` present, as text, with the newer exports' `-` read as empty."""
    values = table.text(*names)
    newer = table.get("Member", "Stop date") is not None
    return values.mask(values == _EMPTY, "") if newer else values


def parse(table: Table, day_first: bool | None = None) -> Draft:
    """Normalize a Toggl detailed report; the person is `User` (or `Member`, else `Email`)."""
    person = _clean(table, "User", "Member")
    person = person.mask(person == "", _clean(table, "Email"))
    frame = entries.new_frame(
        table,
        person=person,
        description=_clean(table, "Description"),
        source_project=_clean(table, "Project"),
        task=_clean(table, "Task"),
        tags=parsing.normalize_tags(table.text("Tags"), empty=_EMPTY),
    )
    times = entries.Times(
        start_date=table.text("Start date"),
        start_time=table.get("Start time"),
        end_date=table.get("End date", "Stop date"),
        end_time=table.get("End time", "Stop time"),
        hms=_clean(table, "Duration"),
        usd=any("(usd)" in name.lower() for name in table.header),
    )
    return entries.timed_draft(frame, times, day_first)
