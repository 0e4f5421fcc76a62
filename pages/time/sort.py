"""Sort entries: imported hours no rule sorted, grouped, with suggestions learned from the team."""

import streamlit as st

from components import access, cached, sidebar, state, writes
from components.markdown import plain, plural
from components.time import sort_view
from realitycheck.timelog.suggest import DEFAULT_MIN_CONFIDENCE

access.require_editor()
url = cached.current_url()
project = sidebar.page_project(url, st.session_state.get(state.PROJECT))
st.title("Sort entries")
st.caption(f"In {plain(project.name)}: entries no rule sorted, grouped by project, task, tags and how "
           "the description starts. Sorting a group saves a rule for the next import.")  # fmt: skip


def undo() -> None:
    """Put back what the last sort changed."""
    _, outcome = st.session_state.pop(state.LAST_SORT)
    writes.undo_sorting(url, project.id, outcome)


last = st.session_state.get(state.LAST_SORT)
if last and last[0] == project.id:
    sort_view.undo_bar(last[1], undo)

fingerprint = cached.sorted_fingerprint(url, project.id)
groups = cached.unsorted_groups(url, project.id, fingerprint)
if groups.empty:
    st.info("Every hour in this project is sorted.")
    st.stop()

model = cached.suggester(url, project.id, fingerprint)
st.subheader(
    f"{groups['seconds'].sum() / 3600:,.1f} h in {plural(len(groups), 'group')} not yet sorted"
)
st.caption(model.summary() if model else "Suggestions appear once at least two categories "
           "have a few sorted entries each.")  # fmt: skip
categories = cached.categories(url).query("group != 'unsorted'")["category"].tolist()
picks = sort_view.groups_editor(groups, categories, f"{state.SORT_EDITOR}_{fingerprint[0]}")
confident = groups[groups["confidence"].fillna(-1) >= DEFAULT_MIN_CONFIDENCE]
cols = st.columns(2)
chosen = None
if cols[0].button(f"Sort {plural(len(picks), 'ticked group')}", type="primary", disabled=not picks):
    chosen = picks
label = f"Accept {len(confident):,} suggestions at {DEFAULT_MIN_CONFIDENCE:.0%} or more"
if cols[1].button(label, disabled=confident.empty):
    chosen = [(g, g["suggestion"]) for _, g in confident.iterrows()]
if chosen:
    st.session_state[state.LAST_SORT] = (project.id, writes.sort_entries(url, project.id, chosen))
    st.rerun()
