"""Data reality: does the training set resemble production, and does the model hold up there?"""

import streamlit as st

from components import access, cached, sidebar, state, writes
from components.models import drift_view
from components.models.drift_inputs import choose_samples, choose_settings
from components.run_panel import run_and_show
from realitycheck.config import compare_budget

url = cached.current_url()
project = sidebar.selected_project(url, st.session_state.get(state.PROJECT))
st.title("Data reality")
st.caption(
    "Does the training set resemble production? A classifier tries to tell their rows apart, "
    "each feature is tested, and with a target each model's cross-validated promise is checked "
    "on production."
)

if not access.can_edit():
    # Viewers read the history; a check costs the server minutes and would be stored.
    st.info("Editors run data-reality checks; reopen a saved check below.")
else:
    samples = choose_samples()
    if samples is None:
        st.stop()
    target, seed = choose_settings(samples)
    key = (*samples.key, target, seed)
    run_and_show(
        "Check the data",
        key,
        (state.DRIFT_SHOWN, state.DRIFT_REOPEN),
        lambda: cached.drift_check(
            *key, budget=compare_budget(), _train=samples.train, _production=samples.production
        ),
        lambda result: writes.save_drift_run(url, project.id if project else None, result),
        lambda result: drift_view.results(result, key="current"),
    )

st.divider()
drift_view.history(url, project)
