"""The Run button both analysis pages share: run (cached), save when pressed, show the result."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from components.markdown import plain

Result = TypeVar("Result")


def run_and_show(
    label: str,
    key: tuple,
    state_keys: tuple[str, str],
    run: Callable[[], Result],
    save: Callable[[Result], object],
    show: Callable[[Result], None],
) -> None:
    """A Run button; pressed (or still on screen for `key`), run, save once and show the result.

    `state_keys` are the session keys of the result on screen and of the reopened saved run;
    pressing the button closes a reopened run so the new one shows. Bad input is one line.
    """
    shown_key, reopen_key = state_keys
    clicked = st.button(
        label, type="primary", icon=":material/play_arrow:",
        on_click=st.session_state.update, kwargs={reopen_key: None},
    )  # fmt: skip
    if st.session_state.get(reopen_key) is not None:
        return
    if not (clicked or st.session_state.get(shown_key) == key):
        return
    try:
        result = run()
    except ValueError as exc:  # the engines' dataset and budget errors: a message for the user
        st.error(plain(exc))
        st.stop()
    if clicked:
        save(result)
        st.session_state[shown_key] = key
    show(result)
