"""The shared sidebar: the project picker every page reads, bound to the URL for deep links."""

from __future__ import annotations

import streamlit as st

from components import access, cached, state
from realitycheck.store import Project

FULL_NAME_AFTER = 24  # characters the sidebar's picker shows before it cuts a name off


def project_picker(url: str) -> Project | None:
    """Show the project picker in the sidebar and return the selected project.

    The address always carries ?project=: a visit from the browser's history or a bookmark
    opens the project used then, even after a new project sorts first. (Streamlit's own
    binding leaves the default choice out of the address, so it is done here.)
    """
    projects = cached.projects(url)
    if not projects:
        st.sidebar.info("No projects yet.")
        return None
    by_name = {p.name: p for p in projects}
    if st.session_state.get(state.PROJECT) not in by_name:
        asked = st.query_params.get(state.PROJECT)
        st.session_state[state.PROJECT] = asked if asked in by_name else projects[0].name
    name = st.sidebar.selectbox(
        "Project",
        list(by_name),
        key=state.PROJECT,
        help="Everything on these pages is for this project. The URL keeps it, so a link opens it.",
    )
    if st.query_params.get(state.PROJECT) != name:
        st.query_params[state.PROJECT] = name
    if name and len(name) > FULL_NAME_AFTER:
        st.sidebar.text(name)  # the picker cuts a long name off; plain text, never Markdown
    return by_name.get(name)


def selected_project(url: str, name: str | None) -> Project | None:
    """The project called `name` (the picker's value), or None."""
    return next((p for p in cached.projects(url) if p.name == name), None)


def page_project(url: str, name: str | None) -> Project:
    """The selected project for a page that needs one; stops the page when there is none."""
    return require_project(selected_project(url, name))


def require_project(project: Project | None) -> Project:
    """Stop the page with a helpful message when there is no project to show."""
    if project is None:
        st.info("Create a project first: the time log and standup are per project.")
        if access.can_edit():  # viewers have no Settings page to link to
            st.page_link(
                "pages/admin/settings.py", label="Go to Settings", icon=":material/settings:"
            )
        st.stop()
    return project
