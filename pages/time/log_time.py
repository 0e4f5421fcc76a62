"""Log time: add an entry in seconds; fix or delete recent ones (with undo)."""

from datetime import date

import streamlit as st

from components import access, cached, sidebar, state, writes
from components.markdown import plain
from components.time.entry_table import diff_entries, entry_editor
from realitycheck.store import StoreError
from realitycheck.timelog.durations import DurationError, parse_duration
from realitycheck.timelog.summary import EntryError

access.require_editor()
url = cached.current_url()
project = sidebar.page_project(url, st.session_state.get(state.PROJECT))
st.title("Log time")
st.caption(f"Project: {plain(project.name)}")
categories = cached.categories(url)["category"].tolist()
people = cached.people(url)
st.session_state.setdefault(state.LOG_PERSON, people[0] if people else None)

with st.form("log_entry", clear_on_submit=False, border=True):
    cols = st.columns([2, 1.2, 2, 1])
    person = cols[0].selectbox(
        "Person",
        people,
        key=state.LOG_PERSON,
        accept_new_options=True,
        placeholder="Your name",
        persist_state="session",  # remembered across pages for the whole session
    )
    day = cols[1].date_input("Date", value=date.today(), key=state.LOG_DAY)
    category = cols[2].selectbox(
        "Category", categories, key=state.LOG_CATEGORY, persist_state="session"
    )
    hours = cols[3].text_input("Hours", placeholder="1.5 or 1:30", key=state.LOG_HOURS)
    note = st.text_input("Note (optional)", key=state.LOG_NOTE, max_chars=500)
    submitted = st.form_submit_button("Add entry", type="primary")

if submitted:
    try:
        if not person:
            raise EntryError("Pick or type a person's name.")
        seconds = parse_duration(hours)
        writes.add_entry(url, project.id, person, day, category, seconds, note)
    except (DurationError, EntryError, StoreError) as exc:
        st.error(plain(exc))
    else:
        st.success(
            f"Logged {seconds / 3600:.2f} h of {plain(category)} for {plain(person)} on {day:%a %d %b}."
        )

st.subheader("Recent entries")
undo = st.session_state.get(state.LAST_DELETED)
if undo and st.button(f"Undo delete ({len(undo)} entries)", icon=":material/undo:"):
    writes.restore_entries(url, undo)
    st.session_state.pop(state.LAST_DELETED)
    st.rerun()

entries = cached.recent_entries(url, project.id)
if entries.empty:
    st.info("No entries yet: add the first one above.")
    st.stop()
edited = entry_editor(entries, categories, key=f"entries_{project.id}")
if st.button("Save changes", icon=":material/save:"):
    edits = diff_entries(entries, edited)
    for message in edits.errors:
        st.error(plain(message))
    for entry_id, change in edits.updates.items():
        try:
            writes.update_entry(url, entry_id, **change)
        except (EntryError, StoreError) as exc:
            st.error(plain(exc))
    if edits.deletes:
        writes.delete_entries(url, edits.deletes)
        st.session_state[state.LAST_DELETED] = edits.deletes
    if not edits.errors:
        st.rerun()
