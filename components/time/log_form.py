"""The Log time form: add an entry, clear the hours and note after it, warn on a duplicate."""

from __future__ import annotations

from datetime import date

import streamlit as st

from components import state, writes
from components.markdown import plain
from realitycheck.store import StoreError
from realitycheck.timelog.durations import DurationError, parse_duration
from realitycheck.timelog.summary import EntryError

# The widest range the date field takes: a date it refuses is never sent to the server (the
# field keeps sending the last valid one), so every typed date must reach validation there.
EARLIEST, LATEST = date(1, 1, 1), date(9999, 12, 31)


def entry_form(url: str, project_id: int, people: list[str], categories: list[str]) -> None:
    """The Add entry form (person, date, category, hours, note), then the outcome of the add."""
    with st.form("log_entry", border=True):
        cols = st.columns([2, 1.2, 2, 1])
        cols[0].selectbox(
            "Person",
            people,
            key=state.LOG_PERSON,
            accept_new_options=True,
            placeholder="Your name",
            persist_state="session",  # remembered across pages for the whole session
        )
        cols[1].date_input(
            "Date", date.today(), min_value=EARLIEST, max_value=LATEST, key=state.LOG_DAY
        )
        cols[2].selectbox("Category", categories, key=state.LOG_CATEGORY, persist_state="session")
        cols[3].text_input("Hours", placeholder="1.5 or 1:30", key=state.LOG_HOURS)
        st.text_input("Note (optional)", key=state.LOG_NOTE, max_chars=500)
        st.form_submit_button("Add entry", type="primary", on_click=_add, args=(url, project_id))
    show_message()


def show_message() -> None:
    """Show (once) what the last add or save did."""
    kind, text = st.session_state.pop(state.LOG_MESSAGE, (None, ""))
    if kind:
        getattr(st, kind)(text)


def _add(url: str, project_id: int) -> None:
    """Write the submitted entry (a callback: it runs before the page, so it may clear fields)."""
    ss = st.session_state
    person, day, category = ss[state.LOG_PERSON], ss[state.LOG_DAY], ss[state.LOG_CATEGORY]
    try:
        if not person:
            raise EntryError("Pick or type a person's name.")
        if day is None:
            raise EntryError("Pick a date.")
        seconds = parse_duration(ss[state.LOG_HOURS])
        entry = (project_id, person, day, category, seconds, ss[state.LOG_NOTE])
        if _unconfirmed_repeat(entry):
            return
        writes.add_entry(url, *entry)
    except (DurationError, EntryError, StoreError) as exc:
        ss[state.LOG_MESSAGE] = ("error", plain(exc))
        return
    ss[state.LOG_LAST] = entry
    ss[state.LOG_HOURS] = ss[state.LOG_NOTE] = ""
    ss[state.LOG_MESSAGE] = (
        "success",
        f"Logged {seconds / 3600:.2f} h of {plain(category)} for {plain(person)} on {day:%a %d %b}.",
    )


def _unconfirmed_repeat(entry: tuple) -> bool:
    """True (with a warning) the first time the entry just logged is submitted again."""
    ss = st.session_state
    repeat = ss.get(state.LOG_LAST) == entry and ss.get(state.LOG_REPEAT) != entry
    ss[state.LOG_REPEAT] = entry if repeat else None
    if repeat:
        ss[state.LOG_MESSAGE] = (
            "warning",
            "You just logged exactly this entry. Press Add entry again to log it a second time.",
        )
    return repeat
