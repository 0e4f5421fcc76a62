"""Log time: add an entry in seconds; fix or delete recent ones (with undo)."""

import streamlit as st

from components import access, cached, sidebar, state, writes
from components.markdown import plural
from components.time.entry_table import editor_key, entry_editor, save_edits
from components.time.log_form import entry_form

access.require_editor()
url = cached.current_url()
project = sidebar.page_project(url, st.session_state.get(state.PROJECT))
st.title("Log time")
st.text(f"Project: {project.name}")
categories = cached.categories(url)["category"].tolist()
# This project's people first (the latest to log at the top), then the rest of the team.
mine = cached.project_people(url, project.id)
people = mine + [p for p in cached.people(url) if p not in mine]
st.session_state.setdefault(state.LOG_PERSON, mine[0] if mine else None)
entry_form(url, project.id, people, categories)

st.subheader("Recent entries")
undo = st.session_state.get(state.LAST_DELETED)
if undo and st.button(f"Undo delete ({plural(len(undo), 'entry')})", icon=":material/undo:"):
    writes.restore_entries(url, undo)
    st.session_state.pop(state.LAST_DELETED)
    st.rerun()

entries = cached.recent_entries(url, project.id)
if entries.empty:
    st.info("No entries yet: add the first one above.")
    st.stop()
edited = entry_editor(entries, categories, key=editor_key(project.id, entries))
if st.button("Save changes", icon=":material/save:"):
    save_edits(url, entries, edited)
