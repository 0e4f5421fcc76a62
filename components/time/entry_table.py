"""The editable table of recent entries: what changed, as plain edits to apply."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from components import state, writes
from components.markdown import plain, plural
from realitycheck.store import StoreError
from realitycheck.timelog.durations import DurationError, parse_duration
from realitycheck.timelog.summary import EntryError


@dataclass
class TableEdits:
    """The edits a user made in the table."""

    updates: dict[int, dict] = field(default_factory=dict)
    deletes: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _hours_text(hours: float) -> str:
    return f"{round(float(hours), 2):g}"


def editor_key(project_id: int, entries: pd.DataFrame) -> str:
    """The editor's key, made from the rows it shows.

    The editor remembers edits by row position. Any change to the rows (a save, a delete, an
    entry added here or in another session) gives a new key, so a tick or an edit never moves
    to another entry; a refused save changes nothing, so the edit stays on screen.
    """
    digest = hashlib.sha256(entries.to_csv(index=False).encode()).hexdigest()[:16]
    return f"entries_{project_id}_{digest}"


def entry_editor(entries: pd.DataFrame, categories: list[str], key: str) -> pd.DataFrame:
    """Show the entries in an editable table (plus a Delete tick box); return the edited copy."""
    shown = entries.assign(hours=entries["hours"].map(_hours_text), delete=False)
    return st.data_editor(
        shown,
        key=key,
        hide_index=True,
        width="stretch",
        disabled=["id", "source"],
        # The tick box first and the note last, so a phone shows what matters without scrolling.
        column_order=["delete", "day", "hours", "person", "category", "note", "source"],
        column_config={
            "delete": st.column_config.CheckboxColumn(
                "Del.", help="Tick, then Save changes", width=44
            ),
            "day": st.column_config.DateColumn("Date", format="D MMM YY", width=76),
            "hours": st.column_config.TextColumn("Hours", help="1.5, 1:30 or 90m", width=56),
            "person": st.column_config.TextColumn("Person", required=True, width=90),
            "category": st.column_config.SelectboxColumn(
                "Category", options=categories, required=True, width="medium"
            ),
            "note": st.column_config.TextColumn("Note"),
            "source": st.column_config.TextColumn("Source", width="small"),
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


def save_edits(url: str, entries: pd.DataFrame, edited: pd.DataFrame) -> None:
    """Save the table's edits and deletes together; on a refusal save none and say why.

    After a save the rows change, so the page reruns with a fresh editor (see `editor_key`);
    after a refusal it does not rerun, and the message and the edit stay on screen.
    """
    edits = diff_entries(entries, edited)
    if not (edits.updates or edits.deletes or edits.errors):
        st.info("Nothing to save: edit a cell or tick Del. first.")
        return
    try:
        if edits.errors:
            raise EntryError(" ".join(edits.errors))
        writes.apply_edits(url, edits.updates, edits.deletes)
    except (EntryError, StoreError) as exc:
        st.error(f"Nothing was saved. {plain(exc)}")
        return
    if edits.deletes:
        st.session_state[state.LAST_DELETED] = edits.deletes
    done = len(edits.updates) + len(edits.deletes)
    st.session_state[state.LOG_MESSAGE] = ("success", f"Saved {plural(done, 'change')}.")
    st.rerun()
