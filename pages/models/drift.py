"""Data reality: does the training set resemble production, and does the model hold up there?"""

import streamlit as st

from components import cached, sidebar, state, writes
from components.models import drift_view
from components.models.drift_inputs import choose_samples, choose_settings
from realitycheck.drift.inputs import DatasetError

url = cached.current_url()
project = sidebar.selected_project(url, st.session_state.get(state.PROJECT))
st.title("Data reality")
st.caption(
    "Does the training set resemble production? A classifier tries to tell their rows apart, "
    "each feature is tested, and with a target each model's cross-validated promise is checked "
    "on production."
)

samples = choose_samples()
if samples is None:
    st.stop()
target, seed = choose_settings(samples)
key = (*samples.key, target, seed)
clicked = st.button(
    "Check the data", type="primary", icon=":material/play_arrow:",
    on_click=st.session_state.update, kwargs={state.DRIFT_REOPEN: None},  # show the new check
)  # fmt: skip
reopened = st.session_state.get(state.DRIFT_REOPEN)

if reopened is None and (clicked or st.session_state.get(state.DRIFT_SHOWN) == key):
    try:
        result = cached.drift_check(*key, _train=samples.train, _production=samples.production)
    except (DatasetError, ValueError) as exc:
        st.error(str(exc))
        st.stop()
    if clicked:
        writes.save_drift_run(url, project.id if project else None, result)
        st.session_state[state.DRIFT_SHOWN] = key
    drift_view.results(result, key="current")

st.divider()
drift_view.history(url, project)
