"""The editable table of recent entries: what changed, as plain edits to apply."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from realitycheck.timelog.durations import DurationError, parse_duration


@dataclass
class TableEdits:
    """The edits a user made in the table."""

    updates: dict[int, dict] = field(default_factory=dict)
    deletes: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _hours_text(hours: float) -> str:
    return f"{round(float(hours), 2):g}"


def entry_editor(entries: pd.DataFrame, categories: list[str], key: str) -> pd.DataFrame:
    """Show the entries in an editable table (plus a Delete tick box); return the edited copy."""
    shown = entries.assign(hours=entries["hours"].map(_hours_text), delete=False)
    return st.data_editor(
        shown,
        key=key,
        hide_index=True,
        width="stretch",
        disabled=["id", "source"],
        column_order=["day", "person", "category", "hours", "note", "source", "delete"],
        column_config={
            "day": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
            "person": st.column_config.TextColumn("Person", required=True),
            "category": st.column_config.SelectboxColumn(
                "Category", options=categories, required=True
            ),
            "hours": st.column_config.TextColumn("Hours", help="1.5, 1:30 or 90m"),
            "note": st.column_config.TextColumn("Note"),
            "source": st.column_config.TextColumn("Source"),
            "delete": st.column_config.CheckboxColumn("Delete", help="Tick, then Save changes"),
        },
    )


def diff_entries(before: pd.DataFrame, after: pd.DataFrame) -> TableEdits:
    """Compare the table before and after editing: updates per entry id, and ids to delete."""
    edits = TableEdits()
    old = before.set_index("id")
    for row in after.itertuples(index=False):
        if row.delete:
            edits.deletes.append(int(row.id))
            continue
        prior = old.loc[row.id]
        change = {}
        for column in ("day", "person", "category", "note"):
            if getattr(row, column) != prior[column]:
                change[column] = getattr(row, column)
        if str(row.hours).strip() != _hours_text(prior["hours"]):
            try:
                change["seconds"] = parse_duration(str(row.hours))
            except DurationError as exc:
                edits.errors.append(f"{row.day} {row.person}: {exc}")
                continue
        if change:
            edits.updates[int(row.id)] = change
    return edits
