"""Import: bring a Toggl, Clockify, Harvest, Jira/Tempo, WakaTime or CSV export into a project."""

import streamlit as st

from components import access, cached, sidebar, state, writes
from components.markdown import plain
from components.time import import_view, sync_view
from realitycheck.timelog.importers import FORMATS, ImportFormatError
from realitycheck.timelog.importers.plan import plan_rows, source_people, store_rows

access.require_editor()
url = cached.current_url()
project = sidebar.page_project(url, st.session_state.get(state.PROJECT))
st.title("Import time")
st.caption(f"Into {plain(project.name)}. Importing the same file twice adds nothing new.")
sync_view.sync_form(lambda *args: writes.sync_entries(url, project.id, *args))
upload = st.file_uploader("Export file (CSV or WakaTime JSON)", type=["csv", "tsv", "txt", "json"])
if upload is None:
    st.info("Export a detailed report from Toggl Track, Clockify, Harvest or Jira/Tempo, a "
            "WakaTime data dump, or any CSV with a date and a duration, and drop it here.")  # fmt: skip
    st.stop()

cols = st.columns(3)
fmt = cols[0].selectbox("Format", ["auto", *FORMATS], format_func=import_view.FORMAT_LABELS.get)
order = cols[1].selectbox(
    "Dates like 03/04", ["Detect", "Day first (DD/MM)", "Month first (MM/DD)"]
)
day_first = {"Detect": None, "Day first (DD/MM)": True}.get(order, False)
person = cols[2].text_input(
    "Person for rows without one", st.session_state.get(state.LOG_PERSON) or ""
)
try:
    parsed = cached.parse_upload(
        upload.getvalue(), upload.name, fmt, day_first, None, person or None
    )
    if parsed.format == "csv":
        mapping = import_view.column_mapping(parsed.columns, parsed.suggested_mapping)
        if mapping is None:
            st.info("Choose the date column and the duration column (or start and end).")
            st.stop()
        parsed = cached.parse_upload(
            upload.getvalue(), upload.name, "csv", day_first, mapping, person or None
        )
except ImportFormatError as exc:
    st.error(plain(exc))
    st.stop()
if parsed.ambiguous_dates and day_first is None:
    st.warning("Every date in this file could be day-first or month-first. Choose above.")
    st.stop()

label = import_view.FORMAT_LABELS[parsed.format]
st.success(f"{label}: {len(parsed.rows):,} entries, {parsed.total_seconds / 3600:,.2f} h.")
for warning in parsed.warnings:
    st.caption(plain(warning))
if parsed.errors:
    with st.expander(f"{len(parsed.errors):,} rows could not be read (the rest can be imported)"):
        st.dataframe(
            [{"row": e.row, "problem": e.message} for e in parsed.errors[:1000]], width="stretch"
        )
if parsed.rows.empty:
    st.stop()

categories = cached.categories(url).query("group != 'unsorted'")["category"].tolist()
left, right = st.columns([3, 2])
with left:
    st.subheader("Category rules")
    st.caption(
        "Your rules come first; built-in keywords (label → Labeling, etl → Pipelines, …) after."
    )
    rules = import_view.rules_editor(
        cached.rules(url, project.id), categories, f"rules_{project.id}"
    )
with right:
    st.subheader("People")
    people = import_view.people_editor(source_people(parsed), cached.people(url), "people_map")
unmapped = import_view.unmapped_picker(categories, upload.file_id)
planned = plan_rows(
    parsed, rules, people=people, default_person=person or None, unmapped_category=unmapped
)
planned["status"] = cached.import_status(url, project.id, store_rows(planned))
import_view.preview(planned)
import_view.import_button(url, project.id, planned, rules)
