"""Any CSV of time entries, with the columns mapped by the user (or guessed from their names)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from realitycheck.timelog import durations
from realitycheck.timelog.importers import entries, parsing
from realitycheck.timelog.importers.reading import Table, normalize_name
from realitycheck.timelog.importers.result import Draft, ImportFormatError

# Mapping keys, with the header names that suggest each (exact matches win over partial ones).
FIELD_HINTS: dict[str, tuple[str, ...]] = {
    "date": ("date", "day", "work date", "start date", "spent on", "datum"),
    "start": ("start", "start time", "started", "begin", "from"),
    "end": ("end", "end time", "stop", "stop time", "finish", "to"),
    "duration": ("duration", "hours", "time spent", "time", "hrs", "spent", "dauer", "stunden"),
    "person": ("person", "user", "member", "employee", "full name", "name", "author", "who"),
    "description": ("description", "notes", "note", "comment", "details", "summary", "what"),
    "project": ("project", "client", "projekt"),
    "task": ("task", "activity", "issue", "ticket"),
    "tags": ("tags", "tag", "labels", "label", "category"),
}
MAPPING_FIELDS = tuple(FIELD_HINTS)
DURATION_UNITS = ("auto", "hms", "hours", "minutes", "seconds")
_DATE_AND_TIME = r"^(\d{1,4}[./-][^\s.,/-]{1,9}\.?[./-]\d{1,4})(?:[T ]\s?(.{1,40}))?$"


# When the record was written, not when the work was done: never the date, start or end.
RECORD_STAMPS = frozenset({"created", "updated", "modified", "inserted", "deleted", "synced"})
_WORDS = re.compile(r"[^\W_]+")


def _words(name: str) -> tuple[str, ...]:
    return tuple(_WORDS.findall(normalize_name(name)))


def _contains(words: tuple[str, ...], hint: tuple[str, ...]) -> bool:
    """True when `hint`'s words appear in a row in `words` (`date` is not in `updated_at`)."""
    n = len(hint)
    return any(words[i : i + n] == hint for i in range(len(words) - n + 1))


def suggest_mapping(columns: list[str]) -> dict[str, str]:
    """Guess which column holds each field from the header names.

    Exact names win over names that contain a hint's words; a record's own timestamps
    (`created_at`, `updated_at`, `modified`) are never the date, start or end of the work.
    """
    names = {c: normalize_name(c) for c in columns}
    words = {c: _words(c) for c in columns}
    mapping: dict[str, str] = {}
    for exact in (True, False):
        for fieldname, hints in FIELD_HINTS.items():
            free = [c for c in columns if c not in mapping.values()]
            if fieldname in ("date", "start", "end"):
                free = [c for c in free if not RECORD_STAMPS & set(words[c])]
            for hint in hints:
                hint_words = tuple(hint.split())
                found = [
                    c
                    for c in free
                    if names[c] == hint or (not exact and _contains(words[c], hint_words))
                ]
                if fieldname not in mapping and found:
                    mapping[fieldname] = found[0]
    return {f: mapping[f] for f in MAPPING_FIELDS if f in mapping}


def is_complete(mapping: dict[str, str]) -> bool:
    """True when the mapping names a date and a duration (or a start and an end)."""
    dated = "date" in mapping or "start" in mapping
    return dated and ("duration" in mapping or {"start", "end"} <= mapping.keys())


def check_mapping(mapping: dict, columns: list[str]) -> dict[str, str]:
    """Validate a user's mapping; raise ImportFormatError naming what is wrong."""
    unknown = set(mapping) - {*MAPPING_FIELDS, "duration_unit"}
    if unknown:
        raise ImportFormatError(f"Unknown mapping fields: {', '.join(sorted(unknown))}.")
    if mapping.get("duration_unit", "auto") not in DURATION_UNITS:
        raise ImportFormatError(f"duration_unit must be one of {', '.join(DURATION_UNITS)}.")
    chosen = {k: v for k, v in mapping.items() if k in MAPPING_FIELDS and v}
    missing = [v for v in chosen.values() if v not in columns]
    if missing:
        raise ImportFormatError(
            f"Column {missing[0]!r} is not in the file; its columns are: {', '.join(columns)}."
        )
    if not is_complete(chosen):
        raise ImportFormatError(
            "Choose a date column (or a start column) and a duration column "
            "(or start and end columns)."
        )
    return chosen


def _split(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Split `2024-03-01 09:00` into date and time text; a bare time stays a time."""
    parts = values.str.extract(_DATE_AND_TIME)
    has_date = parts[0].notna()
    return parts[0].fillna(""), parts[1].fillna("").mask(~has_date, values)


def _durations(values: pd.Series, unit: str) -> entries.Times:
    if unit in ("minutes", "seconds"):
        scale = 60 if unit == "minutes" else 1
        seconds = np.rint(durations.parse_number(values) * scale)
        return entries.Times(start_date=values, seconds=seconds.where(seconds >= 0))
    if unit == "hms":
        return entries.Times(start_date=values, hms=values)
    # `h:mm:ss` keeps its place before end - start; hours and units (`2h 15m`) come after it.
    clock = values.str.contains(":", regex=False)
    other = durations.parse_durations(values.where(~clock, ""))
    return entries.Times(
        start_date=values, hms=values.where(clock, ""), seconds=other.where(other >= 0)
    )


def _unit_note(values: pd.Series, unit: str) -> list[str]:
    hours = durations.parse_number(values.where(~values.str.contains(":", regex=False), ""))
    if unit == "auto" and hours.notna().any() and hours.median() > 24:
        return [
            "Durations were read as hours, and most exceed 24 h: if they are minutes "
            "or seconds, choose the unit."
        ]
    return []


def parse(
    table: Table, mapping: dict[str, str], day_first: bool | None = None, person: str | None = None
) -> Draft:
    """Normalize a CSV whose columns are named by `mapping` (see MAPPING_FIELDS)."""
    unit = mapping.get("duration_unit", "auto")
    chosen = check_mapping(mapping, table.header)
    column = {f: table.text(chosen[f]) if f in chosen else None for f in MAPPING_FIELDS}
    name = column["person"] if column["person"] is not None else table.text()
    if person:
        name = name.mask(name == "", person)
    blank = table.text()
    frame = entries.new_frame(
        table,
        person=name,
        description=column["description"] if column["description"] is not None else blank,
        source_project=column["project"] if column["project"] is not None else blank,
        task=column["task"] if column["task"] is not None else blank,
        tags=parsing.normalize_tags(column["tags"] if column["tags"] is not None else blank),
    )
    start_date, start_time = _split(column["start"] if column["start"] is not None else blank)
    end_date, end_time = _split(column["end"] if column["end"] is not None else blank)
    duration = column["duration"] if column["duration"] is not None else blank
    times = _durations(duration, unit)
    times.start_date = column["date"] if column["date"] is not None else start_date
    times.start_time, times.end_time, times.end_date = start_time, end_time, end_date
    draft = entries.timed_draft(frame, times, day_first)
    draft.warnings.extend(_unit_note(duration, unit))
    return draft
