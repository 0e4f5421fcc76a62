"""Settings: projects and their expected split, categories, team members, export and backup."""

import streamlit as st

from components import access, backup_view, cached, state, writes
from components.markdown import plain
from components.time.settings_forms import (
    categories_editor,
    create_project,
    expected_split_inputs,
    show_message,
)
from realitycheck.store import StoreError
from realitycheck.timelog.categories import Category
from realitycheck.timelog.summary import EntryError

access.require_editor()
url = cached.current_url()
st.title("Settings")
tab_projects, tab_people, tab_categories, tab_export = st.tabs(
    ["Projects", "Team", "Categories", "Export & backup"]
)

with tab_projects:
    with st.form("new_project"):
        st.markdown("**New project**")
        st.text_input("Name", max_chars=200, key=state.NEW_PROJECT_NAME)
        st.text_input("Description (optional)", max_chars=500, key=state.NEW_PROJECT_DESCRIPTION)
        expected_split_inputs({"data_work": 0.3, "modeling": 0.6, "other": 0.1}, "new")
        st.form_submit_button(
            "Create project", type="primary", on_click=create_project, args=(url, "new")
        )
    show_message()

    for project in cached.projects(url, include_archived=True):
        label = plain(project.name) + (" (archived)" if project.archived else "")
        with st.expander(label, expanded=False):
            with st.form(f"edit_{project.id}"):
                new_name = st.text_input("Name", project.name, max_chars=200)
                split = expected_split_inputs(project.expected, str(project.id))
                if st.form_submit_button("Save"):
                    try:
                        writes.update_project(url, project.id, new_name, split)
                        st.rerun()
                    except (EntryError, StoreError) as exc:
                        st.error(plain(exc))
            cols = st.columns(2)
            archive_label = "Unarchive" if project.archived else "Archive"
            if cols[0].button(archive_label, key=f"archive_{project.id}"):
                writes.archive_project(url, project.id, not project.archived)
                st.rerun()
            confirm = cols[1].checkbox(
                "I understand this deletes its entries", key=f"c_{project.id}"
            )
            if cols[1].button("Delete project", key=f"delete_{project.id}", disabled=not confirm):
                writes.delete_project(url, project.id)
                st.session_state.pop(state.PROJECT, None)
                st.rerun()

with tab_people:
    with st.form("add_person", clear_on_submit=True):
        person = st.text_input("Add a team member", max_chars=200, key=state.NEW_PERSON_NAME)
        if st.form_submit_button("Add") and person.strip():
            writes.add_person(url, person)
            st.rerun()
    for name in cached.people(url):
        cols = st.columns([3, 3, 1, 1], vertical_alignment="bottom")
        cols[0].text(name)
        new = cols[1].text_input("New name", key=f"rn_{name}", max_chars=200)
        if cols[2].button("Rename", key=f"rnb_{name}") and new.strip():
            try:
                writes.rename_person(url, name, new)
                st.rerun()
            except StoreError as exc:
                st.error(plain(exc))
        if cols[3].button("Remove", key=f"rm_{name}"):
            try:
                writes.remove_person(url, name)
                st.rerun()
            except StoreError as exc:
                st.error(plain(exc))

with tab_categories:
    st.caption(
        "Every entry belongs to a category, and every category to one activity group. "
        "Rename a category or move it to another group here, or add one in the last row."
    )
    frame = cached.categories(url).query("group != 'unsorted'")  # Unsorted is fixed
    categories_editor(url, [Category(r.category, r.group) for r in frame.itertuples()])

with tab_export:
    backup_view.export_section(url)
    st.divider()
    backup_view.backup_section(url)
    st.divider()
    backup_view.restore_section(url)
