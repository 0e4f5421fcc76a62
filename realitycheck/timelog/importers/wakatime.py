"""WakaTime JSON data dump: one entry per day and project, with the day totals kept exact."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from realitycheck.timelog.importers import entries
from realitycheck.timelog.importers.reading import Table
from realitycheck.timelog.importers.result import Draft, ImportFormatError

UNATTRIBUTED = "(no project)"


def load(text: str) -> dict:
    """Parse a WakaTime dump, or raise ImportFormatError saying what was expected."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ImportFormatError(f"This JSON file cannot be read: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("days"), list):
        raise ImportFormatError(
            'This JSON file is not a WakaTime data dump (expected {"days": [...]}).'
        )
    return data


def _total(block: object) -> float:
    """A block's `total_seconds`, rounded to whole seconds (newer dumps hold fractions)."""
    total = block.get("total_seconds") if isinstance(block, dict) else None
    if isinstance(total, bool) or not isinstance(total, int | float) or total != total:
        return np.nan
    return float(round(total))


def _day_records(number: int, day: object) -> list[dict]:
    if not isinstance(day, dict):
        return [{"row": number, "date": "", "project": "", "seconds": np.nan}]
    date = str(day.get("date", ""))
    projects = [p for p in day.get("projects") or [] if isinstance(p, dict)]
    records = [
        {
            "row": number,
            "date": date,
            "project": str(p.get("name", "")),
            "seconds": _total(p.get("grand_total")),
        }
        for p in projects
    ]
    rest = _total(day.get("grand_total")) - sum(r["seconds"] for r in records)
    if not records or rest > 0:  # keep the day's total exact
        records.append({"row": number, "date": date, "project": UNATTRIBUTED, "seconds": rest})
    return records


def _dump_person(data: dict) -> str:
    user = data.get("user") if isinstance(data.get("user"), dict) else {}
    for key in ("full_name", "display_name", "username"):
        if isinstance(user.get(key), str) and user[key].strip():
            return user[key].strip()
    return ""


def parse(text: str, person: str | None = None) -> Draft:
    """Normalize a WakaTime dump; `row` is the day's 1-based position in `days`."""
    data = load(text)
    records = [r for i, day in enumerate(data["days"], start=1) for r in _day_records(i, day)]
    long = pd.DataFrame(records, columns=["row", "date", "project", "seconds"])
    long = long[~((long["project"] == UNATTRIBUTED) & (long["seconds"] == 0))]
    long = long.reset_index(drop=True).astype({"date": "str", "project": "str"})
    notes = []
    if person is None:
        person = _dump_person(data)
        notes.append(
            f"No person was given; using the dump's user '{person}'."
            if person
            else "No person was given and the dump names none; choose who this is."
        )
    table = Table(long[["date", "project"]], long["row"].to_numpy(dtype="int64"))
    name = pd.Series(person, index=long.index, dtype="str")
    frame = entries.new_frame(table, person=name, source_project=long["project"])
    frame, parsed = entries.apply_dates(frame, long["date"], day_first=None)
    error = entries.flag(frame["error"], long["seconds"].isna(), "no total_seconds")
    error = entries.flag(error, long["seconds"] < 0, "negative total_seconds")
    return Draft(frame.assign(seconds=long["seconds"], error=error), notes)
