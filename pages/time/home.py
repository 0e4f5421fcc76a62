"""Expectations vs reality: where the project's time really went, against the plan."""

import streamlit as st

from components import access, cached, sidebar, state
from components.figures import CONFIG
from components.time import charts
from realitycheck.timelog.categories import DATA_WORK, MODELING
from realitycheck.timelog.summary import (
    default_range,
    gap_sentence,
    summarize,
    unsorted_note,
    weekly_by_group,
)

url = cached.current_url()
project = sidebar.page_project(url, st.session_state.get(state.PROJECT))
st.title("Expectations vs reality")
if project.is_demo:
    st.caption("Sample data, made up to show the app: delete it in Settings once yours is in.")

first, last = cached.date_range(url, project.id)
if first is None:
    st.info("No time logged in this project yet. Log a few entries and this page fills in.")
    if access.can_edit():  # viewers have no Log time or Import page to link to
        st.page_link("pages/time/log_time.py", label="Log time", icon=":material/timer:")
        st.page_link(
            "pages/time/import_data.py", label="Import an export", icon=":material/upload_file:"
        )
    st.stop()

picked = st.sidebar.date_input(
    "Dates",
    value=default_range(first, last),
    help="The last 8 weeks of data to start with; any range back to the first entry.",
    min_value=first,
    max_value=max(last, first),
    key=f"home_dates_{project.id}",
)
since, until = (picked[0], picked[-1]) if picked else (first, last)
summary = summarize(cached.totals_by_category(url, project.id, since, until), project.expected)

st.subheader(gap_sentence(summary))
kpis = st.columns(3)
kpis[0].metric("Hours logged", f"{summary.hours_total:,.1f}")
for column, group, label in ((kpis[1], DATA_WORK, "Data work"), (kpis[2], MODELING, "Modeling")):
    share = summary.groups[group]
    column.metric(
        f"{label} share (expected {share.expected_share:.0%})",
        f"{share.share:.0%}",
        delta=f"{share.gap * 100:+.0f} pts vs plan",
        delta_color="off",
    )
if note := unsorted_note(summary):
    st.caption(f"{note}: the shares above are of the sorted hours.")
    if access.can_edit():
        st.page_link("pages/time/sort.py", label="Sort them", icon=":material/category:")

left, right = st.columns(2)
left.plotly_chart(charts.expected_vs_actual(summary), width="stretch", config=CONFIG)
weekly = weekly_by_group(cached.daily_by_group(url, project.id, since, until), since, until)
right.plotly_chart(charts.weekly_trend(weekly), width="stretch", config=CONFIG)

left, right = st.columns(2)
left.plotly_chart(charts.category_breakdown(summary.categories), width="stretch", config=CONFIG)
references = cached.references()
right.plotly_chart(charts.versus_published(summary, references), width="stretch", config=CONFIG)
for ref in references:
    right.caption(f"**{ref.label}**: {ref.citation} {ref.mapping_note}")
