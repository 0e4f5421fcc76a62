"""Standup: each person's hours since the last working day, their notes, and the team's week."""

import streamlit as st

from components import access, cached, sidebar, state, writes
from components.figures import CONFIG
from components.markdown import plain
from components.time import charts
from components.time.standup_view import (
    PRESENTATION_FONT,
    person_card,
    presentation_mode,
    share_link,
    standup_day,
)
from realitycheck.timelog.standup import to_markdown, week_start
from realitycheck.timelog.summary import gap_sentence, unsorted_note

url = cached.current_url()
project = sidebar.page_project(url, st.session_state.get(state.PROJECT))
day = standup_day()
present = st.sidebar.toggle("Presentation mode", key=state.PRESENT, bind="query-params")
presentation_mode(present)
report = cached.standup_report(url, project.id, day)

st.title(f"Standup — {day:%A %d %B}")
st.subheader(gap_sentence(report.week))
team = st.columns([1, 2])
team[0].metric(f"Team hours since {week_start(day):%a %d %b}", f"{report.week.hours_total:,.1f}")
figure = charts.expected_vs_actual(report.week, PRESENTATION_FONT if present else 14)
team[1].plotly_chart(figure, width="stretch", key="week_split", config=CONFIG)
if note := unsorted_note(report.week):
    team[0].caption(f"{note}: the shares are of the sorted hours.")
    if access.can_edit() and not present:
        team[0].page_link("pages/time/sort.py", label="Sort them", icon=":material/category:")

if not report.people:
    st.info(f"Nobody has logged time in {plain(project.name)} in the last two weeks.")
    if access.can_edit():  # viewers have no Log time page to link to
        st.page_link("pages/time/log_time.py", label="Log time", icon=":material/timer:")


def save(person: str, texts: dict[str, str]) -> None:
    """Save one person's note, then rerun so the summary below includes it."""
    writes.save_note(url, project.id, person, day, texts)
    st.toast(f"Saved {plain(person)}'s note.")
    st.rerun()


for update in report.people:
    person_card(update, f"{report.since:%a}", access.can_edit() and not present, save)

if not present:
    st.subheader("Share")
    st.caption("This link opens exactly this standup (project and date):")
    st.code(share_link(st.context.url, project.name, day.isoformat(), present), language=None)
    st.caption("Summary to paste into chat:")
    st.code(to_markdown(report), language="markdown")
