"""Pieces of the Standup page: presentation mode, a person's card, the share link."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from urllib.parse import urlencode

import streamlit as st

from components import state
from components.markdown import plain
from realitycheck.timelog.categories import GROUP_LABELS
from realitycheck.timelog.standup import PersonUpdate

# Constant CSS (no user text): hide the sidebar and Streamlit's header (it covered the Exit
# button), and enlarge every kind of text for a shared screen, notes included.
PRESENTATION_CSS = """
<style>
section[data-testid="stSidebar"], div[data-testid="stSidebarCollapsedControl"],
header[data-testid="stHeader"] {display: none;}
div[data-testid="stMainBlockContainer"] {max-width: 100%; padding-top: 1rem;}
div[data-testid="stMainBlockContainer"] p, div[data-testid="stMainBlockContainer"] li,
div[data-testid="stMainBlockContainer"] div[data-testid="stText"] {font-size: 1.35rem;}
div[data-testid="stMainBlockContainer"] div[data-testid="stCaptionContainer"],
div[data-testid="stMainBlockContainer"] div[data-testid="stCaptionContainer"] p {font-size: 1.2rem;}
div[data-testid="stMainBlockContainer"] div[data-testid="stMetricValue"] p,
div[data-testid="stMainBlockContainer"] div[data-testid="stMetricValue"] div {font-size: 2.8rem;}
div[data-testid="stMainBlockContainer"] div[data-testid="stMetricLabel"] p {font-size: 1.1rem;}
</style>
"""
PRESENTATION_FONT = 20  # px: chart text readable across a room


def presentation_mode(on: bool) -> None:
    """Large type and no sidebar, for the screen the whole team looks at."""
    if on:
        st.html(PRESENTATION_CSS)
        st.button(
            "Exit presentation", icon=":material/close_fullscreen:", on_click=_exit_presentation
        )


def standup_day() -> date:
    """The standup date: started from ?day= (else today), and always written back to the address.

    Not bound to the URL by Streamlit, which leaves a default value (today) out of the address,
    so a copied presentation-mode address lost its day.
    """
    if state.STANDUP_DAY not in st.session_state:
        st.session_state[state.STANDUP_DAY] = _parse_day(st.query_params.get(state.STANDUP_DAY))
    day = st.sidebar.date_input("Standup date", key=state.STANDUP_DAY)
    st.query_params[state.STANDUP_DAY] = day.isoformat()
    return day


def _parse_day(text: str | None) -> date:
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        return date.today()


def _exit_presentation() -> None:
    st.session_state[state.PRESENT] = False


def share_link(base_url: str | None, project: str, day_iso: str, present: bool) -> str:
    """The URL that opens exactly this standup (project, date, presentation mode)."""
    params = {state.PROJECT: project, state.STANDUP_DAY: day_iso}
    if present:
        params[state.PRESENT] = "true"
    return f"{base_url or ''}?{urlencode(params)}"


def person_card(
    update: PersonUpdate,
    since_label: str,
    editable: bool,
    on_save: Callable[[str, dict[str, str]], None],
) -> None:
    """One person's hours by group, top categories and (editable) yesterday/today/blockers."""
    with st.container(border=True):
        st.markdown(f"### {plain(update.person)}")
        cols = st.columns(4)
        cols[0].metric(f"Since {since_label}", f"{update.total_seconds / 3600:.1f} h")
        for col, (group, seconds) in zip(cols[1:], update.group_seconds.items(), strict=True):
            col.metric(GROUP_LABELS[group], f"{seconds / 3600:.1f} h")
        if update.top_categories:
            st.caption(
                "Top: "
                + ", ".join(f"{plain(c)} {s / 3600:.1f} h" for c, s in update.top_categories)
            )
        if not editable:
            for key in ("yesterday", "today", "blockers"):
                if text := update.note.get(key):
                    st.text(f"{key.capitalize()}: {text}")
            return
        with st.form(f"note_{update.person}", border=False):
            cols = st.columns(3)
            texts = {
                key: col.text_area(
                    key.capitalize(), update.note.get(key, ""), height=90, max_chars=2000
                )
                for col, key in zip(cols, ("yesterday", "today", "blockers"), strict=True)
            }
            if st.form_submit_button("Save note"):
                on_save(update.person, texts)
